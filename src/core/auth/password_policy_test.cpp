#include "core/auth/password_policy.hpp"

#include <gtest/gtest.h>

namespace huanxin::core::auth {
namespace {

TEST(PasswordPolicy, LengthBoundaryIsTenCharacters) {
  EXPECT_TRUE(CheckPasswordPolicy("Abcdefg#12", "zhang"));   // 10
  EXPECT_FALSE(CheckPasswordPolicy("Abcdef#12", "zhang"));   // 9
}

TEST(PasswordPolicy, NeedsThreeClasses) {
  EXPECT_FALSE(CheckPasswordPolicy("abcdefghij12", "zhang"));  // 2 classes
  EXPECT_TRUE(CheckPasswordPolicy("abcdefghij1A", "zhang"));   // 3 classes
  EXPECT_TRUE(CheckPasswordPolicy("街道办事处密码abc12", "zhang"));  // non-ASCII counts as a symbol
}

TEST(PasswordPolicy, RejectsUsernameAndInvalidUtf8) {
  EXPECT_FALSE(CheckPasswordPolicy("Zhang.San1", "zhang.san1"));
  EXPECT_FALSE(CheckPasswordPolicy("Abcdefg#12\xff", "zhang"));
  auto r = CheckPasswordPolicy("short", "zhang");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().reason, "auth.weak_password");
}

}  // namespace
}  // namespace huanxin::core::auth
