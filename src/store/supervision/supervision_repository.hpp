// The supervision context's rows (migration 0012; issue #14): responsible units, the roster,
// the checklist, inspections and findings, rectification orders and their history, and the
// quality register read from the steps and the project's units. Functions run in the caller's
// transaction and do not authorise.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "store/database.hpp"

namespace huanxin::store {

struct ResponsibleUnitRecord {
  std::int64_t id = 0;
  std::string region_code, company, kind, credit_code, contact, phone, created_at;
  std::vector<std::int64_t> user_ids;  // the accounts that work for it (responsible_unit_member)
};

struct SupervisorRecord {
  std::int64_t id = 0;
  std::string region_code, name, role, phone, background;
  std::optional<std::int64_t> user_id;
  std::string created_at;
  std::vector<std::int64_t> estate_ids, project_ids;
};

struct ChecklistItemRecord {
  std::string code, name_zh, name_en;
  int position = 0;
};

struct FindingRecord {
  std::int64_t id = 0, inspection_id = 0;
  std::string region_code, item_code, text;
  std::vector<std::int64_t> photo_file_ids;
  int position = 0;
};

struct InspectionRecord {
  std::int64_t id = 0, project_id = 0;
  std::string region_code;
  std::optional<std::string> step_code, client_id;
  std::string inspected_at;
  std::optional<std::int64_t> lat_micro, lng_micro;
  std::string place, note;
  std::int64_t inspected_by = 0;
  std::string inspected_by_name, created_at;
  std::vector<FindingRecord> findings;
};

struct RectificationRecord {
  std::int64_t id = 0, project_id = 0;
  std::string region_code;
  std::int64_t unit_id = 0;
  std::string unit_company, unit_kind;  // read only
  std::optional<std::int64_t> finding_id;
  std::optional<std::string> step_code, item_code;
  std::string finding;
  std::vector<std::int64_t> photo_file_ids;
  std::string issued_on;
  int working_days = 0;
  std::string due_on, status;
  int level = 0, reworks = 0;
  std::optional<std::string> reply_note;
  std::vector<std::int64_t> reply_photo_file_ids;
  std::optional<std::string> replied_at, closed_on, closed_at;
  std::int64_t issued_by = 0;
  std::string issued_by_name, created_at;  // name: read only
};

struct RectificationEventRecord {
  std::int64_t id = 0, order_id = 0;
  std::string region_code, kind;
  std::optional<int> level;
  std::string note;
  std::vector<std::int64_t> photo_file_ids;
  std::optional<std::string> step_code;
  std::optional<std::int64_t> by_user;
  std::string by_name, created_at;  // name: read only
};

struct RectificationFilter {
  std::string region_prefix;
  std::optional<std::string> status;  // open | replied | closed
  std::optional<int> level;
  std::optional<std::int64_t> project_id, unit_id;
  // Overdue on this day: not closed and due before it (the list's status=overdue).
  std::optional<std::string> overdue_on;
  std::int64_t limit = 0, offset = 0;  // limit 0: every matching order
};

// Orders under a filter counted by state (the workbench line).
struct RectificationCounts {
  std::int64_t open = 0, replied = 0, overdue = 0, street_level = 0, bureau_level = 0;
};

// A democratic supervision day (民主监督日) and its action items.
struct SupervisionActionRecord {
  std::int64_t id = 0, day_id = 0;
  std::string region_code, text, owner, due_on, status;  // status open | done
  int position = 0;
};

struct SupervisionDayRecord {
  std::int64_t id = 0, project_id = 0;
  std::string region_code, held_on;
  std::vector<std::string> attendees;  // stored one per line
  std::string minutes;
  std::int64_t created_by = 0;
  std::string created_by_name, created_at;  // name: read only
  std::vector<SupervisionActionRecord> actions;
};

// One line of the lifetime quality register: a step of a project (or a budget item without steps:
// step_code and step_name empty) and a participating company.
struct QualityRegisterRow {
  std::int64_t project_id = 0;
  std::string project_name, region_code, step_code, step_name;
  std::optional<std::string> item_code, item_name;
  std::optional<std::int64_t> estate_id;
  std::string role, company, credit_code, contact, phone;
};

class SupervisionRepository {
 public:
  static Result<std::int64_t> InsertUnit(Session& s, const ResponsibleUnitRecord& u);
  static Result<std::optional<ResponsibleUnitRecord>> FindUnit(Session& s, std::int64_t id);
  // Units whose region starts with `prefix` or is an ancestor of it ("" = all), by company.
  static Result<std::vector<ResponsibleUnitRecord>> Units(Session& s, const std::string& prefix);

  // The units `user_id` works for, by id.
  static Result<std::vector<std::int64_t>> UnitsOfUser(Session& s, std::int64_t user_id);

  static Result<std::int64_t> InsertSupervisor(Session& s, const SupervisorRecord& r);
  static Result<std::vector<SupervisorRecord>> Supervisors(Session& s, const std::string& prefix);

  static Result<std::vector<ChecklistItemRecord>> Checklist(Session& s);

  // The inspection and its findings (positions as given).
  static Result<std::int64_t> InsertInspection(Session& s, const InspectionRecord& r);
  static Result<std::optional<InspectionRecord>> FindInspection(Session& s, std::int64_t id);
  static Result<std::optional<InspectionRecord>> FindInspectionByClientId(Session& s, std::int64_t project_id,
                                                                          const std::string& client_id);
  static Result<std::vector<InspectionRecord>> Inspections(Session& s, std::int64_t project_id);
  // A finding with its inspection's project id.
  static Result<std::optional<std::pair<FindingRecord, std::int64_t>>> FindFinding(Session& s, std::int64_t id);

  static Result<std::int64_t> InsertOrder(Session& s, const RectificationRecord& r);
  static Result<std::optional<RectificationRecord>> FindOrder(Session& s, std::int64_t id);
  // Newest first.
  static Result<std::vector<RectificationRecord>> Orders(Session& s, const RectificationFilter& f);
  // How many orders match `f` (limit and offset ignored).
  static Result<std::int64_t> CountOrders(Session& s, const RectificationFilter& f);
  // The workbench counts of the pending orders matching `f` on `today` (overdue: due before it;
  // closed orders count in none of them).
  static Result<RectificationCounts> Counts(Session& s, const RectificationFilter& f, const std::string& today);
  // Orders under `prefix` not closed whose due_on is before `today` (escalation candidates).
  static Result<std::vector<RectificationRecord>> OverdueCandidates(Session& s, const std::string& prefix,
                                                                    const std::string& today);
  // Writes status, level, reworks, the reply and the closing of `r`.
  static Result<void> UpdateOrder(Session& s, const RectificationRecord& r);
  // Raises the order's escalation level to `level` unless it already reached it: whether this call
  // raised it (two requests observing the same day record it once).
  static Result<bool> RaiseLevel(Session& s, std::int64_t id, int level);
  static Result<std::int64_t> InsertEvent(Session& s, const RectificationEventRecord& e);
  static Result<std::vector<RectificationEventRecord>> Events(Session& s, std::int64_t order_id);

  // The day and its action items (positions as given).
  static Result<std::int64_t> InsertDay(Session& s, const SupervisionDayRecord& d);
  // The project's days, latest first, with their action items.
  static Result<std::vector<SupervisionDayRecord>> Days(Session& s, std::int64_t project_id);
  // An action item with its day's project id.
  static Result<std::optional<std::pair<SupervisionActionRecord, std::int64_t>>> FindAction(Session& s, std::int64_t id);
  static Result<void> SetActionStatus(Session& s, std::int64_t id, const std::string& status);

  // The register of `project_id` (every step, and every budget item without steps, × the project's
  // design, construction and supervision units), narrowed to `item_code` and to rows whose step, company or contact contains `q`.
  static Result<std::vector<QualityRegisterRow>> QualityRegister(Session& s, std::int64_t project_id,
                                                                 const std::optional<std::string>& item_code,
                                                                 const std::optional<std::string>& q);
};

}  // namespace huanxin::store
