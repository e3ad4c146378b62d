// Contract of the national owner count (issue #16, migration 0021) on SQLite and PostgreSQL: the
// owner_stat counter that the triggers on dwelling_owner keep equals the number of distinct owners
// of the links after every kind of write to the links, and OwnerRepository::List at national scope
// (empty prefix) counts and pages exactly the linked owners.
#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>
#include <tuple>

#include "contract/contract_fixture.hpp"
#include "store/register/register_repository.hpp"
#include "testing/test_db.hpp"

namespace huanxin::store::contract {
namespace {

constexpr const char* kHongdu = "360104002001";
constexpr const char* kJingshan = "360104006001";

class OwnerStatContract : public ContractTest {
 protected:
  std::int64_t Counter() { return Count("SELECT CAST(COALESCE(SUM(linked_owners), 0) AS BIGINT) FROM owner_stat"); }
  std::int64_t Recount() { return Count("SELECT COUNT(DISTINCT owner_id) FROM dwelling_owner"); }
  std::vector<std::int64_t> LinkedIds() {
    return Get([&](Session& s) -> Result<std::vector<std::int64_t>> {
      auto rows = s.Query("SELECT DISTINCT owner_id FROM dwelling_owner ORDER BY owner_id");
      if (!rows) return std::move(rows).error();
      std::vector<std::int64_t> out;
      for (const auto& r : *rows) out.push_back(r.GetInt(0));
      return out;
    });
  }
  // The national list, all on one page: its total and its ids.
  std::pair<std::int64_t, std::vector<std::int64_t>> National(const std::optional<std::string>& q = std::nullopt,
                                                              std::int64_t limit = 1000, std::int64_t offset = 0) {
    Page page;
    auto list = Get([&](Session& s) { return OwnerRepository::List(s, "", q, limit, offset, page); });
    std::vector<std::int64_t> ids;
    for (const auto& o : list) ids.push_back(o.id);
    return {page.total, ids};
  }
  // The counter, the recount and the national list agree, and the recount is what the test expects
  // from its own writes (so a trigger that never fires cannot pass against an empty table).
  void ExpectCounted(std::int64_t expected, const std::string& after) {
    SCOPED_TRACE("after " + after);
    EXPECT_EQ(Recount(), expected);
    EXPECT_EQ(Counter(), expected);
    auto [total, ids] = National();
    EXPECT_EQ(total, expected);
    EXPECT_EQ(ids, LinkedIds());
  }
};

TEST_P(OwnerStatContract, CounterEqualsDistinctLinkedOwnersAfterEveryKindOfLinkWrite) {
  ExpectCounted(0, "migration");
  // Owners entered without a dwelling (POST /owners) are not counted.
  std::int64_t a = 0, b = 0, c = 0, d = 0, e = 0, unlinked = 0;
  std::int64_t e1 = 0, e2 = 0, b1 = 0, b2 = 0, b3 = 0, d1 = 0, d2 = 0, d3 = 0, d4 = 0, d5 = 0, d6 = 0;
  Put([&](Session& s) -> Result<void> {
    a = AddOwner(s, "ID-A", "甲");
    b = AddOwner(s, "ID-B", "乙");
    c = AddOwner(s, "ID-C", "丙");
    d = AddOwner(s, "ID-D", "丁");
    e = AddOwner(s, "ID-E", "戊");
    unlinked = AddOwner(s, "ID-U", "未关联");
    e1 = AddEstate(s, kHongdu, "计数甲");
    e2 = AddEstate(s, kJingshan, "计数乙");
    b1 = AddBuilding(s, e1, kHongdu, "1");
    b2 = AddBuilding(s, e2, kJingshan, "1");
    b3 = AddBuilding(s, e2, kJingshan, "2");
    d1 = AddDwelling(s, b1, e1, kHongdu, 1, 1, "101", 6000);
    d2 = AddDwelling(s, b1, e1, kHongdu, 1, 1, "102", 6000);
    d3 = AddDwelling(s, b2, e2, kJingshan, 1, 1, "101", 6000);
    d4 = AddDwelling(s, b3, e2, kJingshan, 1, 1, "101", 6000);
    d5 = AddDwelling(s, b3, e2, kJingshan, 1, 2, "201", 6000);
    d6 = AddDwelling(s, b1, e1, kHongdu, 1, 2, "201", 6000);
    return Ok();
  });
  ExpectCounted(0, "owners and dwellings without links");

  // First link, second link of the same owner, a co-owner of the same dwelling, a link that exists.
  Put([&](Session& s) -> Result<void> {
    LinkOwner(s, d1, a, e1, kHongdu);
    return Ok();
  });
  ExpectCounted(1, "a first link");
  Put([&](Session& s) -> Result<void> {
    LinkOwner(s, d2, a, e1, kHongdu);
    LinkOwner(s, d1, b, e1, kHongdu);
    EXPECT_FALSE(Must(OwnerRepository::Link(s, d1, b, e1, kHongdu)));  // ON CONFLICT DO NOTHING
    return Ok();
  });
  ExpectCounted(2, "a second link of one owner and a co-owner");

  // Unlinking one of two links keeps the owner; the last removes it.
  Put([&](Session& s) -> Result<void> {
    EXPECT_TRUE(Must(OwnerRepository::Unlink(s, d1, a)));
    return Ok();
  });
  ExpectCounted(2, "removing one of an owner's two links");
  Put([&](Session& s) -> Result<void> {
    EXPECT_TRUE(Must(OwnerRepository::Unlink(s, d2, a)));
    return Ok();
  });
  ExpectCounted(1, "removing an owner's last link");

  // Links loaded in bulk, the way `huanxin gen` does (COPY on PostgreSQL, one INSERT per row on
  // SQLite): C twice in one batch, B again (already linked), D once, E on two dwellings.
  Put([&](Session& s) -> Result<void> {
    std::string rows;
    for (auto [dwelling, owner, estate, region] : {std::tuple{d3, c, e2, kJingshan},
                                                   {d4, c, e2, kJingshan},
                                                   {d3, b, e2, kJingshan},
                                                   {d5, d, e2, kJingshan},
                                                   {d4, e, e2, kJingshan},
                                                   {d5, e, e2, kJingshan}}) {
      const auto dw = std::to_string(dwelling), ow = std::to_string(owner), es = std::to_string(estate);
      AppendCopyRow(rows, {dw, ow, es, region});
    }
    auto n = s.CopyIn("dwelling_owner", {"dwelling_id", "owner_id", "estate_id", "region_code"}, rows);
    if (!n) return std::move(n).error();
    return Ok();
  });
  ExpectCounted(4, "a bulk load of links");  // B, C, D, E

  // Moving an estate rewrites its links' region code: no owner gains or loses a link.
  Put([&](Session& s) -> Result<void> { return Done(EstateRepository::MoveContents(s, e2, kHongdu)); });
  ExpectCounted(4, "moving an estate");

  // A hand edit moving a link to another owner: D's only link goes to A (D lost, A gained), then one
  // of E's two links goes to C (already linked: nothing changes).
  Put([&](Session& s) -> Result<void> {
    if (auto r = s.Exec("UPDATE dwelling_owner SET owner_id = ? WHERE dwelling_id = ? AND owner_id = ?",
                        {Int(a), Int(d5), Int(d)});
        !r)
      return std::move(r).error();
    return Done(s.Exec("UPDATE dwelling_owner SET owner_id = ? WHERE dwelling_id = ? AND owner_id = ?",
                       {Int(c), Int(d5), Int(e)}));
  });
  ExpectCounted(4, "links moved between owners");  // A, B, C, E
  EXPECT_EQ(LinkedIds(), (std::vector<std::int64_t>{a, b, c, e}));

  // Deleting a dwelling drops its links (ON DELETE CASCADE): B keeps d3, so only B's d1 goes.
  Put([&](Session& s) -> Result<void> { return DwellingRepository::Delete(s, d1); });
  ExpectCounted(4, "deleting a dwelling whose owner holds another");
  // A building of two dwellings whose owners hold nothing else but them: C (d4, d5 after the move)
  // keeps d3; E (d4) loses its last; A (d5) loses its last.
  Put([&](Session& s) -> Result<void> { return BuildingRepository::Delete(s, b3); });
  ExpectCounted(2, "deleting a building");  // B, C on d3
  // A whole estate: the cascade through buildings and dwellings removes the links of B and C.
  Put([&](Session& s) -> Result<void> {
    LinkOwner(s, d6, unlinked, e1, kHongdu);
    return EstateRepository::Delete(s, e2);
  });
  ExpectCounted(1, "deleting an estate");
  EXPECT_EQ(LinkedIds(), std::vector<std::int64_t>{unlinked});

  // A write that fails rolls its count back with it.
  auto refused = Refused([&](Session& s) -> Result<void> {
    LinkOwner(s, d2, b, e1, kHongdu);
    return MakeError(ErrorCode::kConflict, "test.abort", Text::Same("abort"));
  });
  EXPECT_EQ(refused.reason, "test.abort");
  ExpectCounted(1, "a rolled-back link");
}

TEST_P(OwnerStatContract, NationalListPagesInIdOrderAndSearchesNamesOfLinkedOwnersOnly) {
  std::vector<std::int64_t> linked;
  Put([&](Session& s) -> Result<void> {
    const auto estate = AddEstate(s, kHongdu, "分页");
    const auto building = AddBuilding(s, estate, kHongdu, "1");
    for (int i = 0; i < 7; ++i) {
      const auto dwelling = AddDwelling(s, building, estate, kHongdu, 1, 1, "10" + std::to_string(i), 5000);
      // Every other owner holds no dwelling, and the one holding two is listed once.
      AddOwner(s, "ID-N" + std::to_string(i), "王未关联" + std::to_string(i));
      const auto o = AddOwner(s, "ID-L" + std::to_string(i), (i % 2 ? "王" : "李") + std::to_string(i));
      LinkOwner(s, dwelling, o, estate, kHongdu);
      if (i == 3) LinkOwner(s, dwelling - 1, o, estate, kHongdu);
      linked.push_back(o);
    }
    return Ok();
  });
  auto [total, all] = National();
  EXPECT_EQ(total, 7);
  EXPECT_EQ(all, linked);
  auto [page_total, page] = National(std::nullopt, 3, 3);
  EXPECT_EQ(page_total, 7);
  EXPECT_EQ(page, (std::vector<std::int64_t>{linked[3], linked[4], linked[5]}));
  // 王1, 王3, 王5 hold dwellings; 王未关联* do not.
  auto [wang_total, wang] = National("王", 2, 1);
  EXPECT_EQ(wang_total, 3);
  EXPECT_EQ(wang, (std::vector<std::int64_t>{linked[3], linked[5]}));
  // The national list equals the list of the only region holding dwellings.
  Page city;
  auto scoped = Get([&](Session& s) { return OwnerRepository::List(s, "3601", std::nullopt, 100, 0, city); });
  EXPECT_EQ(city.total, 7);
  EXPECT_EQ(scoped.size(), all.size());
}

// PostgreSQL only (SQLite has one writer): two servers' transactions giving one owner a first link
// at the same moment, each blind to the other's uncommitted row, must count the owner once. The
// first transaction holds its link uncommitted until the second is seen waiting on it (the
// trigger's owner lock) or has finished (no lock: the count would then be 2), then commits.
TEST_P(OwnerStatContract, ConcurrentFirstLinksOfOneOwnerCountItOnce) {
  if (GetParam() != "postgres") GTEST_SKIP() << "one writer on SQLite";
  std::int64_t owner = 0, estate = 0, d1 = 0, d2 = 0;
  Put([&](Session& s) -> Result<void> {
    owner = AddOwner(s, "ID-C1", "并发");
    estate = AddEstate(s, kHongdu, "并发");
    const auto building = AddBuilding(s, estate, kHongdu, "1");
    d1 = AddDwelling(s, building, estate, kHongdu, 1, 1, "101", 5000);
    d2 = AddDwelling(s, building, estate, kHongdu, 1, 1, "102", 5000);
    return Ok();
  });
  // A second server on the same database.
  const auto base = std::string(std::getenv("HUANXIN_TEST_PG"));
  const auto name = Get([&](Session& s) -> Result<std::string> {
    auto rows = s.Query("SELECT current_database()");
    if (!rows) return std::move(rows).error();
    return rows->front().GetText(0);
  });
  auto other = testing::OpenMigrated(base.substr(0, base.rfind('/') + 1) + name, 2);
  ASSERT_TRUE(other);
  std::atomic<bool> first_linked{false}, may_commit{false};
  std::thread second([&] {
    while (!first_linked) std::this_thread::yield();
    auto r = other->Write([&](Session& s) -> Result<void> {
      LinkOwner(s, d2, owner, estate, kHongdu);
      return Ok();
    });
    EXPECT_TRUE(r) << (r ? "" : Describe(r.error()));
    may_commit = true;
  });
  Put([&](Session& s) -> Result<void> {
    LinkOwner(s, d1, owner, estate, kHongdu);
    first_linked = true;
    // Until the other transaction waits on a lock or has committed without waiting.
    while (!may_commit) {
      auto waiting = other->Read([&](Session& r) -> Result<void> {
        auto n = QueryInt(r,
                          "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() "
                          "AND wait_event_type = 'Lock'");
        if (!n) return std::move(n).error();
        if (*n > 0) may_commit = true;  // blocked behind this transaction
        return Ok();
      });
      if (!waiting) return std::move(waiting).error();
    }
    return Ok();
  });
  second.join();
  ExpectCounted(1, "two concurrent first links");
}

INSTANTIATE_TEST_SUITE_P(Sqlite, OwnerStatContract, ::testing::Values("sqlite"));
INSTANTIATE_TEST_SUITE_P(Postgres, OwnerStatContract, ::testing::Values("postgres"));

}  // namespace
}  // namespace huanxin::store::contract
