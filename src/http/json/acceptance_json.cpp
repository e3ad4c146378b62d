#include "http/json/acceptance_json.hpp"

#include "http/json/platform_json.hpp"

namespace huanxin::http {

namespace {

namespace json = boost::json;

json::value OptId(const std::optional<std::int64_t>& v) { return v ? json::value(*v) : json::value(nullptr); }
json::value OptText(const std::optional<std::string>& v) { return v ? json::value(json::string(*v)) : json::value(nullptr); }

json::object PunchJson(const store::PunchItemRecord& p) {
  return json::object{{"id", p.id},
                      {"source", p.source},
                      {"dwellingId", OptId(p.dwelling_id)},
                      {"work", OptText(p.work)},
                      {"description", p.description},
                      {"status", p.status},
                      {"waiverReason", p.waiver_reason},
                      {"createdAt", p.created_at},
                      {"updatedAt", p.updated_at}};
}

Result<std::string> OptionalText(const json::object& o, const char* field) {
  auto v = OptionalString(o, field);
  if (!v) return std::move(v).error();
  return v->value_or("");
}

}  // namespace

json::object HouseholdAcceptanceJson(const store::HouseholdAcceptanceRecord& h) {
  return json::object{{"projectId", h.project_id},
                      {"dwellingId", h.dwelling_id},
                      {"work", h.work},
                      {"estateId", h.estate_id},
                      {"regionCode", h.region_code},
                      {"buildingNumber", h.building_number},
                      {"room", h.room},
                      {"result", h.result},
                      {"signatureFileId", OptId(h.signature_file_id)},
                      {"reason", h.reason},
                      {"punchItemId", OptId(h.punch_item_id)},
                      {"recordedBy", h.recorded_by},
                      {"recordedAt", h.recorded_at}};
}

json::object HouseholdAcceptancesJson(const std::vector<store::HouseholdAcceptanceRecord>& list) {
  json::array items;
  for (const auto& h : list) items.push_back(HouseholdAcceptanceJson(h));
  return json::object{{"items", std::move(items)}};
}

json::object AcceptanceJson(const service::AcceptanceView& v) {
  json::object o;
  o["projectId"] = v.project_id;
  o["projectName"] = v.project_name;
  o["status"] = v.handover ? "handed_over" : v.acceptance ? "accepted" : "pending";
  if (v.acceptance) {
    const auto& a = *v.acceptance;
    json::array participants;
    for (const auto& p : a.participants)
      participants.push_back(json::object{{"role", p.role}, {"name", p.name}, {"representative", p.representative}});
    // The checklist as it came: one entry per item with its criteria in order.
    json::array checklist;
    for (const auto& sc : a.scores) {
      if (checklist.empty() || checklist.back().as_object().at("itemCode").as_string() != sc.item_code)
        checklist.push_back(json::object{{"itemCode", sc.item_code}, {"itemName", sc.item_name}, {"scores", json::object{}}});
      checklist.back().as_object()["scores"].as_object()[sc.criterion] = sc.score;
    }
    o["acceptance"] = json::object{{"id", a.id},
                                   {"on", a.accepted_on},
                                   {"participants", std::move(participants)},
                                   {"checklist", std::move(checklist)},
                                   {"points", a.points},
                                   {"maxPoints", a.max_points},
                                   {"percent", DecimalJson(v.percent_hundredths)},
                                   {"note", a.note},
                                   {"recordedBy", a.recorded_by},
                                   {"recordedAt", a.created_at}};
  } else {
    o["acceptance"] = nullptr;
  }
  json::array punch;
  for (const auto& p : v.punch_list) punch.push_back(PunchJson(p));
  o["punchList"] = std::move(punch);
  if (v.handover)
    o["handover"] = json::object{{"on", v.handover->handed_on},
                                 {"receiver", v.handover->receiver},
                                 {"note", v.handover->note},
                                 {"recordedBy", v.handover->recorded_by},
                                 {"recordedAt", v.handover->created_at}};
  else
    o["handover"] = nullptr;
  return o;
}

json::object WarrantiesJson(const std::vector<service::WarrantyRow>& rows) {
  json::array items;
  for (const auto& w : rows)
    items.push_back(json::object{{"projectId", w.project_id},
                                 {"projectName", w.project_name},
                                 {"itemCode", w.item_code},
                                 {"itemName", w.item_name},
                                 {"kind", w.kind},
                                 {"from", w.from},
                                 {"until", w.until},
                                 {"running", w.running},
                                 {"daysLeft", w.days_left}});
  return json::object{{"items", std::move(items)}};
}

Result<service::HouseholdAcceptanceInput> ParseHouseholdAcceptanceInput(const json::object& o) {
  service::HouseholdAcceptanceInput in;
  HX_TRY_ASSIGN(in.work, RequiredString(o, "work"));
  HX_TRY_ASSIGN(in.result, RequiredString(o, "result"));
  HX_TRY_ASSIGN(in.signature_file_id, OptionalInt64(o, "signatureFileId"));
  HX_TRY_ASSIGN(in.reason, OptionalText(o, "reason"));
  return in;
}

Result<service::AcceptanceInput> ParseAcceptanceInput(const json::object& o) {
  service::AcceptanceInput in;
  HX_TRY_ASSIGN(in.on, RequiredString(o, "on"));
  HX_TRY_ASSIGN(in.note, OptionalText(o, "note"));
  auto participants = o.find("participants");
  if (participants == o.end() || !participants->value().is_array())
    return InvalidField("participants", Text("应为参加单位数组", "must be an array of participants"));
  std::size_t n = 0;
  for (const auto& v : participants->value().as_array()) {
    const std::string at = "participants[" + std::to_string(n++) + "]";
    if (!v.is_object()) return InvalidField(at, Text("应为对象", "must be an object"));
    service::ParticipantInput p;
    HX_TRY_ASSIGN(p.role, RequiredString(v.as_object(), "role"));
    HX_TRY_ASSIGN(p.name, RequiredString(v.as_object(), "name"));
    HX_TRY_ASSIGN(p.representative, OptionalText(v.as_object(), "representative"));
    in.participants.push_back(std::move(p));
  }
  auto checklist = o.find("checklist");
  if (checklist == o.end() || !checklist->value().is_array())
    return InvalidField("checklist", Text("应为验收项目数组", "must be an array of items"));
  n = 0;
  for (const auto& v : checklist->value().as_array()) {
    const std::string at = "checklist[" + std::to_string(n++) + "]";
    if (!v.is_object()) return InvalidField(at, Text("应为对象", "must be an object"));
    service::ChecklistInput c;
    HX_TRY_ASSIGN(c.item_code, RequiredString(v.as_object(), "itemCode"));
    auto scores = v.as_object().find("scores");
    if (scores == v.as_object().end() || !scores->value().is_object())
      return InvalidField(at + ".scores", Text("应为 {评分项: 1–5分} 对象", "must be an object {criterion: 1–5}"));
    for (const auto& [criterion, score] : scores->value().as_object()) {
      if (!score.is_int64() && !score.is_uint64())
        return InvalidField(at + ".scores." + std::string(criterion), Text("应为1–5的整数", "must be an integer 1–5"));
      c.scores.push_back({std::string(criterion), score.is_int64() ? score.as_int64() : 99});
    }
    in.checklist.push_back(std::move(c));
  }
  auto punch = o.find("punchList");
  if (punch != o.end() && !punch->value().is_null()) {
    if (!punch->value().is_array()) return InvalidField("punchList", Text("应为数组", "must be an array"));
    n = 0;
    for (const auto& v : punch->value().as_array()) {
      const std::string at = "punchList[" + std::to_string(n++) + "]";
      if (!v.is_object()) return InvalidField(at, Text("应为对象", "must be an object"));
      service::PunchInput p;
      HX_TRY_ASSIGN(p.id, OptionalInt64(v.as_object(), "id"));
      HX_TRY_ASSIGN(p.description, OptionalText(v.as_object(), "description"));
      HX_TRY_ASSIGN(p.status, RequiredString(v.as_object(), "status"));
      HX_TRY_ASSIGN(p.waiver_reason, OptionalText(v.as_object(), "waiverReason"));
      in.punch_list.push_back(std::move(p));
    }
  }
  return in;
}

Result<service::HandoverInput> ParseHandoverInput(const json::object& o) {
  service::HandoverInput in;
  HX_TRY_ASSIGN(in.on, RequiredString(o, "on"));
  HX_TRY_ASSIGN(in.receiver, RequiredString(o, "receiver"));
  HX_TRY_ASSIGN(in.note, OptionalText(o, "note"));
  return in;
}

}  // namespace huanxin::http
