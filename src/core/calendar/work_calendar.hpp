// The official working-day calendar (法定节假日与调休; REFERENCE.md §9; README.md beside): which
// days are working days, and where a window of N working days ends. Pure: the years' data come
// from the caller (service/calendar reads them from store/calendar).
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"

namespace huanxin::core::calendar {

using Date = std::chrono::year_month_day;

// The longest window WindowEnd counts (a year of working days is about 250; 366 bounds any
// window a rule states in days of one year).
inline constexpr int kMaxWindow = 366;

// Parses "YYYY-MM-DD" (exactly: four-digit year, two-digit month and day, a real date); nothing
// else (no time, no offset, no spaces).
std::optional<Date> ParseDate(std::string_view text);
// "YYYY-MM-DD". Precondition: d.ok() and a four-digit year.
std::string FormatDate(Date d);
// 422 `calendar.invalid_date` naming `text` when it is not a date ParseDate accepts.
Result<Date> RequireDate(std::string_view text);

// One year as the State Council General Office publishes it (REFERENCE.md §9): the days off
// whatever the weekday, and the weekend days that are working days (调休上班).
struct YearData {
  int year = 0;
  std::vector<Date> holidays;
  std::vector<Date> workdays;
};

// The years a calendar may hold (a guard against typing 226 for 2026, not a rule of the notice).
inline constexpr int kFirstYear = 1949, kLastYear = 2999;

// 422 `calendar.invalid` with every problem in `detail`: the year outside kFirstYear–kLastYear, a
// date outside the year, a listed workday that is not a Saturday or Sunday, a date both a holiday
// and a workday, a date listed twice.
Result<void> ValidateYear(const YearData& data);

// Loaded years of the calendar, and the rules over them. A value: copy freely; safe to read from
// several threads at once (no member mutates after Add).
class WorkCalendar {
 public:
  // Loads (or replaces) a year after ValidateYear; on failure the calendar is unchanged.
  Result<void> Add(const YearData& data);
  bool HasYear(int year) const { return years_.contains(year); }
  std::vector<int> years() const;

  // A weekday that is not a holiday, or a weekend day listed as a workday (REFERENCE.md §9).
  // 422 `calendar.year_not_loaded` naming the year when `day`'s year is not loaded: never guessed.
  Result<bool> IsWorkingDay(Date day) const;
  // A listed holiday (a day off whatever the weekday; REFERENCE.md §9): the days a project that
  // works every day stops (issue #13). 422 `calendar.year_not_loaded` as above.
  Result<bool> IsHoliday(Date day) const;

  // The date of the `count`-th working day, day 1 being the first working day on or after `from`
  // (a start on a holiday or weekend rolls forward). 422 `calendar.invalid_count` unless
  // 1 ≤ count ≤ kMaxWindow; 422 `calendar.year_not_loaded` naming the first year the window
  // reaches that is not loaded.
  Result<Date> WindowEnd(Date from, int count) const;

 private:
  struct Year {
    std::set<std::chrono::sys_days> holidays, workdays;
  };
  std::map<int, Year> years_;
};

}  // namespace huanxin::core::calendar
