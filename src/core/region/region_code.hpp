// Region codes: GB/T 2260 for province (2), city (4) and county (6) prefixes, the National Bureau of
// Statistics' 统计用区划代码 for street/town (9) and community/village committee (12); grids (网格)
// are ours: a community code plus 3 digits (15). ARCHITECTURE.md §1.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace huanxin::core::region {

enum class Level { kProvince, kCity, kCounty, kStreet, kCommunity, kGrid };

std::string_view LevelCode(Level level);  // "province" … "grid"
// The level of a code by its length; std::nullopt for non-digit codes or other lengths.
std::optional<Level> LevelOf(std::string_view code);
// The parent's code ("" for a province); std::nullopt for an invalid code.
std::optional<std::string> ParentOf(std::string_view code);

}  // namespace huanxin::core::region
