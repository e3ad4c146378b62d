// Contract suite of store/consultation/consultation_repository on SQLite and PostgreSQL: every
// public function, with the same test code on both drivers.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <thread>
#include <tuple>

#include "contract/contract_fixture.hpp"
#include "store/consultation/consultation_repository.hpp"

namespace huanxin::store::contract {
namespace {

using Repo = ConsultationRepository;
using Ids = std::vector<std::int64_t>;

const std::string kHongdu1 = "360104002001";  // 洪都新村社区
const std::string kHongdu2 = "360104002002";  // 三店西路社区
const std::string kJingshan1 = "360104006001";
const std::string kNanpu1 = "360103001001";  // 西湖区, outside 青云谱区

// Field-by-field views for exact comparisons (GoogleTest prints the tuples on failure).
auto Fields(const ConsultationRecord& c) {
  return std::tuple(c.id, c.estate_id, c.region_code, c.title, c.kind, c.law_version, c.state, c.current_round,
                    c.ballots_cast, c.opens_at, c.closes_at, c.opened_at, c.closed_at, c.created_by, c.created_at,
                    c.updated_at);
}
auto Fields(const ConsultationItemRecord& i) {
  return std::tuple(i.id, i.consultation_id, i.position, i.title, i.catalog_item_code, i.rule_json, i.scope_type,
                    i.building_id, i.stairwell);
}
auto Fields(const RoundRecord& r) {
  return std::tuple(r.consultation_id, r.number, r.item_ids, r.dwelling_ids, r.opened_at, r.opened_by);
}
auto Fields(const VoterDwelling& v) {
  return std::tuple(v.id, v.building_id, v.estate_id, v.building_number, v.stairwell, v.floor, v.room, v.area_dm2,
                    v.sale_status, v.owner_ids);
}
auto Fields(const BallotRecord& b) {
  return std::tuple(b.consultation_id, b.item_id, b.dwelling_id, b.choice, b.round, b.channel, b.receipt, b.seq,
                    b.cast_at);
}
auto Fields(const BallotEventRecord& e) { return std::tuple(e.seq, e.item_id, e.dwelling_id, e.choice, e.round); }
auto Fields(const ReceiptRecord& r) {
  return std::tuple(r.code, r.consultation_id, r.dwelling_id, r.round, r.channel, r.choices_json, r.dwelling_ids,
                    r.evidence_file_id, r.user_id, r.cast_at);
}
auto Fields(const BallotCodeRecord& c) { return std::tuple(c.code, c.consultation_id, c.dwelling_id, c.used_round); }
auto Fields(const FollowupVisitRecord& v) {
  return std::tuple(v.id, v.consultation_id, v.dwelling_id, v.item_id, v.outcome, v.note, v.user_id, v.username,
                    v.visited_at);
}
auto Fields(const FollowupAssignmentRecord& a) { return std::tuple(a.dwelling_id, a.user_id, a.username); }
template <typename T>
auto AllFields(const std::vector<T>& list) {
  std::vector<decltype(Fields(list.front()))> out;
  for (const auto& x : list) out.push_back(Fields(x));
  return out;
}
template <typename T>
Ids IdsOf(const std::vector<T>& list) {
  Ids out;
  for (const auto& x : list) out.push_back(x.id);
  return out;
}

ConsultationRecord Draft(std::int64_t estate, const std::string& region, const std::string& title,
                         const std::string& state = "draft") {
  ConsultationRecord c;
  c.estate_id = estate;
  c.region_code = region;
  c.title = title;
  c.kind = "menu";
  c.law_version = "civil-code-2021";
  c.state = state;
  c.created_by = 7;
  c.created_at = c.updated_at = kAt;
  return c;
}

// An estate of two buildings and six dwellings with owners (one co-owned dwelling, one owner who
// also holds a dwelling in the next estate, developer-unsold and public-housing dwellings), plus
// that next estate and an estate with no dwellings at all.
struct Voters {
  std::int64_t e1 = 0, e2 = 0, e_empty = 0;
  std::int64_t b1 = 0, b2 = 0, b_e2 = 0;
  std::int64_t d1 = 0, d2 = 0, d3 = 0, d4 = 0, d5 = 0, d6 = 0, f1 = 0;
  std::int64_t o1 = 0, o2 = 0, o3 = 0;
};

// Voters plus an open consultation `c` on e1 with items i1 (estate) and i2 (building b1), and a
// second consultation `c2` on the same estate with item j1.
struct Consultations : Voters {
  std::int64_t c = 0, c2 = 0, i1 = 0, i2 = 0, j1 = 0;
};

class ConsultationContract : public ContractTest {
 protected:
  Voters SeedVoters() {
    return Put([&](Session& s) -> Result<Voters> {
      Voters v;
      v.e1 = AddEstate(s, kHongdu1, "洪都新村");
      v.e2 = AddEstate(s, kHongdu2, "三店西路小区");
      v.e_empty = AddEstate(s, kJingshan1, "京山空小区");
      v.b1 = AddBuilding(s, v.e1, kHongdu1, "1", 2);
      v.b2 = AddBuilding(s, v.e1, kHongdu1, "2号楼", 1);
      v.b_e2 = AddBuilding(s, v.e2, kHongdu2, "1", 1);
      // Inserted out of room order: voter lists come in id order.
      v.d1 = AddDwelling(s, v.b1, v.e1, kHongdu1, 1, 2, "201", 9000);
      v.d2 = AddDwelling(s, v.b1, v.e1, kHongdu1, 1, 1, "101", 8537);
      v.d3 = AddDwelling(s, v.b1, v.e1, kHongdu1, 2, 1, "102", 7000);
      v.d4 = AddDwelling(s, v.b2, v.e1, kHongdu1, 1, 1, "101", 6000, "developer_unsold");
      v.d5 = AddDwelling(s, v.b2, v.e1, kHongdu1, 1, 2, "201", 6500, "developer_unsold");
      v.d6 = AddDwelling(s, v.b2, v.e1, kHongdu1, 1, 3, "301", 12001, "public_housing");
      v.f1 = AddDwelling(s, v.b_e2, v.e2, kHongdu2, 1, 1, "101", 5000);
      v.o1 = AddOwner(s, "11010519491231002X", "张三");
      v.o2 = AddOwner(s, "110105194912310038", "李四·Ñ 🏠");
      v.o3 = AddOwner(s, "110105194912310046", "王五");
      LinkOwner(s, v.d1, v.o1, v.e1, kHongdu1);
      LinkOwner(s, v.d2, v.o2, v.e1, kHongdu1);  // co-owned; linked in reverse owner order
      LinkOwner(s, v.d2, v.o1, v.e1, kHongdu1);
      LinkOwner(s, v.d3, v.o3, v.e1, kHongdu1);
      LinkOwner(s, v.f1, v.o1, v.e2, kHongdu2);  // 张三 also owns a dwelling next door
      return v;
    });
  }

  Consultations SeedConsultations() {
    Consultations x;
    static_cast<Voters&>(x) = SeedVoters();
    Put([&](Session& s) -> Result<void> {
      x.c = Must(Repo::Insert(s, Draft(x.e1, kHongdu1, "加装电梯", "open")));
      x.c2 = Must(Repo::Insert(s, Draft(x.e1, kHongdu1, "停车场", "open")));
      x.i1 = Must(Repo::InsertItem(s, {0, x.c, 1, "外墙修缮", std::string("B13"), "{}", "estate", std::nullopt, std::nullopt}));
      x.i2 = Must(Repo::InsertItem(s, {0, x.c, 2, "加装电梯", std::string("I08"), "{}", "building", x.b1, std::nullopt}));
      x.j1 = Must(Repo::InsertItem(s, {0, x.c2, 1, "停车场", std::string("I05"), "{}", "estate", std::nullopt, std::nullopt}));
      return Ok();
    });
    return x;
  }

  std::vector<VoterDwelling> Expected(const Voters& v, const Ids& ids) {
    std::vector<VoterDwelling> all = {
        {v.d1, v.b1, v.e1, "1", 1, 2, "201", 9000, "sold", {v.o1}},
        {v.d2, v.b1, v.e1, "1", 1, 1, "101", 8537, "sold", {v.o1, v.o2}},
        {v.d3, v.b1, v.e1, "1", 2, 1, "102", 7000, "sold", {v.o3}},
        {v.d4, v.b2, v.e1, "2号楼", 1, 1, "101", 6000, "developer_unsold", {}},
        {v.d5, v.b2, v.e1, "2号楼", 1, 2, "201", 6500, "developer_unsold", {}},
        {v.d6, v.b2, v.e1, "2号楼", 1, 3, "301", 12001, "public_housing", {}},
        {v.f1, v.b_e2, v.e2, "1", 1, 1, "101", 5000, "sold", {v.o1}},
    };
    std::vector<VoterDwelling> out;
    for (auto id : ids)
      for (const auto& d : all)
        if (d.id == id) out.push_back(d);
    return out;
  }
};

// ---- consultations ----

TEST_P(ConsultationContract, InsertAndFindRoundTripEveryColumn) {
  auto v = SeedVoters();
  auto bare = Draft(v.e1, kHongdu1, kTrickyText);
  bare.ballots_cast = 99;  // not the caller's to set: a new consultation has cast nothing
  auto full = Draft(v.e2, kHongdu2, "小区改造意愿征询（第一次）", "open");
  full.kind = "formal_decision";
  full.law_version = "property-law-2007";
  full.current_round = 3;
  full.opens_at = "2026-12-01T00:00:00.000Z";
  full.closes_at = "2026-12-31T16:00:00.000Z";
  full.opened_at = "2026-12-01T01:02:03.004Z";
  full.closed_at = "";  // empty text is not NULL
  full.created_by = kLargeId;
  full.updated_at = "2026-11-22T08:00:00.000Z";
  std::int64_t id1 = 0, id2 = 0;
  Put([&](Session& s) -> Result<void> {
    id1 = Must(Repo::Insert(s, bare));
    id2 = Must(Repo::Insert(s, full));
    return Ok();
  });
  EXPECT_GT(id1, 0);
  EXPECT_GT(id2, id1);
  auto got1 = Get([&](Session& s) { return Repo::Find(s, id1); });
  auto got2 = Get([&](Session& s) { return Repo::Find(s, id2); });
  ASSERT_TRUE(got1 && got2);
  bare.id = id1;
  bare.ballots_cast = 0;
  full.id = id2;
  EXPECT_EQ(Fields(*got1), Fields(bare));
  EXPECT_EQ(Fields(*got2), Fields(full));
  EXPECT_FALSE(got1->opens_at.has_value());
  EXPECT_EQ(got2->closed_at, std::optional<std::string>(""));
  for (std::int64_t missing : {std::int64_t{0}, std::int64_t{-1}, id2 + 1, kMaxId})
    EXPECT_FALSE(Get([&](Session& s) { return Repo::Find(s, missing); })) << missing;
}

TEST_P(ConsultationContract, ListFiltersByScopePrefixEstateAndStateNewestFirst) {
  std::int64_t ea = 0, eb = 0, ec = 0, ed = 0;
  Ids c(6);
  Put([&](Session& s) -> Result<void> {
    ea = AddEstate(s, kHongdu1, "甲");
    eb = AddEstate(s, kHongdu2, "乙");
    ec = AddEstate(s, kJingshan1, "丙");
    ed = AddEstate(s, kNanpu1, "丁");
    c[1] = Must(Repo::Insert(s, Draft(ea, kHongdu1, "c1", "draft")));
    c[2] = Must(Repo::Insert(s, Draft(ea, kHongdu1, "c2", "open")));
    c[3] = Must(Repo::Insert(s, Draft(eb, kHongdu2, "c3", "closed")));
    c[4] = Must(Repo::Insert(s, Draft(ec, kJingshan1, "c4", "open")));
    c[5] = Must(Repo::Insert(s, Draft(ed, kNanpu1, "c5", "open")));
    return Ok();
  });
  auto list = [&](ConsultationFilter f) {
    std::int64_t total = -1;
    auto rows = Get([&](Session& s) { return Repo::List(s, f, total); });
    return std::pair(IdsOf(rows), total);
  };
  auto ids = [&](std::initializer_list<int> ns) {
    Ids out;
    for (int n : ns) out.push_back(c[n]);
    return std::pair(out, static_cast<std::int64_t>(out.size()));
  };
  // Case table: scope prefix → consultations in it, newest first. '3601' vs '36010' vs '360104'
  // and a code one digit longer than any region must all behave as plain string prefixes.
  const std::vector<std::pair<std::string, std::pair<Ids, std::int64_t>>> cases = {
      {"", ids({5, 4, 3, 2, 1})},
      {"3", ids({5, 4, 3, 2, 1})},
      {"36", ids({5, 4, 3, 2, 1})},
      {"3601", ids({5, 4, 3, 2, 1})},
      {"36010", ids({5, 4, 3, 2, 1})},
      {"360103", ids({5})},
      {"360104", ids({4, 3, 2, 1})},
      {"3601040", ids({4, 3, 2, 1})},
      {"360104002", ids({3, 2, 1})},
      {"36010400200", ids({3, 2, 1})},
      {"360104002001", ids({2, 1})},
      {"3601040020011", ids({})},
      {"360104006", ids({4})},
      {"3602", ids({})},
      {"4", ids({})},
  };
  for (const auto& [prefix, want] : cases) {
    ConsultationFilter f;
    f.scope_prefix = prefix;
    EXPECT_EQ(list(f), want) << "prefix '" << prefix << "'";
  }
  ConsultationFilter f;
  f.estate_id = ea;
  EXPECT_EQ(list(f), ids({2, 1}));
  f.estate_id = kMaxId;
  EXPECT_EQ(list(f), ids({}));
  f.estate_id.reset();
  f.state = "open";
  EXPECT_EQ(list(f), ids({5, 4, 2}));
  f.scope_prefix = "360104";
  EXPECT_EQ(list(f), ids({4, 2}));
  f.scope_prefix.clear();
  f.estate_id = ea;
  f.state = "closed";
  EXPECT_EQ(list(f), ids({}));
  f.state = "OPEN";  // states are exact codes
  EXPECT_EQ(list(f), ids({}));

  // Pages: the total counts every match whatever the page.
  ConsultationFilter p;
  p.limit = 2;
  EXPECT_EQ(list(p), std::pair(Ids{c[5], c[4]}, std::int64_t{5}));
  p.offset = 2;
  EXPECT_EQ(list(p), std::pair(Ids{c[3], c[2]}, std::int64_t{5}));
  p.offset = 4;
  EXPECT_EQ(list(p), std::pair(Ids{c[1]}, std::int64_t{5}));
  p.offset = 5;
  EXPECT_EQ(list(p), std::pair(Ids{}, std::int64_t{5}));
  p.offset = 0;
  p.limit = 0;
  EXPECT_EQ(list(p), std::pair(Ids{}, std::int64_t{5}));
  (void)eb;
  (void)ec;
  (void)ed;
}

TEST_P(ConsultationContract, UpdateStateWritesOnlyTheStateColumns) {
  auto v = SeedVoters();
  auto c = Draft(v.e1, kHongdu1, "加装电梯意愿");
  c.opens_at = "2026-12-01T00:00:00.000Z";
  c.closes_at = "2026-12-31T00:00:00.000Z";
  c.id = Put([&](Session& s) { return Repo::Insert(s, c); });
  Put([&](Session& s) -> Result<void> {
    Must(Repo::LockForBallot(s, c.id));  // ballots_cast 1
    return Ok();
  });
  c.ballots_cast = 1;

  auto change = c;
  change.state = "open";
  change.current_round = 2;
  change.law_version = "property-law-2007";
  change.opened_at = "2026-12-01T08:00:00.000Z";
  change.closed_at = "2026-12-02T08:00:00.000Z";
  change.updated_at = "2026-12-02T08:00:01.000Z";
  // Columns UpdateState must leave alone, whatever the record says.
  change.estate_id = v.e2;
  change.region_code = kHongdu2;
  change.title = "改过的标题";
  change.kind = "plan_approval";
  change.opens_at.reset();
  change.closes_at.reset();
  change.created_by = 99;
  change.created_at = "2030-01-01T00:00:00.000Z";
  change.ballots_cast = 0;
  Put([&](Session& s) { return Repo::UpdateState(s, change); });
  auto want = c;
  want.state = change.state;
  want.current_round = change.current_round;
  want.law_version = change.law_version;
  want.opened_at = change.opened_at;
  want.closed_at = change.closed_at;
  want.updated_at = change.updated_at;
  auto got = Get([&](Session& s) { return Repo::Find(s, c.id); });
  ASSERT_TRUE(got);
  EXPECT_EQ(Fields(*got), Fields(want));

  // Back to NULL times.
  change.opened_at.reset();
  change.closed_at.reset();
  Put([&](Session& s) { return Repo::UpdateState(s, change); });
  got = Get([&](Session& s) { return Repo::Find(s, c.id); });
  ASSERT_TRUE(got);
  EXPECT_FALSE(got->opened_at.has_value());
  EXPECT_FALSE(got->closed_at.has_value());

  // An unknown id changes nothing and creates nothing.
  auto ghost = change;
  ghost.id = kMaxId;
  Put([&](Session& s) { return Repo::UpdateState(s, ghost); });
  EXPECT_EQ(Count("SELECT COUNT(*) FROM consultation"), 1);
}

TEST_P(ConsultationContract, LockForBallotHandsOutTheNextSequenceWithTheLockedState) {
  auto v = SeedVoters();
  auto c = Draft(v.e1, kHongdu1, "意愿征询", "open");
  c.id = Put([&](Session& s) { return Repo::Insert(s, c); });
  auto other = Put([&](Session& s) { return Repo::Insert(s, Draft(v.e1, kHongdu1, "另一次", "open")); });
  auto lock = [&] { return Put([&](Session& s) { return Repo::LockForBallot(s, c.id); }); };

  auto first = lock();
  ASSERT_TRUE(first);
  c.ballots_cast = 1;
  EXPECT_EQ(Fields(*first), Fields(c));
  EXPECT_EQ(lock()->ballots_cast, 2);

  // A ballot whose transaction rolls back gives its number back.
  std::int64_t seen = 0;
  auto r = db_->Write([&](Session& s) -> Result<void> {
    seen = Must(Repo::LockForBallot(s, c.id))->ballots_cast;
    return MakeError(ErrorCode::kUnprocessable, "test.rollback", Text::Same("rolled back on purpose"));
  });
  ASSERT_FALSE(r);
  EXPECT_EQ(seen, 3);
  EXPECT_EQ(Get([&](Session& s) { return Repo::Find(s, c.id); })->ballots_cast, 2);
  EXPECT_EQ(lock()->ballots_cast, 3);

  // The state is the one at the lock: a consultation closed meanwhile is reported closed.
  auto closed = c;
  closed.state = "closed";
  closed.closed_at = "2026-12-31T00:00:00.000Z";
  Put([&](Session& s) { return Repo::UpdateState(s, closed); });
  auto after = lock();
  ASSERT_TRUE(after);
  EXPECT_EQ(after->state, "closed");
  EXPECT_EQ(after->closed_at, closed.closed_at);
  EXPECT_EQ(after->ballots_cast, 4);

  EXPECT_FALSE(Put([&](Session& s) { return Repo::LockForBallot(s, kMaxId); }));
  EXPECT_EQ(Get([&](Session& s) { return Repo::Find(s, other); })->ballots_cast, 0);
}

TEST_P(ConsultationContract, ConcurrentBallotLocksHandOutEverySequenceOnce) {
  auto x = SeedConsultations();
  constexpr int kThreads = 4, kEach = 10;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < kEach; ++i) {
        // The event's key includes the sequence: a number handed out twice fails as a duplicate.
        auto r = db_->Write([&](Session& s) -> Result<void> {
          auto locked = Repo::LockForBallot(s, x.c);
          if (!locked) return std::move(locked).error();
          auto seq = (*locked)->ballots_cast;
          return Repo::InsertEvent(s, x.c, {seq, x.i1, x.d1, "agree", 1}, "R" + std::to_string(seq));
        });
        if (!r) ++failures;
      }
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  auto events = Get([&](Session& s) { return Repo::Events(s, x.c, 1); });
  Ids seqs;
  for (const auto& e : events) seqs.push_back(e.seq);
  Ids want(kThreads * kEach);
  for (std::size_t i = 0; i < want.size(); ++i) want[i] = static_cast<std::int64_t>(i + 1);
  EXPECT_EQ(seqs, want);
  EXPECT_EQ(Get([&](Session& s) { return Repo::Find(s, x.c); })->ballots_cast, kThreads * kEach);
}

// ---- items and rounds ----

TEST_P(ConsultationContract, ItemsRoundTripInPositionThenIdOrder) {
  auto v = SeedVoters();
  std::int64_t c = 0, c_other = 0, c_empty = 0;
  std::vector<ConsultationItemRecord> items;
  Put([&](Session& s) -> Result<void> {
    c = Must(Repo::Insert(s, Draft(v.e1, kHongdu1, "菜单")));
    c_other = Must(Repo::Insert(s, Draft(v.e1, kHongdu1, "另一次")));
    c_empty = Must(Repo::Insert(s, Draft(v.e1, kHongdu1, "空")));
    items = {
        {0, c, 2, "外墙修缮", std::string("B13"), R"({"type":"civil_code","matter":8})", "estate", std::nullopt,
         std::nullopt},
        {0, c, 1, kTrickyText, std::nullopt, R"({"type":"custom","说明":"过半 ≥ ½"})", "building", v.b1, std::nullopt},
        {0, c, 3, "楼道修缮", std::string("B14"), "{}", "stairwell", v.b1, 2},
        {0, c, 1, "同一位置，后插入", std::nullopt, "{}", "stairwell", v.b2, 0},  // stairwell 0 is not NULL
    };
    for (auto& i : items) i.id = Must(Repo::InsertItem(s, i));
    Must(Repo::InsertItem(s, {0, c_other, 1, "别的", std::nullopt, "{}", "estate", std::nullopt, std::nullopt}));
    return Ok();
  });
  auto got = Get([&](Session& s) { return Repo::Items(s, c); });
  std::vector<ConsultationItemRecord> want = {items[1], items[3], items[0], items[2]};
  EXPECT_EQ(AllFields(got), AllFields(want));
  ASSERT_EQ(got.size(), 4u);
  EXPECT_EQ(got[1].stairwell, std::optional<int>(0));
  EXPECT_FALSE(got[0].stairwell.has_value());
  EXPECT_EQ(Get([&](Session& s) { return Repo::Items(s, c_other); }).size(), 1u);
  EXPECT_TRUE(Get([&](Session& s) { return Repo::Items(s, c_empty); }).empty());
  EXPECT_TRUE(Get([&](Session& s) { return Repo::Items(s, kMaxId); }).empty());
  // An item scoped to a building that does not exist is refused.
  Refused([&](Session& s) -> Result<void> {
    auto r = Repo::InsertItem(s, {0, c, 9, "x", std::nullopt, "{}", "building", kMaxId, std::nullopt});
    if (!r) return std::move(r).error();
    return Ok();
  });
  EXPECT_EQ(Get([&](Session& s) { return Repo::Items(s, c); }).size(), 4u);
}

TEST_P(ConsultationContract, RoundsRoundTripInNumberOrderKeepingNullAndEmptyDwellingLists) {
  auto x = SeedConsultations();
  std::vector<RoundRecord> rounds = {
      {x.c, 1, {x.i1, x.i2}, std::nullopt, "2026-12-01T00:00:00.000Z", 7},  // every dwelling
      {x.c, 2, {x.i2, x.i1}, Ids{x.d5, x.d2}, "2026-12-10T00:00:00.000Z", kLargeId},
      {x.c, 3, {x.i1}, Ids{}, "2026-12-20T00:00:00.000Z", 7},  // no dwelling at all: not NULL
  };
  Put([&](Session& s) -> Result<void> {
    Must(Repo::InsertRound(s, rounds[1]));  // out of order
    Must(Repo::InsertRound(s, rounds[2]));
    Must(Repo::InsertRound(s, rounds[0]));
    Must(Repo::InsertRound(s, {x.c2, 1, {x.j1}, std::nullopt, kAt, 7}));
    return Ok();
  });
  auto got = Get([&](Session& s) { return Repo::Rounds(s, x.c); });
  EXPECT_EQ(AllFields(got), AllFields(rounds));
  ASSERT_EQ(got.size(), 3u);
  EXPECT_FALSE(got[0].dwelling_ids.has_value());
  ASSERT_TRUE(got[2].dwelling_ids.has_value());
  EXPECT_TRUE(got[2].dwelling_ids->empty());
  EXPECT_EQ(Get([&](Session& s) { return Repo::Rounds(s, x.c2); }).size(), 1u);
  EXPECT_TRUE(Get([&](Session& s) { return Repo::Rounds(s, kMaxId); }).empty());
  auto dup = Refused([&](Session& s) { return Repo::InsertRound(s, {x.c, 2, {x.i1}, std::nullopt, kAt, 7}); });
  EXPECT_EQ(dup.reason, "store.duplicate");
  EXPECT_EQ(Get([&](Session& s) { return Repo::Rounds(s, x.c); }).size(), 3u);
}

// ---- voters ----

TEST_P(ConsultationContract, VoterDwellingsCarryTheirOwnersInIdOrder) {
  auto v = SeedVoters();
  auto e1 = Get([&](Session& s) { return Repo::VoterDwellings(s, v.e1); });
  EXPECT_EQ(AllFields(e1), AllFields(Expected(v, {v.d1, v.d2, v.d3, v.d4, v.d5, v.d6})));
  auto e2 = Get([&](Session& s) { return Repo::VoterDwellings(s, v.e2); });
  EXPECT_EQ(AllFields(e2), AllFields(Expected(v, {v.f1})));
  EXPECT_TRUE(Get([&](Session& s) { return Repo::VoterDwellings(s, v.e_empty); }).empty());
  EXPECT_TRUE(Get([&](Session& s) { return Repo::VoterDwellings(s, kMaxId); }).empty());

  // One dwelling, with all its owners whichever estate they also own in.
  auto d2 = Get([&](Session& s) { return Repo::FindVoterDwelling(s, v.d2); });
  ASSERT_TRUE(d2);
  EXPECT_EQ(Fields(*d2), Fields(Expected(v, {v.d2}).front()));
  auto f1 = Get([&](Session& s) { return Repo::FindVoterDwelling(s, v.f1); });
  ASSERT_TRUE(f1);
  EXPECT_EQ(Fields(*f1), Fields(Expected(v, {v.f1}).front()));
  auto d4 = Get([&](Session& s) { return Repo::FindVoterDwelling(s, v.d4); });
  ASSERT_TRUE(d4);
  EXPECT_TRUE(d4->owner_ids.empty());
  EXPECT_FALSE(Get([&](Session& s) { return Repo::FindVoterDwelling(s, kMaxId); }));
  EXPECT_FALSE(Get([&](Session& s) { return Repo::FindVoterDwelling(s, 0); }));
}

TEST_P(ConsultationContract, UnitCountsSizeEveryBuildingAndStairwell) {
  auto v = SeedVoters();
  auto units = Get([&](Session& s) { return Repo::UnitCounts(s, v.e1); });
  std::vector<std::tuple<std::int64_t, int, std::int64_t>> got;
  for (const auto& u : units) got.emplace_back(u.building_id, u.stairwell, u.dwellings);
  std::sort(got.begin(), got.end());  // the contract does not promise an order
  std::vector<std::tuple<std::int64_t, int, std::int64_t>> want = {{v.b1, 1, 2}, {v.b1, 2, 1}, {v.b2, 1, 3}};
  std::sort(want.begin(), want.end());
  EXPECT_EQ(got, want);
  EXPECT_EQ(Get([&](Session& s) { return Repo::UnitCounts(s, v.e2); }).size(), 1u);
  EXPECT_TRUE(Get([&](Session& s) { return Repo::UnitCounts(s, v.e_empty); }).empty());
}

TEST_P(ConsultationContract, CoOwnedDwellingsFollowSharedOwnersInsideTheEstate) {
  auto v = SeedVoters();
  auto co = [&](std::int64_t estate, const Ids& ids) {
    return AllFields(Get([&](Session& s) { return Repo::CoOwnedDwellings(s, estate, ids); }));
  };
  auto want = [&](const Ids& ids) { return AllFields(Expected(v, ids)); };
  // 张三 owns d1, d2 (with 李四) and f1 in the next estate.
  EXPECT_EQ(co(v.e1, {v.d1}), want({v.d1, v.d2}));
  EXPECT_EQ(co(v.e1, {v.d2}), want({v.d1, v.d2}));
  EXPECT_EQ(co(v.e1, {v.d3}), want({v.d3}));
  EXPECT_EQ(co(v.e1, {v.d3, v.d1}), want({v.d1, v.d2, v.d3}));  // once each, in id order
  EXPECT_EQ(co(v.e1, {v.f1}), want({v.d1, v.d2}));  // reached from the next estate's dwelling
  EXPECT_EQ(co(v.e2, {v.d1}), want({v.f1}));
  EXPECT_TRUE(co(v.e1, {v.d4}).empty());  // no owner, no co-owned dwelling (not even itself)
  EXPECT_TRUE(co(v.e1, {}).empty());
  EXPECT_TRUE(co(v.e1, {kMaxId}).empty());
  EXPECT_TRUE(co(v.e_empty, {v.d1}).empty());
}

TEST_P(ConsultationContract, DwellingsBySaleStatusFilterExactly) {
  auto v = SeedVoters();
  auto by = [&](std::int64_t estate, const std::string& status) {
    return AllFields(Get([&](Session& s) { return Repo::DwellingsBySaleStatus(s, estate, status); }));
  };
  EXPECT_EQ(by(v.e1, "developer_unsold"), AllFields(Expected(v, {v.d4, v.d5})));
  EXPECT_EQ(by(v.e1, "public_housing"), AllFields(Expected(v, {v.d6})));
  EXPECT_EQ(by(v.e1, "sold"), AllFields(Expected(v, {v.d1, v.d2, v.d3})));
  EXPECT_EQ(by(v.e2, "sold"), AllFields(Expected(v, {v.f1})));
  EXPECT_TRUE(by(v.e2, "developer_unsold").empty());
  EXPECT_TRUE(by(v.e1, "SOLD").empty());
  EXPECT_TRUE(by(v.e1, "").empty());
}

TEST_P(ConsultationContract, OwnerNamesPerDwellingInDwellingThenOwnerOrder) {
  auto v = SeedVoters();
  using Names = std::vector<std::pair<std::int64_t, std::string>>;
  EXPECT_EQ(Get([&](Session& s) { return Repo::OwnerNames(s, v.e1); }),
            (Names{{v.d1, "张三"}, {v.d2, "张三"}, {v.d2, "李四·Ñ 🏠"}, {v.d3, "王五"}}));
  EXPECT_EQ(Get([&](Session& s) { return Repo::OwnerNames(s, v.e2); }), (Names{{v.f1, "张三"}}));
  EXPECT_TRUE(Get([&](Session& s) { return Repo::OwnerNames(s, v.e_empty); }).empty());
}

// ---- ballots ----

TEST_P(ConsultationContract, UpsertBallotReplacesTheStandingBallotOfAnItemAndDwelling) {
  auto x = SeedConsultations();
  const std::string t1 = "2026-12-01T09:00:00.000Z", t2 = "2026-12-01T10:00:00.000Z", t3 = "2026-12-11T10:00:00.000Z";
  std::vector<BallotRecord> first = {
      {x.c, x.i1, x.d1, "agree", 1, "door", "R1", 1, t1},
      {x.c, x.i2, x.d1, "disagree", 1, "door", "R1", 1, t1},
      {x.c, x.i1, x.d2, "abstain", 1, "paper", "R2", 2, t2},
  };
  Put([&](Session& s) -> Result<void> {
    Must(Repo::UpsertBallot(s, first[2]));  // out of order: the list is by dwelling, then item
    Must(Repo::UpsertBallot(s, first[0]));
    Must(Repo::UpsertBallot(s, first[1]));
    Must(Repo::UpsertBallot(s, {x.c2, x.j1, x.d1, "agree", 1, "online", "S1", kLargeId, t1}));
    return Ok();
  });
  auto ballots = [&](std::int64_t c, std::optional<Ids> filter) {
    return AllFields(Get([&](Session& s) { return Repo::Ballots(s, c, filter); }));
  };
  auto standing = [&](const std::string& receipt) {
    return Get([&](Session& s) { return Repo::StandingBallotsOf(s, receipt); });
  };
  EXPECT_EQ(ballots(x.c, std::nullopt), AllFields(first));
  EXPECT_EQ(standing("R1"), 2);
  EXPECT_EQ(standing("R2"), 1);
  EXPECT_EQ(standing("S1"), 1);
  EXPECT_EQ(standing("r1"), 0);  // receipt codes are exact
  EXPECT_EQ(standing("nope"), 0);

  // The owner changes their mind in round 2, online: the second ballot replaces the first.
  BallotRecord again{x.c, x.i1, x.d1, "disagree", 2, "online", "R3", 3, t3};
  Put([&](Session& s) { return Repo::UpsertBallot(s, again); });
  std::vector<BallotRecord> now = {again, first[1], first[2]};
  EXPECT_EQ(ballots(x.c, std::nullopt), AllFields(now));
  EXPECT_EQ(standing("R1"), 1);
  EXPECT_EQ(standing("R3"), 1);
  Put([&](Session& s) { return Repo::UpsertBallot(s, {x.c, x.i2, x.d1, "agree", 2, "online", "R3", 3, t3}); });
  EXPECT_EQ(standing("R1"), 0) << "a receipt whose ballots were all replaced no longer counts";
  EXPECT_EQ(standing("R3"), 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM ballot WHERE consultation_id = ?", {Int(x.c)}), 3);

  // Dwelling filters.
  EXPECT_EQ(ballots(x.c, Ids{x.d2, kMaxId}), AllFields(std::vector<BallotRecord>{first[2]}));
  EXPECT_EQ(ballots(x.c, Ids{x.d1}).size(), 2u);
  EXPECT_TRUE(ballots(x.c, Ids{}).empty()) << "an empty filter is no dwelling, not every dwelling";
  EXPECT_TRUE(ballots(x.c, Ids{x.d6}).empty());
  EXPECT_EQ(ballots(x.c2, std::nullopt).size(), 1u);
  EXPECT_TRUE(ballots(kMaxId, std::nullopt).empty());

  // A ballot for a dwelling that does not exist is refused and leaves nothing behind.
  Refused([&](Session& s) { return Repo::UpsertBallot(s, {x.c, x.i1, kMaxId, "agree", 1, "door", "RX", 9, t1}); });
  EXPECT_EQ(standing("RX"), 0);
}

TEST_P(ConsultationContract, EventsComeInCastingOrderUpToTheRound) {
  auto x = SeedConsultations();
  Put([&](Session& s) -> Result<void> {
    // Recorded out of sequence order on purpose.
    Must(Repo::InsertEvent(s, x.c, {3, x.i1, x.d1, "disagree", 2}, "R3"));
    Must(Repo::InsertEvent(s, x.c, {1, x.i1, x.d1, "agree", 1}, "R1"));
    Must(Repo::InsertEvent(s, x.c, {1, x.i2, x.d1, "disagree", 1}, "R1"));
    Must(Repo::InsertEvent(s, x.c, {4, x.i2, x.d2, "agree", 3}, "R4"));
    Must(Repo::InsertEvent(s, x.c, {2, x.i1, x.d2, "abstain", 1}, "R2"));
    Must(Repo::InsertEvent(s, x.c2, {1, x.j1, x.d1, "agree", 1}, "S1"));
    return Ok();
  });
  using E = BallotEventRecord;
  auto events = [&](std::int64_t c, int round) {
    auto got = Get([&](Session& s) { return Repo::Events(s, c, round); });
    for (std::size_t i = 1; i < got.size(); ++i) EXPECT_LE(got[i - 1].seq, got[i].seq) << "not in casting order";
    // Events of one submission share a sequence number; their order among themselves is not promised.
    std::stable_sort(got.begin(), got.end(), [](const E& a, const E& b) {
      return std::tie(a.seq, a.item_id, a.dwelling_id) < std::tie(b.seq, b.item_id, b.dwelling_id);
    });
    return AllFields(got);
  };
  std::vector<E> all = {{1, x.i1, x.d1, "agree", 1},
                        {1, x.i2, x.d1, "disagree", 1},
                        {2, x.i1, x.d2, "abstain", 1},
                        {3, x.i1, x.d1, "disagree", 2},
                        {4, x.i2, x.d2, "agree", 3}};
  EXPECT_TRUE(events(x.c, 0).empty());
  EXPECT_EQ(events(x.c, 1), AllFields(std::vector<E>(all.begin(), all.begin() + 3)));
  EXPECT_EQ(events(x.c, 2), AllFields(std::vector<E>(all.begin(), all.begin() + 4)));
  EXPECT_EQ(events(x.c, 3), AllFields(all));
  EXPECT_EQ(events(x.c, 99), AllFields(all));
  EXPECT_EQ(events(x.c2, 1), AllFields(std::vector<E>{{1, x.j1, x.d1, "agree", 1}}));
  EXPECT_TRUE(events(kMaxId, 1).empty());
  auto dup = Refused([&](Session& s) { return Repo::InsertEvent(s, x.c, {2, x.i1, x.d2, "agree", 1}, "R9"); });
  EXPECT_EQ(dup.reason, "store.duplicate");
}

TEST_P(ConsultationContract, ManyBallotsAndEventsOfOneSubmissionInOneWrite) {
  // One submission that changes an owner's choice on several dwellings: new and replaced standing
  // ballots in one statement, and their events, more rows than one statement takes (400).
  auto x = SeedConsultations();
  const std::string t1 = "2026-12-01T09:00:00.000Z", t2 = "2026-12-02T09:00:00.000Z";
  Put([&](Session& s) { return Repo::UpsertBallot(s, {x.c, x.i1, x.d1, "agree", 1, "door", "R1", 1, t1}); });
  std::vector<BallotRecord> submission = {
      {x.c, x.i1, x.d1, "disagree", 1, "paper", "R2", 2, t2},  // replaces R1's
      {x.c, x.i1, x.d2, "disagree", 1, "paper", "R2", 2, t2},  // new
      {x.c, x.i2, x.d1, "abstain", 1, "paper", "R2", 2, t2},   // new
  };
  Put([&](Session& s) { return Repo::UpsertBallots(s, submission); });
  EXPECT_EQ(AllFields(Get([&](Session& s) { return Repo::Ballots(s, x.c, std::nullopt); })),
            AllFields(std::vector<BallotRecord>{submission[0], submission[2], submission[1]}));
  EXPECT_EQ(Get([&](Session& s) { return Repo::StandingBallotsOf(s, "R1"); }), 0);
  Put([&](Session& s) { return Repo::UpsertBallots(s, {}); });  // nothing to write is not an error

  std::vector<BallotEventRecord> events;
  for (int k = 0; k < 401; ++k) events.push_back({10 + k, x.i1, x.d1, k % 2 ? "agree" : "disagree", 1});
  Put([&](Session& s) { return Repo::InsertEvents(s, x.c, events, "R5"); });
  auto got = Get([&](Session& s) { return Repo::Events(s, x.c, 1); });
  EXPECT_EQ(AllFields(got), AllFields(events)) << "both statements' rows, in casting order";
  EXPECT_EQ(Count("SELECT COUNT(*) FROM ballot_event WHERE receipt = 'R5'", {}), 401);

  // A duplicate inside the second statement refuses the whole call's rows with store.duplicate.
  std::vector<BallotEventRecord> more;
  for (int k = 0; k < 401; ++k) more.push_back({1000 + k, x.i2, x.d2, "agree", 1});
  more.back() = {10, x.i1, x.d1, "agree", 1};
  auto dup = Refused([&](Session& s) { return Repo::InsertEvents(s, x.c, more, "R6"); });
  EXPECT_EQ(dup.reason, "store.duplicate");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM ballot_event WHERE receipt = 'R6'", {}), 0);
}

TEST_P(ConsultationContract, ReceiptsRoundTripWithEvidenceAndDwellingLists) {
  auto x = SeedConsultations();
  constexpr std::int64_t kBigFile = 5'000'000'000;  // above 2^32
  Put([&](Session& s) -> Result<void> {
    Must(s.Exec("INSERT INTO stored_file (id, sha256, content_type, size_bytes, name, region_code, uploaded_by, "
                "created_at) VALUES (?, 'ab', 'image/jpeg', 10, '选票.jpg', ?, 1, ?)",
                {Int(kBigFile), Str(kHongdu1), Str(kAt)}));
    return Ok();
  });
  ReceiptRecord door{"HX7K2M9QPL4T", x.c, x.d1, 1, "door",
                     R"([{"itemId":1,"choice":"agree"},{"备注":"同意 🏠 \"引号\""}])", {x.d1, x.d2},
                     std::nullopt, 0, "2026-12-01T09:00:00.000Z"};
  ReceiptRecord paper{"HXAAAAAAAAAA", x.c, x.d3, 2, "paper", "[]", {x.d3}, kBigFile, kLargeId,
                      "2026-12-11T09:00:00.000Z"};
  Put([&](Session& s) -> Result<void> {
    Must(Repo::InsertReceipt(s, door));
    Must(Repo::InsertReceipt(s, paper));
    return Ok();
  });
  auto find = [&](const std::string& code) { return Get([&](Session& s) { return Repo::FindReceipt(s, code); }); };
  auto got = find(door.code);
  ASSERT_TRUE(got);
  EXPECT_EQ(Fields(*got), Fields(door));
  got = find(paper.code);
  ASSERT_TRUE(got);
  EXPECT_EQ(Fields(*got), Fields(paper));
  EXPECT_FALSE(find("hx7k2m9qpl4t")) << "receipt codes are exact";
  EXPECT_FALSE(find(""));
  EXPECT_FALSE(find("HX7K2M9QPL4"));

  auto dup = Refused([&](Session& s) {
    auto again = paper;
    again.code = door.code;
    return Repo::InsertReceipt(s, again);
  });
  EXPECT_EQ(dup.reason, "store.duplicate");
  // Evidence must be a stored file.
  Refused([&](Session& s) {
    auto bad = paper;
    bad.code = "HXBADFILE000";
    bad.evidence_file_id = kMaxId;
    return Repo::InsertReceipt(s, bad);
  });
  EXPECT_FALSE(find("HXBADFILE000"));
  EXPECT_EQ(Fields(*find(door.code)), Fields(door));
}

// ---- codes ----

TEST_P(ConsultationContract, CodesAreInsertedUnusedFoundExactlyAndMarkedUsed) {
  auto x = SeedConsultations();
  Put([&](Session& s) -> Result<void> {
    Must(Repo::InsertCode(s, {"CODE3", x.c, x.d3, 7}));  // used_round is not the caller's to set
    Must(Repo::InsertCode(s, {"CODE1", x.c, x.d1, 0}));
    Must(Repo::InsertCode(s, {"CODE2", x.c, x.d2, 0}));
    Must(Repo::InsertCode(s, {"OTHER1", x.c2, x.d1, 0}));  // same dwelling, another consultation
    return Ok();
  });
  auto codes = [&](std::int64_t c) { return AllFields(Get([&](Session& s) { return Repo::Codes(s, c); })); };
  auto find = [&](const std::string& code) { return Get([&](Session& s) { return Repo::FindCode(s, code); }); };
  using C = BallotCodeRecord;
  EXPECT_EQ(codes(x.c), AllFields(std::vector<C>{{"CODE1", x.c, x.d1, 0}, {"CODE2", x.c, x.d2, 0}, {"CODE3", x.c, x.d3, 0}}));
  EXPECT_EQ(codes(x.c2), AllFields(std::vector<C>{{"OTHER1", x.c2, x.d1, 0}}));
  EXPECT_TRUE(codes(kMaxId).empty());
  auto two = find("CODE2");
  ASSERT_TRUE(two);
  EXPECT_EQ(Fields(*two), Fields(C{"CODE2", x.c, x.d2, 0}));
  EXPECT_FALSE(find("code2"));
  EXPECT_FALSE(find("CODE"));
  EXPECT_FALSE(find(""));

  Put([&](Session& s) { return Repo::MarkCodeUsed(s, "CODE2", 2); });
  EXPECT_EQ(find("CODE2")->used_round, 2);
  Put([&](Session& s) { return Repo::MarkCodeUsed(s, "CODE2", 3); });
  EXPECT_EQ(find("CODE2")->used_round, 3);
  Put([&](Session& s) { return Repo::MarkCodeUsed(s, "NOPE", 1); });  // no such code: nothing happens
  EXPECT_EQ(codes(x.c), AllFields(std::vector<C>{{"CODE1", x.c, x.d1, 0}, {"CODE2", x.c, x.d2, 3}, {"CODE3", x.c, x.d3, 0}}));
  EXPECT_EQ(find("OTHER1")->used_round, 0);

  EXPECT_EQ(Refused([&](Session& s) { return Repo::InsertCode(s, {"CODE1", x.c, x.d4, 0}); }).reason, "store.duplicate");
  EXPECT_EQ(Refused([&](Session& s) { return Repo::InsertCode(s, {"CODE9", x.c, x.d1, 0}); }).reason, "store.duplicate")
      << "one code per dwelling and consultation";
  Refused([&](Session& s) { return Repo::InsertCode(s, {"CODE8", x.c, kMaxId, 0}); });
  EXPECT_EQ(codes(x.c).size(), 3u);
}

// ---- follow-up ----

TEST_P(ConsultationContract, FollowupAssignmentsAreReassignedAndVisitsListedInOrder) {
  auto x = SeedConsultations();
  std::int64_t u1 = 0, u2 = 0;
  Put([&](Session& s) -> Result<void> {
    u1 = AddUser(s, "grid.chen", kHongdu1, "community");
    u2 = AddUser(s, "grid.wang", kHongdu1, "community");
    Must(Repo::Assign(s, x.c, x.d2, u1, u2, "2026-12-02T01:00:00.000Z"));
    Must(Repo::Assign(s, x.c, x.d1, u1, u2, "2026-12-02T01:00:00.000Z"));
    Must(Repo::Assign(s, x.c, x.d1, u2, kLargeId, "2026-12-03T01:00:00.000Z"));  // reassigned
    return Ok();
  });
  auto assignments = [&](std::int64_t c) {
    auto got = Get([&](Session& s) { return Repo::Assignments(s, c); });
    std::sort(got.begin(), got.end(), [](const auto& a, const auto& b) { return a.dwelling_id < b.dwelling_id; });
    return AllFields(got);  // the contract does not promise an order
  };
  EXPECT_EQ(assignments(x.c),
            AllFields(std::vector<FollowupAssignmentRecord>{{x.d1, u2, "grid.wang"}, {x.d2, u1, "grid.chen"}}));
  auto by = Get([&](Session& s) {
    return s.Query("SELECT assigned_by, assigned_at FROM followup_assignment WHERE consultation_id = ? AND dwelling_id = ?",
                   {Int(x.c), Int(x.d1)});
  });
  ASSERT_EQ(by.size(), 1u);
  EXPECT_EQ(by[0].GetInt(0), kLargeId);
  EXPECT_EQ(by[0].GetText(1), "2026-12-03T01:00:00.000Z");
  EXPECT_TRUE(assignments(x.c2).empty());
  Refused([&](Session& s) { return Repo::Assign(s, x.c, x.d3, kMaxId, u1, kAt); });  // no such user
  Refused([&](Session& s) { return Repo::Assign(s, x.c, kMaxId, u1, u1, kAt); });   // no such dwelling
  EXPECT_EQ(assignments(x.c).size(), 2u);

  std::vector<FollowupVisitRecord> visits = {
      {0, x.c, x.d1, std::nullopt, "absent", "", u1, "grid.chen", "2026-12-04T01:00:00.000Z"},
      {0, x.c, x.d2, x.i1, "agreed", kTrickyText, u2, "grid.wang", "2026-12-04T02:00:00.000Z"},
      // Recorded by a user id with no account (user 0, or one removed since): no name, still listed.
      {0, x.c, x.d1, x.i2, "will_decide", "业主外出，下周再访", 0, "", "2026-12-05T01:00:00.000Z"},
  };
  FollowupVisitRecord other{0, x.c2, x.d3, std::nullopt, "refused", "不同意", u1, "grid.chen", kAt};
  Put([&](Session& s) -> Result<void> {
    for (auto& v : visits) v.id = Must(Repo::InsertVisit(s, v));
    other.id = Must(Repo::InsertVisit(s, other));
    return Ok();
  });
  EXPECT_LT(visits[0].id, visits[1].id);
  EXPECT_LT(visits[1].id, visits[2].id);
  EXPECT_EQ(AllFields(Get([&](Session& s) { return Repo::Visits(s, x.c); })), AllFields(visits));
  EXPECT_EQ(AllFields(Get([&](Session& s) { return Repo::Visits(s, x.c2); })),
            AllFields(std::vector<FollowupVisitRecord>{other}));
  EXPECT_TRUE(Get([&](Session& s) { return Repo::Visits(s, kMaxId); }).empty());
}

INSTANTIATE_TEST_SUITE_P(Sqlite, ConsultationContract, ::testing::Values("sqlite"));
INSTANTIATE_TEST_SUITE_P(Postgres, ConsultationContract, ::testing::Values("postgres"));

}  // namespace
}  // namespace huanxin::store::contract
