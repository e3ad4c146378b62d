#include "http/handlers/construction_works_handlers.hpp"

#include "http/handlers/handler_util.hpp"
#include "http/json/construction_works_json.hpp"
#include "http/json/json_input.hpp"
#include "http/json/platform_json.hpp"
#include "service/construction/household_service.hpp"
#include "service/construction/notice_service.hpp"
#include "service/construction/progress_service.hpp"

namespace huanxin::http {

namespace {

using Api = ConstructionWorksApi;

// ?work= (in-home heating when absent: the work 金茵 tracks, issue #13).
std::string WorkQuery(const Request& req) { return QueryString(req, "work").value_or("heating"); }

Result<std::int64_t> RequiredQueryId(const Request& req, const char* name) {
  auto v = QueryInt64(req, name);
  if (!v) return std::move(v).error();
  if (!*v || **v <= 0)
    return MakeError(ErrorCode::kBadRequest, "http.bad_query",
                     Text("查询参数 " + std::string(name) + " 必填", "query parameter " + std::string(name) + " is required"),
                     Text::Same(name));
  return **v;
}

// ---- progress ----

Response ReportProgress(Api& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseProgressInput(body));
  HX_TRY(v, a.progress.Report(req.actor(), id, in));
  return Json(v.created ? 201 : 200, ProgressReportJson(v));
}

Response GetProgress(Api& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(v, a.progress.Get(req.actor(), id));
  return Json(200, ProgressJson(v, req.english));
}

Response PutWeights(Api& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(weights, ParseWeights(body));
  HX_TRY(v, a.progress.SetWeights(req.actor(), id, weights));
  return Json(200, ProgressJson(v, req.english));
}

Response ProgressSheet(Api& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(doc, a.progress.Sheet(req.actor(), id));
  return SendDocument(std::move(doc));
}

Response ImportProgress(Api& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(file, UploadedFile(req));
  HX_TRY(r, a.progress.Import(req.actor(), id, file.data));
  return SheetImportAnswer(r, req.english);
}

Response AddPhoto(Api& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(file, UploadedFile(req));
  HX_TRY(f, a.progress.AddPhoto(req.actor(), id, file.filename, file.data));
  return Json(201, StoredFileJson(f));
}

Response ProgrammeProgress(Api& a, Request& req) {
  HX_TRY(year, QueryInt64(req, "year"));
  std::optional<int> y;
  if (year) y = static_cast<int>(*year);
  HX_TRY(v, a.progress.Programme(req.actor(), QueryString(req, "regionCode"), y));
  return Json(200, ProgrammeProgressJson(v));
}

// ---- household works ----

Response ListTeams(Api& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(v, a.households.Teams(req.actor(), id));
  return Json(200, TeamsJson(v));
}

Response AddTeam(Api& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseTeamInput(body));
  HX_TRY(t, a.households.AddTeam(req.actor(), id, in));
  return Json(201, TeamJson(t));
}

Response PutWork(Api& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(dwelling, PathId(req, "dwellingId"));
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseHouseholdWorkInput(body));
  HX_TRY(w, a.households.SetWork(req.actor(), id, dwelling, in));
  return Json(200, HouseholdWorkJson(w));
}

Response WorkSummary(Api& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(v, a.households.Summary(req.actor(), id, WorkQuery(req)));
  return Json(200, HouseholdSummaryJson(v));
}

Response WorkGrid(Api& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(building, RequiredQueryId(req, "buildingId"));
  HX_TRY(v, a.households.Grid(req.actor(), id, WorkQuery(req), building));
  return Json(200, HouseholdGridJson(v));
}

// ---- notices ----

Response ListNotices(Api& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(v, a.notices.Notices(req.actor(), id));
  return Json(200, NoticesJson(v));
}

// Shown in the browser to be printed, not downloaded: no Content-Disposition.
Response PrintNotices(Api& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(estate, RequiredQueryId(req, "estateId"));
  HX_TRY(doc, a.notices.PrintHtml(req.actor(), id, estate, PublicBase(a.public_url, a.secure_cookie, req)));
  return SendInline(std::move(doc));
}

Response PublicWorks(Api& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(v, a.notices.PublicWorksOf(id));
  return Json(200, PublicWorksJson(v));
}

// A subscription feed calendar apps poll: sent inline, not as a download.
Response PublicCalendar(Api& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(doc, a.notices.Calendar(id));
  return SendInline(std::move(doc));
}

}  // namespace

// Not `reusable`: the roll-up's "today" checks and the notices move with the date.
void AddConstructionWorksRoutes(RouteTable& t, Workbench&, ConstructionWorksApi& api) {
  using A = Access;
  using B = BodyKind;
  t.Add("GET", "/api/v1/construction/progress", A::kSession, B::kNone, api, ProgrammeProgress)
      .Add("GET", "/api/v1/projects/{id}/household-teams", A::kSession, B::kNone, api, ListTeams)
      .Add("POST", "/api/v1/projects/{id}/household-teams", A::kSession, B::kJson, api, AddTeam)
      .Add("GET", "/api/v1/projects/{id}/household-works", A::kSession, B::kNone, api, WorkSummary)
      .Add("GET", "/api/v1/projects/{id}/household-works/grid", A::kSession, B::kNone, api, WorkGrid)
      .Add("PUT", "/api/v1/projects/{id}/household-works/{dwellingId}", A::kSession, B::kJson, api, PutWork)
      .Add("GET", "/api/v1/projects/{id}/notices", A::kSession, B::kNone, api, ListNotices)
      .Add("GET", "/api/v1/projects/{id}/notices/print", A::kSession, B::kNone, api, PrintNotices)
      .Add("GET", "/api/v1/projects/{id}/progress", A::kSession, B::kNone, api, GetProgress)
      .Add("POST", "/api/v1/projects/{id}/progress", A::kSession, B::kJson, api, ReportProgress)
      .Add("POST", "/api/v1/projects/{id}/progress/import", A::kSession, B::kMultipart, api, ImportProgress)
      .Add("POST", "/api/v1/projects/{id}/progress/photos", A::kSession, B::kMultipart, api, AddPhoto)
      .Add("GET", "/api/v1/projects/{id}/progress/sheet.xlsx", A::kSession, B::kNone, api, ProgressSheet)
      .Add("PUT", "/api/v1/projects/{id}/progress/weights", A::kSession, B::kJson, api, PutWeights)
      .Add("GET", "/api/v1/public/estates/{id}/works", A::kPublic, B::kNone, api, PublicWorks)
      .Add("GET", "/api/v1/public/estates/{id}/works.ics", A::kPublic, B::kNone, api, PublicCalendar);
}

}  // namespace huanxin::http
