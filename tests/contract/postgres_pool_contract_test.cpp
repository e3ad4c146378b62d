// The PostgreSQL driver's connection pool (store/postgres/postgres_database.hpp): one connection at
// start, more only while every open one is busy, never more than the pool's size; a server that
// cannot be reached fails at open. PostgreSQL only (the test counts the server's backends).
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "store/postgres/postgres_database.hpp"
#include "testing/test_db.hpp"

namespace huanxin::store {
namespace {

class PostgresPoolContract : public ::testing::TestWithParam<std::string> {};

// Client backends connected to `db` other than the observer's own: the pool's (autovacuum workers
// visit the fresh database too, and are not counted).
std::int64_t Backends(Database& observer, const std::string& db) {
  std::int64_t n = -1;
  auto r = observer.Read([&](Session& s) -> Result<void> {
    auto rows = s.Query(
        "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = ? AND backend_type = 'client backend' AND pid <> "
        "pg_backend_pid()",
        {db});
    if (!rows) return std::move(rows).error();
    n = rows->front().GetInt(0);
    return Ok();
  });
  EXPECT_TRUE(r);
  return n;
}

TEST_P(PostgresPoolContract, OpensConnectionsWhenNeededAndNeverMoreThanItsSize) {
  auto dsn = testing::FreshDsn(GetParam());
  if (dsn.empty()) return;
  const std::string db = dsn.substr(dsn.rfind('/') + 1);
  auto observer = OpenPostgres({dsn, 1});
  ASSERT_TRUE(observer);
  auto pool = OpenPostgres({dsn, 3});
  ASSERT_TRUE(pool);
  EXPECT_EQ(Backends(**observer, db), 1) << "the pool's first connection only";

  // Six readers at once, each holding its transaction until three are inside together (or ten
  // seconds passed): three run together, never more; the others wait for a connection, then run.
  std::atomic<int> inside{0}, most{0}, done{0};
  std::vector<std::thread> readers;
  for (int i = 0; i < 6; ++i)
    readers.emplace_back([&] {
      auto r = (*pool)->Read([&](Session& s) -> Result<void> {
        int now = ++inside;
        for (int seen = most.load(); now > seen && !most.compare_exchange_weak(seen, now);) {
        }
        auto rows = s.Query("SELECT 1");
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (most.load() < 3 && std::chrono::steady_clock::now() < deadline)
          std::this_thread::sleep_for(std::chrono::milliseconds(1));
        --inside;
        return rows ? Ok() : Result<void>(std::move(rows).error());
      });
      EXPECT_TRUE(r);
      ++done;
    });
  for (auto& t : readers) t.join();
  EXPECT_EQ(done.load(), 6);
  EXPECT_EQ(most.load(), 3) << "three connections at most, all three used";
  EXPECT_EQ(Backends(**observer, db), 3) << "the pool's three, kept for the next transactions";
}

TEST_P(PostgresPoolContract, AnUnreachableServerFailsAtOpen) {
  if (testing::FreshDsn(GetParam()).empty()) return;
  // Port 1 on loopback: nothing listens there.
  auto pool = OpenPostgres({"postgres://huanxin@127.0.0.1:1/none?connect_timeout=2", 3});
  ASSERT_FALSE(pool);
  EXPECT_EQ(pool.error().code, ErrorCode::kUnavailable);
}

INSTANTIATE_TEST_SUITE_P(Postgres, PostgresPoolContract, ::testing::Values("postgres"));

}  // namespace
}  // namespace huanxin::store
