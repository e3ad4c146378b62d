// The supervision routes in the authorization matrix (rows: supervision.csv): the checklist,
// responsible units, the roster, inspections and their photos, rectification orders (issue, read,
// reply, re-inspect), democratic supervision days and their action items, scores and the quality
// register. Puts "responsible_unit", "rectification" and "supervision_action" on each side; reads the
// project context's "project".
#include <chrono>

#include "api/authz/authz_core.hpp"
#include "testing/sample_images.hpp"

namespace huanxin::testing::authz {
namespace {

std::string Today() { return FormatShanghai(std::chrono::system_clock::now(), 10); }

json::object Day() {
  return json::object{{"heldOn", Today()},
                      {"attendees", json::array{"李建国", "刘经理"}},
                      {"actions", json::array{json::object{{"text", "补齐围挡"}, {"owner", "刘经理"}, {"dueOn", Today()}}}}};
}

Factory OnProject(std::function<void(Case&, Req&)> then = nullptr) {
  return [then](Case& c, Req& r) {
    r.Path("{id}", c.side.Id("project"));
    if (then) then(c, r);
  };
}

Factory InCommunity() {
  return [](Case& c, Req& r) { r.Query("regionCode=" + c.side.community()); };
}

Context SupervisionContext() {
  Context c;
  c.name = "supervision";
  c.after = {"project"};
  c.setup = [](AuthzMatrixTest& t, Side& s) {
    s.Put("responsible_unit", t.Post("/api/v1/responsible-units", json::object{{"regionCode", s.street()},
                                                                                 {"company", "矩阵施工单位" + std::to_string(t.Next())},
                                                                                 {"kind", "contractor"}}));
    s.Put("rectification", t.Post("/api/v1/rectifications", json::object{{"projectId", s.Id("project")},
                                                                            {"finding", "矩阵问题"},
                                                                            {"unitId", s.Id("responsible_unit")},
                                                                            {"dueInWorkingDays", 1}}));
    auto day = t.AsAdmin("POST", "/api/v1/projects/" + std::to_string(s.Id("project")) + "/supervision-days", Day());
    EXPECT_EQ(day.status, 201) << day.body;
    s.Put("supervision_action", day.status == 201 ? day.Json().at("actions").at(0).at("id").as_int64() : 0);
  };
  c.routes = {
      {"GET /api/v1/supervision/checklist", Plain()},
      {"GET /api/v1/supervision/scores", InCommunity()},
      {"GET /api/v1/responsible-units", InCommunity()},
      {"POST /api/v1/responsible-units",
       [](Case& c, Req& r) {
         r.Json(json::object{{"regionCode", c.side.community()}, {"company", "矩阵单位" + c.n}, {"kind", "utility"}});
       }},
      {"GET /api/v1/supervisors", InCommunity()},
      {"POST /api/v1/supervisors",
       [](Case& c, Req& r) {
         r.Json(json::object{{"regionCode", c.side.community()}, {"name", "监督员" + c.n}, {"role", "volunteer"}});
       }},
      {"GET /api/v1/projects/{id}/inspections", OnProject()},
      {"POST /api/v1/projects/{id}/inspections",
       OnProject([](Case& c, Req& r) {
         r.Json(json::object{{"clientId", "authz-" + c.n},
                             {"findings", json::array{json::object{{"itemCode", "safety"}, {"text", "沟槽无警示"}}}}});
       })},
      {"POST /api/v1/projects/{id}/inspections/photos",
       OnProject([](Case&, Req& r) {
         r.Body("multipart/form-data; boundary=hxSup",
                "--hxSup\r\nContent-Disposition: form-data; name=\"file\"; filename=\"site.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n" +
                    SampleJpegWithExif() + "\r\n--hxSup--\r\n");
       })},
      {"GET /api/v1/projects/{id}/supervision-days", OnProject()},
      {"POST /api/v1/projects/{id}/supervision-days", OnProject([](Case&, Req& r) { r.Json(Day()); })},
      {"PATCH /api/v1/supervision-actions/{id}",
       [](Case& c, Req& r) { r.Path("{id}", c.side.Id("supervision_action")).Json(json::object{{"status", "done"}}); }},
      {"GET /api/v1/rectifications", InCommunity()},
      {"POST /api/v1/rectifications",
       [](Case& c, Req& r) {
         r.Json(json::object{{"projectId", c.side.Id("project")},
                             {"finding", "围挡缺失" + c.n},
                             {"unitId", c.side.Id("responsible_unit")},
                             {"dueInWorkingDays", 1}});
       }},
      {"GET /api/v1/rectifications/{id}", Fill("{id}", "rectification")},
      {"POST /api/v1/rectifications/{id}/reply",
       [](Case& c, Req& r) { r.Path("{id}", c.side.Id("rectification")).Json(json::object{{"note", "已整改"}}); }},
      {"POST /api/v1/rectifications/{id}/recheck",
       [](Case& c, Req& r) {
         r.Path("{id}", c.side.Id("rectification")).Json(json::object{{"passed", false}, {"note", "复查不合格"}});
       }},
      {"GET /api/v1/quality-register",
       [](Case& c, Req& r) { r.Query("projectId=" + std::to_string(c.side.Id("project"))); }},
  };
  return c;
}

}  // namespace
HX_AUTHZ_CONTEXT(SupervisionContext)
}  // namespace huanxin::testing::authz
