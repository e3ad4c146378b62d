#include "store/calendar/calendar_repository.hpp"

#include <map>
#include <utility>

namespace huanxin::store {

namespace {

// The years matching `where` with their dates, in year order.
Result<std::vector<CalendarYearRecord>> Select(Session& s, const std::string& where, const Params& params) {
  auto years = s.Query("SELECT year, source, loaded_at, loaded_by FROM calendar_year " + where + " ORDER BY year", params);
  if (!years) return std::move(years).error();
  std::map<std::int64_t, CalendarYearRecord> out;
  for (const auto& r : *years)
    out[r.GetInt(0)] = CalendarYearRecord{static_cast<int>(r.GetInt(0)), r.GetText(1), r.GetText(2), r.GetText(3), {}, {}};
  if (out.empty()) return std::vector<CalendarYearRecord>{};
  auto days = s.Query("SELECT year, day, kind FROM calendar_day " + where + " ORDER BY day", params);
  if (!days) return std::move(days).error();
  for (const auto& r : *days) {
    auto it = out.find(r.GetInt(0));
    if (it == out.end()) continue;
    (r.GetText(2) == "workday" ? it->second.workdays : it->second.holidays).push_back(r.GetText(1));
  }
  std::vector<CalendarYearRecord> list;
  list.reserve(out.size());
  for (auto& [_, y] : out) list.push_back(std::move(y));
  return list;
}

}  // namespace

Result<std::optional<CalendarYearRecord>> CalendarRepository::Year(Session& s, int year) {
  auto list = Select(s, "WHERE year = ?", {Int(year)});
  if (!list) return std::move(list).error();
  if (list->empty()) return std::optional<CalendarYearRecord>{};
  return std::optional<CalendarYearRecord>(std::move(list->front()));
}

Result<std::vector<CalendarYearRecord>> CalendarRepository::Years(Session& s) { return Select(s, "", {}); }

Result<void> CalendarRepository::ReplaceYear(Session& s, const CalendarYearRecord& y) {
  if (auto r = DeleteRows(s, "calendar_day", "year", y.year); !r) return std::move(r).error();
  if (auto r = DeleteRows(s, "calendar_year", "year", y.year); !r) return std::move(r).error();
  auto ins = s.Exec("INSERT INTO calendar_year (year, source, loaded_at, loaded_by) VALUES (?, ?, ?, ?)",
                    {Int(y.year), Str(y.source), Str(y.loaded_at), Str(y.loaded_by)});
  if (!ins) return std::move(ins).error();
  for (const auto& [days, kind] : {std::pair{&y.holidays, "holiday"}, std::pair{&y.workdays, "workday"}})
    for (const auto& d : *days)
      if (auto r = s.Exec("INSERT INTO calendar_day (day, year, kind) VALUES (?, ?, ?)", {Str(d), Int(y.year), Str(kind)}); !r)
        return std::move(r).error();
  return Ok();
}

Result<std::int64_t> CalendarRepository::Version(Session& s) {
  return QueryInt(s, "SELECT version FROM calendar_version WHERE id = 1");
}

Result<void> CalendarRepository::BumpVersion(Session& s) {
  auto n = s.Exec("UPDATE calendar_version SET version = version + 1 WHERE id = 1");
  if (!n) return std::move(n).error();
  return Ok();
}

}  // namespace huanxin::store
