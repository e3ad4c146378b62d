// Projects and money over HTTP (docs/project.md): plans, projects, gates, documents, units, budget
// and funds.
#pragma once

#include "http/route_table.hpp"
#include "http/workbench.hpp"

namespace huanxin::service {
class ProjectService;
}

namespace huanxin::http {

struct ProjectApi {
  service::ProjectService& projects;
};

void AddProjectRoutes(RouteTable& routes, Workbench& workbench, ProjectApi& api);

}  // namespace huanxin::http
