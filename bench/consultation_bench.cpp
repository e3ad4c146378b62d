// Issue #5 benchmark: the tally of one consultation of 10 000 dwellings × 11 items, read from storage
// and computed with the Art. 278 head rules (service Tally), beside a raw SQL GROUP BY over the same
// ballots — same process, same database, same run. SQLite by default; PostgreSQL when
// HUANXIN_BENCH_PG holds a DSN. DWELLINGS overrides the size (the CI smoke run uses 500). Since issue
// #16 the tally reads the maintained aggregates; BM_TallyFullRecount keeps the full recount beside it.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <memory>

#include "app/wiring.hpp"
#include "common/clock.hpp"
#include "common/crypto.hpp"
#include "service/consultation/consultation_service.hpp"
#include "store/migrations.hpp"

namespace {

using namespace huanxin;

struct Fixture {
  std::unique_ptr<store::Database> db;
  std::unique_ptr<service::CatalogueService> catalogue;
  std::unique_ptr<service::FileService> files;
  std::unique_ptr<service::ConsultationService> svc;
  std::int64_t consultation = 0;
  std::int64_t ballots = 0;
};

int Dwellings() {
  const char* v = std::getenv("DWELLINGS");
  return v ? std::atoi(v) : 10000;
}

Result<void> Populate(store::Database& db, int dwellings, std::int64_t& consultation, std::int64_t& ballots) {
  return db.Write([&](store::Session& s) -> Result<void> {
    const std::string now = "2026-11-21T00:00:00.000Z";
    auto q = [&](const std::string& sql, const store::Params& p) -> Result<std::int64_t> {
      auto rows = s.Query(sql, p);
      if (!rows) return std::move(rows).error();
      return rows->empty() ? 0 : rows->front().GetInt(0);
    };
    using store::Int;
    using store::Str;
    auto estate = q("INSERT INTO estate (region_code, name, address, built_year, ownership_types, property_mode, status, "
                    "created_at, updated_at) VALUES ('360104002001', '基准小区', 'x', 1990, 'commodity', 'none', "
                    "'registered', ?, ?) RETURNING id",
                    {Str(now), Str(now)});
    if (!estate) return std::move(estate).error();
    // 100 dwellings per building (5 stairwells × 10 floors × 2), one owner each, every 50th owner
    // also holding the next dwelling (heads < dwellings, as in real estates).
    std::int64_t building = 0, owner = 0;
    std::vector<std::int64_t> ids;
    for (int k = 0; k < dwellings; ++k) {
      if (k % 100 == 0) {
        auto b = q("INSERT INTO building (estate_id, region_code, number, floors, stairwells, structure, heating, "
                   "created_at, updated_at) VALUES (?, '360104002001', ?, 10, 5, 'brick_concrete', 'none', ?, ?) RETURNING id",
                   {Int(*estate), Str(std::to_string(k / 100 + 1)), Str(now), Str(now)});
        if (!b) return std::move(b).error();
        building = *b;
      }
      auto d = q("INSERT INTO dwelling (building_id, estate_id, region_code, stairwell, floor, room, exclusive_area_dm2, "
                 "area_source, use_type, sale_status, created_at, updated_at) VALUES (?, ?, '360104002001', ?, ?, ?, ?, "
                 "'register', 'residential', 'sold', ?, ?) RETURNING id",
                 {Int(building), Int(*estate), Int(1 + k % 100 / 20), Int(1 + k % 20 / 2), Str(std::to_string(1000 + k)),
                  Int(6000 + 37 * (k % 50)), Str(now), Str(now)});
      if (!d) return std::move(d).error();
      ids.push_back(*d);
      if (k % 50 != 1) {
        auto o = q("INSERT INTO owner (id_number, name, created_at, updated_at) VALUES (?, '业主', ?, ?) RETURNING id",
                   {Str("B" + std::to_string(k)), Str(now), Str(now)});
        if (!o) return std::move(o).error();
        owner = *o;
      }
      if (auto r = s.Exec("INSERT INTO dwelling_owner (dwelling_id, owner_id, estate_id, region_code) VALUES (?, ?, ?, "
                          "'360104002001')",
                          {Int(*d), Int(owner), Int(*estate)});
          !r)
        return std::move(r).error();
    }
    auto c = q("INSERT INTO consultation (estate_id, region_code, title, kind, law_version, state, current_round, "
               "ballots_cast, created_by, created_at, updated_at) VALUES (?, '360104002001', '基准', 'menu', "
               "'civil-code-2021', 'open', 1, 0, 0, ?, ?) RETURNING id",
               {Int(*estate), Str(now), Str(now)});
    if (!c) return std::move(c).error();
    consultation = *c;
    std::vector<std::int64_t> items;
    for (int i = 0; i < 11; ++i) {
      auto it = q("INSERT INTO consultation_item (consultation_id, position, title, rule, scope_type) VALUES (?, ?, ?, ?, "
                  "'estate') RETURNING id",
                  {Int(consultation), Int(i + 1), Str("事项" + std::to_string(i + 1)),
                   Str(i == 10 ? R"({"type":"art278","matter":7})"
                               : R"({"type":"custom","countBy":"owners","base":"all","threshold":"2/3","inclusive":true})")});
      if (!it) return std::move(it).error();
      items.push_back(*it);
    }
    std::string item_list;
    for (auto i : items) item_list += (item_list.empty() ? "" : ",") + std::to_string(i);
    if (auto r = s.Exec("INSERT INTO consultation_round (consultation_id, number, item_ids, opened_at, opened_by) VALUES (?, 1, ?, ?, 0)",
                        {Int(consultation), Str(item_list), Str(now)});
        !r)
      return std::move(r).error();
    // 90 % of dwellings vote on every item: mostly agree, some disagree or abstain.
    const char* choices[] = {"agree", "agree", "agree", "disagree", "abstain"};
    std::int64_t seq = 0;
    for (std::size_t k = 0; k < ids.size(); ++k) {
      if (k % 10 == 9) continue;
      ++seq;
      for (std::size_t i = 0; i < items.size(); ++i) {
        std::string choice = choices[(k + i) % 5];
        store::Params p{Int(consultation), Int(items[i]), Int(ids[k]), Str(choice), Int(1), Str("paper"), Str("R" + std::to_string(seq)),
                        Int(seq), Str(now)};
        if (auto r = s.Exec("INSERT INTO ballot (consultation_id, item_id, dwelling_id, choice, round, channel, receipt, seq, "
                            "cast_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            p);
            !r)
          return std::move(r).error();
        if (auto r = s.Exec("INSERT INTO ballot_event (consultation_id, seq, item_id, dwelling_id, choice, round, receipt) "
                            "VALUES (?, ?, ?, ?, ?, 1, ?)",
                            {Int(consultation), Int(seq), Int(items[i]), Int(ids[k]), Str(choice), Str("R" + std::to_string(seq))});
            !r)
          return std::move(r).error();
        ++ballots;
      }
    }
    return Ok();
  });
}

Fixture& Shared() {
  static Fixture f = [] {
    Fixture x;
    InitCrypto();
    std::string dsn;
    if (const char* pg = std::getenv("HUANXIN_BENCH_PG")) {
      dsn = pg;
    } else {
      auto path = std::filesystem::temp_directory_path() / ("hx-consultation-bench-" + std::to_string(::getpid()) + ".db");
      dsn = "sqlite:" + path.string();
      static std::string cleanup = path.string();
      std::atexit([] {
        for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(cleanup + suffix);
      });
    }
    auto db = app::OpenDatabase(dsn, 2);
    if (!db) throw std::runtime_error("open: " + db.error().message.en + " " + db.error().detail.en);
    x.db = std::move(*db);
    if (auto m = store::Migrate(*x.db); !m) throw std::runtime_error("migrate: " + m.error().detail.en);
    if (auto p = Populate(*x.db, Dwellings(), x.consultation, x.ballots); !p)
      throw std::runtime_error("populate: " + p.error().message.en + " " + p.error().detail.en);
    static SystemClock clock;
    x.catalogue = std::make_unique<service::CatalogueService>(*x.db, clock);
    x.files = std::make_unique<service::FileService>(*x.db, clock, (std::filesystem::temp_directory_path() / "hx-bench-files").string());
    x.svc = std::make_unique<service::ConsultationService>(*x.db, clock, *x.catalogue, *x.files);
    // The ballots above were written with SQL, beside the service: build the maintained tally
    // (issue #16) from them once, as the ballot path would have kept it.
    if (auto r = x.svc->RebuildTallies(service::Actor::System("bench"), x.consultation); !r)
      throw std::runtime_error("rebuild: " + r.error().detail.en);
    return x;
  }();
  return f;
}

void BM_TallyFromStorage(benchmark::State& state) {
  auto& f = Shared();
  auto actor = service::Actor::System("bench");
  for (auto _ : state) {
    auto t = f.svc->Tally(actor, f.consultation, std::nullopt);
    if (!t) state.SkipWithError(t.error().detail.en.c_str());
    benchmark::DoNotOptimize(t);
  }
  state.counters["ballots"] = static_cast<double>(f.ballots);
}
BENCHMARK(BM_TallyFromStorage)->Unit(benchmark::kMillisecond);

// The same tally recounted from every ballot event and the register (the path before issue #16, and
// the fallback while a register change has made the aggregates stale).
void BM_TallyFullRecount(benchmark::State& state) {
  auto& f = Shared();
  auto actor = service::Actor::System("bench");
  for (auto _ : state) {
    auto t = f.svc->Tally(actor, f.consultation, std::nullopt, service::TallySource::kRecount);
    if (!t) state.SkipWithError(t.error().detail.en.c_str());
    benchmark::DoNotOptimize(t);
  }
  state.counters["ballots"] = static_cast<double>(f.ballots);
}
BENCHMARK(BM_TallyFullRecount)->Unit(benchmark::kMillisecond);

// The floor: a plain GROUP BY over the standing ballots, joined for the area, no head rules.
void BM_RawSqlGroupBy(benchmark::State& state) {
  auto& f = Shared();
  for (auto _ : state) {
    auto r = f.db->Read([&](store::Session& s) -> Result<void> {
      auto rows = s.Query(
          "SELECT b.item_id, b.choice, COUNT(*), SUM(d.exclusive_area_dm2) FROM ballot b JOIN dwelling d ON d.id = "
          "b.dwelling_id WHERE b.consultation_id = ? GROUP BY b.item_id, b.choice",
          {store::Int(f.consultation)});
      if (!rows) return std::move(rows).error();
      benchmark::DoNotOptimize(rows->size());
      return Ok();
    });
    if (!r) state.SkipWithError(r.error().detail.en.c_str());
  }
  state.counters["ballots"] = static_cast<double>(f.ballots);
}
BENCHMARK(BM_RawSqlGroupBy)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
