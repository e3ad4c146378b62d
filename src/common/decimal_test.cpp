#include "common/decimal.hpp"

#include <gtest/gtest.h>

#include <limits>

namespace huanxin {
namespace {

TEST(FormatHundredths, WritesTwoFractionDigitsNeverAnExponent) {
  EXPECT_EQ(FormatHundredths(8537), "85.37");
  EXPECT_EQ(FormatHundredths(8500), "85.00");
  EXPECT_EQ(FormatHundredths(5), "0.05");
  EXPECT_EQ(FormatHundredths(-5), "-0.05");
  EXPECT_EQ(FormatHundredths(0), "0.00");
  EXPECT_EQ(FormatHundredths(123456789012345), "1234567890123.45");
  EXPECT_EQ(FormatHundredths(std::numeric_limits<std::int64_t>::min()), "-92233720368547758.08");
}

TEST(ParseHundredths, AcceptsUpToTwoDecimals) {
  EXPECT_EQ(ParseHundredths("85"), 8500);
  EXPECT_EQ(ParseHundredths("85.3"), 8530);
  EXPECT_EQ(ParseHundredths("85.37"), 8537);
  EXPECT_EQ(ParseHundredths("-1.5"), -150);
  EXPECT_EQ(ParseHundredths("0.01"), 1);
}

TEST(ParseHundredths, RejectsThreeDecimalsExponentsAndJunk) {
  EXPECT_FALSE(ParseHundredths("85.371"));
  EXPECT_FALSE(ParseHundredths("8.537E1"));
  EXPECT_FALSE(ParseHundredths(""));
  EXPECT_FALSE(ParseHundredths("."));
  EXPECT_FALSE(ParseHundredths("85."));
  EXPECT_FALSE(ParseHundredths(".5"));
  EXPECT_FALSE(ParseHundredths("1,5"));
  EXPECT_FALSE(ParseHundredths("99999999999999999999"));
}

TEST(ParseHundredths, RoundTripsThroughFormat) {
  for (std::int64_t v : {0LL, 1LL, 99LL, 100LL, 101LL, 1234567LL, -42LL}) {
    EXPECT_EQ(ParseHundredths(FormatHundredths(v)), v);
  }
}

TEST(PercentHundredths, RoundsHalfUpToTwoDecimals) {
  EXPECT_EQ(PercentHundredths(2, 3), 6667);  // 66.666… → 66.67
  EXPECT_EQ(PercentHundredths(1, 3), 3333);  // 33.333… → 33.33
  EXPECT_EQ(PercentHundredths(1, 8), 1250);  // 12.5 exactly
  EXPECT_EQ(PercentHundredths(1, 40000), 0);  // 0.0025 % → 0.00
  EXPECT_EQ(PercentHundredths(1, 20000), 1);  // 0.005 % → 0.01: a tie rounds up
  EXPECT_EQ(PercentHundredths(3, 40000), 1);  // 0.0075 % → 0.01
  EXPECT_EQ(PercentHundredths(3, 3), 10000);
  EXPECT_EQ(PercentHundredths(0, 0), 0);
}

}  // namespace
}  // namespace huanxin
