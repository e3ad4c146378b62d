// Check-up use cases (issue #4; docs/checkup.md): catalogue versions, campaigns and assignment,
// photos, batched idempotent observations graded on write with the campaign's catalogue version,
// review (submit → approve / return), the problem list with its summary, regional roll-ups with the
// previous year, and the estate and area reports: assembled here, rendered by src/report, kept on
// approval and regenerated in batches as a job. Every statement lives in src/store/checkup.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "core/checkup/grading.hpp"
#include "report/checkup_report.hpp"
#include "service/audit/audit_service.hpp"
#include "service/catalogue/catalogue_service.hpp"
#include "service/file/file_service.hpp"
#include "service/platform/actor.hpp"
#include "service/platform/document.hpp"
#include "store/checkup/campaign_repository.hpp"
#include "store/checkup/catalog_repository.hpp"
#include "store/database.hpp"

namespace huanxin::service {

using CheckupCatalog = store::CheckupCatalogRecord;

struct CheckupCriterion {
  std::string code, indicator, name_zh, name_en, unit, rule_json;
  core::checkup::Rule rule;
  std::vector<std::string> suggested_items;
};

struct CheckupIndicator {
  core::checkup::Indicator core;  // code, name (zh), sub-dimension, unit, level, sums_values
  std::string name_en;
  bool local = false;
  std::vector<CheckupCriterion> criteria;
};

struct CatalogView {
  CheckupCatalog catalog;
  std::vector<CheckupIndicator> indicators;
  const CheckupCriterion* Criterion(const std::string& code) const;
  const CheckupIndicator* Indicator(const std::string& code) const;
};

struct IndicatorInput {
  std::string code, name_zh, name_en, level, sub_dimension, problem_unit;
  bool sums_values = false;
  struct Criterion {
    std::string code, name_zh, name_en, unit, rule_json;
    std::vector<std::string> suggested_items;
  };
  std::vector<Criterion> criteria;
};

// A renovation item (service/catalogue) with the indicators whose criteria suggest it in the latest
// published indicator catalogue.
struct CheckupItem {
  RenovationItem item;
  std::vector<std::string> indicators;
};

struct CampaignInput {
  std::string title, region_code;
  int year = 0;
  std::optional<std::vector<std::int64_t>> estate_ids;
  std::optional<std::int64_t> catalog_id;
};

// An estate of a campaign: status, assignee, report file, observation and problem counts.
using CampaignEstate = store::CheckupEstateRecord;

struct Campaign {
  std::int64_t id = 0;
  std::string title, region_code, created_at, updated_at;
  int year = 0;
  std::int64_t catalog_id = 0;
  std::string catalog_name;
  std::vector<CampaignEstate> estates;
};

struct ObservationInput {
  std::string client_id;
  std::int64_t estate_id = 0;
  std::optional<std::int64_t> building_id, dwelling_id;
  std::string indicator, criterion;
  bool present = false;
  std::optional<std::int64_t> value;  // hundredths
  bool condition = false;
  std::string note;
  std::vector<std::int64_t> photo_ids;
  std::optional<std::int64_t> lat_e6, lng_e6;
  std::optional<std::string> observed_at;
};

struct Observation {
  ObservationInput in;
  std::int64_t id = 0;
  std::string object_key, observed_at, created_at, updated_at, username;
  std::optional<core::checkup::Severity> severity;  // nullopt: no problem
};

// What became of one observation of a batch: the stored row it is, and its grade.
struct ObservationOutcome {
  std::string client_id;
  std::int64_t id = 0;
  std::optional<core::checkup::Severity> severity;
};

struct UpsertResult {
  std::int64_t created = 0, updated = 0, unchanged = 0;
  std::vector<ObservationOutcome> results;  // in batch order
};

struct ProblemRow {
  Observation obs;
  std::string estate_name, object_type, object_label;
  const CheckupIndicator* indicator = nullptr;
  const CheckupCriterion* criterion = nullptr;
};

struct ProblemQuery {
  std::optional<std::int64_t> estate_id;
  std::optional<core::checkup::Severity> severity;
  std::optional<std::string> indicator;
};

struct ProblemList {
  CatalogView catalog;
  std::vector<ProblemRow> rows;
  core::checkup::Summary summary;
};

struct RollupRow {
  std::string region_code, region_name;
  std::map<std::string, std::pair<std::int64_t, std::int64_t>> objects;  // indicator → (this year, previous year)
  std::int64_t problems = 0, previous_problems = 0, estates = 0;
};
struct Rollup {
  std::string region_code, region_name;
  int year = 0;
  std::vector<CheckupIndicator> indicators;  // of the latest published catalogue, for names and order
  std::vector<RollupRow> children;
  RollupRow total;
};

// A submitted report job and the number of estates it covers.
struct ReportsJob {
  std::int64_t job_id = 0, estates = 0;
};

class JobService;

// One estate's documents from CheckupService::ReportBatch: what ReportPdf and ProblemListXlsx
// return for it one at a time.
struct EstateDocuments {
  std::int64_t estate_id = 0;
  Result<Document> pdf = Document{};
  Result<Document> xlsx = Document{};  // an empty Document when not asked for
};

// The check-up part of the user's workbench (GET /api/v1/workbench): this year's campaigns.
struct CheckupWorkbench {
  int year = 0;
  store::CheckupWorkbenchCounts counts;
};

class CheckupService {
 public:
  // Photos and reports are kept in `files`, where this service registers the read rule for its
  // files (checkup:read inside the reader's scope). `files` must outlive the service.
  CheckupService(store::Database& db, const Clock& clock, CatalogueService& catalogue, FileService& files);

  // Catalogue.
  Result<std::vector<CheckupCatalog>> Catalogs(const Actor& actor);
  Result<CatalogView> Catalog(const Actor& actor, std::optional<std::int64_t> id);  // latest published by default
  Result<CatalogView> NewDraft(const Actor& actor);
  Result<CatalogView> AddIndicator(const Actor& actor, std::int64_t catalog_id, const IndicatorInput& in);
  Result<CatalogView> Publish(const Actor& actor, std::int64_t catalog_id);
  // The renovation catalogue as check-ups use it (checkup:read), and the change of an item's unit,
  // cost or payer, written through the catalogue's one write path.
  Result<std::vector<CheckupItem>> Items(const Actor& actor);
  Result<CheckupItem> UpdateItem(const Actor& actor, const std::string& code, const core::catalogue::ItemPatch& patch);

  // Campaigns.
  // This year's (Beijing time) check-ups in the actor's scope by estate status, the estates
  // assigned to the actor still to capture, and the problems found; nullopt without checkup:read.
  Result<std::optional<CheckupWorkbench>> Workbench(const Actor& actor);

  Result<Campaign> Create(const Actor& actor, const CampaignInput& in);
  Result<std::vector<Campaign>> List(const Actor& actor, std::optional<std::string> region, std::optional<int> year);
  Result<Campaign> Get(const Actor& actor, std::int64_t id);
  Result<Campaign> Assign(const Actor& actor, std::int64_t id, const std::vector<std::int64_t>& estate_ids,
                          std::int64_t user_id);
  Result<StoredFile> StorePhoto(const Actor& actor, std::int64_t id, const std::string& name, const std::string& bytes);
  Result<UpsertResult> Upsert(const Actor& actor, std::int64_t id, const std::vector<ObservationInput>& batch);
  Result<std::vector<Observation>> Observations(const Actor& actor, std::int64_t id, std::optional<std::int64_t> estate_id);
  // action: submit | approve | return. Approval also renders the estate's PDF report and keeps it
  // (reportFileId) in the same write transaction: when the report cannot be rendered (report.*) or
  // stored (file.*), nothing is approved.
  Result<Campaign> Review(const Actor& actor, std::int64_t id, std::int64_t estate_id, const std::string& action,
                          const std::string& comment);

  // Results.
  Result<ProblemList> Problems(const Actor& actor, std::int64_t id, const ProblemQuery& q);
  // The roll-up of approved check-ups under `region_code` for `year` and the year before; without a
  // year, the current year in Beijing time by the service's clock.
  Result<Rollup> RegionProblems(const Actor& actor, const std::string& region_code, std::optional<int> year);

  // Documents (checkup_reports.cpp): the estate report (with `estate_id`) or the campaign's area
  // report, as PDF or as one self-contained HTML page, and the problem list as XLSX. Read-only; the
  // rendering failures of src/report/checkup_report.hpp come back as errors.
  Result<Document> ReportPdf(const Actor& actor, std::int64_t id, std::optional<std::int64_t> estate_id);
  Result<Document> ReportHtml(const Actor& actor, std::int64_t id, std::optional<std::int64_t> estate_id);
  Result<Document> ProblemListXlsx(const Actor& actor, std::int64_t id, std::optional<std::int64_t> estate_id);
  // The estate reports (and, with `xlsx`, problem lists) of many estates of the campaign at once
  // (issue #16): the data read in one snapshot, then rendered on every core with the fonts cut
  // down once for the batch (report::RenderCheckupBatch). The documents are those ReportPdf and
  // ProblemListXlsx give one at a time, in the order of `estates`; an estate not in the campaign,
  // or whose report fails to render, fails alone. The campaign itself must be readable.
  Result<std::vector<EstateDocuments>> ReportBatch(const Actor& actor, std::int64_t id,
                                                   const std::vector<std::int64_t>& estates, bool xlsx);
  // The data those documents print, ready for the renderers.
  Result<report::CheckupEstateReport> EstateReport(const Actor& actor, std::int64_t id, std::int64_t estate_id);
  Result<report::CheckupAreaReport> AreaReport(const Actor& actor, std::int64_t id);
  // Regenerates and keeps the report of every approved estate of the campaign as a background job on
  // `jobs` (the reviewing office's: checkup:write). Each estate's report is written in its own
  // transaction; the job's result is {reports, failed: [{estateId, reason}]}. `jobs` and this
  // service must outlive the job.
  Result<ReportsJob> GenerateReports(const Actor& actor, std::int64_t id, JobService& jobs);

 private:
  Result<CatalogView> LoadCatalog(store::Session& s, std::int64_t id);
  Result<Campaign> LoadCampaign(store::Session& s, const Actor& actor, std::int64_t id, std::string_view permission);
  // The campaign's problem list inside `s` (the caller has loaded the campaign for `actor`).
  Result<ProblemList> LoadProblems(store::Session& s, const Actor& actor, const Campaign& c, const ProblemQuery& q);
  // Report data and the kept report, inside `s` (checkup_reports.cpp).
  Result<report::CheckupEstateReport> BuildEstateReport(store::Session& s, const Actor& actor, const Campaign& c,
                                                        std::int64_t estate_id);
  Result<report::CheckupAreaReport> BuildAreaReport(store::Session& s, const Actor& actor, const Campaign& c);
  // Stores `pdf` as the estate's report file (a write transaction).
  Result<StoredFile> KeepReportPdf(store::Session& s, const Actor& actor, const Campaign& c, std::int64_t estate_id,
                                   const std::string& pdf);
  // Gathers, renders and keeps the estate's PDF report (a write transaction).
  Result<StoredFile> KeepEstateReport(store::Session& s, const Actor& actor, const Campaign& c, std::int64_t estate_id);

  store::Database& db_;
  const Clock& clock_;
  CatalogueService& catalogue_;
  FileService& files_;
};

// JSON text of a grading rule (docs/checkup.md) ⇄ rule.
Result<core::checkup::Rule> GradingRuleFromJson(const std::string& json_text);

}  // namespace huanxin::service
