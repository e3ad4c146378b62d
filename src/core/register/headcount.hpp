// Counting owners and exclusive area of a voting unit (estate, building or stairwell) —
// ../shared/domain/REFERENCE.md §8, after the Supreme People's Court interpretation on building
// compartmentalised ownership (法释〔2009〕7号, amended 2020), Arts. 8–9 [recall: article numbers to
// verify]:
//   - area: the sum of the exclusive areas (register, else surveyed, else contract area);
//   - heads: one exclusive part = one person, BUT all parts the developer has not sold count together
//     as one person, and one buyer holding several parts counts as one person.
// Consequences encoded here:
//   - co-owners of one dwelling are one head between them;
//   - an owner with several dwellings is one head, with all their area;
//   - these merge transitively: if X co-owns A with Y and owns B alone, A and B are one head;
//   - all developer-unsold dwellings together are one head;
//   - a sold dwelling with no owner recorded is its own head (one part = one person);
//   - public housing (公房) dwellings are held by one public owner (the housing management unit), so
//     together they are one head [inference: "one buyer holding several parts counts as one"].
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace huanxin::core::reg {

enum class SaleStatus { kSold, kDeveloperUnsold, kPublicHousing };
// The register's sale-status code (codes.hpp SaleStatuses: sold | developer_unsold | public_housing).
SaleStatus SaleStatusOf(std::string_view code);

struct DwellingShare {
  std::int64_t dwelling_id = 0;
  std::int64_t exclusive_area_dm2 = 0;
  SaleStatus sale_status = SaleStatus::kSold;
  std::vector<std::int64_t> owner_ids;  // the recorded (co-)owners; empty when unknown
};

struct Headcount {
  std::int64_t dwellings = 0;
  std::int64_t exclusive_area_dm2 = 0;
  std::int64_t owner_heads = 0;
};

// Pure; O(n α(n)) by union–find over dwellings and owners.
Headcount CountOwners(std::span<const DwellingShare> dwellings);

// The head (voting person) each dwelling belongs to, by the same rules: out[i] is the head index of
// dwellings[i], heads numbered 0..heads-1 in order of first appearance. Owner decisions
// (core/consultation) attribute one choice per head.
struct HeadGroups {
  std::vector<std::size_t> head_of;  // parallel to the input
  std::size_t heads = 0;
};
HeadGroups GroupHeads(std::span<const DwellingShare> dwellings);

}  // namespace huanxin::core::reg
