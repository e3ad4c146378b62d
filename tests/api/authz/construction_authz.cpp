// The construction context's routes in the authorization matrix (rows: construction.csv): step
// templates, a project's steps and crews, schedule runs, baselines, delay alerts and a city's
// seasons (issue #13).
// Puts on each side: nothing new. Its setup gives the project context's "project" (one estate: the
// side's "estate") three steps with crews, a schedule run and a baseline. POST steps and POST
// schedule send the setup's own steps and run again, so the side stays as the setup left it.
// Design check: supervisor, contractor and utility are refused a project of their own community whose
// estate is not assigned to them.
#include "api/authz/authz_core.hpp"
#include "api/authz/register_authz.hpp"
#include "api/construction_steps.hpp"

namespace huanxin::testing::authz {
namespace {

using construction::Run;
using construction::Steps;

std::string ProjectPath(std::int64_t project) { return "/api/v1/projects/" + std::to_string(project); }

// A project's steps, schedule and baseline, each expected to succeed.
void Plan(AuthzMatrixTest& t, std::int64_t project, std::int64_t estate, std::int64_t building) {
  auto steps = t.AsAdmin("POST", ProjectPath(project) + "/steps",
                          json::object{{"steps", Steps(estate, building)}, {"crews", construction::Crews()}});
  if (steps.status != 201) t.Problem("construction setup: POST steps of project " + std::to_string(project) + ": " + steps.body);
  auto run = t.AsAdmin("POST", ProjectPath(project) + "/schedule", Run());
  if (run.status != 200) t.Problem("construction setup: POST schedule of project " + std::to_string(project) + ": " + run.body);
  auto base = t.AsAdmin("POST", ProjectPath(project) + "/baseline");
  if (base.status != 201) t.Problem("construction setup: POST baseline of project " + std::to_string(project) + ": " + base.body);
}

void Setup(AuthzMatrixTest& t, Side& s) { Plan(t, s.Id("project"), s.Id("estate"), s.Id("building")); }

// Design (issue #13: "contractors and utilities see only their assigned projects"): a project of
// the callers' own community on an estate nobody assigned them is refused to the assignment-based
// roles, read and write, while the community's own office reads it.
void Checks(AuthzMatrixTest& t, Side& in, Side&) {
  const auto estate = reg::NewEstate(t, in.community());
  const auto building = reg::NewBuilding(t, estate);
  const auto project = t.Post("/api/v1/projects", json::object{{"name", "矩阵未分配项目" + std::to_string(t.Next())},
                                                               {"year", 2026},
                                                               {"kind", "estate"},
                                                               {"regionCode", in.community()},
                                                               {"estateIds", json::array{estate}}});
  Plan(t, project, estate, building);
  const auto path = ProjectPath(project);
  struct Probe {
    const char* role;
    const char* method;
    std::string target;
    json::value body;
    int want;
  };
  const std::vector<Probe> probes = {
      {"supervisor", "GET", path + "/steps", nullptr, 403},
      {"contractor", "GET", path + "/steps", nullptr, 403},
      {"utility", "GET", path + "/schedule", nullptr, 403},
      {"contractor", "POST", path + "/schedule", Run(), 403},
      {"contractor", "POST", path + "/baseline", nullptr, 403},
      {"contractor", "POST", path + "/steps/generate", json::object{}, 403},
      {"community", "GET", path + "/schedule", nullptr, 200},
      // The same callers on their assigned project still pass.
      {"contractor", "GET", ProjectPath(in.Id("project")) + "/steps", nullptr, 200},
      {"utility", "GET", ProjectPath(in.Id("project")) + "/schedule", nullptr, 200},
  };
  for (const auto& p : probes) {
    auto r = t.As(t.caller(p.role).session, p.method, p.target, p.body);
    t.Counted();
    if (r.status != p.want)
      t.Problem(std::string(p.want == 403 ? "LEAK" : "REFUSED") + " (design: assigned projects only) " + p.method + " " +
                p.target + " as " + p.role + " (project " + (p.want == 403 ? "not " : "") + "assigned): expected " +
                std::to_string(p.want) + ", got " + std::to_string(r.status) + " " + r.body);
  }
  // The open alerts of the community list nothing of the unassigned project to a contractor.
  auto alerts = t.As(t.caller("contractor").session, "GET", "/api/v1/construction/alerts?regionCode=" + in.community());
  t.Counted();
  const auto list = alerts.status == 200 ? alerts.Json() : json::value(json::object{{"items", json::array{}}});
  for (const auto& a : list.at("items").as_array())
    if (a.at("projectId").as_int64() == project)
      t.Problem("LEAK (design: assigned projects only) GET /api/v1/construction/alerts lists unassigned project " +
                std::to_string(project) + " to a contractor");
}

// The side's project in {id}, then `then`.
Factory OnProject(std::function<void(Case&, Req&)> then = nullptr) {
  return [then](Case& c, Req& r) {
    r.Path("{id}", c.side.Id("project"));
    if (then) then(c, r);
  };
}

Context ConstructionContext() {
  Context c;
  c.name = "construction";
  c.after = {"project", "register"};
  c.setup = Setup;
  c.checks = Checks;
  c.routes = {
      {"GET /api/v1/step-templates", [](Case&, Req& r) { r.Query("itemCode=B12"); }},
      {"POST /api/v1/projects/{id}/steps/generate", OnProject([](Case&, Req& r) { r.Json(json::object{}); })},
      {"GET /api/v1/projects/{id}/steps", OnProject()},
      {"POST /api/v1/projects/{id}/steps", OnProject([](Case& c, Req& r) {
         r.Json(json::object{{"steps", Steps(c.side.Id("estate"), c.side.Id("building"))}, {"crews", construction::Crews()}});
       })},
      {"POST /api/v1/projects/{id}/schedule", OnProject([](Case&, Req& r) { r.Json(Run()); })},
      {"GET /api/v1/projects/{id}/schedule", OnProject()},
      {"POST /api/v1/projects/{id}/baseline", OnProject()},
      {"GET /api/v1/projects/{id}/alerts", OnProject()},
      {"GET /api/v1/construction/alerts", [](Case& c, Req& r) { r.Query("regionCode=" + c.side.community()); }},
      {"GET /api/v1/calendar/seasons/{regionCode}", [](Case& c, Req& r) { r.Path("{regionCode}", c.side.street()); }},
      {"PUT /api/v1/calendar/seasons/{regionCode}",
       [](Case& c, Req& r) {
         r.Path("{regionCode}", c.side.street()).Json(json::object{{"examDays", json::array{"06-07"}}});
       }},
  };
  return c;
}

}  // namespace

HX_AUTHZ_CONTEXT(ConstructionContext)

}  // namespace huanxin::testing::authz
