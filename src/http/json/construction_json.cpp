#include "http/json/construction_json.hpp"

#include <cmath>

#include "http/json/json_input.hpp"

namespace huanxin::http {

namespace json = boost::json;
namespace cc = core::construction;

namespace {

Error Bad(const std::string& field, Text why) { return InvalidField(field, std::move(why)); }

Result<const json::object*> ObjectAt(const json::value& v, const std::string& field) {
  if (!v.is_object()) return Bad(field, Text("应为对象", "must be an object"));
  return &v.as_object();
}

Result<std::string> StringAt(const json::object& o, const char* key, const std::string& path, bool required) {
  auto it = o.find(key);
  if (it == o.end() || it->value().is_null()) {
    if (required) return Bad(path + "." + key, Text("必填", "is required"));
    return std::string();
  }
  if (!it->value().is_string()) return Bad(path + "." + key, Text("应为字符串", "must be a string"));
  return std::string(it->value().as_string());
}

Result<std::optional<std::int64_t>> IntAt(const json::object& o, const char* key, const std::string& path,
                                          bool required) {
  auto it = o.find(key);
  if (it == o.end() || it->value().is_null()) {
    if (required) return Bad(path + "." + key, Text("必填", "is required"));
    return std::optional<std::int64_t>{};
  }
  const auto& v = it->value();
  if (v.is_int64()) return std::optional<std::int64_t>(v.as_int64());
  if (v.is_uint64() && v.as_uint64() <= 1'000'000'000ULL) return std::optional<std::int64_t>(v.as_uint64());
  if (v.is_double() && v.as_double() == static_cast<double>(static_cast<std::int64_t>(v.as_double())) &&
      std::abs(v.as_double()) < 1e9)
    return std::optional<std::int64_t>(static_cast<std::int64_t>(v.as_double()));
  return Bad(path + "." + key, Text("应为整数", "must be an integer"));
}

// An int within [lo, hi] (ranges the core checks again with the step named; here only to keep
// values inside int).
Result<int> SmallInt(const json::object& o, const char* key, const std::string& path, bool required, int fallback) {
  auto v = IntAt(o, key, path, required);
  if (!v) return std::move(v).error();
  if (!*v) return fallback;
  if (**v < -1'000'000 || **v > 1'000'000) return Bad(path + "." + key, Text("数值过大", "is out of range"));
  return static_cast<int>(**v);
}

Result<std::map<std::string, int>> ParseCrewMap(const json::value& v, const std::string& field) {
  if (!v.is_object()) return Bad(field, Text("应为对象 {\"班组类型\": 数量}", "must be an object {\"type\": count}"));
  std::map<std::string, int> out;
  for (const auto& kv : v.as_object()) {
    const std::string key(kv.key());
    if (!kv.value().is_int64() && !kv.value().is_uint64())
      return Bad(field + "." + key, Text("应为整数", "must be an integer"));
    const auto n = kv.value().is_int64() ? kv.value().as_int64() : static_cast<std::int64_t>(kv.value().as_uint64());
    if (key.empty() || key.size() > 32) return Bad(field, Text("班组类型应为 1–32 个字符", "crew types have 1–32 characters"));
    if (n < 1 || n > cc::kMaxCrew) return Bad(field + "." + key, Text("应为 1–100 的整数", "must be an integer 1–100"));
    out[key] = static_cast<int>(n);
  }
  return out;
}

Result<cc::Step> ParseStep(const json::value& v, const std::string& path) {
  auto o = ObjectAt(v, path);
  if (!o) return std::move(o).error();
  const auto& s = **o;
  cc::Step st;
  HX_TRY_ASSIGN(st.code, StringAt(s, "code", path, true));
  HX_TRY_ASSIGN(st.name, StringAt(s, "name", path, true));
  {
    auto item = StringAt(s, "itemCode", path, false);
    if (!item) return std::move(item).error();
    if (!item->empty()) st.item_code = *item;
  }
  {
    auto estate = IntAt(s, "estateId", path, false);
    if (!estate) return std::move(estate).error();
    st.estate_id = *estate;
  }
  HX_TRY_ASSIGN(st.duration_days, SmallInt(s, "durationDays", path, true, 1));
  auto crew = s.find("crew");
  if (crew == s.end() || crew->value().is_null()) return Bad(path + ".crew", Text("必填", "is required"));
  auto co = ObjectAt(crew->value(), path + ".crew");
  if (!co) return std::move(co).error();
  HX_TRY_ASSIGN(st.crew_type, StringAt(**co, "type", path + ".crew", true));
  HX_TRY_ASSIGN(st.crew_count, SmallInt(**co, "count", path + ".crew", false, 1));
  if (auto t = s.find("trench"); t != s.end() && !t->value().is_null()) {
    auto to = ObjectAt(t->value(), path + ".trench");
    if (!to) return std::move(to).error();
    cc::Trench tr;
    HX_TRY_ASSIGN(tr.segment, StringAt(**to, "segment", path + ".trench", true));
    HX_TRY_ASSIGN(tr.utility, StringAt(**to, "utility", path + ".trench", true));
    if (auto sp = (*to)->find("split"); sp != (*to)->end() && !sp->value().is_null()) {
      if (!sp->value().is_bool()) return Bad(path + ".trench.split", Text("应为 true 或 false", "must be true or false"));
      tr.split = sp->value().as_bool();
    }
    st.trench = std::move(tr);
  }
  if (auto d = s.find("disruption"); d != s.end() && !d->value().is_null()) {
    auto dobj = ObjectAt(d->value(), path + ".disruption");
    if (!dobj) return std::move(dobj).error();
    cc::Disruption dis;
    HX_TRY_ASSIGN(dis.kind, StringAt(**dobj, "kind", path + ".disruption", true));
    if (auto b = (*dobj)->find("buildingIds"); b != (*dobj)->end() && !b->value().is_null()) {
      HX_TRY_ASSIGN(dis.building_ids, ParseIdArray(b->value(), path + ".disruption.buildingIds"));
    }
    st.disruption = std::move(dis);
  }
  {
    auto w = StringAt(s, "window", path, false);
    if (!w) return std::move(w).error();
    if (!w->empty()) st.window = *w;
  }
  if (auto p = s.find("predecessors"); p != s.end() && !p->value().is_null()) {
    if (!p->value().is_array()) return Bad(path + ".predecessors", Text("应为数组", "must be an array"));
    const auto& arr = p->value().as_array();
    for (std::size_t i = 0; i < arr.size(); ++i) {
      const auto pp = path + ".predecessors[" + std::to_string(i) + "]";
      auto po = ObjectAt(arr[i], pp);
      if (!po) return std::move(po).error();
      cc::StepPredecessor pr;
      HX_TRY_ASSIGN(pr.code, StringAt(**po, "code", pp, true));
      auto type = StringAt(**po, "type", pp, false);
      if (!type) return std::move(type).error();
      if (!type->empty()) pr.type = *type;
      HX_TRY_ASSIGN(pr.lag_days, SmallInt(**po, "lagDays", pp, false, 0));
      st.predecessors.push_back(std::move(pr));
    }
  }
  return st;
}

json::value OptString(const std::optional<std::string>& s) { return s ? json::value(json::string(*s)) : json::value(nullptr); }

}  // namespace

Result<service::StepsInput> ParseStepsInput(const json::object& body) {
  service::StepsInput in;
  auto steps = body.find("steps");
  if (steps == body.end() || !steps->value().is_array())
    return Bad("steps", Text("必填，应为数组", "is required and must be an array"));
  const auto& arr = steps->value().as_array();
  if (arr.size() > static_cast<std::size_t>(cc::kMaxSteps))
    return Bad("steps", Text("最多 " + std::to_string(cc::kMaxSteps) + " 道工序", "at most " + std::to_string(cc::kMaxSteps) + " steps"));
  for (std::size_t i = 0; i < arr.size(); ++i) {
    auto st = ParseStep(arr[i], "steps[" + std::to_string(i) + "]");
    if (!st) return std::move(st).error();
    in.steps.push_back(std::move(*st));
  }
  if (auto c = body.find("crews"); c != body.end() && !c->value().is_null()) {
    auto crews = ParseCrewMap(c->value(), "crews");
    if (!crews) return std::move(crews).error();
    in.crews = std::move(*crews);
  }
  return in;
}

Result<std::optional<std::vector<std::int64_t>>> ParseProposeInput(const json::object& body) {
  auto it = body.find("estateIds");
  if (it == body.end() || it->value().is_null()) return std::optional<std::vector<std::int64_t>>{};
  auto ids = ParseIdArray(it->value(), "estateIds");
  if (!ids) return std::move(ids).error();
  return std::optional<std::vector<std::int64_t>>(std::move(*ids));
}

Result<service::ScheduleInput> ParseScheduleInput(const json::object& body) {
  service::ScheduleInput in;
  HX_TRY_ASSIGN(in.start_on, RequiredString(body, "startOn"));
  auto crews = body.find("crews");
  if (crews == body.end() || crews->value().is_null()) return Bad("crews", Text("必填", "is required"));
  HX_TRY_ASSIGN(in.crews, ParseCrewMap(crews->value(), "crews"));
  auto wdo = OptionalBool(body, "workingDaysOnly");
  if (!wdo) return std::move(wdo).error();
  in.working_days_only = wdo->value_or(false);
  auto limit = OptionalInt64(body, "timeLimitMs");
  if (!limit) return std::move(limit).error();
  if (*limit) {
    if (**limit < 10 || **limit > 10000) return Bad("timeLimitMs", Text("应为 10–10000", "must be 10–10000"));
    in.time_limit_ms = static_cast<int>(**limit);
  }
  return in;
}

Result<cc::Seasons> ParseSeasons(const json::object& body) {
  cc::Seasons out;
  auto season = [&](const char* key) -> Result<std::optional<cc::Season>> {
    auto it = body.find(key);
    if (it == body.end() || it->value().is_null()) return std::optional<cc::Season>{};
    auto o = ObjectAt(it->value(), key);
    if (!o) return std::move(o).error();
    cc::Season s;
    for (auto [part, target] : {std::pair{"from", &s.from}, std::pair{"to", &s.to}}) {
      auto text = StringAt(**o, part, key, true);
      if (!text) return std::move(text).error();
      auto md = cc::ParseMonthDay(*text);
      if (!md)
        return Bad(std::string(key) + "." + part, Text("应为 MM-DD（如 11-15），现为 " + *text, "must be MM-DD (e.g. 11-15), not " + *text));
      *target = *md;
    }
    return std::optional<cc::Season>(s);
  };
  HX_TRY_ASSIGN(out.heating, season("heating"));
  HX_TRY_ASSIGN(out.frost, season("frost"));
  if (auto it = body.find("examDays"); it != body.end() && !it->value().is_null()) {
    if (!it->value().is_array()) return Bad("examDays", Text("应为数组", "must be an array"));
    const auto& arr = it->value().as_array();
    for (std::size_t i = 0; i < arr.size(); ++i) {
      const auto field = "examDays[" + std::to_string(i) + "]";
      if (!arr[i].is_string()) return Bad(field, Text("应为 MM-DD", "must be MM-DD"));
      auto md = cc::ParseMonthDay(arr[i].as_string());
      if (!md) return Bad(field, Text("应为 MM-DD（如 06-07）", "must be MM-DD (e.g. 06-07)"));
      out.exam_days.push_back(*md);
    }
  }
  return out;
}

json::value StepJson(const cc::Step& s) {
  json::array preds;
  for (const auto& p : s.predecessors)
    preds.push_back(json::object{{"code", p.code}, {"type", p.type}, {"lagDays", p.lag_days}});
  json::object o{{"code", s.code},
                 {"name", s.name},
                 {"itemCode", OptString(s.item_code)},
                 {"estateId", s.estate_id ? json::value(*s.estate_id) : json::value(nullptr)},
                 {"durationDays", s.duration_days},
                 {"crew", json::object{{"type", s.crew_type}, {"count", s.crew_count}}},
                 {"trench", nullptr},
                 {"disruption", nullptr},
                 {"window", OptString(s.window)},
                 {"predecessors", std::move(preds)},
                 {"generated", s.generated}};
  if (s.trench)
    o["trench"] = json::object{{"segment", s.trench->segment}, {"utility", s.trench->utility}, {"split", s.trench->split}};
  if (s.disruption) {
    json::array b;
    for (auto id : s.disruption->building_ids) b.push_back(id);
    o["disruption"] = json::object{{"kind", s.disruption->kind}, {"buildingIds", std::move(b)}};
  }
  return o;
}

namespace {
json::value CrewsJson(const std::map<std::string, int>& crews) {
  json::object o;
  for (const auto& [t, n] : crews) o[t] = n;
  return o;
}
json::value StepsArray(const std::vector<cc::Step>& steps) {
  json::array a;
  for (const auto& s : steps) a.push_back(StepJson(s));
  return a;
}
}  // namespace

json::value StepSetJson(const service::StepSet& set) {
  return json::object{{"steps", StepsArray(set.steps)},
                      {"crews", CrewsJson(set.crews)},
                      {"openings", json::object{{"merged", set.openings.merged}, {"naive", set.openings.naive}}}};
}

json::value ProposalJson(const std::vector<cc::Step>& steps) { return json::object{{"steps", StepsArray(steps)}}; }

json::value TemplatesJson(const std::vector<store::StepTemplateRecord>& t, bool english) {
  json::array items;
  for (const auto& r : t)
    items.push_back(json::object{{"itemCode", r.item_code},
                                 {"suffix", r.suffix},
                                 {"name", english ? r.name_en : r.name_zh},
                                 {"crewType", r.crew_type},
                                 {"crewCount", r.crew_count},
                                 {"baseDays", r.base_days},
                                 {"milliDaysPerUnit", r.milli_days_per_unit},
                                 {"trenchUtility", OptString(r.trench_utility)},
                                 {"disruptionKind", OptString(r.disruption_kind)},
                                 {"window", OptString(r.window_kind)},
                                 {"after", r.after}});
  return json::object{{"items", std::move(items)}};
}

json::value ScheduleJson(const service::ScheduleView& v) {
  const auto& s = v.schedule;
  json::array steps;
  for (const auto& x : v.steps)
    steps.push_back(json::object{{"code", x.step.step_code},
                                 {"name", x.name},
                                 {"startOn", x.step.start_on},
                                 {"endOn", x.step.end_on},
                                 {"boundBy", x.step.bound_by},
                                 {"boundRef", x.step.bound_ref},
                                 {"critical", x.step.critical},
                                 {"baselineStartOn", OptString(x.baseline_start_on)},
                                 {"baselineEndOn", OptString(x.baseline_end_on)},
                                 {"delayDays", x.delay_days ? json::value(*x.delay_days) : json::value(nullptr)}});
  return json::object{{"scheduleId", s.id},
                      {"startOn", s.start_on},
                      {"endOn", s.end_on},
                      {"makespanDays", s.makespan_days},
                      {"lowerBoundDays", s.lower_bound_days},
                      {"resourceBoundDays", s.resource_bound_days},
                      {"disruptionDays", s.disruption_days},
                      {"openings", json::object{{"merged", s.openings_merged}, {"naive", s.openings_naive}}},
                      {"yearEndExceeded", v.year_end_exceeded},
                      {"workingDaysOnly", s.working_days_only},
                      {"crews", CrewsJson(v.crews)},
                      {"createdAt", s.created_at},
                      {"baseline", v.baseline ? json::value(json::object{{"baselineId", v.baseline->id},
                                                                         {"scheduleId", v.baseline->schedule_id},
                                                                         {"savedAt", v.baseline->saved_at}})
                                              : json::value(nullptr)},
                      {"steps", std::move(steps)}};
}

json::value BaselineJson(const store::BaselineRecord& b, const std::string& end_on) {
  return json::object{{"baselineId", b.id}, {"scheduleId", b.schedule_id}, {"savedAt", b.saved_at}, {"endOn", end_on}};
}

json::value AlertsJson(const std::vector<store::AlertRecord>& alerts, bool with_project) {
  json::array items;
  for (const auto& a : alerts) {
    json::object o{{"id", a.id},
                   {"kind", a.kind},
                   {"stepCode", a.step_code},
                   {"stepName", a.step_name},
                   {"baselineEndOn", a.baseline_end_on},
                   {"forecastEndOn", a.forecast_end_on},
                   {"delayDays", a.delay_days},
                   {"raisedAt", a.raised_at},
                   {"clearedAt", OptString(a.cleared_at)}};
    if (with_project) {
      o["projectId"] = a.project_id;
      o["projectName"] = a.project_name;
    }
    items.push_back(std::move(o));
  }
  return json::object{{"items", std::move(items)}};
}

json::value SeasonsJson(const service::SeasonsView& v) {
  auto season = [](const std::optional<cc::Season>& s) -> json::value {
    if (!s) return nullptr;
    return json::object{{"from", cc::FormatMonthDay(s->from)}, {"to", cc::FormatMonthDay(s->to)}};
  };
  json::array exams;
  for (auto d : v.seasons.exam_days) exams.push_back(json::string(cc::FormatMonthDay(d)));
  return json::object{{"regionCode", v.region_code},
                      {"definedAt", OptString(v.defined_at)},
                      {"heating", season(v.seasons.heating)},
                      {"frost", season(v.seasons.frost)},
                      {"examDays", std::move(exams)}};
}

json::value ConstructionWorkbenchJson(const service::ConstructionWorkbench& w) {
  auto alerts = AlertsJson(w.alerts, true);
  return json::object{{"openAlerts", w.delay_alerts + w.year_end_flags},
                      {"delayedSteps", w.delay_alerts},
                      {"yearEndFlags", w.year_end_flags},
                      {"schedules", w.schedules},
                      {"alerts", alerts.as_object()["items"]}};
}

}  // namespace huanxin::http
