#include "http/handlers/calendar_handlers.hpp"

#include "http/handlers/handler_util.hpp"
#include "http/json/calendar_json.hpp"
#include "http/json/json_input.hpp"
#include "service/calendar/calendar_service.hpp"

namespace huanxin::http {

namespace {

Response WorkdayWindow(CalendarApi& s, Request& req) {
  HX_TRY(q, ParseWorkdayWindowQuery(req));
  HX_TRY(end, s.calendar.WindowEnd(q.from, q.count));
  return Json(200, WorkdayWindowJson(q.from, q.count, end));
}

Response GetCalendarYear(CalendarApi& s, Request& req) {
  HX_TRY(year, PathYear(req));
  HX_TRY(y, s.calendar.Year(req.actor(), year));
  return Json(200, CalendarYearJson(y));
}

Response PutCalendarYear(CalendarApi& s, Request& req) {
  HX_TRY(year, PathYear(req));
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseCalendarYearInput(body));
  HX_TRY(y, s.calendar.PutYear(req.actor(), year, std::move(in)));
  return Json(200, CalendarYearJson(y));
}

}  // namespace

void AddCalendarRoutes(RouteTable& t, Workbench&, CalendarApi& api) {
  using A = Access;
  using B = BodyKind;
  t.Add("GET", "/api/v1/calendar/workdays", A::kSession, B::kNone, api, WorkdayWindow, /*reusable=*/true)
      .Add("GET", "/api/v1/calendar/{year}", A::kSession, B::kNone, api, GetCalendarYear, /*reusable=*/true)
      .Add("PUT", "/api/v1/calendar/{year}", A::kSession, B::kJson, api, PutCalendarYear);
}

}  // namespace huanxin::http
