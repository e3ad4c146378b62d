// Who is acting, and the one reusable authorisation helper every service calls for every read and
// write (issue #2 §5: the prefix rule enforced in the service layer).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "core/auth/role.hpp"
#include "store/auth/user_repository.hpp"

namespace huanxin::service {

struct Actor {
  std::int64_t user_id = 0;  // 0 = the system (CLI, start-up)
  std::string username = "system";
  core::auth::Role role = core::auth::Role::kAdmin;
  core::auth::Scope scope{""};
  std::vector<store::Assignment> assignments;
  std::string request_id;

  static Actor System(std::string request_id = "cli") {
    Actor a;
    a.request_id = std::move(request_id);
    return a;
  }
};

// 403 auth.forbidden unless the actor's role holds `permission`.
Result<void> RequirePermission(const Actor& actor, std::string_view permission);

// 403 auth.out_of_scope unless `region_code` lies inside the actor's scope prefix.
Result<void> RequireInScope(const Actor& actor, std::string_view region_code);

// For list endpoints: a requested `regionCode` filter must lie inside the actor's scope (403 if it
// does not); returns it, or nothing when none was asked (the scope itself then applies).
Result<std::optional<std::string>> ScopedRegionFilter(const Actor& actor,
                                                      const std::optional<std::string>& requested);

// Common errors.
Error NotFound(std::string reason, Text what);
Error Invalid(std::string reason, Text message, Text detail = {}, Text hint = {});

}  // namespace huanxin::service
