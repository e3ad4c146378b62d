// The working-day calendar's use cases (core/calendar/README.md; REFERENCE.md §9): where a window
// of working days ends and whether a day is worked, for other contexts' services (publicity
// windows, later rectification deadlines and ticket SLAs); reading a loaded year; and loading a
// year, which administrators do each November from the State Council General Office's notice.
//
// The loaded years are cached as one WorkCalendar, keyed on the calendar's version row: every call
// reads the version (one small query), so a year loaded on another server sharing PostgreSQL is
// seen at the next call.
//
// Thread safety: every member may be called from any thread.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"
#include "core/calendar/work_calendar.hpp"
#include "service/platform/actor.hpp"
#include "service/platform/versioned_cache.hpp"
#include "store/database.hpp"

namespace huanxin::service {

// A loaded year: the holidays and the weekend days that are worked, 'YYYY-MM-DD', sorted; the
// notice it was copied from; when and by whom (username; "migration" for the seeded years).
struct CalendarYear {
  int year = 0;
  std::vector<std::string> holidays, workdays;
  std::string source, loaded_at, loaded_by;
};

// A year as an administrator sends it. `year`, when given, must be the year being loaded; `source`
// (the notice's title, at most 200 characters) is "" when absent.
struct CalendarYearInput {
  std::optional<int> year;
  std::vector<std::string> holidays, workdays;
  std::optional<std::string> source;
};

class CalendarService {
 public:
  CalendarService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // The 'YYYY-MM-DD' of the `count`-th working day, day 1 being the first working day on or after
  // `from_iso_date`. No actor: for other services, after they authorised their own caller.
  // 422 calendar.invalid_date (not YYYY-MM-DD), calendar.invalid_count (not 1–366),
  // calendar.year_not_loaded (naming the first year the window needs that is not loaded).
  Result<std::string> WindowEnd(std::string_view from_iso_date, int count);
  // Whether `iso_date` is a working day. 422 calendar.invalid_date, calendar.year_not_loaded.
  Result<bool> IsWorkingDay(std::string_view iso_date);
  // The loaded calendar as it stands (for planning over many days at once, e.g. a schedule run).
  Result<std::shared_ptr<const core::calendar::WorkCalendar>> Current() { return Calendar(); }
  // A loaded year, for any signed-in actor. 404 calendar.year_not_found.
  Result<CalendarYear> Year(const Actor& actor, int year);
  // Loads `year`, replacing what was loaded for it (permission calendar:write, admin only):
  // 422 calendar.invalid (the body's year is another, a rule of core ValidateYear, source too long),
  // 422 calendar.invalid_date (a date not YYYY-MM-DD). All-or-nothing: nothing is stored on any
  // error. Audited as calendar.put with the changed lists; nothing is written or audited when the
  // year is loaded already exactly so.
  Result<CalendarYear> PutYear(const Actor& actor, int year, CalendarYearInput input);

 private:
  using Snapshot = VersionedCache<core::calendar::WorkCalendar>::Value;
  // The cached calendar when its version is the database's, else a fresh one.
  Result<Snapshot> Load(store::Session& s);
  Result<Snapshot> Calendar();

  store::Database& db_;
  const Clock& clock_;
  VersionedCache<core::calendar::WorkCalendar> cache_;
};

}  // namespace huanxin::service
