// The construction works routes in the authorization matrix (rows: construction_works.csv):
// progress reports, photos, weights, the sheet and its import, the programme roll-up; household
// teams, works, rates and grid; works notices and their print; the residents' page and feed.
// Puts nothing on the sides: it reads the project context's "project" and the register's "estate",
// "building" and "dwelling".
#include <chrono>

#include "api/authz/authz_core.hpp"
#include "testing/sample_images.hpp"

namespace huanxin::testing::authz {
namespace {

std::string Today() { return FormatShanghai(std::chrono::system_clock::now(), 10); }

Req& Multipart(Req& r, const std::string& name, const std::string& type, const std::string& bytes) {
  return r.Body("multipart/form-data; boundary=hxWorks",
                "--hxWorks\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name + "\"\r\nContent-Type: " + type +
                    "\r\n\r\n" + bytes + "\r\n--hxWorks--\r\n");
}

// The side's project in {id}, then `then`.
Factory OnProject(std::function<void(Case&, Req&)> then = nullptr) {
  return [then](Case& c, Req& r) {
    r.Path("{id}", c.side.Id("project"));
    if (then) then(c, r);
  };
}

Context WorksContext() {
  Context c;
  c.name = "construction_works";
  c.after = {"project"};
  c.setup = [](AuthzMatrixTest&, Side&) {};
  c.routes = {
      {"GET /api/v1/construction/progress",
       [](Case& c, Req& r) { r.Query("regionCode=" + c.side.community() + "&year=2026"); }},
      {"GET /api/v1/projects/{id}/household-teams", OnProject()},
      {"POST /api/v1/projects/{id}/household-teams",
       OnProject([](Case& c, Req& r) {
         r.Json(json::object{{"name", "矩阵入户队" + c.n}, {"phone", "0791-8800" + c.n}, {"works", json::array{"heating"}}});
       })},
      {"GET /api/v1/projects/{id}/household-works", OnProject([](Case&, Req& r) { r.Query("work=heating"); })},
      {"GET /api/v1/projects/{id}/household-works/grid",
       OnProject([](Case& c, Req& r) { r.Query("work=heating&buildingId=" + std::to_string(c.side.Id("building"))); })},
      {"PUT /api/v1/projects/{id}/household-works/{dwellingId}",
       OnProject([](Case& c, Req& r) {
         r.Path("{dwellingId}", c.side.Id("dwelling"))
             .Json(json::object{{"work", "heating"}, {"status", "done"}, {"by", "self"}});
       })},
      {"GET /api/v1/projects/{id}/notices", OnProject()},
      {"GET /api/v1/projects/{id}/notices/print",
       OnProject([](Case& c, Req& r) { r.Query("estateId=" + std::to_string(c.side.Id("estate"))); })},
      {"GET /api/v1/projects/{id}/progress", OnProject()},
      {"POST /api/v1/projects/{id}/progress",
       OnProject([](Case& c, Req& r) {
         r.Json(json::object{{"stepCode", "E1.B01.lay"}, {"percent", 50}, {"on", Today()}, {"clientId", "authz-" + c.n}});
       })},
      {"POST /api/v1/projects/{id}/progress/import",
       OnProject([](Case&, Req& r) { Multipart(r, "progress.xlsx", "application/octet-stream", "not a workbook"); })},
      {"POST /api/v1/projects/{id}/progress/photos",
       OnProject([](Case&, Req& r) { Multipart(r, "site.jpg", "image/jpeg", SampleJpegWithExif()); })},
      {"GET /api/v1/projects/{id}/progress/sheet.xlsx", OnProject()},
      {"PUT /api/v1/projects/{id}/progress/weights", OnProject([](Case&, Req& r) { r.Json(json::object{{"weights", json::object{}}}); })},
      {"GET /api/v1/public/estates/{id}/works", Fill("{id}", "estate")},
      {"GET /api/v1/public/estates/{id}/works.ics", Fill("{id}", "estate")},
  };
  return c;
}

}  // namespace
HX_AUTHZ_CONTEXT(WorksContext)
}  // namespace huanxin::testing::authz
