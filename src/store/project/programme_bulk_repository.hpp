// Loading projects in bulk (`huanxin gen --projects`, src/app/gen.cpp): the generator numbers
// projects itself so that one CopyIn per table can link them to estates and ledger entries, so it
// first reads where the project ids stand and which regions already have a plan for the year, and
// afterwards settles the tables. Functions run in the caller's transaction.
#pragma once

#include <cstdint>
#include <set>
#include <string>

#include "store/database.hpp"

namespace huanxin::store {

class ProgrammeBulkRepository {
 public:
  // The largest project id (0 for none).
  static Result<std::int64_t> MaxProjectId(Session& s);
  // The region codes that have an annual plan for `year` (a plan is unique per region and year).
  static Result<std::set<std::string>> PlannedRegions(Session& s, int year);
  // After projects were loaded with their own ids: inserts continue after the largest project id
  // (Session::ResetIdentity), and the planner's statistics of annual_plan, project, project_estate
  // and fund_entry are refreshed (Session::Analyze).
  static Result<void> AfterLoad(Session& s);
};

}  // namespace huanxin::store
