// The public portal (公开门户; issue #15 "Dashboards and the public portal"; docs/portal.md): what
// anyone may read without logging in — the estates of the programme, each estate's account (plan,
// money by source, schedule and progress, publicity with objections and answers, problems and their
// rectification, acceptance, long-term management, ratings), programme statistics, open-data
// datasets and the published heads of the audit chain.
//
// Never a name, ID number, phone number, or anything at the level of a single dwelling: the portal
// store (store/portal) selects no such column, household acceptance and ratings are counted, and
// objections are their text only. tests/api/portal_privacy_test.cpp walks every public route on the
// demo county to hold this.
//
// Thread safety: every member may be called from any thread; the management provider is set once
// while wiring.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "common/clock.hpp"
#include "service/construction/notice_service.hpp"
#include "store/database.hpp"
#include "store/portal/portal_repository.hpp"

namespace huanxin::service {

// Long-term management of an estate as the public sees it (issue #15 "Long-term management"),
// supplied by the stewardship context through a ManagementProvider.
struct PublicManagement {
  std::string mode;                                 // the management mode's code
  std::optional<std::string> company;               // the property company's name (a company, never a person)
  std::optional<std::int64_t> fee_fen_per_m2_month; // fee standard in fen per m² per month
  std::optional<std::string> contract_start, contract_end;  // 'YYYY-MM-DD'
  std::optional<std::int64_t> collection_rate;      // hundredths of a percent (9512 = 95.12 %)
  std::optional<std::int64_t> fund_balance_fen;     // maintenance fund balance
};
// Returns the estate's management, or nullopt when none is recorded. Called inside no transaction.
using ManagementProvider = std::function<std::optional<PublicManagement>(std::int64_t estate_id)>;

struct PublicEstateSummary {
  store::PublicEstateRow estate;
  std::string renovation_status;           // none | planned | started | completed
  std::optional<std::int64_t> progress;    // percent 0–100 of the construction roll-up
};

struct PublicNotice {
  store::PublicNoticeRow notice;
  std::vector<store::PublicObjectionRow> objections;
};

struct PublicEstateView {
  PublicEstateSummary summary;
  std::vector<store::PublicProjectRow> projects;
  std::vector<store::PublicPlanRow> plan;
  std::vector<store::PublicMoneyRow> money;
  std::vector<PublicStep> schedule;  // percent in hundredths (as NoticeService gives it)
  std::vector<PublicNotice> notices;
  std::vector<store::PublicProblemRow> problems;
  std::vector<store::PublicRectificationRow> rectifications;
  std::vector<store::PublicAcceptanceRow> acceptance;
  std::optional<PublicManagement> management;
  std::vector<std::int64_t> ratings;  // counts of 1…5 stars
};

struct PublicEstatePage {
  std::vector<PublicEstateSummary> items;
  std::int64_t total = 0, page = 1, page_size = 20;
};

struct PublicStats {
  std::optional<std::string> region_code;
  std::optional<std::int64_t> year;
  store::PublicStatsRow data;
};

// One open-data dataset: a header and rows of cells (null, integer or text).
using DataCell = std::variant<std::monostate, std::int64_t, std::string>;
struct DataTable {
  std::vector<std::string> columns;
  std::vector<std::vector<DataCell>> rows;
};

// The renovation status of an estate whose latest project has `status` (none without a project):
// planned before the start (reserve … permitted), started (started), completed (completed,
// accepted, handed_over; REFERENCE.md §1.4 steps 5–7).
std::string RenovationStatusOf(const std::optional<std::string>& project_status);
// The dataset names open data offers.
const std::vector<std::string>& OpenDatasets();
// A data table as CSV: UTF-8, no BOM, header row, RFC 4180 quoting, CRLF line ends.
std::string DataTableCsv(const DataTable& t);

class PortalService {
 public:
  PortalService(store::Database& db, const Clock& clock, NoticeService& notices)
      : db_(db), clock_(clock), notices_(notices) {}

  // Set once while wiring (the stewardship context's PublicSummary); management is null until then.
  void SetManagementProvider(ManagementProvider p) { management_ = std::move(p); }

  // Estates under `region_code` (all when empty) by id. 422 http.invalid_field for a bad region code.
  Result<PublicEstatePage> Estates(const std::string& region_code, std::int64_t page, std::int64_t page_size);
  // 404 portal.estate_not_found.
  Result<PublicEstateView> Estate(std::int64_t estate_id);
  Result<PublicStats> Stats(const std::string& region_code, std::optional<std::int64_t> year);
  // 404 portal.dataset_not_found for a name not in OpenDatasets().
  Result<DataTable> Dataset(const std::string& name);

 private:
  Result<std::optional<std::int64_t>> Progress(const store::PublicEstateRow& e, const std::string& status);
  Result<PublicEstateSummary> Summarise(store::PublicEstateRow e);

  store::Database& db_;
  [[maybe_unused]] const Clock& clock_;
  NoticeService& notices_;
  ManagementProvider management_;
};

}  // namespace huanxin::service
