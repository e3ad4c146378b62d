// The platform over HTTP: health, the API description, login and sessions, users and roles, the
// audit log, regions and grids, and the workbench. Handlers parse, call one service method and
// encode.
#pragma once

#include "http/route_table.hpp"
#include "http/services.hpp"

namespace huanxin::http {

void AddPlatformRoutes(RouteTable& routes, Services& services);

}  // namespace huanxin::http
