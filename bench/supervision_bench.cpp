// Issue #14 benchmark: the overdue list over 100 000 rectification orders — the first page of
// `GET /api/v1/rectifications?status=overdue` minus HTTP (SupervisionService::Orders: the
// escalation pass, the count and the page, for a housing-bureau-wide actor) — beside the same two
// statements written by hand (count, then the page's ids with the unit and issuer joined), same process,
// same database, same run; and the home page's supervision line (counts by state).
//
// HUANXIN_BENCH_DSN names an empty migrated database (PostgreSQL: bench/supervision.sh passes the
// test server's); without it the binary uses a temporary SQLite file. ORDERS (100 000 by default;
// the CI smoke run uses 2 000) orders spread over 2026: 70 % closed, 20 % open or replied and due
// after today, 10 % overdue and already escalated to the housing bureau.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <memory>

#include "app/gen.hpp"
#include "app/wiring.hpp"
#include "common/clock.hpp"
#include "common/crypto.hpp"
#include "service/calendar/calendar_service.hpp"
#include "service/file/file_service.hpp"
#include "service/supervision/supervision_service.hpp"
#include "store/auth/user_repository.hpp"
#include "store/migrations.hpp"
#include "store/region/region_repository.hpp"
#include "store/supervision/supervision_repository.hpp"

namespace {

using namespace huanxin;

std::string Env(const char* name, const char* fallback) {
  const char* v = std::getenv(name);
  return v && *v ? v : fallback;
}

void Check(const Result<void>& r, const char* what) {
  if (!r) throw std::runtime_error(std::string(what) + ": " + r.error().message.en + " " + r.error().detail.en);
}

struct Fixture {
  std::unique_ptr<store::Database> db;
  SystemClock clock;
  std::unique_ptr<service::CalendarService> calendar;
  std::unique_ptr<service::FileService> files;
  std::unique_ptr<service::SupervisionService> svc;
  std::string today;
  std::int64_t orders = 0;
};

std::string Day(int day_of_year) {
  using namespace std::chrono;
  const year_month_day d{sys_days{year{2026} / January / 1} + days{day_of_year}};
  char buf[11];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                static_cast<unsigned>(d.day()));
  return buf;
}

Fixture& Shared() {
  static Fixture f = [] {
    Fixture x;
    InitCrypto();
    std::string dsn = Env("HUANXIN_BENCH_DSN", "");
    static std::string cleanup;
    if (dsn.empty()) {
      auto path = std::filesystem::temp_directory_path() / ("hx-supervision-bench-" + std::to_string(::getpid()));
      std::filesystem::create_directories(path);
      cleanup = path.string();
      std::atexit([] { std::filesystem::remove_all(cleanup); });
      dsn = "sqlite:" + (path / "bench.db").string();
    }
    auto db = app::OpenDatabase(dsn, 2);
    if (!db) throw std::runtime_error("open: " + db.error().message.en + " " + db.error().detail.en);
    x.db = std::move(*db);
    if (auto m = store::Migrate(*x.db); !m) throw std::runtime_error("migrate: " + m.error().detail.en);
    const std::string now = FormatIsoUtc(x.clock.Now());
    x.today = FormatShanghai(x.clock.Now(), 10);
    const std::vector<store::RegionRecord> regions = {
        {"36", "江西省", "province", "", false},         {"3601", "南昌市", "city", "36", false},
        {"360104", "青云谱区", "county", "3601", false}, {"360104002", "洪都街道", "street", "360104", false},
        {"360104002001", "洪都新村社区", "community", "360104002", false}};
    Check(x.db->Write([&](store::Session& s) -> Result<void> {
      for (const auto& r : regions)
        if (auto u = store::RegionRepository::Upsert(s, r, "bench", now); !u) return std::move(u).error();
      return Ok();
    }), "regions");
    app::SynthOptions opts;
    if (app::BulkGenerate(*x.db, opts, 20, "3601", 2026) != 0) throw std::runtime_error("gen failed");
    x.orders = std::atoll(Env("ORDERS", "100000").c_str());
    Check(x.db->Write([&](store::Session& s) -> Result<void> {
      store::UserRecord u;
      u.username = "bench.inspector";
      u.display_name = "基准 督查员";
      u.role = "street";
      u.region_code = "360104002";
      u.password_hash = "$argon2id$unused";
      u.password_changed_at = u.created_at = u.updated_at = now;
      auto user = store::UserRepository::Insert(s, u);
      if (!user) return std::move(user).error();
      auto projects = s.Query("SELECT id, region_code FROM project ORDER BY id");
      if (!projects) return std::move(projects).error();
      if (projects->empty()) return MakeError(ErrorCode::kInternal, "bench.no_projects", Text::Same("no projects"));
      std::vector<std::int64_t> units;
      for (const char* company : {"南昌市政建设集团", "江西建工第三建筑公司", "洪城水业", "南昌供电公司"}) {
        auto id = store::SupervisionRepository::InsertUnit(
            s, store::ResponsibleUnitRecord{
                   0, "360104", company, "contractor", "91360100MA35XXXX0A", "", "0791-1", now, {}});
        if (!id) return std::move(id).error();
        units.push_back(*id);
      }
      const int today_doy = [&] {
        for (int d = 0; d < 365; ++d)
          if (Day(d) == x.today) return d;
        return 364;
      }();
      for (std::int64_t i = 0; i < x.orders; ++i) {
        const auto& p = (*projects)[static_cast<std::size_t>(i) % projects->size()];
        store::RectificationRecord o;
        o.project_id = p.GetInt(0);
        o.region_code = p.GetText(1);
        o.unit_id = units[static_cast<std::size_t>(i) % units.size()];
        o.finding = "脚手架未设安全网，第" + std::to_string(i) + "项";
        o.working_days = 5;
        o.issued_by = *user;
        o.created_at = now;
        const int kind = static_cast<int>(i % 10);
        const int issued = static_cast<int>(i % std::max(1, today_doy - 10));
        o.issued_on = Day(issued);
        if (kind < 7) {  // closed
          o.status = "closed";
          o.due_on = Day(issued + 7);
          o.closed_on = Day(issued + 5);
          o.closed_at = now;
        } else if (kind < 9) {  // open or replied, not due yet
          o.status = kind == 7 ? "open" : "replied";
          o.issued_on = Day(today_doy - 2);
          o.due_on = Day(std::min(364, today_doy + 5));
        } else {  // overdue, already at the housing bureau
          o.status = "open";
          o.due_on = Day(issued + 7);
          o.level = 2;
        }
        auto id = store::SupervisionRepository::InsertOrder(s, o);
        if (!id) return std::move(id).error();
        if (o.level == 2)
          if (auto r = s.Exec("UPDATE rectification_order SET level = 2 WHERE id = ?", {store::Int(*id)}); !r)
            return std::move(r).error();
      }
      return Ok();
    }), "orders");
    x.calendar = std::make_unique<service::CalendarService>(*x.db, x.clock);
    x.files = std::make_unique<service::FileService>(*x.db, x.clock, cleanup.empty() ? "/tmp" : cleanup);
    x.svc = std::make_unique<service::SupervisionService>(*x.db, x.clock, *x.calendar, *x.files, service::SupervisionSettings{});
    return x;
  }();
  return f;
}

service::Actor Bureau() { return service::Actor::System("bench"); }

void BM_OverdueListFirstPage(benchmark::State& state) {
  auto& f = Shared();
  service::OrderQuery q;
  q.status = "overdue";
  q.limit = 20;
  std::int64_t total = 0;
  for (auto _ : state) {
    auto r = f.svc->Orders(Bureau(), q);
    if (!r) return state.SkipWithError(r.error().detail.en.c_str());
    total = r->total;
    benchmark::DoNotOptimize(r->items.data());
  }
  state.counters["orders"] = static_cast<double>(f.orders);
  state.counters["overdue"] = static_cast<double>(total);
}
// Real time: on PostgreSQL the work is in the server.
BENCHMARK(BM_OverdueListFirstPage)->Unit(benchmark::kMillisecond)->UseRealTime();

// The floor: the count and the page as two hand-written statements (the page's ids first, then
// the joins for those 20), no escalation pass, no scope, no mapping to records.
void BM_RawSqlOverduePage(benchmark::State& state) {
  auto& f = Shared();
  for (auto _ : state) {
    auto r = f.db->Read([&](store::Session& s) -> Result<void> {
      auto n = s.Query("SELECT COUNT(*) FROM rectification_order WHERE status <> 'closed' AND due_on < ?", {store::Str(f.today)});
      if (!n) return std::move(n).error();
      auto page = s.Query(
          "SELECT o.*, ru.company, u.display_name FROM rectification_order o JOIN responsible_unit ru ON ru.id = o.unit_id "
          "JOIN app_user u ON u.id = o.issued_by WHERE o.id IN (SELECT id FROM rectification_order WHERE status <> 'closed' "
          "AND due_on < ? ORDER BY id DESC LIMIT 20) ORDER BY o.id DESC",
          {store::Str(f.today)});
      if (!page) return std::move(page).error();
      benchmark::DoNotOptimize(n->size() + page->size());
      return Ok();
    });
    if (!r) return state.SkipWithError(r.error().detail.en.c_str());
  }
}
BENCHMARK(BM_RawSqlOverduePage)->Unit(benchmark::kMillisecond)->UseRealTime();

// The home page's line: open, replied, overdue and escalated counts over every order.
void BM_WorkbenchCounts(benchmark::State& state) {
  auto& f = Shared();
  for (auto _ : state) {
    auto r = f.svc->Workbench(Bureau());
    if (!r || !*r) return state.SkipWithError("workbench");
    benchmark::DoNotOptimize((*r)->overdue);
  }
}
BENCHMARK(BM_WorkbenchCounts)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
