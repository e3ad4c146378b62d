#include "core/register/headcount.hpp"

#include <gtest/gtest.h>

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

TEST(CountOwners, CoOwnershipAndMultipleDwellingsMergeTransitively) {
  // X(300) co-owns A with Y(301) and owns B alone; Y also co-owns C with Z(302): A, B, C are one head.
  std::vector<DwellingShare> d = {Sold(1, 5000, {300, 301}), Sold(2, 5000, {300}), Sold(3, 5000, {301, 302}),
                                  Sold(4, 5000, {303})};
  EXPECT_EQ(CountOwners(d).owner_heads, 2);
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

TEST(CountOwners, EmptyUnitHasNoHeads) {
  EXPECT_EQ(CountOwners({}).owner_heads, 0);
}

}  // namespace
}  // namespace huanxin::core::reg
