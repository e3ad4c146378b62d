// Construction use cases (docs/construction.md, core/construction/README.md): step templates and the
// proposal they make from a project's budget, the project's steps and crews with "dig once", the
// seasons of a city, schedule runs on the engine over the official calendar, baselines, and delay
// alerts (a step later than its baseline by more than `delay_alert_days`; a project of year Y
// ending after 31 December of Y: "当年开工，当年完工").
//
// Alerts are evaluated whenever the project's schedule, baseline or progress is written and when
// its alerts are read, so a step that passes its baseline end unfinished raises one the next time
// anyone looks: the clock, not a background job, decides.
//
// Thread safety: every member may be called from any thread.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "core/construction/steps.hpp"
#include "service/calendar/calendar_service.hpp"
#include "service/platform/actor.hpp"
#include "store/construction/schedule_repository.hpp"
#include "store/construction/step_repository.hpp"
#include "store/database.hpp"
#include "store/project/project_repository.hpp"

namespace huanxin::service {

struct ConstructionPolicy {
  int delay_alert_days = 3;        // construction.delay_alert_days
  int horizon_days = 3 * 366;      // how far a schedule may reach from its start
  int max_time_limit_ms = 10000;   // the longest solve a request may ask for
  core::construction::OpeningPolicy openings;
};

struct StepSet {
  std::vector<core::construction::Step> steps;
  std::map<std::string, int> crews;
  core::construction::Openings openings;
};

struct StepsInput {
  std::vector<core::construction::Step> steps;
  std::optional<std::map<std::string, int>> crews;
};

struct ScheduleInput {
  std::string start_on;
  std::map<std::string, int> crews;
  bool working_days_only = false;
  int time_limit_ms = 1000;
};

struct ScheduledStepView {
  store::ScheduledStepRecord step;
  std::string name;
  std::optional<std::string> baseline_start_on, baseline_end_on;
  std::optional<int> delay_days;
};

struct ScheduleView {
  store::ScheduleRecord schedule;
  std::map<std::string, int> crews;
  bool year_end_exceeded = false;
  std::optional<store::BaselineRecord> baseline;
  std::vector<ScheduledStepView> steps;
};

struct SeasonsView {
  std::string region_code;
  std::optional<std::string> defined_at;  // the region whose row applies
  core::construction::Seasons seasons;
};

struct ConstructionWorkbench {
  std::int64_t delay_alerts = 0, year_end_flags = 0, schedules = 0;
  std::vector<store::AlertRecord> alerts;  // the worst few
};

class ConstructionService {
 public:
  ConstructionService(store::Database& db, const Clock& clock, CalendarService& calendar, ConstructionPolicy policy)
      : db_(db), clock_(clock), calendar_(calendar), policy_(std::move(policy)) {}

  const ConstructionPolicy& policy() const { return policy_; }

  Result<std::vector<store::StepTemplateRecord>> Templates(const Actor& actor, const std::optional<std::string>& item);
  // The steps the templates propose for the project's budget items, per estate (all, or `estate_ids`).
  Result<std::vector<core::construction::Step>> Propose(const Actor& actor, std::int64_t project_id,
                                                        const std::optional<std::vector<std::int64_t>>& estate_ids);
  Result<StepSet> Steps(const Actor& actor, std::int64_t project_id);
  Result<StepSet> PutSteps(const Actor& actor, std::int64_t project_id, StepsInput input);

  Result<ScheduleView> Run(const Actor& actor, std::int64_t project_id, const ScheduleInput& input);
  Result<ScheduleView> Schedule(const Actor& actor, std::int64_t project_id);
  Result<store::BaselineRecord> SaveBaseline(const Actor& actor, std::int64_t project_id, std::string* end_on);

  Result<std::vector<store::AlertRecord>> Alerts(const Actor& actor, std::int64_t project_id);
  Result<std::vector<store::AlertRecord>> OpenAlerts(const Actor& actor, const std::optional<std::string>& region);
  // Re-evaluates the project's alerts (for the progress service after a report). No actor: the
  // caller authorised its own write; runs inside the caller's transaction.
  Result<void> EvaluateAlerts(store::Session& s, const store::ProjectRecord& project);

  Result<SeasonsView> Seasons(const Actor& actor, const std::string& region_code);
  Result<SeasonsView> PutSeasons(const Actor& actor, const std::string& region_code,
                                 const core::construction::Seasons& seasons);

  Result<std::optional<ConstructionWorkbench>> Workbench(const Actor& actor);

 private:
  Result<ScheduleView> ViewOf(store::Session& s, const store::ProjectRecord& p, store::ScheduleRecord sc);
  // For an assignment-based role, the projects it reaches (ProjectForConstruction's rule: a project
  // assignment, or an estate assignment of one of the project's estates); nothing for other roles.
  static Result<std::optional<std::vector<std::int64_t>>> AssignedProjectIds(store::Session& s, const Actor& actor);

  store::Database& db_;
  const Clock& clock_;
  CalendarService& calendar_;
  ConstructionPolicy policy_;
};

// "type:count,…" and back (the crews a schedule ran with).
std::string FormatCrews(const std::map<std::string, int>& crews);
std::map<std::string, int> ParseCrews(const std::string& text);

}  // namespace huanxin::service
