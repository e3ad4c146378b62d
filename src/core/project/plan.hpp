// The annual plan and its cap on extension estates (issue #12; REFERENCE.md §1.1). Pure.
//
// 国办发〔2020〕23号 covers estates built before the end of 2000; estates built 2001–2005 may be
// added ("extension" estates), but their households may make up at most a share of the year's
// households — 15 % by default (the register's eligibility policy, config register.*). The year's households are
// the larger of the plan's target and the households of the estates already in it plus the one
// being added, so planning more than the target never tightens the cap.
#pragma once

#include <cstdint>

#include "common/result.hpp"
#include "core/register/eligibility.hpp"

namespace huanxin::core::project {

struct PlanFigures {
  std::int64_t target_households = 0;
  std::int64_t planned_households = 0;    // households of the estates already in the plan
  std::int64_t extension_households = 0;  // of which in extension estates
};

// The denominator of the cap after adding `adding_households`.
std::int64_t YearHouseholds(const PlanFigures& plan, std::int64_t adding_households);

// 409 plan.extension_cap when adding an extension estate with `adding_households` would take the
// extension households over the policy's cap (register.extension_cap, 15/100 by default) of the
// year's households; the detail gives the figures. Compared exactly (core::reg::ExtensionWithinCap).
Result<void> CheckExtensionCap(const PlanFigures& plan, std::int64_t adding_households, bool adding_is_extension,
                               const core::reg::EligibilityPolicy& policy);

}  // namespace huanxin::core::project
