#include "http/handlers/register_handlers.hpp"

#include <boost/json.hpp>

#include "http/handlers/handler_util.hpp"
#include "http/json/json_input.hpp"
#include "http/json/register_json.hpp"
#include "service/register/import_service.hpp"
#include "service/register/register_documents.hpp"
#include "service/register/register_service.hpp"

namespace huanxin::http {

namespace json = boost::json;

namespace {

// ---- estates ----

Response ListEstates(RegisterApi& s, Request& req) {
  HX_TRY(q, ParseEstateQuery(req));
  HX_TRY(result, s.reg.ListEstates(req.actor(), q));
  return Json(200, EstatePageJson(result.first, result.second, q, req.english));
}

Response CreateEstate(RegisterApi& s, Request& req) {
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseEstateInput(body));
  HX_TRY(view, s.reg.CreateEstate(req.actor(), in));
  auto r = Json(201, EstateJson(view, req.english));
  r.headers.emplace_back("Location", "/api/v1/estates/" + std::to_string(view.estate.id));
  return r;
}

Response GetEstate(RegisterApi& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(view, s.reg.GetEstate(req.actor(), id));
  return Json(200, EstateJson(view, req.english));
}

Response UpdateEstate(RegisterApi& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseEstateInput(body));
  HX_TRY(view, s.reg.UpdateEstate(req.actor(), id, in));
  return Json(200, EstateJson(view, req.english));
}

Response DeleteEstate(RegisterApi& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY_VOID(s.reg.DeleteEstate(req.actor(), id));
  return NoContent();
}

Response EstateSummary(RegisterApi& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(summary, s.reg.Summary(req.actor(), id));
  return Json(200, SummaryJson(summary, id));
}

Response RegisterRollup(RegisterApi& s, Request& req) {
  HX_TRY(rollup, s.reg.Rollup(req.actor(), QueryString(req, "regionCode")));
  return Json(200, RollupJson(rollup));
}

Response EstateEligibility(RegisterApi& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(report, s.reg.Eligibility(req.actor(), id));
  return Json(200, EligibilityReportJson(report, req.english));
}

Response ExportEstates(RegisterApi& s, Request& req) {
  HX_TRY(q, ParseEstateQuery(req));
  HX_TRY(doc, s.documents.EstatesXlsx(req.actor(), q, req.english));
  return SendDocument(std::move(doc));
}

// ---- buildings ----

Response ListBuildings(RegisterApi& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(list, s.reg.ListBuildings(req.actor(), id));
  return Json(200, BuildingListJson(list));
}

Response CreateBuilding(RegisterApi& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseBuildingInput(body));
  HX_TRY(b, s.reg.CreateBuilding(req.actor(), id, in));
  auto r = Json(201, BuildingJson(b));
  r.headers.emplace_back("Location", "/api/v1/buildings/" + std::to_string(b.id));
  return r;
}

Response GetBuilding(RegisterApi& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(b, s.reg.GetBuilding(req.actor(), id));
  return Json(200, BuildingJson(b));
}

Response UpdateBuilding(RegisterApi& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseBuildingInput(body));
  HX_TRY(b, s.reg.UpdateBuilding(req.actor(), id, in));
  return Json(200, BuildingJson(b));
}

Response DeleteBuilding(RegisterApi& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY_VOID(s.reg.DeleteBuilding(req.actor(), id));
  return NoContent();
}

// ---- dwellings ----

Response ListBuildingDwellings(RegisterApi& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(list, s.reg.ListDwellings(req.actor(), id));
  return Json(200, DwellingListJson(list));
}

Response ListEstateDwellings(RegisterApi& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(list, s.reg.ListEstateDwellings(req.actor(), id));
  return Json(200, DwellingListJson(list));
}

Response CreateDwelling(RegisterApi& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseDwellingInput(body));
  HX_TRY(v, s.reg.CreateDwelling(req.actor(), id, in));
  auto r = Json(201, DwellingJson(v));
  r.headers.emplace_back("Location", "/api/v1/dwellings/" + std::to_string(v.dwelling.id));
  return r;
}

Response GetDwelling(RegisterApi& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(v, s.reg.GetDwelling(req.actor(), id));
  return Json(200, DwellingJson(v));
}

Response UpdateDwelling(RegisterApi& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseDwellingInput(body));
  HX_TRY(v, s.reg.UpdateDwelling(req.actor(), id, in));
  return Json(200, DwellingJson(v));
}

Response DeleteDwelling(RegisterApi& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY_VOID(s.reg.DeleteDwelling(req.actor(), id));
  return NoContent();
}

Response ExportDwellings(RegisterApi& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(doc, s.documents.DwellingsXlsx(req.actor(), id));
  return SendDocument(std::move(doc));
}

// ---- owners ----

Response ListOwners(RegisterApi& s, Request& req) {
  HX_TRY(paging, ParsePaging(req));
  HX_TRY(result, s.reg.ListOwners(req.actor(), QueryString(req, "q"), paging.page, paging.page_size));
  return Json(200, OwnerPageJson(result.first, result.second, paging));
}

Response CreateOwner(RegisterApi& s, Request& req) {
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseOwnerInput(body));
  HX_TRY(o, s.reg.CreateOwner(req.actor(), in));
  return Json(201, OwnerJson(o));
}

Response LinkOwner(RegisterApi& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseOwnerLinkInput(body));
  HX_TRY(v, s.reg.AddOwner(req.actor(), id, in));
  return Json(201, DwellingJson(v));
}

Response UnlinkOwner(RegisterApi& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(owner, PathId(req, "ownerId"));
  HX_TRY(v, s.reg.UnlinkOwner(req.actor(), id, owner));
  return Json(200, DwellingJson(v));
}

Response SetHousehold(RegisterApi& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseHouseholdInput(body));
  HX_TRY(v, s.reg.SetHousehold(req.actor(), id, in));
  return Json(200, DwellingJson(v));
}

// ---- import ----

Response ImportDwellings(RegisterApi& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(upload, UploadedFile(req));
  HX_TRY(async, QueryBool(req, "async"));
  // A job records the answer this request would have had (in this request's language).
  const bool english = req.english;
  HX_TRY(started, s.imports.Start(req.actor(), id, std::move(upload.data), upload.filename, async.value_or(false),
                                  [english](const Result<service::ImportReport>& r) { return ImportJobOutcome(r, english); }));
  if (started.report) return ImportAnswer(*started.report, req.english);
  auto r = Json(202, ImportQueuedJson(started.job_id));
  r.headers.emplace_back("Location", "/api/v1/jobs/" + std::to_string(started.job_id));
  return r;
}

Response ImportTemplate(RegisterApi&, Request& req) {
  HX_TRY(doc, service::RegisterDocuments::ImportTemplateXlsx());
  return SendDocument(std::move(doc));
}

Response RegisterDictionaries(RegisterApi&, Request& req) { return Json(200, DictionariesJson(req.english)); }

}  // namespace

void AddRegisterRoutes(RouteTable& t, Workbench& workbench, RegisterApi& api) {
  workbench.Add({"register", [&api](const service::Actor& actor, bool) -> Result<std::optional<json::value>> {
                   auto totals = api.reg.Workbench(actor);
                   if (!totals) return std::move(totals).error();
                   if (!*totals) return std::optional<json::value>{};
                   return std::optional<json::value>(RegisterWorkbenchJson(**totals));
                 }});
  using A = Access;
  using B = BodyKind;
  t.Add("GET", "/api/v1/buildings/{id}", A::kSession, B::kNone, api, GetBuilding)
      .Add("PATCH", "/api/v1/buildings/{id}", A::kSession, B::kJson, api, UpdateBuilding)
      .Add("DELETE", "/api/v1/buildings/{id}", A::kSession, B::kNone, api, DeleteBuilding)
      .Add("GET", "/api/v1/buildings/{id}/dwellings", A::kSession, B::kNone, api, ListBuildingDwellings)
      .Add("POST", "/api/v1/buildings/{id}/dwellings", A::kSession, B::kJson, api, CreateDwelling)
      .Add("GET", "/api/v1/dwellings/{id}", A::kSession, B::kNone, api, GetDwelling)
      .Add("PATCH", "/api/v1/dwellings/{id}", A::kSession, B::kJson, api, UpdateDwelling)
      .Add("DELETE", "/api/v1/dwellings/{id}", A::kSession, B::kNone, api, DeleteDwelling)
      .Add("PUT", "/api/v1/dwellings/{id}/household", A::kSession, B::kJson, api, SetHousehold)
      .Add("POST", "/api/v1/dwellings/{id}/owners", A::kSession, B::kJson, api, LinkOwner)
      .Add("DELETE", "/api/v1/dwellings/{id}/owners/{ownerId}", A::kSession, B::kNone, api, UnlinkOwner)
      .Add("GET", "/api/v1/estates", A::kSession, B::kNone, api, ListEstates, /*reusable=*/true)
      .Add("POST", "/api/v1/estates", A::kSession, B::kJson, api, CreateEstate)
      .Add("GET", "/api/v1/estates.xlsx", A::kSession, B::kNone, api, ExportEstates)
      .Add("GET", "/api/v1/estates/{id}", A::kSession, B::kNone, api, GetEstate)
      .Add("PATCH", "/api/v1/estates/{id}", A::kSession, B::kJson, api, UpdateEstate)
      .Add("DELETE", "/api/v1/estates/{id}", A::kSession, B::kNone, api, DeleteEstate)
      .Add("GET", "/api/v1/estates/{id}/buildings", A::kSession, B::kNone, api, ListBuildings)
      .Add("POST", "/api/v1/estates/{id}/buildings", A::kSession, B::kJson, api, CreateBuilding)
      .Add("GET", "/api/v1/estates/{id}/dwellings", A::kSession, B::kNone, api, ListEstateDwellings)
      .Add("POST", "/api/v1/estates/{id}/dwellings/import", A::kSession, B::kMultipart, api, ImportDwellings)
      .Add("GET", "/api/v1/estates/{id}/dwellings.xlsx", A::kSession, B::kNone, api, ExportDwellings)
      .Add("GET", "/api/v1/estates/{id}/eligibility", A::kSession, B::kNone, api, EstateEligibility)
      .Add("GET", "/api/v1/estates/{id}/summary", A::kSession, B::kNone, api, EstateSummary)
      .Add("GET", "/api/v1/import-template.xlsx", A::kSession, B::kNone, api, ImportTemplate)
      .Add("GET", "/api/v1/owners", A::kSession, B::kNone, api, ListOwners)
      .Add("POST", "/api/v1/owners", A::kSession, B::kJson, api, CreateOwner)
      .Add("GET", "/api/v1/register/dictionaries", A::kSession, B::kNone, api, RegisterDictionaries)
      .Add("GET", "/api/v1/register/rollup", A::kSession, B::kNone, api, RegisterRollup, /*reusable=*/true);
}

}  // namespace huanxin::http
