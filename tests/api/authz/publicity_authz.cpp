// Publicity's routes in the authorization matrix (rows: publicity.csv): notices, revisions, the
// board photo, answers to objections, and the public page, objections and printable notice.
// Puts on each side: "publicity_project" (a project of the side's community, inserted through the
// database until the project context's routes exist), "publicity_notice" (a notice on it, open
// today) and "publicity_objection" (one objection from the public page, with a phone only
// project:read roles may see).
#include <chrono>

#include "api/authz/authz_core.hpp"
#include "common/clock.hpp"
#include "testing/project_rows.hpp"
#include "testing/sample_images.hpp"

namespace huanxin::testing::authz {
namespace {

std::string Today() { return FormatShanghai(std::chrono::system_clock::now(), 10); }

constexpr const char* kPhotoType = "multipart/form-data; boundary=hxBoard";
std::string PhotoBody() {
  return "--hxBoard\r\nContent-Disposition: form-data; name=\"file\"; filename=\"board.jpg\"\r\n"
         "Content-Type: image/jpeg\r\n\r\n" +
         SampleJpegWithExif() + "\r\n--hxBoard--\r\n";
}

json::object NoticeBody(std::int64_t project, const std::string& title) {
  // One working day from today: the window is open today (or opens on the next working day).
  return json::object{{"projectId", project}, {"kind", "plan"},       {"title", title},
                      {"body", "矩阵公示正文"},  {"startsOn", Today()}, {"workingDays", 1}};
}

Factory Notice(std::function<void(Case&, Req&)> then = nullptr) {
  return [then](Case& c, Req& r) {
    r.Path("{id}", c.side.Id("publicity_notice"));
    if (then) then(c, r);
  };
}

Context PublicityContext() {
  Context c;
  c.name = "publicity";
  c.setup = [](AuthzMatrixTest& t, Side& s) {
    const auto project = AddProject(t.db(), s.community(), "矩阵项目" + std::to_string(t.Next()));
    const auto notice = t.Post("/api/v1/publicity", NoticeBody(project, "矩阵公示"));
    const std::string phone = s.in() ? "13900007001" : "13900007006";
    auto objected = t.Call("POST", "/api/v1/public/publicity/" + std::to_string(notice) + "/objections",
                           json::serialize(json::object{{"content", "矩阵意见"}, {"name", "矩阵居民"}, {"phone", phone}}));
    EXPECT_EQ(objected.status, 201) << "objection → " << objected.body;
    s.Put("publicity_project", project);
    s.Put("publicity_notice", notice);
    s.Put("publicity_objection", objected.status == 201 ? objected.Json().as_object().at("id").as_int64() : 0);
    // Names and phones of objectors: project:read inside the notice's region.
    const std::set<std::string> may_see = s.in() ? std::set<std::string>{"admin", "bureau", "street", "community"}
                                                 : std::set<std::string>{"admin", "bureau"};
    s.secrets.push_back({"objector phone " + phone, phone, may_see, {}});
  };
  c.routes = {
      {"GET /api/v1/publicity", [](Case& c, Req& r) { r.Query("regionCode=" + c.side.community()); }},
      {"POST /api/v1/publicity",
       [](Case& c, Req& r) { r.Json(NoticeBody(c.side.Id("publicity_project"), "新公示" + c.n)); }},
      {"GET /api/v1/publicity/{id}", Notice()},
      {"POST /api/v1/publicity/{id}/revisions", Notice([](Case& c, Req& r) {
         r.Json(json::object{{"title", "修订" + c.n}, {"body", "修订正文"}, {"startsOn", Today()}, {"workingDays", 1},
                             {"reason", "矩阵修订"}});
       })},
      {"POST /api/v1/publicity/{id}/photo", Notice([](Case&, Req& r) { r.Body(kPhotoType, PhotoBody()); })},
      {"POST /api/v1/publicity/{id}/objections/{objectionId}/answer", Notice([](Case& c, Req& r) {
         r.Path("{objectionId}", c.side.Id("publicity_objection")).Json(json::object{{"answer", "矩阵答复" + c.n}});
       })},
      {"GET /api/v1/public/publicity/{id}", Notice()},
      {"POST /api/v1/public/publicity/{id}/objections",
       Notice([](Case& c, Req& r) { r.Json(json::object{{"content", "公开意见" + c.n}}); })},
      {"GET /api/v1/public/publicity/{id}/print", Notice()},
  };
  return c;
}

}  // namespace

HX_AUTHZ_CONTEXT(PublicityContext)

}  // namespace huanxin::testing::authz
