#include "core/register/headcount.hpp"

#include <algorithm>
#include <map>
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
  return code == "developer_unsold"   ? SaleStatus::kDeveloperUnsold
         : code == "sold_undelivered" ? SaleStatus::kSoldUndelivered
         : code == "public_housing"   ? SaleStatus::kPublicHousing
                                      : SaleStatus::kSold;
}

bool HeldByDeveloper(SaleStatus s) { return s == SaleStatus::kDeveloperUnsold || s == SaleStatus::kSoldUndelivered; }

std::string_view HeadcountReadingCode(HeadcountReading r) {
  return r == HeadcountReading::kTransitive ? "transitive" : "literal";
}

HeadGroups GroupHeads(std::span<const DwellingShare> dwellings, HeadcountReading reading) {
  DisjointSets sets;
  std::unordered_map<std::int64_t, std::size_t> owner_node;      // transitive: owner → node
  std::map<std::vector<std::int64_t>, std::size_t> buyer_node;   // literal: owner set → node
  std::vector<std::size_t> node_of(dwellings.size());
  // REFERENCE §8: the developer's unsold and sold-but-undelivered parts are one head; all
  // public-housing parts are one head [inference].
  std::optional<std::size_t> developer_node, public_node;
  for (std::size_t i = 0; i < dwellings.size(); ++i) {
    const auto& d = dwellings[i];
    if (HeldByDeveloper(d.sale_status)) {
      if (!developer_node) developer_node = sets.Add();
      node_of[i] = *developer_node;
      continue;
    }
    if (d.sale_status == SaleStatus::kPublicHousing) {
      if (!public_node) public_node = sets.Add();
      node_of[i] = *public_node;
      continue;
    }
    if (reading == HeadcountReading::kLiteral) {
      // One buyer = one recorded owner set; no owner recorded = a part of its own (one part, one person).
      if (d.owner_ids.empty()) {
        node_of[i] = sets.Add();
        continue;
      }
      std::vector<std::int64_t> key = d.owner_ids;
      std::sort(key.begin(), key.end());
      key.erase(std::unique(key.begin(), key.end()), key.end());
      auto [it, inserted] = buyer_node.try_emplace(std::move(key), 0);
      if (inserted) it->second = sets.Add();
      node_of[i] = it->second;
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

Headcount CountOwners(std::span<const DwellingShare> dwellings, HeadcountReading reading) {
  Headcount out;
  for (const auto& d : dwellings) {
    ++out.dwellings;
    out.exclusive_area_dm2 += d.exclusive_area_dm2;
  }
  out.owner_heads = static_cast<std::int64_t>(GroupHeads(dwellings, reading).heads);
  return out;
}

}  // namespace huanxin::core::reg
