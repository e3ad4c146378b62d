// Programme statistics (issue #12; docs/programme.md): what a region's projects of one year add up
// to, aggregated in SQL, one query per group of figures. The register's per-estate counters
// (`estate_stat`, migration 0005) give buildings and dwellings, so no dwelling row is read.
// Functions run in the caller's transaction and do not authorise.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace huanxin::store {

// Which projects count: those of `year` whose region code starts with `prefix` (empty: all) and
// whose status is one of `statuses` (the programme: planned or later). `started` and `completed`
// list the statuses at or past those steps. Status codes come from core/project/gates.hpp.
struct ProgrammeFilter {
  std::string prefix;
  int year = 0;
  std::vector<std::string> statuses, started, completed;
};

struct ProgrammeFigures {
  std::int64_t projects = 0;
  std::int64_t estates = 0;             // distinct estates of those projects
  std::int64_t buildings = 0, dwellings = 0;  // of those estates (estate_stat)
  std::int64_t floor_area_dm2 = 0;      // sum of estate.floor_area_dm2, NULL as 0
  std::int64_t floor_area_missing = 0;  // estates without a floor area
  std::int64_t started = 0, completed = 0;  // estates with a project at started / completed or later
};

// The sum of one source's entries of one kind (codes of core/project/funds.hpp).
struct ProgrammeFundSum {
  std::string source, kind;
  std::int64_t amount_fen = 0;
};

struct ProgrammePlanTarget {
  std::int64_t id = 0;
  std::string region_code;
  std::int64_t target_estates = 0, target_households = 0;
};

// One project of the programme, for the upward report's per-project sheet.
struct ProgrammeProjectRow {
  std::int64_t id = 0;
  std::string name, kind, region_code, status;
  std::int64_t estates = 0, buildings = 0, dwellings = 0, floor_area_dm2 = 0;
  std::int64_t committed_fen = 0, received_fen = 0, paid_fen = 0;
};

class ProgrammeRepository {
 public:
  // Projects, estates, buildings, dwellings, floor area and the started / completed estate counts
  // in one statement. An estate in two projects of the filter counts once (and as started when
  // either project is).
  static Result<ProgrammeFigures> Figures(Session& s, const ProgrammeFilter& f);
  // The funding ledger of those projects summed per source and kind (one row per pair that has
  // entries, in no particular order).
  static Result<std::vector<ProgrammeFundSum>> Funds(Session& s, const ProgrammeFilter& f);
  // The annual plan of `year` whose region code is `region_code` or its longest prefix; nullopt
  // when none (or when `region_code` is empty: no plan covers the whole country).
  static Result<std::optional<ProgrammePlanTarget>> PlanFor(Session& s, const std::string& region_code, int year);
  // The filter's projects in region-code then id order, each with its estates' figures and its
  // ledger's committed, received and paid sums (`committed`, `received`, `paid`: the kind codes).
  static Result<std::vector<ProgrammeProjectRow>> Projects(Session& s, const ProgrammeFilter& f, const std::string& committed,
                                                           const std::string& received, const std::string& paid);
};

}  // namespace huanxin::store
