// A project's steps, crews and step templates, and a region's seasons (docs/construction.md).
// Portable SQL; runs in the caller's transaction; does not authorise.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/construction/steps.hpp"
#include "store/database.hpp"

namespace huanxin::store {

struct StepTemplateRecord {
  std::string item_code, suffix;
  int seq = 0;
  std::string name_zh, name_en, crew_type;
  int crew_count = 1, base_days = 1;
  std::int64_t milli_days_per_unit = 0;
  std::optional<std::string> trench_utility, disruption_kind, window_kind;
  std::string after;
};

struct SeasonRecord {
  std::string region_code;
  std::optional<std::string> heating_from, heating_to, frost_from, frost_to;
  std::string exam_days;  // comma-separated MM-DD
  std::int64_t updated_by = 0;
  std::string updated_at;
};

// What the template proposal needs of a project: per item, the budget quantity (hundredths); per
// estate, its buildings and their dwellings.
struct BudgetQuantityRecord {
  std::string item_code;
  std::int64_t quantity_centi = 0;
};
struct BuildingRecordLite {
  std::int64_t id = 0, estate_id = 0;
  std::string number;
  std::int64_t dwellings = 0;
};

struct StepRepository {
  // The project's steps (generated included) in position order, with predecessors and buildings.
  static Result<std::vector<core::construction::Step>> Load(Session& s, std::int64_t project_id);
  // Replaces the project's steps: steps whose code disappears are deleted (their predecessor and
  // building rows too), the others updated in place (their ids, hence progress, kept).
  static Result<void> Replace(Session& s, std::int64_t project_id, const std::string& region_code,
                              const std::vector<core::construction::Step>& steps, const std::string& now);
  // Codes of the project's steps that have progress reports.
  static Result<std::vector<std::string>> CodesWithProgress(Session& s, std::int64_t project_id);

  static Result<std::map<std::string, int>> Crews(Session& s, std::int64_t project_id);
  static Result<void> PutCrews(Session& s, std::int64_t project_id, const std::map<std::string, int>& crews);

  static Result<std::vector<StepTemplateRecord>> Templates(Session& s, const std::optional<std::string>& item_code);
  static Result<std::vector<BudgetQuantityRecord>> BudgetQuantities(Session& s, std::int64_t project_id);
  static Result<std::vector<BuildingRecordLite>> Buildings(Session& s, std::int64_t project_id);
  // Which of `ids` are buildings of the project's estates.
  static Result<std::vector<std::int64_t>> ProjectBuildingIds(Session& s, std::int64_t project_id);
  static Result<std::vector<std::string>> ItemCodes(Session& s);
  // The projects that hold any of `estate_ids` (an estate assignment reaches them).
  static Result<std::vector<std::int64_t>> ProjectsOfEstates(Session& s, const std::vector<std::int64_t>& estate_ids);
};

struct SeasonRepository {
  // The row of the longest region code that is a prefix of `region_code` (itself included).
  static Result<std::optional<SeasonRecord>> InForce(Session& s, const std::string& region_code);
  static Result<void> Put(Session& s, const SeasonRecord& r);
};

}  // namespace huanxin::store
