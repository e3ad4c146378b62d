// JSON codec of programme statistics (docs/programme.md; docs/project.md "Programme"). camelCase
// keys; money in yuan and area in m² as plain numbers with two decimals, rates as percentages with
// two decimals or null (ARCHITECTURE.md §5).
#pragma once

#include <boost/json/object.hpp>

#include "common/result.hpp"
#include "http/message.hpp"
#include "service/project/programme_service.hpp"

namespace huanxin::http {

// GET /stats/programme: {regionCode, regionName, year, projects, estates, buildings, households,
// floorArea, floorAreaMissing, investment, bySource: [{source, sourceName, committed, received,
// paid}], received, paid, plan: {targetEstates, targetHouseholds} | null, started, completed,
// startRate, completionRate, executionRate}; source names in the request's language.
struct ProgrammeQuery {
  std::optional<std::string> region_code;  // absent or empty: the caller's scope
  std::optional<std::int64_t> year;        // absent: the current year
};
// ?regionCode=&year= of both programme routes. A year that is not an integer is 422
// programme.invalid_year, as one outside 2000–2100 is (the service checks the range).
Result<ProgrammeQuery> ParseProgrammeQuery(const Request& req);

boost::json::object ProgrammeJson(const service::ProgrammeStats& p, bool english);

}  // namespace huanxin::http
