#include "service/construction/construction_service.hpp"

#include <algorithm>
#include <set>
#include <sstream>
#include <unordered_map>

#include "core/calendar/work_calendar.hpp"
#include "core/construction/rcpsp.hpp"
#include "service/audit/audit_service.hpp"
#include "service/construction/access.hpp"
#include "store/region/region_repository.hpp"

namespace huanxin::service {

namespace cc = core::construction;
namespace cal = core::calendar;
namespace json = boost::json;
using std::chrono::days;
using std::chrono::sys_days;

namespace {

Error Unprocessable(std::string reason, Text message, Text detail = {}, Text hint = {}) {
  return MakeError(ErrorCode::kUnprocessable, std::move(reason), std::move(message), std::move(detail), std::move(hint));
}

std::string DateAt(cal::Date start, int day) { return cal::FormatDate(cal::Date{sys_days{start} + days{day}}); }

int DaysBetween(const std::string& from, const std::string& to) {
  auto a = cal::ParseDate(from), b = cal::ParseDate(to);
  if (!a || !b) return 0;
  return static_cast<int>((sys_days{*b} - sys_days{*a}).count());
}

std::string Today(const Clock& clock) { return FormatShanghai(clock.Now(), 10); }

// "FS:lay+0" → {type, ref, lag}; nothing for a malformed entry (templates are data: a bad row is
// skipped, not fatal).
struct AfterRef {
  std::string type, ref;
  int lag = 0;
};
std::vector<AfterRef> ParseAfter(const std::string& text) {
  std::vector<AfterRef> out;
  std::stringstream in(text);
  std::string part;
  while (std::getline(in, part, ',')) {
    const auto colon = part.find(':'), plus = part.rfind('+');
    if (colon == std::string::npos || plus == std::string::npos || plus < colon) continue;
    AfterRef a{part.substr(0, colon), part.substr(colon + 1, plus - colon - 1), 0};
    try {
      a.lag = std::stoi(part.substr(plus + 1));
    } catch (...) {
      continue;
    }
    out.push_back(std::move(a));
  }
  return out;
}

// A fingerprint of a step list, to notice steps changed while the engine ran outside a transaction.
std::string Fingerprint(const std::vector<cc::Step>& steps) {
  std::string f;
  for (const auto& s : steps) {
    f += s.code + "|" + std::to_string(s.duration_days) + "|" + s.crew_type + std::to_string(s.crew_count) + "|" +
         s.window.value_or("") + "|";
    for (const auto& p : s.predecessors) f += p.code + p.type + std::to_string(p.lag_days) + ";";
    if (s.disruption)
      for (auto b : s.disruption->building_ids) f += std::to_string(b) + ",";
    f += "\n";
  }
  return f;
}

const char* BoundCode(cc::BoundKind k) {
  switch (k) {
    case cc::BoundKind::kStart: return "start";
    case cc::BoundKind::kPredecessor: return "predecessor";
    case cc::BoundKind::kCalendar: return "calendar";
    case cc::BoundKind::kWindow: return "window";
    case cc::BoundKind::kResource: return "crew";
    case cc::BoundKind::kDisruption: return "disruption";  // moved to share its cut with another step
  }
  return "start";
}

json::value StepsJson(const std::vector<cc::Step>& steps) {
  json::array a;
  for (const auto& s : steps) a.push_back(json::string(s.code));
  return a;
}

}  // namespace

std::string FormatCrews(const std::map<std::string, int>& crews) {
  std::string out;
  for (const auto& [t, n] : crews) out += (out.empty() ? "" : ",") + t + ":" + std::to_string(n);
  return out;
}

std::map<std::string, int> ParseCrews(const std::string& text) {
  std::map<std::string, int> out;
  std::stringstream in(text);
  std::string part;
  while (std::getline(in, part, ',')) {
    const auto colon = part.rfind(':');
    if (colon == std::string::npos) continue;
    try {
      out[part.substr(0, colon)] = std::stoi(part.substr(colon + 1));
    } catch (...) {
    }
  }
  return out;
}

Result<std::optional<std::vector<std::int64_t>>> ConstructionService::AssignedProjectIds(store::Session& s,
                                                                                       const Actor& actor) {
  if (!WorksOnAssignments(actor)) return std::optional<std::vector<std::int64_t>>{};
  std::vector<std::int64_t> ids, estates;
  for (const auto& a : actor.assignments) {
    if (a.kind == "project") ids.push_back(a.target_id);
    if (a.kind == "estate") estates.push_back(a.target_id);
  }
  auto through_estates = store::StepRepository::ProjectsOfEstates(s, estates);
  if (!through_estates) return std::move(through_estates).error();
  ids.insert(ids.end(), through_estates->begin(), through_estates->end());
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return std::optional<std::vector<std::int64_t>>(std::move(ids));
}

// ---- templates and steps ---------------------------------------------------------------------

Result<std::vector<store::StepTemplateRecord>> ConstructionService::Templates(const Actor& actor,
                                                                              const std::optional<std::string>& item) {
  if (auto r = RequirePermission(actor, core::auth::perm::kConstructionRead); !r) return std::move(r).error();
  return store::ReadResult(db_, [&](store::Session& s) { return store::StepRepository::Templates(s, item); });
}

Result<std::vector<cc::Step>> ConstructionService::Propose(const Actor& actor, std::int64_t project_id,
                                                           const std::optional<std::vector<std::int64_t>>& estate_ids) {
  return store::ReadResult(db_, [&](store::Session& s) -> Result<std::vector<cc::Step>> {
    auto p = ProjectForConstruction(s, actor, project_id, core::auth::perm::kConstructionWrite);
    if (!p) return std::move(p).error();
    auto quantities = store::StepRepository::BudgetQuantities(s, project_id);
    if (!quantities) return std::move(quantities).error();
    auto buildings = store::StepRepository::Buildings(s, project_id);
    if (!buildings) return std::move(buildings).error();
    auto templates = store::StepRepository::Templates(s, std::nullopt);
    if (!templates) return std::move(templates).error();
    auto estates = store::ProjectRepository::Estates(s, project_id);
    if (!estates) return std::move(estates).error();
    std::vector<std::int64_t> chosen;
    for (const auto& e : *estates)
      if (!estate_ids || std::count(estate_ids->begin(), estate_ids->end(), e.estate_id)) chosen.push_back(e.estate_id);
    if (estate_ids)
      for (auto id : *estate_ids)
        if (std::find(chosen.begin(), chosen.end(), id) == chosen.end())
          return Unprocessable("construction.invalid_estate", Text("小区不属于该项目", "the estate is not in the project"),
                               Text("estateIds：" + std::to_string(id), "estateIds: " + std::to_string(id)));
    // Each estate's main road is one segment, named so residents recognise it ("南钢宿舍主路"); the
    // estate's id is added only when two estates of the project share a name.
    std::map<std::int64_t, std::string> segment;
    std::map<std::string, int> name_uses;
    for (const auto& e : *estates) ++name_uses[e.name];
    for (const auto& e : *estates) {
      std::string label = e.name;
      if (label.size() > 150) label = "E" + std::to_string(e.estate_id);
      segment[e.estate_id] = label + "主路" + (name_uses[e.name] > 1 ? "（E" + std::to_string(e.estate_id) + "）" : "");
    }
    std::map<std::string, std::int64_t> quantity;
    for (const auto& q : *quantities) quantity[q.item_code] = q.quantity_centi;
    const std::int64_t n = std::max<std::int64_t>(1, static_cast<std::int64_t>(estates->size()));
    std::vector<cc::Step> out;
    for (auto estate : chosen) {
      const std::string prefix = "E" + std::to_string(estate) + ".";
      std::vector<std::int64_t> estate_buildings;
      for (const auto& b : *buildings)
        if (b.estate_id == estate) estate_buildings.push_back(b.id);
      for (const auto& t : *templates) {
        auto q = quantity.find(t.item_code);
        if (q == quantity.end()) continue;
        cc::Step st;
        st.code = prefix + t.item_code + "." + t.suffix;
        st.name = t.name_zh;
        st.item_code = t.item_code;
        st.estate_id = estate;
        // Duration per quantity: base + ⌈quantity of this estate × days per unit⌉ (the project's
        // quantity shared evenly by its estates).
        const std::int64_t per_unit = t.milli_days_per_unit;
        const std::int64_t extra = (q->second * per_unit + 100 * 1000 * n - 1) / (100 * 1000 * n);
        st.duration_days = static_cast<int>(std::clamp<std::int64_t>(t.base_days + extra, 1, cc::kMaxDuration));
        st.crew_type = t.crew_type;
        st.crew_count = t.crew_count;
        if (t.trench_utility) st.trench = cc::Trench{segment.at(estate), *t.trench_utility, false};
        if (t.disruption_kind) st.disruption = cc::Disruption{*t.disruption_kind, estate_buildings};
        st.window = t.window_kind;
        for (const auto& a : ParseAfter(t.after)) {
          const bool other_item = a.ref.find('.') != std::string::npos;
          const std::string item = other_item ? a.ref.substr(0, a.ref.find('.')) : t.item_code;
          if (!quantity.contains(item)) continue;  // that item is not built here
          st.predecessors.push_back({prefix + (other_item ? a.ref : t.item_code + "." + a.ref), a.type, a.lag});
        }
        out.push_back(std::move(st));
      }
    }
    // Dig once, then pave: an estate's road works (B05) follow the resurfacing of its trench, so a
    // new surface is never opened again (延平: "综合改一次").
    std::set<std::int64_t> trenched;
    for (const auto& st : out)
      if (st.trench && st.estate_id) trenched.insert(*st.estate_id);
    for (auto& st : out)
      if (st.item_code == "B05" && st.estate_id && trenched.contains(*st.estate_id) && st.predecessors.empty())
        st.predecessors.push_back({"resurface:" + segment.at(*st.estate_id), "FS", 0});
    // Drop references to steps the templates did not produce (a template row for the other item's
    // suffix missing), so the proposal always validates.
    std::set<std::string> codes;
    for (const auto& st : out) codes.insert(st.code);
    for (auto& st : out)
      std::erase_if(st.predecessors, [&](const cc::StepPredecessor& p) {
        return !codes.contains(p.code) && !cc::IsGeneratedCode(p.code);
      });
    return out;
  });
}

Result<StepSet> ConstructionService::Steps(const Actor& actor, std::int64_t project_id) {
  return store::ReadResult(db_, [&](store::Session& s) -> Result<StepSet> {
    auto p = ProjectForConstruction(s, actor, project_id, core::auth::perm::kConstructionRead);
    if (!p) return std::move(p).error();
    auto steps = store::StepRepository::Load(s, project_id);
    if (!steps) return std::move(steps).error();
    auto crews = store::StepRepository::Crews(s, project_id);
    if (!crews) return std::move(crews).error();
    StepSet out{std::move(*steps), std::move(*crews), {}};
    out.openings = cc::CountOpenings(out.steps);
    return out;
  });
}

Result<StepSet> ConstructionService::PutSteps(const Actor& actor, std::int64_t project_id, StepsInput input) {
  for (auto& st : input.steps) st.generated = false;
  if (input.crews)
    for (const auto& [type, n] : *input.crews)
      if (type.empty() || type.size() > 32 || n < 1 || n > cc::kMaxCrew)
        return Unprocessable("construction.invalid_crews", Text("班组数量有误", "a crew count is invalid"),
                             Text("crews." + type + "：" + std::to_string(n) + "，应为 1–100",
                                  "crews." + type + ": " + std::to_string(n) + ", must be 1–100"));
  auto expanded = cc::ExpandOpenings(input.steps, policy_.openings);
  const auto now = FormatIsoUtc(clock_.Now());
  auto w = store::WriteResult(db_, [&](store::Session& s) -> Result<void> {
    auto p = ProjectForConstruction(s, actor, project_id, core::auth::perm::kConstructionWrite);
    if (!p) return std::move(p).error();
    auto stored_crews = store::StepRepository::Crews(s, project_id);
    if (!stored_crews) return std::move(stored_crews).error();
    const auto& crews = input.crews ? *input.crews : *stored_crews;
    if (auto r = cc::ValidateSteps(expanded.steps, crews); !r) return r;
    // References to the register and the catalogue, each named.
    std::vector<std::string> zh, en;
    auto items = store::StepRepository::ItemCodes(s);
    if (!items) return std::move(items).error();
    auto buildings = store::StepRepository::ProjectBuildingIds(s, project_id);
    if (!buildings) return std::move(buildings).error();
    auto estates = store::ProjectRepository::Estates(s, project_id);
    if (!estates) return std::move(estates).error();
    for (const auto& st : expanded.steps) {
      if (st.item_code && !std::binary_search(items->begin(), items->end(), *st.item_code)) {
        zh.push_back("工序 " + st.code + "：改造内容 " + *st.item_code + " 不存在");
        en.push_back("step " + st.code + ": no renovation item " + *st.item_code);
      }
      if (st.estate_id && std::none_of(estates->begin(), estates->end(), [&](auto& e) { return e.estate_id == *st.estate_id; })) {
        zh.push_back("工序 " + st.code + "：小区 " + std::to_string(*st.estate_id) + " 不属于该项目");
        en.push_back("step " + st.code + ": estate " + std::to_string(*st.estate_id) + " is not in the project");
      }
      if (st.disruption)
        for (auto b : st.disruption->building_ids)
          if (!std::binary_search(buildings->begin(), buildings->end(), b)) {
            zh.push_back("工序 " + st.code + "：楼栋 " + std::to_string(b) + " 不在该项目的小区内");
            en.push_back("step " + st.code + ": building " + std::to_string(b) + " is not in the project's estates");
          }
    }
    if (!zh.empty()) {
      std::string dz, de;
      for (std::size_t i = 0; i < zh.size(); ++i) {
        dz += (i ? "；" : "") + zh[i];
        de += (i ? "; " : "") + en[i];
      }
      return Unprocessable("construction.invalid_steps", Text("工序有误，未保存", "the steps have errors; nothing was stored"),
                           Text(dz, de), Text("请按提示修改所列工序后重新提交", "correct the steps named and submit again"));
    }
    auto with_progress = store::StepRepository::CodesWithProgress(s, project_id);
    if (!with_progress) return std::move(with_progress).error();
    std::set<std::string> keep;
    for (const auto& st : expanded.steps) keep.insert(st.code);
    std::string gone;
    for (const auto& code : *with_progress)
      if (!keep.contains(code)) gone += (gone.empty() ? "" : "、") + code;
    if (!gone.empty())
      return MakeError(ErrorCode::kConflict, "construction.step_has_progress",
                       Text("已填报进度的工序不能删除", "steps with progress reports cannot be removed"),
                       Text("这些工序已有进度填报：" + gone, "these steps have progress reports: " + gone),
                       Text("保留这些工序（可修改工期等）后重新提交", "keep these steps (you may change them) and submit again"));
    auto before = store::StepRepository::Load(s, project_id);
    if (!before) return std::move(before).error();
    if (auto r = store::StepRepository::Replace(s, project_id, p->region_code, expanded.steps, now); !r) return r;
    if (input.crews)
      if (auto r = store::StepRepository::PutCrews(s, project_id, *input.crews); !r) return r;
    Changes ch;
    ch.Set("steps", StepsJson(*before), StepsJson(expanded.steps));
    if (input.crews) ch.Set("crews", json::string(FormatCrews(*stored_crews)), json::string(FormatCrews(*input.crews)));
    return RecordAudit(s, clock_, actor, "construction.steps", "project", std::to_string(project_id), p->region_code, ch);
  });
  if (!w) return std::move(w).error();
  return Steps(actor, project_id);
}

// ---- schedules -------------------------------------------------------------------------------

Result<ScheduleView> ConstructionService::Run(const Actor& actor, std::int64_t project_id, const ScheduleInput& input) {
  if (auto r = RequirePermission(actor, core::auth::perm::kConstructionWrite); !r) return std::move(r).error();
  auto start = cal::ParseDate(input.start_on);
  if (!start)
    return Unprocessable("construction.invalid_schedule", Text("开工日期格式不正确", "startOn is not a date"),
                         Text("startOn：" + input.start_on, "startOn: " + input.start_on),
                         Text("日期写作 YYYY-MM-DD", "write dates as YYYY-MM-DD"));
  if (input.time_limit_ms < 10 || input.time_limit_ms > policy_.max_time_limit_ms)
    return Unprocessable("construction.invalid_schedule", Text("求解时限不在允许范围", "timeLimitMs is out of range"),
                         Text("timeLimitMs：" + std::to_string(input.time_limit_ms) + "，应为 10–" +
                                  std::to_string(policy_.max_time_limit_ms),
                              "timeLimitMs: " + std::to_string(input.time_limit_ms) + ", must be 10–" +
                                  std::to_string(policy_.max_time_limit_ms)));
  for (const auto& [type, n] : input.crews)
    if (type.empty() || type.size() > 32 || n < 1 || n > cc::kMaxCrew)
      return Unprocessable("construction.invalid_crews", Text("班组数量有误", "a crew count is invalid"),
                           Text("crews." + type + "：" + std::to_string(n) + "，应为 1–100",
                                "crews." + type + ": " + std::to_string(n) + ", must be 1–100"));
  // Read what the run needs, solve outside any transaction, then store if nothing changed meanwhile.
  struct Facts {
    store::ProjectRecord project;
    std::vector<cc::Step> steps;
    cc::Seasons seasons;
    std::map<std::int64_t, std::int64_t> dwellings;
  };
  auto facts = store::ReadResult(db_, [&](store::Session& s) -> Result<Facts> {
    auto p = ProjectForConstruction(s, actor, project_id, core::auth::perm::kConstructionWrite);
    if (!p) return std::move(p).error();
    auto steps = store::StepRepository::Load(s, project_id);
    if (!steps) return std::move(steps).error();
    auto buildings = store::StepRepository::Buildings(s, project_id);
    if (!buildings) return std::move(buildings).error();
    Facts f{std::move(*p), std::move(*steps), {}, {}};
    for (const auto& b : *buildings) f.dwellings[b.id] = b.dwellings;
    return f;
  });
  if (!facts) return std::move(facts).error();
  if (facts->steps.empty())
    return Unprocessable("construction.no_steps", Text("项目还没有工序", "the project has no steps"), {},
                         Text("先从模板生成或录入工序", "generate steps from the templates or enter them first"));
  if (auto r = cc::ValidateSteps(facts->steps, input.crews); !r) return std::move(r).error();
  auto seasons = Seasons(actor, facts->project.region_code);
  if (!seasons) return std::move(seasons).error();
  auto calendar = calendar_.Current();
  if (!calendar) return std::move(calendar).error();
  // The project's days: every day but the official holidays, or official working days only
  // (REFERENCE.md §9). Days of a year not loaded are planned as ordinary days; a schedule that
  // reaches one is refused below, never guessed.
  cc::PlanCalendar plan{*start, std::vector<bool>(policy_.horizon_days, true)};
  int first_unloaded = policy_.horizon_days;
  int unloaded_year = 0;
  for (int d = 0; d < policy_.horizon_days; ++d) {
    const cal::Date day{sys_days{*start} + days{d}};
    auto work = input.working_days_only ? (*calendar)->IsWorkingDay(day)
                                        : [&]() -> Result<bool> {
                                            auto h = (*calendar)->IsHoliday(day);
                                            if (!h) return std::move(h).error();
                                            return !*h;
                                          }();
    if (!work) {
      if (d == 0) return std::move(work).error();
      if (first_unloaded == policy_.horizon_days) {
        first_unloaded = d;
        unloaded_year = static_cast<int>(day.year());
      }
      const auto wd = std::chrono::weekday{sys_days{day}}.c_encoding();
      plan.work[d] = !input.working_days_only || (wd != 0 && wd != 6);
      continue;
    }
    plan.work[d] = *work;
  }
  auto built = cc::BuildProblem(facts->steps, input.crews, plan, seasons->seasons, facts->dwellings);
  if (!built) return std::move(built).error();
  cc::SolveOptions options;
  options.time_limit_ms = input.time_limit_ms;
  options.seed = static_cast<std::uint64_t>(project_id);
  auto solved = cc::Solve(built->problem, options);
  if (!solved) return std::move(solved).error();
  int last = 0;
  for (const auto& a : solved->activities) last = std::max(last, a.end);
  if (last >= first_unloaded)
    return Unprocessable("calendar.year_not_loaded",
                         Text(std::to_string(unloaded_year) + " 年的节假日安排尚未录入", "the official calendar of " +
                                                                                        std::to_string(unloaded_year) + " is not loaded"),
                         Text("排程延伸到 " + DateAt(*start, last) + "，需要 " + std::to_string(unloaded_year) + " 年的工作日历",
                              "the schedule reaches " + DateAt(*start, last) + " and needs the calendar of " +
                                  std::to_string(unloaded_year)),
                         Text("请管理员按国务院办公厅通知录入该年度的节假日安排", "ask an administrator to load that year's calendar"));
  store::ScheduleRecord rec;
  rec.project_id = project_id;
  rec.region_code = facts->project.region_code;
  rec.start_on = input.start_on;
  rec.makespan_days = solved->makespan;
  rec.end_on = DateAt(*start, std::max(0, solved->makespan - 1));
  rec.lower_bound_days = solved->lower_bound;
  rec.resource_bound_days = solved->resource_bound;
  rec.disruption_days = solved->disruption_days;
  const auto openings = cc::CountOpenings(facts->steps);
  rec.openings_merged = openings.merged;
  rec.openings_naive = openings.naive;
  rec.crews = FormatCrews(input.crews);
  rec.working_days_only = input.working_days_only;
  rec.created_by = actor.user_id;
  rec.created_at = FormatIsoUtc(clock_.Now());
  for (std::size_t i = 0; i < solved->activities.size(); ++i) {
    const auto& a = solved->activities[i];
    std::string ref;
    if (a.bound == cc::BoundKind::kPredecessor && a.ref >= 0) ref = facts->steps.at(a.ref).code;
    if (a.bound == cc::BoundKind::kResource && a.ref >= 0) ref = built->crew_types.at(a.ref);
    if (a.bound == cc::BoundKind::kWindow && a.ref >= 0 && a.ref < static_cast<int>(std::size(cc::kWindows)))
      ref = std::string(cc::kWindows[a.ref]);
    // A zero-length step has end = start − 1; show it on its day.
    rec.steps.push_back({facts->steps[i].code, DateAt(*start, a.start), DateAt(*start, std::max(a.start, a.end)),
                         BoundCode(a.bound), ref, a.critical});
  }
  const auto fingerprint = Fingerprint(facts->steps);
  auto stored = store::WriteResult(db_, [&](store::Session& s) -> Result<ScheduleView> {
    auto p = ProjectForConstruction(s, actor, project_id, core::auth::perm::kConstructionWrite);
    if (!p) return std::move(p).error();
    auto now_steps = store::StepRepository::Load(s, project_id);
    if (!now_steps) return std::move(now_steps).error();
    if (Fingerprint(*now_steps) != fingerprint)
      return MakeError(ErrorCode::kConflict, "construction.steps_changed",
                       Text("排程期间工序被修改", "the steps changed while the schedule was computed"), {},
                       Text("请重新排程", "run the schedule again"));
    auto id = store::ScheduleRepository::Insert(s, rec);
    if (!id) return std::move(id).error();
    rec.id = *id;
    if (auto r = EvaluateAlerts(s, *p); !r) return std::move(r).error();
    Changes ch;
    ch.Set("schedule", nullptr, json::object{{"id", *id}, {"startOn", rec.start_on}, {"endOn", rec.end_on},
                                             {"makespanDays", rec.makespan_days}, {"crews", rec.crews}});
    if (auto r = RecordAudit(s, clock_, actor, "construction.schedule", "project", std::to_string(project_id),
                             p->region_code, ch);
        !r)
      return std::move(r).error();
    return ViewOf(s, *p, rec);
  });
  return stored;
}

Result<ScheduleView> ConstructionService::ViewOf(store::Session& s, const store::ProjectRecord& p,
                                                 store::ScheduleRecord sc) {
  ScheduleView v;
  v.crews = ParseCrews(sc.crews);
  v.year_end_exceeded = sc.end_on > std::to_string(p.year) + "-12-31";
  auto steps = store::StepRepository::Load(s, p.id);
  if (!steps) return std::move(steps).error();
  std::unordered_map<std::string, std::string> names;
  for (const auto& st : *steps) names[st.code] = st.name;
  auto baseline = store::ScheduleRepository::LatestBaseline(s, p.id);
  if (!baseline) return std::move(baseline).error();
  std::unordered_map<std::string, std::pair<std::string, std::string>> planned;
  if (*baseline) {
    v.baseline = **baseline;
    auto b = store::ScheduleRepository::Find(s, (*baseline)->schedule_id);
    if (!b) return std::move(b).error();
    if (*b)
      for (const auto& st : (*b)->steps) planned[st.step_code] = {st.start_on, st.end_on};
  }
  for (auto& st : sc.steps) {
    ScheduledStepView x{st, names.contains(st.step_code) ? names[st.step_code] : st.step_code, {}, {}, {}};
    if (auto it = planned.find(st.step_code); it != planned.end()) {
      x.baseline_start_on = it->second.first;
      x.baseline_end_on = it->second.second;
      x.delay_days = DaysBetween(it->second.second, st.end_on);
    }
    v.steps.push_back(std::move(x));
  }
  sc.steps.clear();
  v.schedule = std::move(sc);
  return v;
}

Result<ScheduleView> ConstructionService::Schedule(const Actor& actor, std::int64_t project_id) {
  return store::ReadResult(db_, [&](store::Session& s) -> Result<ScheduleView> {
    auto p = ProjectForConstruction(s, actor, project_id, core::auth::perm::kConstructionRead);
    if (!p) return std::move(p).error();
    auto sc = store::ScheduleRepository::Latest(s, project_id);
    if (!sc) return std::move(sc).error();
    if (!*sc)
      return NotFound("construction.no_schedule", Text("项目 " + std::to_string(project_id) + " 还没有排程",
                                                       "project " + std::to_string(project_id) + " has no schedule yet"));
    return ViewOf(s, *p, std::move(**sc));
  });
}

Result<store::BaselineRecord> ConstructionService::SaveBaseline(const Actor& actor, std::int64_t project_id,
                                                                std::string* end_on) {
  const auto now = FormatIsoUtc(clock_.Now());
  return store::WriteResult(db_, [&](store::Session& s) -> Result<store::BaselineRecord> {
    auto p = ProjectForConstruction(s, actor, project_id, core::auth::perm::kConstructionWrite);
    if (!p) return std::move(p).error();
    auto sc = store::ScheduleRepository::Latest(s, project_id);
    if (!sc) return std::move(sc).error();
    if (!*sc)
      return MakeError(ErrorCode::kConflict, "construction.no_schedule",
                       Text("还没有排程，不能保存基线", "there is no schedule to save as the baseline"), {},
                       Text("先运行排程", "run the schedule first"));
    auto id = store::ScheduleRepository::InsertBaseline(s, project_id, (*sc)->id, p->region_code, actor.user_id, now);
    if (!id) return std::move(id).error();
    if (end_on) *end_on = (*sc)->end_on;
    if (auto r = EvaluateAlerts(s, *p); !r) return std::move(r).error();
    Changes ch;
    ch.Set("baseline", nullptr, json::object{{"id", *id}, {"scheduleId", (*sc)->id}, {"endOn", (*sc)->end_on}});
    if (auto r = RecordAudit(s, clock_, actor, "construction.baseline", "project", std::to_string(project_id),
                             p->region_code, ch);
        !r)
      return std::move(r).error();
    return store::BaselineRecord{*id, project_id, (*sc)->id, now};
  });
}

// ---- alerts ----------------------------------------------------------------------------------

Result<void> ConstructionService::EvaluateAlerts(store::Session& s, const store::ProjectRecord& project) {
  const auto today = Today(clock_);
  const auto now = FormatIsoUtc(clock_.Now());
  auto current = store::ScheduleRepository::Latest(s, project.id);
  if (!current) return std::move(current).error();
  auto existing = store::ScheduleRepository::Alerts(s, project.id);
  if (!existing) return std::move(existing).error();
  std::map<std::pair<std::string, std::string>, store::AlertRecord> open;  // (kind, step) → alert
  for (auto& a : *existing)
    if (!a.cleared_at) open[{a.kind, a.step_code}] = a;
  // Wanted alerts: (kind, step) → (baseline end, forecast end, delay days, baseline id).
  struct Want {
    std::string baseline_end, forecast_end;
    int delay = 0;
    std::optional<std::int64_t> baseline_id;
  };
  std::map<std::pair<std::string, std::string>, Want> want;
  if (*current) {
    // 当年开工，当年完工: a project of year Y planned to end after 31 December of Y.
    const auto year_end = std::to_string(project.year) + "-12-31";
    if ((*current)->end_on > year_end)
      want[{"year_end", ""}] = {year_end, (*current)->end_on, DaysBetween(year_end, (*current)->end_on), std::nullopt};
  }
  auto baseline = store::ScheduleRepository::LatestBaseline(s, project.id);
  if (!baseline) return std::move(baseline).error();
  if (*baseline && *current) {
    auto planned = store::ScheduleRepository::Find(s, (*baseline)->schedule_id);
    if (!planned) return std::move(planned).error();
    auto progress = store::ScheduleRepository::LatestProgress(s, project.id);
    if (!progress) return std::move(progress).error();
    std::unordered_map<std::string, store::StepProgressRecord> done;
    for (const auto& p : *progress) done[p.step_code] = p;
    std::unordered_map<std::string, std::string> current_end;
    for (const auto& st : (*current)->steps) current_end[st.step_code] = st.end_on;
    if (*planned)
      for (const auto& st : (*planned)->steps) {
        // Forecast: the day it finished (a 100 % report), else the current plan's end, or today
        // when that end has passed and the step is still not finished.
        std::string forecast = current_end.contains(st.step_code) ? current_end[st.step_code] : st.end_on;
        auto d = done.find(st.step_code);
        if (d != done.end() && d->second.percent == 100) forecast = d->second.on_date;
        else if (today > forecast) forecast = today;
        const int delay = DaysBetween(st.end_on, forecast);
        if (delay > policy_.delay_alert_days)
          want[{"delay", st.step_code}] = {st.end_on, forecast, delay, (*baseline)->id};
      }
  }
  for (const auto& [key, w] : want) {
    auto it = open.find(key);
    if (it == open.end()) {
      store::AlertRecord a;
      a.project_id = project.id;
      a.region_code = project.region_code;
      a.kind = key.first;
      a.step_code = key.second;
      a.baseline_id = w.baseline_id;
      a.baseline_end_on = w.baseline_end;
      a.forecast_end_on = w.forecast_end;
      a.delay_days = w.delay;
      a.raised_at = now;
      if (auto r = store::ScheduleRepository::InsertAlert(s, a); !r) return std::move(r).error();
    } else if (it->second.forecast_end_on != w.forecast_end || it->second.delay_days != w.delay) {
      if (auto r = store::ScheduleRepository::UpdateAlert(s, it->second.id, w.forecast_end, w.delay); !r) return r;
    }
  }
  for (const auto& [key, a] : open)
    if (!want.contains(key))
      if (auto r = store::ScheduleRepository::ClearAlert(s, a.id, now); !r) return r;
  return Ok();
}

Result<std::vector<store::AlertRecord>> ConstructionService::Alerts(const Actor& actor, std::int64_t project_id) {
  // Reading re-evaluates (time passing raises alerts), so this runs as a write.
  return store::WriteResult(db_, [&](store::Session& s) -> Result<std::vector<store::AlertRecord>> {
    auto p = ProjectForConstruction(s, actor, project_id, core::auth::perm::kConstructionRead);
    if (!p) return std::move(p).error();
    if (auto r = EvaluateAlerts(s, *p); !r) return std::move(r).error();
    return store::ScheduleRepository::Alerts(s, project_id);
  });
}

Result<std::vector<store::AlertRecord>> ConstructionService::OpenAlerts(const Actor& actor,
                                                                        const std::optional<std::string>& region) {
  if (auto r = RequirePermission(actor, core::auth::perm::kConstructionRead); !r) return std::move(r).error();
  auto filter = ScopedRegionFilter(actor, region);
  if (!filter) return std::move(filter).error();
  const auto prefix = filter->value_or(actor.scope.prefix());
  return store::ReadResult(db_, [&](store::Session& s) -> Result<std::vector<store::AlertRecord>> {
    auto projects = AssignedProjectIds(s, actor);
    if (!projects) return std::move(projects).error();
    return store::ScheduleRepository::OpenAlerts(s, prefix, *projects, 200);
  });
}

// ---- seasons ---------------------------------------------------------------------------------

namespace {
SeasonsView SeasonsOf(const std::string& region_code, const std::optional<store::SeasonRecord>& r) {
  SeasonsView v{region_code, std::nullopt, {}};
  if (!r) return v;
  v.defined_at = r->region_code;
  auto season = [](const std::optional<std::string>& from, const std::optional<std::string>& to)
      -> std::optional<cc::Season> {
    if (!from || !to) return std::nullopt;
    auto f = cc::ParseMonthDay(*from), t = cc::ParseMonthDay(*to);
    if (!f || !t) return std::nullopt;
    return cc::Season{*f, *t};
  };
  v.seasons.heating = season(r->heating_from, r->heating_to);
  v.seasons.frost = season(r->frost_from, r->frost_to);
  std::stringstream in(r->exam_days);
  std::string part;
  while (std::getline(in, part, ','))
    if (auto md = cc::ParseMonthDay(part)) v.seasons.exam_days.push_back(*md);
  return v;
}
}  // namespace

Result<SeasonsView> ConstructionService::Seasons(const Actor& actor, const std::string& region_code) {
  if (auto r = RequirePermission(actor, core::auth::perm::kConstructionRead); !r) return std::move(r).error();
  return store::ReadResult(db_, [&](store::Session& s) -> Result<SeasonsView> {
    auto region = store::RegionRepository::Find(s, region_code);
    if (!region) return std::move(region).error();
    if (!*region)
      return NotFound("region.not_found", Text("行政区划 " + region_code + " 不存在", "no region " + region_code));
    auto r = store::SeasonRepository::InForce(s, region_code);
    if (!r) return std::move(r).error();
    return SeasonsOf(region_code, *r);
  });
}

Result<SeasonsView> ConstructionService::PutSeasons(const Actor& actor, const std::string& region_code,
                                                    const cc::Seasons& seasons) {
  if (auto r = RequirePermission(actor, core::auth::perm::kSeasonWrite); !r) return std::move(r).error();
  if (auto r = cc::ValidateSeasons(seasons); !r) return std::move(r).error();
  if (auto r = RequireInScope(actor, region_code); !r) return std::move(r).error();
  store::SeasonRecord rec;
  rec.region_code = region_code;
  if (seasons.heating) {
    rec.heating_from = cc::FormatMonthDay(seasons.heating->from);
    rec.heating_to = cc::FormatMonthDay(seasons.heating->to);
  }
  if (seasons.frost) {
    rec.frost_from = cc::FormatMonthDay(seasons.frost->from);
    rec.frost_to = cc::FormatMonthDay(seasons.frost->to);
  }
  auto exam = seasons.exam_days;
  std::sort(exam.begin(), exam.end());
  for (auto d : exam) rec.exam_days += (rec.exam_days.empty() ? "" : ",") + cc::FormatMonthDay(d);
  rec.updated_by = actor.user_id;
  rec.updated_at = FormatIsoUtc(clock_.Now());
  auto w = store::WriteResult(db_, [&](store::Session& s) -> Result<void> {
    auto region = store::RegionRepository::Find(s, region_code);
    if (!region) return std::move(region).error();
    if (!*region)
      return NotFound("region.not_found", Text("行政区划 " + region_code + " 不存在", "no region " + region_code));
    auto before = store::SeasonRepository::InForce(s, region_code);
    if (!before) return std::move(before).error();
    if (auto r = store::SeasonRepository::Put(s, rec); !r) return r;
    auto text = [](const std::optional<store::SeasonRecord>& r) -> json::value {
      if (!r) return nullptr;
      return json::string(r->region_code + " heating " + r->heating_from.value_or("-") + "→" +
                          r->heating_to.value_or("-") + " frost " + r->frost_from.value_or("-") + "→" +
                          r->frost_to.value_or("-") + " exams " + r->exam_days);
    };
    Changes ch;
    ch.Set("seasons", text(*before), text(rec));
    return RecordAudit(s, clock_, actor, "construction.seasons", "region", region_code, region_code, ch);
  });
  if (!w) return std::move(w).error();
  return Seasons(actor, region_code);
}

// ---- home page -------------------------------------------------------------------------------

Result<std::optional<ConstructionWorkbench>> ConstructionService::Workbench(const Actor& actor) {
  if (!core::auth::HasPermission(actor.role, core::auth::perm::kConstructionRead))
    return std::optional<ConstructionWorkbench>{};
  return store::ReadResult(db_, [&](store::Session& s) -> Result<std::optional<ConstructionWorkbench>> {
    auto projects = AssignedProjectIds(s, actor);
    if (!projects) return std::move(projects).error();
    auto counts = store::ScheduleRepository::CountsUnder(s, actor.scope.prefix(), *projects);
    if (!counts) return std::move(counts).error();
    auto alerts = store::ScheduleRepository::OpenAlerts(s, actor.scope.prefix(), *projects, 5);
    if (!alerts) return std::move(alerts).error();
    return std::optional<ConstructionWorkbench>(
        ConstructionWorkbench{counts->delay, counts->year_end, counts->schedules, std::move(*alerts)});
  });
}

}  // namespace huanxin::service
