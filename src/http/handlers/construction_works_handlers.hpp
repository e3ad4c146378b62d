// Progress, household works and works notices over HTTP (issue #13; docs/construction.md
// "Progress, household works, notices"): progress reports, photos, weights, the roll-ups, the Excel
// sheet and its import; tendered teams, works per dwelling, rates and the grid; notices, their
// stairwell print, and for anyone the residents' works page and the iCalendar feed. Handlers parse,
// call one service method and encode.
#pragma once

#include <string>

#include "http/route_table.hpp"
#include "http/workbench.hpp"

namespace huanxin::service {
class ProgressService;
class HouseholdService;
class NoticeService;
}  // namespace huanxin::service

namespace huanxin::http {

struct ConstructionWorksApi {
  service::ProgressService& progress;
  service::HouseholdService& households;
  service::NoticeService& notices;
  std::string public_url;      // base of the residents' page in the printed QR code; "" = the request's host
  bool secure_cookie = false;  // behind HTTPS: links use https://
};

// The routes (no workbench section).
void AddConstructionWorksRoutes(RouteTable& routes, Workbench& workbench, ConstructionWorksApi& api);

}  // namespace huanxin::http
