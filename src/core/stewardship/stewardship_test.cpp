#include "core/stewardship/stewardship.hpp"

#include <gtest/gtest.h>

namespace huanxin::core::stewardship {
namespace {

// Monthly fee = area (dm²) × fen/m²/month / 100, half up to the fen (issue #15).
TEST(StewardshipFee, MonthlyRoundsHalfUpOnBothSides) {
  EXPECT_EQ(MonthlyFee(5630, 45), 2534);  // 2533.50 → up (the tie)
  EXPECT_EQ(MonthlyFee(5601, 45), 2520);  // 2520.45 → down
  EXPECT_EQ(MonthlyFee(5599, 45), 2520);  // 2519.55 → up
  EXPECT_EQ(MonthlyFee(5620, 45), 2529);  // exact
  EXPECT_EQ(MonthlyFee(0, 45), 0);
  EXPECT_EQ(MonthlyFee(1, 49), 0);        // 0.49 → down
  EXPECT_EQ(MonthlyFee(1, 50), 1);        // 0.50 → up
}

// Yearly = the 12-month amount rounded once, not twelve rounded months.
TEST(StewardshipFee, YearlyIsRoundedOnceOnTheTwelveMonthAmount) {
  EXPECT_EQ(YearlyFee(5630, 45), 30402);                // 30402.00; 12 × 2534 would be 30408
  EXPECT_NE(YearlyFee(5630, 45), 12 * MonthlyFee(5630, 45));
  EXPECT_EQ(YearlyFee(5626, 46), 31056);                // 31055.52 → up
  EXPECT_EQ(YearlyFee(5624, 46), 31044);                // 31044.48 → down
  EXPECT_EQ(PeriodFee(Billing::kYearly, 5624, 46), 31044);
  EXPECT_EQ(PeriodFee(Billing::kMonthly, 5630, 45), 2534);
}

TEST(StewardshipFee, CollectionRateInHundredthsHalfUp) {
  EXPECT_EQ(CollectionRate(0, 0), 0);          // nothing billed
  EXPECT_EQ(CollectionRate(500, 0), 0);
  EXPECT_EQ(CollectionRate(0, 2534), 0);
  EXPECT_EQ(CollectionRate(2534, 2534), 10000);  // full
  EXPECT_EQ(CollectionRate(2, 3), 6667);       // 66.666… → 66.67
  EXPECT_EQ(CollectionRate(1, 8), 1250);
  EXPECT_EQ(CollectionRate(1, 20000), 1);      // 0.005 % → 0.01 (half up)
  EXPECT_EQ(CollectionRate(1, 20001), 0);
}

TEST(StewardshipFee, PaymentsToTheFenAndNoOverpayment) {
  EXPECT_TRUE(CheckPayment(2534, 0, 2534));
  EXPECT_TRUE(CheckPayment(2534, 1000, 1534));
  auto over = CheckPayment(2534, 1000, 1535);
  ASSERT_FALSE(over);
  EXPECT_EQ(over.error().reason, "stewardship.overpayment");
  EXPECT_EQ(over.error().code, ErrorCode::kConflict);
  EXPECT_EQ(CheckPayment(2534, 0, 0).error().reason, "stewardship.invalid_amount");
  EXPECT_EQ(CheckPayment(2534, 0, -1).error().reason, "stewardship.invalid_amount");
}

TEST(StewardshipPeriod, ParsesMonthsAndYears) {
  auto m = ParsePeriod("2026-03");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->year, 2026);
  EXPECT_EQ(*m->month, 3);
  EXPECT_EQ(m->Code(), "2026-03");
  auto y = ParsePeriod("2026");
  ASSERT_TRUE(y);
  EXPECT_FALSE(y->month);
  for (const char* bad : {"", "2026-13", "2026-00", "2026-3", "26-03", "2026/03", "20260", "abcd", "1999"})
    EXPECT_FALSE(ParsePeriod(bad)) << bad;
  EXPECT_TRUE(CheckRunPeriod(Billing::kMonthly, *m));
  EXPECT_FALSE(CheckRunPeriod(Billing::kMonthly, *y));
  EXPECT_TRUE(CheckRunPeriod(Billing::kYearly, *y));
  EXPECT_EQ(CheckRunPeriod(Billing::kYearly, *m).error().reason, "stewardship.period_mismatch");
}

TEST(StewardshipMode, OwnersVoteForHiringAndDismissingACompany) {
  EXPECT_EQ(MatterForModeChange(std::nullopt, Mode::kPropertyCompany), 4);
  EXPECT_EQ(MatterForModeChange(Mode::kSelfManagement, Mode::kPropertyCompany), 4);
  EXPECT_EQ(MatterForModeChange(Mode::kPropertyCompany, Mode::kSelfManagement), 4);  // 解聘
  EXPECT_EQ(MatterForModeChange(std::nullopt, Mode::kSelfManagement), std::nullopt);
  EXPECT_EQ(MatterForModeChange(Mode::kHosting, Mode::kRedSteward), std::nullopt);
  for (auto code : {"property_company", "hosting", "self_management", "red_steward"}) EXPECT_EQ(ModeCode(*ParseMode(code)), code);
  EXPECT_FALSE(ParseMode("company"));
  EXPECT_EQ(MatterForCommittee(CommitteeKind::kOwnersCommittee), 3);
  EXPECT_EQ(MatterForCommittee(CommitteeKind::kManagementCommittee), std::nullopt);
}

TEST(StewardshipFund, InitialMinimumAndNoOverdraw) {
  // 80.00 m² at 5 yuan/m² → 400 yuan (REFERENCE.md §6, Chengdu).
  EXPECT_EQ(InitialDepositMinimum(8000, 5), 40000);
  EXPECT_EQ(MatterForFundEntry(FundEntryKind::kUse), 5);
  EXPECT_EQ(MatterForFundEntry(FundEntryKind::kRaise), 6);
  EXPECT_EQ(MatterForFundEntry(FundEntryKind::kInitial), std::nullopt);
  EXPECT_EQ(*FundBalanceAfter(1000, FundEntryKind::kUse, 1000), 0);
  EXPECT_EQ(*FundBalanceAfter(1000, FundEntryKind::kRaise, 1), 1001);
  auto over = FundBalanceAfter(1000, FundEntryKind::kUse, 1001);
  ASSERT_FALSE(over);
  EXPECT_EQ(over.error().reason, "stewardship.fund_overdrawn");
  EXPECT_EQ(over.error().code, ErrorCode::kConflict);
}

TEST(StewardshipCodes, RoundTrip) {
  for (auto c : {"water", "power", "gas", "telecom", "drainage", "heating"}) EXPECT_EQ(NetworkCode(*ParseNetwork(c)), c);
  for (auto c : {"pending", "agreed", "transferred"}) EXPECT_EQ(TransferStatusCode(*ParseTransferStatus(c)), c);
  for (auto c : {"government_reward", "market_income", "resident_fees"}) EXPECT_EQ(FeeSourceCode(*ParseFeeSource(c)), c);
  EXPECT_FALSE(ParseNetwork("sewer"));
  EXPECT_FALSE(ParseFeeSource(""));
}

}  // namespace
}  // namespace huanxin::core::stewardship
