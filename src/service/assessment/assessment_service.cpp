#include "service/assessment/assessment_service.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <set>

#include "common/decimal.hpp"
#include "common/text.hpp"
#include "core/auth/role.hpp"
#include "core/project/gates.hpp"
#include "core/region/region_code.hpp"
#include "report/assessment_report.hpp"
#include "service/audit/audit_service.hpp"
#include "service/calendar/calendar_service.hpp"
#include "store/assessment/assessment_repository.hpp"
#include "store/region/region_repository.hpp"

namespace huanxin::service {

namespace {

namespace as = core::assessment;
namespace cal = core::calendar;
namespace proj = core::project;
using Repo = store::AssessmentRepository;

constexpr std::int64_t kFirstYear = 2000, kLastYear = 2100;

std::vector<std::string> StatusesFrom(proj::Status first) {
  std::vector<std::string> out;
  for (auto s : proj::kStatuses)
    if (proj::AtLeast(s, first)) out.emplace_back(proj::StatusCode(s));
  return out;
}

store::ProgrammeQuery Query(const std::string& prefix, int year) {
  // Reserve projects are candidates, not the plan (REFERENCE.md §1.4), as the programme statistics.
  return {prefix, year, StatusesFrom(proj::Status::kPlanned), StatusesFrom(proj::Status::kStarted),
          StatusesFrom(proj::Status::kCompleted)};
}

// 00:00 Beijing of a date, as stored UTC text.
std::string BeijingMidnightUtc(cal::Date d) {
  return FormatIsoUtc(TimePoint(std::chrono::sys_days{d}) - kShanghaiOffset);
}

std::vector<std::string> SplitCodes(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::string JoinCodes(const std::vector<std::string>& codes) {
  std::string out;
  for (const auto& c : codes) out += (out.empty() ? "" : ",") + c;
  return out;
}

Error BadField(const std::string& field, const std::string& zh, const std::string& en) {
  return Invalid("assessment.invalid_input", Text("输入不正确", "invalid input"), Text(field + "：" + zh, field + ": " + en),
                 Text("请检查后重新提交", "check the field and submit again"));
}

Result<void> CheckText(const std::string& field, const std::string& v, std::size_t max_chars, bool required) {
  if (required && v.empty()) return BadField(field, "不能为空", "must not be empty");
  auto n = Utf8Length(v);
  if (!n) return BadField(field, "不是有效的 UTF-8 文本", "not valid UTF-8");
  if (*n > max_chars)
    return BadField(field, "不能超过" + std::to_string(max_chars) + "字", "at most " + std::to_string(max_chars) + " characters");
  return Ok();
}

Result<cal::Date> CheckDate(const std::string& field, const std::string& v) {
  auto d = cal::ParseDate(v);
  if (!d) return BadField(field, "日期应为 YYYY-MM-DD", "a date YYYY-MM-DD");
  return *d;
}

boost::json::value J(const std::string& s) { return boost::json::string(s); }

std::string Today(const Clock& clock) { return FormatShanghai(clock.Now(), 10); }

ActionView ToView(const store::ActionRecord& a, cal::Date today) {
  ActionView v{a.id, a.meeting_id, a.text, a.owner, a.deadline, as::ActionStatus::kOpen, a.done_on};
  auto deadline = cal::ParseDate(a.deadline).value_or(today);
  v.status = as::EffectiveStatus(a.status == "done", deadline, today);
  return v;
}

std::string Rate(const std::optional<std::int64_t>& v, bool days) {
  if (!v) return "—";
  return FormatHundredths(*v) + (days ? " 个工作日" : "%");
}

std::string InputsText(const as::KpiValue& k) {
  std::string out;
  for (const auto& i : k.inputs) out += (out.empty() ? "" : "，") + i.name + "=" + std::to_string(i.value);
  return out;
}

}  // namespace

Result<AssessmentService::Region> AssessmentService::ResolveRegion(const Actor& actor, const std::optional<std::string>& region_code,
                                                                   std::string_view perm) const {
  if (auto r = RequirePermission(actor, perm); !r) return std::move(r).error();
  if (region_code && !region_code->empty()) {
    auto level = core::region::LevelOf(*region_code);
    if (!level || *level == core::region::Level::kGrid || *level == core::region::Level::kCommunity)
      return Invalid("region.invalid_code", Text("行政区划代码格式不正确", "malformed region code"), Text::Same(*region_code),
                     Text("请使用2、4、6或9位区划代码（省、市、区县、街道），或不填表示全部辖区",
                          "use a 2, 4, 6 or 9-digit code (province, city, county, street), or none for your whole scope"));
  }
  auto requested = ScopedRegionFilter(actor, region_code);
  if (!requested) return std::move(requested).error();
  Region out;
  out.code = requested->value_or(actor.scope.prefix());
  if (out.code.size() > 9) out.code = out.code.substr(0, 9);  // a community's staff: its street (read only)
  if (out.code.empty()) {
    out.name = "全国";
    return out;
  }
  auto names = store::ReadResult(db_, [&](store::Session& s) { return store::RegionRepository::FindNames(s, {out.code}); });
  if (!names) return std::move(names).error();
  auto it = names->find(out.code);
  out.name = it == names->end() ? out.code : it->second;
  return out;
}

Result<int> AssessmentService::ResolveYear(std::optional<std::int64_t> year) const {
  const std::int64_t y = year.value_or(ShanghaiYear(clock_.Now()));
  if (y < kFirstYear || y > kLastYear)
    return Invalid("assessment.invalid_year", Text("年度不正确", "invalid year"), Text::Same(std::to_string(y)),
                   Text("年度应在2000至2100之间", "the year must lie between 2000 and 2100"));
  return static_cast<int>(y);
}

Result<KpiReport> AssessmentService::ComputeKpis(store::Session& s, const Region& r, int year) const {
  const auto q = Query(r.code, year);
  auto programme = Repo::Programme(s, q);
  if (!programme) return std::move(programme).error();
  auto funds = Repo::Funds(s, q);
  if (!funds) return std::move(funds).error();
  using namespace std::chrono;
  const cal::Date first{std::chrono::year{year}, January, day{1}}, next{std::chrono::year{year + 1}, January, day{1}};
  auto tickets = Repo::Tickets(s, r.code, BeijingMidnightUtc(first), BeijingMidnightUtc(next), FormatIsoUtc(clock_.Now()));
  if (!tickets) return std::move(tickets).error();
  auto orders = Repo::ClosedOrders(s, r.code, cal::FormatDate(first), cal::FormatDate(cal::Date{sys_days{next} - days{1}}));
  if (!orders) return std::move(orders).error();

  // Counts per street (9-digit codes only) and for the whole region (every row).
  std::map<std::string, as::KpiCounts> streets;
  as::KpiCounts total;
  auto street_of = [&](const std::string& code) -> as::KpiCounts* {
    if (code.size() != 9) return nullptr;  // money or orders of a project registered at county level
    return &streets[code];
  };
  for (const auto& p : *programme) {
    for (auto* c : {&total, street_of(p.street)}) {
      if (!c) continue;
      c->planned += p.planned;
      c->started += p.started;
      c->completed += p.completed;
    }
  }
  for (const auto& f : *funds)
    for (auto* c : {&total, street_of(f.street)}) {
      if (!c) continue;
      c->received_fen += f.received_fen;
      c->paid_fen += f.paid_fen;
    }
  for (const auto& t : *tickets)
    for (auto* c : {&total, street_of(t.street)}) {
      if (!c) continue;
      c->rated += t.rated;
      c->satisfied += t.satisfied;
      c->due += t.due;
      c->on_time += t.on_time;
    }
  if (!orders->empty()) {
    auto calendar = calendar_.Current();
    if (!calendar) return std::move(calendar).error();
    for (const auto& o : *orders) {
      auto from = cal::ParseDate(o.issued_on), to = cal::ParseDate(o.closed_on);
      if (!from || !to) continue;
      auto n = as::WorkingDaysBetween(**calendar, *from, *to);
      if (!n) return std::move(n).error();
      for (auto* c : {&total, street_of(o.street)}) {
        if (!c) continue;
        c->closed_orders += 1;
        c->closure_working_days += *n;
      }
    }
  }

  KpiReport out;
  out.region_code = r.code;
  out.region_name = r.name;
  out.year = year;
  out.total = {r.code, r.name, as::ComputeAll(total)};
  std::vector<std::string> codes;
  for (const auto& [code, c] : streets) codes.push_back(code);
  auto names = store::RegionRepository::FindNames(s, codes);
  if (!names) return std::move(names).error();
  for (const auto& [code, c] : streets) {
    auto it = names->find(code);
    out.streets.push_back({code, it == names->end() ? code : it->second, as::ComputeAll(c)});
  }
  // A department's row: the region's value of each KPI it answers for (the duty matrix).
  auto duties = LoadDuties(s, r.code);
  if (!duties) return std::move(duties).error();
  for (const auto& d : duties->duties) {
    DepartmentKpiRow row{d.department, d.name_zh, d.name_en, d.task, {}};
    for (auto k : d.kpis)
      for (const auto& v : out.total.kpis)
        if (v.kpi == k) row.kpis.push_back(v);
    out.departments.push_back(std::move(row));
  }
  return out;
}

Result<KpiReport> AssessmentService::Kpis(const Actor& actor, const std::optional<std::string>& region_code,
                                          std::optional<std::int64_t> year) {
  auto r = ResolveRegion(actor, region_code, core::auth::perm::kAssessmentRead);
  if (!r) return std::move(r).error();
  auto y = ResolveYear(year);
  if (!y) return std::move(y).error();
  return store::ReadResult(db_, [&](store::Session& s) { return ComputeKpis(s, *r, *y); });
}

Result<DutyMatrix> AssessmentService::LoadDuties(store::Session& s, const std::string& region_code) const {
  // The matrix of the region or of its nearest ancestor that has one; the default otherwise.
  for (std::size_t n = region_code.size();; n = n > 6 ? 6 : n > 4 ? 4 : n > 2 ? 2 : 0) {
    auto rows = Repo::Duties(s, region_code.substr(0, n));
    if (!rows) return std::move(rows).error();
    if (!rows->empty()) {
      DutyMatrix m{region_code.substr(0, n), false, {}, ""};
      for (const auto& d : *rows) {
        DutyView v{d.department, d.name_zh, d.name_en, d.task, {}};
        for (const auto& c : SplitCodes(d.kpis))
          if (auto k = as::ParseKpi(c)) v.kpis.push_back(*k);
        m.updated_at = std::max(m.updated_at, d.updated_at);
        m.duties.push_back(std::move(v));
      }
      return m;
    }
    if (n == 0) break;
  }
  DutyMatrix m{region_code, true, {}, ""};
  for (const auto& d : as::DefaultDuties()) m.duties.push_back({d.department, d.name_zh, d.name_en, d.task, d.kpis});
  return m;
}

Result<DutyMatrix> AssessmentService::Duties(const Actor& actor, const std::optional<std::string>& region_code) {
  auto r = ResolveRegion(actor, region_code, core::auth::perm::kAssessmentRead);
  if (!r) return std::move(r).error();
  return store::ReadResult(db_, [&](store::Session& s) { return LoadDuties(s, r->code); });
}

Result<DutyMatrix> AssessmentService::PutDuties(const Actor& actor, const std::optional<std::string>& region_code,
                                                const std::vector<DutyView>& duties) {
  auto r = ResolveRegion(actor, region_code, core::auth::perm::kAssessmentWrite);
  if (!r) return std::move(r).error();
  if (duties.size() > 50) return BadField("duties", "最多50个部门", "at most 50 departments");
  std::set<std::string> seen;
  for (const auto& d : duties) {
    if (auto v = as::ValidateDuty({d.department, d.name_zh, d.name_en, d.task, d.kpis}); !v) return std::move(v).error();
    if (!seen.insert(d.department).second) return BadField("duties", "部门重复：" + d.department, "department twice: " + d.department);
  }
  const auto now = FormatIsoUtc(clock_.Now());
  return store::WriteResult(db_, [&](store::Session& s) -> Result<DutyMatrix> {
    std::vector<store::DutyRecord> rows;
    int pos = 0;
    for (const auto& d : duties) {
      std::vector<std::string> codes;
      for (auto k : d.kpis) codes.emplace_back(as::KpiCode(k));
      rows.push_back({r->code, d.department, d.name_zh, d.name_en, d.task, JoinCodes(codes), pos++, actor.user_id, now});
    }
    if (auto w = Repo::ReplaceDuties(s, r->code, rows); !w) return std::move(w).error();
    Changes ch;
    ch.Set("departments", nullptr, static_cast<std::int64_t>(rows.size()));
    if (auto a = RecordAudit(s, clock_, actor, "assessment.duties", "assessment_duty", r->code, r->code, ch); !a)
      return std::move(a).error();
    return LoadDuties(s, r->code);
  });
}

Result<MeetingView> AssessmentService::LoadMeeting(store::Session& s, std::int64_t id) const {
  auto m = Repo::FindMeeting(s, id);
  if (!m) return std::move(m).error();
  if (!*m) return NotFound("assessment.meeting_not_found", Text("联席会议不存在", "no such joint meeting"));
  const auto& rec = **m;
  MeetingView v{rec.id, rec.region_code, rec.held_on, rec.title, rec.minutes, SplitCodes(rec.attendees), {}, rec.created_at,
                rec.updated_at};
  auto actions = Repo::Actions(s, id);
  if (!actions) return std::move(actions).error();
  const auto today = *cal::ParseDate(Today(clock_));
  for (const auto& a : *actions) v.actions.push_back(ToView(a, today));
  return v;
}

namespace {
Result<void> CheckMeeting(const MeetingInput& in) {
  if (auto d = CheckDate("heldOn", in.held_on); !d) return std::move(d).error();
  if (auto t = CheckText("title", in.title, 200, true); !t) return t;
  if (auto t = CheckText("minutes", in.minutes, 20000, false); !t) return t;
  if (in.attendees.size() > 50) return BadField("attendees", "最多50个", "at most 50");
  for (const auto& a : in.attendees)
    if (auto t = CheckText("attendees", a, 64, true); !t) return t;
  return Ok();
}
Result<void> CheckAction(const MeetingActionInput& in) {
  if (auto t = CheckText("text", in.text, 2000, true); !t) return t;
  if (auto t = CheckText("owner", in.owner, 64, true); !t) return t;
  if (auto d = CheckDate("deadline", in.deadline); !d) return std::move(d).error();
  if (in.status && *in.status != "open" && *in.status != "done") return BadField("status", "应为 open 或 done", "open or done");
  return Ok();
}
}  // namespace

Result<MeetingPage> AssessmentService::Meetings(const Actor& actor, const std::optional<std::string>& region_code,
                                                std::int64_t page, std::int64_t page_size) {
  if (auto p = RequirePermission(actor, core::auth::perm::kAssessmentRead); !p) return std::move(p).error();
  auto requested = ScopedRegionFilter(actor, region_code);
  if (!requested) return std::move(requested).error();
  const auto prefix = requested->value_or(actor.scope.prefix());
  return store::ReadResult(db_, [&](store::Session& s) -> Result<MeetingPage> {
    MeetingPage out;
    out.page = page;
    out.page_size = page_size;
    auto total = Repo::CountMeetings(s, prefix);
    if (!total) return std::move(total).error();
    out.total = *total;
    auto rows = Repo::ListMeetings(s, prefix, page_size, (page - 1) * page_size);
    if (!rows) return std::move(rows).error();
    for (const auto& m : *rows) {
      auto v = LoadMeeting(s, m.id);
      if (!v) return std::move(v).error();
      out.items.push_back(std::move(*v));
    }
    return out;
  });
}

Result<MeetingView> AssessmentService::Meeting(const Actor& actor, std::int64_t id) {
  if (auto p = RequirePermission(actor, core::auth::perm::kAssessmentRead); !p) return std::move(p).error();
  return store::ReadResult(db_, [&](store::Session& s) -> Result<MeetingView> {
    auto v = LoadMeeting(s, id);
    if (!v) return v;
    if (auto in = RequireInScope(actor, v->region_code); !in) return std::move(in).error();
    return v;
  });
}

Result<MeetingView> AssessmentService::CreateMeeting(const Actor& actor, const MeetingInput& in,
                                                     const std::vector<MeetingActionInput>& actions) {
  if (auto p = RequirePermission(actor, core::auth::perm::kAssessmentWrite); !p) return std::move(p).error();
  const auto region = in.region_code.value_or(actor.scope.prefix());
  if (auto level = core::region::LevelOf(region); !region.empty() && !level)
    return Invalid("region.invalid_code", Text("行政区划代码格式不正确", "malformed region code"), Text::Same(region));
  if (auto sc = RequireInScope(actor, region); !sc) return std::move(sc).error();
  if (auto c = CheckMeeting(in); !c) return std::move(c).error();
  if (actions.size() > 100) return BadField("actions", "最多100项", "at most 100");
  for (const auto& a : actions)
    if (auto c = CheckAction(a); !c) return std::move(c).error();
  const auto now = FormatIsoUtc(clock_.Now());
  return store::WriteResult(db_, [&](store::Session& s) -> Result<MeetingView> {
    auto id = Repo::InsertMeeting(s, {0, region, in.held_on, in.title, JoinCodes(in.attendees), in.minutes, actor.user_id, now, now});
    if (!id) return std::move(id).error();
    int pos = 0;
    for (const auto& a : actions) {
      const auto status = a.status.value_or("open");
      auto aid = Repo::InsertAction(s, {0, *id, region, a.text, a.owner, a.deadline, status,
                                        status == "done" ? std::optional<std::string>(Today(clock_)) : std::nullopt, pos++, now});
      if (!aid) return std::move(aid).error();
    }
    Changes ch;
    ch.Set("title", nullptr, J(in.title)).Set("heldOn", nullptr, J(in.held_on)).Set("actions", nullptr, static_cast<std::int64_t>(actions.size()));
    if (auto r = RecordAudit(s, clock_, actor, "assessment.meeting_create", "joint_meeting", std::to_string(*id), region, ch); !r)
      return std::move(r).error();
    return LoadMeeting(s, *id);
  });
}

Result<MeetingView> AssessmentService::UpdateMeeting(const Actor& actor, std::int64_t id, const MeetingInput& in) {
  if (auto p = RequirePermission(actor, core::auth::perm::kAssessmentWrite); !p) return std::move(p).error();
  if (auto c = CheckMeeting(in); !c) return std::move(c).error();
  return store::WriteResult(db_, [&](store::Session& s) -> Result<MeetingView> {
    auto m = Repo::FindMeeting(s, id);
    if (!m) return std::move(m).error();
    if (!*m) return NotFound("assessment.meeting_not_found", Text("联席会议不存在", "no such joint meeting"));
    if (auto sc = RequireInScope(actor, (*m)->region_code); !sc) return std::move(sc).error();
    auto rec = **m;
    Changes ch;
    ch.Set("title", J(rec.title), J(in.title)).Set("heldOn", J(rec.held_on), J(in.held_on));
    rec.held_on = in.held_on;
    rec.title = in.title;
    rec.minutes = in.minutes;
    rec.attendees = JoinCodes(in.attendees);
    rec.updated_at = FormatIsoUtc(clock_.Now());
    if (auto u = Repo::UpdateMeeting(s, rec); !u) return std::move(u).error();
    if (auto r = RecordAudit(s, clock_, actor, "assessment.meeting_update", "joint_meeting", std::to_string(id), rec.region_code, ch); !r)
      return std::move(r).error();
    return LoadMeeting(s, id);
  });
}

Result<void> AssessmentService::DeleteMeeting(const Actor& actor, std::int64_t id) {
  if (auto p = RequirePermission(actor, core::auth::perm::kAssessmentWrite); !p) return std::move(p).error();
  return db_.Write([&](store::Session& s) -> Result<void> {
    auto m = Repo::FindMeeting(s, id);
    if (!m) return std::move(m).error();
    if (!*m) return NotFound("assessment.meeting_not_found", Text("联席会议不存在", "no such joint meeting"));
    if (auto sc = RequireInScope(actor, (*m)->region_code); !sc) return std::move(sc).error();
    if (auto d = Repo::DeleteMeeting(s, id); !d) return std::move(d).error();
    Changes ch;
    ch.Set("title", J((*m)->title), nullptr);
    return RecordAudit(s, clock_, actor, "assessment.meeting_delete", "joint_meeting", std::to_string(id), (*m)->region_code, ch);
  });
}

Result<ActionView> AssessmentService::AddAction(const Actor& actor, std::int64_t meeting_id, const MeetingActionInput& in) {
  if (auto p = RequirePermission(actor, core::auth::perm::kAssessmentWrite); !p) return std::move(p).error();
  if (auto c = CheckAction(in); !c) return std::move(c).error();
  return store::WriteResult(db_, [&](store::Session& s) -> Result<ActionView> {
    auto m = Repo::FindMeeting(s, meeting_id);
    if (!m) return std::move(m).error();
    if (!*m) return NotFound("assessment.meeting_not_found", Text("联席会议不存在", "no such joint meeting"));
    if (auto sc = RequireInScope(actor, (*m)->region_code); !sc) return std::move(sc).error();
    auto existing = Repo::Actions(s, meeting_id);
    if (!existing) return std::move(existing).error();
    const auto now = FormatIsoUtc(clock_.Now());
    const auto status = in.status.value_or("open");
    store::ActionRecord rec{0, meeting_id, (*m)->region_code, in.text, in.owner, in.deadline, status,
                            status == "done" ? std::optional<std::string>(Today(clock_)) : std::nullopt,
                            static_cast<int>(existing->size()), now};
    auto id = Repo::InsertAction(s, rec);
    if (!id) return std::move(id).error();
    rec.id = *id;
    Changes ch;
    ch.Set("owner", nullptr, J(in.owner)).Set("deadline", nullptr, J(in.deadline));
    if (auto r = RecordAudit(s, clock_, actor, "assessment.action_create", "meeting_action", std::to_string(*id), rec.region_code, ch); !r)
      return std::move(r).error();
    return ToView(rec, *cal::ParseDate(Today(clock_)));
  });
}

Result<ActionView> AssessmentService::UpdateAction(const Actor& actor, std::int64_t action_id, const MeetingActionInput& in) {
  if (auto p = RequirePermission(actor, core::auth::perm::kAssessmentWrite); !p) return std::move(p).error();
  if (auto c = CheckAction(in); !c) return std::move(c).error();
  return store::WriteResult(db_, [&](store::Session& s) -> Result<ActionView> {
    auto a = Repo::FindAction(s, action_id);
    if (!a) return std::move(a).error();
    if (!*a) return NotFound("assessment.action_not_found", Text("督办事项不存在", "no such action item"));
    if (auto sc = RequireInScope(actor, (*a)->region_code); !sc) return std::move(sc).error();
    auto rec = **a;
    Changes ch;
    const auto status = in.status.value_or(rec.status);
    ch.Set("status", J(rec.status), J(status)).Set("deadline", J(rec.deadline), J(in.deadline));
    if (status == "done" && rec.status != "done") rec.done_on = Today(clock_);
    if (status == "open") rec.done_on.reset();
    rec.text = in.text;
    rec.owner = in.owner;
    rec.deadline = in.deadline;
    rec.status = status;
    rec.updated_at = FormatIsoUtc(clock_.Now());
    if (auto u = Repo::UpdateAction(s, rec); !u) return std::move(u).error();
    if (auto r = RecordAudit(s, clock_, actor, "assessment.action_update", "meeting_action", std::to_string(action_id), rec.region_code, ch); !r)
      return std::move(r).error();
    return ToView(rec, *cal::ParseDate(Today(clock_)));
  });
}

Result<void> AssessmentService::DeleteAction(const Actor& actor, std::int64_t action_id) {
  if (auto p = RequirePermission(actor, core::auth::perm::kAssessmentWrite); !p) return std::move(p).error();
  return db_.Write([&](store::Session& s) -> Result<void> {
    auto a = Repo::FindAction(s, action_id);
    if (!a) return std::move(a).error();
    if (!*a) return NotFound("assessment.action_not_found", Text("督办事项不存在", "no such action item"));
    if (auto sc = RequireInScope(actor, (*a)->region_code); !sc) return std::move(sc).error();
    if (auto d = Repo::DeleteAction(s, action_id); !d) return std::move(d).error();
    Changes ch;
    ch.Set("text", J((*a)->text), nullptr);
    return RecordAudit(s, clock_, actor, "assessment.action_delete", "meeting_action", std::to_string(action_id), (*a)->region_code, ch);
  });
}

Result<AnnualEvaluationView> AssessmentService::ComputeEvaluation(store::Session& s, const Region& r, int year) const {
  auto stored = Repo::Scores(s, r.code, year);
  if (!stored) return std::move(stored).error();
  auto kpis = ComputeKpis(s, r, year);
  if (!kpis) return std::move(kpis).error();
  // 上年计划完工 is last year's plan: its completion rate comes from the previous year's programme.
  auto last = ComputeKpis(s, r, year - 1);
  if (!last) return std::move(last).error();
  auto kpi_value = [&](as::Kpi k) -> std::optional<std::int64_t> {
    const auto& source = k == as::Kpi::kCompletionRate ? last->total.kpis : kpis->total.kpis;
    for (const auto& v : source)
      if (v.kpi == k) return v.value;
    return std::nullopt;
  };
  AnnualEvaluationView out;
  out.region_code = r.code;
  out.region_name = r.name;
  out.year = year;
  out.boundary = std::string(core::evaluation::BoundaryName(boundary_));
  std::vector<as::IndicatorScore> scores;
  for (const auto& ind : as::JiangxiIndicators()) {
    IndicatorScoreView v;
    v.indicator = &ind;
    if (ind.kpi) v.kpi_value = kpi_value(*ind.kpi);
    const store::AnnualScoreRecord* rec = nullptr;
    for (const auto& x : *stored)
      if (x.indicator == ind.code) rec = &x;
    // Unstored: computed where a KPI maps, else not scored yet.
    v.mode = rec ? rec->mode : (ind.kpi ? "computed" : "none");
    if (rec) v.note = rec->note;
    if (v.mode == "entered" && rec) v.points = rec->points;
    if (v.mode == "computed") v.points = as::PointsFromKpi(ind, v.kpi_value);
    if (v.points) scores.push_back({ind.code, *v.points, v.mode == "computed"});
    out.indicators.push_back(std::move(v));
  }
  out.totals = as::TotalAndGrade(scores, boundary_);
  return out;
}

Result<AnnualEvaluationView> AssessmentService::Evaluation(const Actor& actor, const std::optional<std::string>& region_code,
                                                     std::int64_t year) {
  auto r = ResolveRegion(actor, region_code, core::auth::perm::kAssessmentRead);
  if (!r) return std::move(r).error();
  auto y = ResolveYear(year);
  if (!y) return std::move(y).error();
  return store::ReadResult(db_, [&](store::Session& s) { return ComputeEvaluation(s, *r, *y); });
}

Result<AnnualEvaluationView> AssessmentService::PutScore(const Actor& actor, const std::optional<std::string>& region_code,
                                                   std::int64_t year, const std::string& indicator, const AnnualScoreInput& in) {
  auto r = ResolveRegion(actor, region_code, core::auth::perm::kAssessmentWrite);
  if (!r) return std::move(r).error();
  auto y = ResolveYear(year);
  if (!y) return std::move(y).error();
  const auto* ind = as::FindIndicator(indicator);
  if (!ind) return NotFound("assessment.indicator_not_found", Text("指标不存在（应为 I01–I18）", "no such indicator (I01–I18)"));
  if (in.mode != "entered" && in.mode != "computed") return BadField("mode", "应为 entered 或 computed", "entered or computed");
  if (in.mode == "computed" && !ind->kpi)
    return Invalid("assessment.not_computable", Text("该指标无法由数据计算", "this indicator is not computed from the data"),
                   Text(ind->zh, ind->en), Text("请填报得分", "enter its score"));
  if (in.mode == "entered") {
    if (!in.points) return BadField("points", "填报时必须给出得分", "required when entered");
    if (auto v = as::ValidateScore(indicator, *in.points); !v) return std::move(v).error();
  }
  if (auto t = CheckText("note", in.note, 2000, false); !t) return std::move(t).error();
  return store::WriteResult(db_, [&](store::Session& s) -> Result<AnnualEvaluationView> {
    store::AnnualScoreRecord rec{r->code, *y, indicator, in.mode, in.mode == "entered" ? in.points : std::nullopt, in.note,
                                 actor.user_id, FormatIsoUtc(clock_.Now())};
    if (auto w = Repo::PutScore(s, rec); !w) return std::move(w).error();
    Changes ch;
    ch.Set("mode", nullptr, J(in.mode));
    if (in.points) ch.Set("points", nullptr, *in.points);
    if (auto a = RecordAudit(s, clock_, actor, "assessment.score", "annual_score", r->code + ":" + std::to_string(*y) + ":" + indicator,
                             r->code, ch);
        !a)
      return std::move(a).error();
    return ComputeEvaluation(s, *r, *y);
  });
}

Result<Document> AssessmentService::SelfEvaluation(const Actor& actor, const std::optional<std::string>& region_code,
                                                   std::int64_t year, bool pdf) {
  auto r = ResolveRegion(actor, region_code, core::auth::perm::kAssessmentRead);
  if (!r) return std::move(r).error();
  auto y = ResolveYear(year);
  if (!y) return std::move(y).error();
  std::optional<AnnualEvaluationView> ev;
  std::optional<KpiReport> kpis;
  auto read = db_.Read([&](store::Session& s) -> Result<void> {
    auto e = ComputeEvaluation(s, *r, *y);
    if (!e) return std::move(e).error();
    ev = std::move(*e);
    auto k = ComputeKpis(s, *r, *y);
    if (!k) return std::move(k).error();
    kpis = std::move(*k);
    return Ok();
  });
  if (!read) return std::move(read).error();
  report::SelfEvaluationReport rep;
  rep.region_name = r->name;
  rep.region_code = r->code;
  rep.year = *y;
  rep.generated_at = FormatShanghai(clock_.Now());
  for (const auto& v : ev->indicators) {
    std::string group;
    for (const auto& g : as::JiangxiGroups())
      if (g.code == v.indicator->group) group = g.zh;
    std::string basis = v.note;
    if (v.mode == "computed" && v.indicator->kpi)
      basis = as::KpiName(*v.indicator->kpi).zh + " " +
              Rate(v.kpi_value, *v.indicator->kpi == as::Kpi::kRectificationDays) + (basis.empty() ? "" : "；" + basis);
    rep.indicators.push_back({group, v.indicator->code, v.indicator->zh, v.indicator->max, v.points, v.mode == "computed", basis});
  }
  rep.total = ev->totals.total;
  rep.grade_zh = ev->totals.grade_zh;
  rep.boundary_note = boundary_ == core::evaluation::Boundary::kUpper ? "边界分值归入较高等次" : "边界分值归入较低等次";
  for (const auto& k : kpis->total.kpis)
    rep.kpis.push_back({as::KpiName(k.kpi).zh, Rate(k.value, k.kpi == as::Kpi::kRectificationDays), as::KpiFormula(k.kpi).zh,
                        InputsText(k)});
  auto bytes = pdf ? report::RenderSelfEvaluationPdf(rep) : report::RenderSelfEvaluationXlsx(rep);
  if (!bytes) return std::move(bytes).error();
  const std::string name = r->name + std::to_string(*y) + "年度绩效自评报告" + (pdf ? ".pdf" : ".xlsx");
  return Document{std::move(*bytes), pdf ? kPdfType : kXlsxType, name};
}

Result<Document> AssessmentService::SelfEvaluationPdf(const Actor& actor, const std::optional<std::string>& region_code,
                                                      std::int64_t year) {
  return SelfEvaluation(actor, region_code, year, true);
}

Result<Document> AssessmentService::SelfEvaluationXlsx(const Actor& actor, const std::optional<std::string>& region_code,
                                                       std::int64_t year) {
  return SelfEvaluation(actor, region_code, year, false);
}

Result<Document> AssessmentService::MonthlyXlsx(const Actor& actor, const std::optional<std::string>& region_code,
                                                const std::optional<std::string>& month) {
  auto r = ResolveRegion(actor, region_code, core::auth::perm::kAssessmentRead);
  if (!r) return std::move(r).error();
  const std::string m = month.value_or(Today(clock_).substr(0, 7));
  auto first = cal::ParseDate(m + "-01");
  if (m.size() != 7 || !first)
    return Invalid("assessment.invalid_month", Text("月份不正确", "invalid month"), Text::Same(m),
                   Text("月份应为 YYYY-MM，例如 2026-11", "a month YYYY-MM, e.g. 2026-11"));
  const int year = static_cast<int>(first->year());
  if (year < kFirstYear || year > kLastYear)
    return Invalid("assessment.invalid_month", Text("月份不正确", "invalid month"), Text::Same(m),
                   Text("年度应在2000至2100之间", "the year must lie between 2000 and 2100"));
  using namespace std::chrono;
  const cal::Date next{year_month_day{first->year() / first->month() / 1} + months{1}};
  std::vector<store::StreetProgramme> rows;
  std::vector<store::StreetFunds> funds;
  std::map<std::string, std::string> names;
  auto read = db_.Read([&](store::Session& s) -> Result<void> {
    const auto q = Query(r->code, year);
    auto p = Repo::ProgrammeAsOf(s, q, std::string(proj::StatusCode(proj::Status::kStarted)),
                                 std::string(proj::StatusCode(proj::Status::kCompleted)), BeijingMidnightUtc(next));
    if (!p) return std::move(p).error();
    rows = std::move(*p);
    auto f = Repo::Funds(s, q);
    if (!f) return std::move(f).error();
    funds = std::move(*f);
    std::vector<std::string> codes;
    for (const auto& x : rows) codes.push_back(x.street);
    auto n = store::RegionRepository::FindNames(s, codes);
    if (!n) return std::move(n).error();
    names = std::move(*n);
    return Ok();
  });
  if (!read) return std::move(read).error();
  report::MonthlyReport rep;
  rep.region_name = r->name;
  rep.region_code = r->code;
  rep.month = m;
  std::map<std::string, std::int64_t> invest;
  std::int64_t invest_total = 0;
  for (const auto& f : funds) {
    invest[f.street] += f.committed_fen;
    invest_total += f.committed_fen;
  }
  auto rate = [](std::int64_t part, std::int64_t whole) {
    return whole > 0 ? std::optional<std::int64_t>(PercentHundredths(part, whole)) : std::nullopt;
  };
  report::MonthlyRow total{r->code, "合计", 0, 0, 0, 0, invest_total, std::nullopt, std::nullopt};
  for (const auto& x : rows) {
    auto it = names.find(x.street);
    report::MonthlyRow row{x.street, it == names.end() ? x.street : it->second, x.planned, x.started, x.completed, x.dwellings,
                           invest.contains(x.street) ? invest[x.street] : 0, rate(x.started, x.planned),
                           rate(x.completed, x.planned)};
    total.planned += x.planned;
    total.started += x.started;
    total.completed += x.completed;
    total.households += x.dwellings;
    rep.streets.push_back(std::move(row));
  }
  total.name = r->name + "合计";
  total.start_rate = rate(total.started, total.planned);
  total.completion_rate = rate(total.completed, total.planned);
  rep.total = total;
  auto bytes = report::RenderMonthlyXlsx(rep);
  if (!bytes) return std::move(bytes).error();
  return Document{std::move(*bytes), kXlsxType, r->name + m + "老旧小区改造月报.xlsx"};
}

}  // namespace huanxin::service
