// Group commit (issue #16, docs/storage.md "Group commit"): write callbacks from concurrent threads
// share one transaction and one commit (one fsync), each caller answered only after that commit.
//
// One leader at a time. A caller queues its callback; when no group is running, the oldest waiting
// caller becomes the leader, takes every queued callback (at most `max_group`, in arrival order) and
// runs them inside one transaction of `transaction`, each in its own savepoint:
//   - a callback that returns an error or throws is rolled back to its savepoint alone; its caller
//     gets that error (or that exception, rethrown on the caller's own thread), the others go on;
//   - the group commits once; every member whose callback succeeded gets the commit's outcome;
//   - a failure of the group's own statements (BEGIN, SAVEPOINT, ROLLBACK TO, COMMIT) fails every
//     member not already failed alone, and nothing of the group is kept.
// A group of one (no contention) runs its callback directly, without a savepoint.
//
// Durability may be a separate step (`Sync`, SQLite): the transaction then commits without waiting
// for the disk, the leader hands leadership to the next group at once and only then waits for
// `sync` (an fdatasync of the WAL), so the next group's callbacks run while this group's data goes
// to disk. Members are answered only after their group's sync returned Ok: a sync that fails fails
// every member that had succeeded.
//
// Callbacks run on the leader's thread while their callers wait. A Write through the same
// GroupCommit from inside a running callback (re-entrant) does not queue (that would wait for
// itself): it runs at once inside the caller's transaction, in a savepoint of its own, and is
// durable when the outer write commits.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>

#include "store/database.hpp"

namespace huanxin::store {

class GroupCommit {
 public:
  // Runs `body` in one transaction that is durable when it returns Ok (commits when body returns
  // Ok, rolls back otherwise or when body throws, rethrowing): a driver's single-write path.
  using Transaction = std::function<Result<void>(const SessionFn& body)>;

  // Makes every transaction committed before the call durable (called after the commit, outside
  // the transaction, possibly while the next group runs). Empty: `transaction` is durable by itself.
  using Sync = std::function<Result<void>()>;

  explicit GroupCommit(Transaction transaction, std::size_t max_group = 64, Sync sync = nullptr);
  GroupCommit(const GroupCommit&) = delete;
  GroupCommit& operator=(const GroupCommit&) = delete;

  // Database::Write's contract for one caller: Ok once fn's changes are committed and durable; fn's
  // error (its changes absent) or rethrows fn's exception; a group failure's error otherwise.
  Result<void> Write(const SessionFn& fn);

  // Counters for tests and the benchmark notes: transactions run, callbacks run in them, and the
  // callers now waiting to join a group.
  std::uint64_t groups() const;
  std::uint64_t members() const;
  std::size_t waiting() const;
  std::uint64_t syncs() const;  // calls of `sync`

 private:
  struct Member {
    const SessionFn* fn = nullptr;
    // Woken alone (never a broadcast): when its group is done, or when it is first in the queue and
    // no group is running. With 16 handler threads a broadcast woke every waiter per group, and the
    // futex and context-switch work was a quarter of the server's CPU (docs/BENCHMARKS.md).
    std::condition_variable cv;
    Result<void> result = Ok();
    std::exception_ptr exception;
    bool taken = false;     // a leader has it
    bool done = false;      // result / exception final
    bool failed_alone = false;
    bool ran = false;
  };

  Result<void> RunAlone(const SessionFn& fn);
  void RunGroup(std::deque<Member*>& group);
  // With mu_ held, after a group ends: wakes the next leader, if any caller is waiting.
  void WakeNextLeader();
  // Ends this thread's leadership (the next group may start) and wakes the next leader.
  void EndLeading();
  // `sync_` after a committed transaction; Ok when there is none.
  Result<void> MakeDurable();
  Result<void> RunMembers(Session& s, std::deque<Member*>& group);

  Transaction transaction_;
  const std::size_t max_group_;
  Sync sync_;
  mutable std::mutex mu_;
  std::deque<Member*> queue_;
  bool leading_ = false;
  std::uint64_t groups_ = 0, members_ = 0, syncs_ = 0;
};

}  // namespace huanxin::store
