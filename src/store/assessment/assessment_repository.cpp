#include "store/assessment/assessment_repository.hpp"

#include <algorithm>
#include <utility>

namespace huanxin::store {

namespace {

using Repo = AssessmentRepository;

std::string Marks(std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < std::max<std::size_t>(n, 1); ++i) out += i ? ", ?" : "?";
  return out;
}

void AddList(Params& p, const std::vector<std::string>& codes) {
  if (codes.empty()) p.push_back(Str(""));
  for (const auto& c : codes) p.push_back(Str(c));
}

// The year's projects at the listed statuses joined to their estates under the prefix.
std::string EstateWhere(const ProgrammeQuery& q, Params& p) {
  std::string where = " WHERE p.year = ? AND p.status IN (" + Marks(q.statuses.size()) + ")";
  p.push_back(Int(q.year));
  AddList(p, q.statuses);
  AddPrefixFilter(where, p, "pe.region_code", q.prefix);
  return where;
}

std::vector<StreetProgramme> ReadProgramme(const Rows& rows) {
  std::vector<StreetProgramme> out;
  for (const auto& r : rows) out.push_back({r.GetText(0), r.GetInt(1), r.GetInt(2), r.GetInt(3), r.GetInt(4)});
  return out;
}

constexpr const char* kMeetingSelect =
    "SELECT id, region_code, held_on, title, attendees, minutes, created_by, created_at, updated_at FROM joint_meeting";

MeetingRecord ReadMeeting(const Row& r) {
  return {r.GetInt(0), r.GetText(1), r.GetText(2), r.GetText(3), r.GetText(4), r.GetText(5),
          r.GetInt(6), r.GetText(7), r.GetText(8)};
}

constexpr const char* kActionSelect =
    "SELECT id, meeting_id, region_code, text, owner, deadline, status, done_on, position, updated_at FROM meeting_action";

ActionRecord ReadAction(const Row& r) {
  ActionRecord a;
  a.id = r.GetInt(0);
  a.meeting_id = r.GetInt(1);
  a.region_code = r.GetText(2);
  a.text = r.GetText(3);
  a.owner = r.GetText(4);
  a.deadline = r.GetText(5);
  a.status = r.GetText(6);
  a.done_on = r.GetOptText(7);
  a.position = static_cast<int>(r.GetInt(8));
  a.updated_at = r.GetText(9);
  return a;
}

}  // namespace

Result<std::vector<StreetProgramme>> Repo::Programme(Session& s, const ProgrammeQuery& q) {
  Params p;
  AddList(p, q.started);
  AddList(p, q.completed);
  const std::string where = EstateWhere(q, p);
  // One row per distinct estate (its community code and flags), then grouped by street.
  auto rows = s.Query(
      "SELECT SUBSTR(x.region_code, 1, 9), COUNT(*), COALESCE(SUM(x.started), 0), COALESCE(SUM(x.completed), 0), "
      "COALESCE(SUM(st.dwellings), 0) FROM (SELECT pe.estate_id, MIN(pe.region_code) AS region_code, "
      "MAX(CASE WHEN p.status IN (" + Marks(q.started.size()) + ") THEN 1 ELSE 0 END) AS started, "
      "MAX(CASE WHEN p.status IN (" + Marks(q.completed.size()) + ") THEN 1 ELSE 0 END) AS completed "
      "FROM project p JOIN project_estate pe ON pe.project_id = p.id" + where + " GROUP BY pe.estate_id) x "
      "LEFT JOIN estate_stat st ON st.estate_id = x.estate_id GROUP BY SUBSTR(x.region_code, 1, 9) ORDER BY 1",
      p);
  if (!rows) return std::move(rows).error();
  return ReadProgramme(*rows);
}

Result<std::vector<StreetProgramme>> Repo::ProgrammeAsOf(Session& s, const ProgrammeQuery& q, const std::string& started_code,
                                                         const std::string& completed_code, const std::string& before_utc) {
  Params p{Str(started_code), Str(before_utc), Str(completed_code), Str(before_utc)};
  const std::string where = EstateWhere(q, p);
  auto rows = s.Query(
      "SELECT SUBSTR(x.region_code, 1, 9), COUNT(*), COALESCE(SUM(x.started), 0), COALESCE(SUM(x.completed), 0), "
      "COALESCE(SUM(st.dwellings), 0) FROM (SELECT pe.estate_id, MIN(pe.region_code) AS region_code, "
      "MAX(CASE WHEN EXISTS (SELECT 1 FROM project_transition t WHERE t.project_id = p.id AND t.to_status = ? AND t.at < ?) "
      "THEN 1 ELSE 0 END) AS started, "
      "MAX(CASE WHEN EXISTS (SELECT 1 FROM project_transition t WHERE t.project_id = p.id AND t.to_status = ? AND t.at < ?) "
      "THEN 1 ELSE 0 END) AS completed "
      "FROM project p JOIN project_estate pe ON pe.project_id = p.id" + where + " GROUP BY pe.estate_id) x "
      "LEFT JOIN estate_stat st ON st.estate_id = x.estate_id GROUP BY SUBSTR(x.region_code, 1, 9) ORDER BY 1",
      p);
  if (!rows) return std::move(rows).error();
  return ReadProgramme(*rows);
}

Result<std::vector<StreetFunds>> Repo::Funds(Session& s, const ProgrammeQuery& q) {
  Params p;
  std::string where = " WHERE p.year = ? AND p.status IN (" + Marks(q.statuses.size()) + ")";
  p.push_back(Int(q.year));
  AddList(p, q.statuses);
  AddPrefixFilter(where, p, "p.region_code", q.prefix);
  auto rows = s.Query(
      "SELECT SUBSTR(p.region_code, 1, 9), "
      "COALESCE(SUM(CASE WHEN fe.kind = 'committed' THEN fe.amount_fen ELSE 0 END), 0), "
      "COALESCE(SUM(CASE WHEN fe.kind = 'received' THEN fe.amount_fen ELSE 0 END), 0), "
      "COALESCE(SUM(CASE WHEN fe.kind = 'paid' THEN fe.amount_fen ELSE 0 END), 0) "
      "FROM project p JOIN fund_entry fe ON fe.project_id = p.id" + where + " GROUP BY SUBSTR(p.region_code, 1, 9) ORDER BY 1",
      p);
  if (!rows) return std::move(rows).error();
  std::vector<StreetFunds> out;
  for (const auto& r : *rows) out.push_back({r.GetText(0), r.GetInt(1), r.GetInt(2), r.GetInt(3)});
  return out;
}

Result<std::vector<StreetTickets>> Repo::Tickets(Session& s, const std::string& prefix, const std::string& from_utc,
                                                 const std::string& to_utc, const std::string& now_utc) {
  // Settled at: the resolution for resolved and closed tickets, the last change for a rejection.
  const std::string settled =
      "(CASE WHEN t.status = 'rejected' THEN t.updated_at WHEN t.status IN ('resolved', 'closed') THEN t.resolved_at END)";
  Params p{Str(now_utc)};
  std::string where = " WHERE t.merged_into IS NULL AND t.received_at >= ? AND t.received_at < ?";
  p.push_back(Str(from_utc));
  p.push_back(Str(to_utc));
  AddPrefixFilter(where, p, "t.region_code", prefix);
  auto rows = s.Query(
      "SELECT SUBSTR(t.region_code, 1, 9), "
      "COALESCE(SUM(CASE WHEN t.rating IS NOT NULL THEN 1 ELSE 0 END), 0), "
      "COALESCE(SUM(CASE WHEN t.rating >= 4 THEN 1 ELSE 0 END), 0), "
      "COALESCE(SUM(CASE WHEN " + settled + " IS NOT NULL OR t.due_at < ? THEN 1 ELSE 0 END), 0), "
      "COALESCE(SUM(CASE WHEN " + settled + " <= t.due_at THEN 1 ELSE 0 END), 0) "
      "FROM ticket t" + where + " GROUP BY SUBSTR(t.region_code, 1, 9) ORDER BY 1",
      p);
  if (!rows) return std::move(rows).error();
  std::vector<StreetTickets> out;
  for (const auto& r : *rows) out.push_back({r.GetText(0), r.GetInt(1), r.GetInt(2), r.GetInt(3), r.GetInt(4)});
  return out;
}

Result<std::vector<ClosedOrderRow>> Repo::ClosedOrders(Session& s, const std::string& prefix, const std::string& from_date,
                                                       const std::string& to_date) {
  Params p{Str(from_date), Str(to_date)};
  std::string where = " WHERE status = 'closed' AND closed_on >= ? AND closed_on <= ?";
  AddPrefixFilter(where, p, "region_code", prefix);
  return MapRows<ClosedOrderRow>(
      s.Query("SELECT SUBSTR(region_code, 1, 9), issued_on, closed_on FROM rectification_order" + where, p),
      [](const Row& r) { return ClosedOrderRow{r.GetText(0), r.GetText(1), r.GetText(2)}; });
}

Result<std::vector<DutyRecord>> Repo::Duties(Session& s, const std::string& region_code) {
  return MapRows<DutyRecord>(
      s.Query("SELECT region_code, department, name_zh, name_en, task, kpis, position, updated_by, updated_at "
              "FROM assessment_duty WHERE region_code = ? ORDER BY position, department",
              {Str(region_code)}),
      [](const Row& r) {
        return DutyRecord{r.GetText(0), r.GetText(1), r.GetText(2), r.GetText(3), r.GetText(4),
                          r.GetText(5), static_cast<int>(r.GetInt(6)), r.GetInt(7), r.GetText(8)};
      });
}

Result<void> Repo::ReplaceDuties(Session& s, const std::string& region_code, const std::vector<DutyRecord>& rows) {
  if (auto d = s.Exec("DELETE FROM assessment_duty WHERE region_code = ?", {Str(region_code)}); !d) return std::move(d).error();
  for (const auto& d : rows) {
    auto r = s.Exec(
        "INSERT INTO assessment_duty (region_code, department, name_zh, name_en, task, kpis, position, updated_by, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {Str(region_code), Str(d.department), Str(d.name_zh), Str(d.name_en), Str(d.task), Str(d.kpis), Int(d.position),
         Int(d.updated_by), Str(d.updated_at)});
    if (!r) return std::move(r).error();
  }
  return Ok();
}

Result<std::int64_t> Repo::InsertMeeting(Session& s, const MeetingRecord& m) {
  return InsertReturningId(s,
                           "INSERT INTO joint_meeting (region_code, held_on, title, attendees, minutes, created_by, created_at, "
                           "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                           {Str(m.region_code), Str(m.held_on), Str(m.title), Str(m.attendees), Str(m.minutes),
                            Int(m.created_by), Str(m.created_at), Str(m.updated_at)});
}

Result<std::optional<MeetingRecord>> Repo::FindMeeting(Session& s, std::int64_t id) {
  return FirstRow<MeetingRecord>(s.Query(std::string(kMeetingSelect) + " WHERE id = ?", {Int(id)}), ReadMeeting);
}

Result<bool> Repo::UpdateMeeting(Session& s, const MeetingRecord& m) {
  auto n = s.Exec("UPDATE joint_meeting SET held_on = ?, title = ?, attendees = ?, minutes = ?, updated_at = ? WHERE id = ?",
                  {Str(m.held_on), Str(m.title), Str(m.attendees), Str(m.minutes), Str(m.updated_at), Int(m.id)});
  if (!n) return std::move(n).error();
  return *n > 0;
}

Result<std::int64_t> Repo::DeleteMeeting(Session& s, std::int64_t id) {
  if (auto a = DeleteRows(s, "meeting_action", "meeting_id", id); !a) return std::move(a).error();
  return DeleteRows(s, "joint_meeting", "id", id);
}

Result<std::vector<MeetingRecord>> Repo::ListMeetings(Session& s, const std::string& prefix, std::int64_t limit,
                                                      std::int64_t offset) {
  Params p;
  std::string where = " WHERE 1 = 1";
  AddPrefixFilter(where, p, "region_code", prefix);
  p.push_back(Int(limit));
  p.push_back(Int(offset));
  return MapRows<MeetingRecord>(
      s.Query(std::string(kMeetingSelect) + where + " ORDER BY held_on DESC, id DESC LIMIT ? OFFSET ?", p), ReadMeeting);
}

Result<std::int64_t> Repo::CountMeetings(Session& s, const std::string& prefix) {
  Params p;
  std::string where = " WHERE 1 = 1";
  AddPrefixFilter(where, p, "region_code", prefix);
  return QueryInt(s, "SELECT COUNT(*) FROM joint_meeting" + where, p);
}

Result<std::int64_t> Repo::InsertAction(Session& s, const ActionRecord& a) {
  return InsertReturningId(s,
                           "INSERT INTO meeting_action (meeting_id, region_code, text, owner, deadline, status, done_on, position, "
                           "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                           {Int(a.meeting_id), Str(a.region_code), Str(a.text), Str(a.owner), Str(a.deadline), Str(a.status),
                            OptStr(a.done_on), Int(a.position), Str(a.updated_at)});
}

Result<std::optional<ActionRecord>> Repo::FindAction(Session& s, std::int64_t id) {
  return FirstRow<ActionRecord>(s.Query(std::string(kActionSelect) + " WHERE id = ?", {Int(id)}), ReadAction);
}

Result<bool> Repo::UpdateAction(Session& s, const ActionRecord& a) {
  auto n = s.Exec("UPDATE meeting_action SET text = ?, owner = ?, deadline = ?, status = ?, done_on = ?, updated_at = ? WHERE id = ?",
                  {Str(a.text), Str(a.owner), Str(a.deadline), Str(a.status), OptStr(a.done_on), Str(a.updated_at), Int(a.id)});
  if (!n) return std::move(n).error();
  return *n > 0;
}

Result<std::int64_t> Repo::DeleteAction(Session& s, std::int64_t id) { return DeleteRows(s, "meeting_action", "id", id); }

Result<std::vector<ActionRecord>> Repo::Actions(Session& s, std::int64_t meeting_id) {
  return MapRows<ActionRecord>(s.Query(std::string(kActionSelect) + " WHERE meeting_id = ? ORDER BY position, id", {Int(meeting_id)}),
                               ReadAction);
}

Result<std::vector<AnnualScoreRecord>> Repo::Scores(Session& s, const std::string& region_code, int year) {
  return MapRows<AnnualScoreRecord>(
      s.Query("SELECT region_code, year, indicator, mode, points, note, updated_by, updated_at FROM annual_score "
              "WHERE region_code = ? AND year = ? ORDER BY indicator",
              {Str(region_code), Int(year)}),
      [](const Row& r) {
        return AnnualScoreRecord{r.GetText(0), static_cast<int>(r.GetInt(1)), r.GetText(2), r.GetText(3),
                                 r.GetOptInt(4), r.GetText(5), r.GetInt(6), r.GetText(7)};
      });
}

Result<void> Repo::PutScore(Session& s, const AnnualScoreRecord& r) {
  return Done(s.Exec(
      "INSERT INTO annual_score (region_code, year, indicator, mode, points, note, updated_by, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (region_code, year, indicator) DO UPDATE SET mode = excluded.mode, "
      "points = excluded.points, note = excluded.note, updated_by = excluded.updated_by, updated_at = excluded.updated_at",
      {Str(r.region_code), Int(r.year), Str(r.indicator), Str(r.mode), OptInt(r.points), Str(r.note), Int(r.updated_by),
       Str(r.updated_at)}));
}

}  // namespace huanxin::store
