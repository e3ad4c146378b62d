#include "store/construction/schedule_repository.hpp"

namespace huanxin::store {

namespace {

constexpr const char* kScheduleColumns =
    "SELECT id, project_id, region_code, start_on, end_on, makespan_days, lower_bound_days, disruption_days, "
    "openings_merged, openings_naive, crews, working_days_only, created_by, created_at, resource_bound_days "
    "FROM construction_schedule";

ScheduleRecord ReadSchedule(const Row& r) {
  ScheduleRecord x;
  x.id = r.GetInt(0);
  x.project_id = r.GetInt(1);
  x.region_code = r.GetText(2);
  x.start_on = r.GetText(3);
  x.end_on = r.GetText(4);
  x.makespan_days = static_cast<int>(r.GetInt(5));
  x.lower_bound_days = static_cast<int>(r.GetInt(6));
  x.disruption_days = r.GetInt(7);
  x.openings_merged = static_cast<int>(r.GetInt(8));
  x.openings_naive = static_cast<int>(r.GetInt(9));
  x.crews = r.GetText(10);
  x.working_days_only = r.GetInt(11) != 0;
  x.created_by = r.GetInt(12);
  x.created_at = r.GetText(13);
  x.resource_bound_days = static_cast<int>(r.GetInt(14));
  return x;
}

Result<std::optional<ScheduleRecord>> WithSteps(Session& s, Result<std::optional<ScheduleRecord>> head) {
  if (!head || !*head) return head;
  auto steps = MapRows<ScheduledStepRecord>(
      s.Query("SELECT ss.step_code, ss.start_on, ss.end_on, ss.bound_by, ss.bound_ref, ss.critical "
              "FROM construction_schedule_step ss LEFT JOIN construction_schedule sc ON sc.id = ss.schedule_id "
              "LEFT JOIN construction_step t ON t.project_id = sc.project_id AND t.code = ss.step_code "
              "WHERE ss.schedule_id = ? ORDER BY ss.start_on, t.position, ss.step_code",
              {Int((*head)->id)}),
      [](const Row& r) {
        return ScheduledStepRecord{r.GetText(0), r.GetText(1), r.GetText(2), r.GetText(3), r.GetText(4),
                                   r.GetInt(5) != 0};
      });
  if (!steps) return std::move(steps).error();
  (*head)->steps = std::move(*steps);
  return head;
}

constexpr const char* kAlertColumns =
    "SELECT a.id, a.project_id, p.name, a.region_code, a.kind, a.step_code, COALESCE(t.name, ''), a.baseline_id, "
    "a.baseline_end_on, a.forecast_end_on, a.delay_days, a.raised_at, a.cleared_at FROM construction_alert a "
    "JOIN project p ON p.id = a.project_id "
    "LEFT JOIN construction_step t ON t.project_id = a.project_id AND t.code = a.step_code";

AlertRecord ReadAlert(const Row& r) {
  AlertRecord a;
  a.id = r.GetInt(0);
  a.project_id = r.GetInt(1);
  a.project_name = r.GetText(2);
  a.region_code = r.GetText(3);
  a.kind = r.GetText(4);
  a.step_code = r.GetText(5);
  a.step_name = r.GetText(6);
  a.baseline_id = r.GetOptInt(7);
  a.baseline_end_on = r.GetText(8);
  a.forecast_end_on = r.GetText(9);
  a.delay_days = static_cast<int>(r.GetInt(10));
  a.raised_at = r.GetText(11);
  a.cleared_at = r.GetOptText(12);
  return a;
}

void AddProjects(std::string& where, Params& p, const std::string& column,
                 const std::optional<std::vector<std::int64_t>>& projects) {
  if (!projects) return;
  if (projects->empty()) {
    where += " AND 1 = 0";
    return;
  }
  where += " AND " + column + " IN (";
  for (std::size_t i = 0; i < projects->size(); ++i) {
    where += i ? ", ?" : "?";
    p.push_back(Int((*projects)[i]));
  }
  where += ")";
}

}  // namespace

Result<std::int64_t> ScheduleRepository::Insert(Session& s, const ScheduleRecord& r) {
  auto id = InsertReturningId(
      s,
      "INSERT INTO construction_schedule (project_id, region_code, start_on, end_on, makespan_days, lower_bound_days, "
      "disruption_days, openings_merged, openings_naive, crews, working_days_only, created_by, created_at, "
      "resource_bound_days) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {Int(r.project_id), Str(r.region_code), Str(r.start_on), Str(r.end_on), Int(r.makespan_days),
       Int(r.lower_bound_days), Int(r.disruption_days), Int(r.openings_merged), Int(r.openings_naive), Str(r.crews),
       Bool(r.working_days_only), Int(r.created_by), Str(r.created_at), Int(r.resource_bound_days)});
  if (!id) return id;
  for (const auto& st : r.steps)
    if (auto e = s.Exec("INSERT INTO construction_schedule_step (schedule_id, step_code, start_on, end_on, bound_by, "
                        "bound_ref, critical) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        {Int(*id), Str(st.step_code), Str(st.start_on), Str(st.end_on), Str(st.bound_by),
                         Str(st.bound_ref), Bool(st.critical)});
        !e)
      return std::move(e).error();
  return id;
}

Result<std::optional<ScheduleRecord>> ScheduleRepository::Latest(Session& s, std::int64_t project_id) {
  return WithSteps(s, FirstRow<ScheduleRecord>(
                          s.Query(std::string(kScheduleColumns) + " WHERE project_id = ? ORDER BY id DESC LIMIT 1",
                                  {Int(project_id)}),
                          ReadSchedule));
}

Result<std::optional<ScheduleRecord>> ScheduleRepository::Find(Session& s, std::int64_t schedule_id) {
  return WithSteps(s, FirstRow<ScheduleRecord>(
                          s.Query(std::string(kScheduleColumns) + " WHERE id = ?", {Int(schedule_id)}), ReadSchedule));
}

Result<std::int64_t> ScheduleRepository::InsertBaseline(Session& s, std::int64_t project_id, std::int64_t schedule_id,
                                                        const std::string& region_code, std::int64_t saved_by,
                                                        const std::string& now) {
  return InsertReturningId(s,
                           "INSERT INTO construction_baseline (project_id, schedule_id, region_code, saved_by, saved_at) "
                           "VALUES (?, ?, ?, ?, ?) RETURNING id",
                           {Int(project_id), Int(schedule_id), Str(region_code), Int(saved_by), Str(now)});
}

Result<std::optional<BaselineRecord>> ScheduleRepository::LatestBaseline(Session& s, std::int64_t project_id) {
  return FirstRow<BaselineRecord>(
      s.Query("SELECT id, project_id, schedule_id, saved_at FROM construction_baseline WHERE project_id = ? "
              "ORDER BY id DESC LIMIT 1",
              {Int(project_id)}),
      [](const Row& r) { return BaselineRecord{r.GetInt(0), r.GetInt(1), r.GetInt(2), r.GetText(3)}; });
}

Result<std::vector<StepProgressRecord>> ScheduleRepository::LatestProgress(Session& s, std::int64_t project_id) {
  // The latest report per step: the greatest (on_date, id).
  return MapRows<StepProgressRecord>(
      s.Query("SELECT t.code, p.percent, p.on_date FROM construction_progress p "
              "JOIN construction_step t ON t.id = p.step_id WHERE p.project_id = ? AND NOT EXISTS ("
              "SELECT 1 FROM construction_progress q WHERE q.step_id = p.step_id AND "
              "(q.on_date > p.on_date OR (q.on_date = p.on_date AND q.id > p.id))) ORDER BY t.code",
              {Int(project_id)}),
      [](const Row& r) { return StepProgressRecord{r.GetText(0), static_cast<int>(r.GetInt(1)), r.GetText(2)}; });
}

Result<std::vector<AlertRecord>> ScheduleRepository::Alerts(Session& s, std::int64_t project_id) {
  return MapRows<AlertRecord>(
      s.Query(std::string(kAlertColumns) + " WHERE a.project_id = ? ORDER BY a.cleared_at IS NOT NULL, a.id DESC",
              {Int(project_id)}),
      ReadAlert);
}

Result<std::vector<AlertRecord>> ScheduleRepository::OpenAlerts(
    Session& s, const std::string& prefix, const std::optional<std::vector<std::int64_t>>& projects, int limit) {
  std::string where = " WHERE a.cleared_at IS NULL";
  Params p;
  AddPrefixFilter(where, p, "a.region_code", prefix);
  AddProjects(where, p, "a.project_id", projects);
  p.push_back(Int(limit));
  return MapRows<AlertRecord>(
      s.Query(std::string(kAlertColumns) + where + " ORDER BY a.delay_days DESC, a.id LIMIT ?", p), ReadAlert);
}

Result<std::int64_t> ScheduleRepository::InsertAlert(Session& s, const AlertRecord& a) {
  return InsertReturningId(
      s,
      "INSERT INTO construction_alert (project_id, region_code, kind, step_code, baseline_id, baseline_end_on, "
      "forecast_end_on, delay_days, raised_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {Int(a.project_id), Str(a.region_code), Str(a.kind), Str(a.step_code), OptInt(a.baseline_id),
       Str(a.baseline_end_on), Str(a.forecast_end_on), Int(a.delay_days), Str(a.raised_at)});
}

Result<void> ScheduleRepository::UpdateAlert(Session& s, std::int64_t id, const std::string& forecast_end_on,
                                             int delay_days) {
  return Done(s.Exec("UPDATE construction_alert SET forecast_end_on = ?, delay_days = ? WHERE id = ?",
                     {Str(forecast_end_on), Int(delay_days), Int(id)}));
}

Result<void> ScheduleRepository::ClearAlert(Session& s, std::int64_t id, const std::string& now) {
  return Done(s.Exec("UPDATE construction_alert SET cleared_at = ? WHERE id = ?", {Str(now), Int(id)}));
}

Result<ScheduleRepository::Counts> ScheduleRepository::CountsUnder(
    Session& s, const std::string& prefix, const std::optional<std::vector<std::int64_t>>& projects) {
  Counts c;
  std::string where = " WHERE a.cleared_at IS NULL";
  Params p;
  AddPrefixFilter(where, p, "a.region_code", prefix);
  AddProjects(where, p, "a.project_id", projects);
  auto rows = s.Query("SELECT a.kind, COUNT(*) FROM construction_alert a" + where + " GROUP BY a.kind", p);
  if (!rows) return std::move(rows).error();
  for (const auto& r : *rows) (r.GetText(0) == "delay" ? c.delay : c.year_end) = r.GetInt(1);
  std::string w2 = " WHERE 1 = 1";
  Params p2;
  AddPrefixFilter(w2, p2, "c.region_code", prefix);
  AddProjects(w2, p2, "c.project_id", projects);
  auto n = QueryInt(s, "SELECT COUNT(DISTINCT c.project_id) FROM construction_schedule c" + w2, p2);
  if (!n) return std::move(n).error();
  c.schedules = *n;
  return c;
}

}  // namespace huanxin::store
