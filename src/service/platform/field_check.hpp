// What is wrong with a free-text field or a phone number a person typed, as the detail of the
// calling context's own `<context>.invalid_field` error (publicity objections, resident tickets).
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "common/error.hpp"

namespace huanxin::service {

// Text of `min`–`max` characters (UTF-8), not only spaces; `min` 0 allows "". nullopt when fine.
std::optional<Text> TextProblem(const std::string& value, std::size_t min, std::size_t max);
// A phone number as residents write it: at most 20 of digits, '+', '-' and spaces. nullopt when fine.
std::optional<Text> PhoneProblem(const std::string& phone);

}  // namespace huanxin::service
