// Construction over HTTP (docs/construction.md): step templates, steps and crews, seasons, schedule
// runs, baselines and delay alerts.
#pragma once

#include "http/route_table.hpp"
#include "http/workbench.hpp"

namespace huanxin::service {
class ConstructionService;
}

namespace huanxin::http {

struct ConstructionApi {
  service::ConstructionService& construction;
};

void AddConstructionRoutes(RouteTable& routes, Workbench& workbench, ConstructionApi& api);

}  // namespace huanxin::http
