#include "core/project/funds.hpp"

#include "common/code_table.hpp"
#include "common/decimal.hpp"

namespace huanxin::core::project {

namespace {
constexpr CodeName<FundSource> kSources[] = {
    {FundSource::kCentralSubsidy, "central_subsidy", "中央补助资金", "central subsidy"},
    {FundSource::kProvincial, "provincial", "省级补助资金", "provincial subsidy"},
    {FundSource::kLocalFiscal, "local_fiscal", "地方财政资金", "local fiscal funds"},
    {FundSource::kSpecialBond, "special_bond", "地方政府专项债券", "special-purpose bonds"},
    {FundSource::kUtility, "utility", "专业经营单位出资", "utility companies"},
    {FundSource::kResident, "resident", "居民出资", "residents' contributions"},
    {FundSource::kMaintenanceFund, "maintenance_fund", "住宅专项维修资金", "maintenance fund"},
    {FundSource::kPublicIncome, "public_income", "小区公共收益", "community public income"},
    {FundSource::kSocialCapital, "social_capital", "社会资本", "social capital"},
    {FundSource::kDonation, "donation", "捐资捐物", "donations"},
    {FundSource::kProvidentFund, "provident_fund", "住房公积金", "housing provident fund"},
};
constexpr CodeName<FundKind> kKinds[] = {
    {FundKind::kCommitted, "committed", "计划（承诺）", "committed"},
    {FundKind::kReceived, "received", "到位", "received"},
    {FundKind::kPaid, "paid", "支付", "paid"},
};
}  // namespace

std::string_view FundSourceCode(FundSource s) { return CodeOf(kSources, s); }
std::optional<FundSource> ParseFundSource(std::string_view code) { return ParseCode(kSources, code); }
Text FundSourceName(FundSource s) { return NameOf(kSources, s); }
std::string_view FundKindCode(FundKind k) { return CodeOf(kKinds, k); }
std::optional<FundKind> ParseFundKind(std::string_view code) { return ParseCode(kKinds, code); }
Text FundKindName(FundKind k) { return NameOf(kKinds, k); }

std::optional<std::int64_t> ExecutionRate(std::int64_t paid_fen, std::int64_t received_fen) {
  if (received_fen <= 0) return std::nullopt;
  return PercentHundredths(paid_fen, received_fen);
}

}  // namespace huanxin::core::project
