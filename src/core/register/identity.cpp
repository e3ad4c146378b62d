#include "core/register/identity.hpp"

#include <algorithm>
#include <chrono>

#include "common/text.hpp"

namespace huanxin::core::reg {

std::string NormaliseIdNumber(std::string_view raw) {
  std::string out(Trim(raw));
  if (!out.empty() && out.back() == 'x') out.back() = 'X';
  return out;
}

char IdCheckCharacter(std::string_view first17) {
  // ISO 7064 MOD 11-2 as specified by GB 11643-1999 §6.
  static constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static constexpr char kCheck[11] = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (first17[i] - '0') * kWeights[i];
  return kCheck[sum % 11];
}

Result<void> ValidateIdNumber(std::string_view id) {
  auto bad = [&](const char* zh, const char* en) {
    return MakeError(ErrorCode::kUnprocessable, "register.bad_id_number",
                     Text("证件号码不正确", "invalid ID number"), Text(zh, en),
                     Text("请核对18位居民身份证号码", "check the 18-character resident ID number"));
  };
  if (id.size() != 18) return bad("身份证号码应为18位", "a resident ID number has 18 characters");
  if (!IsDigits(id.substr(0, 17)) || !(IsDigits(id.substr(17)) || id[17] == 'X'))
    return bad("前17位应为数字，最后一位为数字或X", "17 digits then a digit or X");
  using namespace std::chrono;
  int y = std::stoi(std::string(id.substr(6, 4)));
  unsigned m = static_cast<unsigned>(std::stoi(std::string(id.substr(10, 2))));
  unsigned d = static_cast<unsigned>(std::stoi(std::string(id.substr(12, 2))));
  if (y < 1900 || y > 2099 || !year_month_day{year{y}, month{m}, day{d}}.ok())
    return bad("出生日期无效", "the birth date inside the number is not a date");
  if (IdCheckCharacter(id.substr(0, 17)) != id[17])
    return bad("校验位不符", "the check character does not match (GB 11643-1999)");
  return Ok();
}

std::string MaskIdNumber(std::string_view id) {
  if (id.size() <= 8) return std::string(id.size(), '*');
  return std::string(id.substr(0, 4)) + std::string(id.size() - 8, '*') + std::string(id.substr(id.size() - 4));
}

std::string MaskPhone(std::string_view phone) {
  if (phone.size() <= 7) return std::string(phone.size(), '*');
  return std::string(phone.substr(0, 3)) + std::string(phone.size() - 7, '*') + std::string(phone.substr(phone.size() - 4));
}

std::string MaskName(std::string_view name) {
  if (name.empty()) return {};
  auto lead = static_cast<unsigned char>(name[0]);
  std::size_t first = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  return std::string(name.substr(0, std::min(first, name.size()))) + "**";
}

}  // namespace huanxin::core::reg
