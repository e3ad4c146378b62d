// The platform's routes in the authorization matrix (rows: platform.csv): auth, users, roles, audit,
// regions, the workbench, files and jobs, health and the API description.
// Puts on each side: "user" — a user of the side (in scope: community user of the community; out of
// scope: street user of the street), for the user routes and for contexts that assign work to it.
// Reads "file": a stored file of the side's region, put by the context that uploads one.
#include "api/authz/authz_core.hpp"

namespace huanxin::testing::authz {
namespace {

Context PlatformContext() {
  Context c;
  c.name = "platform";
  c.setup = [](AuthzMatrixTest& t, Side& s) {
    s.Put("user", s.in() ? t.CreateUser("target.in", "community", s.community())
                         : t.CreateUser("target.out", "street", s.street()));
  };
  const Factory by_community = [](Case& c, Req& r) { r.Query("regionCode=" + c.side.community()); };
  c.routes = {
      {"GET /api/v1/health", Plain()},
      {"GET /api/v1/openapi.json", Plain()},
      {"POST /api/v1/auth/login",
       [](Case& c, Req& r) {
         r.Json(json::object{{"username", "admin"}, {"password", c.t.caller("admin").password}});
       }},
      {"POST /api/v1/auth/logout", [](Case&, Req& r) { r.spare_session = true; }},
      {"GET /api/v1/auth/me", Plain()},
      // A fresh session of the caller's changes the caller's password; the shared session is
      // logged in again when the change ended it.
      {"POST /api/v1/auth/password",
       [](Case& c, Req& r) {
         if (c.role.empty()) return;  // the no-session probe: no body
         r.spare_session = true;
         const std::string next = "Matrix#2026" + std::to_string(c.t.Next());
         r.Json(json::object{{"oldPassword", c.t.caller(c.role).password}, {"newPassword", next}});
         r.after = [&t = c.t, role = c.role, next](const HttpResponse& res) {
           if (res.status < 300) t.caller(role).password = next;
           if (t.As(t.caller(role).session, "GET", "/api/v1/auth/me").status == 401)
             t.Relogin(role);
           else if (role == "admin")
             t.admin = t.caller(role).session;
         };
       }},
      {"GET /api/v1/roles", Plain()},
      {"GET /api/v1/users", by_community},
      {"POST /api/v1/users",
       [](Case& c, Req& r) {
         r.Json(json::object{{"username", "new.user" + c.n},
                             {"displayName", "新用户"},
                             {"role", "community"},
                             {"scopeCode", c.side.community()},
                             {"password", kPassword}});
       }},
      {"GET /api/v1/users/{id}", Fill("{id}", "user")},
      {"PATCH /api/v1/users/{id}",
       [](Case& c, Req& r) {
         r.Path("{id}", c.side.Id("user")).Json(json::object{{"displayName", "改名" + c.n}});
       }},
      {"POST /api/v1/users/{id}/reset-password",
       [](Case& c, Req& r) {
         r.Path("{id}", c.side.Id("user")).Json(json::object{{"newPassword", "Renewed#2026x"}});
       }},
      {"GET /api/v1/audit", by_community},
      {"GET /api/v1/regions", [](Case& c, Req& r) { r.Query("parent=" + c.side.street()); }},
      {"GET /api/v1/regions/{code}", [](Case& c, Req& r) { r.Path("{code}", c.side.community()); }},
      {"POST /api/v1/regions/{code}/grids",
       [](Case& c, Req& r) {
         r.Path("{code}", c.side.community()).Json(json::object{{"name", "矩阵网格" + c.n}});
       }},
      {"GET /api/v1/workbench", Plain()},
      {"GET /api/v1/files/{id}", Fill("{id}", "file")},
      // No job exists: a region-less lookup, past authorization when it answers 404.
      {"GET /api/v1/jobs/{id}",
       [](Case&, Req& r) {
         r.Path("{id}", 999999);
         r.not_found_is_allowed = true;
       }},
  };
  return c;
}

}  // namespace

HX_AUTHZ_CONTEXT(PlatformContext)

}  // namespace huanxin::testing::authz
