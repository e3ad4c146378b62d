// Who may see and change register data, and when personal data is shown (issue #3).
//
// Access to an estate: its region lies in the actor's scope (the prefix rule), OR the actor is
// assigned to it (supervisors, contractors, property companies, or a grid worker lent to a
// neighbouring community). Personal data (ID numbers, phones) is unmasked only when the role holds
// `register:pii:read` AND the record lies inside the actor's own scope — never through an assignment.
// PIPL (个人信息保护法, 2021) Art. 6 (minimum necessary) and Art. 28 (ID numbers are sensitive).
#pragma once

#include <string_view>
#include <vector>

#include "core/auth/role.hpp"
#include "service/platform/actor.hpp"

namespace huanxin::service {

using core::auth::perm::kRegisterPiiRead;
using core::auth::perm::kRegisterRead;
using core::auth::perm::kRegisterWrite;

bool CanSeePii(const Actor& actor, std::string_view region_code);

// Supervisors, contractors, utilities and property companies work on what they are assigned to
// (ARCHITECTURE.md §1: "assigned estates / projects"); their scope code only bounds the
// assignments, it grants no reading by itself.
bool ReadsByAssignmentOnly(const Actor& actor);
std::vector<std::int64_t> AssignedEstates(const Actor& actor);

// Whether the actor may see an owner whose dwellings lie in `regions`: some dwelling inside the
// actor's scope, or no dwelling yet (an owner just entered, not linked anywhere).
bool OwnerVisible(const Actor& actor, const std::vector<std::string>& regions);
// Personal data of such an owner: visible, the PII permission, and some dwelling in scope (or none).
bool OwnerPiiVisible(const Actor& actor, const std::vector<std::string>& regions);

// 403 unless the estate is in scope or assigned; `write` also needs register:write and scope (an
// assignment grants reading only).
Result<void> RequireEstateAccess(const Actor& actor, std::int64_t estate_id, std::string_view region_code, bool write);

}  // namespace huanxin::service
