// Contract suite of the ticket repository (src/store/ticket/ticket_repository) on SQLite and
// PostgreSQL: the seeded categories and routes, the longest-prefix route, tickets read back exactly
// (NULLs, unicode), the scope by region or handling region at the prefix boundary, filters, the
// rate-limit count's edges, history, updates by date range, photos, building contacts and Open311
// client keys.
#include <gtest/gtest.h>

#include "contract/contract_fixture.hpp"
#include "store/ticket/ticket_repository.hpp"

namespace huanxin::store::contract {
namespace {

using Repo = TicketRepository;

constexpr const char* kT1 = "2026-11-22T08:00:00.000Z";
constexpr const char* kT2 = "2026-11-23T08:00:00.000Z";

class TicketContract : public ContractTest {
 protected:
  static std::int64_t CategoryId(Session& s, const std::string& code) { return Must(Repo::FindCategory(s, code))->id; }
  static TicketRecord Ticket(Session& s, const std::string& code, const std::string& region, const std::string& handler) {
    TicketRecord t;
    t.code = code;
    t.category_id = CategoryId(s, "safety_hazard");
    t.region_code = region;
    t.channel = "h5";
    t.content = kTrickyText;
    t.status = "submitted";
    t.department = "洪都街道城建科";
    t.handler_region_code = handler;
    t.client_key = "key-" + code;
    t.received_at = kAt;
    t.due_at = kT1;
    t.updated_at = kAt;
    return t;
  }
  static std::int64_t Add(Session& s, const std::string& code, const std::string& region, const std::string& handler) {
    return Must(Repo::Insert(s, Ticket(s, code, region, handler)));
  }
  // A stored file row (the file context's table), as FileService::Put writes it.
  static std::int64_t File(Session& s, const std::string& name) {
    auto rows = Must(s.Query(
        "INSERT INTO stored_file (sha256, content_type, size_bytes, name, region_code, uploaded_by, created_at) "
        "VALUES ('ab', 'image/jpeg', 2048, ?, '360104002001', 0, ?) RETURNING id",
        {Str(name), Str(kAt)}));
    return rows.at(0).GetInt(0);
  }
  std::vector<std::string> Codes(const TicketFilter& f) {
    std::vector<std::string> out;
    for (const auto& t : Get([&](Session& s) { return Repo::List(s, f); })) out.push_back(t.code);
    return out;
  }
};

TEST_P(TicketContract, SeedsEightCategoriesInOrderRoutedEverywhere) {
  auto cats = Get([](Session& s) { return Repo::Categories(s, true); });
  ASSERT_EQ(cats.size(), 8u);
  EXPECT_EQ(cats.front().code, "construction_quality");
  EXPECT_EQ(cats.front().target_amount, 3);
  EXPECT_EQ(cats.front().target_unit, "working_days");
  EXPECT_EQ(cats.back().code, "warranty_defect");
  EXPECT_EQ(cats.back().kind, "defect");
  auto routes = Get([](Session& s) { return Repo::Routes(s); });
  ASSERT_EQ(routes.size(), 8u);
  EXPECT_EQ(routes.front().category_code, "construction_quality");
  EXPECT_EQ(routes.front().region_code, "");
  EXPECT_FALSE(Get([](Session& s) { return Repo::FindCategory(s, "nope"); }));
}

TEST_P(TicketContract, CategoriesInsertUpdateAndRefuseADuplicateCode) {
  TicketCategoryRecord c{0, "lift", "加装电梯", "lift", "opinion", 2, "working_days", false, 9, kAt};
  const auto id = Put([&](Session& s) { return Repo::InsertCategory(s, c); });
  auto read = Get([](Session& s) { return Repo::FindCategory(s, "lift"); });
  ASSERT_TRUE(read);
  EXPECT_EQ(read->id, id);
  EXPECT_FALSE(read->active);
  EXPECT_EQ(read->name_zh, "加装电梯");
  EXPECT_EQ(Get([](Session& s) { return Repo::Categories(s, true); }).size(), 8u);
  EXPECT_EQ(Get([](Session& s) { return Repo::Categories(s, false); }).size(), 9u);
  auto e = Refused([&](Session& s) -> Result<void> {
    auto again = Repo::InsertCategory(s, c);
    if (!again) return std::move(again).error();
    return Ok();
  });
  EXPECT_EQ(e.code, ErrorCode::kConflict);
  c.id = id;
  c.target_amount = 12;
  c.target_unit = "working_hours";
  c.active = true;
  EXPECT_TRUE(Put([&](Session& s) { return Repo::UpdateCategory(s, c); }));
  read = Get([](Session& s) { return Repo::FindCategory(s, "lift"); });
  EXPECT_EQ(read->target_amount, 12);
  EXPECT_EQ(read->target_unit, "working_hours");
  EXPECT_TRUE(read->active);
  c.id = kMaxId;
  EXPECT_FALSE(Put([&](Session& s) { return Repo::UpdateCategory(s, c); }));
}

TEST_P(TicketContract, TheLongestMatchingRegionPrefixRoutes) {
  std::int64_t cat = 0;
  Put([&](Session& s) -> Result<void> {
    cat = CategoryId(s, "warranty_defect");
    Must(Repo::PutRoute(s, {0, cat, "", "360104", "青云谱区住建局", "360104", kAt}));
    Must(Repo::PutRoute(s, {0, cat, "", "360104002", "洪都街道城建科", "360104002", kAt}));
    Must(Repo::PutRoute(s, {0, cat, "", "360104002", kTrickyText, "360104002", kT1}));  // replaces
    return Ok();
  });
  auto route = [&](const std::string& region) { return Get([&](Session& s) { return Repo::RouteFor(s, cat, region); }); };
  EXPECT_EQ(route("360104002001")->department, kTrickyText);
  EXPECT_EQ(route("360104002")->region_code, "360104002");
  EXPECT_EQ(route("360104006001")->department, "青云谱区住建局");  // 360104002's sibling
  EXPECT_EQ(route("36010400")->department, "青云谱区住建局");    // under 360104, not under 360104002
  EXPECT_EQ(route("3601")->department, "街道办事处城建科");         // above both: the seeded everywhere route
  EXPECT_EQ(route("")->region_code, "");
  EXPECT_EQ(Get([](Session& s) { return Repo::Routes(s); }).size(), 10u);
  EXPECT_FALSE(Get([&](Session& s) { return Repo::RouteFor(s, kMaxId, "360104"); }));
}

TEST_P(TicketContract, ATicketReadsBackExactlyWithNullsAndByCode) {
  std::int64_t estate = 0, id = 0;
  Put([&](Session& s) -> Result<void> {
    estate = AddEstate(s, "360104002001", "洪都新村");
    auto t = Ticket(s, "TAAAAAAAAAAAA", "360104002001", "360104002");
    t.estate_id = estate;
    t.phone = "13800138000";
    id = Must(Repo::Insert(s, t));
    return Ok();
  });
  auto t = Get([&](Session& s) { return Repo::Find(s, id); });
  ASSERT_TRUE(t);
  EXPECT_EQ(t->code, "TAAAAAAAAAAAA");
  EXPECT_EQ(t->category_code, "safety_hazard");
  EXPECT_EQ(t->category_name_zh, "安全隐患");
  EXPECT_EQ(t->estate_id, estate);
  EXPECT_EQ(t->estate_name, "洪都新村");
  EXPECT_EQ(t->content, kTrickyText);
  EXPECT_EQ(t->phone, "13800138000");
  EXPECT_FALSE(t->merged_into);
  EXPECT_FALSE(t->rating);
  EXPECT_FALSE(t->client_id);
  EXPECT_FALSE(t->created_by);
  EXPECT_FALSE(t->resolved_at);
  EXPECT_EQ(t->due_at, kT1);
  EXPECT_EQ(Get([](Session& s) { return Repo::FindByCode(s, "TAAAAAAAAAAAA"); })->id, id);
  EXPECT_FALSE(Get([](Session& s) { return Repo::FindByCode(s, "taaaaaaaaaaaa"); }));
  EXPECT_FALSE(Get([](Session& s) { return Repo::Find(s, kMaxId); }));
  EXPECT_EQ(Get([&](Session& s) { return Repo::FindEstate(s, estate); })->region_code, "360104002001");
  EXPECT_FALSE(Get([](Session& s) { return Repo::FindEstate(s, kMaxId); }));

  auto changed = *t;
  changed.status = "resolved";
  changed.answer = "已修复";
  changed.rating = 4;
  changed.reopen_count = 1;
  changed.resolved_at = kT2;
  changed.updated_at = kT2;
  EXPECT_TRUE(Put([&](Session& s) { return Repo::Update(s, changed); }));
  t = Get([&](Session& s) { return Repo::Find(s, id); });
  EXPECT_EQ(t->status, "resolved");
  EXPECT_EQ(t->rating, 4);
  EXPECT_EQ(t->reopen_count, 1);
  EXPECT_EQ(t->resolved_at, kT2);
  changed.id = kMaxId;
  EXPECT_FALSE(Put([&](Session& s) { return Repo::Update(s, changed); }));
}

TEST_P(TicketContract, ScopeByRegionOrHandlingRegionAtThePrefixBoundaryAndFilters) {
  Put([&](Session& s) -> Result<void> {
    Add(s, "T000000000001", "360104002001", "360104002");
    Add(s, "T000000000002", "360104006001", "360104002");  // handled by 洪都 though elsewhere
    Add(s, "T000000000003", "3601040020", "3601040020");   // starts with 360104002: inside that prefix too
    auto t = Ticket(s, "T000000000004", "360104006001", "360104006");
    t.status = "resolved";
    t.category_id = CategoryId(s, "suggestion");
    t.received_at = kT2;
    Must(Repo::Insert(s, t));
    return Ok();
  });
  TicketFilter f;
  f.scope_prefix = "360104002";
  EXPECT_EQ(Codes(f), (std::vector<std::string>{"T000000000003", "T000000000002", "T000000000001"}));
  f.scope_prefix = "360104002001";
  EXPECT_EQ(Codes(f), (std::vector<std::string>{"T000000000001"}));
  f.scope_prefix = "";
  f.region_prefix = "360104006";
  EXPECT_EQ(Codes(f), (std::vector<std::string>{"T000000000004", "T000000000002"}));
  f.status = "resolved";
  EXPECT_EQ(Codes(f), (std::vector<std::string>{"T000000000004"}));
  f = {};
  f.category_code = "suggestion";
  EXPECT_EQ(Codes(f).size(), 1u);
  f = {};
  f.due_before = kT2;  // every unsettled one is due at kT1
  EXPECT_EQ(Codes(f).size(), 3u);
  f.due_before = kT1;  // strictly before
  EXPECT_EQ(Codes(f).size(), 0u);
  f = {};
  f.received_from = kT2;
  EXPECT_EQ(Codes(f), (std::vector<std::string>{"T000000000004"}));
  f = {};
  f.received_to = kT2;
  EXPECT_EQ(Codes(f).size(), 3u);
  f = {};
  f.codes = {"T000000000001", "T000000000004", "TNOSUCH000000"};
  EXPECT_EQ(Codes(f), (std::vector<std::string>{"T000000000004", "T000000000001"}));
  f.statuses = {"submitted", "accepted"};
  EXPECT_EQ(Codes(f), (std::vector<std::string>{"T000000000001"}));
  f = {};
  f.limit = 2;
  f.offset = 1;
  EXPECT_EQ(Codes(f), (std::vector<std::string>{"T000000000003", "T000000000002"}));
}

TEST_P(TicketContract, RateLimitCountsFromTheInstantInclusive) {
  Put([&](Session& s) -> Result<void> {
    auto t = Ticket(s, "T00000000000A", "360104002001", "360104002");
    t.client_key = "k";
    Must(Repo::Insert(s, t));
    t.code = "T00000000000B";
    t.received_at = kT1;
    Must(Repo::Insert(s, t));
    return Ok();
  });
  EXPECT_EQ(Get([](Session& s) { return Repo::CountSince(s, "k", kAt); }), 2);
  EXPECT_EQ(Get([](Session& s) { return Repo::CountSince(s, "k", kT1); }), 1);
  EXPECT_EQ(Get([](Session& s) { return Repo::CountSince(s, "k", kT2); }), 0);
  EXPECT_EQ(Get([](Session& s) { return Repo::CountSince(s, "other", kAt); }), 0);
}

TEST_P(TicketContract, HistoryUpdatesByDateRangeAndPhotos) {
  std::int64_t id = 0, user = 0;
  Put([&](Session& s) -> Result<void> {
    user = AddUser(s, "hongdu.street", "360104002");
    id = Add(s, "T0000000000E1", "360104002001", "360104002");
    Must(Repo::InsertEvent(s, {0, id, kAt, "", "submitted", "", "resident", std::nullopt}));
    Must(Repo::InsertEvent(s, {0, id, kT1, "submitted", "accepted", kTrickyText, "staff", user}));
    Must(Repo::InsertEvent(s, {0, id, kT2, "accepted", "in_progress", "", "staff", user}));
    return Ok();
  });
  auto events = Get([&](Session& s) { return Repo::Events(s, id); });
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].from_status, "");
  EXPECT_FALSE(events[0].by_user);
  EXPECT_EQ(events[1].note, kTrickyText);
  EXPECT_EQ(events[1].by_user, user);
  auto updates = Get([](Session& s) { return Repo::Updates(s, kT1, kT2, 100); });
  ASSERT_EQ(updates.size(), 1u);  // [from, to)
  EXPECT_EQ(updates[0].event.to_status, "accepted");
  EXPECT_EQ(updates[0].ticket_code, "T0000000000E1");
  EXPECT_EQ(updates[0].ticket_id, id);
  EXPECT_EQ(Get([](Session& s) { return Repo::Updates(s, kAt, "2027-01-01T00:00:00.000Z", 2); }).size(), 2u);

  std::int64_t file = 0;
  Put([&](Session& s) -> Result<void> {
    file = File(s, "沟槽.jpg");
    return Repo::AddPhoto(s, id, file);
  });
  EXPECT_EQ(Get([&](Session& s) { return Repo::Photos(s, id); }), (std::vector<std::int64_t>{file}));
  // Uploads: free until attached; counted per sender from the instant, inclusive.
  std::int64_t spare = 0;
  Put([&](Session& s) -> Result<void> {
    spare = File(s, "spare.jpg");
    Must(Repo::InsertUpload(s, file, "sender", kAt));
    return Repo::InsertUpload(s, spare, "sender", kT1);
  });
  EXPECT_FALSE(Get([&](Session& s) { return Repo::FreeUpload(s, file); }));  // attached already
  EXPECT_EQ(Get([&](Session& s) { return Repo::FreeUpload(s, spare); }), "sender");
  EXPECT_FALSE(Get([](Session& s) { return Repo::FreeUpload(s, kMaxId); }));
  EXPECT_EQ(Get([](Session& s) { return Repo::CountUploadsSince(s, "sender", kAt); }), 2);
  EXPECT_EQ(Get([](Session& s) { return Repo::CountUploadsSince(s, "sender", kT1); }), 1);
  EXPECT_EQ(Get([](Session& s) { return Repo::CountUploadsSince(s, "other", kAt); }), 0);
  EXPECT_TRUE(Get([&](Session& s) { return Repo::Photos(s, kMaxId); }).empty());
}

TEST_P(TicketContract, BuildingContactsAreOnePerRoleAndListedPerEstate) {
  std::int64_t estate = 0, b3 = 0, b1 = 0;
  Put([&](Session& s) -> Result<void> {
    estate = AddEstate(s, "360104002001", "洪都新村");
    b3 = AddBuilding(s, estate, "360104002001", "3");
    b1 = AddBuilding(s, estate, "360104002001", "1");
    Must(Repo::PutContact(s, {0, b3, "", 0, "360104002001", "team_phone", "施工队", "0791-88123401", true, kAt}));
    Must(Repo::PutContact(s, {0, b3, "", 0, "360104002001", "building_leader", "王", "139", false, kAt}));
    Must(Repo::PutContact(s, {0, b3, "", 0, "360104002001", "building_leader", kTrickyText, "13911112222", false, kT1}));
    Must(Repo::PutContact(s, {0, b1, "", 0, "360104002001", "grid_worker", "陈晓", "13807910001", false, kAt}));
    return Ok();
  });
  auto list = Get([&](Session& s) { return Repo::Contacts(s, estate); });
  ASSERT_EQ(list.size(), 3u);
  EXPECT_EQ(list[0].building_number, "1");
  EXPECT_EQ(list[0].estate_id, estate);
  EXPECT_EQ(list[1].role, "building_leader");
  EXPECT_EQ(list[1].name, kTrickyText);
  EXPECT_EQ(list[1].phone, "13911112222");
  EXPECT_EQ(list[1].updated_at, kT1);
  EXPECT_TRUE(list[2].phone_public);
  EXPECT_EQ(Get([&](Session& s) { return Repo::FindBuilding(s, b3); })->number, "3");
  EXPECT_FALSE(Get([](Session& s) { return Repo::FindBuilding(s, kMaxId); }));
  EXPECT_TRUE(Get([](Session& s) { return Repo::Contacts(s, kMaxId); }).empty());
}

TEST_P(TicketContract, Open311ClientsAreFoundByTheKeysHashOnly) {
  const auto id = Put([](Session& s) { return Repo::InsertClient(s, {0, kTrickyText, Sha256Hex("secret-key"), true, 0, kAt}); });
  auto c = Get([](Session& s) { return Repo::FindClientByHash(s, Sha256Hex("secret-key")); });
  ASSERT_TRUE(c);
  EXPECT_EQ(c->id, id);
  EXPECT_EQ(c->name, kTrickyText);
  EXPECT_TRUE(c->active);
  EXPECT_FALSE(Get([](Session& s) { return Repo::FindClientByHash(s, "secret-key"); }));
  EXPECT_TRUE(Put([&](Session& s) { return Repo::SetClientActive(s, id, false); }));
  EXPECT_FALSE(Get([](Session& s) { return Repo::Clients(s); }).front().active);
  EXPECT_FALSE(Put([](Session& s) { return Repo::SetClientActive(s, kMaxId, false); }));
}

INSTANTIATE_TEST_SUITE_P(Sqlite, TicketContract, ::testing::Values("sqlite"));
INSTANTIATE_TEST_SUITE_P(Postgres, TicketContract, ::testing::Values("postgres"));

}  // namespace
}  // namespace huanxin::store::contract
