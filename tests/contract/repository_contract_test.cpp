// Contract suite of every repository, run on SQLite and on a real PostgreSQL (ARCHITECTURE.md §3:
// repositories are written once; the same contract holds on both drivers).
#include <gtest/gtest.h>

#include <thread>

#include "common/crypto.hpp"
#include "core/audit/chain.hpp"
#include "store/audit/audit_repository.hpp"
#include "store/auth/user_repository.hpp"
#include "store/migrations.hpp"
#include "store/region/region_repository.hpp"
#include "testing/test_db.hpp"

namespace huanxin::store {
namespace {

class RepositoryContract : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    ASSERT_TRUE(InitCrypto());
    dsn_ = testing::FreshDsn(GetParam());
    if (dsn_.empty()) return;  // skipped or failed already
    db_ = testing::OpenMigrated(dsn_);
    ASSERT_TRUE(db_);
    testing::SeedRegions(*db_);
  }

  // Runs fn in a write transaction and asserts success.
  void W(const std::function<Result<void>(Session&)>& fn) {
    auto r = db_->Write(fn);
    ASSERT_TRUE(r) << r.error().reason << " " << r.error().detail.en;
  }
  void R(const std::function<Result<void>(Session&)>& fn) {
    auto r = db_->Read(fn);
    ASSERT_TRUE(r) << r.error().reason << " " << r.error().detail.en;
  }

  UserRecord MakeUser(const std::string& username, const std::string& region, const std::string& role = "street") {
    UserRecord u;
    u.username = username;
    u.display_name = "测试 " + username;
    u.role = role;
    u.region_code = region;
    u.password_hash = "$argon2id$dummy";
    u.password_changed_at = u.created_at = u.updated_at = "2026-11-21T08:00:00.000Z";
    return u;
  }

  std::int64_t InsertUser(const UserRecord& u) {
    std::int64_t id = 0;
    W([&](Session& s) -> Result<void> {
      auto r = UserRepository::Insert(s, u);
      if (!r) return std::move(r).error();
      id = *r;
      return Ok();
    });
    return id;
  }

  std::string dsn_;
  std::unique_ptr<Database> db_;
};

TEST_P(RepositoryContract, MigrationsAreIdempotent) {
  if (!db_) return;
  auto again = Migrate(*db_);
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, 0);
}

TEST_P(RepositoryContract, UserRoundTripsUnicodeAndNulls) {
  if (!db_) return;
  auto u = MakeUser("hongdu.li", "360104002");
  u.display_name = "洪都街道 李主任 🏠";
  auto id = InsertUser(u);
  ASSERT_GT(id, 0);
  R([&](Session& s) -> Result<void> {
    auto found = UserRepository::FindById(s, id);
    if (!found) return std::move(found).error();
    EXPECT_TRUE(found->has_value());
    EXPECT_EQ((*found)->display_name, "洪都街道 李主任 🏠");
    EXPECT_FALSE((*found)->phone.has_value());
    EXPECT_FALSE((*found)->disabled);
    auto by_name = UserRepository::FindByUsername(s, "hongdu.li");
    if (!by_name) return std::move(by_name).error();
    EXPECT_EQ((*by_name)->id, id);
    auto missing = UserRepository::FindById(s, id + 1000);
    if (!missing) return std::move(missing).error();
    EXPECT_FALSE(missing->has_value());
    return Ok();
  });
}

TEST_P(RepositoryContract, DuplicateUsernameIsConflictAndRollsBack) {
  if (!db_) return;
  InsertUser(MakeUser("dup.user", "360104002"));
  auto r = db_->Write([&](Session& s) -> Result<void> {
    auto other = UserRepository::Insert(s, MakeUser("other.user", "360104002"));
    if (!other) return std::move(other).error();
    auto dup = UserRepository::Insert(s, MakeUser("dup.user", "360104006"));
    if (!dup) return std::move(dup).error();
    return Ok();
  });
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().reason, "store.duplicate");
  EXPECT_EQ(r.error().code, ErrorCode::kConflict);
  R([&](Session& s) -> Result<void> {
    auto other = UserRepository::FindByUsername(s, "other.user");
    if (!other) return std::move(other).error();
    EXPECT_FALSE(other->has_value()) << "the whole transaction must roll back";
    return Ok();
  });
}

TEST_P(RepositoryContract, ListFiltersByScopePrefixTextRoleAndPages) {
  if (!db_) return;
  InsertUser(MakeUser("bureau.wang", "360104", "bureau"));
  InsertUser(MakeUser("hongdu.li", "360104002"));
  InsertUser(MakeUser("jingshan.zhao", "360104006"));
  auto grid = MakeUser("grid.chen", "360104002001", "community");
  grid.disabled = true;
  InsertUser(grid);
  InsertUser(MakeUser("xihu.sun", "360103001"));
  auto pct = MakeUser("percent.user", "360104002");
  pct.display_name = "百分之100%";
  InsertUser(pct);
  R([&](Session& s) -> Result<void> {
    Page page;
    UserFilter f;
    f.scope_prefix = "360104002";
    auto r = UserRepository::List(s, f, page);
    if (!r) return std::move(r).error();
    EXPECT_EQ(page.total, 3);  // hongdu.li, grid.chen, percent.user: not the bureau above, not xihu
    f.scope_prefix = "360104";
    f.q = "HONGDU";
    r = UserRepository::List(s, f, page);
    if (!r) return std::move(r).error();
    EXPECT_EQ(page.total, 1);
    f.q = "%";  // a literal percent sign, not a wildcard
    r = UserRepository::List(s, f, page);
    if (!r) return std::move(r).error();
    EXPECT_EQ(page.total, 1);
    f.q.reset();
    f.disabled = true;
    r = UserRepository::List(s, f, page);
    if (!r) return std::move(r).error();
    EXPECT_EQ(page.total, 1);
    EXPECT_EQ(r->front().username, "grid.chen");
    f.disabled.reset();
    f.role = "street";
    f.limit = 1;
    f.offset = 1;
    r = UserRepository::List(s, f, page);
    if (!r) return std::move(r).error();
    EXPECT_EQ(page.total, 3);
    EXPECT_EQ(r->size(), 1u);
    f.role.reset();
    f.limit = 50;
    f.offset = 0;
    f.scope_prefix = "";
    f.region_prefix = "360103";
    r = UserRepository::List(s, f, page);
    if (!r) return std::move(r).error();
    EXPECT_EQ(page.total, 1);
    return Ok();
  });
}

TEST_P(RepositoryContract, IgnoredStatementFailureNeverReportsACommit) {
  if (!db_) return;
  // A caller that swallows a failed statement and returns Ok must not be told its write committed:
  // SQLite keeps the transaction, PostgreSQL has aborted it — either way nothing half-done is
  // acknowledged as done.
  auto r = db_->Write([&](Session& s) -> Result<void> {
    auto first = UserRepository::Insert(s, MakeUser("kept.or.not", "360104002"));
    if (!first) return std::move(first).error();
    (void)s.Exec("INSERT INTO no_such_table VALUES (1)");  // fails; the error is ignored on purpose
    return Ok();
  });
  Page page;
  std::int64_t count = -1;
  R([&](Session& s) -> Result<void> {
    UserFilter f;
    auto list = UserRepository::List(s, f, page);
    if (!list) return std::move(list).error();
    count = page.total;
    return Ok();
  });
  if (r) {
    EXPECT_EQ(count, 1) << "Write said OK, so the row must be there";
  } else {
    EXPECT_EQ(count, 0) << "Write said it failed, so nothing may be there";
  }
}

TEST_P(RepositoryContract, AssignmentsAreReplacedWhole) {
  if (!db_) return;
  auto id = InsertUser(MakeUser("super.visor", "360104002", "supervisor"));
  W([&](Session& s) { return UserRepository::ReplaceAssignments(s, id, "360104002", {{"estate", 7}, {"estate", 3}}); });
  W([&](Session& s) { return UserRepository::ReplaceAssignments(s, id, "360104002", {{"project", 9}, {"estate", 3}}); });
  R([&](Session& s) -> Result<void> {
    auto u = UserRepository::FindById(s, id);
    if (!u) return std::move(u).error();
    std::vector<Assignment> want{{"estate", 3}, {"project", 9}};
    EXPECT_EQ((*u)->assignments, want);
    return Ok();
  });
}

TEST_P(RepositoryContract, SessionsExpireAndRevoke) {
  if (!db_) return;
  auto uid = InsertUser(MakeUser("sess.user", "360104002"));
  W([&](Session& s) -> Result<void> {
    for (const char* h : {"h1", "h2"}) {
      SessionRecord r{0, h, uid, "csrf", "2026-11-21T08:00:00.000Z", "2026-11-21T20:00:00.000Z", "127.0.0.1", "test"};
      auto id = SessionRepository::Insert(s, r);
      if (!id) return std::move(id).error();
    }
    return Ok();
  });
  R([&](Session& s) -> Result<void> {
    auto before = SessionRepository::FindActive(s, "h1", "2026-11-21T19:59:59.999Z");
    if (!before) return std::move(before).error();
    EXPECT_TRUE(before->has_value());
    auto at_expiry = SessionRepository::FindActive(s, "h1", "2026-11-21T20:00:00.000Z");
    if (!at_expiry) return std::move(at_expiry).error();
    EXPECT_FALSE(at_expiry->has_value()) << "a session is dead at its expiry instant";
    return Ok();
  });
  W([&](Session& s) { return SessionRepository::Revoke(s, "h1", "2026-11-21T09:00:00.000Z"); });
  R([&](Session& s) -> Result<void> {
    auto h1 = SessionRepository::FindActive(s, "h1", "2026-11-21T10:00:00.000Z");
    auto h2 = SessionRepository::FindActive(s, "h2", "2026-11-21T10:00:00.000Z");
    if (!h1 || !h2) return Error{};
    EXPECT_FALSE(h1->has_value());
    EXPECT_TRUE(h2->has_value());
    return Ok();
  });
  W([&](Session& s) -> Result<void> {
    auto n = SessionRepository::RevokeAllForUser(s, uid, "2026-11-21T11:00:00.000Z");
    if (!n) return std::move(n).error();
    EXPECT_EQ(*n, 1);  // h1 was already revoked
    return Ok();
  });
}

core::audit::Entry Event(const std::string& region, const std::string& action) {
  core::audit::Entry e;
  e.at = "2026-11-21T08:00:00.000Z";
  e.user_id = 1;
  e.username = "admin";
  e.role = "admin";
  e.action = action;
  e.entity = "user";
  e.entity_id = "5";
  e.region_code = region;
  e.changes = R"({"role":{"from":"street","to":"bureau"}})";
  e.request_id = "req";
  return e;
}

TEST_P(RepositoryContract, AuditAppendsLinkTheChainAndListIsScoped) {
  if (!db_) return;
  W([&](Session& s) -> Result<void> {
    for (auto region : {"360104002", "360104006", "360103001", "360104002001"}) {
      auto e = Event(region, "user.update");
      if (auto r = AuditRepository::Append(s, e); !r) return r;
    }
    return Ok();
  });
  R([&](Session& s) -> Result<void> {
    auto all = AuditRepository::Range(s, 0, 100);
    if (!all) return std::move(all).error();
    EXPECT_EQ(all->size(), 4u);
    core::audit::VerifyState state;
    EXPECT_EQ(core::audit::VerifyEntries(*all, state), std::nullopt);
    auto head = AuditRepository::Head(s);
    if (!head) return std::move(head).error();
    EXPECT_EQ(head->first, 4);
    EXPECT_EQ(head->second, all->back().hash);
    Page page;
    AuditFilter f;
    f.scope_prefix = "360104002";
    auto scoped = AuditRepository::List(s, f, page);
    if (!scoped) return std::move(scoped).error();
    EXPECT_EQ(page.total, 2);
    EXPECT_EQ(scoped->front().seq, 4);  // newest first
    return Ok();
  });
}

TEST_P(RepositoryContract, AuditRowsCannotBeUpdatedOrDeleted) {
  if (!db_) return;
  W([&](Session& s) -> Result<void> {
    auto e = Event("360104002", "user.create");
    return AuditRepository::Append(s, e);
  });
  auto upd = db_->Write([](Session& s) -> Result<void> {
    auto n = s.Exec("UPDATE audit_log SET action = 'forged' WHERE seq = 1");
    if (!n) return std::move(n).error();
    return Ok();
  });
  EXPECT_FALSE(upd);
  auto del = db_->Write([](Session& s) -> Result<void> {
    auto n = s.Exec("DELETE FROM audit_log");
    if (!n) return std::move(n).error();
    return Ok();
  });
  EXPECT_FALSE(del);
}

TEST_P(RepositoryContract, ConcurrentAuditAppendersKeepOneUnbrokenChain) {
  if (!db_) return;
  constexpr int kThreads = 4, kEach = 25;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        auto r = db_->Write([&](Session& s) -> Result<void> {
          auto e = Event("360104002", "user.update." + std::to_string(t));
          return AuditRepository::Append(s, e);
        });
        if (!r) ++failures;
      }
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  R([&](Session& s) -> Result<void> {
    auto all = AuditRepository::Range(s, 0, 1000);
    if (!all) return std::move(all).error();
    EXPECT_EQ(all->size(), static_cast<std::size_t>(kThreads * kEach));
    core::audit::VerifyState state;
    EXPECT_EQ(core::audit::VerifyEntries(*all, state), std::nullopt) << "the chain forked";
    return Ok();
  });
}

TEST_P(RepositoryContract, RegionUpsertIsIdempotentAndRenames) {
  if (!db_) return;
  RegionRecord r{"360104002003", "新社区", "community", "360104002", false};
  W([&](Session& s) -> Result<void> {
    auto n = RegionRepository::Upsert(s, r, "test", "2026-11-21T08:00:00.000Z");
    if (!n) return std::move(n).error();
    EXPECT_EQ(*n, 1);
    n = RegionRepository::Upsert(s, r, "test", "2026-11-21T08:00:00.000Z");
    if (!n) return std::move(n).error();
    EXPECT_EQ(*n, 0) << "unchanged row is not rewritten";
    r.name = "新社区居委会";
    n = RegionRepository::Upsert(s, r, "test", "2026-11-21T08:00:00.000Z");
    if (!n) return std::move(n).error();
    EXPECT_EQ(*n, 1);
    return Ok();
  });
  R([&](Session& s) -> Result<void> {
    auto kids = RegionRepository::Children(s, "360104002");
    if (!kids) return std::move(kids).error();
    EXPECT_EQ(kids->size(), 3u);
    EXPECT_EQ(kids->back().name, "新社区居委会");
    auto streets = RegionRepository::Children(s, "360104");
    if (!streets) return std::move(streets).error();
    EXPECT_TRUE(streets->front().has_children);
    auto many = RegionRepository::FindMany(s, {"36", "3601", "360104", "nope"});
    if (!many) return std::move(many).error();
    EXPECT_EQ(many->size(), 3u);
    EXPECT_EQ(many->front().code, "36");
    auto max = RegionRepository::MaxChildCode(s, "360104002");
    if (!max) return std::move(max).error();
    EXPECT_EQ(max->value(), "360104002003");
    auto none = RegionRepository::MaxChildCode(s, "360104002003");
    if (!none) return std::move(none).error();
    EXPECT_FALSE(none->has_value());
    return Ok();
  });
}

INSTANTIATE_TEST_SUITE_P(Sqlite, RepositoryContract, ::testing::Values("sqlite"));
INSTANTIATE_TEST_SUITE_P(Postgres, RepositoryContract, ::testing::Values("postgres"));

}  // namespace
}  // namespace huanxin::store
