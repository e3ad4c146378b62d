// Supervision and rectification over HTTP (issue #14; docs/supervision.md): the checklist,
// responsible units, the supervisors' roster, inspections and their photos, rectification orders
// (issue, reply, re-inspection, lists by status and escalation level), contractors' scores, the
// lifetime quality register, and the home page's section. Handlers parse, call one service method
// and encode.
#pragma once

#include "http/route_table.hpp"
#include "http/workbench.hpp"

namespace huanxin::service {
class SupervisionService;
}  // namespace huanxin::service

namespace huanxin::http {

struct SupervisionApi {
  service::SupervisionService& supervision;
};

// The routes and the workbench section "supervision".
void AddSupervisionRoutes(RouteTable& routes, Workbench& workbench, SupervisionApi& api);

}  // namespace huanxin::http
