// The reserve pool, resident bills and the resource list (issue #12; docs/project.md) in portable
// SQL. Functions run in the caller's transaction and do not authorise; services do.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace huanxin::store {

// One estate of the pool with the facts its score is made of.
struct PoolEstateRecord {
  std::int64_t estate_id = 0;
  std::string name, region_code;
  int built_year = 0;
  std::int64_t dwellings = 0;
  std::int64_t severe = 0, larger_hazards = 0, hazards = 0, problems = 0;  // approved check-ups
  std::optional<std::int64_t> agreeing;  // the latest willingness consultation's agreeing dwellings
  std::optional<std::int64_t> consultation_id;
  std::int64_t residents = 0, aged_60_plus = 0;
  std::optional<std::int64_t> reserve_project_id;  // a reserve project it is already packaged in
};

struct PoolRepository {
  // Estates under `prefix` built up to `last_year` without an exclusion flag, and not in a project
  // that has left the reserve (planned or later).
  static Result<std::vector<PoolEstateRecord>> Estates(Session& s, const std::string& prefix, int last_year);
};

struct BillRecord {
  std::int64_t id = 0, project_id = 0, dwelling_id = 0, estate_id = 0;
  std::string estate_name, building_number, unit_label, room;
  std::string purpose;
  std::int64_t amount_fen = 0;
  std::optional<std::string> paid_on;
  std::string created_at;
};

struct BillSummary {
  std::int64_t bills = 0, paid = 0, amount_fen = 0, paid_fen = 0;
};

struct BillRepository {
  // One bill per dwelling of the project's estates for `purpose` (dwellings already billed for it
  // are skipped); returns how many were issued.
  static Result<std::int64_t> Issue(Session& s, std::int64_t project_id, const std::string& purpose,
                                    std::int64_t amount_fen, const std::string& now);
  static Result<std::vector<BillRecord>> List(Session& s, std::int64_t project_id, std::optional<bool> paid,
                                              std::int64_t limit, std::int64_t offset);
  static Result<std::int64_t> Count(Session& s, std::int64_t project_id, std::optional<bool> paid);
  static Result<BillSummary> Summary(Session& s, std::int64_t project_id);
  static Result<std::optional<BillRecord>> Find(Session& s, std::int64_t project_id, std::int64_t id);
  static Result<std::int64_t> MarkPaid(Session& s, std::int64_t id, const std::string& paid_on);
};

struct ResourceRecord {
  std::int64_t id = 0, estate_id = 0;
  std::string estate_name, region_code, description;
  std::int64_t area_dm2 = 0;
  std::string owner, proposed_use, found_by;
  std::optional<std::int64_t> project_id;
  std::string project_name;
  std::int64_t created_by = 0;
  std::string created_at;
};

struct ResourceRepository {
  static Result<std::int64_t> Insert(Session& s, const ResourceRecord& r);
  static Result<std::optional<ResourceRecord>> Find(Session& s, std::int64_t id);
  static Result<std::vector<ResourceRecord>> List(Session& s, const std::string& prefix,
                                                  std::optional<std::int64_t> estate_id);
  static Result<std::int64_t> TakeUp(Session& s, std::int64_t id, std::int64_t project_id);
};

}  // namespace huanxin::store
