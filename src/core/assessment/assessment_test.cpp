#include <gtest/gtest.h>

#include "core/assessment/kpi.hpp"
#include "core/assessment/scorecard.hpp"

namespace huanxin::core::assessment {
namespace {

using namespace std::chrono;

std::int64_t Input(const KpiValue& v, std::string_view name) {
  for (const auto& i : v.inputs)
    if (i.name == name) return i.value;
  ADD_FAILURE() << "no input " << name;
  return -1;
}

// Worked examples, one per KPI (issue #15 "each KPI formula on a worked example").
TEST(AssessmentKpi, StartRateOnAWorkedExample) {
  // 7 of 12 planned estates started: 7 ÷ 12 = 58.333… % → 58.33 %.
  auto v = StartRate(7, 12);
  EXPECT_EQ(v.kpi, Kpi::kStartRate);
  EXPECT_EQ(v.value, 5833);
  EXPECT_EQ(Input(v, "started"), 7);
  EXPECT_EQ(Input(v, "planned"), 12);
  EXPECT_EQ(StartRate(0, 0).value, std::nullopt);  // no plan: no rate, not 0 %
  EXPECT_EQ(StartRate(0, 3).value, 0);
}

TEST(AssessmentKpi, CompletionRateOnAWorkedExample) {
  // 1 of 8: 12.5 % exactly; 2 of 3: 66.666… → 66.67 % (half up).
  EXPECT_EQ(CompletionRate(1, 8).value, 1250);
  EXPECT_EQ(CompletionRate(2, 3).value, 6667);
  EXPECT_EQ(Input(CompletionRate(2, 3), "completed"), 2);
}

TEST(AssessmentKpi, FundExecutionOnAWorkedExample) {
  // Kunming 五华 2023 (REFERENCE.md §6): 190.78 ÷ 369.50 million yuan = 51.63 %.
  auto v = FundExecution(19078000000, 36950000000);
  EXPECT_EQ(v.value, 5163);
  EXPECT_EQ(Input(v, "paidFen"), 19078000000);
  EXPECT_EQ(Input(v, "receivedFen"), 36950000000);
  EXPECT_EQ(FundExecution(5, 0).value, std::nullopt);
}

TEST(AssessmentKpi, SatisfactionOnAWorkedExample) {
  // 9 of 11 rated tickets rated 4 or 5: 81.818… → 81.82 %.
  EXPECT_EQ(Satisfaction(9, 11).value, 8182);
  EXPECT_EQ(Satisfaction(0, 0).value, std::nullopt);
}

TEST(AssessmentKpi, TicketComplianceOnAWorkedExample) {
  // 17 of 20 settled by their due time: 85 %. Half up at the tie: 1 of 8000 = 0.0125 % → 0.01 %… and
  // 1 of 400 = 0.25 % exactly.
  EXPECT_EQ(TicketCompliance(17, 20).value, 8500);
  EXPECT_EQ(TicketCompliance(1, 400).value, 25);
  EXPECT_EQ(TicketCompliance(1, 80000).value, 0);   // 0.00125 % → 0.00
  EXPECT_EQ(TicketCompliance(1, 20000).value, 1);   // 0.005 % → 0.01 (half up)
}

TEST(AssessmentKpi, RectificationDaysOnAWorkedExample) {
  // Orders closed after 3, 4 and 6 working days: 13 ÷ 3 = 4.333… → 4.33 days.
  auto v = RectificationDays(13, 3);
  EXPECT_EQ(v.value, 433);
  EXPECT_EQ(Input(v, "closedOrders"), 3);
  EXPECT_EQ(RectificationDays(5, 2).value, 250);
  EXPECT_EQ(RectificationDays(1, 8).value, 13);  // 0.125 → 0.13 (half up)
  EXPECT_EQ(RectificationDays(0, 0).value, std::nullopt);
}

TEST(AssessmentKpi, ComputeAllInOrderWithFormulas) {
  KpiCounts c;
  c.planned = 4;
  c.started = 3;
  c.completed = 1;
  auto all = ComputeAll(c);
  ASSERT_EQ(all.size(), 6u);
  EXPECT_EQ(all[0].value, 7500);
  EXPECT_EQ(all[1].value, 2500);
  EXPECT_EQ(all[2].value, std::nullopt);
  for (std::size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(all[i].kpi, kKpis[i]);
    EXPECT_FALSE(KpiFormula(all[i].kpi).zh.empty());
    EXPECT_EQ(ParseKpi(KpiCode(all[i].kpi)), all[i].kpi);
  }
  EXPECT_NE(KpiFormula(Kpi::kStartRate).zh.find("已开工小区数"), std::string::npos);
}

calendar::WorkCalendar Calendar2026() {
  calendar::WorkCalendar cal;
  // National Day 2026: 1–7 October off, Saturday 10 October worked (REFERENCE.md §9).
  calendar::YearData y{2026, {}, {2026y / October / 10}};
  for (int d = 1; d <= 7; ++d) y.holidays.push_back(2026y / October / day(d));
  EXPECT_TRUE(cal.Add(y));
  return cal;
}

TEST(AssessmentKpi, WorkingDaysSkipHolidaysAndCountMakeUpDays) {
  auto cal = Calendar2026();
  // Issued Wednesday 30 September, closed Monday 12 October: 8–9 Oct (Thu, Fri), 10 Oct (make-up
  // Saturday), 12 Oct: 4 working days; the holiday week and Sunday 11 do not count.
  EXPECT_EQ(*WorkingDaysBetween(cal, 2026y / September / 30, 2026y / October / 12), 4);
  EXPECT_EQ(*WorkingDaysBetween(cal, 2026y / October / 12, 2026y / October / 12), 0);
  EXPECT_EQ(*WorkingDaysBetween(cal, 2026y / October / 12, 2026y / October / 13), 1);
  auto missing = WorkingDaysBetween(cal, 2026y / December / 30, 2027y / January / 4);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().reason, "calendar.year_not_loaded");
}

TEST(AssessmentDuty, DefaultMatrixFollowsTheIssue) {
  auto d = DefaultDuties();
  ASSERT_EQ(d.size(), 4u);
  EXPECT_EQ(d[0].department, "housing");
  EXPECT_EQ(d[1].kpis, std::vector<Kpi>{Kpi::kFundExecution});
  for (const auto& x : d) EXPECT_TRUE(ValidateDuty(x));
  auto twice = d[0];
  twice.kpis.push_back(Kpi::kStartRate);
  EXPECT_EQ(ValidateDuty(twice).error().reason, "assessment.invalid_duty");
  twice = d[0];
  twice.department = "";
  EXPECT_FALSE(ValidateDuty(twice));
}

TEST(AssessmentScorecard, EighteenIndicatorsInFiveGroupsSumTo100) {
  const auto& ind = JiangxiIndicators();
  ASSERT_EQ(ind.size(), 18u);
  ASSERT_EQ(JiangxiGroups().size(), 5u);
  Score sum = 0;
  for (const auto& i : ind) {
    sum += i.max;
    bool known = false;
    for (const auto& g : JiangxiGroups()) known = known || g.code == i.group;
    EXPECT_TRUE(known) << i.code;
  }
  EXPECT_EQ(sum, 10000);
  EXPECT_EQ(ind.front().zh, "当年计划开工");
  EXPECT_EQ(ind[15].zh, "居民满意度");
  EXPECT_EQ(ind.back().zh, "表扬激励");
}

TEST(AssessmentScorecard, PointsScaleLinearlyFromTheKpi) {
  const auto& start = *FindIndicator("I01");  // 10 points
  EXPECT_EQ(PointsFromKpi(start, 10000), 1000);
  EXPECT_EQ(PointsFromKpi(start, 5833), 583);  // 10 × 58.33 % = 5.833 → 5.83
  EXPECT_EQ(PointsFromKpi(start, 5835), 584);  // 5.835 → 5.84 (half up)
  EXPECT_EQ(PointsFromKpi(start, 12000), 1000);  // capped
  EXPECT_EQ(PointsFromKpi(start, std::nullopt), std::nullopt);
  const auto& rect = *FindIndicator("I17");  // 6 points, 10–30 working days
  EXPECT_EQ(PointsFromKpi(rect, 1000), 600);
  EXPECT_EQ(PointsFromKpi(rect, 1001), 600);  // 6 × 1999 ÷ 2000 = 5.997 → 6.00
  EXPECT_EQ(PointsFromKpi(rect, 2000), 300);
  EXPECT_EQ(PointsFromKpi(rect, 3000), 0);
  EXPECT_EQ(PointsFromKpi(rect, 2999), 0);    // 6 × 1 ÷ 2000 = 0.003 → 0.00
  EXPECT_EQ(PointsFromKpi(*FindIndicator("I05"), 10000), std::nullopt);  // no KPI maps
}

TEST(AssessmentScorecard, TotalAndGradeOnBothSidesOfTheBoundary) {
  std::vector<IndicatorScore> scores;
  for (const auto& i : JiangxiIndicators()) scores.push_back({i.code, i.max, false});
  auto full = TotalAndGrade(scores, evaluation::Boundary::kUpper);
  EXPECT_EQ(full.total, 10000);
  EXPECT_EQ(full.grade, "excellent");
  // Take 5 points off I01: exactly 95.
  scores[0].points -= 500;
  EXPECT_EQ(TotalAndGrade(scores, evaluation::Boundary::kUpper).total, 9500);
  EXPECT_EQ(TotalAndGrade(scores, evaluation::Boundary::kUpper).grade, "excellent");
  EXPECT_EQ(TotalAndGrade(scores, evaluation::Boundary::kLower).grade, "good");
  scores[0].points -= 1;  // 94.99
  EXPECT_EQ(TotalAndGrade(scores, evaluation::Boundary::kUpper).grade, "good");
  scores.resize(3);  // the rest unscored: 4.99 + 10 + 8 = 22.99
  auto low = TotalAndGrade(scores, evaluation::Boundary::kUpper);
  EXPECT_EQ(low.total, 2299);
  EXPECT_EQ(low.grade, "poor");
}

TEST(AssessmentScorecard, ScoresStayWithinTheIndicator) {
  EXPECT_TRUE(ValidateScore("I01", 1000));
  EXPECT_TRUE(ValidateScore("I01", 0));
  EXPECT_EQ(ValidateScore("I01", 1001).error().reason, "assessment.invalid_score");
  EXPECT_FALSE(ValidateScore("I01", -1));
  EXPECT_FALSE(ValidateScore("I19", 0));
}

TEST(AssessmentAction, OverdueIsOpenPastTheDeadline) {
  const calendar::Date today = 2026y / December / 4;
  EXPECT_EQ(EffectiveStatus(false, 2026y / December / 3, today), ActionStatus::kOverdue);
  EXPECT_EQ(EffectiveStatus(false, 2026y / December / 4, today), ActionStatus::kOpen);
  EXPECT_EQ(EffectiveStatus(true, 2026y / December / 3, today), ActionStatus::kDone);
  EXPECT_EQ(ActionStatusCode(ActionStatus::kOverdue), "overdue");
}

}  // namespace
}  // namespace huanxin::core::assessment
