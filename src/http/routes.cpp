#include "http/routes.hpp"

#include "http/handlers/checkup_handlers.hpp"
#include "http/handlers/consultation_handlers.hpp"
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
      {"GET", "/api/v1/ballot/{code}", A::kPublic, B::kNone, bind(h::ResidentBallot)},
      {"PUT", "/api/v1/ballot/{code}", A::kPublic, B::kJson, bind(h::ResidentCastBallot)},
      {"GET", "/api/v1/buildings/{id}", A::kSession, B::kNone, bind(h::GetBuilding)},
      {"PATCH", "/api/v1/buildings/{id}", A::kSession, B::kJson, bind(h::UpdateBuilding)},
      {"DELETE", "/api/v1/buildings/{id}", A::kSession, B::kNone, bind(h::DeleteBuilding)},
      {"GET", "/api/v1/buildings/{id}/dwellings", A::kSession, B::kNone, bind(h::ListBuildingDwellings)},
      {"POST", "/api/v1/buildings/{id}/dwellings", A::kSession, B::kJson, bind(h::CreateDwelling)},
      {"GET", "/api/v1/catalog/renovation-items", A::kSession, B::kNone, bind(h::RenovationCatalog)},
      {"GET", "/api/v1/checkup/catalogs", A::kSession, B::kNone, bind(h::ListCheckupCatalogs)},
      {"POST", "/api/v1/checkup/catalogs", A::kSession, B::kNone, bind(h::NewCheckupCatalog)},
      {"GET", "/api/v1/checkup/catalogs/{id}", A::kSession, B::kNone, bind(h::GetCheckupCatalog)},
      {"POST", "/api/v1/checkup/catalogs/{id}/indicators", A::kSession, B::kJson, bind(h::AddCheckupIndicator)},
      {"POST", "/api/v1/checkup/catalogs/{id}/publish", A::kSession, B::kNone, bind(h::PublishCheckupCatalog)},
      {"GET", "/api/v1/checkup/indicators", A::kSession, B::kNone, bind(h::CheckupIndicators)},
      {"GET", "/api/v1/checkup/items", A::kSession, B::kNone, bind(h::CheckupItems)},
      {"PATCH", "/api/v1/checkup/items/{code}", A::kSession, B::kJson, bind(h::UpdateCheckupItem)},
      {"GET", "/api/v1/checkups", A::kSession, B::kNone, bind(h::ListCheckups)},
      {"POST", "/api/v1/checkups", A::kSession, B::kJson, bind(h::CreateCheckup)},
      {"GET", "/api/v1/checkups/{id}", A::kSession, B::kNone, bind(h::GetCheckup)},
      {"POST", "/api/v1/checkups/{id}/approve", A::kSession, B::kJson, bind(h::ApproveCheckup)},
      {"POST", "/api/v1/checkups/{id}/assign", A::kSession, B::kJson, bind(h::AssignCheckup)},
      {"GET", "/api/v1/checkups/{id}/observations", A::kSession, B::kNone, bind(h::ListObservations)},
      {"POST", "/api/v1/checkups/{id}/observations", A::kSession, B::kJson, bind(h::UpsertObservations)},
      {"POST", "/api/v1/checkups/{id}/photos", A::kSession, B::kMultipart, bind(h::UploadCheckupPhoto)},
      {"GET", "/api/v1/checkups/{id}/problems", A::kSession, B::kNone, bind(h::CheckupProblems)},
      {"GET", "/api/v1/checkups/{id}/report.html", A::kSession, B::kNone, bind(h::CheckupReportHtml)},
      {"GET", "/api/v1/checkups/{id}/report.pdf", A::kSession, B::kNone, bind(h::CheckupReportPdf)},
      {"GET", "/api/v1/checkups/{id}/report.xlsx", A::kSession, B::kNone, bind(h::CheckupReportXlsx)},
      {"POST", "/api/v1/checkups/{id}/reports", A::kSession, B::kNone, bind(h::GenerateCheckupReports)},
      {"POST", "/api/v1/checkups/{id}/return", A::kSession, B::kJson, bind(h::ReturnCheckup)},
      {"POST", "/api/v1/checkups/{id}/submit", A::kSession, B::kJson, bind(h::SubmitCheckup)},
      {"GET", "/api/v1/consultations", A::kSession, B::kNone, bind(h::ListConsultations)},
      {"POST", "/api/v1/consultations", A::kSession, B::kJson, bind(h::CreateConsultation)},
      {"GET", "/api/v1/consultations/{id}", A::kSession, B::kNone, bind(h::GetConsultation)},
      {"GET", "/api/v1/consultations/{id}/ballots", A::kSession, B::kNone, bind(h::ListBallots)},
      {"PUT", "/api/v1/consultations/{id}/ballots/{dwellingId}", A::kSession, B::kJson, bind(h::CastBallot)},
      {"GET", "/api/v1/consultations/{id}/ballots.pdf", A::kSession, B::kNone, bind(h::BallotsPdf)},
      {"POST", "/api/v1/consultations/{id}/close", A::kSession, B::kNone, bind(h::CloseConsultation)},
      {"GET", "/api/v1/consultations/{id}/codes", A::kSession, B::kNone, bind(h::ListBallotCodes)},
      {"POST", "/api/v1/consultations/{id}/evidence", A::kSession, B::kMultipart, bind(h::UploadEvidence)},
      {"GET", "/api/v1/consultations/{id}/followups", A::kSession, B::kNone, bind(h::ListFollowups)},
      {"POST", "/api/v1/consultations/{id}/followups/assign", A::kSession, B::kJson, bind(h::AssignFollowups)},
      {"POST", "/api/v1/consultations/{id}/followups/visits", A::kSession, B::kJson, bind(h::RecordFollowupVisit)},
      {"GET", "/api/v1/consultations/{id}/followups.pdf", A::kSession, B::kNone, bind(h::FollowupsPdf)},
      {"POST", "/api/v1/consultations/{id}/open", A::kSession, B::kNone, bind(h::OpenConsultation)},
      {"GET", "/api/v1/consultations/{id}/paper/{code}", A::kSession, B::kNone, bind(h::PaperLookup)},
      {"POST", "/api/v1/consultations/{id}/rounds", A::kSession, B::kJson, bind(h::AddConsultationRound)},
      {"GET", "/api/v1/consultations/{id}/tally", A::kSession, B::kNone, bind(h::ConsultationTally)},
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
      {"GET", "/api/v1/files/{id}", A::kSession, B::kNone, bind(h::DownloadFile)},
      {"GET", "/api/v1/health", A::kPublic, B::kNone, bind(h::Health)},
      {"GET", "/api/v1/import-template.xlsx", A::kSession, B::kNone, bind(h::ImportTemplate)},
      {"GET", "/api/v1/jobs/{id}", A::kSession, B::kNone, bind(h::GetJob)},
      {"POST", "/api/v1/lift-share", A::kSession, B::kJson, bind(h::LiftShare)},
      {"GET", "/api/v1/openapi.json", A::kPublic, B::kNone, bind(h::OpenApi)},
      {"GET", "/api/v1/owners", A::kSession, B::kNone, bind(h::ListOwners)},
      {"POST", "/api/v1/owners", A::kSession, B::kJson, bind(h::CreateOwner)},
      {"GET", "/api/v1/public/receipts/{code}", A::kPublic, B::kNone, bind(h::PublicReceipt)},
      {"GET", "/api/v1/regions", A::kSession, B::kNone, bind(h::ListRegions)},
      {"GET", "/api/v1/regions/{code}", A::kSession, B::kNone, bind(h::GetRegion)},
      {"POST", "/api/v1/regions/{code}/grids", A::kSession, B::kJson, bind(h::CreateGrid)},
      {"GET", "/api/v1/regions/{code}/problems", A::kSession, B::kNone, bind(h::RegionProblems)},
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
