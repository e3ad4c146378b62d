// Contract of the Session port's helpers on SQLite and PostgreSQL (store/database.hpp): the health
// probe (Ping) and the bulk-load helpers `huanxin gen` relies on after loading rows with their own
// ids (ResetIdentity, Analyze).
#include <gtest/gtest.h>

#include "contract/contract_fixture.hpp"
#include "store/auth/user_repository.hpp"
#include "store/driver_errors.hpp"
#include "store/register/register_repository.hpp"
#include "testing/test_db.hpp"

namespace huanxin::store::contract {
namespace {

class SessionContract : public ContractTest {
 protected:
  // Loads owners with the given ids the way the generator does: COPY text with explicit ids.
  void LoadOwners(const std::vector<std::int64_t>& ids) {
    std::string text;
    for (auto id : ids) {
      const auto n = std::to_string(id);
      const auto id_number = "ID-" + n, name = "业主" + n;
      AppendCopyRow(text, {n, id_number, name, std::string_view{}, kAt, kAt});
    }
    Put([&](Session& s) {
      return s.CopyIn("owner", {"id", "id_number", "name", "phone", "created_at", "updated_at"}, text);
    });
  }
  std::int64_t InsertOwner(const std::string& id_number) {
    return Put([&](Session& s) {
      return OwnerRepository::Insert(s, {0, id_number, "新业主", std::nullopt, kAt, kAt});
    });
  }
  void Reset(const char* table) {
    Put([&](Session& s) { return s.ResetIdentity(table); });
  }
};

TEST_P(SessionContract, PingAnswersInReadsAndWritesAndChangesNothing) {
  if (IsSkipped()) return;
  const auto before = testing::Snapshot(*db_);
  const auto changes = db_->ChangeCounter();
  auto read = db_->Read(Ping);
  EXPECT_TRUE(read) << (read ? "" : Describe(read.error()));
  EXPECT_EQ(db_->ChangeCounter(), changes) << "a read is not a write";
  auto write = db_->Write(Ping);
  EXPECT_TRUE(write) << (write ? "" : Describe(write.error()));
  // Inside a transaction that goes on to write, the write still commits.
  Put([&](Session& s) -> Result<void> {
    if (auto r = Ping(s); !r) return r;
    AddOwner(s, "360104199001010011", "体检后");
    return Ok();
  });
  EXPECT_EQ(Count("SELECT COUNT(*) FROM owner"), 1);
  EXPECT_NE(testing::Snapshot(*db_), before);
}

// The session cache's counter (Database::AccountsChangeCounter): moved by every write that changed a
// user, an assignment or a session, and only by those on SQLite (the sole writer); PostgreSQL, which
// several servers may share, keeps no counter at all.
TEST_P(SessionContract, AccountsChangeCounterMovesWithAccountWritesOnly) {
  if (IsSkipped()) return;
  const auto accounts = [&] { return db_->AccountsChangeCounter(); };
  if (!db_->ChangeCounter()) {
    EXPECT_FALSE(accounts()) << "no counter where the data may change behind the process";
    return;
  }
  auto seen = accounts();
  ASSERT_TRUE(seen);
  const auto moved = [&](const char* what) {
    const auto now = accounts();
    EXPECT_NE(now, seen) << what;
    seen = now;
  };
  const auto kept = [&](const char* what) { EXPECT_EQ(accounts(), seen) << what; };

  auto all = db_->ChangeCounter();
  Put([&](Session& s) -> Result<void> {
    AddOwner(s, "360104199001010011", "业主");
    return Ok();
  });
  EXPECT_NE(db_->ChangeCounter(), all) << "the general counter moves with any write";
  kept("an owner is not an account");
  (void)db_->Read(Ping);
  kept("a read");

  std::int64_t user = 0;
  Put([&](Session& s) -> Result<void> {
    user = AddUser(s, "counter", "360104002001");
    return Ok();
  });
  moved("a new user");
  Put([&](Session& s) { return UserRepository::ReplaceAssignments(s, user, "360104002001", {{"estate", 7}}); });
  moved("an assignment given");
  Put([&](Session& s) { return UserRepository::ReplaceAssignments(s, user, "360104002001", {}); });
  moved("the assignment taken away");
  SessionRecord sess{0, std::string(64, 'a'), user, "csrf", kAt, "2099-01-01T00:00:00.000Z", "127.0.0.1", "test"};
  Put([&](Session& s) -> Result<void> {
    if (auto id = SessionRepository::Insert(s, sess); !id) return std::move(id).error();
    return Ok();
  });
  moved("a session");
  Put([&](Session& s) { return SessionRepository::Revoke(s, sess.token_hash, kAt); });
  moved("a session revoked");
  Put([&](Session& s) { return SessionRepository::Revoke(s, sess.token_hash, kAt); });
  kept("a revocation that changed no row");
  // A write that changed a user and then failed: rolled back, and still counted (a reader may have
  // looked while it was under way).
  auto failed = db_->Write([&](Session& s) -> Result<void> {
    if (auto r = s.Exec("UPDATE app_user SET display_name = 'x' WHERE id = ?", {Int(user)}); !r)
      return std::move(r).error();
    return InternalStoreError("fail on purpose");
  });
  EXPECT_FALSE(failed);
  moved("a failed write that touched a user");
}

TEST_P(SessionContract, AfterResetIdentityInsertsContinueAfterTheLoadedIds) {
  if (IsSkipped()) return;
  LoadOwners({5, 1000, 7});
  Reset("owner");
  EXPECT_EQ(InsertOwner("360104199001010011"), 1001);
  EXPECT_EQ(InsertOwner("360104199001010012"), 1002);
  // Again after a second load: from the new largest id, and resetting twice changes nothing.
  LoadOwners({2000});
  Reset("owner");
  Reset("owner");
  EXPECT_EQ(InsertOwner("360104199001010013"), 2001);
}

TEST_P(SessionContract, ResetIdentityKeepsSixtyFourBitIdsAndStartsAnEmptyTableAtOne) {
  if (IsSkipped()) return;
  Reset("owner");
  EXPECT_EQ(InsertOwner("360104199001010011"), 1);
  LoadOwners({kLargeId});
  Reset("owner");
  EXPECT_EQ(InsertOwner("360104199001010012"), kLargeId + 1);
}

TEST_P(SessionContract, ResetIdentityAndAnalyzeRefuseAnythingButAPlainTableName) {
  if (IsSkipped()) return;
  for (const char* bad : {"", "owner; DROP TABLE owner", "Owner", "\"owner\"", "1owner", "owner id"}) {
    auto reset = Refused([&](Session& s) { return s.ResetIdentity(bad); });
    EXPECT_EQ(reset.reason, "store.error") << bad;
    auto analyze = Refused([&](Session& s) { return s.Analyze({"estate", bad}); });
    EXPECT_EQ(analyze.reason, "store.error") << bad;
  }
  EXPECT_EQ(Count("SELECT COUNT(*) FROM owner"), 0);
}

TEST_P(SessionContract, AnalyzeRunsInAWriteAndChangesNoData) {
  if (IsSkipped()) return;
  LoadOwners({1, 2, 3});
  const auto before = testing::Snapshot(*db_);
  Put([&](Session& s) -> Result<void> {
    if (auto r = s.Analyze({}); !r) return r;
    return s.Analyze({"estate", "estate_stat", "building", "dwelling", "owner", "dwelling_owner"});
  });
  EXPECT_EQ(testing::Snapshot(*db_), before);
  // The writes after it in the same transaction still commit.
  Put([&](Session& s) -> Result<void> {
    if (auto r = s.Analyze({"owner"}); !r) return r;
    return OwnerRepository::Update(s, {1, "", "改名", std::nullopt, kAt, kAt});
  });
  EXPECT_EQ(Count("SELECT COUNT(*) FROM owner WHERE name = ?", {Str("改名")}), 1);
  if (db_->dialect() == Dialect::kPostgres) {
    // PostgreSQL's planner now knows the table's size.
    EXPECT_EQ(Count("SELECT CAST(reltuples AS BIGINT) FROM pg_class WHERE relname = 'owner'"), 3);
  }
}

// InsertMany (the roster import's write path): every row in statements of up to 500 rows, text
// exactly as given (tabs, newlines, quotes, backslashes, Chinese), NULLs; a duplicate anywhere, or a
// row with the wrong number of values, fails the call and the transaction writes nothing.
TEST_P(SessionContract, InsertManyWritesEveryRowAsGivenAndFailsWhole) {
  if (IsSkipped()) return;
  constexpr std::size_t kRows = 1234;  // 500 + 500 + 234
  std::vector<std::string> id_numbers, names;
  for (std::size_t i = 0; i < kRows; ++i) {
    id_numbers.push_back("IM-" + std::to_string(i));
    names.push_back(i % 7 == 0 ? "张\t三\t'\"\\\n" + std::to_string(i) : "业主" + std::to_string(i));
  }
  const std::vector<std::string_view> columns = {"id", "id_number", "name", "phone", "created_at", "updated_at"};
  auto owner = [&](std::size_t i, RowValues& v) {
    v.AddInt(static_cast<std::int64_t>(1000 + i));
    v.AddText(id_numbers[i]);
    v.AddText(names[i]);
    i % 2 ? v.AddText("1380013" + std::to_string(1000 + i)) : v.AddNull();
    v.AddText(kAt);
    v.AddText(kAt);
  };
  // A duplicate ID number in the last statement: nothing of the earlier statements stays either.
  id_numbers[kRows - 1] = id_numbers[3];
  auto dup = Refused([&](Session& s) { return s.InsertMany("owner", columns, kRows, owner); });
  EXPECT_EQ(dup.reason, "store.duplicate") << Describe(dup);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM owner"), 0);
  id_numbers[kRows - 1] = "IM-last";
  // A row short of a value.
  auto shape = Refused([&](Session& s) {
    return s.InsertMany("owner", columns, kRows, [&](std::size_t i, RowValues& v) {
      if (i == 700) return v.AddInt(1);
      owner(i, v);
    });
  });
  EXPECT_EQ(shape.code, ErrorCode::kInternal) << Describe(shape);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM owner"), 0);

  Put([&](Session& s) { return s.InsertMany("owner", columns, kRows, owner); });
  EXPECT_EQ(Count("SELECT COUNT(*) FROM owner"), static_cast<std::int64_t>(kRows));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM owner WHERE phone IS NULL"), static_cast<std::int64_t>(kRows / 2));
  auto rows = Get([&](Session& s) { return s.Query("SELECT id, id_number, name, phone FROM owner ORDER BY id"); });
  ASSERT_EQ(rows.size(), kRows);
  for (std::size_t i = 0; i < kRows; ++i) {
    ASSERT_EQ(rows[i].GetInt(0), static_cast<std::int64_t>(1000 + i));
    ASSERT_EQ(rows[i].GetText(1), id_numbers[i]);
    ASSERT_EQ(rows[i].GetText(2), names[i]) << i;
    ASSERT_EQ(rows[i].IsNull(3), i % 2 == 0) << i;
  }
  // Nothing to insert is no statement at all.
  Put([&](Session& s) { return s.InsertMany("owner", columns, 0, owner); });
  EXPECT_EQ(Count("SELECT COUNT(*) FROM owner"), static_cast<std::int64_t>(kRows));
}

// InsertMany's tail: an ON CONFLICT clause after each statement's rows, for upserts (ballots, tally
// rows). Row counts of 3 (a statement the SQLite driver keeps), 40 (one it prepares for one use) and
// 540 (a full statement and such a last one), each twice, so a kept or finalized statement is used
// again correctly. Identifiers that are not plain names are refused before any SQL runs.
TEST_P(SessionContract, InsertManyTailUpsertsRowsInEveryStatementSize) {
  if (IsSkipped()) return;
  const std::vector<std::string_view> columns = {"id_number", "name", "created_at", "updated_at"};
  const std::string_view tail = " ON CONFLICT (id_number) DO UPDATE SET name = excluded.name";
  std::int64_t expected = 0;
  for (std::size_t n : {3, 40, 540}) {
    for (int pass = 0; pass < 2; ++pass) {
      // Half of the rows are new on the second pass, the other half rename owners of the first.
      const std::size_t offset = pass == 0 ? 0 : n / 2;
      const std::string name = "业主-" + std::to_string(n) + "-" + std::to_string(pass);
      std::vector<std::string> ids;
      for (std::size_t i = 0; i < n; ++i) ids.push_back("UP-" + std::to_string(n) + "-" + std::to_string(offset + i));
      Put([&](Session& s) {
        return s.InsertMany(
            "owner", columns, n,
            [&](std::size_t i, RowValues& v) {
              v.AddText(ids[i]);
              v.AddText(name);
              v.AddText(kAt);
              v.AddText(kAt);
            },
            tail);
      });
    }
    expected += static_cast<std::int64_t>(n + n / 2);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM owner"), expected) << n;
    // The second pass renamed the rows it met again and named its new ones.
    EXPECT_EQ(Count("SELECT COUNT(*) FROM owner WHERE name = ?", {Str("业主-" + std::to_string(n) + "-1")}),
              static_cast<std::int64_t>(n))
        << n;
    EXPECT_EQ(Count("SELECT COUNT(*) FROM owner WHERE name = ?", {Str("业主-" + std::to_string(n) + "-0")}),
              static_cast<std::int64_t>(n / 2))
        << n;
  }
  auto bad_table = Refused([&](Session& s) {
    return s.InsertMany("owner; DROP TABLE owner", columns, 1, [](std::size_t, RowValues& v) { v.AddNull(); });
  });
  EXPECT_EQ(bad_table.code, ErrorCode::kInternal) << Describe(bad_table);
  auto bad_column = Refused([&](Session& s) {
    return s.InsertMany("owner", {"id_number", "name)"}, 1, [](std::size_t, RowValues& v) { v.AddNull(); });
  });
  EXPECT_EQ(bad_column.code, ErrorCode::kInternal) << Describe(bad_column);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM owner"), expected);
}

INSTANTIATE_TEST_SUITE_P(Sqlite, SessionContract, ::testing::Values("sqlite"));
INSTANTIATE_TEST_SUITE_P(Postgres, SessionContract, ::testing::Values("postgres"));

}  // namespace
}  // namespace huanxin::store::contract
