// Projects and money over HTTP (docs/project.md, core/project/README.md), on SQLite and PostgreSQL:
// every refused field of every route with its status and reason and nothing stored; a project
// walked from reserve to handed_over gate by gate (a street office and the county bureau); the
// plan's extension cap; budget breaches and change orders; the funding ledger (Kunming 五华 2023);
// document scans stored and read back.
#include <boost/json.hpp>

#include "api/api_fixture.hpp"

namespace huanxin::testing {
namespace {

namespace json = boost::json;

constexpr const char* kStreetPassword = "Street#2026x";
constexpr const char* kPdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n";

class ProjectApiTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    if (app_) admin = Admin();
  }


  // An estate of `community` built in `built` with `dwellings` dwellings in one building.
  std::int64_t NewEstate(const std::string& community, int built, int dwellings = 1) {
    const auto n = std::to_string(++n_);
    auto estate = IdOf(Expect(admin, "POST", "/api/v1/estates",
                              json::object{{"regionCode", community},
                                           {"name", "项目测试小区" + n},
                                           {"address", "洪都中大道" + n + "号"},
                                           {"builtYear", built}},
                              201));
    auto building = IdOf(Expect(admin, "POST", "/api/v1/estates/" + std::to_string(estate) + "/buildings",
                                json::object{{"number", "1"}, {"floors", 6}, {"stairwells", 1}}, 201));
    for (int i = 0; i < dwellings; ++i)
      Expect(admin, "POST", "/api/v1/buildings/" + std::to_string(building) + "/dwellings",
             json::object{
                 {"stairwell", 1}, {"floor", 1 + i / 4}, {"room", std::to_string(101 + i)}, {"exclusiveArea", 56.3}},
             201);
    return estate;
  }
  std::int64_t NewPlan(const std::string& region, int year, std::int64_t households) {
    return IdOf(Expect(
        admin, "POST", "/api/v1/plans",
        json::object{{"regionCode", region}, {"year", year}, {"targetEstates", 10}, {"targetHouseholds", households}},
        201));
  }
  std::int64_t NewProject(const LoginSession& who, const std::string& region, std::vector<std::int64_t> estates,
                          int year = 2026) {
    json::array ids(estates.begin(), estates.end());
    return IdOf(Expect(who, "POST", "/api/v1/projects",
                       json::object{{"name", "青云谱区老旧小区改造" + std::to_string(++n_)},
                                    {"year", year},
                                    {"kind", estates.size() == 1 ? "estate" : "area"},
                                    {"regionCode", region},
                                    {"estateIds", ids}},
                       201));
  }
  std::string P(std::int64_t project) { return "/api/v1/projects/" + std::to_string(project); }
  std::int64_t AddDocument(const LoginSession& who, std::int64_t project, const std::string& kind) {
    return IdOf(Expect(
        who, "POST", P(project) + "/documents",
        json::object{
            {"kind", kind}, {"title", kind + " 文件"}, {"reference", "青建〔2026〕" + std::to_string(++n_) + "号"}},
        201));
  }
  HttpResponse Upload(const LoginSession& who, const std::string& target, const std::string& name,
                      const std::string& bytes,
                      const std::string& content_type = "multipart/form-data; boundary=hxDoc") {
    const std::string body = "--hxDoc\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name +
                             "\"\r\n\r\n" + bytes + "\r\n--hxDoc--\r\n";
    return Call("POST", target, body, {{"Authorization", "Bearer " + who.token}, {"Content-Type", content_type}});
  }
  HttpResponse Move(const LoginSession& who, std::int64_t project, const std::string& to) {
    return As(who, "POST", P(project) + "/transitions", json::object{{"to", to}});
  }
  std::int64_t Audited(const std::string& action, std::int64_t project) {
    auto r = As(admin, "GET", "/api/v1/audit?action=" + action + "&entity=project&entityId=" + std::to_string(project));
    EXPECT_EQ(r.status, 200) << r.body;
    return r.status == 200 ? r.Json().at("total").as_int64() : -1;
  }
  // What the API shows of plans and projects, with every row of the state tables (audit log included).
  std::string State(const std::vector<std::int64_t>& projects) {
    std::string out = Snapshot(app_->db());
    out += As(admin, "GET", "/api/v1/plans").body;
    out += As(admin, "GET", "/api/v1/projects?pageSize=500").body;
    for (auto p : projects)
      for (const char* part : {"", "/budget", "/funds"}) out += As(admin, "GET", P(p) + part).body;
    return out;
  }

  LoginSession admin;
  int n_ = 0;
};

// A number of an answer (money and rates come as plain numbers with two decimals).
double Num(const json::value& v) { return v.to_number<double>(); }

// `base` with the fields of `change` set.
json::object With(json::object base, const json::object& change) {
  for (const auto& [k, v] : change) base[k] = v;
  return base;
}

struct Refusal {
  std::string method, target;
  json::value body;
  int status;
  std::string reason, field;  // field: the `detail` of project.invalid_field, in the message of http.invalid_field
  const LoginSession* who = nullptr;
};

// Each case answers its status and reason, naming its field (the caller checks nothing was stored).
class ProjectRefusalTest : public ProjectApiTest {
 protected:
  void ExpectRefused(const std::vector<Refusal>& cases) {
    for (const auto& c : cases) {
      const auto& who = c.who ? *c.who : admin;
      auto r = As(who, c.method, c.target, c.body);
      const std::string what = c.method + " " + c.target + " " + json::serialize(c.body) + " → " + r.body;
      EXPECT_EQ(r.status, c.status) << what;
      EXPECT_EQ(r.Reason(), c.reason) << what;
      if (c.field.empty() || !r.Json().is_object()) continue;
      const auto j = r.Json();
      const auto& e = j.at("error").as_object();
      if (c.reason == "project.invalid_field")
        EXPECT_EQ(e.at("detail").as_string(), c.field) << what;
      else
        EXPECT_NE(std::string(e.at("message").as_string()).find(c.field), std::string::npos) << what;
    }
  }
};

TEST_P(ProjectRefusalTest, EveryBadFieldIsRefusedWithItsReasonAndNothingIsStored) {
  if (!app_) return;
  CreateUser("proj.street", "street", "360104002");
  CreateUser("proj.community", "community", "360104002001");
  auto street = Login("proj.street", kStreetPassword);
  auto community = Login("proj.community", kStreetPassword);
  const auto plan = NewPlan("360104", 2026, 1000);
  const auto a = NewEstate("360104002001", 1990);
  const auto free = NewEstate("360104002001", 1992);
  const auto other = NewEstate("360104006001", 1995);  // another street
  const auto young = NewEstate("360104002001", 2010);  // not eligible
  const auto project = NewProject(admin, "360104002", {a});
  const auto doc = AddDocument(admin, project, "other");
  const auto line =
      IdOf(Expect(admin, "POST", P(project) + "/budget-items",
                  json::object{{"itemCode", "B12"}, {"quantity", 100}, {"unitPrice", 86}, {"budget", 8600}}, 201));
  Expect(admin, "POST", P(project) + "/funds",
         json::object{{"source", "central_subsidy"}, {"kind", "received"}, {"amount", 1000}, {"on", "2026-03-02"}},
         201);
  const std::string pl = "/api/v1/plans/" + std::to_string(plan), pr = P(project),
                    li = pr + "/budget-items/" + std::to_string(line);
  const std::string long_text(201, 'x');
  auto project_body = [&](const json::object& change) {
    return With({{"name", "洪都新村改造"},
                 {"year", 2026},
                 {"kind", "estate"},
                 {"regionCode", "360104002"},
                 {"estateIds", json::array{free}}},
                change);
  };
  auto plan_body = [&](const json::object& change) {
    return With({{"regionCode", "360104002"}, {"year", 2026}, {"targetEstates", 3}, {"targetHouseholds", 400}}, change);
  };
  auto line_body = [&](const json::object& change) {
    return With({{"itemCode", "B13"}, {"quantity", 10}, {"unitPrice", 120}}, change);
  };
  auto order_body = [&](const json::object& change) {
    return With({{"budgetItemId", line},
                 {"amount", 100},
                 {"reason", "增加找平层"},
                 {"approvedBy", "青云谱区住建局"},
                 {"approvedOn", "2026-05-18"}},
                change);
  };
  auto fund_body = [&](const json::object& change) {
    return With({{"source", "local_fiscal"}, {"kind", "committed"}, {"amount", 1000}, {"on", "2026-03-02"}}, change);
  };
  auto unit_body = [&](const json::object& change) {
    return With({{"company", "江西洪城建设集团有限公司"}, {"contact", "李建国"}}, change);
  };
  auto doc_body = [&](const json::object& change) { return With({{"kind", "other"}, {"title", "现场照片"}}, change); };
  auto drop = [](json::object o, const char* field) {
    o.erase(field);
    return o;
  };
  const std::vector<Refusal> cases = {
      // plans
      {"POST", "/api/v1/plans", plan_body({{"regionCode", "36a104"}}), 422, "project.invalid_field", "regionCode"},
      {"POST", "/api/v1/plans", plan_body({{"regionCode", "360199"}}), 422, "project.invalid_field", "regionCode"},
      {"POST", "/api/v1/plans", plan_body({{"regionCode", 360104}}), 422, "http.invalid_field", "regionCode"},
      {"POST", "/api/v1/plans", plan_body({{"year", 1999}}), 422, "project.invalid_field", "year"},
      {"POST", "/api/v1/plans", plan_body({{"year", 2101}}), 422, "project.invalid_field", "year"},
      {"POST", "/api/v1/plans", plan_body({{"year", "2026"}}), 422, "http.invalid_field", "year"},
      {"POST", "/api/v1/plans", plan_body({{"targetEstates", -1}}), 422, "project.invalid_field", "targetEstates"},
      {"POST", "/api/v1/plans", plan_body({{"targetHouseholds", -5}}), 422, "project.invalid_field",
       "targetHouseholds"},
      {"POST", "/api/v1/plans", plan_body({{"targetHouseholds", 1.5}}), 422, "http.invalid_field", "targetHouseholds"},
      {"POST", "/api/v1/plans", drop(plan_body({}), "targetHouseholds"), 422, "http.invalid_field", "targetHouseholds"},
      {"POST", "/api/v1/plans", plan_body({{"regionCode", "360104"}}), 409, "plan.exists", ""},
      {"POST", "/api/v1/plans", plan_body({}), 403, "auth.forbidden", "", &street},
      {"PATCH", pl, json::object{{"targetEstates", -1}}, 422, "project.invalid_field", "targetEstates"},
      {"PATCH", pl, json::object{{"targetHouseholds", 10000001}}, 422, "project.invalid_field", "targetHouseholds"},
      {"PATCH", pl, json::object{{"targetHouseholds", "many"}}, 422, "http.invalid_field", "targetHouseholds"},
      {"PATCH", "/api/v1/plans/999999", json::object{{"targetEstates", 3}}, 404, "plan.not_found", ""},
      // projects
      {"POST", "/api/v1/projects", project_body({{"name", "  "}}), 422, "project.invalid_field", "name"},
      {"POST", "/api/v1/projects", project_body({{"name", std::string(101, 'x')}}), 422, "project.invalid_field",
       "name"},
      {"POST", "/api/v1/projects", drop(project_body({}), "name"), 422, "http.invalid_field", "name"},
      {"POST", "/api/v1/projects", project_body({{"year", 1999}}), 422, "project.invalid_field", "year"},
      {"POST", "/api/v1/projects", project_body({{"kind", "street"}}), 422, "project.invalid_field", "kind"},
      {"POST", "/api/v1/projects", project_body({{"estateIds", json::array{free, young}}}), 422,
       "project.invalid_field", "estateIds"},
      {"POST", "/api/v1/projects", project_body({{"kind", "area"}}), 422, "project.invalid_field", "estateIds"},
      {"POST", "/api/v1/projects", project_body({{"kind", "area"}, {"estateIds", json::array{free, free}}}), 422,
       "project.invalid_field", "estateIds"},
      {"POST", "/api/v1/projects", project_body({{"estateIds", json::array{}}}), 422, "project.invalid_field",
       "estateIds"},
      {"POST", "/api/v1/projects", project_body({{"estateIds", "7"}}), 422, "http.invalid_field", "estateIds"},
      {"POST", "/api/v1/projects", project_body({{"estateIds", json::array{-1}}}), 422, "http.invalid_field",
       "estateIds"},
      {"POST", "/api/v1/projects", drop(project_body({}), "estateIds"), 422, "http.invalid_field", "estateIds"},
      {"POST", "/api/v1/projects", project_body({{"regionCode", "abc"}}), 422, "project.invalid_field", "regionCode"},
      {"POST", "/api/v1/projects", project_body({{"estateIds", json::array{999999}}}), 404, "register.estate_not_found",
       ""},
      {"POST", "/api/v1/projects", project_body({{"estateIds", json::array{other}}}), 403, "auth.out_of_scope",
       "", &street},
      {"POST", "/api/v1/projects", project_body({{"estateIds", json::array{other}}}), 422, "project.invalid_field",
       "estateIds"},
      {"POST", "/api/v1/projects", project_body({{"estateIds", json::array{a}}}), 409, "project.estate_taken", ""},
      {"POST", "/api/v1/projects", project_body({{"estateIds", json::array{young}}}), 422, "project.estate_ineligible",
       ""},
      {"POST", "/api/v1/projects", project_body({{"regionCode", "360104006"}, {"estateIds", json::array{other}}}), 403,
       "auth.out_of_scope", "", &street},
      {"POST", "/api/v1/projects", project_body({}), 403, "auth.forbidden", "", &community},
      // transitions
      {"POST", pr + "/transitions", json::object{{"to", "finished"}}, 422, "project.invalid_field", "to"},
      {"POST", pr + "/transitions", json::object{{"to", 5}}, 422, "http.invalid_field", "to"},
      {"POST", pr + "/transitions", json::object{}, 422, "http.invalid_field", "to"},
      {"POST", pr + "/transitions", json::object{{"to", "designed"}}, 409, "project.transition_invalid", ""},
      {"POST", pr + "/transitions", json::object{{"to", "planned"}}, 409, "project.gate_unmet", ""},
      {"POST", "/api/v1/projects/999999/transitions", json::object{{"to", "planned"}}, 404, "project.not_found", ""},
      // documents
      {"POST", pr + "/documents", doc_body({{"kind", "photo"}}), 422, "project.invalid_field", "kind"},
      {"POST", pr + "/documents", doc_body({{"title", ""}}), 422, "project.invalid_field", "title"},
      {"POST", pr + "/documents", doc_body({{"title", long_text}}), 422, "project.invalid_field", "title"},
      {"POST", pr + "/documents", drop(doc_body({}), "title"), 422, "http.invalid_field", "title"},
      {"POST", pr + "/documents", doc_body({{"reference", long_text}}), 422, "project.invalid_field", "reference"},
      {"POST", pr + "/documents", doc_body({{"reference", 5}}), 422, "http.invalid_field", "reference"},
      {"POST", "/api/v1/projects/999999/documents", doc_body({}), 404, "project.not_found", ""},
      {"DELETE", pr + "/documents/999999", nullptr, 404, "project.document_not_found", ""},
      {"DELETE", pr + "/documents/" + std::to_string(doc), nullptr, 403, "auth.forbidden", "", &community},
      // units
      {"PUT", pr + "/units/painter", unit_body({}), 404, "project.unit_role_not_found", ""},
      {"PUT", pr + "/units/design", unit_body({{"company", "甲"}}), 422, "project.invalid_field", "company"},
      {"PUT", pr + "/units/design", unit_body({{"contact", ""}}), 422, "project.invalid_field", "contact"},
      {"PUT", pr + "/units/design", drop(unit_body({}), "contact"), 422, "http.invalid_field", "contact"},
      {"PUT", pr + "/units/design", unit_body({{"creditCode", "123"}}), 422, "project.invalid_field", "creditCode"},
      {"PUT", pr + "/units/design", unit_body({{"creditCode", "91360100ma35f6xk2q"}}), 422, "project.invalid_field",
       "creditCode"},
      {"PUT", pr + "/units/design", unit_body({{"phone", "call me"}}), 422, "project.invalid_field", "phone"},
      // budget lines
      {"POST", pr + "/budget-items", line_body({{"itemCode", "Z99"}}), 422, "project.invalid_field", "itemCode"},
      {"POST", pr + "/budget-items", drop(line_body({}), "itemCode"), 422, "http.invalid_field", "itemCode"},
      {"POST", pr + "/budget-items", line_body({{"quantity", 0}}), 422, "project.invalid_field", "quantity"},
      {"POST", pr + "/budget-items", line_body({{"quantity", 1.234}}), 422, "http.invalid_field", "quantity"},
      {"POST", pr + "/budget-items", drop(line_body({}), "quantity"), 422, "http.invalid_field", "quantity"},
      {"POST", pr + "/budget-items", line_body({{"unitPrice", -1}}), 422, "project.invalid_field", "unitPrice"},
      {"POST", pr + "/budget-items", drop(line_body({}), "unitPrice"), 422, "http.invalid_field", "unitPrice"},
      {"POST", pr + "/budget-items", line_body({{"budget", 12.345}}), 422, "http.invalid_field", "budget"},
      {"POST", pr + "/budget-items", line_body({{"contract", -5}}), 422, "project.invalid_field", "contract"},
      {"POST", pr + "/budget-items", line_body({{"settlement", "abc"}}), 422, "http.invalid_field", "settlement"},
      {"POST", pr + "/budget-items", line_body({{"description", long_text}}), 422, "project.invalid_field",
       "description"},
      {"PATCH", li, json::object{{"itemCode", "B13"}}, 422, "project.invalid_field", "itemCode"},
      {"PATCH", li, json::object{{"quantity", -1}}, 422, "project.invalid_field", "quantity"},
      {"PATCH", li, json::object{{"unitPrice", 1.001}}, 422, "http.invalid_field", "unitPrice"},
      {"PATCH", li, json::object{{"settlement", -0.01}}, 422, "project.invalid_field", "settlement"},
      {"PATCH", pr + "/budget-items/999999", json::object{{"description", "x"}}, 404, "project.budget_line_not_found",
       ""},
      // change orders
      {"POST", pr + "/change-orders", order_body({{"budgetItemId", 999999}}), 422, "project.invalid_field",
       "budgetItemId"},
      {"POST", pr + "/change-orders", order_body({{"amount", 0}}), 422, "project.invalid_field", "amount"},
      {"POST", pr + "/change-orders", order_body({{"amount", 0.001}}), 422, "http.invalid_field", "amount"},
      {"POST", pr + "/change-orders", drop(order_body({}), "amount"), 422, "http.invalid_field", "amount"},
      {"POST", pr + "/change-orders", order_body({{"reason", ""}}), 422, "project.invalid_field", "reason"},
      {"POST", pr + "/change-orders", drop(order_body({}), "approvedBy"), 422, "http.invalid_field", "approvedBy"},
      {"POST", pr + "/change-orders", order_body({{"approvedOn", "2026-02-30"}}), 422, "project.invalid_field",
       "approvedOn"},
      // funds
      {"POST", pr + "/funds", fund_body({{"source", "lottery"}}), 422, "project.invalid_field", "source"},
      {"POST", pr + "/funds", drop(fund_body({}), "source"), 422, "http.invalid_field", "source"},
      {"POST", pr + "/funds", fund_body({{"kind", "spent"}}), 422, "project.invalid_field", "kind"},
      {"POST", pr + "/funds", fund_body({{"amount", -1}}), 422, "project.invalid_field", "amount"},
      {"POST", pr + "/funds", fund_body({{"amount", 0}}), 422, "project.invalid_field", "amount"},
      {"POST", pr + "/funds", fund_body({{"amount", 12.345}}), 422, "http.invalid_field", "amount"},
      {"POST", pr + "/funds", fund_body({{"amount", "1e3"}}), 422, "http.invalid_field", "amount"},
      {"POST", pr + "/funds", fund_body({{"on", "2026-13-01"}}), 422, "project.invalid_field", "on"},
      {"POST", pr + "/funds", fund_body({{"on", "yesterday"}}), 422, "project.invalid_field", "on"},
      {"POST", pr + "/funds", fund_body({{"note", long_text}}), 422, "project.invalid_field", "note"},
      {"POST", pr + "/funds", fund_body({}), 403, "auth.forbidden", "", &community},
  };
  const auto before = State({project});
  ExpectRefused(cases);
  // Uploads: not a scan, not multipart, no file field, no such document.
  const std::string file = pr + "/documents/" + std::to_string(doc) + "/file";
  auto text = Upload(admin, file, "说明.txt", "只是一段文字");
  EXPECT_EQ(text.status, 415) << text.body;
  EXPECT_EQ(text.Reason(), "file.unsupported_type");
  auto json_body = As(admin, "POST", file, json::object{{"file", "x"}});
  EXPECT_EQ(json_body.status, 415) << json_body.body;
  EXPECT_EQ(json_body.Reason(), "http.unsupported_media_type");
  auto no_field = Call(
      "POST", file,
      "--hxDoc\r\nContent-Disposition: form-data; name=\"scan\"; filename=\"a.pdf\"\r\n\r\n%PDF-1.4\r\n--hxDoc--\r\n",
      {{"Authorization", "Bearer " + admin.token}, {"Content-Type", "multipart/form-data; boundary=hxDoc"}});
  EXPECT_EQ(no_field.status, 422) << no_field.body;
  EXPECT_EQ(no_field.Reason(), "http.invalid_field");
  auto no_doc = Upload(admin, pr + "/documents/999999/file", "a.pdf", kPdf);
  EXPECT_EQ(no_doc.status, 404) << no_doc.body;
  EXPECT_EQ(no_doc.Reason(), "project.document_not_found");
  EXPECT_EQ(State({project}), before);
}

// Each gate in order: the documents it needs, and who moves it there.
struct Gate {
  std::string to, document;
  std::vector<std::string> units;
  bool bureau = false;
};

TEST_P(ProjectApiTest, AProjectWalksFromReserveToHandedOverGateByGate) {
  if (!app_) return;
  CreateUser("proj.bureau", "bureau", "360104");
  CreateUser("proj.street", "street", "360104002");
  auto bureau = Login("proj.bureau", kStreetPassword);
  auto street = Login("proj.street", kStreetPassword);
  const auto estate = NewEstate("360104002001", 1988, 3);
  const auto project = NewProject(street, "360104002", {estate});
  // No plan yet: the gate names the plan and the consent.
  auto first = Move(street, project, "planned");
  ASSERT_EQ(first.status, 409) << first.body;
  EXPECT_EQ(first.Reason(), "project.gate_unmet");
  const std::string detail(first.Json().at("error").at("detail").as_string());
  EXPECT_NE(detail.find("annual_plan"), std::string::npos) << detail;
  EXPECT_NE(detail.find("willingness_consent"), std::string::npos) << detail;
  Expect(bureau, "POST", "/api/v1/plans",
         json::object{{"regionCode", "360104"}, {"year", 2026}, {"targetEstates", 10}, {"targetHouseholds", 1000}},
         201);
  const std::vector<Gate> gates = {
      {"planned", "willingness_consent", {}},          {"approved", "joint_review_opinion", {}, true},
      {"designed", "construction_design", {"design"}}, {"tendered", "tender_result", {"construction", "supervision"}},
      {"permitted", "construction_permit", {}},        {"started", "start_order", {}},
      {"completed", "completion_report", {}},          {"accepted", "acceptance_record", {}},
      {"handed_over", "handover_record", {}},
  };
  std::string from = "reserve";
  for (const auto& g : gates) {
    const auto& mover = g.bureau ? bureau : street;
    // Skipping this gate is refused.
    if (g.to != "handed_over") {
      auto skip = Move(bureau, project, gates[&g - gates.data() + 1].to);
      EXPECT_EQ(skip.status, 409) << g.to << " " << skip.body;
      EXPECT_EQ(skip.Reason(), "project.transition_invalid") << skip.body;
    }
    auto unmet = Move(mover, project, g.to);
    EXPECT_EQ(unmet.status, 409) << g.to << " " << unmet.body;
    EXPECT_EQ(unmet.Reason(), "project.gate_unmet") << unmet.body;
    if (unmet.Json().is_object()) {
      const std::string d(unmet.Json().at("error").at("detail").as_string());
      EXPECT_NE(d.find(g.document), std::string::npos) << g.to << ": " << d;
    }
    if (g.to == "approved") {
      // The joint review is the county's: the street may not approve, even with everything on file.
      Expect(street, "POST", P(project) + "/budget-items",
             json::object{{"itemCode", "B12"}, {"quantity", 1200}, {"unitPrice", 86}, {"budget", 100000}}, 201);
      AddDocument(street, project, g.document);
      auto by_street = Move(street, project, "approved");
      EXPECT_EQ(by_street.status, 403) << by_street.body;
      EXPECT_EQ(by_street.Reason(), "auth.forbidden");
    } else {
      AddDocument(street, project, g.document);
    }
    for (const auto& role : g.units)
      Expect(street, "PUT", P(project) + "/units/" + role,
             json::object{{"company", "南昌" + role + "工程有限公司"},
                          {"contact", "张工"},
                          {"phone", "0791-8861234" + std::to_string(n_ % 10)}},
             200);
    auto moved = Move(mover, project, g.to);
    ASSERT_EQ(moved.status, 200) << g.to << " " << moved.body;
    EXPECT_EQ(moved.Json().at("status").as_string(), g.to);
    from = g.to;
  }
  auto done = Expect(admin, "GET", P(project), nullptr, 200);
  EXPECT_TRUE(done.at("next").is_null());
  const auto& transitions = done.at("transitions").as_array();
  ASSERT_EQ(transitions.size(), gates.size());
  std::string prev = "reserve";
  for (std::size_t i = 0; i < gates.size(); ++i) {
    EXPECT_EQ(transitions[i].at("from").as_string(), prev);
    EXPECT_EQ(transitions[i].at("to").as_string(), gates[i].to);
    EXPECT_EQ(transitions[i].at("actor").as_string(), gates[i].bureau ? "proj.bureau" : "proj.street");
    prev = gates[i].to;
  }
  EXPECT_EQ(Audited("project.transition", project), static_cast<std::int64_t>(gates.size()));
  auto after = Move(street, project, "handed_over");
  EXPECT_EQ(after.status, 409);
  EXPECT_EQ(after.Reason(), "project.transition_invalid");
  // A passed gate's document stays on file.
  std::int64_t permit = 0;
  for (const auto& d : done.at("documents").as_array())
    if (d.at("kind").as_string() == "construction_permit") permit = d.at("id").as_int64();
  auto del = As(street, "DELETE", P(project) + "/documents/" + std::to_string(permit));
  EXPECT_EQ(del.status, 409) << del.body;
  EXPECT_EQ(del.Reason(), "project.document_in_use");
}

TEST_P(ProjectApiTest, ExtensionEstatesAreCappedAtTheirShareOfThePlan) {
  if (!app_) return;
  const auto plan = NewPlan("360104002", 2026, 20);
  const auto estate = NewEstate("360104002001", 2003, 4);  // an extension estate, 4 households
  const auto project = NewProject(admin, "360104002001", {estate});
  auto view = Expect(admin, "GET", P(project), nullptr, 200);
  EXPECT_EQ(view.at("estates").at(0).at("verdict").as_string(), "extension");
  EXPECT_EQ(view.at("households").as_int64(), 4);
  AddDocument(admin, project, "willingness_consent");
  const auto before = State({project});
  auto over = Move(admin, project, "planned");  // 4 of 20 = 20 % > 15 %
  EXPECT_EQ(over.status, 409) << over.body;
  EXPECT_EQ(over.Reason(), "plan.extension_cap");
  EXPECT_EQ(State({project}), before);
  Expect(admin, "PATCH", "/api/v1/plans/" + std::to_string(plan), json::object{{"targetHouseholds", 40}}, 200);
  auto within = Move(admin, project, "planned");  // 4 of 40 = 10 %
  EXPECT_EQ(within.status, 200) << within.body;
  auto p = Expect(admin, "GET", "/api/v1/plans/" + std::to_string(plan), nullptr, 200);
  EXPECT_EQ(p.at("extensionEstates").as_int64(), 1);
  EXPECT_EQ(p.at("extensionHouseholds").as_int64(), 4);
  EXPECT_EQ(p.at("yearHouseholds").as_int64(), 40);
  EXPECT_EQ(Num(p.at("extensionShare")), 10);
  EXPECT_EQ(Num(p.at("extensionCap")), 15);
  EXPECT_EQ(Audited("project.transition", project), 1);
}

TEST_P(ProjectApiTest, BudgetBreachesAreListedAndChangeOrdersRaiseTheLimit) {
  if (!app_) return;
  const auto project = NewProject(admin, "360104002", {NewEstate("360104002001", 1990)});
  // Roof: estimate 100 × 100.00 = 10 000.00, budget 10 500.00 (over the estimate).
  Expect(admin, "POST", P(project) + "/budget-items",
         json::object{{"itemCode", "B12"}, {"quantity", 100}, {"unitPrice", 100}, {"budget", 10500}}, 201);
  // Walls: estimate 10 000.00, budget 10 000.00, settled at exactly +10 %: fine.
  auto walls =
      Expect(admin, "POST", P(project) + "/budget-items",
             json::object{
                 {"itemCode", "B13"}, {"quantity", 10}, {"unitPrice", 1000}, {"budget", 10000}, {"settlement", 11000}},
             201);
  EXPECT_EQ(Num(walls.at("settlementLimit")), 11000);
  const std::string line = P(project) + "/budget-items/" + std::to_string(IdOf(walls));
  auto breaches = [&] { return Expect(admin, "GET", P(project) + "/budget", nullptr, 200).at("breaches").as_array(); };
  auto b = breaches();
  ASSERT_EQ(b.size(), 1u) << json::serialize(b);
  EXPECT_EQ(b[0].at("code").as_string(), "budget_over_estimate");
  EXPECT_TRUE(b[0].at("lineId").is_null());
  EXPECT_EQ(Num(b[0].at("amount")), 20500);
  EXPECT_EQ(Num(b[0].at("limit")), 20000);
  // One fen over +10 %: listed.
  Expect(admin, "PATCH", line, json::object{{"settlement", 11000.01}}, 200);
  b = breaches();
  ASSERT_EQ(b.size(), 2u) << json::serialize(b);
  EXPECT_EQ(b[1].at("code").as_string(), "line_over_budget");
  EXPECT_EQ(b[1].at("lineId").as_int64(), IdOf(walls));
  EXPECT_EQ(Num(b[1].at("amount")), 11000.01);
  EXPECT_EQ(Num(b[1].at("limit")), 11000);
  // An approved change of +100.00 raises the limit to 11 110.00.
  auto order = Expect(admin, "POST", P(project) + "/change-orders",
                      json::object{{"budgetItemId", IdOf(walls)},
                                   {"amount", 100},
                                   {"reason", "外墙空鼓面积增加"},
                                   {"approvedBy", "青云谱区住建局"},
                                   {"approvedOn", "2026-06-01"}},
                      201);
  EXPECT_EQ(Num(order.at("amount")), 100);
  b = breaches();
  ASSERT_EQ(b.size(), 1u) << json::serialize(b);
  EXPECT_EQ(b[0].at("code").as_string(), "budget_over_estimate");
  auto budget = Expect(admin, "GET", P(project) + "/budget", nullptr, 200);
  EXPECT_EQ(Num(budget.at("lines").at(1).at("settlementLimit")), 11110);
  EXPECT_EQ(Num(budget.at("totals").at("changes")), 100);
  EXPECT_EQ(budget.at("changeOrders").as_array().size(), 1u);
  EXPECT_TRUE(budget.at("totals").at("settlement").is_null());  // the roof has none yet
  // The project shows the same breaches.
  EXPECT_EQ(Expect(admin, "GET", P(project), nullptr, 200).at("budget").at("breaches").as_array().size(), 1u);
  // Clearing the budget of the roof clears the totals' budget and its breach.
  Expect(admin, "PATCH", P(project) + "/budget-items/" + std::to_string(IdOf(budget.at("lines").at(0))),
         json::object{{"budget", nullptr}}, 200);
  EXPECT_TRUE(breaches().empty());
}

TEST_P(ProjectApiTest, TheFundingLedgerGivesTheExecutionRateBySource) {
  if (!app_) return;
  const auto project = NewProject(admin, "360104002", {NewEstate("360104002001", 1990)});
  const std::string funds = P(project) + "/funds";
  auto none = Expect(admin, "GET", funds, nullptr, 200);
  EXPECT_TRUE(none.at("executionRate").is_null());
  // Kunming 五华 2023 (REFERENCE.md §6): 369.50 million received, 190.78 million paid → 51.63 %.
  const std::vector<std::tuple<const char*, const char*, double, const char*>> entries = {
      {"central_subsidy", "committed", 300000000, "2023-03-01"}, {"local_fiscal", "committed", 80000000, "2023-03-01"},
      {"central_subsidy", "received", 300000000, "2023-06-30"},  {"local_fiscal", "received", 69500000, "2023-07-15"},
      {"central_subsidy", "paid", 150000000, "2023-09-30"},      {"local_fiscal", "paid", 40780000, "2023-12-20"},
  };
  // Sent as doubles, which this client writes in exponent form (3E8): the same numbers, accepted.
  for (const auto& [source, kind, amount, on] : entries)
    Expect(admin, "POST", funds,
           json::object{{"source", source}, {"kind", kind}, {"amount", amount}, {"on", on}, {"note", "五华区 2023"}},
           201);
  auto f = Expect(admin, "GET", funds, nullptr, 200);
  EXPECT_EQ(Num(f.at("committed")), 380000000);
  EXPECT_EQ(Num(f.at("received")), 369500000);
  EXPECT_EQ(Num(f.at("paid")), 190780000);
  EXPECT_EQ(Num(f.at("executionRate")), 51.63);
  const auto wire = As(admin, "GET", funds).body;  // two decimals, never an exponent
  EXPECT_NE(wire.find("\"received\":369500000.00,"), std::string::npos) << wire;
  EXPECT_NE(wire.find("\"executionRate\":51.63,"), std::string::npos) << wire;
  const auto& by = f.at("bySource").as_array();
  ASSERT_EQ(by.size(), 2u);
  EXPECT_EQ(by[0].at("source").as_string(), "central_subsidy");
  EXPECT_EQ(by[0].at("sourceName").as_string(), "中央补助资金");
  EXPECT_EQ(Num(by[0].at("received")), 300000000);
  EXPECT_EQ(Num(by[0].at("paid")), 150000000);
  EXPECT_EQ(by[1].at("source").as_string(), "local_fiscal");
  EXPECT_EQ(Num(by[1].at("committed")), 80000000);
  EXPECT_EQ(Num(by[1].at("received")), 69500000);
  EXPECT_EQ(Num(by[1].at("paid")), 40780000);
  ASSERT_EQ(f.at("entries").as_array().size(), entries.size());
  EXPECT_EQ(f.at("entries").at(0).at("createdBy").as_string(), "admin");
  // Two decimals in and out.
  auto cents =
      Expect(admin, "POST", funds,
             json::object{{"source", "resident"}, {"kind", "received"}, {"amount", 12.34}, {"on", "2023-12-31"}}, 201);
  EXPECT_EQ(Num(cents.at("amount")), 12.34);
  auto project_view = Expect(admin, "GET", P(project), nullptr, 200);
  EXPECT_EQ(Num(project_view.at("funds").at("received")), 369500012.34);
  EXPECT_EQ(Num(project_view.at("committed")), 380000000);
  EXPECT_EQ(Audited("project.fund", project), static_cast<std::int64_t>(entries.size()) + 1);
}

TEST_P(ProjectApiTest, DocumentScansAreStoredAndReadBack) {
  if (!app_) return;
  CreateUser("proj.street", "street", "360104002");
  CreateUser("proj.other", "street", "360104006");
  auto street = Login("proj.street", kStreetPassword);
  auto other = Login("proj.other", kStreetPassword);
  const auto project = NewProject(admin, "360104002", {NewEstate("360104002001", 1990)});
  const auto doc = AddDocument(admin, project, "construction_permit");
  const std::string target = P(project) + "/documents/" + std::to_string(doc) + "/file";
  auto text = Upload(admin, target, "说明.txt", "not a scan");
  EXPECT_EQ(text.status, 415) << text.body;
  EXPECT_EQ(text.Reason(), "file.unsupported_type");
  auto up = Upload(admin, target, "施工许可证.pdf", kPdf);
  ASSERT_EQ(up.status, 200) << up.body;
  const auto file = up.Json().at("file");
  EXPECT_EQ(file.at("name").as_string(), "施工许可证.pdf");
  EXPECT_EQ(file.at("contentType").as_string(), "application/pdf");
  EXPECT_EQ(file.at("size").as_int64(), static_cast<std::int64_t>(std::string(kPdf).size()));
  const auto file_id = file.at("id").as_int64();
  auto got = As(street, "GET", "/api/v1/files/" + std::to_string(file_id));
  ASSERT_EQ(got.status, 200) << got.body;
  EXPECT_EQ(got.body, kPdf);
  EXPECT_EQ(As(other, "GET", "/api/v1/files/" + std::to_string(file_id)).status, 403);
  auto view = Expect(street, "GET", P(project), nullptr, 200);
  EXPECT_EQ(view.at("documents").at(0).at("file").at("id").as_int64(), file_id);
  EXPECT_EQ(Audited("project.document_file", project), 1);
}

TEST_P(ProjectRefusalTest, PoolResourcesAndBillsRefuseEveryBadFieldAndStoreNothing) {
  if (!app_) return;
  CreateUser("pool.community", "community", "360104002001");
  CreateUser("pool.other", "street", "360104006");
  auto community = Login("pool.community", kStreetPassword);
  auto other_street = Login("pool.other", kStreetPassword);
  const auto a = NewEstate("360104002001", 1990, 3);
  const auto b = NewEstate("360104002001", 1991, 2);
  const auto project = NewProject(admin, "360104002", {a});
  const auto resource = IdOf(Expect(admin, "POST", "/api/v1/estates/" + std::to_string(b) + "/resources",
                                    json::object{{"description", "闲置门球场"}, {"area", 450}, {"owner", "原单位产权"},
                                                 {"proposedUse", "parking"}, {"foundBy", "staff"}},
                                    201));
  Expect(admin, "POST", P(project) + "/bills", json::object{{"purpose", "户表改造居民出资"}, {"amount", 800}}, 201);
  const auto bills = Expect(admin, "GET", P(project) + "/bills", nullptr, 200);
  const auto bill = bills.at("items").as_array().at(0).at("id").as_int64();
  const std::string res = "/api/v1/estates/" + std::to_string(a) + "/resources";
  const json::object good{{"description", "废弃蓄水池"}, {"area", 320}, {"owner", "业主共有"},
                          {"proposedUse", "pocket_park"}, {"foundBy", "checkup"}};
  auto drop = [](json::object o, const char* k) {
    o.erase(k);
    return o;
  };
  const std::string pay = P(project) + "/bills/" + std::to_string(bill) + "/payment";
  const std::vector<Refusal> cases = {
      {"POST", res, With(good, {{"description", "池"}}), 422, "project.invalid_field", "description"},
      {"POST", res, With(good, {{"description", std::string(501 * 3, 'x')}}), 422, "project.invalid_field", "description"},
      {"POST", res, drop(good, "description"), 422, "http.invalid_field", "description"},
      {"POST", res, With(good, {{"area", 0}}), 422, "project.invalid_field", "area"},
      {"POST", res, With(good, {{"area", -5}}), 422, "project.invalid_field", "area"},
      {"POST", res, With(good, {{"area", 1.234}}), 422, "http.invalid_field", "area"},
      {"POST", res, With(good, {{"area", "大约三百"}}), 422, "http.invalid_field", "area"},
      {"POST", res, drop(good, "area"), 422, "http.invalid_field", "area"},
      {"POST", res, With(good, {{"owner", ""}}), 422, "project.invalid_field", "owner"},
      {"POST", res, drop(good, "owner"), 422, "http.invalid_field", "owner"},
      {"POST", res, With(good, {{"proposedUse", "casino"}}), 422, "project.invalid_field", "proposedUse"},
      {"POST", res, With(good, {{"proposedUse", 3}}), 422, "http.invalid_field", "proposedUse"},
      {"POST", res, With(good, {{"foundBy", "rumour"}}), 422, "project.invalid_field", "foundBy"},
      {"POST", res, drop(good, "foundBy"), 422, "http.invalid_field", "foundBy"},
      {"POST", "/api/v1/estates/999999/resources", good, 404, "register.estate_not_found", ""},
      {"POST", res, good, 403, "auth.out_of_scope", "", &other_street},
      {"POST", res, good, 403, "auth.forbidden", "", &community},
      {"GET", "/api/v1/resources?estateId=x", nullptr, 400, "http.bad_query", ""},
      {"GET", "/api/v1/resources?regionCode=360104002", nullptr, 403, "auth.out_of_scope", "", &other_street},
      {"GET", "/api/v1/projects/reserve-pool?regionCode=360104002", nullptr, 403, "auth.out_of_scope", "", &other_street},
      {"POST", P(project) + "/resources/" + std::to_string(resource), nullptr, 409, "project.resource_elsewhere", ""},
      {"POST", P(project) + "/resources/999999", nullptr, 404, "project.resource_not_found", ""},
      {"POST", "/api/v1/projects/999999/resources/" + std::to_string(resource), nullptr, 404, "project.not_found", ""},
      {"POST", P(project) + "/bills", json::object{{"purpose", "水"}, {"amount", 800}}, 422, "project.invalid_field", "purpose"},
      {"POST", P(project) + "/bills", json::object{{"amount", 800}}, 422, "http.invalid_field", "purpose"},
      {"POST", P(project) + "/bills", json::object{{"purpose", "户表改造"}, {"amount", 0}}, 422, "project.invalid_field", "amount"},
      {"POST", P(project) + "/bills", json::object{{"purpose", "户表改造"}, {"amount", -800}}, 422, "project.invalid_field", "amount"},
      {"POST", P(project) + "/bills", json::object{{"purpose", "户表改造"}, {"amount", 800.001}}, 422, "http.invalid_field", "amount"},
      {"POST", P(project) + "/bills", json::object{{"purpose", "户表改造"}, {"amount", 1000000.01}}, 422, "project.invalid_field", "amount"},
      {"POST", P(project) + "/bills", json::object{{"purpose", "户表改造"}}, 422, "http.invalid_field", "amount"},
      {"POST", P(project) + "/bills", json::object{{"purpose", "户表改造"}, {"amount", 800}}, 403, "auth.forbidden", "", &community},
      {"GET", P(project) + "/bills?paid=maybe", nullptr, 400, "http.bad_query", ""},
      {"GET", P(project) + "/bills", nullptr, 403, "auth.out_of_scope", "", &other_street},
      {"POST", pay, json::object{{"paidOn", "2026-02-30"}}, 422, "project.invalid_field", "paidOn"},
      {"POST", pay, json::object{{"paidOn", "昨天"}}, 422, "project.invalid_field", "paidOn"},
      {"POST", pay, json::object{}, 422, "http.invalid_field", "paidOn"},
      {"POST", P(project) + "/bills/999999/payment", json::object{{"paidOn", "2026-03-05"}}, 404, "project.bill_not_found", ""},
      {"POST", pay, json::object{{"paidOn", "2026-03-05"}}, 403, "auth.forbidden", "", &community},
  };
  const auto before = State({project});
  ExpectRefused(cases);
  EXPECT_EQ(State({project}), before) << "a refused request changed something";
}

TEST_P(ProjectApiTest, ThePoolRanksUnplannedEstatesAndBillsArePaidOnce) {
  if (!app_) return;
  const auto old_estate = NewEstate("360104002002", 1975, 4);
  const auto recent = NewEstate("360104002002", 1999, 2);
  const auto extension = NewEstate("360104002002", 2004, 2);
  const auto young = NewEstate("360104002002", 2012, 2);  // not eligible: never in the pool
  const auto planned = NewEstate("360104002002", 1980, 2);
  NewPlan("360104", 2026, 1000);
  const auto reserve = NewProject(admin, "360104002", {recent});
  const auto taken = NewProject(admin, "360104002", {planned});
  AddDocument(admin, taken, "willingness_consent");
  ASSERT_EQ(Move(admin, taken, "planned").status, 200);
  auto pool = Expect(admin, "GET", "/api/v1/projects/reserve-pool?regionCode=360104002002", nullptr, 200);
  std::vector<std::int64_t> order;
  for (const auto& e : pool.at("items").as_array()) order.push_back(e.at("estateId").as_int64());
  // Older first when nothing else is known (no check-up, consultation or households); the
  // extension estate scores no age points; a planned estate has left the pool.
  EXPECT_EQ(order, (std::vector<std::int64_t>{old_estate, recent, extension}));
  const auto& first = pool.at("items").as_array().at(0).as_object();
  EXPECT_EQ(first.at("rank").as_int64(), 1);
  EXPECT_EQ(first.at("verdict").as_string(), "eligible");
  EXPECT_TRUE(first.at("reserveProjectId").is_null());
  EXPECT_EQ(pool.at("items").as_array().at(1).at("reserveProjectId").as_int64(), reserve);
  EXPECT_EQ(pool.at("items").as_array().at(2).at("verdict").as_string(), "extension");
  EXPECT_EQ(pool.at("weights").at("safety").as_int64(), 40);
  const auto& reasons = first.at("reasons").as_array();
  ASSERT_EQ(reasons.size(), 4u);
  EXPECT_EQ(reasons.at(0).at("code").as_string(), "age");  // the only factor with points
  (void)young;

  // Bills: one per dwelling; issuing again skips the billed; a bill is paid once.
  auto issued = Expect(admin, "POST", P(taken) + "/bills", json::object{{"purpose", "户表改造居民出资"}, {"amount", 800}}, 201);
  EXPECT_EQ(issued.at("issued").as_int64(), 2);
  auto again = Expect(admin, "POST", P(taken) + "/bills", json::object{{"purpose", "户表改造居民出资"}, {"amount", 800}}, 201);
  EXPECT_EQ(again.at("issued").as_int64(), 0);
  EXPECT_EQ(again.at("skipped").as_int64(), 2);
  auto unpaid = Expect(admin, "GET", P(taken) + "/bills?paid=false", nullptr, 200);
  ASSERT_EQ(unpaid.at("total").as_int64(), 2);
  const auto bill = unpaid.at("items").as_array().at(0).at("id").as_int64();
  const std::string pay = P(taken) + "/bills/" + std::to_string(bill) + "/payment";
  auto paid = Expect(admin, "POST", pay, json::object{{"paidOn", "2026-03-05"}}, 200);
  EXPECT_EQ(paid.at("paidOn").as_string(), "2026-03-05");
  auto twice = As(admin, "POST", pay, json::object{{"paidOn", "2026-03-06"}});
  EXPECT_EQ(twice.status, 409) << twice.body;
  EXPECT_EQ(twice.Reason(), "project.bill_paid");
  auto page = As(admin, "GET", P(taken) + "/bills?paid=false");
  EXPECT_EQ(page.Json().at("total").as_int64(), 1);
  EXPECT_NE(page.body.find("\"paidAmount\":800.00"), std::string::npos) << page.body;
  EXPECT_NE(page.body.find("\"unpaidAmount\":800.00"), std::string::npos) << page.body;

  // Resources: taken up only by a project that has its estate.
  const auto space = IdOf(Expect(admin, "POST", "/api/v1/estates/" + std::to_string(planned) + "/resources",
                                 json::object{{"description", "废弃蓄水池"}, {"area", 320.5}, {"owner", "业主共有"},
                                              {"proposedUse", "pocket_park"}, {"foundBy", "checkup"}},
                                 201));
  auto elsewhere = As(admin, "POST", P(reserve) + "/resources/" + std::to_string(space));
  EXPECT_EQ(elsewhere.status, 409) << elsewhere.body;
  auto took = Expect(admin, "POST", P(taken) + "/resources/" + std::to_string(space), nullptr, 200);
  EXPECT_EQ(took.at("projectId").as_int64(), taken);
  auto list = As(admin, "GET", "/api/v1/resources?estateId=" + std::to_string(planned));
  EXPECT_NE(list.body.find("\"area\":320.50"), std::string::npos) << list.body;
  EXPECT_EQ(list.Json().at("items").as_array().size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Sqlite, ProjectApiTest, ::testing::Values("sqlite"));
INSTANTIATE_TEST_SUITE_P(Postgres, ProjectApiTest, ::testing::Values("postgres"));
INSTANTIATE_TEST_SUITE_P(Sqlite, ProjectRefusalTest, ::testing::Values("sqlite"));
INSTANTIATE_TEST_SUITE_P(Postgres, ProjectRefusalTest, ::testing::Values("postgres"));

}  // namespace
}  // namespace huanxin::testing
