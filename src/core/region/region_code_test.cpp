#include "core/region/region_code.hpp"

#include <gtest/gtest.h>

namespace huanxin::core::region {
namespace {

TEST(RegionCode, LevelsByLength) {
  EXPECT_EQ(LevelOf("36"), Level::kProvince);
  EXPECT_EQ(LevelOf("3601"), Level::kCity);
  EXPECT_EQ(LevelOf("360104"), Level::kCounty);
  EXPECT_EQ(LevelOf("360104002"), Level::kStreet);
  EXPECT_EQ(LevelOf("360104002001"), Level::kCommunity);
  EXPECT_EQ(LevelOf("360104002001001"), Level::kGrid);
  EXPECT_FALSE(LevelOf("3601040"));
  EXPECT_FALSE(LevelOf("36a104"));
}

TEST(RegionCode, ParentsWalkUpTheTree) {
  EXPECT_EQ(ParentOf("360104002001001"), "360104002001");
  EXPECT_EQ(ParentOf("360104002001"), "360104002");
  EXPECT_EQ(ParentOf("360104002"), "360104");
  EXPECT_EQ(ParentOf("360104"), "3601");
  EXPECT_EQ(ParentOf("3601"), "36");
  EXPECT_EQ(ParentOf("36"), "");
  EXPECT_FALSE(ParentOf("x"));
}

}  // namespace
}  // namespace huanxin::core::region
