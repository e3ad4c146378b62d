#include "http/handlers/supervision_handlers.hpp"

#include "http/handlers/handler_util.hpp"
#include "http/json/json_input.hpp"
#include "http/json/platform_json.hpp"
#include "http/json/supervision_json.hpp"
#include "service/supervision/supervision_service.hpp"

namespace huanxin::http {

namespace {

using Api = SupervisionApi;

Response Checklist(Api& a, Request& req) {
  HX_TRY(v, a.supervision.Checklist(req.actor()));
  return Json(200, ChecklistJson(v, req.english));
}

Response ListUnits(Api& a, Request& req) {
  HX_TRY(v, a.supervision.Units(req.actor(), QueryString(req, "regionCode")));
  return Json(200, ResponsibleUnitsJson(v));
}

Response AddUnit(Api& a, Request& req) {
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseResponsibleUnitInput(body));
  HX_TRY(u, a.supervision.AddUnit(req.actor(), in));
  return Json(201, ResponsibleUnitJson(u));
}

Response ListSupervisors(Api& a, Request& req) {
  HX_TRY(v, a.supervision.Supervisors(req.actor(), QueryString(req, "regionCode")));
  return Json(200, SupervisorsJson(v));
}

Response AddSupervisor(Api& a, Request& req) {
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseSupervisorInput(body));
  HX_TRY(s, a.supervision.AddSupervisor(req.actor(), in));
  return Json(201, SupervisorJson(s));
}

Response Inspect(Api& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseInspectionInput(body));
  HX_TRY(v, a.supervision.Inspect(req.actor(), id, in));
  return Json(v.created ? 201 : 200, InspectionJson(v.inspection));
}

Response ListInspections(Api& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(v, a.supervision.Inspections(req.actor(), id));
  return Json(200, InspectionsJson(v));
}

Response AddPhoto(Api& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(file, UploadedFile(req));
  HX_TRY(f, a.supervision.AddPhoto(req.actor(), id, file.filename, file.data));
  return Json(201, StoredFileJson(f));
}

Response AddDay(Api& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseDayInput(body));
  HX_TRY(d, a.supervision.AddDay(req.actor(), id, in));
  return Json(201, SupervisionDayJson(d));
}

Response ListDays(Api& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(v, a.supervision.Days(req.actor(), id));
  return Json(200, SupervisionDaysJson(v));
}

Response PatchAction(Api& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(status, RequiredString(body, "status"));
  HX_TRY(v, a.supervision.SetActionStatus(req.actor(), id, status));
  return Json(200, SupervisionActionJson(v));
}

Response IssueOrder(Api& a, Request& req) {
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseOrderInput(body));
  HX_TRY(v, a.supervision.Issue(req.actor(), in));
  return Json(201, OrderJson(v));
}

Response ListOrders(Api& a, Request& req) {
  service::OrderQuery q;
  q.status = QueryString(req, "status");
  HX_TRY(level, QueryInt64(req, "level"));
  if (level) q.level = static_cast<int>(*level);
  HX_TRY(project, QueryInt64(req, "projectId"));
  q.project_id = project;
  q.region_code = QueryString(req, "regionCode");
  HX_TRY(paging, ParsePaging(req));
  q.limit = paging.page_size;
  q.offset = (paging.page - 1) * paging.page_size;
  HX_TRY(v, a.supervision.Orders(req.actor(), q));
  return Json(200, OrdersJson(v, paging.page, paging.page_size));
}

Response GetOrder(Api& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(v, a.supervision.Order(req.actor(), id));
  return Json(200, OrderJson(v));
}

Response Reply(Api& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseReplyInput(body));
  HX_TRY(v, a.supervision.Reply(req.actor(), id, in));
  return Json(200, OrderJson(v));
}

Response Recheck(Api& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseRecheckInput(body));
  HX_TRY(v, a.supervision.Recheck(req.actor(), id, in));
  return Json(200, OrderJson(v));
}

Response Scores(Api& a, Request& req) {
  HX_TRY(v, a.supervision.Scores(req.actor(), QueryString(req, "regionCode")));
  return Json(200, ScoresJson(v));
}

Response QualityRegister(Api& a, Request& req) {
  HX_TRY(project, QueryInt64(req, "projectId"));
  if (!project || *project <= 0)
    return ErrorResponse(MakeError(ErrorCode::kBadRequest, "http.bad_query",
                                   Text("查询参数 projectId 必填", "query parameter projectId is required"),
                                   Text::Same("projectId")),
                         req.english);
  HX_TRY(v, a.supervision.QualityRegister(req.actor(), *project, QueryString(req, "itemCode"), QueryString(req, "q")));
  return Json(200, QualityRegisterJson(v));
}

}  // namespace

// Not `reusable`: reads record the escalation levels reached (and move with the date).
void AddSupervisionRoutes(RouteTable& t, Workbench& workbench, SupervisionApi& api) {
  using A = Access;
  using B = BodyKind;
  t.Add("GET", "/api/v1/supervision/checklist", A::kSession, B::kNone, api, Checklist)
      .Add("GET", "/api/v1/supervision/scores", A::kSession, B::kNone, api, Scores)
      .Add("GET", "/api/v1/responsible-units", A::kSession, B::kNone, api, ListUnits)
      .Add("POST", "/api/v1/responsible-units", A::kSession, B::kJson, api, AddUnit)
      .Add("GET", "/api/v1/supervisors", A::kSession, B::kNone, api, ListSupervisors)
      .Add("POST", "/api/v1/supervisors", A::kSession, B::kJson, api, AddSupervisor)
      .Add("GET", "/api/v1/projects/{id}/inspections", A::kSession, B::kNone, api, ListInspections)
      .Add("POST", "/api/v1/projects/{id}/inspections", A::kSession, B::kJson, api, Inspect)
      .Add("POST", "/api/v1/projects/{id}/inspections/photos", A::kSession, B::kMultipart, api, AddPhoto)
      .Add("GET", "/api/v1/projects/{id}/supervision-days", A::kSession, B::kNone, api, ListDays)
      .Add("POST", "/api/v1/projects/{id}/supervision-days", A::kSession, B::kJson, api, AddDay)
      .Add("PATCH", "/api/v1/supervision-actions/{id}", A::kSession, B::kJson, api, PatchAction)
      .Add("GET", "/api/v1/rectifications", A::kSession, B::kNone, api, ListOrders)
      .Add("POST", "/api/v1/rectifications", A::kSession, B::kJson, api, IssueOrder)
      .Add("GET", "/api/v1/rectifications/{id}", A::kSession, B::kNone, api, GetOrder)
      .Add("POST", "/api/v1/rectifications/{id}/reply", A::kSession, B::kJson, api, Reply)
      .Add("POST", "/api/v1/rectifications/{id}/recheck", A::kSession, B::kJson, api, Recheck)
      .Add("GET", "/api/v1/quality-register", A::kSession, B::kNone, api, QualityRegister);
  workbench.Add(WorkbenchSection{
      "supervision", [&api](const service::Actor& actor, bool) -> Result<std::optional<boost::json::value>> {
        auto w = api.supervision.Workbench(actor);
        if (!w) return std::move(w).error();
        if (!*w) return std::optional<boost::json::value>();
        return std::optional<boost::json::value>(SupervisionWorkbenchJson(**w));
      }});
}

}  // namespace huanxin::http
