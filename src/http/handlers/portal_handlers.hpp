// The public portal over HTTP (issue #15; docs/portal.md): estates, one estate's account, programme
// statistics, open data and the published audit heads. Every route is public (no session) and
// answers no personal data.
#pragma once

#include "http/route_table.hpp"
#include "http/workbench.hpp"

namespace huanxin::service {
class PortalService;
class AuditService;
}  // namespace huanxin::service

namespace huanxin::http {

struct PortalApi {
  service::PortalService& portal;
  service::AuditService& audit;
};

// The routes (no workbench section).
void AddPortalRoutes(RouteTable& routes, Workbench& workbench, PortalApi& api);

}  // namespace huanxin::http
