#include "http/handlers/register_handlers.hpp"

#include <boost/json.hpp>

#include "common/text.hpp"
#include "core/register/codes.hpp"
#include "core/register/identity.hpp"
#include "http/handlers/handler_util.hpp"
#include "http/json/json_input.hpp"
#include "http/json/platform_json.hpp"
#include "http/json/register_json.hpp"
#include "http/multipart.hpp"
#include "service/register/import_service.hpp"
#include "service/register/register_documents.hpp"
#include "service/register/register_service.hpp"

namespace huanxin::http {

namespace json = boost::json;
namespace reg = core::reg;

namespace {

Result<std::optional<int>> QueryYear(const Request& req, const char* name) {
  auto v = QueryInt64(req, name);
  if (!v) return std::move(v).error();
  if (!*v) return std::optional<int>{};
  if (**v < 1900 || **v > 2100)
    return MakeError(ErrorCode::kBadRequest, "http.bad_query", Text("查询参数 " + std::string(name) + " 不正确", "bad " + std::string(name)),
                     Text::Same(std::to_string(**v)), Text("年份为 1900–2100", "a year 1900–2100"));
  return std::optional<int>(static_cast<int>(**v));
}

Result<service::EstateQuery> EstateQueryOf(const Request& req) {
  service::EstateQuery q;
  auto paging = ParsePaging(req);
  if (!paging) return std::move(paging).error();
  auto from = QueryYear(req, "builtFrom");
  if (!from) return std::move(from).error();
  auto to = QueryYear(req, "builtTo");
  if (!to) return std::move(to).error();
  q.region_code = QueryString(req, "regionCode");
  q.status = QueryString(req, "status");
  q.eligibility = QueryString(req, "eligibility");
  q.q = QueryString(req, "q");
  q.built_from = *from;
  q.built_to = *to;
  q.page = paging->page;
  q.page_size = paging->page_size;
  return q;
}

// ---- estates ----

Response ListEstates(RegisterApi& s, Request& req) {
  HX_TRY(q, EstateQueryOf(req));
  HX_TRY(result, s.reg.ListEstates(req.actor(), q));
  json::array items;
  for (const auto& v : result.first) items.push_back(EstateJson(v, req.english));
  return Json(200, PageJson(std::move(items), result.second, q.page, q.page_size));
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
  auto out = SummaryJson(summary);
  out["estateId"] = id;
  return Json(200, out);
}

Response RegisterRollup(RegisterApi& s, Request& req) {
  HX_TRY(rollup, s.reg.Rollup(req.actor(), QueryString(req, "regionCode")));
  return Json(200, RollupJson(rollup, s.reg.policy()));
}

Response EstateEligibility(RegisterApi& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(view, s.reg.GetEstate(req.actor(), id));
  return Json(200, EligibilityReportJson(id, view.eligibility, s.reg.policy(), req.english));
}

Response ExportEstates(RegisterApi& s, Request& req) {
  HX_TRY(q, EstateQueryOf(req));
  HX_TRY(doc, s.documents.EstatesXlsx(req.actor(), q, req.english));
  return SendDocument(std::move(doc));
}

// ---- buildings ----

Response ListBuildings(RegisterApi& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(list, s.reg.ListBuildings(req.actor(), id));
  json::array items;
  for (const auto& b : list) items.push_back(BuildingJson(b));
  return Json(200, json::object{{"items", std::move(items)}});
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

namespace {
Response DwellingList(const std::vector<service::DwellingView>& list) {
  json::array items;
  for (const auto& v : list) items.push_back(DwellingJson(v));
  return Json(200, json::object{{"items", std::move(items)}});
}
}  // namespace

Response ListBuildingDwellings(RegisterApi& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(list, s.reg.ListDwellings(req.actor(), id));
  return DwellingList(list);
}

Response ListEstateDwellings(RegisterApi& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(list, s.reg.ListEstateDwellings(req.actor(), id));
  return DwellingList(list);
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
  json::array items;
  for (const auto& o : result.first) items.push_back(OwnerJson(o));
  return Json(200, PageJson(std::move(items), result.second, paging.page, paging.page_size));
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
  if (body.contains("idNumber")) {
    HX_TRY(in, ParseOwnerInput(body));
    HX_TRY(v, s.reg.LinkOwnerByIdNumber(req.actor(), id, in));
    return Json(201, DwellingJson(v));
  }
  auto it = body.find("ownerId");
  if (it == body.end() || !it->value().is_int64())
    return ErrorResponse(InvalidField("ownerId", Text("应为业主编号（整数），或给出 idNumber 与 name",
                                                      "give an owner id (integer), or idNumber and name")),
                         req.english);
  HX_TRY(v, s.reg.LinkOwner(req.actor(), id, it->value().as_int64()));
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

namespace {
Response ImportOutcome(const Result<service::ImportReport>& r, bool english) {
  if (!r) return ErrorResponse(r.error(), english);
  auto body = ImportReportJson(*r, english);
  if (r->errors.empty()) return Json(200, body);
  auto n = std::to_string(r->errors.size());
  auto err = ErrorResponse(
      MakeError(ErrorCode::kUnprocessable, "import.invalid_rows", Text("名册有错误，未导入任何数据", "the roster has errors; nothing was imported"),
                Text(n + " 处错误", n + " errors"), Text("按错误表修改后重新上传整个文件", "fix the rows listed and upload the whole file again")),
      english);
  auto envelope = json::parse(err.body).as_object();
  for (auto& [k, v] : body) envelope[k] = v;
  err.body = json::serialize(envelope);
  return err;
}
}  // namespace

Response ImportDwellings(RegisterApi& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(upload, UploadedFile(req));
  const Part* file = &upload;
  auto lower = ToLowerAscii(file->filename);
  bool is_xlsx = std::string_view(file->data).substr(0, 4) == std::string_view("PK\x03\x04", 4);
  if (!is_xlsx && !(lower.ends_with(".csv") || lower.ends_with(".txt")))
    return ErrorResponse(MakeError(ErrorCode::kUnsupportedMediaType, "import.unsupported_file",
                                   Text("只支持 .xlsx 或 .csv 文件", "only .xlsx or .csv files"), Text::Same(file->filename),
                                   Text("请下载导入模板填写", "download and fill in the import template")),
                         req.english);
  HX_TRY(async, QueryBool(req, "async"));
  if (!s.imports.RunsAsJob(file->data, async.value_or(false)))
    return ImportOutcome(s.imports.Import(req.actor(), id, file->data, file->filename), req.english);
  // A job: the answer is 202 with the job id; the job records what the synchronous answer would be.
  const bool english = req.english;
  HX_TRY(job, s.imports.ImportAsJob(req.actor(), id, file->data, file->filename,
                                    [english](const Result<service::ImportReport>& r) {
                                      auto resp = ImportOutcome(r, english);
                                      return service::JobOutcome{resp.status == 200, resp.body};
                                    }));
  auto r = Json(202, json::object{{"jobId", job}, {"state", "queued"}});
  r.headers.emplace_back("Location", "/api/v1/jobs/" + std::to_string(job));
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
                   auto r = api.reg.Rollup(actor, std::nullopt);
                   if (!r) {
                     if (r.error().code == ErrorCode::kForbidden) return std::optional<json::value>{};
                     return std::move(r).error();
                   }
                   const auto& t = r->total;
                   return std::optional<json::value>(json::object{{"estates", t.estates},
                                                                  {"eligible", t.eligible_estates},
                                                                  {"extension", t.extension_estates},
                                                                  {"buildings", t.buildings},
                                                                  {"dwellings", t.dwellings}});
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
