#include "http/handlers/portal_handlers.hpp"

#include <boost/json.hpp>

#include "http/handlers/handler_util.hpp"
#include "http/json/json_input.hpp"
#include "http/json/portal_json.hpp"
#include "service/audit/audit_service.hpp"
#include "service/portal/portal_service.hpp"

namespace huanxin::http {

namespace {

using Api = PortalApi;

Response ListEstates(Api& a, Request& req) {
  HX_TRY(paging, ParsePaging(req));
  HX_TRY(page, a.portal.Estates(QueryString(req, "regionCode").value_or(""), paging.page, paging.page_size));
  return Json(200, PublicEstatePageJson(page));
}

Response GetEstate(Api& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(v, a.portal.Estate(id));
  return Json(200, PublicEstateJson(v, req.english));
}

Response GetStats(Api& a, Request& req) {
  HX_TRY(year, QueryInt64(req, "year"));
  HX_TRY(v, a.portal.Stats(QueryString(req, "regionCode").value_or(""), year));
  return Json(200, PublicStatsJson(v, req.english));
}

// {dataset}.csv or {dataset}.json.
Response GetOpenData(Api& a, Request& req) {
  const auto file = req.params.count("file") ? req.params.at("file") : std::string();
  const auto dot = file.rfind('.');
  const auto name = dot == std::string::npos ? file : file.substr(0, dot);
  const auto ext = dot == std::string::npos ? std::string() : file.substr(dot + 1);
  if (ext != "csv" && ext != "json") {
    return ErrorResponse(MakeError(ErrorCode::kNotFound, "portal.dataset_not_found", Text("数据集不存在", "no such dataset"),
                                   Text("没有数据集 " + file, "no dataset " + file),
                                   Text("可用：estates、funding、progress、rectifications、stats，后缀 .csv 或 .json",
                                        "available: estates, funding, progress, rectifications, stats, as .csv or .json")),
                         req.english);
  }
  HX_TRY(table, a.portal.Dataset(name));
  if (ext == "json") return Json(200, PublicDataJson(table));
  Response r;
  r.content_type = "text/csv; charset=utf-8";
  r.body = service::DataTableCsv(table);
  return r;
}

Response ListAuditHeads(Api& a, Request& req) {
  HX_TRY(heads, a.audit.PublishedHeads());
  return Json(200, PublicAuditHeadsJson(heads));
}

}  // namespace

// Every route is `reusable`: the answers depend on the stored data and the query only (no "today").
void AddPortalRoutes(RouteTable& t, Workbench&, PortalApi& api) {
  using A = Access;
  using B = BodyKind;
  t.Add("GET", "/api/v1/public/estates", A::kPublic, B::kNone, api, ListEstates, true)
      .Add("GET", "/api/v1/public/estates/{id}", A::kPublic, B::kNone, api, GetEstate, true)
      .Add("GET", "/api/v1/public/stats", A::kPublic, B::kNone, api, GetStats, true)
      .Add("GET", "/api/v1/public/open-data/{file}", A::kPublic, B::kNone, api, GetOpenData, true)
      .Add("GET", "/api/v1/public/audit-heads", A::kPublic, B::kNone, api, ListAuditHeads, true);
}

}  // namespace huanxin::http
