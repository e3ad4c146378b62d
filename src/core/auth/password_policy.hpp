// Minimum password rules.
//
// Source: GB/T 22239-2019 (网络安全等级保护基本要求) 8.1.4.1 a) asks for identity authentication with
// passwords of sufficient complexity [recall: wording not checked against the standard's text].
// Our rule (inference, in line with common Chinese government-system practice): at least 10
// characters, at least three of the four classes (lower, upper, digit, symbol), not the username,
// at most 128 bytes (argon2 input bound kept sane).
#pragma once

#include <string_view>

#include "common/result.hpp"

namespace huanxin::core::auth {

inline constexpr std::size_t kMinPasswordChars = 10;
inline constexpr std::size_t kMaxPasswordBytes = 128;

// Ok, or a 422 `auth.weak_password` whose detail names what is missing.
Result<void> CheckPasswordPolicy(std::string_view password, std::string_view username);

}  // namespace huanxin::core::auth
