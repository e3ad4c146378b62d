#include "http/json/calendar_json.hpp"

#include <algorithm>
#include <boost/json/array.hpp>
#include <limits>

#include "common/text.hpp"
#include "core/calendar/work_calendar.hpp"
#include "http/json/json_input.hpp"

namespace huanxin::http {

namespace json = boost::json;

namespace {

json::array Strings(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.emplace_back(s);
  return a;
}

Error MissingQuery(const std::string& name) {
  return MakeError(ErrorCode::kBadRequest, "http.bad_query",
                   Text("缺少查询参数 " + name, "query parameter " + name + " is missing"), Text::Same(name),
                   Text("例如 ?from=2026-09-24&count=7", "e.g. ?from=2026-09-24&count=7"));
}

Result<std::vector<std::string>> DateList(const json::object& body, const char* field) {
  const auto* v = body.if_contains(field);
  if (!v || v->is_null()) return InvalidField(field, Text("缺少必填字段", "required field is missing"));
  if (!v->is_array()) return InvalidField(field, Text("应为日期字符串数组", "must be an array of date strings"));
  if (v->as_array().size() > static_cast<std::size_t>(core::calendar::kMaxWindow))
    return InvalidField(field, Text("最多 366 个日期", "at most 366 dates"));
  std::vector<std::string> out;
  for (const auto& e : v->as_array()) {
    if (!e.is_string()) return InvalidField(field, Text("应为日期字符串数组", "must be an array of date strings"));
    out.emplace_back(e.as_string());
  }
  return out;
}

}  // namespace

json::object WorkdayWindowJson(const std::string& from, int count, const std::string& end) {
  return {{"from", from}, {"count", count}, {"end", end}};
}

json::object CalendarYearJson(const service::CalendarYear& y) {
  return {{"year", y.year},
          {"holidays", Strings(y.holidays)},
          {"workdays", Strings(y.workdays)},
          {"source", y.source},
          {"loadedAt", y.loaded_at}};
}

Result<WorkdayWindowQuery> ParseWorkdayWindowQuery(const Request& req) {
  auto from = QueryString(req, "from");
  if (!from) return MissingQuery("from");
  auto count = QueryInt64(req, "count");
  if (!count) return std::move(count).error();
  if (!*count) return MissingQuery("count");
  // Out-of-range counts stay out of range (the service answers 422 calendar.invalid_count).
  constexpr std::int64_t lo = std::numeric_limits<int>::min(), hi = std::numeric_limits<int>::max();
  return WorkdayWindowQuery{*from, static_cast<int>(std::clamp(**count, lo, hi))};
}

Result<int> PathYear(const Request& req) {
  auto id = PathId(req, "year");
  if (!id) return std::move(id).error();
  if (*id > std::numeric_limits<int>::max())
    return MakeError(ErrorCode::kNotFound, "http.not_found", Text("资源不存在", "no such resource"), Text::Same(std::to_string(*id)));
  return static_cast<int>(*id);
}

Result<service::CalendarYearInput> ParseCalendarYearInput(const json::object& body) {
  for (const auto& kv : body)
    if (kv.key() != "year" && kv.key() != "holidays" && kv.key() != "workdays" && kv.key() != "source")
      return InvalidField(std::string(kv.key()), Text("未知字段（可用：year、holidays、workdays、source）",
                                                       "unknown field (year, holidays, workdays, source)"));
  service::CalendarYearInput in;
  if (const auto* year = body.if_contains("year"); year && !year->is_null()) {
    if (!year->is_int64()) return InvalidField("year", Text("应为整数", "must be an integer"));
    in.year = static_cast<int>(std::clamp<std::int64_t>(year->as_int64(), 0, 99999));
  }
  auto holidays = DateList(body, "holidays");
  if (!holidays) return std::move(holidays).error();
  auto workdays = DateList(body, "workdays");
  if (!workdays) return std::move(workdays).error();
  auto source = OptionalString(body, "source");
  if (!source) return std::move(source).error();
  in.holidays = std::move(*holidays);
  in.workdays = std::move(*workdays);
  in.source = std::move(*source);
  return in;
}

}  // namespace huanxin::http
