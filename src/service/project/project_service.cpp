#include "service/project/project_service.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <set>

#include "common/decimal.hpp"
#include "common/image_meta.hpp"
#include "common/text.hpp"
#include "core/region/region_code.hpp"
#include "service/audit/audit_service.hpp"
#include "store/catalogue/catalogue_repository.hpp"
#include "store/register/register_repository.hpp"
#include "store/region/region_repository.hpp"

namespace huanxin::service {

namespace json = boost::json;
namespace cp = core::project;

namespace {

Error Field(const std::string& field, Text why) { return ProjectField(field, std::move(why)); }

Error ProjectNotFound(std::int64_t id) {
  return NotFound("project.not_found", Text("项目 " + std::to_string(id) + " 不存在",
                                            "project " + std::to_string(id) + " does not exist"));
}

Result<void> CheckText(const std::string& field, const std::string& value, std::size_t min_chars,
                       std::size_t max_chars) {
  return CheckTextField(field, value, min_chars, max_chars);
}

Result<void> CheckYear(int year) {
  if (year < 2000 || year > 2100) return Field("year", Text("应为 2000–2100 之间的年份", "must be a year 2000–2100"));
  return Ok();
}

Result<void> CheckRegion(const std::string& field, const std::string& code) {
  if (code.empty() || !IsDigits(code) || code.size() > 15)
    return Field(field, Text("应为数字行政区划代码", "must be a numeric region code"));
  return Ok();
}

std::string RegionName(store::Session& s, const std::string& code) {
  auto r = store::RegionRepository::Find(s, code);
  return r && *r ? (*r)->name : std::string();
}

json::value OptFen(const std::optional<std::int64_t>& v) { return v ? json::value(*v) : json::value(nullptr); }

}  // namespace

Error ProjectField(const std::string& field, Text why) {
  return Invalid("project.invalid_field",
                 Text("字段 " + field + " 无效：" + why.zh, "field " + field + " is invalid: " + why.en),
                 Text::Same(field), Text("请按提示修改后重试", "correct the field and try again"));
}

Result<void> CheckTextField(const std::string& field, const std::string& value, std::size_t min_chars,
                            std::size_t max_chars) {
  const auto n = Utf8Length(value);
  if (!n) return ProjectField(field, Text("不是有效的 UTF-8 文本", "is not valid UTF-8 text"));
  if (*n < min_chars || *n > max_chars)
    return ProjectField(field, Text("长度应为 " + std::to_string(min_chars) + "–" + std::to_string(max_chars) + " 个字符",
                                    "must be " + std::to_string(min_chars) + "–" + std::to_string(max_chars) + " characters"));
  return Ok();
}

bool IsIsoDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  auto tp = ParseIso(text);
  return tp && FormatIsoUtc(*tp).substr(0, 10) == text;
}

ProjectService::ProjectService(store::Database& db, const Clock& clock, FileService& files, ProjectPolicy policy)
    : db_(db), clock_(clock), files_(files), policy_(std::move(policy)) {
  // Gate documents are read by whoever may read the project (its region is the file's region).
  files_.SetReadPolicy("project", [](const Actor& actor, const StoredFile&) -> Result<void> {
    return RequirePermission(actor, core::auth::perm::kProjectRead);
  });
}

Result<store::ProjectRecord> ProjectService::Readable(store::Session& s, const Actor& actor, std::int64_t id,
                                                      std::string_view permission) {
  if (auto r = RequirePermission(actor, permission); !r) return std::move(r).error();
  auto p = store::ProjectRepository::Find(s, id);
  if (!p) return std::move(p).error();
  if (!*p) return ProjectNotFound(id);
  if (auto r = RequireInScope(actor, (*p)->region_code); !r) return std::move(r).error();
  return std::move(**p);
}

// ---- plans ----------------------------------------------------------------------------------

Result<PlanView> ProjectService::PlanViewOf(store::Session& s, const store::PlanRecord& p) {
  PlanView v{p, RegionName(s, p.region_code), {}, 0, 0, 0};
  auto counts = store::PlanRepository::Counts(s, p.region_code, p.year, policy_.eligibility.cutoff_year + 1,
                                              policy_.eligibility.extension_last_year);
  if (!counts) return std::move(counts).error();
  v.counts = *counts;
  v.year_households = cp::YearHouseholds({p.target_households, counts->households, counts->extension_households}, 0);
  v.extension_share = PercentHundredths(counts->extension_households, v.year_households);
  v.extension_cap = PercentHundredths(policy_.eligibility.cap_numerator, policy_.eligibility.cap_denominator);
  return v;
}

Result<PlanView> ProjectService::CreatePlan(const Actor& actor, const PlanInput& in) {
  if (auto r = RequirePermission(actor, core::auth::perm::kPlanWrite); !r) return std::move(r).error();
  if (auto r = CheckRegion("regionCode", in.region_code); !r) return std::move(r).error();
  if (auto r = CheckYear(in.year); !r) return std::move(r).error();
  if (in.target_estates < 0 || in.target_estates > 100000)
    return Field("targetEstates", Text("应为 0–100000 的整数", "must be an integer 0–100000"));
  if (in.target_households < 0 || in.target_households > 10000000)
    return Field("targetHouseholds", Text("应为 0–10000000 的整数", "must be an integer 0–10000000"));
  if (auto r = RequireInScope(actor, in.region_code); !r) return std::move(r).error();
  const auto now = FormatIsoUtc(clock_.Now());
  return store::WriteResult(db_, [&](store::Session& s) -> Result<PlanView> {
    auto region = store::RegionRepository::Find(s, in.region_code);
    if (!region) return std::move(region).error();
    if (!*region)
      return Field("regionCode", Text("行政区划 " + in.region_code + " 不存在", "no region " + in.region_code));
    auto existing = store::PlanRepository::List(s, {"", in.region_code, in.year});
    if (!existing) return std::move(existing).error();
    for (const auto& e : *existing)
      if (e.region_code == in.region_code)
        return MakeError(ErrorCode::kConflict, "plan.exists",
                         Text("该区划本年度计划已存在", "the region already has a plan for the year"),
                         Text("计划编号 " + std::to_string(e.id), "plan " + std::to_string(e.id)),
                         Text("请修改已有计划的目标", "change the existing plan's targets instead"));
    store::PlanRecord p{0, in.region_code, in.year, in.target_estates, in.target_households, now, now, actor.user_id};
    auto id = store::PlanRepository::Insert(s, p);
    if (!id) return std::move(id).error();
    p.id = *id;
    Changes ch;
    ch.Set("targetEstates", nullptr, in.target_estates).Set("targetHouseholds", nullptr, in.target_households);
    if (auto r = RecordAudit(s, clock_, actor, "plan.create", "annual_plan", std::to_string(p.id), p.region_code, ch); !r)
      return std::move(r).error();
    return PlanViewOf(s, p);
  });
}

Result<std::vector<PlanView>> ProjectService::Plans(const Actor& actor, const std::optional<std::string>& region_code,
                                                    std::optional<int> year) {
  if (auto r = RequirePermission(actor, core::auth::perm::kProjectRead); !r) return std::move(r).error();
  if (region_code)
    if (auto r = CheckRegion("regionCode", *region_code); !r) return std::move(r).error();
  if (year)
    if (auto r = CheckYear(*year); !r) return std::move(r).error();
  auto filter = ScopedRegionFilter(actor, region_code);
  if (!filter) return std::move(filter).error();
  return store::ReadResult(db_, [&](store::Session& s) -> Result<std::vector<PlanView>> {
    // A street sees its county's plan too: plans covering its scope, and plans inside it.
    std::string scope = std::string(actor.scope.prefix());
    auto rows = store::PlanRepository::List(s, {"", *filter, year});
    if (!rows) return std::move(rows).error();
    std::vector<PlanView> out;
    for (const auto& p : *rows) {
      bool visible = p.region_code.starts_with(scope) || scope.starts_with(p.region_code);
      if (!visible) continue;
      auto v = PlanViewOf(s, p);
      if (!v) return std::move(v).error();
      out.push_back(std::move(*v));
    }
    return out;
  });
}

Result<PlanView> ProjectService::Plan(const Actor& actor, std::int64_t id) {
  if (auto r = RequirePermission(actor, core::auth::perm::kProjectRead); !r) return std::move(r).error();
  return store::ReadResult(db_, [&](store::Session& s) -> Result<PlanView> {
    auto p = store::PlanRepository::Find(s, id);
    if (!p) return std::move(p).error();
    if (!*p) return NotFound("plan.not_found", Text("计划 " + std::to_string(id) + " 不存在", "plan " + std::to_string(id) + " does not exist"));
    // Visible inside the scope and covering it (a street reads its county's plan); another region's
    // plan is refused like every out-of-scope object (403, not 404).
    const std::string scope(actor.scope.prefix());
    if (!((*p)->region_code.starts_with(scope) || scope.starts_with((*p)->region_code)))
      if (auto r = RequireInScope(actor, (*p)->region_code); !r) return std::move(r).error();
    return PlanViewOf(s, **p);
  });
}

Result<PlanView> ProjectService::UpdatePlan(const Actor& actor, std::int64_t id, std::optional<std::int64_t> target_estates,
                                            std::optional<std::int64_t> target_households) {
  if (auto r = RequirePermission(actor, core::auth::perm::kPlanWrite); !r) return std::move(r).error();
  if (target_estates && (*target_estates < 0 || *target_estates > 100000))
    return Field("targetEstates", Text("应为 0–100000 的整数", "must be an integer 0–100000"));
  if (target_households && (*target_households < 0 || *target_households > 10000000))
    return Field("targetHouseholds", Text("应为 0–10000000 的整数", "must be an integer 0–10000000"));
  const auto now = FormatIsoUtc(clock_.Now());
  return store::WriteResult(db_, [&](store::Session& s) -> Result<PlanView> {
    auto p = store::PlanRepository::Find(s, id);
    if (!p) return std::move(p).error();
    if (!*p) return NotFound("plan.not_found", Text("计划 " + std::to_string(id) + " 不存在", "plan " + std::to_string(id) + " does not exist"));
    if (auto r = RequireInScope(actor, (*p)->region_code); !r) return std::move(r).error();
    auto plan = **p;
    Changes ch;
    ch.Diff("targetEstates", plan.target_estates, target_estates.value_or(plan.target_estates));
    ch.Diff("targetHouseholds", plan.target_households, target_households.value_or(plan.target_households));
    plan.target_estates = target_estates.value_or(plan.target_estates);
    plan.target_households = target_households.value_or(plan.target_households);
    if (!ch.empty()) {
      plan.updated_at = now;
      if (auto r = store::PlanRepository::UpdateTargets(s, id, plan.target_estates, plan.target_households, now); !r)
        return std::move(r).error();
      if (auto r = RecordAudit(s, clock_, actor, "plan.update", "annual_plan", std::to_string(id), plan.region_code, ch); !r)
        return std::move(r).error();
    }
    return PlanViewOf(s, plan);
  });
}

// ---- projects -------------------------------------------------------------------------------

Result<BudgetView> ProjectService::LoadBudget(store::Session& s, std::int64_t project_id, bool with_orders) {
  BudgetView b;
  auto lines = store::BudgetRepository::Lines(s, project_id);
  if (!lines) return std::move(lines).error();
  std::vector<cp::BudgetLine> core_lines;
  for (const auto& l : *lines)
    core_lines.push_back({l.id, l.item_name_zh, l.estimate_fen, l.budget_fen, l.contract_fen, l.settlement_fen,
                          l.approved_changes_fen});
  b.totals = cp::Totals(core_lines);
  b.breaches = cp::CheckBudget(core_lines);
  b.lines = std::move(*lines);
  if (with_orders) {
    auto orders = store::BudgetRepository::ChangeOrders(s, project_id);
    if (!orders) return std::move(orders).error();
    b.change_orders = std::move(*orders);
  }
  return b;
}

Result<FundsView> ProjectService::LoadFunds(store::Session& s, std::int64_t project_id, bool with_entries) {
  FundsView f;
  auto sums = store::FundRepository::BySource(s, project_id);
  if (!sums) return std::move(sums).error();
  for (auto src : cp::kFundSources)
    for (const auto& row : *sums)
      if (row.source == cp::FundSourceCode(src)) {
        f.committed_fen += row.committed_fen;
        f.received_fen += row.received_fen;
        f.paid_fen += row.paid_fen;
        f.by_source.push_back(row);
      }
  f.execution_rate = cp::ExecutionRate(f.paid_fen, f.received_fen);
  if (with_entries) {
    auto entries = store::FundRepository::Entries(s, project_id);
    if (!entries) return std::move(entries).error();
    f.entries = std::move(*entries);
  }
  return f;
}

Result<ProjectView> ProjectService::ViewOf(store::Session& s, const store::ProjectRecord& p) {
  ProjectView v;
  v.project = p;
  v.region_name = RegionName(s, p.region_code);
  auto estates = store::ProjectRepository::Estates(s, p.id);
  if (!estates) return std::move(estates).error();
  for (auto& e : *estates) {
    v.buildings += e.buildings;
    v.households += e.dwellings;
    v.floor_area_dm2 += e.floor_area_dm2.value_or(0);
    auto verdict = core::reg::Evaluate({e.built_year, e.excl_self_built, e.excl_urban_village, e.excl_demolition,
                                        e.excl_recent_renovation},
                                       policy_.eligibility)
                       .verdict;
    v.estates.push_back({std::move(e), verdict});
  }
  auto docs = store::DocumentRepository::List(s, p.id);
  if (!docs) return std::move(docs).error();
  v.documents = std::move(*docs);
  auto units = store::UnitRepository::List(s, p.id);
  if (!units) return std::move(units).error();
  v.units = std::move(*units);
  auto tr = store::ProjectRepository::Transitions(s, p.id);
  if (!tr) return std::move(tr).error();
  v.transitions = std::move(*tr);
  auto budget = LoadBudget(s, p.id, false);
  if (!budget) return std::move(budget).error();
  v.budget = std::move(*budget);
  auto funds = LoadFunds(s, p.id, false);
  if (!funds) return std::move(funds).error();
  v.funds = std::move(*funds);
  // What is on file, and what the next gate still needs.
  for (const auto& d : v.documents)
    if (auto k = cp::ParseDocument(d.kind)) v.facts.documents.insert(*k);
  for (const auto& u : v.units)
    if (auto r = cp::ParseUnitRole(u.role)) v.facts.units.insert(*r);
  auto plan = store::PlanRepository::Covering(s, p.region_code, p.year);
  if (!plan) return std::move(plan).error();
  v.plan = std::move(*plan);
  v.facts.has_plan = v.plan.has_value();
  if (!v.budget.lines.empty()) v.facts.estimate_fen = v.budget.totals.estimate_fen;
  if (auto status = cp::ParseStatus(p.status)) {
    v.next = cp::Next(*status);
    if (v.next) v.missing = cp::MissingFor(*v.next, v.facts, policy_.gates);
  }
  return v;
}

Result<ProjectView> ProjectService::Create(const Actor& actor, const ProjectInput& in) {
  if (auto r = RequirePermission(actor, core::auth::perm::kProjectWrite); !r) return std::move(r).error();
  if (auto r = CheckText("name", in.name, 1, 100); !r) return std::move(r).error();
  if (auto r = CheckYear(in.year); !r) return std::move(r).error();
  if (in.kind != "estate" && in.kind != "area")
    return Field("kind", Text("应为 estate（单个小区）或 area（片区）", "must be estate or area"));
  if (auto r = CheckRegion("regionCode", in.region_code); !r) return std::move(r).error();
  std::set<std::int64_t> unique(in.estate_ids.begin(), in.estate_ids.end());
  if (unique.size() != in.estate_ids.size()) return Field("estateIds", Text("小区重复", "lists an estate twice"));
  if (in.kind == "estate" && in.estate_ids.size() != 1)
    return Field("estateIds", Text("单个小区项目须恰好包含 1 个小区", "an estate project has exactly one estate"));
  if (in.kind == "area" && (in.estate_ids.size() < 2 || in.estate_ids.size() > 500))
    return Field("estateIds", Text("片区项目须包含 2–500 个小区", "an area project packages 2–500 estates"));
  if (auto r = RequireInScope(actor, in.region_code); !r) return std::move(r).error();
  const auto now = FormatIsoUtc(clock_.Now());
  return store::WriteResult(db_, [&](store::Session& s) -> Result<ProjectView> {
    std::vector<store::EstateRecord> estates;
    for (auto id : in.estate_ids) {
      auto e = store::EstateRepository::Find(s, id);
      if (!e) return std::move(e).error();
      if (!*e)
        return NotFound("register.estate_not_found",
                        Text("小区 " + std::to_string(id) + " 不存在", "estate " + std::to_string(id) + " does not exist"));
      if (auto r = RequireInScope(actor, (*e)->region_code); !r) return std::move(r).error();
      if (!(*e)->region_code.starts_with(in.region_code))
        return Field("estateIds", Text("小区“" + (*e)->name + "”不在区划 " + in.region_code + " 内",
                                       "estate \"" + (*e)->name + "\" is not inside region " + in.region_code));
      auto verdict = core::reg::Evaluate({(*e)->built_year, (*e)->excl_self_built, (*e)->excl_urban_village,
                                          (*e)->excl_demolition, (*e)->excl_recent_renovation},
                                         policy_.eligibility);
      if (verdict.verdict == core::reg::Verdict::kIneligible)
        return Invalid("project.estate_ineligible",
                       Text("小区“" + (*e)->name + "”不属于改造范围", "estate \"" + (*e)->name + "\" is not eligible"),
                       verdict.reasons.empty() ? Text() : verdict.reasons.front().text,
                       Text("老旧小区改造对象见国办发〔2020〕23号", "see 国办发〔2020〕23号 for who is eligible"));
      estates.push_back(std::move(**e));
    }
    auto taken = store::ProjectRepository::EstatesTaken(s, in.estate_ids, in.year);
    if (!taken) return std::move(taken).error();
    if (!taken->empty()) {
      const auto& t = taken->front();
      return MakeError(ErrorCode::kConflict, "project.estate_taken",
                       Text("小区已在本年度另一个项目中", "an estate is already in another project of the year"),
                       Text("小区 " + std::to_string(t.estate_id) + " 属于项目“" + t.project_name + "”（" +
                                std::to_string(t.project_id) + "）",
                            "estate " + std::to_string(t.estate_id) + " is in project \"" + t.project_name + "\" (" +
                                std::to_string(t.project_id) + ")"),
                       Text("一个小区每年只纳入一个项目；片区项目可包含多个小区",
                            "an estate joins one project a year; package several estates in an area project"));
    }
    store::ProjectRecord p{0, in.name, in.year, in.kind, in.region_code, "reserve", actor.user_id, now, now};
    auto id = store::ProjectRepository::Insert(s, p);
    if (!id) return std::move(id).error();
    p.id = *id;
    json::array ids;
    for (const auto& e : estates) {
      if (auto r = store::ProjectRepository::AddEstate(s, p.id, e.id, e.region_code); !r) return std::move(r).error();
      ids.push_back(e.id);
    }
    Changes ch;
    ch.Set("name", nullptr, json::string(in.name)).Set("kind", nullptr, json::string(in.kind)).Set("estateIds", nullptr, ids);
    if (auto r = RecordAudit(s, clock_, actor, "project.create", "project", std::to_string(p.id), p.region_code, ch); !r)
      return std::move(r).error();
    return ViewOf(s, p);
  });
}

Result<ProjectPage> ProjectService::List(const Actor& actor, const ProjectListQuery& q) {
  if (auto r = RequirePermission(actor, core::auth::perm::kProjectRead); !r) return std::move(r).error();
  if (q.region_code)
    if (auto r = CheckRegion("regionCode", *q.region_code); !r) return std::move(r).error();
  if (q.year)
    if (auto r = CheckYear(*q.year); !r) return std::move(r).error();
  if (q.status && !cp::ParseStatus(*q.status))
    return Field("status", Text("未知的项目状态：" + *q.status, "unknown status: " + *q.status));
  auto filter = ScopedRegionFilter(actor, q.region_code);
  if (!filter) return std::move(filter).error();
  store::ProjectFilter f{std::string(actor.scope.prefix()), *filter, q.status, q.year, q.page_size,
                         (q.page - 1) * q.page_size};
  return store::ReadResult(db_, [&](store::Session& s) -> Result<ProjectPage> {
    ProjectPage page;
    page.page = q.page;
    page.page_size = q.page_size;
    auto total = store::ProjectRepository::Count(s, f);
    if (!total) return std::move(total).error();
    page.total = *total;
    auto items = store::ProjectRepository::List(s, f);
    if (!items) return std::move(items).error();
    page.items = std::move(*items);
    std::vector<std::string> codes;
    for (const auto& i : page.items) codes.push_back(i.p.region_code);
    auto names = store::RegionRepository::FindNames(s, codes);
    if (!names) return std::move(names).error();
    page.region_names = std::move(*names);
    return page;
  });
}

Result<ProjectView> ProjectService::Get(const Actor& actor, std::int64_t id) {
  return store::ReadResult(db_, [&](store::Session& s) -> Result<ProjectView> {
    auto p = Readable(s, actor, id, core::auth::perm::kProjectRead);
    if (!p) return std::move(p).error();
    return ViewOf(s, *p);
  });
}

Result<ProjectView> ProjectService::Transition(const Actor& actor, std::int64_t id, const std::string& to) {
  if (auto r = RequirePermission(actor, core::auth::perm::kProjectWrite); !r) return std::move(r).error();
  auto target = cp::ParseStatus(to);
  if (!target) return Field("to", Text("未知的项目状态：" + to, "unknown status: " + to));
  // The joint review is the county's (REFERENCE.md §1.4 step 4): approval needs project:approve.
  if (*target == cp::Status::kApproved)
    if (auto r = RequirePermission(actor, core::auth::perm::kProjectApprove); !r) return std::move(r).error();
  const auto now = FormatIsoUtc(clock_.Now());
  return store::WriteResult(db_, [&](store::Session& s) -> Result<ProjectView> {
    auto p = Readable(s, actor, id, core::auth::perm::kProjectWrite);
    if (!p) return std::move(p).error();
    auto from = cp::ParseStatus(p->status);
    if (!from) return MakeError(ErrorCode::kInternal, "project.bad_status", Text("项目状态无效", "bad stored status"));
    auto view = ViewOf(s, *p);
    if (!view) return std::move(view).error();
    if (auto r = cp::CheckTransition(*from, *target, view->facts, policy_.gates); !r) return std::move(r).error();
    const auto& plan = view->plan;
    if (*target == cp::Status::kPlanned) {
      // The extension cap of the year's plan (REFERENCE.md §1.1), estate by estate in id order.
      auto counts = store::PlanRepository::Counts(s, plan->region_code, p->year,
                                                  policy_.eligibility.cutoff_year + 1,
                                                  policy_.eligibility.extension_last_year);
      if (!counts) return std::move(counts).error();
      std::int64_t adding = 0, adding_ext = 0;
      for (const auto& e : view->estates) {
        adding += e.estate.dwellings;
        if (e.verdict == core::reg::Verdict::kExtension) adding_ext += e.estate.dwellings;
      }
      cp::PlanFigures figures{plan->target_households, counts->households + (adding - adding_ext),
                              counts->extension_households};
      if (auto r = cp::CheckExtensionCap(figures, adding_ext, adding_ext > 0, policy_.eligibility); !r)
        return std::move(r).error();
    }
    auto n = store::ProjectRepository::SetStatus(s, id, p->status, std::string(cp::StatusCode(*target)), now);
    if (!n) return std::move(n).error();
    if (*n != 1)
      return MakeError(ErrorCode::kConflict, "project.changed", Text("项目状态已被他人更改", "the project changed meanwhile"),
                       {}, Text("请刷新后重试", "reload and try again"));
    if (auto r = store::ProjectRepository::InsertTransition(s, id, p->status, std::string(cp::StatusCode(*target)),
                                                           actor.user_id, now);
        !r)
      return std::move(r).error();
    Changes ch;
    ch.Set("status", json::string(p->status), json::string(cp::StatusCode(*target)));
    if (auto r = RecordAudit(s, clock_, actor, "project.transition", "project", std::to_string(id), p->region_code, ch); !r)
      return std::move(r).error();
    p->status = std::string(cp::StatusCode(*target));
    p->updated_at = now;
    return ViewOf(s, *p);
  });
}

Result<std::optional<ProjectWorkbench>> ProjectService::Workbench(const Actor& actor) {
  if (!core::auth::HasPermission(actor.role, core::auth::perm::kProjectRead)) return std::optional<ProjectWorkbench>{};
  const int year = ShanghaiYear(clock_.Now());
  const std::string scope(actor.scope.prefix());
  return store::ReadResult(db_, [&](store::Session& s) -> Result<std::optional<ProjectWorkbench>> {
    ProjectWorkbench w;
    w.year = year;
    auto counts = store::ProjectRepository::WorkbenchCounts(s, scope, year);
    if (!counts) return std::move(counts).error();
    w.counts = *counts;
    if (!scope.empty()) {
      auto plan = store::PlanRepository::Covering(s, scope, year);
      if (!plan) return std::move(plan).error();
      if (*plan) {
        auto v = PlanViewOf(s, **plan);
        if (!v) return std::move(v).error();
        w.plan = std::move(*v);
      }
    }
    return std::optional<ProjectWorkbench>(std::move(w));
  });
}

// ---- documents ------------------------------------------------------------------------------

Result<store::DocumentRecord> ProjectService::AddDocument(const Actor& actor, std::int64_t project_id,
                                                          const DocumentInput& in) {
  if (auto r = RequirePermission(actor, core::auth::perm::kProjectWrite); !r) return std::move(r).error();
  if (!cp::ParseDocument(in.kind)) return Field("kind", Text("未知的要件类型：" + in.kind, "unknown document kind: " + in.kind));
  if (auto r = CheckText("title", in.title, 1, 200); !r) return std::move(r).error();
  if (auto r = CheckText("reference", in.reference, 0, 200); !r) return std::move(r).error();
  const auto now = FormatIsoUtc(clock_.Now());
  return store::WriteResult(db_, [&](store::Session& s) -> Result<store::DocumentRecord> {
    auto p = Readable(s, actor, project_id, core::auth::perm::kProjectWrite);
    if (!p) return std::move(p).error();
    store::DocumentRecord d;
    d.project_id = project_id;
    d.kind = in.kind;
    d.title = in.title;
    d.reference = in.reference;
    d.created_by = actor.user_id;
    d.created_at = now;
    auto id = store::DocumentRepository::Insert(s, d);
    if (!id) return std::move(id).error();
    if (auto r = store::ProjectRepository::Touch(s, project_id, now); !r) return std::move(r).error();
    Changes ch;
    ch.Set("kind", nullptr, json::string(in.kind)).Set("title", nullptr, json::string(in.title));
    if (auto r = RecordAudit(s, clock_, actor, "project.document_add", "project", std::to_string(project_id),
                             p->region_code, ch);
        !r)
      return std::move(r).error();
    auto back = store::DocumentRepository::Find(s, project_id, *id);
    if (!back) return std::move(back).error();
    return std::move(**back);
  });
}

Result<store::DocumentRecord> ProjectService::AttachFile(const Actor& actor, std::int64_t project_id,
                                                         std::int64_t document_id, const std::string& name,
                                                         const std::string& bytes) {
  if (auto r = RequirePermission(actor, core::auth::perm::kProjectWrite); !r) return std::move(r).error();
  constexpr std::size_t kMaxDocumentBytes = 20u << 20;
  if (bytes.size() > kMaxDocumentBytes)
    return MakeError(ErrorCode::kPayloadTooLarge, "file.too_large", Text("文件超过 20 MiB", "the file is larger than 20 MiB"),
                     Text::Same(std::to_string(bytes.size()) + " bytes"), Text("请压缩或分页扫描", "compress it or scan fewer pages"));
  std::string content_type, stored = bytes;
  if (bytes.starts_with("%PDF-")) {
    content_type = "application/pdf";
  } else if (auto image = SniffImage(bytes)) {
    auto stripped = StripImageMetadata(bytes);
    if (!stripped)
      return MakeError(ErrorCode::kUnprocessable, "file.bad_image", Text("图片已损坏或格式不完整", "the image is damaged or incomplete"),
                       Text::Same(name));
    content_type = std::string(ImageMime(*image));
    stored = std::move(*stripped);
  } else {
    return MakeError(ErrorCode::kUnsupportedMediaType, "file.unsupported_type",
                     Text("只支持 PDF、JPEG、PNG 或 WebP 文件", "only PDF, JPEG, PNG or WebP files"), Text::Same(name),
                     Text("请上传扫描件（PDF）或照片", "upload a scan (PDF) or a photo"));
  }
  return store::WriteResult(db_, [&](store::Session& s) -> Result<store::DocumentRecord> {
    auto p = Readable(s, actor, project_id, core::auth::perm::kProjectWrite);
    if (!p) return std::move(p).error();
    auto d = store::DocumentRepository::Find(s, project_id, document_id);
    if (!d) return std::move(d).error();
    if (!*d) return NotFound("project.document_not_found", Text("要件不存在", "no such document"));
    auto f = files_.Put(s, actor, "project", p->region_code, name, content_type, stored);
    if (!f) return std::move(f).error();
    if (auto r = store::DocumentRepository::SetFile(s, document_id, f->id); !r) return std::move(r).error();
    Changes ch;
    ch.Set("document", document_id, nullptr).Set("file", OptFen((*d)->file_id), f->id);
    if (auto r = RecordAudit(s, clock_, actor, "project.document_file", "project", std::to_string(project_id),
                             p->region_code, ch);
        !r)
      return std::move(r).error();
    auto back = store::DocumentRepository::Find(s, project_id, document_id);
    if (!back) return std::move(back).error();
    return std::move(**back);
  });
}

Result<void> ProjectService::DeleteDocument(const Actor& actor, std::int64_t project_id, std::int64_t document_id) {
  return db_.Write([&](store::Session& s) -> Result<void> {
    auto p = Readable(s, actor, project_id, core::auth::perm::kProjectWrite);
    if (!p) return std::move(p).error();
    auto d = store::DocumentRepository::Find(s, project_id, document_id);
    if (!d) return std::move(d).error();
    if (!*d) return NotFound("project.document_not_found", Text("要件不存在", "no such document"));
    // A gate passed stays passed: its documents stay on file (the permit of a started project).
    auto kind = cp::ParseDocument((*d)->kind);
    auto status = cp::ParseStatus(p->status);
    if (kind && status && *kind != cp::DocumentKind::kOther) {
      for (auto st : cp::kStatuses) {
        if (!cp::AtLeast(*status, st) || st == cp::Status::kReserve) continue;
        auto need = cp::MissingFor(st, cp::GateFacts{}, policy_.gates);
        bool needed = std::any_of(need.begin(), need.end(), [&](const cp::Missing& m) { return m.code == (*d)->kind; });
        if (needed)
          return MakeError(ErrorCode::kConflict, "project.document_in_use",
                           Text("该要件支撑已通过的环节，不能删除", "the document backs a gate already passed"),
                           Text("环节：" + cp::StatusName(st).zh, "gate: " + std::string(cp::StatusCode(st))),
                           Text("如需更正，请上传新版本", "upload a corrected version instead"));
      }
    }
    auto n = store::DocumentRepository::Delete(s, document_id);
    if (!n) return std::move(n).error();
    Changes ch;
    ch.Set("document", document_id, nullptr).Set("kind", json::string((*d)->kind), nullptr);
    return RecordAudit(s, clock_, actor, "project.document_delete", "project", std::to_string(project_id),
                       p->region_code, ch);
  });
}

// ---- units ----------------------------------------------------------------------------------

Result<store::UnitRecord> ProjectService::PutUnit(const Actor& actor, std::int64_t project_id, const std::string& role,
                                                  const UnitInput& in) {
  if (auto r = RequirePermission(actor, core::auth::perm::kProjectWrite); !r) return std::move(r).error();
  auto r_role = cp::ParseUnitRole(role);
  if (!r_role)
    return NotFound("project.unit_role_not_found",
                    Text("单位类型应为 design、construction、supervision 或 material", "role must be design, construction, supervision or material"));
  if (auto r = CheckText("company", in.company, 2, 100); !r) return std::move(r).error();
  if (auto r = CheckText("contact", in.contact, 1, 40); !r) return std::move(r).error();
  if (!in.credit_code.empty() && (in.credit_code.size() != 18 || !std::all_of(in.credit_code.begin(), in.credit_code.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
      })))
    return Field("creditCode", Text("统一社会信用代码应为 18 位数字或大写字母", "the unified social credit code has 18 digits or capital letters"));
  if (in.phone.size() > 20 || !std::all_of(in.phone.begin(), in.phone.end(), [](char c) {
        return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == ' ';
      }))
    return Field("phone", Text("电话只能包含数字、空格、+ 和 -，最多 20 位", "digits, spaces, + and - only, at most 20"));
  const auto now = FormatIsoUtc(clock_.Now());
  return store::WriteResult(db_, [&](store::Session& s) -> Result<store::UnitRecord> {
    auto p = Readable(s, actor, project_id, core::auth::perm::kProjectWrite);
    if (!p) return std::move(p).error();
    auto units = store::UnitRepository::List(s, project_id);
    if (!units) return std::move(units).error();
    store::UnitRecord u{std::string(cp::UnitRoleCode(*r_role)), in.company, in.credit_code, in.contact, in.phone, now};
    if (policy_.separate_material_supplier &&
        (*r_role == cp::UnitRole::kMaterial || *r_role == cp::UnitRole::kConstruction)) {
      const auto other = *r_role == cp::UnitRole::kMaterial ? "construction" : "material";
      for (const auto& o : *units)
        if (o.role == other) {
          cp::UnitFacts mine{u.company, u.credit_code}, theirs{o.company, o.credit_code};
          if (auto r = cp::CheckUnitsSeparate(mine, theirs); !r) return std::move(r).error();
        }
    }
    Changes ch;
    json::value before = nullptr;
    for (const auto& o : *units)
      if (o.role == u.role) before = json::string(o.company);
    ch.Set(u.role, before, json::string(u.company));
    if (auto r = store::UnitRepository::Upsert(s, project_id, u); !r) return std::move(r).error();
    if (auto r = RecordAudit(s, clock_, actor, "project.unit", "project", std::to_string(project_id), p->region_code, ch); !r)
      return std::move(r).error();
    return u;
  });
}

// ---- budget ---------------------------------------------------------------------------------

Result<BudgetView> ProjectService::Budget(const Actor& actor, std::int64_t project_id) {
  return store::ReadResult(db_, [&](store::Session& s) -> Result<BudgetView> {
    auto p = Readable(s, actor, project_id, core::auth::perm::kProjectRead);
    if (!p) return std::move(p).error();
    return LoadBudget(s, project_id, true);
  });
}

namespace {
constexpr std::int64_t kMaxFen = 100'000'000'000'00LL;  // 1 000 亿元: beyond any estate project
constexpr std::int64_t kMaxQuantityCenti = 1'000'000'000'00LL;

Result<void> CheckMoney(const std::string& field, std::int64_t fen, bool allow_zero = true) {
  if (fen < 0 || (!allow_zero && fen == 0) || fen > kMaxFen)
    return Field(field, Text(allow_zero ? "金额应为 0 至 1000 亿元" : "金额应大于 0 且不超过 1000 亿元",
                             allow_zero ? "must be 0 to 100 billion yuan" : "must be above 0 and at most 100 billion yuan"));
  return Ok();
}
}  // namespace

Result<store::BudgetLineRecord> ProjectService::AddBudgetLine(const Actor& actor, std::int64_t project_id,
                                                              const BudgetLineInput& in) {
  if (auto r = RequirePermission(actor, core::auth::perm::kProjectWrite); !r) return std::move(r).error();
  if (!in.item_code) return Field("itemCode", Text("必填", "required"));
  if (!in.quantity_centi) return Field("quantity", Text("必填", "required"));
  if (!in.unit_price_fen) return Field("unitPrice", Text("必填", "required"));
  if (*in.quantity_centi <= 0 || *in.quantity_centi > kMaxQuantityCenti)
    return Field("quantity", Text("应大于 0", "must be above 0"));
  if (auto r = CheckMoney("unitPrice", *in.unit_price_fen); !r) return std::move(r).error();
  for (auto [name, v] : {std::pair{"budget", &in.budget_fen}, {"contract", &in.contract_fen}, {"settlement", &in.settlement_fen}})
    if (*v && **v)
      if (auto r = CheckMoney(name, ***v); !r) return std::move(r).error();
  if (auto r = CheckText("description", in.description.value_or(""), 0, 200); !r) return std::move(r).error();
  const auto now = FormatIsoUtc(clock_.Now());
  return store::WriteResult(db_, [&](store::Session& s) -> Result<store::BudgetLineRecord> {
    auto p = Readable(s, actor, project_id, core::auth::perm::kProjectWrite);
    if (!p) return std::move(p).error();
    auto item = store::CatalogueRepository::Find(s, *in.item_code);
    if (!item) return std::move(item).error();
    if (!*item) return Field("itemCode", Text("改造内容目录中没有 " + *in.item_code, "no catalogue item " + *in.item_code));
    store::BudgetLineRecord l;
    l.project_id = project_id;
    l.item_code = *in.item_code;
    l.description = in.description.value_or("");
    l.unit = (*item)->unit;
    l.quantity_centi = *in.quantity_centi;
    l.unit_price_fen = *in.unit_price_fen;
    l.estimate_fen = cp::LineAmountFen(l.quantity_centi, l.unit_price_fen);
    if (l.estimate_fen > kMaxFen) return Field("quantity", Text("数量 × 单价超出上限", "quantity × unit price is too large"));
    l.budget_fen = in.budget_fen.value_or(std::nullopt);
    l.contract_fen = in.contract_fen.value_or(std::nullopt);
    l.settlement_fen = in.settlement_fen.value_or(std::nullopt);
    l.created_at = l.updated_at = now;
    auto id = store::BudgetRepository::InsertLine(s, l);
    if (!id) return std::move(id).error();
    if (auto r = store::ProjectRepository::Touch(s, project_id, now); !r) return std::move(r).error();
    Changes ch;
    ch.Set("line", nullptr, *id).Set("item", nullptr, json::string(l.item_code)).Set("estimate", nullptr, l.estimate_fen);
    if (auto r = RecordAudit(s, clock_, actor, "project.budget_line", "project", std::to_string(project_id),
                             p->region_code, ch);
        !r)
      return std::move(r).error();
    auto back = store::BudgetRepository::FindLine(s, project_id, *id);
    if (!back) return std::move(back).error();
    return std::move(**back);
  });
}

Result<store::BudgetLineRecord> ProjectService::UpdateBudgetLine(const Actor& actor, std::int64_t project_id,
                                                                 std::int64_t line_id, const BudgetLineInput& in) {
  if (auto r = RequirePermission(actor, core::auth::perm::kProjectWrite); !r) return std::move(r).error();
  if (in.item_code) return Field("itemCode", Text("不能修改改造内容，请新增一行", "cannot change the item; add a line instead"));
  if (in.quantity_centi && (*in.quantity_centi <= 0 || *in.quantity_centi > kMaxQuantityCenti))
    return Field("quantity", Text("应大于 0", "must be above 0"));
  if (in.unit_price_fen)
    if (auto r = CheckMoney("unitPrice", *in.unit_price_fen); !r) return std::move(r).error();
  for (auto [name, v] : {std::pair{"budget", &in.budget_fen}, {"contract", &in.contract_fen}, {"settlement", &in.settlement_fen}})
    if (*v && **v)
      if (auto r = CheckMoney(name, ***v); !r) return std::move(r).error();
  if (in.description)
    if (auto r = CheckText("description", *in.description, 0, 200); !r) return std::move(r).error();
  const auto now = FormatIsoUtc(clock_.Now());
  return store::WriteResult(db_, [&](store::Session& s) -> Result<store::BudgetLineRecord> {
    auto p = Readable(s, actor, project_id, core::auth::perm::kProjectWrite);
    if (!p) return std::move(p).error();
    auto found = store::BudgetRepository::FindLine(s, project_id, line_id);
    if (!found) return std::move(found).error();
    if (!*found) return NotFound("project.budget_line_not_found", Text("预算明细不存在", "no such budget line"));
    auto l = **found;
    Changes ch;
    auto set = [&](const char* field, std::optional<std::int64_t>& slot, const std::optional<std::optional<std::int64_t>>& v) {
      if (!v) return;
      ch.Diff(field, OptFen(slot), OptFen(*v));
      slot = *v;
    };
    if (in.description) {
      ch.Diff("description", json::string(l.description), json::string(*in.description));
      l.description = *in.description;
    }
    if (in.quantity_centi) {
      ch.Diff("quantity", l.quantity_centi, *in.quantity_centi);
      l.quantity_centi = *in.quantity_centi;
    }
    if (in.unit_price_fen) {
      ch.Diff("unitPrice", l.unit_price_fen, *in.unit_price_fen);
      l.unit_price_fen = *in.unit_price_fen;
    }
    const auto estimate = cp::LineAmountFen(l.quantity_centi, l.unit_price_fen);
    if (estimate > kMaxFen) return Field("quantity", Text("数量 × 单价超出上限", "quantity × unit price is too large"));
    ch.Diff("estimate", l.estimate_fen, estimate);
    l.estimate_fen = estimate;
    set("budget", l.budget_fen, in.budget_fen);
    set("contract", l.contract_fen, in.contract_fen);
    set("settlement", l.settlement_fen, in.settlement_fen);
    if (!ch.empty()) {
      l.updated_at = now;
      if (auto r = store::BudgetRepository::UpdateLine(s, l); !r) return std::move(r).error();
      if (auto r = store::ProjectRepository::Touch(s, project_id, now); !r) return std::move(r).error();
      ch.Set("line", line_id, line_id);
      if (auto r = RecordAudit(s, clock_, actor, "project.budget_line", "project", std::to_string(project_id),
                               p->region_code, ch);
          !r)
        return std::move(r).error();
    }
    auto back = store::BudgetRepository::FindLine(s, project_id, line_id);
    if (!back) return std::move(back).error();
    return std::move(**back);
  });
}

Result<store::ChangeOrderRecord> ProjectService::AddChangeOrder(const Actor& actor, std::int64_t project_id,
                                                                const ChangeOrderInput& in) {
  if (auto r = RequirePermission(actor, core::auth::perm::kProjectWrite); !r) return std::move(r).error();
  if (in.amount_fen == 0 || in.amount_fen > kMaxFen || in.amount_fen < -kMaxFen)
    return Field("amount", Text("变更金额不能为 0（减少用负数）", "must not be 0 (negative for a reduction)"));
  if (auto r = CheckText("reason", in.reason, 1, 500); !r) return std::move(r).error();
  if (auto r = CheckText("approvedBy", in.approved_by, 1, 100); !r) return std::move(r).error();
  if (!IsIsoDate(in.approved_on)) return Field("approvedOn", Text("应为 YYYY-MM-DD 日期", "must be a YYYY-MM-DD date"));
  const auto now = FormatIsoUtc(clock_.Now());
  return store::WriteResult(db_, [&](store::Session& s) -> Result<store::ChangeOrderRecord> {
    auto p = Readable(s, actor, project_id, core::auth::perm::kProjectWrite);
    if (!p) return std::move(p).error();
    auto line = store::BudgetRepository::FindLine(s, project_id, in.budget_item_id);
    if (!line) return std::move(line).error();
    if (!*line) return Field("budgetItemId", Text("本项目没有该预算明细", "no such budget line in the project"));
    store::ChangeOrderRecord c{0, project_id, in.budget_item_id, in.amount_fen, in.reason, in.approved_by,
                               in.approved_on, actor.user_id, actor.username, now};
    auto id = store::BudgetRepository::InsertChangeOrder(s, c);
    if (!id) return std::move(id).error();
    c.id = *id;
    Changes ch;
    ch.Set("changeOrder", nullptr, c.id).Set("line", nullptr, c.budget_item_id).Set("amount", nullptr, c.amount_fen);
    if (auto r = RecordAudit(s, clock_, actor, "project.change_order", "project", std::to_string(project_id),
                             p->region_code, ch);
        !r)
      return std::move(r).error();
    return c;
  });
}

// ---- funds ----------------------------------------------------------------------------------

Result<store::FundEntryRecord> ProjectService::AddFund(const Actor& actor, std::int64_t project_id, const FundInput& in) {
  if (auto r = RequirePermission(actor, core::auth::perm::kFundWrite); !r) return std::move(r).error();
  if (!cp::ParseFundSource(in.source)) return Field("source", Text("未知的资金来源：" + in.source, "unknown source: " + in.source));
  if (!cp::ParseFundKind(in.kind))
    return Field("kind", Text("应为 committed、received 或 paid", "must be committed, received or paid"));
  if (auto r = CheckMoney("amount", in.amount_fen, false); !r) return std::move(r).error();
  if (!IsIsoDate(in.on)) return Field("on", Text("应为 YYYY-MM-DD 日期", "must be a YYYY-MM-DD date"));
  if (auto r = CheckText("note", in.note, 0, 200); !r) return std::move(r).error();
  const auto now = FormatIsoUtc(clock_.Now());
  return store::WriteResult(db_, [&](store::Session& s) -> Result<store::FundEntryRecord> {
    auto p = Readable(s, actor, project_id, core::auth::perm::kFundWrite);
    if (!p) return std::move(p).error();
    store::FundEntryRecord e{0, project_id, p->region_code, p->year, in.source, in.kind, in.amount_fen, in.on,
                             in.note, actor.user_id, actor.username, now};
    auto id = store::FundRepository::Insert(s, e);
    if (!id) return std::move(id).error();
    e.id = *id;
    Changes ch;
    ch.Set("entry", nullptr, e.id).Set("source", nullptr, json::string(e.source)).Set("kind", nullptr, json::string(e.kind))
        .Set("amount", nullptr, e.amount_fen).Set("on", nullptr, json::string(e.on_date));
    if (auto r = RecordAudit(s, clock_, actor, "project.fund", "project", std::to_string(project_id), p->region_code, ch); !r)
      return std::move(r).error();
    return e;
  });
}

Result<FundsView> ProjectService::Funds(const Actor& actor, std::int64_t project_id) {
  return store::ReadResult(db_, [&](store::Session& s) -> Result<FundsView> {
    auto p = Readable(s, actor, project_id, core::auth::perm::kProjectRead);
    if (!p) return std::move(p).error();
    return LoadFunds(s, project_id, true);
  });
}

}  // namespace huanxin::service
