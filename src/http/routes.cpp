#include "http/routes.hpp"

#include "http/handlers/platform_handlers.hpp"

namespace huanxin::http {

std::vector<Route> BuildRoutes(Services& s) {
  namespace h = handlers;
  auto bind = [&s](Response (*fn)(Services&, Request&)) {
    return [&s, fn](Request& req) { return fn(s, req); };
  };
  using A = Access;
  using B = BodyKind;
  // Keep in URL order; every route here must be described in openapi.json (tested).
  return {
      {"GET", "/api/v1/audit", A::kSession, B::kNone, bind(h::ListAudit)},
      {"POST", "/api/v1/auth/login", A::kPublic, B::kJson, bind(h::Login)},
      {"POST", "/api/v1/auth/logout", A::kSession, B::kNone, bind(h::Logout)},
      {"GET", "/api/v1/auth/me", A::kSession, B::kNone, bind(h::Me)},
      {"POST", "/api/v1/auth/password", A::kSession, B::kJson, bind(h::ChangePassword)},
      {"GET", "/api/v1/health", A::kPublic, B::kNone, bind(h::Health)},
      {"GET", "/api/v1/openapi.json", A::kPublic, B::kNone, bind(h::OpenApi)},
      {"GET", "/api/v1/regions", A::kSession, B::kNone, bind(h::ListRegions)},
      {"GET", "/api/v1/regions/{code}", A::kSession, B::kNone, bind(h::GetRegion)},
      {"POST", "/api/v1/regions/{code}/grids", A::kSession, B::kJson, bind(h::CreateGrid)},
      {"GET", "/api/v1/roles", A::kSession, B::kNone, bind(h::ListRoles)},
      {"GET", "/api/v1/users", A::kSession, B::kNone, bind(h::ListUsers)},
      {"POST", "/api/v1/users", A::kSession, B::kJson, bind(h::CreateUser)},
      {"GET", "/api/v1/users/{id}", A::kSession, B::kNone, bind(h::GetUser)},
      {"PATCH", "/api/v1/users/{id}", A::kSession, B::kJson, bind(h::UpdateUser)},
      {"POST", "/api/v1/users/{id}/reset-password", A::kSession, B::kJson, bind(h::ResetPassword)},
  };
}

}  // namespace huanxin::http
