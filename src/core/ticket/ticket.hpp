// Resident tickets (居民诉求: opinions, complaints, suggestions, warranty defects; issue #14). Pure.
//
// States (issue #14): submitted → accepted → in_progress → resolved → closed, or rejected with a
// reason. A duplicate is closed with a link to the kept ticket (merge). After resolution the
// resident rates the handling 1–5 (which closes the ticket) and may reopen it once (back to
// in_progress). Open311 GeoReport v2 knows only `open` and `closed`: resolved, closed and rejected
// map to closed (the spec's status field: "open" or "closed").
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "common/result.hpp"
#include "core/calendar/work_calendar.hpp"

namespace huanxin::core::ticket {

enum class Status { kSubmitted, kAccepted, kInProgress, kResolved, kClosed, kRejected };
inline constexpr Status kStatuses[] = {Status::kSubmitted, Status::kAccepted, Status::kInProgress,
                                       Status::kResolved,  Status::kClosed,   Status::kRejected};
std::string_view StatusCode(Status s);
std::optional<Status> ParseStatus(std::string_view code);
Text StatusName(Status s);
// Open311's two states: "open" until resolved, closed or rejected, then "closed".
std::string_view Open311Status(Status s);
// Resolved, closed or rejected: the handling is over (not counted overdue).
bool IsSettled(Status s);

// Where a ticket came from: a resident on the phone page (no account), staff (a door visit), an
// Open311 client application.
enum class Channel { kH5, kStaff, kOpen311 };
std::string_view ChannelCode(Channel c);
std::optional<Channel> ParseChannel(std::string_view code);

// The longest note or rejection reason kept with a transition.
inline constexpr std::size_t kNoteMaxChars = 2000;
inline constexpr std::size_t kContentMaxChars = 2000;  // Open311's description allows 4 000; ours is shorter

// A staff move `from` → `to` (POST /api/v1/tickets/{id}/transitions). Legal: submitted→accepted,
// submitted→rejected, accepted→in_progress, accepted→rejected, in_progress→resolved,
// resolved→closed. Rejecting needs a reason (`note` not blank): 422 ticket.reason_required.
// Anything else 409 ticket.illegal_transition naming both states. Reopening and rating are the
// resident's (CheckReopen, CheckRating); merging is CheckMerge.
Result<void> CheckTransition(Status from, Status to, std::string_view note);

// The resident reopens a resolved or closed ticket, once (issue #14): 409 ticket.not_reopenable
// in another state (a rejected ticket is not reopened: the resident files anew), 409
// ticket.reopened_already after one reopening.
Result<void> CheckReopen(Status from, int reopen_count, bool merged);
// A rating 1–5 of a resolved ticket not rated since its last resolution: 422 ticket.invalid_rating
// outside 1–5, 409 ticket.not_resolved in another state.
Result<void> CheckRating(Status from, int stars);
// A duplicate is merged into a kept ticket: both different, the duplicate not settled, the kept one
// not rejected nor itself merged. 409 ticket.not_mergeable.
Result<void> CheckMerge(std::int64_t duplicate_id, Status duplicate, std::int64_t kept_id, Status kept, bool kept_merged);

// A response-time target of a category: so many working hours (counted in office hours on working
// days) or working days (REFERENCE.md §9's official calendar).
enum class TargetUnit { kWorkingHours, kWorkingDays };
std::string_view TargetUnitCode(TargetUnit u);
std::optional<TargetUnit> ParseTargetUnit(std::string_view code);
struct ResponseTarget {
  int amount = 0;  // 1–200 working hours or 1–60 working days
  TargetUnit unit = TargetUnit::kWorkingDays;
};
inline constexpr int kMaxTargetHours = 200, kMaxTargetDays = 60;
// 422 ticket.invalid_target outside those bounds.
Result<void> CheckTarget(const ResponseTarget& t);

// Office hours in Beijing time, minutes since midnight (config ticket.office_hours, e.g.
// 09:00–17:00): the hours in which working hours are counted.
struct OfficeHours {
  int start_minute = 9 * 60, end_minute = 17 * 60;
};
// "HH:MM-HH:MM" with start < end; nullopt otherwise.
std::optional<OfficeHours> ParseOfficeHours(std::string_view text);

using TimePoint = std::chrono::system_clock::time_point;

// When a ticket received at `received` (UTC) is due (UTC).
// - Working days: the end of office hours on the N-th working day after the day of receipt
//   (Beijing date; day 1 is the first working day after it — the day of receipt is not counted,
//   as 信访 time limits count "自受理之日起" from the next day [inference]).
// - Working hours: N hours of office time on working days, counted from receipt (a ticket received
//   outside office hours starts at the next opening).
// 422 calendar.year_not_loaded when the count reaches a year not loaded (never guessed).
Result<TimePoint> DueAt(const calendar::WorkCalendar& cal, TimePoint received, const ResponseTarget& target,
                        const OfficeHours& hours);

// Overdue: not settled and past due.
bool IsOverdue(Status s, TimePoint due, TimePoint now);

// Figures like 延平's (REFERENCE.md §10: "800 opinions collected, 227 solved"): per group.
struct FigureRow {
  Status status = Status::kSubmitted;
  bool merged = false;            // a merged duplicate counts in neither received nor solved
  std::optional<double> hours;    // received → last resolution, in hours (solved ones)
  std::optional<int> rating;      // 1–5
};
struct Figures {
  std::int64_t received = 0, solved = 0;
  std::int64_t solved_rate = 0;                // hundredths of a percent, half up
  std::optional<double> median_hours;          // of the solved ones
  std::int64_t rated = 0;
  std::int64_t satisfaction = 0;               // share of ratings 4–5 among the rated, hundredths of a percent
  std::optional<std::int64_t> average_rating;  // hundredths (4.50 → 450), half up
};
// Solved: resolved or closed (not rejected, not a merged duplicate).
Figures ComputeFigures(const std::vector<FigureRow>& rows);

}  // namespace huanxin::core::ticket
