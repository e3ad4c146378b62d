#include "http/handlers/platform_handlers.hpp"

#include <boost/json/array.hpp>

#include "common/clock.hpp"
#include "core/auth/role.hpp"
#include "http/handlers/handler_util.hpp"
#include "http/json/json_input.hpp"
#include "http/json/platform_json.hpp"

namespace huanxin::http {
extern const char* const kOpenApiJson;  // merged from src/http/openapi/*.json, embedded at build time
}

namespace huanxin::http {

namespace {

std::string SessionCookie(const Services& s, const std::string& token, int max_age) {
  std::string c = "hx_session=" + token + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age);
  if (s.secure_cookie) c += "; Secure";
  return c;
}

Result<std::vector<store::Assignment>> ParseAssignments(const boost::json::object& o, bool& present) {
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

Response Health(Services& s, Request& req) {
  // Touches the database so a health check fails when storage is down.
  HX_TRY_VOID(s.db.Read(store::Ping));
  return Json(200, boost::json::object{{"status", "ok"},
                                       {"version", s.version},
                                       {"database", std::string(s.db.name())},
                                       {"time", FormatIsoUtc(s.clock.Now())}});
}

Response OpenApi(Services&, Request&) {
  Response r;
  r.body = kOpenApiJson;
  return r;
}

Response Login(Services& s, Request& req) {
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(username, RequiredString(body, "username"));
  HX_TRY(password, RequiredString(body, "password"));
  const std::string* ua = req.Header("user-agent");
  HX_TRY(login, s.auth.Login(username, password, req.client_ip, ua ? *ua : "", req.request_id));
  auto view = s.users.Get(service::ActorFor(login.user, req.request_id), login.user.id);
  if (!view) return ErrorResponse(view.error(), req.english);
  auto resp = Json(200, boost::json::object{{"token", login.token},
                                            {"csrfToken", login.csrf_token},
                                            {"expiresAt", login.expires_at},
                                            {"user", UserJson(*view)}});
  resp.headers.emplace_back("Set-Cookie", SessionCookie(s, login.token, s.session_ttl_minutes * 60));
  return resp;
}

Response Logout(Services& s, Request& req) {
  HX_TRY_VOID(s.auth.Logout(*req.auth));
  auto resp = NoContent();
  resp.headers.emplace_back("Set-Cookie", SessionCookie(s, "", 0));
  return resp;
}

Response Me(Services& s, Request& req) {
  HX_TRY(view, s.users.Get(req.actor(), req.actor().user_id));
  return Json(200, boost::json::object{{"user", UserJson(view)}, {"csrfToken", req.auth->session.csrf_token},
                                       {"expiresAt", req.auth->session.expires_at}});
}

Response ChangePassword(Services& s, Request& req) {
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(old_pw, RequiredString(body, "oldPassword"));
  HX_TRY(new_pw, RequiredString(body, "newPassword"));
  HX_TRY_VOID(s.auth.ChangePassword(*req.auth, old_pw, new_pw));
  return NoContent();
}

Response ListRoles(Services&, Request& req) {
  boost::json::array items;
  for (auto role : core::auth::kAllRoles) {
    boost::json::array perms;
    for (auto p : core::auth::PermissionsOf(role)) perms.push_back(boost::json::string(p));
    items.push_back({{"code", core::auth::RoleCode(role)},
                     {"name", core::auth::RoleName(role).In(req.english)},
                     {"permissions", std::move(perms)}});
  }
  return Json(200, boost::json::object{{"items", std::move(items)}});
}

Response ListUsers(Services& s, Request& req) {
  HX_TRY(paging, ParsePaging(req));
  HX_TRY(disabled, QueryBool(req, "disabled"));
  service::UserQuery q;
  q.q = QueryString(req, "q");
  q.role = QueryString(req, "role");
  q.region_code = QueryString(req, "regionCode");
  q.disabled = disabled;
  q.page = paging.page;
  q.page_size = paging.page_size;
  HX_TRY(result, s.users.List(req.actor(), q));
  boost::json::array items;
  for (const auto& v : result.first) items.push_back(UserJson(v));
  return Json(200, PageJson(std::move(items), result.second, paging.page, paging.page_size));
}

Response CreateUser(Services& s, Request& req) {
  HX_TRY(body, ParseJsonObject(req.body));
  service::NewUser in;
  HX_TRY(username, RequiredString(body, "username"));
  HX_TRY(display_name, RequiredString(body, "displayName"));
  HX_TRY(role, RequiredString(body, "role"));
  HX_TRY(scope, OptionalString(body, "scopeCode"));
  HX_TRY(password, RequiredString(body, "password"));
  HX_TRY(phone, OptionalString(body, "phone"));
  bool has_assignments = false;
  HX_TRY(assignments, ParseAssignments(body, has_assignments));
  in.username = username;
  in.display_name = display_name;
  in.role = role;
  in.scope_code = scope.value_or("");
  in.password = password;
  in.phone = phone;
  in.assignments = assignments;
  HX_TRY(view, s.users.Create(req.actor(), in));
  auto resp = Json(201, UserJson(view));
  resp.headers.emplace_back("Location", "/api/v1/users/" + std::to_string(view.user.id));
  return resp;
}

Response GetUser(Services& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(view, s.users.Get(req.actor(), id));
  return Json(200, UserJson(view));
}

Response UpdateUser(Services& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(body, ParseJsonObject(req.body));
  service::UserPatch p;
  HX_TRY(display_name, OptionalString(body, "displayName"));
  HX_TRY(role, OptionalString(body, "role"));
  HX_TRY(scope, OptionalString(body, "scopeCode"));
  HX_TRY(phone, NullableString(body, "phone"));
  HX_TRY(disabled, OptionalBool(body, "disabled"));
  bool has_assignments = false;
  HX_TRY(assignments, ParseAssignments(body, has_assignments));
  p.display_name = display_name;
  p.role = role;
  p.scope_code = scope;
  p.phone = phone;
  p.disabled = disabled;
  if (has_assignments) p.assignments = assignments;
  HX_TRY(view, s.users.Update(req.actor(), id, p));
  return Json(200, UserJson(view));
}

Response ResetPassword(Services& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(password, RequiredString(body, "newPassword"));
  HX_TRY_VOID(s.users.ResetPassword(req.actor(), id, password));
  return NoContent();
}

Response ListAudit(Services& s, Request& req) {
  HX_TRY(paging, ParsePaging(req));
  HX_TRY(user_id, QueryInt64(req, "userId"));
  HX_TRY(from, QueryTime(req, "from"));
  HX_TRY(to, QueryTime(req, "to"));
  service::AuditQuery q;
  q.region_code = QueryString(req, "regionCode");
  q.entity = QueryString(req, "entity");
  q.entity_id = QueryString(req, "entityId");
  q.action = QueryString(req, "action");
  q.user_id = user_id;
  q.from = from;
  q.to = to;
  q.page = paging.page;
  q.page_size = paging.page_size;
  HX_TRY(result, s.audit.List(req.actor(), q));
  boost::json::array items;
  for (const auto& e : result.items) items.push_back(AuditJson(e));
  return Json(200, PageJson(std::move(items), result.total, paging.page, paging.page_size));
}

Response ListRegions(Services& s, Request& req) {
  HX_TRY(children, s.regions.Children(req.actor(), QueryString(req, "parent").value_or("")));
  boost::json::array items;
  for (const auto& r : children) items.push_back(RegionJson(r));
  return Json(200, boost::json::object{{"items", std::move(items)}});
}

Response GetRegion(Services& s, Request& req) {
  HX_TRY(found, s.regions.Get(req.actor(), req.params["code"]));
  auto out = RegionJson(found.region);
  boost::json::array path;
  for (const auto& p : found.path) path.push_back({{"code", p.code}, {"name", p.name}, {"level", p.level}});
  out["path"] = std::move(path);
  return Json(200, out);
}

Response CreateGrid(Services& s, Request& req) {
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(name, RequiredString(body, "name"));
  HX_TRY(grid, s.regions.CreateGrid(req.actor(), req.params["code"], name));
  auto resp = Json(201, RegionJson(grid));
  resp.headers.emplace_back("Location", "/api/v1/regions/" + grid.code);
  return resp;
}

Response GetWorkbench(Services& s, Request& req) {
  const auto& actor = req.actor();
  const auto& code = actor.scope.prefix();
  std::string name = "全国";
  if (!code.empty()) {
    auto region = s.regions.Get(actor, code);
    name = region ? region->region.name : code;
  }
  boost::json::object sections;
  for (const auto& section : s.workbench.sections()) {
    HX_TRY(part, section.build(actor, req.english));
    if (part) sections[section.context] = std::move(*part);
  }
  return Json(200, boost::json::object{{"regionCode", code},
                                       {"regionName", name},
                                       {"year", ShanghaiYear(s.clock.Now())},
                                       {"sections", std::move(sections)}});
}

}  // namespace

void AddPlatformRoutes(RouteTable& t, Services& s) {
  using A = Access;
  using B = BodyKind;
  t.Add("GET", "/api/v1/audit", A::kSession, B::kNone, s, ListAudit)
      .Add("POST", "/api/v1/auth/login", A::kPublic, B::kJson, s, Login)
      .Add("POST", "/api/v1/auth/logout", A::kSession, B::kNone, s, Logout)
      .Add("GET", "/api/v1/auth/me", A::kSession, B::kNone, s, Me)
      .Add("POST", "/api/v1/auth/password", A::kSession, B::kJson, s, ChangePassword)
      .Add("GET", "/api/v1/health", A::kPublic, B::kNone, s, Health)
      .Add("GET", "/api/v1/openapi.json", A::kPublic, B::kNone, s, OpenApi)
      .Add("GET", "/api/v1/regions", A::kSession, B::kNone, s, ListRegions)
      .Add("GET", "/api/v1/regions/{code}", A::kSession, B::kNone, s, GetRegion)
      .Add("POST", "/api/v1/regions/{code}/grids", A::kSession, B::kJson, s, CreateGrid)
      .Add("GET", "/api/v1/roles", A::kSession, B::kNone, s, ListRoles)
      .Add("GET", "/api/v1/users", A::kSession, B::kNone, s, ListUsers)
      .Add("POST", "/api/v1/users", A::kSession, B::kJson, s, CreateUser)
      .Add("GET", "/api/v1/users/{id}", A::kSession, B::kNone, s, GetUser)
      .Add("PATCH", "/api/v1/users/{id}", A::kSession, B::kJson, s, UpdateUser)
      .Add("POST", "/api/v1/users/{id}/reset-password", A::kSession, B::kJson, s, ResetPassword)
      .Add("GET", "/api/v1/workbench", A::kSession, B::kNone, s, GetWorkbench);
}

}  // namespace huanxin::http
