#include "core/register/headcount.hpp"

#include <numeric>
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

Headcount CountOwners(std::span<const DwellingShare> dwellings) {
  Headcount out;
  DisjointSets sets;
  std::unordered_map<std::int64_t, std::size_t> owner_node;
  std::vector<std::size_t> dwelling_node;
  bool any_unsold = false, any_public = false;
  for (const auto& d : dwellings) {
    ++out.dwellings;
    out.exclusive_area_dm2 += d.exclusive_area_dm2;
    if (d.sale_status == SaleStatus::kDeveloperUnsold) {
      any_unsold = true;  // all unsold parts: one head together
      continue;
    }
    if (d.sale_status == SaleStatus::kPublicHousing) {
      any_public = true;  // one public owner [inference]
      continue;
    }
    std::size_t node = sets.Add();
    dwelling_node.push_back(node);
    for (auto owner : d.owner_ids) {
      auto [it, inserted] = owner_node.try_emplace(owner, 0);
      if (inserted) it->second = sets.Add();
      sets.Union(it->second, node);
    }
  }
  // Count the distinct groups that contain at least one sold dwelling (owners alone are not parts).
  std::vector<bool> seen(sets.size(), false);
  for (auto node : dwelling_node) {
    auto root = sets.Find(node);
    if (!seen[root]) {
      seen[root] = true;
      ++out.owner_heads;
    }
  }
  out.owner_heads += (any_unsold ? 1 : 0) + (any_public ? 1 : 0);
  return out;
}

}  // namespace huanxin::core::reg
