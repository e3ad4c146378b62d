// Rectification orders (整改通知) and their escalation (督办), and the contractors' scores (issue
// #14 "Supervision and rectification"; REFERENCE.md §4.1 and §9; README.md beside). Pure: the
// working-day calendar comes from the caller (service/calendar).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "common/result.hpp"
#include "core/calendar/work_calendar.hpp"

namespace huanxin::core::supervision {

using calendar::Date;

// The longest deadline an order may give, in working days (three months of working days: a
// rectification is short work; a guard against typing 300 for 30, not a rule of the issue).
inline constexpr int kMaxDueWorkingDays = 60;

// The order's deadline: the `working_days`-th working day AFTER the issue date on the official
// calendar (issue #14: "a deadline in working days"; REFERENCE.md §9). Counting starts the day
// after the issue date (the issue date itself is never day 1): issued Friday 2026-03-06 with 1
// working day → Monday 2026-03-09. 422 supervision.invalid_days unless 1 ≤ working_days ≤
// kMaxDueWorkingDays; 422 calendar.year_not_loaded when the window reaches a year not loaded.
Result<Date> DueOn(const calendar::WorkCalendar& cal, Date issued_on, int working_days);

// Escalation levels (督办, issue #14): 0 none; 1 the street office, from the first working day after
// the deadline; 2 the housing bureau, after a further `bureau_working_days` working days.
enum class Level { kNone = 0, kStreet = 1, kBureau = 2 };

// The first day of each level for an order due on `due_on`: street = the 1st working day after
// due_on, bureau = the (1 + bureau_working_days)-th working day after due_on.
struct EscalationStarts {
  Date street, bureau;
};
// 422 supervision.invalid_days unless 1 ≤ bureau_working_days ≤ 30; 422 calendar.year_not_loaded.
Result<EscalationStarts> Starts(const calendar::WorkCalendar& cal, Date due_on, int bureau_working_days);

// The level an open (not closed) order has reached on `today`.
Result<Level> LevelOn(const calendar::WorkCalendar& cal, Date due_on, Date today, int bureau_working_days);

// An order is overdue once its deadline day has passed and it is not closed (the deadline day
// itself is still in time).
inline bool Overdue(Date due_on, Date today, bool closed) { return !closed && today > due_on; }

// The order's states (issue #14): open → replied (the unit's reply) → closed (re-inspection
// passed) or back to open (failed: rework 返工).
enum class Status { kOpen, kReplied, kClosed };
enum class Action { kReply, kPass, kFail };

std::string_view StatusName(Status s);
std::optional<Status> ParseStatus(std::string_view s);
// The state after `action`, or 409 supervision.bad_state naming the state and the action: a reply
// only to an open order, a re-inspection only of a replied one; nothing moves a closed order.
Result<Status> Next(Status from, Action action);

// Weights of the contractors' score (issue #14: "a score from findings, timeliness and rework
// (configurable weights)"; config supervision.score_*), points deducted from 100 per event.
struct ScoreWeights {
  int finding = 2;  // per order issued to the unit
  int overdue = 5;  // per order that went past its deadline (closed late or still open and overdue)
  int rework = 10;  // per failed re-inspection
};

struct UnitRecord {
  std::int64_t orders = 0, overdue = 0, reworks = 0, closed = 0, closed_on_time = 0;
};

// 100 − weights × events, never below 0. An inference: the issue names the three factors and
// leaves their form open; a subtraction from 100 reads as the county's 百分制 assessment forms do.
int Score(const UnitRecord& r, const ScoreWeights& w);
// The share of closed orders closed on or before their deadline, in hundredths of a percent
// (10000 = 100 %), rounded half up; nullopt when none closed.
std::optional<std::int64_t> OnTimeRate(const UnitRecord& r);

}  // namespace huanxin::core::supervision
