// kill -9 of the real server during concurrent acknowledged writes (estates, roster imports,
// audited user edits): after the crash every acknowledged write is present, the SQLite file passes
// PRAGMA integrity_check and the audit chain verifies (issue #6: "Crash").
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/json.hpp>
#include <mutex>
#include <set>
#include <thread>

#include "api/api_fixture.hpp"
#include "common/crypto.hpp"
#include "core/register/identity.hpp"
#include "store/register/register_repository.hpp"
#include "testing/http_client.hpp"
#include "testing/test_db.hpp"

namespace huanxin::testing {
namespace {

namespace json = boost::json;

std::uint16_t FreePort() {
  boost::asio::io_context ioc;
  boost::asio::ip::tcp::acceptor a(ioc, {boost::asio::ip::make_address("127.0.0.1"), 0});
  return a.local_endpoint().port();
}

pid_t StartServer(const std::string& dsn, std::uint16_t port, const std::string& var) {
  pid_t pid = fork();
  if (pid == 0) {
    setenv("HUANXIN_ADMIN_PASSWORD", kAdminPassword, 1);
    int null = ::open("/dev/null", O_WRONLY);
    dup2(null, 1);
    dup2(null, 2);
    std::string p = std::to_string(port);
    execl(HX_BINARY, HX_BINARY, "serve", "--db", dsn.c_str(), "--port", p.c_str(), "--var-dir", var.c_str(),
          "--regions-source", "/nonexistent", "--no-access-log", static_cast<char*>(nullptr));
    _exit(127);
  }
  return pid;
}

bool WaitHealthy(std::uint16_t port) {
  for (int i = 0; i < 200; ++i) {
    try {
      if (Send(port, {"GET", "/api/v1/health", "", {}}).status == 200) return true;
    } catch (const std::exception&) {
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

TEST(Crash, KillNineLosesNoAcknowledgedWrite) {
  ASSERT_TRUE(InitCrypto());
  auto dsn = FreshDsn("sqlite");
  {
    // Regions first (the server would import them from the package; the test seeds its own).
    auto db = OpenMigrated(dsn);
    ASSERT_TRUE(db);
    SeedRegions(*db);
  }
  const auto port = FreePort();
  const auto var = ::testing::TempDir() + "hx-crash-var";
  pid_t pid = StartServer(dsn, port, var);
  ASSERT_TRUE(WaitHealthy(port)) << "server did not start";
  auto login = Send(port, {"POST", "/api/v1/auth/login", R"({"username":"admin","password":")" + std::string(kAdminPassword) + R"("})",
                           {{"Content-Type", "application/json"}}});
  ASSERT_EQ(login.status, 200);
  const std::string auth = "Bearer " + std::string(login.Json().as_object()["token"].as_string());

  std::mutex mu;
  std::set<std::string> estates;          // acknowledged estate names
  std::set<std::string> users;            // acknowledged usernames
  std::int64_t imported_estate = 0;
  std::int64_t dwellings_acknowledged = 0;
  std::atomic<bool> stop{false};
  auto post = [&](const std::string& target, const json::value& body) {
    return Send(port, {"POST", target, json::serialize(body), {{"Authorization", auth}, {"Content-Type", "application/json"}}});
  };
  // The roster importer works on one estate with rosters that grow by ten dwellings each time.
  {
    auto r = post("/api/v1/estates", json::object{{"regionCode", "360104002001"}, {"name", "导入小区"}, {"address", "x"}, {"builtYear", 1990}});
    ASSERT_EQ(r.status, 201);
    imported_estate = r.Json().as_object()["id"].as_int64();
  }
  std::vector<std::thread> threads;
  for (int t = 0; t < 3; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; !stop; ++i) {
        try {
          std::string name = "崩溃" + std::to_string(t) + "-" + std::to_string(i);
          auto r = post("/api/v1/estates", json::object{{"regionCode", "360104002001"}, {"name", name}, {"address", "x"}, {"builtYear", 1990}});
          if (r.status == 201) {
            std::lock_guard lock(mu);
            estates.insert(name);
          }
        } catch (const std::exception&) {
          return;  // the server is gone
        }
      }
    });
  threads.emplace_back([&] {
    for (int i = 0; !stop; ++i) {
      try {
        std::string username = "crash.user" + std::to_string(i);
        auto r = post("/api/v1/users", json::object{{"username", username}, {"displayName", "用户"}, {"role", "street"},
                                                    {"scopeCode", "360104002"}, {"password", "Street#2026x"}});
        if (r.status == 201) {
          std::lock_guard lock(mu);
          users.insert(username);
        }
      } catch (const std::exception&) {
        return;
      }
    }
  });
  threads.emplace_back([&] {
    for (int round = 1; !stop; ++round) {
      std::string csv = "楼栋,单元,楼层,房号,专有部分面积(㎡),面积来源,出售状态,业主姓名,证件号码,联系电话\n";
      for (int k = 0; k < round * 10; ++k) {
        char first17[18];
        std::snprintf(first17, sizeof first17, "3601041970%02d%02d%03d", 1 + k / 28 % 12, 1 + k % 28, k % 1000);
        csv += "1,1," + std::to_string(1 + k / 20) + "," + std::to_string(100 + k) + ",60.00,不动产登记,已售,业主," +
               std::string(first17) + core::reg::IdCheckCharacter(first17) + ",\n";
      }
      const std::string boundary = "crashBoundary";
      std::string body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"r.csv\"\r\n\r\n" + csv +
                         "\r\n--" + boundary + "--\r\n";
      try {
        auto r = Send(port, {"POST", "/api/v1/estates/" + std::to_string(imported_estate) + "/dwellings/import", body,
                             {{"Authorization", auth}, {"Content-Type", "multipart/form-data; boundary=" + boundary}}});
        if (r.status == 200) {
          std::lock_guard lock(mu);
          dwellings_acknowledged = round * 10;
        }
      } catch (const std::exception&) {
        return;
      }
    }
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  ASSERT_EQ(kill(pid, SIGKILL), 0);
  int status = 0;
  waitpid(pid, &status, 0);
  stop = true;
  for (auto& th : threads) th.join();
  ASSERT_GT(estates.size(), 0u) << "the load never got going";

  auto db = OpenMigrated(dsn, 1);
  ASSERT_TRUE(db);
  auto check = db->Read([&](store::Session& s) -> Result<void> {
    auto ok = s.Query("PRAGMA integrity_check");
    if (!ok) return std::move(ok).error();
    EXPECT_EQ(ok->front().GetText(0), "ok");
    for (const auto& name : estates) {
      auto n = store::QueryInt(s, "SELECT COUNT(*) FROM estate WHERE name = ?", {store::Str(name)});
      if (!n) return std::move(n).error();
      EXPECT_EQ(*n, 1) << "acknowledged estate " << name << " is missing";
    }
    for (const auto& u : users) {
      auto n = store::QueryInt(s, "SELECT COUNT(*) FROM app_user WHERE username = ?", {store::Str(u)});
      if (!n) return std::move(n).error();
      EXPECT_EQ(*n, 1) << "acknowledged user " << u << " is missing";
    }
    auto d = store::QueryInt(s, "SELECT COUNT(*) FROM dwelling WHERE estate_id = ?", {store::Int(imported_estate)});
    if (!d) return std::move(d).error();
    EXPECT_GE(*d, dwellings_acknowledged) << "dwellings of an acknowledged import are missing";
    return Ok();
  });
  ASSERT_TRUE(check) << check.error().detail.en;
  db.reset();
  std::string cmd = std::string(HX_BINARY) + " audit verify --db '" + dsn + "' 2>&1";
  std::array<char, 512> buf{};
  FILE* p = popen(cmd.c_str(), "r");
  std::string out;
  while (auto n = fread(buf.data(), 1, buf.size(), p)) out.append(buf.data(), n);
  EXPECT_EQ(WEXITSTATUS(pclose(p)), 0) << out;
  EXPECT_NE(out.find("audit chain OK"), std::string::npos) << out;
  RecordProperty("acknowledged_estates", static_cast<int>(estates.size()));
  RecordProperty("acknowledged_users", static_cast<int>(users.size()));
}

}  // namespace
}  // namespace huanxin::testing
