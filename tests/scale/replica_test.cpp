// Reads served by a PostgreSQL streaming replica (issue #16, docs/scaling.md "Read replicas"), over
// HTTP against the real server started with --db-replica. Needs HUANXIN_TEST_PG and
// HUANXIN_TEST_PG_REPLICA (make test starts the replica with tools/pg-test-server.sh replica).
//  - a write on the primary becomes readable on the replica;
//  - the read routes are served by the replica: with its replay paused, a reader other than the
//    writer does not see a new write yet (and sees it once replay resumes);
//  - the writer reads its own write at once (read-your-writes, by WAL position);
//  - a replica that is down (a dead port, or one that goes away while in rotation) leaves the read
//    routes on the primary: every answer 200 and current.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio.hpp>
#include <boost/json.hpp>
#include <chrono>
#include <cstdlib>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "app/wiring.hpp"
#include "common/crypto.hpp"
#include "store/database.hpp"
#include "store/replicated_database.hpp"
#include "testing/http_client.hpp"
#include "testing/process.hpp"
#include "testing/test_db.hpp"

namespace huanxin::testing {
namespace {

namespace json = boost::json;
namespace asio = boost::asio;
constexpr const char* kPassword = "Replica#2026pass";

// The replica's DSN for the database `primary_dsn` names: the replica holds every database of the
// primary's cluster.
std::string ReplicaDsnFor(const std::string& replica_base, const std::string& primary_dsn) {
  return replica_base.substr(0, replica_base.rfind('/')) + primary_dsn.substr(primary_dsn.rfind('/'));
}

std::int64_t Count(store::Database& db, const std::string& sql) {
  auto n = store::ReadResult(db, [&](store::Session& s) { return store::QueryInt(s, sql); });
  return n ? *n : -1;
}

// Polls `pred` for up to `seconds`.
template <typename F>
bool Eventually(F pred, int seconds = 30) {
  for (int i = 0; i < seconds * 20; ++i) {
    if (pred()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

struct Server {
  pid_t pid = -1;
  std::uint16_t port = 0;
  Server(const std::string& dsn, const std::vector<std::string>& extra) {
    port = FreePort();
    const auto var = ::testing::TempDir() + "hx-replica-var-" + std::to_string(::getpid()) + "-" + std::to_string(port);
    pid = StartServerProcess(HX_BINARY, dsn, port, var, kPassword, "/nonexistent", extra);
  }
  ~Server() {
    if (pid > 0) {
      kill(pid, SIGTERM);
      waitpid(pid, nullptr, 0);
    }
  }
  std::string Login(const std::string& user) const {
    auto r = Send(port, {"POST", "/api/v1/auth/login",
                         json::serialize(json::object{{"username", user}, {"password", kPassword}}),
                         {{"Content-Type", "application/json"}}});
    EXPECT_EQ(r.status, 200) << r.body;
    return r.status == 200 ? "Bearer " + std::string(r.Json().as_object()["token"].as_string()) : "";
  }
  HttpResponse Get(const std::string& auth, const std::string& target) const {
    return Send(port, {"GET", target, "", {{"Authorization", auth}}});
  }
  HttpResponse Post(const std::string& auth, const std::string& target, const json::object& body) const {
    return Send(port, {"POST", target, json::serialize(body), {{"Authorization", auth}, {"Content-Type", "application/json"}}});
  }
};

bool Lists(const HttpResponse& r, const std::string& name) { return r.status == 200 && r.body.find(name) != std::string::npos; }

// A loopback TCP relay to the replica that the test can cut: the replica "goes down" while the
// server holds open connections to it.
class Relay {
 public:
  explicit Relay(std::uint16_t target) : target_(target), acceptor_(ioc_, {asio::ip::make_address("127.0.0.1"), 0}) {
    port_ = acceptor_.local_endpoint().port();
    Accept();
    thread_ = std::thread([this] { ioc_.run(); });
  }
  ~Relay() {
    Cut();
    ioc_.stop();
    thread_.join();
  }
  std::uint16_t port() const { return port_; }
  // Closes the listener and every relayed connection.
  void Cut() {
    asio::post(ioc_, [this] {
      boost::system::error_code ec;
      acceptor_.close(ec);
      for (auto& s : sockets_) s->close(ec);
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }

 private:
  using Socket = std::shared_ptr<asio::ip::tcp::socket>;
  void Accept() {
    acceptor_.async_accept([this](boost::system::error_code ec, asio::ip::tcp::socket in) {
      if (ec) return;
      auto a = std::make_shared<asio::ip::tcp::socket>(std::move(in));
      auto b = std::make_shared<asio::ip::tcp::socket>(ioc_);
      boost::system::error_code cec;
      b->connect({asio::ip::make_address("127.0.0.1"), target_}, cec);
      if (!cec) {
        sockets_.push_back(a);
        sockets_.push_back(b);
        Pump(a, b);
        Pump(b, a);
      }
      Accept();
    });
  }
  void Pump(Socket from, Socket to) {
    auto buf = std::make_shared<std::array<char, 16384>>();
    from->async_read_some(asio::buffer(*buf), [this, from, to, buf](boost::system::error_code ec, std::size_t n) {
      if (ec) {
        boost::system::error_code ignored;
        to->close(ignored);
        return;
      }
      asio::async_write(*to, asio::buffer(buf->data(), n), [this, from, to, buf](boost::system::error_code wec, std::size_t) {
        if (!wec) Pump(from, to);
      });
    });
  }
  std::uint16_t target_;
  asio::io_context ioc_;
  asio::ip::tcp::acceptor acceptor_;
  std::uint16_t port_ = 0;
  std::vector<Socket> sockets_;
  std::thread thread_;
};

std::uint16_t PortOf(const std::string& dsn) {
  auto colon = dsn.rfind(':');
  return static_cast<std::uint16_t>(std::stoi(dsn.substr(colon + 1, dsn.rfind('/') - colon - 1)));
}

TEST(Replica, ReadRoutesServedByAStreamingReplicaWithReadYourWritesAndPrimaryFallback) {
  ASSERT_TRUE(InitCrypto());
  const auto primary = FreshDsn("postgres");
  if (primary.empty()) return;
  const char* base = std::getenv("HUANXIN_TEST_PG_REPLICA");
  if (!base || !*base) {
    const char* ci = std::getenv("CI");
    if (ci && *ci) FAIL() << "HUANXIN_TEST_PG_REPLICA is not set under CI: make test starts a streaming replica";
    GTEST_SKIP() << "HUANXIN_TEST_PG_REPLICA not set (run through make test, which starts a streaming replica)";
  }
  const auto replica_dsn = ReplicaDsnFor(base, primary);
  auto db = OpenMigrated(primary, 2);
  ASSERT_TRUE(db);
  SeedRegions(*db);

  // 1. A write on the primary becomes readable on the replica (its database, then its rows).
  std::unique_ptr<store::Database> replica;
  ASSERT_TRUE(Eventually([&] {
    auto opened = app::OpenDatabase(replica_dsn, 1);
    if (opened) replica = std::move(*opened);
    return replica != nullptr;
  })) << "the new database never reached the replica";
  const std::int64_t regions = Count(*db, "SELECT COUNT(*) FROM region");
  ASSERT_GT(regions, 0);
  ASSERT_TRUE(Eventually([&] { return Count(*replica, "SELECT COUNT(*) FROM region") == regions; }))
      << "the seeded regions never reached the replica";
  EXPECT_EQ(Count(*replica, "SELECT CASE WHEN pg_is_in_recovery() THEN 1 ELSE 0 END"), 1) << "not a replica";

  // 2. The server with the replica: an administrator writes, a city bureau reads.
  Server server(primary, {"--db-replica", replica_dsn});
  ASSERT_GT(server.pid, 0);
  ASSERT_TRUE(WaitHealthy(server.port, 20)) << "server did not start";
  const auto admin = server.Login("admin");
  ASSERT_FALSE(admin.empty());
  auto user = server.Post(admin, "/api/v1/users",
                          {{"username", "city.reader"}, {"displayName", "市住建局"}, {"role", "bureau"}, {"scopeCode", "3601"},
                           {"password", kPassword}});
  ASSERT_EQ(user.status, 201) << user.body;
  const auto reader = server.Login("city.reader");
  ASSERT_FALSE(reader.empty());

  // Replay paused: the replica stays where it is while the primary moves on.
  auto pause = [&](bool on) {
    return replica->Read([&](store::Session& s) -> Result<void> {
      auto r = s.Query(on ? "SELECT pg_wal_replay_pause()::text" : "SELECT pg_wal_replay_resume()::text");
      if (!r) return std::move(r).error();
      return Ok();
    });
  };
  ASSERT_TRUE(pause(true));
  struct Resume {
    std::function<void()> f;
    ~Resume() { f(); }
  } resume{[&] { (void)pause(false); }};

  auto created = server.Post(admin, "/api/v1/estates",
                             {{"regionCode", "360104002001"}, {"name", "副本甲小区"}, {"address", "副本路1号"}, {"builtYear", 1990}});
  ASSERT_EQ(created.status, 201) << created.body;
  // The writer reads its own write at once, though the replica has not replayed it.
  for (int i = 0; i < 5; ++i) {
    auto own = server.Get(admin, "/api/v1/estates?page=1");
    EXPECT_TRUE(Lists(own, "副本甲小区")) << "read-your-writes, call " << i << ": " << own.status << " "
                                         << own.body.substr(0, 400);
  }
  // Another reader is served by the (paused) replica: the new estate is not there yet.
  auto stale = server.Get(reader, "/api/v1/estates?page=1");
  ASSERT_EQ(stale.status, 200) << stale.body;
  EXPECT_FALSE(Lists(stale, "副本甲小区")) << "the bureau's list did not come from the replica";
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM estate WHERE name = '副本甲小区'"), 1);
  EXPECT_EQ(Count(*replica, "SELECT COUNT(*) FROM estate WHERE name = '副本甲小区'"), 0);

  // Replay resumed: the write reaches the replica and the bureau's list.
  ASSERT_TRUE(pause(false));
  EXPECT_TRUE(Eventually([&] { return Count(*replica, "SELECT COUNT(*) FROM estate WHERE name = '副本甲小区'") == 1; }));
  EXPECT_TRUE(Eventually([&] { return Lists(server.Get(reader, "/api/v1/estates?page=1"), "副本甲小区"); }));

  // 3. A replica at a dead port: the server starts, and the read routes answer from the primary.
  {
    const auto dead = "postgres://huanxin@127.0.0.1:" + std::to_string(FreePort()) + primary.substr(primary.rfind('/'));
    Server down(primary, {"--db-replica", dead});
    ASSERT_TRUE(WaitHealthy(down.port, 20)) << "server with a dead replica did not start";
    const auto r2 = down.Login("city.reader");
    for (int i = 0; i < 10; ++i) {
      auto r = down.Get(r2, "/api/v1/estates?page=1");
      EXPECT_TRUE(Lists(r, "副本甲小区")) << "call " << i << ": " << r.status << " " << r.body;
      EXPECT_EQ(down.Get(r2, "/api/v1/public/stats").status, 200);
    }
  }

  // 4. A replica that goes away while in rotation (its connections cut): still every answer 200.
  {
    Relay relay(PortOf(replica_dsn));
    const auto via = "postgres://huanxin@127.0.0.1:" + std::to_string(relay.port()) + primary.substr(primary.rfind('/'));
    Server cut(primary, {"--db-replica", via});
    ASSERT_TRUE(WaitHealthy(cut.port, 20));
    const auto r3 = cut.Login("city.reader");
    ASSERT_TRUE(pause(true));
    auto second = cut.Post(cut.Login("admin"), "/api/v1/estates",
                           {{"regionCode", "360104002001"}, {"name", "副本乙小区"}, {"address", "副本路2号"}, {"builtYear", 1991}});
    ASSERT_EQ(second.status, 201) << second.body;
    EXPECT_FALSE(Lists(cut.Get(r3, "/api/v1/estates?page=1"), "副本乙小区")) << "the list did not come from the replica";
    relay.Cut();
    for (int i = 0; i < 10; ++i) {
      auto r = cut.Get(r3, "/api/v1/estates?page=1");
      EXPECT_TRUE(Lists(r, "副本乙小区")) << "call " << i << " after the cut: " << r.status << " " << r.body;
    }
  }
}

TEST(Replica, ParsesWalPositions) {
  EXPECT_EQ(store::ParseLsn("0/0"), 0u);
  EXPECT_EQ(store::ParseLsn("16/B374D848"), (std::uint64_t{0x16} << 32) | 0xB374D848u);
  EXPECT_LT(*store::ParseLsn("0/FFFFFFFF"), *store::ParseLsn("1/0"));
  for (const char* bad : {"", "/", "1/", "/1", "x/1", "1/1/1", "123456789/0", "1 /2"}) EXPECT_FALSE(store::ParseLsn(bad)) << bad;
}

}  // namespace
}  // namespace huanxin::testing
