// Long-term management over HTTP (issue #15; docs/stewardship.md): the management mode of an estate
// (PUT/GET /estates/{id}/management), its committee and property contract, fee bill runs, payments
// and the collection rate (GET /estates/{id}/fees?period=), the fee-source ledger, the maintenance
// fund and the utility transfers. Handlers parse, call one service method and encode.
#pragma once

#include "http/route_table.hpp"
#include "http/workbench.hpp"

namespace huanxin::service {
class StewardshipService;
}  // namespace huanxin::service

namespace huanxin::http {

struct StewardshipApi {
  service::StewardshipService& stewardship;
};

// The routes (no workbench section).
void AddStewardshipRoutes(RouteTable& routes, Workbench& workbench, StewardshipApi& api);

}  // namespace huanxin::http
