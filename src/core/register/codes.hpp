// The register's closed vocabularies: a stable code (API, storage), the Chinese label people type
// in rosters, and an English label. Imports accept the code, the Chinese label or an alias.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"

namespace huanxin::core::reg {

struct Choice {
  std::string_view code;
  std::string_view zh;
  std::string_view en;
  std::vector<std::string_view> aliases;  // other spellings seen in rosters
};

class ChoiceSet {
 public:
  ChoiceSet(std::string_view name, std::vector<Choice> choices) : name_(name), choices_(std::move(choices)) {}
  std::string_view name() const { return name_; }
  const std::vector<Choice>& choices() const { return choices_; }
  const Choice* ByCode(std::string_view code) const;
  // By code, Chinese label or alias (surrounding spaces ignored).
  const Choice* ByAnyLabel(std::string_view text) const;
  // "不动产登记 / 实测 / 合同" for error hints.
  std::string ListZh() const;
  std::string ListCodes() const;

 private:
  std::string_view name_;
  std::vector<Choice> choices_;
};

const ChoiceSet& EstateStatuses();   // registered candidate planned in_progress completed maintained
const ChoiceSet& PropertyModes();    // professional street_hosted self_managed none
const ChoiceSet& OwnershipTypes();   // housing_reform fundraised commercial unit_managed welfare other
const ChoiceSet& AreaSources();      // registered surveyed contract (REFERENCE.md §8 order of precedence)
const ChoiceSet& SaleStatuses();     // sold sold_undelivered developer_unsold public_housing

// A building as people say it: "3" → "3号楼"; numbers already carrying their word ("3号楼", "1栋",
// "A幢", "2座") stay as written.
std::string BuildingLabel(std::string_view number);
const ChoiceSet& DwellingUses();     // residential commercial
const ChoiceSet& Occupancies();      // owner_occupied rented vacant
const ChoiceSet& Structures();       // brick_concrete frame shear_wall brick_wood other
const ChoiceSet& Heatings();         // none central district individual

}  // namespace huanxin::core::reg
