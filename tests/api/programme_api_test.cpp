// Programme statistics over HTTP (issue #12; docs/programme.md), on SQLite and PostgreSQL: 望奎's
// year (REFERENCE.md §10: 投资8871万元，修缮改造28个小区，施工面积15.49万平方米，帮助居民1867户)
// reproduced from data entered through the API — estates with their floor areas and rosters through
// the register, the plan, projects, their gates and funds through the project routes
// (docs/project.md) — then the statistics, the execution rate once money arrives, the upward
// report read back with openpyxl, and the refusals.
#include <boost/json.hpp>
#include <fstream>

#include "api/api_fixture.hpp"
#include "testing/external_tools.hpp"

namespace huanxin::testing {
namespace {

namespace json = boost::json;

class ProgrammeApiTest : public ApiTest {
 protected:
  std::int64_t Created(const HttpResponse& r) {
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? r.Json().as_object().at("id").as_int64() : 0;
  }
  std::int64_t Estate(const LoginSession& who, const std::string& community, const std::string& name, const char* floor_area) {
    json::object body{{"regionCode", community}, {"name", name}, {"address", "望奎镇" + name}, {"builtYear", 1995},
                      {"totalFloorArea", json::parse(floor_area)}};
    return Created(As(who, "POST", "/api/v1/estates", body));
  }
  // `n` dwellings by the roster import, 30 to a building: developer-unsold rows, which carry no owner.
  void Dwellings(const LoginSession& who, std::int64_t estate, int n) {
    std::string csv = "楼栋,单元,楼层,房号,专有部分面积(㎡),面积来源,出售状态,业主姓名,证件号码,联系电话\r\n";
    for (int k = 0; k < n; ++k)
      csv += std::to_string(k / 30 + 1) + ",1," + std::to_string(k % 30 / 2 + 1) + "," + std::to_string(k % 30 / 2 + 1) +
             "0" + std::to_string(k % 2 + 1) + ",60.00,不动产登记,开发商未售,,,\r\n";
    const std::string boundary = "hxProgrammeBoundary4f9a";
    auto body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"roster.csv\"\r\n" +
                "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--" + boundary + "--\r\n";
    auto r = Call("POST", "/api/v1/estates/" + std::to_string(estate) + "/dwellings/import", body,
                  {{"Authorization", "Bearer " + who.token}, {"Content-Type", "multipart/form-data; boundary=" + boundary}});
    EXPECT_LT(r.status, 300) << r.body;
  }
  std::int64_t Project(const LoginSession& who, const std::string& name, const std::string& region,
                       const std::vector<std::int64_t>& estates) {
    json::array ids;
    for (auto e : estates) ids.push_back(e);
    auto r = As(who, "POST", "/api/v1/projects",
                json::object{{"name", name}, {"year", 2023}, {"kind", estates.size() > 1 ? "area" : "estate"},
                             {"regionCode", region}, {"estateIds", ids}});
    auto id = Created(r);
    if (id) {
      EXPECT_EQ(r.Json().as_object().at("status").as_string(), "reserve");
    }
    return id;
  }
  // reserve → planned: the residents' willingness consent on file, the plan exists.
  void Plan(const LoginSession& who, std::int64_t project) {
    const auto base = "/api/v1/projects/" + std::to_string(project);
    Created(As(who, "POST", base + "/documents",
               json::object{{"kind", "willingness_consent"}, {"title", "改造意愿征询结果"}, {"reference", "同意率 92%"}}));
    auto r = As(who, "POST", base + "/transitions", json::object{{"to", "planned"}});
    EXPECT_EQ(r.status, 200) << r.body;
  }
  // The amount written as a client writes it ("50000000.00"), not as Boost.JSON would print it.
  void Fund(const LoginSession& who, std::int64_t project, const char* source, const char* kind, const char* amount) {
    const std::string body = std::string("{\"source\":\"") + source + "\",\"kind\":\"" + kind + "\",\"amount\":" + amount +
                             ",\"on\":\"2023-06-30\"}";
    Created(Call("POST", "/api/v1/projects/" + std::to_string(project) + "/funds", body,
                 {{"Authorization", "Bearer " + who.token}, {"Content-Type", "application/json"}}));
  }
};

TEST_P(ProgrammeApiTest, WangkuisYearFromDataEnteredThroughTheApiGivesExactlyItsFigures) {
  if (!app_) return;
  auto admin = Admin();
  // The county's plan for the year (青云谱区 stands in for 望奎县: the test region tree).
  auto plan = As(admin, "POST", "/api/v1/plans",
                 json::object{{"regionCode", "360104"}, {"year", 2023}, {"targetEstates", 28}, {"targetHouseholds", 1867}});
  ASSERT_EQ(plan.status, 201) << plan.body;
  // 28 estates: 154 900 m² of floor area (27 × 5 532.00 + 5 536.00) and 1 867 dwellings
  // (19 × 67 + 9 × 66), in two streets.
  const char* communities[] = {"360104002001", "360104002002", "360104006001"};
  std::vector<std::int64_t> hongdu, jingshan;
  for (int i = 0; i < 28; ++i) {
    const std::string community = communities[i % 3];
    auto id = Estate(admin, community, "望奎小区" + std::to_string(i + 1), i == 27 ? "5536.00" : "5532.00");
    ASSERT_NE(id, 0);
    Dwellings(admin, id, i < 19 ? 67 : 66);
    (community.starts_with("360104002") ? hongdu : jingshan).push_back(id);
  }
  // A reserve project on a 29th estate: a candidate, not the programme.
  auto spare = Estate(admin, "360104002001", "储备小区", "1000.00");
  Dwellings(admin, spare, 10);
  auto a = Project(admin, "洪都片区老旧小区改造", "360104002", hongdu);
  auto b = Project(admin, "京山片区老旧小区改造", "360104006", jingshan);
  auto reserve = Project(admin, "储备项目", "360104002", {spare});
  ASSERT_TRUE(a && b && reserve);
  Plan(admin, a);
  Plan(admin, b);
  // 88 710 000 yuan committed from two sources; the reserve project's money does not count. A round
  // 50000000.00 on purpose: the decimal reader once printed that double as 5e+07 and refused it.
  Fund(admin, a, "central_subsidy", "committed", "50000000.00");
  Fund(admin, b, "local_fiscal", "committed", "38710000.00");
  Fund(admin, reserve, "central_subsidy", "committed", "1234500.00");

  auto r = As(admin, "GET", "/api/v1/stats/programme?regionCode=360104&year=2023");
  ASSERT_EQ(r.status, 200) << r.body;
  auto p = r.Json().as_object();
  EXPECT_EQ(p.at("regionCode").as_string(), "360104");
  EXPECT_EQ(p.at("regionName").as_string(), "青云谱区");
  EXPECT_EQ(p.at("year").as_int64(), 2023);
  EXPECT_EQ(p.at("projects").as_int64(), 2);
  EXPECT_EQ(p.at("estates").as_int64(), 28);
  EXPECT_EQ(p.at("households").as_int64(), 1867);
  EXPECT_EQ(p.at("buildings").as_int64(), 19 * 3 + 9 * 3);  // 67 and 66 dwellings: three buildings of 30
  EXPECT_EQ(p.at("floorAreaMissing").as_int64(), 0);
  // Money and area as written on the wire: plain numbers with two decimals.
  EXPECT_NE(r.body.find("\"floorArea\":154900.00"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("\"investment\":88710000.00"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("\"received\":0.00"), std::string::npos) << r.body;
  const auto& sources = p.at("bySource").as_array();
  ASSERT_EQ(sources.size(), 2u);
  EXPECT_EQ(sources[0].at("source").as_string(), "central_subsidy");  // the ledger's order of sources
  EXPECT_EQ(sources[1].at("source").as_string(), "local_fiscal");
  EXPECT_EQ(p.at("plan").as_object().at("targetEstates").as_int64(), 28);
  EXPECT_EQ(p.at("plan").as_object().at("targetHouseholds").as_int64(), 1867);
  EXPECT_EQ(p.at("started").as_int64(), 0);
  EXPECT_NE(r.body.find("\"startRate\":0.00"), std::string::npos) << r.body;
  // Nothing received yet: no execution rate, not 0 %.
  EXPECT_TRUE(p.at("executionRate").is_null()) << r.body;

  // Money arrives and is spent: Kunming 五华's proportions, 190.78 ÷ 369.50 = 51.63 % (REFERENCE.md §6).
  Fund(admin, a, "central_subsidy", "received", "369500.00");
  Fund(admin, a, "central_subsidy", "paid", "190780.00");
  r = As(admin, "GET", "/api/v1/stats/programme?regionCode=360104&year=2023");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find("\"executionRate\":51.63"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("\"investment\":88710000.00"), std::string::npos) << r.body;

  // A street sees its own street's project; the plan is its county's, the nearest one above it.
  CreateUser("hd.street", "street", "360104002");
  auto street = Login("hd.street", "Street#2026x");
  r = As(street, "GET", "/api/v1/stats/programme?year=2023");
  ASSERT_EQ(r.status, 200) << r.body;
  p = r.Json().as_object();
  EXPECT_EQ(p.at("regionCode").as_string(), "360104002");
  EXPECT_EQ(p.at("estates").as_int64(), static_cast<std::int64_t>(hongdu.size()));
  EXPECT_EQ(p.at("plan").as_object().at("targetEstates").as_int64(), 28);
  EXPECT_EQ(As(street, "GET", "/api/v1/stats/programme?regionCode=360104006&year=2023").Reason(), "auth.out_of_scope");
  // Another year has no programme and no plan: zeros and null rates.
  r = As(admin, "GET", "/api/v1/stats/programme?regionCode=360104&year=2024");
  ASSERT_EQ(r.status, 200) << r.body;
  p = r.Json().as_object();
  EXPECT_EQ(p.at("estates").as_int64(), 0);
  EXPECT_TRUE(p.at("plan").is_null());
  EXPECT_TRUE(p.at("startRate").is_null());
  EXPECT_TRUE(p.at("completionRate").is_null());

  // The upward report, read back as a reader's spreadsheet program sees it.
  auto xlsx = As(admin, "GET", "/api/v1/stats/programme.xlsx?regionCode=360104&year=2023");
  ASSERT_EQ(xlsx.status, 200) << xlsx.body;
  HX_REQUIRE_TOOL(HaveOpenpyxl(), "python3-openpyxl");
  TempDir dir("hx-programme");
  const auto path = (dir.path() / "report.xlsx").string();
  std::ofstream(path, std::ios::binary) << xlsx.body;
  auto text = RunCommand(std::string(kPython) +
                             " -c \"import openpyxl,sys; wb=openpyxl.load_workbook(sys.argv[1]); "
                             "[print(ws.title + '|' + '|'.join('' if c is None else repr(c) for c in r)) for ws in wb "
                             "for r in ws.iter_rows(values_only=True)]\" '" + path + "' 2>&1",
                         false);
  // Numbers as numbers: openpyxl reads whole ones back as int (154900), the rest as float (51.63).
  for (const char* line : {"汇总|'小区数(个)'|28", "汇总|'户数(户)'|1867", "汇总|'建筑面积(㎡)'|154900",
                           "汇总|'投资(承诺资金,元)'|88710000", "汇总|'资金执行率(%)'|51.63", "汇总|'年度计划小区数(个)'|28",
                           "资金来源|'中央补助资金'|50000000|369500|190780|51.63",
                           "资金来源|'地方财政资金'|38710000|0|0|", "资金来源|'合计'|88710000|369500|190780|51.63",
                           "项目明细|" })
    EXPECT_NE(text.find(line), std::string::npos) << line << " not in\n" << text;
  EXPECT_NE(text.find("'洪都片区老旧小区改造'|'片区'|'360104002'|'列入计划'|19|"), std::string::npos) << text;
  EXPECT_EQ(text.find("储备项目"), std::string::npos) << text;
}

TEST_P(ProgrammeApiTest, RefusesABadYearOrRegionCodeWithItsReason) {
  if (!app_) return;
  auto admin = Admin();
  for (const char* target : {"/api/v1/stats/programme?year=1999", "/api/v1/stats/programme?year=2101",
                             "/api/v1/stats/programme?year=二〇二三", "/api/v1/stats/programme.xlsx?year=99"}) {
    auto r = As(admin, "GET", target);
    EXPECT_EQ(r.status, 422) << target;
    EXPECT_EQ(r.Reason(), "programme.invalid_year") << target;
  }
  for (const char* code : {"36010", "3601041", "36a104", "360104002001001"}) {
    auto r = As(admin, "GET", std::string("/api/v1/stats/programme?year=2023&regionCode=") + code);
    EXPECT_EQ(r.status, 422) << code;
    EXPECT_EQ(r.Reason(), "region.invalid_code") << code;
  }
  EXPECT_EQ(As(admin, "GET", "/api/v1/stats/programme?year=2000").status, 200);
  EXPECT_EQ(As(admin, "GET", "/api/v1/stats/programme?year=2100").status, 200);
}

INSTANTIATE_TEST_SUITE_P(Sqlite, ProgrammeApiTest, ::testing::Values("sqlite"));
INSTANTIATE_TEST_SUITE_P(Postgres, ProgrammeApiTest, ::testing::Values("postgres"));

}  // namespace
}  // namespace huanxin::testing
