#include "core/auth/throttle.hpp"

namespace huanxin::core::auth {

void FailureWindow::Expire(TimePoint now) {
  // A failure exactly 15 minutes old has left the window ("within 15 minutes" is < 15 min).
  while (!failures_.empty() && now - failures_.front() >= kLoginFailureWindow) failures_.pop_front();
}

void FailureWindow::RecordFailure(TimePoint now) {
  Expire(now);
  failures_.push_back(now);
}

bool FailureWindow::Blocked(TimePoint now) {
  Expire(now);
  return failures_.size() >= kMaxLoginFailures;
}

TimePoint FailureWindow::BlockedUntil() const {
  return failures_.empty() ? TimePoint{} : failures_.front() + kLoginFailureWindow;
}

}  // namespace huanxin::core::auth
