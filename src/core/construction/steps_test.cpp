#include "core/construction/steps.hpp"

#include <gtest/gtest.h>

namespace huanxin::core::construction {
namespace {

using namespace std::chrono;

Step S(std::string code, std::vector<StepPredecessor> preds = {}, std::string crew = "pipe", int count = 1) {
  Step s;
  s.code = code;
  s.name = "工序" + code;
  s.crew_type = std::move(crew);
  s.crew_count = count;
  s.duration_days = 2;
  s.predecessors = std::move(preds);
  return s;
}

Step Lay(std::string code, std::string segment, std::string utility, bool split = false) {
  Step s = S(std::move(code));
  s.trench = Trench{std::move(segment), std::move(utility), split};
  s.disruption = Disruption{"water", {7, 8}};
  return s;
}

std::string Detail(const Result<void>& r) { return r ? "" : r.error().detail.zh + " | " + r.error().detail.en; }

TEST(Steps, ValidListPasses) {
  EXPECT_TRUE(ValidateSteps({S("a"), S("b", {{"a", "FS", 0}}), S("c", {{"a", "SS", 2}, {"b", "FS", 1}})}, {}));
}

TEST(Steps, CycleIsRefusedNamingItsSteps) {
  auto r = ValidateSteps({S("a", {{"c", "FS", 0}}), S("b", {{"a", "FS", 0}}), S("c", {{"b", "FS", 0}}), S("d")}, {});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().reason, "construction.invalid_steps");
  const auto d = Detail(r);
  EXPECT_NE(d.find("cycle"), std::string::npos) << d;
  for (auto code : {"a", "b", "c"}) EXPECT_NE(d.find(code), std::string::npos) << d;
  EXPECT_EQ(d.find(" d "), std::string::npos) << d;
}

TEST(Steps, UnknownPredecessorSelfAndRepeatsAreNamed) {
  auto r = ValidateSteps({S("a", {{"zz", "FS", 0}}), S("b", {{"b", "FS", 0}}), S("a")}, {});
  ASSERT_FALSE(r);
  const auto d = Detail(r);
  EXPECT_NE(d.find("predecessor zz"), std::string::npos) << d;
  EXPECT_NE(d.find("step b: cannot precede itself"), std::string::npos) << d;
  EXPECT_NE(d.find("step a: the code is repeated"), std::string::npos) << d;
}

TEST(Steps, CrewLargerThanCapacityIsRefusedAtTheBoundary) {
  EXPECT_TRUE(ValidateSteps({S("a", {}, "pipe", 3)}, {{"pipe", 3}}));
  auto r = ValidateSteps({S("a", {}, "pipe", 4)}, {{"pipe", 3}});
  ASSERT_FALSE(r);
  EXPECT_NE(Detail(r).find("needs 4 pipe crews, more than the 3 available"), std::string::npos) << Detail(r);
  EXPECT_TRUE(ValidateSteps({S("a", {}, "paving", 9)}, {{"pipe", 3}}));  // types without a capacity: at the run
}

TEST(Steps, FieldsOutOfRangeAreEachNamed) {
  Step s = S("x", {{"y", "XX", 400}});
  s.duration_days = 0;
  s.crew_count = 101;
  s.window = "summer";
  s.disruption = Disruption{"flood", {}};
  s.trench = Trench{"", "oil", false};
  auto r = ValidateSteps({s, S("y"), S("open:y")}, {});
  ASSERT_FALSE(r);
  const auto d = Detail(r);
  for (auto part : {"duration 0", "crew count 101", "unknown window summer", "unknown disruption kind flood",
                    "unknown utility oil", "segment must have", "type XX", "lag 400", "kept for the generated"})
    EXPECT_NE(d.find(part), std::string::npos) << part << " in " << d;
}

TEST(DigOnce, FourUtilitiesOnOneSegmentMakeOneOpening) {
  auto e = ExpandOpenings({Lay("w", "S1", "water"), Lay("d", "S1", "drainage"), Lay("g", "S1", "gas"),
                           Lay("p", "S1", "power")});
  EXPECT_EQ(e.openings.merged, 1);
  EXPECT_EQ(e.openings.naive, 4);
  ASSERT_EQ(e.steps.size(), 7u);
  EXPECT_EQ(e.steps[4].code, "open:S1");
  EXPECT_EQ(e.steps[5].code, "backfill:S1");
  EXPECT_EQ(e.steps[6].code, "resurface:S1");
  EXPECT_EQ(e.steps[5].predecessors.size(), 4u);  // backfill after all four layings
  for (int i = 0; i < 4; ++i) EXPECT_EQ(e.steps[i].predecessors.back().code, "open:S1");
  EXPECT_EQ(e.steps[4].disruption->kind, "road");
  EXPECT_EQ(e.steps[4].disruption->building_ids, (std::vector<std::int64_t>{7, 8}));
}

TEST(DigOnce, TwoSegmentsMakeTwoOpeningsAndASplitMakesItsOwn) {
  auto e = ExpandOpenings({Lay("w1", "S1", "water"), Lay("d1", "S1", "drainage"), Lay("w2", "S2", "water"),
                           Lay("d2", "S2", "drainage")});
  EXPECT_EQ(e.openings.merged, 2);
  EXPECT_EQ(e.openings.naive, 4);
  EXPECT_EQ(e.steps.size(), 10u);
  auto split = ExpandOpenings({Lay("w1", "S1", "water"), Lay("g1", "S1", "gas", true)});
  EXPECT_EQ(split.openings.merged, 2);
  EXPECT_EQ(split.openings.naive, 2);
  EXPECT_EQ(split.steps[2].code, "open:S1");
  EXPECT_EQ(split.steps[5].code, "open:S1:gas");
}

TEST(DigOnce, ExpandingTwiceDropsTheOldOpenings) {
  auto once = ExpandOpenings({Lay("w", "S1", "water")});
  auto twice = ExpandOpenings(once.steps);
  EXPECT_EQ(twice.steps.size(), once.steps.size());
  EXPECT_EQ(twice.steps[0].predecessors.size(), 1u);
}

TEST(Seasons, MonthDaysParseStrictly) {
  EXPECT_TRUE(ParseMonthDay("02-29"));
  EXPECT_FALSE(ParseMonthDay("02-30"));
  EXPECT_FALSE(ParseMonthDay("13-01"));
  EXPECT_FALSE(ParseMonthDay("1-01"));
  EXPECT_FALSE(ParseMonthDay("01/01"));
  EXPECT_EQ(FormatMonthDay(*ParseMonthDay("11-05")), "11-05");
}

TEST(Seasons, HeatingSeasonWrapsTheYearBothSidesOfEachBoundary) {
  Seasons s;
  s.heating = Season{{10, 20}, {4, 20}};  // 望奎-like: 20 Oct – 20 Apr
  EXPECT_FALSE(Forbidden(s, "outside_heating", 2026y / October / 19));
  EXPECT_TRUE(Forbidden(s, "outside_heating", 2026y / October / 20));
  EXPECT_TRUE(Forbidden(s, "outside_heating", 2027y / January / 1));
  EXPECT_TRUE(Forbidden(s, "outside_heating", 2026y / April / 20));
  EXPECT_FALSE(Forbidden(s, "outside_heating", 2026y / April / 21));
  EXPECT_FALSE(Forbidden(s, "outside_frost", 2026y / January / 1));  // no frost window defined
}

TEST(Seasons, FrostWindowAndExamDays) {
  Seasons s;
  s.frost = Season{{12, 1}, {2, 28}};
  s.exam_days = {{6, 7}, {6, 8}};
  EXPECT_FALSE(Forbidden(s, "outside_frost", 2026y / November / 30));
  EXPECT_TRUE(Forbidden(s, "outside_frost", 2026y / December / 1));
  EXPECT_TRUE(Forbidden(s, "outside_frost", 2026y / February / 28));
  EXPECT_FALSE(Forbidden(s, "outside_frost", 2026y / March / 1));
  EXPECT_FALSE(Forbidden(s, "no_exam_days", 2026y / June / 6));
  EXPECT_TRUE(Forbidden(s, "no_exam_days", 2026y / June / 7));
  EXPECT_TRUE(Forbidden(s, "no_exam_days", 2026y / June / 8));
  EXPECT_FALSE(Forbidden(s, "no_exam_days", 2026y / June / 9));
  s.exam_days.push_back({6, 7});
  EXPECT_FALSE(ValidateSeasons(s));
}

TEST(BuildProblem, CrewsCalendarWindowsAndDisruptionGroups) {
  auto e = ExpandOpenings({Lay("w", "S1", "water"), Lay("h", "S1", "heating")});
  e.steps[1].window = "outside_heating";
  PlanCalendar cal{2026y / October / 18, std::vector<bool>(10, true)};
  cal.work[3] = false;
  Seasons seasons;
  seasons.heating = Season{{10, 20}, {4, 20}};
  auto missing = BuildProblem(e.steps, {{"pipe", 2}}, cal, seasons, {});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().reason, "construction.crew_missing");
  EXPECT_NE(missing.error().detail.en.find("earthwork"), std::string::npos);
  auto b = BuildProblem(e.steps, {{"pipe", 2}, {"earthwork", 1}, {"paving", 1}}, cal, seasons, {{7, 30}, {8, 24}});
  ASSERT_TRUE(b) << b.error().detail.en;
  const auto& p = b->problem;
  ASSERT_EQ(p.activities.size(), 5u);
  EXPECT_EQ(p.activities[0].work_days.size(), 10u);
  EXPECT_FALSE(p.activities[0].work_days[3]);
  EXPECT_TRUE(p.activities[0].forbidden.empty());
  ASSERT_EQ(p.activities[1].forbidden.size(), 10u);
  EXPECT_FALSE(p.activities[1].forbidden[1]);  // 10-19
  EXPECT_TRUE(p.activities[1].forbidden[2]);   // 10-20
  EXPECT_EQ(p.activities[1].forbidden_reason, WindowIndex("outside_heating"));
  EXPECT_EQ(b->building_ids, (std::vector<std::int64_t>{7, 8}));
  EXPECT_EQ(p.group_weights, (std::vector<std::int64_t>{30, 24}));
  EXPECT_EQ(p.activities[0].disrupts, (std::vector<int>{0, 1}));
  EXPECT_EQ(p.activities[2].disrupts, (std::vector<int>{0, 1}));  // the opening closes the road
}

}  // namespace
}  // namespace huanxin::core::construction

namespace huanxin::core::construction {
namespace {
TEST(DigOnce, ExpandedListValidatesAndUserStepsMayFollowAnOpening) {
  Step paving = S("pave", {{"resurface:S1", "FS", 0}}, "paving");
  auto e = ExpandOpenings({Lay("w", "S1", "water"), Lay("d", "S1", "drainage"), paving});
  EXPECT_TRUE(ValidateSteps(e.steps, {})) << Detail(ValidateSteps(e.steps, {}));
  Step fake = S("open:S9");
  EXPECT_FALSE(ValidateSteps({fake}, {}));  // a user's step may not take a generated code
}
}  // namespace
}  // namespace huanxin::core::construction
