#include "http/handlers/stewardship_handlers.hpp"

#include "http/handlers/handler_util.hpp"
#include "http/json/json_input.hpp"
#include "http/json/stewardship_json.hpp"
#include "service/stewardship/stewardship_service.hpp"

namespace huanxin::http {

namespace {

using Api = StewardshipApi;

Response GetManagement(Api& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(v, a.stewardship.Get(req.actor(), id));
  return Json(200, ManagementJson(v));
}

Response PutManagement(Api& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseManagementInput(body));
  HX_TRY(v, a.stewardship.SetMode(req.actor(), id, in));
  return Json(200, ManagementJson(v));
}

Response PutCommittee(Api& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseCommitteeInput(body));
  HX_TRY(v, a.stewardship.PutCommittee(req.actor(), id, in));
  return Json(200, ManagementJson(v));
}

Response PutContract(Api& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseContractInput(body));
  HX_TRY(v, a.stewardship.PutContract(req.actor(), id, in));
  return Json(200, ManagementJson(v));
}

Response GetFees(Api& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(v, a.stewardship.Fees(req.actor(), id, QueryString(req, "period").value_or("")));
  return Json(200, FeeSummaryJson(v));
}

Response RunBills(Api& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(period, ParseBillRunInput(body));
  HX_TRY(v, a.stewardship.RunBills(req.actor(), id, period));
  return Json(200, BillRunJson(v));
}

Response Pay(Api& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParsePaymentInput(body));
  HX_TRY(v, a.stewardship.Pay(req.actor(), id, in));
  return Json(201, PaymentJson(v));
}

Response AddFeeSource(Api& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseFeeSourceInput(body));
  HX_TRY(v, a.stewardship.AddFeeSource(req.actor(), id, in));
  return Json(201, FeeSourceJson(v));
}

Response AddFundEntry(Api& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseFundEntryInput(body));
  HX_TRY(v, a.stewardship.AddFundEntry(req.actor(), id, in));
  return Json(201, FundEntryJson(v));
}

Response PutUtility(Api& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseUtilityTransferInput(body));
  HX_TRY(v, a.stewardship.PutUtilityTransfer(req.actor(), id, req.params.at("network"), in));
  return Json(200, UtilityTransferJson(v));
}

}  // namespace

void AddStewardshipRoutes(RouteTable& t, Workbench&, StewardshipApi& api) {
  using A = Access;
  using B = BodyKind;
  t.Add("GET", "/api/v1/estates/{id}/management", A::kSession, B::kNone, api, GetManagement, true)
      .Add("PUT", "/api/v1/estates/{id}/management", A::kSession, B::kJson, api, PutManagement)
      .Add("PUT", "/api/v1/estates/{id}/committee", A::kSession, B::kJson, api, PutCommittee)
      .Add("PUT", "/api/v1/estates/{id}/property-contract", A::kSession, B::kJson, api, PutContract)
      .Add("GET", "/api/v1/estates/{id}/fees", A::kSession, B::kNone, api, GetFees, true)
      .Add("POST", "/api/v1/estates/{id}/fees/bill-runs", A::kSession, B::kJson, api, RunBills)
      .Add("POST", "/api/v1/estates/{id}/fees/payments", A::kSession, B::kJson, api, Pay)
      .Add("POST", "/api/v1/estates/{id}/fee-sources", A::kSession, B::kJson, api, AddFeeSource)
      .Add("POST", "/api/v1/estates/{id}/maintenance-fund/entries", A::kSession, B::kJson, api, AddFundEntry)
      .Add("PUT", "/api/v1/estates/{id}/utility-transfers/{network}", A::kSession, B::kJson, api, PutUtility);
}

}  // namespace huanxin::http
