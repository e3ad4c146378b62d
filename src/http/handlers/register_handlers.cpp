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
#include "job/job_runner.hpp"
#include "report/xlsx_writer.hpp"
#include "service/register/import_service.hpp"
#include "service/register/register_service.hpp"

namespace huanxin::http::handlers {

namespace json = boost::json;
namespace reg = core::reg;

namespace {

constexpr const char* kXlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

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

std::string Label(const reg::ChoiceSet& set, const std::string& code, bool english) {
  const auto* c = set.ByCode(code);
  return c ? std::string(english ? c->en : c->zh) : code;
}

json::array Choices(const reg::ChoiceSet& set, bool english) {
  json::array out;
  for (const auto& c : set.choices()) out.push_back({{"code", c.code}, {"name", english ? c.en : c.zh}});
  return out;
}

}  // namespace

// ---- estates ----

Response ListEstates(Services& s, Request& req) {
  HX_TRY(q, EstateQueryOf(req));
  HX_TRY(result, s.reg->ListEstates(req.actor(), q));
  json::array items;
  for (const auto& v : result.first) items.push_back(EstateJson(v, req.english));
  return Json(200, PageJson(std::move(items), result.second, q.page, q.page_size));
}

Response CreateEstate(Services& s, Request& req) {
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseEstateInput(body));
  HX_TRY(view, s.reg->CreateEstate(req.actor(), in));
  auto r = Json(201, EstateJson(view, req.english));
  r.headers.emplace_back("Location", "/api/v1/estates/" + std::to_string(view.estate.id));
  return r;
}

Response GetEstate(Services& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(view, s.reg->GetEstate(req.actor(), id));
  return Json(200, EstateJson(view, req.english));
}

Response UpdateEstate(Services& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseEstateInput(body));
  HX_TRY(view, s.reg->UpdateEstate(req.actor(), id, in));
  return Json(200, EstateJson(view, req.english));
}

Response DeleteEstate(Services& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY_VOID(s.reg->DeleteEstate(req.actor(), id));
  return NoContent();
}

Response EstateSummary(Services& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(summary, s.reg->Summary(req.actor(), id));
  auto out = SummaryJson(summary);
  out["estateId"] = id;
  return Json(200, out);
}

Response RegisterRollup(Services& s, Request& req) {
  HX_TRY(rollup, s.reg->Rollup(req.actor(), QueryString(req, "regionCode")));
  return Json(200, RollupJson(rollup, s.reg->policy()));
}

Response EstateEligibility(Services& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(view, s.reg->GetEstate(req.actor(), id));
  auto out = EligibilityJson(view.eligibility, req.english);
  out["estateId"] = id;
  const auto& p = s.reg->policy();
  out["policy"] = {{"cutoffYear", p.cutoff_year},
                   {"extensionLastYear", p.extension_last_year},
                   {"extensionCap", std::to_string(p.cap_numerator) + "/" + std::to_string(p.cap_denominator)}};
  return Json(200, out);
}

Response ExportEstates(Services& s, Request& req) {
  HX_TRY(q, EstateQueryOf(req));
  report::XlsxWriter xlsx;
  xlsx.AddSheet(req.english ? "Estates" : "小区");
  xlsx.SetColumnWidths({8, 28, 36, 16, 14, 10, 12, 14, 18, 14, 12, 30});
  xlsx.WriteHeader({"ID", "小区名称", "地址", "社区代码", "社区", "建成年份", "占地面积(㎡)", "总建筑面积(㎡)", "产权类型", "物业管理", "状态", "改造资格"});
  q.page = 1;
  q.page_size = 500;
  while (true) {
    HX_TRY(page, s.reg->ListEstates(req.actor(), q));
    for (const auto& v : page.first) {
      const auto& e = v.estate;
      std::string types;
      for (auto t : Split(e.ownership_types, ','))
        if (!t.empty()) types += (types.empty() ? "" : "、") + Label(reg::OwnershipTypes(), std::string(t), req.english);
      std::string verdict = std::string(reg::VerdictCode(v.eligibility.verdict));
      verdict = verdict == "eligible" ? "符合" : verdict == "extension" ? "延伸范围" : "不符合";
      xlsx.WriteRow({e.id, e.name, e.address, e.region_code, v.region_name, std::int64_t{e.built_year},
                     e.land_area_dm2 ? report::CellValue(report::Hundredths{*e.land_area_dm2}) : report::CellValue{},
                     e.floor_area_dm2 ? report::CellValue(report::Hundredths{*e.floor_area_dm2}) : report::CellValue{},
                     types, Label(reg::PropertyModes(), e.property_mode, req.english),
                     Label(reg::EstateStatuses(), e.status, req.english), verdict});
    }
    if (q.page * q.page_size >= page.second) break;
    ++q.page;
  }
  HX_TRY(bytes, xlsx.Finish());
  return Download(std::move(bytes), kXlsx, "小区清单.xlsx");
}

// ---- buildings ----

Response ListBuildings(Services& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(list, s.reg->ListBuildings(req.actor(), id));
  json::array items;
  for (const auto& b : list) items.push_back(BuildingJson(b));
  return Json(200, json::object{{"items", std::move(items)}});
}

Response CreateBuilding(Services& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseBuildingInput(body));
  HX_TRY(b, s.reg->CreateBuilding(req.actor(), id, in));
  auto r = Json(201, BuildingJson(b));
  r.headers.emplace_back("Location", "/api/v1/buildings/" + std::to_string(b.id));
  return r;
}

Response GetBuilding(Services& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(b, s.reg->GetBuilding(req.actor(), id));
  return Json(200, BuildingJson(b));
}

Response UpdateBuilding(Services& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseBuildingInput(body));
  HX_TRY(b, s.reg->UpdateBuilding(req.actor(), id, in));
  return Json(200, BuildingJson(b));
}

Response DeleteBuilding(Services& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY_VOID(s.reg->DeleteBuilding(req.actor(), id));
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

Response ListBuildingDwellings(Services& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(list, s.reg->ListDwellings(req.actor(), id));
  return DwellingList(list);
}

Response ListEstateDwellings(Services& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(list, s.reg->ListEstateDwellings(req.actor(), id));
  return DwellingList(list);
}

Response CreateDwelling(Services& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseDwellingInput(body));
  HX_TRY(v, s.reg->CreateDwelling(req.actor(), id, in));
  auto r = Json(201, DwellingJson(v));
  r.headers.emplace_back("Location", "/api/v1/dwellings/" + std::to_string(v.dwelling.id));
  return r;
}

Response GetDwelling(Services& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(v, s.reg->GetDwelling(req.actor(), id));
  return Json(200, DwellingJson(v));
}

Response UpdateDwelling(Services& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseDwellingInput(body));
  HX_TRY(v, s.reg->UpdateDwelling(req.actor(), id, in));
  return Json(200, DwellingJson(v));
}

Response DeleteDwelling(Services& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY_VOID(s.reg->DeleteDwelling(req.actor(), id));
  return NoContent();
}

Response ExportDwellings(Services& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(estate, s.reg->GetEstate(req.actor(), id));
  HX_TRY(list, s.reg->ListEstateDwellings(req.actor(), id));
  // The roster in the import template's columns, so an exported sheet can be corrected and imported
  // again (with personal data masked when the reader may not see it).
  report::XlsxWriter xlsx;
  xlsx.AddSheet("房屋业主");
  xlsx.SetColumnWidths({8, 8, 8, 10, 16, 12, 12, 12, 22, 16});
  xlsx.WriteHeader(service::ImportService::Headers());
  for (const auto& v : list) {
    const auto& d = v.dwelling;
    auto base = [&](std::vector<report::CellValue> owner_cells) {
      std::vector<report::CellValue> row = {d.building_number,
                                            std::int64_t{d.stairwell},
                                            std::int64_t{d.floor},
                                            d.room,
                                            report::Hundredths{d.exclusive_area_dm2},
                                            Label(reg::AreaSources(), d.area_source, false),
                                            Label(reg::SaleStatuses(), d.sale_status, false)};
      row.insert(row.end(), owner_cells.begin(), owner_cells.end());
      xlsx.WriteRow(row);
    };
    if (v.owners.empty()) base({});
    for (const auto& o : v.owners) {
      const auto& rec = o.owner;
      std::string phone = rec.phone ? (o.masked ? reg::MaskPhone(*rec.phone) : *rec.phone) : "";
      base({rec.name, o.masked ? reg::MaskIdNumber(rec.id_number) : rec.id_number, phone});
    }
  }
  HX_TRY(bytes, xlsx.Finish());
  return Download(std::move(bytes), kXlsx, estate.estate.name + "-房屋业主.xlsx");
}

// ---- owners ----

Response ListOwners(Services& s, Request& req) {
  HX_TRY(paging, ParsePaging(req));
  HX_TRY(result, s.reg->ListOwners(req.actor(), QueryString(req, "q"), paging.page, paging.page_size));
  json::array items;
  for (const auto& o : result.first) items.push_back(OwnerJson(o));
  return Json(200, PageJson(std::move(items), result.second, paging.page, paging.page_size));
}

Response CreateOwner(Services& s, Request& req) {
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseOwnerInput(body));
  HX_TRY(o, s.reg->CreateOwner(req.actor(), in));
  return Json(201, OwnerJson(o));
}

Response LinkOwner(Services& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(body, ParseJsonObject(req.body));
  if (body.contains("idNumber")) {
    HX_TRY(in, ParseOwnerInput(body));
    HX_TRY(v, s.reg->LinkOwnerByIdNumber(req.actor(), id, in));
    return Json(201, DwellingJson(v));
  }
  auto it = body.find("ownerId");
  if (it == body.end() || !it->value().is_int64())
    return ErrorResponse(InvalidField("ownerId", Text("应为业主编号（整数），或给出 idNumber 与 name",
                                                      "give an owner id (integer), or idNumber and name")),
                         req.english);
  HX_TRY(v, s.reg->LinkOwner(req.actor(), id, it->value().as_int64()));
  return Json(201, DwellingJson(v));
}

Response UnlinkOwner(Services& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(owner, PathId(req, "ownerId"));
  HX_TRY(v, s.reg->UnlinkOwner(req.actor(), id, owner));
  return Json(200, DwellingJson(v));
}

Response SetHousehold(Services& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseHouseholdInput(body));
  HX_TRY(v, s.reg->SetHousehold(req.actor(), id, in));
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

Response ImportDwellings(Services& s, Request& req) {
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
  auto async = QueryBool(req, "async");
  if (!async) return ErrorResponse(async.error(), req.english);
  const bool as_job = async->value_or(false) || service::ImportService::EstimateRows(file->data) > s.import_sync_row_limit;
  if (!as_job) return ImportOutcome(s.imports->Import(req.actor(), id, file->data, file->filename), req.english);

  // A job: the bytes and the actor are copied into the work; the answer is 202 with the job id.
  auto actor = req.actor();
  auto data = std::make_shared<std::string>(file->data);
  auto filename = file->filename;
  auto* imports = s.imports;
  bool english = req.english;
  HX_TRY(job, s.jobs->Submit("register.import", actor.scope.prefix(), actor.user_id,
                             [actor, data, filename, imports, id, english](Progress& p) {
                               auto r = imports->Import(actor, id, *data, filename, &p);
                               auto resp = ImportOutcome(r, english);
                               return job::JobOutcome{resp.status == 200, resp.body};
                             }));
  auto r = Json(202, json::object{{"jobId", job}, {"state", "queued"}});
  r.headers.emplace_back("Location", "/api/v1/jobs/" + std::to_string(job));
  return r;
}

Response ImportTemplate(Services&, Request& req) {
  report::XlsxWriter xlsx;
  xlsx.AddSheet("房屋业主");
  xlsx.SetColumnWidths({8, 8, 8, 10, 16, 12, 12, 12, 22, 16});
  xlsx.WriteHeader(service::ImportService::Headers());
  auto zh = [](const reg::ChoiceSet& set) {
    std::vector<std::string> out;
    for (const auto& c : set.choices()) out.emplace_back(c.zh);
    return out;
  };
  xlsx.SetListValidation(5, zh(reg::AreaSources()));
  xlsx.SetListValidation(6, zh(reg::SaleStatuses()));
  // Worked examples (fictitious people; the ID numbers carry valid check characters): co-owners on
  // two rows, and a developer-unsold flat with no owner.
  xlsx.WriteRow({std::string("1"), std::int64_t{1}, std::int64_t{3}, std::string("301"), report::Hundredths{8537},
                 std::string("不动产登记"), std::string("已售"), std::string("张三"), std::string("11010519491231002X"),
                 std::string("13800000000")});
  xlsx.WriteRow({std::string("1"), std::int64_t{1}, std::int64_t{3}, std::string("301"), report::Hundredths{8537},
                 std::string("不动产登记"), std::string("已售"), std::string("李四"), std::string("110105195003150019"),
                 std::string("")});
  xlsx.WriteRow({std::string("1"), std::int64_t{2}, std::int64_t{5}, std::string("502"), report::Hundredths{9210},
                 std::string("合同"), std::string("开发商未售"), std::string(""), std::string(""), std::string("")});
  xlsx.AddSheet("填写说明");
  xlsx.SetColumnWidths({18, 80});
  xlsx.WriteHeader({"列", "说明"});
  xlsx.WriteRow({std::string("楼栋"), std::string("楼栋号，如 1、3号楼；不存在时导入会自动创建")});
  xlsx.WriteRow({std::string("单元 / 楼层 / 房号"), std::string("单元写数字（可带“单元”）；楼层地下用负数；同一单元内房号不能重复")});
  xlsx.WriteRow({std::string("专有部分面积(㎡)"), std::string("平方米，最多两位小数，必须大于0")});
  xlsx.WriteRow({std::string("面积来源"), std::string("不动产登记 / 实测 / 合同（按此优先顺序，见最高法司法解释）")});
  xlsx.WriteRow({std::string("出售状态"), std::string("已售 / 已售未交付 / 开发商未售 / 公房；开发商未售的房屋不填业主；已售未交付的房屋可填买受人，业主人数与开发商未售房屋合计一人")});
  xlsx.WriteRow({std::string("业主"), std::string("一户多名共有人写多行（其余列相同）；证件号码为18位居民身份证号，会校验校验位")});
  HX_TRY(bytes, xlsx.Finish());
  return Download(std::move(bytes), kXlsx, "房屋业主导入模板.xlsx");
}

Response GetJob(Services& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(job, s.jobs->Get(id));
  // Visible to its owner and to anyone whose scope covers the job's region.
  if (!job || (job->user_id != req.actor().user_id && !req.actor().scope.Covers(job->region_code)))
    return ErrorResponse(MakeError(ErrorCode::kNotFound, "job.not_found", Text("任务不存在", "no such job")), req.english);
  json::object out{{"id", job->id},     {"kind", job->kind},   {"state", job->state}, {"phase", job->phase},
                   {"done", job->done}, {"total", job->total}, {"createdAt", job->created_at},
                   {"updatedAt", job->updated_at}};
  if (job->result_json) {
    boost::system::error_code ec;
    auto v = json::parse(*job->result_json, ec);
    out["result"] = ec ? json::value(nullptr) : v;
  } else {
    out["result"] = nullptr;
  }
  return Json(200, out);
}

Response RegisterDictionaries(Services&, Request& req) {
  bool en = req.english;
  return Json(200, json::object{{"status", Choices(reg::EstateStatuses(), en)},
                                {"propertyMode", Choices(reg::PropertyModes(), en)},
                                {"ownershipTypes", Choices(reg::OwnershipTypes(), en)},
                                {"areaSource", Choices(reg::AreaSources(), en)},
                                {"saleStatus", Choices(reg::SaleStatuses(), en)},
                                {"use", Choices(reg::DwellingUses(), en)},
                                {"occupancy", Choices(reg::Occupancies(), en)},
                                {"structure", Choices(reg::Structures(), en)},
                                {"heating", Choices(reg::Heatings(), en)}});
}

}  // namespace huanxin::http::handlers
