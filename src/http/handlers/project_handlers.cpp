#include "http/handlers/project_handlers.hpp"

#include "http/handlers/handler_util.hpp"
#include "http/json/json_input.hpp"
#include "http/json/project_json.hpp"
#include "service/project/project_service.hpp"

namespace huanxin::http {

namespace {

// ---- plans ----

Response CreatePlan(ProjectApi& a, Request& req) {
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParsePlanInput(body));
  HX_TRY(v, a.projects.CreatePlan(req.actor(), in));
  return Json(201, PlanJson(v));
}

Response ListPlans(ProjectApi& a, Request& req) {
  HX_TRY(q, ParseRegionYearQuery(req));
  HX_TRY(v, a.projects.Plans(req.actor(), q.region_code, q.year));
  return Json(200, PlansJson(v));
}

Response GetPlan(ProjectApi& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(v, a.projects.Plan(req.actor(), id));
  return Json(200, PlanJson(v));
}

Response PatchPlan(ProjectApi& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(patch, ParsePlanPatch(body));
  HX_TRY(v, a.projects.UpdatePlan(req.actor(), id, patch.target_estates, patch.target_households));
  return Json(200, PlanJson(v));
}

// ---- projects ----

Response CreateProject(ProjectApi& a, Request& req) {
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseProjectInput(body));
  HX_TRY(v, a.projects.Create(req.actor(), in));
  return Json(201, ProjectJson(v, req.english));
}

Response ListProjects(ProjectApi& a, Request& req) {
  HX_TRY(q, ParseProjectQuery(req));
  HX_TRY(page, a.projects.List(req.actor(), q));
  return Json(200, ProjectPageJson(page, req.english));
}

Response GetProject(ProjectApi& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(v, a.projects.Get(req.actor(), id));
  return Json(200, ProjectJson(v, req.english));
}

Response Transition(ProjectApi& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(to, ParseTransition(body));
  HX_TRY(v, a.projects.Transition(req.actor(), id, to));
  return Json(200, ProjectJson(v, req.english));
}

// ---- documents and units ----

Response AddDocument(ProjectApi& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseDocumentInput(body));
  HX_TRY(d, a.projects.AddDocument(req.actor(), id, in));
  return Json(201, DocumentJson(d, req.english));
}

Response AttachDocumentFile(ProjectApi& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(doc, PathId(req, "docId"));
  HX_TRY(file, UploadedFile(req));
  HX_TRY(d, a.projects.AttachFile(req.actor(), id, doc, file.filename, file.data));
  return Json(200, DocumentJson(d, req.english));
}

Response DeleteDocument(ProjectApi& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(doc, PathId(req, "docId"));
  HX_TRY_VOID(a.projects.DeleteDocument(req.actor(), id, doc));
  return NoContent();
}

Response PutUnit(ProjectApi& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseUnitInput(body));
  HX_TRY(u, a.projects.PutUnit(req.actor(), id, req.params.at("role"), in));
  return Json(200, UnitJson(u, req.english));
}

// ---- budget and funds ----

Response GetBudget(ProjectApi& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(b, a.projects.Budget(req.actor(), id));
  return Json(200, BudgetJson(b, req.english));
}

Response AddBudgetLine(ProjectApi& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseBudgetLineInput(body, true));
  HX_TRY(l, a.projects.AddBudgetLine(req.actor(), id, in));
  return Json(201, BudgetLineJson(l, req.english));
}

Response PatchBudgetLine(ProjectApi& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(line, PathId(req, "lineId"));
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseBudgetLineInput(body, false));
  HX_TRY(l, a.projects.UpdateBudgetLine(req.actor(), id, line, in));
  return Json(200, BudgetLineJson(l, req.english));
}

Response AddChangeOrder(ProjectApi& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseChangeOrderInput(body));
  HX_TRY(c, a.projects.AddChangeOrder(req.actor(), id, in));
  return Json(201, ChangeOrderJson(c));
}

Response AddFund(ProjectApi& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseFundInput(body));
  HX_TRY(e, a.projects.AddFund(req.actor(), id, in));
  return Json(201, FundEntryJson(e, req.english));
}

Response GetFunds(ProjectApi& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(f, a.projects.Funds(req.actor(), id));
  return Json(200, FundsJson(f, req.english));
}

}  // namespace

void AddProjectRoutes(RouteTable& t, Workbench& workbench, ProjectApi& api) {
  workbench.Add({"project", [&api](const service::Actor& actor, bool) -> Result<std::optional<boost::json::value>> {
                   auto w = api.projects.Workbench(actor);
                   if (!w) return std::move(w).error();
                   if (!*w) return std::optional<boost::json::value>{};
                   return std::optional<boost::json::value>(ProjectWorkbenchJson(**w));
                 }});
  constexpr auto S = Access::kSession;
  t.Add("POST", "/api/v1/plans", S, BodyKind::kJson, api, CreatePlan)
      .Add("GET", "/api/v1/plans", S, BodyKind::kNone, api, ListPlans, true)
      .Add("GET", "/api/v1/plans/{id}", S, BodyKind::kNone, api, GetPlan, true)
      .Add("PATCH", "/api/v1/plans/{id}", S, BodyKind::kJson, api, PatchPlan)
      .Add("POST", "/api/v1/projects", S, BodyKind::kJson, api, CreateProject)
      .Add("GET", "/api/v1/projects", S, BodyKind::kNone, api, ListProjects, true)
      .Add("GET", "/api/v1/projects/{id}", S, BodyKind::kNone, api, GetProject, true)
      .Add("POST", "/api/v1/projects/{id}/transitions", S, BodyKind::kJson, api, Transition)
      .Add("POST", "/api/v1/projects/{id}/documents", S, BodyKind::kJson, api, AddDocument)
      .Add("POST", "/api/v1/projects/{id}/documents/{docId}/file", S, BodyKind::kMultipart, api, AttachDocumentFile)
      .Add("DELETE", "/api/v1/projects/{id}/documents/{docId}", S, BodyKind::kNone, api, DeleteDocument)
      .Add("PUT", "/api/v1/projects/{id}/units/{role}", S, BodyKind::kJson, api, PutUnit)
      .Add("GET", "/api/v1/projects/{id}/budget", S, BodyKind::kNone, api, GetBudget, true)
      .Add("POST", "/api/v1/projects/{id}/budget-items", S, BodyKind::kJson, api, AddBudgetLine)
      .Add("PATCH", "/api/v1/projects/{id}/budget-items/{lineId}", S, BodyKind::kJson, api, PatchBudgetLine)
      .Add("POST", "/api/v1/projects/{id}/change-orders", S, BodyKind::kJson, api, AddChangeOrder)
      .Add("POST", "/api/v1/projects/{id}/funds", S, BodyKind::kJson, api, AddFund)
      .Add("GET", "/api/v1/projects/{id}/funds", S, BodyKind::kNone, api, GetFunds, true);
}

}  // namespace huanxin::http
