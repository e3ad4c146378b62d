// The multi-source funding ledger (issue #12; REFERENCE.md §1.3 who pays, §6 the execution-rate
// KPI). Pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "common/error.hpp"

namespace huanxin::core::project {

// Sources of money (REFERENCE.md §1.3): 中央补助, 省级补助, 地方财政, 专项债, 专业经营单位出资,
// 居民出资, 住宅专项维修资金, 公共收益, 社会资本, 捐赠, 住房公积金.
enum class FundSource {
  kCentralSubsidy, kProvincial, kLocalFiscal, kSpecialBond, kUtility, kResident,
  kMaintenanceFund, kPublicIncome, kSocialCapital, kDonation, kProvidentFund,
};
inline constexpr FundSource kFundSources[] = {
    FundSource::kCentralSubsidy, FundSource::kProvincial,      FundSource::kLocalFiscal,  FundSource::kSpecialBond,
    FundSource::kUtility,        FundSource::kResident,        FundSource::kMaintenanceFund, FundSource::kPublicIncome,
    FundSource::kSocialCapital,  FundSource::kDonation,        FundSource::kProvidentFund};
std::string_view FundSourceCode(FundSource s);
std::optional<FundSource> ParseFundSource(std::string_view code);
Text FundSourceName(FundSource s);

// committed (计划/承诺), received (到位), paid (支付).
enum class FundKind { kCommitted, kReceived, kPaid };
inline constexpr FundKind kFundKinds[] = {FundKind::kCommitted, FundKind::kReceived, FundKind::kPaid};
std::string_view FundKindCode(FundKind k);
std::optional<FundKind> ParseFundKind(std::string_view code);
Text FundKindName(FundKind k);

// Fund execution rate = paid ÷ received, in hundredths of a percent, half up (Kunming 五华 2023:
// 190.78 ÷ 369.50 = 51.63 %, REFERENCE.md §6). Nothing received → nullopt (no rate, not 0 %).
std::optional<std::int64_t> ExecutionRate(std::int64_t paid_fen, std::int64_t received_fen);

}  // namespace huanxin::core::project
