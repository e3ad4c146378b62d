// Grade bands (评定等次) of a score, as data (issue #15 "Evaluations, rankings and assessment";
// REFERENCE.md §4.4). Scores are integer hundredths of a point (95.5 points = 9550) so every
// comparison with a boundary is exact. Pure: no I/O.
//
// The Jiangxi annual performance evaluation (《江西省城镇老旧小区改造工作绩效评价办法(试行)》,
// 2022-10-27) grades a 100-point score as excellent > 95, good 85–95, pass 75–85, poor < 75. The
// text leaves the exact boundary scores ambiguous (is 95 excellent or good? is 85 good or pass?),
// and other provinces band differently (Chizhou 2020 called 85.81 "excellent"), so both the bands
// and which side a boundary score falls on are data (REFERENCE.md §4.4: "make inclusivity
// configurable").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"

namespace huanxin::core::evaluation {

// A score in hundredths of a point.
using Score = std::int64_t;

// One band: a score belongs to it when it is above `min` (or equal to it, when `min_inclusive`) and
// it did not belong to a higher band. The lowest band has no floor (`min` is ignored for it).
struct GradeBand {
  std::string code;   // "excellent", "good", "pass", "poor" (or the scheme's own codes)
  std::string zh, en;  // labels: 优秀 / excellent …
  Score min = 0;
  bool min_inclusive = true;
};

// Which side a score equal to a boundary falls on, for the built-in schemes.
enum class Boundary {
  kUpper,  // a boundary score takes the higher band: 95 → excellent, 85 → good, 75 → pass
  kLower,  // a boundary score takes the lower band: 95 → good, 85 → pass, 75 → poor
};
std::string_view BoundaryName(Boundary b);            // "upper" | "lower"
std::optional<Boundary> ParseBoundary(std::string_view s);

// The Jiangxi bands (REFERENCE.md §4.4), highest first, with boundaries on the given side.
std::vector<GradeBand> JiangxiBands(Boundary boundary);

// Checks a scheme: at least one band, codes non-empty and distinct, floors strictly decreasing from
// the highest band down (equal floors only when the higher band excludes its floor and the lower
// includes it, which leaves exactly the boundary score to the lower band). 422
// evaluation.invalid_bands naming the first fault.
Result<void> ValidateBands(const std::vector<GradeBand>& bands);

// The band of `score` (bands highest first, as ValidateBands accepts); the lowest band catches every
// score below the others. Precondition: ValidateBands(bands) succeeded.
const GradeBand& GradeOf(const std::vector<GradeBand>& bands, Score score);

// Parses a score written with at most two decimals ("95", "95.5", "95.25"), 0 ≤ score ≤ `max`
// (hundredths). 422 evaluation.invalid_score otherwise, naming `field`.
Result<Score> ParseScore(std::string_view text, Score max, std::string_view field);
// "95.50" → "95.5", "95.00" → "95": the shortest exact decimal.
std::string FormatScore(Score s);

}  // namespace huanxin::core::evaluation
