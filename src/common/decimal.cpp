#include "common/decimal.hpp"

#include <limits>

namespace huanxin {

std::string FormatHundredths(std::int64_t hundredths) {
  // Work in unsigned magnitude so INT64_MIN does not overflow on negation.
  bool negative = hundredths < 0;
  std::uint64_t magnitude = negative ? 0 - static_cast<std::uint64_t>(hundredths)
                                     : static_cast<std::uint64_t>(hundredths);
  std::string out = negative ? "-" : "";
  out += std::to_string(magnitude / 100);
  out += '.';
  unsigned frac = static_cast<unsigned>(magnitude % 100);
  out += static_cast<char>('0' + frac / 10);
  out += static_cast<char>('0' + frac % 10);
  return out;
}

std::optional<std::int64_t> ParseHundredths(std::string_view text) {
  if (text.empty()) return std::nullopt;
  bool negative = false;
  if (text.front() == '-' || text.front() == '+') {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  auto dot = text.find('.');
  std::string_view whole = text.substr(0, dot);
  std::string_view frac = dot == std::string_view::npos ? std::string_view{} : text.substr(dot + 1);
  if (whole.empty()) return std::nullopt;
  if (dot != std::string_view::npos && (frac.empty() || frac.size() > 2)) return std::nullopt;
  constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
  std::int64_t value = 0;
  for (char c : whole) {
    if (c < '0' || c > '9') return std::nullopt;
    if (value > (kMax - (c - '0')) / 10) return std::nullopt;
    value = value * 10 + (c - '0');
  }
  if (value > kMax / 100) return std::nullopt;
  value *= 100;
  int scale = 10;
  for (char c : frac) {
    if (c < '0' || c > '9') return std::nullopt;
    value += (c - '0') * scale;
    scale /= 10;
  }
  return negative ? -value : value;
}

std::int64_t PercentHundredths(std::int64_t part, std::int64_t whole) {
  if (whole <= 0) return 0;
  // In 128 bits: areas in dm² summed over a large estate times 20 000 may pass 2^63.
  __extension__ typedef __int128 i128;
  return static_cast<std::int64_t>((static_cast<i128>(part) * 20000 + whole) / (static_cast<i128>(whole) * 2));
}

}  // namespace huanxin
