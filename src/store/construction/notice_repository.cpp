#include "store/construction/notice_repository.hpp"

#include <utility>

namespace huanxin::store {

Result<std::optional<CurrentScheduleRecord>> NoticeRepository::CurrentSchedule(Session& s, std::int64_t project_id) {
  return FirstRow<CurrentScheduleRecord>(
      s.Query("SELECT id, project_id, start_on, end_on, created_at FROM construction_schedule WHERE project_id = ? "
              "ORDER BY id DESC LIMIT 1",
              {Int(project_id)}),
      [](const Row& r) { return CurrentScheduleRecord{r.GetInt(0), r.GetInt(1), r.GetText(2), r.GetText(3), r.GetText(4)}; });
}

Result<std::vector<DisruptionRow>> NoticeRepository::Disruptions(Session& s, std::int64_t project_id,
                                                                 std::int64_t schedule_id,
                                                                 std::optional<std::int64_t> estate_id) {
  std::string sql =
      "SELECT st.id, st.code, st.name, st.disruption_kind, ss.start_on, ss.end_on, e.id, e.name, b.id, b.number "
      "FROM construction_schedule_step ss "
      "JOIN construction_step st ON st.project_id = ? AND st.code = ss.step_code "
      "JOIN construction_step_building sb ON sb.step_id = st.id "
      "JOIN building b ON b.id = sb.building_id JOIN estate e ON e.id = b.estate_id "
      "WHERE ss.schedule_id = ? AND st.disruption_kind IS NOT NULL";
  Params params{Int(project_id), Int(schedule_id)};
  if (estate_id) {
    sql += " AND e.id = ?";
    params.push_back(Int(*estate_id));
  }
  sql += " ORDER BY ss.start_on, st.code, e.id, b.id";
  return MapRows<DisruptionRow>(s.Query(sql, params), [](const Row& r) {
    DisruptionRow d;
    d.step_id = r.GetInt(0);
    d.step_code = r.GetText(1);
    d.step_name = r.GetText(2);
    d.kind = r.GetText(3);
    d.start_on = r.GetText(4);
    d.end_on = r.GetText(5);
    d.estate_id = r.GetInt(6);
    d.estate_name = r.GetText(7);
    d.building_id = r.GetInt(8);
    d.building_number = r.GetText(9);
    return d;
  });
}

Result<std::vector<NoticeStepRecord>> NoticeRepository::ScheduledSteps(Session& s, std::int64_t project_id,
                                                                          std::int64_t schedule_id) {
  return MapRows<NoticeStepRecord>(
      s.Query("SELECT st.id, st.code, st.name, st.estate_id, ss.start_on, ss.end_on FROM construction_schedule_step ss "
              "JOIN construction_step st ON st.project_id = ? AND st.code = ss.step_code "
              "WHERE ss.schedule_id = ? ORDER BY ss.start_on, st.code",
              {Int(project_id), Int(schedule_id)}),
      [](const Row& r) {
        return NoticeStepRecord{r.GetInt(0), r.GetText(1), r.GetText(2), r.GetOptInt(3), r.GetText(4), r.GetText(5)};
      });
}

Result<std::vector<std::int64_t>> NoticeRepository::StepsTouchingEstate(Session& s, std::int64_t project_id,
                                                                        std::int64_t estate_id) {
  return MapRows<std::int64_t>(
      s.Query("SELECT DISTINCT st.id FROM construction_step st JOIN construction_step_building sb ON sb.step_id = st.id "
              "JOIN building b ON b.id = sb.building_id WHERE st.project_id = ? AND b.estate_id = ? ORDER BY st.id",
              {Int(project_id), Int(estate_id)}),
      [](const Row& r) { return r.GetInt(0); });
}

Result<std::optional<EstateBrief>> NoticeRepository::Estate(Session& s, std::int64_t estate_id) {
  return FirstRow<EstateBrief>(s.Query("SELECT id, name, region_code FROM estate WHERE id = ?", {Int(estate_id)}),
                               [](const Row& r) { return EstateBrief{r.GetInt(0), r.GetText(1), r.GetText(2)}; });
}

}  // namespace huanxin::store
