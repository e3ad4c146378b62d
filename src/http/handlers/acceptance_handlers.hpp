// Acceptance and warranty over HTTP (issue #14; docs/acceptance.md): household acceptance with the
// resident's signature, completion acceptance with its punch list, the handover record, the
// permanent sign's print page and the warranties of a project and of an estate. Handlers parse,
// call one service method and encode.
#pragma once

#include "http/route_table.hpp"
#include "http/workbench.hpp"

namespace huanxin::service {
class AcceptanceService;
}  // namespace huanxin::service

namespace huanxin::http {

struct AcceptanceApi {
  service::AcceptanceService& acceptance;
};

// The routes (no workbench section).
void AddAcceptanceRoutes(RouteTable& routes, Workbench& workbench, AcceptanceApi& api);

}  // namespace huanxin::http
