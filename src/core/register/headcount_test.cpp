#include "core/register/headcount.hpp"

#include <gtest/gtest.h>

#include "core/register/codes.hpp"

namespace huanxin::core::reg {
namespace {

DwellingShare Sold(std::int64_t id, std::int64_t area, std::vector<std::int64_t> owners) {
  return {id, area, SaleStatus::kSold, std::move(owners)};
}

TEST(CountOwners, OneOwnerOfTwoDwellingsIsOneHeadWithBothAreas) {
  std::vector<DwellingShare> d = {Sold(1, 8537, {100}), Sold(2, 6000, {100}), Sold(3, 7000, {101})};
  auto h = CountOwners(d);
  EXPECT_EQ(h.dwellings, 3);
  EXPECT_EQ(h.exclusive_area_dm2, 21537);
  EXPECT_EQ(h.owner_heads, 2);
}

TEST(CountOwners, CoOwnersOfOneDwellingAreOneHead) {
  std::vector<DwellingShare> d = {Sold(1, 9000, {200, 201}), Sold(2, 9000, {202})};
  EXPECT_EQ(CountOwners(d).owner_heads, 2);
}

// Issue #11 §2 "Headcount, literal reading by default" (REFERENCE §8): a buyer is the set of owners
// recorded on a dwelling. X (300) co-owns A with a spouse (301) and owns B alone: two buyers, two
// heads. The transitive merge of issue #3 made them one head; it stays as a configuration choice.
TEST(Issue11LiteralHeadcount, SpouseCoOwnedFlatAndOwnFlatAreTwoHeads) {
  std::vector<DwellingShare> d = {Sold(1, 5000, {300, 301}), Sold(2, 5000, {300})};
  EXPECT_EQ(CountOwners(d).owner_heads, 2);
  EXPECT_EQ(CountOwners(d, HeadcountReading::kLiteral).owner_heads, 2);
  EXPECT_EQ(CountOwners(d, HeadcountReading::kTransitive).owner_heads, 1);
}

TEST(CountOwners, IdenticalOwnerSetsAreOneBuyerWhateverTheOrder) {
  // The same couple on two flats (recorded in either order, once twice) is one buyer.
  std::vector<DwellingShare> d = {Sold(1, 5000, {300, 301}), Sold(2, 6000, {301, 300}), Sold(3, 7000, {301, 300, 301}),
                                  Sold(4, 5000, {302})};
  auto h = CountOwners(d);
  EXPECT_EQ(h.owner_heads, 2);
  auto g = GroupHeads(d);
  EXPECT_EQ(g.head_of[0], g.head_of[1]);
  EXPECT_EQ(g.head_of[0], g.head_of[2]);
  EXPECT_NE(g.head_of[0], g.head_of[3]);
}

TEST(CountOwners, TransitiveReadingChainsSharedOwners) {
  // X(300) co-owns A with Y(301) and owns B alone; Y also co-owns C with Z(302): A, B, C are one head
  // under the transitive reading, three under the literal one.
  std::vector<DwellingShare> d = {Sold(1, 5000, {300, 301}), Sold(2, 5000, {300}), Sold(3, 5000, {301, 302}),
                                  Sold(4, 5000, {303})};
  EXPECT_EQ(CountOwners(d, HeadcountReading::kTransitive).owner_heads, 2);
  EXPECT_EQ(CountOwners(d, HeadcountReading::kLiteral).owner_heads, 4);
}

TEST(CountOwners, AllDeveloperUnsoldDwellingsTogetherAreOneHead) {
  std::vector<DwellingShare> d = {Sold(1, 5000, {400}),
                                  {2, 6000, SaleStatus::kDeveloperUnsold, {}},
                                  {3, 6500, SaleStatus::kDeveloperUnsold, {}},
                                  {4, 7000, SaleStatus::kDeveloperUnsold, {}}};
  auto h = CountOwners(d);
  EXPECT_EQ(h.owner_heads, 2);
  EXPECT_EQ(h.exclusive_area_dm2, 24500);
}

TEST(CountOwners, SoldDwellingWithoutRecordedOwnerCountsAlone) {
  std::vector<DwellingShare> d = {Sold(1, 5000, {}), Sold(2, 5000, {}), Sold(3, 5000, {500})};
  EXPECT_EQ(CountOwners(d).owner_heads, 3);
}

TEST(CountOwners, PublicHousingIsOnePublicOwner) {
  std::vector<DwellingShare> d = {{1, 5000, SaleStatus::kPublicHousing, {}}, {2, 5000, SaleStatus::kPublicHousing, {}},
                                  Sold(3, 5000, {600})};
  EXPECT_EQ(CountOwners(d).owner_heads, 2);
}

// Issue #11 §2 "Sold but not delivered" (REFERENCE §8: "建设单位尚未出卖和虽已出卖但尚未交付的部分 …
// 按一人计算"): sold-undelivered dwellings count with the developer's unsold ones as one head, even
// with their buyer recorded; before the fix there was no such status and they counted as sold.
TEST(Issue11SoldUndelivered, CountsWithTheDevelopersUnsoldAsOneHead) {
  std::vector<DwellingShare> d = {Sold(1, 5000, {700}),
                                  {2, 6000, SaleStatus::kDeveloperUnsold, {}},
                                  {3, 6500, SaleStatus::kSoldUndelivered, {701}},
                                  {4, 7000, SaleStatus::kSoldUndelivered, {702}}};
  for (auto reading : {HeadcountReading::kLiteral, HeadcountReading::kTransitive}) {
    auto g = GroupHeads(d, reading);
    EXPECT_EQ(g.heads, 2u);
    EXPECT_EQ(g.head_of[1], g.head_of[2]);
    EXPECT_EQ(g.head_of[1], g.head_of[3]);
    EXPECT_NE(g.head_of[0], g.head_of[1]);
  }
  // Without any unsold dwelling, the undelivered ones are still one head between them (the developer).
  std::vector<DwellingShare> only = {{1, 5000, SaleStatus::kSoldUndelivered, {701}},
                                     {2, 5000, SaleStatus::kSoldUndelivered, {702}}};
  EXPECT_EQ(CountOwners(only).owner_heads, 1);
  // The buyer of an undelivered flat who also owns a delivered one: the delivered flat is a head of
  // its own, the undelivered one stays with the developer.
  std::vector<DwellingShare> mixed = {Sold(1, 5000, {701}), {2, 5000, SaleStatus::kSoldUndelivered, {701}},
                                      {3, 5000, SaleStatus::kDeveloperUnsold, {}}};
  EXPECT_EQ(CountOwners(mixed).owner_heads, 2);
  EXPECT_EQ(CountOwners(mixed, HeadcountReading::kTransitive).owner_heads, 2);
}

TEST(SaleStatusOf, ReadsEveryRegisterCode) {
  EXPECT_EQ(SaleStatusOf("sold"), SaleStatus::kSold);
  EXPECT_EQ(SaleStatusOf("sold_undelivered"), SaleStatus::kSoldUndelivered);
  EXPECT_EQ(SaleStatusOf("developer_unsold"), SaleStatus::kDeveloperUnsold);
  EXPECT_EQ(SaleStatusOf("public_housing"), SaleStatus::kPublicHousing);
  EXPECT_TRUE(HeldByDeveloper(SaleStatus::kSoldUndelivered));
  EXPECT_FALSE(HeldByDeveloper(SaleStatus::kSold));
  // The roster's Chinese label and the register's code name the same status.
  ASSERT_NE(SaleStatuses().ByAnyLabel("已售未交付"), nullptr);
  EXPECT_EQ(SaleStatuses().ByAnyLabel("已售未交付")->code, "sold_undelivered");
  EXPECT_EQ(SaleStatusOf(SaleStatuses().ByAnyLabel("已售未交付")->code), SaleStatus::kSoldUndelivered);
}

TEST(CountOwners, EmptyUnitHasNoHeads) {
  EXPECT_EQ(CountOwners({}).owner_heads, 0);
}

}  // namespace
}  // namespace huanxin::core::reg
