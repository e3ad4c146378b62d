// The acceptance routes in the authorization matrix (rows: acceptance.csv): completion acceptance,
// the handover, the permanent sign, household acceptance and its signatures, and the warranties of a
// project and an estate. Reads the project context's "project" and the register's "estate" and
// "dwelling"; puts nothing.
#include <chrono>

#include "api/authz/authz_core.hpp"
#include "testing/sample_images.hpp"

namespace huanxin::testing::authz {
namespace {

std::string Today() { return FormatShanghai(std::chrono::system_clock::now(), 10); }

Factory OnProject(std::function<void(Case&, Req&)> then = nullptr) {
  return [then](Case& c, Req& r) {
    r.Path("{id}", c.side.Id("project"));
    if (then) then(c, r);
  };
}

json::object Acceptance() {
  json::array participants;
  for (const char* role : {"client", "design", "construction", "supervision", "resident_representative"})
    participants.push_back(json::object{{"role", role}, {"name", std::string("矩阵") + role}});
  return json::object{{"on", Today()},
                      {"participants", std::move(participants)},
                      {"checklist", json::array{json::object{{"itemCode", "B12"}, {"scores", json::object{{"质量", 5}}}}}}};
}

Context AcceptanceContext() {
  Context c;
  c.name = "acceptance";
  c.after = {"project"};
  c.routes = {
      {"GET /api/v1/projects/{id}/acceptance", OnProject()},
      {"POST /api/v1/projects/{id}/acceptance", OnProject([](Case&, Req& r) { r.Json(Acceptance()); })},
      {"POST /api/v1/projects/{id}/acceptance/handover",
       OnProject([](Case&, Req& r) { r.Json(json::object{{"on", Today()}, {"receiver", "矩阵物业"}}); })},
      {"GET /api/v1/projects/{id}/acceptance/sign/print", OnProject()},
      {"GET /api/v1/projects/{id}/household-acceptance", OnProject()},
      {"POST /api/v1/projects/{id}/household-acceptance/signatures",
       OnProject([](Case&, Req& r) {
         r.Body("multipart/form-data; boundary=hxAcc",
                "--hxAcc\r\nContent-Disposition: form-data; name=\"file\"; filename=\"sign.png\"\r\nContent-Type: image/png\r\n\r\n" +
                    SamplePngWithText() + "\r\n--hxAcc--\r\n");
       })},
      {"PUT /api/v1/projects/{id}/household-acceptance/{dwellingId}",
       OnProject([](Case& c, Req& r) {
         r.Path("{dwellingId}", c.side.Id("dwelling"))
             .Json(json::object{{"work", "windows"}, {"result", "refused"}, {"reason", "窗框渗水" + c.n}});
       })},
      {"GET /api/v1/projects/{id}/warranties", OnProject()},
      {"GET /api/v1/estates/{id}/warranties", Fill("{id}", "estate")},
  };
  return c;
}

}  // namespace
HX_AUTHZ_CONTEXT(AcceptanceContext)
}  // namespace huanxin::testing::authz
