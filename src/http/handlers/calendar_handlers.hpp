// The working-day calendar over HTTP (core/calendar/README.md; docs/calendar.md). Each handler
// parses with the codecs of json/calendar_json, calls one CalendarService method and encodes.
#pragma once

#include "http/route_table.hpp"
#include "http/workbench.hpp"

namespace huanxin::service {
class CalendarService;
}

namespace huanxin::http {

struct CalendarApi {
  service::CalendarService& calendar;
};

// GET /calendar/workdays and GET /calendar/{year} (any signed-in user; reusable reads), PUT
// /calendar/{year} (calendar:write). No workbench section.
void AddCalendarRoutes(RouteTable& routes, Workbench& workbench, CalendarApi& api);

}  // namespace huanxin::http
