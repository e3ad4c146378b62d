// Contract suite of the supervision repository (src/store/supervision/supervision_repository) on
// SQLite and PostgreSQL: every function, exact values read back, NULLs, unicode, prefix
// boundaries, the escalation candidates and the quality register's join and search. Steps and
// project units are inserted with plain SQL (their repositories belong to other contexts).
#include <gtest/gtest.h>

#include "contract/contract_fixture.hpp"
#include "store/supervision/supervision_repository.hpp"
#include "testing/project_rows.hpp"

namespace huanxin::store::contract {
namespace {

using Repo = SupervisionRepository;
constexpr const char* kCommunity = "360104002001";

class SupervisionContract : public ContractTest {
 protected:
  static ResponsibleUnitRecord Unit(const std::string& region, const std::string& company) {
    return ResponsibleUnitRecord{0,        region, company, "contractor", "91360100MA35XXXX0A", kTrickyText,
                                 "0791-1", kAt,    {}};
  }
  static RectificationRecord Order(std::int64_t project, std::int64_t unit, std::int64_t user, const std::string& due,
                                   const std::string& region = kCommunity) {
    RectificationRecord o;
    o.project_id = project;
    o.region_code = region;
    o.unit_id = unit;
    o.finding = kTrickyText;
    o.photo_file_ids = {};
    o.issued_on = "2026-03-02";
    o.working_days = 3;
    o.due_on = due;
    o.status = "open";
    o.issued_by = user;
    o.created_at = kAt;
    return o;
  }
};

TEST_P(SupervisionContract, UnitsRoundTripAndListInsideTheRegionAndAtItsAncestors) {
  if (IsSkipped()) return;
  auto ids = Put([&](Session& s) -> Result<std::vector<std::int64_t>> {
    std::vector<std::int64_t> out;
    for (auto [region, company] : {std::pair{"360104002001", "甲施工"}, {"360104002", "乙监理"}, {"3601", "水业集团"},
                                   {"360104002002", "邻社区"}, {"360104006001", "他街道"}})
      out.push_back(Must(Repo::InsertUnit(s, Unit(region, company))));
    return out;
  });
  auto found = Get([&](Session& s) { return Repo::FindUnit(s, ids[0]); });
  ASSERT_TRUE(found);
  EXPECT_EQ(found->company, "甲施工");
  EXPECT_EQ(found->contact, kTrickyText);
  EXPECT_EQ(found->credit_code, "91360100MA35XXXX0A");
  EXPECT_EQ(found->created_at, kAt);
  EXPECT_FALSE(Get([&](Session& s) { return Repo::FindUnit(s, kMaxId); }));
  std::set<std::string> companies;
  for (const auto& u : Get([&](Session& s) { return Repo::Units(s, "360104002001"); })) companies.insert(u.company);
  // Inside the community, or at its street or city; not the neighbouring community or another street.
  EXPECT_EQ(companies, (std::set<std::string>{"甲施工", "乙监理", "水业集团"}));
  EXPECT_EQ(Get([&](Session& s) { return Repo::Units(s, ""); }).size(), 5u);
}

TEST_P(SupervisionContract, UnitAccountsAreKeptAndFoundByUser) {
  if (IsSkipped()) return;
  std::int64_t a = 0, b = 0, lone = 0;
  auto unit = Put([&](Session& s) -> Result<std::int64_t> {
    a = AddUser(s, "unit.a", kCommunity, "contractor");
    b = AddUser(s, "unit.b", kCommunity, "utility");
    lone = AddUser(s, "unit.lone", kCommunity, "contractor");
    auto u = Unit(kCommunity, "甲施工");
    u.user_ids = {b, a};
    Must(Repo::InsertUnit(s, Unit(kCommunity, "乙施工")));
    return Repo::InsertUnit(s, u);
  });
  auto found = Get([&](Session& s) { return Repo::FindUnit(s, unit); });
  ASSERT_TRUE(found);
  EXPECT_EQ(found->user_ids, (std::vector<std::int64_t>{std::min(a, b), std::max(a, b)}));
  EXPECT_EQ(Get([&](Session& s) { return Repo::UnitsOfUser(s, a); }), std::vector<std::int64_t>{unit});
  EXPECT_TRUE(Get([&](Session& s) { return Repo::UnitsOfUser(s, lone); }).empty());
  for (const auto& u : Get([&](Session& s) { return Repo::Units(s, kCommunity); }))
    EXPECT_EQ(u.user_ids.size(), u.id == unit ? 2u : 0u);
}

TEST_P(SupervisionContract, SupervisorsKeepTheirAssignments) {
  if (IsSkipped()) return;
  auto id = Put([&](Session& s) -> Result<std::int64_t> {
    const auto estate = AddEstate(s, kCommunity, "洪都新村");
    const auto project = Must(testing::InsertProjectRow(s, kCommunity, "项目"));
    const auto user = AddUser(s, "sup.contract", kCommunity, "supervisor");
    SupervisorRecord r{0, kCommunity, kTrickyText, "construction_supervisor", "139", "退休职工", user, kAt, {estate}, {project}};
    Must(Repo::InsertSupervisor(s, SupervisorRecord{0, "360104006001", "他处", "volunteer", "", "", std::nullopt, kAt, {}, {}}));
    return Repo::InsertSupervisor(s, r);
  });
  auto list = Get([&](Session& s) { return Repo::Supervisors(s, "360104002"); });
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].id, id);
  EXPECT_EQ(list[0].name, kTrickyText);
  EXPECT_TRUE(list[0].user_id);
  EXPECT_EQ(list[0].estate_ids.size(), 1u);
  EXPECT_EQ(list[0].project_ids.size(), 1u);
  auto other = Get([&](Session& s) { return Repo::Supervisors(s, "360104006"); });
  ASSERT_EQ(other.size(), 1u);
  EXPECT_FALSE(other[0].user_id);
  EXPECT_TRUE(other[0].estate_ids.empty());
}

TEST_P(SupervisionContract, InspectionsWithFindingsAndTheClientId) {
  if (IsSkipped()) return;
  EXPECT_EQ(Get([&](Session& s) { return Repo::Checklist(s); }).size(), 6u);
  std::int64_t project = 0, user = 0;
  auto id = Put([&](Session& s) -> Result<std::int64_t> {
    project = Must(testing::InsertProjectRow(s, kCommunity, "项目"));
    user = AddUser(s, "insp.contract", kCommunity, "supervisor");
    InspectionRecord r;
    r.project_id = project;
    r.region_code = kCommunity;
    r.client_id = "phone-1";
    r.inspected_at = kAt;
    r.lat_micro = -28635120;
    r.lng_micro = kLargeId;
    r.place = kTrickyText;
    r.inspected_by = user;
    r.created_at = kAt;
    r.findings = {FindingRecord{0, 0, kCommunity, "safety", kTrickyText, {3, 5}, 0},
                  FindingRecord{0, 0, kCommunity, "materials", "无合格证", {}, 1}};
    Must(Repo::InsertInspection(s, InspectionRecord{0, project, kCommunity, std::nullopt, std::nullopt, kAt, std::nullopt,
                                                    std::nullopt, "", "", user, "", kAt, {}}));
    return Repo::InsertInspection(s, r);
  });
  auto got = Get([&](Session& s) { return Repo::FindInspectionByClientId(s, project, "phone-1"); });
  ASSERT_TRUE(got);
  EXPECT_EQ(got->id, id);
  EXPECT_EQ(got->lat_micro, -28635120);
  EXPECT_EQ(got->lng_micro, kLargeId);
  EXPECT_EQ(got->place, kTrickyText);
  EXPECT_FALSE(got->step_code);
  EXPECT_EQ(got->inspected_by_name, "测试 insp.contract");
  ASSERT_EQ(got->findings.size(), 2u);
  EXPECT_EQ(got->findings[0].photo_file_ids, (std::vector<std::int64_t>{3, 5}));
  EXPECT_EQ(got->findings[1].item_code, "materials");
  EXPECT_FALSE(Get([&](Session& s) { return Repo::FindInspectionByClientId(s, project, "phone-2"); }));
  EXPECT_EQ(Get([&](Session& s) { return Repo::Inspections(s, project); }).size(), 2u);
  auto finding = Get([&](Session& s) { return Repo::FindFinding(s, got->findings[0].id); });
  ASSERT_TRUE(finding);
  EXPECT_EQ(finding->second, project);
  // The same clientId on the same project is refused by the store.
  auto e = Refused([&](Session& s) -> Result<void> {
    InspectionRecord again = *got;
    again.findings.clear();
    auto r = Repo::InsertInspection(s, again);
    if (!r) return std::move(r).error();
    return Ok();
  });
  EXPECT_EQ(e.reason, "store.duplicate");
}

TEST_P(SupervisionContract, OrdersFiltersUpdatesEventsAndEscalationCandidates) {
  if (IsSkipped()) return;
  std::int64_t project = 0, unit = 0, user = 0;
  std::vector<std::int64_t> ids;
  Put([&](Session& s) -> Result<void> {
    project = Must(testing::InsertProjectRow(s, kCommunity, "项目"));
    unit = Must(Repo::InsertUnit(s, Unit("360104002", "甲施工")));
    user = AddUser(s, "order.contract", kCommunity);
    ids.push_back(Must(Repo::InsertOrder(s, Order(project, unit, user, "2026-03-05"))));
    ids.push_back(Must(Repo::InsertOrder(s, Order(project, unit, user, "2026-03-10"))));
    auto closed = Order(project, unit, user, "2026-03-01");
    closed.status = "closed";
    ids.push_back(Must(Repo::InsertOrder(s, closed)));
    const auto other = Must(testing::InsertProjectRow(s, "360104006001", "他处"));
    ids.push_back(Must(Repo::InsertOrder(s, Order(other, unit, user, "2026-03-01", "360104006001"))));
    return Ok();
  });
  auto o = Get([&](Session& s) { return Repo::FindOrder(s, ids[0]); });
  ASSERT_TRUE(o);
  EXPECT_EQ(o->finding, kTrickyText);
  EXPECT_EQ(o->unit_company, "甲施工");
  EXPECT_EQ(o->issued_by_name, "测试 order.contract");
  EXPECT_FALSE(o->finding_id);
  EXPECT_FALSE(o->reply_note);
  EXPECT_EQ(o->level, 0);

  RectificationFilter f;
  f.region_prefix = "360104002";
  EXPECT_EQ(Get([&](Session& s) { return Repo::Orders(s, f); }).size(), 3u);
  f.status = "open";
  auto open = Get([&](Session& s) { return Repo::Orders(s, f); });
  ASSERT_EQ(open.size(), 2u);
  EXPECT_EQ(open[0].id, ids[1]);  // newest first
  f.unit_id = kMaxId;
  EXPECT_TRUE(Get([&](Session& s) { return Repo::Orders(s, f); }).empty());
  EXPECT_EQ(Get([&](Session& s) { return Repo::CountOrders(s, f); }), 0);

  // Overdue on a day: not closed and due strictly before it; counted, paged newest first.
  f = RectificationFilter{};
  f.region_prefix = "360104002";
  f.overdue_on = "2026-03-10";
  EXPECT_EQ(Get([&](Session& s) { return Repo::CountOrders(s, f); }), 1);  // due 03-05; 03-10 is not late yet
  f.overdue_on = "2026-03-11";
  EXPECT_EQ(Get([&](Session& s) { return Repo::CountOrders(s, f); }), 2);  // the closed one never
  f.limit = 1;
  f.offset = 1;
  auto second = Get([&](Session& s) { return Repo::Orders(s, f); });
  ASSERT_EQ(second.size(), 1u);
  EXPECT_EQ(second[0].id, ids[0]);
  EXPECT_EQ(Get([&](Session& s) { return Repo::CountOrders(s, f); }), 2);  // the count ignores the page
  f = RectificationFilter{};
  f.region_prefix = "360104002";
  auto counts = Get([&](Session& s) { return Repo::Counts(s, f, "2026-03-06"); });
  EXPECT_EQ(counts.open, 2);
  EXPECT_EQ(counts.replied, 0);
  EXPECT_EQ(counts.overdue, 1);
  EXPECT_EQ(counts.street_level + counts.bureau_level, 0);

  // Candidates: not closed, level < 2, due before the day, inside the prefix.
  auto c = Get([&](Session& s) { return Repo::OverdueCandidates(s, "360104002", "2026-03-06"); });
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].id, ids[0]);
  EXPECT_TRUE(Get([&](Session& s) { return Repo::OverdueCandidates(s, "360104002", "2026-03-05"); }).empty());

  // Update and events.
  o->status = "replied";
  o->level = 2;
  o->reworks = 1;
  o->reply_note = kTrickyText;
  o->reply_photo_file_ids = {kLargeId};
  o->replied_at = kAt;
  Put([&](Session& s) -> Result<void> {
    if (auto r = Repo::UpdateOrder(s, *o); !r) return r;
    Must(Repo::InsertEvent(s, RectificationEventRecord{0, o->id, kCommunity, "escalated", 2, "", {}, std::nullopt,
                                                       std::nullopt, "", kAt}));
    Must(Repo::InsertEvent(s, RectificationEventRecord{0, o->id, kCommunity, "replied", std::nullopt, kTrickyText,
                                                       {7}, std::string("R1"), user, "", kAt}));
    return Ok();
  });
  auto back = Get([&](Session& s) { return Repo::FindOrder(s, ids[0]); });
  EXPECT_EQ(back->status, "replied");
  EXPECT_EQ(back->level, 2);
  EXPECT_EQ(back->reworks, 1);
  EXPECT_EQ(back->reply_note, kTrickyText);
  EXPECT_EQ(back->reply_photo_file_ids, std::vector<std::int64_t>{kLargeId});
  EXPECT_FALSE(back->closed_on);
  EXPECT_TRUE(Get([&](Session& s) { return Repo::OverdueCandidates(s, "360104002", "2026-12-31"); }).size() == 1u);
  // Raising: only upwards, and only once.
  EXPECT_TRUE(Put([&](Session& s) { return Repo::RaiseLevel(s, ids[1], 1); }));
  EXPECT_FALSE(Put([&](Session& s) { return Repo::RaiseLevel(s, ids[1], 1); }));
  EXPECT_FALSE(Put([&](Session& s) { return Repo::RaiseLevel(s, ids[0], 1); }));  // at 2 already
  EXPECT_EQ(Get([&](Session& s) { return Repo::FindOrder(s, ids[1]); })->level, 1);
  f = RectificationFilter{};
  f.level = 2;
  EXPECT_EQ(Get([&](Session& s) { return Repo::Orders(s, f); }).size(), 1u);
  auto events = Get([&](Session& s) { return Repo::Events(s, ids[0]); });
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].level, 2);
  EXPECT_FALSE(events[0].by_user);
  EXPECT_EQ(events[1].note, kTrickyText);
  EXPECT_EQ(events[1].step_code, "R1");
  EXPECT_EQ(events[1].by_name, "测试 order.contract");
  EXPECT_EQ(events[1].photo_file_ids, std::vector<std::int64_t>{7});
}

TEST_P(SupervisionContract, TheQualityRegisterJoinsStepsAndUnitsAndSearches) {
  if (IsSkipped()) return;
  std::int64_t project = 0;
  Put([&](Session& s) -> Result<void> {
    project = Must(testing::InsertProjectRow(s, kCommunity, "洪都项目"));
    int position = 0;
    for (auto [code, item] : {std::pair{"R1", "B12"}, {"W1", "B01"}})
      Must(s.Exec("INSERT INTO construction_step (project_id, region_code, code, name, item_code, duration_days, crew_type, "
                  "crew_count, position, created_at) VALUES (?, ?, ?, ?, ?, 3, 'pipe', 1, ?, ?)",
                  {Int(project), Str(kCommunity), Str(code), Str(std::string("工序") + code), Str(item), Int(position++), Str(kAt)}));
    for (auto [role, company, contact] : {std::tuple{"design", "设计院", "王工"}, {"construction", "三建", "刘经理"},
                                          {"supervision", "中昌监理", "陈总监"}, {"material", "建材", "周经理"}})
      Must(s.Exec("INSERT INTO project_unit (project_id, role, company, contact, updated_at) VALUES (?, ?, ?, ?, ?)",
                  {Int(project), Str(role), Str(company), Str(contact), Str(kAt)}));
    return Ok();
  });
  auto all = Get([&](Session& s) { return Repo::QualityRegister(s, project, std::nullopt, std::nullopt); });
  ASSERT_EQ(all.size(), 6u);  // 2 steps × design, construction, supervision (not material)
  EXPECT_EQ(all[0].step_code, "R1");
  EXPECT_EQ(all[0].project_name, "洪都项目");
  auto roofing = Get([&](Session& s) { return Repo::QualityRegister(s, project, std::string("B12"), std::nullopt); });
  EXPECT_EQ(roofing.size(), 3u);
  auto search = Get([&](Session& s) { return Repo::QualityRegister(s, project, std::nullopt, std::string("陈总")); });
  ASSERT_EQ(search.size(), 2u);
  EXPECT_EQ(search[0].role, "supervision");
  EXPECT_TRUE(Get([&](Session& s) { return Repo::QualityRegister(s, kMaxId, std::nullopt, std::nullopt); }).empty());
}

INSTANTIATE_TEST_SUITE_P(Sqlite, SupervisionContract, ::testing::Values("sqlite"));
INSTANTIATE_TEST_SUITE_P(Postgres, SupervisionContract, ::testing::Values("postgres"));

}  // namespace
}  // namespace huanxin::store::contract
