#include "http/handlers/programme_handlers.hpp"

#include "http/handlers/handler_util.hpp"
#include "http/json/programme_json.hpp"
#include "service/project/programme_service.hpp"

namespace huanxin::http {

namespace {

Response ProgrammeStatistics(ProgrammeApi& s, Request& req) {
  HX_TRY(q, ParseProgrammeQuery(req));
  HX_TRY(stats, s.programme.Statistics(req.actor(), q.region_code, q.year));
  return Json(200, ProgrammeJson(stats, req.english));
}

Response ProgrammeReport(ProgrammeApi& s, Request& req) {
  HX_TRY(q, ParseProgrammeQuery(req));
  HX_TRY(doc, s.programme.ReportXlsx(req.actor(), q.region_code, q.year));
  return SendDocument(std::move(doc));
}

}  // namespace

void AddProgrammeRoutes(RouteTable& t, Workbench&, ProgrammeApi& api) {
  using A = Access;
  using B = BodyKind;
  t.Add("GET", "/api/v1/stats/programme", A::kSession, B::kNone, api, ProgrammeStatistics, /*reusable=*/true)
      .Add("GET", "/api/v1/stats/programme.xlsx", A::kSession, B::kNone, api, ProgrammeReport, /*reusable=*/true);
}

}  // namespace huanxin::http
