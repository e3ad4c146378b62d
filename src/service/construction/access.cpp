#include "service/construction/access.hpp"

#include <algorithm>
#include <string>

namespace huanxin::service {

using core::auth::Role;

bool WorksOnAssignments(const Actor& actor) {
  switch (actor.role) {
    case Role::kSupervisor:
    case Role::kContractor:
    case Role::kUtility:
    case Role::kProperty:
    case Role::kResident: return true;
    default: return false;
  }
}

Result<store::ProjectRecord> ProjectForConstruction(store::Session& s, const Actor& actor, std::int64_t id,
                                                    std::string_view permission) {
  if (auto r = RequirePermission(actor, permission); !r) return std::move(r).error();
  auto p = store::ProjectRepository::Find(s, id);
  if (!p) return std::move(p).error();
  if (!*p)
    return NotFound("project.not_found",
                    Text("项目 " + std::to_string(id) + " 不存在", "project " + std::to_string(id) + " does not exist"));
  if (auto r = RequireInScope(actor, (*p)->region_code); !r) return std::move(r).error();
  if (!WorksOnAssignments(actor)) return std::move(**p);
  const auto& a = actor.assignments;
  bool assigned = std::any_of(a.begin(), a.end(), [&](const store::Assignment& x) {
    return x.kind == "project" && x.target_id == id;
  });
  if (!assigned) {
    auto estates = store::ProjectRepository::Estates(s, id);
    if (!estates) return std::move(estates).error();
    for (const auto& e : *estates)
      assigned = assigned || std::any_of(a.begin(), a.end(), [&](const store::Assignment& x) {
                   return x.kind == "estate" && x.target_id == e.estate_id;
                 });
  }
  if (!assigned)
    return MakeError(ErrorCode::kForbidden, "auth.out_of_scope", Text("您未被分配到该项目", "you are not assigned to this project"),
                     Text("项目 " + std::to_string(id) + " 不在您的分配范围内",
                          "project " + std::to_string(id) + " is not among your assignments"),
                     Text("请联系街道办或住建局为您分配项目", "ask the street office or bureau to assign you the project"));
  return std::move(**p);
}

}  // namespace huanxin::service
