// Sharing the cost of a lift added to one stairwell (REFERENCE.md §3.2). Pure: no I/O.
//
// Wuxi guidance formula: share = (total cost − fiscal subsidy + compensation to low-floor owners)
// × floor coefficient × exclusive area ÷ Σ(coefficient × area over all paying dwellings).
// Default table: the Guangzhou Dongpu example scheme — floors 1–2 pay nothing, 3F 0.7, 4F 0.8 …
// 9F 1.3 (extended here by +0.1 per floor above 9 [inference]).
// Basement and semi-basement dwellings (floor ≤ 0, as the register records them) lie below the lift's
// starting level (Wuxi: "floor 1 = the lift's starting level") and below the floors the Dongpu scheme
// already exempts, so by default they pay nothing and share the low-floor compensation like the other
// exempt dwellings [inference: no source names basements]. A deployment may instead give their floor
// a coefficient like any other floor (then they pay), or list it among the exempt floors (issue #11 §2;
// before, every stairwell with such a dwelling was refused).
// Shares are whole fen: each is rounded down and the fen left over go one each to the largest
// remainders (ties to the lower dwelling id), so the shares add up exactly to the amount. The
// compensation is split among the exempt dwellings by area the same way [inference: the sources
// name the compensation, not how it is divided].
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"

namespace huanxin::core::consult {

struct LiftDwelling {
  std::int64_t dwelling_id = 0;
  int floor = 1;
  std::int64_t area_dm2 = 0;
};

struct LiftCosts {
  std::int64_t total_fen = 0;
  std::int64_t subsidy_fen = 0;
  std::int64_t compensation_fen = 0;
  // Floors that pay nothing, whatever their coefficient; may list 0 and negative floors.
  std::set<int> exempt_floors{1, 2};
  // floor → coefficient × 1000, overriding the default table for those floors (0 and negative floors
  // too). Floors 1–2 have no default: one that is not exempt needs a coefficient here. Floors ≤ 0
  // without one are exempt (see above).
  std::map<int, std::int64_t> coefficient_milli;
};

struct LiftShare {
  std::int64_t dwelling_id = 0;
  int floor = 1;
  std::int64_t area_dm2 = 0;
  std::int64_t coefficient_milli = 0;
  bool exempt = false;
  std::int64_t share_fen = 0;
  std::int64_t compensation_fen = 0;
};

struct LiftShareResult {
  std::int64_t amount_fen = 0;     // total − subsidy + compensation
  std::int64_t total_weight = 0;   // Σ coefficient_milli × area_dm2 over paying dwellings
  std::vector<LiftShare> shares;   // in input order
};

// The default coefficient of a floor (Dongpu example): 0 for floors ≤ 2 (basements included),
// 700 + 100 × (floor − 3) from 3F.
std::int64_t DefaultCoefficientMilli(int floor);
// "0.7", "1.15", "1" → thousandths; nullopt when malformed, negative or above 100.
std::optional<std::int64_t> ParseCoefficient(std::string_view text);
std::string FormatCoefficient(std::int64_t milli);  // 700 → "0.7"

// Splits `amount` over weights exactly (largest remainder); weights must sum to > 0.
std::vector<std::int64_t> SplitExactly(std::int64_t amount, std::span<const std::int64_t> weights,
                                       std::span<const std::int64_t> tie_keys);

Result<LiftShareResult> ShareLiftCost(std::span<const LiftDwelling> dwellings, const LiftCosts& costs);

}  // namespace huanxin::core::consult
