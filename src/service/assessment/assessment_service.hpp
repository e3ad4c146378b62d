// Assessment of streets and departments (督查考核; issue #15; docs/assessment.md): the KPIs computed
// from the data (per street and per department, each with its formula and inputs), the department
// responsibility matrix, joint meetings with action items, the annual performance evaluation
// (Jiangxi's 18 indicators, scores entered or computed, total and grade) with its self-evaluation
// report as PDF and XLSX, and the monthly upward report as XLSX.
//
// Thread safety: every member may be called from any thread (no state but references and the
// boundary setting).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "core/assessment/kpi.hpp"
#include "core/assessment/scorecard.hpp"
#include "service/platform/actor.hpp"
#include "service/platform/document.hpp"
#include "store/database.hpp"

namespace huanxin::service {

class CalendarService;

struct KpiRow {
  std::string code, name;  // the street (9 digits) or the whole region
  std::vector<core::assessment::KpiValue> kpis;
};

struct DepartmentKpiRow {
  std::string department, name_zh, name_en, task;
  std::vector<core::assessment::KpiValue> kpis;  // the region's values of the KPIs it answers for
};

struct KpiReport {
  std::string region_code, region_name;
  int year = 0;
  KpiRow total;
  std::vector<KpiRow> streets;
  std::vector<DepartmentKpiRow> departments;
};

struct DutyView {
  std::string department, name_zh, name_en, task;
  std::vector<core::assessment::Kpi> kpis;
};
struct DutyMatrix {
  std::string region_code;
  bool is_default = false;  // nothing stored yet: the matrix read from the issue
  std::vector<DutyView> duties;
  std::string updated_at;
};

struct ActionView {
  std::int64_t id = 0, meeting_id = 0;
  std::string text, owner, deadline;
  core::assessment::ActionStatus status = core::assessment::ActionStatus::kOpen;
  std::optional<std::string> done_on;
};

struct MeetingView {
  std::int64_t id = 0;
  std::string region_code, held_on, title, minutes;
  std::vector<std::string> attendees;
  std::vector<ActionView> actions;
  std::string created_at, updated_at;
};

struct MeetingPage {
  std::vector<MeetingView> items;
  std::int64_t total = 0, page = 1, page_size = 20;
};

struct MeetingInput {
  std::optional<std::string> region_code;  // default: the caller's scope
  std::string held_on, title, minutes;
  std::vector<std::string> attendees;
};

struct MeetingActionInput {
  std::string text, owner, deadline;
  std::optional<std::string> status;  // open | done (updates)
};

struct IndicatorScoreView {
  const core::assessment::Indicator* indicator = nullptr;
  std::string mode;                    // entered | computed | none
  std::optional<std::int64_t> points;  // hundredths
  std::optional<std::int64_t> kpi_value;
  std::string note;
};

struct AnnualEvaluationView {
  std::string region_code, region_name;
  int year = 0;
  std::vector<IndicatorScoreView> indicators;
  core::assessment::Totals totals;
  std::string boundary;
};

struct AnnualScoreInput {
  std::string mode;                    // entered | computed
  std::optional<std::int64_t> points;  // hundredths, for entered
  std::string note;
};

class AssessmentService {
 public:
  AssessmentService(store::Database& db, const Clock& clock, CalendarService& calendar, core::evaluation::Boundary boundary)
      : db_(db), clock_(clock), calendar_(calendar), boundary_(boundary) {}

  // assessment:read; the region must be a 2-, 4-, 6- or 9-digit code inside the scope (default:
  // the scope); year 2000–2100 (default: this year, Beijing). A few grouped statements per KPI
  // group over the region, grouped by street.
  Result<KpiReport> Kpis(const Actor& actor, const std::optional<std::string>& region_code, std::optional<std::int64_t> year);

  Result<DutyMatrix> Duties(const Actor& actor, const std::optional<std::string>& region_code);
  // assessment:write; replaces the region's matrix.
  Result<DutyMatrix> PutDuties(const Actor& actor, const std::optional<std::string>& region_code,
                               const std::vector<DutyView>& duties);

  Result<MeetingPage> Meetings(const Actor& actor, const std::optional<std::string>& region_code, std::int64_t page,
                               std::int64_t page_size);
  Result<MeetingView> Meeting(const Actor& actor, std::int64_t id);
  Result<MeetingView> CreateMeeting(const Actor& actor, const MeetingInput& in, const std::vector<MeetingActionInput>& actions);
  Result<MeetingView> UpdateMeeting(const Actor& actor, std::int64_t id, const MeetingInput& in);
  Result<void> DeleteMeeting(const Actor& actor, std::int64_t id);
  Result<ActionView> AddAction(const Actor& actor, std::int64_t meeting_id, const MeetingActionInput& in);
  Result<ActionView> UpdateAction(const Actor& actor, std::int64_t action_id, const MeetingActionInput& in);
  Result<void> DeleteAction(const Actor& actor, std::int64_t action_id);

  Result<AnnualEvaluationView> Evaluation(const Actor& actor, const std::optional<std::string>& region_code, std::int64_t year);
  Result<AnnualEvaluationView> PutScore(const Actor& actor, const std::optional<std::string>& region_code, std::int64_t year,
                                  const std::string& indicator, const AnnualScoreInput& in);
  Result<Document> SelfEvaluationPdf(const Actor& actor, const std::optional<std::string>& region_code, std::int64_t year);
  Result<Document> SelfEvaluationXlsx(const Actor& actor, const std::optional<std::string>& region_code, std::int64_t year);

  // The monthly upward report of `month` ("YYYY-MM", default this month): the year's programme
  // with started / completed as of the month's end (Beijing), by street, and the total.
  Result<Document> MonthlyXlsx(const Actor& actor, const std::optional<std::string>& region_code,
                               const std::optional<std::string>& month);

 private:
  struct Region {
    std::string code, name;
  };
  Result<Region> ResolveRegion(const Actor& actor, const std::optional<std::string>& region_code, std::string_view perm) const;
  Result<int> ResolveYear(std::optional<std::int64_t> year) const;
  Result<KpiReport> ComputeKpis(store::Session& s, const Region& r, int year) const;
  Result<AnnualEvaluationView> ComputeEvaluation(store::Session& s, const Region& r, int year) const;
  Result<MeetingView> LoadMeeting(store::Session& s, std::int64_t id) const;
  Result<DutyMatrix> LoadDuties(store::Session& s, const std::string& region_code) const;
  Result<Document> SelfEvaluation(const Actor& actor, const std::optional<std::string>& region_code, std::int64_t year, bool pdf);

  store::Database& db_;
  const Clock& clock_;
  CalendarService& calendar_;
  core::evaluation::Boundary boundary_;
};

}  // namespace huanxin::service
