// JSON codecs of the working-day calendar (core/calendar/README.md; docs/calendar.md). camelCase
// keys; dates as 'YYYY-MM-DD'.
#pragma once

#include <boost/json/object.hpp>
#include <string>

#include "common/result.hpp"
#include "http/message.hpp"
#include "service/calendar/calendar_service.hpp"

namespace huanxin::http {

// GET /calendar/workdays: {from, count, end}.
boost::json::object WorkdayWindowJson(const std::string& from, int count, const std::string& end);
// GET and PUT /calendar/{year}: {year, holidays, workdays, source, loadedAt}, the lists sorted.
boost::json::object CalendarYearJson(const service::CalendarYear& y);

// The window a GET /calendar/workdays asks for.
struct WorkdayWindowQuery {
  std::string from;
  int count = 0;
};
// `from` and `count`, both required: 400 http.bad_query when one is missing or `count` is not an
// integer. The date and the range of `count` are the service's to check (422).
Result<WorkdayWindowQuery> ParseWorkdayWindowQuery(const Request& req);
// The {year} path parameter: 404 http.not_found unless a positive integer.
Result<int> PathYear(const Request& req);
// The PUT body: {year?, holidays, workdays, source?}. 422 http.invalid_field naming the field for
// a missing list, a list that is not an array of strings (at most 366), a `year` that is not an
// integer, a `source` that is not a string, or any other key. Dates are checked by the service.
Result<service::CalendarYearInput> ParseCalendarYearInput(const boost::json::object& body);

}  // namespace huanxin::http
