// Contract suite of the register repositories on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include "common/crypto.hpp"
#include "store/register/register_repository.hpp"
#include "testing/test_db.hpp"

namespace huanxin::store {
namespace {

class RegisterContract : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    ASSERT_TRUE(InitCrypto());
    auto dsn = testing::FreshDsn(GetParam());
    if (dsn.empty()) return;
    db_ = testing::OpenMigrated(dsn);
    ASSERT_TRUE(db_);
    testing::SeedRegions(*db_);
  }
  void W(const std::function<Result<void>(Session&)>& fn) {
    auto r = db_->Write(fn);
    ASSERT_TRUE(r) << r.error().reason << " " << r.error().detail.en;
  }
  std::int64_t Estate(Session& s, const std::string& region, const std::string& name, int year, bool flag = false) {
    EstateRecord e;
    e.region_code = region;
    e.name = name;
    e.address = "地址";
    e.built_year = year;
    e.ownership_types = "housing_reform";
    e.property_mode = "none";
    e.status = "registered";
    e.excl_urban_village = flag;
    e.created_at = e.updated_at = "2026-11-21T08:00:00.000Z";
    return *EstateRepository::Insert(s, e);
  }
  std::unique_ptr<Database> db_;
};

TEST_P(RegisterContract, EstateListFiltersByScopeYearsAndEligibilityBounds) {
  if (!db_) return;
  W([&](Session& s) -> Result<void> {
    Estate(s, "360104002001", "甲", 1990);
    Estate(s, "360104002001", "乙", 2003);
    Estate(s, "360104002002", "丙", 2008);
    Estate(s, "360104006001", "丁", 1985, true);
    Estate(s, "360103001001", "外区", 1980);
    return Ok();
  });
  auto r = db_->Read([&](Session& s) -> Result<void> {
    Page page;
    EstateFilter f;
    f.scope_prefix = "360104";
    auto all = EstateRepository::List(s, f, page);
    if (!all) return std::move(all).error();
    EXPECT_EQ(page.total, 4);
    f.eligibility = EligibilityBounds{true, false, std::nullopt, 2000};  // eligible
    EXPECT_TRUE(EstateRepository::List(s, f, page));
    EXPECT_EQ(page.total, 1);
    f.eligibility = EligibilityBounds{true, false, 2001, 2005};  // extension
    EXPECT_TRUE(EstateRepository::List(s, f, page));
    EXPECT_EQ(page.total, 1);
    f.eligibility = EligibilityBounds{false, true, std::nullopt, 2005};  // ineligible
    auto inel = EstateRepository::List(s, f, page);
    if (!inel) return std::move(inel).error();
    EXPECT_EQ(page.total, 2);  // 2008 and the flagged one
    f.eligibility.reset();
    f.built_from = 2000;
    f.built_to = 2010;
    EXPECT_TRUE(EstateRepository::List(s, f, page));
    EXPECT_EQ(page.total, 2);
    return Ok();
  });
  ASSERT_TRUE(r);
}

TEST_P(RegisterContract, DwellingsCarryTheirOwnersAndLinksAreIdempotent) {
  if (!db_) return;
  std::int64_t estate = 0, building = 0, d1 = 0, d2 = 0, owner = 0;
  W([&](Session& s) -> Result<void> {
    estate = Estate(s, "360104002001", "洪都新村", 1988);
    BuildingRecord b{0, estate, "360104002001", "1", 6, 2, "brick_concrete", 1988, false, "none", "t", "t"};
    building = *BuildingRepository::Insert(s, b);
    DwellingRecord d;
    d.building_id = building;
    d.estate_id = estate;
    d.region_code = "360104002001";
    d.stairwell = 1;
    d.floor = 3;
    d.room = "301";
    d.exclusive_area_dm2 = 8537;
    d.area_source = "registered";
    d.use_type = "residential";
    d.sale_status = "sold";
    d.created_at = d.updated_at = "t";
    d1 = *DwellingRepository::Insert(s, d);
    d.room = "302";
    d2 = *DwellingRepository::Insert(s, d);
    return Ok();
  });
  // A duplicate room in its own transaction (on PostgreSQL a failed statement ends the transaction).
  auto dup = db_->Write([&](Session& s) -> Result<void> {
    DwellingRecord d;
    d.building_id = building;
    d.estate_id = estate;
    d.region_code = "360104002001";
    d.stairwell = 1;
    d.floor = 3;
    d.room = "302";
    d.exclusive_area_dm2 = 100;
    d.area_source = "registered";
    d.use_type = "residential";
    d.sale_status = "sold";
    d.created_at = d.updated_at = "t";
    auto r = DwellingRepository::Insert(s, d);
    if (!r) return std::move(r).error();
    return Ok();
  });
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().reason, "store.duplicate");
  W([&](Session& s) -> Result<void> {
    owner = *OwnerRepository::Insert(s, {0, "11010519491231002X", "张三", "13800000000", "t", "t"});
    EXPECT_TRUE(*OwnerRepository::Link(s, d1, owner, estate, "360104002001"));
    EXPECT_FALSE(*OwnerRepository::Link(s, d1, owner, estate, "360104002001"));  // already linked
    EXPECT_TRUE(*OwnerRepository::Link(s, d2, owner, estate, "360104002001"));
    return HouseholdRepository::Upsert(s, {d1, "360104002001", 3, 1, 0, "owner_occupied", "t"});
  });
  auto r = db_->Read([&](Session& s) -> Result<void> {
    auto list = DwellingRepository::ListByEstate(s, estate);
    if (!list) return std::move(list).error();
    EXPECT_EQ(list->size(), 2u);
    EXPECT_EQ(list->front().owners.size(), 1u);
    EXPECT_EQ(list->front().building_number, "1");
    EXPECT_EQ(list->front().exclusive_area_dm2, 8537);
    auto regions = OwnerRepository::RegionsOf(s, owner);
    if (!regions) return std::move(regions).error();
    EXPECT_EQ(*regions, std::vector<std::string>{"360104002001"});
    Page page;
    auto in_scope = OwnerRepository::List(s, "360104002", std::nullopt, 20, 0, page);
    if (!in_scope) return std::move(in_scope).error();
    EXPECT_EQ(page.total, 1);
    EXPECT_TRUE(OwnerRepository::List(s, "360104006", std::nullopt, 20, 0, page));
    EXPECT_EQ(page.total, 0);
    // A name search inside the scope finds the owner once (two dwellings), outside it nothing.
    auto named = OwnerRepository::List(s, "360104002", std::string("张"), 20, 0, page);
    if (!named) return std::move(named).error();
    EXPECT_EQ(page.total, 1);
    EXPECT_EQ(named->size(), 1u);
    EXPECT_TRUE(OwnerRepository::List(s, "360104002", std::string("李"), 20, 0, page));
    EXPECT_EQ(page.total, 0);
    EXPECT_TRUE(OwnerRepository::List(s, "360104006", std::string("张"), 20, 0, page));
    EXPECT_EQ(page.total, 0);
    auto h = HouseholdRepository::Find(s, d1);
    if (!h) return std::move(h).error();
    EXPECT_EQ((*h)->aged_60_plus, 1);
    return Ok();
  });
  ASSERT_TRUE(r);
  W([&](Session& s) -> Result<void> {
    EXPECT_TRUE(*OwnerRepository::Unlink(s, d1, owner));
    EXPECT_FALSE(*OwnerRepository::Unlink(s, d1, owner));
    return DwellingRepository::Delete(s, d2);  // cascades its owner link
  });
  auto left = db_->Read([&](Session& s) -> Result<void> {
    auto n = QueryInt(s, "SELECT COUNT(*) FROM dwelling_owner");
    if (!n) return std::move(n).error();
    EXPECT_EQ(*n, 0);
    return Ok();
  });
  ASSERT_TRUE(left);
}

INSTANTIATE_TEST_SUITE_P(Sqlite, RegisterContract, ::testing::Values("sqlite"));
INSTANTIATE_TEST_SUITE_P(Postgres, RegisterContract, ::testing::Values("postgres"));

}  // namespace
}  // namespace huanxin::store
