#include "core/auth/throttle.hpp"

#include <gtest/gtest.h>

namespace huanxin::core::auth {
namespace {

TEST(FailureWindow, BlocksAtFifthFailureNotFourth) {
  ManualClock clock(*ParseIso("2026-11-21T08:00:00Z"));
  FailureWindow w;
  for (int i = 0; i < 4; ++i) w.RecordFailure(clock.Now());
  EXPECT_FALSE(w.Blocked(clock.Now()));
  w.RecordFailure(clock.Now());
  EXPECT_TRUE(w.Blocked(clock.Now()));
}

TEST(FailureWindow, UnblocksWhenOldestFailureIsFifteenMinutesOld) {
  ManualClock clock(*ParseIso("2026-11-21T08:00:00Z"));
  FailureWindow w;
  w.RecordFailure(clock.Now());
  clock.Advance(std::chrono::minutes(1));
  for (int i = 0; i < 4; ++i) w.RecordFailure(clock.Now());
  clock.Advance(std::chrono::minutes(13) + std::chrono::seconds(59));
  EXPECT_TRUE(w.Blocked(clock.Now()));  // 14:59 after the first failure
  EXPECT_EQ(FormatIsoUtc(w.BlockedUntil()), "2026-11-21T08:15:00.000Z");
  clock.Advance(std::chrono::seconds(1));
  EXPECT_FALSE(w.Blocked(clock.Now()));  // exactly 15:00: the first has left the window
}

}  // namespace
}  // namespace huanxin::core::auth
