#include "http/handlers/consultation_handlers.hpp"

#include <boost/json.hpp>

#include "http/handlers/handler_util.hpp"
#include "http/json/consultation_json.hpp"
#include "http/json/json_input.hpp"
#include "http/json/platform_json.hpp"
#include "service/consultation/consultation_documents.hpp"
#include "service/consultation/consultation_service.hpp"

namespace huanxin::http {

namespace json = boost::json;
using service::ConsultationService;

namespace {

// The address printed in the QR codes (handler_util.hpp).
std::string PublicBase(const ConsultationApi& s, const Request& req) { return http::PublicBase(s.public_url, s.secure_cookie, req); }

Response ListConsultations(ConsultationApi& s, Request& req) {
  HX_TRY(paging, ParsePaging(req));
  HX_TRY(estate, QueryInt64(req, "estateId"));
  HX_TRY(result, s.consult.List(req.actor(), estate, QueryString(req, "state"), paging.page, paging.page_size));
  return Json(200, ConsultationPageJson(result.first, result.second, paging));
}

Response CreateConsultation(ConsultationApi& s, Request& req) {
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseConsultationInput(body));
  HX_TRY(v, s.consult.Create(req.actor(), in));
  return Json(201, ConsultationJson(v));
}

Response GetConsultation(ConsultationApi& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(v, s.consult.Get(req.actor(), id));
  return Json(200, ConsultationJson(v));
}

Response OpenConsultation(ConsultationApi& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(v, s.consult.Open(req.actor(), id));
  return Json(200, ConsultationJson(v));
}

Response CloseConsultation(ConsultationApi& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(v, s.consult.Close(req.actor(), id));
  return Json(200, ConsultationJson(v));
}

Response AddConsultationRound(ConsultationApi& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseRoundInput(body));
  HX_TRY(v, s.consult.AddRound(req.actor(), id, in.item_ids, in.dwelling_ids));
  return Json(201, ConsultationJson(v));
}

Response CastBallot(ConsultationApi& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(dwelling, PathId(req, "dwellingId"));
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseBallotInput(body, false));
  HX_TRY(r, s.consult.CastBallot(req.actor(), id, dwelling, in));
  return Json(200, ReceiptJson(r));
}

Response ListBallots(ConsultationApi& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(dwelling, QueryInt64(req, "dwellingId"));
  HX_TRY(list, s.consult.Ballots(req.actor(), id, dwelling));
  return Json(200, BallotListJson(list));
}

Response ListBallotCodes(ConsultationApi& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(building, QueryInt64(req, "buildingId"));
  HX_TRY(sheets, s.consult.BallotSheets(req.actor(), id, building));
  return Json(200, BallotCodeListJson(sheets, PublicBase(s, req)));
}

Response BallotsPdf(ConsultationApi& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(building, QueryInt64(req, "buildingId"));
  HX_TRY(doc, s.documents.BallotsPdf(req.actor(), id, building, PublicBase(s, req)));
  return SendDocument(std::move(doc));
}

Response PaperLookup(ConsultationApi& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(v, s.consult.PaperLookup(req.actor(), id, req.params.at("code")));
  return Json(200, CodeViewJson(v));
}

Response ConsultationTally(ConsultationApi& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(round, ParseTallyRound(req));
  HX_TRY(t, s.consult.Tally(req.actor(), id, round));
  return Json(200, TallyJson(t, req.english));
}


Response ListFollowups(ConsultationApi& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(q, ParseFollowupQuery(req));
  HX_TRY(rows, s.consult.Followups(req.actor(), id, q));
  return Json(200, FollowupListJson(rows));
}

Response FollowupsPdf(ConsultationApi& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(q, ParseFollowupQuery(req));
  HX_TRY(doc, s.documents.FollowupsPdf(req.actor(), id, q));
  return SendDocument(std::move(doc));
}

Response AssignFollowups(ConsultationApi& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseFollowupAssignInput(body));
  HX_TRY(n, s.consult.Assign(req.actor(), id, in.dwelling_ids, in.user_id));
  return Json(200, json::object{{"assigned", n}});
}

Response RecordFollowupVisit(ConsultationApi& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseVisitInput(body));
  HX_TRY(v, s.consult.RecordVisit(req.actor(), id, in.dwelling_id, in.item_id, in.outcome, in.note));
  return Json(201, VisitJson(v));
}

Response LiftShare(ConsultationApi& s, Request& req) {
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseLiftShareRequest(body));
  HX_TRY(v, s.consult.LiftShare(req.actor(), in));
  return Json(200, LiftShareJson(v));
}

Response ResidentBallot(ConsultationApi& s, Request& req) {
  HX_TRY(v, s.consult.LookupCode(req.params.at("code")));
  return Json(200, CodeViewJson(v));
}

Response ResidentCastBallot(ConsultationApi& s, Request& req) {
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseBallotInput(body, true));
  HX_TRY(r, s.consult.CastByCode(req.params.at("code"), in, req.request_id));
  return Json(200, ReceiptJson(r));
}

Response PublicReceipt(ConsultationApi& s, Request& req) {
  HX_TRY(r, s.consult.CheckReceipt(req.params.at("code")));
  return Json(200, PublicReceiptJson(r));
}

Response UploadEvidence(ConsultationApi& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(file, UploadedFile(req));
  HX_TRY(f, s.consult.StoreEvidence(req.actor(), id, file.filename, file.data));
  return Json(201, StoredFileJson(f));
}

}  // namespace

void AddConsultationRoutes(RouteTable& t, Workbench& workbench, ConsultationApi& api) {
  workbench.Add({"consultation", [&api](const service::Actor& actor, bool) -> Result<std::optional<json::value>> {
                   auto w = api.consult.Workbench(actor);
                   if (!w) return std::move(w).error();
                   if (!*w) return std::optional<json::value>{};
                   return std::optional<json::value>(ConsultationWorkbenchJson(**w));
                 }});
  using A = Access;
  using B = BodyKind;
  t.Add("GET", "/api/v1/ballot/{code}", A::kPublic, B::kNone, api, ResidentBallot)
      .Add("PUT", "/api/v1/ballot/{code}", A::kPublic, B::kJson, api, ResidentCastBallot)
      .Add("GET", "/api/v1/consultations", A::kSession, B::kNone, api, ListConsultations)
      .Add("POST", "/api/v1/consultations", A::kSession, B::kJson, api, CreateConsultation)
      .Add("GET", "/api/v1/consultations/{id}", A::kSession, B::kNone, api, GetConsultation)
      .Add("GET", "/api/v1/consultations/{id}/ballots", A::kSession, B::kNone, api, ListBallots)
      .Add("PUT", "/api/v1/consultations/{id}/ballots/{dwellingId}", A::kSession, B::kJson, api, CastBallot)
      .Add("GET", "/api/v1/consultations/{id}/ballots.pdf", A::kSession, B::kNone, api, BallotsPdf)
      .Add("POST", "/api/v1/consultations/{id}/close", A::kSession, B::kNone, api, CloseConsultation)
      .Add("GET", "/api/v1/consultations/{id}/codes", A::kSession, B::kNone, api, ListBallotCodes)
      .Add("POST", "/api/v1/consultations/{id}/evidence", A::kSession, B::kMultipart, api, UploadEvidence)
      .Add("GET", "/api/v1/consultations/{id}/followups", A::kSession, B::kNone, api, ListFollowups)
      .Add("POST", "/api/v1/consultations/{id}/followups/assign", A::kSession, B::kJson, api, AssignFollowups)
      .Add("POST", "/api/v1/consultations/{id}/followups/visits", A::kSession, B::kJson, api, RecordFollowupVisit)
      .Add("GET", "/api/v1/consultations/{id}/followups.pdf", A::kSession, B::kNone, api, FollowupsPdf)
      .Add("POST", "/api/v1/consultations/{id}/open", A::kSession, B::kNone, api, OpenConsultation)
      .Add("GET", "/api/v1/consultations/{id}/paper/{code}", A::kSession, B::kNone, api, PaperLookup)
      .Add("POST", "/api/v1/consultations/{id}/rounds", A::kSession, B::kJson, api, AddConsultationRound)
      .Add("GET", "/api/v1/consultations/{id}/tally", A::kSession, B::kNone, api, ConsultationTally)
      .Add("POST", "/api/v1/lift-share", A::kSession, B::kJson, api, LiftShare)
      .Add("GET", "/api/v1/public/receipts/{code}", A::kPublic, B::kNone, api, PublicReceipt);
}

}  // namespace huanxin::http
