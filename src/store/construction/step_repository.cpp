#include "store/construction/step_repository.hpp"

#include <algorithm>
#include <set>
#include <unordered_map>

namespace huanxin::store {

namespace cc = core::construction;

Result<std::vector<cc::Step>> StepRepository::Load(Session& s, std::int64_t project_id) {
  auto rows = s.Query(
      "SELECT id, code, name, item_code, estate_id, duration_days, crew_type, crew_count, trench_segment, "
      "trench_utility, trench_split, disruption_kind, window_kind, generated FROM construction_step "
      "WHERE project_id = ? ORDER BY position, id",
      {Int(project_id)});
  if (!rows) return std::move(rows).error();
  std::vector<cc::Step> out;
  std::unordered_map<std::int64_t, std::size_t> at;
  for (const auto& r : *rows) {
    cc::Step st;
    st.code = r.GetText(1);
    st.name = r.GetText(2);
    st.item_code = r.GetOptText(3);
    st.estate_id = r.GetOptInt(4);
    st.duration_days = static_cast<int>(r.GetInt(5));
    st.crew_type = r.GetText(6);
    st.crew_count = static_cast<int>(r.GetInt(7));
    if (!r.IsNull(8)) st.trench = cc::Trench{r.GetText(8), r.GetText(9), r.GetInt(10) != 0};
    if (!r.IsNull(11)) st.disruption = cc::Disruption{r.GetText(11), {}};
    st.window = r.GetOptText(12);
    st.generated = r.GetInt(13) != 0;
    at[r.GetInt(0)] = out.size();
    out.push_back(std::move(st));
  }
  auto preds = s.Query(
      "SELECT p.step_id, q.code, p.type, p.lag_days FROM construction_step_predecessor p "
      "JOIN construction_step q ON q.id = p.predecessor_id JOIN construction_step t ON t.id = p.step_id "
      "WHERE t.project_id = ? ORDER BY q.position, q.id",
      {Int(project_id)});
  if (!preds) return std::move(preds).error();
  for (const auto& r : *preds)
    out[at.at(r.GetInt(0))].predecessors.push_back({r.GetText(1), r.GetText(2), static_cast<int>(r.GetInt(3))});
  auto buildings = s.Query(
      "SELECT b.step_id, b.building_id FROM construction_step_building b JOIN construction_step t ON t.id = b.step_id "
      "WHERE t.project_id = ? ORDER BY b.building_id",
      {Int(project_id)});
  if (!buildings) return std::move(buildings).error();
  for (const auto& r : *buildings) {
    auto& st = out[at.at(r.GetInt(0))];
    if (st.disruption) st.disruption->building_ids.push_back(r.GetInt(1));
  }
  return out;
}

Result<void> StepRepository::Replace(Session& s, std::int64_t project_id, const std::string& region_code,
                                     const std::vector<cc::Step>& steps, const std::string& now) {
  auto existing = s.Query("SELECT id, code FROM construction_step WHERE project_id = ?", {Int(project_id)});
  if (!existing) return std::move(existing).error();
  std::unordered_map<std::string, std::int64_t> ids;
  for (const auto& r : *existing) ids[r.GetText(1)] = r.GetInt(0);
  // Links first (they refer to steps of the project only), then the steps that go.
  for (const char* sql : {"DELETE FROM construction_step_predecessor WHERE step_id IN "
                          "(SELECT id FROM construction_step WHERE project_id = ?)",
                          "DELETE FROM construction_step_building WHERE step_id IN "
                          "(SELECT id FROM construction_step WHERE project_id = ?)"})
    if (auto r = s.Exec(sql, {Int(project_id)}); !r) return std::move(r).error();
  std::set<std::string> keep;
  for (const auto& st : steps) keep.insert(st.code);
  for (const auto& [code, id] : ids)
    if (!keep.contains(code))
      if (auto r = s.Exec("DELETE FROM construction_step WHERE id = ?", {Int(id)}); !r) return std::move(r).error();
  int position = 0;
  for (const auto& st : steps) {
    Params p{Str(st.name),
             OptStr(st.item_code),
             OptInt(st.estate_id),
             Int(st.duration_days),
             Str(st.crew_type),
             Int(st.crew_count),
             st.trench ? Str(st.trench->segment) : Null(),
             st.trench ? Str(st.trench->utility) : Null(),
             Bool(st.trench && st.trench->split),
             st.disruption ? Str(st.disruption->kind) : Null(),
             OptStr(st.window),
             Bool(st.generated),
             Int(++position)};
    if (auto it = ids.find(st.code); it != ids.end()) {
      p.push_back(Int(it->second));
      auto r = s.Exec(
          "UPDATE construction_step SET name = ?, item_code = ?, estate_id = ?, duration_days = ?, crew_type = ?, "
          "crew_count = ?, trench_segment = ?, trench_utility = ?, trench_split = ?, disruption_kind = ?, "
          "window_kind = ?, generated = ?, position = ? WHERE id = ?",
          p);
      if (!r) return std::move(r).error();
    } else {
      p.insert(p.begin(), {Int(project_id), Str(region_code), Str(st.code)});
      p.push_back(Str(now));
      auto id = InsertReturningId(
          s,
          "INSERT INTO construction_step (project_id, region_code, code, name, item_code, estate_id, duration_days, "
          "crew_type, crew_count, trench_segment, trench_utility, trench_split, disruption_kind, window_kind, "
          "generated, position, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
          p);
      if (!id) return std::move(id).error();
      ids[st.code] = *id;
    }
  }
  for (const auto& st : steps) {
    const auto id = ids.at(st.code);
    for (const auto& pr : st.predecessors)
      if (auto r = s.Exec("INSERT INTO construction_step_predecessor (step_id, predecessor_id, type, lag_days) "
                          "VALUES (?, ?, ?, ?)",
                          {Int(id), Int(ids.at(pr.code)), Str(pr.type), Int(pr.lag_days)});
          !r)
        return std::move(r).error();
    if (st.disruption) {
      std::set<std::int64_t> unique(st.disruption->building_ids.begin(), st.disruption->building_ids.end());
      for (auto b : unique)
        if (auto r = s.Exec("INSERT INTO construction_step_building (step_id, building_id) VALUES (?, ?)",
                            {Int(id), Int(b)});
            !r)
          return std::move(r).error();
    }
  }
  return Ok();
}

Result<std::vector<std::string>> StepRepository::CodesWithProgress(Session& s, std::int64_t project_id) {
  return MapRows<std::string>(
      s.Query("SELECT DISTINCT t.code FROM construction_progress p JOIN construction_step t ON t.id = p.step_id "
              "WHERE p.project_id = ? ORDER BY t.code",
              {Int(project_id)}),
      [](const Row& r) { return r.GetText(0); });
}

Result<std::map<std::string, int>> StepRepository::Crews(Session& s, std::int64_t project_id) {
  auto rows = s.Query("SELECT crew_type, capacity FROM construction_crew WHERE project_id = ? ORDER BY crew_type",
                      {Int(project_id)});
  if (!rows) return std::move(rows).error();
  std::map<std::string, int> out;
  for (const auto& r : *rows) out[r.GetText(0)] = static_cast<int>(r.GetInt(1));
  return out;
}

Result<void> StepRepository::PutCrews(Session& s, std::int64_t project_id, const std::map<std::string, int>& crews) {
  if (auto r = s.Exec("DELETE FROM construction_crew WHERE project_id = ?", {Int(project_id)}); !r)
    return std::move(r).error();
  for (const auto& [type, n] : crews)
    if (auto r = s.Exec("INSERT INTO construction_crew (project_id, crew_type, capacity) VALUES (?, ?, ?)",
                        {Int(project_id), Str(type), Int(n)});
        !r)
      return std::move(r).error();
  return Ok();
}

Result<std::vector<StepTemplateRecord>> StepRepository::Templates(Session& s,
                                                                  const std::optional<std::string>& item_code) {
  std::string sql =
      "SELECT t.item_code, t.suffix, t.seq, t.name_zh, t.name_en, t.crew_type, t.crew_count, t.base_days, "
      "t.milli_days_per_unit, t.trench_utility, t.disruption_kind, t.window_kind, t.after FROM step_template t "
      "JOIN renovation_item i ON i.code = t.item_code";
  Params p;
  if (item_code) {
    sql += " WHERE t.item_code = ?";
    p.push_back(Str(*item_code));
  }
  sql += " ORDER BY t.item_code, t.seq";
  return MapRows<StepTemplateRecord>(s.Query(sql, p), [](const Row& r) {
    StepTemplateRecord t;
    t.item_code = r.GetText(0);
    t.suffix = r.GetText(1);
    t.seq = static_cast<int>(r.GetInt(2));
    t.name_zh = r.GetText(3);
    t.name_en = r.GetText(4);
    t.crew_type = r.GetText(5);
    t.crew_count = static_cast<int>(r.GetInt(6));
    t.base_days = static_cast<int>(r.GetInt(7));
    t.milli_days_per_unit = r.GetInt(8);
    t.trench_utility = r.GetOptText(9);
    t.disruption_kind = r.GetOptText(10);
    t.window_kind = r.GetOptText(11);
    t.after = r.GetText(12);
    return t;
  });
}

Result<std::vector<BudgetQuantityRecord>> StepRepository::BudgetQuantities(Session& s, std::int64_t project_id) {
  return MapRows<BudgetQuantityRecord>(
      s.Query("SELECT item_code, SUM(quantity_centi) FROM budget_item WHERE project_id = ? GROUP BY item_code "
              "ORDER BY item_code",
              {Int(project_id)}),
      [](const Row& r) { return BudgetQuantityRecord{r.GetText(0), r.GetInt(1)}; });
}

Result<std::vector<BuildingRecordLite>> StepRepository::Buildings(Session& s, std::int64_t project_id) {
  return MapRows<BuildingRecordLite>(
      s.Query("SELECT b.id, b.estate_id, b.number, (SELECT COUNT(*) FROM dwelling d WHERE d.building_id = b.id) "
              "FROM building b JOIN project_estate pe ON pe.estate_id = b.estate_id WHERE pe.project_id = ? "
              "ORDER BY b.estate_id, b.id",
              {Int(project_id)}),
      [](const Row& r) { return BuildingRecordLite{r.GetInt(0), r.GetInt(1), r.GetText(2), r.GetInt(3)}; });
}

Result<std::vector<std::int64_t>> StepRepository::ProjectBuildingIds(Session& s, std::int64_t project_id) {
  return MapRows<std::int64_t>(
      s.Query("SELECT b.id FROM building b JOIN project_estate pe ON pe.estate_id = b.estate_id "
              "WHERE pe.project_id = ? ORDER BY b.id",
              {Int(project_id)}),
      [](const Row& r) { return r.GetInt(0); });
}

Result<std::vector<std::int64_t>> StepRepository::ProjectsOfEstates(Session& s,
                                                                   const std::vector<std::int64_t>& estate_ids) {
  if (estate_ids.empty()) return std::vector<std::int64_t>{};
  std::string sql = "SELECT DISTINCT project_id FROM project_estate WHERE estate_id IN (";
  Params p;
  for (std::size_t i = 0; i < estate_ids.size(); ++i) {
    sql += i ? ", ?" : "?";
    p.push_back(Int(estate_ids[i]));
  }
  return MapRows<std::int64_t>(s.Query(sql + ") ORDER BY project_id", p), [](const Row& r) { return r.GetInt(0); });
}

Result<std::vector<std::string>> StepRepository::ItemCodes(Session& s) {
  return MapRows<std::string>(s.Query("SELECT code FROM renovation_item ORDER BY code"),
                              [](const Row& r) { return r.GetText(0); });
}

Result<std::optional<SeasonRecord>> SeasonRepository::InForce(Session& s, const std::string& region_code) {
  // The candidates are the code's prefixes (2, 4, 6, 9, 12 digits …): at most a handful of rows.
  Params p;
  std::string in;
  for (std::size_t n = 1; n <= region_code.size(); ++n) {
    in += in.empty() ? "?" : ", ?";
    p.push_back(Str(region_code.substr(0, n)));
  }
  if (in.empty()) return std::optional<SeasonRecord>{};
  return FirstRow<SeasonRecord>(
      s.Query("SELECT region_code, heating_from, heating_to, frost_from, frost_to, exam_days, updated_by, updated_at "
              "FROM construction_season WHERE region_code IN (" + in + ") ORDER BY LENGTH(region_code) DESC LIMIT 1",
              p),
      [](const Row& r) {
        return SeasonRecord{r.GetText(0),    r.GetOptText(1), r.GetOptText(2), r.GetOptText(3),
                            r.GetOptText(4), r.GetText(5),    r.GetInt(6),     r.GetText(7)};
      });
}

Result<void> SeasonRepository::Put(Session& s, const SeasonRecord& r) {
  if (auto d = s.Exec("DELETE FROM construction_season WHERE region_code = ?", {Str(r.region_code)}); !d)
    return std::move(d).error();
  return Done(s.Exec(
      "INSERT INTO construction_season (region_code, heating_from, heating_to, frost_from, frost_to, exam_days, "
      "updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      {Str(r.region_code), OptStr(r.heating_from), OptStr(r.heating_to), OptStr(r.frost_from), OptStr(r.frost_to),
       Str(r.exam_days), Int(r.updated_by), Str(r.updated_at)}));
}

}  // namespace huanxin::store
