// Contract suite of store/register/register_bulk_repository (what `huanxin gen` reads before and
// settles after a bulk load) on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <tuple>

#include "contract/contract_fixture.hpp"
#include "store/register/register_bulk_repository.hpp"
#include "store/register/register_repository.hpp"

namespace huanxin::store::contract {
namespace {

constexpr const char* kHongdu = "360104002001";

class RegisterBulkContract : public ContractTest {
 protected:
  auto MaxIds() {
    auto m = Get([&](Session& s) { return RegisterBulkRepository::MaxIds(s); });
    return std::tuple(m.estate, m.building, m.dwelling, m.owner);
  }
  // One estate with one building, one dwelling and one owner, loaded the generator's way: COPY
  // text with the ids given.
  void Load(std::int64_t estate, std::int64_t building, std::int64_t dwelling, std::int64_t owner) {
    const auto e = std::to_string(estate), b = std::to_string(building), d = std::to_string(dwelling),
               o = std::to_string(owner);
    const auto name = "批量" + e, id_number = "ID-" + o;
    std::string estates, buildings, dwellings, owners, links;
    AppendCopyRow(estates, {e, kHongdu, name, "地址", "1990", std::string_view{}, std::string_view{}, "housing_reform", "none", "0",
                            "0", "0", "0", std::string_view{}, std::string_view{}, "registered", kAt, kAt});
    AppendCopyRow(buildings, {b, e, kHongdu, "1", "6", "2", "brick_concrete", "1990", "0", "none", kAt, kAt});
    AppendCopyRow(dwellings, {d, b, e, kHongdu, "1", "1", "101", "6000", "registered", "residential", "sold", kAt, kAt});
    AppendCopyRow(owners, {o, id_number, "业主", std::string_view{}, kAt, kAt});
    AppendCopyRow(links, {d, o, e, kHongdu});
    Put([&](Session& s) -> Result<void> {
      for (auto [table, columns, rows] :
           {std::tuple<const char*, std::vector<std::string>, const std::string*>{
                "estate",
                {"id", "region_code", "name", "address", "built_year", "land_area_dm2", "floor_area_dm2", "ownership_types",
                 "property_mode", "excl_self_built", "excl_urban_village", "excl_demolition", "excl_recent_renovation", "lat_e6",
                 "lng_e6", "status", "created_at", "updated_at"},
                &estates},
            {"building",
             {"id", "estate_id", "region_code", "number", "floors", "stairwells", "structure", "built_year", "has_lift", "heating",
              "created_at", "updated_at"},
             &buildings},
            {"dwelling",
             {"id", "building_id", "estate_id", "region_code", "stairwell", "floor", "room", "exclusive_area_dm2", "area_source",
              "use_type", "sale_status", "created_at", "updated_at"},
             &dwellings},
            {"owner", {"id", "id_number", "name", "phone", "created_at", "updated_at"}, &owners},
            {"dwelling_owner", {"dwelling_id", "owner_id", "estate_id", "region_code"}, &links}}) {
        auto n = s.CopyIn(table, columns, *rows);
        if (!n) return std::move(n).error();
      }
      return Ok();
    });
  }
};

TEST_P(RegisterBulkContract, MaxIdsAreZeroOnAnEmptyRegisterThenTheLargestOfEachTable) {
  if (IsSkipped()) return;
  EXPECT_EQ(MaxIds(), std::tuple(0, 0, 0, 0));
  Load(7, 30, 500, 9000);
  Load(3, 40, 400, kLargeId);
  EXPECT_EQ(MaxIds(), std::tuple(7, 40, 500, kLargeId));
}

TEST_P(RegisterBulkContract, AfterLoadRepositoryInsertsContinueAfterTheLoadedIds) {
  if (IsSkipped()) return;
  Load(7, 30, 500, 9000);
  Put([&](Session& s) { return RegisterBulkRepository::AfterLoad(s); });
  std::int64_t estate = 0, building = 0, dwelling = 0, owner = 0;
  Put([&](Session& s) -> Result<void> {
    estate = AddEstate(s, kHongdu, "新增小区");
    building = AddBuilding(s, estate, kHongdu, "1");
    dwelling = AddDwelling(s, building, estate, kHongdu, 1, 1, "101", 6000);
    owner = AddOwner(s, "360104199001010011", "新业主");
    return Ok();
  });
  EXPECT_EQ(std::tuple(estate, building, dwelling, owner), std::tuple(8, 31, 501, 9001));
  // The per-estate counters followed the load and the inserts (triggers, not AfterLoad).
  EXPECT_EQ(Count("SELECT SUM(dwellings) FROM estate_stat"), 2);
  EXPECT_EQ(MaxIds(), std::tuple(8, 31, 501, 9001));
}

TEST_P(RegisterBulkContract, AfterLoadOnAnEmptyRegisterStartsEveryTableAtOne) {
  if (IsSkipped()) return;
  Put([&](Session& s) { return RegisterBulkRepository::AfterLoad(s); });
  const auto estate = Put([&](Session& s) -> Result<std::int64_t> { return AddEstate(s, kHongdu, "第一个"); });
  const auto owner = Put([&](Session& s) -> Result<std::int64_t> { return AddOwner(s, "360104199001010011", "第一位"); });
  EXPECT_EQ(std::tuple(estate, owner), std::tuple(1, 1));
}

INSTANTIATE_TEST_SUITE_P(Sqlite, RegisterBulkContract, ::testing::Values("sqlite"));
INSTANTIATE_TEST_SUITE_P(Postgres, RegisterBulkContract, ::testing::Values("postgres"));

}  // namespace
}  // namespace huanxin::store::contract
