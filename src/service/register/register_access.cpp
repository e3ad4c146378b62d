#include "service/register/register_access.hpp"

namespace huanxin::service {

bool CanSeePii(const Actor& actor, std::string_view region_code) {
  return core::auth::HasPermission(actor.role, kRegisterPiiRead) && actor.scope.Covers(region_code);
}

bool ReadsByAssignmentOnly(const Actor& actor) {
  using core::auth::Role;
  return actor.role == Role::kSupervisor || actor.role == Role::kContractor || actor.role == Role::kUtility ||
         actor.role == Role::kProperty;
}

std::vector<std::int64_t> AssignedEstates(const Actor& actor) {
  std::vector<std::int64_t> out;
  for (const auto& a : actor.assignments)
    if (a.kind == "estate") out.push_back(a.target_id);
  return out;
}

bool OwnerVisible(const Actor& actor, const std::vector<std::string>& regions) {
  if (regions.empty()) return true;
  for (const auto& r : regions)
    if (actor.scope.Covers(r)) return true;
  return false;
}

bool OwnerPiiVisible(const Actor& actor, const std::vector<std::string>& regions) {
  return core::auth::HasPermission(actor.role, kRegisterPiiRead) && !ReadsByAssignmentOnly(actor) &&
         OwnerVisible(actor, regions);
}

Result<void> RequireEstateAccess(const Actor& actor, std::int64_t estate_id, std::string_view region_code, bool write) {
  if (write) {
    if (auto r = RequirePermission(actor, kRegisterWrite); !r) return r;
    return RequireInScope(actor, region_code);
  }
  if (auto r = RequirePermission(actor, kRegisterRead); !r) return r;
  if (!ReadsByAssignmentOnly(actor) && actor.scope.Covers(region_code)) return Ok();
  for (const auto& a : actor.assignments)
    if (a.kind == "estate" && a.target_id == estate_id) return Ok();
  if (ReadsByAssignmentOnly(actor))
    return MakeError(ErrorCode::kForbidden, "auth.not_assigned", Text("您未被分配到该小区", "you are not assigned to this estate"),
                     Text::Same(std::to_string(estate_id)), Text("请联系街道办分配", "ask the street office to assign you"));
  return RequireInScope(actor, region_code);  // the out-of-scope error
}

}  // namespace huanxin::service
