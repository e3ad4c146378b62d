#include "http/handlers/checkup_handlers.hpp"

#include "http/handlers/handler_util.hpp"
#include "http/json/checkup_json.hpp"
#include "http/json/json_input.hpp"
#include "service/checkup/checkup_service.hpp"
#include "service/job/job_service.hpp"

namespace huanxin::http::handlers {

using service::CheckupService;

namespace {

Result<CheckupService*> Checkups(Services& s) {
  if (!s.checkups)
    return MakeError(ErrorCode::kUnavailable, "http.unavailable", Text("体检服务未启用", "check-ups are not enabled"));
  return s.checkups;
}

Response Review(Services& s, Request& req, const char* action) {
  HX_TRY(c, Checkups(s));
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseCheckupReviewInput(body));
  HX_TRY(campaign, c->Review(req.actor(), id, in.estate_id, action, in.comment));
  return Json(200, CampaignJson(campaign));
}

}  // namespace

Response ListCheckupCatalogs(Services& s, Request& req) {
  HX_TRY(c, Checkups(s));
  HX_TRY(list, c->Catalogs(req.actor()));
  return Json(200, CheckupCatalogListJson(list));
}

Response NewCheckupCatalog(Services& s, Request& req) {
  HX_TRY(c, Checkups(s));
  HX_TRY(v, c->NewDraft(req.actor()));
  return Json(201, CatalogViewJson(v, req.english));
}

Response GetCheckupCatalog(Services& s, Request& req) {
  HX_TRY(c, Checkups(s));
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(v, c->Catalog(req.actor(), id));
  return Json(200, CatalogViewJson(v, req.english));
}

Response CheckupIndicators(Services& s, Request& req) {
  HX_TRY(c, Checkups(s));
  HX_TRY(id, QueryInt64(req, "catalogId"));
  HX_TRY(v, c->Catalog(req.actor(), id));
  return Json(200, CatalogViewJson(v, req.english));
}

Response AddCheckupIndicator(Services& s, Request& req) {
  HX_TRY(c, Checkups(s));
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseIndicatorInput(body));
  HX_TRY(v, c->AddIndicator(req.actor(), id, in));
  return Json(201, CatalogViewJson(v, req.english));
}

Response PublishCheckupCatalog(Services& s, Request& req) {
  HX_TRY(c, Checkups(s));
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(v, c->Publish(req.actor(), id));
  return Json(200, CatalogViewJson(v, req.english));
}

Response CheckupItems(Services& s, Request& req) {
  HX_TRY(c, Checkups(s));
  HX_TRY(items, c->Items(req.actor()));
  return Json(200, CheckupItemListJson(items, req.english));
}

Response UpdateCheckupItem(Services& s, Request& req) {
  HX_TRY(c, Checkups(s));
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(patch, ParseItemPatch(body));
  HX_TRY(item, c->UpdateItem(req.actor(), req.params.at("code"), patch));
  return Json(200, CheckupItemJson(item, req.english));
}

Response ListCheckups(Services& s, Request& req) {
  HX_TRY(c, Checkups(s));
  HX_TRY(year, ParseYearQuery(req));
  HX_TRY(list, c->List(req.actor(), QueryString(req, "regionCode"), year));
  return Json(200, CampaignListJson(list));
}

Response CreateCheckup(Services& s, Request& req) {
  HX_TRY(c, Checkups(s));
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseCampaignInput(body));
  HX_TRY(campaign, c->Create(req.actor(), in));
  return Json(201, CampaignJson(campaign));
}

Response GetCheckup(Services& s, Request& req) {
  HX_TRY(c, Checkups(s));
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(campaign, c->Get(req.actor(), id));
  return Json(200, CampaignJson(campaign));
}

Response AssignCheckup(Services& s, Request& req) {
  HX_TRY(c, Checkups(s));
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseCheckupAssignInput(body));
  HX_TRY(campaign, c->Assign(req.actor(), id, in.estate_ids, in.user_id));
  return Json(200, CampaignJson(campaign));
}

Response UploadCheckupPhoto(Services& s, Request& req) {
  HX_TRY(c, Checkups(s));
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(file, UploadedFile(req));
  HX_TRY(f, c->StorePhoto(req.actor(), id, file.filename, file.data));
  return Json(201, PhotoJson(f));
}

Response ListObservations(Services& s, Request& req) {
  HX_TRY(c, Checkups(s));
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(estate, QueryInt64(req, "estateId"));
  HX_TRY(list, c->Observations(req.actor(), id, estate));
  return Json(200, ObservationListJson(list));
}

Response UpsertObservations(Services& s, Request& req) {
  HX_TRY(c, Checkups(s));
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(batch, ParseObservationBatch(body));
  HX_TRY(r, c->Upsert(req.actor(), id, batch));
  return Json(200, UpsertResultJson(r));
}

Response SubmitCheckup(Services& s, Request& req) { return Review(s, req, "submit"); }
Response ApproveCheckup(Services& s, Request& req) { return Review(s, req, "approve"); }
Response ReturnCheckup(Services& s, Request& req) { return Review(s, req, "return"); }

Response CheckupProblems(Services& s, Request& req) {
  HX_TRY(c, Checkups(s));
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(q, ParseProblemQuery(req));
  HX_TRY(p, c->Problems(req.actor(), id, q));
  return Json(200, ProblemListJson(p, req.english));
}

Response CheckupReportPdf(Services& s, Request& req) {
  HX_TRY(c, Checkups(s));
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(estate, QueryInt64(req, "estateId"));
  HX_TRY(doc, c->ReportPdf(req.actor(), id, estate));
  return Download(std::move(doc.bytes), doc.content_type, doc.file_name);
}

Response CheckupReportHtml(Services& s, Request& req) {
  HX_TRY(c, Checkups(s));
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(estate, QueryInt64(req, "estateId"));
  HX_TRY(doc, c->ReportHtml(req.actor(), id, estate));
  Response r;
  r.content_type = doc.content_type;
  r.body = std::move(doc.bytes);
  // A self-contained page: its own <style>, an inline SVG chart, no scripts, nothing fetched.
  r.headers.emplace_back("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
  return r;
}

Response CheckupReportXlsx(Services& s, Request& req) {
  HX_TRY(c, Checkups(s));
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(estate, QueryInt64(req, "estateId"));
  HX_TRY(doc, c->ProblemListXlsx(req.actor(), id, estate));
  return Download(std::move(doc.bytes), doc.content_type, doc.file_name);
}

Response GenerateCheckupReports(Services& s, Request& req) {
  HX_TRY(c, Checkups(s));
  HX_TRY(id, PathId(req, "id"));
  if (!s.jobs)
    return ErrorResponse(MakeError(ErrorCode::kUnavailable, "http.unavailable", Text("后台任务未启用", "jobs are not enabled")),
                         req.english);
  HX_TRY(job, c->GenerateReports(req.actor(), id, *s.jobs));
  return Json(202, ReportsJobJson(job));
}

Response RegionProblems(Services& s, Request& req) {
  HX_TRY(c, Checkups(s));
  HX_TRY(year, ParseYearQuery(req));
  HX_TRY(r, c->RegionProblems(req.actor(), req.params.at("code"), year));
  return Json(200, RollupJson(r, req.english));
}

}  // namespace huanxin::http::handlers

namespace huanxin::http {

void AddCheckupRoutes(RouteTable& t, CheckupApi& api) {
  namespace h = handlers;
  using A = Access;
  using B = BodyKind;
  t.Add("GET", "/api/v1/checkup/catalogs", A::kSession, B::kNone, api, h::ListCheckupCatalogs)
      .Add("POST", "/api/v1/checkup/catalogs", A::kSession, B::kNone, api, h::NewCheckupCatalog)
      .Add("GET", "/api/v1/checkup/catalogs/{id}", A::kSession, B::kNone, api, h::GetCheckupCatalog)
      .Add("POST", "/api/v1/checkup/catalogs/{id}/indicators", A::kSession, B::kJson, api, h::AddCheckupIndicator)
      .Add("POST", "/api/v1/checkup/catalogs/{id}/publish", A::kSession, B::kNone, api, h::PublishCheckupCatalog)
      .Add("GET", "/api/v1/checkup/indicators", A::kSession, B::kNone, api, h::CheckupIndicators)
      .Add("GET", "/api/v1/checkup/items", A::kSession, B::kNone, api, h::CheckupItems)
      .Add("PATCH", "/api/v1/checkup/items/{code}", A::kSession, B::kJson, api, h::UpdateCheckupItem)
      .Add("GET", "/api/v1/checkups", A::kSession, B::kNone, api, h::ListCheckups)
      .Add("POST", "/api/v1/checkups", A::kSession, B::kJson, api, h::CreateCheckup)
      .Add("GET", "/api/v1/checkups/{id}", A::kSession, B::kNone, api, h::GetCheckup)
      .Add("POST", "/api/v1/checkups/{id}/approve", A::kSession, B::kJson, api, h::ApproveCheckup)
      .Add("POST", "/api/v1/checkups/{id}/assign", A::kSession, B::kJson, api, h::AssignCheckup)
      .Add("GET", "/api/v1/checkups/{id}/observations", A::kSession, B::kNone, api, h::ListObservations)
      .Add("POST", "/api/v1/checkups/{id}/observations", A::kSession, B::kJson, api, h::UpsertObservations)
      .Add("POST", "/api/v1/checkups/{id}/photos", A::kSession, B::kMultipart, api, h::UploadCheckupPhoto)
      .Add("GET", "/api/v1/checkups/{id}/problems", A::kSession, B::kNone, api, h::CheckupProblems)
      .Add("GET", "/api/v1/checkups/{id}/report.html", A::kSession, B::kNone, api, h::CheckupReportHtml)
      .Add("GET", "/api/v1/checkups/{id}/report.pdf", A::kSession, B::kNone, api, h::CheckupReportPdf)
      .Add("GET", "/api/v1/checkups/{id}/report.xlsx", A::kSession, B::kNone, api, h::CheckupReportXlsx)
      .Add("POST", "/api/v1/checkups/{id}/reports", A::kSession, B::kNone, api, h::GenerateCheckupReports)
      .Add("POST", "/api/v1/checkups/{id}/return", A::kSession, B::kJson, api, h::ReturnCheckup)
      .Add("POST", "/api/v1/checkups/{id}/submit", A::kSession, B::kJson, api, h::SubmitCheckup)
      .Add("GET", "/api/v1/regions/{code}/problems", A::kSession, B::kNone, api, h::RegionProblems);
}

}  // namespace huanxin::http
