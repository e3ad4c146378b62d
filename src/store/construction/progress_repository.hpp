// Progress reports, hand-set item weights and the facts the roll-up reads (the project's steps,
// budget lines, item names; the programme's projects) in portable SQL (issue #13; docs/construction.md
// "Progress, household works, notices"). Functions run in the caller's transaction and do not
// authorise; services do.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace huanxin::store {

// A step of a project as the roll-up and the reports see it.
struct ProgressStepRecord {
  std::int64_t id = 0;
  std::string code, name;
  std::optional<std::string> item_code;
  std::optional<std::int64_t> estate_id;
  std::int64_t duration_days = 0;
  bool generated = false;
};

struct ProgressReportRecord {
  std::int64_t id = 0, project_id = 0, step_id = 0;
  std::string region_code, step_code;  // step_code read back (joined)
  int percent = 0;
  std::optional<std::int64_t> quantity_centi;
  std::string on_date;
  std::optional<std::int64_t> photo_file_id;
  std::string note;
  std::optional<std::string> client_id;
  std::int64_t reported_by = 0;
  std::string reported_by_name;  // read back (joined)
  std::string created_at;
};

struct ProgressBudgetLine {
  std::string item_code;
  std::int64_t estimate_fen = 0;
  std::optional<std::int64_t> budget_fen, contract_fen;
};

struct ItemNameRecord {
  std::string code, name_zh, name_en;
};

struct ProgressRepository {
  // The project's steps in their editor order (position, id).
  static Result<std::vector<ProgressStepRecord>> Steps(Session& s, std::int64_t project_id);
  static Result<std::optional<ProgressStepRecord>> FindStep(Session& s, std::int64_t project_id, const std::string& code);
  static Result<std::int64_t> Insert(Session& s, const ProgressReportRecord& r);
  static Result<std::optional<ProgressReportRecord>> Find(Session& s, std::int64_t id);
  static Result<std::optional<ProgressReportRecord>> FindByClientId(Session& s, std::int64_t project_id,
                                                                    const std::string& client_id);
  // The latest report of each step of the project that has one (latest on_date, then latest id).
  static Result<std::map<std::int64_t, ProgressReportRecord>> Latest(Session& s, std::int64_t project_id);
  static Result<std::int64_t> CountReports(Session& s, std::int64_t project_id);
  static Result<std::vector<ProgressBudgetLine>> BudgetLines(Session& s, std::int64_t project_id);
  // The renovation catalogue's names by code.
  static Result<std::vector<ItemNameRecord>> ItemNames(Session& s);
  static Result<std::map<std::string, std::int64_t>> Weights(Session& s, std::int64_t project_id);
  // Replaces the project's hand weights with `weights` (item code → permille).
  static Result<void> ReplaceWeights(Session& s, std::int64_t project_id, const std::map<std::string, std::int64_t>& weights);
  // Projects under `region_prefix` ("" = all) of `year` (any year when nullopt), by id.
  struct ProgrammeProject {
    std::int64_t id = 0;
    std::string name, region_code, status;
    int year = 0;
  };
  static Result<std::vector<ProgrammeProject>> Projects(Session& s, const std::string& region_prefix, std::optional<int> year);
  // The project ids an estate belongs to, newest first.
  static Result<std::vector<std::int64_t>> ProjectsOfEstate(Session& s, std::int64_t estate_id);
};

}  // namespace huanxin::store
