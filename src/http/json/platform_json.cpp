#include "http/json/platform_json.hpp"

#include <boost/json/parse.hpp>

#include "core/auth/role.hpp"

namespace huanxin::http {

namespace json = boost::json;

json::object HealthJson(const std::string& version, std::string_view database, const std::string& time) {
  return {{"status", "ok"}, {"version", version}, {"database", database}, {"time", time}};
}

boost::json::object UserJson(const service::UserView& v) {
  const auto& u = v.user;
  boost::json::array assignments, permissions;
  for (const auto& a : u.assignments) assignments.push_back({{"kind", a.kind}, {"id", a.target_id}});
  if (auto role = core::auth::ParseRole(u.role))
    for (auto p : core::auth::PermissionsOf(*role)) permissions.push_back(boost::json::string(p));
  return {{"id", u.id},
          {"username", u.username},
          {"displayName", u.display_name},
          {"role", u.role},
          {"scopeCode", u.region_code},
          {"scopeName", v.scope_name},
          {"phone", u.phone ? boost::json::value(boost::json::string(*u.phone)) : boost::json::value(nullptr)},
          {"disabled", u.disabled},
          {"assignments", std::move(assignments)},
          {"permissions", std::move(permissions)},
          {"createdAt", u.created_at},
          {"updatedAt", u.updated_at}};
}

json::object LoginJson(const service::LoginResult& login) {
  return {{"token", login.token},
          {"csrfToken", login.csrf_token},
          {"expiresAt", login.expires_at},
          {"user", UserJson(service::UserView{login.user, login.scope_name})}};
}

json::object MeJson(const service::UserView& v, const store::SessionRecord& session) {
  return {{"user", UserJson(v)}, {"csrfToken", session.csrf_token}, {"expiresAt", session.expires_at}};
}

json::object RolesJson(bool english) {
  json::array items;
  for (auto role : core::auth::kAllRoles) {
    json::array perms;
    for (auto p : core::auth::PermissionsOf(role)) perms.push_back(json::string(p));
    items.push_back({{"code", core::auth::RoleCode(role)},
                     {"name", core::auth::RoleName(role).In(english)},
                     {"permissions", std::move(perms)}});
  }
  return {{"items", std::move(items)}};
}

json::object UserPageJson(const std::vector<service::UserView>& users, std::int64_t total, const Paging& paging) {
  json::array items;
  for (const auto& v : users) items.push_back(UserJson(v));
  return PageJson(std::move(items), total, paging.page, paging.page_size);
}

boost::json::object AuditJson(const core::audit::Entry& e) {
  boost::system::error_code ec;
  auto changes = boost::json::parse(e.changes, ec);
  return {{"id", e.seq},
          {"at", e.at},
          {"userId", e.user_id},
          {"username", e.username},
          {"role", e.role},
          {"action", e.action},
          {"entity", e.entity},
          {"entityId", e.entity_id},
          {"regionCode", e.region_code},
          {"changes", ec ? boost::json::value(boost::json::object{}) : changes},
          {"requestId", e.request_id},
          {"hash", e.hash}};
}

json::object AuditPageJson(const service::AuditPage& page, const service::AuditQuery& q) {
  json::array items;
  for (const auto& e : page.items) items.push_back(AuditJson(e));
  return PageJson(std::move(items), page.total, q.page, q.page_size);
}

boost::json::object RegionJson(const store::RegionRecord& r) {
  return {{"code", r.code},
          {"name", r.name},
          {"level", r.level},
          {"parentCode", r.parent_code},
          {"hasChildren", r.has_children}};
}

json::object RegionListJson(const std::vector<store::RegionRecord>& regions) {
  json::array items;
  for (const auto& r : regions) items.push_back(RegionJson(r));
  return {{"items", std::move(items)}};
}

json::object RegionWithPathJson(const service::RegionWithPath& r) {
  auto out = RegionJson(r.region);
  json::array path;
  for (const auto& p : r.path) path.push_back({{"code", p.code}, {"name", p.name}, {"level", p.level}});
  out["path"] = std::move(path);
  return out;
}

json::object WorkbenchJson(const std::string& region_code, const std::string& region_name, int year, json::object sections) {
  return {{"regionCode", region_code}, {"regionName", region_name}, {"year", year}, {"sections", std::move(sections)}};
}

boost::json::object PageJson(boost::json::array items, std::int64_t total, std::int64_t page, std::int64_t page_size) {
  return {{"items", std::move(items)}, {"total", total}, {"page", page}, {"pageSize", page_size}};
}

boost::json::object StoredFileJson(const service::StoredFile& f) {
  return {{"id", f.id},         {"name", f.name},     {"contentType", f.content_type},
          {"size", f.size_bytes}, {"sha256", f.sha256}, {"createdAt", f.created_at}};
}

json::object JobJson(const service::JobSnapshot& job) {
  json::object out{{"id", job.id},     {"kind", job.kind},   {"state", job.state}, {"phase", job.phase},
                   {"done", job.done}, {"total", job.total}, {"createdAt", job.created_at},
                   {"updatedAt", job.updated_at}};
  out["result"] = nullptr;
  if (job.result_json) {
    boost::system::error_code ec;
    auto v = json::parse(*job.result_json, ec);
    if (!ec) out["result"] = v;
  }
  return out;
}

// ---- input ----

namespace {

// "assignments": [{kind, id}]. `present` tells an absent (or null) list from an empty one.
Result<std::vector<store::Assignment>> ParseAssignments(const json::object& o, bool& present) {
  present = false;
  auto it = o.find("assignments");
  if (it == o.end() || it->value().is_null()) return std::vector<store::Assignment>{};
  present = true;
  if (!it->value().is_array()) return InvalidField("assignments", Text("应为数组", "must be an array"));
  std::vector<store::Assignment> out;
  for (const auto& v : it->value().as_array()) {
    if (!v.is_object()) return InvalidField("assignments", Text("元素应为对象 {kind, id}", "items must be {kind, id}"));
    const auto& a = v.as_object();
    auto kind = a.if_contains("kind");
    auto id = a.if_contains("id");
    if (!kind || !kind->is_string() || !id || !id->is_int64())
      return InvalidField("assignments", Text("元素应为 {kind: 字符串, id: 整数}", "items must be {kind: string, id: integer}"));
    out.push_back({std::string(kind->as_string()), id->as_int64()});
  }
  return out;
}

template <typename T>
Result<void> Into(Result<T> r, T& out) {
  if (!r) return std::move(r).error();
  out = std::move(*r);
  return Ok();
}

}  // namespace

Result<service::NewUser> ParseNewUser(const json::object& o) {
  service::NewUser in;
  std::optional<std::string> scope;
  if (auto r = Into(RequiredString(o, "username"), in.username); !r) return std::move(r).error();
  if (auto r = Into(RequiredString(o, "displayName"), in.display_name); !r) return std::move(r).error();
  if (auto r = Into(RequiredString(o, "role"), in.role); !r) return std::move(r).error();
  if (auto r = Into(OptionalString(o, "scopeCode"), scope); !r) return std::move(r).error();
  if (auto r = Into(RequiredString(o, "password"), in.password); !r) return std::move(r).error();
  if (auto r = Into(OptionalString(o, "phone"), in.phone); !r) return std::move(r).error();
  bool present = false;
  if (auto r = Into(ParseAssignments(o, present), in.assignments); !r) return std::move(r).error();
  in.scope_code = scope.value_or("");
  return in;
}

Result<service::UserPatch> ParseUserPatch(const json::object& o) {
  service::UserPatch p;
  if (auto r = Into(OptionalString(o, "displayName"), p.display_name); !r) return std::move(r).error();
  if (auto r = Into(OptionalString(o, "role"), p.role); !r) return std::move(r).error();
  if (auto r = Into(OptionalString(o, "scopeCode"), p.scope_code); !r) return std::move(r).error();
  if (auto r = Into(NullableString(o, "phone"), p.phone); !r) return std::move(r).error();
  if (auto r = Into(OptionalBool(o, "disabled"), p.disabled); !r) return std::move(r).error();
  bool present = false;
  auto assignments = ParseAssignments(o, present);
  if (!assignments) return std::move(assignments).error();
  if (present) p.assignments = std::move(*assignments);
  return p;
}

Result<service::UserQuery> ParseUserQuery(const Request& req) {
  service::UserQuery q;
  auto paging = ParsePaging(req);
  if (!paging) return std::move(paging).error();
  if (auto r = Into(QueryBool(req, "disabled"), q.disabled); !r) return std::move(r).error();
  q.q = QueryString(req, "q");
  q.role = QueryString(req, "role");
  q.region_code = QueryString(req, "regionCode");
  q.page = paging->page;
  q.page_size = paging->page_size;
  return q;
}

Result<service::AuditQuery> ParseAuditQuery(const Request& req) {
  service::AuditQuery q;
  auto paging = ParsePaging(req);
  if (!paging) return std::move(paging).error();
  if (auto r = Into(QueryInt64(req, "userId"), q.user_id); !r) return std::move(r).error();
  if (auto r = Into(QueryTime(req, "from"), q.from); !r) return std::move(r).error();
  if (auto r = Into(QueryTime(req, "to"), q.to); !r) return std::move(r).error();
  q.region_code = QueryString(req, "regionCode");
  q.entity = QueryString(req, "entity");
  q.entity_id = QueryString(req, "entityId");
  q.action = QueryString(req, "action");
  q.page = paging->page;
  q.page_size = paging->page_size;
  return q;
}

}  // namespace huanxin::http
