// Check-up documents (issue #4; docs/checkup.md, "Results"): the estate and area reports and the
// problem list workbook, assembled from storage and handed to the pure renderers of src/report; the
// report kept with an estate; the batch job that regenerates them. Part of CheckupService.
//
// Documents show Asia/Shanghai time from the service's clock (ARCHITECTURE.md §4): the generation
// time and the approval date; storage stays UTC.
#include <algorithm>
#include <boost/json.hpp>
#include <map>
#include <set>

#include "common/decimal.hpp"
#include "core/auth/role.hpp"
#include "service/checkup/checkup_service.hpp"
#include "service/job/job_service.hpp"
#include "store/checkup/result_repository.hpp"
#include "store/region/region_repository.hpp"
#include "store/register/register_repository.hpp"

namespace huanxin::service {

namespace json = boost::json;
namespace ck = core::checkup;
namespace perm = core::auth::perm;

namespace {

constexpr const char* kPdf = kPdfType;
constexpr const char* kXlsx = kXlsxType;
constexpr const char* kHtml = kHtmlType;

Error EstateNotInCampaign() {
  return MakeError(ErrorCode::kNotFound, "checkup.estate_not_found",
                   Text("该小区不在本次体检中", "the estate is not in this check-up"));
}

const CampaignEstate* FindEstate(const Campaign& c, std::int64_t estate_id) {
  auto it = std::find_if(c.estates.begin(), c.estates.end(), [&](const auto& e) { return e.estate_id == estate_id; });
  return it == c.estates.end() ? nullptr : &*it;
}

std::string StatusLabel(const std::string& status) {
  if (status == "draft") return "采集中";
  if (status == "submitted") return "待审核";
  if (status == "approved") return "已审核";
  if (status == "returned") return "已退回";
  return status;
}

std::string ValueLabel(const ProblemRow& r) {
  if (!r.obs.in.value || !r.criterion) return "";
  const auto& unit = r.criterion->unit;
  std::string u = unit == "m2" ? " ㎡" : unit == "years" ? " 年" : unit == "count" ? " 个" : unit == "km" ? " 千米"
                  : unit == "m2_per_100hh" ? " ㎡/百户" : "";
  return FormatHundredths(*r.obs.in.value) + u;
}

// Renovation item names for documents people read (外墙修缮, not B13), from the catalogue's active
// items.
struct ItemNames {
  std::map<std::string, std::string> name;       // code → 外墙修缮
  std::map<std::string, std::string> with_kind;  // code → 基础类 · 外墙修缮
};

Result<ItemNames> LoadItemNames(CatalogueService& catalogue) {
  auto items = catalogue.Snapshot();
  if (!items) return std::move(items).error();
  ItemNames out;
  for (const auto& it : **items) {
    out.name[it.code] = it.name_zh;
    out.with_kind[it.code] = it.category_zh + " · " + it.name_zh;
  }
  return out;
}

std::vector<report::CheckupIndicatorRow> IndicatorRows(const ProblemList& p) {
  std::vector<report::CheckupIndicatorRow> out;
  for (std::size_t k = 0; k < p.catalog.indicators.size(); ++k) {
    const auto& i = p.catalog.indicators[k];
    const auto& s = p.summary.by_indicator[k];
    out.push_back({i.core.code, i.core.name, i.core.sub_dimension, i.core.problem_unit, s.objects, s.problems,
                   s.worst, std::nullopt});
  }
  return out;
}

// The rows of the problem list; `items`, when given, collects the suggested item codes in first-seen order.
std::vector<report::CheckupProblemRow> ProblemRows(const ProblemList& p, const ItemNames& names,
                                                   std::vector<std::string>* items) {
  std::vector<report::CheckupProblemRow> out;
  std::set<std::string> seen;
  for (const auto& r : p.rows) {
    std::string suggested;
    if (r.criterion)
      for (const auto& code : r.criterion->suggested_items) {
        auto it = names.name.find(code);
        suggested += (suggested.empty() ? "" : "、") + (it == names.name.end() ? code : it->second);
        if (items && seen.insert(code).second) items->push_back(code);
      }
    out.push_back({r.object_label, r.obs.in.indicator, r.indicator ? r.indicator->core.name : "",
                   r.criterion ? r.criterion->name_zh : "", r.obs.severity.value_or(ck::Severity::kProblem),
                   ValueLabel(r), r.obs.in.note, suggested});
  }
  return out;
}

}  // namespace

// ---- report data ----

Result<report::CheckupEstateReport> CheckupService::BuildEstateReport(store::Session& s, const Actor& actor, const Campaign& c,
                                                                      std::int64_t estate_id) {
  const auto* est = FindEstate(c, estate_id);
  if (!est) return EstateNotInCampaign();
  ProblemQuery q;
  q.estate_id = estate_id;
  auto p = LoadProblems(s, actor, c, q);
  if (!p) return std::move(p).error();
  auto names = LoadItemNames(catalogue_);
  if (!names) return std::move(names).error();
  report::CheckupEstateReport r;
  r.estate_name = est->estate_name;
  r.title = est->estate_name + " " + std::to_string(c.year) + "年城市体检（住房与小区）报告";
  r.catalog_label = c.catalog_name;
  r.period_label = std::to_string(c.year) + "年 · " + c.title;
  r.status_label = StatusLabel(est->status);
  if (auto approved = est->approved_at ? ParseIso(*est->approved_at) : std::nullopt)
    r.status_label += "（" + FormatShanghai(*approved, 10) + "）";
  r.generated_at = FormatShanghai(clock_.Now(), 16);
  r.region_path = est->region_code;
  // Register facts: the campaign already holds the estate inside the actor's scope.
  auto estate = store::EstateRepository::Find(s, estate_id);
  if (!estate) return std::move(estate).error();
  if (*estate) {
    r.address = (*estate)->address;
    auto region = store::RegionRepository::Find(s, (*estate)->region_code);
    if (!region) return std::move(region).error();
    if (*region) r.region_path = (*region)->name;
    r.facts.emplace_back("建成年份", std::to_string((*estate)->built_year));
    if ((*estate)->floor_area_dm2) r.facts.emplace_back("总建筑面积", FormatHundredths(*(*estate)->floor_area_dm2) + " ㎡");
  }
  auto facts = store::CheckupResultRepository::EstateFacts(s, estate_id);
  if (!facts) return std::move(facts).error();
  r.facts.emplace_back("楼栋数", std::to_string(facts->buildings));
  r.facts.emplace_back("户数", std::to_string(facts->dwellings));
  r.facts.emplace_back("60岁以上居民", std::to_string(facts->aged_60_plus));
  r.facts.emplace_back("体检记录", std::to_string(est->observations) + " 条");
  r.indicators = IndicatorRows(*p);
  // Last year's approved check-up of the same estate, when there was one.
  auto previous = store::CheckupResultRepository::EstateObjectsInYear(s, estate_id, c.year - 1, actor.scope.prefix());
  if (!previous) return std::move(previous).error();
  if (!previous->empty())
    for (auto& row : r.indicators) {
      auto it = previous->find(row.code);
      row.previous_objects = it == previous->end() ? 0 : it->second;
    }
  for (const auto& [name, n] : p->summary.by_sub_dimension) r.by_sub_dimension.emplace_back(name, n);
  for (auto sv : {ck::Severity::kSevere, ck::Severity::kLargerHazard, ck::Severity::kHazard, ck::Severity::kProblem})
    r.by_severity.emplace_back(sv, p->summary.by_severity[static_cast<int>(sv)]);
  std::vector<std::string> codes;
  r.problems = ProblemRows(*p, *names, &codes);
  for (const auto& code : codes) {
    auto it = names->with_kind.find(code);
    r.suggested_items.push_back(it == names->with_kind.end() ? code : it->second);
  }
  return r;
}

Result<report::CheckupAreaReport> CheckupService::BuildAreaReport(store::Session& s, const Actor& actor, const Campaign& c) {
  auto p = LoadProblems(s, actor, c, {});
  if (!p) return std::move(p).error();
  auto names = LoadItemNames(catalogue_);
  if (!names) return std::move(names).error();
  report::CheckupAreaReport r;
  r.title = c.title + "（" + std::to_string(c.year) + "年）体检汇总报告";
  r.region_label = c.region_code;
  r.catalog_label = c.catalog_name;
  r.period_label = std::to_string(c.year) + "年";
  r.generated_at = FormatShanghai(clock_.Now(), 16);
  for (const auto& e : c.estates) {
    report::CheckupAreaEstateRow row{e.estate_name, e.region_code, StatusLabel(e.status)};
    for (const auto& pr : p->rows) {
      if (pr.obs.in.estate_id != e.estate_id) continue;
      ++row.problems;
      switch (pr.obs.severity.value_or(ck::Severity::kProblem)) {
        case ck::Severity::kSevere: ++row.severe; break;
        case ck::Severity::kLargerHazard: ++row.larger_hazard; break;
        case ck::Severity::kHazard: ++row.hazard; break;
        case ck::Severity::kProblem: ++row.other; break;
      }
    }
    r.estates.push_back(std::move(row));
  }
  r.indicators = IndicatorRows(*p);
  r.problems = ProblemRows(*p, *names, nullptr);
  return r;
}

Result<report::CheckupEstateReport> CheckupService::EstateReport(const Actor& actor, std::int64_t id, std::int64_t estate_id) {
  return store::ReadResult(db_, [&](store::Session& s) -> Result<report::CheckupEstateReport> {
    auto c = LoadCampaign(s, actor, id, perm::kCheckupRead);
    if (!c) return std::move(c).error();
    return BuildEstateReport(s, actor, *c, estate_id);
  });
}

Result<report::CheckupAreaReport> CheckupService::AreaReport(const Actor& actor, std::int64_t id) {
  return store::ReadResult(db_, [&](store::Session& s) -> Result<report::CheckupAreaReport> {
    auto c = LoadCampaign(s, actor, id, perm::kCheckupRead);
    if (!c) return std::move(c).error();
    return BuildAreaReport(s, actor, *c);
  });
}

// ---- documents ----
// The data is read in one snapshot; rendering runs after the read transaction has ended.

Result<Document> CheckupService::ReportPdf(const Actor& actor, std::int64_t id, std::optional<std::int64_t> estate_id) {
  if (estate_id) {
    auto data = EstateReport(actor, id, *estate_id);
    if (!data) return std::move(data).error();
    auto pdf = report::RenderCheckupPdf(*data);
    if (!pdf) return std::move(pdf).error();
    return Document{std::move(*pdf), kPdf, data->estate_name + "-体检报告.pdf"};
  }
  auto data = AreaReport(actor, id);
  if (!data) return std::move(data).error();
  auto pdf = report::RenderCheckupAreaPdf(*data);
  if (!pdf) return std::move(pdf).error();
  return Document{std::move(*pdf), kPdf, "体检汇总报告-" + std::to_string(id) + ".pdf"};
}

Result<Document> CheckupService::ReportHtml(const Actor& actor, std::int64_t id, std::optional<std::int64_t> estate_id) {
  if (estate_id) {
    auto data = EstateReport(actor, id, *estate_id);
    if (!data) return std::move(data).error();
    return Document{report::RenderCheckupHtml(*data), kHtml, data->estate_name + "-体检报告.html"};
  }
  auto data = AreaReport(actor, id);
  if (!data) return std::move(data).error();
  return Document{report::RenderCheckupAreaHtml(*data), kHtml, "体检汇总报告-" + std::to_string(id) + ".html"};
}

Result<Document> CheckupService::ProblemListXlsx(const Actor& actor, std::int64_t id,
                                                        std::optional<std::int64_t> estate_id) {
  auto rows = store::ReadResult(db_, [&](store::Session& s) -> Result<std::vector<report::CheckupProblemRow>> {
    auto c = LoadCampaign(s, actor, id, perm::kCheckupRead);
    if (!c) return std::move(c).error();
    ProblemQuery q;
    q.estate_id = estate_id;
    auto p = LoadProblems(s, actor, *c, q);
    if (!p) return std::move(p).error();
    auto names = LoadItemNames(catalogue_);
    if (!names) return std::move(names).error();
    return ProblemRows(*p, *names, nullptr);
  });
  if (!rows) return std::move(rows).error();
  auto xlsx = report::RenderProblemListXlsx("问题清单", *rows);
  if (!xlsx) return std::move(xlsx).error();
  return Document{std::move(*xlsx), kXlsx, "问题清单-" + std::to_string(id) + ".xlsx"};
}

// ---- many estates at once ----

Result<std::vector<EstateDocuments>> CheckupService::ReportBatch(const Actor& actor, std::int64_t id,
                                                                 const std::vector<std::int64_t>& estates, bool xlsx) {
  // Read: one snapshot for every estate (the data the single path reads estate by estate).
  std::vector<Result<report::CheckupEstateReport>> data;
  auto read = store::ReadResult(db_, [&](store::Session& s) -> Result<void> {
    auto c = LoadCampaign(s, actor, id, perm::kCheckupRead);
    if (!c) return std::move(c).error();
    data.clear();
    data.reserve(estates.size());
    for (auto estate : estates) data.push_back(BuildEstateReport(s, actor, *c, estate));
    return Ok();
  });
  if (!read) return std::move(read).error();
  // Render: the estates whose data was read, on every core.
  std::vector<report::CheckupBatchItem> items;
  std::vector<std::size_t> item_of(estates.size(), estates.size());
  for (std::size_t i = 0; i < data.size(); ++i) {
    if (!data[i]) continue;
    item_of[i] = items.size();
    report::CheckupBatchItem item;
    item.xlsx = xlsx;
    item.sheet_title = "问题清单";
    // The problem list's rows are the report's: ProblemRows over the same problems.
    if (xlsx) item.problem_list = data[i]->problems;
    item.report = std::move(*data[i]);
    items.push_back(std::move(item));
  }
  auto rendered = report::RenderCheckupBatch(items);
  std::vector<EstateDocuments> out;
  out.reserve(estates.size());
  for (std::size_t i = 0; i < estates.size(); ++i) {
    EstateDocuments docs;
    docs.estate_id = estates[i];
    if (item_of[i] == estates.size()) {
      docs.pdf = data[i].error();
      if (xlsx) docs.xlsx = data[i].error();
    } else {
      auto& r = rendered[item_of[i]];
      const auto& name = items[item_of[i]].report.estate_name;
      if (r.pdf) docs.pdf = Document{std::move(*r.pdf), kPdf, name + "-体检报告.pdf"};
      else docs.pdf = std::move(r.pdf).error();
      if (!r.xlsx) docs.xlsx = std::move(r.xlsx).error();
      else if (xlsx) docs.xlsx = Document{std::move(*r.xlsx), kXlsx, "问题清单-" + std::to_string(id) + ".xlsx"};
    }
    out.push_back(std::move(docs));
  }
  return out;
}

// ---- the kept report ----

Result<StoredFile> CheckupService::KeepReportPdf(store::Session& s, const Actor& actor, const Campaign& c,
                                                 std::int64_t estate_id, const std::string& pdf) {
  const auto* est = FindEstate(c, estate_id);
  if (!est) return EstateNotInCampaign();
  auto f = files_.Put(s, actor, "checkup", est->region_code,
                      est->estate_name + "-" + std::to_string(c.year) + "体检报告.pdf", kPdf, pdf);
  if (!f) return std::move(f).error();
  auto linked = store::CheckupCampaignRepository::SetReportFile(s, c.id, estate_id, f->id);
  if (!linked) return std::move(linked).error();
  if (!*linked) return EstateNotInCampaign();
  return std::move(*f);
}

Result<StoredFile> CheckupService::KeepEstateReport(store::Session& s, const Actor& actor, const Campaign& c,
                                                    std::int64_t estate_id) {
  auto data = BuildEstateReport(s, actor, c, estate_id);
  if (!data) return std::move(data).error();
  auto pdf = report::RenderCheckupPdf(*data);
  if (!pdf) return std::move(pdf).error();
  return KeepReportPdf(s, actor, c, estate_id, *pdf);
}

Result<ReportsJob> CheckupService::GenerateReports(const Actor& actor, std::int64_t id, JobService& jobs) {
  // Generating the area's reports is the reviewing office's job.
  if (auto r = RequirePermission(actor, perm::kCheckupWrite); !r) return std::move(r).error();
  auto campaign = Get(actor, id);
  if (!campaign) return std::move(campaign).error();
  std::vector<std::int64_t> approved;
  for (const auto& e : campaign->estates)
    if (e.status == "approved") approved.push_back(e.estate_id);
  auto job = jobs.Submit(actor, "checkup.reports", campaign->region_code,
                         [this, actor, id, approved](Progress& progress) -> JobOutcome {
                           progress.total = static_cast<std::int64_t>(approved.size());
                           json::array failed;
                           std::int64_t done = 0;
                           // Read and render outside the write transaction, all estates at once on
                           // every core, so the writer lock is held only to store each file: an
                           // approved estate's data no longer changes.
                           auto batch = ReportBatch(actor, id, approved, false);
                           for (std::size_t i = 0; i < approved.size(); ++i) {
                             const auto estate = approved[i];
                             const Result<Document> pdf = batch ? std::move((*batch)[i].pdf) : Result<Document>(batch.error());
                             auto kept = pdf ? store::WriteResult(db_,
                                                                  [&](store::Session& s) -> Result<StoredFile> {
                                                                    auto c = LoadCampaign(s, actor, id, perm::kCheckupRead);
                                                                    if (!c) return std::move(c).error();
                                                                    return KeepReportPdf(s, actor, *c, estate, pdf->bytes);
                                                                  })
                                             : Result<StoredFile>(pdf.error());
                             if (kept) ++done;
                             else failed.push_back({{"estateId", estate}, {"reason", kept.error().reason}});
                             progress.done = progress.done + 1;
                           }
                           return {failed.empty(), json::serialize(json::object{{"reports", done}, {"failed", failed}})};
                         });
  if (!job) return std::move(job).error();
  return ReportsJob{*job, static_cast<std::int64_t>(approved.size())};
}

}  // namespace huanxin::service
