// Resident identity numbers and phone numbers: validation and masking (PIPL).
//
// GB 11643-1999 (公民身份号码): 18 characters = 6-digit address code + 8-digit birth date + 3-digit
// sequence + a check character computed by ISO 7064 MOD 11-2 (weights 2^(17-i) mod 11; check
// values 1 0 X 9 8 7 6 5 4 3 2). Masking keeps the first 4 and last 4 characters
// ("3601**********1234") and a mobile's first 3 and last 4 ("138****5678"), as issue #3 specifies;
// PIPL (个人信息保护法, 2021) Art. 28 treats ID numbers as sensitive personal information.
#pragma once

#include <string>
#include <string_view>

#include "common/result.hpp"

namespace huanxin::core::reg {

// Upper-cases a trailing 'x' and trims spaces; does not validate.
std::string NormaliseIdNumber(std::string_view raw);
// Ok for an 18-character number with a valid birth date (1900-01-01 … today is not checked: no
// clock in core; years 1900–2099) and a matching check character; 422 register.bad_id_number
// naming what is wrong otherwise. Expects a normalised number.
Result<void> ValidateIdNumber(std::string_view id);
// The check character for the first 17 digits (exposed for tests and the demo generator).
char IdCheckCharacter(std::string_view first17);

std::string MaskIdNumber(std::string_view id);
std::string MaskPhone(std::string_view phone);
// Keeps the first character (a surname) and masks the rest: "张三丰" → "张**". Enough to confirm on a
// door-to-door visit, not enough to look people up (PIPL Art. 6).
std::string MaskName(std::string_view name);

}  // namespace huanxin::core::reg
