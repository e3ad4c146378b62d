// Long-term management after renovation (长效管理; issue #15 "Long-term management"; README.md
// beside; docs/stewardship.md): the management mode of an estate and the owners' decision it needs,
// property fee bills from exclusive areas, payments and the collection rate, the "三个一点" sources of
// the fee money, the maintenance fund (住宅专项维修资金) and the transfer of utility assets. Pure: no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/error.hpp"
#include "common/result.hpp"

namespace huanxin::core::stewardship {

// ---- Civil Code Art. 278 matters this context relies on (REFERENCE.md §3.1) ----

inline constexpr int kMatterElectCommittee = 3;  // 选举业主委员会或者更换业主委员会成员
inline constexpr int kMatterHireCompany = 4;     // 选聘和解聘物业服务企业或者其他管理人
inline constexpr int kMatterUseFund = 5;         // 使用建筑物及其附属设施的维修资金
inline constexpr int kMatterRaiseFund = 6;       // 筹集建筑物及其附属设施的维修资金

// ---- management mode (REFERENCE.md §1.4 step 7: property company, hosting, self-management;
// issue #15 adds the party-led 红色管家) ----

enum class Mode { kPropertyCompany, kHosting, kSelfManagement, kRedSteward };
std::string_view ModeCode(Mode m);  // property_company | hosting | self_management | red_steward
std::optional<Mode> ParseMode(std::string_view code);
Text ModeName(Mode m);

// The Art. 278 matter an owners' vote must have passed to change the mode from `from` (none when the
// estate had no mode) to `to`, or nullopt when no vote is needed. Hiring a property company, and
// dismissing one (leaving property_company for another mode), are matter 4 (选聘和解聘物业服务企业,
// Civil Code Art. 278 (4); REFERENCE.md §3.1). Hosting, self-management and 红色管家 are arranged by
// the street where no company comes (REFERENCE.md §1.4 step 7) and need no vote of their own.
std::optional<int> MatterForModeChange(std::optional<Mode> from, Mode to);

// ---- committees ----

enum class CommitteeKind { kOwnersCommittee, kManagementCommittee };
std::string_view CommitteeKindCode(CommitteeKind k);  // owners_committee | management_committee
std::optional<CommitteeKind> ParseCommitteeKind(std::string_view code);
// An owners' committee (业委会) is elected by the owners' assembly (Civil Code Art. 278 (3)); a
// property management committee (物业管理委员会) is formed by the street where no assembly could be
// held (住建部《业主大会和业主委员会指导规则》 practice), so it needs no vote.
std::optional<int> MatterForCommittee(CommitteeKind k);

// ---- fee bills (issue #15 "fee bills per dwelling … from its exclusive area") ----

enum class Billing { kMonthly, kYearly };
std::string_view BillingCode(Billing b);  // monthly | yearly
std::optional<Billing> ParseBilling(std::string_view code);

// The fee of one dwelling for one month: area in dm² × fee in fen per m² per month / 100 (dm² → m²),
// rounded half up to the fen (money in integer fen, ARCHITECTURE.md §5). 56.30 m² at 0.45 yuan →
// 5630 × 45 / 100 = 2533.5 → 2534 fen.
std::int64_t MonthlyFee(std::int64_t area_dm2, std::int64_t fen_per_m2_month);
// The fee of one dwelling for a year: the 12-month amount computed once and rounded once
// (area × fee × 12 / 100), not twelve rounded months: 56.30 m² at 0.45 yuan → 30402 fen, where
// twelve rounded months would be 30408.
std::int64_t YearlyFee(std::int64_t area_dm2, std::int64_t fen_per_m2_month);
std::int64_t PeriodFee(Billing b, std::int64_t area_dm2, std::int64_t fen_per_m2_month);

// A billing period: a month 'YYYY-MM' or a year 'YYYY'.
struct Period {
  int year = 0;
  std::optional<int> month;  // 1..12 for a month
  std::string Code() const;  // "2026-03" | "2026"
};
std::optional<Period> ParsePeriod(std::string_view text);
// The period a bill run may use with the contract's billing: a month for monthly billing, a year for
// yearly. 422 stewardship.period_mismatch otherwise.
Result<void> CheckRunPeriod(Billing b, const Period& p);

// A payment towards a bill (issue #15: full or partial, to the fen, overpayment refused): 422
// stewardship.invalid_amount for an amount ≤ 0; 409 stewardship.overpayment when paid + amount would
// exceed the bill, with what is still owed.
Result<void> CheckPayment(std::int64_t billed_fen, std::int64_t paid_fen, std::int64_t amount_fen);

// The collection rate (收缴率) paid/billed in hundredths of a percent, rounded half up
// (PercentHundredths; issue #11 §2 "rates people read"); 0 when nothing was billed.
std::int64_t CollectionRate(std::int64_t paid_fen, std::int64_t billed_fen);

// ---- "三个一点" sources of the fee money (issue #15; 青云谱 seed report, REFERENCE.md §4.5, §10) ----

enum class FeeSource { kGovernmentReward, kMarketIncome, kResidentFees };
std::string_view FeeSourceCode(FeeSource s);  // government_reward | market_income | resident_fees
std::optional<FeeSource> ParseFeeSource(std::string_view code);
Text FeeSourceName(FeeSource s);

// ---- maintenance fund (住宅专项维修资金; REFERENCE.md §1.3, §3.1) ----

enum class FundEntryKind { kInitial, kRaise, kUse };
std::string_view FundEntryKindCode(FundEntryKind k);  // initial | raise | use
std::optional<FundEntryKind> ParseFundEntryKind(std::string_view code);
// The owners' decision an entry needs: use = Art. 278 (5), raise (replenish) = Art. 278 (6); the
// initial deposit where no fund existed is the renovation policy's condition (REFERENCE.md §1.3,
// Chengdu) and needs none of its own.
std::optional<int> MatterForFundEntry(FundEntryKind k);
// The least initial deposit: `yuan_per_m2` yuan per m² of the estate's exclusive area (REFERENCE.md
// §1.3: at least 5 yuan/m², Chengdu). Exact: area_dm2 / 100 m² × yuan × 100 fen = area_dm2 × yuan.
std::int64_t InitialDepositMinimum(std::int64_t total_area_dm2, std::int64_t yuan_per_m2);
// The balance after an entry: initial and raise add, use subtracts; 409 stewardship.fund_overdrawn
// when a use would take the balance below zero.
Result<std::int64_t> FundBalanceAfter(std::int64_t balance_fen, FundEntryKind k, std::int64_t amount_fen);

// ---- utility assets (REFERENCE.md §1.3: renewed utility assets pass to the utilities) ----

enum class Network { kWater, kPower, kGas, kTelecom, kDrainage, kHeating };
std::string_view NetworkCode(Network n);  // water | power | gas | telecom | drainage | heating
std::optional<Network> ParseNetwork(std::string_view code);
Text NetworkName(Network n);
enum class TransferStatus { kPending, kAgreed, kTransferred };
std::string_view TransferStatusCode(TransferStatus s);  // pending | agreed | transferred
std::optional<TransferStatus> ParseTransferStatus(std::string_view code);

}  // namespace huanxin::core::stewardship
