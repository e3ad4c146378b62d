#include "http/handlers/project_pool_handlers.hpp"

#include "http/handlers/handler_util.hpp"
#include "http/json/project_pool_json.hpp"
#include "service/project/pool_service.hpp"

namespace huanxin::http {

namespace {

Response ReservePool(PoolApi& a, Request& req) {
  HX_TRY(v, a.pool.Pool(req.actor(), QueryString(req, "regionCode")));
  return Json(200, PoolJson(v, req.english));
}

Response AddResource(PoolApi& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseResourceInput(body));
  HX_TRY(r, a.pool.AddResource(req.actor(), id, in));
  return Json(201, ResourceJson(r, req.english));
}

Response ListResources(PoolApi& a, Request& req) {
  HX_TRY(estate, QueryInt64(req, "estateId"));
  HX_TRY(list, a.pool.Resources(req.actor(), QueryString(req, "regionCode"), estate));
  return Json(200, ResourcesJson(list, req.english));
}

Response TakeUpResource(PoolApi& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(resource, PathId(req, "resourceId"));
  HX_TRY(r, a.pool.TakeUpResource(req.actor(), id, resource));
  return Json(200, ResourceJson(r, req.english));
}

Response IssueBills(PoolApi& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseBillsInput(body));
  HX_TRY(r, a.pool.IssueBills(req.actor(), id, in.purpose, in.amount_fen));
  return Json(201, BillsIssuedJson(r));
}

Response ListBills(PoolApi& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(paging, ParsePaging(req));
  HX_TRY(paid, QueryBool(req, "paid"));
  HX_TRY(page, a.pool.Bills(req.actor(), id, paid, paging.page, paging.page_size));
  return Json(200, BillPageJson(page));
}

Response PayBill(PoolApi& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(bill, PathId(req, "billId"));
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(on, ParsePayment(body));
  HX_TRY(b, a.pool.PayBill(req.actor(), id, bill, on));
  return Json(200, BillJson(b));
}

}  // namespace

void AddPoolRoutes(RouteTable& t, PoolApi& api) {
  constexpr auto S = Access::kSession;
  t.Add("GET", "/api/v1/projects/reserve-pool", S, BodyKind::kNone, api, ReservePool, true)
      .Add("POST", "/api/v1/estates/{id}/resources", S, BodyKind::kJson, api, AddResource)
      .Add("GET", "/api/v1/resources", S, BodyKind::kNone, api, ListResources, true)
      .Add("POST", "/api/v1/projects/{id}/resources/{resourceId}", S, BodyKind::kNone, api, TakeUpResource)
      .Add("POST", "/api/v1/projects/{id}/bills", S, BodyKind::kJson, api, IssueBills)
      .Add("GET", "/api/v1/projects/{id}/bills", S, BodyKind::kNone, api, ListBills, true)
      .Add("POST", "/api/v1/projects/{id}/bills/{billId}/payment", S, BodyKind::kJson, api, PayBill);
}

}  // namespace huanxin::http
