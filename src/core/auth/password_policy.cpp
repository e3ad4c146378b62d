#include "core/auth/password_policy.hpp"

#include <string>

#include "common/text.hpp"

namespace huanxin::core::auth {

Result<void> CheckPasswordPolicy(std::string_view password, std::string_view username) {
  auto weak = [](Text detail) {
    return MakeError(ErrorCode::kUnprocessable, "auth.weak_password",
                     Text("密码不符合要求", "password does not meet the rules"), std::move(detail),
                     Text("至少10位，包含大写字母、小写字母、数字、符号中的三类，且不同于用户名",
                          "use at least 10 characters from three of: upper case, lower case, "
                          "digits, symbols; not the username"));
  };
  auto chars = Utf8Length(password);
  if (!chars) return weak(Text("密码不是有效的 UTF-8 文本", "password is not valid UTF-8"));
  if (password.size() > kMaxPasswordBytes)
    return weak(Text("密码过长（最多128字节）", "password too long (128 bytes at most)"));
  if (*chars < kMinPasswordChars)
    return weak(Text("密码长度为 " + std::to_string(*chars) + " 位，至少需要 10 位",
                     "password has " + std::to_string(*chars) + " characters; 10 needed"));
  bool lower = false, upper = false, digit = false, symbol = false;
  for (unsigned char c : password) {
    if (c >= 'a' && c <= 'z') lower = true;
    else if (c >= 'A' && c <= 'Z') upper = true;
    else if (c >= '0' && c <= '9') digit = true;
    else symbol = true;  // punctuation, space and any non-ASCII character
  }
  int classes = lower + upper + digit + symbol;
  if (classes < 3)
    return weak(Text("密码只包含 " + std::to_string(classes) + " 类字符，至少需要 3 类",
                     "password uses " + std::to_string(classes) + " character classes; 3 needed"));
  if (ToLowerAscii(password) == ToLowerAscii(username))
    return weak(Text("密码不能与用户名相同", "password equals the username"));
  return Ok();
}

}  // namespace huanxin::core::auth
