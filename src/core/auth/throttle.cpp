#include "core/auth/throttle.hpp"

namespace huanxin::core::auth {

void FailureWindow::Expire(TimePoint now) {
  // A failure exactly one window old has left it ("within 15 minutes" is < 15 min).
  while (!failures_.empty() && now - failures_.front() >= limit_.window) failures_.pop_front();
}

void FailureWindow::RecordFailure(TimePoint now) {
  Expire(now);
  failures_.push_back(now);
  // Only the newest max_failures can keep the key blocked, and the block lasts until the oldest of
  // them leaves the window: dropping older ones keeps memory bounded and changes no answer.
  while (failures_.size() > limit_.max_failures) failures_.pop_front();
}

bool FailureWindow::Blocked(TimePoint now) {
  Expire(now);
  return failures_.size() >= limit_.max_failures;
}

TimePoint FailureWindow::BlockedUntil() const {
  return failures_.empty() ? TimePoint{} : failures_.front() + limit_.window;
}

}  // namespace huanxin::core::auth
