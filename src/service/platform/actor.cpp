#include "service/platform/actor.hpp"

namespace huanxin::service {

Result<void> RequirePermission(const Actor& actor, std::string_view permission) {
  if (core::auth::HasPermission(actor.role, permission)) return Ok();
  return MakeError(ErrorCode::kForbidden, "auth.forbidden", Text("无权执行此操作", "not allowed"),
                   Text("角色 " + std::string(core::auth::RoleCode(actor.role)) + " 没有权限 " + std::string(permission),
                        "role " + std::string(core::auth::RoleCode(actor.role)) + " lacks " + std::string(permission)),
                   Text("如需此权限，请联系上级管理员", "ask an administrator if you need this permission"));
}

Result<void> RequireInScope(const Actor& actor, std::string_view region_code) {
  if (actor.scope.Covers(region_code)) return Ok();
  std::string code = region_code.empty() ? "(全部)" : std::string(region_code);
  std::string code_en = region_code.empty() ? "(all)" : std::string(region_code);
  return MakeError(ErrorCode::kForbidden, "auth.out_of_scope", Text("超出您的管辖范围", "outside your scope"),
                   Text("区划 " + code + " 不在您的范围 " + actor.scope.prefix() + " 之内",
                        "region " + code_en + " is not inside your scope " + actor.scope.prefix()),
                   Text("只能查看和操作本辖区的数据", "you can only see and change data of your own region"));
}

Result<std::optional<std::string>> ScopedRegionFilter(const Actor& actor,
                                                      const std::optional<std::string>& requested) {
  if (!requested || requested->empty()) return std::optional<std::string>{};
  if (auto r = RequireInScope(actor, *requested); !r) return std::move(r).error();
  return requested;
}

Error NotFound(std::string reason, Text what) {
  return MakeError(ErrorCode::kNotFound, std::move(reason), std::move(what));
}

Error Invalid(std::string reason, Text message, Text detail, Text hint) {
  return MakeError(ErrorCode::kUnprocessable, std::move(reason), std::move(message), std::move(detail),
                   std::move(hint));
}

}  // namespace huanxin::service
