#include "core/register/eligibility.hpp"

#include <gtest/gtest.h>

namespace huanxin::core::reg {
namespace {

TEST(Eligibility, BothSidesOfTheCutoffAndExtension) {
  EligibilityPolicy p;
  struct Case { int year; Verdict want; const char* reason; } cases[] = {
      {1985, Verdict::kEligible, "built_before_cutoff"}, {2000, Verdict::kEligible, "built_before_cutoff"},
      {2001, Verdict::kExtension, "built_in_extension"}, {2005, Verdict::kExtension, "built_in_extension"},
      {2006, Verdict::kIneligible, "built_too_late"}};
  for (const auto& c : cases) {
    auto e = Evaluate({c.year}, p);
    EXPECT_EQ(e.verdict, c.want) << c.year;
    ASSERT_FALSE(e.reasons.empty());
    EXPECT_EQ(e.reasons.front().code, c.reason) << c.year;
  }
}

TEST(Eligibility, ExclusionFlagsWinAndAreAllListed) {
  EstateFacts f{1990, true, false, true, false};
  auto e = Evaluate(f, {});
  EXPECT_EQ(e.verdict, Verdict::kIneligible);
  ASSERT_EQ(e.reasons.size(), 3u);
  EXPECT_EQ(e.reasons[0].code, "self_built");
  EXPECT_EQ(e.reasons[1].code, "demolition_planned");
  EXPECT_EQ(e.reasons[2].code, "built_before_cutoff");
  EXPECT_EQ(Evaluate({1990, false, false, false, true}, {}).verdict, Verdict::kIneligible);
}

TEST(Eligibility, ConfigurableCutoffChengduStyle) {
  EligibilityPolicy chengdu;  // REFERENCE.md §1.1: Chengdu uses courtyards built before end of 2004
  chengdu.cutoff_year = 2004;
  EXPECT_EQ(Evaluate({2004}, chengdu).verdict, Verdict::kEligible);
  EXPECT_EQ(Evaluate({2005}, chengdu).verdict, Verdict::kExtension);
}

TEST(ExtensionCap, FifteenPercentIsInclusiveAndExact) {
  EligibilityPolicy p;
  EXPECT_TRUE(ExtensionWithinCap(150, 1000, p));   // exactly 15 %
  EXPECT_FALSE(ExtensionWithinCap(151, 1000, p));
  EXPECT_TRUE(ExtensionWithinCap(0, 0, p));
  EXPECT_FALSE(ExtensionWithinCap(1, 6, p));       // 16.7 %
  EXPECT_TRUE(ExtensionWithinCap(3, 20, p));       // 15 % of a small year
}

}  // namespace
}  // namespace huanxin::core::reg
