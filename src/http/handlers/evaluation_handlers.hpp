// Evaluations over HTTP (issue #15; docs/evaluation.md): the scorecard editor, evaluations of
// estates (with the rectification orders they issue), and rankings of estates and streets with the
// commendation and criticism lists. Handlers parse, call one service method and encode.
#pragma once

#include "http/route_table.hpp"
#include "http/workbench.hpp"

namespace huanxin::service {
class EvaluationService;
}  // namespace huanxin::service

namespace huanxin::http {

struct EvaluationApi {
  service::EvaluationService& evaluation;
};

// The routes (no workbench section).
void AddEvaluationRoutes(RouteTable& routes, Workbench& workbench, EvaluationApi& api);

}  // namespace huanxin::http
