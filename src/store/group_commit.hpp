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
// for the disk and `sync` (an fdatasync of the WAL) runs after it, outside the write lock, while the
// next groups run. Members are answered only after a sync that began after their commit returned
// Ok: a sync that fails fails every member it was to cover that had succeeded. Syncs coalesce: one
// runs at a time, and the groups that commit while it runs wait for the next one, which covers
// them all (one fdatasync covers every frame written before it). Each sync is run by a waiting
// member of a group it covers (the "syncer"), never by the leader while it leads.
//
// While a sync runs, a group's transaction stays open: callers that arrive meanwhile join it and
// run at once, and it commits when that sync returns (or when it holds `max_group` members). Their
// commit could not be covered by the running sync anyway, so they are answered no later than if
// each had committed on arrival, and the pages every write touches (the consultation's row, the
// audit head, the right-hand ends of growing indexes) go to the WAL once per sync instead of once
// per group: fewer bytes for the next sync to flush. A member that fails alone is answered as soon
// as its savepoint is rolled back (nothing of it waits for a commit or a sync).
//
// The leader keeps leading while callers are queued (at most `kMaxLedGroups` groups in a row, so
// that its own caller is answered too), then passes leadership to the oldest waiting caller.
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
#include <vector>

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

  // Groups one leader runs in a row before passing leadership on (see above).
  static constexpr int kMaxLedGroups = 8;

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
    // Woken alone (never a broadcast): when its group is done, when it is to run a sync, or when it
    // is first in the queue and no group is running. With 16 handler threads a broadcast woke every
    // waiter per group, and the futex and context-switch work was a quarter of the server's CPU
    // (docs/BENCHMARKS.md).
    std::condition_variable cv;
    Result<void> result = Ok();
    std::exception_ptr exception;
    bool taken = false;     // a leader has it
    bool done = false;      // result / exception final
    bool syncer = false;    // its caller is to run the next sync (RunSync)
    bool failed_alone = false;
    bool ran = false;
  };
  using Group = std::vector<Member*>;

  // The leader's loop: runs groups while callers are queued (bounded); `me` is the leader's own
  // member (in its first group).
  void Lead(Member& me);
  // With mu_ held: moves up to max_group_ queued members into `group`, `me` among them when it is
  // still queued.
  void TakeGroup(Group& group, Member* me);
  // Runs one group's transaction and sets each member's outcome (exceptions captured, never thrown).
  void RunGroup(Group& group);
  // With mu_ held, after a group ran: answers it at once when nothing of it needs a sync, otherwise
  // queues it for the next sync.
  void Finish(Group group);
  // With mu_ held, when no sync runs and groups wait for one: makes a waiting member of theirs the
  // syncer (never the leading caller's, busy leading) and wakes it; false when none can be woken
  // (the leader then appoints one after its next group, or syncs when it stops leading).
  bool WakeSyncer();
  // The syncer's work: one sync covering every group committed so far, then their answers; wakes
  // the next syncer when more groups committed meanwhile. `self`: the calling member (not woken).
  void RunSync(const Member* self);
  // With mu_ held, after leadership ends: wakes the next leader, if any caller is waiting.
  void WakeNextLeader();
  // `sync_`; counted.
  Result<void> MakeDurable();
  Result<void> RunMembers(Session& s, Group& group);
  // Inside a group's open transaction, once every member taken so far has run: while a sync runs
  // (and the group is neither full nor empty), waits for callers and moves them into `group`
  // (true), or returns false when no sync runs any more (the group then commits).
  bool JoinWhileSyncing(Group& group);
  // A group can take callers while it runs (the driver needs a later sync to make it durable).
  bool Joinable() const { return static_cast<bool>(sync_); }

  Transaction transaction_;
  const std::size_t max_group_;
  Sync sync_;
  mutable std::mutex mu_;
  std::deque<Member*> queue_;
  bool leading_ = false;
  const Member* leader_ = nullptr;  // the leading caller's member, while leading_
  std::vector<Group> unsynced_;     // committed groups waiting for a sync
  bool syncing_ = false;            // a syncer is appointed or running
  bool joining_ = false;            // the leader waits in JoinWhileSyncing (on join_cv_)
  std::condition_variable join_cv_;
  std::uint64_t groups_ = 0, members_ = 0, syncs_ = 0;
};

}  // namespace huanxin::store
