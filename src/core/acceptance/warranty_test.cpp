#include "core/acceptance/warranty.hpp"

#include <gtest/gtest.h>

namespace huanxin::core::acceptance {
namespace {

using namespace std::chrono;
const construction::Season kNorth{{10, 20}, {4, 20}};  // a northern city: 20 October – 20 April
const construction::Season kSouthWinter{{12, 1}, {2, 28}};

TEST(Warranty, YearsEndTheDayBeforeTheAnniversary) {
  // REFERENCE.md §4.2 example of the issue: accepted 2026-07-03 → roof until 2031-07-02.
  EXPECT_EQ(WarrantyUntil(WarrantyKind::kWaterproofing, 2026y / July / 3, std::nullopt), 2031y / July / 2);
  EXPECT_EQ(WarrantyUntil(WarrantyKind::kPipes, 2026y / July / 3, std::nullopt), 2028y / July / 2);
  EXPECT_EQ(WarrantyUntil(WarrantyKind::kEquipment, 2026y / January / 1, std::nullopt), 2027y / December / 31);
  EXPECT_EQ(WarrantyUntil(WarrantyKind::kDecoration, 2026y / March / 1, std::nullopt), 2028y / February / 29);
  EXPECT_EQ(WarrantyUntil(WarrantyKind::kStructure, 2026y / July / 3, std::nullopt), 2076y / July / 2);
  // 29 February: the anniversary in a common year is 28 February.
  EXPECT_EQ(AddYears(2028y / February / 29, 1), 2029y / February / 28);
  EXPECT_EQ(UntilAfterYears(2028y / February / 29, 5), 2033y / February / 27);
  EXPECT_EQ(UntilAfterYears(2028y / February / 29, 4), 2032y / February / 28);
}

TEST(Warranty, HeatingCountsTheSeasonsThatBeginAfterAcceptance) {
  // Accepted in summer: the winters 2026/27 and 2027/28.
  EXPECT_EQ(WarrantyUntil(WarrantyKind::kHeating, 2026y / July / 3, kNorth), 2028y / April / 20);
  // The day before a season starts: that season counts.
  EXPECT_EQ(UntilAfterHeatingSeasons(2026y / October / 19, kNorth, 2), 2028y / April / 20);
  // Accepted on the first day of a season: it has begun, so it does not count.
  EXPECT_EQ(UntilAfterHeatingSeasons(2026y / October / 20, kNorth, 2), 2029y / April / 20);
  // Accepted mid-winter: the current season does not count.
  EXPECT_EQ(UntilAfterHeatingSeasons(2027y / January / 15, kNorth, 2), 2029y / April / 20);
  // Accepted the day after a season ends.
  EXPECT_EQ(UntilAfterHeatingSeasons(2027y / April / 21, kNorth, 2), 2029y / April / 20);
  // A season inside one calendar year (no wrap) and one season only.
  EXPECT_EQ(UntilAfterHeatingSeasons(2026y / May / 1, construction::Season{{5, 15}, {9, 15}}, 1), 2026y / September / 15);
  // A season ending on 28 February in a leap year stays 28 February.
  EXPECT_EQ(UntilAfterHeatingSeasons(2026y / July / 1, kSouthWinter, 2), 2028y / February / 28);
  // No heating season in the city: two years.
  EXPECT_EQ(WarrantyUntil(WarrantyKind::kHeating, 2026y / July / 3, std::nullopt), 2028y / July / 2);
}

TEST(Warranty, UnderWarrantyIncludesTheLastDay) {
  const auto until = WarrantyUntil(WarrantyKind::kWaterproofing, 2026y / July / 3, std::nullopt);
  EXPECT_TRUE(UnderWarranty(until, 2031y / July / 2));
  EXPECT_FALSE(UnderWarranty(until, 2031y / July / 3));
}

TEST(Warranty, KindCodesRoundTrip) {
  for (auto k : {WarrantyKind::kStructure, WarrantyKind::kWaterproofing, WarrantyKind::kHeating, WarrantyKind::kPipes,
                 WarrantyKind::kEquipment, WarrantyKind::kDecoration})
    EXPECT_EQ(ParseWarrantyKind(WarrantyCode(k)), k);
  EXPECT_FALSE(ParseWarrantyKind("roof"));
}

}  // namespace
}  // namespace huanxin::core::acceptance
