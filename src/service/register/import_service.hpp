// Roster import (issue #3): an Excel (.xlsx) or CSV (UTF-8 or GB18030) roster of one estate's
// dwellings and owners, one row per owner of a dwelling (co-owners on several rows).
//
// Columns (Chinese headers, any order): 楼栋, 单元, 楼层, 房号, 专有部分面积(㎡), 面积来源, 出售状态,
// 业主姓名, 证件号码, 联系电话. Values as people type them: 面积来源 不动产登记 / 实测 / 合同;
// 出售状态 已售 / 已售未交付 / 开发商未售 / 公房; 单元 "2" or "2单元"; 楼层 "5" or "5层".
//
// All-or-nothing: every row is validated before anything is written; any bad row → 422 listing
// every error {row, column, value, message} and nothing stored. Rows are checked as the reader
// streams them (only the parsed rows are kept) and written several hundred to a statement. Re-importing the same roster
// changes nothing; a changed row updates its dwelling (audited). Buildings and stairwells named by
// the roster are created when missing. Dwellings absent from the roster are left alone (a roster may
// cover part of an estate).
#pragma once

#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "common/progress.hpp"
#include "service/job/job_service.hpp"
#include "service/platform/actor.hpp"
#include "service/register/register_service.hpp"
#include "store/database.hpp"

namespace huanxin::service {

struct ImportError {
  std::size_t row = 0;  // as the user sees it (header = row 1)
  std::string column;   // the Chinese header
  std::string value;
  Text message;
};

struct ImportReport {
  std::int64_t created = 0, updated = 0, unchanged = 0;  // dwellings
  std::int64_t rows = 0;
  std::int64_t buildings_created = 0, owners_created = 0;
  std::vector<ImportError> errors;  // non-empty ⇒ nothing was stored
};

// Progress: phase 0 reading, 1 validating rows, 2 writing dwellings.
using ImportProgress = Progress;

// Turns an import's result into what its job records (the HTTP layer passes its codec, so a job
// records what the synchronous answer would have been).
using ImportOutcomeFn = std::function<JobOutcome(const Result<ImportReport>&)>;

// What an upload started (Start): the finished report, or the job that runs the import.
struct ImportStarted {
  std::optional<ImportReport> report;  // answered now; row errors in it mean nothing was stored
  std::int64_t job_id = 0;             // else the queued job (kind register.import)
};

class ImportService {
 public:
  // Large rosters run as jobs of `jobs`; `sync_row_limit`: rosters with more data rows run as a job
  // (register.import_sync_row_limit); `bulk_row_limit`: rosters with at least this many valid rows
  // load in bulk (register.import_bulk_row_limit): on SQLite the per-row insert triggers and, when
  // the roster at least doubles the dwelling table, the secondary indexes of dwelling and
  // dwelling_owner are set aside and replaced by one set-based update and one index build at the end
  // of the same transaction (store::RegisterBulkRepository::BeginRosterLoad). What is stored is the
  // same either way.
  ImportService(store::Database& db, const Clock& clock, JobService& jobs, std::size_t sync_row_limit = 20000,
                std::size_t bulk_row_limit = 50000)
      : db_(db), clock_(clock), jobs_(jobs), sync_row_limit_(sync_row_limit), bulk_row_limit_(bulk_row_limit) {}

  // The roster upload (POST /estates/{id}/dwellings/import): refuses a file that is neither an
  // Excel workbook (recognised by its bytes) nor CSV (.csv or .txt) with 415
  // import.unsupported_file; then imports at once, or — when `async` asks for it or the roster is
  // larger than the synchronous limit (RunsAsJob) — queues the import as a job (ImportAsJob)
  // whose recorded outcome is `outcome` of its result.
  Result<ImportStarted> Start(const Actor& actor, std::int64_t estate_id, std::string file_bytes, std::string filename,
                              bool async, ImportOutcomeFn outcome);

  // The answer to a roster with bad rows: 422 import.invalid_rows, nothing imported, the count in
  // the detail (the rows themselves are in report.errors).
  static Error Refusal(const ImportReport& report);

  // Parses and imports. A failure to read the file at all (not a spreadsheet, bad encoding) is an
  // Error; row problems come back in ImportReport::errors (the caller answers 422).
  Result<ImportReport> Import(const Actor& actor, std::int64_t estate_id, std::string_view file_bytes,
                              const std::string& filename, ImportProgress* progress = nullptr);

  // Whether this roster runs as a job: asked for, or more data rows than the synchronous limit.
  bool RunsAsJob(std::string_view file_bytes, bool asked) const;
  // Queues the import as a job (kind register.import, in the actor's scope) and returns its id.
  // The bytes are copied; `outcome` turns the import's result into the job's recorded outcome (the
  // HTTP layer passes its codec, so the job's result is what the synchronous answer would be).
  Result<std::int64_t> ImportAsJob(const Actor& actor, std::int64_t estate_id, std::string file_bytes,
                                   std::string filename, ImportOutcomeFn outcome);

  // A CSV of at least this many bytes with no double quote in it is read in two halves, the second
  // on another thread (the rows, problems and row numbers are those of a read in one piece).
  static constexpr std::size_t kHalvedReadBytes = std::size_t{64} << 10;

  // Counts data rows cheaply (to choose between answering now and running a job).
  static std::size_t EstimateRows(std::string_view file_bytes);

  // The column headers in template order.
  static const std::vector<std::string>& Headers();

 private:
  store::Database& db_;
  const Clock& clock_;
  JobService& jobs_;
  std::size_t sync_row_limit_;
  std::size_t bulk_row_limit_;
};

}  // namespace huanxin::service
