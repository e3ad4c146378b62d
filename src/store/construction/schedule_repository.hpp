// Schedules the engine computed, baselines, and delay alerts (docs/construction.md). Portable SQL;
// runs in the caller's transaction; does not authorise.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace huanxin::store {

struct ScheduledStepRecord {
  std::string step_code, start_on, end_on, bound_by, bound_ref;
  bool critical = false;
};

struct ScheduleRecord {
  std::int64_t id = 0, project_id = 0;
  std::string region_code, start_on, end_on;
  int makespan_days = 0, lower_bound_days = 0, resource_bound_days = 0;
  std::int64_t disruption_days = 0;
  int openings_merged = 0, openings_naive = 0;
  std::string crews;  // 'type:count,…'
  bool working_days_only = false;
  std::int64_t created_by = 0;
  std::string created_at;
  std::vector<ScheduledStepRecord> steps;
};

struct BaselineRecord {
  std::int64_t id = 0, project_id = 0, schedule_id = 0;
  std::string saved_at;
};

struct AlertRecord {
  std::int64_t id = 0, project_id = 0;
  std::string project_name, region_code, kind, step_code, step_name;
  std::optional<std::int64_t> baseline_id;
  std::string baseline_end_on, forecast_end_on;
  int delay_days = 0;
  std::string raised_at;
  std::optional<std::string> cleared_at;
};

// The latest progress report of a step: percent and the date it was reported for.
struct StepProgressRecord {
  std::string step_code;
  int percent = 0;
  std::string on_date;
};

struct ScheduleRepository {
  static Result<std::int64_t> Insert(Session& s, const ScheduleRecord& r);
  static Result<std::optional<ScheduleRecord>> Latest(Session& s, std::int64_t project_id);
  static Result<std::optional<ScheduleRecord>> Find(Session& s, std::int64_t schedule_id);

  static Result<std::int64_t> InsertBaseline(Session& s, std::int64_t project_id, std::int64_t schedule_id,
                                             const std::string& region_code, std::int64_t saved_by,
                                             const std::string& now);
  static Result<std::optional<BaselineRecord>> LatestBaseline(Session& s, std::int64_t project_id);

  static Result<std::vector<StepProgressRecord>> LatestProgress(Session& s, std::int64_t project_id);

  // Alerts of a project (all), or the open ones under a region prefix, optionally of given projects.
  static Result<std::vector<AlertRecord>> Alerts(Session& s, std::int64_t project_id);
  static Result<std::vector<AlertRecord>> OpenAlerts(Session& s, const std::string& prefix,
                                                     const std::optional<std::vector<std::int64_t>>& projects,
                                                     int limit);
  static Result<std::int64_t> InsertAlert(Session& s, const AlertRecord& a);
  static Result<void> UpdateAlert(Session& s, std::int64_t id, const std::string& forecast_end_on, int delay_days);
  static Result<void> ClearAlert(Session& s, std::int64_t id, const std::string& now);
  // Counts for the home page: open delay alerts, open year-end flags, schedules run.
  struct Counts {
    std::int64_t delay = 0, year_end = 0, schedules = 0;
  };
  static Result<Counts> CountsUnder(Session& s, const std::string& prefix,
                                    const std::optional<std::vector<std::int64_t>>& projects);
};

}  // namespace huanxin::store
