// Assessment KPIs of streets and departments (督查考核; issue #15 "Assessment of streets and
// departments"; docs/assessment.md). Each KPI is a pure formula over named counts that the store
// aggregates from the other contexts' data; the formula travels with the value so a page can show
// how it was computed. Rates are hundredths of a percent rounded half up (PercentHundredths);
// the closure time is hundredths of a working day. Pure: no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/error.hpp"
#include "common/result.hpp"
#include "core/calendar/work_calendar.hpp"

namespace huanxin::core::assessment {

enum class Kpi {
  kStartRate,          // 开工率: started estates ÷ planned estates of the year
  kCompletionRate,     // 完工率: completed estates ÷ planned estates of the year
  kFundExecution,      // 资金执行率: paid ÷ received in the funding ledger
  kSatisfaction,       // 居民满意度: ticket ratings 4–5 ÷ rated tickets
  kTicketCompliance,   // 诉求按时响应率: tickets settled by their due time ÷ tickets settled or past due
  kRectificationDays,  // 整改平均办结时长: mean working days from issue to close of closed orders
};
inline constexpr Kpi kKpis[] = {Kpi::kStartRate,    Kpi::kCompletionRate,   Kpi::kFundExecution,
                                Kpi::kSatisfaction, Kpi::kTicketCompliance, Kpi::kRectificationDays};

std::string_view KpiCode(Kpi k);  // start_rate, completion_rate, fund_execution, satisfaction, ticket_compliance, rectification_days
std::optional<Kpi> ParseKpi(std::string_view code);
Text KpiName(Kpi k);
Text KpiFormula(Kpi k);  // "开工率 = 已开工小区数 ÷ 计划改造小区数 × 100%" / English
// "percent_hundredths" for the rates, "working_day_hundredths" for the closure time.
std::string_view KpiUnit(Kpi k);

// One named number that went into a KPI ("planned" = 12).
struct KpiInput {
  std::string name;
  std::int64_t value = 0;
};

struct KpiValue {
  Kpi kpi = Kpi::kStartRate;
  std::optional<std::int64_t> value;  // nullopt when the denominator is 0 (no rate, not 0 %)
  std::vector<KpiInput> inputs;
};

// The counts of one region (a street, or the whole assessed region), as the store sums them.
struct KpiCounts {
  std::int64_t planned = 0, started = 0, completed = 0;  // estates of the year's programme
  std::int64_t received_fen = 0, paid_fen = 0;           // funding ledger of those projects
  std::int64_t rated = 0, satisfied = 0;                 // tickets of the year: rated, rated 4 or 5
  std::int64_t due = 0, on_time = 0;                     // tickets of the year: settled or past due; settled by due
  std::int64_t closed_orders = 0, closure_working_days = 0;  // orders closed in the year; their working days summed
};

// The formulas, each on the counts it names (REFERENCE.md §4.4 indicators; docs/assessment.md):
KpiValue StartRate(std::int64_t started, std::int64_t planned);
KpiValue CompletionRate(std::int64_t completed, std::int64_t planned);
KpiValue FundExecution(std::int64_t paid_fen, std::int64_t received_fen);
KpiValue Satisfaction(std::int64_t satisfied, std::int64_t rated);
KpiValue TicketCompliance(std::int64_t on_time, std::int64_t due);
// Mean of the orders' working days in hundredths of a day, half up; nullopt without closed orders.
KpiValue RectificationDays(std::int64_t total_working_days, std::int64_t closed_orders);
// All six, in kKpis order.
std::vector<KpiValue> ComputeAll(const KpiCounts& c);

// Working days from `from` (exclusive) to `to` (inclusive) on the official calendar: the day of
// issue does not count, the day of closing does (as time limits run "自次日起", ticket DueAt).
// 0 when `to` ≤ `from`. 422 calendar.year_not_loaded when a year of the span is not loaded.
Result<std::int64_t> WorkingDaysBetween(const calendar::WorkCalendar& cal, calendar::Date from, calendar::Date to);

// The department responsibility matrix (部门职责; issue #15: "住建 coordinates, 财政 funds, 自然资源
// approves plans, 城管 the surroundings"): which KPIs each department answers for.
struct DepartmentDuty {
  std::string department;  // code: housing, finance, natural_resources, urban_management, or the county's own
  std::string name_zh, name_en;
  std::string task;        // what it does, as written in the matrix
  std::vector<Kpi> kpis;
};
// The default matrix read from the issue text (admin-editable data once stored).
std::vector<DepartmentDuty> DefaultDuties();
// 422 assessment.invalid_duty: empty or over-long department / name, or a repeated KPI.
Result<void> ValidateDuty(const DepartmentDuty& d);

}  // namespace huanxin::core::assessment
