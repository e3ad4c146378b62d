// Grade bands on both sides of each Jiangxi boundary (95, 85, 75) under both boundary settings
// (issue #15 Done when; REFERENCE.md §4.4).
#include <gtest/gtest.h>

#include "core/evaluation/grade_band.hpp"

namespace huanxin::core::evaluation {
namespace {

std::string G(Boundary b, Score s) {
  const auto bands = JiangxiBands(b);
  return GradeOf(bands, s).code;
}

TEST(GradeBand, JiangxiBoundariesGoUp) {
  EXPECT_EQ(G(Boundary::kUpper, 9501), "excellent");
  EXPECT_EQ(G(Boundary::kUpper, 9500), "excellent");
  EXPECT_EQ(G(Boundary::kUpper, 9499), "good");
  EXPECT_EQ(G(Boundary::kUpper, 8501), "good");
  EXPECT_EQ(G(Boundary::kUpper, 8500), "good");
  EXPECT_EQ(G(Boundary::kUpper, 8499), "pass");
  EXPECT_EQ(G(Boundary::kUpper, 7501), "pass");
  EXPECT_EQ(G(Boundary::kUpper, 7500), "pass");
  EXPECT_EQ(G(Boundary::kUpper, 7499), "poor");
  EXPECT_EQ(G(Boundary::kUpper, 10000), "excellent");
  EXPECT_EQ(G(Boundary::kUpper, 0), "poor");
}

TEST(GradeBand, JiangxiBoundariesGoDown) {
  EXPECT_EQ(G(Boundary::kLower, 9501), "excellent");
  EXPECT_EQ(G(Boundary::kLower, 9500), "good");
  EXPECT_EQ(G(Boundary::kLower, 9499), "good");
  EXPECT_EQ(G(Boundary::kLower, 8501), "good");
  EXPECT_EQ(G(Boundary::kLower, 8500), "pass");
  EXPECT_EQ(G(Boundary::kLower, 8499), "pass");
  EXPECT_EQ(G(Boundary::kLower, 7501), "pass");
  EXPECT_EQ(G(Boundary::kLower, 7500), "poor");
  EXPECT_EQ(G(Boundary::kLower, 7499), "poor");
}

TEST(GradeBand, BothBuiltInSchemesAreValid) {
  EXPECT_TRUE(ValidateBands(JiangxiBands(Boundary::kUpper)).has_value());
  EXPECT_TRUE(ValidateBands(JiangxiBands(Boundary::kLower)).has_value());
}

TEST(GradeBand, ValidationNamesTheFault) {
  EXPECT_EQ(ValidateBands({}).error().reason, "evaluation.invalid_bands");
  // Rising floors.
  std::vector<GradeBand> rising{{"a", "", "", 8000, true}, {"b", "", "", 9000, true}, {"c", "", "", 0, true}};
  EXPECT_FALSE(ValidateBands(rising).has_value());
  // Duplicate codes.
  std::vector<GradeBand> dup{{"a", "", "", 9000, true}, {"a", "", "", 0, true}};
  EXPECT_FALSE(ValidateBands(dup).has_value());
  // Equal floors are fine only when the boundary score goes down to the lower band.
  std::vector<GradeBand> tie_ok{{"a", "", "", 9000, false}, {"b", "", "", 9000, true}, {"c", "", "", 0, true}};
  EXPECT_TRUE(ValidateBands(tie_ok).has_value());
  EXPECT_EQ(GradeOf(tie_ok, 9000).code, "b");
  EXPECT_EQ(GradeOf(tie_ok, 9001).code, "a");
  std::vector<GradeBand> tie_bad{{"a", "", "", 9000, true}, {"b", "", "", 9000, true}, {"c", "", "", 0, true}};
  EXPECT_FALSE(ValidateBands(tie_bad).has_value());
  // A single catch-all band grades everything.
  std::vector<GradeBand> one{{"all", "", "", 0, true}};
  EXPECT_TRUE(ValidateBands(one).has_value());
  EXPECT_EQ(GradeOf(one, 5).code, "all");
}

TEST(GradeBand, ParsesScoresExactly) {
  EXPECT_EQ(ParseScore("95", 10000, "s").value(), 9500);
  EXPECT_EQ(ParseScore("95.5", 10000, "s").value(), 9550);
  EXPECT_EQ(ParseScore("95.25", 10000, "s").value(), 9525);
  EXPECT_EQ(ParseScore("0", 10000, "s").value(), 0);
  EXPECT_EQ(ParseScore("100", 10000, "s").value(), 10000);
  for (const char* bad : {"", "100.01", "95.", ".5", "95.255", "-1", "9a", "1e2", "95,5"})
    EXPECT_EQ(ParseScore(bad, 10000, "s").error().reason, "evaluation.invalid_score") << bad;
  EXPECT_EQ(FormatScore(9550), "95.5");
  EXPECT_EQ(FormatScore(9500), "95");
  EXPECT_EQ(FormatScore(9525), "95.25");
  EXPECT_EQ(FormatScore(5), "0.05");
}

}  // namespace
}  // namespace huanxin::core::evaluation
