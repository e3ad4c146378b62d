// Progress reports and the weighted roll-up (issue #13 "Progress"; docs/construction.md "Progress,
// household works, notices"; core/construction/progress.hpp for the arithmetic): contractors,
// utilities and staff report per step (percent, date, photo, quantity); the project's roll-up
// step → item → estate → project with budget-share or hand-set weights; the programme over a
// region's projects; an Excel sheet to fill in and its all-or-nothing import.
//
// Every project route reads its project through ProjectForConstruction (construction/access.hpp):
// the permission, the scope and, for contractors and utilities, the assignment. Writes need
// construction:progress:write and run in one transaction with their audit entry. Dates are Beijing
// dates from the injected Clock.
//
// Thread safety: every member may be called from any thread.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "core/construction/progress.hpp"
#include "service/file/file_service.hpp"
#include "service/platform/actor.hpp"
#include "service/platform/document.hpp"
#include "store/construction/progress_repository.hpp"
#include "store/database.hpp"
#include "store/project/project_repository.hpp"

namespace huanxin::service {

struct ProgressInput {
  std::string step_code;
  std::int64_t percent = 0;
  std::string on;  // 'YYYY-MM-DD'
  std::optional<std::int64_t> photo_file_id, quantity_centi;
  std::string note;
  std::optional<std::string> client_id;
};

struct ProgressReportView {
  store::ProgressReportRecord report;
  bool created = true;  // false: the clientId had been sent before, this is the first report
};

struct StepProgressView {
  store::ProgressStepRecord step;
  std::optional<store::ProgressReportRecord> latest;
};

// A project's roll-up with the names the page shows.
struct ProgressView {
  store::ProjectRecord project;
  core::construction::ProjectProgress rollup;
  std::map<std::string, store::ItemNameRecord> item_names;  // by code
  std::map<std::int64_t, std::string> estate_names;         // by id
  std::vector<StepProgressView> steps;
};

struct ProgrammeProjectView {
  std::int64_t project_id = 0;
  std::string name;
  std::int64_t percent = 0, weight = 0;  // hundredths; permille
  bool reported = false;
};

struct ProgrammeView {
  std::int64_t percent = 0;
  bool reported = false;
  std::vector<ProgrammeProjectView> projects;
};

// One refused row of an imported sheet.
struct SheetRowError {
  std::size_t row = 0;
  std::string column, value;
  Text message;
};

struct SheetImport {
  std::int64_t imported = 0;
  std::vector<SheetRowError> errors;  // not empty: nothing was imported (the caller answers 422)
};

// The roll-up of `project` in the caller's transaction (also used by the residents' page).
Result<ProgressView> LoadProgress(store::Session& s, const store::ProjectRecord& project);

class ProgressService {
 public:
  // Registers the read policy of the "construction" files (progress photos: construction:read).
  ProgressService(store::Database& db, const Clock& clock, FileService& files);

  // Runs after reports are stored, inside their transaction: the construction service re-evaluates
  // the project's delay alerts (a 100 % report can clear one). Set once at wiring.
  using ReportHook = std::function<Result<void>(store::Session&, const store::ProjectRecord&)>;
  void OnReport(ReportHook hook) { on_report_ = std::move(hook); }

  // A progress report. 422 construction.invalid_field naming the field (detail = the field):
  // stepCode not a step of the project, percent outside 0–100, on not a date or after today
  // (Beijing) or before 1 January of the project's year, photoFileId not a stored file of the
  // project's region, quantityDone negative, note over 500 characters, clientId over 64 characters.
  // The same clientId again answers the first report (created = false) and stores nothing. Audited
  // construction.progress.
  Result<ProgressReportView> Report(const Actor& actor, std::int64_t project_id, const ProgressInput& in);
  // The project's roll-up. construction:read.
  Result<ProgressView> Get(const Actor& actor, std::int64_t project_id);
  // Replaces the hand-set weights (permille by item code; {} = budget shares again): each 0–1000,
  // Σ ≤ 1000, every code an item of the project (a budget line or a step). 422
  // construction.invalid_weights naming each problem. Audited construction.progress_weights.
  Result<ProgressView> SetWeights(const Actor& actor, std::int64_t project_id,
                                  const std::map<std::string, std::int64_t>& weights);
  // Projects under `region_code` (the caller's scope when absent) of `year`, for assigned roles the
  // ones they are assigned to, weighed by their budget totals. construction:read.
  Result<ProgrammeView> Programme(const Actor& actor, const std::optional<std::string>& region_code,
                                  std::optional<int> year);
  // A photo for a report (JPEG, PNG or WebP, metadata stripped), stored in the project's region.
  // 413 file.too_large, 415 file.unsupported_type, 422 file.bad_image. Audited
  // construction.progress_photo.
  Result<StoredFile> AddPhoto(const Actor& actor, std::int64_t project_id, const std::string& name,
                              const std::string& bytes);
  // The sheet to fill in: one row per step (code, name, item, estate, last percent and date, then
  // empty columns percent, date, quantity, note). construction:read.
  Result<Document> Sheet(const Actor& actor, std::int64_t project_id);
  // Reads a filled sheet (the first worksheet; rows with an empty percent are skipped) and stores
  // one report per filled row, all or nothing: every bad row is listed (errors) and nothing is
  // stored. 422 import.bad_xlsx / 413 import.too_large for a file that is not a workbook. Audited
  // construction.progress_import.
  Result<SheetImport> Import(const Actor& actor, std::int64_t project_id, const std::string& bytes);

  // The sheet's column titles in order.
  static const std::vector<std::string>& SheetHeaders();

 private:
  std::string Today() const;
  // ProjectForConstruction in a read transaction of its own.
  Result<void> CheckAccess(const Actor& actor, std::int64_t project_id, std::string_view permission);
  // The checks of one report that need no store; `row` names the sheet row in texts ("" for JSON).
  Result<void> CheckInput(const store::ProjectRecord& project, const ProgressInput& in) const;
  // The checks that read the store, and the record to insert.
  Result<store::ProgressReportRecord> Prepare(store::Session& s, const Actor& actor, const store::ProjectRecord& project,
                                              const ProgressInput& in);

  store::Database& db_;
  const Clock& clock_;
  FileService& files_;
  ReportHook on_report_;
};

// 422 construction.invalid_field: "field <name> is invalid: <why>", detail = the field's name.
Error WorksField(const std::string& field, Text why);

}  // namespace huanxin::service
