#include "http/json/publicity_json.hpp"

#include <boost/json.hpp>
#include <climits>

#include "core/project/publicity.hpp"

namespace huanxin::http {

namespace json = boost::json;

namespace {

json::value OrNull(const std::string& s) { return s.empty() ? json::value(nullptr) : json::value(s); }
template <typename T>
json::value OrNull(const std::optional<T>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}

std::string KindName(const std::string& code, bool english) {
  auto kind = core::project::ParseNoticeKind(code);
  return kind ? core::project::NoticeKindName(*kind).In(english) : code;
}

json::value PhotoJson(const store::PublicityVersionRecord& v) {
  if (!v.photo_file_id) return nullptr;
  return json::object{{"id", *v.photo_file_id},
                      {"name", v.photo_name},
                      {"contentType", v.photo_content_type},
                      {"size", v.photo_size}};
}

json::object VersionJson(const store::PublicityVersionRecord& v) {
  return {{"version", v.version},     {"title", v.title},
          {"body", v.body},           {"startsOn", v.starts_on},
          {"endsOn", v.ends_on},      {"workingDays", v.working_days},
          {"reason", OrNull(v.reason)}, {"photo", PhotoJson(v)},
          {"createdBy", v.created_by_name}, {"createdAt", v.created_at}};
}

// The fields staff and the public share: the notice and its current version.
json::object NoticeCore(const service::NoticeView& v, bool english) {
  const auto& n = v.notice;
  const auto& c = n.current;
  return {{"id", n.id},
          {"projectName", n.project_name},
          {"regionCode", n.region_code},
          {"kind", n.kind},
          {"kindName", KindName(n.kind, english)},
          {"version", n.current_version},
          {"title", c.title},
          {"body", c.body},
          {"startsOn", c.starts_on},
          {"endsOn", c.ends_on},
          {"workingDays", c.working_days},
          {"status", v.status}};
}

Result<std::optional<int>> OptionalInt(const json::object& o, const char* field, int min, int max) {
  const auto* v = o.if_contains(field);
  if (!v || v->is_null()) return std::optional<int>{};
  if (!v->is_int64() || v->as_int64() < min || v->as_int64() > max)
    return InvalidField(field, Text("应为" + std::to_string(min) + "–" + std::to_string(max) + "的整数",
                                    "must be an integer " + std::to_string(min) + "–" + std::to_string(max)));
  return std::optional<int>(static_cast<int>(v->as_int64()));
}

// title, body, startsOn and workingDays: what a notice and a revision both carry.
template <typename In>
Result<void> ParseVersionFields(const json::object& o, In& in) {
  auto title = RequiredString(o, "title");
  if (!title) return std::move(title).error();
  in.title = std::move(*title);
  auto body = RequiredString(o, "body");
  if (!body) return std::move(body).error();
  in.body = std::move(*body);
  auto starts = OptionalString(o, "startsOn");
  if (!starts) return std::move(starts).error();
  in.starts_on = std::move(*starts);
  // The range is the service's (422 publicity.invalid_field); here only that it is an integer.
  auto days = OptionalInt(o, "workingDays", INT32_MIN, INT32_MAX);
  if (!days) return std::move(days).error();
  in.working_days = *days;
  return Ok();
}

}  // namespace

json::object NoticeJson(const service::NoticeView& v, bool english, bool full) {
  auto out = NoticeCore(v, english);
  const auto& n = v.notice;
  out["projectId"] = n.project_id;
  out["reason"] = OrNull(n.current.reason);
  out["photo"] = PhotoJson(n.current);
  out["objectionCount"] = n.objections;
  out["unansweredCount"] = n.unanswered;
  out["createdAt"] = n.created_at;
  out["updatedAt"] = n.current.created_at;
  if (!full) return out;
  json::array versions, objections;
  for (const auto& ver : v.versions) versions.push_back(VersionJson(ver));
  for (const auto& o : v.objections) objections.push_back(ObjectionJson(o));
  out["versions"] = std::move(versions);
  out["objections"] = std::move(objections);
  return out;
}

json::object NoticeListJson(const std::vector<service::NoticeView>& list, bool english) {
  json::array items;
  for (const auto& v : list) items.push_back(NoticeJson(v, english, false));
  return {{"items", std::move(items)}};
}

json::object ObjectionJson(const store::PublicityObjectionRecord& o) {
  return {{"id", o.id},
          {"version", o.version},
          {"content", o.content},
          {"name", OrNull(o.name)},
          {"phone", OrNull(o.phone)},
          {"receivedAt", o.received_at},
          {"answer", OrNull(o.answer)},
          {"answeredBy", OrNull(o.answered_by_name)},
          {"answeredAt", OrNull(o.answered_at)}};
}

json::object PublicNoticeJson(const service::NoticeView& v, bool english) {
  auto out = NoticeCore(v, english);
  out["regionName"] = OrNull(v.region_name);
  out["today"] = v.today;
  json::array versions, objections;
  for (const auto& ver : v.versions)
    versions.push_back({{"version", ver.version},
                        {"title", ver.title},
                        {"startsOn", ver.starts_on},
                        {"endsOn", ver.ends_on},
                        {"reason", OrNull(ver.reason)},
                        {"createdAt", ver.created_at}});
  for (const auto& o : v.objections) {
    if (!o.answer) continue;  // only answered objections are published
    objections.push_back({{"id", o.id},
                          {"version", o.version},
                          {"content", o.content},
                          {"receivedAt", o.received_at},
                          {"answer", *o.answer},
                          {"answeredAt", OrNull(o.answered_at)}});
  }
  out["versions"] = std::move(versions);
  out["objections"] = std::move(objections);
  out["printUrl"] = "/api/v1/public/publicity/" + std::to_string(v.notice.id) + "/print";
  return out;
}

json::object ObjectionReceiptJson(const service::ObjectionReceipt& r) {
  return {{"id", r.id}, {"receivedAt", r.received_at}};
}

Result<service::NoticeInput> ParseNoticeInput(const json::object& o) {
  service::NoticeInput in;
  const auto* project = o.if_contains("projectId");
  if (!project || !project->is_int64() || project->as_int64() < 1)
    return InvalidField("projectId", Text("必填，应为正整数", "required positive integer"));
  in.project_id = project->as_int64();
  auto kind = RequiredString(o, "kind");
  if (!kind) return std::move(kind).error();
  in.kind = std::move(*kind);
  if (auto r = ParseVersionFields(o, in); !r) return std::move(r).error();
  return in;
}

Result<service::RevisionInput> ParseRevisionInput(const json::object& o) {
  service::RevisionInput in;
  if (auto r = ParseVersionFields(o, in); !r) return std::move(r).error();
  auto reason = RequiredString(o, "reason");
  if (!reason) return std::move(reason).error();
  in.reason = std::move(*reason);
  return in;
}

Result<service::ObjectionInput> ParseObjectionInput(const json::object& o) {
  service::ObjectionInput in;
  auto content = RequiredString(o, "content");
  if (!content) return std::move(content).error();
  in.content = std::move(*content);
  auto name = OptionalString(o, "name");
  if (!name) return std::move(name).error();
  in.name = std::move(*name);
  auto phone = OptionalString(o, "phone");
  if (!phone) return std::move(phone).error();
  in.phone = std::move(*phone);
  return in;
}

}  // namespace huanxin::http
