#include "service/checkup/checkup_service.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <set>

#include "common/decimal.hpp"
#include "common/text.hpp"
#include "core/auth/role.hpp"
#include "core/register/codes.hpp"
#include "store/checkup/observation_repository.hpp"
#include "store/checkup/result_repository.hpp"
#include "store/region/region_repository.hpp"
#include "store/register/register_repository.hpp"

namespace huanxin::service {

namespace json = boost::json;
namespace ck = core::checkup;
namespace perm = core::auth::perm;
using store::CheckupCampaignRepository;
using store::CheckupCatalogRepository;
using store::CheckupObservationRepository;
using store::CheckupResultRepository;

namespace {

constexpr std::size_t kMaxBatch = 2000;

Error BadField(const std::string& field, Text detail, Text hint = {}) {
  return Invalid("checkup.invalid_field", Text("字段 " + field + " 不正确", "field " + field + " is invalid"), std::move(detail),
                 std::move(hint));
}
Error NoCampaign() { return NotFound("checkup.not_found", Text("体检任务不存在", "no such check-up")); }
Error NoPublishedCatalog() {
  return NotFound("checkup.catalog_not_found", Text("没有已发布的指标目录", "no published catalogue"));
}

std::optional<std::int64_t> Hundredths(const json::value* v) {
  if (!v || !v->is_string()) return std::nullopt;
  return ParseHundredths(std::string(v->as_string()));
}

Observation ObservationFromRecord(store::CheckupObservationRecord r) {
  Observation o;
  o.id = r.id;
  o.in.client_id = std::move(r.client_id);
  o.in.estate_id = r.estate_id;
  o.in.building_id = r.building_id;
  o.in.dwelling_id = r.dwelling_id;
  o.in.indicator = std::move(r.indicator);
  o.in.criterion = std::move(r.criterion);
  o.in.present = r.present;
  o.in.value = r.value;
  o.in.condition = r.condition;
  o.in.note = std::move(r.note);
  o.in.photo_ids = std::move(r.photo_ids);
  o.in.lat_e6 = r.lat_e6;
  o.in.lng_e6 = r.lng_e6;
  o.in.observed_at = r.observed_at;
  o.observed_at = std::move(r.observed_at);
  o.object_key = std::move(r.object_key);
  o.severity = r.severity;
  o.created_at = std::move(r.created_at);
  o.updated_at = std::move(r.updated_at);
  o.username = std::move(r.username);
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
  auto found = CheckupCatalogRepository::Find(s, id);
  if (!found) return std::move(found).error();
  if (!*found) return NotFound("checkup.catalog_not_found", Text("指标目录版本不存在", "no such catalogue version"));
  CatalogView v;
  v.catalog = std::move(**found);
  auto indicators = CheckupCatalogRepository::Indicators(s, id);
  if (!indicators) return std::move(indicators).error();
  for (auto& r : *indicators) {
    CheckupIndicator i;
    i.core.code = std::move(r.code);
    i.core.name = std::move(r.name_zh);
    i.name_en = std::move(r.name_en);
    i.core.level = r.level;
    i.core.sub_dimension = std::move(r.sub_dimension);
    i.core.problem_unit = std::move(r.problem_unit);
    i.core.sums_values = r.sums_values;
    i.local = r.local;
    v.indicators.push_back(std::move(i));
  }
  auto criteria = CheckupCatalogRepository::Criteria(s, id);
  if (!criteria) return std::move(criteria).error();
  for (auto& r : *criteria) {
    CheckupCriterion c;
    c.indicator = std::move(r.indicator_code);
    c.code = std::move(r.code);
    c.name_zh = std::move(r.name_zh);
    c.name_en = std::move(r.name_en);
    c.unit = std::move(r.unit);
    c.rule_json = std::move(r.rule_json);
    auto rule = GradingRuleFromJson(c.rule_json);
    if (!rule) return std::move(rule).error();
    c.rule = *rule;
    c.suggested_items = std::move(r.suggested_items);
    for (auto& i : v.indicators)
      if (i.core.code == c.indicator) i.criteria.push_back(c);
  }
  return v;
}

Result<std::vector<CheckupCatalog>> CheckupService::Catalogs(const Actor& actor) {
  if (auto r = RequirePermission(actor, perm::kCheckupRead); !r) return std::move(r).error();
  return store::ReadResult(db_, [&](store::Session& s) { return CheckupCatalogRepository::List(s); });
}

Result<CatalogView> CheckupService::Catalog(const Actor& actor, std::optional<std::int64_t> id) {
  if (auto r = RequirePermission(actor, perm::kCheckupRead); !r) return std::move(r).error();
  return store::ReadResult(db_, [&](store::Session& s) -> Result<CatalogView> {
    auto which = id;
    if (!which) {
      auto latest = CheckupCatalogRepository::LatestPublished(s);
      if (!latest) return std::move(latest).error();
      which = *latest;
    }
    if (!which) return NoPublishedCatalog();
    return LoadCatalog(s, *which);
  });
}

Result<CatalogView> CheckupService::NewDraft(const Actor& actor) {
  if (auto r = RequirePermission(actor, perm::kCheckupCatalogWrite); !r) return std::move(r).error();
  return store::WriteResult(db_, [&](store::Session& s) -> Result<CatalogView> {
    auto drafts = CheckupCatalogRepository::CountDrafts(s);
    if (!drafts) return std::move(drafts).error();
    if (*drafts > 0)
      return MakeError(ErrorCode::kConflict, "checkup.draft_exists", Text("已有未发布的目录草稿", "a draft catalogue exists"),
                       {}, Text("先发布或继续编辑现有草稿", "publish or edit the existing draft"));
    auto latest = CheckupCatalogRepository::LatestPublished(s);
    if (!latest) return std::move(latest).error();
    if (!*latest) return NoPublishedCatalog();
    auto base = LoadCatalog(s, **latest);
    if (!base) return std::move(base).error();
    auto now = FormatIsoUtc(clock_.Now());
    int year = ShanghaiYear(clock_.Now());
    store::CheckupCatalogRecord draft;
    draft.year = year;
    draft.name = base->catalog.name + "（" + std::to_string(year) + "修订）";
    draft.state = "draft";
    draft.based_on = base->catalog.id;
    draft.created_at = now;
    auto new_id = CheckupCatalogRepository::Insert(s, draft);
    if (!new_id) return std::move(new_id).error();
    if (auto r = CheckupCatalogRepository::CopyContents(s, base->catalog.id, *new_id); !r) return std::move(r).error();
    Changes ch;
    ch.Set("basedOn", nullptr, base->catalog.id);
    if (auto r = RecordAudit(s, clock_, actor, "checkup.catalog_draft", "checkup_catalog", std::to_string(*new_id), "", ch); !r)
      return std::move(r).error();
    return LoadCatalog(s, *new_id);
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
  auto level = ck::ParseLevel(in.level);
  if (!level) return BadField("level", Text("应为 building、dwelling 或 estate", "building, dwelling or estate"));
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
    auto pos = CheckupCatalogRepository::NextIndicatorPosition(s, catalog_id);
    if (!pos) return std::move(pos).error();
    store::CheckupIndicatorRecord ind;
    ind.catalog_id = catalog_id;
    ind.code = in.code;
    ind.name_zh = in.name_zh;
    ind.name_en = in.name_en.empty() ? in.name_zh : in.name_en;
    ind.level = *level;
    ind.sub_dimension = in.sub_dimension;
    ind.problem_unit = in.problem_unit;
    ind.sums_values = in.sums_values;
    ind.position = *pos;
    ind.local = true;
    if (auto r = CheckupCatalogRepository::InsertIndicator(s, ind); !r) return std::move(r).error();
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
      store::CheckupCriterionRecord crit;
      crit.catalog_id = catalog_id;
      crit.indicator_code = in.code;
      crit.code = c.code;
      crit.name_zh = c.name_zh;
      crit.name_en = c.name_en.empty() ? c.name_zh : c.name_en;
      crit.unit = c.unit;
      crit.rule_json = c.rule_json;
      crit.suggested_items = c.suggested_items;
      crit.position = ++n;
      if (auto r = CheckupCatalogRepository::InsertCriterion(s, crit); !r) return std::move(r).error();
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
    auto published = CheckupCatalogRepository::Publish(s, catalog_id, FormatIsoUtc(clock_.Now()));
    if (!published) return std::move(published).error();
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
    auto latest = CheckupCatalogRepository::LatestPublished(s);
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
  auto found = CheckupCampaignRepository::Find(s, id);
  if (!found) return std::move(found).error();
  if (!*found) return NoCampaign();
  auto& r = **found;
  Campaign c;
  c.id = r.id;
  c.title = std::move(r.title);
  c.year = r.year;
  c.region_code = std::move(r.region_code);
  c.catalog_id = r.catalog_id;
  c.catalog_name = std::move(r.catalog_name);
  c.created_at = std::move(r.created_at);
  c.updated_at = std::move(r.updated_at);
  // A street office sees the campaign of its street; a grid worker the estates of their community.
  auto estates = CheckupCampaignRepository::Estates(s, id, actor.scope.prefix());
  if (!estates) return std::move(estates).error();
  // Visible when the campaign lies in the actor's scope, or the actor works inside the campaign's
  // area (a grid worker in a street-wide campaign) and then sees only their estates.
  if (!actor.scope.Covers(c.region_code) && estates->empty())
    return MakeError(ErrorCode::kForbidden, "auth.out_of_scope", Text("不在管辖范围内", "outside your scope"));
  c.estates = std::move(*estates);
  return c;
}

Result<Campaign> CheckupService::Create(const Actor& actor, const CampaignInput& in) {
  if (auto r = RequirePermission(actor, perm::kCheckupWrite); !r) return std::move(r).error();
  auto n = Utf8Length(in.title);
  if (!n || *n < 1 || *n > 200 || Trim(in.title).empty() || in.title.find('\0') != std::string::npos)
    return BadField("title", Text("不能为空，且不超过200字", "must be 1–200 characters"));
  auto now = FormatIsoUtc(clock_.Now());
  int this_year = ShanghaiYear(clock_.Now());
  if (in.year < 2019 || in.year > this_year + 1) return BadField("year", Text("应为2019–" + std::to_string(this_year + 1), "must be 2019–" + std::to_string(this_year + 1)));
  if (auto r = RequireInScope(actor, in.region_code); !r) return std::move(r).error();
  auto id = store::WriteResult(db_, [&](store::Session& s) -> Result<std::int64_t> {
    std::optional<std::int64_t> catalog = in.catalog_id;
    if (!catalog) {
      auto latest = CheckupCatalogRepository::LatestPublished(s);
      if (!latest) return std::move(latest).error();
      catalog = *latest;
    }
    if (!catalog) return NoPublishedCatalog();
    auto cat = CheckupCatalogRepository::Find(s, *catalog);
    if (!cat) return std::move(cat).error();
    if (!*cat) return BadField("catalogId", Text("指标目录版本不存在", "no such catalogue version"));
    if ((*cat)->state != "published") return BadField("catalogId", Text("只能使用已发布的目录", "only a published catalogue"));
    // The estates (id, community): those named (each inside the region), or every estate of the region.
    std::vector<std::pair<std::int64_t, std::string>> estates;
    if (in.estate_ids) {
      if (in.estate_ids->empty()) return BadField("estateIds", Text("为空时请省略该字段", "omit the field instead of an empty list"));
      for (auto eid : *in.estate_ids) {
        auto e = store::EstateRepository::Find(s, eid);
        if (!e) return std::move(e).error();
        if (!*e || !core::auth::Scope(in.region_code).Covers((*e)->region_code))
          return BadField("estateIds", Text::Same(std::to_string(eid)), Text("不是该区域的小区", "not an estate of the region"));
        estates.emplace_back((*e)->id, (*e)->region_code);
      }
    } else {
      auto all = CheckupCampaignRepository::EstatesIn(s, in.region_code);
      if (!all) return std::move(all).error();
      estates = std::move(*all);
    }
    if (estates.empty()) return BadField("regionCode", Text("该区域没有登记的小区", "no registered estates in the region"));
    store::CheckupRecord rec;
    rec.title = std::string(Trim(in.title));
    rec.year = in.year;
    rec.region_code = in.region_code;
    rec.catalog_id = *catalog;
    rec.created_by = actor.user_id;
    rec.created_at = rec.updated_at = now;
    auto cid = CheckupCampaignRepository::Insert(s, rec);
    if (!cid) return std::move(cid).error();
    for (const auto& [estate_id, region_code] : estates) {
      store::CheckupEstateRecord e;
      e.checkup_id = *cid;
      e.estate_id = estate_id;
      e.region_code = region_code;
      e.status = "draft";
      e.updated_at = now;
      if (auto r = CheckupCampaignRepository::InsertEstate(s, e); !r) return std::move(r).error();
    }
    Changes ch;
    ch.Set("title", nullptr, json::string(in.title)).Set("year", nullptr, in.year).Set("catalogId", nullptr, *catalog)
        .Set("estates", nullptr, static_cast<std::int64_t>(estates.size()));
    if (auto r = RecordAudit(s, clock_, actor, "checkup.create", "checkup", std::to_string(*cid), in.region_code, ch); !r)
      return std::move(r).error();
    return *cid;
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
    store::CheckupFilter f;
    f.region_prefix = region.value_or(actor.scope.prefix());
    f.year = year;
    f.limit = 200;
    auto ids = CheckupCampaignRepository::List(s, f);
    if (!ids) return std::move(ids).error();
    std::vector<Campaign> out;
    for (auto cid : *ids) {
      auto c = LoadCampaign(s, actor, cid, perm::kCheckupRead);
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
    auto now = FormatIsoUtc(clock_.Now());
    for (auto eid : estate_ids) {
      auto it = std::find_if(c->estates.begin(), c->estates.end(), [&](const auto& e) { return e.estate_id == eid; });
      if (it == c->estates.end()) return BadField("estateIds", Text::Same(std::to_string(eid)), Text("不在本次体检任务中", "not in this check-up"));
      // Grid workers capture: the user must hold the capture permission and a scope covering the estate.
      if (!role || !core::auth::HasPermission(*role, perm::kCheckupCapture) ||
          !core::auth::Scope((*user)->region_code).Covers(it->region_code))
        return BadField("userId", Text("该用户不能负责这个小区的体检", "that user cannot check this estate"),
                        Text("请选择管辖范围覆盖该小区的网格员", "choose a grid worker whose scope covers the estate"));
      auto assigned = CheckupCampaignRepository::Assign(s, id, eid, user_id, now);
      if (!assigned) return std::move(assigned).error();
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
  // Location and device metadata leave with EXIF (PIPL Art. 6); the observation carries GPS itself.
  auto photo = CheckPhoto(name, bytes);
  if (!photo) return std::move(photo).error();
  return store::WriteResult(db_, [&](store::Session& s) -> Result<StoredFile> {
    auto c = LoadCampaign(s, actor, id, perm::kCheckupCapture);
    if (!c) return std::move(c).error();
    auto f = files_.Put(s, actor, "checkup", actor.scope.prefix().size() > c->region_code.size() ? actor.scope.prefix() : c->region_code,
                        name, photo->content_type, photo->bytes);
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
    // Validate everything first: the batch is all or nothing.
    std::vector<store::CheckupObservationRecord> rows;
    rows.reserve(batch.size());
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
      // A NUL does not survive PostgreSQL text (the note was cut there) and cannot be printed in the
      // PDF report, whose failure would then hold up the approval.
      if (o.note.find('\0') != std::string::npos) return BadField(at + ".note", Text("不能含空字符", "must not contain NUL"));
      if (o.photo_ids.size() > 20) return BadField(at + ".photoIds", Text("每条最多20张照片", "at most 20 photos each"));
      for (auto pid : o.photo_ids) {
        // Photos of this campaign's area (a street office's upload may be referenced by its grid workers).
        auto photo = files_.Find(s, pid);
        if (!photo) return std::move(photo).error();
        if (!*photo || !core::auth::Scope(c->region_code).Covers((*photo)->region_code)) return BadField(at + ".photoIds", Text("照片不存在：" + std::to_string(pid), "no such photo: " + std::to_string(pid)));
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
      std::optional<TimePoint> observed;
      if (o.observed_at) {
        observed = ParseIso(*o.observed_at);
        if (!observed) return BadField(at + ".observedAt", Text("应为 ISO 8601 时间", "must be ISO 8601"));
      }
      store::CheckupObservationRecord row;
      row.checkup_id = id;
      row.client_id = o.client_id;
      row.estate_id = o.estate_id;
      row.region_code = est->region_code;
      row.building_id = o.building_id;
      row.dwelling_id = o.dwelling_id;
      row.indicator = o.indicator;
      row.criterion = o.criterion;
      row.present = o.present;
      row.value = o.value;
      row.condition = o.condition;
      row.note = o.note;
      row.photo_ids = o.photo_ids;
      row.lat_e6 = o.lat_e6;
      row.lng_e6 = o.lng_e6;
      row.observed_at = observed ? FormatIsoUtc(*observed) : now;
      row.object_key = std::move(key);
      row.severity = ck::Grade(crit->rule, {o.present, o.value, o.condition});
      row.user_id = actor.user_id;
      row.created_at = row.updated_at = now;
      rows.push_back(std::move(row));
    }
    // One observation per (object, criterion) of a campaign (issue #11 §2): a second one — another
    // phone, or the same one with a new clientId — updates the first instead of adding a row, so
    // totals and problem counts never double. A resend by clientId changes nothing.
    for (std::size_t k = 0; k < rows.size(); ++k) {
      auto& row = rows[k];
      auto by_client = CheckupObservationRepository::FindByClientId(s, id, row.client_id);
      if (!by_client) return std::move(by_client).error();
      auto by_object = CheckupObservationRepository::FindByObject(s, id, row.object_key, row.criterion);
      if (!by_object) return std::move(by_object).error();
      std::optional<store::CheckupObservationRecord> target = *by_client ? std::move(*by_client) : std::move(*by_object);
      bool merged = false;
      if (target && *by_object && (*by_object)->id != target->id) {
        // The observation of this clientId was moved onto an object and criterion that already have
        // one: that one takes the new reading and this one goes, leaving a single observation.
        auto gone = CheckupObservationRepository::Delete(s, target->id);
        if (!gone) return std::move(gone).error();
        target = std::move(*by_object);
        merged = true;
      }
      if (!target) {
        auto oid = CheckupObservationRepository::Insert(s, row);
        if (!oid) return std::move(oid).error();
        row.id = *oid;
        ++out.created;
      } else {
        const auto& e = *target;
        row.id = e.id;
        // The same observation sent again (a retried sync) changes nothing; a time left out is not
        // a change.
        bool same = e.estate_id == row.estate_id && e.building_id == row.building_id && e.dwelling_id == row.dwelling_id &&
                    e.indicator == row.indicator && e.criterion == row.criterion && e.present == row.present &&
                    e.value == row.value && e.condition == row.condition && e.note == row.note &&
                    e.photo_ids == row.photo_ids && e.lat_e6 == row.lat_e6 && e.lng_e6 == row.lng_e6 &&
                    (!batch[k].observed_at || e.observed_at == row.observed_at);
        if (same && !merged) {
          ++out.unchanged;
        } else {
          auto updated = CheckupObservationRepository::Update(s, row);
          if (!updated) return std::move(updated).error();
          ++out.updated;
        }
      }
      out.results.push_back({row.client_id, row.id, row.severity});
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

Result<std::vector<Observation>> CheckupService::Observations(const Actor& actor, std::int64_t id,
                                                              std::optional<std::int64_t> estate_id) {
  return store::ReadResult(db_, [&](store::Session& s) -> Result<std::vector<Observation>> {
    auto c = LoadCampaign(s, actor, id, perm::kCheckupRead);
    if (!c) return std::move(c).error();
    store::CheckupObservationFilter f;
    f.checkup_id = id;
    f.scope_prefix = actor.scope.prefix();
    f.estate_id = estate_id;
    auto rows = CheckupObservationRepository::List(s, f);
    if (!rows) return std::move(rows).error();
    std::vector<Observation> out;
    out.reserve(rows->size());
    for (auto& r : *rows) out.push_back(ObservationFromRecord(std::move(r)));
    return out;
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
    store::CheckupReviewChange change;
    change.status = action == "submit" ? "submitted" : action == "approve" ? "approved" : "returned";
    change.comment = comment;
    change.at = FormatIsoUtc(clock_.Now());
    change.stamp_submitted = action == "submit";
    change.stamp_approved = action == "approve";
    auto set = CheckupCampaignRepository::SetReview(s, id, estate_id, change);
    if (!set) return std::move(set).error();
    Changes ch;
    ch.Set("estateId", nullptr, estate_id).Set("status", json::string(from), json::string(change.status));
    if (!comment.empty()) ch.Set("comment", nullptr, json::string(comment));
    if (action == "approve") {
      // The estate's report is made on approval and kept with it (issue #4), inside this transaction:
      // an approval whose report cannot be rendered or stored fails whole, so an approved estate
      // always has its report. (Made after the commit, a failure left it approved without one.)
      auto approved = LoadCampaign(s, actor, id, perm::kCheckupRead);
      if (!approved) return std::move(approved).error();
      auto kept = KeepEstateReport(s, actor, *approved, estate_id);
      if (!kept) return std::move(kept).error();
      ch.Set("reportFileId", nullptr, kept->id);
    }
    return RecordAudit(s, clock_, actor, "checkup." + action, "checkup", std::to_string(id), est->region_code, ch);
  });
  if (!w) return std::move(w).error();
  return Get(actor, id);
}

// ---- results ----

Result<ProblemList> CheckupService::Problems(const Actor& actor, std::int64_t id, const ProblemQuery& q) {
  return store::ReadResult(db_, [&](store::Session& s) -> Result<ProblemList> {
    auto c = LoadCampaign(s, actor, id, perm::kCheckupRead);
    if (!c) return std::move(c).error();
    return LoadProblems(s, actor, *c, q);
  });
}

Result<ProblemList> CheckupService::LoadProblems(store::Session& s, const Actor& actor, const Campaign& c,
                                                 const ProblemQuery& q) {
  store::CheckupObservationFilter f;
  f.checkup_id = c.id;
  f.scope_prefix = actor.scope.prefix();
  f.estate_id = q.estate_id;
  f.problems_only = true;
  f.severity = q.severity;
  f.indicator = q.indicator;
  auto obs = CheckupObservationRepository::List(s, f);
  if (!obs) return std::move(obs).error();
  auto labels = CheckupResultRepository::ProblemObjects(s, c.id, q.estate_id);
  if (!labels) return std::move(labels).error();
  auto cat = LoadCatalog(s, c.catalog_id);
  if (!cat) return std::move(cat).error();
  ProblemList out;
  out.catalog = std::move(*cat);
  std::map<std::int64_t, std::string> estate_names;
  for (const auto& e : c.estates) estate_names[e.estate_id] = e.estate_name;
  std::vector<ck::GradedObservation> graded;
  for (auto& r : *obs) {
    auto o = ObservationFromRecord(std::move(r));
    graded.push_back({o.in.indicator, o.object_key, o.severity, o.in.value});
    ProblemRow row;
    row.estate_name = estate_names[o.in.estate_id];
    row.indicator = out.catalog.Indicator(o.in.indicator);
    row.criterion = out.catalog.Criterion(o.in.criterion);
    // An object deleted from the register since reads "?".
    if (o.object_key[0] == 'b' && o.in.building_id) {
      row.object_type = "building";
      auto b = labels->building_numbers.find(*o.in.building_id);
      row.object_label = row.estate_name + " " + (b == labels->building_numbers.end() ? "?" : core::reg::BuildingLabel(b->second));
    } else if (o.object_key[0] == 'd' && o.in.dwelling_id) {
      row.object_type = "dwelling";
      auto d = labels->dwellings.find(*o.in.dwelling_id);
      row.object_label = row.estate_name + " " +
                         (d == labels->dwellings.end() ? "?"
                                                       : core::reg::BuildingLabel(d->second.building_number) +
                                                             std::to_string(d->second.stairwell) + "单元" + d->second.room + "室");
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
  // Worst first, then in the order written.
  std::stable_sort(out.rows.begin(), out.rows.end(),
                   [](const ProblemRow& a, const ProblemRow& b) { return *a.obs.severity > *b.obs.severity; });
  return out;
}

Result<Rollup> CheckupService::RegionProblems(const Actor& actor, const std::string& region_code,
                                             std::optional<int> year_asked) {
  if (auto r = RequirePermission(actor, perm::kCheckupRead); !r) return std::move(r).error();
  if (auto r = RequireInScope(actor, region_code); !r) return std::move(r).error();
  // Programme years are Beijing calendar years: from 16:00 UTC on 31 December it is next year.
  const int year = year_asked.value_or(ShanghaiYear(clock_.Now()));
  return store::ReadResult(db_, [&](store::Session& s) -> Result<Rollup> {
    Rollup out;
    out.region_code = region_code;
    out.year = year;
    auto region = store::RegionRepository::Find(s, region_code);
    if (!region) return std::move(region).error();
    out.region_name = *region ? (*region)->name : region_code;
    auto latest = CheckupCatalogRepository::LatestPublished(s);
    if (!latest) return std::move(latest).error();
    if (*latest) {
      auto cat = LoadCatalog(s, **latest);
      if (!cat) return std::move(cat).error();
      out.indicators = std::move(cat->indicators);
    }
    // Approved check-ups only: objects with problems per child region and indicator, this year and the
    // previous one (REFERENCE §2.5: the problem list per community, street, district and city).
    auto rows = CheckupResultRepository::RollupRows(s, region_code, year);
    if (!rows) return std::move(rows).error();
    std::map<std::string, RollupRow> children;
    std::map<std::pair<std::string, std::string>, std::set<std::string>> seen_now, seen_before;  // (child, indicator) → objects
    std::map<std::string, std::set<std::int64_t>> estates_now;
    std::set<std::pair<std::string, std::string>> total_now, total_before;  // (indicator, object)
    for (const auto& r : *rows) {
      auto child = ChildOf(region_code, r.region_code);
      bool now = r.year == year;
      auto& row = children[child];
      row.region_code = child;
      auto& seen = now ? seen_now[{child, r.indicator}] : seen_before[{child, r.indicator}];
      if (seen.insert(r.object_key).second) {
        auto& cell = row.objects[r.indicator];
        (now ? cell.first : cell.second) += 1;
        auto& t = out.total.objects[r.indicator];
        if ((now ? total_now : total_before).insert({r.indicator, r.object_key}).second) (now ? t.first : t.second) += 1;
      }
      (now ? row.problems : row.previous_problems) += 1;
      (now ? out.total.problems : out.total.previous_problems) += 1;
      if (now) estates_now[child].insert(r.estate_id);
    }
    std::vector<std::string> codes;
    for (const auto& [code, row] : children) codes.push_back(code);
    auto names = store::RegionRepository::FindNames(s, codes);
    if (!names) return std::move(names).error();
    for (auto& [code, row] : children) {
      auto name = names->find(code);
      row.region_name = name == names->end() ? code : name->second;
      row.estates = static_cast<std::int64_t>(estates_now[code].size());
      out.total.estates += row.estates;
      out.children.push_back(std::move(row));
    }
    out.total.region_code = region_code;
    out.total.region_name = out.region_name;
    return out;
  });
}

Result<std::optional<CheckupWorkbench>> CheckupService::Workbench(const Actor& actor) {
  if (!core::auth::HasPermission(actor.role, perm::kCheckupRead)) return std::optional<CheckupWorkbench>{};
  const int year = ShanghaiYear(clock_.Now());
  auto counts = store::ReadResult(db_, [&](store::Session& s) {
    return store::CheckupCampaignRepository::WorkbenchCounts(s, actor.scope.prefix(), year, actor.user_id);
  });
  if (!counts) return std::move(counts).error();
  return std::optional<CheckupWorkbench>(CheckupWorkbench{year, *counts});
}

}  // namespace huanxin::service
