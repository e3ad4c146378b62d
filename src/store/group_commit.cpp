#include "store/group_commit.hpp"

#include <algorithm>
#include <utility>

#include "store/driver_errors.hpp"

namespace huanxin::store {

namespace {

// The callbacks this thread is running now, innermost first: which GroupCommit, on which session.
// A Write through one of them from inside its callback runs in that session (re-entrant write).
struct RunningFrame {
  const GroupCommit* owner;
  Session* session;
  RunningFrame* outer;
};
thread_local RunningFrame* running = nullptr;

class FrameGuard {
 public:
  FrameGuard(const GroupCommit* owner, Session& s) : frame_{owner, &s, running} { running = &frame_; }
  ~FrameGuard() { running = frame_.outer; }
  FrameGuard(const FrameGuard&) = delete;
  FrameGuard& operator=(const FrameGuard&) = delete;

 private:
  RunningFrame frame_;
};

Session* RunningSession(const GroupCommit* owner) {
  for (auto* f = running; f; f = f->outer)
    if (f->owner == owner) return f->session;
  return nullptr;
}

// Runs fn in a savepoint of the open transaction: released when fn succeeds, rolled back to (and
// released) when fn fails or throws. `member_result` gets fn's own outcome; the return value is the
// savepoint statements' outcome (an error there means the transaction is no longer usable).
Result<void> InSavepoint(Session& s, const SessionFn& fn, Result<void>& member_result, std::exception_ptr& thrown) {
  if (auto r = s.Exec("SAVEPOINT hx_member"); !r) return std::move(r).error();
  try {
    member_result = fn(s);
  } catch (...) {
    thrown = std::current_exception();
  }
  if (member_result && !thrown) return Done(s.Exec("RELEASE SAVEPOINT hx_member"));
  if (auto r = s.Exec("ROLLBACK TO SAVEPOINT hx_member"); !r) return std::move(r).error();
  return Done(s.Exec("RELEASE SAVEPOINT hx_member"));
}

}  // namespace

GroupCommit::GroupCommit(Transaction transaction, std::size_t max_group, Sync sync)
    : transaction_(std::move(transaction)), max_group_(std::max<std::size_t>(1, max_group)), sync_(std::move(sync)) {}

std::uint64_t GroupCommit::groups() const {
  std::lock_guard lock(mu_);
  return groups_;
}
std::uint64_t GroupCommit::members() const {
  std::lock_guard lock(mu_);
  return members_;
}
std::size_t GroupCommit::waiting() const {
  std::lock_guard lock(mu_);
  return queue_.size();
}
std::uint64_t GroupCommit::syncs() const {
  std::lock_guard lock(mu_);
  return syncs_;
}

Result<void> GroupCommit::MakeDurable() {
  if (!sync_) return Ok();
  {
    std::lock_guard lock(mu_);
    ++syncs_;
  }
  return sync_();
}

Result<void> GroupCommit::Write(const SessionFn& fn) {
  if (Session* s = RunningSession(this)) {
    // Re-entrant: already inside one of our transactions on this thread.
    Result<void> out = Ok();
    std::exception_ptr thrown;
    auto tx = InSavepoint(*s, fn, out, thrown);
    if (thrown) std::rethrow_exception(thrown);
    if (!tx) return tx;
    return out;
  }
  Member me;
  me.fn = &fn;
  std::unique_lock lock(mu_);
  queue_.push_back(&me);
  if (joining_) join_cv_.notify_one();
  for (;;) {
    me.cv.wait(lock, [&] { return me.done || me.syncer || (!me.taken && !leading_); });
    if (me.syncer) {
      me.syncer = false;
      lock.unlock();
      RunSync(&me);
      lock.lock();
    } else if (me.done) {
      break;
    } else {
      leading_ = true;
      leader_ = &me;
      lock.unlock();
      Lead(me);
      lock.lock();
    }
  }
  lock.unlock();
  if (me.exception) std::rethrow_exception(me.exception);
  return std::move(me.result);
}

void GroupCommit::TakeGroup(Group& group, Member* me) {
  while (!queue_.empty() && group.size() < max_group_) {
    queue_.front()->taken = true;
    group.push_back(queue_.front());
    queue_.pop_front();
  }
  if (me && !me->taken) {  // more were queued than a group takes: the leader still runs its own
    queue_.erase(std::find(queue_.begin(), queue_.end(), me));
    me->taken = true;
    group.push_back(me);
  }
  ++groups_;
  members_ += group.size();
}

void GroupCommit::Lead(Member& me) {
  Group group;
  {
    std::lock_guard lock(mu_);
    TakeGroup(group, &me);
  }
  for (int led = 1;; ++led) {
    RunGroup(group);
    std::unique_lock lock(mu_);
    Finish(std::move(group));
    if (!queue_.empty() && led < kMaxLedGroups) {
      // Go on at once; a member of a group waiting for the disk runs the sync meanwhile.
      if (!syncing_ && !unsynced_.empty()) WakeSyncer();
      group.clear();
      TakeGroup(group, nullptr);
      continue;
    }
    leading_ = false;
    leader_ = nullptr;
    WakeNextLeader();
    if (!syncing_ && !unsynced_.empty()) {
      syncing_ = true;  // this thread is free now: it syncs itself, without waking anyone
      lock.unlock();
      RunSync(&me);
    }
    return;
  }
}

void GroupCommit::Finish(Group group) {
  bool committed = std::any_of(group.begin(), group.end(), [](const Member* m) { return !m->exception && m->result; });
  if (sync_ && committed) {
    unsynced_.push_back(std::move(group));
    return;
  }
  // Nothing to make durable (every member failed, or the commit was durable by itself). Notified
  // with mu_ held: a member returns (and its cv goes away) only after taking mu_.
  for (auto* m : group) {
    m->done = true;
    m->cv.notify_one();
  }
}

bool GroupCommit::WakeSyncer() {
  for (const auto& group : unsynced_)
    for (auto* m : group)
      if (m != leader_) {
        m->syncer = true;
        syncing_ = true;
        m->cv.notify_one();
        return true;
      }
  return false;
}

void GroupCommit::RunSync(const Member* self) {
  std::vector<Group> batch;
  {
    std::lock_guard lock(mu_);
    batch.swap(unsynced_);
  }
  // Every group in the batch committed before this call: one sync covers them all.
  auto durable = MakeDurable();
  std::lock_guard lock(mu_);
  for (auto& group : batch)
    for (auto* m : group) {
      if (!durable && !m->exception && m->result) m->result = durable.error();
      m->done = true;
      if (m != self) m->cv.notify_one();
    }
  syncing_ = false;
  if (joining_) join_cv_.notify_one();   // the open group commits now
  if (!unsynced_.empty()) WakeSyncer();  // groups that committed during this sync
}

void GroupCommit::WakeNextLeader() {
  if (!queue_.empty()) queue_.front()->cv.notify_one();
}

void GroupCommit::RunGroup(Group& group) {
  Result<void> tx = Ok();
  std::exception_ptr tx_thrown;
  bool may_join = false;
  if (Joinable()) {
    std::lock_guard lock(mu_);
    may_join = syncing_;
  }
  if (group.size() == 1 && !may_join) {
    // A group of one that no other caller can join (no sync runs): the callback directly, without a
    // savepoint; its own outcome is the group's.
    auto* m = group.front();
    try {
      m->result = transaction_([&](Session& s) -> Result<void> {
        FrameGuard frame(this, s);
        return (*m->fn)(s);
      });
    } catch (...) {
      m->exception = std::current_exception();
    }
    m->ran = true;
    return;
  }
  try {
    tx = transaction_([&](Session& s) { return RunMembers(s, group); });
  } catch (...) {
    tx_thrown = std::current_exception();  // from the driver itself: every member's failure
  }
  for (auto* m : group) {
    if (m->failed_alone) continue;
    if (tx_thrown) m->exception = tx_thrown;
    else if (!tx) m->result = tx.error();
    else if (!m->ran) m->result = InternalStoreError("group commit: a member did not run");
  }
}

bool GroupCommit::JoinWhileSyncing(Group& group) {
  if (!Joinable()) return false;
  std::unique_lock lock(mu_);
  for (;;) {
    // An empty group (every member failed alone and was answered) has nothing to hold open for,
    // and its leader's own caller is waiting on the leader's thread.
    if (!syncing_ || group.empty() || group.size() >= max_group_) return false;
    if (!queue_.empty()) {
      const auto before = group.size();
      while (!queue_.empty() && group.size() < max_group_) {
        queue_.front()->taken = true;
        group.push_back(queue_.front());
        queue_.pop_front();
      }
      members_ += group.size() - before;
      return true;
    }
    joining_ = true;
    join_cv_.wait(lock);
    joining_ = false;
  }
}

Result<void> GroupCommit::RunMembers(Session& s, Group& group) {
  FrameGuard frame(this, s);
  for (std::size_t i = 0;;) {
    if (i == group.size() && !JoinWhileSyncing(group)) break;
    auto* m = group[i];
    Result<void> out = Ok();
    std::exception_ptr thrown;
    auto tx = InSavepoint(s, *m->fn, out, thrown);
    m->ran = true;
    if (thrown || !out) {
      m->failed_alone = true;
      m->exception = thrown;
      if (!out) m->result = std::move(out);
      // Its outcome is final (nothing of it is in the transaction): answered now, and out of the
      // group, whose later steps never touch it again (it returns, and its member goes away).
      std::lock_guard lock(mu_);
      group.erase(group.begin() + static_cast<std::ptrdiff_t>(i));
      m->done = true;
      m->cv.notify_one();
    } else {
      ++i;
    }
    // The transaction itself failed (e.g. SQLite rolled it back on a full disk): the group fails.
    if (!tx) return tx;
  }
  return Ok();
}

}  // namespace huanxin::store
