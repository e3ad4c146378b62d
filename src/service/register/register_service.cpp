#include "service/register/register_service.hpp"

#include <boost/json.hpp>
#include <algorithm>
#include <set>

#include "common/decimal.hpp"
#include "common/text.hpp"
#include "core/register/codes.hpp"
#include "core/register/identity.hpp"
#include "core/region/region_code.hpp"
#include "service/audit/audit_service.hpp"
#include "service/register/register_access.hpp"
#include "store/region/region_repository.hpp"
#include "store/register/estate_summary_repository.hpp"

namespace huanxin::service {

namespace reg = core::reg;
namespace json = boost::json;

namespace {

Error NoEstate() { return NotFound("register.estate_not_found", Text("小区不存在", "no such estate")); }
Error NoBuilding() { return NotFound("register.building_not_found", Text("楼栋不存在", "no such building")); }
Error NoDwelling() { return NotFound("register.dwelling_not_found", Text("房屋不存在", "no such dwelling")); }

Error BadField(const std::string& field, Text detail, Text hint = {}) {
  return Invalid("register.invalid_field", Text("字段 " + field + " 不正确", "field " + field + " is invalid"),
                 std::move(detail), std::move(hint));
}

Result<void> CheckText(const std::string& field, const std::string& v, std::size_t max_chars) {
  auto n = Utf8Length(v);
  if (n && *n >= 1 && *n <= max_chars && !Trim(v).empty()) return Ok();
  return BadField(field, Text("不能为空，且不超过" + std::to_string(max_chars) + "字",
                              "must be 1–" + std::to_string(max_chars) + " characters"));
}

Result<void> CheckChoice(const std::string& field, const std::string& code, const reg::ChoiceSet& set) {
  if (set.ByCode(code)) return Ok();
  return BadField(field, Text::Same(code), Text("可选：" + set.ListCodes(), "one of: " + set.ListCodes()));
}

Result<void> CheckRange(const std::string& field, std::int64_t v, std::int64_t lo, std::int64_t hi) {
  if (v >= lo && v <= hi) return Ok();
  return BadField(field, Text::Same(std::to_string(v)),
                  Text("应在 " + std::to_string(lo) + " 到 " + std::to_string(hi) + " 之间",
                       "must be between " + std::to_string(lo) + " and " + std::to_string(hi)));
}

Result<void> CheckPositiveArea(const std::string& field, std::int64_t dm2) {
  // Areas are > 0 and below 1 km² (10^8 dm²) — a sanity bound against unit mistakes (m² typed as dm²).
  if (dm2 > 0 && dm2 < 100'000'000) return Ok();
  return BadField(field, Text::Same(FormatHundredths(dm2)), Text("面积应大于0", "the area must be above 0"));
}

// 409 while the estate or building still holds `held` dwellings: deleting would silently take them
// with it (registers are emptied explicitly first), or lose what a consultation was counted on
// (votes, receipts and tallies stay reproducible, issue #5).
Result<void> RefuseWhileHolding(Result<std::int64_t> held, const char* reason, Text message, const Text& unit, Text hint) {
  if (!held) return std::move(held).error();
  if (*held == 0) return Ok();
  return MakeError(ErrorCode::kConflict, reason, std::move(message),
                   Text(std::to_string(*held) + unit.zh, std::to_string(*held) + unit.en), std::move(hint));
}

const Text kDwellingsUnit{" 户", " dwellings"};
const Text kDeleteDwellingsFirst{"先删除其下的房屋", "delete its dwellings first"};

int CurrentYear(const Clock& clock) {
  auto days = std::chrono::floor<std::chrono::days>(clock.Now());
  return static_cast<int>(std::chrono::year_month_day{days}.year());
}

json::value J(const std::string& s) { return json::string(s); }
json::value J(std::int64_t v) { return v; }
json::value J(bool v) { return v; }
json::value J(const std::optional<std::int64_t>& v) { return v ? json::value(*v) : json::value(nullptr); }
json::value J(const std::optional<int>& v) { return v ? json::value(*v) : json::value(nullptr); }
json::value JArea(std::int64_t dm2) { return json::string(FormatHundredths(dm2)); }

}  // namespace

reg::Eligibility RegisterService::EvaluateEligibility(const store::EstateRecord& e) const {
  return reg::Evaluate({e.built_year, e.excl_self_built, e.excl_urban_village, e.excl_demolition, e.excl_recent_renovation},
                       policy_);
}

// ------------------------------------------------------------------------------------------------
// Loading with access checks

Result<store::EstateRecord> RegisterService::LoadEstate(store::Session& s, const Actor& actor, std::int64_t id, bool write) {
  auto e = store::EstateRepository::Find(s, id);
  if (!e) return std::move(e).error();
  if (!*e) return NoEstate();
  if (auto r = RequireEstateAccess(actor, id, (*e)->region_code, write); !r) return std::move(r).error();
  return std::move(**e);
}

Result<store::BuildingRecord> RegisterService::LoadBuilding(store::Session& s, const Actor& actor, std::int64_t id, bool write) {
  auto b = store::BuildingRepository::Find(s, id);
  if (!b) return std::move(b).error();
  if (!*b) return NoBuilding();
  if (auto r = RequireEstateAccess(actor, (*b)->estate_id, (*b)->region_code, write); !r) return std::move(r).error();
  return std::move(**b);
}

Result<store::DwellingRecord> RegisterService::LoadDwelling(store::Session& s, const Actor& actor, std::int64_t id, bool write) {
  auto d = store::DwellingRepository::Find(s, id);
  if (!d) return std::move(d).error();
  if (!*d) return NoDwelling();
  if (auto r = RequireEstateAccess(actor, (*d)->estate_id, (*d)->region_code, write); !r) return std::move(r).error();
  return std::move(**d);
}

Result<EstateView> RegisterService::View(store::Session& s, store::EstateRecord e) {
  EstateView v;
  auto region = store::RegionRepository::Find(s, e.region_code);
  if (!region) return std::move(region).error();
  if (*region) v.region_name = (*region)->name;
  v.eligibility = EvaluateEligibility(e);
  v.estate = std::move(e);
  return v;
}

Result<void> RegisterService::AuditPiiRead(const Actor& actor, const std::string& entity, const std::string& entity_id,
                                           const std::string& region_code, std::int64_t owners_shown) {
  return db_.Write([&](store::Session& s) -> Result<void> {
    Changes c;
    c.Set("ownersShown", nullptr, owners_shown);
    return RecordAudit(s, clock_, actor, "register.pii_read", entity, entity_id, region_code, c);
  });
}

Result<std::vector<DwellingView>> RegisterService::Present(const Actor& actor, std::vector<store::DwellingRecord> list,
                                                           const std::string& entity, const std::string& entity_id,
                                                           const std::string& region_code) {
  std::vector<DwellingView> out;
  out.reserve(list.size());
  std::int64_t unmasked = 0;
  for (auto& d : list) {
    DwellingView v;
    const bool pii = CanSeePii(actor, d.region_code) && !ReadsByAssignmentOnly(actor);
    for (auto& o : d.owners) {
      OwnerView ov{o, !pii};
      if (pii) ++unmasked;
      v.owners.push_back(std::move(ov));
    }
    d.owners.clear();
    v.dwelling = std::move(d);
    out.push_back(std::move(v));
  }
  if (unmasked > 0)
    if (auto r = AuditPiiRead(actor, entity, entity_id, region_code, unmasked); !r) return std::move(r).error();
  return out;
}

// ------------------------------------------------------------------------------------------------
// Estates

namespace {
struct Validated {
  store::EstateRecord e;
};

Result<void> ApplyEstateInput(store::EstateRecord& e, const EstateInput& in, int current_year) {
  if (in.region_code) e.region_code = *in.region_code;
  if (in.name) e.name = std::string(Trim(*in.name));
  if (in.address) e.address = std::string(Trim(*in.address));
  if (in.built_year) e.built_year = *in.built_year;
  if (in.property_mode) e.property_mode = *in.property_mode;
  if (in.status) e.status = *in.status;
  if (in.land_area_dm2) e.land_area_dm2 = *in.land_area_dm2;
  if (in.floor_area_dm2) e.floor_area_dm2 = *in.floor_area_dm2;
  if (in.lat_e6) e.lat_e6 = *in.lat_e6;
  if (in.lng_e6) e.lng_e6 = *in.lng_e6;
  if (in.excl_self_built) e.excl_self_built = *in.excl_self_built;
  if (in.excl_urban_village) e.excl_urban_village = *in.excl_urban_village;
  if (in.excl_demolition) e.excl_demolition = *in.excl_demolition;
  if (in.excl_recent_renovation) e.excl_recent_renovation = *in.excl_recent_renovation;
  if (in.ownership_types) {
    std::string joined;
    std::set<std::string> seen;
    for (const auto& t : *in.ownership_types) {
      const auto* c = reg::OwnershipTypes().ByAnyLabel(t);
      if (!c)
        return BadField("ownershipTypes", Text::Same(t), Text("可选：" + reg::OwnershipTypes().ListZh(),
                                                              "one of: " + reg::OwnershipTypes().ListCodes()));
      if (seen.insert(std::string(c->code)).second) joined += (joined.empty() ? "" : ",") + std::string(c->code);
    }
    e.ownership_types = joined;
  }
  if (core::region::LevelOf(e.region_code) != core::region::Level::kCommunity)
    return BadField("regionCode", Text::Same(e.region_code),
                    Text("小区应归属到12位社区（居委会）代码", "an estate belongs to a 12-digit community"));
  if (auto r = CheckText("name", e.name, 100); !r) return r;
  if (auto r = CheckText("address", e.address, 200); !r) return r;
  if (auto r = CheckRange("builtYear", e.built_year, 1900, current_year); !r) return r;
  if (auto r = CheckChoice("propertyMode", e.property_mode, reg::PropertyModes()); !r) return r;
  if (auto r = CheckChoice("status", e.status, reg::EstateStatuses()); !r) return r;
  if (e.land_area_dm2)
    if (auto r = CheckPositiveArea("landArea", *e.land_area_dm2); !r) return r;
  if (e.floor_area_dm2)
    if (auto r = CheckPositiveArea("totalFloorArea", *e.floor_area_dm2); !r) return r;
  if (e.lat_e6)
    if (auto r = CheckRange("lat", *e.lat_e6, -90'000'000, 90'000'000); !r) return r;
  if (e.lng_e6)
    if (auto r = CheckRange("lng", *e.lng_e6, -180'000'000, 180'000'000); !r) return r;
  if (e.lat_e6.has_value() != e.lng_e6.has_value())
    return BadField("lat", Text("经纬度需同时填写", "give both latitude and longitude"));
  return Ok();
}

Changes DiffEstates(const store::EstateRecord& a, const store::EstateRecord& b) {
  Changes c;
  c.Diff("regionCode", J(a.region_code), J(b.region_code))
      .Diff("name", J(a.name), J(b.name))
      .Diff("address", J(a.address), J(b.address))
      .Diff("builtYear", J(std::int64_t{a.built_year}), J(std::int64_t{b.built_year}))
      .Diff("landArea", a.land_area_dm2 ? JArea(*a.land_area_dm2) : nullptr, b.land_area_dm2 ? JArea(*b.land_area_dm2) : nullptr)
      .Diff("totalFloorArea", a.floor_area_dm2 ? JArea(*a.floor_area_dm2) : nullptr,
            b.floor_area_dm2 ? JArea(*b.floor_area_dm2) : nullptr)
      .Diff("ownershipTypes", J(a.ownership_types), J(b.ownership_types))
      .Diff("propertyMode", J(a.property_mode), J(b.property_mode))
      .Diff("selfBuiltArea", J(a.excl_self_built), J(b.excl_self_built))
      .Diff("urbanVillage", J(a.excl_urban_village), J(b.excl_urban_village))
      .Diff("demolitionPlanned", J(a.excl_demolition), J(b.excl_demolition))
      .Diff("renovatedRecently", J(a.excl_recent_renovation), J(b.excl_recent_renovation))
      .Diff("lat", J(a.lat_e6), J(b.lat_e6))
      .Diff("lng", J(a.lng_e6), J(b.lng_e6))
      .Diff("status", J(a.status), J(b.status));
  return c;
}
}  // namespace

Result<std::pair<std::vector<EstateView>, std::int64_t>> RegisterService::ListEstates(const Actor& actor,
                                                                                      const EstateQuery& q) {
  if (auto r = RequirePermission(actor, kRegisterRead); !r) return std::move(r).error();
  auto region = ScopedRegionFilter(actor, q.region_code);
  if (!region) return std::move(region).error();
  store::EstateFilter f;
  f.scope_prefix = actor.scope.prefix();
  f.region_prefix = *region;
  if (ReadsByAssignmentOnly(actor)) f.only_ids = AssignedEstates(actor);
  f.status = q.status;
  f.q = q.q;
  f.built_from = q.built_from;
  f.built_to = q.built_to;
  if (q.eligibility) {
    store::EligibilityBounds b;
    if (*q.eligibility == "eligible") {
      b.require_no_exclusion = true;
      b.max_year = policy_.cutoff_year;
    } else if (*q.eligibility == "extension") {
      b.require_no_exclusion = true;
      b.min_year = policy_.cutoff_year + 1;
      b.max_year = policy_.extension_last_year;
    } else if (*q.eligibility == "ineligible") {
      b.require_exclusion_or_late = true;
      b.max_year = policy_.extension_last_year;
    } else {
      return MakeError(ErrorCode::kBadRequest, "http.bad_query", Text("查询参数 eligibility 不正确", "bad eligibility filter"),
                       Text::Same(*q.eligibility), Text("可选 eligible、extension、ineligible", "eligible, extension or ineligible"));
    }
    f.eligibility = b;
  }
  f.limit = q.page_size;
  f.offset = (q.page - 1) * q.page_size;
  std::pair<std::vector<EstateView>, std::int64_t> out;
  auto r = db_.Read([&](store::Session& s) -> Result<void> {
    store::Page page;
    auto list = store::EstateRepository::List(s, f, page);
    if (!list) return std::move(list).error();
    // One query for the community names of the whole page, not one per estate.
    std::vector<std::string> codes;
    for (const auto& e : *list) codes.push_back(e.region_code);
    std::sort(codes.begin(), codes.end());
    codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
    auto regions = store::RegionRepository::FindNames(s, codes);
    if (!regions) return std::move(regions).error();
    for (auto& e : *list) {
      EstateView v;
      if (auto it = regions->find(e.region_code); it != regions->end()) v.region_name = it->second;
      v.eligibility = EvaluateEligibility(e);
      v.estate = std::move(e);
      out.first.push_back(std::move(v));
    }
    out.second = page.total;
    return Ok();
  });
  if (!r) return std::move(r).error();
  return out;
}

Result<EstateView> RegisterService::GetEstate(const Actor& actor, std::int64_t id) {
  return store::ReadResult(db_, [&](store::Session& s) -> Result<EstateView> {
    auto e = LoadEstate(s, actor, id, false);
    if (!e) return std::move(e).error();
    return View(s, std::move(*e));
  });
}

Result<EstateView> RegisterService::CreateEstate(const Actor& actor, const EstateInput& in) {
  if (auto r = RequirePermission(actor, kRegisterWrite); !r) return std::move(r).error();
  store::EstateRecord e;
  e.property_mode = "none";
  e.status = "registered";
  if (!in.region_code || !in.name || !in.address || !in.built_year)
    return BadField(!in.region_code ? "regionCode" : !in.name ? "name" : !in.address ? "address" : "builtYear",
                    Text("缺少必填字段", "required field is missing"));
  if (auto r = ApplyEstateInput(e, in, CurrentYear(clock_)); !r) return std::move(r).error();
  if (auto r = RequireInScope(actor, e.region_code); !r) return std::move(r).error();
  e.created_at = e.updated_at = FormatIsoUtc(clock_.Now());
  std::optional<EstateView> out;
  auto w = db_.Write([&](store::Session& s) -> Result<void> {
    auto region = store::RegionRepository::Find(s, e.region_code);
    if (!region) return std::move(region).error();
    if (!*region) return BadField("regionCode", Text::Same(e.region_code), Text("该社区不存在", "no such community"));
    auto id = store::EstateRepository::Insert(s, e);
    if (!id)
      return store::MapDuplicate(std::move(id).error(),
                                 MakeError(ErrorCode::kConflict, "register.duplicate_estate",
                                           Text("该社区已有同名小区", "an estate of that name exists in the community"),
                                           Text::Same(e.name)));
    e.id = *id;
    auto c = DiffEstates(store::EstateRecord{}, e);
    if (auto r = RecordAudit(s, clock_, actor, "estate.create", "estate", std::to_string(e.id), e.region_code, c); !r)
      return r;
    auto v = View(s, e);
    if (!v) return std::move(v).error();
    out = std::move(*v);
    return Ok();
  });
  if (!w) return std::move(w).error();
  return std::move(*out);
}

Result<EstateView> RegisterService::UpdateEstate(const Actor& actor, std::int64_t id, const EstateInput& in) {
  std::optional<EstateView> out;
  const int year = CurrentYear(clock_);
  auto w = db_.Write([&](store::Session& s) -> Result<void> {
    auto before = LoadEstate(s, actor, id, true);
    if (!before) return std::move(before).error();
    store::EstateRecord e = *before;
    if (auto r = ApplyEstateInput(e, in, year); !r) return r;
    if (e.region_code != before->region_code) {
      // Moving an estate to another community: the new place must be in scope and exist; its rows
      // carry the region code, so they move with it.
      if (auto r = RequireInScope(actor, e.region_code); !r) return r;
      auto region = store::RegionRepository::Find(s, e.region_code);
      if (!region) return std::move(region).error();
      if (!*region) return BadField("regionCode", Text::Same(e.region_code), Text("该社区不存在", "no such community"));
      if (auto n = store::EstateRepository::MoveContents(s, id, e.region_code); !n) return std::move(n).error();
    }
    auto c = DiffEstates(*before, e);
    if (!c.empty()) {
      e.updated_at = FormatIsoUtc(clock_.Now());
      auto u = store::EstateRepository::Update(s, e);
      if (!u)
        return store::MapDuplicate(std::move(u).error(),
                                   MakeError(ErrorCode::kConflict, "register.duplicate_estate",
                                             Text("该社区已有同名小区", "an estate of that name exists in the community"),
                                             Text::Same(e.name)));
      if (auto r = RecordAudit(s, clock_, actor, "estate.update", "estate", std::to_string(id), before->region_code, c); !r)
        return r;
    }
    auto v = View(s, e);
    if (!v) return std::move(v).error();
    out = std::move(*v);
    return Ok();
  });
  if (!w) return std::move(w).error();
  return std::move(*out);
}

Result<void> RegisterService::DeleteEstate(const Actor& actor, std::int64_t id) {
  return db_.Write([&](store::Session& s) -> Result<void> {
    auto e = LoadEstate(s, actor, id, true);
    if (!e) return std::move(e).error();
    if (auto r = RefuseWhileHolding(store::DwellingRepository::CountByEstate(s, id), "register.estate_not_empty",
                                    Text("小区下仍有房屋，不能删除", "the estate still has dwellings"), kDwellingsUnit,
                                    kDeleteDwellingsFirst);
        !r)
      return r;
    if (auto r = store::EstateRepository::Delete(s, id); !r) return r;
    return RecordAudit(s, clock_, actor, "estate.delete", "estate", std::to_string(id), e->region_code,
                       DiffEstates(*e, store::EstateRecord{}));
  });
}

Result<RegisterRollup> RegisterService::Rollup(const Actor& actor, const std::optional<std::string>& region_code) {
  if (auto r = RequirePermission(actor, kRegisterRead); !r) return std::move(r).error();
  // Roles that read the register only through assigned estates see those estates, not area totals.
  if (ReadsByAssignmentOnly(actor))
    return MakeError(ErrorCode::kForbidden, "register.rollup_forbidden", Text("无权查看辖区汇总", "no access to area totals"),
                     Text("您的角色只能查看分配给您的小区", "your role sees only the estates assigned to you"),
                     Text("请联系街道或住建部门获取汇总数据", "ask the street office or housing bureau for totals"));
  const std::string code = region_code.value_or(actor.scope.prefix());
  static const std::size_t kLengths[] = {2, 4, 6, 9, 12};
  std::optional<std::size_t> child_length;
  if (!code.empty()) {
    auto level = core::region::LevelOf(code);
    if (!level || *level == core::region::Level::kGrid)
      return Invalid("region.invalid_code", Text("行政区划代码格式不正确", "malformed region code"), Text::Same(code),
                     Text("请使用2、4、6、9或12位区划代码，或不填表示全部辖区", "use a 2, 4, 6, 9 or 12-digit code, or none for your whole scope"));
  }
  if (auto r = RequireInScope(actor, code); !r) return std::move(r).error();
  for (auto len : kLengths)
    if (len > code.size()) {
      child_length = len;
      break;
    }
  RegisterRollup out;
  out.region_code = code;
  out.total.region_code = code;
  out.policy = policy_;
  auto r = db_.Read([&](store::Session& s) -> Result<void> {
    if (code.empty()) {
      out.region_name = "全国";
    } else {
      auto name = store::RegionRepository::FindNames(s, {code});
      if (!name) return std::move(name).error();
      out.region_name = name->empty() ? code : name->begin()->second;
    }
    auto rows = store::RollupRepository::ByChild(s, code, child_length.value_or(code.size()), policy_.cutoff_year,
                                                 policy_.extension_last_year);
    if (!rows) return std::move(rows).error();
    for (const auto& c : *rows) {
      auto& t = out.total;
      t.estates += c.estates, t.buildings += c.buildings, t.dwellings += c.dwellings;
      t.exclusive_area_dm2 += c.exclusive_area_dm2;
      t.eligible_estates += c.eligible_estates, t.eligible_dwellings += c.eligible_dwellings;
      t.extension_estates += c.extension_estates, t.extension_dwellings += c.extension_dwellings;
    }
    if (!child_length) return Ok();  // a community: its own totals only
    // The children's names in one query (at most a few hundred codes).
    std::vector<std::string> codes;
    codes.reserve(rows->size());
    for (const auto& c : *rows) codes.push_back(c.region_code);
    auto names = store::RegionRepository::FindNames(s, codes);
    if (!names) return std::move(names).error();
    for (const auto& c : *rows) {
      auto it = names->find(c.region_code);
      out.children.emplace_back(c, it == names->end() ? c.region_code : it->second);
    }
    return Ok();
  });
  if (!r) return std::move(r).error();
  if (child_length) {
    auto level = core::region::LevelOf(std::string(*child_length, '1'));
    out.child_level = level ? std::string(core::region::LevelCode(*level)) : "";
  }
  return out;
}

Result<std::optional<store::RollupCounts>> RegisterService::Workbench(const Actor& actor) {
  auto r = Rollup(actor, std::nullopt);
  if (r) return std::optional<store::RollupCounts>(std::move(r->total));
  // Forbidden is who may not see totals (Rollup's own rule): the home page leaves the section out.
  if (r.error().code == ErrorCode::kForbidden) return std::optional<store::RollupCounts>{};
  return std::move(r).error();
}

Result<EligibilityReport> RegisterService::Eligibility(const Actor& actor, std::int64_t estate_id) {
  auto v = GetEstate(actor, estate_id);
  if (!v) return std::move(v).error();
  return EligibilityReport{estate_id, std::move(v->eligibility), policy_};
}

Result<EstateSummary> RegisterService::Summary(const Actor& actor, std::int64_t estate_id) {
  EstateSummary out;
  auto r = db_.Read([&](store::Session& s) -> Result<void> {
    auto e = LoadEstate(s, actor, estate_id, false);
    if (!e) return std::move(e).error();
    auto buildings = store::EstateSummaryRepository::Buildings(s, estate_id);
    if (!buildings) return std::move(buildings).error();
    out.buildings = buildings->buildings;
    out.stairwells = buildings->stairwells;
    // Owner links without personal data → core headcount.
    auto holdings = store::EstateSummaryRepository::Holdings(s, estate_id);
    if (!holdings) return std::move(holdings).error();
    std::vector<reg::DwellingShare> shares;
    shares.reserve(holdings->size());
    for (auto& d : *holdings) {
      auto st = reg::SaleStatusOf(d.sale_status);
      switch (st) {
        case reg::SaleStatus::kSold: ++out.sold; break;
        case reg::SaleStatus::kSoldUndelivered: ++out.sold_undelivered; break;
        case reg::SaleStatus::kDeveloperUnsold: ++out.developer_unsold; break;
        case reg::SaleStatus::kPublicHousing: ++out.public_housing; break;
      }
      (d.use_type == "commercial" ? out.commercial : out.residential)++;
      if (st == reg::SaleStatus::kSold && d.owner_ids.empty()) ++out.dwellings_without_owner;
      shares.push_back({d.dwelling_id, d.exclusive_area_dm2, st, std::move(d.owner_ids)});
    }
    auto hh = store::EstateSummaryRepository::Households(s, estate_id);
    if (!hh) return std::move(hh).error();
    out.households_recorded = hh->recorded;
    out.residents = hh->residents;
    out.aged_60_plus = hh->aged_60_plus;
    out.disabled = hh->disabled;
    auto h = reg::CountOwners(shares, reading_);
    out.reading = reading_;
    out.dwellings = h.dwellings;
    out.exclusive_area_dm2 = h.exclusive_area_dm2;
    out.owner_heads = h.owner_heads;
    return Ok();
  });
  if (!r) return std::move(r).error();
  return out;
}

// ------------------------------------------------------------------------------------------------
// Buildings

namespace {
Result<void> ApplyBuildingInput(store::BuildingRecord& b, const BuildingInput& in, int current_year) {
  if (in.number) b.number = std::string(Trim(*in.number));
  if (in.structure) b.structure = *in.structure;
  if (in.heating) b.heating = *in.heating;
  if (in.floors) b.floors = *in.floors;
  if (in.stairwells) b.stairwells = *in.stairwells;
  if (in.built_year) b.built_year = *in.built_year;
  if (in.has_lift) b.has_lift = *in.has_lift;
  if (auto r = CheckText("number", b.number, 20); !r) return r;
  if (auto r = CheckRange("floors", b.floors, 1, 100); !r) return r;
  if (auto r = CheckRange("stairwells", b.stairwells, 1, 50); !r) return r;
  if (auto r = CheckChoice("structure", b.structure, reg::Structures()); !r) return r;
  if (auto r = CheckChoice("heating", b.heating, reg::Heatings()); !r) return r;
  if (b.built_year)
    if (auto r = CheckRange("builtYear", *b.built_year, 1900, current_year); !r) return r;
  return Ok();
}

Changes DiffBuildings(const store::BuildingRecord& a, const store::BuildingRecord& b) {
  Changes c;
  c.Diff("number", J(a.number), J(b.number))
      .Diff("floors", J(std::int64_t{a.floors}), J(std::int64_t{b.floors}))
      .Diff("stairwells", J(std::int64_t{a.stairwells}), J(std::int64_t{b.stairwells}))
      .Diff("structure", J(a.structure), J(b.structure))
      .Diff("builtYear", J(a.built_year), J(b.built_year))
      .Diff("hasLift", J(a.has_lift), J(b.has_lift))
      .Diff("heating", J(a.heating), J(b.heating));
  return c;
}

Error DuplicateBuilding(const std::string& number) {
  return MakeError(ErrorCode::kConflict, "register.duplicate_building", Text("该小区已有同号楼栋", "a building with that number exists"),
                   Text::Same(number));
}
}  // namespace

Result<std::vector<store::BuildingRecord>> RegisterService::ListBuildings(const Actor& actor, std::int64_t estate_id) {
  return store::ReadResult(db_, [&](store::Session& s) -> Result<std::vector<store::BuildingRecord>> {
    if (auto e = LoadEstate(s, actor, estate_id, false); !e) return std::move(e).error();
    return store::BuildingRepository::ListByEstate(s, estate_id);
  });
}

Result<store::BuildingRecord> RegisterService::GetBuilding(const Actor& actor, std::int64_t id) {
  return store::ReadResult(db_, [&](store::Session& s) { return LoadBuilding(s, actor, id, false); });
}

Result<store::BuildingRecord> RegisterService::CreateBuilding(const Actor& actor, std::int64_t estate_id,
                                                              const BuildingInput& in) {
  if (!in.number || !in.floors)
    return BadField(!in.number ? "number" : "floors", Text("缺少必填字段", "required field is missing"));
  const int year = CurrentYear(clock_);
  std::optional<store::BuildingRecord> out;
  auto w = db_.Write([&](store::Session& s) -> Result<void> {
    auto e = LoadEstate(s, actor, estate_id, true);
    if (!e) return std::move(e).error();
    store::BuildingRecord b;
    b.estate_id = estate_id;
    b.region_code = e->region_code;
    b.stairwells = 1;
    b.structure = "brick_concrete";  // the usual structure of pre-2000 multi-storey housing
    b.heating = "none";
    b.built_year = e->built_year;
    if (auto r = ApplyBuildingInput(b, in, year); !r) return r;
    b.created_at = b.updated_at = FormatIsoUtc(clock_.Now());
    auto id = store::BuildingRepository::Insert(s, b);
    if (!id) return store::MapDuplicate(std::move(id).error(), DuplicateBuilding(b.number));
    b.id = *id;
    auto c = DiffBuildings(store::BuildingRecord{}, b);
    c.Set("estateId", nullptr, estate_id);
    if (auto r = RecordAudit(s, clock_, actor, "building.create", "building", std::to_string(b.id), b.region_code, c); !r)
      return r;
    out = std::move(b);
    return Ok();
  });
  if (!w) return std::move(w).error();
  return std::move(*out);
}

Result<store::BuildingRecord> RegisterService::UpdateBuilding(const Actor& actor, std::int64_t id, const BuildingInput& in) {
  const int year = CurrentYear(clock_);
  std::optional<store::BuildingRecord> out;
  auto w = db_.Write([&](store::Session& s) -> Result<void> {
    auto before = LoadBuilding(s, actor, id, true);
    if (!before) return std::move(before).error();
    store::BuildingRecord b = *before;
    if (auto r = ApplyBuildingInput(b, in, year); !r) return r;
    // Dwellings must still fit: no stairwell or floor beyond the new counts.
    auto beyond = store::DwellingRepository::CountBeyond(s, id, b.stairwells, b.floors);
    if (!beyond) return std::move(beyond).error();
    if (*beyond > 0)
      return BadField("stairwells", Text(std::to_string(*beyond) + " 户房屋超出新的单元数或层数",
                                         std::to_string(*beyond) + " dwellings lie beyond the new stairwells or floors"));
    auto c = DiffBuildings(*before, b);
    if (!c.empty()) {
      b.updated_at = FormatIsoUtc(clock_.Now());
      if (auto u = store::BuildingRepository::Update(s, b); !u)
        return store::MapDuplicate(std::move(u).error(), DuplicateBuilding(b.number));
      if (auto r = RecordAudit(s, clock_, actor, "building.update", "building", std::to_string(id), b.region_code, c); !r)
        return r;
    }
    out = std::move(b);
    return Ok();
  });
  if (!w) return std::move(w).error();
  return std::move(*out);
}

Result<void> RegisterService::DeleteBuilding(const Actor& actor, std::int64_t id) {
  return db_.Write([&](store::Session& s) -> Result<void> {
    auto b = LoadBuilding(s, actor, id, true);
    if (!b) return std::move(b).error();
    if (auto r = RefuseWhileHolding(store::DwellingRepository::CountByBuilding(s, id), "register.building_not_empty",
                                    Text("楼栋下仍有房屋，不能删除", "the building still has dwellings"), kDwellingsUnit,
                                    kDeleteDwellingsFirst);
        !r)
      return r;
    if (auto r = store::BuildingRepository::Delete(s, id); !r) return r;
    return RecordAudit(s, clock_, actor, "building.delete", "building", std::to_string(id), b->region_code,
                       DiffBuildings(*b, store::BuildingRecord{}));
  });
}

// ------------------------------------------------------------------------------------------------
// Dwellings

Result<void> RegisterService::ValidateDwelling(const store::DwellingRecord& d, const store::BuildingRecord& b) {
  if (d.stairwell < 1 || d.stairwell > b.stairwells)
    return BadField("stairwell", Text("楼栋 " + b.number + " 有 " + std::to_string(b.stairwells) + " 个单元，没有第 " +
                                          std::to_string(d.stairwell) + " 单元",
                                      "building " + b.number + " has " + std::to_string(b.stairwells) +
                                          " stairwells; there is no stairwell " + std::to_string(d.stairwell)));
  // Floor: basements are negative; the floor must exist in the building.
  if (d.floor == 0 || d.floor < -5 || d.floor > b.floors)
    return BadField("floor", Text("楼栋 " + b.number + " 共 " + std::to_string(b.floors) + " 层，楼层 " + std::to_string(d.floor) + " 无效",
                                  "building " + b.number + " has " + std::to_string(b.floors) + " floors; floor " +
                                      std::to_string(d.floor) + " is invalid"));
  if (auto r = CheckText("room", d.room, 20); !r) return r;
  if (auto r = CheckPositiveArea("exclusiveArea", d.exclusive_area_dm2); !r) return r;
  if (auto r = CheckChoice("areaSource", d.area_source, reg::AreaSources()); !r) return r;
  if (auto r = CheckChoice("use", d.use_type, reg::DwellingUses()); !r) return r;
  if (auto r = CheckChoice("saleStatus", d.sale_status, reg::SaleStatuses()); !r) return r;
  return Ok();
}

Result<void> RegisterService::ValidatePhone(const std::string& phone) {
  std::string digits;
  for (char c : phone)
    if (c != '-' && c != ' ') digits += c;
  const bool mobile = digits.size() == 11 && digits[0] == '1';
  const bool landline = digits.size() >= 10 && digits.size() <= 12 && digits[0] == '0';
  if (IsDigits(digits) && (mobile || landline)) return Ok();
  return BadField("phone", Text::Same(phone), Text("手机号11位，或座机如 0791-88888888", "11-digit mobile or a landline like 0791-88888888"));
}

Result<void> RegisterService::ValidateOwner(const OwnerInput& in) {
  if (auto r = CheckText("name", in.name, 50); !r) return r;
  if (auto r = reg::ValidateIdNumber(reg::NormaliseIdNumber(in.id_number)); !r) return r;
  if (in.phone && !in.phone->empty()) return ValidatePhone(*in.phone);
  return Ok();
}

namespace {
Changes DiffDwellings(const store::DwellingRecord& a, const store::DwellingRecord& b) {
  Changes c;
  c.Diff("stairwell", J(std::int64_t{a.stairwell}), J(std::int64_t{b.stairwell}))
      .Diff("floor", J(std::int64_t{a.floor}), J(std::int64_t{b.floor}))
      .Diff("room", J(a.room), J(b.room))
      .Diff("exclusiveArea", JArea(a.exclusive_area_dm2), JArea(b.exclusive_area_dm2))
      .Diff("areaSource", J(a.area_source), J(b.area_source))
      .Diff("use", J(a.use_type), J(b.use_type))
      .Diff("saleStatus", J(a.sale_status), J(b.sale_status));
  return c;
}

Error DuplicateRoom(const store::DwellingRecord& d) {
  return MakeError(ErrorCode::kUnprocessable, "register.duplicate_room", Text("同一单元内房号重复", "duplicate room in the stairwell"),
                   Text(std::to_string(d.stairwell) + " 单元 " + d.room, "stairwell " + std::to_string(d.stairwell) + " room " + d.room),
                   Text("同一单元的房号不能重复", "room numbers are unique within a stairwell"));
}
}  // namespace

Result<std::vector<DwellingView>> RegisterService::ListDwellings(const Actor& actor, std::int64_t building_id) {
  std::vector<store::DwellingRecord> list;
  std::string region;
  auto r = db_.Read([&](store::Session& s) -> Result<void> {
    auto b = LoadBuilding(s, actor, building_id, false);
    if (!b) return std::move(b).error();
    region = b->region_code;
    auto l = store::DwellingRepository::ListByBuilding(s, building_id);
    if (!l) return std::move(l).error();
    list = std::move(*l);
    return Ok();
  });
  if (!r) return std::move(r).error();
  return Present(actor, std::move(list), "building", std::to_string(building_id), region);
}

Result<std::vector<DwellingView>> RegisterService::ListEstateDwellings(const Actor& actor, std::int64_t estate_id) {
  std::vector<store::DwellingRecord> list;
  std::string region;
  auto r = db_.Read([&](store::Session& s) -> Result<void> {
    auto e = LoadEstate(s, actor, estate_id, false);
    if (!e) return std::move(e).error();
    region = e->region_code;
    auto l = store::DwellingRepository::ListByEstate(s, estate_id);
    if (!l) return std::move(l).error();
    list = std::move(*l);
    return Ok();
  });
  if (!r) return std::move(r).error();
  return Present(actor, std::move(list), "estate", std::to_string(estate_id), region);
}

Result<DwellingView> RegisterService::GetDwelling(const Actor& actor, std::int64_t id) {
  std::vector<store::DwellingRecord> list;
  auto r = db_.Read([&](store::Session& s) -> Result<void> {
    auto d = LoadDwelling(s, actor, id, false);
    if (!d) return std::move(d).error();
    list.push_back(std::move(*d));
    return Ok();
  });
  if (!r) return std::move(r).error();
  auto region = list.front().region_code;
  auto views = Present(actor, std::move(list), "dwelling", std::to_string(id), region);
  if (!views) return std::move(views).error();
  return std::move(views->front());
}

Result<DwellingView> RegisterService::CreateDwelling(const Actor& actor, std::int64_t building_id, const DwellingInput& in) {
  if (!in.stairwell || !in.floor || !in.room || !in.exclusive_area_dm2)
    return BadField(!in.stairwell ? "stairwell" : !in.floor ? "floor" : !in.room ? "room" : "exclusiveArea",
                    Text("缺少必填字段", "required field is missing"));
  std::int64_t id = 0;
  auto w = db_.Write([&](store::Session& s) -> Result<void> {
    auto b = LoadBuilding(s, actor, building_id, true);
    if (!b) return std::move(b).error();
    store::DwellingRecord d;
    d.building_id = building_id;
    d.estate_id = b->estate_id;
    d.region_code = b->region_code;
    d.stairwell = *in.stairwell;
    d.floor = *in.floor;
    d.room = std::string(Trim(*in.room));
    d.exclusive_area_dm2 = *in.exclusive_area_dm2;
    d.area_source = in.area_source.value_or("registered");
    d.use_type = in.use_type.value_or("residential");
    d.sale_status = in.sale_status.value_or("sold");
    if (auto r = ValidateDwelling(d, *b); !r) return r;
    d.created_at = d.updated_at = FormatIsoUtc(clock_.Now());
    auto ins = store::DwellingRepository::Insert(s, d);
    if (!ins) return store::MapDuplicate(std::move(ins).error(), DuplicateRoom(d));
    id = *ins;
    auto c = DiffDwellings(store::DwellingRecord{}, d);
    c.Set("buildingId", nullptr, building_id);
    return RecordAudit(s, clock_, actor, "dwelling.create", "dwelling", std::to_string(id), d.region_code, c);
  });
  if (!w) return std::move(w).error();
  return GetDwelling(actor, id);
}

Result<DwellingView> RegisterService::UpdateDwelling(const Actor& actor, std::int64_t id, const DwellingInput& in) {
  auto w = db_.Write([&](store::Session& s) -> Result<void> {
    auto before = LoadDwelling(s, actor, id, true);
    if (!before) return std::move(before).error();
    auto b = store::BuildingRepository::Find(s, before->building_id);
    if (!b) return std::move(b).error();
    store::DwellingRecord d = *before;
    if (in.stairwell) d.stairwell = *in.stairwell;
    if (in.floor) d.floor = *in.floor;
    if (in.room) d.room = std::string(Trim(*in.room));
    if (in.exclusive_area_dm2) d.exclusive_area_dm2 = *in.exclusive_area_dm2;
    if (in.area_source) d.area_source = *in.area_source;
    if (in.use_type) d.use_type = *in.use_type;
    if (in.sale_status) d.sale_status = *in.sale_status;
    if (auto r = ValidateDwelling(d, **b); !r) return r;
    auto c = DiffDwellings(*before, d);
    if (c.empty()) return Ok();
    d.updated_at = FormatIsoUtc(clock_.Now());
    if (auto u = store::DwellingRepository::Update(s, d); !u) return store::MapDuplicate(std::move(u).error(), DuplicateRoom(d));
    return RecordAudit(s, clock_, actor, "dwelling.update", "dwelling", std::to_string(id), d.region_code, c);
  });
  if (!w) return std::move(w).error();
  return GetDwelling(actor, id);
}

Result<void> RegisterService::DeleteDwelling(const Actor& actor, std::int64_t id) {
  return db_.Write([&](store::Session& s) -> Result<void> {
    auto d = LoadDwelling(s, actor, id, true);
    if (!d) return std::move(d).error();
    if (auto r = store::DwellingRepository::Delete(s, id); !r) return r;
    auto c = DiffDwellings(*d, store::DwellingRecord{});
    json::array owners;
    for (const auto& o : d->owners) owners.push_back(o.id);
    c.Set("owners", owners, json::array{});
    return RecordAudit(s, clock_, actor, "dwelling.delete", "dwelling", std::to_string(id), d->region_code, c);
  });
}

// ------------------------------------------------------------------------------------------------
// Owners

Result<std::pair<std::vector<OwnerView>, std::int64_t>> RegisterService::ListOwners(const Actor& actor,
                                                                                    const std::optional<std::string>& q,
                                                                                    std::int64_t page, std::int64_t page_size) {
  if (auto r = RequirePermission(actor, kRegisterRead); !r) return std::move(r).error();
  if (ReadsByAssignmentOnly(actor))
    return MakeError(ErrorCode::kForbidden, "auth.forbidden", Text("无权查看业主名录", "not allowed to list owners"),
                     {}, Text("在所分配小区的房屋中查看业主", "see owners on the dwellings of your assigned estates"));
  std::pair<std::vector<OwnerView>, std::int64_t> out;
  std::int64_t unmasked = 0;
  auto r = db_.Read([&](store::Session& s) -> Result<void> {
    store::Page p;
    auto list = store::OwnerRepository::List(s, actor.scope.prefix(), q, page_size, (page - 1) * page_size, p);
    if (!list) return std::move(list).error();
    // Every listed owner holds a dwelling inside the scope, so the PII rule is the role's.
    const bool pii = CanSeePii(actor, actor.scope.prefix());
    for (auto& o : *list) {
      out.first.push_back(OwnerView{std::move(o), !pii});
      if (pii) ++unmasked;
    }
    out.second = p.total;
    return Ok();
  });
  if (!r) return std::move(r).error();
  if (unmasked > 0)
    if (auto a = AuditPiiRead(actor, "owner", "list", actor.scope.prefix(), unmasked); !a) return std::move(a).error();
  return out;
}

Result<OwnerView> RegisterService::CreateOwner(const Actor& actor, const OwnerInput& in_raw) {
  if (auto r = RequirePermission(actor, kRegisterWrite); !r) return std::move(r).error();
  OwnerInput in = in_raw;
  in.id_number = reg::NormaliseIdNumber(in.id_number);
  in.name = std::string(Trim(in.name));
  if (auto r = ValidateOwner(in); !r) return std::move(r).error();
  std::optional<OwnerView> out;
  auto w = db_.Write([&](store::Session& s) -> Result<void> {
    auto existing = store::OwnerRepository::FindByIdNumber(s, in.id_number);
    if (!existing) return std::move(existing).error();
    if (*existing) {
      // The same person again: identified across dwellings by the ID number (issue #3). Shown only as
      // far as the actor may see this person — otherwise the endpoint would look people up by ID.
      auto regions = store::OwnerRepository::RegionsOf(s, (*existing)->id);
      if (!regions) return std::move(regions).error();
      out = OwnerView{**existing, !OwnerPiiVisible(actor, *regions), !OwnerVisible(actor, *regions)};
      return Ok();
    }
    store::OwnerRecord o{0, in.id_number, in.name, in.phone && !in.phone->empty() ? in.phone : std::nullopt, "", ""};
    o.created_at = o.updated_at = FormatIsoUtc(clock_.Now());
    auto id = store::OwnerRepository::Insert(s, o);
    if (!id) return std::move(id).error();
    o.id = *id;
    Changes c;
    c.Set("name", nullptr, J(o.name)).Set("idNumber", nullptr, J(reg::MaskIdNumber(o.id_number)));
    if (auto r = RecordAudit(s, clock_, actor, "owner.create", "owner", std::to_string(o.id), actor.scope.prefix(), c); !r)
      return r;
    out = OwnerView{std::move(o), !CanSeePii(actor, actor.scope.prefix())};
    return Ok();
  });
  if (!w) return std::move(w).error();
  return std::move(*out);
}

Result<DwellingView> RegisterService::LinkOwner(const Actor& actor, std::int64_t dwelling_id, std::int64_t owner_id) {
  auto w = db_.Write([&](store::Session& s) -> Result<void> {
    auto d = LoadDwelling(s, actor, dwelling_id, true);
    if (!d) return std::move(d).error();
    auto o = store::OwnerRepository::Find(s, owner_id);
    if (!o) return std::move(o).error();
    if (!*o) return NotFound("register.owner_not_found", Text("业主不存在", "no such owner"));
    auto regions = store::OwnerRepository::RegionsOf(s, owner_id);
    if (!regions) return std::move(regions).error();
    if (!OwnerVisible(actor, *regions))
      return MakeError(ErrorCode::kForbidden, "register.owner_out_of_scope",
                       Text("该业主不在您的管辖范围内", "this owner is outside your scope"), {},
                       Text("按证件号码登记业主（POST /owners）后再关联", "enter the owner by ID number (POST /owners), then link"));
    if (d->sale_status == "developer_unsold")
      return Invalid("register.unsold_has_no_owner", Text("开发商未售房屋不能登记业主", "a developer-unsold dwelling has no buyer yet"),
                     {}, Text("先把出售状态改为已售", "set the sale status to sold first"));
    auto linked = store::OwnerRepository::Link(s, dwelling_id, owner_id, d->estate_id, d->region_code);
    if (!linked) return std::move(linked).error();
    if (!*linked)
      return MakeError(ErrorCode::kConflict, "register.owner_already_linked", Text("该业主已登记在此房屋", "already an owner of this dwelling"));
    Changes c;
    c.Set("ownerId", nullptr, owner_id);
    return RecordAudit(s, clock_, actor, "dwelling.owner_add", "dwelling", std::to_string(dwelling_id), d->region_code, c);
  });
  if (!w) return std::move(w).error();
  return GetDwelling(actor, dwelling_id);
}

Result<DwellingView> RegisterService::SetHousehold(const Actor& actor, std::int64_t dwelling_id, const HouseholdInput& in) {
  if (auto r = CheckRange("residents", in.residents, 0, 50); !r) return std::move(r).error();
  if (auto r = CheckRange("aged60Plus", in.aged_60_plus, 0, in.residents); !r) return std::move(r).error();
  if (auto r = CheckRange("disabled", in.disabled, 0, in.residents); !r) return std::move(r).error();
  if (auto r = CheckChoice("occupancy", in.occupancy, reg::Occupancies()); !r) return std::move(r).error();
  if (in.occupancy == "vacant" && in.residents > 0)
    return BadField("residents", Text("空置房屋不应有住户", "a vacant dwelling has no residents"));
  auto w = db_.Write([&](store::Session& s) -> Result<void> {
    auto d = LoadDwelling(s, actor, dwelling_id, true);
    if (!d) return std::move(d).error();
    store::HouseholdRecord h{dwelling_id, d->region_code, in.residents, in.aged_60_plus, in.disabled, in.occupancy,
                             FormatIsoUtc(clock_.Now())};
    Changes c;
    const auto before = d->household.value_or(store::HouseholdRecord{});
    c.Diff("residents", J(std::int64_t{before.residents}), J(std::int64_t{h.residents}))
        .Diff("aged60Plus", J(std::int64_t{before.aged_60_plus}), J(std::int64_t{h.aged_60_plus}))
        .Diff("disabled", J(std::int64_t{before.disabled}), J(std::int64_t{h.disabled}))
        .Diff("occupancy", d->household ? J(before.occupancy) : json::value(nullptr), J(h.occupancy));
    if (c.empty()) return Ok();
    if (auto r = store::HouseholdRepository::Upsert(s, h); !r) return r;
    return RecordAudit(s, clock_, actor, "dwelling.household", "dwelling", std::to_string(dwelling_id), d->region_code, c);
  });
  if (!w) return std::move(w).error();
  return GetDwelling(actor, dwelling_id);
}

Result<DwellingView> RegisterService::LinkOwnerByIdNumber(const Actor& actor, std::int64_t dwelling_id,
                                                          const OwnerInput& in_raw) {
  OwnerInput in = in_raw;
  in.id_number = reg::NormaliseIdNumber(in.id_number);
  in.name = std::string(Trim(in.name));
  if (auto r = ValidateOwner(in); !r) return std::move(r).error();
  auto w = db_.Write([&](store::Session& s) -> Result<void> {
    auto d = LoadDwelling(s, actor, dwelling_id, true);
    if (!d) return std::move(d).error();
    if (d->sale_status == "developer_unsold")
      return Invalid("register.unsold_has_no_owner", Text("开发商未售房屋不能登记业主", "a developer-unsold dwelling has no buyer yet"),
                     {}, Text("先把出售状态改为已售", "set the sale status to sold first"));
    auto existing = store::OwnerRepository::FindByIdNumber(s, in.id_number);
    if (!existing) return std::move(existing).error();
    std::int64_t owner_id = 0;
    if (*existing) {
      if ((*existing)->name != in.name)
        return Invalid("register.owner_name_mismatch", Text("证件号码与姓名不符", "the name does not match the ID number"), {},
                       Text("请核对业主姓名", "check the owner's name"));
      owner_id = (*existing)->id;
    } else {
      store::OwnerRecord o{0, in.id_number, in.name, in.phone && !in.phone->empty() ? in.phone : std::nullopt, "", ""};
      o.created_at = o.updated_at = FormatIsoUtc(clock_.Now());
      auto id = store::OwnerRepository::Insert(s, o);
      if (!id) return std::move(id).error();
      owner_id = *id;
    }
    auto linked = store::OwnerRepository::Link(s, dwelling_id, owner_id, d->estate_id, d->region_code);
    if (!linked) return std::move(linked).error();
    if (!*linked)
      return MakeError(ErrorCode::kConflict, "register.owner_already_linked", Text("该业主已登记在此房屋", "already an owner of this dwelling"));
    Changes c;
    c.Set("ownerId", nullptr, owner_id).Set("idNumber", nullptr, J(reg::MaskIdNumber(in.id_number)));
    return RecordAudit(s, clock_, actor, "dwelling.owner_add", "dwelling", std::to_string(dwelling_id), d->region_code, c);
  });
  if (!w) return std::move(w).error();
  return GetDwelling(actor, dwelling_id);
}

Result<DwellingView> RegisterService::AddOwner(const Actor& actor, std::int64_t dwelling_id, const OwnerLinkInput& in) {
  if (in.person) return LinkOwnerByIdNumber(actor, dwelling_id, *in.person);
  if (in.owner_id) return LinkOwner(actor, dwelling_id, *in.owner_id);
  return Invalid("register.invalid_field", Text("字段 ownerId 不正确", "field ownerId is invalid"),
                 Text("应给出业主编号，或证件号码与姓名", "give an owner id, or idNumber and name"));
}

Result<DwellingView> RegisterService::UnlinkOwner(const Actor& actor, std::int64_t dwelling_id, std::int64_t owner_id) {
  auto w = db_.Write([&](store::Session& s) -> Result<void> {
    auto d = LoadDwelling(s, actor, dwelling_id, true);
    if (!d) return std::move(d).error();
    auto removed = store::OwnerRepository::Unlink(s, dwelling_id, owner_id);
    if (!removed) return std::move(removed).error();
    if (!*removed) return NotFound("register.owner_not_linked", Text("该业主未登记在此房屋", "not an owner of this dwelling"));
    Changes c;
    c.Set("ownerId", owner_id, nullptr);
    return RecordAudit(s, clock_, actor, "dwelling.owner_remove", "dwelling", std::to_string(dwelling_id), d->region_code, c);
  });
  if (!w) return std::move(w).error();
  return GetDwelling(actor, dwelling_id);
}

}  // namespace huanxin::service
