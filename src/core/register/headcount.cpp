#include "core/register/headcount.hpp"

#include <optional>
#include <unordered_map>

namespace huanxin::core::reg {

namespace {
class DisjointSets {
 public:
  std::size_t Add() {
    parent_.push_back(parent_.size());
    return parent_.size() - 1;
  }
  std::size_t Find(std::size_t x) {
    while (parent_[x] != x) x = parent_[x] = parent_[parent_[x]];
    return x;
  }
  void Union(std::size_t a, std::size_t b) { parent_[Find(a)] = Find(b); }
  std::size_t size() const { return parent_.size(); }

 private:
  std::vector<std::size_t> parent_;
};
}  // namespace

SaleStatus SaleStatusOf(std::string_view code) {
  return code == "developer_unsold" ? SaleStatus::kDeveloperUnsold
         : code == "public_housing" ? SaleStatus::kPublicHousing
                                    : SaleStatus::kSold;
}

HeadGroups GroupHeads(std::span<const DwellingShare> dwellings) {
  DisjointSets sets;
  std::unordered_map<std::int64_t, std::size_t> owner_node;
  std::vector<std::size_t> node_of(dwellings.size());
  // All developer-unsold parts are one head; all public-housing parts are one head [inference].
  std::optional<std::size_t> unsold_node, public_node;
  for (std::size_t i = 0; i < dwellings.size(); ++i) {
    const auto& d = dwellings[i];
    if (d.sale_status == SaleStatus::kDeveloperUnsold) {
      if (!unsold_node) unsold_node = sets.Add();
      node_of[i] = *unsold_node;
      continue;
    }
    if (d.sale_status == SaleStatus::kPublicHousing) {
      if (!public_node) public_node = sets.Add();
      node_of[i] = *public_node;
      continue;
    }
    node_of[i] = sets.Add();
    for (auto owner : d.owner_ids) {
      auto [it, inserted] = owner_node.try_emplace(owner, 0);
      if (inserted) it->second = sets.Add();
      sets.Union(it->second, node_of[i]);
    }
  }
  // Number the groups that hold at least one dwelling (owners alone are not parts).
  HeadGroups out;
  out.head_of.resize(dwellings.size());
  std::unordered_map<std::size_t, std::size_t> number;
  for (std::size_t i = 0; i < dwellings.size(); ++i) {
    auto [it, inserted] = number.try_emplace(sets.Find(node_of[i]), out.heads);
    if (inserted) ++out.heads;
    out.head_of[i] = it->second;
  }
  return out;
}

Headcount CountOwners(std::span<const DwellingShare> dwellings) {
  Headcount out;
  for (const auto& d : dwellings) {
    ++out.dwellings;
    out.exclusive_area_dm2 += d.exclusive_area_dm2;
  }
  out.owner_heads = static_cast<std::int64_t>(GroupHeads(dwellings).heads);
  return out;
}

}  // namespace huanxin::core::reg
