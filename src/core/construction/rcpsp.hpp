// The resource-constrained project scheduling engine (RCPSP; issue #13, docs/decisions/0013-rcpsp.md).
//
// Pure: no I/O, no clock except the solve budget. Time is counted in whole days from day 0 (the
// project's first day). An activity of duration d works d days; on a day it works it uses its
// demands of the renewable resources (crews by type), whose capacity holds every day.
//
// Calendars (construction works to the official calendar, REFERENCE.md §9, and to seasons as data):
// - `work_days`: the days an activity may work. A day outside it interrupts the activity (crews go
//   home over the Spring Festival and come back), the crews are free that day, and the activity
//   resumes on the next allowed day. Empty = every day (PSPLIB, or a project working every day).
// - `forbidden`: the days the activity's whole span (first worked day to last worked day, pauses
//   included) must not touch — the heating season for heating-pipe works, the frost window for
//   exterior wet works, exam days for noisy works. Empty = none.
// A start must itself be an allowed work day (a zero-duration activity's day also must not be
// forbidden). Both vectors, when not empty, have one entry per day
// of the horizon; days at or after the horizon count as allowed work days and not forbidden.
//
// Precedence (each between two activities of the problem):
// - FS: successor.start ≥ predecessor.end + 1 + lag (end = last worked day; a zero-duration
//   activity has end = start − 1, so its successors may start on its start day);
// - SS: successor.start ≥ predecessor.start + lag.
// Lags are in calendar days and may be 0 or positive.
//
// Objective: the smallest makespan (the day after the last worked day of any activity), then the
// fewest disruption-days: Σ over disruption groups g (a building) of weight(g) × |days on which some
// activity disrupting g works|, each day counted once per group however many activities disrupt it.
//
// Thread safety: Solve is reentrant; a Problem is read-only during a solve.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/result.hpp"

namespace huanxin::core::construction {

enum class PrecedenceType { kFinishStart, kStartStart };

struct Precedence {
  int predecessor = 0;  // index into Problem::activities
  PrecedenceType type = PrecedenceType::kFinishStart;
  int lag = 0;          // calendar days, ≥ 0
};

struct Demand {
  int resource = 0;  // index into Problem::capacities
  int amount = 0;    // > 0
};

struct Activity {
  std::string code;                       // named in errors and in results (the step's code)
  int duration = 0;                       // working days, ≥ 0
  std::vector<Demand> demands;
  std::vector<Precedence> predecessors;
  std::vector<bool> work_days;            // empty = every day
  std::vector<bool> forbidden;            // empty = none
  int forbidden_reason = -1;              // the caller's code for the window (echoed in BoundBy)
  std::vector<int> disrupts;              // indices into Problem::group_weights
};

struct Problem {
  std::vector<std::string> resource_names;  // named in errors
  std::vector<int> capacities;              // per resource, ≥ 0
  std::vector<Activity> activities;
  std::vector<std::int64_t> group_weights;  // per disruption group (building): dwellings, ≥ 0
  int horizon = 0;                          // days the calendars cover (0 when all are empty)
};

// Why an activity starts when it does (the first that holds, in this order):
enum class BoundKind {
  kStart,        // day 0 / nothing earlier possible: no predecessor, calendar or crew held it back
  kPredecessor,  // the precedence of `ref` (a predecessor's index) fixes the start
  kCalendar,     // the earliest precedence-feasible day is not a work day; this is the next one
  kWindow,       // a forbidden window (`ref` = the activity's forbidden_reason) pushed it
  kResource,     // the crews of resource `ref` were busy on the day before
  kDisruption,   // nothing held it: the disruption post-pass delayed it to overlap another
                 // activity of its group (ref = -1)
};

struct ScheduledActivity {
  int start = 0;        // first worked day (for duration 0: the day it happens)
  int end = 0;          // last worked day (start − 1 for duration 0)
  BoundKind bound = BoundKind::kStart;
  int ref = -1;
  // On the chain that fixes the makespan: every activity ending on the last day, and back from each
  // critical activity its tight links — the predecessor whose precedence fixes its start (also for
  // kCalendar), and for kResource/kWindow every activity sharing a resource of it whose last worked
  // day is the last day it could work before the start. Without calendars and crews this is zero
  // total float; with them it is the tight-link chain of this schedule, not a float computation.
  bool critical = false;
};

struct Schedule {
  int makespan = 0;                    // max(end) + 1; 0 for an empty problem
  int lower_bound = 0;                 // critical path on the calendars, resources ignored
  // The crews' bound on the calendars: for sets of activities sharing a crew type, their crew-days
  // ceil(Σ duration × crews / capacity) need that many days on which some of them may work (work
  // days outside their windows), after the set's earliest possible start and before its shortest
  // tail of successors; and a disjunctive clique (activities pairwise unable to share a day work on
  // distinct days). Valid for every schedule, like lower_bound; often far above it when crews bind.
  int resource_bound = 0;
  std::int64_t disruption_days = 0;
  std::vector<ScheduledActivity> activities;  // same order as Problem::activities
  bool proven_optimal = false;          // makespan ≤ max(lower_bound, resource_bound): optimal
  long long schedules_evaluated = 0;
};

struct SolveOptions {
  int time_limit_ms = 1000;             // wall-clock budget; the best schedule so far is returned
  long long max_schedules = 0;          // > 0: stop after this many schedules (deterministic tests)
  std::uint64_t seed = 1;
};

// 422 construction.invalid_problem naming every offending activity in `detail`: a cycle (the codes
// on it), a predecessor index out of range, a demand above the resource's capacity (code, resource,
// demand, capacity), a negative duration, lag or amount, a calendar vector of the wrong size.
// 422 construction.no_feasible_schedule naming the activity when the calendars leave it no start
// before horizon + (sum of durations) days.
Result<void> Validate(const Problem& problem);
// (Days after the horizon are all allowed, so the calendars always leave a start: the second error
// cannot occur with the current rules and is kept for calendars that might one day extend them.)
//
// Solve: the best schedule found within the budget (time_limit_ms, and max_schedules when > 0;
// deterministic for a seed when max_schedules decides). Stops early when the makespan reaches the
// larger of the lower bounds (lower_bound, resource_bound) and then sets proven_optimal; with
// disruption groups the post-pass still runs at that makespan.
Result<Schedule> Solve(const Problem& problem, const SolveOptions& options = {});

// Independent checker (tests, the CLI's --check): precedence, capacities on every day, calendars,
// makespan and disruption-days recomputed from the starts. Ok() or 422 construction.infeasible
// with the first violation in `detail`.
Result<void> CheckSchedule(const Problem& problem, const Schedule& schedule);

}  // namespace huanxin::core::construction
