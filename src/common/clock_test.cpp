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

// Found by fuzz/form_body_fuzz (query "from=1012-01-01"): a year outside system_clock's
// nanosecond range overflowed int64 (undefined behaviour) instead of being rejected.
TEST(Iso, RejectsYear1012OutsideClockRange) {
  EXPECT_FALSE(ParseIso("1012-01-01"));
  EXPECT_FALSE(ParseIso("1677-01-01T00:00:00Z"));
  EXPECT_FALSE(ParseIso("2263-01-01"));
  EXPECT_FALSE(ParseIso("-012-01-01"));
  EXPECT_EQ(FormatIsoUtc(*ParseIso("1678-01-01")), "1678-01-01T00:00:00.000Z");
  EXPECT_EQ(FormatIsoUtc(*ParseIso("2261-12-31T23:59:59Z")), "2261-12-31T23:59:59.000Z");
}

TEST(Shanghai, NewYearArrivesEightHoursBeforeUtc) {
  // 2020-12-31T16:30Z is 2021-01-01 00:30 in Beijing; half an hour earlier it is still 2020.
  auto after = *ParseIso("2020-12-31T16:30:00Z");
  auto before = *ParseIso("2020-12-31T15:59:59Z");
  EXPECT_EQ(FormatShanghai(after), "2021-01-01 00:30");
  EXPECT_EQ(ShanghaiYear(after), 2021);
  EXPECT_EQ(FormatShanghai(before, 19), "2020-12-31 23:59:59");
  EXPECT_EQ(ShanghaiYear(before), 2020);
  EXPECT_EQ(FormatShanghai(*ParseIso("2020-12-31T16:00:00Z"), 10), "2021-01-01");
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
