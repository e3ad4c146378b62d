#include "core/assessment/scorecard.hpp"

#include <algorithm>

namespace huanxin::core::assessment {

const std::vector<Group>& JiangxiGroups() {
  // REFERENCE.md §4.4: annual targets; reasonable content; working mechanisms; multi-channel
  // funding; overall evaluation.
  static const std::vector<Group> kGroups = {
      {"annual_targets", "年度目标任务", "Annual targets"},
      {"reasonable_content", "改造内容合理", "Reasonable content"},
      {"working_mechanisms", "工作机制", "Working mechanisms"},
      {"funding", "多渠道筹措资金", "Multi-channel funding"},
      {"overall", "综合评价", "Overall evaluation"},
  };
  return kGroups;
}

const std::vector<Indicator>& JiangxiIndicators() {
  // The 18 in the source's order (REFERENCE.md §4.4); the grouping and points are this project's
  // assumption (the source lists them without a split; docs/assessment.md).
  static const std::vector<Indicator> kIndicators = {
      {"I01", "annual_targets", "当年计划开工", "Start of this year's plan", 1000, Kpi::kStartRate},
      {"I02", "annual_targets", "上年计划完工", "Completion of last year's plan", 1000, Kpi::kCompletionRate},
      {"I03", "annual_targets", "中央补助资金使用", "Use of the central subsidy", 800, Kpi::kFundExecution},
      {"I04", "reasonable_content", "\"急难愁盼\"问题解决", "\"Urgent needs\" solved", 600, std::nullopt},
      {"I05", "working_mechanisms", "工作机制", "Working mechanisms", 500, std::nullopt},
      {"I06", "working_mechanisms", "项目储备库", "Project reserve bank", 400, std::nullopt},
      {"I07", "working_mechanisms", "居民参与", "Resident participation", 500, std::nullopt},
      {"I08", "working_mechanisms", "片区化改造", "Block-based renovation", 400, std::nullopt},
      {"I09", "working_mechanisms", "质量安全", "Quality and safety", 600, std::nullopt},
      {"I10", "working_mechanisms", "水电气热信等专营设施产权移交", "Transfer of utility asset ownership", 400, std::nullopt},
      {"I11", "working_mechanisms", "周边闲置用房利用", "Use of surrounding idle buildings", 300, std::nullopt},
      {"I12", "working_mechanisms", "审批简化", "Simplified approval", 300, std::nullopt},
      {"I13", "funding", "市场化运作", "Market operation", 400, std::nullopt},
      {"I14", "funding", "资金筹措", "Funds raised", 400, std::nullopt},
      {"I15", "funding", "地方财政补助", "Local fiscal subsidy", 400, std::nullopt},
      {"I16", "overall", "居民满意度", "Resident satisfaction", 1000, Kpi::kSatisfaction},
      {"I17", "overall", "上级发现问题整改", "Rectification of problems found by higher levels", 600, Kpi::kRectificationDays},
      {"I18", "overall", "表扬激励", "Commendations", 400, std::nullopt},
  };
  return kIndicators;
}

const Indicator* FindIndicator(std::string_view code) {
  for (const auto& i : JiangxiIndicators())
    if (i.code == code) return &i;
  return nullptr;
}

namespace {
// a × b ÷ c, half up, for non-negative operands small enough (points and capped rates) not to overflow.
std::int64_t MulDivHalfUp(std::int64_t a, std::int64_t b, std::int64_t c) { return (2 * a * b + c) / (2 * c); }
}  // namespace

std::optional<Score> PointsFromKpi(const Indicator& ind, std::optional<std::int64_t> kpi_value) {
  if (!ind.kpi || !kpi_value) return std::nullopt;
  const auto v = std::max<std::int64_t>(*kpi_value, 0);
  if (*ind.kpi == Kpi::kRectificationDays) {
    const std::int64_t full = kFullPointsDays * 100, zero = kZeroPointsDays * 100;
    if (v <= full) return ind.max;
    if (v >= zero) return Score{0};
    return MulDivHalfUp(ind.max, zero - v, zero - full);
  }
  return MulDivHalfUp(ind.max, std::min<std::int64_t>(v, 10000), 10000);
}

Totals TotalAndGrade(const std::vector<IndicatorScore>& scores, evaluation::Boundary boundary) {
  Totals t;
  for (const auto& s : scores) t.total += s.points;
  static const auto kUpper = evaluation::JiangxiBands(evaluation::Boundary::kUpper);
  static const auto kLower = evaluation::JiangxiBands(evaluation::Boundary::kLower);
  const auto& band = evaluation::GradeOf(boundary == evaluation::Boundary::kUpper ? kUpper : kLower, t.total);
  t.grade = band.code;
  t.grade_zh = band.zh;
  t.grade_en = band.en;
  return t;
}

Result<void> ValidateScore(std::string_view code, Score points) {
  const auto* ind = FindIndicator(code);
  if (!ind)
    return MakeError(ErrorCode::kUnprocessable, "assessment.invalid_score", Text("指标不存在", "no such indicator"),
                     Text("指标代码 " + std::string(code) + " 不在江西省绩效评价18项二级指标中",
                          "indicator " + std::string(code) + " is not one of Jiangxi's 18"),
                     Text("请使用 I01–I18", "use I01–I18"));
  if (points < 0 || points > ind->max)
    return MakeError(ErrorCode::kUnprocessable, "assessment.invalid_score", Text("得分超出范围", "score out of range"),
                     Text(ind->zh + " 的得分须在 0 到 " + evaluation::FormatScore(ind->max) + " 分之间",
                          ind->en + " takes 0 to " + evaluation::FormatScore(ind->max) + " points"),
                     Text("请按指标分值填写", "enter a score within the indicator's points"));
  return Ok();
}

std::string_view ActionStatusCode(ActionStatus s) {
  switch (s) {
    case ActionStatus::kOpen: return "open";
    case ActionStatus::kDone: return "done";
    case ActionStatus::kOverdue: return "overdue";
  }
  return "open";
}

ActionStatus EffectiveStatus(bool done, calendar::Date deadline, calendar::Date today) {
  if (done) return ActionStatus::kDone;
  return std::chrono::sys_days{deadline} < std::chrono::sys_days{today} ? ActionStatus::kOverdue : ActionStatus::kOpen;
}

}  // namespace huanxin::core::assessment
