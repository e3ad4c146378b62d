// Contract suite of the construction steps part (src/store/construction/step_repository,
// schedule_repository) on SQLite and PostgreSQL: steps with every optional part and without,
// replaced keeping the ids of the codes that stay, crews, templates, the seasons in force by the
// longest prefix, schedules with their steps, baselines, alerts (open, updated, cleared, by prefix
// and by project) and the latest progress per step.
#include <gtest/gtest.h>

#include "contract/contract_fixture.hpp"
#include "store/construction/schedule_repository.hpp"
#include "store/construction/step_repository.hpp"
#include "testing/project_rows.hpp"

namespace huanxin::store::contract {
namespace {

namespace cc = core::construction;
constexpr const char* kCommunity = "360104002001";

class ConstructionContract : public ContractTest {
 protected:
  static cc::Step Full(const std::string& code, std::int64_t estate, std::vector<std::int64_t> buildings) {
    cc::Step s;
    s.code = code;
    s.name = kTrickyText;
    s.item_code = "B01";
    s.estate_id = estate;
    s.duration_days = 12;
    s.crew_type = "pipe";
    s.crew_count = 2;
    s.trench = cc::Trench{"北段 🛣", "water", true};
    s.disruption = cc::Disruption{"water", std::move(buildings)};
    s.window = "outside_heating";
    return s;
  }
  static cc::Step Bare(const std::string& code) {
    cc::Step s;
    s.code = code;
    s.name = "围挡";
    s.duration_days = 1;
    s.crew_type = "earthwork";
    return s;
  }
  // A project of the community with one estate of two buildings; returns {project, estate, b1, b2}.
  std::array<std::int64_t, 4> Project() {
    return Put([&](Session& s) -> Result<std::array<std::int64_t, 4>> {
      const auto project = Must(testing::InsertProjectRow(s, kCommunity, "施工项目"));
      const auto estate = AddEstate(s, kCommunity, "施工小区");
      const auto b1 = AddBuilding(s, estate, kCommunity, "1");
      const auto b2 = AddBuilding(s, estate, kCommunity, "2");
      AddDwelling(s, b1, estate, kCommunity, 1, 1, "101", 6120);
      AddDwelling(s, b1, estate, kCommunity, 1, 1, "102", 6120);
      Must(s.Exec("INSERT INTO project_estate (project_id, estate_id, region_code) VALUES (?, ?, ?)",
                  {Int(project), Int(estate), Str(kCommunity)}));
      return std::array<std::int64_t, 4>{project, estate, b1, b2};
    });
  }
};

TEST_P(ConstructionContract, StepsRoundTripAndReplaceKeepsTheIdsOfCodesThatStay) {
  if (IsSkipped()) return;
  const auto [project, estate, b1, b2] = Project();
  auto lay = Full("E1.B01.lay", estate, {b2, b1, b1});
  auto fence = Bare("fence");
  lay.predecessors.push_back({"fence", "SS", 2});
  Put([&](Session& s) { return StepRepository::Replace(s, project, kCommunity, {fence, lay}, kAt); });
  auto steps = Get([&](Session& s) { return StepRepository::Load(s, project); });
  ASSERT_EQ(steps.size(), 2u);
  EXPECT_EQ(steps[0].code, "fence");
  EXPECT_FALSE(steps[0].item_code || steps[0].estate_id || steps[0].trench || steps[0].disruption || steps[0].window);
  EXPECT_EQ(steps[0].crew_count, 1);
  const auto& l = steps[1];
  EXPECT_EQ(l.name, kTrickyText);
  EXPECT_EQ(l.item_code.value_or(""), "B01");
  EXPECT_EQ(l.estate_id.value_or(0), estate);
  EXPECT_EQ(l.duration_days, 12);
  EXPECT_EQ(l.crew_type, "pipe");
  EXPECT_EQ(l.crew_count, 2);
  ASSERT_TRUE(l.trench);
  EXPECT_EQ(l.trench->segment, "北段 🛣");
  EXPECT_EQ(l.trench->utility, "water");
  EXPECT_TRUE(l.trench->split);
  ASSERT_TRUE(l.disruption);
  EXPECT_EQ(l.disruption->kind, "water");
  EXPECT_EQ(l.disruption->building_ids, (std::vector<std::int64_t>{b1, b2}));  // once each, sorted
  EXPECT_EQ(l.window.value_or(""), "outside_heating");
  ASSERT_EQ(l.predecessors.size(), 1u);
  EXPECT_EQ(l.predecessors[0].code, "fence");
  EXPECT_EQ(l.predecessors[0].type, "SS");
  EXPECT_EQ(l.predecessors[0].lag_days, 2);
  const auto id_before = Count("SELECT id FROM construction_step WHERE code = 'E1.B01.lay'");

  // Replace: fence goes, lay stays (same id), a generated step comes.
  lay.predecessors.clear();
  lay.duration_days = 9;
  auto open = Bare("open:北段");
  open.generated = true;
  lay.predecessors.push_back({"open:北段", "FS", 0});
  Put([&](Session& s) { return StepRepository::Replace(s, project, kCommunity, {lay, open}, kAt); });
  steps = Get([&](Session& s) { return StepRepository::Load(s, project); });
  ASSERT_EQ(steps.size(), 2u);
  EXPECT_EQ(steps[0].code, "E1.B01.lay");
  EXPECT_EQ(steps[0].duration_days, 9);
  EXPECT_EQ(steps[0].predecessors.at(0).code, "open:北段");
  EXPECT_TRUE(steps[1].generated);
  EXPECT_EQ(Count("SELECT id FROM construction_step WHERE code = 'E1.B01.lay'"), id_before);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM construction_step WHERE code = 'fence'"), 0);
  EXPECT_TRUE(Get([&](Session& s) { return StepRepository::CodesWithProgress(s, project); }).empty());
  Put([&](Session& s) {
    return Done(s.Exec("INSERT INTO construction_progress (project_id, region_code, step_id, percent, on_date, "
                       "reported_by, created_at) VALUES (?, ?, ?, 40, '2026-05-01', 0, ?)",
                       {Int(project), Str(kCommunity), Int(id_before), Str(kAt)}));
  });
  EXPECT_EQ(Get([&](Session& s) { return StepRepository::CodesWithProgress(s, project); }),
            (std::vector<std::string>{"E1.B01.lay"}));
  auto latest = Get([&](Session& s) { return ScheduleRepository::LatestProgress(s, project); });
  ASSERT_EQ(latest.size(), 1u);
  EXPECT_EQ(latest[0].percent, 40);
  EXPECT_EQ(latest[0].on_date, "2026-05-01");
}

TEST_P(ConstructionContract, CrewsTemplatesBuildingsAndQuantities) {
  if (IsSkipped()) return;
  const auto [project, estate, b1, b2] = Project();
  EXPECT_TRUE(Get([&](Session& s) { return StepRepository::Crews(s, project); }).empty());
  Put([&](Session& s) { return StepRepository::PutCrews(s, project, {{"pipe", 2}, {"班组🙂", 1}}); });
  Put([&](Session& s) { return StepRepository::PutCrews(s, project, {{"pipe", 3}}); });
  EXPECT_EQ(Get([&](Session& s) { return StepRepository::Crews(s, project); }), (std::map<std::string, int>{{"pipe", 3}}));
  auto b07 = Get([&](Session& s) { return StepRepository::Templates(s, std::string("B07")); });
  ASSERT_EQ(b07.size(), 2u);
  EXPECT_EQ(b07[0].suffix, "lay");
  EXPECT_EQ(b07[0].trench_utility.value_or(""), "heating");
  EXPECT_FALSE(b07[0].disruption_kind);
  EXPECT_EQ(b07[1].disruption_kind.value_or(""), "heating");
  EXPECT_EQ(b07[1].after, "FS:lay+0");
  EXPECT_GT(Get([&](Session& s) { return StepRepository::Templates(s, std::nullopt); }).size(), b07.size());
  auto buildings = Get([&](Session& s) { return StepRepository::Buildings(s, project); });
  ASSERT_EQ(buildings.size(), 2u);
  EXPECT_EQ(buildings[0].id, b1);
  EXPECT_EQ(buildings[0].dwellings, 2);
  EXPECT_EQ(buildings[1].dwellings, 0);
  EXPECT_EQ(buildings[0].number, "1");
  EXPECT_EQ(Get([&](Session& s) { return StepRepository::ProjectBuildingIds(s, project); }),
            (std::vector<std::int64_t>{b1, b2}));
  EXPECT_TRUE(Get([&](Session& s) { return StepRepository::BudgetQuantities(s, project); }).empty());
  auto items = Get([&](Session& s) { return StepRepository::ItemCodes(s); });
  EXPECT_TRUE(std::is_sorted(items.begin(), items.end()));
  EXPECT_TRUE(std::binary_search(items.begin(), items.end(), "B07"));
}

TEST_P(ConstructionContract, SeasonsInForceByTheLongestPrefix) {
  if (IsSkipped()) return;
  EXPECT_FALSE(Get([&](Session& s) { return SeasonRepository::InForce(s, kCommunity); }));
  Put([&](Session& s) { return SeasonRepository::Put(s, {"3601", "11-15", "03-15", std::nullopt, std::nullopt, "", 1, kAt}); });
  Put([&](Session& s) {
    return SeasonRepository::Put(s, {"360104", std::nullopt, std::nullopt, "12-01", "02-28", "06-07,06-08", 2, kAt});
  });
  auto street = Get([&](Session& s) { return SeasonRepository::InForce(s, "360104002"); });
  ASSERT_TRUE(street);
  EXPECT_EQ(street->region_code, "360104");
  EXPECT_FALSE(street->heating_from);
  EXPECT_EQ(street->frost_to.value_or(""), "02-28");
  EXPECT_EQ(street->exam_days, "06-07,06-08");
  EXPECT_EQ(street->updated_by, 2);
  auto other = Get([&](Session& s) { return SeasonRepository::InForce(s, "360105"); });
  ASSERT_TRUE(other);
  EXPECT_EQ(other->region_code, "3601");  // "360105" is not under "360104"
  EXPECT_EQ(other->heating_from.value_or(""), "11-15");
  EXPECT_FALSE(Get([&](Session& s) { return SeasonRepository::InForce(s, "3602"); }));
  Put([&](Session& s) { return SeasonRepository::Put(s, {"3601", "10-20", "04-20", std::nullopt, std::nullopt, "", 3, kAt}); });
  EXPECT_EQ(Get([&](Session& s) { return SeasonRepository::InForce(s, "3601"); })->heating_to.value_or(""), "04-20");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM construction_season"), 2);
}

TEST_P(ConstructionContract, SchedulesBaselinesAndAlerts) {
  if (IsSkipped()) return;
  const auto [project, estate, b1, b2] = Project();
  EXPECT_FALSE(Get([&](Session& s) { return ScheduleRepository::Latest(s, project); }));
  ScheduleRecord r;
  r.project_id = project;
  r.region_code = kCommunity;
  r.start_on = "2026-03-02";
  r.end_on = "2026-06-30";
  r.makespan_days = 121;
  r.lower_bound_days = 98;
  r.disruption_days = 4321;
  r.openings_merged = 3;
  r.openings_naive = 9;
  r.crews = "pipe:2,班组:1";
  r.working_days_only = true;
  r.created_by = 7;
  r.created_at = kAt;
  r.steps = {{"b", "2026-03-05", "2026-03-09", "crew", "pipe", false}, {"a", "2026-03-02", "2026-03-04", "start", "", true}};
  const auto first = Put([&](Session& s) { return ScheduleRepository::Insert(s, r); });
  r.end_on = "2026-07-31";
  r.steps.clear();
  const auto second = Put([&](Session& s) { return ScheduleRepository::Insert(s, r); });
  auto latest = Get([&](Session& s) { return ScheduleRepository::Latest(s, project); });
  ASSERT_TRUE(latest);
  EXPECT_EQ(latest->id, second);
  EXPECT_TRUE(latest->steps.empty());
  auto one = Get([&](Session& s) { return ScheduleRepository::Find(s, first); });
  ASSERT_TRUE(one);
  EXPECT_EQ(one->end_on, "2026-06-30");
  EXPECT_EQ(one->crews, "pipe:2,班组:1");
  EXPECT_TRUE(one->working_days_only);
  EXPECT_EQ(one->disruption_days, 4321);
  ASSERT_EQ(one->steps.size(), 2u);
  EXPECT_EQ(one->steps[0].step_code, "a");  // by start
  EXPECT_TRUE(one->steps[0].critical);
  EXPECT_EQ(one->steps[1].bound_ref, "pipe");
  EXPECT_FALSE(Get([&](Session& s) { return ScheduleRepository::Find(s, second + 100); }));

  EXPECT_FALSE(Get([&](Session& s) { return ScheduleRepository::LatestBaseline(s, project); }));
  const auto baseline = Put([&](Session& s) { return ScheduleRepository::InsertBaseline(s, project, first, kCommunity, 7, kAt); });
  EXPECT_EQ(Get([&](Session& s) { return ScheduleRepository::LatestBaseline(s, project); })->schedule_id, first);

  AlertRecord a;
  a.project_id = project;
  a.region_code = kCommunity;
  a.kind = "delay";
  a.step_code = "b";
  a.baseline_id = baseline;
  a.baseline_end_on = "2026-03-09";
  a.forecast_end_on = "2026-03-20";
  a.delay_days = 11;
  a.raised_at = kAt;
  const auto delay = Put([&](Session& s) { return ScheduleRepository::InsertAlert(s, a); });
  a.kind = "year_end";
  a.step_code = "";
  a.baseline_id.reset();
  const auto year_end = Put([&](Session& s) { return ScheduleRepository::InsertAlert(s, a); });
  Put([&](Session& s) { return ScheduleRepository::UpdateAlert(s, delay, "2026-03-25", 16); });
  auto all = Get([&](Session& s) { return ScheduleRepository::Alerts(s, project); });
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].id, year_end);  // newest first
  EXPECT_EQ(all[1].forecast_end_on, "2026-03-25");
  EXPECT_EQ(all[1].delay_days, 16);
  EXPECT_EQ(all[1].project_name, "施工项目");
  EXPECT_FALSE(all[0].baseline_id);
  auto counts = Get([&](Session& s) { return ScheduleRepository::CountsUnder(s, "360104", std::nullopt); });
  EXPECT_EQ(counts.delay, 1);
  EXPECT_EQ(counts.year_end, 1);
  EXPECT_EQ(counts.schedules, 1);
  EXPECT_EQ(Get([&](Session& s) { return ScheduleRepository::CountsUnder(s, "360105", std::nullopt); }).delay, 0);
  EXPECT_EQ(Get([&](Session& s) { return ScheduleRepository::CountsUnder(s, "", std::vector<std::int64_t>{}); }).schedules, 0);
  Put([&](Session& s) { return ScheduleRepository::ClearAlert(s, year_end, "2026-12-01T00:00:00.000Z"); });
  auto open = Get([&](Session& s) { return ScheduleRepository::OpenAlerts(s, "3601", std::nullopt, 10); });
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0].id, delay);
  EXPECT_TRUE(Get([&](Session& s) {
                return ScheduleRepository::OpenAlerts(s, "", std::vector<std::int64_t>{project + 1}, 10);
              }).empty());
  EXPECT_EQ(Get([&](Session& s) { return ScheduleRepository::OpenAlerts(s, "", std::vector<std::int64_t>{project}, 10); }).size(), 1u);
  auto after = Get([&](Session& s) { return ScheduleRepository::Alerts(s, project); });
  ASSERT_EQ(after.size(), 2u);
  EXPECT_EQ(after[0].id, delay);  // open ones first
  EXPECT_EQ(after[1].cleared_at.value_or(""), "2026-12-01T00:00:00.000Z");
}

INSTANTIATE_TEST_SUITE_P(Sqlite, ConstructionContract, ::testing::Values("sqlite"));
INSTANTIATE_TEST_SUITE_P(Postgres, ConstructionContract, ::testing::Values("postgres"));

}  // namespace
}  // namespace huanxin::store::contract
