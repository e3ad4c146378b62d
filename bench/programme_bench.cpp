// Issue #12 benchmark: programme statistics of a city (ProgrammeService::Statistics, the call behind
// GET /api/v1/stats/programme) beside a raw SQL aggregate over the same rows — the distinct
// estates of the year's programme with their counters and floor area, and the ledger per source
// and kind — same process, same database, same run.
//
// HUANXIN_BENCH_DSN names a database that `huanxin gen --estates N --projects YEAR` filled
// (bench/programme.sh does that on SQLite and PostgreSQL); without it the binary fills a temporary
// SQLite file itself the same way (BulkGenerate), ESTATES estates (2 000 by default; the CI smoke
// run uses 20). REGION (3601) and YEAR (2025) choose the statistics.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <memory>

#include "app/gen.hpp"
#include "app/wiring.hpp"
#include "common/clock.hpp"
#include "common/crypto.hpp"
#include "service/project/programme_service.hpp"
#include "store/migrations.hpp"
#include "store/region/region_repository.hpp"

namespace {

using namespace huanxin;

std::string Env(const char* name, const char* fallback) {
  const char* v = std::getenv(name);
  return v && *v ? v : fallback;
}

struct Fixture {
  std::unique_ptr<store::Database> db;
  SystemClock clock;
  std::unique_ptr<service::ProgrammeService> svc;
  std::string region = Env("REGION", "3601");
  int year = std::atoi(Env("YEAR", "2025").c_str());
};

void Check(const Result<void>& r, const char* what) {
  if (!r) throw std::runtime_error(std::string(what) + ": " + r.error().message.en + " " + r.error().detail.en);
}

Fixture& Shared() {
  static Fixture f = [] {
    Fixture x;
    InitCrypto();
    std::string dsn = Env("HUANXIN_BENCH_DSN", "");
    const bool fill = dsn.empty();
    if (fill) {
      auto path = std::filesystem::temp_directory_path() / ("hx-programme-bench-" + std::to_string(::getpid()) + ".db");
      dsn = "sqlite:" + path.string();
      static std::string cleanup = path.string();
      std::atexit([] {
        for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(cleanup + suffix);
      });
    }
    auto db = app::OpenDatabase(dsn, 2);
    if (!db) throw std::runtime_error("open: " + db.error().message.en + " " + db.error().detail.en);
    x.db = std::move(*db);
    if (fill) {
      if (auto m = store::Migrate(*x.db); !m) throw std::runtime_error("migrate: " + m.error().detail.en);
      const std::string now = FormatIsoUtc(SystemClock().Now());
      // Two streets of 青云谱区 with two communities each (GB/T 2260 and NBS codes).
      const std::vector<store::RegionRecord> regions = {
          {"36", "江西省", "province", "", false},          {"3601", "南昌市", "city", "36", false},
          {"360104", "青云谱区", "county", "3601", false},  {"360104002", "洪都街道", "street", "360104", false},
          {"360104006", "京山街道", "street", "360104", false}, {"360104002001", "洪都新村社区", "community", "360104002", false},
          {"360104002002", "三店西路社区", "community", "360104002", false},
          {"360104006001", "京山社区", "community", "360104006", false},
          {"360104006002", "京东社区", "community", "360104006", false}};
      Check(x.db->Write([&](store::Session& s) -> Result<void> {
        for (const auto& r : regions)
          if (auto u = store::RegionRepository::Upsert(s, r, "bench", now); !u) return std::move(u).error();
        return Ok();
      }), "regions");
      app::SynthOptions opts;
      if (app::BulkGenerate(*x.db, opts, std::atoi(Env("ESTATES", "2000").c_str()), "3601", x.year) != 0)
        throw std::runtime_error("gen failed");
    }
    x.svc = std::make_unique<service::ProgrammeService>(*x.db, x.clock);
    return x;
  }();
  return f;
}

void BM_ProgrammeStatistics(benchmark::State& state) {
  auto& f = Shared();
  auto actor = service::Actor::System("bench");
  std::int64_t estates = 0, households = 0, projects = 0;
  for (auto _ : state) {
    auto r = f.svc->Statistics(actor, f.region, f.year);
    if (!r) return state.SkipWithError(r.error().detail.en.c_str());
    estates = r->figures.estates, households = r->figures.dwellings, projects = r->figures.projects;
    benchmark::DoNotOptimize(r->committed_fen);
  }
  state.counters["projects"] = static_cast<double>(projects);
  state.counters["estates"] = static_cast<double>(estates);
  state.counters["households"] = static_cast<double>(households);
}
// Real time: on PostgreSQL the work is in the server, and CPU time would keep Google Benchmark
// iterating for minutes to gather its minimum time.
BENCHMARK(BM_ProgrammeStatistics)->Unit(benchmark::kMillisecond)->UseRealTime();

// The floor: the same estates and ledger rows summed by two hand-written statements, no statuses
// of the started / completed kind, no plan, no region name, no assembly.
void BM_RawSqlAggregate(benchmark::State& state) {
  auto& f = Shared();
  const store::Params p{store::Int(f.year), store::Str(f.region), store::Str(f.region + "~")};
  const std::string projects =
      "SELECT p.id FROM project p WHERE p.year = ? AND p.status <> 'reserve' AND p.region_code >= ? AND p.region_code < ?";
  for (auto _ : state) {
    auto r = f.db->Read([&](store::Session& s) -> Result<void> {
      auto estates = s.Query("SELECT COUNT(*), SUM(st.buildings), SUM(st.dwellings), SUM(e.floor_area_dm2) FROM estate e "
                             "JOIN estate_stat st ON st.estate_id = e.id WHERE e.id IN (SELECT pe.estate_id FROM "
                             "project_estate pe WHERE pe.project_id IN (" + projects + "))",
                             p);
      if (!estates) return std::move(estates).error();
      auto funds = s.Query("SELECT fe.source, fe.kind, SUM(fe.amount_fen) FROM fund_entry fe WHERE fe.project_id IN (" +
                               projects + ") GROUP BY fe.source, fe.kind",
                           p);
      if (!funds) return std::move(funds).error();
      benchmark::DoNotOptimize(estates->size() + funds->size());
      return Ok();
    });
    if (!r) return state.SkipWithError(r.error().detail.en.c_str());
  }
}
BENCHMARK(BM_RawSqlAggregate)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
