// Renovation items (改造内容): the rules an edit must satisfy (README.md beside).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.hpp"

namespace huanxin::core::catalogue {

// Who usually pays for an item (REFERENCE.md §1.3): government, utility (专业经营单位), residents,
// social_capital.
bool IsPayer(std::string_view code);

// A change to an item's unit, unit cost (fen; nullopt inside = clear it) and payer.
struct ItemPatch {
  std::optional<std::string> unit, payer;
  std::optional<std::optional<std::int64_t>> unit_cost_fen;
};

// 422 `catalogue.invalid_field` naming the field: unit 1–10 characters, payer a payer code, unit
// cost not negative.
Result<void> ValidatePatch(const ItemPatch& patch);

}  // namespace huanxin::core::catalogue
