// The steps of a project and "dig once" (综合改一次; issue #13, core/construction/README.md).
//
// Pure: validated step lists, the openings of the trenches, the seasons' windows, and the engine
// problem a project's steps make on its calendar.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "core/construction/rcpsp.hpp"

namespace huanxin::core::construction {

using Date = std::chrono::year_month_day;

// Vocabularies (API enum values; docs/construction.md).
inline constexpr std::string_view kUtilities[] = {"water", "drainage", "gas", "power", "telecom", "heating"};
inline constexpr std::string_view kDisruptionKinds[] = {"water", "power", "gas", "heating", "road", "noise"};
inline constexpr std::string_view kWindows[] = {"outside_heating", "outside_frost", "no_exam_days"};
inline constexpr std::string_view kPrecedenceTypes[] = {"FS", "SS"};

// Limits (guards against typing errors, not rules of the policy).
inline constexpr int kMaxSteps = 5000, kMaxDuration = 365, kMaxLag = 365, kMaxCrew = 100;

struct StepPredecessor {
  std::string code;
  std::string type = "FS";  // FS | SS
  int lag_days = 0;
};

struct Trench {
  std::string segment;  // a road segment, as the survey names it
  std::string utility;  // kUtilities
  bool split = false;   // true: its own opening, on purpose
};

struct Disruption {
  std::string kind;  // kDisruptionKinds
  std::vector<std::int64_t> building_ids;
};

struct Step {
  std::string code, name;
  std::optional<std::string> item_code;
  std::optional<std::int64_t> estate_id;
  int duration_days = 1;
  std::string crew_type;
  int crew_count = 1;
  std::optional<Trench> trench;
  std::optional<Disruption> disruption;
  std::optional<std::string> window;  // kWindows
  std::vector<StepPredecessor> predecessors;
  bool generated = false;  // an opening's excavation, backfill or resurfacing
};

// Codes of generated steps start with these; a user's step may not.
inline constexpr std::string_view kGeneratedPrefixes[] = {"open:", "backfill:", "resurface:"};
bool IsGeneratedCode(std::string_view code);

// 422 construction.invalid_steps listing every problem in `detail`, each naming its step: a code
// empty, longer than 64 characters, repeated or generated-looking; a name empty or over 100
// characters; a duration outside 1–365, a crew count outside 1–100 or above `capacities` of its
// type (types not in `capacities` are not checked here: the schedule run names them); an unknown
// utility, disruption kind, window or precedence type; a lag outside 0–365; a predecessor that is
// not a step of the list or is the step itself; a cycle (the codes on it, in order).
Result<void> ValidateSteps(const std::vector<Step>& steps, const std::map<std::string, int>& capacities);

// How the openings are built (planning defaults; docs/construction.md).
struct OpeningPolicy {
  int excavate_days = 3, backfill_days = 2, resurface_days = 2;
  std::string earthwork_crew = "earthwork", paving_crew = "paving";
};

struct Openings {
  int merged = 0;  // openings after merging: one per segment, plus one per split trench step
  int naive = 0;   // one per (segment, utility): each utility digging its own trench
};

// "Dig once": the user's steps (none generated) plus, per opening, `open:<segment>` before every
// trench step of the opening, `backfill:<segment>` after all of them and `resurface:<segment>`
// after the backfill (`:<utility>` appended for a split step's own opening). Generated steps close
// the road for the buildings of their opening's trench steps. Returns the steps in a stable order
// (the user's, then the openings by segment) and the opening counts.
struct Expanded {
  std::vector<Step> steps;
  Openings openings;
};
Expanded ExpandOpenings(const std::vector<Step>& user_steps, const OpeningPolicy& policy = {});
// Counts only (for a stored step set that already holds its generated steps).
Openings CountOpenings(const std::vector<Step>& steps);

// A month-day ('MM-DD') and a season of them; a season may wrap the year (11-15 → 03-15).
struct MonthDay {
  unsigned month = 1, day = 1;
  auto operator<=>(const MonthDay&) const = default;
};
std::optional<MonthDay> ParseMonthDay(std::string_view text);  // "MM-DD", a day some year has
std::string FormatMonthDay(MonthDay md);
struct Season {
  MonthDay from, to;  // both days included
  bool Contains(Date day) const;
};

// A city's seasons (PUT /api/v1/calendar/seasons/{regionCode}): no heating-pipe works inside the
// heating season, no exterior wet works inside the frost window, no noisy works on exam days.
struct Seasons {
  std::optional<Season> heating, frost;
  std::vector<MonthDay> exam_days;
};
// 422 construction.invalid_seasons naming the field: an exam day listed twice, more than 60 exam
// days. (A season from a day to the same day is that one day; the dates themselves are checked by
// ParseMonthDay when the request is read.)
Result<void> ValidateSeasons(const Seasons& seasons);
// Whether the window forbids working on `day`.
bool Forbidden(const Seasons& seasons, std::string_view window, Date day);

// The project's calendar over the planning horizon, one entry per day from `start`.
struct PlanCalendar {
  Date start;
  std::vector<bool> work;  // a day the project works (every day but the official holidays, or
                           // only official working days)
};

// The engine problem of a project's (expanded) steps. Resources are the crew types in order of
// first use; `crews` gives their capacities (422 construction.crew_missing naming the types a step
// needs and `crews` lacks). Disruption groups are buildings; `dwellings` gives each building's
// weight (buildings not in it weigh 1). Windows use the seasons over the calendar's days.
struct BuiltProblem {
  Problem problem;
  std::vector<std::string> crew_types;          // resource index → type
  std::vector<std::int64_t> building_ids;       // group index → building
};
Result<BuiltProblem> BuildProblem(const std::vector<Step>& steps, const std::map<std::string, int>& crews,
                                  const PlanCalendar& calendar, const Seasons& seasons,
                                  const std::map<std::int64_t, std::int64_t>& dwellings);

// Index of a window kind in kWindows (BuildProblem sets Activity::forbidden_reason to it).
int WindowIndex(std::string_view window);

}  // namespace huanxin::core::construction
