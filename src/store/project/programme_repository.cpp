#include "store/project/programme_repository.hpp"

#include <algorithm>

namespace huanxin::store {

namespace {

// "?, ?, ?" for `n` values (at least one placeholder: an empty list matches nothing).
std::string Marks(std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < std::max<std::size_t>(n, 1); ++i) out += i ? ", ?" : "?";
  return out;
}

void AddList(Params& p, const std::vector<std::string>& codes) {
  if (codes.empty()) p.push_back(Str(""));  // no status is empty: matches nothing
  for (const auto& c : codes) p.push_back(Str(c));
}

// The projects of the filter, as a WHERE clause over `project p` with its parameters appended to
// `p`: year, status list, then the region prefix as a range (AddPrefixFilter uses the
// (region_code, year, id) index).
std::string ProjectWhere(const ProgrammeFilter& f, Params& p) {
  std::string where = " WHERE p.year = ? AND p.status IN (" + Marks(f.statuses.size()) + ")";
  p.push_back(Int(f.year));
  AddList(p, f.statuses);
  AddPrefixFilter(where, p, "p.region_code", f.prefix);
  return where;
}

}  // namespace

Result<ProgrammeFigures> ProgrammeRepository::Figures(Session& s, const ProgrammeFilter& f) {
  // Parameters in the order their marks appear in the text: the project count's filter, the two
  // status lists of the per-estate flags, then the per-estate subquery's filter.
  Params p;
  const std::string count_where = ProjectWhere(f, p);
  AddList(p, f.started);
  AddList(p, f.completed);
  const std::string estate_where = ProjectWhere(f, p);
  // One row per distinct estate (grouped in the subquery), then summed with the estate's floor area
  // and its trigger-kept counters. LEFT JOIN on estate_stat: an estate always has its counter row
  // (migration 0005's trigger), but a missing one must not drop the estate from the count.
  auto rows = s.Query(
      "SELECT (SELECT COUNT(*) FROM project p" + count_where + "), COUNT(*), COALESCE(SUM(st.buildings), 0), "
      "COALESCE(SUM(st.dwellings), 0), COALESCE(SUM(e.floor_area_dm2), 0), "
      "COALESCE(SUM(CASE WHEN e.floor_area_dm2 IS NULL THEN 1 ELSE 0 END), 0), COALESCE(SUM(x.started), 0), "
      "COALESCE(SUM(x.completed), 0) "
      "FROM (SELECT pe.estate_id, MAX(CASE WHEN p.status IN (" + Marks(f.started.size()) + ") THEN 1 ELSE 0 END) AS started, "
      "MAX(CASE WHEN p.status IN (" + Marks(f.completed.size()) + ") THEN 1 ELSE 0 END) AS completed "
      "FROM project p JOIN project_estate pe ON pe.project_id = p.id" + estate_where + " GROUP BY pe.estate_id) x "
      "JOIN estate e ON e.id = x.estate_id LEFT JOIN estate_stat st ON st.estate_id = x.estate_id",
      p);
  if (!rows) return std::move(rows).error();
  const auto& r = rows->front();
  ProgrammeFigures out;
  out.projects = r.GetInt(0);
  out.estates = r.GetInt(1);
  out.buildings = r.GetInt(2);
  out.dwellings = r.GetInt(3);
  out.floor_area_dm2 = r.GetInt(4);
  out.floor_area_missing = r.GetInt(5);
  out.started = r.GetInt(6);
  out.completed = r.GetInt(7);
  return out;
}

Result<std::vector<ProgrammeFundSum>> ProgrammeRepository::Funds(Session& s, const ProgrammeFilter& f) {
  Params p;
  const std::string where = ProjectWhere(f, p);
  auto rows = s.Query("SELECT fe.source, fe.kind, SUM(fe.amount_fen) FROM project p JOIN fund_entry fe ON fe.project_id = p.id" +
                          where + " GROUP BY fe.source, fe.kind",
                      p);
  if (!rows) return std::move(rows).error();
  std::vector<ProgrammeFundSum> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) out.push_back({r.GetText(0), r.GetText(1), r.GetInt(2)});
  return out;
}

Result<std::optional<ProgrammePlanTarget>> ProgrammeRepository::PlanFor(Session& s, const std::string& region_code, int year) {
  if (region_code.empty()) return std::optional<ProgrammePlanTarget>{};
  // Every prefix of the code is a candidate; the longest one that has a plan wins.
  Params p{Int(year)};
  for (std::size_t n = 1; n <= region_code.size(); ++n) p.push_back(Str(region_code.substr(0, n)));
  auto rows = s.Query("SELECT id, region_code, target_estates, target_households FROM annual_plan WHERE year = ? AND "
                      "region_code IN (" + Marks(region_code.size()) + ") ORDER BY LENGTH(region_code) DESC LIMIT 1",
                      p);
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return std::optional<ProgrammePlanTarget>{};
  const auto& r = rows->front();
  return std::optional<ProgrammePlanTarget>(ProgrammePlanTarget{r.GetInt(0), r.GetText(1), r.GetInt(2), r.GetInt(3)});
}

Result<std::vector<ProgrammeProjectRow>> ProgrammeRepository::Projects(Session& s, const ProgrammeFilter& f,
                                                                       const std::string& committed,
                                                                       const std::string& received, const std::string& paid) {
  // Correlated subqueries per project: each reads its own rows through the project_estate and
  // fund_entry indexes, where grouped joins would aggregate every project of the database.
  Params p{Str(committed), Str(received), Str(paid)};
  const std::string where = ProjectWhere(f, p);
  auto rows = s.Query(
      "SELECT p.id, p.name, p.kind, p.region_code, p.status, "
      "(SELECT COUNT(*) FROM project_estate pe WHERE pe.project_id = p.id), "
      "(SELECT COALESCE(SUM(st.buildings), 0) FROM project_estate pe JOIN estate_stat st ON st.estate_id = pe.estate_id "
      "WHERE pe.project_id = p.id), "
      "(SELECT COALESCE(SUM(st.dwellings), 0) FROM project_estate pe JOIN estate_stat st ON st.estate_id = pe.estate_id "
      "WHERE pe.project_id = p.id), "
      "(SELECT COALESCE(SUM(e.floor_area_dm2), 0) FROM project_estate pe JOIN estate e ON e.id = pe.estate_id "
      "WHERE pe.project_id = p.id), "
      "(SELECT COALESCE(SUM(fe.amount_fen), 0) FROM fund_entry fe WHERE fe.project_id = p.id AND fe.kind = ?), "
      "(SELECT COALESCE(SUM(fe.amount_fen), 0) FROM fund_entry fe WHERE fe.project_id = p.id AND fe.kind = ?), "
      "(SELECT COALESCE(SUM(fe.amount_fen), 0) FROM fund_entry fe WHERE fe.project_id = p.id AND fe.kind = ?) "
      "FROM project p" + where + " ORDER BY p.region_code, p.id",
      p);
  if (!rows) return std::move(rows).error();
  std::vector<ProgrammeProjectRow> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) {
    ProgrammeProjectRow x;
    x.id = r.GetInt(0);
    x.name = r.GetText(1);
    x.kind = r.GetText(2);
    x.region_code = r.GetText(3);
    x.status = r.GetText(4);
    x.estates = r.GetInt(5);
    x.buildings = r.GetInt(6);
    x.dwellings = r.GetInt(7);
    x.floor_area_dm2 = r.GetInt(8);
    x.committed_fen = r.GetInt(9);
    x.received_fen = r.GetInt(10);
    x.paid_fen = r.GetInt(11);
    out.push_back(std::move(x));
  }
  return out;
}

}  // namespace huanxin::store
