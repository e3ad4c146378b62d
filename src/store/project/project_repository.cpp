#include "store/project/project_repository.hpp"

namespace huanxin::store {

namespace {

constexpr const char* kPlanSelect =
    "SELECT id, region_code, year, target_estates, target_households, created_at, updated_at FROM annual_plan ";

PlanRecord PlanFromRow(const Row& r) {
  return {r.GetInt(0), r.GetText(1), static_cast<int>(r.GetInt(2)), r.GetInt(3), r.GetInt(4), r.GetText(5),
          r.GetText(6)};
}

constexpr const char* kProjectColumns = "p.id, p.name, p.year, p.kind, p.region_code, p.status, p.created_by, "
                                        "p.created_at, p.updated_at";

ProjectRecord ProjectFromRow(const Row& r) {
  return {r.GetInt(0), r.GetText(1), static_cast<int>(r.GetInt(2)), r.GetText(3), r.GetText(4),
          r.GetText(5), r.GetInt(6), r.GetText(7), r.GetText(8)};
}

// The WHERE clause of project lists (after "WHERE 1 = 1").
std::string ProjectWhere(const ProjectFilter& f, Params& params) {
  std::string where;
  AddPrefixFilter(where, params, "p.region_code", f.scope_prefix);
  if (f.region_prefix) AddPrefixFilter(where, params, "p.region_code", *f.region_prefix);
  if (f.year) {
    where += " AND p.year = ?";
    params.push_back(Int(*f.year));
  }
  if (f.status) {
    where += " AND p.status = ?";
    params.push_back(Str(*f.status));
  }
  return where;
}

}  // namespace

// ---- plans ----------------------------------------------------------------------------------

Result<std::int64_t> PlanRepository::Insert(Session& s, const PlanRecord& p) {
  return InsertReturningId(s,
                           "INSERT INTO annual_plan (region_code, year, target_estates, target_households, created_by, "
                           "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                           {Str(p.region_code), Int(p.year), Int(p.target_estates), Int(p.target_households),
                            Int(p.created_by), Str(p.created_at), Str(p.updated_at)});
}

Result<std::optional<PlanRecord>> PlanRepository::Find(Session& s, std::int64_t id) {
  return FirstRow<PlanRecord>(s.Query(std::string(kPlanSelect) + "WHERE id = ?", {Int(id)}), PlanFromRow);
}

Result<std::optional<PlanRecord>> PlanRepository::Covering(Session& s, const std::string& region_code, int year) {
  return FirstRow<PlanRecord>(
      s.Query(std::string(kPlanSelect) +
                  "WHERE year = ? AND substr(?, 1, length(region_code)) = region_code "
                  "ORDER BY length(region_code) DESC LIMIT 1",
              {Int(year), Str(region_code)}),
      PlanFromRow);
}

Result<std::vector<PlanRecord>> PlanRepository::List(Session& s, const PlanFilter& f) {
  std::string where = "WHERE 1 = 1";
  Params params;
  AddPrefixFilter(where, params, "region_code", f.scope_prefix);
  if (f.region_prefix) AddPrefixFilter(where, params, "region_code", *f.region_prefix);
  if (f.year) {
    where += " AND year = ?";
    params.push_back(Int(*f.year));
  }
  return MapRows<PlanRecord>(s.Query(std::string(kPlanSelect) + where + " ORDER BY year DESC, region_code, id", params),
                         PlanFromRow);
}

Result<std::int64_t> PlanRepository::UpdateTargets(Session& s, std::int64_t id, std::int64_t target_estates,
                                                   std::int64_t target_households, const std::string& now) {
  return s.Exec("UPDATE annual_plan SET target_estates = ?, target_households = ?, updated_at = ? WHERE id = ?",
                {Int(target_estates), Int(target_households), Str(now), Int(id)});
}

Result<PlanCounts> PlanRepository::Counts(Session& s, const std::string& region_prefix, int year, int extension_from,
                                          int extension_to) {
  std::string where = "WHERE p.year = ? AND p.status <> 'reserve'";
  Params params{Int(extension_from), Int(extension_to), Int(extension_from), Int(extension_to), Int(year)};
  AddPrefixFilter(where, params, "p.region_code", region_prefix);
  // An estate counts once even if (wrongly) in two projects of the year: DISTINCT over estates.
  auto rows = s.Query(
      "SELECT COUNT(*), COALESCE(SUM(es.dwellings), 0), "
      "COALESCE(SUM(CASE WHEN e.built_year BETWEEN ? AND ? THEN 1 ELSE 0 END), 0), "
      "COALESCE(SUM(CASE WHEN e.built_year BETWEEN ? AND ? THEN es.dwellings ELSE 0 END), 0) "
      "FROM estate e LEFT JOIN estate_stat es ON es.estate_id = e.id "
      "WHERE e.id IN (SELECT pe.estate_id FROM project_estate pe JOIN project p ON p.id = pe.project_id " +
          where + ")",
      params);
  if (!rows) return std::move(rows).error();
  const auto& r = rows->front();
  return PlanCounts{r.GetInt(0), r.GetInt(1), r.GetInt(2), r.GetInt(3)};
}

// ---- projects -------------------------------------------------------------------------------

Result<ProjectWorkbenchCounts> ProjectRepository::WorkbenchCounts(Session& s, const std::string& prefix, int year) {
  std::string where = " WHERE p.year = ?";
  Params params{Int(year)};
  AddPrefixFilter(where, params, "p.region_code", prefix);
  auto rows = s.Query(
      "SELECT COUNT(*), "
      "COALESCE(SUM(CASE WHEN p.status = 'reserve' THEN 1 ELSE 0 END), 0), "
      "COALESCE(SUM(CASE WHEN p.status IN ('planned', 'approved', 'designed', 'tendered', 'permitted') THEN 1 ELSE 0 END), 0), "
      "COALESCE(SUM(CASE WHEN p.status = 'started' THEN 1 ELSE 0 END), 0), "
      "COALESCE(SUM(CASE WHEN p.status IN ('completed', 'accepted', 'handed_over') THEN 1 ELSE 0 END), 0) "
      "FROM project p" + where,
      params);
  if (!rows) return std::move(rows).error();
  const auto& r = rows->front();
  ProjectWorkbenchCounts c{r.GetInt(0), r.GetInt(1), r.GetInt(2), r.GetInt(3), r.GetInt(4), 0, 0};
  auto objections = QueryInt(s, "SELECT COUNT(*) FROM publicity_objection o JOIN publicity_notice n ON n.id = o.notice_id "
                                "JOIN project p ON p.id = n.project_id" + where + " AND o.answer IS NULL", params);
  if (!objections) return std::move(objections).error();
  c.unanswered_objections = *objections;
  auto bills = QueryInt(s, "SELECT COUNT(*) FROM resident_bill rb JOIN project p ON p.id = rb.project_id" + where +
                               " AND rb.paid_on IS NULL", params);
  if (!bills) return std::move(bills).error();
  c.unpaid_bills = *bills;
  return c;
}

Result<std::int64_t> ProjectRepository::Insert(Session& s, const ProjectRecord& p) {
  return InsertReturningId(s,
                           "INSERT INTO project (name, year, kind, region_code, status, created_by, created_at, "
                           "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                           {Str(p.name), Int(p.year), Str(p.kind), Str(p.region_code), Str(p.status),
                            Int(p.created_by), Str(p.created_at), Str(p.updated_at)});
}

Result<void> ProjectRepository::AddEstate(Session& s, std::int64_t project_id, std::int64_t estate_id,
                                          const std::string& region_code) {
  return Done(s.Exec("INSERT INTO project_estate (project_id, estate_id, region_code) VALUES (?, ?, ?)",
                     {Int(project_id), Int(estate_id), Str(region_code)}));
}

Result<std::optional<ProjectRecord>> ProjectRepository::Find(Session& s, std::int64_t id) {
  return FirstRow<ProjectRecord>(
      s.Query(std::string("SELECT ") + kProjectColumns + " FROM project p WHERE p.id = ?", {Int(id)}), ProjectFromRow);
}

Result<std::vector<ProjectSummaryRecord>> ProjectRepository::List(Session& s, const ProjectFilter& f) {
  Params params;
  std::string where = ProjectWhere(f, params);
  params.push_back(Int(f.limit));
  params.push_back(Int(f.offset));
  // The page first, then its figures: the correlated sums run for 20 rows, not for the region.
  auto rows = s.Query(std::string("SELECT ") + kProjectColumns +
                          ", (SELECT COUNT(*) FROM project_estate pe WHERE pe.project_id = p.id), "
                          "(SELECT COALESCE(SUM(es.dwellings), 0) FROM project_estate pe JOIN estate_stat es "
                          "ON es.estate_id = pe.estate_id WHERE pe.project_id = p.id), "
                          "(SELECT COALESCE(SUM(f.amount_fen), 0) FROM fund_entry f WHERE f.project_id = p.id "
                          "AND f.kind = 'committed') "
                          "FROM project p WHERE 1 = 1" +
                          where + " ORDER BY p.year DESC, p.id DESC LIMIT ? OFFSET ?",
                      params);
  return MapRows<ProjectSummaryRecord>(std::move(rows), [](const Row& r) {
    return ProjectSummaryRecord{ProjectFromRow(r), r.GetInt(9), r.GetInt(10), r.GetInt(11)};
  });
}

Result<std::int64_t> ProjectRepository::Count(Session& s, const ProjectFilter& f) {
  Params params;
  std::string where = ProjectWhere(f, params);
  return QueryInt(s, "SELECT COUNT(*) FROM project p WHERE 1 = 1" + where, params);
}

Result<std::vector<ProjectEstateRecord>> ProjectRepository::Estates(Session& s, std::int64_t project_id) {
  return MapRows<ProjectEstateRecord>(
      s.Query("SELECT e.id, e.name, e.region_code, e.built_year, COALESCE(es.buildings, 0), "
              "COALESCE(es.dwellings, 0), e.floor_area_dm2, e.excl_self_built, e.excl_urban_village, "
              "e.excl_demolition, e.excl_recent_renovation "
              "FROM project_estate pe JOIN estate e ON e.id = pe.estate_id "
              "LEFT JOIN estate_stat es ON es.estate_id = e.id WHERE pe.project_id = ? ORDER BY e.id",
              {Int(project_id)}),
      [](const Row& r) {
        return ProjectEstateRecord{r.GetInt(0),      r.GetText(1),       r.GetText(2),       static_cast<int>(r.GetInt(3)),
                                   r.GetInt(4),      r.GetInt(5),        r.GetOptInt(6),     r.GetInt(7) != 0,
                                   r.GetInt(8) != 0, r.GetInt(9) != 0,   r.GetInt(10) != 0};
      });
}

Result<std::vector<ProjectRepository::Taken>> ProjectRepository::EstatesTaken(Session& s,
                                                                              const std::vector<std::int64_t>& estate_ids,
                                                                              int year) {
  if (estate_ids.empty()) return std::vector<Taken>{};
  std::string in;
  Params params{Int(year)};
  for (auto id : estate_ids) {
    in += in.empty() ? "?" : ", ?";
    params.push_back(Int(id));
  }
  return MapRows<Taken>(s.Query("SELECT pe.estate_id, p.id, p.name FROM project_estate pe JOIN project p ON "
                            "p.id = pe.project_id WHERE p.year = ? AND pe.estate_id IN (" +
                                in + ") ORDER BY pe.estate_id",
                            params),
                    [](const Row& r) { return Taken{r.GetInt(0), r.GetInt(1), r.GetText(2)}; });
}

Result<std::int64_t> ProjectRepository::SetStatus(Session& s, std::int64_t id, const std::string& from,
                                                  const std::string& to, const std::string& now) {
  return s.Exec("UPDATE project SET status = ?, updated_at = ? WHERE id = ? AND status = ?",
                {Str(to), Str(now), Int(id), Str(from)});
}

Result<void> ProjectRepository::InsertTransition(Session& s, std::int64_t project_id, const std::string& from,
                                                 const std::string& to, std::int64_t actor_id, const std::string& at) {
  return Done(s.Exec("INSERT INTO project_transition (project_id, from_status, to_status, actor_id, at) "
                     "VALUES (?, ?, ?, ?, ?)",
                     {Int(project_id), Str(from), Str(to), Int(actor_id), Str(at)}));
}

Result<std::vector<TransitionRecord>> ProjectRepository::Transitions(Session& s, std::int64_t project_id) {
  return MapRows<TransitionRecord>(
      s.Query("SELECT t.from_status, t.to_status, COALESCE(u.username, 'system'), t.at FROM project_transition t "
              "LEFT JOIN app_user u ON u.id = t.actor_id WHERE t.project_id = ? ORDER BY t.id",
              {Int(project_id)}),
      [](const Row& r) { return TransitionRecord{r.GetText(0), r.GetText(1), r.GetText(2), r.GetText(3)}; });
}

Result<void> ProjectRepository::Touch(Session& s, std::int64_t id, const std::string& now) {
  return Done(s.Exec("UPDATE project SET updated_at = ? WHERE id = ?", {Str(now), Int(id)}));
}

// ---- documents ------------------------------------------------------------------------------

namespace {
constexpr const char* kDocumentSelect =
    "SELECT d.id, d.project_id, d.kind, d.title, d.reference, d.file_id, COALESCE(f.name, ''), "
    "COALESCE(f.content_type, ''), COALESCE(f.size_bytes, 0), d.created_by, COALESCE(u.username, 'system'), "
    "d.created_at FROM project_document d LEFT JOIN stored_file f ON f.id = d.file_id "
    "LEFT JOIN app_user u ON u.id = d.created_by ";

DocumentRecord DocumentFromRow(const Row& r) {
  return {r.GetInt(0),  r.GetInt(1), r.GetText(2),  r.GetText(3),  r.GetText(4),  r.GetOptInt(5),
          r.GetText(6), r.GetText(7), r.GetInt(8), r.GetInt(9),   r.GetText(10), r.GetText(11)};
}
}  // namespace

Result<std::int64_t> DocumentRepository::Insert(Session& s, const DocumentRecord& d) {
  return InsertReturningId(s,
                           "INSERT INTO project_document (project_id, kind, title, reference, file_id, created_by, "
                           "created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                           {Int(d.project_id), Str(d.kind), Str(d.title), Str(d.reference), OptInt(d.file_id),
                            Int(d.created_by), Str(d.created_at)});
}

Result<std::optional<DocumentRecord>> DocumentRepository::Find(Session& s, std::int64_t project_id, std::int64_t id) {
  return FirstRow<DocumentRecord>(
      s.Query(std::string(kDocumentSelect) + "WHERE d.project_id = ? AND d.id = ?", {Int(project_id), Int(id)}),
      DocumentFromRow);
}

Result<std::vector<DocumentRecord>> DocumentRepository::List(Session& s, std::int64_t project_id) {
  return MapRows<DocumentRecord>(
      s.Query(std::string(kDocumentSelect) + "WHERE d.project_id = ? ORDER BY d.id", {Int(project_id)}),
      DocumentFromRow);
}

Result<void> DocumentRepository::SetFile(Session& s, std::int64_t id, std::int64_t file_id) {
  return Done(s.Exec("UPDATE project_document SET file_id = ? WHERE id = ?", {Int(file_id), Int(id)}));
}

Result<std::int64_t> DocumentRepository::Delete(Session& s, std::int64_t id) {
  return DeleteRows(s, "project_document", "id", id);
}

// ---- units ----------------------------------------------------------------------------------

Result<void> UnitRepository::Upsert(Session& s, std::int64_t project_id, const UnitRecord& u) {
  return Done(s.Exec("INSERT INTO project_unit (project_id, role, company, credit_code, contact, phone, updated_at) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (project_id, role) DO UPDATE SET "
                     "company = excluded.company, credit_code = excluded.credit_code, contact = excluded.contact, "
                     "phone = excluded.phone, updated_at = excluded.updated_at",
                     {Int(project_id), Str(u.role), Str(u.company), Str(u.credit_code), Str(u.contact), Str(u.phone),
                      Str(u.updated_at)}));
}

Result<std::vector<UnitRecord>> UnitRepository::List(Session& s, std::int64_t project_id) {
  return MapRows<UnitRecord>(
      s.Query("SELECT role, company, credit_code, contact, phone, updated_at FROM project_unit WHERE project_id = ?",
              {Int(project_id)}),
      [](const Row& r) {
        return UnitRecord{r.GetText(0), r.GetText(1), r.GetText(2), r.GetText(3), r.GetText(4), r.GetText(5)};
      });
}

}  // namespace huanxin::store
