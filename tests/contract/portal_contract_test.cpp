// Contract suite of the portal's reads (src/store/portal) and the published audit heads
// (src/store/audit/published_head_repository) on SQLite and PostgreSQL: region prefixes and paging,
// each estate's latest project (an accepted project counts as accepted), money by source, objections
// without their senders, problems never at a dwelling, acceptance and ratings counted, statistics,
// the open-data rows, and heads kept once published. Other contexts' rows are inserted with plain
// SQL (their repositories belong to them).
#include <gtest/gtest.h>

#include "contract/contract_fixture.hpp"
#include "store/audit/published_head_repository.hpp"
#include "store/portal/portal_repository.hpp"
#include "testing/project_rows.hpp"

namespace huanxin::store::contract {
namespace {

using Repo = PortalRepository;
constexpr const char* kHongdu = "360104002001";
constexpr const char* kJingshan = "360104006001";

class PortalContract : public ContractTest {
 protected:
  struct Place {
    std::int64_t estate = 0, other = 0, building = 0, dwelling = 0, project = 0, older = 0;
  };
  Place Make() {
    return Put([&](Session& s) -> Result<Place> {
      Place p;
      p.estate = AddEstate(s, kHongdu, "门户小区");
      p.other = AddEstate(s, kJingshan, "京山小区");
      p.building = AddBuilding(s, p.estate, kHongdu, "3");
      p.dwelling = AddDwelling(s, p.building, p.estate, kHongdu, 1, 2, "201", 6000);
      AddDwelling(s, p.building, p.estate, kHongdu, 1, 3, "301", 6000);
      p.older = Must(testing::InsertProjectRow(s, kHongdu, "旧项目"));
      Must(s.Exec("UPDATE project SET year = 2024, status = 'reserve' WHERE id = ?", {Int(p.older)}));
      p.project = Must(testing::InsertProjectRow(s, kHongdu, "门户项目"));
      Must(s.Exec("UPDATE project SET status = 'started' WHERE id = ?", {Int(p.project)}));
      for (auto id : {p.older, p.project})
        Must(s.Exec("INSERT INTO project_estate (project_id, estate_id, region_code) VALUES (?, ?, ?)",
                    {Int(id), Int(p.estate), Str(kHongdu)}));
      for (auto [source, kind, fen] : {std::tuple{"central_subsidy", "committed", 1000000}, std::tuple{"central_subsidy", "paid", 400000},
                                       std::tuple{"central_subsidy", "paid", 100001}, std::tuple{"local_fiscal", "received", 777}})
        Must(s.Exec("INSERT INTO fund_entry (project_id, region_code, year, source, kind, amount_fen, on_date, created_by, created_at) "
                    "VALUES (?, ?, 2026, ?, ?, ?, '2026-05-01', 0, ?)",
                    {Int(p.project), Str(kHongdu), Str(source), Str(kind), Int(fen), Str(kAt)}));
      auto notice = Must(InsertReturningId(s, "INSERT INTO publicity_notice (project_id, region_code, kind, current_version, created_by, created_at) "
                                              "VALUES (?, ?, 'plan', 1, 0, ?) RETURNING id",
                                           {Int(p.project), Str(kHongdu), Str(kAt)}));
      Must(s.Exec("INSERT INTO publicity_version (notice_id, version, title, body, starts_on, working_days, ends_on, created_by, created_at) "
                  "VALUES (?, 1, '方案公示', ?, '2026-03-02', 5, '2026-03-09', 0, ?)",
                  {Int(notice), Str(kTrickyText), Str(kAt)}));
      Must(s.Exec("INSERT INTO publicity_objection (notice_id, version, content, name, phone, client_key, received_at) "
                  "VALUES (?, 1, '停车位太少', '张三丰', '13900001111', 'k', '2026-03-03T17:00:00.000Z')",
                  {Int(notice)}));
      Must(s.Exec("INSERT INTO ticket (code, category_id, region_code, estate_id, channel, content, status, department, "
                  "handler_region_code, rating, received_at, due_at, updated_at) VALUES "
                  "('T1', (SELECT MIN(id) FROM ticket_category), ?, ?, 'h5', 'x', 'closed', 'd', ?, 4, ?, ?, ?), "
                  "('T2', (SELECT MIN(id) FROM ticket_category), ?, ?, 'h5', 'x', 'closed', 'd', ?, 4, ?, ?, ?), "
                  "('T3', (SELECT MIN(id) FROM ticket_category), ?, ?, 'h5', 'x', 'submitted', 'd', ?, NULL, ?, ?, ?)",
                  {Str(kHongdu), Int(p.estate), Str(kHongdu), Str(kAt), Str(kAt), Str(kAt), Str(kHongdu), Int(p.estate), Str(kHongdu),
                   Str(kAt), Str(kAt), Str(kAt), Str(kHongdu), Int(p.estate), Str(kHongdu), Str(kAt), Str(kAt), Str(kAt)}));
      return p;
    });
  }
};

TEST_P(PortalContract, EstatesByPrefixWithTheirLatestProject) {
  if (IsSkipped()) return;
  auto p = Make();
  std::int64_t total = 0;
  auto all = Get([&](Session& s) { return Repo::Estates(s, "", -1, 0, total); });
  EXPECT_EQ(total, 2);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].id, p.estate);
  EXPECT_EQ(all[0].buildings, 1);
  EXPECT_EQ(all[0].households, 2);
  EXPECT_EQ(all[0].project_id, p.project);
  EXPECT_EQ(all[0].project_status, "started");
  EXPECT_FALSE(all[1].project_id);
  auto js = Get([&](Session& s) { return Repo::Estates(s, "360104006", 10, 0, total); });
  EXPECT_EQ(total, 1);
  ASSERT_EQ(js.size(), 1u);
  EXPECT_EQ(js[0].id, p.other);
  auto second = Get([&](Session& s) { return Repo::Estates(s, "3601", 1, 1, total); });
  ASSERT_EQ(second.size(), 1u);
  EXPECT_EQ(second[0].id, p.other);
  EXPECT_FALSE(Get([&](Session& s) { return Repo::Estate(s, 999999); }));

  // A completion acceptance recorded makes the project count as accepted.
  Put([&](Session& s) -> Result<bool> {
    Must(s.Exec("INSERT INTO completion_acceptance (project_id, region_code, accepted_on, points, max_points, recorded_by, created_at) "
                "VALUES (?, ?, '2026-10-01', 14, 15, 0, ?)",
                {Int(p.project), Str(kHongdu), Str(kAt)}));
    Must(s.Exec("INSERT INTO household_acceptance (project_id, dwelling_id, work, estate_id, region_code, result, reason, recorded_by, recorded_at) "
                "VALUES (?, ?, 'windows', ?, ?, 'refused', '渗水', 0, ?)",
                {Int(p.project), Int(p.dwelling), Int(p.estate), Str(kHongdu), Str(kAt)}));
    return true;
  });
  auto e = Get([&](Session& s) { return Repo::Estate(s, p.estate); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->project_status, "accepted");
  auto acc = Get([&](Session& s) { return Repo::Acceptance(s, p.estate); });
  ASSERT_EQ(acc.size(), 1u);
  EXPECT_EQ(acc[0].accepted_on, "2026-10-01");
  EXPECT_EQ(acc[0].points, 14);
  EXPECT_EQ(acc[0].households_accepted, 0);
  EXPECT_EQ(acc[0].households_refused, 1);
  auto projects = Get([&](Session& s) { return Repo::Projects(s, p.estate); });
  ASSERT_EQ(projects.size(), 2u);
  EXPECT_EQ(projects[0].id, p.project);  // newest first
  EXPECT_EQ(projects[0].accepted_on, "2026-10-01");
}

TEST_P(PortalContract, MoneyObjectionsAndRatingsOfAnEstate) {
  if (IsSkipped()) return;
  auto p = Make();
  auto money = Get([&](Session& s) { return Repo::Money(s, p.estate); });
  ASSERT_EQ(money.size(), 2u);
  EXPECT_EQ(money[0].source, "central_subsidy");
  EXPECT_EQ(money[0].committed_fen, 1000000);
  EXPECT_EQ(money[0].paid_fen, 500001);
  EXPECT_EQ(money[1].received_fen, 777);
  EXPECT_TRUE(Get([&](Session& s) { return Repo::Money(s, p.other); }).empty());
  auto notices = Get([&](Session& s) { return Repo::Notices(s, p.estate); });
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_EQ(notices[0].body, kTrickyText);
  auto objections = Get([&](Session& s) { return Repo::Objections(s, p.estate); });
  ASSERT_EQ(objections.size(), 1u);
  EXPECT_EQ(objections[0].content, "停车位太少");
  EXPECT_FALSE(objections[0].answer);
  EXPECT_EQ(objections[0].notice_id, notices[0].id);
  auto ratings = Get([&](Session& s) { return Repo::Ratings(s, p.estate); });
  EXPECT_EQ(ratings, (std::vector<std::int64_t>{0, 0, 0, 2, 0}));
}

TEST_P(PortalContract, ProblemsAtTheEstateOrABuildingNeverADwelling) {
  if (IsSkipped()) return;
  auto p = Make();
  Put([&](Session& s) -> Result<bool> {
    auto checkup = Must(InsertReturningId(s, "INSERT INTO checkup (title, year, region_code, catalog_id, created_by, created_at, updated_at) "
                                             "VALUES ('体检', 2026, '360104002', 1, 0, ?, ?) RETURNING id",
                                          {Str(kAt), Str(kAt)}));
    int n = 0;
    for (auto [building, dwelling, indicator, severity] :
         {std::tuple<std::optional<std::int64_t>, std::optional<std::int64_t>, const char*, const char*>{std::nullopt, std::nullopt, "C18", "problem"},
          {p.building, std::nullopt, "C17", "hazard"},
          {p.building, p.dwelling, "C19", "problem"},
          {std::nullopt, std::nullopt, "C20", nullptr}})
      Must(s.Exec("INSERT INTO checkup_observation (checkup_id, estate_id, region_code, client_id, building_id, dwelling_id, indicator, "
                  "criterion, observed_at, object_key, severity, user_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'x', ?, ?, ?, 0, ?, ?)",
                  {Int(checkup), Int(p.estate), Str(kHongdu), Str("c" + std::to_string(++n)), OptInt(building), OptInt(dwelling),
                   Str(indicator), Str(kAt), Str("e:" + std::to_string(n)), severity ? Str(severity) : Null(), Str(kAt), Str(kAt)}));
    return true;
  });
  auto problems = Get([&](Session& s) { return Repo::Problems(s, p.estate); });
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].indicator_code, "C17");
  EXPECT_EQ(problems[0].building, "3");
  EXPECT_EQ(problems[1].indicator_code, "C18");
  EXPECT_FALSE(problems[1].building);
  EXPECT_FALSE(problems[1].indicator_zh.empty());
}

TEST_P(PortalContract, StatisticsAndOpenDataRows) {
  if (IsSkipped()) return;
  auto p = Make();
  auto all = Get([&](Session& s) { return Repo::Stats(s, "", std::nullopt); });
  EXPECT_EQ(all.estates, 2);
  EXPECT_EQ(all.households, 2);
  EXPECT_EQ(all.planned, 1);
  EXPECT_EQ(all.started, 1);
  EXPECT_EQ(all.completed, 0);
  EXPECT_EQ(all.tickets_received, 3);
  EXPECT_EQ(all.tickets_closed, 2);
  ASSERT_EQ(all.money.size(), 2u);
  EXPECT_EQ(all.money[0].paid_fen, 500001);
  auto y2024 = Get([&](Session& s) { return Repo::Stats(s, "", std::int64_t{2024}); });
  EXPECT_EQ(y2024.planned, 1);
  EXPECT_EQ(y2024.started, 0);
  EXPECT_TRUE(y2024.money.empty());
  auto js = Get([&](Session& s) { return Repo::Stats(s, "360104006", std::nullopt); });
  EXPECT_EQ(js.estates, 1);
  EXPECT_EQ(js.planned, 0);
  EXPECT_EQ(js.tickets_received, 0);

  auto funding = Get([](Session& s) { return Repo::Funding(s); });
  ASSERT_EQ(funding.size(), 2u);
  EXPECT_EQ(funding[0].project_id, p.project);
  EXPECT_EQ(funding[0].paid_fen, 500001);
  auto projects = Get([](Session& s) { return Repo::AllProjects(s); });
  ASSERT_EQ(projects.size(), 2u);
  EXPECT_EQ(projects[0].second, std::to_string(p.estate));
  Put([&](Session& s) -> Result<bool> {
    Must(s.Exec("INSERT INTO project_estate (project_id, estate_id, region_code) VALUES (?, ?, ?)",
                {Int(p.project), Int(p.other), Str(kJingshan)}));
    return true;
  });
  projects = Get([](Session& s) { return Repo::AllProjects(s); });
  EXPECT_EQ(projects[1].second, std::to_string(p.estate) + " " + std::to_string(p.other));
  EXPECT_TRUE(Get([](Session& s) { return Repo::AllRectifications(s); }).empty());
}

TEST_P(PortalContract, PublishedHeadsAreKeptOncePublished) {
  if (IsSkipped()) return;
  const std::string h1(64, 'a'), h2(64, 'b');
  EXPECT_TRUE(Put([&](Session& s) { return PublishedHeadRepository::Publish(s, {"2026-12-03", 7, h1}, kAt); }));
  EXPECT_FALSE(Put([&](Session& s) { return PublishedHeadRepository::Publish(s, {"2026-12-03", 9, h2}, kAt); }));
  EXPECT_TRUE(Put([&](Session& s) { return PublishedHeadRepository::Publish(s, {"2026-12-01", 5, h2}, kAt); }));
  auto heads = Get([](Session& s) { return PublishedHeadRepository::List(s); });
  ASSERT_EQ(heads.size(), 2u);
  EXPECT_EQ(heads[0].on, "2026-12-01");
  EXPECT_EQ(heads[1].on, "2026-12-03");
  EXPECT_EQ(heads[1].seq, 7);
  EXPECT_EQ(heads[1].hash, h1);
}

INSTANTIATE_TEST_SUITE_P(Sqlite, PortalContract, ::testing::Values("sqlite"));
INSTANTIATE_TEST_SUITE_P(Postgres, PortalContract, ::testing::Values("postgres"));

}  // namespace
}  // namespace huanxin::store::contract
