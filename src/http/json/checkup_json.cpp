#include "http/json/checkup_json.hpp"

#include <algorithm>
#include <boost/json.hpp>

#include "http/json/json_input.hpp"
#include "http/json/register_json.hpp"
#include "service/platform/actor.hpp"

namespace huanxin::http {

namespace json = boost::json;
namespace ck = core::checkup;

namespace {

json::value Opt(const std::optional<std::string>& v) { return v ? json::value(json::string(*v)) : json::value(nullptr); }
json::value OptInt(const std::optional<std::int64_t>& v) { return v ? json::value(*v) : json::value(nullptr); }
json::value OptDecimal(const std::optional<std::int64_t>& v) { return v ? DecimalJson(*v) : json::value(nullptr); }

// A severity leaves as its code; null for "no problem".
json::value SeverityJson(const std::optional<ck::Severity>& s) {
  return s ? json::value(json::string(ck::SeverityCode(*s))) : json::value(nullptr);
}

json::array Strings(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& x : v) a.push_back(json::string(x));
  return a;
}

json::array Ids(const std::vector<std::int64_t>& v) {
  json::array a;
  for (auto x : v) a.push_back(x);
  return a;
}

}  // namespace

// ---- encoders ----

json::object CheckupCatalogJson(const service::CheckupCatalog& c) {
  return {{"id", c.id},         {"year", c.year},          {"name", c.name},
          {"state", c.state},   {"basedOn", OptInt(c.based_on)}, {"createdAt", c.created_at},
          {"publishedAt", Opt(c.published_at)}};
}

json::object CheckupCatalogListJson(const std::vector<service::CheckupCatalog>& list) {
  json::array items;
  for (const auto& k : list) items.push_back(CheckupCatalogJson(k));
  return {{"items", std::move(items)}};
}

json::object CatalogViewJson(const service::CatalogView& v, bool english) {
  auto out = CheckupCatalogJson(v.catalog);
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

json::object CheckupItemJson(const service::CheckupItem& c, bool english) {
  const auto& i = c.item;
  return {{"code", i.code},       {"category", i.category}, {"categoryName", i.category_name(english)}, {"name", i.name(english)},
          {"unit", i.unit},       {"unitCost", OptInt(i.unit_cost_fen)}, {"payer", i.payer},
          {"indicators", Strings(c.indicators)}};
}

json::object CheckupItemListJson(const std::vector<service::CheckupItem>& list, bool english) {
  json::array items;
  for (const auto& i : list) items.push_back(CheckupItemJson(i, english));
  return {{"items", std::move(items)}};
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

json::object CampaignListJson(const std::vector<service::Campaign>& list) {
  json::array items;
  for (const auto& k : list) items.push_back(CampaignJson(k));
  return {{"items", std::move(items)}, {"total", static_cast<std::int64_t>(list.size())}};
}

json::object ObservationJson(const service::Observation& o) {
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
          {"photoIds", Ids(o.in.photo_ids)},
          {"lat", OptDegrees(o.in.lat_e6)},
          {"lng", OptDegrees(o.in.lng_e6)},
          {"observedAt", o.observed_at},
          {"severity", SeverityJson(o.severity)},
          {"by", o.username},
          {"createdAt", o.created_at},
          {"updatedAt", o.updated_at}};
}

json::object ObservationListJson(const std::vector<service::Observation>& list) {
  json::array items;
  for (const auto& o : list) items.push_back(ObservationJson(o));
  return {{"items", std::move(items)}, {"total", static_cast<std::int64_t>(list.size())}};
}

json::object UpsertResultJson(const service::UpsertResult& r) {
  json::array results;
  for (const auto& o : r.results)
    results.push_back({{"clientId", o.client_id}, {"id", o.id}, {"severity", SeverityJson(o.severity)}});
  return {{"created", r.created}, {"updated", r.updated}, {"unchanged", r.unchanged}, {"results", std::move(results)}};
}

json::object ProblemListJson(const service::ProblemList& p, bool english) {
  json::array items;
  for (const auto& r : p.rows) {
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
                     {"severityName", r.obs.severity ? ck::SeverityName(*r.obs.severity).In(english) : ""},
                     {"value", OptDecimal(r.obs.in.value)},
                     {"unit", r.criterion ? r.criterion->unit : ""},
                     {"note", r.obs.in.note},
                     {"photoIds", Ids(r.obs.in.photo_ids)},
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
                            {"worst", SeverityJson(s.worst)}});
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

json::object RollupJson(const service::Rollup& r, bool english) {
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
    indicators.push_back({{"code", i.core.code}, {"name", english ? i.name_en : i.core.name}, {"subDimension", i.core.sub_dimension},
                          {"problemUnit", i.core.problem_unit}});
  return {{"regionCode", r.region_code}, {"regionName", r.region_name}, {"year", r.year},
          {"indicators", std::move(indicators)}, {"children", std::move(children)}, {"total", row_json(r.total)}};
}

json::object ReportsJobJson(const service::ReportsJob& j) { return {{"jobId", j.job_id}, {"estates", j.estates}}; }

// ---- parsers ----

Result<service::IndicatorInput> ParseIndicatorInput(const json::object& body) {
  service::IndicatorInput in;
  for (auto [f, target] : {std::pair{"code", &in.code}, {"nameZh", &in.name_zh}, {"level", &in.level},
                           {"subDimension", &in.sub_dimension}, {"problemUnit", &in.problem_unit}}) {
    auto v = RequiredString(body, f);
    if (!v) return std::move(v).error();
    *target = std::move(*v);
  }
  auto name_en = OptionalString(body, "nameEn");
  if (!name_en) return std::move(name_en).error();
  in.name_en = name_en->value_or("");
  auto sums = OptionalBool(body, "sumsValues");
  if (!sums) return std::move(sums).error();
  in.sums_values = sums->value_or(false);
  const auto* criteria = body.if_contains("criteria");
  if (!criteria || !criteria->is_array()) return InvalidField("criteria", Text("必填，应为数组", "required array"));
  for (const auto& e : criteria->as_array()) {
    if (!e.is_object()) return InvalidField("criteria", Text("应为对象数组", "must be objects"));
    const auto& o = e.as_object();
    service::IndicatorInput::Criterion cr;
    auto code = RequiredString(o, "code");
    if (!code) return std::move(code).error();
    auto name = RequiredString(o, "nameZh");
    if (!name) return std::move(name).error();
    auto en = OptionalString(o, "nameEn");
    if (!en) return std::move(en).error();
    auto unit = OptionalString(o, "unit");
    if (!unit) return std::move(unit).error();
    cr.code = std::move(*code);
    cr.name_zh = std::move(*name);
    cr.name_en = en->value_or("");
    cr.unit = unit->value_or("");
    const auto* rule = o.if_contains("rule");
    if (!rule || !rule->is_object()) return InvalidField("criteria.rule", Text("必填，应为对象", "required object"));
    cr.rule_json = json::serialize(*rule);
    if (const auto* items = o.if_contains("suggestedItems"); items && items->is_array())
      for (const auto& it : items->as_array())
        if (it.is_string()) cr.suggested_items.emplace_back(it.as_string());
    in.criteria.push_back(std::move(cr));
  }
  return in;
}

Result<core::catalogue::ItemPatch> ParseItemPatch(const json::object& body) {
  for (const auto& kv : body)
    if (kv.key() != "unit" && kv.key() != "payer" && kv.key() != "unitCost")
      return InvalidField(std::string(kv.key()), Text("不能修改该字段（可改：unit、unitCost、payer）",
                                                       "cannot be changed here (unit, unitCost, payer can)"));
  core::catalogue::ItemPatch patch;
  auto unit = OptionalString(body, "unit");
  if (!unit) return std::move(unit).error();
  auto payer = OptionalString(body, "payer");
  if (!payer) return std::move(payer).error();
  patch.unit = std::move(*unit);
  patch.payer = std::move(*payer);
  if (const auto* cost = body.if_contains("unitCost")) {
    if (cost->is_null()) patch.unit_cost_fen = std::optional<std::int64_t>{};
    else if (cost->is_int64()) patch.unit_cost_fen = std::optional<std::int64_t>(cost->as_int64());
    else return InvalidField("unitCost", Text("应为整数（分）或 null", "an integer (fen) or null"));
  }
  return patch;
}

Result<service::CampaignInput> ParseCampaignInput(const json::object& body) {
  service::CampaignInput in;
  auto title = RequiredString(body, "title");
  if (!title) return std::move(title).error();
  auto region = RequiredString(body, "regionCode");
  if (!region) return std::move(region).error();
  in.title = std::move(*title);
  in.region_code = std::move(*region);
  const auto* year = body.if_contains("year");
  if (!year || !year->is_int64()) return InvalidField("year", Text("必填，应为整数", "required integer"));
  in.year = static_cast<int>(std::clamp<std::int64_t>(year->as_int64(), 0, 9999));
  if (const auto* ids = body.if_contains("estateIds"); ids && !ids->is_null()) {
    auto list = ParseIdArray(*ids, "estateIds");
    if (!list) return std::move(list).error();
    in.estate_ids = std::move(*list);
  }
  if (const auto* cat = body.if_contains("catalogId"); cat && !cat->is_null()) {
    if (!cat->is_int64()) return InvalidField("catalogId", Text("应为整数", "an integer"));
    in.catalog_id = cat->as_int64();
  }
  return in;
}

Result<CheckupAssignInput> ParseCheckupAssignInput(const json::object& body) {
  const auto* ids = body.if_contains("estateIds");
  const auto* user = body.if_contains("userId");
  if (!ids) return InvalidField("estateIds", Text("必填，整数数组", "required array of integers"));
  if (!user || !user->is_int64()) return InvalidField("userId", Text("必填，应为整数", "required integer"));
  auto estates = ParseIdArray(*ids, "estateIds");
  if (!estates) return std::move(estates).error();
  return CheckupAssignInput{std::move(*estates), user->as_int64()};
}

Result<CheckupReviewInput> ParseCheckupReviewInput(const json::object& body) {
  const auto* estate = body.if_contains("estateId");
  if (!estate || !estate->is_int64()) return InvalidField("estateId", Text("必填，应为整数", "required integer"));
  auto comment = OptionalString(body, "comment");
  if (!comment) return std::move(comment).error();
  return CheckupReviewInput{estate->as_int64(), comment->value_or("")};
}

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

Result<std::vector<service::ObservationInput>> ParseObservationBatch(const json::object& body) {
  const auto* list = body.if_contains("observations");
  if (!list || !list->is_array()) return InvalidField("observations", Text("必填，应为数组", "required array"));
  std::vector<service::ObservationInput> batch;
  std::size_t k = 0;
  for (const auto& v : list->as_array()) {
    auto in = ParseObservation(v, k++);
    if (!in) return std::move(in).error();
    batch.push_back(std::move(*in));
  }
  return batch;
}

Result<service::ProblemQuery> ParseProblemQuery(const Request& req) {
  service::ProblemQuery q;
  auto estate = QueryInt64(req, "estateId");
  if (!estate) return std::move(estate).error();
  q.estate_id = *estate;
  if (auto code = QueryString(req, "severity")) {
    q.severity = ck::ParseSeverity(*code);
    if (!q.severity)
      return service::Invalid("checkup.invalid_field", Text("字段 severity 不正确", "field severity is invalid"), Text::Same(*code),
                              Text("problem、hazard、larger_hazard 或 severe", "problem, hazard, larger_hazard or severe"));
  }
  q.indicator = QueryString(req, "indicator");
  return q;
}

Result<std::optional<int>> ParseYearQuery(const Request& req) {
  auto year = QueryInt64(req, "year");
  if (!year) return std::move(year).error();
  if (!*year) return std::optional<int>{};
  return std::optional<int>(static_cast<int>(std::clamp<std::int64_t>(**year, 0, 9999)));
}

json::object CheckupWorkbenchJson(const service::CheckupWorkbench& w) {
  const auto& c = w.counts;
  return {{"year", w.year},
          {"campaigns", c.campaigns},
          {"estates", c.estates},
          {"inProgress", c.in_progress},
          {"awaitingReview", c.awaiting_review},
          {"approved", c.approved},
          {"assignedToMe", c.assigned_to_user},
          {"problems", c.problems}};
}

}  // namespace huanxin::http
