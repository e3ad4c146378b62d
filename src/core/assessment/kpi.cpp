#include "core/assessment/kpi.hpp"

#include <algorithm>
#include <chrono>

#include "common/decimal.hpp"

namespace huanxin::core::assessment {

namespace {

struct KpiInfo {
  Kpi kpi;
  std::string_view code, zh, en, formula_zh, formula_en, unit;
};

constexpr KpiInfo kInfo[] = {
    {Kpi::kStartRate, "start_rate", "开工率", "plan start rate", "开工率 = 已开工小区数 ÷ 计划改造小区数 × 100%",
     "start rate = started estates ÷ planned estates × 100%", "percent_hundredths"},
    {Kpi::kCompletionRate, "completion_rate", "完工率", "completion rate", "完工率 = 已完工小区数 ÷ 计划改造小区数 × 100%",
     "completion rate = completed estates ÷ planned estates × 100%", "percent_hundredths"},
    {Kpi::kFundExecution, "fund_execution", "资金执行率", "fund execution", "资金执行率 = 已支付资金 ÷ 到位资金 × 100%",
     "fund execution = paid ÷ received × 100%", "percent_hundredths"},
    {Kpi::kSatisfaction, "satisfaction", "居民满意度", "resident satisfaction",
     "居民满意度 = 评价4–5星的诉求数 ÷ 已评价诉求数 × 100%", "satisfaction = tickets rated 4–5 ÷ rated tickets × 100%",
     "percent_hundredths"},
    {Kpi::kTicketCompliance, "ticket_compliance", "诉求按时响应率", "ticket response compliance",
     "按时响应率 = 时限内办结的诉求数 ÷ (已办结或已超时限的诉求数) × 100%",
     "compliance = tickets settled by their due time ÷ tickets settled or past due × 100%", "percent_hundredths"},
    {Kpi::kRectificationDays, "rectification_days", "整改平均办结时长", "rectification closure time",
     "整改平均办结时长 = 已销号整改单的办结工作日之和 ÷ 已销号整改单数",
     "closure time = sum of working days from issue to close ÷ closed orders", "working_day_hundredths"},
};

const KpiInfo& Info(Kpi k) {
  for (const auto& i : kInfo)
    if (i.kpi == k) return i;
  return kInfo[0];
}

KpiValue Rate(Kpi k, std::int64_t part, std::int64_t whole, std::string_view part_name, std::string_view whole_name) {
  KpiValue v{k, std::nullopt, {{std::string(part_name), part}, {std::string(whole_name), whole}}};
  if (whole > 0) v.value = PercentHundredths(part, whole);
  return v;
}

}  // namespace

std::string_view KpiCode(Kpi k) { return Info(k).code; }

std::optional<Kpi> ParseKpi(std::string_view code) {
  for (const auto& i : kInfo)
    if (i.code == code) return i.kpi;
  return std::nullopt;
}

Text KpiName(Kpi k) { return Text(std::string(Info(k).zh), std::string(Info(k).en)); }
Text KpiFormula(Kpi k) { return Text(std::string(Info(k).formula_zh), std::string(Info(k).formula_en)); }
std::string_view KpiUnit(Kpi k) { return Info(k).unit; }

// Jiangxi's indicators "当年计划开工" and "上年计划完工" measure against the plan (REFERENCE.md §4.4);
// the plan here is the estates listed in the year's projects at planned or later.
KpiValue StartRate(std::int64_t started, std::int64_t planned) {
  return Rate(Kpi::kStartRate, started, planned, "started", "planned");
}
KpiValue CompletionRate(std::int64_t completed, std::int64_t planned) {
  return Rate(Kpi::kCompletionRate, completed, planned, "completed", "planned");
}
// As core/project/funds.hpp ExecutionRate (Kunming 五华 2023, REFERENCE.md §6): paid ÷ received.
KpiValue FundExecution(std::int64_t paid_fen, std::int64_t received_fen) {
  return Rate(Kpi::kFundExecution, paid_fen, received_fen, "paidFen", "receivedFen");
}
// As the ticket figures (core/ticket ComputeFigures): ratings 4–5 among the rated.
KpiValue Satisfaction(std::int64_t satisfied, std::int64_t rated) {
  return Rate(Kpi::kSatisfaction, satisfied, rated, "satisfied", "rated");
}
KpiValue TicketCompliance(std::int64_t on_time, std::int64_t due) {
  return Rate(Kpi::kTicketCompliance, on_time, due, "onTime", "due");
}

KpiValue RectificationDays(std::int64_t total_working_days, std::int64_t closed_orders) {
  KpiValue v{Kpi::kRectificationDays, std::nullopt,
             {{"workingDays", total_working_days}, {"closedOrders", closed_orders}}};
  // Mean in hundredths, half up: (200·total + n) / (2n), exact in integers.
  if (closed_orders > 0) v.value = (200 * total_working_days + closed_orders) / (2 * closed_orders);
  return v;
}

std::vector<KpiValue> ComputeAll(const KpiCounts& c) {
  return {StartRate(c.started, c.planned),       CompletionRate(c.completed, c.planned),
          FundExecution(c.paid_fen, c.received_fen), Satisfaction(c.satisfied, c.rated),
          TicketCompliance(c.on_time, c.due),    RectificationDays(c.closure_working_days, c.closed_orders)};
}

Result<std::int64_t> WorkingDaysBetween(const calendar::WorkCalendar& cal, calendar::Date from, calendar::Date to) {
  std::int64_t n = 0;
  for (auto d = std::chrono::sys_days{from} + std::chrono::days{1}; d <= std::chrono::sys_days{to}; d += std::chrono::days{1}) {
    auto w = cal.IsWorkingDay(calendar::Date{d});
    if (!w) return std::move(w).error();
    if (*w) ++n;
  }
  return n;
}

std::vector<DepartmentDuty> DefaultDuties() {
  return {
      {"housing", "住房和城乡建设局", "Housing and urban-rural development", "牵头协调、计划开工完工、质量安全、整改",
       {Kpi::kStartRate, Kpi::kCompletionRate, Kpi::kRectificationDays}},
      {"finance", "财政局", "Finance", "资金保障与拨付", {Kpi::kFundExecution}},
      {"natural_resources", "自然资源局", "Natural resources", "规划方案审批", {Kpi::kStartRate}},
      {"urban_management", "城市管理局", "Urban management", "小区周边环境整治、居民诉求办理",
       {Kpi::kTicketCompliance, Kpi::kSatisfaction}},
  };
}

Result<void> ValidateDuty(const DepartmentDuty& d) {
  auto bad = [](const char* zh, const char* en) {
    return MakeError(ErrorCode::kUnprocessable, "assessment.invalid_duty", Text("部门职责无效", "invalid department duty"),
                     Text(zh, en), Text("请填写部门代码、名称，KPI不要重复", "give the department code and name, each KPI once"));
  };
  if (d.department.empty() || d.department.size() > 64) return bad("部门代码为空或超过64字符", "department code empty or over 64 characters");
  if (d.name_zh.empty() || d.name_zh.size() > 200) return bad("部门名称为空或过长", "department name empty or too long");
  if (d.task.size() > 2000) return bad("职责说明过长", "task text too long");
  for (std::size_t i = 0; i < d.kpis.size(); ++i)
    for (std::size_t j = i + 1; j < d.kpis.size(); ++j)
      if (d.kpis[i] == d.kpis[j]) return bad("KPI重复", "a KPI is listed twice");
  return Ok();
}

}  // namespace huanxin::core::assessment
