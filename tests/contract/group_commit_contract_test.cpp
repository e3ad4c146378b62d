// Group commit (store/group_commit.hpp, issue #16): writes of concurrent callers share one
// transaction; a member that fails or throws fails alone, its changes absent, its neighbours
// committed; members run in arrival order and see the earlier members' writes; audit appends inside
// a group keep the chain whole. On both drivers: the GroupCommit over the database's own Write, and
// the driver's Write itself under concurrent callers (both drivers group their writes).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

#include "contract_fixture.hpp"
#include "core/audit/chain.hpp"
#include "store/audit/audit_repository.hpp"
#include "store/group_commit.hpp"
#include "store/sqlite/sqlite_database.hpp"
#include "store/sqlite/wal_buffer.hpp"

namespace huanxin::store::contract {
namespace {

class GroupCommitContract : public ContractTest {
 protected:
  void SetUp() override {
    ContractTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    Put([](Session& s) { return s.ExecScript("CREATE TABLE gc_probe (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)"); });
  }

  static Result<void> Insert(Session& s, std::int64_t id, const std::string& name) {
    return Done(s.Exec("INSERT INTO gc_probe (id, name) VALUES (?, ?)", {Int(id), Str(name)}));
  }

  std::set<std::string> Names() {
    return Get([](Session& s) -> Result<std::set<std::string>> {
      auto rows = s.Query("SELECT name FROM gc_probe");
      if (!rows) return std::move(rows).error();
      std::set<std::string> out;
      for (const auto& r : *rows) out.insert(r.GetText(0));
      return out;
    });
  }

  struct Outcomes {
    Result<void> first = Ok(), second = Ok(), third = Ok();
  };
  // Three writers through `gc`: the first ("one") holds its group open until the second (inserts
  // "two") and the third (fails alone with test.own) queue behind it as one group. `groups_before`:
  // the groups `gc` ran before.
  static Outcomes HeldGroupAndTwoQueued(GroupCommit& gc, std::uint64_t groups_before) {
    std::atomic<bool> release{false};
    Outcomes out;
    std::thread t1([&] {
      out.first = gc.Write([&](Session& s) -> Result<void> {
        while (!release) std::this_thread::sleep_for(std::chrono::milliseconds(1));
        return Insert(s, 1, "one");
      });
    });
    while (gc.groups() < groups_before + 1) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    std::thread t2([&] { out.second = gc.Write([&](Session& s) { return Insert(s, 2, "two"); }); });
    AwaitWaiting(gc, 1);
    std::thread t3([&] {
      out.third = gc.Write([&](Session&) -> Result<void> {
        return MakeError(ErrorCode::kUnprocessable, "test.own", Text::Same("own failure"));
      });
    });
    AwaitWaiting(gc, 2);
    release = true;
    for (auto* t : {&t1, &t2, &t3}) t->join();
    return out;
  }

  // Waits (bounded) until `gc` has `n` callers queued behind the running group.
  static void AwaitWaiting(const GroupCommit& gc, std::size_t n) {
    for (int i = 0; i < 20000 && gc.waiting() < n; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    ASSERT_EQ(gc.waiting(), n);
  }
};

TEST_P(GroupCommitContract, AFailingOrThrowingMemberFailsAloneAndItsNeighboursCommit) {
  GroupCommit gc([this](const SessionFn& body) { return db_->Write(body); });
  std::mutex mu;
  std::vector<std::string> order;
  auto ran = [&](const std::string& who) {
    std::lock_guard lock(mu);
    order.push_back(who);
  };
  std::atomic<bool> release{false};
  Result<void> a = Ok(), b = Ok(), c = Ok(), e = Ok();
  std::string d_caught;
  // A leads a group of one and holds it open until four callers queue behind it, one at a time so
  // that their arrival order is known.
  std::thread ta([&] {
    a = gc.Write([&](Session& s) -> Result<void> {
      ran("a");
      while (!release) std::this_thread::sleep_for(std::chrono::milliseconds(1));
      return Insert(s, 1, "a");
    });
  });
  AwaitWaiting(gc, 0);
  while (gc.groups() < 1) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  std::thread tb([&] {
    b = gc.Write([&](Session& s) -> Result<void> {
      ran("b");
      return Insert(s, 2, "b");
    });
  });
  AwaitWaiting(gc, 1);
  std::thread tc([&] {
    c = gc.Write([&](Session& s) -> Result<void> {
      ran("c");
      if (auto r = Insert(s, 3, "c"); !r) return r;
      return Insert(s, 4, "a");  // duplicate name: the statement fails (on PostgreSQL, aborting the transaction)
    });
  });
  AwaitWaiting(gc, 2);
  std::thread td([&] {
    try {
      (void)gc.Write([&](Session& s) -> Result<void> {
        ran("d");
        Must(Insert(s, 5, "d"));
        throw std::runtime_error("member d failed");
      });
      d_caught = "no exception";
    } catch (const std::runtime_error& ex) {
      d_caught = ex.what();
    }
  });
  AwaitWaiting(gc, 3);
  std::thread te([&] {
    e = gc.Write([&](Session& s) -> Result<void> {
      ran("e");
      // The earlier members' state as the group left it: b's row visible, c's and d's rolled back.
      auto n = QueryInt(s, "SELECT COUNT(*) FROM gc_probe WHERE name IN ('b', 'c', 'd')");
      if (!n) return std::move(n).error();
      if (*n != 1) return MakeError(ErrorCode::kInternal, "test.visibility", Text::Same(std::to_string(*n)));
      return Insert(s, 6, "e");
    });
  });
  AwaitWaiting(gc, 4);
  release = true;
  for (auto* t : {&ta, &tb, &tc, &td, &te}) t->join();

  EXPECT_TRUE(a) << Describe(a.error());
  EXPECT_TRUE(b) << Describe(b.error());
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().reason, "store.duplicate");
  EXPECT_EQ(d_caught, "member d failed") << "the exception reaches its own caller";
  EXPECT_TRUE(e) << Describe(e.error());
  EXPECT_EQ(Names(), (std::set<std::string>{"a", "b", "e"}));
  EXPECT_EQ(order, (std::vector<std::string>{"a", "b", "c", "d", "e"}));
  EXPECT_EQ(gc.groups(), 2u) << "b, c, d and e shared one transaction";
  EXPECT_EQ(gc.members(), 5u);
}

TEST_P(GroupCommitContract, AGroupWhoseCommitFailsAnswersEveryMemberWithTheFailure) {
  // The transaction refuses to commit (here: the outer callback fails after the members ran).
  GroupCommit gc([this](const SessionFn& body) {
    return db_->Write([&](Session& s) -> Result<void> {
      if (auto r = body(s); !r) return r;
      return MakeError(ErrorCode::kUnavailable, "test.commit_failed", Text::Same("disk full"));
    });
  });
  auto [first, second, third] = HeldGroupAndTwoQueued(gc, 0);
  ASSERT_FALSE(first);
  EXPECT_EQ(first.error().reason, "test.commit_failed");
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().reason, "test.commit_failed") << "never acknowledged when its commit failed";
  ASSERT_FALSE(third);
  EXPECT_EQ(third.error().reason, "test.own") << "a member that failed alone keeps its own error";
  EXPECT_TRUE(Names().empty());
}

TEST_P(GroupCommitContract, CallersArrivingDuringASyncJoinOneTransactionThatCommitsWhenTheSyncReturns) {
  // The first sync blocks until released. Meanwhile two more writers arrive: the first of them leads
  // a group whose transaction stays open while the sync runs, and the second joins it. Both run at
  // once, but nothing of theirs is committed (or answered) before the sync returns; then they commit
  // together and share the second sync.
  std::atomic<int> syncs{0};
  std::atomic<bool> release{false};
  std::atomic<bool> a_committed_before_sync{false};
  std::atomic<int> ran{0};
  GroupCommit gc(
      [this](const SessionFn& body) { return db_->Write(body); }, 64,
      [&]() -> Result<void> {
        if (syncs.fetch_add(1) == 0) {
          a_committed_before_sync = Names().count("a") == 1;  // committed, visible to a reader
          while (!release) std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
        return Ok();
      });
  std::atomic<int> returned{0};
  Result<void> a = Ok(), b = Ok(), c = Ok();
  std::thread ta([&] {
    a = gc.Write([&](Session& s) { return Insert(s, 1, "a"); });
    ++returned;
  });
  while (syncs.load() < 1) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  std::thread tb([&] {
    b = gc.Write([&](Session& s) {
      ++ran;
      return Insert(s, 2, "b");
    });
    ++returned;
  });
  for (int i = 0; i < 20000 && ran.load() < 1; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  std::thread tc([&] {
    c = gc.Write([&](Session& s) {
      ++ran;
      return Insert(s, 3, "c");
    });
    ++returned;
  });
  for (int i = 0; i < 20000 && ran.load() < 2; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  EXPECT_EQ(ran.load(), 2) << "b and c ran while a's sync was held";
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_EQ(Names(), (std::set<std::string>{"a"})) << "their transaction stays open until the sync returns";
  EXPECT_EQ(returned.load(), 0) << "nobody is answered before a sync that covers their commit";
  EXPECT_EQ(syncs.load(), 1);
  EXPECT_EQ(gc.groups(), 2u) << "c joined b's group";
  release = true;
  for (auto* t : {&ta, &tb, &tc}) t->join();
  EXPECT_TRUE(a) << Describe(a.error());
  EXPECT_TRUE(b) << Describe(b.error());
  EXPECT_TRUE(c) << Describe(c.error());
  EXPECT_TRUE(a_committed_before_sync) << "the sync runs after the commit";
  EXPECT_EQ(Names(), (std::set<std::string>{"a", "b", "c"}));
  EXPECT_EQ(gc.groups(), 2u);
  EXPECT_EQ(gc.members(), 3u);
  EXPECT_EQ(syncs.load(), 2) << "b's and c's group has the second sync";
  EXPECT_EQ(gc.syncs(), 2u);
}

TEST_P(GroupCommitContract, AMemberThatFailsWhileItsGroupWaitsForASyncIsAnsweredAtOnce) {
  // A sync is held; b leads a group that stays open for it; c joins and fails alone. c is answered
  // at once with its own error, while b waits for the sync, and b commits after it.
  std::atomic<int> syncs{0};
  std::atomic<bool> release{false};
  GroupCommit gc([this](const SessionFn& body) { return db_->Write(body); }, 64,
                 [&]() -> Result<void> {
                   if (syncs.fetch_add(1) == 0)
                     while (!release) std::this_thread::sleep_for(std::chrono::milliseconds(1));
                   return Ok();
                 });
  Result<void> a = Ok(), b = Ok();
  std::atomic<bool> b_ran{false}, b_returned{false};
  std::thread ta([&] { a = gc.Write([&](Session& s) { return Insert(s, 1, "a"); }); });
  while (syncs.load() < 1) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  std::thread tb([&] {
    b = gc.Write([&](Session& s) {
      b_ran = true;
      return Insert(s, 2, "b");
    });
    b_returned = true;
  });
  for (int i = 0; i < 20000 && !b_ran; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  auto refused = gc.Write([&](Session& s) -> Result<void> {
    if (auto r = Insert(s, 3, "c"); !r) return r;
    return MakeError(ErrorCode::kUnprocessable, "test.own", Text::Same("own failure"));
  });
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().reason, "test.own");
  EXPECT_FALSE(b_returned.load()) << "b still waits for the sync";
  EXPECT_EQ(gc.groups(), 2u) << "c ran in b's group";
  release = true;
  ta.join();
  tb.join();
  EXPECT_TRUE(a) << Describe(a.error());
  EXPECT_TRUE(b) << Describe(b.error());
  EXPECT_EQ(Names(), (std::set<std::string>{"a", "b"})) << "c's insert was rolled back with its savepoint";
  EXPECT_EQ(syncs.load(), 2);
}

TEST_P(GroupCommitContract, TheLeaderRunsTheNextGroupItselfWhileCallersWait) {
  // The first writer's group is held open while two more queue; when it commits, the same thread
  // runs their group at once (no hand-over of leadership between two groups).
  std::atomic<bool> release{false};
  std::mutex mu;
  std::map<std::string, std::thread::id> ran_on;
  auto note = [&](const std::string& name) {
    std::lock_guard lock(mu);
    ran_on[name] = std::this_thread::get_id();
  };
  GroupCommit gc([this](const SessionFn& body) { return db_->Write(body); });
  Result<void> one = Ok(), two = Ok(), three = Ok();
  std::thread t1([&] {
    one = gc.Write([&](Session& s) -> Result<void> {
      note("one");
      while (!release) std::this_thread::sleep_for(std::chrono::milliseconds(1));
      return Insert(s, 1, "one");
    });
  });
  while (gc.groups() < 1) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  std::thread t2([&] {
    two = gc.Write([&](Session& s) {
      note("two");
      return Insert(s, 2, "two");
    });
  });
  AwaitWaiting(gc, 1);
  std::thread t3([&] {
    three = gc.Write([&](Session& s) {
      note("three");
      return Insert(s, 3, "three");
    });
  });
  AwaitWaiting(gc, 2);
  const auto leader = t1.get_id();
  release = true;
  for (auto* t : {&t1, &t2, &t3}) t->join();
  EXPECT_TRUE(one && two && three);
  EXPECT_EQ(gc.groups(), 2u);
  EXPECT_EQ(ran_on["one"], leader);
  EXPECT_EQ(ran_on["two"], leader) << "the leader went on with the queued group";
  EXPECT_EQ(ran_on["three"], leader);
}

TEST_P(GroupCommitContract, AGroupIsNotHeldBackByTheDiskWhenNothingOfItCommitted) {
  // While a sync is held, a write that fails alone is answered at once: it has nothing to wait for.
  std::atomic<bool> release{false};
  std::atomic<int> syncs{0};
  GroupCommit gc([this](const SessionFn& body) { return db_->Write(body); }, 64,
                 [&]() -> Result<void> {
                   if (syncs.fetch_add(1) == 0)
                     while (!release) std::this_thread::sleep_for(std::chrono::milliseconds(1));
                   return Ok();
                 });
  Result<void> a = Ok();
  std::thread ta([&] { a = gc.Write([&](Session& s) { return Insert(s, 1, "a"); }); });
  while (syncs.load() < 1) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  auto refused = gc.Write([&](Session&) -> Result<void> {
    return MakeError(ErrorCode::kUnprocessable, "test.own", Text::Same("own failure"));
  });
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().reason, "test.own");
  release = true;
  ta.join();
  EXPECT_TRUE(a) << Describe(a.error());
  EXPECT_EQ(syncs.load(), 1);
}

TEST_P(GroupCommitContract, AFailedSyncFailsEveryCommittedMemberAndAFailedWriteDoesNotSync) {
  GroupCommit gc([this](const SessionFn& body) { return db_->Write(body); }, 64, []() -> Result<void> {
    return MakeError(ErrorCode::kUnavailable, "test.sync_failed", Text::Same("fdatasync: EIO"));
  });
  auto refused = gc.Write([&](Session&) -> Result<void> {
    return MakeError(ErrorCode::kUnprocessable, "test.own", Text::Same("own failure"));
  });
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().reason, "test.own");
  EXPECT_EQ(gc.syncs(), 0u) << "nothing committed, nothing to make durable";

  auto [first, second, third] = HeldGroupAndTwoQueued(gc, 1);
  ASSERT_FALSE(first);
  EXPECT_EQ(first.error().reason, "test.sync_failed") << "never acknowledged without its sync";
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().reason, "test.sync_failed");
  ASSERT_FALSE(third);
  EXPECT_EQ(third.error().reason, "test.own") << "a member that failed alone keeps its own error";
  EXPECT_EQ(gc.syncs(), 1u) << "the two committed groups (the held one and the queued one) share one sync";
}

TEST_P(GroupCommitContract, TheSqliteDriverSyncsItsWalOncePerCommittedGroup) {
  if (GetParam() != std::string("sqlite")) {
    EXPECT_FALSE(SqliteWalSyncs(*db_).has_value()) << "PostgreSQL commits are durable by themselves";
    return;
  }
  auto before = SqliteWalSyncs(*db_);
  ASSERT_TRUE(before.has_value()) << "a file database syncs its WAL after each group";
  Put([](Session& s) { return Insert(s, 1, "synced"); });
  auto after = SqliteWalSyncs(*db_);
  ASSERT_TRUE(after.has_value());
  EXPECT_EQ(*after, *before + 1);
  auto refused = db_->Write([](Session& s) { return Insert(s, 2, "synced"); });  // duplicate: nothing committed
  EXPECT_FALSE(refused);
  EXPECT_EQ(*SqliteWalSyncs(*db_), *after);
  auto level = Put([](Session& s) { return QueryInt(s, "PRAGMA synchronous"); });  // on the writer
  EXPECT_EQ(level, 1) << "the writer commits with synchronous=NORMAL; WalSync makes each group durable";
}

TEST_P(GroupCommitContract, TheSqliteDriverCheckpointsInTheBackgroundAndStillReusesItsWal) {
  if (GetParam() != std::string("sqlite")) {
    EXPECT_FALSE(SqliteCheckpoints(*db_).has_value()) << "PostgreSQL has no WAL file of ours";
    return;
  }
  ASSERT_TRUE(SqliteCheckpoints(*db_).has_value()) << "a file database checkpoints in the background";
  auto file = Put([](Session& s) -> Result<std::string> {
    auto rows = s.Query("PRAGMA database_list", {});
    if (!rows) return std::move(rows).error();
    return rows->front().GetText(2);
  });
  Put([](Session& s) { return s.ExecScript("CREATE TABLE ckpt_probe (id INTEGER PRIMARY KEY, body BLOB NOT NULL)"); });
  // Rows of 30 kB (eight pages or more each) until the writer has finished four background
  // checkpoints, each letting SQLite start the WAL again from its beginning.
  std::int64_t rows = 0;
  std::uintmax_t largest_wal = 0;
  while (SqliteCheckpoints(*db_)->finished < 4 && rows < 5000) {
    Put([](Session& s) { return Done(s.Exec("INSERT INTO ckpt_probe (body) VALUES (randomblob(30000))", {})); });
    ++rows;
    largest_wal = std::max(largest_wal, std::filesystem::file_size(file + "-wal"));
  }
  auto stats = *SqliteCheckpoints(*db_);
  EXPECT_GE(stats.finished, 4u) << "the writer finishes background checkpoints (" << rows << " rows)";
  EXPECT_GE(stats.background, stats.finished) << "each finish follows a background checkpoint";
  EXPECT_EQ(stats.inline_whole, 0u) << "the background kept up: the writer never checkpointed the whole WAL";
  const std::uintmax_t written = static_cast<std::uintmax_t>(rows) * 30000;
  EXPECT_LT(largest_wal, written * 6 / 10) << "the WAL was reused from its start, not grown to hold every frame";
  EXPECT_EQ(Put([](Session& s) { return QueryInt(s, "SELECT COUNT(*) FROM ckpt_probe"); }), rows);
}

// The writer's WAL frames reach the file in one write per commit (store/sqlite/wal_buffer.hpp), and
// before the commit is published: a reader connection (SQLite's own VFS, reading the WAL file) sees
// each commit whole as soon as Write returns; a transaction larger than the buffer and than one
// write of the unix VFS (128 KiB) reaches the file too, and the database stays sound.
TEST_P(GroupCommitContract, TheSqliteWriterWritesACommitsWalFramesAtOnceAndReadersSeeEveryCommit) {
  if (GetParam() != std::string("sqlite")) GTEST_SKIP() << "PostgreSQL writes its own WAL";
  Put([](Session& s) {
    return s.ExecScript(
        "CREATE TABLE wal_probe (id INTEGER PRIMARY KEY, body TEXT NOT NULL); "
        "CREATE INDEX wal_probe_body ON wal_probe (body)");
  });
  auto count_and_length = [this] {
    return Get([](Session& s) -> Result<std::pair<std::int64_t, std::int64_t>> {
      auto rows = s.Query("SELECT COUNT(*), COALESCE(SUM(length(body)), 0) FROM wal_probe");
      if (!rows) return std::move(rows).error();
      return std::make_pair(rows->front().GetInt(0), rows->front().GetInt(1));
    });
  };
  const auto before = sqlite_wal::Counts();
  constexpr int kCommits = 40;
  for (int i = 1; i <= kCommits; ++i) {
    // 1 500 characters in the row and again in the index: a table page and an index page at least.
    Put([i](Session& s) {
      return Done(s.Exec("INSERT INTO wal_probe (body) VALUES (printf('%.1500d', ?))", {Int(i)}));
    });
    EXPECT_EQ(count_and_length(), (std::pair<std::int64_t, std::int64_t>{i, i * 1500}))
        << "a reader sees commit " << i << " once Write has returned";
  }
  const auto after = sqlite_wal::Counts();
  EXPECT_GE(after.requested - before.requested, 4u * kCommits)
      << "SQLite wrote each commit as two frames or more, each as a header and a page";
  EXPECT_LE(after.written - before.written, kCommits + 4u) << "one write per commit reached the WAL file";

  // One transaction of 3 MB: past the buffer's cap and the VFS's largest single write.
  Put([](Session& s) -> Result<void> {
    for (int i = 0; i < 300; ++i)
      if (auto r = s.Exec("INSERT INTO wal_probe (body) VALUES (printf('%.10000d', ?))", {Int(i)}); !r)
        return std::move(r).error();
    return Ok();
  });
  EXPECT_EQ(count_and_length(), (std::pair<std::int64_t, std::int64_t>{kCommits + 300, kCommits * 1500 + 300 * 10000}));
  EXPECT_GT(sqlite_wal::Counts().written - after.written, 3u) << "the large transaction went out in pieces";
  auto check = Get([](Session& s) -> Result<std::string> {
    auto rows = s.Query("PRAGMA integrity_check");
    if (!rows) return std::move(rows).error();
    return rows->front().GetText(0);
  });
  EXPECT_EQ(check, "ok");
}

TEST_P(GroupCommitContract, AReentrantWriteRunsInsideTheOuterTransaction) {
  GroupCommit gc([this](const SessionFn& body) { return db_->Write(body); });
  auto r = gc.Write([&](Session& s) -> Result<void> {
    if (auto w = Insert(s, 1, "outer"); !w) return w;
    auto inner_ok = gc.Write([&](Session& inner) { return Insert(inner, 2, "inner"); });
    if (!inner_ok) return inner_ok;
    auto inner_failed = gc.Write([&](Session& inner) -> Result<void> {
      if (auto w = Insert(inner, 3, "rolled back"); !w) return w;
      return Insert(inner, 4, "outer");  // duplicate
    });
    EXPECT_FALSE(inner_failed);
    return Ok();
  });
  ASSERT_TRUE(r) << Describe(r.error());
  EXPECT_EQ(Names(), (std::set<std::string>{"outer", "inner"}));
  EXPECT_EQ(gc.groups(), 1u);
}

TEST_P(GroupCommitContract, AuditAppendsOfAGroupKeepTheChainWhole) {
  GroupCommit gc([this](const SessionFn& body) { return db_->Write(body); });
  auto entry = [](int i) {
    core::audit::Entry e;
    e.at = "2026-12-04T08:00:00.000Z";
    e.user_id = 1;
    e.username = "u";
    e.role = "admin";
    e.action = "probe.create";
    e.entity = "probe";
    e.entity_id = std::to_string(i);
    e.region_code = "360104";
    e.changes = "{}";
    return e;
  };
  constexpr int kThreads = 6, kEach = 15;
  std::atomic<int> committed{0}, refused{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        int n = t * kEach + i;
        auto r = gc.Write([&](Session& s) -> Result<void> {
          auto e = entry(n);
          if (auto a = AuditRepository::Append(s, e); !a) return a;
          if (n % 4 == 3)  // fails after its audit row was appended: the row must go with it
            return MakeError(ErrorCode::kUnprocessable, "test.refused", Text::Same("refused"));
          return Insert(s, n + 1, "p" + std::to_string(n));
        });
        (r ? committed : refused)++;
      }
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(refused.load(), kThreads * kEach / 4);
  auto rows = Get([](Session& s) { return AuditRepository::Range(s, 0, 1000); });
  ASSERT_EQ(rows.size(), static_cast<std::size_t>(committed.load()));
  core::audit::VerifyState state;
  EXPECT_EQ(core::audit::VerifyEntries(rows, state), std::nullopt) << "the chain has a broken link";
  auto head = Get([](Session& s) { return AuditRepository::Head(s); });
  EXPECT_EQ(head.first, committed.load());
  EXPECT_EQ(head.second, rows.back().hash);
  // Every committed member's probe row and audit row, and none of a refused one's.
  std::set<std::string> audited;
  for (const auto& e : rows) audited.insert("p" + e.entity_id);
  EXPECT_EQ(audited, Names());
  RecordProperty("groups", static_cast<int>(gc.groups()));
}

// The driver's own Write under concurrent callers (grouped): every caller gets exactly
// its own outcome and the stored rows are exactly the acknowledged ones.
TEST_P(GroupCommitContract, ConcurrentDriverWritesEachGetTheirOwnOutcome) {
  Put([](Session& s) { return Insert(s, 1000000, "taken"); });
  const auto before = db_->ChangeCounter();
  constexpr int kThreads = 8, kEach = 30;
  std::mutex mu;
  std::set<std::string> acknowledged;
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        int n = t * kEach + i;
        std::string name = "w" + std::to_string(n);
        try {
          auto r = db_->Write([&](Session& s) -> Result<void> {
            if (auto w = Insert(s, n + 1, name); !w) return w;
            if (n % 7 == 3) return Insert(s, 1000000 + n, "taken");  // duplicate: this write fails
            if (n % 11 == 5) throw std::runtime_error("boom " + std::to_string(n));
            return Ok();
          });
          bool should = n % 7 != 3 && n % 11 != 5;
          if (static_cast<bool>(r) != should || (!r && r.error().reason != "store.duplicate")) ++wrong;
          if (r) {
            std::lock_guard lock(mu);
            acknowledged.insert(name);
          }
        } catch (const std::runtime_error& ex) {
          if (std::string(ex.what()) != "boom " + std::to_string(n) || n % 11 != 5 || n % 7 == 3) ++wrong;
        }
      }
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(wrong.load(), 0);
  acknowledged.insert("taken");
  EXPECT_EQ(Names(), acknowledged);
  if (before) {
    auto after = db_->ChangeCounter();
    ASSERT_TRUE(after);
    EXPECT_GT(*after, *before) << "the change counter moves with every committed group";
    RecordProperty("transactions", static_cast<int>(*after - *before));
  }
}

INSTANTIATE_TEST_SUITE_P(Sqlite, GroupCommitContract, ::testing::Values("sqlite"));
INSTANTIATE_TEST_SUITE_P(Postgres, GroupCommitContract, ::testing::Values("postgres"));

}  // namespace
}  // namespace huanxin::store::contract
