// Check-up routes (issue #4; docs/checkup.md). Each parses with the codecs of json/checkup_json,
// calls one CheckupService method and encodes its result.
#pragma once

#include "http/route_table.hpp"
#include "http/workbench.hpp"

namespace huanxin::service {
class CheckupService;
class JobService;
}  // namespace huanxin::service

namespace huanxin::http {

struct CheckupApi {
  service::CheckupService& checkups;
  service::JobService& jobs;  // the report batch job runs here
};

// The check-up routes, and its workbench section: this year's check-ups in the caller's scope by
// estate status, the estates assigned to the caller still to capture, and the problems found.
void AddCheckupRoutes(RouteTable& routes, Workbench& workbench, CheckupApi& api);

}  // namespace huanxin::http
