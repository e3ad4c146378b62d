// Contract suite of the assessment repository (src/store/assessment/assessment_repository) on SQLite
// and PostgreSQL: the aggregates grouped by street (an estate in two projects once, reserve
// projects out, the region prefix's boundary, tickets by due time, closed orders by date), the duty
// matrix replaced in order, meetings and action items read back exactly with NULLs and unicode,
// newest first with paging, deleted together, and annual scores upserted.
#include <gtest/gtest.h>

#include "contract/contract_fixture.hpp"
#include "store/assessment/assessment_repository.hpp"
#include "testing/project_rows.hpp"

namespace huanxin::store::contract {
namespace {

using Repo = AssessmentRepository;

class AssessmentContract : public ContractTest {
 protected:
  static ProgrammeQuery Q(const std::string& prefix) {
    return {prefix, 2026, {"planned", "started", "completed"}, {"started", "completed"}, {"completed"}};
  }
  std::int64_t Project(Session& s, const std::string& region, const std::string& status, std::vector<std::int64_t> estates,
                       const std::string& estate_region) {
    const auto id = Must(testing::InsertProjectRow(s, region, "项目" + std::to_string(++n_)));
    Must(s.Exec("UPDATE project SET status = ? WHERE id = ?", {Str(status), Int(id)}));
    for (auto e : estates)
      Must(s.Exec("INSERT INTO project_estate (project_id, estate_id, region_code) VALUES (?, ?, ?)",
                  {Int(id), Int(e), Str(estate_region)}));
    return id;
  }
  int n_ = 0;
};

TEST_P(AssessmentContract, ProgrammeByStreetCountsEachEstateOnce) {
  if (IsSkipped()) return;
  Put([&](Session& s) -> Result<int> {
    const auto a = AddEstate(s, "360104002001", "甲小区"), b = AddEstate(s, "360104002001", "乙小区"),
               c = AddEstate(s, "360104006001", "丙小区"), d = AddEstate(s, "360103001001", "邻区小区");
    const auto p1 = Project(s, "360104002", "started", {a, b}, "360104002001");
    Project(s, "360104002", "planned", {a}, "360104002001");  // a again: counts once, started
    Project(s, "360104006", "completed", {c}, "360104006001");
    Project(s, "360104006", "reserve", {c}, "360104006001");  // reserve: not in the plan
    Project(s, "360103001", "started", {d}, "360103001001");  // another county
    Must(s.Exec("INSERT INTO project_transition (project_id, from_status, to_status, actor_id, at) VALUES (?, 'permitted', 'started', 0, ?)",
                {Int(p1), Str("2026-03-10T02:00:00.000Z")}));
    return 0;
  });
  auto rows = Get([&](Session& s) { return Repo::Programme(s, Q("360104")); });
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].street, "360104002");
  EXPECT_EQ(rows[0].planned, 2);
  EXPECT_EQ(rows[0].started, 2);
  EXPECT_EQ(rows[0].completed, 0);
  EXPECT_EQ(rows[1].street, "360104006");
  EXPECT_EQ(rows[1].planned, 1);
  EXPECT_EQ(rows[1].completed, 1);
  EXPECT_EQ(Get([&](Session& s) { return Repo::Programme(s, Q("36010400")); }).size(), 2u);
  EXPECT_TRUE(Get([&](Session& s) { return Repo::Programme(s, Q("3601049")); }).empty());
  // As of a date: only p1's transition to started, at 2026-03-10.
  auto before = Get([&](Session& s) { return Repo::ProgrammeAsOf(s, Q("360104002"), "started", "completed", "2026-03-10T02:00:00.000Z"); });
  ASSERT_EQ(before.size(), 1u);
  EXPECT_EQ(before[0].started, 0);
  auto after = Get([&](Session& s) { return Repo::ProgrammeAsOf(s, Q("360104002"), "started", "completed", "2026-03-10T02:00:00.001Z"); });
  EXPECT_EQ(after[0].started, 2);  // a and b are both p1's
}

TEST_P(AssessmentContract, FundsTicketsAndClosedOrders) {
  if (IsSkipped()) return;
  Put([&](Session& s) -> Result<int> {
    const auto a = AddEstate(s, "360104002001", "甲小区");
    const auto p = Project(s, "360104002", "started", {a}, "360104002001");
    const auto county = Project(s, "360104", "planned", {}, "360104");
    for (auto [proj, kind, fen] : {std::tuple{p, "received", 1000}, {p, "paid", 400}, {p, "committed", 5000}, {county, "received", 7}})
      Must(s.Exec("INSERT INTO fund_entry (project_id, region_code, year, source, kind, amount_fen, on_date, created_by, created_at) "
                  "VALUES (?, '360104', 2026, 'central_subsidy', ?, ?, '2026-05-01', 0, ?)",
                  {Int(proj), Str(kind), Int(fen), Str(kAt)}));
    return 0;
  });
  auto funds = Get([&](Session& s) { return Repo::Funds(s, Q("360104")); });
  ASSERT_EQ(funds.size(), 2u);
  EXPECT_EQ(funds[0].street, "360104");
  EXPECT_EQ(funds[0].received_fen, 7);
  EXPECT_EQ(funds[1].street, "360104002");
  EXPECT_EQ(funds[1].committed_fen, 5000);
  EXPECT_EQ(funds[1].received_fen, 1000);
  EXPECT_EQ(funds[1].paid_fen, 400);
  // No tickets and no orders: empty, not an error.
  EXPECT_TRUE(Get([&](Session& s) {
                return Repo::Tickets(s, "360104", "2025-12-31T16:00:00.000Z", "2026-12-31T16:00:00.000Z", kAt);
              }).empty());
  EXPECT_TRUE(Get([&](Session& s) { return Repo::ClosedOrders(s, "360104", "2026-01-01", "2026-12-31"); }).empty());
}

TEST_P(AssessmentContract, DutiesMeetingsActionsAndScores) {
  if (IsSkipped()) return;
  Put([&](Session& s) -> Result<int> {
    Must(Repo::ReplaceDuties(s, "360104", {{"", "finance", "财政局", "Finance", kTrickyText, "fund_execution", 0, kLargeId, kAt},
                                          {"", "housing", "住建局", "", "", "start_rate,completion_rate", 1, 1, kAt}}));
    return 0;
  });
  auto duties = Get([&](Session& s) { return Repo::Duties(s, "360104"); });
  ASSERT_EQ(duties.size(), 2u);
  EXPECT_EQ(duties[0].department, "finance");
  EXPECT_EQ(duties[0].task, kTrickyText);
  EXPECT_EQ(duties[0].updated_by, kLargeId);
  EXPECT_EQ(duties[1].kpis, "start_rate,completion_rate");
  Put([&](Session& s) -> Result<int> {
    Must(Repo::ReplaceDuties(s, "360104", {{"", "housing", "住建局", "", "", "", 0, 1, kAt}}));
    return 0;
  });
  EXPECT_EQ(Get([&](Session& s) { return Repo::Duties(s, "360104"); }).size(), 1u);
  EXPECT_TRUE(Get([&](Session& s) { return Repo::Duties(s, "3601040"); }).empty());

  const auto m1 = Put([&](Session& s) { return Repo::InsertMeeting(s, {0, "360104", "2026-11-01", "一", "housing,finance", kTrickyText, 5, kAt, kAt}); });
  const auto m2 = Put([&](Session& s) { return Repo::InsertMeeting(s, {0, "360104002", "2026-11-20", "二", "", "", 5, kAt, kAt}); });
  Put([&](Session& s) { return Repo::InsertMeeting(s, {0, "360103", "2026-12-01", "外区", "", "", 5, kAt, kAt}); });
  auto m = Get([&](Session& s) { return Repo::FindMeeting(s, m1); });
  ASSERT_TRUE(m);
  EXPECT_EQ(m->minutes, kTrickyText);
  EXPECT_EQ(m->attendees, "housing,finance");
  auto page = Get([&](Session& s) { return Repo::ListMeetings(s, "360104", 10, 0); });
  ASSERT_EQ(page.size(), 2u);
  EXPECT_EQ(page[0].id, m2);  // newest first
  EXPECT_EQ(Get([&](Session& s) { return Repo::ListMeetings(s, "360104", 1, 1); })[0].id, m1);
  EXPECT_EQ(Get([&](Session& s) { return Repo::CountMeetings(s, "360104"); }), 2);
  EXPECT_EQ(Get([&](Session& s) { return Repo::CountMeetings(s, ""); }), 3);

  const auto a1 = Put([&](Session& s) { return Repo::InsertAction(s, {0, m1, "360104", "督办一", "finance", "2026-11-30", "open", std::nullopt, 0, kAt}); });
  Put([&](Session& s) { return Repo::InsertAction(s, {0, m1, "360104", "督办二", "housing", "2026-12-30", "done", "2026-12-01", 1, kAt}); });
  auto acts = Get([&](Session& s) { return Repo::Actions(s, m1); });
  ASSERT_EQ(acts.size(), 2u);
  EXPECT_EQ(acts[0].done_on, std::nullopt);
  EXPECT_EQ(acts[1].done_on, "2026-12-01");
  auto a = *Get([&](Session& s) { return Repo::FindAction(s, a1); });
  a.status = "done";
  a.done_on = "2026-12-04";
  EXPECT_TRUE(Put([&](Session& s) { return Repo::UpdateAction(s, a); }));
  EXPECT_EQ(Get([&](Session& s) { return Repo::FindAction(s, a1); })->status, "done");
  EXPECT_EQ(Put([&](Session& s) { return Repo::DeleteMeeting(s, m1); }), 1);
  EXPECT_FALSE(Get([&](Session& s) { return Repo::FindAction(s, a1); }));
  EXPECT_FALSE(Get([&](Session& s) { return Repo::FindMeeting(s, m1); }));

  Put([&](Session& s) -> Result<int> {
    Must(Repo::PutScore(s, {"360104", 2026, "I05", "entered", 450, kTrickyText, 1, kAt}));
    Must(Repo::PutScore(s, {"360104", 2026, "I01", "computed", std::nullopt, "", 1, kAt}));
    Must(Repo::PutScore(s, {"360104", 2026, "I05", "entered", 500, "", 2, kAt}));  // replaces
    return 0;
  });
  auto scores = Get([&](Session& s) { return Repo::Scores(s, "360104", 2026); });
  ASSERT_EQ(scores.size(), 2u);
  EXPECT_EQ(scores[0].indicator, "I01");
  EXPECT_EQ(scores[0].points, std::nullopt);
  EXPECT_EQ(scores[1].points, 500);
  EXPECT_EQ(scores[1].updated_by, 2);
  EXPECT_TRUE(Get([&](Session& s) { return Repo::Scores(s, "360104", 2025); }).empty());
}

INSTANTIATE_TEST_SUITE_P(Sqlite, AssessmentContract, ::testing::Values("sqlite"));
INSTANTIATE_TEST_SUITE_P(Postgres, AssessmentContract, ::testing::Values("postgres"));

}  // namespace
}  // namespace huanxin::store::contract
