// Rankings of evaluated estates and streets, and the periods they are read over (issue #15
// "Evaluations (检查评比)"; core/evaluation/README.md). Pure: no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/evaluation/grade_band.hpp"

namespace huanxin::core::evaluation {

// A period of evaluation: a month "2026-11", a quarter "2026-Q4" or a year "2026", as the first and
// the last Beijing date it holds ('YYYY-MM-DD', both inclusive).
struct Period {
  std::string text, kind;  // kind: month | quarter | year
  std::string first, last;
};
// nullopt for anything else ("2026-13", "2026-Q5", "26", "2026-1").
std::optional<Period> ParsePeriod(std::string_view text);
// The month period of a date 'YYYY-MM-DD' ("2026-11-20" → "2026-11").
std::string MonthOf(std::string_view date);

// The mean of `scores` in hundredths, rounded half up (scores are never negative: 0 ≤ score), as
// the Jiangxi evaluation rounds its points (REFERENCE.md §4.4; GB/T 8170-2008 §3.3 rounds a
// trailing 5 up for non-negative values when only one more digit is dropped, which is what half up
// gives here). Precondition: `scores` is not empty.
Score MeanHalfUp(const std::vector<Score>& scores);

// Competition ranking (标准竞赛排名, "1224"): entries with equal totals share the best rank of their
// group and the next entry's rank counts everyone ahead of it — 95, 95, 90 rank 1, 1, 3.
// `totals` in any order; the answer is each entry's rank, in the same order.
std::vector<int> CompetitionRanks(const std::vector<Score>& totals);

}  // namespace huanxin::core::evaluation
