// Contract suite of store/register/rollup_repository on SQLite and PostgreSQL: counts per child
// region read from the trigger-kept estate_stat counters (migration 0005), which are row triggers on
// SQLite and statement triggers on PostgreSQL, so the same writes must give the same roll-up.
#include <gtest/gtest.h>

#include <tuple>

#include "contract/contract_fixture.hpp"
#include "store/register/register_repository.hpp"
#include "store/register/rollup_repository.hpp"

namespace huanxin::store::contract {
namespace {

// REFERENCE §1.1 as the service passes it: built on or before 2000 → eligible; 2001–2005 → extension.
constexpr int kCutoff = 2000, kExtensionLast = 2005;

auto Fields(const RollupCounts& c) {
  return std::tuple(c.region_code, c.estates, c.buildings, c.dwellings, c.exclusive_area_dm2, c.eligible_estates,
                    c.eligible_dwellings, c.extension_estates, c.extension_dwellings);
}
using Row = std::tuple<std::string, std::int64_t, std::int64_t, std::int64_t, std::int64_t, std::int64_t,
                       std::int64_t, std::int64_t, std::int64_t>;

class RollupContract : public ContractTest {
 protected:
  std::vector<Row> Rollup(const std::string& prefix, std::size_t child_length, int cutoff = kCutoff,
                          int extension_last = kExtensionLast) {
    auto rows = Get([&](Session& s) { return RollupRepository::ByChild(s, prefix, child_length, cutoff, extension_last); });
    std::vector<Row> out;
    for (const auto& r : rows) out.push_back(Fields(r));
    return out;
  }
  static std::int64_t Estate(Session& s, const std::string& region, const std::string& name, int built_year,
                             void (*flag)(EstateRecord&) = nullptr) {
    EstateRecord e;
    e.region_code = region;
    e.name = name;
    e.address = "地址";
    e.built_year = built_year;
    e.ownership_types = "housing_reform";
    e.property_mode = "none";
    e.status = "registered";
    e.created_at = e.updated_at = kAt;
    if (flag) flag(e);
    return Must(EstateRepository::Insert(s, e));
  }
  // One building per number, one dwelling per area.
  static std::int64_t Building(Session& s, std::int64_t estate, const std::string& region, const std::string& number,
                               const std::vector<std::int64_t>& areas) {
    auto b = AddBuilding(s, estate, region, number, 1);
    int room = 101;
    for (auto a : areas) {
      AddDwelling(s, b, estate, region, 1, room / 100, std::to_string(room), a);
      ++room;
    }
    return b;
  }

  struct Seeded {
    std::int64_t a = 0, c = 0, d = 0, e = 0, f = 0, a_first_dwelling = 0, d_building = 0;
  };
  // Estates around the eligibility bounds, flagged ones, an empty one, and estates in another city
  // and another province.
  Seeded Seed() {
    return Put([&](Session& s) -> Result<Seeded> {
      Seeded x;
      x.a = Estate(s, "360104002001", "甲 2000", 2000);  // at the cut-off: eligible
      Building(s, x.a, "360104002001", "1", {8537, 9000});
      Building(s, x.a, "360104002001", "2", {7000});
      auto b = Estate(s, "360104002001", "乙 2001", 2001);  // one year after: extension
      Building(s, b, "360104002001", "1", {5000});
      x.c = Estate(s, "360104002002", "丙 2005", 2005);  // last extension year, no buildings yet
      x.d = Estate(s, "360104002002", "丁 2006", 2006);  // after the extension: neither
      x.d_building = Building(s, x.d, "360104002002", "1", {6000, 6500});
      x.e = Estate(s, "360104006001", "戊 城中村", 1980, [](EstateRecord& r) { r.excl_urban_village = true; });
      Building(s, x.e, "360104006001", "1", {12001});
      x.f = Estate(s, "360104006001", "己 近年已改", 1990, [](EstateRecord& r) { r.excl_recent_renovation = true; });
      auto g = Estate(s, "360103001001", "庚 西湖", 1995);
      Building(s, g, "360103001001", "1", {100});
      auto h = Estate(s, "360201001001", "辛 景德镇", 1999);
      Building(s, h, "360201001001", "1", {200});
      auto i = Estate(s, "350102001001", "壬 福州 自建房", 1970, [](EstateRecord& r) { r.excl_self_built = true; });
      Building(s, i, "350102001001", "1", {300});
      auto j = Estate(s, "350102001002", "癸 福州 拆迁", 1970, [](EstateRecord& r) { r.excl_demolition = true; });
      Building(s, j, "350102001002", "1", {400});
      x.a_first_dwelling = Must(s.Query("SELECT MIN(id) FROM dwelling WHERE estate_id = ?", {Int(x.a)})).at(0).GetInt(0);
      return x;
    });
  }
};

TEST_P(RollupContract, NoEstatesNoRows) {
  EXPECT_TRUE(Rollup("", 2).empty());
  EXPECT_TRUE(Rollup("360104", 9).empty());
}

TEST_P(RollupContract, CountsPerChildAtEveryLevelAndPrefixBoundary) {
  Seed();
  // (child, estates, buildings, dwellings, area dm², eligible estates, eligible dwellings,
  //  extension estates, extension dwellings)
  EXPECT_EQ(Rollup("", 2), (std::vector<Row>{{"35", 2, 2, 2, 700, 0, 0, 0, 0},
                                             {"36", 8, 7, 9, 54338, 3, 5, 2, 1}}));
  EXPECT_EQ(Rollup("36", 4), (std::vector<Row>{{"3601", 7, 6, 8, 54138, 2, 4, 2, 1},
                                               {"3602", 1, 1, 1, 200, 1, 1, 0, 0}}));
  EXPECT_EQ(Rollup("3601", 6), (std::vector<Row>{{"360103", 1, 1, 1, 100, 1, 1, 0, 0},
                                                 {"360104", 6, 5, 7, 54038, 1, 3, 2, 1}}));
  // '36010' is a string prefix of both counties of 南昌市 and of nothing in 3602.
  EXPECT_EQ(Rollup("36010", 6), Rollup("3601", 6));
  EXPECT_EQ(Rollup("36020", 6), (std::vector<Row>{{"360201", 1, 1, 1, 200, 1, 1, 0, 0}}));
  EXPECT_EQ(Rollup("360104", 9), (std::vector<Row>{{"360104002", 4, 4, 6, 42037, 1, 3, 2, 1},
                                                   {"360104006", 2, 1, 1, 12001, 0, 0, 0, 0}}));
  EXPECT_EQ(Rollup("360104002", 12), (std::vector<Row>{{"360104002001", 2, 3, 4, 29537, 1, 3, 1, 1},
                                                       {"360104002002", 2, 1, 2, 12500, 0, 0, 1, 0}}));
  EXPECT_EQ(Rollup("360104002001", 12), (std::vector<Row>{{"360104002001", 2, 3, 4, 29537, 1, 3, 1, 1}}));
  // A coarser child than the prefix groups the prefix's estates under their ancestor.
  EXPECT_EQ(Rollup("360104", 4), (std::vector<Row>{{"3601", 6, 5, 7, 54038, 1, 3, 2, 1}}));
  EXPECT_TRUE(Rollup("3601040020011", 12).empty());
  EXPECT_TRUE(Rollup("360105", 9).empty());
  EXPECT_TRUE(Rollup("4", 2).empty());
}

TEST_P(RollupContract, EligibilityBoundsAreTheCallersYears) {
  Seed();
  // Inside 360104002: 甲 2000 (3 dwellings), 乙 2001 (1), 丙 2005 (0), 丁 2006 (2).
  EXPECT_EQ(Rollup("360104002", 9, 1999, 2005), (std::vector<Row>{{"360104002", 4, 4, 6, 42037, 0, 0, 3, 4}}));
  EXPECT_EQ(Rollup("360104002", 9, 2001, 2005), (std::vector<Row>{{"360104002", 4, 4, 6, 42037, 2, 4, 1, 0}}));
  EXPECT_EQ(Rollup("360104002", 9, 2000, 2006), (std::vector<Row>{{"360104002", 4, 4, 6, 42037, 1, 3, 3, 3}}));
  EXPECT_EQ(Rollup("360104002", 9, 2000, 2000), (std::vector<Row>{{"360104002", 4, 4, 6, 42037, 1, 3, 0, 0}}))
      << "no extension window";
  // Any exclusion flag makes an estate ineligible whatever its age.
  EXPECT_EQ(Rollup("", 2, 2100, 2200), (std::vector<Row>{{"35", 2, 2, 2, 700, 0, 0, 0, 0},
                                                         {"36", 8, 7, 9, 54338, 6, 8, 0, 0}}));
}

TEST_P(RollupContract, FollowsEveryKindOfRegisterWrite) {
  auto x = Seed();
  Put([&](Session& s) -> Result<void> {
    // An area corrected (+63 dm²), a building with its two dwellings removed, a building and a
    // dwelling added to the empty estate, an estate moved to another community, one deleted.
    auto d = Must(DwellingRepository::Find(s, x.a_first_dwelling));
    if (!d) throw std::runtime_error("dwelling missing");
    d->exclusive_area_dm2 += 63;
    Must(DwellingRepository::Update(s, *d));
    Must(BuildingRepository::Delete(s, x.d_building));
    Building(s, x.c, "360104002002", "1", {4000});
    auto e = Must(EstateRepository::Find(s, x.e));
    if (!e) throw std::runtime_error("estate missing");
    e->region_code = "360104002002";
    Must(EstateRepository::Update(s, *e));
    Must(EstateRepository::Delete(s, x.f));
    return Ok();
  });
  EXPECT_EQ(Rollup("360104002", 12), (std::vector<Row>{{"360104002001", 2, 3, 4, 29600, 1, 3, 1, 1},
                                                       {"360104002002", 3, 2, 2, 16001, 0, 0, 1, 1}}));
  EXPECT_TRUE(Rollup("360104006", 12).empty());
  EXPECT_EQ(Rollup("3601", 6), (std::vector<Row>{{"360103", 1, 1, 1, 100, 1, 1, 0, 0},
                                                 {"360104", 5, 5, 6, 45601, 1, 3, 2, 2}}));
}

INSTANTIATE_TEST_SUITE_P(Sqlite, RollupContract, ::testing::Values("sqlite"));
INSTANTIATE_TEST_SUITE_P(Postgres, RollupContract, ::testing::Values("postgres"));

}  // namespace
}  // namespace huanxin::store::contract
