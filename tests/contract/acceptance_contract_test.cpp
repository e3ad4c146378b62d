// Contract suite of the acceptance repository (src/store/acceptance/acceptance_repository) on SQLite
// and PostgreSQL: every function, exact values read back, NULLs, unicode, replacing upserts, the
// one-acceptance-per-project key, accepted projects of an estate newest first, and the builder's
// responsible unit chosen by company at the project's region or its nearest ancestor. Projects,
// their estates and units and responsible units are inserted with plain SQL (their repositories
// belong to other contexts).
#include <gtest/gtest.h>

#include "contract/contract_fixture.hpp"
#include "store/acceptance/acceptance_repository.hpp"
#include "testing/project_rows.hpp"

namespace huanxin::store::contract {
namespace {

using Repo = AcceptanceRepository;
constexpr const char* kCommunity = "360104002001";

class AcceptanceContract : public ContractTest {
 protected:
  struct Place {
    std::int64_t estate = 0, building = 0, dwelling = 0, other_dwelling = 0, project = 0;
  };
  Place Make(const std::string& name = "验收小区") {
    return Put([&](Session& s) -> Result<Place> {
      Place p;
      p.estate = AddEstate(s, kCommunity, name);
      p.building = AddBuilding(s, p.estate, kCommunity, "3");
      p.dwelling = AddDwelling(s, p.building, p.estate, kCommunity, 1, 2, "201", 6000);
      const auto other_estate = AddEstate(s, kCommunity, name + "邻");
      const auto other_building = AddBuilding(s, other_estate, kCommunity, "1");
      p.other_dwelling = AddDwelling(s, other_building, other_estate, kCommunity, 1, 1, "101", 5000);
      p.project = Must(testing::InsertProjectRow(s, kCommunity, name + "项目"));
      Must(s.Exec("INSERT INTO project_estate (project_id, estate_id, region_code) VALUES (?, ?, ?)",
                  {Int(p.project), Int(p.estate), Str(kCommunity)}));
      return p;
    });
  }
  static CompletionAcceptanceRecord Acceptance(std::int64_t project, const std::string& on) {
    CompletionAcceptanceRecord a;
    a.project_id = project;
    a.region_code = kCommunity;
    a.accepted_on = on;
    a.points = 14;
    a.max_points = 15;
    a.note = kTrickyText;
    a.recorded_by = kLargeId;
    a.created_at = kAt;
    a.participants = {{"client", "洪都街道办事处", "李主任"}, {"property_company", kTrickyText, ""}};
    a.scores = {{"B12", "", "方案", 5}, {"B12", "", "质量", 4}, {"B03", "", "竣工资料", 5}};
    return a;
  }
};

TEST_P(AcceptanceContract, DwellingsAndProjectEstatesAndItems) {
  if (IsSkipped()) return;
  auto p = Make();
  auto d = Get([&](Session& s) { return Repo::FindDwelling(s, p.dwelling); });
  ASSERT_TRUE(d);
  EXPECT_EQ(d->estate_id, p.estate);
  EXPECT_EQ(d->region_code, kCommunity);
  EXPECT_EQ(d->building_number, "3");
  EXPECT_EQ(d->room, "201");
  EXPECT_EQ(d->stairwell, 1);
  EXPECT_FALSE(Get([&](Session& s) { return Repo::FindDwelling(s, kMaxId); }));
  EXPECT_TRUE(Get([&](Session& s) { return Repo::ProjectHasEstate(s, p.project, p.estate); }));
  auto other = Get([&](Session& s) { return Repo::FindDwelling(s, p.other_dwelling); });
  ASSERT_TRUE(other);
  EXPECT_FALSE(Get([&](Session& s) { return Repo::ProjectHasEstate(s, p.project, other->estate_id); }));
  EXPECT_EQ(Get([&](Session& s) { return Repo::ItemName(s, "B12"); }), std::optional<std::string>("屋面防水"));
  EXPECT_FALSE(Get([&](Session& s) { return Repo::ItemName(s, "Z99"); }));
}

TEST_P(AcceptanceContract, PunchEntriesRoundTripUpdateAndListOldestFirst) {
  if (IsSkipped()) return;
  auto p = Make();
  PunchItemRecord a{0, p.project, kCommunity, "household", p.dwelling, "windows", kTrickyText, "open", "", kLargeId, kAt, kAt};
  PunchItemRecord b{0, p.project, kCommunity, "completion", std::nullopt, std::nullopt, "雨水篦子缺失", "resolved", "", 1, kAt, kAt};
  auto ids = Put([&](Session& s) -> Result<std::pair<std::int64_t, std::int64_t>> {
    return std::pair{Must(Repo::InsertPunch(s, a)), Must(Repo::InsertPunch(s, b))};
  });
  auto found = Get([&](Session& s) { return Repo::FindPunch(s, ids.first); });
  ASSERT_TRUE(found);
  EXPECT_EQ(found->description, kTrickyText);
  EXPECT_EQ(found->dwelling_id, p.dwelling);
  EXPECT_EQ(found->work, std::optional<std::string>("windows"));
  EXPECT_EQ(found->created_by, kLargeId);
  auto second = Get([&](Session& s) { return Repo::FindPunch(s, ids.second); });
  ASSERT_TRUE(second);
  EXPECT_FALSE(second->dwelling_id);
  EXPECT_FALSE(second->work);
  found->status = "waived";
  found->waiver_reason = "住户同意";
  found->updated_at = "2026-11-22T08:00:00.000Z";
  EXPECT_TRUE(Put([&](Session& s) { return Repo::UpdatePunch(s, *found); }));
  PunchItemRecord missing = *found;
  missing.id = kMaxId;
  EXPECT_FALSE(Put([&](Session& s) { return Repo::UpdatePunch(s, missing); }));
  auto list = Get([&](Session& s) { return Repo::PunchList(s, p.project); });
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].id, ids.first);
  EXPECT_EQ(list[0].status, "waived");
  EXPECT_EQ(list[0].waiver_reason, "住户同意");
  EXPECT_EQ(list[0].updated_at, "2026-11-22T08:00:00.000Z");
  EXPECT_EQ(list[1].source, "completion");
  EXPECT_TRUE(Get([&](Session& s) { return Repo::PunchList(s, kMaxId); }).empty());
}

TEST_P(AcceptanceContract, HouseholdAcceptanceIsReplacedByTheSecondPutAndListedWithItsDwelling) {
  if (IsSkipped()) return;
  auto p = Make();
  HouseholdAcceptanceRecord h;
  h.project_id = p.project;
  h.dwelling_id = p.dwelling;
  h.work = "windows";
  h.estate_id = p.estate;
  h.region_code = kCommunity;
  h.result = "refused";
  h.reason = kTrickyText;
  h.recorded_by = kLargeId;
  h.recorded_at = kAt;
  auto punch = Put([&](Session& s) {
    return Repo::InsertPunch(s, {0, p.project, kCommunity, "household", p.dwelling, "windows", "x", "open", "", 1, kAt, kAt});
  });
  h.punch_item_id = punch;
  Put([&](Session& s) { return Repo::PutHousehold(s, h); });
  auto got = Get([&](Session& s) { return Repo::FindHousehold(s, p.project, p.dwelling, "windows"); });
  ASSERT_TRUE(got);
  EXPECT_EQ(got->result, "refused");
  EXPECT_EQ(got->reason, kTrickyText);
  EXPECT_FALSE(got->signature_file_id);
  EXPECT_EQ(got->punch_item_id, punch);
  EXPECT_EQ(got->building_number, "3");
  EXPECT_EQ(got->room, "201");
  EXPECT_FALSE(Get([&](Session& s) { return Repo::FindHousehold(s, p.project, p.dwelling, "heating"); }));
  // The second put replaces the first (with a signature file).
  const auto file = Put([&](Session& s) {
    return InsertReturningId(s,
                             "INSERT INTO stored_file (sha256, content_type, size_bytes, name, region_code, uploaded_by, created_at, context) "
                             "VALUES ('ab', 'image/png', 3, 'sign.png', ?, 1, ?, 'acceptance') RETURNING id",
                             {Str(kCommunity), Str(kAt)});
  });
  h.result = "accepted";
  h.reason = "";
  h.signature_file_id = file;
  h.recorded_at = "2026-11-23T08:00:00.000Z";
  Put([&](Session& s) { return Repo::PutHousehold(s, h); });
  h.work = "heating";
  h.signature_file_id.reset();
  h.punch_item_id.reset();
  Put([&](Session& s) { return Repo::PutHousehold(s, h); });
  auto list = Get([&](Session& s) { return Repo::Households(s, p.project); });
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].work, "heating");
  EXPECT_EQ(list[1].work, "windows");
  EXPECT_EQ(list[1].result, "accepted");
  EXPECT_EQ(list[1].signature_file_id, file);
  EXPECT_EQ(list[1].recorded_at, "2026-11-23T08:00:00.000Z");
  EXPECT_FALSE(list[0].punch_item_id);
}

TEST_P(AcceptanceContract, OneAcceptancePerProjectWithParticipantsAndScoresInOrder) {
  if (IsSkipped()) return;
  auto p = Make();
  EXPECT_FALSE(Get([&](Session& s) { return Repo::FindAcceptance(s, p.project); }));
  auto id = Put([&](Session& s) { return Repo::InsertAcceptance(s, Acceptance(p.project, "2026-07-03")); });
  auto a = Get([&](Session& s) { return Repo::FindAcceptance(s, p.project); });
  ASSERT_TRUE(a);
  EXPECT_EQ(a->id, id);
  EXPECT_EQ(a->accepted_on, "2026-07-03");
  EXPECT_EQ(a->points, 14);
  EXPECT_EQ(a->max_points, 15);
  EXPECT_EQ(a->note, kTrickyText);
  EXPECT_EQ(a->recorded_by, kLargeId);
  ASSERT_EQ(a->participants.size(), 2u);
  EXPECT_EQ(a->participants[0].representative, "李主任");
  EXPECT_EQ(a->participants[1].name, kTrickyText);
  ASSERT_EQ(a->scores.size(), 3u);
  EXPECT_EQ(a->scores[0].item_name, "屋面防水");
  EXPECT_EQ(a->scores[1].criterion, "质量");
  EXPECT_EQ(a->scores[1].score, 4);
  EXPECT_EQ(a->scores[2].item_code, "B03");
  auto again = Refused([&](Session& s) -> Result<void> {
    auto r = Repo::InsertAcceptance(s, Acceptance(p.project, "2026-07-04"));
    if (!r) return std::move(r).error();
    return Ok();
  });
  EXPECT_EQ(again.reason, "store.duplicate");
  // A score outside 1–5 is refused by the table too.
  auto other = Make("另一个");
  auto bad = Acceptance(other.project, "2026-07-03");
  bad.scores[0].score = 6;
  Refused([&](Session& s) -> Result<void> {
    auto r = Repo::InsertAcceptance(s, bad);
    if (!r) return std::move(r).error();
    return Ok();
  });
}

TEST_P(AcceptanceContract, HandoverIsReplacedByTheSecondPut) {
  if (IsSkipped()) return;
  auto p = Make();
  EXPECT_FALSE(Get([&](Session& s) { return Repo::FindHandover(s, p.project); }));
  Put([&](Session& s) { return Repo::PutHandover(s, {p.project, kCommunity, "2026-07-13", kTrickyText, "", 1, kAt}); });
  Put([&](Session& s) { return Repo::PutHandover(s, {p.project, kCommunity, "2026-07-14", "南昌洪城物业", "补记", 2, kAt}); });
  auto h = Get([&](Session& s) { return Repo::FindHandover(s, p.project); });
  ASSERT_TRUE(h);
  EXPECT_EQ(h->handed_on, "2026-07-14");
  EXPECT_EQ(h->receiver, "南昌洪城物业");
  EXPECT_EQ(h->note, "补记");
  EXPECT_EQ(h->recorded_by, 2);
}

TEST_P(AcceptanceContract, AcceptedProjectsOfAnEstateNewestFirstAndTheBuildersUnit) {
  if (IsSkipped()) return;
  auto p = Make();
  auto later = Put([&](Session& s) -> Result<std::int64_t> {
    auto id = Must(testing::InsertProjectRow(s, kCommunity, "二期"));
    Must(s.Exec("INSERT INTO project_estate (project_id, estate_id, region_code) VALUES (?, ?, ?)", {Int(id), Int(p.estate), Str(kCommunity)}));
    return id;
  });
  const auto unaccepted = Make("未验收").project;
  EXPECT_TRUE(Get([&](Session& s) { return Repo::AcceptedProjectsOfEstate(s, p.estate); }).empty());
  Put([&](Session& s) { return Repo::InsertAcceptance(s, Acceptance(p.project, "2024-11-20")); });
  Put([&](Session& s) { return Repo::InsertAcceptance(s, Acceptance(later, "2026-07-03")); });
  auto list = Get([&](Session& s) { return Repo::AcceptedProjectsOfEstate(s, p.estate); });
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].project_id, later);
  EXPECT_EQ(list[0].accepted_on, "2026-07-03");
  EXPECT_EQ(list[0].project_name, "二期");
  EXPECT_EQ(list[1].project_id, p.project);
  EXPECT_EQ(list[1].region_code, kCommunity);

  EXPECT_FALSE(Get([&](Session& s) { return Repo::ConstructionCompany(s, p.project); }));
  Put([&](Session& s) -> Result<void> {
    Must(s.Exec("INSERT INTO project_unit (project_id, role, company, contact, updated_at) VALUES (?, 'construction', ?, '刘经理', ?)",
                {Int(p.project), Str(kTrickyText), Str(kAt)}));
    Must(s.Exec("INSERT INTO project_unit (project_id, role, company, contact, updated_at) VALUES (?, 'design', '设计院', '王工', ?)",
                {Int(p.project), Str(kAt)}));
    return Ok();
  });
  EXPECT_EQ(Get([&](Session& s) { return Repo::ConstructionCompany(s, p.project); }), std::optional<std::string>(kTrickyText));
  EXPECT_FALSE(Get([&](Session& s) { return Repo::ConstructionCompany(s, unaccepted); }));

  // Units of that company: at the city, the street, a neighbouring street and another community.
  auto unit = [&](const std::string& region) {
    return Put([&](Session& s) {
      return InsertReturningId(s,
                               "INSERT INTO responsible_unit (region_code, company, kind, created_at) VALUES (?, ?, 'contractor', ?) RETURNING id",
                               {Str(region), Str(kTrickyText), Str(kAt)});
    });
  };
  EXPECT_FALSE(Get([&](Session& s) { return Repo::UnitOfCompany(s, kTrickyText, kCommunity); }));
  const auto city = unit("3601");
  EXPECT_EQ(Get([&](Session& s) { return Repo::UnitOfCompany(s, kTrickyText, kCommunity); }), city);
  const auto street = unit("360104002");
  unit("360104006");
  unit("360104002002");
  EXPECT_EQ(Get([&](Session& s) { return Repo::UnitOfCompany(s, kTrickyText, kCommunity); }), street);
  EXPECT_FALSE(Get([&](Session& s) { return Repo::UnitOfCompany(s, "别的公司", kCommunity); }));
}

INSTANTIATE_TEST_SUITE_P(Sqlite, AcceptanceContract, ::testing::Values("sqlite"));
INSTANTIATE_TEST_SUITE_P(Postgres, AcceptanceContract, ::testing::Values("postgres"));

}  // namespace
}  // namespace huanxin::store::contract
