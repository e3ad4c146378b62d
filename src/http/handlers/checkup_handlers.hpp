// Check-up routes (issue #4; docs/checkup.md).
#pragma once

#include <optional>

#include "http/message.hpp"
#include "http/route_table.hpp"
#include "report/checkup_report.hpp"

namespace huanxin::service {
class CheckupService;
class RegisterService;
class JobService;
struct Actor;
}  // namespace huanxin::service

namespace huanxin::http {

struct CheckupApi {
  service::CheckupService* checkups = nullptr;
  service::RegisterService* reg = nullptr;  // estate facts in reports
  service::JobService* jobs = nullptr;
};

void AddCheckupRoutes(RouteTable& routes, CheckupApi& api);

}  // namespace huanxin::http

namespace huanxin::http::handlers {
using Services = CheckupApi;

Response ListCheckupCatalogs(Services& s, Request& req);
Response NewCheckupCatalog(Services& s, Request& req);
Response GetCheckupCatalog(Services& s, Request& req);
Response AddCheckupIndicator(Services& s, Request& req);
Response PublishCheckupCatalog(Services& s, Request& req);
Response CheckupIndicators(Services& s, Request& req);
Response CheckupItems(Services& s, Request& req);
Response UpdateCheckupItem(Services& s, Request& req);
Response ListCheckups(Services& s, Request& req);
Response CreateCheckup(Services& s, Request& req);
Response GetCheckup(Services& s, Request& req);
Response AssignCheckup(Services& s, Request& req);
Response UploadCheckupPhoto(Services& s, Request& req);
Response ListObservations(Services& s, Request& req);
Response UpsertObservations(Services& s, Request& req);
Response SubmitCheckup(Services& s, Request& req);
Response ApproveCheckup(Services& s, Request& req);
Response ReturnCheckup(Services& s, Request& req);
Response CheckupProblems(Services& s, Request& req);
Response CheckupReportPdf(Services& s, Request& req);
Response CheckupReportHtml(Services& s, Request& req);
Response CheckupReportXlsx(Services& s, Request& req);
Response GenerateCheckupReports(Services& s, Request& req);
Response RegionProblems(Services& s, Request& req);

// The estate report's data (campaign, register facts, problem list) and the problem list as XLSX:
// what the report routes, the approval and the batch job render (also used by bench/).
Result<report::CheckupEstateReport> BuildEstateReport(Services& s, const service::Actor& actor, std::int64_t id,
                                                      std::int64_t estate_id);
Result<std::string> BuildProblemListXlsx(Services& s, const service::Actor& actor, std::int64_t id,
                                         std::optional<std::int64_t> estate_id);

}  // namespace huanxin::http::handlers
