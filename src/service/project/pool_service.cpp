#include "service/project/pool_service.hpp"

#include <algorithm>
#include <boost/json.hpp>

#include "common/decimal.hpp"
#include "core/project/publicity.hpp"
#include "service/audit/audit_service.hpp"
#include "service/project/project_service.hpp"
#include "store/register/register_repository.hpp"

namespace huanxin::service {

namespace json = boost::json;
namespace cp = core::project;
using core::auth::perm::kFundWrite;
using core::auth::perm::kProjectRead;
using core::auth::perm::kProjectWrite;

Result<PoolView> PoolService::Pool(const Actor& actor, const std::optional<std::string>& region_code) {
  if (auto r = RequirePermission(actor, kProjectRead); !r) return std::move(r).error();
  auto filter = ScopedRegionFilter(actor, region_code);
  if (!filter) return std::move(filter).error();
  const std::string prefix = filter->value_or(std::string(actor.scope.prefix()));
  auto rows = store::ReadResult(db_, [&](store::Session& s) {
    return store::PoolRepository::Estates(s, prefix, eligibility_.extension_last_year);
  });
  if (!rows) return std::move(rows).error();
  PoolView v;
  v.weights = weights_;
  for (auto& e : *rows) {
    PoolEntry entry;
    entry.verdict = e.built_year <= eligibility_.cutoff_year ? core::reg::Verdict::kEligible
                                                             : core::reg::Verdict::kExtension;
    cp::PoolFacts facts{e.built_year,   eligibility_.cutoff_year, e.severe,    e.larger_hazards, e.hazards,
                        e.problems,     e.dwellings,              e.agreeing,  e.residents,      e.aged_60_plus};
    entry.score = cp::ScoreEstate(facts, weights_);
    entry.estate = std::move(e);
    v.items.push_back(std::move(entry));
  }
  // Best first; ties by the older estate, then by id, so the order is stable.
  std::stable_sort(v.items.begin(), v.items.end(), [](const PoolEntry& a, const PoolEntry& b) {
    if (a.score.score != b.score.score) return a.score.score > b.score.score;
    if (a.estate.built_year != b.estate.built_year) return a.estate.built_year < b.estate.built_year;
    return a.estate.estate_id < b.estate.estate_id;
  });
  return v;
}

// ---- resources ------------------------------------------------------------------------------

Result<store::ResourceRecord> PoolService::AddResource(const Actor& actor, std::int64_t estate_id,
                                                       const ResourceInput& in) {
  if (auto r = RequirePermission(actor, kProjectWrite); !r) return std::move(r).error();
  if (auto r = CheckTextField("description", in.description, 2, 500); !r) return std::move(r).error();
  if (auto r = CheckTextField("owner", in.owner, 1, 100); !r) return std::move(r).error();
  if (!cp::ParseResourceUse(in.proposed_use))
    return ProjectField("proposedUse", Text("应为 pocket_park、parking、elderly_station、childcare_station 或 other",
                                            "must be pocket_park, parking, elderly_station, childcare_station or other"));
  if (in.found_by != "checkup" && in.found_by != "staff")
    return ProjectField("foundBy", Text("应为 checkup（体检发现）或 staff（工作人员登记）", "must be checkup or staff"));
  if (in.area_dm2 <= 0 || in.area_dm2 > 100'000'000'00LL)
    return ProjectField("area", Text("面积应大于 0 平方米", "must be above 0 m²"));
  const auto now = FormatIsoUtc(clock_.Now());
  return store::WriteResult(db_, [&](store::Session& s) -> Result<store::ResourceRecord> {
    auto e = store::EstateRepository::Find(s, estate_id);
    if (!e) return std::move(e).error();
    if (!*e)
      return NotFound("register.estate_not_found",
                      Text("小区 " + std::to_string(estate_id) + " 不存在", "estate " + std::to_string(estate_id) + " does not exist"));
    if (auto r = RequireInScope(actor, (*e)->region_code); !r) return std::move(r).error();
    store::ResourceRecord r;
    r.estate_id = estate_id;
    r.region_code = (*e)->region_code;
    r.description = in.description;
    r.area_dm2 = in.area_dm2;
    r.owner = in.owner;
    r.proposed_use = in.proposed_use;
    r.found_by = in.found_by;
    r.created_by = actor.user_id;
    r.created_at = now;
    auto id = store::ResourceRepository::Insert(s, r);
    if (!id) return std::move(id).error();
    Changes ch;
    ch.Set("description", nullptr, json::string(in.description)).Set("area", nullptr, in.area_dm2)
        .Set("proposedUse", nullptr, json::string(in.proposed_use));
    if (auto a = RecordAudit(s, clock_, actor, "resource.create", "estate_resource", std::to_string(*id), r.region_code, ch); !a)
      return std::move(a).error();
    auto back = store::ResourceRepository::Find(s, *id);
    if (!back) return std::move(back).error();
    return std::move(**back);
  });
}

Result<std::vector<store::ResourceRecord>> PoolService::Resources(const Actor& actor,
                                                                  const std::optional<std::string>& region_code,
                                                                  std::optional<std::int64_t> estate_id) {
  if (auto r = RequirePermission(actor, kProjectRead); !r) return std::move(r).error();
  auto filter = ScopedRegionFilter(actor, region_code);
  if (!filter) return std::move(filter).error();
  const std::string prefix = filter->value_or(std::string(actor.scope.prefix()));
  return store::ReadResult(db_, [&](store::Session& s) { return store::ResourceRepository::List(s, prefix, estate_id); });
}

Result<store::ResourceRecord> PoolService::TakeUpResource(const Actor& actor, std::int64_t project_id,
                                                          std::int64_t resource_id) {
  return store::WriteResult(db_, [&](store::Session& s) -> Result<store::ResourceRecord> {
    auto p = ProjectService::Readable(s, actor, project_id, kProjectWrite);
    if (!p) return std::move(p).error();
    auto r = store::ResourceRepository::Find(s, resource_id);
    if (!r) return std::move(r).error();
    if (!*r || !actor.scope.Covers((*r)->region_code))
      return NotFound("project.resource_not_found", Text("资源不存在", "no such resource"));
    auto estates = store::ProjectRepository::Estates(s, project_id);
    if (!estates) return std::move(estates).error();
    bool in_project = std::any_of(estates->begin(), estates->end(),
                                  [&](const store::ProjectEstateRecord& e) { return e.estate_id == (*r)->estate_id; });
    if (!in_project)
      return MakeError(ErrorCode::kConflict, "project.resource_elsewhere",
                       Text("资源所在小区不属于本项目", "the resource's estate is not in the project"),
                       Text("小区：" + (*r)->estate_name, "estate: " + (*r)->estate_name));
    if ((*r)->project_id && *(*r)->project_id != project_id)
      return MakeError(ErrorCode::kConflict, "project.resource_taken", Text("资源已纳入其他项目", "the resource is in another project"),
                       Text("项目：" + (*r)->project_name, "project: " + (*r)->project_name));
    if (auto n = store::ResourceRepository::TakeUp(s, resource_id, project_id); !n) return std::move(n).error();
    Changes ch;
    ch.Set("resource", resource_id, resource_id).Set("project", nullptr, project_id);
    if (auto a = RecordAudit(s, clock_, actor, "resource.take_up", "estate_resource", std::to_string(resource_id),
                             (*r)->region_code, ch);
        !a)
      return std::move(a).error();
    auto back = store::ResourceRepository::Find(s, resource_id);
    if (!back) return std::move(back).error();
    return std::move(**back);
  });
}

// ---- bills ----------------------------------------------------------------------------------

Result<BillsIssued> PoolService::IssueBills(const Actor& actor, std::int64_t project_id, const std::string& purpose,
                                            std::int64_t amount_fen) {
  if (auto r = RequirePermission(actor, kFundWrite); !r) return std::move(r).error();
  if (auto r = CheckTextField("purpose", purpose, 2, 100); !r) return std::move(r).error();
  if (amount_fen <= 0 || amount_fen > 100'000'000LL)
    return ProjectField("amount", Text("每户金额应大于 0 且不超过 100 万元", "must be above 0 and at most 1 000 000 yuan per household"));
  const auto now = FormatIsoUtc(clock_.Now());
  return store::WriteResult(db_, [&](store::Session& s) -> Result<BillsIssued> {
    auto p = ProjectService::Readable(s, actor, project_id, kFundWrite);
    if (!p) return std::move(p).error();
    auto n = store::BillRepository::Issue(s, project_id, purpose, amount_fen, now);
    if (!n) return std::move(n).error();
    auto estates = store::ProjectRepository::Estates(s, project_id);
    if (!estates) return std::move(estates).error();
    std::int64_t dwellings = 0;
    for (const auto& e : *estates) dwellings += e.dwellings;
    Changes ch;
    ch.Set("purpose", nullptr, json::string(purpose)).Set("amount", nullptr, amount_fen).Set("issued", nullptr, *n);
    if (auto a = RecordAudit(s, clock_, actor, "project.bills_issue", "project", std::to_string(project_id),
                             p->region_code, ch);
        !a)
      return std::move(a).error();
    return BillsIssued{*n, dwellings - *n, dwellings};
  });
}

Result<BillPage> PoolService::Bills(const Actor& actor, std::int64_t project_id, std::optional<bool> paid,
                                    std::int64_t page, std::int64_t page_size) {
  return store::ReadResult(db_, [&](store::Session& s) -> Result<BillPage> {
    auto p = ProjectService::Readable(s, actor, project_id, kProjectRead);
    if (!p) return std::move(p).error();
    BillPage out;
    out.page = page;
    out.page_size = page_size;
    auto total = store::BillRepository::Count(s, project_id, paid);
    if (!total) return std::move(total).error();
    out.total = *total;
    auto items = store::BillRepository::List(s, project_id, paid, page_size, (page - 1) * page_size);
    if (!items) return std::move(items).error();
    out.items = std::move(*items);
    auto sum = store::BillRepository::Summary(s, project_id);
    if (!sum) return std::move(sum).error();
    out.summary = *sum;
    return out;
  });
}

Result<store::BillRecord> PoolService::PayBill(const Actor& actor, std::int64_t project_id, std::int64_t bill_id,
                                               const std::string& paid_on) {
  if (auto r = RequirePermission(actor, kFundWrite); !r) return std::move(r).error();
  if (!IsIsoDate(paid_on)) return ProjectField("paidOn", Text("应为 YYYY-MM-DD 日期", "must be a YYYY-MM-DD date"));
  return store::WriteResult(db_, [&](store::Session& s) -> Result<store::BillRecord> {
    auto p = ProjectService::Readable(s, actor, project_id, kFundWrite);
    if (!p) return std::move(p).error();
    auto b = store::BillRepository::Find(s, project_id, bill_id);
    if (!b) return std::move(b).error();
    if (!*b) return NotFound("project.bill_not_found", Text("账单不存在", "no such bill"));
    if ((*b)->paid_on)
      return MakeError(ErrorCode::kConflict, "project.bill_paid", Text("该账单已缴清", "the bill is already paid"),
                       Text("缴费日期：" + *(*b)->paid_on, "paid on " + *(*b)->paid_on));
    auto n = store::BillRepository::MarkPaid(s, bill_id, paid_on);
    if (!n) return std::move(n).error();
    Changes ch;
    ch.Set("bill", bill_id, bill_id).Set("paidOn", nullptr, json::string(paid_on));
    if (auto a = RecordAudit(s, clock_, actor, "project.bill_paid", "project", std::to_string(project_id), p->region_code, ch); !a)
      return std::move(a).error();
    auto back = store::BillRepository::Find(s, project_id, bill_id);
    if (!back) return std::move(back).error();
    return std::move(**back);
  });
}

}  // namespace huanxin::service
