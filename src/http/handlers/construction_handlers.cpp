#include "http/handlers/construction_handlers.hpp"

#include "http/handlers/handler_util.hpp"
#include "http/json/construction_json.hpp"
#include "http/json/json_input.hpp"
#include "service/construction/construction_service.hpp"

namespace huanxin::http {

namespace {

Response Templates(ConstructionApi& a, Request& req) {
  HX_TRY(t, a.construction.Templates(req.actor(), QueryString(req, "itemCode")));
  return Json(200, TemplatesJson(t, req.english));
}

Response ProposeSteps(ConstructionApi& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(body, ParseJsonObject(req.body.empty() ? std::string("{}") : req.body));
  HX_TRY(estates, ParseProposeInput(body));
  HX_TRY(steps, a.construction.Propose(req.actor(), id, estates));
  return Json(200, ProposalJson(steps));
}

Response GetSteps(ConstructionApi& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(set, a.construction.Steps(req.actor(), id));
  return Json(200, StepSetJson(set));
}

Response PutSteps(ConstructionApi& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseStepsInput(body));
  HX_TRY(set, a.construction.PutSteps(req.actor(), id, std::move(in)));
  return Json(201, StepSetJson(set));
}

Response RunSchedule(ConstructionApi& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseScheduleInput(body));
  HX_TRY(v, a.construction.Run(req.actor(), id, in));
  return Json(200, ScheduleJson(v));
}

Response GetSchedule(ConstructionApi& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(v, a.construction.Schedule(req.actor(), id));
  return Json(200, ScheduleJson(v));
}

Response SaveBaseline(ConstructionApi& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  std::string end_on;
  HX_TRY(b, a.construction.SaveBaseline(req.actor(), id, &end_on));
  return Json(201, BaselineJson(b, end_on));
}

Response ProjectAlerts(ConstructionApi& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(alerts, a.construction.Alerts(req.actor(), id));
  return Json(200, AlertsJson(alerts, false));
}

Response OpenAlerts(ConstructionApi& a, Request& req) {
  HX_TRY(alerts, a.construction.OpenAlerts(req.actor(), QueryString(req, "regionCode")));
  return Json(200, AlertsJson(alerts, true));
}

Response GetSeasons(ConstructionApi& a, Request& req) {
  HX_TRY(v, a.construction.Seasons(req.actor(), req.params.at("regionCode")));
  return Json(200, SeasonsJson(v));
}

Response PutSeasons(ConstructionApi& a, Request& req) {
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(seasons, ParseSeasons(body));
  HX_TRY(v, a.construction.PutSeasons(req.actor(), req.params.at("regionCode"), seasons));
  return Json(200, SeasonsJson(v));
}

}  // namespace

void AddConstructionRoutes(RouteTable& t, Workbench& workbench, ConstructionApi& api) {
  workbench.Add({"construction", [&api](const service::Actor& actor, bool) -> Result<std::optional<boost::json::value>> {
                   auto w = api.construction.Workbench(actor);
                   if (!w) return std::move(w).error();
                   if (!*w) return std::optional<boost::json::value>{};
                   return std::optional<boost::json::value>(ConstructionWorkbenchJson(**w));
                 }});
  constexpr auto S = Access::kSession;
  t.Add("GET", "/api/v1/step-templates", S, BodyKind::kNone, api, Templates, true)
      .Add("POST", "/api/v1/projects/{id}/steps/generate", S, BodyKind::kJson, api, ProposeSteps)
      .Add("GET", "/api/v1/projects/{id}/steps", S, BodyKind::kNone, api, GetSteps, true)
      .Add("POST", "/api/v1/projects/{id}/steps", S, BodyKind::kJson, api, PutSteps)
      .Add("POST", "/api/v1/projects/{id}/schedule", S, BodyKind::kJson, api, RunSchedule)
      .Add("GET", "/api/v1/projects/{id}/schedule", S, BodyKind::kNone, api, GetSchedule, true)
      .Add("POST", "/api/v1/projects/{id}/baseline", S, BodyKind::kNone, api, SaveBaseline)
      .Add("GET", "/api/v1/projects/{id}/alerts", S, BodyKind::kNone, api, ProjectAlerts)
      .Add("GET", "/api/v1/construction/alerts", S, BodyKind::kNone, api, OpenAlerts)
      .Add("GET", "/api/v1/calendar/seasons/{regionCode}", S, BodyKind::kNone, api, GetSeasons, true)
      .Add("PUT", "/api/v1/calendar/seasons/{regionCode}", S, BodyKind::kJson, api, PutSeasons);
}

}  // namespace huanxin::http
