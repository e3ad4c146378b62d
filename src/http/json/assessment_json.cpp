#include "http/json/assessment_json.hpp"

#include "http/json/platform_json.hpp"
#include "http/message.hpp"

namespace huanxin::http {

namespace {

namespace json = boost::json;
namespace as = core::assessment;

json::value OptDecimal(const std::optional<std::int64_t>& v) { return v ? DecimalJson(*v) : json::value(nullptr); }

json::object KpiJson(const as::KpiValue& k, bool english) {
  json::object inputs;
  for (const auto& i : k.inputs) inputs[i.name] = i.value;
  const auto name = as::KpiName(k.kpi), formula = as::KpiFormula(k.kpi);
  return {{"kpi", as::KpiCode(k.kpi)},
          {"name", english ? name.en : name.zh},
          {"value", OptDecimal(k.value)},
          {"unit", k.kpi == as::Kpi::kRectificationDays ? "working_days" : "percent"},
          {"formula", english ? formula.en : formula.zh},
          {"inputs", std::move(inputs)}};
}

json::array KpisJson(const std::vector<as::KpiValue>& list, bool english) {
  json::array out;
  for (const auto& k : list) out.push_back(KpiJson(k, english));
  return out;
}

json::object RowJson(const service::KpiRow& r, bool english) {
  return {{"code", r.code}, {"name", r.name}, {"kpis", KpisJson(r.kpis, english)}};
}

Result<std::string> OptionalText(const json::object& o, const char* field) {
  auto v = OptionalString(o, field);
  if (!v) return std::move(v).error();
  return v->value_or("");
}

Result<std::vector<std::string>> StringArray(const json::object& o, const char* field) {
  std::vector<std::string> out;
  auto it = o.find(field);
  if (it == o.end() || it->value().is_null()) return out;
  if (!it->value().is_array()) return InvalidField(field, Text("应为字符串数组", "must be an array of strings"));
  for (const auto& v : it->value().as_array()) {
    if (!v.is_string()) return InvalidField(field, Text("应为字符串数组", "must be an array of strings"));
    out.emplace_back(v.as_string());
  }
  return out;
}

}  // namespace

json::object KpiReportJson(const service::KpiReport& r, bool english) {
  json::array streets, departments;
  for (const auto& s : r.streets) streets.push_back(RowJson(s, english));
  for (const auto& d : r.departments)
    departments.push_back(json::object{{"department", d.department},
                                       {"name", english && !d.name_en.empty() ? d.name_en : d.name_zh},
                                       {"task", d.task},
                                       {"kpis", KpisJson(d.kpis, english)}});
  return {{"regionCode", r.region_code}, {"regionName", r.region_name},   {"year", r.year},
          {"total", RowJson(r.total, english)}, {"streets", std::move(streets)}, {"departments", std::move(departments)}};
}

json::object DutyMatrixJson(const service::DutyMatrix& m) {
  json::array duties;
  for (const auto& d : m.duties) {
    json::array kpis;
    for (auto k : d.kpis) kpis.push_back(json::string(as::KpiCode(k)));
    duties.push_back(json::object{
        {"department", d.department}, {"nameZh", d.name_zh}, {"nameEn", d.name_en}, {"task", d.task}, {"kpis", std::move(kpis)}});
  }
  return {{"regionCode", m.region_code},
          {"isDefault", m.is_default},
          {"updatedAt", m.updated_at.empty() ? json::value(nullptr) : json::value(json::string(m.updated_at))},
          {"duties", std::move(duties)}};
}

json::object ActionJson(const service::ActionView& a) {
  return {{"id", a.id},
          {"meetingId", a.meeting_id},
          {"text", a.text},
          {"owner", a.owner},
          {"deadline", a.deadline},
          {"status", as::ActionStatusCode(a.status)},
          {"doneOn", a.done_on ? json::value(json::string(*a.done_on)) : json::value(nullptr)}};
}

json::object MeetingJson(const service::MeetingView& m) {
  json::array attendees, actions;
  for (const auto& a : m.attendees) attendees.push_back(json::string(a));
  for (const auto& a : m.actions) actions.push_back(ActionJson(a));
  return {{"id", m.id},       {"regionCode", m.region_code}, {"heldOn", m.held_on},       {"title", m.title},
          {"attendees", std::move(attendees)}, {"minutes", m.minutes}, {"actions", std::move(actions)},
          {"createdAt", m.created_at}, {"updatedAt", m.updated_at}};
}

json::object MeetingPageJson(const service::MeetingPage& p) {
  json::array items;
  for (const auto& m : p.items) items.push_back(MeetingJson(m));
  return PageJson(std::move(items), p.total, p.page, p.page_size);
}

json::object EvaluationJson(const service::AnnualEvaluationView& e, bool english) {
  json::array groups, indicators;
  for (const auto& g : as::JiangxiGroups())
    groups.push_back(json::object{{"code", g.code}, {"name", english ? g.en : g.zh}});
  for (const auto& v : e.indicators)
    indicators.push_back(json::object{{"code", v.indicator->code},
                                      {"group", v.indicator->group},
                                      {"name", english ? v.indicator->en : v.indicator->zh},
                                      {"maxPoints", DecimalJson(v.indicator->max)},
                                      {"mode", v.mode},
                                      {"points", OptDecimal(v.points)},
                                      {"kpi", v.indicator->kpi ? json::value(json::string(as::KpiCode(*v.indicator->kpi)))
                                                               : json::value(nullptr)},
                                      {"kpiValue", OptDecimal(v.kpi_value)},
                                      {"note", v.note}});
  return {{"regionCode", e.region_code},
          {"regionName", e.region_name},
          {"year", e.year},
          {"boundary", e.boundary},
          {"total", DecimalJson(e.totals.total)},
          {"grade", e.totals.grade},
          {"gradeName", english ? e.totals.grade_en : e.totals.grade_zh},
          {"groups", std::move(groups)},
          {"indicators", std::move(indicators)}};
}

Result<std::vector<service::DutyView>> ParseDuties(const json::object& o) {
  auto it = o.find("duties");
  if (it == o.end() || !it->value().is_array())
    return InvalidField("duties", Text("应为部门职责数组", "must be an array of duties"));
  std::vector<service::DutyView> out;
  std::size_t n = 0;
  for (const auto& v : it->value().as_array()) {
    const std::string at = "duties[" + std::to_string(n++) + "]";
    if (!v.is_object()) return InvalidField(at, Text("应为对象", "must be an object"));
    const auto& d = v.as_object();
    service::DutyView x;
    HX_TRY_ASSIGN(x.department, RequiredString(d, "department"));
    HX_TRY_ASSIGN(x.name_zh, RequiredString(d, "nameZh"));
    HX_TRY_ASSIGN(x.name_en, OptionalText(d, "nameEn"));
    HX_TRY_ASSIGN(x.task, OptionalText(d, "task"));
    auto kpis = StringArray(d, "kpis");
    if (!kpis) return std::move(kpis).error();
    for (const auto& c : *kpis) {
      auto k = as::ParseKpi(c);
      if (!k)
        return InvalidField(at + ".kpis", Text("未知的考核指标 " + c, "unknown KPI " + c));
      x.kpis.push_back(*k);
    }
    out.push_back(std::move(x));
  }
  return out;
}

Result<service::MeetingInput> ParseMeetingInput(const json::object& o) {
  service::MeetingInput in;
  HX_TRY_ASSIGN(in.region_code, OptionalString(o, "regionCode"));
  HX_TRY_ASSIGN(in.held_on, RequiredString(o, "heldOn"));
  HX_TRY_ASSIGN(in.title, RequiredString(o, "title"));
  HX_TRY_ASSIGN(in.minutes, OptionalText(o, "minutes"));
  HX_TRY_ASSIGN(in.attendees, StringArray(o, "attendees"));
  return in;
}

Result<service::MeetingActionInput> ParseActionInput(const json::object& o) {
  service::MeetingActionInput in;
  HX_TRY_ASSIGN(in.text, RequiredString(o, "text"));
  HX_TRY_ASSIGN(in.owner, RequiredString(o, "owner"));
  HX_TRY_ASSIGN(in.deadline, RequiredString(o, "deadline"));
  HX_TRY_ASSIGN(in.status, OptionalString(o, "status"));
  return in;
}

Result<std::vector<service::MeetingActionInput>> ParseMeetingActions(const json::object& o) {
  std::vector<service::MeetingActionInput> out;
  auto it = o.find("actions");
  if (it == o.end() || it->value().is_null()) return out;
  if (!it->value().is_array()) return InvalidField("actions", Text("应为督办事项数组", "must be an array of action items"));
  std::size_t n = 0;
  for (const auto& v : it->value().as_array()) {
    if (!v.is_object()) return InvalidField("actions[" + std::to_string(n) + "]", Text("应为对象", "must be an object"));
    ++n;
    auto a = ParseActionInput(v.as_object());
    if (!a) return std::move(a).error();
    out.push_back(std::move(*a));
  }
  return out;
}

Result<service::AnnualScoreInput> ParseScoreInput(const json::object& o) {
  service::AnnualScoreInput in;
  HX_TRY_ASSIGN(in.mode, RequiredString(o, "mode"));
  HX_TRY_ASSIGN(in.points, ReadTwoDecimals(o, "points", Text("分", "points")));
  HX_TRY_ASSIGN(in.note, OptionalText(o, "note"));
  return in;
}

}  // namespace huanxin::http
