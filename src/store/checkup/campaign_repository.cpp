#include "store/checkup/campaign_repository.hpp"

namespace huanxin::store {

Result<std::int64_t> CheckupCampaignRepository::Insert(Session& s, const CheckupRecord& c) {
  return InsertReturningId(
      s,
      "INSERT INTO checkup (title, year, region_code, catalog_id, created_by, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {Str(c.title), Int(c.year), Str(c.region_code), Int(c.catalog_id), Int(c.created_by), Str(c.created_at),
       Str(c.updated_at)});
}

Result<std::optional<CheckupRecord>> CheckupCampaignRepository::Find(Session& s, std::int64_t id) {
  auto rows = s.Query(
      "SELECT c.id, c.title, c.year, c.region_code, c.catalog_id, k.name, c.created_by, c.created_at, c.updated_at "
      "FROM checkup c JOIN checkup_catalog k ON k.id = c.catalog_id WHERE c.id = ?",
      {Int(id)});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return std::optional<CheckupRecord>{};
  const auto& r = rows->front();
  CheckupRecord c;
  c.id = r.GetInt(0);
  c.title = r.GetText(1);
  c.year = static_cast<int>(r.GetInt(2));
  c.region_code = r.GetText(3);
  c.catalog_id = r.GetInt(4);
  c.catalog_name = r.GetText(5);
  c.created_by = r.GetInt(6);
  c.created_at = r.GetText(7);
  c.updated_at = r.GetText(8);
  return std::optional<CheckupRecord>(std::move(c));
}

Result<std::vector<std::int64_t>> CheckupCampaignRepository::List(Session& s, const CheckupFilter& f) {
  std::string where = " WHERE 1 = 1";
  Params p;
  AddPrefixFilter(where, p, "ce.region_code", f.region_prefix);
  if (f.year) {
    where += " AND c.year = ?";
    p.push_back(Int(*f.year));
  }
  p.push_back(Int(f.limit));
  auto rows = s.Query("SELECT DISTINCT c.id FROM checkup c JOIN checkup_estate ce ON ce.checkup_id = c.id" + where +
                          " ORDER BY c.id DESC LIMIT ?",
                      p);
  if (!rows) return std::move(rows).error();
  std::vector<std::int64_t> out;
  for (const auto& r : *rows) out.push_back(r.GetInt(0));
  return out;
}

Result<void> CheckupCampaignRepository::InsertEstate(Session& s, const CheckupEstateRecord& e) {
  auto r = s.Exec(
      "INSERT INTO checkup_estate (checkup_id, estate_id, region_code, status, updated_at) VALUES (?, ?, ?, ?, ?)",
      {Int(e.checkup_id), Int(e.estate_id), Str(e.region_code), Str(e.status), Str(e.updated_at)});
  if (!r) return std::move(r).error();
  return Ok();
}

Result<std::vector<CheckupEstateRecord>> CheckupCampaignRepository::Estates(Session& s, std::int64_t checkup_id,
                                                                            const std::string& scope_prefix) {
  std::string where = " WHERE ce.checkup_id = ?";
  Params p{Int(checkup_id)};
  AddPrefixFilter(where, p, "ce.region_code", scope_prefix);
  auto rows = s.Query(
      "SELECT ce.checkup_id, ce.estate_id, e.name, ce.region_code, ce.status, ce.comment, ce.assignee_id, "
      "COALESCE(u.username, ''), ce.submitted_at, ce.approved_at, ce.report_file_id, ce.updated_at, "
      "(SELECT COUNT(*) FROM checkup_observation o WHERE o.checkup_id = ce.checkup_id AND o.estate_id = ce.estate_id), "
      "(SELECT COUNT(*) FROM checkup_observation o WHERE o.checkup_id = ce.checkup_id AND o.estate_id = ce.estate_id "
      "AND o.severity IS NOT NULL) "
      "FROM checkup_estate ce JOIN estate e ON e.id = ce.estate_id LEFT JOIN app_user u ON u.id = ce.assignee_id" +
          where + " ORDER BY ce.region_code, e.name",
      p);
  if (!rows) return std::move(rows).error();
  std::vector<CheckupEstateRecord> out;
  for (const auto& r : *rows) {
    CheckupEstateRecord e;
    e.checkup_id = r.GetInt(0);
    e.estate_id = r.GetInt(1);
    e.estate_name = r.GetText(2);
    e.region_code = r.GetText(3);
    e.status = r.GetText(4);
    e.comment = r.GetText(5);
    e.assignee_id = r.GetOptInt(6);
    e.assignee = r.GetText(7);
    e.submitted_at = r.GetOptText(8);
    e.approved_at = r.GetOptText(9);
    e.report_file_id = r.GetOptInt(10);
    e.updated_at = r.GetText(11);
    e.observations = r.GetInt(12);
    e.problems = r.GetInt(13);
    out.push_back(std::move(e));
  }
  return out;
}

Result<bool> CheckupCampaignRepository::Assign(Session& s, std::int64_t checkup_id, std::int64_t estate_id,
                                               std::int64_t user_id, const std::string& at) {
  auto n = s.Exec("UPDATE checkup_estate SET assignee_id = ?, updated_at = ? WHERE checkup_id = ? AND estate_id = ?",
                  {Int(user_id), Str(at), Int(checkup_id), Int(estate_id)});
  if (!n) return std::move(n).error();
  return *n > 0;
}

Result<bool> CheckupCampaignRepository::SetReview(Session& s, std::int64_t checkup_id, std::int64_t estate_id,
                                                  const CheckupReviewChange& change) {
  std::string sql = "UPDATE checkup_estate SET status = ?, comment = ?, updated_at = ?";
  Params p{Str(change.status), Str(change.comment), Str(change.at)};
  if (change.stamp_submitted) {
    sql += ", submitted_at = ?";
    p.push_back(Str(change.at));
  }
  if (change.stamp_approved) {
    sql += ", approved_at = ?";
    p.push_back(Str(change.at));
  }
  sql += " WHERE checkup_id = ? AND estate_id = ?";
  p.insert(p.end(), {Int(checkup_id), Int(estate_id)});
  auto n = s.Exec(sql, p);
  if (!n) return std::move(n).error();
  return *n > 0;
}

Result<bool> CheckupCampaignRepository::SetReportFile(Session& s, std::int64_t checkup_id, std::int64_t estate_id,
                                                      std::int64_t file_id) {
  auto n = s.Exec("UPDATE checkup_estate SET report_file_id = ? WHERE checkup_id = ? AND estate_id = ?",
                  {Int(file_id), Int(checkup_id), Int(estate_id)});
  if (!n) return std::move(n).error();
  return *n > 0;
}

Result<std::vector<std::pair<std::int64_t, std::string>>> CheckupCampaignRepository::EstatesIn(
    Session& s, const std::string& region_prefix) {
  std::string where = " WHERE 1 = 1";
  Params p;
  AddPrefixFilter(where, p, "region_code", region_prefix);
  auto rows = s.Query("SELECT id, region_code FROM estate" + where + " ORDER BY id", p);
  if (!rows) return std::move(rows).error();
  std::vector<std::pair<std::int64_t, std::string>> out;
  for (const auto& r : *rows) out.emplace_back(r.GetInt(0), r.GetText(1));
  return out;
}

Result<CheckupWorkbenchCounts> CheckupCampaignRepository::WorkbenchCounts(Session& s, const std::string& scope_prefix,
                                                                          int year, std::int64_t user_id) {
  std::string where = " WHERE c.year = ?";
  Params p{Int(user_id), Int(year)};
  AddPrefixFilter(where, p, "e.region_code", scope_prefix);
  auto rows = s.Query(
      "SELECT COUNT(DISTINCT e.checkup_id), COUNT(*), "
      "COALESCE(SUM(CASE WHEN e.status IN ('draft', 'returned') THEN 1 ELSE 0 END), 0), "
      "COALESCE(SUM(CASE WHEN e.status = 'submitted' THEN 1 ELSE 0 END), 0), "
      "COALESCE(SUM(CASE WHEN e.status = 'approved' THEN 1 ELSE 0 END), 0), "
      "COALESCE(SUM(CASE WHEN e.assignee_id = ? AND e.status IN ('draft', 'returned') THEN 1 ELSE 0 END), 0) "
      "FROM checkup_estate e JOIN checkup c ON c.id = e.checkup_id" +
          where,
      p);
  if (!rows) return std::move(rows).error();
  const auto& r = rows->front();
  CheckupWorkbenchCounts out{r.GetInt(0), r.GetInt(1), r.GetInt(2), r.GetInt(3), r.GetInt(4), r.GetInt(5), 0};
  std::string owhere = " WHERE c.year = ? AND o.severity IS NOT NULL";
  Params op{Int(year)};
  AddPrefixFilter(owhere, op, "o.region_code", scope_prefix);
  auto problems =
      QueryInt(s, "SELECT COUNT(*) FROM checkup_observation o JOIN checkup c ON c.id = o.checkup_id" + owhere, op);
  if (!problems) return std::move(problems).error();
  out.problems = *problems;
  return out;
}

}  // namespace huanxin::store
