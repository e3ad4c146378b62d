// The working-day calendar's routes in the authorization matrix (rows: calendar.csv). Its years come
// with the migrations and have no region: no objects of its own. The PUT loads a far year (2099) so
// the reads of 2026 stay as seeded.
#include "api/authz/authz_core.hpp"

namespace huanxin::testing::authz {
namespace {

Context CalendarContext() {
  Context c;
  c.name = "calendar";
  c.routes = {
      {"GET /api/v1/calendar/workdays", [](Case&, Req& r) { r.Query("from=2026-09-24&count=7"); }},
      {"GET /api/v1/calendar/{year}", [](Case&, Req& r) { r.Path("{year}", 2026); }},
      {"PUT /api/v1/calendar/{year}",
       [](Case&, Req& r) {
         r.Path("{year}", 2099).Json(json::object{{"holidays", json::array{"2099-01-01"}}, {"workdays", json::array{}}});
       }},
  };
  return c;
}

}  // namespace

HX_AUTHZ_CONTEXT(CalendarContext)

}  // namespace huanxin::testing::authz
