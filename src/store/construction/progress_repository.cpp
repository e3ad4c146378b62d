#include "store/construction/progress_repository.hpp"

#include <utility>

namespace huanxin::store {

namespace {

constexpr const char* kStepColumns =
    "id, code, name, item_code, estate_id, duration_days, generated FROM construction_step";

ProgressStepRecord ReadStep(const Row& r) {
  ProgressStepRecord s;
  s.id = r.GetInt(0);
  s.code = r.GetText(1);
  s.name = r.GetText(2);
  s.item_code = r.GetOptText(3);
  s.estate_id = r.GetOptInt(4);
  s.duration_days = r.GetInt(5);
  s.generated = r.GetInt(6) != 0;
  return s;
}

constexpr const char* kReportSelect =
    "SELECT p.id, p.project_id, p.step_id, p.region_code, st.code, p.percent, p.quantity_centi, p.on_date, "
    "p.photo_file_id, p.note, p.client_id, p.reported_by, COALESCE(u.username, ''), p.created_at "
    "FROM construction_progress p JOIN construction_step st ON st.id = p.step_id "
    "LEFT JOIN app_user u ON u.id = p.reported_by";

ProgressReportRecord ReadReport(const Row& r) {
  ProgressReportRecord p;
  p.id = r.GetInt(0);
  p.project_id = r.GetInt(1);
  p.step_id = r.GetInt(2);
  p.region_code = r.GetText(3);
  p.step_code = r.GetText(4);
  p.percent = static_cast<int>(r.GetInt(5));
  p.quantity_centi = r.GetOptInt(6);
  p.on_date = r.GetText(7);
  p.photo_file_id = r.GetOptInt(8);
  p.note = r.GetText(9);
  p.client_id = r.GetOptText(10);
  p.reported_by = r.GetInt(11);
  p.reported_by_name = r.GetText(12);
  p.created_at = r.GetText(13);
  return p;
}

}  // namespace

Result<std::vector<ProgressStepRecord>> ProgressRepository::Steps(Session& s, std::int64_t project_id) {
  return MapRows<ProgressStepRecord>(
      s.Query(std::string("SELECT ") + kStepColumns + " WHERE project_id = ? ORDER BY position, id", {Int(project_id)}),
      ReadStep);
}

Result<std::optional<ProgressStepRecord>> ProgressRepository::FindStep(Session& s, std::int64_t project_id,
                                                                       const std::string& code) {
  return FirstRow<ProgressStepRecord>(
      s.Query(std::string("SELECT ") + kStepColumns + " WHERE project_id = ? AND code = ?", {Int(project_id), Str(code)}),
      ReadStep);
}

Result<std::int64_t> ProgressRepository::Insert(Session& s, const ProgressReportRecord& r) {
  return InsertReturningId(
      s,
      "INSERT INTO construction_progress (project_id, region_code, step_id, percent, quantity_centi, on_date, "
      "photo_file_id, note, client_id, reported_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {Int(r.project_id), Str(r.region_code), Int(r.step_id), Int(r.percent), OptInt(r.quantity_centi), Str(r.on_date),
       OptInt(r.photo_file_id), Str(r.note), OptStr(r.client_id), Int(r.reported_by), Str(r.created_at)});
}

Result<std::optional<ProgressReportRecord>> ProgressRepository::Find(Session& s, std::int64_t id) {
  return FirstRow<ProgressReportRecord>(s.Query(std::string(kReportSelect) + " WHERE p.id = ?", {Int(id)}), ReadReport);
}

Result<std::optional<ProgressReportRecord>> ProgressRepository::FindByClientId(Session& s, std::int64_t project_id,
                                                                               const std::string& client_id) {
  return FirstRow<ProgressReportRecord>(
      s.Query(std::string(kReportSelect) + " WHERE p.project_id = ? AND p.client_id = ?", {Int(project_id), Str(client_id)}),
      ReadReport);
}

Result<std::map<std::int64_t, ProgressReportRecord>> ProgressRepository::Latest(Session& s, std::int64_t project_id) {
  // Every report in (step, date, id) order; the last of each step wins. A project has tens of
  // steps and a report a day at most per step: reading them all is cheaper than a correlated
  // MAX() per step on both dialects.
  auto rows = s.Query(std::string(kReportSelect) + " WHERE p.project_id = ? ORDER BY p.step_id, p.on_date, p.id",
                      {Int(project_id)});
  if (!rows) return std::move(rows).error();
  std::map<std::int64_t, ProgressReportRecord> out;
  for (const auto& r : *rows) {
    auto rec = ReadReport(r);
    out[rec.step_id] = std::move(rec);
  }
  return out;
}

Result<std::int64_t> ProgressRepository::CountReports(Session& s, std::int64_t project_id) {
  return QueryInt(s, "SELECT COUNT(*) FROM construction_progress WHERE project_id = ?", {Int(project_id)});
}

Result<std::vector<ProgressBudgetLine>> ProgressRepository::BudgetLines(Session& s, std::int64_t project_id) {
  return MapRows<ProgressBudgetLine>(
      s.Query("SELECT item_code, estimate_fen, budget_fen, contract_fen FROM budget_item WHERE project_id = ? ORDER BY id",
              {Int(project_id)}),
      [](const Row& r) {
        return ProgressBudgetLine{r.GetText(0), r.GetInt(1), r.GetOptInt(2), r.GetOptInt(3)};
      });
}

Result<std::vector<ItemNameRecord>> ProgressRepository::ItemNames(Session& s) {
  return MapRows<ItemNameRecord>(s.Query("SELECT code, name_zh, name_en FROM renovation_item ORDER BY position, code"),
                                 [](const Row& r) { return ItemNameRecord{r.GetText(0), r.GetText(1), r.GetText(2)}; });
}

Result<std::map<std::string, std::int64_t>> ProgressRepository::Weights(Session& s, std::int64_t project_id) {
  auto rows = s.Query("SELECT item_code, weight_permille FROM construction_item_weight WHERE project_id = ?",
                      {Int(project_id)});
  if (!rows) return std::move(rows).error();
  std::map<std::string, std::int64_t> out;
  for (const auto& r : *rows) out[r.GetText(0)] = r.GetInt(1);
  return out;
}

Result<void> ProgressRepository::ReplaceWeights(Session& s, std::int64_t project_id,
                                                const std::map<std::string, std::int64_t>& weights) {
  if (auto r = s.Exec("DELETE FROM construction_item_weight WHERE project_id = ?", {Int(project_id)}); !r)
    return std::move(r).error();
  for (const auto& [code, w] : weights)
    if (auto r = s.Exec("INSERT INTO construction_item_weight (project_id, item_code, weight_permille) VALUES (?, ?, ?)",
                        {Int(project_id), Str(code), Int(w)});
        !r)
      return std::move(r).error();
  return Ok();
}

Result<std::vector<ProgressRepository::ProgrammeProject>> ProgressRepository::Projects(Session& s,
                                                                                       const std::string& region_prefix,
                                                                                       std::optional<int> year) {
  std::string where = " WHERE 1 = 1";
  Params params;
  AddPrefixFilter(where, params, "region_code", region_prefix);
  if (year) {
    where += " AND year = ?";
    params.push_back(Int(*year));
  }
  return MapRows<ProgrammeProject>(
      s.Query("SELECT id, name, region_code, status, year FROM project" + where + " ORDER BY id", params), [](const Row& r) {
        return ProgrammeProject{r.GetInt(0), r.GetText(1), r.GetText(2), r.GetText(3), static_cast<int>(r.GetInt(4))};
      });
}

Result<std::vector<std::int64_t>> ProgressRepository::ProjectsOfEstate(Session& s, std::int64_t estate_id) {
  return MapRows<std::int64_t>(
      s.Query("SELECT project_id FROM project_estate WHERE estate_id = ? ORDER BY project_id DESC", {Int(estate_id)}),
      [](const Row& r) { return r.GetInt(0); });
}

}  // namespace huanxin::store
