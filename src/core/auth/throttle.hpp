// Sliding-window failure counter for login throttling.
//
// Rule (issue #2; in line with GB/T 22239-2019 8.1.4.1 b) "login failure handling" [recall]):
// 5 failed logins within 15 minutes per username and per client address → refuse further attempts
// until the oldest failure leaves the window. Pure value type; the service keeps one per key under a
// mutex.
#pragma once

#include <chrono>
#include <cstddef>
#include <deque>

#include "common/clock.hpp"

namespace huanxin::core::auth {

inline constexpr std::size_t kMaxLoginFailures = 5;
inline constexpr std::chrono::minutes kLoginFailureWindow{15};

class FailureWindow {
 public:
  // Drops failures older than the window as of `now`.
  void Expire(TimePoint now);
  void RecordFailure(TimePoint now);
  // True when `kMaxLoginFailures` failures lie inside the window ending at `now`.
  bool Blocked(TimePoint now);
  // When the block lifts (the oldest failure + window); meaningful only while Blocked().
  TimePoint BlockedUntil() const;
  bool empty() const { return failures_.empty(); }

 private:
  std::deque<TimePoint> failures_;
};

}  // namespace huanxin::core::auth
