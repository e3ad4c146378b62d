// Assessment in portable SQL (issue #15; docs/assessment.md; tables of migration 0017): read-only
// aggregates the KPIs and the monthly report are computed from — one grouped statement per group of
// figures over the whole region, grouped by street (the first 9 digits of the region code), never a
// loop per estate — and the duty matrix, joint meetings with action items and annual scores.
// Functions run in the caller's transaction and do not authorise; services do.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace huanxin::store {

// The programme's estates of one street: the year's projects at `statuses` (planned or later) whose
// estates lie under the prefix; `started` / `completed` list the statuses at or past those steps.
// An estate in two projects counts once (started when either is).
struct StreetProgramme {
  std::string street;  // 9-digit code
  std::int64_t planned = 0, started = 0, completed = 0, dwellings = 0;
};
struct ProgrammeQuery {
  std::string prefix;
  int year = 0;
  std::vector<std::string> statuses, started, completed;
};

// The funding ledger of the year's projects by street of the project's region code (a project
// registered at county level has a code of 6 digits: its money counts in the county total only).
struct StreetFunds {
  std::string street;  // first 9 digits of the project's region code (fewer when the project's code is shorter)
  std::int64_t committed_fen = 0, received_fen = 0, paid_fen = 0;
};

// Tickets received in [from, to) (UTC ISO), not merged duplicates, by street of the ticket's region.
struct StreetTickets {
  std::string street;
  std::int64_t rated = 0, satisfied = 0, due = 0, on_time = 0;
};

// A closed rectification order's dates.
struct ClosedOrderRow {
  std::string street, issued_on, closed_on;
};

struct DutyRecord {
  std::string region_code, department, name_zh, name_en, task, kpis;  // kpis comma-separated
  int position = 0;
  std::int64_t updated_by = 0;
  std::string updated_at;
};

struct MeetingRecord {
  std::int64_t id = 0;
  std::string region_code, held_on, title, attendees, minutes;  // attendees comma-separated department codes
  std::int64_t created_by = 0;
  std::string created_at, updated_at;
};

struct ActionRecord {
  std::int64_t id = 0, meeting_id = 0;
  std::string region_code, text, owner, deadline, status;  // status open | done
  std::optional<std::string> done_on;
  int position = 0;
  std::string updated_at;
};

struct AnnualScoreRecord {
  std::string region_code;
  int year = 0;
  std::string indicator, mode;  // entered | computed
  std::optional<std::int64_t> points;
  std::string note;
  std::int64_t updated_by = 0;
  std::string updated_at;
};

struct AssessmentRepository {
  // --- aggregates (one statement each) ---
  static Result<std::vector<StreetProgramme>> Programme(Session& s, const ProgrammeQuery& q);
  // As Programme, but started / completed as of `before_utc` (exclusive): from the projects'
  // transitions to `started_code` / `completed_code`, not their present status.
  static Result<std::vector<StreetProgramme>> ProgrammeAsOf(Session& s, const ProgrammeQuery& q, const std::string& started_code,
                                                            const std::string& completed_code, const std::string& before_utc);
  static Result<std::vector<StreetFunds>> Funds(Session& s, const ProgrammeQuery& q);
  // `now_utc`: a ticket not settled and due before it counts as due (and not on time).
  static Result<std::vector<StreetTickets>> Tickets(Session& s, const std::string& prefix, const std::string& from_utc,
                                                    const std::string& to_utc, const std::string& now_utc);
  // Orders closed on a date in [from, to] (inclusive), in no particular order.
  static Result<std::vector<ClosedOrderRow>> ClosedOrders(Session& s, const std::string& prefix, const std::string& from_date,
                                                          const std::string& to_date);

  // --- duty matrix ---
  static Result<std::vector<DutyRecord>> Duties(Session& s, const std::string& region_code);
  // Replaces the region's matrix with `rows` (in their order).
  static Result<void> ReplaceDuties(Session& s, const std::string& region_code, const std::vector<DutyRecord>& rows);

  // --- meetings ---
  static Result<std::int64_t> InsertMeeting(Session& s, const MeetingRecord& m);
  static Result<std::optional<MeetingRecord>> FindMeeting(Session& s, std::int64_t id);
  static Result<bool> UpdateMeeting(Session& s, const MeetingRecord& m);
  // Deletes the meeting and its action items; the number of meetings deleted.
  static Result<std::int64_t> DeleteMeeting(Session& s, std::int64_t id);
  // Newest first (held_on, then id), under the prefix.
  static Result<std::vector<MeetingRecord>> ListMeetings(Session& s, const std::string& prefix, std::int64_t limit,
                                                         std::int64_t offset);
  static Result<std::int64_t> CountMeetings(Session& s, const std::string& prefix);

  // --- action items ---
  static Result<std::int64_t> InsertAction(Session& s, const ActionRecord& a);
  static Result<std::optional<ActionRecord>> FindAction(Session& s, std::int64_t id);
  static Result<bool> UpdateAction(Session& s, const ActionRecord& a);
  static Result<std::int64_t> DeleteAction(Session& s, std::int64_t id);
  static Result<std::vector<ActionRecord>> Actions(Session& s, std::int64_t meeting_id);

  // --- annual scores ---
  static Result<std::vector<AnnualScoreRecord>> Scores(Session& s, const std::string& region_code, int year);
  static Result<void> PutScore(Session& s, const AnnualScoreRecord& r);
};

}  // namespace huanxin::store
