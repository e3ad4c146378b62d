#include "core/project/plan.hpp"

#include <algorithm>
#include <string>

#include "common/decimal.hpp"

namespace huanxin::core::project {

__extension__ typedef __int128 i128;  // exact products of money and counts

std::int64_t YearHouseholds(const PlanFigures& plan, std::int64_t adding_households) {
  return std::max(plan.target_households, plan.planned_households + adding_households);
}

Result<void> CheckExtensionCap(const PlanFigures& plan, std::int64_t adding_households, bool adding_is_extension,
                               const core::reg::EligibilityPolicy& policy) {
  if (!adding_is_extension) return Ok();
  const std::int64_t year = YearHouseholds(plan, adding_households);
  const std::int64_t ext = plan.extension_households + adding_households;
  if (core::reg::ExtensionWithinCap(ext, year, policy)) return Ok();
  const std::string share = FormatHundredths(PercentHundredths(ext, year));
  const std::string cap = FormatHundredths(PercentHundredths(policy.cap_numerator, policy.cap_denominator));
  // The most extension households the year takes at this size: ⌊year × num / den⌋.
  const std::int64_t room = std::max<std::int64_t>(
      0, static_cast<std::int64_t>(static_cast<i128>(year) * policy.cap_numerator / policy.cap_denominator) -
             plan.extension_households);
  return MakeError(
      ErrorCode::kConflict, "plan.extension_cap",
      Text("2001–2005年建成小区的户数将超过本年度计划户数的" + cap + "%",
           "households in 2001–2005 estates would exceed " + cap + "% of the year's households"),
      Text("加入后延伸小区 " + std::to_string(ext) + " 户 / 年度 " + std::to_string(year) + " 户 = " + share +
               "%，上限 " + cap + "%；尚可加入 " + std::to_string(room) + " 户",
           "after adding: " + std::to_string(ext) + " extension households of " + std::to_string(year) + " = " +
               share + "%, cap " + cap + "%; room left: " + std::to_string(room) + " households"),
      Text("先纳入更多2000年底前建成的小区，或将该小区留在储备库",
           "plan more estates built before the end of 2000 first, or keep this estate in the reserve pool"));
}

}  // namespace huanxin::core::project
