// The renovation catalogue over HTTP (core/catalogue/README.md).
#pragma once

#include "http/route_table.hpp"

namespace huanxin::service {
class CatalogueService;
}

namespace huanxin::http {

struct CatalogueApi {
  service::CatalogueService& catalogue;
};

void AddCatalogueRoutes(RouteTable& routes, CatalogueApi& api);

}  // namespace huanxin::http
