#include "store/project/pool_repository.hpp"

#include <map>

namespace huanxin::store {

Result<std::vector<PoolEstateRecord>> PoolRepository::Estates(Session& s, const std::string& prefix, int last_year) {
  // Check-up problems and households are grouped inside the region first (their own region_code
  // columns), so the pool of a county never groups the whole country.
  std::string obs_where = " WHERE ce.status = 'approved' AND o.severity IS NOT NULL";
  std::string hh_where = " WHERE 1 = 1";
  std::string est_where =
      " WHERE e.built_year <= ? AND e.excl_self_built = 0 AND e.excl_urban_village = 0 AND e.excl_demolition = 0 "
      "AND e.excl_recent_renovation = 0";
  Params params;
  AddPrefixFilter(obs_where, params, "o.region_code", prefix);
  AddPrefixFilter(hh_where, params, "h.region_code", prefix);
  params.push_back(Int(last_year));
  AddPrefixFilter(est_where, params, "e.region_code", prefix);
  auto rows = s.Query(
      "SELECT e.id, e.name, e.region_code, e.built_year, COALESCE(es.dwellings, 0), "
      "COALESCE(cu.severe, 0), COALESCE(cu.larger, 0), COALESCE(cu.hazard, 0), COALESCE(cu.problem, 0), "
      "(SELECT MAX(c.id) FROM consultation c WHERE c.estate_id = e.id AND c.kind = 'willingness' "
      "AND c.state <> 'draft'), COALESCE(hh.residents, 0), COALESCE(hh.aged, 0), "
      "(SELECT MIN(pe.project_id) FROM project_estate pe JOIN project p ON p.id = pe.project_id "
      "WHERE pe.estate_id = e.id AND p.status = 'reserve') "
      "FROM estate e LEFT JOIN estate_stat es ON es.estate_id = e.id "
      "LEFT JOIN (SELECT o.estate_id AS estate_id, "
      "SUM(CASE WHEN o.severity = 'severe' THEN 1 ELSE 0 END) AS severe, "
      "SUM(CASE WHEN o.severity = 'larger_hazard' THEN 1 ELSE 0 END) AS larger, "
      "SUM(CASE WHEN o.severity = 'hazard' THEN 1 ELSE 0 END) AS hazard, "
      "SUM(CASE WHEN o.severity = 'problem' THEN 1 ELSE 0 END) AS problem "
      "FROM checkup_observation o JOIN checkup_estate ce ON ce.checkup_id = o.checkup_id "
      "AND ce.estate_id = o.estate_id" +
          obs_where +
          " GROUP BY o.estate_id) cu ON cu.estate_id = e.id "
          "LEFT JOIN (SELECT d.estate_id AS estate_id, SUM(h.residents) AS residents, SUM(h.aged_60_plus) AS aged "
          "FROM household h JOIN dwelling d ON d.id = h.dwelling_id" +
          hh_where +
          " GROUP BY d.estate_id) hh ON hh.estate_id = e.id" + est_where +
          " AND NOT EXISTS (SELECT 1 FROM project_estate pe JOIN project p ON p.id = pe.project_id "
          "WHERE pe.estate_id = e.id AND p.status <> 'reserve') ORDER BY e.id",
      params);
  if (!rows) return std::move(rows).error();
  std::vector<PoolEstateRecord> out;
  std::map<std::int64_t, std::size_t> by_consultation;
  for (const auto& r : *rows) {
    PoolEstateRecord p;
    p.estate_id = r.GetInt(0);
    p.name = r.GetText(1);
    p.region_code = r.GetText(2);
    p.built_year = static_cast<int>(r.GetInt(3));
    p.dwellings = r.GetInt(4);
    p.severe = r.GetInt(5);
    p.larger_hazards = r.GetInt(6);
    p.hazards = r.GetInt(7);
    p.problems = r.GetInt(8);
    p.consultation_id = r.GetOptInt(9);
    p.residents = r.GetInt(10);
    p.aged_60_plus = r.GetInt(11);
    p.reserve_project_id = r.GetOptInt(12);
    if (p.consultation_id) by_consultation[*p.consultation_id] = out.size();
    out.push_back(std::move(p));
  }
  if (by_consultation.empty()) return out;
  // Agreeing dwellings on each consultation's first item (the willingness question).
  std::string in;
  Params cp;
  for (const auto& [id, _] : by_consultation) {
    in += in.empty() ? "?" : ", ?";
    cp.push_back(Int(id));
  }
  auto agree = s.Query("SELECT b.consultation_id, COUNT(*) FROM ballot b JOIN consultation_item i ON i.id = b.item_id "
                       "WHERE b.consultation_id IN (" + in + ") AND b.choice = 'agree' AND i.position = "
                       "(SELECT MIN(i2.position) FROM consultation_item i2 WHERE i2.consultation_id = b.consultation_id) "
                       "GROUP BY b.consultation_id",
                       cp);
  if (!agree) return std::move(agree).error();
  for (auto& [id, index] : by_consultation) out[index].agreeing = 0;
  for (const auto& r : *agree) out[by_consultation.at(r.GetInt(0))].agreeing = r.GetInt(1);
  return out;
}

// ---- bills ----------------------------------------------------------------------------------

namespace {
constexpr const char* kBillSelect =
    "SELECT rb.id, rb.project_id, rb.dwelling_id, rb.estate_id, e.name, b.number, CAST(d.stairwell AS TEXT), d.room, "
    "rb.purpose, rb.amount_fen, rb.paid_on, rb.created_at FROM resident_bill rb JOIN dwelling d ON d.id = rb.dwelling_id "
    "JOIN building b ON b.id = d.building_id JOIN estate e ON e.id = rb.estate_id ";

BillRecord BillFromRow(const Row& r) {
  return {r.GetInt(0),  r.GetInt(1),  r.GetInt(2),    r.GetInt(3),     r.GetText(4), r.GetText(5),
          r.GetText(6), r.GetText(7), r.GetText(8),   r.GetInt(9),     r.GetOptText(10), r.GetText(11)};
}

std::string PaidFilter(std::optional<bool> paid) {
  if (!paid) return "";
  return *paid ? " AND rb.paid_on IS NOT NULL" : " AND rb.paid_on IS NULL";
}
}  // namespace

Result<std::int64_t> BillRepository::Issue(Session& s, std::int64_t project_id, const std::string& purpose,
                                           std::int64_t amount_fen, const std::string& now) {
  return s.Exec(
      "INSERT INTO resident_bill (project_id, dwelling_id, estate_id, purpose, amount_fen, created_at) "
      "SELECT ?, d.id, d.estate_id, ?, ?, ? FROM project_estate pe JOIN dwelling d ON d.estate_id = pe.estate_id "
      "WHERE pe.project_id = ? AND NOT EXISTS (SELECT 1 FROM resident_bill x WHERE x.project_id = ? "
      "AND x.dwelling_id = d.id AND x.purpose = ?)",
      {Int(project_id), Str(purpose), Int(amount_fen), Str(now), Int(project_id), Int(project_id), Str(purpose)});
}

Result<std::vector<BillRecord>> BillRepository::List(Session& s, std::int64_t project_id, std::optional<bool> paid,
                                                     std::int64_t limit, std::int64_t offset) {
  return MapRows<BillRecord>(s.Query(std::string(kBillSelect) + "WHERE rb.project_id = ?" + PaidFilter(paid) +
                                         " ORDER BY rb.estate_id, b.number, d.stairwell, d.room, rb.id LIMIT ? OFFSET ?",
                                     {Int(project_id), Int(limit), Int(offset)}),
                             BillFromRow);
}

Result<std::int64_t> BillRepository::Count(Session& s, std::int64_t project_id, std::optional<bool> paid) {
  return QueryInt(s, "SELECT COUNT(*) FROM resident_bill rb WHERE rb.project_id = ?" + PaidFilter(paid),
                  {Int(project_id)});
}

Result<BillSummary> BillRepository::Summary(Session& s, std::int64_t project_id) {
  auto rows = s.Query("SELECT COUNT(*), COALESCE(SUM(CASE WHEN paid_on IS NOT NULL THEN 1 ELSE 0 END), 0), "
                      "COALESCE(SUM(amount_fen), 0), "
                      "COALESCE(SUM(CASE WHEN paid_on IS NOT NULL THEN amount_fen ELSE 0 END), 0) "
                      "FROM resident_bill WHERE project_id = ?",
                      {Int(project_id)});
  if (!rows) return std::move(rows).error();
  const auto& r = rows->front();
  return BillSummary{r.GetInt(0), r.GetInt(1), r.GetInt(2), r.GetInt(3)};
}

Result<std::optional<BillRecord>> BillRepository::Find(Session& s, std::int64_t project_id, std::int64_t id) {
  return FirstRow<BillRecord>(
      s.Query(std::string(kBillSelect) + "WHERE rb.project_id = ? AND rb.id = ?", {Int(project_id), Int(id)}), BillFromRow);
}

Result<std::int64_t> BillRepository::MarkPaid(Session& s, std::int64_t id, const std::string& paid_on) {
  return s.Exec("UPDATE resident_bill SET paid_on = ? WHERE id = ? AND paid_on IS NULL", {Str(paid_on), Int(id)});
}

// ---- resources ------------------------------------------------------------------------------

namespace {
constexpr const char* kResourceSelect =
    "SELECT r.id, r.estate_id, e.name, r.region_code, r.description, r.area_dm2, r.owner, r.proposed_use, r.found_by, "
    "r.project_id, COALESCE(p.name, ''), r.created_by, r.created_at FROM estate_resource r "
    "JOIN estate e ON e.id = r.estate_id LEFT JOIN project p ON p.id = r.project_id ";

ResourceRecord ResourceFromRow(const Row& r) {
  return {r.GetInt(0),  r.GetInt(1),  r.GetText(2),    r.GetText(3),  r.GetText(4),
          r.GetInt(5),  r.GetText(6), r.GetText(7),    r.GetText(8),  r.GetOptInt(9),
          r.GetText(10), r.GetInt(11), r.GetText(12)};
}
}  // namespace

Result<std::int64_t> ResourceRepository::Insert(Session& s, const ResourceRecord& r) {
  return InsertReturningId(s,
                           "INSERT INTO estate_resource (estate_id, region_code, description, area_dm2, owner, "
                           "proposed_use, found_by, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                           "RETURNING id",
                           {Int(r.estate_id), Str(r.region_code), Str(r.description), Int(r.area_dm2), Str(r.owner),
                            Str(r.proposed_use), Str(r.found_by), Int(r.created_by), Str(r.created_at)});
}

Result<std::optional<ResourceRecord>> ResourceRepository::Find(Session& s, std::int64_t id) {
  return FirstRow<ResourceRecord>(s.Query(std::string(kResourceSelect) + "WHERE r.id = ?", {Int(id)}), ResourceFromRow);
}

Result<std::vector<ResourceRecord>> ResourceRepository::List(Session& s, const std::string& prefix,
                                                             std::optional<std::int64_t> estate_id) {
  std::string where = "WHERE 1 = 1";
  Params params;
  AddPrefixFilter(where, params, "r.region_code", prefix);
  if (estate_id) {
    where += " AND r.estate_id = ?";
    params.push_back(Int(*estate_id));
  }
  return MapRows<ResourceRecord>(
      s.Query(std::string(kResourceSelect) + where + " ORDER BY r.region_code, r.estate_id, r.id", params),
      ResourceFromRow);
}

Result<std::int64_t> ResourceRepository::TakeUp(Session& s, std::int64_t id, std::int64_t project_id) {
  return s.Exec("UPDATE estate_resource SET project_id = ? WHERE id = ?", {Int(project_id), Int(id)});
}

}  // namespace huanxin::store
