// Contract suite of the construction works repositories (src/store/construction/progress_repository,
// household_repository, notice_repository) on SQLite and PostgreSQL: every function, exact values
// read back, NULLs, unicode, the latest report per step, the household counts per building and the
// notices of the current schedule. Steps and schedules are inserted with plain SQL here (their
// repository is the steps part's).
#include <gtest/gtest.h>

#include "contract/contract_fixture.hpp"
#include "store/construction/household_repository.hpp"
#include "store/construction/notice_repository.hpp"
#include "store/construction/progress_repository.hpp"
#include "testing/project_rows.hpp"

namespace huanxin::store::contract {
namespace {

constexpr const char* kCommunity = "360104002001";

class WorksContract : public ContractTest {
 protected:
  static std::int64_t Step(Session& s, std::int64_t project, const std::string& code, std::optional<std::string> item,
                           std::optional<std::int64_t> estate, int days, std::optional<std::string> kind, int position) {
    return Must(InsertReturningId(
        s,
        "INSERT INTO construction_step (project_id, region_code, code, name, item_code, estate_id, duration_days, "
        "crew_type, crew_count, disruption_kind, position, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'pipe', 1, ?, ?, ?) "
        "RETURNING id",
        {Int(project), Str(kCommunity), Str(code), Str("工序 " + code), OptStr(item), OptInt(estate), Int(days),
         OptStr(kind), Int(position), Str(kAt)}));
  }
  static std::int64_t Schedule(Session& s, std::int64_t project, const std::string& start) {
    return Must(InsertReturningId(
        s,
        "INSERT INTO construction_schedule (project_id, region_code, start_on, end_on, makespan_days, lower_bound_days, "
        "disruption_days, openings_merged, openings_naive, crews, created_by, created_at) "
        "VALUES (?, ?, ?, '2026-06-30', 30, 28, 12, 1, 3, 'pipe:2', 0, ?) RETURNING id",
        {Int(project), Str(kCommunity), Str(start), Str(kAt)}));
  }
  static void Scheduled(Session& s, std::int64_t schedule, const std::string& code, const std::string& from,
                        const std::string& to) {
    Must(s.Exec("INSERT INTO construction_schedule_step (schedule_id, step_code, start_on, end_on, bound_by) "
                "VALUES (?, ?, ?, ?, 'start')",
                {Int(schedule), Str(code), Str(from), Str(to)}));
  }
  static ProgressReportRecord Report(std::int64_t project, std::int64_t step, int percent, const std::string& on,
                                     std::optional<std::string> client = std::nullopt) {
    ProgressReportRecord r;
    r.project_id = project;
    r.region_code = kCommunity;
    r.step_id = step;
    r.percent = percent;
    r.on_date = on;
    r.note = kTrickyText;
    r.client_id = std::move(client);
    r.reported_by = 0;
    r.created_at = kAt;
    return r;
  }
};

TEST_P(WorksContract, ReportsTheLatestPerStepAndClientIds) {
  if (IsSkipped()) return;
  Put([&](Session& s) -> Result<void> {
    const auto project = Must(testing::InsertProjectRow(s, kCommunity, "进度项目"));
    const auto estate = AddEstate(s, kCommunity, "进度小区");
    const auto lay = Step(s, project, "E1.B01.lay", "B01", estate, 10, std::nullopt, 1);
    const auto open = Step(s, project, "open:E1-main", std::nullopt, std::nullopt, 2, "road", 0);
    auto steps = Must(ProgressRepository::Steps(s, project));
    EXPECT_EQ(steps.size(), 2u);
    EXPECT_EQ(steps[0].id, open);  // by position
    EXPECT_FALSE(steps[0].item_code.has_value());
    EXPECT_FALSE(steps[0].estate_id.has_value());
    EXPECT_EQ(steps[1].item_code.value_or(""), "B01");
    EXPECT_EQ(steps[1].estate_id.value_or(0), estate);
    EXPECT_EQ(steps[1].duration_days, 10);
    EXPECT_EQ(Must(ProgressRepository::FindStep(s, project, "E1.B01.lay"))->id, lay);
    EXPECT_FALSE(Must(ProgressRepository::FindStep(s, project, "nope")).has_value());

    // Two reports the same day: the later id wins; an earlier date inserted later does not.
    auto first = Report(project, lay, 30, "2026-04-02", "phone-1");
    first.quantity_centi = 12345;
    const auto a = Must(ProgressRepository::Insert(s, first));
    const auto b = Must(ProgressRepository::Insert(s, Report(project, lay, 40, "2026-04-02")));
    Must(ProgressRepository::Insert(s, Report(project, lay, 10, "2026-04-01")));
    auto latest = Must(ProgressRepository::Latest(s, project));
    EXPECT_EQ(latest.size(), 1u);
    EXPECT_EQ(latest.at(lay).id, b);
    EXPECT_EQ(latest.at(lay).percent, 40);
    EXPECT_EQ(Must(ProgressRepository::CountReports(s, project)), 3);

    auto got = Must(ProgressRepository::Find(s, a));
    EXPECT_TRUE(got.has_value());
    EXPECT_EQ(got->step_code, "E1.B01.lay");
    EXPECT_EQ(got->quantity_centi.value_or(0), 12345);
    EXPECT_EQ(got->note, kTrickyText);
    EXPECT_EQ(got->client_id.value_or(""), "phone-1");
    EXPECT_FALSE(got->photo_file_id.has_value());
    EXPECT_EQ(Must(ProgressRepository::FindByClientId(s, project, "phone-1"))->id, a);
    EXPECT_FALSE(Must(ProgressRepository::FindByClientId(s, project, "phone-2")).has_value());
    return Ok();
  });
  // The same client id twice in a project is refused by the database (the service answers the first).
  auto e = Refused([&](Session& s) -> Result<void> {
    auto project = Must(QueryInt(s, "SELECT MIN(id) FROM project"));
    auto step = Must(QueryInt(s, "SELECT MIN(id) FROM construction_step WHERE item_code = 'B01'"));
    auto r = ProgressRepository::Insert(s, Report(project, step, 50, "2026-04-03", "phone-1"));
    if (!r) return std::move(r).error();
    return Ok();
  });
  EXPECT_EQ(e.reason, "store.duplicate");
}

TEST_P(WorksContract, BudgetLinesWeightsAndProgrammeProjects) {
  if (IsSkipped()) return;
  Put([&](Session& s) -> Result<void> {
    const auto project = Must(testing::InsertProjectRow(s, kCommunity, "权重项目"));
    const auto other = Must(testing::InsertProjectRow(s, "360104006001", "界外项目"));
    Must(s.Exec("INSERT INTO budget_item (project_id, item_code, unit, quantity_centi, unit_price_fen, estimate_fen, "
                "budget_fen, contract_fen, created_at, updated_at) VALUES (?, 'B01', 'm', 100, 100, 1000, 900, NULL, ?, ?), "
                "(?, 'B05', 'm2', 100, 100, 500, NULL, NULL, ?, ?)",
                {Int(project), Str(kAt), Str(kAt), Int(project), Str(kAt), Str(kAt)}));
    auto lines = Must(ProgressRepository::BudgetLines(s, project));
    EXPECT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[0].item_code, "B01");
    EXPECT_EQ(lines[0].estimate_fen, 1000);
    EXPECT_EQ(lines[0].budget_fen.value_or(0), 900);
    EXPECT_FALSE(lines[0].contract_fen.has_value());
    EXPECT_FALSE(lines[1].budget_fen.has_value());

    EXPECT_TRUE(Must(ProgressRepository::Weights(s, project)).empty());
    Must(ProgressRepository::ReplaceWeights(s, project, {{"B01", 700}, {"B05", 300}}));
    Must(ProgressRepository::ReplaceWeights(s, project, {{"B05", 250}}));
    auto w = Must(ProgressRepository::Weights(s, project));
    EXPECT_EQ(w.size(), 1u);
    EXPECT_EQ(w.at("B05"), 250);

    auto names = Must(ProgressRepository::ItemNames(s));
    EXPECT_FALSE(names.empty());
    EXPECT_EQ(names[0].code, "B01");
    EXPECT_EQ(names[0].name_zh, "供水设施改造");

    // The prefix boundary: 360104002 holds the first project, not the one under 360104006.
    auto in = Must(ProgressRepository::Projects(s, "360104002", 2026));
    EXPECT_EQ(in.size(), 1u);
    EXPECT_EQ(in[0].id, project);
    EXPECT_EQ(in[0].name, "权重项目");
    EXPECT_EQ(Must(ProgressRepository::Projects(s, "", std::nullopt)).size(), 2u);
    EXPECT_TRUE(Must(ProgressRepository::Projects(s, "360104002", 2025)).empty());
    EXPECT_EQ(Must(ProgressRepository::Projects(s, "360104006", std::nullopt)).at(0).id, other);

    const auto estate = AddEstate(s, kCommunity, "归属小区");
    Must(s.Exec("INSERT INTO project_estate (project_id, estate_id, region_code) VALUES (?, ?, ?), (?, ?, ?)",
                {Int(project), Int(estate), Str(kCommunity), Int(other), Int(estate), Str(kCommunity)}));
    auto of = Must(ProgressRepository::ProjectsOfEstate(s, estate));
    EXPECT_EQ(of, (std::vector<std::int64_t>{other, project}));
    return Ok();
  });
}

TEST_P(WorksContract, HouseholdWorksTeamsCountsAndGrid) {
  if (IsSkipped()) return;
  Put([&](Session& s) -> Result<void> {
    const auto project = Must(testing::InsertProjectRow(s, kCommunity, "入户项目"));
    const auto estate = AddEstate(s, kCommunity, "入户小区");
    Must(s.Exec("INSERT INTO project_estate (project_id, estate_id, region_code) VALUES (?, ?, ?)",
                {Int(project), Int(estate), Str(kCommunity)}));
    const auto b1 = AddBuilding(s, estate, kCommunity, "1号楼");
    const auto b2 = AddBuilding(s, estate, kCommunity, "2号楼");
    const auto d1 = AddDwelling(s, b1, estate, kCommunity, 1, 1, "101", 5000);
    const auto d2 = AddDwelling(s, b1, estate, kCommunity, 1, 2, "201", 5000);
    const auto d3 = AddDwelling(s, b1, estate, kCommunity, 2, 1, "102", 5000);

    HouseholdTeamRecord t{0, project, kCommunity, kTrickyText, "0791-8888", "heating,windows", kAt};
    const auto team = Must(HouseholdWorkRepository::InsertTeam(s, t));
    auto teams = Must(HouseholdWorkRepository::Teams(s, project));
    EXPECT_EQ(teams.size(), 1u);
    EXPECT_EQ(teams[0].name, kTrickyText);
    EXPECT_EQ(teams[0].works, "heating,windows");
    EXPECT_EQ(Must(HouseholdWorkRepository::FindTeam(s, team))->phone, "0791-8888");
    EXPECT_FALSE(Must(HouseholdWorkRepository::FindTeam(s, team + 1000)).has_value());

    auto place = Must(HouseholdWorkRepository::FindDwelling(s, d2));
    EXPECT_EQ(place->building_id, b1);
    EXPECT_EQ(place->estate_id, estate);
    EXPECT_EQ(place->region_code, kCommunity);
    EXPECT_EQ(Must(HouseholdWorkRepository::EstateOfBuilding(s, b2)).value_or(0), estate);

    auto work = [&](std::int64_t d, const std::string& status, std::optional<std::string> by,
                    std::optional<std::int64_t> team_id, const std::string& w = "heating") {
      HouseholdWorkRecord r{project, d, w, estate, b1, kCommunity, status, std::move(by), team_id, 0, kAt};
      Must(HouseholdWorkRepository::Upsert(s, r));
    };
    work(d1, "in_progress", "contractor", team);
    work(d1, "done", "contractor", team);  // replaced, not added
    work(d2, "done", "self", std::nullopt);
    work(d3, "declined", std::nullopt, std::nullopt);
    work(d3, "done", "self", std::nullopt, "windows");  // another work: not counted under heating
    auto got = Must(HouseholdWorkRepository::Find(s, project, d1, "heating"));
    EXPECT_EQ(got->status, "done");
    EXPECT_EQ(got->team_id.value_or(0), team);
    EXPECT_FALSE(Must(HouseholdWorkRepository::Find(s, project, d2, "windows")).has_value());

    auto counts = Must(HouseholdWorkRepository::Buildings(s, project, "heating"));
    EXPECT_EQ(counts.size(), 2u);
    EXPECT_EQ(counts[0].building_id, b1);
    EXPECT_EQ(counts[0].number, "1号楼");
    EXPECT_EQ(counts[0].total, 3);
    EXPECT_EQ(counts[0].done, 2);
    EXPECT_EQ(counts[0].declined, 1);
    EXPECT_EQ(counts[0].in_progress, 0);
    EXPECT_EQ(counts[0].by_contractor, 1);
    EXPECT_EQ(counts[0].by_self, 1);
    EXPECT_EQ(counts[1].total, 0);  // a building without dwellings is listed at 0
    EXPECT_EQ(counts[1].done, 0);

    auto grid = Must(HouseholdWorkRepository::Grid(s, project, "heating", b1));
    EXPECT_EQ(grid.size(), 3u);
    EXPECT_EQ(grid[0].dwelling_id, d1);  // stairwell 1 floor 1
    EXPECT_EQ(grid[1].dwelling_id, d2);
    EXPECT_EQ(grid[2].dwelling_id, d3);  // stairwell 2
    EXPECT_EQ(grid[2].status.value_or(""), "declined");
    EXPECT_FALSE(grid[2].done_by.has_value());
    auto windows = Must(HouseholdWorkRepository::Grid(s, project, "windows", b1));
    EXPECT_FALSE(windows[0].status.has_value());
    return Ok();
  });
}

TEST_P(WorksContract, NoticesComeFromTheCurrentSchedulesDisruptionSteps) {
  if (IsSkipped()) return;
  Put([&](Session& s) -> Result<void> {
    const auto project = Must(testing::InsertProjectRow(s, kCommunity, "公告项目"));
    const auto e1 = AddEstate(s, kCommunity, "公告一区");
    const auto e2 = AddEstate(s, kCommunity, "公告二区");
    const auto b1 = AddBuilding(s, e1, kCommunity, "3号楼");
    const auto b2 = AddBuilding(s, e2, kCommunity, "A");
    const auto cut = Step(s, project, "E1.B01.connect", "B01", e1, 1, "water", 1);
    const auto lay = Step(s, project, "E1.B01.lay", "B01", e1, 5, std::nullopt, 0);
    Must(s.Exec("INSERT INTO construction_step_building (step_id, building_id) VALUES (?, ?), (?, ?), (?, ?)",
                {Int(cut), Int(b1), Int(cut), Int(b2), Int(lay), Int(b1)}));
    EXPECT_FALSE(Must(NoticeRepository::CurrentSchedule(s, project)).has_value());
    const auto old = Schedule(s, project, "2026-04-01");
    Scheduled(s, old, "E1.B01.connect", "2026-04-05", "2026-04-05");
    const auto current = Schedule(s, project, "2026-05-01");
    Scheduled(s, current, "E1.B01.lay", "2026-05-01", "2026-05-05");
    Scheduled(s, current, "E1.B01.connect", "2026-05-06", "2026-05-06");
    auto cur = Must(NoticeRepository::CurrentSchedule(s, project));
    EXPECT_EQ(cur->id, current);
    EXPECT_EQ(cur->start_on, "2026-05-01");

    auto rows = Must(NoticeRepository::Disruptions(s, project, current, std::nullopt));
    EXPECT_EQ(rows.size(), 2u);  // the cut × two buildings; the lay step disrupts nothing
    EXPECT_EQ(rows[0].step_code, "E1.B01.connect");
    EXPECT_EQ(rows[0].kind, "water");
    EXPECT_EQ(rows[0].start_on, "2026-05-06");
    EXPECT_EQ(rows[0].estate_name, "公告一区");
    EXPECT_EQ(rows[0].building_number, "3号楼");
    EXPECT_EQ(rows[1].estate_id, e2);
    auto only = Must(NoticeRepository::Disruptions(s, project, current, e2));
    EXPECT_EQ(only.size(), 1u);
    EXPECT_EQ(only[0].building_number, "A");

    auto steps = Must(NoticeRepository::ScheduledSteps(s, project, current));
    EXPECT_EQ(steps.size(), 2u);
    EXPECT_EQ(steps[0].code, "E1.B01.lay");
    EXPECT_EQ(steps[0].estate_id.value_or(0), e1);
    EXPECT_EQ(steps[1].end_on, "2026-05-06");
    EXPECT_EQ(Must(NoticeRepository::StepsTouchingEstate(s, project, e2)), std::vector<std::int64_t>{cut});
    EXPECT_EQ(Must(NoticeRepository::Estate(s, e2))->name, "公告二区");
    EXPECT_FALSE(Must(NoticeRepository::Estate(s, e2 + 1000)).has_value());
    return Ok();
  });
}

INSTANTIATE_TEST_SUITE_P(Sqlite, WorksContract, ::testing::Values("sqlite"));
INSTANTIATE_TEST_SUITE_P(Postgres, WorksContract, ::testing::Values("postgres"));

}  // namespace
}  // namespace huanxin::store::contract
