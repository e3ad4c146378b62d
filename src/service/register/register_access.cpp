#include "service/register/register_access.hpp"

namespace huanxin::service {

bool CanSeePii(const Actor& actor, std::string_view region_code) {
  return core::auth::HasPermission(actor.role, kRegisterPiiRead) && actor.scope.Covers(region_code);
}

Result<void> RequireEstateAccess(const Actor& actor, std::int64_t estate_id, std::string_view region_code, bool write) {
  if (write) {
    if (auto r = RequirePermission(actor, kRegisterWrite); !r) return r;
    return RequireInScope(actor, region_code);
  }
  if (auto r = RequirePermission(actor, kRegisterRead); !r) return r;
  if (actor.scope.Covers(region_code)) return Ok();
  for (const auto& a : actor.assignments)
    if (a.kind == "estate" && a.target_id == estate_id) return Ok();
  return RequireInScope(actor, region_code);  // the out-of-scope error
}

}  // namespace huanxin::service
