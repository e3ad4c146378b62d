#include "http/handlers/checkup_handlers.hpp"

#include "http/handlers/handler_util.hpp"
#include "http/json/checkup_json.hpp"
#include "http/json/json_input.hpp"
#include "http/json/platform_json.hpp"
#include "service/checkup/checkup_service.hpp"
#include "service/job/job_service.hpp"

namespace huanxin::http {

namespace {

using Services = CheckupApi;

Response Review(Services& s, Request& req, const char* action) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseCheckupReviewInput(body));
  HX_TRY(campaign, s.checkups.Review(req.actor(), id, in.estate_id, action, in.comment));
  return Json(200, CampaignJson(campaign));
}

Response ListCheckupCatalogs(Services& s, Request& req) {
  HX_TRY(list, s.checkups.Catalogs(req.actor()));
  return Json(200, CheckupCatalogListJson(list));
}

Response NewCheckupCatalog(Services& s, Request& req) {
  HX_TRY(v, s.checkups.NewDraft(req.actor()));
  return Json(201, CatalogViewJson(v, req.english));
}

Response GetCheckupCatalog(Services& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(v, s.checkups.Catalog(req.actor(), id));
  return Json(200, CatalogViewJson(v, req.english));
}

Response CheckupIndicators(Services& s, Request& req) {
  HX_TRY(id, QueryInt64(req, "catalogId"));
  HX_TRY(v, s.checkups.Catalog(req.actor(), id));
  return Json(200, CatalogViewJson(v, req.english));
}

Response AddCheckupIndicator(Services& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseIndicatorInput(body));
  HX_TRY(v, s.checkups.AddIndicator(req.actor(), id, in));
  return Json(201, CatalogViewJson(v, req.english));
}

Response PublishCheckupCatalog(Services& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(v, s.checkups.Publish(req.actor(), id));
  return Json(200, CatalogViewJson(v, req.english));
}

Response CheckupItems(Services& s, Request& req) {
  HX_TRY(items, s.checkups.Items(req.actor()));
  return Json(200, CheckupItemListJson(items, req.english));
}

Response UpdateCheckupItem(Services& s, Request& req) {
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(patch, ParseItemPatch(body));
  HX_TRY(item, s.checkups.UpdateItem(req.actor(), req.params.at("code"), patch));
  return Json(200, CheckupItemJson(item, req.english));
}

Response ListCheckups(Services& s, Request& req) {
  HX_TRY(year, ParseYearQuery(req));
  HX_TRY(list, s.checkups.List(req.actor(), QueryString(req, "regionCode"), year));
  return Json(200, CampaignListJson(list));
}

Response CreateCheckup(Services& s, Request& req) {
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseCampaignInput(body));
  HX_TRY(campaign, s.checkups.Create(req.actor(), in));
  return Json(201, CampaignJson(campaign));
}

Response GetCheckup(Services& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(campaign, s.checkups.Get(req.actor(), id));
  return Json(200, CampaignJson(campaign));
}

Response AssignCheckup(Services& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseCheckupAssignInput(body));
  HX_TRY(campaign, s.checkups.Assign(req.actor(), id, in.estate_ids, in.user_id));
  return Json(200, CampaignJson(campaign));
}

Response UploadCheckupPhoto(Services& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(file, UploadedFile(req));
  HX_TRY(f, s.checkups.StorePhoto(req.actor(), id, file.filename, file.data));
  return Json(201, StoredFileJson(f));
}

Response ListObservations(Services& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(estate, QueryInt64(req, "estateId"));
  HX_TRY(list, s.checkups.Observations(req.actor(), id, estate));
  return Json(200, ObservationListJson(list));
}

Response UpsertObservations(Services& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(batch, ParseObservationBatch(body));
  HX_TRY(r, s.checkups.Upsert(req.actor(), id, batch));
  return Json(200, UpsertResultJson(r));
}

Response SubmitCheckup(Services& s, Request& req) { return Review(s, req, "submit"); }
Response ApproveCheckup(Services& s, Request& req) { return Review(s, req, "approve"); }
Response ReturnCheckup(Services& s, Request& req) { return Review(s, req, "return"); }

Response CheckupProblems(Services& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(q, ParseProblemQuery(req));
  HX_TRY(p, s.checkups.Problems(req.actor(), id, q));
  return Json(200, ProblemListJson(p, req.english));
}

Response CheckupReportPdf(Services& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(estate, QueryInt64(req, "estateId"));
  HX_TRY(doc, s.checkups.ReportPdf(req.actor(), id, estate));
  return SendDocument(std::move(doc));
}

Response CheckupReportHtml(Services& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(estate, QueryInt64(req, "estateId"));
  HX_TRY(doc, s.checkups.ReportHtml(req.actor(), id, estate));
  Response r;
  r.content_type = doc.content_type;
  r.body = std::move(doc.bytes);
  // A self-contained page: its own <style>, an inline SVG chart, no scripts, nothing fetched.
  r.headers.emplace_back("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
  return r;
}

Response CheckupReportXlsx(Services& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(estate, QueryInt64(req, "estateId"));
  HX_TRY(doc, s.checkups.ProblemListXlsx(req.actor(), id, estate));
  return SendDocument(std::move(doc));
}

Response GenerateCheckupReports(Services& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(job, s.checkups.GenerateReports(req.actor(), id, s.jobs));
  return Json(202, ReportsJobJson(job));
}

Response RegionProblems(Services& s, Request& req) {
  HX_TRY(year, ParseYearQuery(req));
  HX_TRY(r, s.checkups.RegionProblems(req.actor(), req.params.at("code"), year));
  return Json(200, RollupJson(r, req.english));
}

}  // namespace

void AddCheckupRoutes(RouteTable& t, Workbench& workbench, CheckupApi& api) {
  workbench.Add({"checkup", [&api](const service::Actor& actor, bool) -> Result<std::optional<boost::json::value>> {
                   auto w = api.checkups.Workbench(actor);
                   if (!w) return std::move(w).error();
                   if (!*w) return std::optional<boost::json::value>{};
                   return std::optional<boost::json::value>(CheckupWorkbenchJson(**w));
                 }});
  using A = Access;
  using B = BodyKind;
  t.Add("GET", "/api/v1/checkup/catalogs", A::kSession, B::kNone, api, ListCheckupCatalogs)
      .Add("POST", "/api/v1/checkup/catalogs", A::kSession, B::kNone, api, NewCheckupCatalog)
      .Add("GET", "/api/v1/checkup/catalogs/{id}", A::kSession, B::kNone, api, GetCheckupCatalog)
      .Add("POST", "/api/v1/checkup/catalogs/{id}/indicators", A::kSession, B::kJson, api, AddCheckupIndicator)
      .Add("POST", "/api/v1/checkup/catalogs/{id}/publish", A::kSession, B::kNone, api, PublishCheckupCatalog)
      .Add("GET", "/api/v1/checkup/indicators", A::kSession, B::kNone, api, CheckupIndicators)
      .Add("GET", "/api/v1/checkup/items", A::kSession, B::kNone, api, CheckupItems)
      .Add("PATCH", "/api/v1/checkup/items/{code}", A::kSession, B::kJson, api, UpdateCheckupItem)
      .Add("GET", "/api/v1/checkups", A::kSession, B::kNone, api, ListCheckups)
      .Add("POST", "/api/v1/checkups", A::kSession, B::kJson, api, CreateCheckup)
      .Add("GET", "/api/v1/checkups/{id}", A::kSession, B::kNone, api, GetCheckup)
      .Add("POST", "/api/v1/checkups/{id}/approve", A::kSession, B::kJson, api, ApproveCheckup)
      .Add("POST", "/api/v1/checkups/{id}/assign", A::kSession, B::kJson, api, AssignCheckup)
      .Add("GET", "/api/v1/checkups/{id}/observations", A::kSession, B::kNone, api, ListObservations)
      .Add("POST", "/api/v1/checkups/{id}/observations", A::kSession, B::kJson, api, UpsertObservations)
      .Add("POST", "/api/v1/checkups/{id}/photos", A::kSession, B::kMultipart, api, UploadCheckupPhoto)
      .Add("GET", "/api/v1/checkups/{id}/problems", A::kSession, B::kNone, api, CheckupProblems)
      .Add("GET", "/api/v1/checkups/{id}/report.html", A::kSession, B::kNone, api, CheckupReportHtml)
      .Add("GET", "/api/v1/checkups/{id}/report.pdf", A::kSession, B::kNone, api, CheckupReportPdf)
      .Add("GET", "/api/v1/checkups/{id}/report.xlsx", A::kSession, B::kNone, api, CheckupReportXlsx)
      .Add("POST", "/api/v1/checkups/{id}/reports", A::kSession, B::kNone, api, GenerateCheckupReports)
      .Add("POST", "/api/v1/checkups/{id}/return", A::kSession, B::kJson, api, ReturnCheckup)
      .Add("POST", "/api/v1/checkups/{id}/submit", A::kSession, B::kJson, api, SubmitCheckup)
      .Add("GET", "/api/v1/regions/{code}/problems", A::kSession, B::kNone, api, RegionProblems);
}

}  // namespace huanxin::http
