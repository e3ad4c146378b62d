#include "core/checkup/grading.hpp"

#include <gtest/gtest.h>

namespace huanxin::core::checkup {
namespace {

Reading Value(std::int64_t hundredths, bool condition = false) { return {false, hundredths, condition}; }

// REFERENCE §2.2 indicator 4: facade finish loss "<10 m² = hazard; 10–30 m² = larger hazard;
// >30 m² = severe".
BandsRule FacadeBands() {
  return {{{1000, false, Severity::kHazard}, {3000, true, Severity::kLargerHazard}, {std::nullopt, false, Severity::kSevere}}};
}

TEST(Grading, FacadeFinishLossBandsOnBothSidesOfEachBoundary) {
  Rule r = FacadeBands();
  ASSERT_TRUE(ValidateRule(r));
  EXPECT_EQ(Grade(r, Value(0)), std::nullopt) << "no loss, no problem";
  EXPECT_EQ(Grade(r, Value(1)), Severity::kHazard);       // 0.01 m²
  EXPECT_EQ(Grade(r, Value(999)), Severity::kHazard);     // 9.99 m²
  EXPECT_EQ(Grade(r, Value(1000)), Severity::kLargerHazard);  // exactly 10 m²
  EXPECT_EQ(Grade(r, Value(3000)), Severity::kLargerHazard);  // exactly 30 m²
  EXPECT_EQ(Grade(r, Value(3001)), Severity::kSevere);        // 30.01 m²
  EXPECT_EQ(Grade(r, Reading{}), std::nullopt) << "no value recorded";
}

TEST(Grading, GasPipeNeedsTwentyYearsAndCorrosion) {
  // REFERENCE §2.2 indicator 2: in service ≥ 20 years AND badly corroded or damaged.
  Rule r = AgeAndConditionRule{20, Severity::kHazard};
  EXPECT_EQ(Grade(r, Value(2000, true)), Severity::kHazard);
  EXPECT_EQ(Grade(r, Value(1999, true)), std::nullopt);  // 19.99 years
  EXPECT_EQ(Grade(r, Value(3500, false)), std::nullopt) << "old but sound";
}

TEST(Grading, FlagShortfallAndBelow) {
  EXPECT_EQ(Grade(FlagRule{Severity::kProblem}, Reading{true, std::nullopt, false}), Severity::kProblem);
  EXPECT_EQ(Grade(FlagRule{Severity::kProblem}, Reading{false, std::nullopt, false}), std::nullopt);
  // Shortfalls (parking spaces, charging points): any gap is a problem, none is not.
  EXPECT_EQ(Grade(ShortfallRule{}, Value(100)), Severity::kProblem);
  EXPECT_EQ(Grade(ShortfallRule{}, Value(0)), std::nullopt);
  // Provision below a standard, e.g. ≥ 20 m² of elderly-care space per 100 households (REFERENCE §2.3).
  Rule below = BelowRule{2000, Severity::kProblem};
  EXPECT_EQ(Grade(below, Value(1999)), Severity::kProblem);
  EXPECT_EQ(Grade(below, Value(2000)), std::nullopt);
  EXPECT_EQ(InputOf(below), Input::kNumber);
  EXPECT_EQ(InputOf(FlagRule{}), Input::kFlag);
}

TEST(Grading, MalformedBandsAreRefused) {
  EXPECT_FALSE(ValidateRule(BandsRule{}));
  EXPECT_FALSE(ValidateRule(BandsRule{{{1000, false, Severity::kHazard}}}));  // last band bounded
  EXPECT_FALSE(ValidateRule(BandsRule{{{3000, false, Severity::kHazard}, {1000, false, Severity::kSevere},
                                       {std::nullopt, false, Severity::kSevere}}}));  // not ascending
  EXPECT_FALSE(ValidateRule(AgeAndConditionRule{-1}));
}

TEST(Summary, CountsDistinctObjectsProblemsValuesAndWorst) {
  std::vector<Indicator> ind{{"H04", "围护", "安全耐久", "栋", Level::kBuilding, false},
                             {"H07", "适老化", "功能完备", "栋", Level::kBuilding, false},
                             {"C14", "停车泊位缺口", "设施完善", "个", Level::kEstate, true}};
  std::vector<GradedObservation> g{
      {"H04", "b:1", Severity::kHazard, 500},  {"H04", "b:1", Severity::kSevere, 4000},  // one building, two problems
      {"H04", "b:2", Severity::kLargerHazard, 1500}, {"H04", "b:3", std::nullopt, 0},  // graded fine
      {"C14", "e:9", Severity::kProblem, 4200},       {"X99", "b:1", Severity::kSevere, 0}};  // not in catalogue
  auto s = Summarise(ind, g);
  ASSERT_EQ(s.by_indicator.size(), 3u);
  EXPECT_EQ(s.by_indicator[0].objects, 2);
  EXPECT_EQ(s.by_indicator[0].problems, 3);
  EXPECT_EQ(s.by_indicator[0].worst, Severity::kSevere);
  EXPECT_EQ(s.by_indicator[1].objects, 0);
  EXPECT_EQ(s.by_indicator[1].worst, std::nullopt);
  EXPECT_EQ(s.by_indicator[2].value, 4200);  // 42 spaces short
  EXPECT_EQ(s.problems, 4);
  EXPECT_EQ(s.by_severity[static_cast<int>(Severity::kSevere)], 1);
  ASSERT_EQ(s.by_sub_dimension.size(), 3u);
  EXPECT_EQ(s.by_sub_dimension[0], (std::pair<std::string, std::int64_t>{"安全耐久", 3}));
}

TEST(Severity, CodesRoundTrip) {
  for (auto s : {Severity::kProblem, Severity::kHazard, Severity::kLargerHazard, Severity::kSevere})
    EXPECT_EQ(ParseSeverity(SeverityCode(s)), s);
  EXPECT_EQ(ParseSeverity("minor"), std::nullopt);
  EXPECT_EQ(SeverityName(Severity::kLargerHazard).zh, "较大隐患");
}

}  // namespace
}  // namespace huanxin::core::checkup
