// What works notices are made of (issue #13 "Notices to residents"; docs/construction.md): the
// current schedule of a project (its construction_schedule row with the highest id), the scheduled
// disruption steps with the buildings they touch, and the estates residents look up, in portable
// SQL. Functions run in the caller's transaction and do not authorise; services do.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace huanxin::store {

struct CurrentScheduleRecord {
  std::int64_t id = 0, project_id = 0;
  std::string start_on, end_on, created_at;
};

// One building a scheduled disruption step touches.
struct DisruptionRow {
  std::int64_t step_id = 0;
  std::string step_code, step_name, kind, start_on, end_on;
  std::int64_t estate_id = 0;
  std::string estate_name;
  std::int64_t building_id = 0;
  std::string building_number;
};

// A step as scheduled (for the residents' page).
struct NoticeStepRecord {
  std::int64_t step_id = 0;
  std::string code, name;
  std::optional<std::int64_t> estate_id;
  std::string start_on, end_on;
};

struct EstateBrief {
  std::int64_t id = 0;
  std::string name, region_code;
};

struct NoticeRepository {
  static Result<std::optional<CurrentScheduleRecord>> CurrentSchedule(Session& s, std::int64_t project_id);
  // The steps of the schedule with a disruption kind, one row per building they touch (buildings
  // of `estate_id` only when given), by start date, step code, estate and building.
  static Result<std::vector<DisruptionRow>> Disruptions(Session& s, std::int64_t project_id, std::int64_t schedule_id,
                                                        std::optional<std::int64_t> estate_id);
  // Every step of the schedule, with its estate, by start date and code.
  static Result<std::vector<NoticeStepRecord>> ScheduledSteps(Session& s, std::int64_t project_id,
                                                                 std::int64_t schedule_id);
  // The estates of steps that touch a building of `estate_id` (so a trench step of estate A that
  // crosses estate B's buildings shows at B).
  static Result<std::vector<std::int64_t>> StepsTouchingEstate(Session& s, std::int64_t project_id, std::int64_t estate_id);
  static Result<std::optional<EstateBrief>> Estate(Session& s, std::int64_t estate_id);
};

}  // namespace huanxin::store
