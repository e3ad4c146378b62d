// Annual plans, projects, their estates, transitions, gate documents and participating units
// (issue #12; docs/project.md) in portable SQL. Functions run in the caller's transaction and do not
// authorise; services do.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace huanxin::store {

struct PlanRecord {
  std::int64_t id = 0;
  std::string region_code;
  int year = 0;
  std::int64_t target_estates = 0, target_households = 0;
  std::string created_at, updated_at;
  std::int64_t created_by = 0;  // written, not read back
};

// The estates already in a plan: those of the region's projects of the year at `planned` or later.
struct PlanCounts {
  std::int64_t estates = 0, households = 0, extension_estates = 0, extension_households = 0;
};

struct PlanFilter {
  std::string scope_prefix;
  std::optional<std::string> region_prefix;
  std::optional<int> year;
};

struct PlanRepository {
  static Result<std::int64_t> Insert(Session& s, const PlanRecord& p);
  static Result<std::optional<PlanRecord>> Find(Session& s, std::int64_t id);
  // The plan of `year` whose region is `region_code` or the longest prefix of it (a county's plan
  // covers its streets' projects).
  static Result<std::optional<PlanRecord>> Covering(Session& s, const std::string& region_code, int year);
  static Result<std::vector<PlanRecord>> List(Session& s, const PlanFilter& f);
  static Result<std::int64_t> UpdateTargets(Session& s, std::int64_t id, std::int64_t target_estates,
                                            std::int64_t target_households, const std::string& now);
  // Counts over the projects under `region_prefix` of `year` at planned or later. Extension estates
  // are those built in [extension_from, extension_to] (the register's policy years).
  static Result<PlanCounts> Counts(Session& s, const std::string& region_prefix, int year, int extension_from,
                                   int extension_to);
};

struct ProjectRecord {
  std::int64_t id = 0;
  std::string name;
  int year = 0;
  std::string kind, region_code, status;
  std::int64_t created_by = 0;
  std::string created_at, updated_at;
};

struct ProjectSummaryRecord {
  ProjectRecord p;
  std::int64_t estate_count = 0, households = 0, committed_fen = 0;
};

struct ProjectEstateRecord {
  std::int64_t estate_id = 0;
  std::string name, region_code;
  int built_year = 0;
  std::int64_t buildings = 0, dwellings = 0;
  std::optional<std::int64_t> floor_area_dm2;
  // For the eligibility verdict.
  bool excl_self_built = false, excl_urban_village = false, excl_demolition = false, excl_recent_renovation = false;
};

struct ProjectFilter {
  std::string scope_prefix;
  std::optional<std::string> region_prefix, status;
  std::optional<int> year;
  std::int64_t limit = 20, offset = 0;
};

struct TransitionRecord {
  std::string from_status, to_status, actor, at;
};

// The home page's figures (GET /api/v1/workbench) over the projects of a year under a prefix.
struct ProjectWorkbenchCounts {
  std::int64_t projects = 0, reserve = 0, preparing = 0, building = 0, finished = 0;
  std::int64_t unanswered_objections = 0, unpaid_bills = 0;
};

struct ProjectRepository {
  static Result<ProjectWorkbenchCounts> WorkbenchCounts(Session& s, const std::string& prefix, int year);
  static Result<std::int64_t> Insert(Session& s, const ProjectRecord& p);
  static Result<void> AddEstate(Session& s, std::int64_t project_id, std::int64_t estate_id, const std::string& region_code);
  static Result<std::optional<ProjectRecord>> Find(Session& s, std::int64_t id);
  static Result<std::vector<ProjectSummaryRecord>> List(Session& s, const ProjectFilter& f);
  static Result<std::int64_t> Count(Session& s, const ProjectFilter& f);
  static Result<std::vector<ProjectEstateRecord>> Estates(Session& s, std::int64_t project_id);
  // Of `estate_ids`, those already in another project of `year`, with that project's id and name.
  struct Taken {
    std::int64_t estate_id = 0, project_id = 0;
    std::string project_name;
  };
  static Result<std::vector<Taken>> EstatesTaken(Session& s, const std::vector<std::int64_t>& estate_ids, int year);
  // Moves the status only if it is still `from` (a concurrent move loses); returns rows changed.
  static Result<std::int64_t> SetStatus(Session& s, std::int64_t id, const std::string& from, const std::string& to,
                                        const std::string& now);
  static Result<void> InsertTransition(Session& s, std::int64_t project_id, const std::string& from,
                                       const std::string& to, std::int64_t actor_id, const std::string& at);
  static Result<std::vector<TransitionRecord>> Transitions(Session& s, std::int64_t project_id);
  static Result<void> Touch(Session& s, std::int64_t id, const std::string& now);
};

struct DocumentRecord {
  std::int64_t id = 0, project_id = 0;
  std::string kind, title, reference;
  std::optional<std::int64_t> file_id;
  std::string file_name, file_content_type;  // when file_id is set
  std::int64_t file_size = 0;
  std::int64_t created_by = 0;
  std::string created_by_name, created_at;
};

struct DocumentRepository {
  static Result<std::int64_t> Insert(Session& s, const DocumentRecord& d);
  static Result<std::optional<DocumentRecord>> Find(Session& s, std::int64_t project_id, std::int64_t id);
  static Result<std::vector<DocumentRecord>> List(Session& s, std::int64_t project_id);
  static Result<void> SetFile(Session& s, std::int64_t id, std::int64_t file_id);
  static Result<std::int64_t> Delete(Session& s, std::int64_t id);
};

struct UnitRecord {
  std::string role, company, credit_code, contact, phone, updated_at;
};

struct UnitRepository {
  static Result<void> Upsert(Session& s, std::int64_t project_id, const UnitRecord& u);
  static Result<std::vector<UnitRecord>> List(Session& s, std::int64_t project_id);
};

}  // namespace huanxin::store
