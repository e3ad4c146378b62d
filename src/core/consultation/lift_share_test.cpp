#include "core/consultation/lift_share.hpp"

#include <gtest/gtest.h>

#include <numeric>

namespace huanxin::core::consult {
namespace {

__extension__ typedef __int128 i128;  // exact products in the rounding check

// A 6-floor stairwell, two flats per floor (ids floor*10+1, floor*10+2), 80.00 and 65.37 m².
std::vector<LiftDwelling> Stairwell() {
  std::vector<LiftDwelling> out;
  for (int f = 1; f <= 6; ++f) {
    out.push_back({f * 10 + 1, f, 8000});
    out.push_back({f * 10 + 2, f, 6537});
  }
  return out;
}

LiftCosts Costs(std::int64_t total, std::int64_t subsidy, std::int64_t compensation) {
  LiftCosts c;
  c.total_fen = total;
  c.subsidy_fen = subsidy;
  c.compensation_fen = compensation;
  return c;
}

std::int64_t SumShares(const LiftShareResult& r) {
  return std::accumulate(r.shares.begin(), r.shares.end(), std::int64_t{0},
                         [](std::int64_t a, const LiftShare& s) { return a + s.share_fen; });
}

TEST(LiftShare, SharesAddUpExactlyAndRiseWithTheFloor) {
  // REFERENCE §6: a ~500 000 yuan lift with a 40 % subsidy; 10 000 yuan compensation to low floors.
  LiftCosts c = Costs(50'000'000, 20'000'000, 1'000'000);
  auto r = ShareLiftCost(Stairwell(), c);
  ASSERT_TRUE(r) << r.error().detail.en;
  EXPECT_EQ(r->amount_fen, 31'000'000);
  EXPECT_EQ(SumShares(*r), r->amount_fen);
  std::int64_t comp = 0;
  for (const auto& s : r->shares) {
    comp += s.compensation_fen;
    if (s.floor <= 2) {
      EXPECT_TRUE(s.exempt);
      EXPECT_EQ(s.share_fen, 0);
      EXPECT_GT(s.compensation_fen, 0);
    } else {
      EXPECT_EQ(s.coefficient_milli, 700 + 100 * (s.floor - 3));
    }
  }
  EXPECT_EQ(comp, 1'000'000);
  // Per m², a higher floor pays more: compare the 80 m² flats of floors 3 and 6.
  EXPECT_LT(r->shares[4].share_fen, r->shares[10].share_fen);
  // Weight: Σ coefficient × area over floors 3–6 = (0.7+0.8+0.9+1.0) × (8000+6537) × 1000.
  EXPECT_EQ(r->total_weight, (700 + 800 + 900 + 1000) * (8000 + 6537));
}

TEST(LiftShare, LeftoverFenGoToTheLargestRemainders) {
  // Three equal paying flats and 100 fen: 34 + 33 + 33, the extra fen to the lowest id on a tie.
  std::vector<LiftDwelling> d{{3, 3, 1000}, {1, 3, 1000}, {2, 3, 1000}};
  LiftCosts c = Costs(100, 0, 0);
  c.exempt_floors.clear();
  auto r = ShareLiftCost(d, c);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->shares[0].share_fen, 33);
  EXPECT_EQ(r->shares[1].share_fen, 34);
  EXPECT_EQ(r->shares[2].share_fen, 33);
  // Awkward numbers: primes everywhere still add up.
  std::vector<LiftDwelling> odd;
  for (int i = 0; i < 17; ++i) odd.push_back({100 + i, 3 + i % 5, 6007 + 13 * i});
  LiftCosts p = Costs(99'999'989, 12'345'677, 0);
  auto q = ShareLiftCost(odd, p);
  ASSERT_TRUE(q);
  EXPECT_EQ(SumShares(*q), 99'999'989 - 12'345'677);
}

TEST(LiftShare, ConfiguredCoefficientsAndExemptFloors) {
  LiftCosts c = Costs(1'200'000, 0, 0);
  c.exempt_floors = {1};
  c.coefficient_milli = {{2, 500}, {3, 1000}, {4, 1000}, {5, 1000}, {6, 1500}};
  auto r = ShareLiftCost(Stairwell(), c);
  ASSERT_TRUE(r);
  EXPECT_EQ(SumShares(*r), 1'200'000);
  EXPECT_EQ(r->shares[2].coefficient_milli, 500);
  // Floors not in the table keep the default; a paying floor below 3F needs a coefficient.
  c.coefficient_milli.erase(6);
  auto partial = ShareLiftCost(Stairwell(), c);
  ASSERT_TRUE(partial);
  EXPECT_EQ(partial->shares[10].coefficient_milli, 1000);  // 6F default 1.0
  c.coefficient_milli.erase(2);
  auto missing = ShareLiftCost(Stairwell(), c);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().reason, "lift_share.invalid");
  EXPECT_NE(missing.error().detail.zh.find("2层"), std::string::npos);
  c.exempt_floors = {1, 2};
  EXPECT_TRUE(ShareLiftCost(Stairwell(), c));
}

// Issue #11 §2 "Lift cost sharing with basement and semi-basement dwellings": a stairwell with
// dwellings on floors -1 and 0 used to be refused (422) whatever was configured.
std::vector<LiftDwelling> StairwellWithBasement() {
  auto out = Stairwell();
  out.push_back({-11, -1, 5000});  // basement
  out.push_back({1, 0, 4321});     // semi-basement
  return out;
}

TEST(Issue11LiftBasement, FloorsBelowOneAreExemptByDefaultAndShareTheCompensation) {
  LiftCosts c = Costs(50'000'000, 20'000'000, 1'000'003);
  auto r = ShareLiftCost(StairwellWithBasement(), c);
  ASSERT_TRUE(r) << r.error().detail.en;
  EXPECT_EQ(SumShares(*r), r->amount_fen);
  std::int64_t comp = 0;
  for (const auto& s : r->shares) comp += s.compensation_fen;
  EXPECT_EQ(comp, 1'000'003);
  for (std::size_t k : {std::size_t{12}, std::size_t{13}}) {
    EXPECT_TRUE(r->shares[k].exempt) << r->shares[k].floor;
    EXPECT_EQ(r->shares[k].share_fen, 0);
    EXPECT_EQ(r->shares[k].coefficient_milli, 0);
    EXPECT_GT(r->shares[k].compensation_fen, 0);
  }
  // The paying floors and their weights are those of the stairwell without the basement.
  EXPECT_EQ(r->total_weight, (700 + 800 + 900 + 1000) * (8000 + 6537));
}

TEST(Issue11LiftBasement, ListedAsExemptTheyPayNothingEvenWithACoefficient) {
  LiftCosts c = Costs(1'234'567, 0, 0);
  c.exempt_floors = {-1, 0, 1, 2};
  c.coefficient_milli = {{-1, 300}, {0, 400}};  // exemption wins, as for any floor
  auto r = ShareLiftCost(StairwellWithBasement(), c);
  ASSERT_TRUE(r) << r.error().detail.en;
  EXPECT_EQ(SumShares(*r), 1'234'567);
  EXPECT_TRUE(r->shares[12].exempt);
  EXPECT_TRUE(r->shares[13].exempt);
  EXPECT_EQ(r->shares[12].share_fen + r->shares[13].share_fen, 0);
}

TEST(Issue11LiftBasement, WithACoefficientTheyPayLikeAnyOtherFloor) {
  // Coefficients -1F 0.3 and 0F 0.4; the shares still add up to the amount to the fen.
  LiftCosts c = Costs(49'999'999, 20'000'000, 0);
  c.coefficient_milli = {{-1, 300}, {0, 400}};
  auto r = ShareLiftCost(StairwellWithBasement(), c);
  ASSERT_TRUE(r) << r.error().detail.en;
  EXPECT_EQ(r->amount_fen, 29'999'999);
  EXPECT_EQ(SumShares(*r), 29'999'999);
  EXPECT_FALSE(r->shares[12].exempt);
  EXPECT_FALSE(r->shares[13].exempt);
  EXPECT_EQ(r->shares[12].coefficient_milli, 300);
  EXPECT_EQ(r->shares[13].coefficient_milli, 400);
  EXPECT_GT(r->shares[12].share_fen, 0);
  EXPECT_GT(r->shares[13].share_fen, 0);
  EXPECT_EQ(r->total_weight, (700 + 800 + 900 + 1000) * (8000 + 6537) + 300 * 5000 + 400 * 4321);
  // Each paying share is within one fen of amount × weight ÷ total weight.
  for (const auto& s : r->shares) {
    if (s.exempt) continue;
    i128 exact_times_total = static_cast<i128>(r->amount_fen) * s.coefficient_milli * s.area_dm2;
    i128 lo = static_cast<i128>(s.share_fen) * r->total_weight;
    EXPECT_LE(lo - r->total_weight, exact_times_total);
    EXPECT_GE(lo + r->total_weight, exact_times_total);
  }
}

TEST(Issue11LiftBasement, FloorZeroIsExemptByDefaultButFloorOneStillNeedsACoefficient) {
  // The boundary of the default: floor 0 without a coefficient is exempt; floor 1, not exempt and
  // without a coefficient, is refused as before.
  std::vector<LiftDwelling> d{{1, 0, 5000}, {2, 3, 5000}};
  LiftCosts c = Costs(10'000, 0, 0);
  c.exempt_floors = {2};
  auto zero = ShareLiftCost(d, c);
  ASSERT_TRUE(zero) << zero.error().detail.en;
  EXPECT_TRUE(zero->shares[0].exempt);
  EXPECT_EQ(zero->shares[1].share_fen, 10'000);
  d[0].floor = 1;
  auto one = ShareLiftCost(d, c);
  ASSERT_FALSE(one);
  EXPECT_EQ(one.error().reason, "lift_share.invalid");
  EXPECT_NE(one.error().detail.zh.find("1层"), std::string::npos) << one.error().detail.zh;
}

TEST(LiftShare, RefusesImpossibleInput) {
  EXPECT_FALSE(ShareLiftCost(Stairwell(), Costs(0, 0, 0)));
  EXPECT_FALSE(ShareLiftCost(Stairwell(), Costs(100, 200, 0)));
  EXPECT_FALSE(ShareLiftCost({}, Costs(100, 0, 0)));
  LiftCosts no_low = Costs(100, 0, 50);
  no_low.exempt_floors.clear();
  std::vector<LiftDwelling> high{{1, 5, 100}};
  EXPECT_FALSE(ShareLiftCost(high, no_low));  // compensation with nobody to receive it
}

TEST(LiftShare, Coefficients) {
  EXPECT_EQ(ParseCoefficient("0.7"), 700);
  EXPECT_EQ(ParseCoefficient("1.15"), 1150);
  EXPECT_EQ(ParseCoefficient("1"), 1000);
  EXPECT_EQ(ParseCoefficient("1.2345"), std::nullopt);
  EXPECT_EQ(ParseCoefficient("-1"), std::nullopt);
  EXPECT_EQ(ParseCoefficient("1."), std::nullopt);
  EXPECT_EQ(FormatCoefficient(700), "0.7");
  EXPECT_EQ(FormatCoefficient(1150), "1.15");
  EXPECT_EQ(FormatCoefficient(2000), "2");
  EXPECT_EQ(DefaultCoefficientMilli(9), 1300);  // Dongpu 9F 1.3
}

}  // namespace
}  // namespace huanxin::core::consult
