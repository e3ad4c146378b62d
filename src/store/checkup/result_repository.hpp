// What check-up results read besides observations, in portable SQL (issue #4; docs/checkup.md,
// "Results"): the labels of the objects on a problem list, the graded observations behind the
// regional roll-up, last year's counts for a report, and the register facts a report prints.
// Functions run in the caller's transaction and do not authorise; services do.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace huanxin::store {

// How the objects of graded observations are named on a problem list.
struct CheckupObjectLabels {
  struct Dwelling {
    std::string building_number;
    int stairwell = 0;
    std::string room;
  };
  std::map<std::int64_t, std::string> building_numbers;  // building id → number ("3")
  std::map<std::int64_t, Dwelling> dwellings;            // dwelling id → where it is
};

// One graded observation of an approved campaign estate, as the roll-up counts it.
struct CheckupRollupRow {
  std::string region_code;  // the estate's community
  int year = 0;             // the campaign's year
  std::string indicator, object_key;
  std::int64_t estate_id = 0;
};

// Register facts printed on an estate's report.
struct CheckupEstateFacts {
  std::int64_t buildings = 0, dwellings = 0;
  std::int64_t aged_60_plus = 0;  // residents aged 60 or more in the recorded households
};

struct CheckupResultRepository {
  // Building numbers and dwelling positions of the objects of the campaign's graded observations
  // (of one estate when given). Objects deleted from the register since are absent.
  static Result<CheckupObjectLabels> ProblemObjects(Session& s, std::int64_t checkup_id,
                                                    std::optional<std::int64_t> estate_id);
  // The graded observations of approved campaign estates of `year` and `year - 1` whose community
  // starts with `region_prefix` ("" = the whole country), in no particular order.
  static Result<std::vector<CheckupRollupRow>> RollupRows(Session& s, const std::string& region_prefix, int year);
  // Distinct objects with problems per indicator in the estate's approved check-ups of `year`,
  // counting observations whose community starts with `scope_prefix`. Empty when there was none.
  static Result<std::map<std::string, std::int64_t>> EstateObjectsInYear(Session& s, std::int64_t estate_id, int year,
                                                                         const std::string& scope_prefix);
  // Zeros for an estate without buildings, dwellings or households (or no such estate).
  static Result<CheckupEstateFacts> EstateFacts(Session& s, std::int64_t estate_id);
};

}  // namespace huanxin::store
