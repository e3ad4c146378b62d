// The figures of one estate's register summary (GET /estates/{id}/summary) in portable SQL: building
// totals, each dwelling's area, sale status, use and owner ids (no personal data), and household
// totals. The service counts owner heads and groups the dwellings with core/register rules.
// Functions run in the caller's transaction and do not authorise.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace huanxin::store {

struct BuildingTotals {
  std::int64_t buildings = 0, stairwells = 0;  // stairwells summed over the buildings
};

// One dwelling as the headcount sees it.
struct DwellingHolding {
  std::int64_t dwelling_id = 0, exclusive_area_dm2 = 0;
  std::string sale_status, use_type;     // codes (core/register/codes.hpp)
  std::vector<std::int64_t> owner_ids;  // ascending; empty when no owner is recorded
};

struct HouseholdTotals {
  std::int64_t recorded = 0;  // dwellings with a household record
  std::int64_t residents = 0, aged_60_plus = 0, disabled = 0;
};

class EstateSummaryRepository {
 public:
  // Zeros for an estate without buildings (or an unknown id).
  static Result<BuildingTotals> Buildings(Session& s, std::int64_t estate_id);
  // Every dwelling of the estate in id order, with its owners.
  static Result<std::vector<DwellingHolding>> Holdings(Session& s, std::int64_t estate_id);
  // Sums over the households recorded for the estate's dwellings; zeros when none is.
  static Result<HouseholdTotals> Households(Session& s, std::int64_t estate_id);
};

}  // namespace huanxin::store
