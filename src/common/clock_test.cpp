#include "common/clock.hpp"

#include <gtest/gtest.h>

namespace huanxin {
namespace {

TEST(Iso, FormatsUtcWithMilliseconds) {
  auto tp = ParseIso("2026-11-21T06:59:09.123Z");
  ASSERT_TRUE(tp);
  EXPECT_EQ(FormatIsoUtc(*tp), "2026-11-21T06:59:09.123Z");
}

TEST(Iso, AppliesOffsetsAndDateOnly) {
  EXPECT_EQ(FormatIsoUtc(*ParseIso("2026-11-21T08:00:00+08:00")), "2026-11-21T00:00:00.000Z");
  EXPECT_EQ(FormatIsoUtc(*ParseIso("2000-12-31")), "2000-12-31T00:00:00.000Z");
}

TEST(Iso, RejectsMalformedDates) {
  EXPECT_FALSE(ParseIso("2026-02-30"));
  EXPECT_FALSE(ParseIso("2026-11-21T25:00:00Z"));
  EXPECT_FALSE(ParseIso("2026/11/21"));
  EXPECT_FALSE(ParseIso("2026-11-21T06:59:09Zjunk"));
}

TEST(ManualClock, MovesOnlyWhenAdvanced) {
  ManualClock clock(*ParseIso("2026-01-01T00:00:00Z"));
  auto t0 = clock.Now();
  EXPECT_EQ(clock.Now(), t0);
  clock.Advance(std::chrono::minutes(15));
  EXPECT_EQ(FormatIsoUtc(clock.Now()), "2026-01-01T00:15:00.000Z");
}

}  // namespace
}  // namespace huanxin
