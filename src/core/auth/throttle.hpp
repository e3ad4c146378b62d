// Sliding-window failure counters for login throttling.
//
// Rule (issue #2, corrected by issue #11 §3; in line with GB/T 22239-2019 8.1.4.1 b) "login failure
// handling" [recall]):
//   - per username: 5 failed logins within 15 minutes → that username is refused (429), from every
//     address, until the oldest failure leaves the window;
//   - per client address: a much higher bar, 100 failed logins within 15 minutes → that address is
//     refused, for every username.
// A street office behind one NAT shares one address: one colleague's typos, or someone who knows the
// address, must not lock everyone else out, so failures for one username no longer block the
// address. Both limits and the window are settings (config auth.login_failures_per_username,
// auth.login_failures_per_address, auth.login_failure_window_minutes).
// Pure value types; the service keeps one window per key under a mutex.
#pragma once

#include <chrono>
#include <cstddef>
#include <deque>

#include "common/clock.hpp"

namespace huanxin::core::auth {

inline constexpr std::size_t kMaxLoginFailures = 5;           // per username
inline constexpr std::size_t kMaxAddressLoginFailures = 100;  // per client address
inline constexpr std::chrono::minutes kLoginFailureWindow{15};

// `max_failures` failures inside `window` block the key. Preconditions: max_failures ≥ 1, window > 0.
struct ThrottleLimit {
  std::size_t max_failures = kMaxLoginFailures;
  std::chrono::minutes window = kLoginFailureWindow;
};

struct LoginThrottlePolicy {
  ThrottleLimit per_username{kMaxLoginFailures, kLoginFailureWindow};
  ThrottleLimit per_address{kMaxAddressLoginFailures, kLoginFailureWindow};
};

class FailureWindow {
 public:
  explicit FailureWindow(ThrottleLimit limit = {}) : limit_(limit) {}
  // Drops failures older than the window as of `now`.
  void Expire(TimePoint now);
  void RecordFailure(TimePoint now);
  // True when `max_failures` failures lie inside the window ending at `now`.
  bool Blocked(TimePoint now);
  // When the block lifts (the oldest counted failure + window); meaningful only while Blocked().
  TimePoint BlockedUntil() const;
  bool empty() const { return failures_.empty(); }
  const ThrottleLimit& limit() const { return limit_; }

 private:
  ThrottleLimit limit_;
  std::deque<TimePoint> failures_;  // at most max_failures kept: older ones cannot matter
};

}  // namespace huanxin::core::auth
