#include "http/handlers/acceptance_handlers.hpp"

#include "http/handlers/handler_util.hpp"
#include "http/json/acceptance_json.hpp"
#include "http/json/json_input.hpp"
#include "http/json/platform_json.hpp"
#include "service/acceptance/acceptance_service.hpp"

namespace huanxin::http {

namespace {

using Api = AcceptanceApi;

Response GetAcceptance(Api& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(v, a.acceptance.Get(req.actor(), id));
  return Json(200, AcceptanceJson(v));
}

Response Accept(Api& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseAcceptanceInput(body));
  HX_TRY(v, a.acceptance.Accept(req.actor(), id, in));
  return Json(201, AcceptanceJson(v));
}

Response Handover(Api& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseHandoverInput(body));
  HX_TRY(v, a.acceptance.Handover(req.actor(), id, in));
  return Json(200, AcceptanceJson(v));
}

// Shown in the browser to be printed, not downloaded: no Content-Disposition.
Response PrintSign(Api& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(doc, a.acceptance.SignHtml(req.actor(), id));
  return SendInline(std::move(doc));
}

Response ListHouseholds(Api& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(v, a.acceptance.Households(req.actor(), id));
  return Json(200, HouseholdAcceptancesJson(v));
}

Response PutHousehold(Api& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(dwelling, PathId(req, "dwellingId"));
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseHouseholdAcceptanceInput(body));
  HX_TRY(h, a.acceptance.PutHousehold(req.actor(), id, dwelling, in));
  return Json(200, HouseholdAcceptanceJson(h));
}

Response UploadSignature(Api& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(file, UploadedFile(req));
  HX_TRY(f, a.acceptance.UploadSignature(req.actor(), id, file.filename, file.data));
  return Json(201, StoredFileJson(f));
}

Response ProjectWarranties(Api& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(v, a.acceptance.Warranties(req.actor(), id));
  return Json(200, WarrantiesJson(v));
}

Response EstateWarranties(Api& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(v, a.acceptance.EstateWarranties(req.actor(), id));
  return Json(200, WarrantiesJson(v));
}

}  // namespace

// Not `reusable`: warranties move with the date (daysLeft, running).
void AddAcceptanceRoutes(RouteTable& t, Workbench&, AcceptanceApi& api) {
  using A = Access;
  using B = BodyKind;
  t.Add("GET", "/api/v1/projects/{id}/acceptance", A::kSession, B::kNone, api, GetAcceptance)
      .Add("POST", "/api/v1/projects/{id}/acceptance", A::kSession, B::kJson, api, Accept)
      .Add("POST", "/api/v1/projects/{id}/acceptance/handover", A::kSession, B::kJson, api, Handover)
      .Add("GET", "/api/v1/projects/{id}/acceptance/sign/print", A::kSession, B::kNone, api, PrintSign)
      .Add("GET", "/api/v1/projects/{id}/household-acceptance", A::kSession, B::kNone, api, ListHouseholds)
      .Add("POST", "/api/v1/projects/{id}/household-acceptance/signatures", A::kSession, B::kMultipart, api, UploadSignature)
      .Add("PUT", "/api/v1/projects/{id}/household-acceptance/{dwellingId}", A::kSession, B::kJson, api, PutHousehold)
      .Add("GET", "/api/v1/projects/{id}/warranties", A::kSession, B::kNone, api, ProjectWarranties)
      .Add("GET", "/api/v1/estates/{id}/warranties", A::kSession, B::kNone, api, EstateWarranties);
}

}  // namespace huanxin::http
