// The evaluation routes in the authorization matrix (rows: evaluation.csv): the scorecard editor,
// evaluations and rankings. Puts "scorecard" (an unused scorecard, for the editor) and "evaluation"
// (of the side's estate, with the seeded scorecard 1) on each side; reads the register's "estate".
#include <chrono>

#include "api/authz/authz_core.hpp"

namespace huanxin::testing::authz {
namespace {

std::string Today() { return FormatShanghai(std::chrono::system_clock::now(), 10); }

// The seeded scorecard's items (migration 0016), every one scored.
json::object Scores() {
  return json::object{{"sanitation", 18}, {"greenery", 13}, {"facilities", 17}, {"safety", 13}, {"service", 13}, {"satisfaction", "13.5"}};
}

json::object Card(const std::string& name) {
  return json::object{{"name", name},
                      {"periodKind", "monthly"},
                      {"items", json::array{json::object{{"code", "sanitation"}, {"nameZh", "环境卫生"}, {"maxPoints", 50}},
                                            json::object{{"code", "safety"}, {"nameZh", "安全管理"}, {"maxPoints", 50}}}}};
}

Factory InCommunity(const std::string& extra = "") {
  return [extra](Case& c, Req& r) { r.Query("regionCode=" + c.side.community() + extra); };
}

Context EvaluationContext() {
  Context c;
  c.name = "evaluation";
  c.after = {"register"};
  c.setup = [](AuthzMatrixTest& t, Side& s) {
    s.Put("scorecard", t.Post("/api/v1/scorecards", Card("矩阵细则" + std::to_string(t.Next()))));
    s.Put("evaluation", t.Post("/api/v1/evaluations", json::object{{"estateId", s.Id("estate")},
                                                                  {"scorecardId", 1},
                                                                  {"on", Today()},
                                                                  {"scores", Scores()}}));
  };
  c.routes = {
      {"GET /api/v1/scorecards", Plain()},
      {"POST /api/v1/scorecards", [](Case& c, Req& r) { r.Json(Card("矩阵新细则" + c.n)); }},
      {"GET /api/v1/scorecards/{id}", Fill("{id}", "scorecard")},
      {"PUT /api/v1/scorecards/{id}",
       [](Case& c, Req& r) { r.Path("{id}", c.side.Id("scorecard")).Json(Card("矩阵改细则" + c.n)); }},
      {"GET /api/v1/evaluations", InCommunity()},
      {"POST /api/v1/evaluations",
       [](Case& c, Req& r) {
         r.Json(json::object{{"estateId", c.side.Id("estate")}, {"scorecardId", 1}, {"on", Today()}, {"scores", Scores()}});
       }},
      {"GET /api/v1/evaluations/{id}", Fill("{id}", "evaluation")},
      {"GET /api/v1/rankings", InCommunity("&level=estate&period=" + Today().substr(0, 7))},
  };
  return c;
}

}  // namespace
HX_AUTHZ_CONTEXT(EvaluationContext)
}  // namespace huanxin::testing::authz
