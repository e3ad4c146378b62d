// Contract suite of the stewardship repository (src/store/stewardship/stewardship_repository) on
// SQLite and PostgreSQL: every function, exact values read back, NULLs, unicode, the mode history
// (the current one ended when replaced), replacing upserts of committee, contract and utility
// transfers, bill runs that never bill a dwelling twice for a period, period filters (a month, a
// year with its months and its yearly bill), payments adding to the bill, fund balances, and an
// estate's rows kept apart from its neighbour's.
#include <gtest/gtest.h>

#include "contract/contract_fixture.hpp"
#include "store/stewardship/stewardship_repository.hpp"

namespace huanxin::store::contract {
namespace {

using Repo = StewardshipRepository;
constexpr const char* kCommunity = "360104002001";

class StewardshipContract : public ContractTest {
 protected:
  struct Place {
    std::int64_t estate = 0, other = 0, d1 = 0, d2 = 0, other_dwelling = 0;
  };
  Place Make() {
    return Put([&](Session& s) -> Result<Place> {
      Place p;
      p.estate = AddEstate(s, kCommunity, "长效小区");
      const auto b = AddBuilding(s, p.estate, kCommunity, "3");
      p.d1 = AddDwelling(s, b, p.estate, kCommunity, 1, 2, "201", 5630);
      p.d2 = AddDwelling(s, b, p.estate, kCommunity, 1, 2, "202", 5601);
      p.other = AddEstate(s, kCommunity, "长效小区邻");
      const auto ob = AddBuilding(s, p.other, kCommunity, "1");
      p.other_dwelling = AddDwelling(s, ob, p.other, kCommunity, 1, 1, "101", 7000);
      return p;
    });
  }
  static FeeBillRecord Bill(std::int64_t estate, std::int64_t dwelling, const std::string& period, std::int64_t amount) {
    FeeBillRecord b;
    b.estate_id = estate;
    b.dwelling_id = dwelling;
    b.region_code = kCommunity;
    b.period = period;
    b.area_dm2 = 5630;
    b.fee_fen_per_m2 = 45;
    b.amount_fen = amount;
    b.created_at = kAt;
    return b;
  }
};

TEST_P(StewardshipContract, EstatesAndTheModeHistory) {
  if (IsSkipped()) return;
  auto p = Make();
  auto e = Get([&](Session& s) { return Repo::FindEstate(s, p.estate); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->region_code, kCommunity);
  EXPECT_EQ(e->name, "长效小区");
  EXPECT_FALSE(Get([&](Session& s) { return Repo::FindEstate(s, kMaxId); }));
  EXPECT_FALSE(Get([&](Session& s) { return Repo::CurrentMode(s, p.estate); }));

  ManagementModeRecord a{0, p.estate, kCommunity, "self_management", std::nullopt, "", std::nullopt, "2026-01-01", std::nullopt, kLargeId, kAt};
  ManagementModeRecord b{0, p.estate, kCommunity, "property_company", std::nullopt, kTrickyText, 45, "2026-06-01", std::nullopt, 1, kAt};
  const auto ia = Put([&](Session& s) { return Repo::ReplaceMode(s, a, "2026-01-01"); });
  const auto ib = Put([&](Session& s) { return Repo::ReplaceMode(s, b, "2026-06-01"); });
  auto current = Get([&](Session& s) { return Repo::CurrentMode(s, p.estate); });
  ASSERT_TRUE(current);
  EXPECT_EQ(current->id, ib);
  EXPECT_EQ(current->company, kTrickyText);
  EXPECT_EQ(current->fee_fen_per_m2, std::optional<std::int64_t>(45));
  EXPECT_FALSE(current->ended_on);
  auto modes = Get([&](Session& s) { return Repo::Modes(s, p.estate); });
  ASSERT_EQ(modes.size(), 2u);
  EXPECT_EQ(modes[0].id, ia);
  EXPECT_EQ(modes[0].mode, "self_management");
  EXPECT_EQ(modes[0].ended_on, std::optional<std::string>("2026-06-01"));
  EXPECT_FALSE(modes[0].fee_fen_per_m2);
  EXPECT_EQ(modes[0].created_by, kLargeId);
  EXPECT_TRUE(Get([&](Session& s) { return Repo::Modes(s, p.other); }).empty());
}

TEST_P(StewardshipContract, CommitteeAndContractAreReplaced) {
  if (IsSkipped()) return;
  auto p = Make();
  CommitteeRecord c{p.estate, kCommunity, "owners_committee", "2026-01-01", "2030-12-31", std::nullopt, kLargeId, kAt,
                    {{"孙建国", "主任", std::string("13907001111")}, {kTrickyText, "委员", std::nullopt}}};
  Put([&](Session& s) { return Repo::PutCommittee(s, c); });
  auto got = Get([&](Session& s) { return Repo::FindCommittee(s, p.estate); });
  ASSERT_TRUE(got);
  EXPECT_EQ(got->kind, "owners_committee");
  EXPECT_EQ(got->term_end, "2030-12-31");
  ASSERT_EQ(got->members.size(), 2u);
  EXPECT_EQ(got->members[0].phone, std::optional<std::string>("13907001111"));
  EXPECT_EQ(got->members[1].name, kTrickyText);
  EXPECT_FALSE(got->members[1].phone);
  c.kind = "management_committee";
  c.members = {{"刘书记", "主任", std::nullopt}};
  Put([&](Session& s) { return Repo::PutCommittee(s, c); });
  got = Get([&](Session& s) { return Repo::FindCommittee(s, p.estate); });
  ASSERT_TRUE(got);
  EXPECT_EQ(got->kind, "management_committee");
  ASSERT_EQ(got->members.size(), 1u);
  EXPECT_FALSE(Get([&](Session& s) { return Repo::FindCommittee(s, p.other); }));

  PropertyContractRecord k{p.estate, kCommunity, kTrickyText, "91360104MA35XXXX1A", "2026-01-01", "2028-12-31", 45, "monthly",
                           {"保洁", "绿化 🌳"}, 1, kAt};
  Put([&](Session& s) { return Repo::PutContract(s, k); });
  auto kc = Get([&](Session& s) { return Repo::FindContract(s, p.estate); });
  ASSERT_TRUE(kc);
  EXPECT_EQ(kc->company, kTrickyText);
  EXPECT_EQ(kc->fee_fen_per_m2, 45);
  EXPECT_EQ(kc->services, (std::vector<std::string>{"保洁", "绿化 🌳"}));
  k.billing = "yearly";
  k.services.clear();
  k.fee_fen_per_m2 = 50;
  Put([&](Session& s) { return Repo::PutContract(s, k); });
  kc = Get([&](Session& s) { return Repo::FindContract(s, p.estate); });
  EXPECT_EQ(kc->billing, "yearly");
  EXPECT_EQ(kc->fee_fen_per_m2, 50);
  EXPECT_TRUE(kc->services.empty());
  EXPECT_FALSE(Get([&](Session& s) { return Repo::FindContract(s, p.other); }));
}

TEST_P(StewardshipContract, BillsOncePerDwellingAndPeriodWithPeriodFiltersAndPayments) {
  if (IsSkipped()) return;
  auto p = Make();
  auto dw = Get([&](Session& s) { return Repo::BillableDwellings(s, p.estate); });
  ASSERT_EQ(dw.size(), 2u);
  EXPECT_EQ(dw[0].dwelling_id, p.d1);
  EXPECT_EQ(dw[0].area_dm2, 5630);
  EXPECT_EQ(dw[1].area_dm2, 5601);
  EXPECT_TRUE(Put([&](Session& s) { return Repo::InsertBillIfAbsent(s, Bill(p.estate, p.d1, "2026-11", 2534)); }));
  EXPECT_FALSE(Put([&](Session& s) { return Repo::InsertBillIfAbsent(s, Bill(p.estate, p.d1, "2026-11", 9999)); }));
  EXPECT_TRUE(Put([&](Session& s) { return Repo::InsertBillIfAbsent(s, Bill(p.estate, p.d2, "2026-11", 2520)); }));
  EXPECT_TRUE(Put([&](Session& s) { return Repo::InsertBillIfAbsent(s, Bill(p.estate, p.d1, "2026-12", 2534)); }));
  EXPECT_TRUE(Put([&](Session& s) { return Repo::InsertBillIfAbsent(s, Bill(p.estate, p.d1, "2026", 30402)); }));
  EXPECT_TRUE(Put([&](Session& s) { return Repo::InsertBillIfAbsent(s, Bill(p.estate, p.d1, "2027-01", 1)); }));
  EXPECT_TRUE(Put([&](Session& s) { return Repo::InsertBillIfAbsent(s, Bill(p.other, p.other_dwelling, "2026-11", 3150)); }));

  auto month = Get([&](Session& s) { return Repo::Totals(s, p.estate, "2026-11"); });
  EXPECT_EQ(month.bills, 2);
  EXPECT_EQ(month.billed_fen, 2534 + 2520);
  EXPECT_EQ(month.paid_fen, 0);
  auto year = Get([&](Session& s) { return Repo::Totals(s, p.estate, "2026"); });
  EXPECT_EQ(year.bills, 4);
  EXPECT_EQ(year.billed_fen, 2534 + 2520 + 2534 + 30402);
  EXPECT_EQ(Get([&](Session& s) { return Repo::Totals(s, p.estate, ""); }).bills, 5);
  auto none = Get([&](Session& s) { return Repo::Totals(s, p.estate, "2025"); });
  EXPECT_EQ(none.bills, 0);
  EXPECT_EQ(none.billed_fen, 0);

  auto bills = Get([&](Session& s) { return Repo::Bills(s, p.estate, "2026-11"); });
  ASSERT_EQ(bills.size(), 2u);
  EXPECT_EQ(bills[0].room, "201");
  EXPECT_EQ(bills[0].building_number, "3");
  EXPECT_EQ(bills[0].amount_fen, 2534) << "the second insert did not replace the first";
  const auto bill = bills[0].id;
  FeePaymentRecord pay{0, bill, kCommunity, 1000, "2026-12-01", kLargeId, kAt};
  const auto pid = Put([&](Session& s) { return Repo::InsertPayment(s, pay); });
  pay.amount_fen = 1534;
  Put([&](Session& s) { return Repo::InsertPayment(s, pay); });
  auto b = Get([&](Session& s) { return Repo::FindBill(s, bill); });
  ASSERT_TRUE(b);
  EXPECT_EQ(b->paid_fen, 2534);
  auto payments = Get([&](Session& s) { return Repo::Payments(s, bill); });
  ASSERT_EQ(payments.size(), 2u);
  EXPECT_EQ(payments[0].id, pid);
  EXPECT_EQ(payments[0].amount_fen, 1000);
  EXPECT_EQ(payments[0].created_by, kLargeId);
  EXPECT_EQ(Get([&](Session& s) { return Repo::Totals(s, p.estate, "2026-11"); }).paid_fen, 2534);
  EXPECT_FALSE(Get([&](Session& s) { return Repo::FindBill(s, kMaxId); }));
}

TEST_P(StewardshipContract, FeeSourcesFundAndUtilities) {
  if (IsSkipped()) return;
  auto p = Make();
  FeeSourceRecord f{0, p.estate, kCommunity, "market_income", 860000, "2026-11-02", kTrickyText, 1, kAt};
  const auto fid = Put([&](Session& s) { return Repo::InsertFeeSource(s, f); });
  f.source = "government_reward";
  f.on_date = "2026-11-01";
  f.note = "";
  Put([&](Session& s) { return Repo::InsertFeeSource(s, f); });
  auto sources = Get([&](Session& s) { return Repo::FeeSources(s, p.estate); });
  ASSERT_EQ(sources.size(), 2u);
  EXPECT_EQ(sources[0].source, "government_reward") << "by date";
  EXPECT_EQ(sources[1].id, fid);
  EXPECT_EQ(sources[1].note, kTrickyText);
  EXPECT_TRUE(Get([&](Session& s) { return Repo::FeeSources(s, p.other); }).empty());

  EXPECT_EQ(Get([&](Session& s) { return Repo::FundBalance(s, p.estate); }), 0);
  MaintenanceFundEntryRecord e{0, p.estate, kCommunity, "initial", 84150, "2026-11-01", "", std::nullopt, 1, kAt};
  Put([&](Session& s) { return Repo::InsertFundEntry(s, e); });
  e.kind = "use";
  e.amount_fen = 50000;
  e.purpose = kTrickyText;
  Put([&](Session& s) { return Repo::InsertFundEntry(s, e); });
  e.kind = "raise";
  e.amount_fen = 7;
  Put([&](Session& s) { return Repo::InsertFundEntry(s, e); });
  EXPECT_EQ(Get([&](Session& s) { return Repo::FundBalance(s, p.estate); }), 84150 - 50000 + 7);
  EXPECT_EQ(Get([&](Session& s) { return Repo::FundBalance(s, p.other); }), 0);
  auto entries = Get([&](Session& s) { return Repo::FundEntries(s, p.estate); });
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[1].purpose, kTrickyText);
  EXPECT_FALSE(entries[1].consultation_id);

  UtilityTransferRecord u{p.estate, "water", kCommunity, "pending", std::nullopt, "", std::nullopt, 1, kAt};
  Put([&](Session& s) { return Repo::PutUtilityTransfer(s, u); });
  u.status = "transferred";
  u.on_date = "2026-11-20";
  u.utility = "南昌水业集团";
  Put([&](Session& s) { return Repo::PutUtilityTransfer(s, u); });
  u.network = "gas";
  u.status = "pending";
  u.on_date.reset();
  u.utility = "";
  Put([&](Session& s) { return Repo::PutUtilityTransfer(s, u); });
  auto list = Get([&](Session& s) { return Repo::UtilityTransfers(s, p.estate); });
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].network, "gas");
  EXPECT_FALSE(list[0].on_date);
  EXPECT_EQ(list[1].network, "water");
  EXPECT_EQ(list[1].status, "transferred");
  EXPECT_EQ(list[1].on_date, std::optional<std::string>("2026-11-20"));
  EXPECT_EQ(list[1].utility, "南昌水业集团");
}

INSTANTIATE_TEST_SUITE_P(Sqlite, StewardshipContract, ::testing::Values("sqlite"));
INSTANTIATE_TEST_SUITE_P(Postgres, StewardshipContract, ::testing::Values("postgres"));

}  // namespace
}  // namespace huanxin::store::contract
