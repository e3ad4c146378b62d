// Register roll-ups for dashboards (issue #6): estates, buildings, dwellings and exclusive area per
// child region, read from the per-estate counters in `estate_stat` (migration 0005, kept by
// triggers) joined with `estate`. One row per estate is read, never one per dwelling, so a national
// roll-up reads about 220 k rows instead of 39 M.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace huanxin::store {

struct RollupCounts {
  std::string region_code;  // the child region (a prefix of the estates' community codes)
  std::int64_t estates = 0, buildings = 0, dwellings = 0, exclusive_area_dm2 = 0;
  // By eligibility (REFERENCE §1.1; core/register/eligibility.hpp): no exclusion flag and built on
  // or before the cut-off year → eligible; after it up to the extension year → extension.
  std::int64_t eligible_estates = 0, eligible_dwellings = 0;
  std::int64_t extension_estates = 0, extension_dwellings = 0;
};

class RollupRepository {
 public:
  // Counts per child of `prefix`: estates grouped by the first `child_length` characters of their
  // region code (2, 4, 6, 9 or 12), in code order. An empty prefix is the whole country.
  static Result<std::vector<RollupCounts>> ByChild(Session& s, const std::string& prefix, std::size_t child_length,
                                                   int cutoff_year, int extension_last_year);
};

}  // namespace huanxin::store
