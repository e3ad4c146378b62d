// Check-up routes (issue #4; docs/checkup.md). Each parses with the codecs of json/checkup_json,
// calls one CheckupService method and encodes its result.
#pragma once

#include "http/message.hpp"
#include "http/route_table.hpp"

namespace huanxin::service {
class CheckupService;
class JobService;
}  // namespace huanxin::service

namespace huanxin::http {

struct CheckupApi {
  service::CheckupService* checkups = nullptr;
  service::JobService* jobs = nullptr;  // the report batch job runs here
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

}  // namespace huanxin::http::handlers
