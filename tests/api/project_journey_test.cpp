// The projects-and-money journey over HTTP (issue #12 "Done when"), on SQLite and PostgreSQL: an
// annual plan → an area project of three estates → its gates with their documents (one refused for
// a missing construction permit) → funds from four sources → a publicity notice, a resident's
// objection and the answer, a revision that restarts the window → the programme statistics and the
// upward Excel report, read back.
#include <boost/json.hpp>
#include <chrono>
#include <fstream>

#include "api/api_fixture.hpp"
#include "common/clock.hpp"
#include "testing/external_tools.hpp"

namespace huanxin::testing {
namespace {

namespace json = boost::json;

// A Beijing date `days` from today, as the server's calendar counts it.
std::string BeijingDate(int days) {
  return FormatShanghai(std::chrono::system_clock::now() + std::chrono::hours(24 * days), 10);
}

class ProjectJourneyTest : public ApiTest {
 protected:
  std::int64_t Id(const HttpResponse& r, int status = 201) {
    EXPECT_EQ(r.status, status) << r.body;
    return r.status == status ? r.Json().as_object().at("id").as_int64() : 0;
  }
  std::int64_t Estate(const LoginSession& who, const std::string& community, const std::string& name, int dwellings) {
    auto id = Id(As(who, "POST", "/api/v1/estates",
                    json::object{{"regionCode", community}, {"name", name}, {"address", "洪都中大道" + name},
                                 {"builtYear", 1992}, {"totalFloorArea", 6000}}));
    auto b = Id(As(who, "POST", "/api/v1/estates/" + std::to_string(id) + "/buildings",
                   json::object{{"number", "1"}, {"floors", 6}, {"stairwells", 2}, {"structure", "brick_concrete"},
                                {"heating", "none"}}));
    for (int k = 0; k < dwellings; ++k)
      Id(As(who, "POST", "/api/v1/buildings/" + std::to_string(b) + "/dwellings",
            json::object{{"stairwell", k % 2 + 1}, {"floor", k / 4 + 1}, {"room", std::to_string(k / 4 + 1) + "0" + std::to_string(k % 4 + 1)},
                         {"exclusiveArea", 60}, {"areaSource", "registered"}, {"use", "residential"},
                         {"saleStatus", "sold"}}));
    return id;
  }
  HttpResponse Step(const LoginSession& who, std::int64_t project, const char* to) {
    return As(who, "POST", "/api/v1/projects/" + std::to_string(project) + "/transitions", json::object{{"to", to}});
  }
  void Doc(const LoginSession& who, std::int64_t project, const char* kind, const char* title) {
    Id(As(who, "POST", "/api/v1/projects/" + std::to_string(project) + "/documents",
          json::object{{"kind", kind}, {"title", title}, {"reference", "编号 001"}}));
  }
  void Unit(const LoginSession& who, std::int64_t project, const char* role, const char* company) {
    auto r = As(who, "PUT", "/api/v1/projects/" + std::to_string(project) + "/units/" + role,
                json::object{{"company", company}, {"contact", "联系人"}, {"phone", "0791-88880000"}});
    EXPECT_EQ(r.status, 200) << r.body;
  }
  void Fund(const LoginSession& who, std::int64_t project, const char* source, const char* kind, const char* amount) {
    const std::string body = std::string("{\"source\":\"") + source + "\",\"kind\":\"" + kind +
                             "\",\"amount\":" + amount + ",\"on\":\"" + BeijingDate(0) + "\"}";
    auto r = Call("POST", "/api/v1/projects/" + std::to_string(project) + "/funds", body,
                  {{"Authorization", "Bearer " + who.token}, {"Content-Type", "application/json"}});
    EXPECT_EQ(r.status, 201) << r.body;
  }
};

TEST_P(ProjectJourneyTest, PlanProjectGatesFundsPublicityAndStatistics) {
  if (!app_) return;
  auto admin = Admin();
  CreateUser("journey.bureau", "bureau", "360104");
  CreateUser("journey.street", "street", "360104002");
  auto bureau = Login("journey.bureau", "Street#2026x");
  auto street = Login("journey.street", "Street#2026x");
  const int year = std::stoi(BeijingDate(0).substr(0, 4));
  // Near the end of a year a publicity window runs into the next: an administrator loads the next
  // year's official calendar, as REFERENCE.md §9 asks (here: weekends only).
  const std::string next = std::to_string(year + 1);
  if (As(admin, "GET", "/api/v1/calendar/" + next).status == 404) {
    auto put = As(admin, "PUT", "/api/v1/calendar/" + next, json::object{{"holidays", json::array{}}, {"workdays", json::array{}}});
    ASSERT_EQ(put.status, 200) << put.body;
  }

  // 1. The county's annual plan.
  auto plan = As(bureau, "POST", "/api/v1/plans",
                 json::object{{"regionCode", "360104"}, {"year", year}, {"targetEstates", 3}, {"targetHouseholds", 36}});
  ASSERT_EQ(plan.status, 201) << plan.body;

  // 2. An area project of three estates of 洪都街道, by the street office.
  std::vector<std::int64_t> estates = {Estate(street, "360104002001", "洪都新村", 12),
                                       Estate(street, "360104002001", "南钢宿舍", 12),
                                       Estate(street, "360104002002", "机床厂里", 8)};
  json::array ids;
  for (auto e : estates) ids.push_back(e);
  auto created = As(street, "POST", "/api/v1/projects",
                    json::object{{"name", "洪都片区老旧小区改造"}, {"year", year}, {"kind", "area"},
                                 {"regionCode", "360104002"}, {"estateIds", ids}});
  ASSERT_EQ(created.status, 201) << created.body;
  const auto p = created.Json().as_object().at("id").as_int64();
  EXPECT_EQ(created.Json().as_object().at("status").as_string(), "reserve");
  EXPECT_EQ(created.Json().as_object().at("households").as_int64(), 32);
  const auto base = "/api/v1/projects/" + std::to_string(p);

  // 3. The gates, each with its documents.
  auto refused = Step(street, p, "planned");
  EXPECT_EQ(refused.status, 409);
  EXPECT_EQ(refused.Reason(), "project.gate_unmet");
  EXPECT_NE(refused.body.find("willingness_consent"), std::string::npos) << refused.body;
  Doc(street, p, "willingness_consent", "改造意愿征询结果");
  ASSERT_EQ(Step(street, p, "planned").status, 200);
  // The estimate: seed 004's kind of estate project — roads, pipes, parking, fitness.
  for (auto [code, qty, price] : {std::tuple{"B05", "8500", "120.00"}, {"B01", "12000", "150.00"},
                                  {"I05", "50", "3000.00"}, {"I03", "30", "5000.00"}})
    Id(As(street, "POST", base + "/budget-items",
          json::object{{"itemCode", code}, {"quantity", json::parse(qty)}, {"unitPrice", json::parse(price)}}));
  Doc(street, p, "joint_review_opinion", "联合审查意见");
  auto street_approves = Step(street, p, "approved");
  EXPECT_EQ(street_approves.status, 403) << "the joint review is the county's";
  ASSERT_EQ(Step(bureau, p, "approved").status, 200);
  Doc(street, p, "construction_design", "施工图设计文件");
  Unit(street, p, "design", "江西省城乡规划设计研究院");
  ASSERT_EQ(Step(street, p, "designed").status, 200);
  Doc(street, p, "tender_result", "中标通知书");
  Unit(street, p, "construction", "南昌市第三建筑工程有限公司");
  Unit(street, p, "supervision", "江西中昌工程咨询监理有限公司");
  ASSERT_EQ(Step(street, p, "tendered").status, 200);
  // No construction permit yet: refused, naming it; nothing moves.
  auto no_permit = Step(street, p, "permitted");
  ASSERT_EQ(no_permit.status, 409) << no_permit.body;
  EXPECT_EQ(no_permit.Reason(), "project.gate_unmet");
  EXPECT_NE(no_permit.body.find("construction_permit"), std::string::npos) << no_permit.body;
  EXPECT_NE(no_permit.body.find("施工许可证"), std::string::npos) << no_permit.body;
  EXPECT_EQ(As(street, "GET", base).Json().as_object().at("status").as_string(), "tendered");
  Doc(street, p, "construction_permit", "建筑工程施工许可证");
  ASSERT_EQ(Step(street, p, "permitted").status, 200);
  Doc(street, p, "start_order", "开工令");
  ASSERT_EQ(Step(street, p, "started").status, 200);
  auto view = As(street, "GET", base).Json().as_object();
  EXPECT_EQ(view.at("status").as_string(), "started");
  EXPECT_EQ(view.at("transitions").as_array().size(), 6u);
  EXPECT_EQ(view.at("next").as_object().at("to").as_string(), "completed");
  // Every transition is in the audit log.
  auto audit = As(admin, "GET", "/api/v1/audit?entity=project&entityId=" + std::to_string(p) +
                                    "&action=project.transition&pageSize=50");
  ASSERT_EQ(audit.status, 200) << audit.body;
  EXPECT_EQ(audit.Json().as_object().at("total").as_int64(), 6);

  // 4. Funds from four sources (in yuan, two decimals).
  Fund(bureau, p, "central_subsidy", "committed", "1500000.00");
  Fund(bureau, p, "provincial", "committed", "600000.00");
  Fund(bureau, p, "local_fiscal", "committed", "700000.00");
  Fund(bureau, p, "utility", "committed", "250000.00");
  Fund(bureau, p, "central_subsidy", "received", "1500000.00");
  Fund(bureau, p, "local_fiscal", "received", "400000.00");
  Fund(bureau, p, "central_subsidy", "paid", "900000.00");
  Fund(bureau, p, "local_fiscal", "paid", "300000.00");
  auto funds = As(street, "GET", base + "/funds");
  ASSERT_EQ(funds.status, 200) << funds.body;
  EXPECT_NE(funds.body.find("\"committed\":3050000.00"), std::string::npos) << funds.body;
  EXPECT_NE(funds.body.find("\"executionRate\":63.16"), std::string::npos) << funds.body;  // 1 200 000 ÷ 1 900 000
  EXPECT_EQ(funds.Json().as_object().at("bySource").as_array().size(), 4u);
  EXPECT_EQ(funds.Json().as_object().at("entries").as_array().size(), 8u);

  // 5. Publicity: a notice open from today, a resident's objection, the answer, a revision.
  const auto today = BeijingDate(0);
  auto notice = As(street, "POST", "/api/v1/publicity",
                   json::object{{"projectId", p}, {"kind", "plan"}, {"title", "洪都片区改造方案公示"},
                                {"body", "改造内容：道路、管网、停车位、健身设施。"}, {"startsOn", today}});
  ASSERT_EQ(notice.status, 201) << notice.body;
  const auto n = notice.Json().as_object();
  const auto nid = n.at("id").as_int64();
  EXPECT_EQ(n.at("status").as_string(), "open");
  EXPECT_EQ(n.at("startsOn").as_string(), today);
  // The window's end is the calendar's: 7 working days from today.
  auto window = As(street, "GET", "/api/v1/calendar/workdays?from=" + today + "&count=7");
  ASSERT_EQ(window.status, 200) << window.body;
  EXPECT_EQ(n.at("endsOn").as_string(), window.Json().as_object().at("end").as_string());
  const auto pub = "/api/v1/public/publicity/" + std::to_string(nid);
  auto objection = Call("POST", pub + "/objections",
                        R"({"content":"停车位规划占用了绿地，建议调整到北侧空地。","name":"张女士","phone":"13800001234"})",
                        {{"Content-Type", "application/json"}});
  ASSERT_EQ(objection.status, 201) << objection.body;
  const auto oid = objection.Json().as_object().at("id").as_int64();
  auto home = As(street, "GET", "/api/v1/workbench");
  ASSERT_EQ(home.status, 200) << home.body;
  const auto card = home.Json().at("sections").at("project").as_object();
  EXPECT_EQ(card.at("projects").as_int64(), 1) << home.body;
  EXPECT_EQ(card.at("building").as_int64(), 1) << home.body;
  EXPECT_EQ(card.at("unansweredObjections").as_int64(), 1) << home.body;
  EXPECT_EQ(card.at("plan").at("regionCode").as_string(), "360104") << "the county's plan covers the street";
  auto answer = As(street, "POST", "/api/v1/publicity/" + std::to_string(nid) + "/objections/" + std::to_string(oid) + "/answer",
                   json::object{{"answer", "已采纳：停车位调整到北侧空地，修订方案另行公示。"}});
  ASSERT_EQ(answer.status, 200) << answer.body;
  EXPECT_EQ(As(street, "GET", "/api/v1/workbench").Json().at("sections").at("project").at("unansweredObjections").as_int64(), 0);
  auto public_view = Call("GET", pub);
  ASSERT_EQ(public_view.status, 200) << public_view.body;
  EXPECT_NE(public_view.body.find("已采纳"), std::string::npos) << public_view.body;
  EXPECT_EQ(public_view.body.find("13800001234"), std::string::npos) << "no phone on the public page";
  EXPECT_EQ(public_view.body.find("张女士"), std::string::npos) << "no name on the public page";
  // The revision starts a new window three days on: the notice is not open until then, and every
  // earlier version is kept.
  const auto later = BeijingDate(3);
  auto revised = As(street, "POST", "/api/v1/publicity/" + std::to_string(nid) + "/revisions",
                    json::object{{"title", "洪都片区改造方案公示（修订）"}, {"body", "停车位调整到北侧空地。"},
                                 {"startsOn", later}, {"reason", "采纳居民意见"}});
  ASSERT_EQ(revised.status, 200) << revised.body;
  const auto r = revised.Json().as_object();
  EXPECT_EQ(r.at("startsOn").as_string(), later);
  auto later_window = As(street, "GET", "/api/v1/calendar/workdays?from=" + later + "&count=7");
  EXPECT_EQ(r.at("endsOn").as_string(), later_window.Json().as_object().at("end").as_string());
  EXPECT_EQ(r.at("status").as_string(), "scheduled");
  auto staff_view = As(street, "GET", "/api/v1/publicity/" + std::to_string(nid));
  ASSERT_EQ(staff_view.status, 200) << staff_view.body;
  EXPECT_EQ(staff_view.Json().as_object().at("versions").as_array().size(), 2u) << staff_view.body;
  auto too_early = Call("POST", pub + "/objections", R"({"content":"还没开始就提意见"})", {{"Content-Type", "application/json"}});
  EXPECT_EQ(too_early.status, 409) << too_early.body;
  EXPECT_EQ(too_early.Reason(), "publicity.closed");

  // 6. The programme statistics and the upward report.
  auto stats = As(bureau, "GET", "/api/v1/stats/programme?regionCode=360104&year=" + std::to_string(year));
  ASSERT_EQ(stats.status, 200) << stats.body;
  auto s = stats.Json().as_object();
  EXPECT_EQ(s.at("projects").as_int64(), 1);
  EXPECT_EQ(s.at("estates").as_int64(), 3);
  EXPECT_EQ(s.at("households").as_int64(), 32);
  EXPECT_EQ(s.at("started").as_int64(), 3);
  EXPECT_NE(stats.body.find("\"floorArea\":18000.00"), std::string::npos) << stats.body;
  EXPECT_NE(stats.body.find("\"investment\":3050000.00"), std::string::npos) << stats.body;
  EXPECT_NE(stats.body.find("\"startRate\":100.00"), std::string::npos) << stats.body;
  EXPECT_NE(stats.body.find("\"executionRate\":63.16"), std::string::npos) << stats.body;
  auto xlsx = As(bureau, "GET", "/api/v1/stats/programme.xlsx?regionCode=360104&year=" + std::to_string(year));
  ASSERT_EQ(xlsx.status, 200);
  HX_REQUIRE_TOOL(HaveOpenpyxl(), "python3-openpyxl");
  TempDir dir("hx-journey");
  const auto path = (dir.path() / "programme.xlsx").string();
  std::ofstream(path, std::ios::binary) << xlsx.body;
  auto text = RunCommand(std::string(kPython) +
                             " -c \"import openpyxl,sys; wb=openpyxl.load_workbook(sys.argv[1]); "
                             "[print(ws.title + '|' + '|'.join('' if c is None else repr(c) for c in r)) for ws in wb "
                             "for r in ws.iter_rows(values_only=True)]\" '" + path + "' 2>&1",
                         false);
  for (const char* line : {"汇总|'小区数(个)'|3", "汇总|'户数(户)'|32", "汇总|'投资(承诺资金,元)'|3050000"})
    EXPECT_NE(text.find(line), std::string::npos) << line << "\n" << text;
  EXPECT_NE(text.find("洪都片区老旧小区改造"), std::string::npos) << text;
}

INSTANTIATE_TEST_SUITE_P(Sqlite, ProjectJourneyTest, ::testing::Values("sqlite"));
INSTANTIATE_TEST_SUITE_P(Postgres, ProjectJourneyTest, ::testing::Values("postgres"));

}  // namespace
}  // namespace huanxin::testing
