// Exact decimal quantities with two fraction digits: area in dm² (0.01 m²) and money in fen
// (0.01 元), both int64. ARCHITECTURE.md §4–5: never floating point for money or area.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace huanxin {

// Writes hundredths as a plain decimal with exactly two fraction digits: 8537 → "85.37",
// -5 → "-0.05". Never an exponent.
std::string FormatHundredths(std::int64_t hundredths);

// Parses a plain decimal with at most two fraction digits ("85", "85.3", "85.37", "-1.5") into
// hundredths. Rejects exponents, more than two fraction digits, empty parts and overflow
// (std::nullopt).
std::optional<std::int64_t> ParseHundredths(std::string_view text);

// part/whole as a percentage in hundredths of a percent, rounded half up (2/3 → 6667, i.e.
// 66.67 %): rates people read (issue #11 §2). whole <= 0 gives 0. Exact integer arithmetic:
// (2·10000·part + whole) / (2·whole) in 128 bits, so no floating-point tie can round the wrong way.
std::int64_t PercentHundredths(std::int64_t part, std::int64_t whole);

}  // namespace huanxin
