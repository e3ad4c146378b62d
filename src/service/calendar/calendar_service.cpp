#include "service/calendar/calendar_service.hpp"

#include <algorithm>
#include <boost/json.hpp>

#include "common/text.hpp"
#include "service/audit/audit_service.hpp"
#include "store/calendar/calendar_repository.hpp"

namespace huanxin::service {

namespace json = boost::json;
namespace cal = core::calendar;
using store::CalendarRepository;

namespace {

constexpr std::size_t kMaxSource = 200;

CalendarYear FromRecord(store::CalendarYearRecord r) {
  return {r.year, std::move(r.holidays), std::move(r.workdays), std::move(r.source), std::move(r.loaded_at),
          std::move(r.loaded_by)};
}

Result<std::vector<cal::Date>> Dates(const std::vector<std::string>& texts) {
  std::vector<cal::Date> out;
  out.reserve(texts.size());
  for (const auto& t : texts) {
    auto d = cal::RequireDate(t);
    if (!d) return std::move(d).error();
    out.push_back(*d);
  }
  return out;
}

// The year's data as core reads it; 422 calendar.invalid_date for a malformed date.
Result<cal::YearData> ToYearData(int year, const std::vector<std::string>& holidays, const std::vector<std::string>& workdays) {
  auto h = Dates(holidays);
  if (!h) return std::move(h).error();
  auto w = Dates(workdays);
  if (!w) return std::move(w).error();
  return cal::YearData{year, std::move(*h), std::move(*w)};
}

Error InvalidYear(int year, Text detail) {
  const auto y = std::to_string(year);
  return MakeError(ErrorCode::kUnprocessable, "calendar.invalid",
                   Text(y + " 年的工作日历数据不正确", "the working-day calendar of " + y + " is invalid"), std::move(detail));
}

json::array DateArray(const std::vector<std::string>& days) {
  json::array a;
  for (const auto& d : days) a.emplace_back(d);
  return a;
}

}  // namespace

Result<CalendarService::Snapshot> CalendarService::Load(store::Session& s) {
  // One version read per call: cheap, and right even when another server loaded a year.
  auto version = CalendarRepository::Version(s);
  if (!version) return std::move(version).error();
  return cache_.Get(*version, [&]() -> Result<Snapshot> {
    auto years = CalendarRepository::Years(s);
    if (!years) return std::move(years).error();
    auto calendar = std::make_shared<cal::WorkCalendar>();
    for (const auto& y : *years) {
      auto data = ToYearData(y.year, y.holidays, y.workdays);
      if (!data) return std::move(data).error();
      if (auto r = calendar->Add(*data); !r) return std::move(r).error();
    }
    return Snapshot(std::move(calendar));
  });
}

Result<CalendarService::Snapshot> CalendarService::Calendar() {
  return store::ReadResult(db_, [&](store::Session& s) { return Load(s); });
}

Result<std::string> CalendarService::WindowEnd(std::string_view from_iso_date, int count) {
  auto from = cal::RequireDate(from_iso_date);
  if (!from) return std::move(from).error();
  auto calendar = Calendar();
  if (!calendar) return std::move(calendar).error();
  auto end = (*calendar)->WindowEnd(*from, count);
  if (!end) return std::move(end).error();
  return cal::FormatDate(*end);
}

Result<bool> CalendarService::IsWorkingDay(std::string_view iso_date) {
  auto day = cal::RequireDate(iso_date);
  if (!day) return std::move(day).error();
  auto calendar = Calendar();
  if (!calendar) return std::move(calendar).error();
  return (*calendar)->IsWorkingDay(*day);
}

Result<CalendarYear> CalendarService::Year(const Actor&, int year) {
  // Every signed-in user reads the calendar (role.cpp); the route requires the session.
  auto rec = store::ReadResult(db_, [&](store::Session& s) { return CalendarRepository::Year(s, year); });
  if (!rec) return std::move(rec).error();
  if (!*rec)
    return MakeError(ErrorCode::kNotFound, "calendar.year_not_found",
                     Text(std::to_string(year) + " 年的工作日历尚未载入", "the calendar of " + std::to_string(year) + " is not loaded"),
                     Text::Same(std::to_string(year)));
  return FromRecord(std::move(**rec));
}

Result<CalendarYear> CalendarService::PutYear(const Actor& actor, int year, CalendarYearInput in) {
  if (auto r = RequirePermission(actor, core::auth::perm::kCalendarWrite); !r) return std::move(r).error();
  if (in.year && *in.year != year)
    return InvalidYear(year, Text("请求体的年度 " + std::to_string(*in.year) + " 与地址中的 " + std::to_string(year) + " 不一致",
                                  "the body's year " + std::to_string(*in.year) + " is not the path's " + std::to_string(year)));
  auto data = ToYearData(year, in.holidays, in.workdays);
  if (!data) return std::move(data).error();
  if (auto r = cal::ValidateYear(*data); !r) return std::move(r).error();
  auto source = in.source.value_or("");
  if (auto n = Utf8Length(source); !n || *n > kMaxSource)
    return InvalidYear(year, Text("来源不超过 200 字", "source: at most 200 characters"));

  store::CalendarYearRecord after{year, source, FormatIsoUtc(clock_.Now()), actor.username, {}, {}};
  // Stored in the canonical form ParseDate accepted, sorted (ISO dates sort as text).
  for (const auto& d : data->holidays) after.holidays.push_back(cal::FormatDate(d));
  for (const auto& d : data->workdays) after.workdays.push_back(cal::FormatDate(d));
  std::sort(after.holidays.begin(), after.holidays.end());
  std::sort(after.workdays.begin(), after.workdays.end());

  auto stored = store::WriteResult(db_, [&](store::Session& s) -> Result<store::CalendarYearRecord> {
    auto before = CalendarRepository::Year(s, year);
    if (!before) return std::move(before).error();
    Changes ch;
    if (*before) {
      ch.Diff("holidays", DateArray((*before)->holidays), DateArray(after.holidays));
      ch.Diff("workdays", DateArray((*before)->workdays), DateArray(after.workdays));
      ch.Diff("source", json::string((*before)->source), json::string(after.source));
      if (ch.empty()) return std::move(**before);
    } else {
      ch.Set("holidays", nullptr, DateArray(after.holidays));
      ch.Set("workdays", nullptr, DateArray(after.workdays));
      ch.Set("source", nullptr, json::string(after.source));
    }
    if (auto r = CalendarRepository::ReplaceYear(s, after); !r) return std::move(r).error();
    if (auto r = CalendarRepository::BumpVersion(s); !r) return std::move(r).error();
    if (auto r = RecordAudit(s, clock_, actor, "calendar.put", "calendar_year", std::to_string(year), "", ch); !r)
      return std::move(r).error();
    return after;
  });
  if (!stored) return std::move(stored).error();
  return FromRecord(std::move(*stored));
}

}  // namespace huanxin::service
