#include "core/auth/role.hpp"

#include <gtest/gtest.h>

namespace huanxin::core::auth {
namespace {

TEST(Role, CodesRoundTrip) {
  for (Role r : kAllRoles) EXPECT_EQ(ParseRole(RoleCode(r)), r);
  EXPECT_FALSE(ParseRole("root"));
}

TEST(Scope, PrefixRuleCoversOwnAndLowerCodesOnly) {
  Scope county("360104");
  EXPECT_TRUE(county.Covers("360104"));
  EXPECT_TRUE(county.Covers("360104002"));
  EXPECT_TRUE(county.Covers("360104002001"));
  EXPECT_FALSE(county.Covers("360103002"));
  EXPECT_FALSE(county.Covers("3601"));  // the parent city is wider than the scope
  EXPECT_FALSE(county.Covers(""));
  EXPECT_TRUE(Scope("").Covers("11"));
  EXPECT_TRUE(Scope("").Covers(""));
}

TEST(ValidateRoleScope, EachRoleAtItsLevel) {
  // Case table: {role, scope, ok}
  struct Case { Role role; const char* scope; bool ok; } cases[] = {
      {Role::kAdmin, "", true},          {Role::kBureau, "360104", true},
      {Role::kBureau, "360104002", false}, {Role::kStreet, "360104002", true},
      {Role::kStreet, "360104", false},  {Role::kCommunity, "360104002001", true},
      {Role::kCommunity, "360104002001001", true}, {Role::kCommunity, "360104002", false},
      {Role::kResident, "", false},      {Role::kStreet, "36010400x", false},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(ValidateRoleScope(c.role, c.scope).has_value(), c.ok) << RoleCode(c.role) << " " << c.scope;
  }
}

TEST(CheckGrant, NoEscalationAndStaysInsideScope) {
  EXPECT_TRUE(CheckGrant(Role::kBureau, Scope("360104"), Role::kStreet, "360104002"));
  auto out = CheckGrant(Role::kBureau, Scope("360104"), Role::kStreet, "360103001");
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().reason, "auth.out_of_scope");
  auto esc = CheckGrant(Role::kBureau, Scope("360104"), Role::kAdmin, "360104");
  ASSERT_FALSE(esc);
  EXPECT_EQ(esc.error().code, ErrorCode::kForbidden);
  EXPECT_TRUE(CheckGrant(Role::kAdmin, Scope(""), Role::kAdmin, ""));
}

TEST(Permissions, MenuPermissionsFollowRoles) {
  EXPECT_TRUE(HasPermission(Role::kAdmin, perm::kUserManage));
  EXPECT_TRUE(HasPermission(Role::kStreet, perm::kAuditRead));
  EXPECT_FALSE(HasPermission(Role::kCommunity, perm::kUserManage));
  EXPECT_FALSE(HasPermission(Role::kResident, perm::kAuditRead));
}

}  // namespace
}  // namespace huanxin::core::auth
