#include "service/platform/field_check.hpp"

#include "common/text.hpp"

namespace huanxin::service {

namespace {
constexpr std::size_t kPhoneMaxChars = 20;
}  // namespace

std::optional<Text> TextProblem(const std::string& value, std::size_t min, std::size_t max) {
  auto n = Utf8Length(value);
  if (!n) return Text("不是有效的 UTF-8 文本", "is not valid UTF-8 text");
  if (*n > max)
    return Text("最多" + std::to_string(max) + "个字，现有" + std::to_string(*n) + "个",
                "at most " + std::to_string(max) + " characters, got " + std::to_string(*n));
  if (min > 0 && Trim(value).empty()) return Text("不能为空", "must not be empty");
  return std::nullopt;
}

std::optional<Text> PhoneProblem(const std::string& phone) {
  if (phone.size() > kPhoneMaxChars) return Text("最多20位", "at most 20 characters");
  for (char c : phone)
    if (!(c >= '0' && c <= '9') && c != '+' && c != '-' && c != ' ')
      return Text("只能包含数字、+、- 和空格", "only digits, '+', '-' and spaces");
  return std::nullopt;
}

}  // namespace huanxin::service
