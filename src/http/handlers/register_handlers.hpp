// The register context over HTTP (issue #3): estates, buildings, dwellings, owners, households,
// roster import and exports. Handlers parse, call one service method and encode.
#pragma once

#include "http/route_table.hpp"
#include "http/workbench.hpp"

namespace huanxin::service {
class RegisterService;
class ImportService;
class RegisterDocuments;
}  // namespace huanxin::service

namespace huanxin::http {

struct RegisterApi {
  service::RegisterService& reg;
  service::ImportService& imports;
  service::RegisterDocuments& documents;
};

// The register's routes, and its workbench section: estates in the caller's scope, how many are
// eligible or in the extension range, buildings and dwellings (absent for roles that read the
// register only through assigned estates).
void AddRegisterRoutes(RouteTable& routes, Workbench& workbench, RegisterApi& api);

}  // namespace huanxin::http
