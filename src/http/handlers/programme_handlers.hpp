// Programme statistics and the upward report over HTTP (docs/programme.md).
#pragma once

#include "http/route_table.hpp"
#include "http/workbench.hpp"

namespace huanxin::service {
class ProgrammeService;
}

namespace huanxin::http {

struct ProgrammeApi {
  service::ProgrammeService& programme;
};

// GET /api/v1/stats/programme and /api/v1/stats/programme.xlsx (pure reads: reusable). No
// workbench section.
void AddProgrammeRoutes(RouteTable& routes, Workbench& workbench, ProgrammeApi& api);

}  // namespace huanxin::http
