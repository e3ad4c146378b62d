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

// Issue #11 §3: an address has its own, much higher bar (100 failures in 15 minutes by default).
TEST(FailureWindow, AddressLimitBlocksAtExactlyOneHundredFailures) {
  ManualClock clock(*ParseIso("2026-11-21T08:00:00Z"));
  LoginThrottlePolicy policy;
  EXPECT_EQ(policy.per_username.max_failures, 5u);
  EXPECT_EQ(policy.per_address.max_failures, 100u);
  EXPECT_EQ(policy.per_address.window, std::chrono::minutes(15));
  FailureWindow w(policy.per_address);
  for (int i = 0; i < 100; ++i) w.RecordFailure(clock.Now());
  EXPECT_TRUE(w.Blocked(clock.Now()));
}

TEST(FailureWindow, AddressLimitFailsOneShortAtNinetyNine) {
  ManualClock clock(*ParseIso("2026-11-21T08:00:00Z"));
  FailureWindow w(LoginThrottlePolicy{}.per_address);
  for (int i = 0; i < 99; ++i) w.RecordFailure(clock.Now());
  EXPECT_FALSE(w.Blocked(clock.Now()));
}

TEST(FailureWindow, LimitAndWindowAreSettings) {
  ManualClock clock(*ParseIso("2026-11-21T08:00:00Z"));
  FailureWindow w(ThrottleLimit{3, std::chrono::minutes(2)});
  w.RecordFailure(clock.Now());
  w.RecordFailure(clock.Now());
  EXPECT_FALSE(w.Blocked(clock.Now()));
  w.RecordFailure(clock.Now());
  EXPECT_TRUE(w.Blocked(clock.Now()));
  clock.Advance(std::chrono::minutes(2));
  EXPECT_FALSE(w.Blocked(clock.Now()));
}

TEST(FailureWindow, BlockLastsUntilTheNewestFailuresLeaveTheWindow) {
  // More failures than the limit (concurrent attempts): the block lifts when fewer than the limit
  // remain, i.e. when the oldest of the newest five leaves the window.
  ManualClock clock(*ParseIso("2026-11-21T08:00:00Z"));
  FailureWindow w;
  w.RecordFailure(clock.Now());
  clock.Advance(std::chrono::minutes(1));
  for (int i = 0; i < 5; ++i) w.RecordFailure(clock.Now());
  EXPECT_EQ(FormatIsoUtc(w.BlockedUntil()), "2026-11-21T08:16:00.000Z");
  clock.Advance(std::chrono::minutes(14));
  EXPECT_TRUE(w.Blocked(clock.Now()));  // 08:15: five failures of 08:01 still inside
  clock.Advance(std::chrono::minutes(1));
  EXPECT_FALSE(w.Blocked(clock.Now()));
}

}  // namespace
}  // namespace huanxin::core::auth
