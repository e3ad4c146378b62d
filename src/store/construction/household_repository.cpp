#include "store/construction/household_repository.hpp"

#include <utility>

namespace huanxin::store {

namespace {

constexpr const char* kTeamSelect =
    "SELECT id, project_id, region_code, name, phone, works, created_at FROM household_team";

HouseholdTeamRecord ReadTeam(const Row& r) {
  return HouseholdTeamRecord{r.GetInt(0), r.GetInt(1), r.GetText(2), r.GetText(3),
                             r.GetText(4), r.GetText(5), r.GetText(6)};
}

}  // namespace

Result<std::int64_t> HouseholdWorkRepository::InsertTeam(Session& s, const HouseholdTeamRecord& t) {
  return InsertReturningId(s,
                           "INSERT INTO household_team (project_id, region_code, name, phone, works, created_at) "
                           "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                           {Int(t.project_id), Str(t.region_code), Str(t.name), Str(t.phone), Str(t.works), Str(t.created_at)});
}

Result<std::vector<HouseholdTeamRecord>> HouseholdWorkRepository::Teams(Session& s, std::int64_t project_id) {
  return MapRows<HouseholdTeamRecord>(s.Query(std::string(kTeamSelect) + " WHERE project_id = ? ORDER BY id", {Int(project_id)}),
                                      ReadTeam);
}

Result<std::optional<HouseholdTeamRecord>> HouseholdWorkRepository::FindTeam(Session& s, std::int64_t id) {
  return FirstRow<HouseholdTeamRecord>(s.Query(std::string(kTeamSelect) + " WHERE id = ?", {Int(id)}), ReadTeam);
}

Result<std::optional<DwellingPlace>> HouseholdWorkRepository::FindDwelling(Session& s, std::int64_t dwelling_id) {
  return FirstRow<DwellingPlace>(
      s.Query("SELECT id, building_id, estate_id, region_code FROM dwelling WHERE id = ?", {Int(dwelling_id)}),
      [](const Row& r) { return DwellingPlace{r.GetInt(0), r.GetInt(1), r.GetInt(2), r.GetText(3)}; });
}

Result<std::optional<HouseholdWorkRecord>> HouseholdWorkRepository::Find(Session& s, std::int64_t project_id,
                                                                     std::int64_t dwelling_id, const std::string& work) {
  return FirstRow<HouseholdWorkRecord>(
      s.Query("SELECT project_id, dwelling_id, work, estate_id, building_id, region_code, status, done_by, team_id, "
              "updated_by, updated_at FROM household_work WHERE project_id = ? AND dwelling_id = ? AND work = ?",
              {Int(project_id), Int(dwelling_id), Str(work)}),
      [](const Row& r) {
        HouseholdWorkRecord w;
        w.project_id = r.GetInt(0);
        w.dwelling_id = r.GetInt(1);
        w.work = r.GetText(2);
        w.estate_id = r.GetInt(3);
        w.building_id = r.GetInt(4);
        w.region_code = r.GetText(5);
        w.status = r.GetText(6);
        w.done_by = r.GetOptText(7);
        w.team_id = r.GetOptInt(8);
        w.updated_by = r.GetInt(9);
        w.updated_at = r.GetText(10);
        return w;
      });
}

Result<void> HouseholdWorkRepository::Upsert(Session& s, const HouseholdWorkRecord& w) {
  auto changed = s.Exec(
      "UPDATE household_work SET status = ?, done_by = ?, team_id = ?, updated_by = ?, updated_at = ? "
      "WHERE project_id = ? AND dwelling_id = ? AND work = ?",
      {Str(w.status), OptStr(w.done_by), OptInt(w.team_id), Int(w.updated_by), Str(w.updated_at), Int(w.project_id),
       Int(w.dwelling_id), Str(w.work)});
  if (!changed) return std::move(changed).error();
  if (*changed > 0) return Ok();
  return Done(s.Exec(
      "INSERT INTO household_work (project_id, dwelling_id, work, estate_id, building_id, region_code, status, done_by, "
      "team_id, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {Int(w.project_id), Int(w.dwelling_id), Str(w.work), Int(w.estate_id), Int(w.building_id), Str(w.region_code),
       Str(w.status), OptStr(w.done_by), OptInt(w.team_id), Int(w.updated_by), Str(w.updated_at)}));
}

Result<std::vector<HouseholdBuildingCount>> HouseholdWorkRepository::Buildings(Session& s, std::int64_t project_id,
                                                                           const std::string& work) {
  return MapRows<HouseholdBuildingCount>(
      s.Query("SELECT b.id, b.estate_id, b.number, COUNT(d.id), "
              "SUM(CASE WHEN w.status = 'done' THEN 1 ELSE 0 END), "
              "SUM(CASE WHEN w.status = 'in_progress' THEN 1 ELSE 0 END), "
              "SUM(CASE WHEN w.status = 'declined' THEN 1 ELSE 0 END), "
              "SUM(CASE WHEN w.status = 'done' AND w.done_by = 'contractor' THEN 1 ELSE 0 END), "
              "SUM(CASE WHEN w.status = 'done' AND w.done_by = 'self' THEN 1 ELSE 0 END) "
              "FROM project_estate pe JOIN building b ON b.estate_id = pe.estate_id "
              "LEFT JOIN dwelling d ON d.building_id = b.id "
              "LEFT JOIN household_work w ON w.project_id = pe.project_id AND w.dwelling_id = d.id AND w.work = ? "
              "WHERE pe.project_id = ? GROUP BY b.id, b.estate_id, b.number ORDER BY b.estate_id, b.id",
              {Str(work), Int(project_id)}),
      [](const Row& r) {
        HouseholdBuildingCount c;
        c.building_id = r.GetInt(0);
        c.estate_id = r.GetInt(1);
        c.number = r.GetText(2);
        c.total = r.GetInt(3);
        // SUM over no rows is NULL.
        c.done = r.GetOptInt(4).value_or(0);
        c.in_progress = r.GetOptInt(5).value_or(0);
        c.declined = r.GetOptInt(6).value_or(0);
        c.by_contractor = r.GetOptInt(7).value_or(0);
        c.by_self = r.GetOptInt(8).value_or(0);
        return c;
      });
}

Result<std::vector<HouseholdGridRow>> HouseholdWorkRepository::Grid(Session& s, std::int64_t project_id, const std::string& work,
                                                                std::int64_t building_id) {
  return MapRows<HouseholdGridRow>(
      s.Query("SELECT d.id, d.stairwell, d.floor, d.room, w.status, w.done_by, w.team_id FROM dwelling d "
              "LEFT JOIN household_work w ON w.project_id = ? AND w.dwelling_id = d.id AND w.work = ? "
              "WHERE d.building_id = ? ORDER BY d.stairwell, d.floor, d.room, d.id",
              {Int(project_id), Str(work), Int(building_id)}),
      [](const Row& r) {
        HouseholdGridRow g;
        g.dwelling_id = r.GetInt(0);
        g.stairwell = static_cast<int>(r.GetInt(1));
        g.floor = static_cast<int>(r.GetInt(2));
        g.room = r.GetText(3);
        g.status = r.GetOptText(4);
        g.done_by = r.GetOptText(5);
        g.team_id = r.GetOptInt(6);
        return g;
      });
}

Result<std::optional<std::int64_t>> HouseholdWorkRepository::EstateOfBuilding(Session& s, std::int64_t building_id) {
  return FirstRow<std::int64_t>(s.Query("SELECT estate_id FROM building WHERE id = ?", {Int(building_id)}),
                                [](const Row& r) { return r.GetInt(0); });
}

}  // namespace huanxin::store
