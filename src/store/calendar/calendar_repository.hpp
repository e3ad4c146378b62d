// The working-day calendar's years (calendar_year, calendar_day) and its version row
// (calendar_version), in portable SQL. Functions run in the caller's transaction and do not
// authorise or validate; service/calendar does (core/calendar/README.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace huanxin::store {

// One loaded year: the listed dates as 'YYYY-MM-DD', each list sorted.
struct CalendarYearRecord {
  int year = 0;
  std::string source, loaded_at, loaded_by;
  std::vector<std::string> holidays, workdays;
};

struct CalendarRepository {
  // The year, if loaded.
  static Result<std::optional<CalendarYearRecord>> Year(Session& s, int year);
  // Every loaded year, by year.
  static Result<std::vector<CalendarYearRecord>> Years(Session& s);
  // Replaces the year's row and dates with `record` (deletes, then inserts; the caller's
  // transaction makes it all-or-nothing). A date listed twice fails with the driver's
  // duplicate-key error: validate first.
  static Result<void> ReplaceYear(Session& s, const CalendarYearRecord& record);
  // The calendar's version: changes whenever a year is replaced (BumpVersion in the same
  // transaction), so caches on several servers know when to reload.
  static Result<std::int64_t> Version(Session& s);
  static Result<void> BumpVersion(Session& s);
};

}  // namespace huanxin::store
