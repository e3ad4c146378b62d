#include "core/calendar/work_calendar.hpp"

#include <cstdio>

namespace huanxin::core::calendar {

namespace {

using std::chrono::sys_days;
using std::chrono::weekday;

bool IsWeekend(sys_days d) {
  const weekday w{d};
  return w == std::chrono::Saturday || w == std::chrono::Sunday;
}

int YearOf(Date d) { return static_cast<int>(d.year()); }

Error NotLoaded(int year) {
  const auto y = std::to_string(year);
  return MakeError(ErrorCode::kUnprocessable, "calendar.year_not_loaded",
                   Text(y + " 年的工作日历尚未载入", "the working-day calendar of " + y + " is not loaded"),
                   Text::Same(y),
                   Text("请管理员按国务院办公厅公布的节假日安排载入该年度",
                        "an administrator loads the year from the State Council's holiday notice"));
}

// Appends "a；b" / "a; b".
void AddProblem(Text& all, const Text& one) {
  if (!all.zh.empty()) {
    all.zh += "；";
    all.en += "; ";
  }
  all.zh += one.zh;
  all.en += one.en;
}

}  // namespace

std::optional<Date> ParseDate(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
  auto digits = [&](std::size_t from, std::size_t n) -> std::optional<unsigned> {
    unsigned v = 0;
    for (std::size_t i = from; i < from + n; ++i) {
      if (t[i] < '0' || t[i] > '9') return std::nullopt;
      v = v * 10 + static_cast<unsigned>(t[i] - '0');
    }
    return v;
  };
  auto y = digits(0, 4), m = digits(5, 2), d = digits(8, 2);
  if (!y || !m || !d) return std::nullopt;
  Date date{std::chrono::year{static_cast<int>(*y)}, std::chrono::month{*m}, std::chrono::day{*d}};
  if (!date.ok()) return std::nullopt;
  return date;
}

std::string FormatDate(Date d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                static_cast<unsigned>(d.day()));
  return buf;
}

Result<Date> RequireDate(std::string_view text) {
  if (auto d = ParseDate(text)) return *d;
  return MakeError(ErrorCode::kUnprocessable, "calendar.invalid_date", Text("日期格式不正确", "not a valid date"),
                   Text::Same(std::string(text)), Text("日期写作 YYYY-MM-DD，如 2026-10-10", "write dates as YYYY-MM-DD, e.g. 2026-10-10"));
}

Result<void> ValidateYear(const YearData& data) {
  Text problems;
  const auto y = std::to_string(data.year);
  if (data.year < kFirstYear || data.year > kLastYear)
    AddProblem(problems, Text("年度 " + y + " 不在 " + std::to_string(kFirstYear) + "–" + std::to_string(kLastYear) + " 之间",
                              "year " + y + " is outside " + std::to_string(kFirstYear) + "–" + std::to_string(kLastYear)));
  std::set<sys_days> holidays, workdays;
  for (const auto& d : data.holidays) {
    const auto s = FormatDate(d);
    if (YearOf(d) != data.year) AddProblem(problems, Text(s + " 不在 " + y + " 年内", s + " is not in " + y));
    if (!holidays.insert(sys_days{d}).second) AddProblem(problems, Text(s + " 重复列出", s + " is listed twice"));
  }
  for (const auto& d : data.workdays) {
    const auto s = FormatDate(d);
    if (YearOf(d) != data.year) AddProblem(problems, Text(s + " 不在 " + y + " 年内", s + " is not in " + y));
    if (!workdays.insert(sys_days{d}).second) AddProblem(problems, Text(s + " 重复列出", s + " is listed twice"));
    // §9: only weekend days are listed as working days (调休上班); a weekday works anyway.
    if (!IsWeekend(sys_days{d}))
      AddProblem(problems, Text(s + " 不是周六或周日，不能列为调休上班日", s + " is not a Saturday or Sunday: not a working weekend day"));
    if (holidays.contains(sys_days{d}))
      AddProblem(problems, Text(s + " 既是放假日又是上班日", s + " is both a holiday and a working day"));
  }
  if (problems.empty()) return Ok();
  return MakeError(ErrorCode::kUnprocessable, "calendar.invalid",
                   Text(y + " 年的工作日历数据不正确", "the working-day calendar of " + y + " is invalid"), std::move(problems),
                   Text("按国务院办公厅通知核对放假日与调休上班日", "check the holidays and working weekend days against the notice"));
}

Result<void> WorkCalendar::Add(const YearData& data) {
  if (auto r = ValidateYear(data); !r) return r;
  Year y;
  for (const auto& d : data.holidays) y.holidays.insert(sys_days{d});
  for (const auto& d : data.workdays) y.workdays.insert(sys_days{d});
  years_[data.year] = std::move(y);
  return Ok();
}

std::vector<int> WorkCalendar::years() const {
  std::vector<int> out;
  for (const auto& [y, _] : years_) out.push_back(y);
  return out;
}

Result<bool> WorkCalendar::IsWorkingDay(Date day) const {
  auto it = years_.find(YearOf(day));
  if (it == years_.end()) return NotLoaded(YearOf(day));
  const sys_days d{day};
  if (it->second.workdays.contains(d)) return true;
  return !IsWeekend(d) && !it->second.holidays.contains(d);
}

Result<bool> WorkCalendar::IsHoliday(Date day) const {
  auto it = years_.find(YearOf(day));
  if (it == years_.end()) return NotLoaded(YearOf(day));
  return it->second.holidays.contains(sys_days{day});
}

Result<Date> WorkCalendar::WindowEnd(Date from, int count) const {
  if (count < 1 || count > kMaxWindow)
    return MakeError(ErrorCode::kUnprocessable, "calendar.invalid_count",
                     Text("工作日天数应为 1–" + std::to_string(kMaxWindow), "the count of working days must be 1–" + std::to_string(kMaxWindow)),
                     Text::Same(std::to_string(count)));
  // Day by day: at most a few hundred steps, and every step is checked against a loaded year, so a
  // window never runs past the last loaded year (it stops at the first day of an unloaded one).
  int seen = 0;
  for (sys_days d{from};; d += std::chrono::days{1}) {
    auto working = IsWorkingDay(Date{d});
    if (!working) return std::move(working).error();
    if (*working && ++seen == count) return Date{d};
  }
}

}  // namespace huanxin::core::calendar
