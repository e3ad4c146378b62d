// Contract suite of store/project/programme_repository on SQLite and PostgreSQL (docs/programme.md):
// the programme's figures of a region and year — projects at planned or later, their distinct
// estates with the register's counters and floor areas, the ledger per source and kind, the annual
// plan of the region or its nearest ancestor, and the per-project rows of the upward report.
// Projects, links, plans and ledger entries are written with plain INSERTs in the test's session
// (the project context's own repositories write them in the application).
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <tuple>

#include "contract/contract_fixture.hpp"
#include "store/project/programme_repository.hpp"

namespace huanxin::store::contract {
namespace {

// The order of core/project/gates.hpp.
const std::vector<std::string> kProgramme = {"planned",   "approved", "designed",  "tendered",  "permitted",
                                             "started",   "completed", "accepted", "handed_over"};
const std::vector<std::string> kStarted = {"started", "completed", "accepted", "handed_over"};
const std::vector<std::string> kCompleted = {"completed", "accepted", "handed_over"};

ProgrammeFilter Filter(const std::string& prefix, int year) { return {prefix, year, kProgramme, kStarted, kCompleted}; }

auto Fields(const ProgrammeFigures& f) {
  return std::tuple(f.projects, f.estates, f.buildings, f.dwellings, f.floor_area_dm2, f.floor_area_missing, f.started,
                    f.completed);
}
using Figs = std::tuple<std::int64_t, std::int64_t, std::int64_t, std::int64_t, std::int64_t, std::int64_t, std::int64_t,
                        std::int64_t>;

class ProgrammeContract : public ContractTest {
 protected:
  static std::int64_t Estate(Session& s, const std::string& region, const std::string& name,
                             std::optional<std::int64_t> floor_area_dm2, const std::vector<int>& dwellings_per_building) {
    EstateRecord e;
    e.region_code = region;
    e.name = name;
    e.address = "地址 " + name;
    e.built_year = 1995;
    e.floor_area_dm2 = floor_area_dm2;
    e.ownership_types = "housing_reform";
    e.property_mode = "none";
    e.status = "registered";
    e.created_at = e.updated_at = kAt;
    auto id = Must(EstateRepository::Insert(s, e));
    int number = 1;
    for (int n : dwellings_per_building) {
      auto b = AddBuilding(s, id, region, std::to_string(number++), 1);
      for (int k = 0; k < n; ++k) AddDwelling(s, b, id, region, 1, 1 + k / 2, std::to_string(101 + k), 6000 + k);
    }
    return id;
  }
  static std::int64_t Project(Session& s, const std::string& name, int year, const std::string& region, const std::string& status,
                              const std::vector<std::int64_t>& estates, const std::string& estate_region = "") {
    auto id = Must(InsertReturningId(s,
                                     "INSERT INTO project (name, year, kind, region_code, status, created_by, created_at, "
                                     "updated_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?) RETURNING id",
                                     {Str(name), Int(year), Str(estates.size() > 1 ? "area" : "estate"), Str(region), Str(status),
                                      Str(kAt), Str(kAt)}));
    for (auto e : estates)
      Must(s.Exec("INSERT INTO project_estate (project_id, estate_id, region_code) VALUES (?, ?, ?)",
                  {Int(id), Int(e), Str(estate_region.empty() ? region : estate_region)}));
    return id;
  }
  static void Fund(Session& s, std::int64_t project, const std::string& region, int year, const std::string& source,
                   const std::string& kind, std::int64_t fen) {
    Must(s.Exec("INSERT INTO fund_entry (project_id, region_code, year, source, kind, amount_fen, on_date, created_by, "
                "created_at) VALUES (?, ?, ?, ?, ?, ?, '2023-05-01', 1, ?)",
                {Int(project), Str(region), Int(year), Str(source), Str(kind), Int(fen), Str(kAt)}));
  }
  static void Plan(Session& s, const std::string& region, int year, std::int64_t estates, std::int64_t households) {
    Must(s.Exec("INSERT INTO annual_plan (region_code, year, target_estates, target_households, created_by, created_at, "
                "updated_at) VALUES (?, ?, ?, ?, 1, ?, ?)",
                {Str(region), Int(year), Int(estates), Int(households), Str(kAt), Str(kAt)}));
  }

  Figs FiguresOf(const std::string& prefix, int year) {
    return Fields(Get([&](Session& s) { return ProgrammeRepository::Figures(s, Filter(prefix, year)); }));
  }
  // source → {committed, received, paid}
  std::map<std::string, std::tuple<std::int64_t, std::int64_t, std::int64_t>> FundsOf(const std::string& prefix, int year) {
    auto rows = Get([&](Session& s) { return ProgrammeRepository::Funds(s, Filter(prefix, year)); });
    std::map<std::string, std::tuple<std::int64_t, std::int64_t, std::int64_t>> out;
    for (const auto& r : rows) {
      auto& t = out[r.source];
      (r.kind == "committed" ? std::get<0>(t) : r.kind == "received" ? std::get<1>(t) : std::get<2>(t)) += r.amount_fen;
    }
    return out;
  }

  struct Seeded {
    std::int64_t a = 0, b = 0, c = 0, p1 = 0, p2 = 0, p3 = 0;
  };
  // 青云谱区 2023: an area project (started) of two 洪都 estates, one of them also in a planned
  // single-estate project; a completed 京山 project; a reserve project, a 2024 project, a 西湖区
  // project and one in another city (抚州 临川, 361002), none of which count for 360104 in 2023.
  Seeded Seed() {
    return Put([&](Session& s) -> Result<Seeded> {
      Seeded x;
      x.a = Estate(s, "360104002001", "甲 🏠 O'Brien", 100000, {2, 1});  // 1 000.00 m², 2 buildings, 3 dwellings
      x.b = Estate(s, "360104002002", "乙 无面积", std::nullopt, {2});     // no floor area
      x.c = Estate(s, "360104006001", "丙", 50050, {1});                   // 500.50 m²
      auto d = Estate(s, "360104002001", "丁 储备", 70000, {4, 4});
      auto e = Estate(s, "360103001001", "戊 西湖", 30000, {3});
      auto f = Estate(s, "361002001001", "己 临川", 20000, {5});
      x.p1 = Project(s, "洪都片区", 2023, "360104002", "started", {x.a, x.b});
      x.p2 = Project(s, "京山小区", 2023, "360104006", "completed", {x.c});
      x.p3 = Project(s, "甲 单独", 2023, "360104002", "planned", {x.a});
      auto reserve = Project(s, "储备项目", 2023, "360104002", "reserve", {d});
      auto next_year = Project(s, "明年", 2024, "360104002", "planned", {d});
      auto xihu = Project(s, "西湖项目", 2023, "360103001", "accepted", {e});
      auto linchuan = Project(s, "临川项目", 2023, "361002", "handed_over", {f});
      Fund(s, x.p1, "360104002", 2023, "central_subsidy", "committed", 1'000'000);
      Fund(s, x.p1, "360104002", 2023, "central_subsidy", "received", 600'000);
      Fund(s, x.p1, "360104002", 2023, "central_subsidy", "paid", 300'000);
      Fund(s, x.p1, "360104002", 2023, "central_subsidy", "paid", 1);
      Fund(s, x.p1, "360104002", 2023, "local_fiscal", "committed", 500'000);
      Fund(s, x.p2, "360104006", 2023, "resident", "committed", 12'345);
      Fund(s, reserve, "360104002", 2023, "central_subsidy", "committed", 99'999);
      Fund(s, next_year, "360104002", 2024, "central_subsidy", "committed", 77'777);
      Fund(s, xihu, "360103001", 2023, "special_bond", "committed", 40'000);
      Fund(s, linchuan, "361002", 2023, "donation", "received", 50'000);
      return x;
    });
  }
};

TEST_P(ProgrammeContract, CountsDistinctEstatesOfPlannedOrLaterProjectsWithTheirCountersAndFloorArea) {
  if (IsSkipped()) GTEST_SKIP();
  Seed();
  // 3 projects (the reserve one out); estates 甲 乙 丙 (甲 in two projects counts once); buildings
  // 2 + 1 + 1; dwellings 3 + 2 + 1; floor area 1 000.00 + 0 + 500.50 m² with 乙 missing; started
  // 甲 乙 (area project) and 丙 (completed is past started); completed 丙.
  EXPECT_EQ(FiguresOf("360104", 2023), Figs(3, 3, 4, 6, 150050, 1, 3, 1));
  EXPECT_EQ(FiguresOf("360104002", 2023), Figs(2, 2, 3, 5, 100000, 1, 2, 0));
  EXPECT_EQ(FiguresOf("360104006", 2023), Figs(1, 1, 1, 1, 50050, 0, 1, 1));
  // 2024: only the planned project of 丁 (8 dwellings in 2 buildings, 700.00 m²).
  EXPECT_EQ(FiguresOf("360104", 2024), Figs(1, 1, 2, 8, 70000, 0, 0, 0));
  EXPECT_EQ(FiguresOf("360104", 2022), Figs(0, 0, 0, 0, 0, 0, 0, 0));
}

TEST_P(ProgrammeContract, ScopeIsAPrefixOfTheProjectsRegionCode) {
  if (IsSkipped()) GTEST_SKIP();
  Seed();
  // 3601 (南昌市) holds 青云谱 and 西湖 (戊: 1 building, 3 dwellings, 300.00 m², accepted); 36010
  // the same as a text prefix; 临川 (361002) lies under 361 but under neither 3601 nor 36010.
  EXPECT_EQ(FiguresOf("3601", 2023), Figs(4, 4, 5, 9, 180050, 1, 4, 2));
  EXPECT_EQ(FiguresOf("36010", 2023), FiguresOf("3601", 2023));
  EXPECT_EQ(FiguresOf("36011", 2023), Figs(0, 0, 0, 0, 0, 0, 0, 0));
  EXPECT_EQ(FiguresOf("361", 2023), Figs(1, 1, 1, 5, 20000, 0, 1, 1));
  EXPECT_EQ(FiguresOf("", 2023), Figs(5, 5, 6, 14, 200050, 1, 5, 3));
  // A community prefix below the projects' street codes holds none of them.
  EXPECT_EQ(FiguresOf("360104002001", 2023), Figs(0, 0, 0, 0, 0, 0, 0, 0));
}

TEST_P(ProgrammeContract, ReserveProjectsAreNotInTheProgramme) {
  if (IsSkipped()) GTEST_SKIP();
  Put([&](Session& s) -> Result<bool> {
    auto e = Estate(s, "360104002001", "只在储备", 10000, {2});
    auto p = Project(s, "储备", 2023, "360104002", "reserve", {e});
    Fund(s, p, "360104002", 2023, "central_subsidy", "committed", 500);
    return true;
  });
  EXPECT_EQ(FiguresOf("360104", 2023), Figs(0, 0, 0, 0, 0, 0, 0, 0));
  EXPECT_TRUE(FundsOf("360104", 2023).empty());
}

TEST_P(ProgrammeContract, SumsTheLedgerPerSourceAndKindOfTheProgrammesProjects) {
  if (IsSkipped()) GTEST_SKIP();
  Seed();
  using T = std::tuple<std::int64_t, std::int64_t, std::int64_t>;
  auto funds = FundsOf("360104", 2023);
  EXPECT_EQ(funds.size(), 3u);
  EXPECT_EQ(funds["central_subsidy"], T(1'000'000, 600'000, 300'001));
  EXPECT_EQ(funds["local_fiscal"], T(500'000, 0, 0));
  EXPECT_EQ(funds["resident"], T(12'345, 0, 0));
  // 36010: 西湖's special bond joins; 361: only 临川's donation, received and nothing committed.
  EXPECT_EQ(FundsOf("36010", 2023)["special_bond"], T(40'000, 0, 0));
  auto linchuan = FundsOf("361", 2023);
  ASSERT_EQ(linchuan.size(), 1u);
  EXPECT_EQ(linchuan["donation"], T(0, 50'000, 0));
  EXPECT_EQ(FundsOf("360104", 2024)["central_subsidy"], T(77'777, 0, 0));
}

TEST_P(ProgrammeContract, ThePlanIsTheRegionsOrItsLongestPrefixs) {
  if (IsSkipped()) GTEST_SKIP();
  Put([&](Session& s) -> Result<bool> {
    Plan(s, "3601", 2023, 200, 20000);
    Plan(s, "360104", 2023, 28, 1867);
    Plan(s, "360104", 2024, 38, 1755);
    Plan(s, "360104002", 2024, 5, 500);
    return true;
  });
  auto plan = [&](const std::string& region, int year) {
    auto p = Get([&](Session& s) { return ProgrammeRepository::PlanFor(s, region, year); });
    return p ? std::tuple(p->region_code, p->target_estates, p->target_households)
             : std::tuple(std::string("none"), std::int64_t{0}, std::int64_t{0});
  };
  using P = std::tuple<std::string, std::int64_t, std::int64_t>;
  EXPECT_EQ(plan("360104", 2023), P("360104", 28, 1867));
  EXPECT_EQ(plan("360104002", 2023), P("360104", 28, 1867));     // the county's
  EXPECT_EQ(plan("360104002001", 2024), P("360104002", 5, 500));  // the street's, the longest
  EXPECT_EQ(plan("360103", 2023), P("3601", 200, 20000));         // the city's
  EXPECT_EQ(plan("36010", 2023), P("3601", 200, 20000));
  EXPECT_EQ(plan("3601", 2024), P("none", 0, 0));                 // a child's plan does not count
  EXPECT_EQ(plan("36", 2023), P("none", 0, 0));
  EXPECT_EQ(plan("", 2023), P("none", 0, 0));
  EXPECT_EQ(plan("360104", 2025), P("none", 0, 0));
}

TEST_P(ProgrammeContract, ListsEachProjectWithItsEstatesAndLedger) {
  if (IsSkipped()) GTEST_SKIP();
  auto x = Seed();
  auto rows = Get([&](Session& s) {
    return ProgrammeRepository::Projects(s, Filter("360104", 2023), "committed", "received", "paid");
  });
  ASSERT_EQ(rows.size(), 3u);
  // Region code, then id: the two 洪都 projects, then 京山.
  EXPECT_EQ(rows[0].id, x.p1);
  EXPECT_EQ(rows[1].id, x.p3);
  EXPECT_EQ(rows[2].id, x.p2);
  auto row = [](const ProgrammeProjectRow& r) {
    return std::tuple(r.name, r.kind, r.region_code, r.status, r.estates, r.buildings, r.dwellings, r.floor_area_dm2,
                      r.committed_fen, r.received_fen, r.paid_fen);
  };
  using R = std::tuple<std::string, std::string, std::string, std::string, std::int64_t, std::int64_t, std::int64_t,
                       std::int64_t, std::int64_t, std::int64_t, std::int64_t>;
  EXPECT_EQ(row(rows[0]), R("洪都片区", "area", "360104002", "started", 2, 3, 5, 100000, 1'500'000, 600'000, 300'001));
  EXPECT_EQ(row(rows[1]), R("甲 单独", "estate", "360104002", "planned", 1, 2, 3, 100000, 0, 0, 0));
  EXPECT_EQ(row(rows[2]), R("京山小区", "estate", "360104006", "completed", 1, 1, 1, 50050, 12'345, 0, 0));
  EXPECT_TRUE(Get([&](Session& s) {
                return ProgrammeRepository::Projects(s, Filter("36011", 2023), "committed", "received", "paid");
              }).empty());
}

INSTANTIATE_TEST_SUITE_P(Sqlite, ProgrammeContract, ::testing::Values("sqlite"));
INSTANTIATE_TEST_SUITE_P(Postgres, ProgrammeContract, ::testing::Values("postgres"));

}  // namespace
}  // namespace huanxin::store::contract
