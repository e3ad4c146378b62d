#include "http/json/construction_works_json.hpp"

#include <boost/json.hpp>

#include "common/text.hpp"

namespace huanxin::http {

namespace json = boost::json;

namespace {

json::value OptId(const std::optional<std::int64_t>& v) { return v ? json::value(*v) : json::value(nullptr); }
json::value OptText(const std::optional<std::string>& v) { return v ? json::value(json::string(*v)) : json::value(nullptr); }
json::value OptDecimal(const std::optional<std::int64_t>& v) { return v ? DecimalJson(*v) : json::value(nullptr); }

json::object NoticeJson(const service::WorksNotice& n) {
  json::array buildings;
  for (const auto& b : n.buildings) buildings.push_back(json::string(b));
  return json::object{{"uid", n.uid},           {"estateId", n.estate_id}, {"estateName", n.estate_name},
                      {"buildings", buildings}, {"kind", n.kind},          {"stepCode", n.step_code},
                      {"stepName", n.step_name}, {"fromOn", n.from_on},    {"toOn", n.to_on}};
}

Error Field(const std::string& field, const Text& why) { return InvalidField(field, why); }

}  // namespace

json::object ProgressReportJson(const service::ProgressReportView& v) {
  const auto& r = v.report;
  return json::object{{"id", r.id},
                      {"stepCode", r.step_code},
                      {"percent", r.percent},
                      {"on", r.on_date},
                      {"photoFileId", OptId(r.photo_file_id)},
                      {"quantityDone", OptDecimal(r.quantity_centi)},
                      {"note", r.note},
                      {"reportedBy", r.reported_by_name},
                      {"createdAt", r.created_at}};
}

json::object ProgressJson(const service::ProgressView& v, bool english) {
  json::array items, estates, steps;
  for (const auto& i : v.rollup.items) {
    auto n = v.item_names.find(i.item_code);
    std::string name = n == v.item_names.end() ? i.item_code : english ? n->second.name_en : n->second.name_zh;
    items.push_back(json::object{{"itemCode", i.item_code},   {"itemName", name},
                                 {"percent", DecimalJson(i.percent)}, {"weight", i.weight},
                                 {"weightSet", i.weight_set}, {"reported", i.reported}});
  }
  for (const auto& e : v.rollup.estates) {
    auto n = v.estate_names.find(e.estate_id);
    estates.push_back(json::object{{"estateId", e.estate_id},
                                   {"name", n == v.estate_names.end() ? std::string() : n->second},
                                   {"percent", DecimalJson(e.percent)},
                                   {"reported", e.reported}});
  }
  for (const auto& sv : v.steps)
    steps.push_back(json::object{{"code", sv.step.code},
                                 {"name", sv.step.name},
                                 {"itemCode", OptText(sv.step.item_code)},
                                 {"percent", DecimalJson(sv.latest ? sv.latest->percent * 100 : 0)},
                                 {"reported", sv.latest.has_value()},
                                 {"lastOn", sv.latest ? json::value(json::string(sv.latest->on_date)) : json::value(nullptr)},
                                 {"photoFileId", sv.latest ? OptId(sv.latest->photo_file_id) : json::value(nullptr)}});
  return json::object{{"projectId", v.project.id}, {"percent", DecimalJson(v.rollup.percent)}, {"reported", v.rollup.reported},
                      {"items", items},           {"estates", estates},                      {"steps", steps}};
}

json::object ProgrammeProgressJson(const service::ProgrammeView& v) {
  json::array projects;
  for (const auto& p : v.projects)
    projects.push_back(json::object{{"projectId", p.project_id}, {"name", p.name}, {"percent", DecimalJson(p.percent)},
                                    {"weight", p.weight},        {"reported", p.reported}});
  return json::object{{"percent", DecimalJson(v.percent)}, {"reported", v.reported}, {"projects", projects}};
}

json::object TeamJson(const store::HouseholdTeamRecord& t) {
  json::array works;
  for (auto w : Split(t.works, ','))
    if (!w.empty()) works.push_back(json::string(w));
  return json::object{{"id", t.id}, {"name", t.name}, {"phone", t.phone}, {"works", works}, {"createdAt", t.created_at}};
}

json::object TeamsJson(const std::vector<store::HouseholdTeamRecord>& teams) {
  json::array items;
  for (const auto& t : teams) items.push_back(TeamJson(t));
  return json::object{{"items", items}};
}

json::object HouseholdWorkJson(const store::HouseholdWorkRecord& w) {
  return json::object{{"dwellingId", w.dwelling_id}, {"work", w.work},         {"status", w.status},
                      {"by", OptText(w.done_by)},    {"teamId", OptId(w.team_id)}, {"buildingId", w.building_id},
                      {"estateId", w.estate_id},     {"updatedAt", w.updated_at}};
}

json::object HouseholdSummaryJson(const service::HouseholdSummary& s) {
  json::array buildings;
  for (const auto& b : s.buildings)
    buildings.push_back(json::object{{"buildingId", b.building_id}, {"estateId", b.estate_id}, {"number", b.number},
                                     {"done", b.done},              {"total", b.total}});
  return json::object{{"work", s.work},
                      {"done", s.done},
                      {"total", s.total},
                      {"rate", DecimalJson(s.rate)},
                      {"inProgress", s.in_progress},
                      {"declined", s.declined},
                      {"notStarted", s.not_started},
                      {"byContractor", s.by_contractor},
                      {"bySelf", s.by_self},
                      {"buildings", buildings}};
}

json::object HouseholdGridJson(const std::vector<store::HouseholdGridRow>& rows) {
  json::array items;
  for (const auto& g : rows)
    items.push_back(json::object{{"dwellingId", g.dwelling_id}, {"stairwell", g.stairwell},
                                 {"floor", g.floor},             {"room", g.room},
                                 {"status", g.status.value_or("not_started")}, {"by", OptText(g.done_by)},
                                 {"teamId", OptId(g.team_id)}});
  return json::object{{"items", items}};
}

json::object NoticesJson(const std::vector<service::WorksNotice>& notices) {
  json::array items;
  for (const auto& n : notices) items.push_back(NoticeJson(n));
  return json::object{{"items", items}};
}

json::object PublicWorksJson(const service::PublicWorks& w) {
  json::array notices, steps;
  for (const auto& n : w.notices) notices.push_back(NoticeJson(n));
  for (const auto& s : w.steps)
    steps.push_back(json::object{{"name", s.name}, {"startOn", s.start_on}, {"endOn", s.end_on}, {"percent", DecimalJson(s.percent)}});
  return json::object{{"estate", json::object{{"id", w.estate.id}, {"name", w.estate.name}}},
                      {"notices", notices},
                      {"progress", w.percent ? json::value(json::object{{"percent", DecimalJson(*w.percent)}}) : json::value(nullptr)},
                      {"steps", steps}};
}

Response SheetImportAnswer(const service::SheetImport& r, bool english) {
  if (r.errors.empty()) return Json(200, json::object{{"imported", r.imported}});
  json::array errors;
  for (const auto& e : r.errors)
    errors.push_back(json::object{{"row", e.row}, {"column", e.column}, {"value", e.value},
                                  {"message", english ? e.message.en : e.message.zh}});
  const auto n = std::to_string(r.errors.size());
  auto err = ErrorResponse(service::Invalid("construction.invalid_rows", Text("进度表有错误，未导入任何一行", "the sheet has errors; nothing was imported"),
                                   Text(n + " 行有错误", n + " rows have errors"),
                                   Text("按 errors 中的行号改正后重新上传整张表", "correct the rows listed in errors and upload the whole sheet again")),
                           english);
  auto envelope = json::parse(err.body).as_object();
  envelope["errors"] = errors;
  envelope["imported"] = 0;
  err.body = json::serialize(envelope);
  return err;
}

Result<service::ProgressInput> ParseProgressInput(const json::object& o) {
  service::ProgressInput in;
  auto step = RequiredString(o, "stepCode");
  if (!step) return std::move(step).error();
  in.step_code = std::move(*step);
  auto percent = OptionalInt64(o, "percent");
  if (!percent) return std::move(percent).error();
  if (!*percent) return Field("percent", Text("必填，0–100 的整数", "required, an integer 0–100"));
  in.percent = **percent;
  auto on = RequiredString(o, "on");
  if (!on) return std::move(on).error();
  in.on = std::move(*on);
  auto photo = OptionalInt64(o, "photoFileId");
  if (!photo) return std::move(photo).error();
  in.photo_file_id = *photo;
  auto quantity = ReadTwoDecimals(o, "quantityDone", Text("工程量", "quantity"));
  if (!quantity) return std::move(quantity).error();
  in.quantity_centi = *quantity;
  auto note = OptionalString(o, "note");
  if (!note) return std::move(note).error();
  in.note = note->value_or("");
  auto client = OptionalString(o, "clientId");
  if (!client) return std::move(client).error();
  in.client_id = *client;
  return in;
}

Result<std::map<std::string, std::int64_t>> ParseWeights(const json::object& o) {
  auto it = o.find("weights");
  if (it == o.end() || !it->value().is_object())
    return Field("weights", Text("应为对象 {改造内容编码: 千分比}", "must be an object {itemCode: permille}"));
  std::map<std::string, std::int64_t> out;
  for (const auto& [k, v] : it->value().as_object()) {
    if (!v.is_int64() && !v.is_uint64())
      return Field("weights." + std::string(k), Text("应为整数千分比", "must be an integer permille"));
    out[std::string(k)] = v.is_int64() ? v.as_int64() : static_cast<std::int64_t>(v.as_uint64());
  }
  return out;
}

Result<service::TeamInput> ParseTeamInput(const json::object& o) {
  service::TeamInput in;
  auto name = RequiredString(o, "name");
  if (!name) return std::move(name).error();
  in.name = std::move(*name);
  auto phone = OptionalString(o, "phone");
  if (!phone) return std::move(phone).error();
  in.phone = phone->value_or("");
  auto it = o.find("works");
  if (it == o.end() || !it->value().is_array()) return Field("works", Text("应为入户工程编码的数组", "must be an array of work codes"));
  for (const auto& w : it->value().as_array()) {
    if (!w.is_string()) return Field("works", Text("应为入户工程编码的数组", "must be an array of work codes"));
    in.works.emplace_back(w.as_string());
  }
  return in;
}

Result<service::HouseholdWorkInput> ParseHouseholdWorkInput(const json::object& o) {
  service::HouseholdWorkInput in;
  auto work = RequiredString(o, "work");
  if (!work) return std::move(work).error();
  in.work = std::move(*work);
  auto status = RequiredString(o, "status");
  if (!status) return std::move(status).error();
  in.status = std::move(*status);
  auto by = OptionalString(o, "by");
  if (!by) return std::move(by).error();
  in.by = *by;
  auto team = OptionalInt64(o, "teamId");
  if (!team) return std::move(team).error();
  in.team_id = *team;
  return in;
}

}  // namespace huanxin::http
