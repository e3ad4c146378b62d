// Counting owners and exclusive area of a voting unit (estate, building or stairwell) —
// ../shared/domain/REFERENCE.md §8, after the Supreme People's Court interpretation on building
// compartmentalised ownership (法释〔2009〕7号, amended 2020), Arts. 8–9 [recall: article numbers to
// verify]:
//   - area: the sum of the exclusive areas (register, else surveyed, else contract area);
//   - heads: one exclusive part = one person, BUT all parts the developer has not sold, or has sold
//     and not yet delivered, count together as one person, and one buyer holding several parts
//     counts as one person.
// Consequences encoded here:
//   - co-owners of one dwelling are one head between them;
//   - all developer-unsold AND sold-but-undelivered dwellings together are one head (the developer
//     still holds them: "建设单位尚未出卖和虽已出卖但尚未交付的部分 … 按一人计算"), whoever is
//     recorded as their buyer;
//   - a sold dwelling with no owner recorded is its own head (one part = one person);
//   - public housing (公房) dwellings are held by one public owner (the housing management unit), so
//     together they are one head [inference: "one buyer holding several parts counts as one"];
//   - "one buyer holding several parts" (同一买受人拥有一个以上专有部分) has two readings, chosen by
//     the deployment (config register.transitive_owner_merge):
//       literal (default): a buyer is the set of owners recorded on a dwelling, so dwellings whose
//         owner sets are identical are one head. X co-owning A with a spouse and owning B alone is
//         two buyers (A, B: two heads) — the interpretation's text, REFERENCE §8 ("co-owners of one
//         flat are one head between them"; "an owner with two flats … one head").
//       transitive (configuration): dwellings sharing any owner merge, and merges chain: X co-owns A
//         with Y and owns B alone → A and B are one head [inference: treats each natural person as
//         the buyer and joins everything a person touches; not the interpretation's wording].
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace huanxin::core::reg {

enum class SaleStatus { kSold, kSoldUndelivered, kDeveloperUnsold, kPublicHousing };
// The register's sale-status code (codes.hpp SaleStatuses: sold | sold_undelivered |
// developer_unsold | public_housing). Unknown codes read as sold.
SaleStatus SaleStatusOf(std::string_view code);
// Whether the developer still holds the dwelling for the headcount (unsold, or sold and not delivered).
bool HeldByDeveloper(SaleStatus s);

// Which reading of "one buyer holding several parts counts as one person" groups sold dwellings
// (see the file comment). Literal is the default.
enum class HeadcountReading { kLiteral, kTransitive };
std::string_view HeadcountReadingCode(HeadcountReading r);  // "literal" | "transitive"

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

// Pure; O(n log n) (literal: owner sets as keys) or O(n α(n)) (transitive: union–find).
Headcount CountOwners(std::span<const DwellingShare> dwellings,
                      HeadcountReading reading = HeadcountReading::kLiteral);

// The head (voting person) each dwelling belongs to, by the same rules: out[i] is the head index of
// dwellings[i], heads numbered 0..heads-1 in order of first appearance. Owner decisions
// (core/consultation) attribute one choice per head.
struct HeadGroups {
  std::vector<std::size_t> head_of;  // parallel to the input
  std::size_t heads = 0;
};
HeadGroups GroupHeads(std::span<const DwellingShare> dwellings, HeadcountReading reading = HeadcountReading::kLiteral);

}  // namespace huanxin::core::reg
