#include "core/region/region_code.hpp"

#include "common/text.hpp"

namespace huanxin::core::region {

std::string_view LevelCode(Level level) {
  switch (level) {
    case Level::kProvince: return "province";
    case Level::kCity: return "city";
    case Level::kCounty: return "county";
    case Level::kStreet: return "street";
    case Level::kCommunity: return "community";
    case Level::kGrid: return "grid";
  }
  return "";
}

std::optional<Level> LevelOf(std::string_view code) {
  if (!IsDigits(code)) return std::nullopt;
  switch (code.size()) {
    case 2: return Level::kProvince;
    case 4: return Level::kCity;
    case 6: return Level::kCounty;
    case 9: return Level::kStreet;
    case 12: return Level::kCommunity;
    case 15: return Level::kGrid;
    default: return std::nullopt;
  }
}

std::optional<std::string> ParentOf(std::string_view code) {
  auto level = LevelOf(code);
  if (!level) return std::nullopt;
  static constexpr std::size_t kParentLen[] = {0, 2, 4, 6, 9, 12};
  return std::string(code.substr(0, kParentLen[static_cast<int>(*level)]));
}

}  // namespace huanxin::core::region
