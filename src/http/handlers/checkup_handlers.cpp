#include "http/handlers/checkup_handlers.hpp"

#include <boost/json.hpp>
#include <map>
#include <set>

#include "common/clock.hpp"
#include "common/decimal.hpp"
#include "common/text.hpp"
#include "http/handlers/handler_util.hpp"
#include "http/json/json_input.hpp"
#include "http/json/register_json.hpp"
#include "service/job/job_service.hpp"
#include "report/checkup_report.hpp"
#include "service/checkup/checkup_service.hpp"
#include "service/register/register_service.hpp"

namespace huanxin::http::handlers {

namespace json = boost::json;
namespace ck = core::checkup;
using service::CheckupService;

namespace {

Result<CheckupService*> Checkups(Services& s) {
  if (!s.checkups)
    return MakeError(ErrorCode::kUnavailable, "http.unavailable", Text("体检服务未启用", "check-ups are not enabled"));
  return s.checkups;
}

json::value Opt(const std::optional<std::string>& v) { return v ? json::value(json::string(*v)) : json::value(nullptr); }
json::value OptInt(const std::optional<std::int64_t>& v) { return v ? json::value(*v) : json::value(nullptr); }
json::value OptDecimal(const std::optional<std::int64_t>& v) { return v ? DecimalJson(*v) : json::value(nullptr); }
json::value SeverityJson(const std::optional<ck::Severity>& s) {
  return s ? json::value(json::string(ck::SeverityCode(*s))) : json::value(nullptr);
}
std::string SeverityCodeOf(const std::optional<ck::Severity>& s) { return s ? std::string(ck::SeverityCode(*s)) : ""; }

json::array Strings(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& x : v) a.push_back(json::string(x));
  return a;
}

json::object CatalogJson(const service::CheckupCatalog& c) {
  return {{"id", c.id}, {"year", c.year}, {"name", c.name}, {"state", c.state}, {"basedOn", OptInt(c.based_on)},
          {"createdAt", c.created_at}, {"publishedAt", Opt(c.published_at)}};
}

json::object CatalogViewJson(const service::CatalogView& v, bool english) {
  auto out = CatalogJson(v.catalog);
  json::array indicators;
  for (const auto& i : v.indicators) {
    json::array criteria;
    for (const auto& c : i.criteria)
      criteria.push_back({{"code", c.code},
                          {"name", english ? c.name_en : c.name_zh},
                          {"input", ck::InputOf(c.rule) == ck::Input::kFlag ? "flag" : "number"},
                          {"unit", c.unit},
                          {"needsCondition", std::holds_alternative<ck::AgeAndConditionRule>(c.rule)},
                          {"rule", json::parse(c.rule_json)},
                          {"suggestedItems", Strings(c.suggested_items)}});
    indicators.push_back({{"code", i.core.code},
                          {"name", english ? i.name_en : i.core.name},
                          {"level", ck::LevelCode(i.core.level)},
                          {"subDimension", i.core.sub_dimension},
                          {"problemUnit", i.core.problem_unit},
                          {"sumsValues", i.core.sums_values},
                          {"local", i.local},
                          {"criteria", std::move(criteria)}});
  }
  out["indicators"] = std::move(indicators);
  return out;
}

json::object ItemJson(const service::CheckupItem& c, bool english) {
  const auto& i = c.item;
  return {{"code", i.code},       {"category", i.category}, {"categoryName", i.category_name(english)}, {"name", i.name(english)},
          {"unit", i.unit},       {"unitCost", OptInt(i.unit_cost_fen)}, {"payer", i.payer},
          {"indicators", Strings(c.indicators)}};
}

json::object CampaignJson(const service::Campaign& c) {
  json::array estates;
  for (const auto& e : c.estates)
    estates.push_back({{"estateId", e.estate_id},
                       {"estateName", e.estate_name},
                       {"regionCode", e.region_code},
                       {"status", e.status},
                       {"comment", e.comment},
                       {"assignee", e.assignee_id ? json::value({{"id", *e.assignee_id}, {"username", e.assignee}}) : json::value(nullptr)},
                       {"submittedAt", Opt(e.submitted_at)},
                       {"approvedAt", Opt(e.approved_at)},
                       {"reportFileId", OptInt(e.report_file_id)},
                       {"observations", e.observations},
                       {"problems", e.problems}});
  return {{"id", c.id},           {"title", c.title},     {"year", c.year},
          {"regionCode", c.region_code}, {"catalogId", c.catalog_id}, {"catalogName", c.catalog_name},
          {"createdAt", c.created_at}, {"updatedAt", c.updated_at}, {"estates", std::move(estates)}};
}

json::object ObservationJson(const service::Observation& o) {
  json::array photos;
  for (auto p : o.in.photo_ids) photos.push_back(p);
  return {{"id", o.id},
          {"clientId", o.in.client_id},
          {"estateId", o.in.estate_id},
          {"buildingId", OptInt(o.in.building_id)},
          {"dwellingId", OptInt(o.in.dwelling_id)},
          {"indicator", o.in.indicator},
          {"criterion", o.in.criterion},
          {"present", o.in.present},
          {"value", OptDecimal(o.in.value)},
          {"condition", o.in.condition},
          {"note", o.in.note},
          {"photoIds", std::move(photos)},
          {"lat", OptDegrees(o.in.lat_e6)},
          {"lng", OptDegrees(o.in.lng_e6)},
          {"observedAt", o.observed_at},
          {"severity", SeverityJson(o.severity)},
          {"by", o.username},
          {"createdAt", o.created_at},
          {"updatedAt", o.updated_at}};
}

std::string SeverityLabel(const std::optional<ck::Severity>& s, bool english) {
  return s ? ck::SeverityName(*s).In(english) : "";
}

std::string ValueLabel(const service::ProblemRow& r) {
  if (!r.obs.in.value || !r.criterion) return "";
  const auto& unit = r.criterion->unit;
  std::string u = unit == "m2" ? " ㎡" : unit == "years" ? " 年" : unit == "count" ? " 个" : unit == "km" ? " 千米"
                  : unit == "m2_per_100hh" ? " ㎡/百户" : "";
  return FormatHundredths(*r.obs.in.value) + u;
}

json::object ProblemListJson(const service::ProblemList& p, bool english) {
  json::array items;
  for (const auto& r : p.rows) {
    json::array photos;
    for (auto id : r.obs.in.photo_ids) photos.push_back(id);
    items.push_back({{"observationId", r.obs.id},
                     {"estateId", r.obs.in.estate_id},
                     {"estateName", r.estate_name},
                     {"objectType", r.object_type},
                     {"objectKey", r.obs.object_key},
                     {"objectLabel", r.object_label},
                     {"indicator", r.obs.in.indicator},
                     {"indicatorName", r.indicator ? (english ? r.indicator->name_en : r.indicator->core.name) : ""},
                     {"criterion", r.obs.in.criterion},
                     {"criterionName", r.criterion ? (english ? r.criterion->name_en : r.criterion->name_zh) : ""},
                     {"severity", SeverityJson(r.obs.severity)},
                     {"severityName", SeverityLabel(r.obs.severity, english)},
                     {"value", OptDecimal(r.obs.in.value)},
                     {"unit", r.criterion ? r.criterion->unit : ""},
                     {"note", r.obs.in.note},
                     {"photoIds", std::move(photos)},
                     {"suggestedItems", r.criterion ? Strings(r.criterion->suggested_items) : json::array{}}});
  }
  json::array by_indicator;
  for (std::size_t k = 0; k < p.summary.by_indicator.size(); ++k) {
    const auto& s = p.summary.by_indicator[k];
    const auto& i = p.catalog.indicators[k];
    by_indicator.push_back({{"indicator", s.code},
                            {"name", english ? i.name_en : i.core.name},
                            {"subDimension", i.core.sub_dimension},
                            {"problemUnit", i.core.problem_unit},
                            {"objects", s.objects},
                            {"problems", s.problems},
                            {"value", i.core.sums_values ? DecimalJson(s.value) : json::value(nullptr)},
                            {"worst", s.worst ? json::value(json::string(ck::SeverityCode(*s.worst))) : json::value(nullptr)}});
  }
  json::array by_sub;
  for (const auto& [name, n] : p.summary.by_sub_dimension) by_sub.push_back({{"subDimension", name}, {"problems", n}});
  json::object by_severity;
  for (auto sv : {ck::Severity::kSevere, ck::Severity::kLargerHazard, ck::Severity::kHazard, ck::Severity::kProblem})
    by_severity[ck::SeverityCode(sv)] = p.summary.by_severity[static_cast<int>(sv)];
  return {{"items", std::move(items)},
          {"total", static_cast<std::int64_t>(p.rows.size())},
          {"summary", {{"byIndicator", std::move(by_indicator)}, {"bySubDimension", std::move(by_sub)}, {"bySeverity", std::move(by_severity)}}}};
}

// ---- input ----

Result<service::ObservationInput> ParseObservation(const json::value& v, std::size_t k) {
  std::string at = "observations[" + std::to_string(k) + "]";
  if (!v.is_object()) return InvalidField(at, Text("应为对象", "must be an object"));
  const auto& o = v.as_object();
  service::ObservationInput in;
  auto str = [&](const char* f, std::string& out, bool required) -> Result<void> {
    const auto* x = o.if_contains(f);
    if (!x || x->is_null()) {
      if (required) return InvalidField(at + "." + f, Text("必填", "required"));
      return Ok();
    }
    if (!x->is_string()) return InvalidField(at + "." + f, Text("应为字符串", "must be a string"));
    out = std::string(x->as_string());
    return Ok();
  };
  auto id = [&](const char* f, std::optional<std::int64_t>& out, bool required) -> Result<void> {
    const auto* x = o.if_contains(f);
    if (!x || x->is_null()) {
      if (required) return InvalidField(at + "." + f, Text("必填", "required"));
      return Ok();
    }
    if (!x->is_int64() || x->as_int64() <= 0) return InvalidField(at + "." + f, Text("应为正整数", "must be a positive integer"));
    out = x->as_int64();
    return Ok();
  };
  auto flag = [&](const char* f, bool& out) -> Result<void> {
    const auto* x = o.if_contains(f);
    if (!x || x->is_null()) return Ok();
    if (!x->is_bool()) return InvalidField(at + "." + f, Text("应为 true 或 false", "must be true or false"));
    out = x->as_bool();
    return Ok();
  };
  std::optional<std::int64_t> estate;
  for (auto r : {str("clientId", in.client_id, true), str("indicator", in.indicator, true), str("criterion", in.criterion, true),
                 str("note", in.note, false), id("estateId", estate, true), id("buildingId", in.building_id, false),
                 id("dwellingId", in.dwelling_id, false), flag("present", in.present), flag("condition", in.condition)})
    if (!r) return std::move(r).error();
  in.estate_id = *estate;
  std::string observed;
  if (auto r = str("observedAt", observed, false); !r) return std::move(r).error();
  if (!observed.empty()) in.observed_at = observed;
  auto value = ReadHundredths(o, "value");
  if (!value) {
    auto e = value.error();
    e.message = Text(at + "：" + e.message.zh, at + ": " + e.message.en);
    return e;
  }
  in.value = *value;
  for (auto [f, target] : {std::pair{"lat", &in.lat_e6}, {"lng", &in.lng_e6}}) {
    auto d = ReadOptionalDegrees(o, f);
    if (!d) return std::move(d).error();
    *target = *d;
  }
  if (const auto* p = o.if_contains("photoIds"); p && !p->is_null()) {
    if (!p->is_array()) return InvalidField(at + ".photoIds", Text("应为整数数组", "must be an array of integers"));
    for (const auto& e : p->as_array()) {
      if (!e.is_int64() || e.as_int64() <= 0) return InvalidField(at + ".photoIds", Text("应为正整数数组", "must be positive integers"));
      in.photo_ids.push_back(e.as_int64());
    }
  }
  return in;
}

// ---- reports ----

std::string WorstLabel(const std::optional<ck::Severity>& s) { return s ? ck::SeverityName(*s).zh : ""; }

std::vector<report::CheckupIndicatorRow> IndicatorRows(const service::ProblemList& p) {
  std::vector<report::CheckupIndicatorRow> out;
  for (std::size_t k = 0; k < p.catalog.indicators.size(); ++k) {
    const auto& i = p.catalog.indicators[k];
    const auto& s = p.summary.by_indicator[k];
    out.push_back({i.core.code, i.core.name, i.core.sub_dimension, i.core.problem_unit, s.objects, s.problems,
                   WorstLabel(s.worst), std::nullopt});
  }
  return out;
}

// Renovation item names by code, for reports people read (外墙修缮, not B13).
std::map<std::string, std::string> ItemNames(Services& s, const service::Actor& actor) {
  std::map<std::string, std::string> names;
  if (auto items = s.checkups->Items(actor))
    for (const auto& it : *items) names[it.item.code] = it.item.name_zh;
  return names;
}

std::vector<report::CheckupProblemRow> ProblemRows(const service::ProblemList& p, const std::map<std::string, std::string>& names,
                                                   std::vector<std::string>* items) {
  std::vector<report::CheckupProblemRow> out;
  std::set<std::string> seen;
  for (const auto& r : p.rows) {
    std::string suggested;
    if (r.criterion)
      for (const auto& code : r.criterion->suggested_items) {
        auto it = names.find(code);
        suggested += (suggested.empty() ? "" : "、") + (it == names.end() ? code : it->second);
        if (items && seen.insert(code).second) items->push_back(code);
      }
    out.push_back({r.object_label, r.obs.in.indicator, r.indicator ? r.indicator->core.name : "",
                   r.criterion ? r.criterion->name_zh : "", SeverityCodeOf(r.obs.severity), SeverityLabel(r.obs.severity, false),
                   ValueLabel(r), r.obs.in.note, suggested});
  }
  return out;
}

std::string StatusLabel(const std::string& status) {
  if (status == "draft") return "采集中";
  if (status == "submitted") return "待审核";
  if (status == "approved") return "已审核";
  if (status == "returned") return "已退回";
  return status;
}

// The estate report's data: the campaign, the estate's register facts, its problem list.
Result<report::CheckupEstateReport> EstateReport(Services& s, const service::Actor& actor, std::int64_t id,
                                                 std::int64_t estate_id) {
  auto c = s.checkups->Get(actor, id);
  if (!c) return std::move(c).error();
  auto est = std::find_if(c->estates.begin(), c->estates.end(), [&](const auto& e) { return e.estate_id == estate_id; });
  if (est == c->estates.end())
    return MakeError(ErrorCode::kNotFound, "checkup.estate_not_found", Text("该小区不在本次体检中", "the estate is not in this check-up"));
  service::ProblemQuery q;
  q.estate_id = estate_id;
  auto p = s.checkups->Problems(actor, id, q);
  if (!p) return std::move(p).error();
  report::CheckupEstateReport r;
  r.estate_name = est->estate_name;
  r.title = est->estate_name + " " + std::to_string(c->year) + "年城市体检（住房与小区）报告";
  r.catalog_label = c->catalog_name;
  r.period_label = std::to_string(c->year) + "年 · " + c->title;
  r.status_label = StatusLabel(est->status) + (est->approved_at ? "（" + est->approved_at->substr(0, 10) + "）" : "");
  r.generated_at = FormatIsoUtc(SystemClock().Now()).substr(0, 16);
  r.region_path = est->region_code;
  if (s.reg) {
    auto e = s.reg->GetEstate(actor, estate_id);
    if (e) {
      r.address = e->estate.address;
      r.region_path = e->region_name;
      r.facts.emplace_back("建成年份", std::to_string(e->estate.built_year));
      if (e->estate.floor_area_dm2) r.facts.emplace_back("总建筑面积", FormatHundredths(*e->estate.floor_area_dm2) + " ㎡");
    }
    auto sum = s.reg->Summary(actor, estate_id);
    if (sum) {
      r.facts.emplace_back("楼栋数", std::to_string(sum->buildings));
      r.facts.emplace_back("户数", std::to_string(sum->dwellings));
      r.facts.emplace_back("60岁以上居民", std::to_string(sum->aged_60_plus));
    }
  }
  r.facts.emplace_back("体检记录", std::to_string(est->observations) + " 条");
  r.indicators = IndicatorRows(*p);
  // Last year's approved check-up of the same estate, when there was one.
  auto previous = s.checkups->EstateObjectsInYear(actor, estate_id, c->year - 1);
  if (previous && !previous->empty())
    for (auto& row : r.indicators) {
      auto it = previous->find(row.code);
      row.previous_objects = it == previous->end() ? 0 : it->second;
    }
  for (const auto& [name, n] : p->summary.by_sub_dimension) r.by_sub_dimension.emplace_back(name, n);
  for (auto sv : {ck::Severity::kSevere, ck::Severity::kLargerHazard, ck::Severity::kHazard, ck::Severity::kProblem})
    r.by_severity.emplace_back(ck::SeverityName(sv).zh, p->summary.by_severity[static_cast<int>(sv)]);
  std::vector<std::string> codes;
  r.problems = ProblemRows(*p, ItemNames(s, actor), &codes);
  // Suggested renovation items by name (catalogue codes → names).
  auto items = s.checkups->Items(actor);
  for (const auto& code : codes) {
    std::string name = code;
    if (items)
      for (const auto& it : *items)
        if (it.item.code == code) name = it.item.category_zh + " · " + it.item.name_zh;
    r.suggested_items.push_back(name);
  }
  return r;
}

Result<report::CheckupAreaReport> AreaReport(Services& s, const service::Actor& actor, std::int64_t id) {
  auto c = s.checkups->Get(actor, id);
  if (!c) return std::move(c).error();
  auto p = s.checkups->Problems(actor, id, {});
  if (!p) return std::move(p).error();
  report::CheckupAreaReport r;
  r.title = c->title + "（" + std::to_string(c->year) + "年）体检汇总报告";
  r.region_label = c->region_code;
  r.catalog_label = c->catalog_name;
  r.period_label = std::to_string(c->year) + "年";
  r.generated_at = FormatIsoUtc(SystemClock().Now()).substr(0, 16);
  for (const auto& e : c->estates) {
    report::CheckupAreaEstateRow row{e.estate_name, e.region_code, StatusLabel(e.status)};
    for (const auto& pr : p->rows) {
      if (pr.obs.in.estate_id != e.estate_id) continue;
      ++row.problems;
      auto sv = pr.obs.severity.value_or(ck::Severity::kProblem);
      (sv == ck::Severity::kSevere ? row.severe : sv == ck::Severity::kLargerHazard ? row.larger_hazard
                                                 : sv == ck::Severity::kHazard     ? row.hazard
                                                                                  : row.other) += 1;
    }
    r.estates.push_back(std::move(row));
  }
  r.indicators = IndicatorRows(*p);
  r.problems = ProblemRows(*p, ItemNames(s, actor), nullptr);
  return r;
}

Result<std::optional<std::int64_t>> EstateParam(const Request& req) { return QueryInt64(req, "estateId"); }

Response Review(Services& s, Request& req, const char* action) {
  HX_TRY(c, Checkups(s));
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(body, ParseJsonObject(req.body));
  const auto* estate = body.if_contains("estateId");
  if (!estate || !estate->is_int64()) return ErrorResponse(InvalidField("estateId", Text("必填，应为整数", "required integer")), req.english);
  HX_TRY(comment, OptionalString(body, "comment"));
  HX_TRY(campaign, c->Review(req.actor(), id, estate->as_int64(), action, comment.value_or("")));
  if (std::string(action) == "approve") {
    // The estate's report is generated on approval and kept with it (issue #4).
    auto data = EstateReport(s, req.actor(), id, estate->as_int64());
    if (data) {
      auto pdf = report::RenderCheckupPdf(*data);
      if (pdf) (void)c->KeepReport(req.actor(), id, estate->as_int64(), *pdf);
    }
    auto fresh = c->Get(req.actor(), id);
    if (fresh) return Json(200, CampaignJson(*fresh));
  }
  return Json(200, CampaignJson(campaign));
}

}  // namespace

Response ListCheckupCatalogs(Services& s, Request& req) {
  HX_TRY(c, Checkups(s));
  HX_TRY(list, c->Catalogs(req.actor()));
  json::array items;
  for (const auto& k : list) items.push_back(CatalogJson(k));
  return Json(200, json::object{{"items", std::move(items)}});
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
  service::IndicatorInput in;
  for (auto [f, target] : {std::pair{"code", &in.code}, {"nameZh", &in.name_zh}, {"level", &in.level},
                           {"subDimension", &in.sub_dimension}, {"problemUnit", &in.problem_unit}}) {
    HX_TRY(v, RequiredString(body, f));
    *target = v;
  }
  HX_TRY(name_en, OptionalString(body, "nameEn"));
  in.name_en = name_en.value_or("");
  HX_TRY(sums, OptionalBool(body, "sumsValues"));
  in.sums_values = sums.value_or(false);
  const auto* criteria = body.if_contains("criteria");
  if (!criteria || !criteria->is_array()) return ErrorResponse(InvalidField("criteria", Text("必填，应为数组", "required array")), req.english);
  for (const auto& e : criteria->as_array()) {
    if (!e.is_object()) return ErrorResponse(InvalidField("criteria", Text("应为对象数组", "must be objects")), req.english);
    const auto& o = e.as_object();
    service::IndicatorInput::Criterion cr;
    HX_TRY(code, RequiredString(o, "code"));
    HX_TRY(name, RequiredString(o, "nameZh"));
    HX_TRY(en, OptionalString(o, "nameEn"));
    HX_TRY(unit, OptionalString(o, "unit"));
    cr.code = code;
    cr.name_zh = name;
    cr.name_en = en.value_or("");
    cr.unit = unit.value_or("");
    const auto* rule = o.if_contains("rule");
    if (!rule || !rule->is_object()) return ErrorResponse(InvalidField("criteria.rule", Text("必填，应为对象", "required object")), req.english);
    cr.rule_json = json::serialize(*rule);
    if (const auto* items = o.if_contains("suggestedItems"); items && items->is_array())
      for (const auto& it : items->as_array())
        if (it.is_string()) cr.suggested_items.emplace_back(it.as_string());
    in.criteria.push_back(std::move(cr));
  }
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
  json::array out;
  for (const auto& i : items) out.push_back(ItemJson(i, req.english));
  return Json(200, json::object{{"items", std::move(out)}});
}

Response UpdateCheckupItem(Services& s, Request& req) {
  HX_TRY(c, Checkups(s));
  HX_TRY(body, ParseJsonObject(req.body));
  for (const auto& kv : body)
    if (kv.key() != "unit" && kv.key() != "payer" && kv.key() != "unitCost")
      return ErrorResponse(InvalidField(std::string(kv.key()), Text("不能修改该字段（可改：unit、unitCost、payer）",
                                                                     "cannot be changed here (unit, unitCost, payer can)")),
                           req.english);
  core::catalogue::ItemPatch patch;
  HX_TRY(unit, OptionalString(body, "unit"));
  HX_TRY(payer, OptionalString(body, "payer"));
  patch.unit = unit;
  patch.payer = payer;
  if (const auto* cost = body.if_contains("unitCost")) {
    if (cost->is_null()) patch.unit_cost_fen = std::optional<std::int64_t>{};
    else if (cost->is_int64()) patch.unit_cost_fen = std::optional<std::int64_t>(cost->as_int64());
    else return ErrorResponse(InvalidField("unitCost", Text("应为整数（分）或 null", "an integer (fen) or null")), req.english);
  }
  HX_TRY(item, c->UpdateItem(req.actor(), req.params.at("code"), patch));
  return Json(200, ItemJson(item, req.english));
}

Response ListCheckups(Services& s, Request& req) {
  HX_TRY(c, Checkups(s));
  HX_TRY(year, QueryInt64(req, "year"));
  std::optional<int> y;
  if (year) y = static_cast<int>(std::clamp<std::int64_t>(*year, 0, 9999));
  HX_TRY(list, c->List(req.actor(), QueryString(req, "regionCode"), y));
  json::array items;
  for (const auto& k : list) items.push_back(CampaignJson(k));
  return Json(200, json::object{{"items", std::move(items)}, {"total", static_cast<std::int64_t>(list.size())}});
}

Response CreateCheckup(Services& s, Request& req) {
  HX_TRY(c, Checkups(s));
  HX_TRY(body, ParseJsonObject(req.body));
  service::CampaignInput in;
  HX_TRY(title, RequiredString(body, "title"));
  HX_TRY(region, RequiredString(body, "regionCode"));
  in.title = title;
  in.region_code = region;
  const auto* year = body.if_contains("year");
  if (!year || !year->is_int64()) return ErrorResponse(InvalidField("year", Text("必填，应为整数", "required integer")), req.english);
  in.year = static_cast<int>(std::clamp<std::int64_t>(year->as_int64(), 0, 9999));
  if (const auto* ids = body.if_contains("estateIds"); ids && !ids->is_null()) {
    HX_TRY(list, ParseIdArray(*ids, "estateIds"));
    in.estate_ids = list;
  }
  if (const auto* cat = body.if_contains("catalogId"); cat && !cat->is_null()) {
    if (!cat->is_int64()) return ErrorResponse(InvalidField("catalogId", Text("应为整数", "an integer")), req.english);
    in.catalog_id = cat->as_int64();
  }
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
  const auto* ids = body.if_contains("estateIds");
  const auto* user = body.if_contains("userId");
  if (!ids) return ErrorResponse(InvalidField("estateIds", Text("必填，整数数组", "required array of integers")), req.english);
  if (!user || !user->is_int64()) return ErrorResponse(InvalidField("userId", Text("必填，应为整数", "required integer")), req.english);
  HX_TRY(estates, ParseIdArray(*ids, "estateIds"));
  HX_TRY(campaign, c->Assign(req.actor(), id, estates, user->as_int64()));
  return Json(200, CampaignJson(campaign));
}

Response UploadCheckupPhoto(Services& s, Request& req) {
  HX_TRY(c, Checkups(s));
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(file, UploadedFile(req));
  HX_TRY(f, c->StorePhoto(req.actor(), id, file.filename, file.data));
  return Json(201, json::object{{"id", f.id}, {"name", f.name}, {"contentType", f.content_type}, {"size", f.size_bytes},
                                {"sha256", f.sha256}, {"createdAt", f.created_at}});
}

Response ListObservations(Services& s, Request& req) {
  HX_TRY(c, Checkups(s));
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(estate, EstateParam(req));
  HX_TRY(list, c->Observations(req.actor(), id, estate));
  json::array items;
  for (const auto& o : list) items.push_back(ObservationJson(o));
  return Json(200, json::object{{"items", std::move(items)}, {"total", static_cast<std::int64_t>(list.size())}});
}

Response UpsertObservations(Services& s, Request& req) {
  HX_TRY(c, Checkups(s));
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(body, ParseJsonObject(req.body));
  const auto* list = body.if_contains("observations");
  if (!list || !list->is_array()) return ErrorResponse(InvalidField("observations", Text("必填，应为数组", "required array")), req.english);
  std::vector<service::ObservationInput> batch;
  std::size_t k = 0;
  for (const auto& v : list->as_array()) {
    HX_TRY(in, ParseObservation(v, k++));
    batch.push_back(std::move(in));
  }
  HX_TRY(r, c->Upsert(req.actor(), id, batch));
  json::array results;
  for (const auto& o : r.results)
    results.push_back({{"clientId", o.client_id}, {"id", o.id}, {"severity", SeverityJson(o.severity)}});
  return Json(200, json::object{{"created", r.created}, {"updated", r.updated}, {"unchanged", r.unchanged},
                                {"results", std::move(results)}});
}

Response SubmitCheckup(Services& s, Request& req) { return Review(s, req, "submit"); }
Response ApproveCheckup(Services& s, Request& req) { return Review(s, req, "approve"); }
Response ReturnCheckup(Services& s, Request& req) { return Review(s, req, "return"); }

Response CheckupProblems(Services& s, Request& req) {
  HX_TRY(c, Checkups(s));
  HX_TRY(id, PathId(req, "id"));
  service::ProblemQuery q;
  HX_TRY(estate, EstateParam(req));
  q.estate_id = estate;
  if (auto sv = QueryString(req, "severity")) {
    q.severity = ck::ParseSeverity(*sv);
    if (!q.severity)
      return ErrorResponse(service::Invalid("checkup.invalid_field", Text("字段 severity 不正确", "field severity is invalid"),
                                            Text::Same(*sv),
                                            Text("problem、hazard、larger_hazard 或 severe", "problem, hazard, larger_hazard or severe")),
                           req.english);
  }
  q.indicator = QueryString(req, "indicator");
  HX_TRY(p, c->Problems(req.actor(), id, q));
  return Json(200, ProblemListJson(p, req.english));
}

Response CheckupReportPdf(Services& s, Request& req) {
  HX_TRY_VOID(Checkups(s));
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(estate, EstateParam(req));
  if (estate) {
    HX_TRY(data, EstateReport(s, req.actor(), id, *estate));
    HX_TRY(pdf, report::RenderCheckupPdf(data));
    return Download(std::move(pdf), "application/pdf", data.estate_name + "-体检报告.pdf");
  }
  HX_TRY(data, AreaReport(s, req.actor(), id));
  HX_TRY(pdf, report::RenderCheckupAreaPdf(data));
  return Download(std::move(pdf), "application/pdf", "体检汇总报告-" + std::to_string(id) + ".pdf");
}

Response CheckupReportHtml(Services& s, Request& req) {
  HX_TRY_VOID(Checkups(s));
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(estate, EstateParam(req));
  std::string html;
  if (estate) {
    HX_TRY(data, EstateReport(s, req.actor(), id, *estate));
    html = report::RenderCheckupHtml(data);
  } else {
    HX_TRY(data, AreaReport(s, req.actor(), id));
    html = report::RenderCheckupAreaHtml(data);
  }
  Response r;
  r.content_type = "text/html; charset=utf-8";
  r.body = std::move(html);
  // A self-contained page: its own <style>, an inline SVG chart, no scripts, nothing fetched.
  r.headers.emplace_back("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
  return r;
}

Result<report::CheckupEstateReport> BuildEstateReport(Services& s, const service::Actor& actor, std::int64_t id,
                                                      std::int64_t estate_id) {
  return EstateReport(s, actor, id, estate_id);
}

Result<std::string> BuildProblemListXlsx(Services& s, const service::Actor& actor, std::int64_t id,
                                         std::optional<std::int64_t> estate_id) {
  service::ProblemQuery q;
  q.estate_id = estate_id;
  auto p = s.checkups->Problems(actor, id, q);
  if (!p) return std::move(p).error();
  return report::RenderProblemListXlsx("问题清单", ProblemRows(*p, ItemNames(s, actor), nullptr));
}

Response CheckupReportXlsx(Services& s, Request& req) {
  HX_TRY_VOID(Checkups(s));
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(estate, EstateParam(req));
  HX_TRY(xlsx, BuildProblemListXlsx(s, req.actor(), id, estate));
  return Download(std::move(xlsx), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                  "问题清单-" + std::to_string(id) + ".xlsx");
}

Response GenerateCheckupReports(Services& s, Request& req) {
  HX_TRY(c, Checkups(s));
  HX_TRY(id, PathId(req, "id"));
  if (!s.jobs) return ErrorResponse(MakeError(ErrorCode::kUnavailable, "http.unavailable", Text("后台任务未启用", "jobs are not enabled")), req.english);
  // Generating the area's reports is the reviewing office's job.
  HX_TRY_VOID(service::RequirePermission(req.actor(), core::auth::perm::kCheckupWrite));
  HX_TRY(campaign, c->Get(req.actor(), id));
  std::vector<std::int64_t> approved;
  for (const auto& e : campaign.estates)
    if (e.status == "approved") approved.push_back(e.estate_id);
  auto actor = req.actor();
  HX_TRY(job, s.jobs->Submit(actor, "checkup.reports", campaign.region_code,
                             [&s, actor, id, approved](Progress& progress) -> service::JobOutcome {
                               progress.total = static_cast<std::int64_t>(approved.size());
                               json::array failed;
                               std::int64_t done = 0;
                               for (auto estate : approved) {
                                 auto data = EstateReport(s, actor, id, estate);
                                 auto pdf = data ? report::RenderCheckupPdf(*data) : Result<std::string>(data.error());
                                 auto kept = pdf ? s.checkups->KeepReport(actor, id, estate, *pdf) : Result<service::StoredFile>(pdf.error());
                                 if (kept) ++done;
                                 else failed.push_back({{"estateId", estate}, {"reason", kept.error().reason}});
                                 progress.done = progress.done + 1;
                               }
                               return {failed.empty(), json::serialize(json::object{{"reports", done}, {"failed", failed}})};
                             }));
  return Json(202, json::object{{"jobId", job}, {"estates", static_cast<std::int64_t>(approved.size())}});
}

Response RegionProblems(Services& s, Request& req) {
  HX_TRY(c, Checkups(s));
  HX_TRY(year, QueryInt64(req, "year"));
  int y = year ? static_cast<int>(std::clamp<std::int64_t>(*year, 0, 9999)) : std::stoi(FormatIsoUtc(SystemClock().Now()).substr(0, 4));
  HX_TRY(r, c->RegionProblems(req.actor(), req.params.at("code"), y));
  auto row_json = [](const service::RollupRow& row) {
    json::object objects;
    for (const auto& [ind, counts] : row.objects) objects[ind] = json::object{{"objects", counts.first}, {"previous", counts.second}};
    return json::object{{"regionCode", row.region_code}, {"regionName", row.region_name}, {"estates", row.estates},
                        {"problems", row.problems}, {"previousProblems", row.previous_problems}, {"byIndicator", std::move(objects)}};
  };
  json::array children;
  for (const auto& row : r.children) children.push_back(row_json(row));
  json::array indicators;
  for (const auto& i : r.indicators)
    indicators.push_back({{"code", i.core.code}, {"name", req.english ? i.name_en : i.core.name}, {"subDimension", i.core.sub_dimension},
                          {"problemUnit", i.core.problem_unit}});
  return Json(200, json::object{{"regionCode", r.region_code}, {"regionName", r.region_name}, {"year", r.year},
                                {"indicators", std::move(indicators)}, {"children", std::move(children)}, {"total", row_json(r.total)}});
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
