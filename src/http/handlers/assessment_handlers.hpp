// Assessment of streets and departments over HTTP (issue #15; docs/assessment.md): the KPIs, the
// department responsibility matrix, joint meetings with action items, the annual performance
// evaluation with its self-evaluation report (PDF, XLSX) and the monthly upward report (XLSX).
// Handlers parse, call one service method and encode.
#pragma once

#include "http/route_table.hpp"
#include "http/workbench.hpp"

namespace huanxin::service {
class AssessmentService;
}  // namespace huanxin::service

namespace huanxin::http {

struct AssessmentApi {
  service::AssessmentService& assessment;
};

// The routes (no workbench section).
void AddAssessmentRoutes(RouteTable& routes, Workbench& workbench, AssessmentApi& api);

}  // namespace huanxin::http
