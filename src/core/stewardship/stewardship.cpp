#include "core/stewardship/stewardship.hpp"

#include <array>
#include <charconv>

#include "common/decimal.hpp"

namespace huanxin::core::stewardship {

namespace {

template <class E, std::size_t N>
std::optional<E> Parse(const std::array<std::string_view, N>& codes, std::string_view code) {
  for (std::size_t i = 0; i < N; ++i)
    if (codes[i] == code) return static_cast<E>(i);
  return std::nullopt;
}

constexpr std::array<std::string_view, 4> kModes{"property_company", "hosting", "self_management", "red_steward"};
constexpr std::array<std::string_view, 2> kCommitteeKinds{"owners_committee", "management_committee"};
constexpr std::array<std::string_view, 2> kBillings{"monthly", "yearly"};
constexpr std::array<std::string_view, 3> kSources{"government_reward", "market_income", "resident_fees"};
constexpr std::array<std::string_view, 3> kFundKinds{"initial", "raise", "use"};
constexpr std::array<std::string_view, 6> kNetworks{"water", "power", "gas", "telecom", "drainage", "heating"};
constexpr std::array<std::string_view, 3> kTransfer{"pending", "agreed", "transferred"};

// x / 100 rounded half up, for x ≥ 0 (fen from fen·m²/dm²).
std::int64_t HalfUpHundredth(std::int64_t x) { return (x + 50) / 100; }

std::string Yuan(std::int64_t fen) { return FormatHundredths(fen); }

}  // namespace

std::string_view ModeCode(Mode m) { return kModes[static_cast<std::size_t>(m)]; }
std::optional<Mode> ParseMode(std::string_view code) { return Parse<Mode>(kModes, code); }
Text ModeName(Mode m) {
  switch (m) {
    case Mode::kPropertyCompany: return Text("专业化物业服务", "professional property company");
    case Mode::kHosting: return Text("街道或国企托管", "street or state hosting");
    case Mode::kSelfManagement: return Text("居民自治管理", "residents' self-management");
    case Mode::kRedSteward: return Text("红色管家", "party-led red steward");
  }
  return {};
}

std::optional<int> MatterForModeChange(std::optional<Mode> from, Mode to) {
  if (to == Mode::kPropertyCompany) return kMatterHireCompany;                          // 选聘
  if (from && *from == Mode::kPropertyCompany) return kMatterHireCompany;               // 解聘
  return std::nullopt;
}

std::string_view CommitteeKindCode(CommitteeKind k) { return kCommitteeKinds[static_cast<std::size_t>(k)]; }
std::optional<CommitteeKind> ParseCommitteeKind(std::string_view code) { return Parse<CommitteeKind>(kCommitteeKinds, code); }
std::optional<int> MatterForCommittee(CommitteeKind k) {
  return k == CommitteeKind::kOwnersCommittee ? std::optional<int>(kMatterElectCommittee) : std::nullopt;
}

std::string_view BillingCode(Billing b) { return kBillings[static_cast<std::size_t>(b)]; }
std::optional<Billing> ParseBilling(std::string_view code) { return Parse<Billing>(kBillings, code); }

std::int64_t MonthlyFee(std::int64_t area_dm2, std::int64_t fen_per_m2_month) {
  return HalfUpHundredth(area_dm2 * fen_per_m2_month);
}
std::int64_t YearlyFee(std::int64_t area_dm2, std::int64_t fen_per_m2_month) {
  return HalfUpHundredth(area_dm2 * fen_per_m2_month * 12);
}
std::int64_t PeriodFee(Billing b, std::int64_t area_dm2, std::int64_t fen_per_m2_month) {
  return b == Billing::kYearly ? YearlyFee(area_dm2, fen_per_m2_month) : MonthlyFee(area_dm2, fen_per_m2_month);
}

std::string Period::Code() const {
  std::string y = std::to_string(year);
  if (!month) return y;
  return y + (*month < 10 ? "-0" : "-") + std::to_string(*month);
}

std::optional<Period> ParsePeriod(std::string_view text) {
  auto digits = [](std::string_view s) {
    for (char c : s)
      if (c < '0' || c > '9') return false;
    return !s.empty();
  };
  auto number = [](std::string_view s) {
    int v = 0;
    std::from_chars(s.data(), s.data() + s.size(), v);
    return v;
  };
  if (text.size() != 4 && text.size() != 7) return std::nullopt;
  if (!digits(text.substr(0, 4))) return std::nullopt;
  Period p{number(text.substr(0, 4)), std::nullopt};
  if (p.year < 2000 || p.year > 2100) return std::nullopt;
  if (text.size() == 7) {
    if (text[4] != '-' || !digits(text.substr(5, 2))) return std::nullopt;
    const int m = number(text.substr(5, 2));
    if (m < 1 || m > 12) return std::nullopt;
    p.month = m;
  }
  return p;
}

Result<void> CheckRunPeriod(Billing b, const Period& p) {
  if (b == Billing::kMonthly && !p.month)
    return MakeError(ErrorCode::kUnprocessable, "stewardship.period_mismatch",
                     Text("合同按月计费，账期应为月份 YYYY-MM", "the contract bills monthly: the period must be a month YYYY-MM"),
                     Text::Same(p.Code()));
  if (b == Billing::kYearly && p.month)
    return MakeError(ErrorCode::kUnprocessable, "stewardship.period_mismatch",
                     Text("合同按年计费，账期应为年份 YYYY", "the contract bills yearly: the period must be a year YYYY"),
                     Text::Same(p.Code()));
  return Ok();
}

Result<void> CheckPayment(std::int64_t billed_fen, std::int64_t paid_fen, std::int64_t amount_fen) {
  if (amount_fen <= 0)
    return MakeError(ErrorCode::kUnprocessable, "stewardship.invalid_amount", Text("缴费金额须大于 0", "a payment must be more than 0"),
                     Text::Same(Yuan(amount_fen)));
  const std::int64_t owed = billed_fen - paid_fen;
  if (amount_fen > owed)
    return MakeError(ErrorCode::kConflict, "stewardship.overpayment",
                     Text("缴费金额超过欠费：应缴 " + Yuan(billed_fen) + " 元，已缴 " + Yuan(paid_fen) + " 元，尚欠 " + Yuan(owed) + " 元",
                          "the payment exceeds what is owed: billed " + Yuan(billed_fen) + " yuan, paid " + Yuan(paid_fen) +
                              " yuan, owed " + Yuan(owed) + " yuan"),
                     Text::Same(Yuan(amount_fen) + " > " + Yuan(owed)),
                     Text("按尚欠金额收取，多收部分不入账", "take at most the amount still owed"));
  return Ok();
}

std::int64_t CollectionRate(std::int64_t paid_fen, std::int64_t billed_fen) { return PercentHundredths(paid_fen, billed_fen); }

std::string_view FeeSourceCode(FeeSource s) { return kSources[static_cast<std::size_t>(s)]; }
std::optional<FeeSource> ParseFeeSource(std::string_view code) { return Parse<FeeSource>(kSources, code); }
Text FeeSourceName(FeeSource s) {
  switch (s) {
    case FeeSource::kGovernmentReward: return Text("政府奖补", "government reward");
    case FeeSource::kMarketIncome: return Text("市场收益", "market income");
    case FeeSource::kResidentFees: return Text("居民缴费", "residents' fees");
  }
  return {};
}

std::string_view FundEntryKindCode(FundEntryKind k) { return kFundKinds[static_cast<std::size_t>(k)]; }
std::optional<FundEntryKind> ParseFundEntryKind(std::string_view code) { return Parse<FundEntryKind>(kFundKinds, code); }
std::optional<int> MatterForFundEntry(FundEntryKind k) {
  switch (k) {
    case FundEntryKind::kUse: return kMatterUseFund;
    case FundEntryKind::kRaise: return kMatterRaiseFund;
    case FundEntryKind::kInitial: return std::nullopt;
  }
  return std::nullopt;
}

std::int64_t InitialDepositMinimum(std::int64_t total_area_dm2, std::int64_t yuan_per_m2) { return total_area_dm2 * yuan_per_m2; }

Result<std::int64_t> FundBalanceAfter(std::int64_t balance_fen, FundEntryKind k, std::int64_t amount_fen) {
  if (k != FundEntryKind::kUse) return balance_fen + amount_fen;
  if (amount_fen > balance_fen)
    return MakeError(ErrorCode::kConflict, "stewardship.fund_overdrawn",
                     Text("维修资金余额不足：余额 " + Yuan(balance_fen) + " 元，本次使用 " + Yuan(amount_fen) + " 元",
                          "the maintenance fund is short: balance " + Yuan(balance_fen) + " yuan, use " + Yuan(amount_fen) + " yuan"),
                     Text::Same(Yuan(amount_fen) + " > " + Yuan(balance_fen)),
                     Text("先经业主表决续筹维修资金（民法典第二百七十八条第六项）",
                          "replenish the fund first by an owners' vote (Civil Code Art. 278 (6))"));
  return balance_fen - amount_fen;
}

std::string_view NetworkCode(Network n) { return kNetworks[static_cast<std::size_t>(n)]; }
std::optional<Network> ParseNetwork(std::string_view code) { return Parse<Network>(kNetworks, code); }
Text NetworkName(Network n) {
  switch (n) {
    case Network::kWater: return Text("供水", "water");
    case Network::kPower: return Text("供电", "power");
    case Network::kGas: return Text("供气", "gas");
    case Network::kTelecom: return Text("通信", "telecom");
    case Network::kDrainage: return Text("排水", "drainage");
    case Network::kHeating: return Text("供热", "heating");
  }
  return {};
}
std::string_view TransferStatusCode(TransferStatus s) { return kTransfer[static_cast<std::size_t>(s)]; }
std::optional<TransferStatus> ParseTransferStatus(std::string_view code) { return Parse<TransferStatus>(kTransfer, code); }

}  // namespace huanxin::core::stewardship
