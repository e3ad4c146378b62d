#include "http/handlers/platform_handlers.hpp"

#include "common/clock.hpp"
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

std::int64_t SteadyMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

Response Health(Services& s, Request& req) {
  // Touches the database so a health check fails when storage is down.
  HX_TRY_VOID(s.db.Read(store::Ping));
  s.health_checked_ms->store(SteadyMs(), std::memory_order_relaxed);
  return Json(200, HealthJson(s.version, s.db.name(), FormatIsoUtc(s.clock.Now())));
}

// Within a second of a successful database ping the answer is given without another one, on the
// server's I/O thread: a load balancer probing many times a second does not queue behind
// database work, and a storage failure still shows within a second.
std::optional<Response> HealthQuick(Services& s, Request&) {
  if (SteadyMs() - s.health_checked_ms->load(std::memory_order_relaxed) >= 1000) return std::nullopt;
  return Json(200, HealthJson(s.version, s.db.name(), FormatIsoUtc(s.clock.Now())));
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
  auto resp = Json(200, LoginJson(login));
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
  return Json(200, MeJson(view, req.auth->session));
}

Response ChangePassword(Services& s, Request& req) {
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(old_pw, RequiredString(body, "oldPassword"));
  HX_TRY(new_pw, RequiredString(body, "newPassword"));
  HX_TRY_VOID(s.auth.ChangePassword(*req.auth, old_pw, new_pw));
  return NoContent();
}

Response ListRoles(Services&, Request& req) { return Json(200, RolesJson(req.english)); }

Response ListUsers(Services& s, Request& req) {
  HX_TRY(q, ParseUserQuery(req));
  HX_TRY(result, s.users.List(req.actor(), q));
  return Json(200, UserPageJson(result.first, result.second, {q.page, q.page_size}));
}

Response CreateUser(Services& s, Request& req) {
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseNewUser(body));
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
  HX_TRY(patch, ParseUserPatch(body));
  HX_TRY(view, s.users.Update(req.actor(), id, patch));
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
  HX_TRY(q, ParseAuditQuery(req));
  HX_TRY(page, s.audit.List(req.actor(), q));
  return Json(200, AuditPageJson(page, q));
}

Response ListRegions(Services& s, Request& req) {
  HX_TRY(children, s.regions.Children(req.actor(), QueryString(req, "parent").value_or("")));
  return Json(200, RegionListJson(children));
}

Response GetRegion(Services& s, Request& req) {
  HX_TRY(found, s.regions.Get(req.actor(), req.params["code"]));
  return Json(200, RegionWithPathJson(found));
}

Response CreateGrid(Services& s, Request& req) {
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(name, RequiredString(body, "name"));
  HX_TRY(grid, s.regions.CreateGrid(req.actor(), req.params["code"], name));
  auto resp = Json(201, RegionJson(grid));
  resp.headers.emplace_back("Location", "/api/v1/regions/" + grid.code);
  return resp;
}

// The one page that gathers several contexts: each context's section (http/workbench.hpp) under
// the heading of the caller's scope.
Response GetWorkbench(Services& s, Request& req) {
  const auto& actor = req.actor();
  HX_TRY(sections, s.workbench.Build(actor, req.english));
  return Json(200, WorkbenchJson(actor.scope.prefix(), s.regions.ScopeHeading(actor), ShanghaiYear(s.clock.Now()),
                                 std::move(sections)));
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
      .Add("GET", "/api/v1/health", A::kPublic, B::kNone, s, Health, false, HealthQuick)
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
