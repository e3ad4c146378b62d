// Progress roll-up and household rates (issue #13 "Progress", "Household works"): duration weights
// inside an item, budget shares between items (contract, else budget, else estimate), hand-set
// weights, an unreported item counted 0 and shown, estates, the programme, 830 of 1 186 = 69.98 %.
#include "core/construction/progress.hpp"

#include <gtest/gtest.h>

namespace huanxin::core::construction {
namespace {

StepFacts Step(std::string code, std::optional<std::string> item, std::int64_t estate, std::int64_t days,
               std::optional<int> percent) {
  return StepFacts{std::move(code), std::move(item), estate, days, percent};
}

const ItemProgress& Item(const ProjectProgress& p, const std::string& code) {
  for (const auto& i : p.items)
    if (i.item_code == code) return i;
  static ItemProgress none;
  ADD_FAILURE() << "no item " << code;
  return none;
}

TEST(HouseholdRate, EightHundredThirtyOfElevenEightySixIsSixtyNineNinetyEight) {
  // 金茵 (issue #13): heating done in 830 of about 1 186 dwellings. 830/1186 = 0.699831… → 69.98 %.
  EXPECT_EQ(HouseholdRate(830, 1186), 6998);
  EXPECT_EQ(HouseholdRate(0, 1186), 0);
  EXPECT_EQ(HouseholdRate(1186, 1186), 10000);
  EXPECT_EQ(HouseholdRate(5, 0), 0);
  // Half up at the boundary: 1/8 = 12.5 % exactly → 1250; 1/16 = 6.25 % → 625; 1/32 = 3.125 % → 313.
  EXPECT_EQ(HouseholdRate(1, 32), 313);
  EXPECT_EQ(HouseholdRate(1, 3), 3333);
  EXPECT_EQ(HouseholdRate(2, 3), 6667);
}

TEST(WeighingAmount, ContractElseBudgetElseEstimate) {
  EXPECT_EQ(WeighingAmountFen({"B01", 100, std::nullopt, std::nullopt}), 100);
  EXPECT_EQ(WeighingAmountFen({"B01", 100, 90, std::nullopt}), 90);
  EXPECT_EQ(WeighingAmountFen({"B01", 100, 90, 95}), 95);
  EXPECT_EQ(WeighingAmountFen({"B01", 100, std::nullopt, 80}), 80);
}

TEST(RollUp, StepsWeighTheirDurationInsideAnItem) {
  // B02: lay 10 days at 50 %, test 2 days at 100 % → (500 + 200) / 12 = 58.333… → 58.33 %.
  std::vector<StepFacts> steps{Step("E1.B02.lay", "B02", 1, 10, 50), Step("E1.B02.test", "B02", 1, 2, 100)};
  auto p = RollUp(steps, {{"B02", 1000, std::nullopt, std::nullopt}}, {}, {1});
  ASSERT_EQ(p.items.size(), 1u);
  EXPECT_EQ(Item(p, "B02").percent, 5833);
  EXPECT_TRUE(Item(p, "B02").reported);
  EXPECT_EQ(Item(p, "B02").weight, 1000);
  EXPECT_EQ(p.percent, 5833);
  ASSERT_EQ(p.estates.size(), 1u);
  EXPECT_EQ(p.estates[0].percent, 5833);
}

TEST(RollUp, AnItemWithNoReportCountsZeroAndIsShownNotReported) {
  // B01 budget 300 (contract), B05 budget 100 (budget over estimate 120): shares 3/4 and 1/4.
  // B01 at 80 %, B05 never reported → project 60 %; B05 listed at 0, reported false.
  std::vector<StepFacts> steps{Step("E1.B01.lay", "B01", 1, 4, 80), Step("E1.B05.base", "B05", 1, 3, std::nullopt)};
  std::vector<BudgetAmounts> lines{{"B01", 200, 250, 300}, {"B05", 120, 100, std::nullopt}};
  auto p = RollUp(steps, lines, {}, {1});
  ASSERT_EQ(p.items.size(), 2u);
  EXPECT_EQ(Item(p, "B01").weight, 750);
  EXPECT_EQ(Item(p, "B05").weight, 250);
  EXPECT_FALSE(Item(p, "B05").reported);
  EXPECT_EQ(Item(p, "B05").percent, 0);
  EXPECT_EQ(p.percent, 6000);
  EXPECT_TRUE(p.reported);
}

TEST(RollUp, AnItemWithABudgetLineButNoStepIsListedAtZero) {
  std::vector<StepFacts> steps{Step("E1.B01.lay", "B01", 1, 4, 100)};
  auto p = RollUp(steps, {{"B01", 100, std::nullopt, std::nullopt}, {"B12", 100, std::nullopt, std::nullopt}}, {}, {1, 2});
  EXPECT_EQ(p.percent, 5000);
  EXPECT_FALSE(Item(p, "B12").reported);
  // Estate 2 has no step: listed, 0, not reported.
  ASSERT_EQ(p.estates.size(), 2u);
  EXPECT_EQ(p.estates[1].estate_id, 2);
  EXPECT_FALSE(p.estates[1].reported);
  EXPECT_EQ(p.estates[1].percent, 0);
  EXPECT_EQ(p.estates[0].percent, 10000);
}

TEST(RollUp, HandWeightsReplaceBudgetSharesAndTheRestShareWhatIsLeft) {
  // B01 set at 600 ‰; B05 and B12 share the remaining 400 ‰ by budget 100 : 300 → 100 ‰ and 300 ‰.
  std::vector<StepFacts> steps{Step("a", "B01", 1, 1, 50), Step("b", "B05", 1, 1, 100), Step("c", "B12", 1, 1, 0)};
  std::vector<BudgetAmounts> lines{{"B01", 5000, std::nullopt, std::nullopt},
                                   {"B05", 100, std::nullopt, std::nullopt},
                                   {"B12", 300, std::nullopt, std::nullopt}};
  auto p = RollUp(steps, lines, {{"B01", 600}}, {1});
  EXPECT_EQ(Item(p, "B01").weight, 600);
  EXPECT_TRUE(Item(p, "B01").weight_set);
  EXPECT_EQ(Item(p, "B05").weight, 100);
  EXPECT_EQ(Item(p, "B12").weight, 300);
  // 0.6 × 50 + 0.1 × 100 + 0.3 × 0 = 40 %.
  EXPECT_EQ(p.percent, 4000);
  // Every item set: the permille are normalised (500 + 250 → 2/3 and 1/3).
  auto all = RollUp(steps, lines, {{"B01", 500}, {"B05", 250}, {"B12", 0}}, {1});
  EXPECT_EQ(Item(all, "B01").weight, 667);
  EXPECT_EQ(Item(all, "B05").weight, 333);
  EXPECT_EQ(all.percent, 6667);  // (500·50 + 250·100) / 750
}

TEST(RollUp, UnsetItemsWithoutBudgetShareEqually) {
  std::vector<StepFacts> steps{Step("a", "B01", 1, 1, 100), Step("b", "B05", 1, 1, 0)};
  auto p = RollUp(steps, {}, {}, {1});
  EXPECT_EQ(Item(p, "B01").weight, 500);
  EXPECT_EQ(p.percent, 5000);
}

TEST(RollUp, EstatesWeighTheirOwnItems) {
  // Estate 1: B01 100 %, B05 0 %; estate 2: B01 only, 50 %. Weights B01 3 : B05 1.
  std::vector<StepFacts> steps{Step("E1.a", "B01", 1, 2, 100), Step("E1.b", "B05", 1, 2, 0), Step("E2.a", "B01", 2, 2, 50),
                               Step("open:E1-main", std::nullopt, 1, 1, 100)};
  std::vector<BudgetAmounts> lines{{"B01", 300, std::nullopt, std::nullopt}, {"B05", 100, std::nullopt, std::nullopt}};
  auto p = RollUp(steps, lines, {}, {1, 2});
  ASSERT_EQ(p.estates.size(), 2u);
  EXPECT_EQ(p.estates[0].percent, 7500);
  EXPECT_EQ(p.estates[1].percent, 5000);
  // Project: B01 (2·100 + 2·50)/4 = 75 %, B05 0 → 0.75 × 75 = 56.25 %. The item-less opening is not
  // rolled up.
  EXPECT_EQ(Item(p, "B01").percent, 7500);
  EXPECT_EQ(p.percent, 5625);
  EXPECT_EQ(p.items.size(), 2u);
}

TEST(RollUp, NothingReportedIsZeroNotReported) {
  auto p = RollUp({Step("a", "B01", 1, 3, std::nullopt)}, {}, {}, {1});
  EXPECT_EQ(p.percent, 0);
  EXPECT_FALSE(p.reported);
  EXPECT_FALSE(p.estates[0].reported);
}

TEST(CheckWeights, EachZeroToAThousandAndTheSumAtMostAThousand) {
  EXPECT_TRUE(CheckWeights({{"B01", 0}, {"B05", 1000}}).empty());
  EXPECT_TRUE(CheckWeights({{"B01", 400}, {"B05", 600}}).empty());
  EXPECT_EQ(CheckWeights({{"B01", 400}, {"B05", 601}}).size(), 1u);
  EXPECT_EQ(CheckWeights({{"B01", -1}}).size(), 1u);
  EXPECT_EQ(CheckWeights({{"B01", 1001}}).size(), 1u);
}

TEST(RollUpProgramme, ProjectsWeighTheirBudgetTotals) {
  // 300 万 at 50 %, 100 万 at 100 % → 62.5 %.
  auto p = RollUpProgramme({{1, 5000, true, 300'000'00}, {2, 10000, true, 100'000'00}, {3, 0, false, 0}});
  EXPECT_EQ(p.percent, 6250);
  ASSERT_EQ(p.weights.size(), 3u);
  EXPECT_EQ(p.weights[0], 750);
  EXPECT_EQ(p.weights[1], 250);
  EXPECT_EQ(p.weights[2], 0);
  EXPECT_TRUE(p.reported);
  // None has a budget: equal weights.
  auto eq = RollUpProgramme({{1, 5000, true, 0}, {2, 0, false, 0}});
  EXPECT_EQ(eq.percent, 2500);
  EXPECT_EQ(eq.weights[0], 500);
  EXPECT_EQ(RollUpProgramme({}).percent, 0);
}

TEST(WeightedMean, RoundsHalfUp) {
  EXPECT_EQ(WeightedMean({{1, 1}, {1, 2}}), 2);  // 1.5 → 2
  EXPECT_EQ(WeightedMean({{2, 1}, {1, 2}}), 1);  // 1.333 → 1
  EXPECT_EQ(WeightedMean({}), 0);
}

}  // namespace
}  // namespace huanxin::core::construction
