// The reserve pool's priority score (issue #12: "safety hazards first, build year, willingness,
// residents aged 60+"; REFERENCE.md §1.3: "hazardous old drainage and gas pipes, facilities
// residents strongly want … go first"). Pure.
//
// Each factor is a share in hundredths of one (0–10000) and the score is the weighted sum in
// hundredths of a point (0–10000 = 0–100.00 points):
//   safety       (3 × severe + 2 × larger hazards + hazards) / 10, capped at 1 — ten hazard points
//                already make an estate as urgent as it gets
//   age          years built before the cut-off year / 30, capped at 1 (extension estates: 0)
//   willingness  the latest willingness consultation's agreeing dwellings ÷ dwellings (0 without one)
//   elderly      residents aged 60+ ÷ residents (0 without household data)
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/error.hpp"

namespace huanxin::core::project {

struct PoolWeights {
  int safety = 40, age = 20, willingness = 25, elderly = 15;  // points; they need not add up to 100
};

struct PoolFacts {
  int built_year = 0, cutoff_year = 2000;
  std::int64_t severe = 0, larger_hazards = 0, hazards = 0, problems = 0;
  std::int64_t dwellings = 0;
  std::optional<std::int64_t> agreeing;  // dwellings agreeing in the latest willingness consultation
  std::int64_t residents = 0, aged_60_plus = 0;
};

struct PoolReason {
  std::string code;  // safety | age | willingness | elderly | no_checkup | no_consultation
  std::int64_t points = 0;  // hundredths of a point this factor contributes
  Text text;
};

struct PoolScore {
  std::int64_t score = 0;  // hundredths of a point
  std::string worst;       // severe | larger_hazard | hazard | problem | "" (none found)
  std::optional<std::int64_t> willingness_rate;  // hundredths of a percent
  std::vector<PoolReason> reasons;  // largest contribution first
};

PoolScore ScoreEstate(const PoolFacts& f, const PoolWeights& w);

}  // namespace huanxin::core::project
