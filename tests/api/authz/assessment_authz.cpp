// The assessment routes in the authorization matrix (rows: assessment.csv): the KPIs, the duty
// matrix, joint meetings and action items, the annual evaluation with its reports and the monthly
// report. Puts "meeting" and "meeting_action" (a joint meeting on the side's street with one item);
// region routes name the side's street in `regionCode`.
#include "api/authz/authz_core.hpp"

namespace huanxin::testing::authz {
namespace {

Factory OnStreet(std::function<void(Case&, Req&)> then = nullptr) {
  return [then](Case& c, Req& r) {
    r.Query("regionCode=" + c.side.street());
    if (then) then(c, r);
  };
}

json::object Meeting(const std::string& region, const std::string& n) {
  return json::object{{"regionCode", region},
                      {"heldOn", "2026-11-13"},
                      {"title", "矩阵联席会议" + n},
                      {"attendees", json::array{"housing", "finance"}},
                      {"minutes", "纪要"},
                      {"actions", json::array{json::object{{"text", "督办" + n}, {"owner", "finance"}, {"deadline", "2026-11-27"}}}}};
}

json::object Action(const std::string& n) {
  return json::object{{"text", "矩阵督办" + n}, {"owner", "housing"}, {"deadline", "2026-12-31"}, {"status", "open"}};
}

Context AssessmentContext() {
  Context c;
  c.name = "assessment";
  c.setup = [](AuthzMatrixTest& t, Side& s) {
    const auto meeting = t.Post("/api/v1/assessment/meetings", Meeting(s.street(), std::to_string(t.Next())));
    s.Put("meeting", meeting);
    s.Put("meeting_action", t.Post("/api/v1/assessment/meetings/" + std::to_string(meeting) + "/actions", Action("setup")));
  };
  c.routes = {
      {"GET /api/v1/assessment/kpis", OnStreet([](Case&, Req& r) { r.Query("year=2026"); })},
      {"GET /api/v1/assessment/duties", OnStreet()},
      {"PUT /api/v1/assessment/duties", OnStreet([](Case& c, Req& r) {
         r.Json(json::object{{"duties", json::array{json::object{{"department", "finance"},
                                                                 {"nameZh", "财政局" + c.n},
                                                                 {"kpis", json::array{"fund_execution"}}}}}});
       })},
      {"GET /api/v1/assessment/meetings", OnStreet()},
      {"POST /api/v1/assessment/meetings", [](Case& c, Req& r) { r.Json(Meeting(c.side.street(), c.n)); }},
      {"GET /api/v1/assessment/meetings/{id}", Fill("{id}", "meeting")},
      {"PUT /api/v1/assessment/meetings/{id}",
       [](Case& c, Req& r) {
         r.Path("{id}", c.side.Id("meeting"))
             .Json(json::object{{"heldOn", "2026-11-14"}, {"title", "改期" + c.n}, {"attendees", json::array{"housing"}}});
       }},
      {"DELETE /api/v1/assessment/meetings/{id}",
       [](Case& c, Req& r) { r.Path("{id}", c.t.Post("/api/v1/assessment/meetings", Meeting(c.side.street(), c.n))); }},
      {"POST /api/v1/assessment/meetings/{id}/actions",
       [](Case& c, Req& r) { r.Path("{id}", c.side.Id("meeting")).Json(Action(c.n)); }},
      {"PUT /api/v1/assessment/actions/{id}",
       [](Case& c, Req& r) { r.Path("{id}", c.side.Id("meeting_action")).Json(Action(c.n)); }},
      {"DELETE /api/v1/assessment/actions/{id}",
       [](Case& c, Req& r) {
         r.Path("{id}", c.t.Post("/api/v1/assessment/meetings/" + std::to_string(c.side.Id("meeting")) + "/actions", Action(c.n)));
       }},
      {"GET /api/v1/assessment/evaluations/{year}", OnStreet([](Case&, Req& r) { r.Path("{year}", "2026"); })},
      {"PUT /api/v1/assessment/evaluations/{year}/scores/{indicator}",
       OnStreet([](Case&, Req& r) {
         r.Path("{year}", "2026").Path("{indicator}", "I05").Json(json::object{{"mode", "entered"}, {"points", 3}});
       })},
      {"GET /api/v1/assessment/evaluations/{year}/report.pdf", OnStreet([](Case&, Req& r) { r.Path("{year}", "2026"); })},
      {"GET /api/v1/assessment/evaluations/{year}/report.xlsx", OnStreet([](Case&, Req& r) { r.Path("{year}", "2026"); })},
      {"GET /api/v1/assessment/monthly-report.xlsx", OnStreet([](Case&, Req& r) { r.Query("month=2026-11"); })},
  };
  return c;
}

}  // namespace
HX_AUTHZ_CONTEXT(AssessmentContext)
}  // namespace huanxin::testing::authz
