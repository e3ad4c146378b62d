// The annual performance evaluation (年度绩效评价) as a scorecard template, and the joint meetings'
// action items (issue #15; REFERENCE.md §4.4; docs/assessment.md). Jiangxi's 《江西省城镇老旧小区改造
// 工作绩效评价办法(试行)》 (2022-10-27) scores 100 points over 5 first-level and 18 second-level
// indicators; the source gives no split of the points, so the split below is this project's
// assumption (docs/assessment.md). Points are hundredths (core/evaluation Score). Pure.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "common/result.hpp"
#include "core/assessment/kpi.hpp"
#include "core/calendar/work_calendar.hpp"
#include "core/evaluation/grade_band.hpp"

namespace huanxin::core::assessment {

using evaluation::Score;

struct Group {
  std::string code, zh, en;
};

struct Indicator {
  std::string code;   // I01 … I18
  std::string group;  // the first-level indicator's code
  std::string zh, en;
  Score max = 0;             // hundredths of a point
  std::optional<Kpi> kpi;    // the KPI its score is computed from, when one maps
};

// The five first-level indicators, in the source's order.
const std::vector<Group>& JiangxiGroups();
// The eighteen second-level indicators, in the source's order; their max points sum to 100.
const std::vector<Indicator>& JiangxiIndicators();
const Indicator* FindIndicator(std::string_view code);

// The closure-time scale of 上级发现问题整改 (an assumption, docs/assessment.md): full points for a
// mean of at most kFullPointsDays working days, none from kZeroPointsDays, linear between.
inline constexpr std::int64_t kFullPointsDays = 10, kZeroPointsDays = 30;

// Points of an indicator computed from its KPI (hundredths of a day or of a percent), half up:
// a rate r earns max × r ÷ 100 % (capped at max); the closure time d earns max for d ≤ 10 days,
// 0 for d ≥ 30, max × (30 − d) ÷ 20 between. nullopt when the KPI has no value.
std::optional<Score> PointsFromKpi(const Indicator& ind, std::optional<std::int64_t> kpi_value);

// One indicator's score as the evaluation holds it.
struct IndicatorScore {
  std::string code;
  Score points = 0;
  bool computed = false;  // from the KPI (true) or entered (false)
};

struct Totals {
  Score total = 0;
  std::string grade;  // band code
  std::string grade_zh, grade_en;
};
// The total of the scores and its band (core/evaluation GradeOf on the Jiangxi bands, boundary
// side as configured). Unscored indicators count 0.
Totals TotalAndGrade(const std::vector<IndicatorScore>& scores, evaluation::Boundary boundary);

// 422 assessment.invalid_score: unknown indicator, or points outside 0 … the indicator's max.
Result<void> ValidateScore(std::string_view code, Score points);

// An action item of a joint meeting: open, done, or overdue (open and its deadline before today,
// Beijing date; the deadline day itself is still on time).
enum class ActionStatus { kOpen, kDone, kOverdue };
std::string_view ActionStatusCode(ActionStatus s);
// The stored status is open | done; overdue is derived.
ActionStatus EffectiveStatus(bool done, calendar::Date deadline, calendar::Date today);

}  // namespace huanxin::core::assessment
