// Contract suite of the register's estate-wide writes and counts on SQLite and PostgreSQL:
// EstateRepository::MoveContents, DwellingRepository::CountByEstate / CountByBuilding / CountBeyond
// (store/register/register_repository) and EstateSummaryRepository. register_contract_test.cpp holds
// the list and owner-link cases.
#include <gtest/gtest.h>

#include <map>
#include <tuple>

#include "contract/contract_fixture.hpp"
#include "store/register/estate_summary_repository.hpp"
#include "store/register/register_repository.hpp"

namespace huanxin::store::contract {
namespace {

constexpr const char* kHongdu = "360104002001";
constexpr const char* kSandian = "360104002002";
constexpr const char* kJingshan = "360104006001";

class RegisterEstateContract : public ContractTest {
 protected:
  // Two estates of 洪都新村: `moving` with two buildings, three dwellings (one co-owned by two
  // owners, one with a household) and `staying` with one of each, sharing an owner with `moving`.
  void SetUpTwoEstates() {
    Put([&](Session& s) -> Result<void> {
      moving = AddEstate(s, kHongdu, "搬迁小区");
      staying = AddEstate(s, kHongdu, "原地小区");
      b1 = AddBuilding(s, moving, kHongdu, "1");
      b2 = AddBuilding(s, moving, kHongdu, "2");
      const auto d1 = AddDwelling(s, b1, moving, kHongdu, 1, 1, "101", 6000);
      const auto d2 = AddDwelling(s, b1, moving, kHongdu, 2, 2, "201", 7000);
      AddDwelling(s, b2, moving, kHongdu, 1, 1, "101", 8000);
      const auto sb = AddBuilding(s, staying, kHongdu, "1");
      const auto sd = AddDwelling(s, sb, staying, kHongdu, 1, 1, "101", 5000);
      const auto a = AddOwner(s, "360104198001010018", "冯八"), b = AddOwner(s, "360104198102020026", "O'Brien 🏠");
      LinkOwner(s, d1, a, moving, kHongdu);
      LinkOwner(s, d1, b, moving, kHongdu);
      LinkOwner(s, sd, a, staying, kHongdu);
      Must(HouseholdRepository::Upsert(s, {d2, kHongdu, 3, 1, 0, "owner_occupied", kAt}));
      Must(HouseholdRepository::Upsert(s, {sd, kHongdu, 1, 0, 0, "rented", kAt}));
      return Ok();
    });
  }
  // Rows per (table, region code) of one estate.
  std::map<std::pair<std::string, std::string>, std::int64_t> RowsOf(std::int64_t estate) {
    std::map<std::pair<std::string, std::string>, std::int64_t> out;
    Get([&](Session& s) -> Result<void> {
      for (const char* sql : {"SELECT 'building', region_code, COUNT(*) FROM building WHERE estate_id = ? GROUP BY region_code",
                              "SELECT 'dwelling', region_code, COUNT(*) FROM dwelling WHERE estate_id = ? GROUP BY region_code",
                              "SELECT 'dwelling_owner', region_code, COUNT(*) FROM dwelling_owner WHERE estate_id = ? GROUP BY region_code",
                              "SELECT 'household', h.region_code, COUNT(*) FROM household h JOIN dwelling d ON d.id = h.dwelling_id "
                              "WHERE d.estate_id = ? GROUP BY h.region_code",
                              "SELECT 'estate', region_code, COUNT(*) FROM estate WHERE id = ? GROUP BY region_code"}) {
        auto rows = s.Query(sql, {Int(estate)});
        if (!rows) return std::move(rows).error();
        for (const auto& r : *rows) out[{r.GetText(0), r.GetText(1)}] = r.GetInt(2);
      }
      return Ok();
    });
    return out;
  }
  std::int64_t moving = 0, staying = 0, b1 = 0, b2 = 0;
};

TEST_P(RegisterEstateContract, MoveContentsRecodesEveryRowTheEstateHoldsAndNothingElse) {
  if (IsSkipped()) return;
  SetUpTwoEstates();
  const auto staying_before = RowsOf(staying);
  // 2 buildings + 3 dwellings + 2 owner links + 1 household.
  EXPECT_EQ(Put([&](Session& s) { return EstateRepository::MoveContents(s, moving, kJingshan); }), 8);
  using Key = std::pair<std::string, std::string>;
  EXPECT_EQ(RowsOf(moving), (std::map<Key, std::int64_t>{{{"building", kJingshan}, 2},
                                                         {{"dwelling", kJingshan}, 3},
                                                         {{"dwelling_owner", kJingshan}, 2},
                                                         {{"household", kJingshan}, 1},
                                                         {{"estate", kHongdu}, 1}}))  // the estate row is Update's
      << "every held row moves, the estate row stays for Update";
  EXPECT_EQ(RowsOf(staying), staying_before);
  // Moving again to the same place changes the same rows (no row is skipped as already there), and
  // an estate without rows or an unknown id changes nothing.
  EXPECT_EQ(Put([&](Session& s) { return EstateRepository::MoveContents(s, moving, kJingshan); }), 8);
  const auto empty = Put([&](Session& s) -> Result<std::int64_t> { return AddEstate(s, kSandian, "空小区"); });
  EXPECT_EQ(Put([&](Session& s) { return EstateRepository::MoveContents(s, empty, kJingshan); }), 0);
  EXPECT_EQ(Put([&](Session& s) { return EstateRepository::MoveContents(s, kMaxId, kJingshan); }), 0);
}

TEST_P(RegisterEstateContract, MoveContentsRollsBackWithItsTransaction) {
  if (IsSkipped()) return;
  SetUpTwoEstates();
  const auto before = RowsOf(moving);
  auto e = Refused([&](Session& s) -> Result<void> {
    Must(EstateRepository::MoveContents(s, moving, kJingshan));
    return MakeError(ErrorCode::kConflict, "test.abort", Text::Same("abort"));
  });
  EXPECT_EQ(e.reason, "test.abort");
  EXPECT_EQ(RowsOf(moving), before);
}

TEST_P(RegisterEstateContract, DwellingCountsPerEstateAndPerBuilding) {
  if (IsSkipped()) return;
  SetUpTwoEstates();
  EXPECT_EQ(Get([&](Session& s) { return DwellingRepository::CountByEstate(s, moving); }), 3);
  EXPECT_EQ(Get([&](Session& s) { return DwellingRepository::CountByEstate(s, staying); }), 1);
  EXPECT_EQ(Get([&](Session& s) { return DwellingRepository::CountByBuilding(s, b1); }), 2);
  EXPECT_EQ(Get([&](Session& s) { return DwellingRepository::CountByBuilding(s, b2); }), 1);
  // Unknown ids and empty ones count nothing.
  const auto empty = Put([&](Session& s) -> Result<std::int64_t> { return AddEstate(s, kSandian, "空小区"); });
  const auto bare = Put([&](Session& s) -> Result<std::int64_t> { return AddBuilding(s, empty, kSandian, "9"); });
  EXPECT_EQ(Get([&](Session& s) { return DwellingRepository::CountByEstate(s, empty); }), 0);
  EXPECT_EQ(Get([&](Session& s) { return DwellingRepository::CountByBuilding(s, bare); }), 0);
  EXPECT_EQ(Get([&](Session& s) { return DwellingRepository::CountByEstate(s, kMaxId); }), 0);
  EXPECT_EQ(Get([&](Session& s) { return DwellingRepository::CountByBuilding(s, kMaxId); }), 0);
}

TEST_P(RegisterEstateContract, CountBeyondCountsDwellingsPastEitherBoundOnly) {
  if (IsSkipped()) return;
  std::int64_t building = 0;
  Put([&](Session& s) -> Result<void> {
    const auto estate = AddEstate(s, kHongdu, "缩楼小区");
    building = AddBuilding(s, estate, kHongdu, "1", 3);
    AddDwelling(s, building, estate, kHongdu, 1, 6, "601", 6000);   // top floor of stairwell 1
    AddDwelling(s, building, estate, kHongdu, 3, 1, "101", 6000);   // ground floor of stairwell 3
    AddDwelling(s, building, estate, kHongdu, 1, -1, "B01", 3000);  // a basement
    // Another building's dwelling high up never counts.
    const auto other = AddBuilding(s, estate, kHongdu, "2", 3);
    AddDwelling(s, other, estate, kHongdu, 3, 6, "601", 6000);
    return Ok();
  });
  auto beyond = [&](int stairwells, int floors) {
    return Get([&](Session& s) { return DwellingRepository::CountBeyond(s, building, stairwells, floors); });
  };
  EXPECT_EQ(beyond(3, 6), 0);  // exactly at both bounds
  EXPECT_EQ(beyond(2, 6), 1);  // stairwell 3 lies past 2
  EXPECT_EQ(beyond(3, 5), 1);  // floor 6 lies past 5
  EXPECT_EQ(beyond(2, 5), 2);  // both, each dwelling once
  EXPECT_EQ(beyond(1, 1), 2);  // the basement is never beyond
  EXPECT_EQ(Get([&](Session& s) { return DwellingRepository::CountBeyond(s, kMaxId, 1, 1); }), 0);
}

auto Fields(const DwellingHolding& h) {
  return std::tuple(h.dwelling_id, h.exclusive_area_dm2, h.sale_status, h.use_type, h.owner_ids);
}

TEST_P(RegisterEstateContract, SummaryFiguresOfAnEmptyEstateAreZeros) {
  if (IsSkipped()) return;
  const auto empty = Put([&](Session& s) -> Result<std::int64_t> { return AddEstate(s, kSandian, "空小区"); });
  for (auto estate : {empty, kMaxId}) {
    auto b = Get([&](Session& s) { return EstateSummaryRepository::Buildings(s, estate); });
    EXPECT_EQ(std::tuple(b.buildings, b.stairwells), std::tuple(0, 0));
    EXPECT_TRUE(Get([&](Session& s) { return EstateSummaryRepository::Holdings(s, estate); }).empty());
    auto h = Get([&](Session& s) { return EstateSummaryRepository::Households(s, estate); });
    EXPECT_EQ(std::tuple(h.recorded, h.residents, h.aged_60_plus, h.disabled), std::tuple(0, 0, 0, 0));
  }
}

TEST_P(RegisterEstateContract, SummaryFiguresReadTheEstatesOwnRowsExactly) {
  if (IsSkipped()) return;
  std::int64_t estate = 0, other = 0, d_none = 0, d_co = 0, d_shop = 0, d_unsold = 0, a = 0, b = 0, c = 0;
  Put([&](Session& s) -> Result<void> {
    estate = AddEstate(s, kHongdu, kTrickyText);
    other = AddEstate(s, kHongdu, "隔壁小区");
    const auto b1 = AddBuilding(s, estate, kHongdu, "1", 3), b2 = AddBuilding(s, estate, kHongdu, "2", 1);
    // Created out of order so that id order is not insertion order of the owners.
    c = AddOwner(s, "360104198203030034", "丙");
    a = AddOwner(s, "360104198001010018", "甲");
    b = AddOwner(s, "360104198102020026", "乙");
    d_co = AddDwelling(s, b1, estate, kHongdu, 1, 2, "201", 9010);
    d_none = AddDwelling(s, b1, estate, kHongdu, 1, 1, "101", 1);
    d_shop = AddDwelling(s, b2, estate, kHongdu, 1, 1, "商铺1", 12345678);
    d_unsold = AddDwelling(s, b2, estate, kHongdu, 1, 2, "201", 7000, "developer_unsold");
    DwellingRecord shop = *Must(DwellingRepository::Find(s, d_shop));
    shop.use_type = "commercial";
    Must(DwellingRepository::Update(s, shop));
    LinkOwner(s, d_co, b, estate, kHongdu);
    LinkOwner(s, d_co, c, estate, kHongdu);
    LinkOwner(s, d_co, a, estate, kHongdu);
    LinkOwner(s, d_shop, a, estate, kHongdu);
    Must(HouseholdRepository::Upsert(s, {d_co, kHongdu, 4, 2, 1, "owner_occupied", kAt}));
    Must(HouseholdRepository::Upsert(s, {d_none, kHongdu, 0, 0, 0, "vacant", kAt}));
    // The neighbour's rows never count.
    const auto ob = AddBuilding(s, other, kHongdu, "1", 5);
    const auto od = AddDwelling(s, ob, other, kHongdu, 1, 1, "101", 5000);
    LinkOwner(s, od, a, other, kHongdu);
    Must(HouseholdRepository::Upsert(s, {od, kHongdu, 9, 9, 9, "rented", kAt}));
    return Ok();
  });
  auto totals = Get([&](Session& s) { return EstateSummaryRepository::Buildings(s, estate); });
  EXPECT_EQ(std::tuple(totals.buildings, totals.stairwells), std::tuple(2, 4));
  auto holdings = Get([&](Session& s) { return EstateSummaryRepository::Holdings(s, estate); });
  std::vector<decltype(Fields(holdings.front()))> got;
  for (const auto& h : holdings) got.push_back(Fields(h));
  using Ids = std::vector<std::int64_t>;
  const std::string sold = "sold", res = "residential";
  EXPECT_EQ(got, (std::vector<decltype(Fields(holdings.front()))>{
                     {d_co, 9010, sold, res, Ids{c, a, b}},  // ascending ids, not link order (b, c, a)
                     {d_none, 1, sold, res, Ids{}},
                     {d_shop, 12345678, sold, "commercial", Ids{a}},
                     {d_unsold, 7000, "developer_unsold", res, Ids{}},
                 }));
  auto hh = Get([&](Session& s) { return EstateSummaryRepository::Households(s, estate); });
  EXPECT_EQ(std::tuple(hh.recorded, hh.residents, hh.aged_60_plus, hh.disabled), std::tuple(2, 4, 2, 1));
}

INSTANTIATE_TEST_SUITE_P(Sqlite, RegisterEstateContract, ::testing::Values("sqlite"));
INSTANTIATE_TEST_SUITE_P(Postgres, RegisterEstateContract, ::testing::Values("postgres"));

}  // namespace
}  // namespace huanxin::store::contract
