#include "app/gen.hpp"

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>

#include "app/demo.hpp"
#include "app/synthetic.hpp"
#include "app/wiring.hpp"
#include "common/decimal.hpp"
#include "core/register/codes.hpp"
#include "common/clock.hpp"
#include "store/migrations.hpp"
#include "store/region/region_repository.hpp"
#include "store/project/programme_bulk_repository.hpp"
#include "store/register/register_bulk_repository.hpp"

namespace huanxin::app {

namespace {

const char* SourceLabel(const std::string& code) {
  return code == "registered" ? "不动产登记" : code == "surveyed" ? "实测" : "合同";
}
// The roster label of a sale-status code, from the register's vocabulary (so no status is written
// as another one: 已售未交付 included).
std::string SaleLabel(const std::string& code) {
  const auto* c = core::reg::SaleStatuses().ByCode(code);
  return std::string(c ? c->zh : std::string_view("已售"));
}

// A well-formed community code for estate `i` without a region table: four estates per community,
// thirty communities per street, twenty streets per county… (synthetic, not real codes).
std::string SyntheticCommunity(std::int64_t i) {
  std::int64_t c = i / 4;
  char buf[16];
  auto ll = [](std::int64_t v) { return static_cast<long long>(v); };
  std::snprintf(buf, sizeof buf, "%02lld%02lld%02lld%03lld%03lld", ll(11 + (c / 3'600'000) % 55), ll(1 + (c / 180'000) % 20),
                ll(1 + (c / 12'000) % 15), ll(1 + (c / 600) % 20), ll(1 + c % 30));
  // 600 communities per county prefix… enough variety for scoped-query benchmarks.
  return buf;
}

}  // namespace

int RunGen(std::int64_t estates, std::int64_t roster, std::uint64_t seed, const std::string& out, const std::string& db_dsn,
           const std::string& region_prefix, int projects_year) {
  SynthOptions opts;
  opts.seed = seed;
  if (roster > 0) {
    if (out.empty()) {
      std::cerr << "huanxin gen: --roster-dwellings needs --out FILE\n";
      return 2;
    }
    std::ofstream f(out, std::ios::binary);
    GenerateRosterCsv(opts, roster, [&](const std::string& line) { f << line << '\n'; });
    std::cout << "wrote a roster of " << roster << " dwellings to " << out << "\n";
    return f ? 0 : 1;
  }
  if (estates <= 0 || (out.empty() == db_dsn.empty())) {
    std::cerr << "huanxin gen: give --estates N and exactly one of --out FILE or --db DSN (or --roster-dwellings N --out FILE)\n";
    return 2;
  }
  if (projects_year && (db_dsn.empty() || projects_year < 2000 || projects_year > 2100)) {
    std::cerr << "huanxin gen: --projects YEAR (2000-2100) goes with --estates N --db DSN\n";
    return 2;
  }
  if (!out.empty()) {
    std::ofstream f(out, std::ios::binary);
    f << "社区代码,小区名称,建成年份,楼栋,单元,楼层,房号,专有部分面积(㎡),面积来源,出售状态,业主姓名,证件号码,联系电话\n";
    std::int64_t dwellings = 0;
    for (std::int64_t i = 0; i < estates; ++i) {
      auto e = GenerateEstate(opts, i, SyntheticCommunity(i), "");
      for (const auto& b : e.buildings)
        for (const auto& d : b.dwellings) {
          std::string prefix = e.region_code + "," + e.name + "," + std::to_string(e.built_year) + "," + b.number + "," +
                               std::to_string(d.stairwell) + "," + std::to_string(d.floor) + "," + d.room + "," +
                               FormatHundredths(d.area_dm2) + "," + SourceLabel(d.area_source) + "," + SaleLabel(d.sale_status) + ",";
          if (d.owners.empty()) f << prefix << ",,\n";
          for (int oi : d.owners) f << prefix << e.owners[oi].name << "," << e.owners[oi].id_number << "," << e.owners[oi].phone << "\n";
          ++dwellings;
        }
    }
    std::cout << "wrote " << estates << " estates, " << dwellings << " dwellings to " << out << "\n";
    return f ? 0 : 1;
  }
  auto db = OpenDatabase(db_dsn, 2);
  if (!db) {
    std::cerr << "huanxin gen: " << db.error().message.en << ": " << db.error().detail.en << "\n";
    return 1;
  }
  if (auto m = store::Migrate(**db); !m) {
    std::cerr << "huanxin gen: migrate: " << m.error().detail.en << "\n";
    return 1;
  }
  return BulkGenerate(**db, opts, estates, region_prefix, projects_year);
}

namespace {

// Next free id of each table, read once; `huanxin gen` then numbers rows itself so that one COPY per
// table and batch can link buildings, dwellings and owners without asking the database for ids.
struct IdCursor {
  std::int64_t estate = 0, building = 0, dwelling = 0, owner = 0;
};

std::string Field(std::int64_t v) { return std::to_string(v); }

// One batch of estates as COPY text, one buffer per table, in foreign-key order.
struct CopyBatch {
  std::string estate, building, dwelling, owner, link;
  std::int64_t dwellings = 0;
  void Clear() {
    estate.clear(), building.clear(), dwelling.clear(), owner.clear(), link.clear();
    dwellings = 0;
  }
};

void AppendEstate(CopyBatch& out, IdCursor& ids, const SynthEstate& e, const std::string& now) {
  const auto estate_id = ++ids.estate;
  const auto eid = Field(estate_id);
  store::AppendCopyRow(out.estate, {eid, e.region_code, e.name, e.address, Field(e.built_year), Field(e.land_area_dm2), Field(e.floor_area_dm2),
                   e.ownership_types, e.property_mode, e.excl_self_built ? "1" : "0", "0", e.excl_demolition ? "1" : "0", "0",
                   std::string_view{}, std::string_view{}, "registered", now, now});
  std::vector<std::int64_t> owner_ids(e.owners.size(), 0);
  for (const auto& b : e.buildings) {
    const auto bid = Field(++ids.building);
    store::AppendCopyRow(out.building, {bid, eid, e.region_code, b.number, Field(b.floors), Field(b.stairwells), "brick_concrete",
                       Field(e.built_year), "0", "none", now, now});
    for (const auto& d : b.dwellings) {
      const auto did = Field(++ids.dwelling);
      store::AppendCopyRow(out.dwelling, {did, bid, eid, e.region_code, Field(d.stairwell), Field(d.floor), d.room, Field(d.area_dm2),
                         d.area_source, "residential", d.sale_status, now, now});
      ++out.dwellings;
      for (int oi : d.owners) {
        auto& oid = owner_ids[static_cast<std::size_t>(oi)];
        if (oid == 0) {
          oid = ++ids.owner;
          const auto& o = e.owners[static_cast<std::size_t>(oi)];
          store::AppendCopyRow(out.owner, {Field(oid), o.id_number, o.name, o.phone, now, now});
        }
        store::AppendCopyRow(out.link, {did, Field(oid), eid, e.region_code});
      }
    }
  }
}

// Seconds spent loading each table, for the closing summary (where a national load spends its time).
struct LoadTimes {
  double seconds[5] = {0, 0, 0, 0, 0};
};

Result<void> LoadBatch(store::Session& s, const CopyBatch& b, LoadTimes& times) {
  struct Target {
    const char* table;
    std::vector<std::string> columns;
    const std::string* rows;
  };
  const Target targets[] = {
      {"estate",
       {"id", "region_code", "name", "address", "built_year", "land_area_dm2", "floor_area_dm2", "ownership_types",
        "property_mode", "excl_self_built", "excl_urban_village", "excl_demolition", "excl_recent_renovation", "lat_e6",
        "lng_e6", "status", "created_at", "updated_at"},
       &b.estate},
      {"building",
       {"id", "estate_id", "region_code", "number", "floors", "stairwells", "structure", "built_year", "has_lift", "heating",
        "created_at", "updated_at"},
       &b.building},
      {"dwelling",
       {"id", "building_id", "estate_id", "region_code", "stairwell", "floor", "room", "exclusive_area_dm2", "area_source",
        "use_type", "sale_status", "created_at", "updated_at"},
       &b.dwelling},
      {"owner", {"id", "id_number", "name", "phone", "created_at", "updated_at"}, &b.owner},
      {"dwelling_owner", {"dwelling_id", "owner_id", "estate_id", "region_code"}, &b.link},
  };
  for (std::size_t i = 0; i < std::size(targets); ++i) {
    const auto& t = targets[i];
    if (t.rows->empty()) continue;
    const auto t0 = std::chrono::steady_clock::now();
    if (auto r = s.CopyIn(t.table, t.columns, *t.rows); !r) return std::move(r).error();
    times.seconds[i] += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  }
  return Ok();
}

}  // namespace

namespace {

// The generated estates packaged into projects of `year` (PackageProjects), loaded with one CopyIn
// per table in one transaction: projects numbered after the largest id, their estates, their ledger
// entries, and one annual plan per county that has none for the year yet, whose targets are the
// county's programme (its projects past reserve). Returns the number of projects.
Result<std::int64_t> LoadProjects(store::Database& db, const SynthOptions& opts, const std::vector<SynthEstateRef>& estates,
                                  int year, const std::string& now) {
  const auto projects = PackageProjects(opts, estates);
  std::int64_t loaded = 0;
  auto w = db.Write([&](store::Session& s) -> Result<void> {
    auto max = store::ProgrammeBulkRepository::MaxProjectId(s);
    if (!max) return std::move(max).error();
    auto planned = store::ProgrammeBulkRepository::PlannedRegions(s, year);
    if (!planned) return std::move(planned).error();
    std::string project, link, fund, plan;
    std::map<std::string, std::pair<std::int64_t, std::int64_t>> county;  // code → estates, households
    const auto y = Field(year), on = std::to_string(year) + "-06-30";
    std::int64_t id = *max;
    for (const auto& p : projects) {
      const auto pid = Field(++id);
      store::AppendCopyRow(project, {pid, p.name, y, p.kind, p.region_code, p.status, "0", now, now});
      for (auto e : p.estates) store::AppendCopyRow(link, {pid, Field(e), p.region_code});
      for (const auto& f : p.funds)
        store::AppendCopyRow(fund, {pid, p.region_code, y, f.source, f.kind, Field(f.amount_fen), on, "", "0", now});
      if (p.status != "reserve") {
        auto& c = county[p.region_code.substr(0, 6)];
        c.first += static_cast<std::int64_t>(p.estates.size());
        c.second += p.dwellings;
      }
    }
    for (const auto& [code, c] : county)
      if (!planned->count(code))
        store::AppendCopyRow(plan, {code, y, Field(c.first), Field(c.second), "0", now, now});
    struct Target {
      const char* table;
      std::vector<std::string> columns;
      const std::string* rows;
    };
    const Target targets[] = {
        {"project", {"id", "name", "year", "kind", "region_code", "status", "created_by", "created_at", "updated_at"}, &project},
        {"project_estate", {"project_id", "estate_id", "region_code"}, &link},
        {"fund_entry",
         {"project_id", "region_code", "year", "source", "kind", "amount_fen", "on_date", "note", "created_by", "created_at"},
         &fund},
        {"annual_plan",
         {"region_code", "year", "target_estates", "target_households", "created_by", "created_at", "updated_at"},
         &plan},
    };
    for (const auto& t : targets)
      if (!t.rows->empty())
        if (auto r = s.CopyIn(t.table, t.columns, *t.rows); !r) return std::move(r).error();
    loaded = static_cast<std::int64_t>(projects.size());
    return store::ProgrammeBulkRepository::AfterLoad(s);
  });
  if (!w) return std::move(w).error();
  return loaded;
}

}  // namespace

int BulkGenerate(store::Database& db, const SynthOptions& opts, std::int64_t estates, const std::string& region_prefix,
                 int projects_year) {
  using Clock = std::chrono::steady_clock;
  const auto started = Clock::now();
  std::vector<std::string> communities;
  IdCursor ids;
  auto r = db.Read([&](store::Session& s) -> Result<void> {
    auto codes = store::RegionRepository::CodesAt(s, "community", region_prefix);
    if (!codes) return std::move(codes).error();
    communities = std::move(*codes);
    auto max = store::RegisterBulkRepository::MaxIds(s);
    if (!max) return std::move(max).error();
    ids = {max->estate, max->building, max->dwelling, max->owner};
    return Ok();
  });
  if (!r) {
    std::cerr << "huanxin gen: " << r.error().detail.en << "\n";
    return 1;
  }
  if (communities.empty()) {
    std::cerr << "huanxin gen: the database has no communities" << (region_prefix.empty() ? "" : " under " + region_prefix)
              << "; run huanxin import-regions on it first\n";
    return 1;
  }
  const auto now = FormatIsoUtc(SystemClock().Now());
  const auto n = static_cast<std::int64_t>(communities.size());
  std::int64_t dwellings = 0;
  constexpr std::int64_t kBatch = 500;  // estates per transaction (about 80 000 dwellings)
  CopyBatch batch;
  LoadTimes times;
  // Estate numbers continue after the estates already there, so a second run into the same database
  // adds new estates and owners (names and ID numbers derive from the number) instead of colliding.
  const std::int64_t base = ids.estate;
  std::vector<SynthEstateRef> refs;  // for --projects
  for (std::int64_t start = 0; start < estates; start += kBatch) {
    batch.Clear();
    const auto cursor = ids;
    for (std::int64_t i = start; i < std::min(estates, start + kBatch); ++i) {
      // Spread evenly over every community in scope, so a national run covers every province.
      const auto& community = communities[static_cast<std::size_t>(i * n / estates)];
      auto e = GenerateEstate(opts, base + i, community, "");
      e.name += "-" + std::to_string(base + i);  // unique within a community at any scale
      AppendEstate(batch, ids, e, now);
      if (projects_year) {
        std::int64_t n = 0;
        for (const auto& b : e.buildings) n += static_cast<std::int64_t>(b.dwellings.size());
        refs.push_back({ids.estate, e.region_code, n});
      }
    }
    auto w = db.Write([&](store::Session& s) { return LoadBatch(s, batch, times); });
    if (!w) {
      ids = cursor;
      std::cerr << "huanxin gen: " << w.error().detail.en << "\n";
      return 1;
    }
    dwellings += batch.dwellings;
    if ((start / kBatch) % 20 == 19) {
      auto secs = std::chrono::duration<double>(Clock::now() - started).count();
      std::cerr << "  " << std::min(estates, start + kBatch) << " estates, " << dwellings << " dwellings, "
                << static_cast<std::int64_t>(dwellings / std::max(secs, 1e-3)) << " dwellings/s\n";
    }
  }
  // Identity columns continue after the ids written here; then fresh statistics.
  if (auto w = db.Write([](store::Session& s) { return store::RegisterBulkRepository::AfterLoad(s); }); !w) {
    std::cerr << "huanxin gen: " << w.error().detail.en << "\n";
    return 1;
  }
  std::int64_t projects = 0;
  if (projects_year) {
    auto p = LoadProjects(db, opts, refs, projects_year, now);
    if (!p) {
      std::cerr << "huanxin gen: projects: " << p.error().detail.en << "\n";
      return 1;
    }
    projects = *p;
  }
  auto secs = std::chrono::duration<double>(Clock::now() - started).count();
  if (projects_year) std::cout << "generated " << projects << " projects of " << projects_year << " with their plans and funds\n";
  std::cout << "generated " << estates << " estates, " << dwellings << " dwellings into " << db.name() << " in "
            << static_cast<std::int64_t>(secs * 1000) << " ms (loading estate " << static_cast<std::int64_t>(times.seconds[0] * 1000)
            << " ms, building " << static_cast<std::int64_t>(times.seconds[1] * 1000) << " ms, dwelling "
            << static_cast<std::int64_t>(times.seconds[2] * 1000) << " ms, owner " << static_cast<std::int64_t>(times.seconds[3] * 1000)
            << " ms, dwelling_owner " << static_cast<std::int64_t>(times.seconds[4] * 1000) << " ms)\n";
  return 0;
}

}  // namespace huanxin::app
