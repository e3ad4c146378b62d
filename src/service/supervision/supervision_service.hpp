// Supervision and rectification (issue #14 "Supervision and rectification"; docs/supervision.md;
// core/supervision for the deadline, escalation and score rules): responsible units, the roster of
// volunteer supervisors, inspections with findings from the phone (idempotent by clientId),
// rectification orders (issue → reply → re-inspection → closed, or rework), escalation (督办)
// observed on reads and writes and audited, contractors' scores, and the lifetime quality register.
//
// Every project-bound call reads its project through ProjectForConstruction
// (construction/access.hpp) with a supervision permission: the scope and, for supervisors,
// contractors and utilities, their estate or project assignments. Writes run in one transaction
// with their audit entry. Dates are Beijing dates from the injected Clock.
//
// Thread safety: every member may be called from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"
#include "core/supervision/rectification.hpp"
#include "service/calendar/calendar_service.hpp"
#include "service/file/file_service.hpp"
#include "service/platform/actor.hpp"
#include "store/database.hpp"
#include "store/supervision/supervision_repository.hpp"

namespace huanxin::service {

struct SupervisionSettings {
  int bureau_escalation_working_days = 3;  // supervision.bureau_escalation_working_days
  core::supervision::ScoreWeights weights;  // supervision.score_*_weight
};

struct ResponsibleUnitInput {
  std::string region_code, company, kind;
  std::string credit_code, contact, phone;
  std::vector<std::int64_t> user_ids;  // accounts of role contractor or utility that work for it
};

struct SupervisorInput {
  std::string region_code, name, role;
  std::string phone, background;
  std::optional<std::int64_t> user_id;
  std::vector<std::int64_t> estate_ids, project_ids;
};

struct FindingInput {
  std::string item_code, text;
  std::vector<std::int64_t> photo_file_ids;
};

struct InspectionInput {
  std::optional<std::string> step_code, client_id, inspected_at;  // inspected_at: ISO time, default now
  std::optional<std::int64_t> lat_micro, lng_micro;
  std::string place, note;
  std::vector<FindingInput> findings;
};

struct InspectionView {
  store::InspectionRecord inspection;
  bool created = true;  // false: the clientId had been sent before; this is the first inspection
};

// A democratic supervision day (民主监督日, e.g. the 10th and 20th of each month; issue #14).
struct ActionInput {
  std::string text, owner, due_on;
};

struct DayInput {
  std::string held_on, minutes;
  std::vector<std::string> attendees;
  std::vector<ActionInput> actions;
};

struct OrderInput {
  std::int64_t project_id = 0, unit_id = 0;
  std::string finding;
  std::int64_t due_in_working_days = 0;
  std::vector<std::int64_t> photo_file_ids;
  std::optional<std::int64_t> finding_id;
  std::optional<std::string> step_code, item_code;
  // Not from JSON: a paper order entered later (demo, imports); today when absent, never after it.
  std::optional<std::string> issued_on;
};

struct ReplyInput {
  std::string note;
  std::vector<std::int64_t> photo_file_ids;
};

struct RecheckInput {
  bool passed = false;
  std::string note;
  std::vector<std::int64_t> photo_file_ids;
};

struct OrderView {
  store::RectificationRecord order;
  bool overdue = false;
  std::vector<store::RectificationEventRecord> events;  // empty in lists
};

struct OrderQuery {
  std::optional<std::string> status;  // open | replied | overdue | closed
  std::optional<int> level;
  std::optional<std::string> region_code;
  std::optional<std::int64_t> project_id;
  std::int64_t limit = 0, offset = 0;  // limit 0: every order (ARCHITECTURE.md §5 pages otherwise)
};

// One page of orders and how many match in all.
struct OrderPage {
  std::vector<OrderView> items;
  std::int64_t total = 0;
};

struct UnitScore {
  store::ResponsibleUnitRecord unit;
  core::supervision::UnitRecord record;
  int score = 100;
  std::optional<std::int64_t> on_time_rate;  // hundredths of a percent
};

struct SupervisionWorkbench {
  std::int64_t open = 0, replied = 0, overdue = 0, street_level = 0, bureau_level = 0;
};

class SupervisionService {
 public:
  // Registers the read policy of the "supervision" files (finding and reply photos:
  // supervision:read).
  SupervisionService(store::Database& db, const Clock& clock, CalendarService& calendar, FileService& files,
                     SupervisionSettings settings);

  // The checklist (supervision:read).
  Result<std::vector<store::ChecklistItemRecord>> Checklist(const Actor& actor);

  // Responsible units under `region_code` (the caller's scope when absent) or registered at one of
  // its ancestors. supervision:read.
  Result<std::vector<store::ResponsibleUnitRecord>> Units(const Actor& actor, const std::optional<std::string>& region_code);
  // supervision:write in the unit's region. 422 supervision.invalid_field naming the field
  // (userIds: each an account of role contractor or utility). Audited supervision.unit.
  Result<store::ResponsibleUnitRecord> AddUnit(const Actor& actor, const ResponsibleUnitInput& in);

  Result<std::vector<store::SupervisorRecord>> Supervisors(const Actor& actor, const std::optional<std::string>& region_code);
  // supervision:write. roles: construction_supervisor | opinion_observer | policy_explainer |
  // volunteer (REFERENCE.md §4.1); userId a user of role supervisor; estates and projects inside the
  // supervisor's region. Audited supervision.supervisor.
  Result<store::SupervisorRecord> AddSupervisor(const Actor& actor, const SupervisorInput& in);

  // An inspection with its findings (supervision:inspect). The same clientId again answers the
  // first inspection (created = false) and stores nothing. Audited supervision.inspection.
  Result<InspectionView> Inspect(const Actor& actor, std::int64_t project_id, const InspectionInput& in);
  Result<std::vector<store::InspectionRecord>> Inspections(const Actor& actor, std::int64_t project_id);
  // A finding's or a reply's photo (supervision:inspect or supervision:rectify:reply on the
  // project). Audited supervision.photo.
  Result<StoredFile> AddPhoto(const Actor& actor, std::int64_t project_id, const std::string& name,
                              const std::string& bytes);

  // A supervision day with attendees, minutes and action items (supervision:inspect on the
  // project). Audited supervision.day.
  Result<store::SupervisionDayRecord> AddDay(const Actor& actor, std::int64_t project_id, const DayInput& in);
  Result<std::vector<store::SupervisionDayRecord>> Days(const Actor& actor, std::int64_t project_id);
  // Marks an action item open or done (supervision:inspect on its project). 404
  // supervision.action_not_found. Audited supervision.action.
  Result<store::SupervisionActionRecord> SetActionStatus(const Actor& actor, std::int64_t action_id, const std::string& status);

  // Issues an order (supervision:rectify:issue): dueOn from the calendar. Audited
  // supervision.rectification.issue.
  Result<OrderView> Issue(const Actor& actor, const OrderInput& in);
  // An order issued from another context's finding (an evaluation's rectification line, issue #15)
  // inside the caller's write transaction `s`, so that both stand or fall together: the rules of
  // Issue, the project read with `permission` (the caller's own, e.g. evaluation:write) and the
  // deadline counted on `calendar` (read before the transaction). The audit entry names `source`
  // (e.g. "evaluation 12"; empty for none). Returns the order's id.
  Result<std::int64_t> IssueIn(store::Session& s, const Actor& actor, const OrderInput& in,
                               const core::calendar::WorkCalendar& calendar, std::string_view permission,
                               const std::string& source);
  Result<OrderPage> Orders(const Actor& actor, const OrderQuery& q);
  Result<OrderView> Order(const Actor& actor, std::int64_t id);
  // The unit's reply (supervision:rectify:reply; an account linked to units replies only to their
  // orders: 403 supervision.not_your_unit). 409 supervision.bad_state unless open.
  Result<OrderView> Reply(const Actor& actor, std::int64_t id, const ReplyInput& in);
  // The re-inspection (supervision:rectify:issue, and the finder, a street office or an
  // administrator: 403 supervision.not_finder). 409 supervision.bad_state unless replied.
  Result<OrderView> Recheck(const Actor& actor, std::int64_t id, const RecheckInput& in);

  // Per responsible unit with orders under the region (supervision:read), best first.
  Result<std::vector<UnitScore>> Scores(const Actor& actor, const std::optional<std::string>& region_code);
  // The lifetime quality register of a project (supervision:read on the project).
  Result<std::vector<store::QualityRegisterRow>> QualityRegister(const Actor& actor, std::int64_t project_id,
                                                                 const std::optional<std::string>& item_code,
                                                                 const std::optional<std::string>& q);

  // The home page's line: nullopt without supervision:read.
  Result<std::optional<SupervisionWorkbench>> Workbench(const Actor& actor);

  // Records the escalation levels reached today by the orders under `prefix` (audited
  // supervision.rectification.escalate by the system). Runs before every read and write.
  Result<void> Escalate(const std::string& prefix);

 private:
  std::string Today() const;
  Result<std::vector<std::int64_t>> CheckPhotos(store::Session& s, const std::string& region_code,
                                                const std::vector<std::int64_t>& ids, const std::string& field);
  Result<std::vector<OrderView>> Visible(const Actor& actor, const store::RectificationFilter& f);
  // The list filter of `q` under the actor's scope; 400 http.bad_query for an unknown status or level.
  Result<store::RectificationFilter> OrderFilter(const Actor& actor, const OrderQuery& q) const;

  store::Database& db_;
  const Clock& clock_;
  CalendarService& calendar_;
  FileService& files_;
  SupervisionSettings settings_;
};

// 422 supervision.invalid_field: "field <name> is invalid: <why>", detail = the field's name.
Error SupervisionField(const std::string& field, Text why);

}  // namespace huanxin::service
