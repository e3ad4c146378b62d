#include "http/routes.hpp"

#include "http/handlers/platform_handlers.hpp"
#include "http/handlers/register_handlers.hpp"

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
      {"GET", "/api/v1/buildings/{id}", A::kSession, B::kNone, bind(h::GetBuilding)},
      {"PATCH", "/api/v1/buildings/{id}", A::kSession, B::kJson, bind(h::UpdateBuilding)},
      {"DELETE", "/api/v1/buildings/{id}", A::kSession, B::kNone, bind(h::DeleteBuilding)},
      {"GET", "/api/v1/buildings/{id}/dwellings", A::kSession, B::kNone, bind(h::ListBuildingDwellings)},
      {"POST", "/api/v1/buildings/{id}/dwellings", A::kSession, B::kJson, bind(h::CreateDwelling)},
      {"GET", "/api/v1/dwellings/{id}", A::kSession, B::kNone, bind(h::GetDwelling)},
      {"PATCH", "/api/v1/dwellings/{id}", A::kSession, B::kJson, bind(h::UpdateDwelling)},
      {"DELETE", "/api/v1/dwellings/{id}", A::kSession, B::kNone, bind(h::DeleteDwelling)},
      {"PUT", "/api/v1/dwellings/{id}/household", A::kSession, B::kJson, bind(h::SetHousehold)},
      {"POST", "/api/v1/dwellings/{id}/owners", A::kSession, B::kJson, bind(h::LinkOwner)},
      {"DELETE", "/api/v1/dwellings/{id}/owners/{ownerId}", A::kSession, B::kNone, bind(h::UnlinkOwner)},
      {"GET", "/api/v1/estates", A::kSession, B::kNone, bind(h::ListEstates)},
      {"POST", "/api/v1/estates", A::kSession, B::kJson, bind(h::CreateEstate)},
      {"GET", "/api/v1/estates.xlsx", A::kSession, B::kNone, bind(h::ExportEstates)},
      {"GET", "/api/v1/estates/{id}", A::kSession, B::kNone, bind(h::GetEstate)},
      {"PATCH", "/api/v1/estates/{id}", A::kSession, B::kJson, bind(h::UpdateEstate)},
      {"DELETE", "/api/v1/estates/{id}", A::kSession, B::kNone, bind(h::DeleteEstate)},
      {"GET", "/api/v1/estates/{id}/buildings", A::kSession, B::kNone, bind(h::ListBuildings)},
      {"POST", "/api/v1/estates/{id}/buildings", A::kSession, B::kJson, bind(h::CreateBuilding)},
      {"GET", "/api/v1/estates/{id}/dwellings", A::kSession, B::kNone, bind(h::ListEstateDwellings)},
      {"POST", "/api/v1/estates/{id}/dwellings/import", A::kSession, B::kMultipart, bind(h::ImportDwellings)},
      {"GET", "/api/v1/estates/{id}/dwellings.xlsx", A::kSession, B::kNone, bind(h::ExportDwellings)},
      {"GET", "/api/v1/estates/{id}/eligibility", A::kSession, B::kNone, bind(h::EstateEligibility)},
      {"GET", "/api/v1/estates/{id}/summary", A::kSession, B::kNone, bind(h::EstateSummary)},
      {"GET", "/api/v1/health", A::kPublic, B::kNone, bind(h::Health)},
      {"GET", "/api/v1/import-template.xlsx", A::kSession, B::kNone, bind(h::ImportTemplate)},
      {"GET", "/api/v1/jobs/{id}", A::kSession, B::kNone, bind(h::GetJob)},
      {"GET", "/api/v1/openapi.json", A::kPublic, B::kNone, bind(h::OpenApi)},
      {"GET", "/api/v1/owners", A::kSession, B::kNone, bind(h::ListOwners)},
      {"POST", "/api/v1/owners", A::kSession, B::kJson, bind(h::CreateOwner)},
      {"GET", "/api/v1/regions", A::kSession, B::kNone, bind(h::ListRegions)},
      {"GET", "/api/v1/regions/{code}", A::kSession, B::kNone, bind(h::GetRegion)},
      {"POST", "/api/v1/regions/{code}/grids", A::kSession, B::kJson, bind(h::CreateGrid)},
      {"GET", "/api/v1/register/dictionaries", A::kSession, B::kNone, bind(h::RegisterDictionaries)},
      {"GET", "/api/v1/roles", A::kSession, B::kNone, bind(h::ListRoles)},
      {"GET", "/api/v1/users", A::kSession, B::kNone, bind(h::ListUsers)},
      {"POST", "/api/v1/users", A::kSession, B::kJson, bind(h::CreateUser)},
      {"GET", "/api/v1/users/{id}", A::kSession, B::kNone, bind(h::GetUser)},
      {"PATCH", "/api/v1/users/{id}", A::kSession, B::kJson, bind(h::UpdateUser)},
      {"POST", "/api/v1/users/{id}/reset-password", A::kSession, B::kJson, bind(h::ResetPassword)},
  };
}

}  // namespace huanxin::http
