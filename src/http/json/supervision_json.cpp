#include "http/json/supervision_json.hpp"

#include <boost/json.hpp>
#include <cmath>

#include "http/json/json_input.hpp"

namespace huanxin::http {

namespace json = boost::json;

namespace {

json::value OptId(const std::optional<std::int64_t>& v) { return v ? json::value(*v) : json::value(nullptr); }
json::value OptText(const std::optional<std::string>& v) { return v ? json::value(json::string(*v)) : json::value(nullptr); }
json::array Ids(const std::vector<std::int64_t>& ids) { return json::array(ids.begin(), ids.end()); }
json::value Degrees(const std::optional<std::int64_t>& micro) {
  return micro ? json::value(static_cast<double>(*micro) / 1e6) : json::value(nullptr);
}

template <typename T>
json::object Items(const std::vector<T>& list, json::object (*one)(const T&)) {
  json::array items;
  for (const auto& x : list) items.push_back(one(x));
  return json::object{{"items", items}};
}

// An optional array of ids ("photoFileIds" by default).
Result<std::vector<std::int64_t>> IdList(const json::object& o, const std::string& field = "photoFileIds") {
  auto it = o.find(field);
  if (it == o.end() || it->value().is_null()) return std::vector<std::int64_t>{};
  return ParseIdArray(it->value(), field);
}

Result<std::string> OptionalText(const json::object& o, const char* field) {
  auto v = OptionalString(o, field);
  if (!v) return std::move(v).error();
  return v->value_or("");
}

// Degrees as millionths; absent or null → nullopt.
Result<std::optional<std::int64_t>> Coordinate(const json::object& o, const char* field) {
  auto it = o.find(field);
  if (it == o.end() || it->value().is_null()) return std::optional<std::int64_t>();
  if (!it->value().is_number()) return InvalidField(field, Text("应为数字（度）", "must be a number (degrees)"));
  const double d = it->value().to_number<double>();
  if (!std::isfinite(d)) return InvalidField(field, Text("应为数字（度）", "must be a number (degrees)"));
  return std::optional<std::int64_t>(std::llround(d * 1e6));
}

Result<std::int64_t> RequiredId(const json::object& o, const char* field) {
  auto v = OptionalInt64(o, field);
  if (!v) return std::move(v).error();
  if (!*v) return InvalidField(field, Text("缺少必填字段", "required field is missing"));
  if (**v <= 0) return InvalidField(field, Text("应为正整数", "must be a positive integer"));
  return **v;
}

}  // namespace

json::object ChecklistJson(const std::vector<store::ChecklistItemRecord>& items, bool english) {
  json::array out;
  for (const auto& i : items)
    out.push_back(json::object{{"code", i.code}, {"name", english ? i.name_en : i.name_zh}, {"position", i.position}});
  return json::object{{"items", out}};
}

json::object ResponsibleUnitJson(const store::ResponsibleUnitRecord& u) {
  return json::object{{"id", u.id},         {"regionCode", u.region_code}, {"company", u.company},
                      {"kind", u.kind},     {"creditCode", u.credit_code}, {"contact", u.contact},
                      {"phone", u.phone},   {"userIds", Ids(u.user_ids)}, {"createdAt", u.created_at}};
}

json::object ResponsibleUnitsJson(const std::vector<store::ResponsibleUnitRecord>& units) { return Items(units, ResponsibleUnitJson); }

json::object SupervisorJson(const store::SupervisorRecord& s) {
  return json::object{{"id", s.id},
                      {"regionCode", s.region_code},
                      {"name", s.name},
                      {"role", s.role},
                      {"phone", s.phone},
                      {"background", s.background},
                      {"userId", OptId(s.user_id)},
                      {"estateIds", Ids(s.estate_ids)},
                      {"projectIds", Ids(s.project_ids)},
                      {"createdAt", s.created_at}};
}

json::object SupervisorsJson(const std::vector<store::SupervisorRecord>& list) { return Items(list, SupervisorJson); }

json::object InspectionJson(const store::InspectionRecord& i) {
  json::array findings;
  for (const auto& f : i.findings)
    findings.push_back(json::object{{"id", f.id}, {"itemCode", f.item_code}, {"text", f.text}, {"photoFileIds", Ids(f.photo_file_ids)}});
  return json::object{{"id", i.id},
                      {"projectId", i.project_id},
                      {"stepCode", OptText(i.step_code)},
                      {"clientId", OptText(i.client_id)},
                      {"inspectedAt", i.inspected_at},
                      {"lat", Degrees(i.lat_micro)},
                      {"lng", Degrees(i.lng_micro)},
                      {"place", i.place},
                      {"note", i.note},
                      {"inspectedBy", i.inspected_by_name},
                      {"findings", findings},
                      {"createdAt", i.created_at}};
}

json::object InspectionsJson(const std::vector<store::InspectionRecord>& list) { return Items(list, InspectionJson); }

json::object SupervisionActionJson(const store::SupervisionActionRecord& a) {
  return json::object{{"id", a.id}, {"text", a.text}, {"owner", a.owner}, {"dueOn", a.due_on}, {"status", a.status}};
}

json::object SupervisionDayJson(const store::SupervisionDayRecord& d) {
  json::array attendees, actions;
  for (const auto& a : d.attendees) attendees.push_back(json::string(a));
  for (const auto& a : d.actions) actions.push_back(SupervisionActionJson(a));
  return json::object{{"id", d.id},           {"projectId", d.project_id}, {"heldOn", d.held_on},
                      {"attendees", attendees}, {"minutes", d.minutes},     {"actions", actions},
                      {"createdBy", d.created_by_name}, {"createdAt", d.created_at}};
}

json::object SupervisionDaysJson(const std::vector<store::SupervisionDayRecord>& list) { return Items(list, SupervisionDayJson); }

json::object OrderJson(const service::OrderView& v) {
  const auto& o = v.order;
  json::array events;
  for (const auto& e : v.events)
    events.push_back(json::object{{"kind", e.kind},
                                  {"level", e.level ? json::value(*e.level) : json::value(nullptr)},
                                  {"note", e.note},
                                  {"photoFileIds", Ids(e.photo_file_ids)},
                                  {"stepCode", OptText(e.step_code)},
                                  {"by", e.by_name},
                                  {"at", e.created_at}});
  std::string register_link = "/api/v1/quality-register?projectId=" + std::to_string(o.project_id);
  if (o.item_code) register_link += "&itemCode=" + *o.item_code;
  return json::object{{"id", o.id},
                      {"projectId", o.project_id},
                      {"unitId", o.unit_id},
                      {"unitCompany", o.unit_company},
                      {"unitKind", o.unit_kind},
                      {"findingId", OptId(o.finding_id)},
                      {"stepCode", OptText(o.step_code)},
                      {"itemCode", OptText(o.item_code)},
                      {"finding", o.finding},
                      {"photoFileIds", Ids(o.photo_file_ids)},
                      {"issuedOn", o.issued_on},
                      {"dueInWorkingDays", o.working_days},
                      {"dueOn", o.due_on},
                      {"status", o.status},
                      {"overdue", v.overdue},
                      {"level", o.level},
                      {"rework", o.reworks > 0},
                      {"reworks", o.reworks},
                      {"reply", o.replied_at ? json::value(json::object{{"note", o.reply_note.value_or("")},
                                                                         {"photoFileIds", Ids(o.reply_photo_file_ids)},
                                                                         {"at", *o.replied_at}})
                                             : json::value(nullptr)},
                      {"closedOn", OptText(o.closed_on)},
                      {"issuedBy", o.issued_by_name},
                      {"createdAt", o.created_at},
                      {"qualityRegister", register_link},
                      {"events", events}};
}

json::object OrdersJson(const service::OrderPage& page, std::int64_t page_number, std::int64_t page_size) {
  json::array items;
  for (const auto& v : page.items) {
    auto o = OrderJson(v);
    o.erase("events");
    items.push_back(o);
  }
  return json::object{{"items", items}, {"total", page.total}, {"page", page_number}, {"pageSize", page_size}};
}

json::object ScoresJson(const std::vector<service::UnitScore>& list) {
  json::array items;
  for (const auto& s : list)
    items.push_back(json::object{{"unitId", s.unit.id},
                                 {"company", s.unit.company},
                                 {"kind", s.unit.kind},
                                 {"orders", s.record.orders},
                                 {"overdue", s.record.overdue},
                                 {"reworks", s.record.reworks},
                                 {"closed", s.record.closed},
                                 {"closedOnTime", s.record.closed_on_time},
                                 {"onTimeRate", s.on_time_rate ? DecimalJson(*s.on_time_rate) : json::value(nullptr)},
                                 {"score", s.score}});
  return json::object{{"items", items}};
}

json::object QualityRegisterJson(const std::vector<store::QualityRegisterRow>& rows) {
  json::array items;
  for (const auto& r : rows)
    items.push_back(json::object{{"projectId", r.project_id},
                                 {"projectName", r.project_name},
                                 {"stepCode", r.step_code.empty() ? json::value(nullptr) : json::value(json::string(r.step_code))},
                                 {"stepName", r.step_code.empty() ? json::value(nullptr) : json::value(json::string(r.step_name))},
                                 {"itemCode", OptText(r.item_code)},
                                 {"itemName", OptText(r.item_name)},
                                 {"estateId", OptId(r.estate_id)},
                                 {"role", r.role},            {"company", r.company},     {"creditCode", r.credit_code},
                                 {"person", r.contact},       {"phone", r.phone}});
  return json::object{{"items", items}};
}

json::object SupervisionWorkbenchJson(const service::SupervisionWorkbench& w) {
  return json::object{{"open", w.open},
                      {"replied", w.replied},
                      {"overdue", w.overdue},
                      {"overdueByLevel", json::object{{"street", w.street_level}, {"bureau", w.bureau_level}}}};
}

Result<service::ResponsibleUnitInput> ParseResponsibleUnitInput(const json::object& o) {
  service::ResponsibleUnitInput in;
  HX_TRY_ASSIGN(in.region_code, RequiredString(o, "regionCode"));
  HX_TRY_ASSIGN(in.company, RequiredString(o, "company"));
  HX_TRY_ASSIGN(in.kind, RequiredString(o, "kind"));
  HX_TRY_ASSIGN(in.credit_code, OptionalText(o, "creditCode"));
  HX_TRY_ASSIGN(in.contact, OptionalText(o, "contact"));
  HX_TRY_ASSIGN(in.phone, OptionalText(o, "phone"));
  HX_TRY_ASSIGN(in.user_ids, IdList(o, "userIds"));
  return in;
}

Result<service::SupervisorInput> ParseSupervisorInput(const json::object& o) {
  service::SupervisorInput in;
  HX_TRY_ASSIGN(in.region_code, RequiredString(o, "regionCode"));
  HX_TRY_ASSIGN(in.name, RequiredString(o, "name"));
  HX_TRY_ASSIGN(in.role, RequiredString(o, "role"));
  HX_TRY_ASSIGN(in.phone, OptionalText(o, "phone"));
  HX_TRY_ASSIGN(in.background, OptionalText(o, "background"));
  HX_TRY_ASSIGN(in.user_id, OptionalInt64(o, "userId"));
  HX_TRY_ASSIGN(in.estate_ids, IdList(o, "estateIds"));
  HX_TRY_ASSIGN(in.project_ids, IdList(o, "projectIds"));
  return in;
}

Result<service::InspectionInput> ParseInspectionInput(const json::object& o) {
  service::InspectionInput in;
  HX_TRY_ASSIGN(in.step_code, OptionalString(o, "stepCode"));
  HX_TRY_ASSIGN(in.client_id, OptionalString(o, "clientId"));
  HX_TRY_ASSIGN(in.inspected_at, OptionalString(o, "inspectedAt"));
  HX_TRY_ASSIGN(in.lat_micro, Coordinate(o, "lat"));
  HX_TRY_ASSIGN(in.lng_micro, Coordinate(o, "lng"));
  HX_TRY_ASSIGN(in.place, OptionalText(o, "place"));
  HX_TRY_ASSIGN(in.note, OptionalText(o, "note"));
  auto it = o.find("findings");
  if (it != o.end() && !it->value().is_null()) {
    if (!it->value().is_array()) return InvalidField("findings", Text("应为数组", "must be an array"));
    std::size_t n = 0;
    for (const auto& v : it->value().as_array()) {
      const std::string at = "findings[" + std::to_string(n++) + "]";
      if (!v.is_object()) return InvalidField(at, Text("应为对象", "must be an object"));
      const auto& f = v.as_object();
      service::FindingInput fi;
      HX_TRY_ASSIGN(fi.item_code, RequiredString(f, "itemCode"));
      HX_TRY_ASSIGN(fi.text, RequiredString(f, "text"));
      HX_TRY_ASSIGN(fi.photo_file_ids, IdList(f));
      in.findings.push_back(std::move(fi));
    }
  }
  return in;
}

Result<service::DayInput> ParseDayInput(const json::object& o) {
  service::DayInput in;
  HX_TRY_ASSIGN(in.held_on, RequiredString(o, "heldOn"));
  HX_TRY_ASSIGN(in.minutes, OptionalText(o, "minutes"));
  auto people = o.find("attendees");
  if (people == o.end() || !people->value().is_array())
    return InvalidField("attendees", Text("应为姓名数组", "must be an array of names"));
  for (const auto& v : people->value().as_array()) {
    if (!v.is_string()) return InvalidField("attendees", Text("应为姓名数组", "must be an array of names"));
    in.attendees.emplace_back(v.as_string());
  }
  auto actions = o.find("actions");
  if (actions != o.end() && !actions->value().is_null()) {
    if (!actions->value().is_array()) return InvalidField("actions", Text("应为数组", "must be an array"));
    std::size_t n = 0;
    for (const auto& v : actions->value().as_array()) {
      const std::string at = "actions[" + std::to_string(n++) + "]";
      if (!v.is_object()) return InvalidField(at, Text("应为对象", "must be an object"));
      service::ActionInput a;
      HX_TRY_ASSIGN(a.text, RequiredString(v.as_object(), "text"));
      HX_TRY_ASSIGN(a.owner, RequiredString(v.as_object(), "owner"));
      HX_TRY_ASSIGN(a.due_on, RequiredString(v.as_object(), "dueOn"));
      in.actions.push_back(std::move(a));
    }
  }
  return in;
}

Result<service::OrderInput> ParseOrderInput(const json::object& o) {
  service::OrderInput in;
  HX_TRY_ASSIGN(in.project_id, RequiredId(o, "projectId"));
  HX_TRY_ASSIGN(in.finding, RequiredString(o, "finding"));
  HX_TRY_ASSIGN(in.unit_id, RequiredId(o, "unitId"));
  std::optional<std::int64_t> days;
  HX_TRY_ASSIGN(days, OptionalInt64(o, "dueInWorkingDays"));
  if (!days) return InvalidField("dueInWorkingDays", Text("缺少必填字段", "required field is missing"));
  in.due_in_working_days = *days;
  HX_TRY_ASSIGN(in.photo_file_ids, IdList(o));
  HX_TRY_ASSIGN(in.finding_id, OptionalInt64(o, "findingId"));
  HX_TRY_ASSIGN(in.step_code, OptionalString(o, "stepCode"));
  HX_TRY_ASSIGN(in.item_code, OptionalString(o, "itemCode"));
  return in;
}

Result<service::ReplyInput> ParseReplyInput(const json::object& o) {
  service::ReplyInput in;
  HX_TRY_ASSIGN(in.note, RequiredString(o, "note"));
  HX_TRY_ASSIGN(in.photo_file_ids, IdList(o));
  return in;
}

Result<service::RecheckInput> ParseRecheckInput(const json::object& o) {
  service::RecheckInput in;
  std::optional<bool> passed;
  HX_TRY_ASSIGN(passed, OptionalBool(o, "passed"));
  if (!passed) return InvalidField("passed", Text("缺少必填字段", "required field is missing"));
  in.passed = *passed;
  HX_TRY_ASSIGN(in.note, OptionalText(o, "note"));
  HX_TRY_ASSIGN(in.photo_file_ids, IdList(o));
  return in;
}

}  // namespace huanxin::http
