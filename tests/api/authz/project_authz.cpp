// The project context's routes in the authorization matrix (rows: project.csv): annual plans,
// projects, gate documents and their scans, units, budget lines, change orders and the funding
// ledger.
// Puts on each side: a "plan" of 2026 for the side's street; a one-estate "project" of 2026 for the
// side's community on the side's estate (status reserve) with an `other` "project_document" and a
// budget line "budget_line" (catalogue item B12). DELETE of a document deletes a fresh one.
#include "api/authz/authz_core.hpp"

namespace huanxin::testing::authz {
namespace {

constexpr const char* kScanType = "multipart/form-data; boundary=hxProjectScan";
std::string ScanBody() {
  return "--hxProjectScan\r\nContent-Disposition: form-data; name=\"file\"; filename=\"scan.pdf\"\r\n"
         "Content-Type: application/pdf\r\n\r\n%PDF-1.4\n%%EOF\n\r\n--hxProjectScan--\r\n";
}

std::string ProjectPath(const Side& s) { return "/api/v1/projects/" + std::to_string(s.Id("project")); }

std::int64_t NewDocument(AuthzMatrixTest& t, const Side& s) {
  return t.Post(ProjectPath(s) + "/documents",
                json::object{{"kind", "other"}, {"title", "矩阵要件" + std::to_string(t.Next())}});
}

void Setup(AuthzMatrixTest& t, Side& s) {
  s.Put("plan",
        t.Post(
            "/api/v1/plans",
            json::object{{"regionCode", s.street()}, {"year", 2026}, {"targetEstates", 4}, {"targetHouseholds", 800}}));
  s.Put("project", t.Post("/api/v1/projects", json::object{{"name", "矩阵项目" + std::to_string(t.Next())},
                                                           {"year", 2026},
                                                           {"kind", "estate"},
                                                           {"regionCode", s.community()},
                                                           {"estateIds", json::array{s.Id("estate")}}}));
  s.Put("project_document", NewDocument(t, s));
  s.Put("budget_line",
        t.Post(ProjectPath(s) + "/budget-items",
               json::object{{"itemCode", "B12"}, {"quantity", 100}, {"unitPrice", 86.5}, {"budget", 8650}}));
}

// The side's project in {id}, its document in {docId} and its line in {lineId}, then `then`.
Factory OnProject(std::function<void(Case&, Req&)> then = nullptr) {
  return [then](Case& c, Req& r) {
    r.Path("{id}", c.side.Id("project"));
    if (r.target.find("{docId}") != std::string::npos) r.Path("{docId}", c.side.Id("project_document"));
    if (r.target.find("{lineId}") != std::string::npos) r.Path("{lineId}", c.side.Id("budget_line"));
    if (then) then(c, r);
  };
}

// A year no setup uses, so a new plan or project meets no other (2030–2099).
int FreshYear(const Case& c) { return 2030 + std::stoi(c.n) % 70; }

Context ProjectContext() {
  Context c;
  c.name = "project";
  c.after = {"register"};
  c.setup = Setup;
  c.routes = {
      {"GET /api/v1/plans", [](Case& c, Req& r) { r.Query("regionCode=" + c.side.community() + "&year=2026"); }},
      {"POST /api/v1/plans",
       [](Case& c, Req& r) {
         r.Json(json::object{
             {"regionCode", c.side.street()}, {"year", FreshYear(c)}, {"targetEstates", 2}, {"targetHouseholds", 300}});
       }},
      {"GET /api/v1/plans/{id}", Fill("{id}", "plan")},
      {"PATCH /api/v1/plans/{id}",
       [](Case& c, Req& r) {
         r.Path("{id}", c.side.Id("plan")).Json(json::object{{"targetEstates", 4}});
       }},
      {"GET /api/v1/projects",
       [](Case& c, Req& r) { r.Query("regionCode=" + c.side.community() + "&year=2026&status=reserve"); }},
      {"POST /api/v1/projects",
       [](Case& c, Req& r) {
         r.Json(json::object{{"name", "矩阵新项目" + c.n},
                             {"year", FreshYear(c)},
                             {"kind", "estate"},
                             {"regionCode", c.side.community()},
                             {"estateIds", json::array{c.side.Id("estate")}}});
       }},
      {"GET /api/v1/projects/{id}", OnProject()},
      {"POST /api/v1/projects/{id}/transitions", OnProject([](Case&, Req& r) {
         r.Json(json::object{{"to", "designed"}});
       })},
      {"POST /api/v1/projects/{id}/documents", OnProject([](Case& c, Req& r) {
         r.Json(
             json::object{{"kind", "other"}, {"title", "现场照片" + c.n}, {"reference", "矩阵〔2026〕" + c.n + "号"}});
       })},
      {"POST /api/v1/projects/{id}/documents/{docId}/file",
       OnProject([](Case&, Req& r) { r.Body(kScanType, ScanBody()); })},
      {"DELETE /api/v1/projects/{id}/documents/{docId}",
       [](Case& c, Req& r) { r.Path("{id}", c.side.Id("project")).Path("{docId}", NewDocument(c.t, c.side)); }},
      {"PUT /api/v1/projects/{id}/units/{role}", OnProject([](Case& c, Req& r) {
         r.Path("{role}", "design").Json(json::object{{"company", "南昌市城建设计研究院" + c.n}, {"contact", "王工"}});
       })},
      {"GET /api/v1/projects/{id}/budget", OnProject()},
      {"POST /api/v1/projects/{id}/budget-items", OnProject([](Case&, Req& r) {
         r.Json(json::object{{"itemCode", "B13"}, {"quantity", 10.5}, {"unitPrice", 120}});
       })},
      {"PATCH /api/v1/projects/{id}/budget-items/{lineId}", OnProject([](Case& c, Req& r) {
         r.Json(json::object{{"description", "矩阵修改" + c.n}});
       })},
      {"POST /api/v1/projects/{id}/change-orders", OnProject([](Case& c, Req& r) {
         r.Json(json::object{{"budgetItemId", c.side.Id("budget_line")},
                             {"amount", 100},
                             {"reason", "矩阵变更" + c.n},
                             {"approvedBy", "青云谱区住建局"},
                             {"approvedOn", "2026-05-18"}});
       })},
      {"GET /api/v1/projects/{id}/funds", OnProject()},
      {"POST /api/v1/projects/{id}/funds", OnProject([](Case&, Req& r) {
         r.Json(
             json::object{{"source", "local_fiscal"}, {"kind", "committed"}, {"amount", 1000.5}, {"on", "2026-03-02"}});
       })},
  };
  return c;
}

}  // namespace

HX_AUTHZ_CONTEXT(ProjectContext)

}  // namespace huanxin::testing::authz
