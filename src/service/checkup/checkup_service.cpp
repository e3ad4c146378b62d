#include "service/checkup/checkup_service.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <set>
#include <unordered_map>

#include "common/decimal.hpp"
#include "common/image_meta.hpp"
#include "common/text.hpp"
#include "core/auth/role.hpp"
#include "core/register/codes.hpp"
#include "store/register/register_repository.hpp"

namespace huanxin::service {

namespace json = boost::json;
namespace ck = core::checkup;
namespace perm = core::auth::perm;

namespace {

constexpr std::size_t kMaxPhotoBytes = 10 * 1024 * 1024;
constexpr std::size_t kMaxBatch = 2000;

Error BadField(const std::string& field, Text detail, Text hint = {}) {
  return Invalid("checkup.invalid_field", Text("字段 " + field + " 不正确", "field " + field + " is invalid"), std::move(detail),
                 std::move(hint));
}
Error NoCampaign() { return NotFound("checkup.not_found", Text("体检任务不存在", "no such check-up")); }

std::vector<std::string> SplitCodes(const std::string& text) {
  std::vector<std::string> out;
  for (auto p : Split(text, ','))
    if (!Trim(p).empty()) out.emplace_back(Trim(p));
  return out;
}
std::string JoinCodes(const std::vector<std::string>& codes) {
  std::string out;
  for (const auto& c : codes) out += (out.empty() ? "" : ",") + c;
  return out;
}
std::optional<std::int64_t> Hundredths(const json::value* v) {
  if (!v || !v->is_string()) return std::nullopt;
  return ParseHundredths(std::string(v->as_string()));
}

CheckupCatalog CatalogFromRow(const store::Row& r) {
  CheckupCatalog c;
  c.id = r.GetInt(0);
  c.year = static_cast<int>(r.GetInt(1));
  c.name = r.GetText(2);
  c.state = r.GetText(3);
  c.based_on = r.GetOptInt(4);
  c.created_at = r.GetText(5);
  c.published_at = r.GetOptText(6);
  return c;
}
constexpr const char* kCatalogColumns = "id, year, name, state, based_on, created_at, published_at";

constexpr const char* kObservationColumns =
    "o.id, o.client_id, o.estate_id, o.building_id, o.dwelling_id, o.indicator, o.criterion, o.present, o.value, "
    "o.condition_met, o.note, o.photo_ids, o.lat_e6, o.lng_e6, o.observed_at, o.object_key, o.severity, o.created_at, "
    "o.updated_at, COALESCE(u.username, '')";

Observation ObservationFromRow(const store::Row& r) {
  Observation o;
  o.id = r.GetInt(0);
  o.in.client_id = r.GetText(1);
  o.in.estate_id = r.GetInt(2);
  o.in.building_id = r.GetOptInt(3);
  o.in.dwelling_id = r.GetOptInt(4);
  o.in.indicator = r.GetText(5);
  o.in.criterion = r.GetText(6);
  o.in.present = r.GetInt(7) != 0;
  o.in.value = r.GetOptInt(8);
  o.in.condition = r.GetInt(9) != 0;
  o.in.note = r.GetText(10);
  o.in.photo_ids = store::ParseIds(r.GetText(11));
  o.in.lat_e6 = r.GetOptInt(12);
  o.in.lng_e6 = r.GetOptInt(13);
  o.observed_at = r.GetText(14);
  o.in.observed_at = o.observed_at;
  o.object_key = r.GetText(15);
  o.severity = r.GetOptText(16);
  o.created_at = r.GetText(17);
  o.updated_at = r.GetText(18);
  o.username = r.GetText(19);
  return o;
}

// The region one level below `code` that contains `region` (county → street …); grids roll into
// their community.
std::string ChildOf(const std::string& code, const std::string& region) {
  static const std::size_t kLengths[] = {2, 4, 6, 9, 12};
  for (auto len : kLengths)
    if (len > code.size() && region.size() >= len) return region.substr(0, len);
  return region;
}

}  // namespace

// ---- rule JSON ----

Result<ck::Rule> GradingRuleFromJson(const std::string& text) {
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  if (ec || !v.is_object()) return BadField("rule", Text("应为对象", "must be an object"));
  const auto& o = v.as_object();
  auto severity = [&](const json::object& from) -> Result<ck::Severity> {
    const auto* s = from.if_contains("severity");
    auto parsed = s && s->is_string() ? ck::ParseSeverity(std::string(s->as_string())) : std::nullopt;
    if (!parsed)
      return BadField("rule.severity", Text("应为 problem、hazard、larger_hazard 或 severe", "problem, hazard, larger_hazard or severe"));
    return *parsed;
  };
  const auto* type = o.if_contains("type");
  std::string t = type && type->is_string() ? std::string(type->as_string()) : "";
  ck::Rule rule;
  if (t == "flag") {
    auto s = severity(o);
    if (!s) return std::move(s).error();
    rule = ck::FlagRule{*s};
  } else if (t == "bands") {
    const auto* bands = o.if_contains("bands");
    if (!bands || !bands->is_array()) return BadField("rule.bands", Text("应为数组", "must be an array"));
    ck::BandsRule b;
    for (const auto& e : bands->as_array()) {
      if (!e.is_object()) return BadField("rule.bands", Text("每档应为对象", "each band must be an object"));
      const auto& bo = e.as_object();
      ck::Band band;
      auto s = severity(bo);
      if (!s) return std::move(s).error();
      band.severity = *s;
      if (const auto* up = bo.if_contains("upTo")) {
        band.up_to = Hundredths(up);
        if (!band.up_to) return BadField("rule.bands.upTo", Text("应为至多两位小数的数字字符串，如 \"10\"", "a decimal string, e.g. \"10\""));
      }
      if (const auto* inc = bo.if_contains("inclusive"); inc && inc->is_bool()) band.inclusive = inc->as_bool();
      b.bands.push_back(band);
    }
    rule = b;
  } else if (t == "age_and_condition") {
    const auto* y = o.if_contains("minYears");
    if (!y || !y->is_int64()) return BadField("rule.minYears", Text("应为整数", "must be an integer"));
    auto s = severity(o);
    if (!s) return std::move(s).error();
    rule = ck::AgeAndConditionRule{y->as_int64(), *s};
  } else if (t == "shortfall") {
    auto s = severity(o);
    if (!s) return std::move(s).error();
    rule = ck::ShortfallRule{*s};
  } else if (t == "below") {
    auto min = Hundredths(o.if_contains("min"));
    if (!min) return BadField("rule.min", Text("应为数字字符串，如 \"20\"", "a decimal string, e.g. \"20\""));
    auto s = severity(o);
    if (!s) return std::move(s).error();
    rule = ck::BelowRule{*min, *s};
  } else {
    return BadField("rule.type", Text("应为 flag、bands、age_and_condition、shortfall 或 below",
                                      "flag, bands, age_and_condition, shortfall or below"));
  }
  if (auto r = ck::ValidateRule(rule); !r) return std::move(r).error();
  return rule;
}

// ---- catalogue ----

const CheckupCriterion* CatalogView::Criterion(const std::string& code) const {
  for (const auto& i : indicators)
    for (const auto& c : i.criteria)
      if (c.code == code) return &c;
  return nullptr;
}
const CheckupIndicator* CatalogView::Indicator(const std::string& code) const {
  for (const auto& i : indicators)
    if (i.core.code == code) return &i;
  return nullptr;
}

Result<CatalogView> CheckupService::LoadCatalog(store::Session& s, std::int64_t id) {
  auto rows = s.Query(std::string("SELECT ") + kCatalogColumns + " FROM checkup_catalog WHERE id = ?", {store::Int(id)});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return NotFound("checkup.catalog_not_found", Text("指标目录版本不存在", "no such catalogue version"));
  CatalogView v;
  v.catalog = CatalogFromRow(rows->front());
  auto ind = s.Query(
      "SELECT code, name_zh, name_en, level, sub_dimension, problem_unit, sums_values, local FROM checkup_indicator "
      "WHERE catalog_id = ? ORDER BY position, code",
      {store::Int(id)});
  if (!ind) return std::move(ind).error();
  for (const auto& r : *ind) {
    CheckupIndicator i;
    i.core.code = r.GetText(0);
    i.core.name = r.GetText(1);
    i.name_en = r.GetText(2);
    i.core.level = ck::ParseLevel(r.GetText(3)).value_or(ck::Level::kBuilding);
    i.core.sub_dimension = r.GetText(4);
    i.core.problem_unit = r.GetText(5);
    i.core.sums_values = r.GetInt(6) != 0;
    i.local = r.GetInt(7) != 0;
    v.indicators.push_back(std::move(i));
  }
  auto crit = s.Query(
      "SELECT indicator_code, code, name_zh, name_en, unit, rule, suggested_items FROM checkup_criterion "
      "WHERE catalog_id = ? ORDER BY indicator_code, position, code",
      {store::Int(id)});
  if (!crit) return std::move(crit).error();
  for (const auto& r : *crit) {
    CheckupCriterion c;
    c.indicator = r.GetText(0);
    c.code = r.GetText(1);
    c.name_zh = r.GetText(2);
    c.name_en = r.GetText(3);
    c.unit = r.GetText(4);
    c.rule_json = r.GetText(5);
    auto rule = GradingRuleFromJson(c.rule_json);
    if (!rule) return std::move(rule).error();
    c.rule = *rule;
    c.suggested_items = SplitCodes(r.GetText(6));
    for (auto& i : v.indicators)
      if (i.core.code == c.indicator) i.criteria.push_back(c);
  }
  return v;
}

namespace {
Result<std::optional<std::int64_t>> LatestPublished(store::Session& s) {
  auto rows = s.Query("SELECT id FROM checkup_catalog WHERE state = 'published' ORDER BY published_at DESC, id DESC LIMIT 1");
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return std::optional<std::int64_t>{};
  return std::optional<std::int64_t>(rows->front().GetInt(0));
}
}  // namespace

Result<std::vector<CheckupCatalog>> CheckupService::Catalogs(const Actor& actor) {
  if (auto r = RequirePermission(actor, perm::kCheckupRead); !r) return std::move(r).error();
  return store::ReadResult(db_, [&](store::Session& s) -> Result<std::vector<CheckupCatalog>> {
    auto rows = s.Query(std::string("SELECT ") + kCatalogColumns + " FROM checkup_catalog ORDER BY id DESC");
    if (!rows) return std::move(rows).error();
    std::vector<CheckupCatalog> out;
    for (const auto& r : *rows) out.push_back(CatalogFromRow(r));
    return out;
  });
}

Result<CatalogView> CheckupService::Catalog(const Actor& actor, std::optional<std::int64_t> id) {
  if (auto r = RequirePermission(actor, perm::kCheckupRead); !r) return std::move(r).error();
  return store::ReadResult(db_, [&](store::Session& s) -> Result<CatalogView> {
    auto which = id;
    if (!which) {
      auto latest = LatestPublished(s);
      if (!latest) return std::move(latest).error();
      which = *latest;
    }
    if (!which) return NotFound("checkup.catalog_not_found", Text("没有已发布的指标目录", "no published catalogue"));
    return LoadCatalog(s, *which);
  });
}

Result<CatalogView> CheckupService::NewDraft(const Actor& actor) {
  if (auto r = RequirePermission(actor, perm::kCheckupCatalogWrite); !r) return std::move(r).error();
  return store::WriteResult(db_, [&](store::Session& s) -> Result<CatalogView> {
    auto drafts = store::QueryInt(s, "SELECT COUNT(*) FROM checkup_catalog WHERE state = 'draft'");
    if (!drafts) return std::move(drafts).error();
    if (*drafts > 0)
      return MakeError(ErrorCode::kConflict, "checkup.draft_exists", Text("已有未发布的目录草稿", "a draft catalogue exists"),
                       {}, Text("先发布或继续编辑现有草稿", "publish or edit the existing draft"));
    auto latest = LatestPublished(s);
    if (!latest) return std::move(latest).error();
    if (!*latest) return NotFound("checkup.catalog_not_found", Text("没有已发布的指标目录", "no published catalogue"));
    auto base = LoadCatalog(s, **latest);
    if (!base) return std::move(base).error();
    auto now = FormatIsoUtc(clock_.Now());
    int year = std::stoi(now.substr(0, 4));
    auto id = s.Query("INSERT INTO checkup_catalog (year, name, state, based_on, created_at) VALUES (?, ?, 'draft', ?, ?) RETURNING id",
                      {store::Int(year), store::Str(base->catalog.name + "（" + std::to_string(year) + "修订）"),
                       store::Int(base->catalog.id), store::Str(now)});
    if (!id) return std::move(id).error();
    auto new_id = id->at(0).GetInt(0);
    for (auto sql : {"INSERT INTO checkup_indicator (catalog_id, code, name_zh, name_en, level, sub_dimension, problem_unit, "
                     "sums_values, position, local) SELECT ?, code, name_zh, name_en, level, sub_dimension, problem_unit, "
                     "sums_values, position, local FROM checkup_indicator WHERE catalog_id = ?",
                     "INSERT INTO checkup_criterion (catalog_id, indicator_code, code, name_zh, name_en, unit, rule, "
                     "suggested_items, position) SELECT ?, indicator_code, code, name_zh, name_en, unit, rule, "
                     "suggested_items, position FROM checkup_criterion WHERE catalog_id = ?"})
      if (auto r = s.Exec(sql, {store::Int(new_id), store::Int(base->catalog.id)}); !r) return std::move(r).error();
    Changes ch;
    ch.Set("basedOn", nullptr, base->catalog.id);
    if (auto r = RecordAudit(s, clock_, actor, "checkup.catalog_draft", "checkup_catalog", std::to_string(new_id), "", ch); !r)
      return std::move(r).error();
    return LoadCatalog(s, new_id);
  });
}

Result<CatalogView> CheckupService::AddIndicator(const Actor& actor, std::int64_t catalog_id, const IndicatorInput& in) {
  if (auto r = RequirePermission(actor, perm::kCheckupCatalogWrite); !r) return std::move(r).error();
  auto code_ok = [](const std::string& c) {
    return !c.empty() && c.size() <= 40 &&
           std::all_of(c.begin(), c.end(), [](char ch) { return std::isalnum(static_cast<unsigned char>(ch)) || ch == '.' || ch == '_' || ch == '-'; });
  };
  if (!code_ok(in.code)) return BadField("code", Text("编码为1–40位字母、数字或 . _ -", "1–40 letters, digits or . _ -"));
  for (auto [f, v] : {std::pair{"nameZh", &in.name_zh}, {"subDimension", &in.sub_dimension}, {"problemUnit", &in.problem_unit}}) {
    auto n = Utf8Length(*v);
    if (!n || *n < 1 || *n > 100) return BadField(f, Text("不能为空，且不超过100字", "must be 1–100 characters"));
  }
  if (!ck::ParseLevel(in.level)) return BadField("level", Text("应为 building、dwelling 或 estate", "building, dwelling or estate"));
  if (in.criteria.empty()) return BadField("criteria", Text("至少一个子项", "at least one criterion"));
  return store::WriteResult(db_, [&](store::Session& s) -> Result<CatalogView> {
    auto cat = LoadCatalog(s, catalog_id);
    if (!cat) return std::move(cat).error();
    if (cat->catalog.state != "draft")
      return MakeError(ErrorCode::kConflict, "checkup.catalog_published", Text("已发布的目录不能修改", "a published catalogue cannot change"),
                       {}, Text("新建一个草稿版本", "create a new draft version"));
    if (cat->Indicator(in.code))
      return MakeError(ErrorCode::kConflict, "checkup.duplicate_indicator", Text("该指标编码已存在", "that indicator code exists"),
                       Text::Same(in.code));
    auto pos = store::QueryInt(s, "SELECT COALESCE(MAX(position), 0) + 1 FROM checkup_indicator WHERE catalog_id = ?", {store::Int(catalog_id)});
    if (!pos) return std::move(pos).error();
    if (auto r = s.Exec("INSERT INTO checkup_indicator (catalog_id, code, name_zh, name_en, level, sub_dimension, problem_unit, "
                        "sums_values, position, local) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
                        {store::Int(catalog_id), store::Str(in.code), store::Str(in.name_zh), store::Str(in.name_en.empty() ? in.name_zh : in.name_en),
                         store::Str(in.level), store::Str(in.sub_dimension), store::Str(in.problem_unit),
                         store::Bool(in.sums_values), store::Int(*pos)});
        !r)
      return std::move(r).error();
    int n = 0;
    std::set<std::string> seen;
    for (const auto& c : in.criteria) {
      std::string field = "criteria[" + std::to_string(n) + "]";
      if (!code_ok(c.code) || cat->Criterion(c.code) || !seen.insert(c.code).second)
        return BadField(field + ".code", Text::Same(c.code), Text("编码须唯一", "codes must be unique"));
      auto name = Utf8Length(c.name_zh);
      if (!name || *name < 1 || *name > 200) return BadField(field + ".nameZh", Text("不能为空", "required"));
      auto rule = GradingRuleFromJson(c.rule_json);
      if (!rule) return std::move(rule).error();
      for (const auto& item : c.suggested_items) {
        auto exists = catalogue_.Find(item);
        if (!exists) return std::move(exists).error();
        if (!*exists) return BadField(field + ".suggestedItems", Text::Same(item), Text("改造内容清单中没有该项", "not in the renovation catalogue"));
      }
      if (auto r = s.Exec("INSERT INTO checkup_criterion (catalog_id, indicator_code, code, name_zh, name_en, unit, rule, "
                          "suggested_items, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          {store::Int(catalog_id), store::Str(in.code), store::Str(c.code), store::Str(c.name_zh),
                           store::Str(c.name_en.empty() ? c.name_zh : c.name_en), store::Str(c.unit), store::Str(c.rule_json),
                           store::Str(JoinCodes(c.suggested_items)), store::Int(++n)});
          !r)
        return std::move(r).error();
    }
    Changes ch;
    ch.Set("indicator", nullptr, json::string(in.code)).Set("criteria", nullptr, static_cast<std::int64_t>(in.criteria.size()));
    if (auto r = RecordAudit(s, clock_, actor, "checkup.indicator_add", "checkup_catalog", std::to_string(catalog_id), "", ch); !r)
      return std::move(r).error();
    return LoadCatalog(s, catalog_id);
  });
}

Result<CatalogView> CheckupService::Publish(const Actor& actor, std::int64_t catalog_id) {
  if (auto r = RequirePermission(actor, perm::kCheckupCatalogWrite); !r) return std::move(r).error();
  return store::WriteResult(db_, [&](store::Session& s) -> Result<CatalogView> {
    auto cat = LoadCatalog(s, catalog_id);
    if (!cat) return std::move(cat).error();
    if (cat->catalog.state != "draft")
      return MakeError(ErrorCode::kConflict, "checkup.catalog_published", Text("该目录已发布", "already published"));
    auto now = FormatIsoUtc(clock_.Now());
    if (auto r = s.Exec("UPDATE checkup_catalog SET state = 'published', published_at = ? WHERE id = ?",
                        {store::Str(now), store::Int(catalog_id)});
        !r)
      return std::move(r).error();
    Changes ch;
    ch.Set("state", "draft", "published");
    if (auto r = RecordAudit(s, clock_, actor, "checkup.catalog_publish", "checkup_catalog", std::to_string(catalog_id), "", ch); !r)
      return std::move(r).error();
    return LoadCatalog(s, catalog_id);
  });
}

Result<std::vector<CheckupItem>> CheckupService::Items(const Actor& actor) {
  if (auto r = RequirePermission(actor, perm::kCheckupRead); !r) return std::move(r).error();
  auto catalogue = catalogue_.Snapshot();
  if (!catalogue) return std::move(catalogue).error();
  std::map<std::string, std::vector<std::string>> suggesting;
  auto read = db_.Read([&](store::Session& s) -> Result<void> {
    auto latest = LatestPublished(s);
    if (!latest) return std::move(latest).error();
    if (!*latest) return Ok();
    auto cat = LoadCatalog(s, **latest);
    if (!cat) return std::move(cat).error();
    for (const auto& i : cat->indicators)
      for (const auto& c : i.criteria)
        for (const auto& item : c.suggested_items) {
          auto& list = suggesting[item];
          if (std::find(list.begin(), list.end(), i.core.code) == list.end()) list.push_back(i.core.code);
        }
    return Ok();
  });
  if (!read) return std::move(read).error();
  std::vector<CheckupItem> out;
  for (const auto& it : **catalogue) out.push_back({it, suggesting[it.code]});
  return out;
}

Result<CheckupItem> CheckupService::UpdateItem(const Actor& actor, const std::string& code,
                                               const core::catalogue::ItemPatch& patch) {
  auto updated = catalogue_.Update(actor, code, patch);
  if (!updated) return std::move(updated).error();
  auto items = Items(actor);
  if (!items) return std::move(items).error();
  for (auto& it : *items)
    if (it.item.code == code) return std::move(it);
  return CheckupItem{*updated, {}};  // an inactive item: not in the catalogue's list
}

// ---- campaigns ----

Result<Campaign> CheckupService::LoadCampaign(store::Session& s, const Actor& actor, std::int64_t id,
                                              std::string_view permission) {
  if (auto r = RequirePermission(actor, permission); !r) return std::move(r).error();
  auto rows = s.Query(
      "SELECT c.id, c.title, c.year, c.region_code, c.catalog_id, k.name, c.created_at, c.updated_at FROM checkup c "
      "JOIN checkup_catalog k ON k.id = c.catalog_id WHERE c.id = ?",
      {store::Int(id)});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return NoCampaign();
  const auto& r = rows->front();
  Campaign c;
  c.id = r.GetInt(0);
  c.title = r.GetText(1);
  c.year = static_cast<int>(r.GetInt(2));
  c.region_code = r.GetText(3);
  c.catalog_id = r.GetInt(4);
  c.catalog_name = r.GetText(5);
  c.created_at = r.GetText(6);
  c.updated_at = r.GetText(7);
  // A street office sees the campaign of its street; a grid worker the estates of their community.
  std::string where = " WHERE ce.checkup_id = ?";
  store::Params p{store::Int(id)};
  store::AddPrefixFilter(where, p, "ce.region_code", actor.scope.prefix());
  auto estates = s.Query(
      "SELECT ce.estate_id, e.name, ce.region_code, ce.status, ce.comment, ce.assignee_id, COALESCE(u.username, ''), "
      "ce.submitted_at, ce.approved_at, ce.report_file_id, "
      "(SELECT COUNT(*) FROM checkup_observation o WHERE o.checkup_id = ce.checkup_id AND o.estate_id = ce.estate_id), "
      "(SELECT COUNT(*) FROM checkup_observation o WHERE o.checkup_id = ce.checkup_id AND o.estate_id = ce.estate_id "
      "AND o.severity IS NOT NULL) "
      "FROM checkup_estate ce JOIN estate e ON e.id = ce.estate_id LEFT JOIN app_user u ON u.id = ce.assignee_id" +
          where + " ORDER BY ce.region_code, e.name",
      p);
  if (!estates) return std::move(estates).error();
  // Visible when the campaign lies in the actor's scope, or the actor works inside the campaign's
  // area (a grid worker in a street-wide campaign) and then sees only their estates.
  if (!actor.scope.Covers(c.region_code) && estates->empty())
    return MakeError(ErrorCode::kForbidden, "auth.out_of_scope", Text("不在管辖范围内", "outside your scope"));
  for (const auto& e : *estates) {
    CampaignEstate ce;
    ce.estate_id = e.GetInt(0);
    ce.estate_name = e.GetText(1);
    ce.region_code = e.GetText(2);
    ce.status = e.GetText(3);
    ce.comment = e.GetText(4);
    ce.assignee_id = e.GetOptInt(5);
    ce.assignee = e.GetText(6);
    ce.submitted_at = e.GetOptText(7);
    ce.approved_at = e.GetOptText(8);
    ce.report_file_id = e.GetOptInt(9);
    ce.observations = e.GetInt(10);
    ce.problems = e.GetInt(11);
    c.estates.push_back(std::move(ce));
  }
  return c;
}

Result<Campaign> CheckupService::Create(const Actor& actor, const CampaignInput& in) {
  if (auto r = RequirePermission(actor, perm::kCheckupWrite); !r) return std::move(r).error();
  auto n = Utf8Length(in.title);
  if (!n || *n < 1 || *n > 200 || Trim(in.title).empty()) return BadField("title", Text("不能为空，且不超过200字", "must be 1–200 characters"));
  auto now = FormatIsoUtc(clock_.Now());
  int this_year = std::stoi(now.substr(0, 4));
  if (in.year < 2019 || in.year > this_year + 1) return BadField("year", Text("应为2019–" + std::to_string(this_year + 1), "must be 2019–" + std::to_string(this_year + 1)));
  if (auto r = RequireInScope(actor, in.region_code); !r) return std::move(r).error();
  auto id = store::WriteResult(db_, [&](store::Session& s) -> Result<std::int64_t> {
    std::optional<std::int64_t> catalog = in.catalog_id;
    if (!catalog) {
      auto latest = LatestPublished(s);
      if (!latest) return std::move(latest).error();
      catalog = *latest;
    }
    if (!catalog) return NotFound("checkup.catalog_not_found", Text("没有已发布的指标目录", "no published catalogue"));
    auto cat = LoadCatalog(s, *catalog);
    if (!cat) return BadField("catalogId", Text("指标目录版本不存在", "no such catalogue version"));
    if (cat->catalog.state != "published") return BadField("catalogId", Text("只能使用已发布的目录", "only a published catalogue"));
    // The estates: those named (each inside the region and the actor's scope), or every estate of the region.
    std::vector<store::EstateRecord> estates;
    if (in.estate_ids) {
      if (in.estate_ids->empty()) return BadField("estateIds", Text("为空时请省略该字段", "omit the field instead of an empty list"));
      for (auto eid : *in.estate_ids) {
        auto e = store::EstateRepository::Find(s, eid);
        if (!e) return std::move(e).error();
        if (!*e || !core::auth::Scope(in.region_code).Covers((*e)->region_code))
          return BadField("estateIds", Text::Same(std::to_string(eid)), Text("不是该区域的小区", "not an estate of the region"));
        estates.push_back(**e);
      }
    } else {
      std::string where = " WHERE 1 = 1";
      store::Params p;
      store::AddPrefixFilter(where, p, "region_code", in.region_code);
      auto rows = s.Query("SELECT id FROM estate" + where + " ORDER BY id", p);
      if (!rows) return std::move(rows).error();
      for (const auto& r : *rows) {
        auto e = store::EstateRepository::Find(s, r.GetInt(0));
        if (!e) return std::move(e).error();
        estates.push_back(**e);
      }
    }
    if (estates.empty()) return BadField("regionCode", Text("该区域没有登记的小区", "no registered estates in the region"));
    auto row = s.Query("INSERT INTO checkup (title, year, region_code, catalog_id, created_by, created_at, updated_at) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                       {store::Str(std::string(Trim(in.title))), store::Int(in.year), store::Str(in.region_code),
                        store::Int(*catalog), store::Int(actor.user_id), store::Str(now), store::Str(now)});
    if (!row) return std::move(row).error();
    auto cid = row->at(0).GetInt(0);
    for (const auto& e : estates)
      if (auto r = s.Exec("INSERT INTO checkup_estate (checkup_id, estate_id, region_code, status, updated_at) VALUES (?, ?, ?, 'draft', ?)",
                          {store::Int(cid), store::Int(e.id), store::Str(e.region_code), store::Str(now)});
          !r)
        return std::move(r).error();
    Changes ch;
    ch.Set("title", nullptr, json::string(in.title)).Set("year", nullptr, in.year).Set("catalogId", nullptr, *catalog)
        .Set("estates", nullptr, static_cast<std::int64_t>(estates.size()));
    if (auto r = RecordAudit(s, clock_, actor, "checkup.create", "checkup", std::to_string(cid), in.region_code, ch); !r)
      return std::move(r).error();
    return cid;
  });
  if (!id) return std::move(id).error();
  return Get(actor, *id);
}

Result<std::vector<Campaign>> CheckupService::List(const Actor& actor, std::optional<std::string> region,
                                                   std::optional<int> year) {
  if (auto r = RequirePermission(actor, perm::kCheckupRead); !r) return std::move(r).error();
  if (region)
    if (auto r = RequireInScope(actor, *region); !r) return std::move(r).error();
  return store::ReadResult(db_, [&](store::Session& s) -> Result<std::vector<Campaign>> {
    // Campaigns with an estate inside the actor's scope (or the region asked for).
    std::string where = " WHERE 1 = 1";
    store::Params p;
    store::AddPrefixFilter(where, p, "ce.region_code", region.value_or(actor.scope.prefix()));
    if (year) {
      where += " AND c.year = ?";
      p.push_back(store::Int(*year));
    }
    auto rows = s.Query("SELECT DISTINCT c.id FROM checkup c JOIN checkup_estate ce ON ce.checkup_id = c.id" + where +
                            " ORDER BY c.id DESC LIMIT 200",
                        p);
    if (!rows) return std::move(rows).error();
    std::vector<Campaign> out;
    for (const auto& r : *rows) {
      auto c = LoadCampaign(s, actor, r.GetInt(0), perm::kCheckupRead);
      if (!c) return std::move(c).error();
      out.push_back(std::move(*c));
    }
    return out;
  });
}

Result<Campaign> CheckupService::Get(const Actor& actor, std::int64_t id) {
  return store::ReadResult(db_, [&](store::Session& s) { return LoadCampaign(s, actor, id, perm::kCheckupRead); });
}

Result<Campaign> CheckupService::Assign(const Actor& actor, std::int64_t id, const std::vector<std::int64_t>& estate_ids,
                                        std::int64_t user_id) {
  auto w = db_.Write([&](store::Session& s) -> Result<void> {
    auto c = LoadCampaign(s, actor, id, perm::kCheckupWrite);
    if (!c) return std::move(c).error();
    auto user = store::UserRepository::FindById(s, user_id);
    if (!user) return std::move(user).error();
    if (!*user || (*user)->disabled) return BadField("userId", Text("用户不存在或已停用", "no such active user"));
    auto role = core::auth::ParseRole((*user)->role);
    if (estate_ids.empty()) return BadField("estateIds", Text("至少选择一个小区", "choose at least one estate"));
    for (auto eid : estate_ids) {
      auto it = std::find_if(c->estates.begin(), c->estates.end(), [&](const auto& e) { return e.estate_id == eid; });
      if (it == c->estates.end()) return BadField("estateIds", Text::Same(std::to_string(eid)), Text("不在本次体检任务中", "not in this check-up"));
      // Grid workers capture: the user must hold the capture permission and a scope covering the estate.
      if (!role || !core::auth::HasPermission(*role, perm::kCheckupCapture) ||
          !core::auth::Scope((*user)->region_code).Covers(it->region_code))
        return BadField("userId", Text("该用户不能负责这个小区的体检", "that user cannot check this estate"),
                        Text("请选择管辖范围覆盖该小区的网格员", "choose a grid worker whose scope covers the estate"));
      if (auto r = s.Exec("UPDATE checkup_estate SET assignee_id = ?, updated_at = ? WHERE checkup_id = ? AND estate_id = ?",
                          {store::Int(user_id), store::Str(FormatIsoUtc(clock_.Now())), store::Int(id), store::Int(eid)});
          !r)
        return std::move(r).error();
    }
    Changes ch;
    ch.Set("assignee", nullptr, json::string((*user)->username)).Set("estates", nullptr, static_cast<std::int64_t>(estate_ids.size()));
    return RecordAudit(s, clock_, actor, "checkup.assign", "checkup", std::to_string(id), c->region_code, ch);
  });
  if (!w) return std::move(w).error();
  return Get(actor, id);
}

Result<StoredFile> CheckupService::StorePhoto(const Actor& actor, std::int64_t id, const std::string& name,
                                              const std::string& bytes) {
  if (bytes.size() > kMaxPhotoBytes)
    return MakeError(ErrorCode::kPayloadTooLarge, "file.too_large", Text("照片超过 10 MiB", "the photo is larger than 10 MiB"),
                     Text::Same(std::to_string(bytes.size()) + " bytes"), Text("请降低拍照分辨率", "use a lower camera resolution"));
  auto type = SniffImage(bytes);
  if (!type)
    return MakeError(ErrorCode::kUnsupportedMediaType, "file.unsupported_type", Text("只支持 JPEG、PNG 或 WebP 照片", "only JPEG, PNG or WebP photos"),
                     Text::Same(name));
  // Location and device metadata leave with EXIF (PIPL Art. 6); the observation carries GPS itself.
  auto stripped = StripImageMetadata(bytes);
  if (!stripped)
    return MakeError(ErrorCode::kUnprocessable, "file.bad_image", Text("图片已损坏或格式不完整", "the image is damaged or incomplete"), Text::Same(name));
  return store::WriteResult(db_, [&](store::Session& s) -> Result<StoredFile> {
    auto c = LoadCampaign(s, actor, id, perm::kCheckupCapture);
    if (!c) return std::move(c).error();
    auto f = files_.Put(s, actor, "checkup", actor.scope.prefix().size() > c->region_code.size() ? actor.scope.prefix() : c->region_code,
                        name, std::string(ImageMime(*type)), *stripped);
    if (!f) return std::move(f).error();
    Changes ch;
    ch.Set("file", nullptr, json::string(f->name)).Set("sha256", nullptr, json::string(f->sha256));
    if (auto r = RecordAudit(s, clock_, actor, "file.upload", "checkup", std::to_string(id), f->region_code, ch); !r)
      return std::move(r).error();
    return std::move(*f);
  });
}

CheckupService::CheckupService(store::Database& db, const Clock& clock, CatalogueService& catalogue, FileService& files)
    : db_(db), clock_(clock), catalogue_(catalogue), files_(files) {
  files_.SetReadPolicy("checkup", [](const Actor& actor, const StoredFile&) {
    return RequirePermission(actor, perm::kCheckupRead);
  });
}

Result<UpsertResult> CheckupService::Upsert(const Actor& actor, std::int64_t id, const std::vector<ObservationInput>& batch) {
  if (batch.empty()) return BadField("observations", Text("至少一条", "at least one"));
  if (batch.size() > kMaxBatch) return BadField("observations", Text("一次最多2000条", "at most 2 000 at once"));
  return store::WriteResult(db_, [&](store::Session& s) -> Result<UpsertResult> {
    auto c = LoadCampaign(s, actor, id, perm::kCheckupCapture);
    if (!c) return std::move(c).error();
    auto cat = LoadCatalog(s, c->catalog_id);
    if (!cat) return std::move(cat).error();
    auto now = FormatIsoUtc(clock_.Now());
    UpsertResult out;
    std::set<std::string> seen;
    std::map<std::int64_t, store::BuildingRecord> buildings;
    std::map<std::int64_t, store::DwellingRecord> dwellings;
    // Validate everything first: the batch is all or nothing.
    std::vector<std::string> object_keys;
    std::vector<std::optional<ck::Severity>> grades;
    std::vector<const CampaignEstate*> estates;
    for (std::size_t k = 0; k < batch.size(); ++k) {
      const auto& o = batch[k];
      std::string at = "observations[" + std::to_string(k) + "]";
      if (o.client_id.empty() || o.client_id.size() > 64 || !seen.insert(o.client_id).second)
        return BadField(at + ".clientId", Text("必填，1–64字符，批内唯一", "required, 1–64 characters, unique in the batch"));
      auto est = std::find_if(c->estates.begin(), c->estates.end(), [&](const auto& e) { return e.estate_id == o.estate_id; });
      if (est == c->estates.end()) return BadField(at + ".estateId", Text("不在本次体检任务中或不在管辖范围内", "not in this check-up or outside your scope"));
      if (est->status != "draft" && est->status != "returned")
        return MakeError(ErrorCode::kConflict, "checkup.not_editable",
                         Text("该小区体检已提交或已审核，不能再修改", "the estate's check-up is submitted or approved"),
                         Text::Same(est->estate_name + " " + est->status), Text("审核退回后可以补充", "it can be edited again once returned"));
      const auto* ind = cat->Indicator(o.indicator);
      if (!ind) return BadField(at + ".indicator", Text("指标目录中没有该指标：" + o.indicator, "unknown indicator " + o.indicator));
      const auto* crit = cat->Criterion(o.criterion);
      if (!crit || crit->indicator != o.indicator)
        return BadField(at + ".criterion", Text("该指标下没有这个子项：" + o.criterion, "no such criterion of the indicator: " + o.criterion));
      if (ck::InputOf(crit->rule) == ck::Input::kFlag && o.value)
        return BadField(at + ".value", Text("该子项只记录有无（present），不填量值", "this criterion takes present, not a value"));
      if (ck::InputOf(crit->rule) == ck::Input::kNumber && !o.value)
        return BadField(at + ".value", Text("该子项须填写量值（" + crit->unit + "）", "this criterion needs a value (" + crit->unit + ")"));
      if (o.value && *o.value < 0) return BadField(at + ".value", Text("不能为负", "cannot be negative"));
      auto note = Utf8Length(o.note);
      if (!note || *note > 1000) return BadField(at + ".note", Text("不超过1000字", "at most 1 000 characters"));
      if (o.photo_ids.size() > 20) return BadField(at + ".photoIds", Text("每条最多20张照片", "at most 20 photos each"));
      for (auto pid : o.photo_ids) {
        std::string pw = " WHERE id = ?";
        store::Params pp{store::Int(pid)};
        // Photos of this campaign's area (a street office's upload may be referenced by its grid workers).
        store::AddPrefixFilter(pw, pp, "region_code", c->region_code);
        auto n = store::QueryInt(s, "SELECT COUNT(*) FROM stored_file" + pw, pp);
        if (!n) return std::move(n).error();
        if (*n == 0) return BadField(at + ".photoIds", Text("照片不存在：" + std::to_string(pid), "no such photo: " + std::to_string(pid)));
      }
      // The object the indicator counts (REFERENCE §2.2: buildings, or dwellings for 非成套住宅).
      std::string key;
      switch (ind->core.level) {
        case ck::Level::kEstate: key = "e:" + std::to_string(o.estate_id); break;
        case ck::Level::kBuilding: {
          if (!o.building_id) return BadField(at + ".buildingId", Text("楼栋类指标须指定楼栋", "a building indicator needs buildingId"));
          auto b = store::BuildingRepository::Find(s, *o.building_id);
          if (!b) return std::move(b).error();
          if (!*b || (*b)->estate_id != o.estate_id) return BadField(at + ".buildingId", Text("不是该小区的楼栋", "not a building of the estate"));
          key = "b:" + std::to_string(*o.building_id);
          break;
        }
        case ck::Level::kDwelling: {
          if (!o.dwelling_id) return BadField(at + ".dwellingId", Text("住房类指标须指定房屋", "a dwelling indicator needs dwellingId"));
          auto d = store::DwellingRepository::Find(s, *o.dwelling_id);
          if (!d) return std::move(d).error();
          if (!*d || (*d)->estate_id != o.estate_id) return BadField(at + ".dwellingId", Text("不是该小区的房屋", "not a dwelling of the estate"));
          key = "d:" + std::to_string(*o.dwelling_id);
          break;
        }
      }
      if (o.observed_at && !ParseIso(*o.observed_at)) return BadField(at + ".observedAt", Text("应为 ISO 8601 时间", "must be ISO 8601"));
      object_keys.push_back(key);
      grades.push_back(ck::Grade(crit->rule, {o.present, o.value, o.condition}));
      estates.push_back(&*est);
    }
    for (std::size_t k = 0; k < batch.size(); ++k) {
      const auto& o = batch[k];
      auto severity = grades[k] ? store::Str(std::string(ck::SeverityCode(*grades[k]))) : store::Null();
      auto observed = o.observed_at ? FormatIsoUtc(*ParseIso(*o.observed_at)) : now;
      store::Params values{store::Int(o.estate_id), store::Str(estates[k]->region_code),
                           o.building_id ? store::Int(*o.building_id) : store::Null(),
                           o.dwelling_id ? store::Int(*o.dwelling_id) : store::Null(), store::Str(o.indicator),
                           store::Str(o.criterion), store::Bool(o.present), o.value ? store::Int(*o.value) : store::Null(),
                           store::Bool(o.condition), store::Str(o.note), store::Str(store::JoinIds(o.photo_ids)),
                           o.lat_e6 ? store::Int(*o.lat_e6) : store::Null(), o.lng_e6 ? store::Int(*o.lng_e6) : store::Null(),
                           store::Str(observed), store::Str(object_keys[k]), severity};
      auto existing = s.Query("SELECT o.id, o.estate_id, o.building_id, o.dwelling_id, o.indicator, o.criterion, o.present, "
                              "o.value, o.condition_met, o.note, o.photo_ids, o.lat_e6, o.lng_e6, o.observed_at "
                              "FROM checkup_observation o WHERE o.checkup_id = ? AND o.client_id = ?",
                              {store::Int(id), store::Str(o.client_id)});
      if (!existing) return std::move(existing).error();
      std::int64_t oid = 0;
      if (existing->empty()) {
        auto p = values;
        p.insert(p.begin(), {store::Int(id), store::Str(o.client_id)});
        p.insert(p.end(), {store::Int(actor.user_id), store::Str(now), store::Str(now)});
        auto row = s.Query("INSERT INTO checkup_observation (checkup_id, client_id, estate_id, region_code, building_id, "
                           "dwelling_id, indicator, criterion, present, value, condition_met, note, photo_ids, lat_e6, lng_e6, "
                           "observed_at, object_key, severity, user_id, created_at, updated_at) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                           p);
        if (!row) return std::move(row).error();
        oid = row->at(0).GetInt(0);
        ++out.created;
      } else {
        const auto& e = existing->front();
        oid = e.GetInt(0);
        // The same observation sent again (a retried sync) changes nothing.
        bool same = e.GetInt(1) == o.estate_id && e.GetOptInt(2) == o.building_id && e.GetOptInt(3) == o.dwelling_id &&
                    e.GetText(4) == o.indicator && e.GetText(5) == o.criterion && (e.GetInt(6) != 0) == o.present &&
                    e.GetOptInt(7) == o.value && (e.GetInt(8) != 0) == o.condition && e.GetText(9) == o.note &&
                    e.GetText(10) == store::JoinIds(o.photo_ids) && e.GetOptInt(11) == o.lat_e6 && e.GetOptInt(12) == o.lng_e6 &&
                    (!o.observed_at || e.GetText(13) == observed);
        if (same) {
          ++out.unchanged;
        } else {
          auto p = values;
          p.insert(p.end(), {store::Str(now), store::Int(oid)});
          if (auto r = s.Exec("UPDATE checkup_observation SET estate_id = ?, region_code = ?, building_id = ?, dwelling_id = ?, "
                              "indicator = ?, criterion = ?, present = ?, value = ?, condition_met = ?, note = ?, photo_ids = ?, "
                              "lat_e6 = ?, lng_e6 = ?, observed_at = ?, object_key = ?, severity = ?, updated_at = ? WHERE id = ?",
                              p);
              !r)
            return std::move(r).error();
          ++out.updated;
        }
      }
      out.results.emplace_back(o.client_id, oid, grades[k] ? std::optional(std::string(ck::SeverityCode(*grades[k]))) : std::nullopt);
    }
    if (out.created + out.updated > 0) {
      Changes ch;
      ch.Set("created", nullptr, out.created).Set("updated", nullptr, out.updated).Set("unchanged", nullptr, out.unchanged);
      if (auto r = RecordAudit(s, clock_, actor, "checkup.observations", "checkup", std::to_string(id), c->region_code, ch); !r)
        return std::move(r).error();
    }
    return out;
  });
}

namespace {
// The campaign's observations inside the actor's scope (the caller has loaded the campaign).
Result<std::vector<Observation>> QueryObservations(store::Session& s, const Actor& actor, std::int64_t id,
                                                   std::optional<std::int64_t> estate_id) {
  std::string where = " WHERE o.checkup_id = ?";
  store::Params p{store::Int(id)};
  store::AddPrefixFilter(where, p, "o.region_code", actor.scope.prefix());
  if (estate_id) {
    where += " AND o.estate_id = ?";
    p.push_back(store::Int(*estate_id));
  }
  auto rows = s.Query(std::string("SELECT ") + kObservationColumns +
                          " FROM checkup_observation o LEFT JOIN app_user u ON u.id = o.user_id" + where + " ORDER BY o.id",
                      p);
  if (!rows) return std::move(rows).error();
  std::vector<Observation> out;
  for (const auto& r : *rows) out.push_back(ObservationFromRow(r));
  return out;
}
}  // namespace

Result<std::vector<Observation>> CheckupService::Observations(const Actor& actor, std::int64_t id,
                                                              std::optional<std::int64_t> estate_id) {
  return store::ReadResult(db_, [&](store::Session& s) -> Result<std::vector<Observation>> {
    auto c = LoadCampaign(s, actor, id, perm::kCheckupRead);
    if (!c) return std::move(c).error();
    return QueryObservations(s, actor, id, estate_id);
  });
}

Result<Campaign> CheckupService::Review(const Actor& actor, std::int64_t id, std::int64_t estate_id,
                                        const std::string& action, const std::string& comment) {
  // Grid workers submit; the street office (or bureau) approves or returns.
  auto permission = action == "submit" ? perm::kCheckupCapture : perm::kCheckupWrite;
  if (action != "submit" && action != "approve" && action != "return")
    return BadField("action", Text::Same(action));
  auto len = Utf8Length(comment);
  if (!len || *len > 1000) return BadField("comment", Text("不超过1000字", "at most 1 000 characters"));
  if (action == "return" && Trim(comment).empty())
    return BadField("comment", Text("退回时须写明原因", "say why it is returned"));
  auto w = db_.Write([&](store::Session& s) -> Result<void> {
    auto c = LoadCampaign(s, actor, id, permission);
    if (!c) return std::move(c).error();
    auto est = std::find_if(c->estates.begin(), c->estates.end(), [&](const auto& e) { return e.estate_id == estate_id; });
    if (est == c->estates.end()) return BadField("estateId", Text("不在本次体检任务中或不在管辖范围内", "not in this check-up or outside your scope"));
    const std::string from = est->status;
    bool allowed = (action == "submit" && (from == "draft" || from == "returned")) ||
                   (action != "submit" && from == "submitted");
    if (!allowed)
      return MakeError(ErrorCode::kConflict, "checkup.state", Text("当前状态不能执行该操作", "not allowed in this state"),
                       Text::Same(from + " → " + action));
    if (action == "submit" && est->observations == 0)
      return Invalid("checkup.empty", Text("还没有任何体检记录，不能提交", "nothing has been recorded yet"));
    std::string to = action == "submit" ? "submitted" : action == "approve" ? "approved" : "returned";
    auto now = FormatIsoUtc(clock_.Now());
    std::string sql = "UPDATE checkup_estate SET status = ?, comment = ?, updated_at = ?";
    if (action == "submit") sql += ", submitted_at = ?";
    if (action == "approve") sql += ", approved_at = ?";
    sql += " WHERE checkup_id = ? AND estate_id = ?";
    store::Params p{store::Str(to), store::Str(comment), store::Str(now)};
    if (action != "return") p.push_back(store::Str(now));
    p.insert(p.end(), {store::Int(id), store::Int(estate_id)});
    if (auto r = s.Exec(sql, p); !r) return std::move(r).error();
    Changes ch;
    ch.Set("estateId", nullptr, estate_id).Set("status", json::string(from), json::string(to));
    if (!comment.empty()) ch.Set("comment", nullptr, json::string(comment));
    return RecordAudit(s, clock_, actor, "checkup." + action, "checkup", std::to_string(id), est->region_code, ch);
  });
  if (!w) return std::move(w).error();
  return Get(actor, id);
}

Result<StoredFile> CheckupService::KeepReport(const Actor& actor, std::int64_t id, std::int64_t estate_id, const std::string& pdf) {
  return store::WriteResult(db_, [&](store::Session& s) -> Result<StoredFile> {
    auto c = LoadCampaign(s, actor, id, perm::kCheckupRead);
    if (!c) return std::move(c).error();
    auto est = std::find_if(c->estates.begin(), c->estates.end(), [&](const auto& e) { return e.estate_id == estate_id; });
    if (est == c->estates.end()) return BadField("estateId", Text("不在本次体检任务中", "not in this check-up"));
    auto f = files_.Put(s, actor, "checkup", est->region_code,
                        est->estate_name + "-" + std::to_string(c->year) + "体检报告.pdf", "application/pdf", pdf);
    if (!f) return std::move(f).error();
    if (auto r = s.Exec("UPDATE checkup_estate SET report_file_id = ? WHERE checkup_id = ? AND estate_id = ?",
                        {store::Int(f->id), store::Int(id), store::Int(estate_id)});
        !r)
      return std::move(r).error();
    return std::move(*f);
  });
}

// ---- results ----

Result<ProblemList> CheckupService::Problems(const Actor& actor, std::int64_t id, const ProblemQuery& q) {
  if (q.severity && !ck::ParseSeverity(*q.severity))
    return BadField("severity", Text::Same(*q.severity), Text("problem、hazard、larger_hazard 或 severe", "problem, hazard, larger_hazard or severe"));
  return store::ReadResult(db_, [&](store::Session& s) -> Result<ProblemList> {
    auto c = LoadCampaign(s, actor, id, perm::kCheckupRead);
    if (!c) return std::move(c).error();
    auto obs = QueryObservations(s, actor, id, q.estate_id);
    if (!obs) return std::move(obs).error();
    auto cat = LoadCatalog(s, c->catalog_id);
    if (!cat) return std::move(cat).error();
    ProblemList out;
    out.catalog = std::move(*cat);
    std::map<std::int64_t, std::string> estate_names;
    for (const auto& e : c->estates) estate_names[e.estate_id] = e.estate_name;
    std::map<std::int64_t, std::string> building_labels, dwelling_labels;
    std::vector<ck::GradedObservation> graded;
    for (auto& o : *obs) {
      if (!o.severity) continue;
      if (q.severity && *o.severity != *q.severity) continue;
      if (q.indicator && o.in.indicator != *q.indicator) continue;
      graded.push_back({o.in.indicator, o.object_key, ck::ParseSeverity(*o.severity), o.in.value});
      ProblemRow row;
      row.estate_name = estate_names[o.in.estate_id];
      row.indicator = out.catalog.Indicator(o.in.indicator);
      row.criterion = out.catalog.Criterion(o.in.criterion);
      if (o.object_key[0] == 'b' && o.in.building_id) {
        row.object_type = "building";
        auto& label = building_labels[*o.in.building_id];
        if (label.empty()) {
          auto b = store::BuildingRepository::Find(s, *o.in.building_id);
          if (!b) return std::move(b).error();
          label = *b ? core::reg::BuildingLabel((*b)->number) : "?";
        }
        row.object_label = row.estate_name + " " + label;
      } else if (o.object_key[0] == 'd' && o.in.dwelling_id) {
        row.object_type = "dwelling";
        auto& label = dwelling_labels[*o.in.dwelling_id];
        if (label.empty()) {
          auto d = store::DwellingRepository::Find(s, *o.in.dwelling_id);
          if (!d) return std::move(d).error();
          auto b = *d ? store::BuildingRepository::Find(s, (*d)->building_id) : Result<std::optional<store::BuildingRecord>>(std::nullopt);
          if (!b) return std::move(b).error();
          label = *d && *b ? core::reg::BuildingLabel((*b)->number) + std::to_string((*d)->stairwell) + "单元" + (*d)->room + "室" : "?";
        }
        row.object_label = row.estate_name + " " + label;
      } else {
        row.object_type = "estate";
        row.object_label = row.estate_name;
      }
      row.obs = std::move(o);
      out.rows.push_back(std::move(row));
    }
    std::vector<ck::Indicator> indicators;
    for (const auto& i : out.catalog.indicators) indicators.push_back(i.core);
    out.summary = ck::Summarise(indicators, graded);
    // Worst first, then by indicator order.
    std::stable_sort(out.rows.begin(), out.rows.end(), [](const ProblemRow& a, const ProblemRow& b) {
      auto sa = ck::ParseSeverity(*a.obs.severity).value_or(ck::Severity::kProblem);
      auto sb = ck::ParseSeverity(*b.obs.severity).value_or(ck::Severity::kProblem);
      return sa > sb;
    });
    return out;
  });
}

Result<Rollup> CheckupService::RegionProblems(const Actor& actor, const std::string& region_code, int year) {
  if (auto r = RequirePermission(actor, perm::kCheckupRead); !r) return std::move(r).error();
  if (auto r = RequireInScope(actor, region_code); !r) return std::move(r).error();
  return store::ReadResult(db_, [&](store::Session& s) -> Result<Rollup> {
    Rollup out;
    out.region_code = region_code;
    out.year = year;
    auto name = s.Query("SELECT name FROM region WHERE code = ?", {store::Str(region_code)});
    if (!name) return std::move(name).error();
    out.region_name = name->empty() ? region_code : name->front().GetText(0);
    auto latest = LatestPublished(s);
    if (!latest) return std::move(latest).error();
    if (*latest) {
      auto cat = LoadCatalog(s, **latest);
      if (!cat) return std::move(cat).error();
      out.indicators = std::move(cat->indicators);
    }
    // Approved check-ups only: objects with problems per child region and indicator, this year and the
    // previous one (REFERENCE §2.5: the problem list per community, street, district and city).
    std::string where = " WHERE ce.status = 'approved' AND o.severity IS NOT NULL AND c.year IN (?, ?)";
    store::Params p{store::Int(year), store::Int(year - 1)};
    store::AddPrefixFilter(where, p, "o.region_code", region_code);
    auto rows = s.Query(
        "SELECT o.region_code, c.year, o.indicator, o.object_key, o.estate_id FROM checkup_observation o "
        "JOIN checkup c ON c.id = o.checkup_id JOIN checkup_estate ce ON ce.checkup_id = o.checkup_id AND ce.estate_id = o.estate_id" +
            where,
        p);
    if (!rows) return std::move(rows).error();
    std::map<std::string, RollupRow> children;
    std::map<std::pair<std::string, std::string>, std::set<std::string>> seen_now, seen_before;  // (child, indicator) → objects
    std::map<std::string, std::set<std::int64_t>> estates_now;
    std::set<std::pair<std::string, std::string>> total_now, total_before;  // (indicator, object)
    for (const auto& r : *rows) {
      auto child = ChildOf(region_code, r.GetText(0));
      bool now = r.GetInt(1) == year;
      auto indicator = r.GetText(2), object = r.GetText(3);
      auto& row = children[child];
      row.region_code = child;
      auto& seen = now ? seen_now[{child, indicator}] : seen_before[{child, indicator}];
      if (seen.insert(object).second) {
        auto& cell = row.objects[indicator];
        (now ? cell.first : cell.second) += 1;
        auto& t = out.total.objects[indicator];
        if ((now ? total_now : total_before).insert({indicator, object}).second) (now ? t.first : t.second) += 1;
      }
      (now ? row.problems : row.previous_problems) += 1;
      (now ? out.total.problems : out.total.previous_problems) += 1;
      if (now) estates_now[child].insert(r.GetInt(4));
    }
    for (auto& [code, row] : children) {
      auto n = s.Query("SELECT name FROM region WHERE code = ?", {store::Str(code)});
      if (!n) return std::move(n).error();
      row.region_name = n->empty() ? code : n->front().GetText(0);
      row.estates = static_cast<std::int64_t>(estates_now[code].size());
      out.total.estates += row.estates;
      out.children.push_back(std::move(row));
    }
    out.total.region_code = region_code;
    out.total.region_name = out.region_name;
    return out;
  });
}

Result<std::map<std::string, std::int64_t>> CheckupService::EstateObjectsInYear(const Actor& actor, std::int64_t estate_id,
                                                                               int year) {
  if (auto r = RequirePermission(actor, perm::kCheckupRead); !r) return std::move(r).error();
  return store::ReadResult(db_, [&](store::Session& s) -> Result<std::map<std::string, std::int64_t>> {
    std::string where = " WHERE o.estate_id = ? AND c.year = ? AND ce.status = 'approved' AND o.severity IS NOT NULL";
    store::Params p{store::Int(estate_id), store::Int(year)};
    store::AddPrefixFilter(where, p, "o.region_code", actor.scope.prefix());
    auto rows = s.Query(
        "SELECT o.indicator, COUNT(DISTINCT o.object_key) FROM checkup_observation o JOIN checkup c ON c.id = o.checkup_id "
        "JOIN checkup_estate ce ON ce.checkup_id = o.checkup_id AND ce.estate_id = o.estate_id" +
            where + " GROUP BY o.indicator",
        p);
    if (!rows) return std::move(rows).error();
    std::map<std::string, std::int64_t> out;
    for (const auto& r : *rows) out[r.GetText(0)] = r.GetInt(1);
    return out;
  });
}

}  // namespace huanxin::service
