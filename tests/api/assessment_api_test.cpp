// Assessment of streets and departments over HTTP (issue #15; docs/assessment.md), on SQLite and
// PostgreSQL: the KPIs of the demo county checked against counts the test makes itself in SQL of
// its own, the joint meeting of the demo with its overdue action item and a meeting's life, the
// annual evaluation (scores entered and computed, total and grade), the self-evaluation report read
// back from its PDF (pdftotext) and XLSX (openpyxl), the monthly report read back and compared with
// the data, and refusals that change nothing.
#include <boost/json.hpp>
#include <fstream>

#include "api/api_fixture.hpp"
#include "app/demo.hpp"
#include "common/clock.hpp"
#include "store/region/region_repository.hpp"
#include "testing/external_tools.hpp"

namespace huanxin::testing {
namespace {

namespace json = boost::json;

class AssessmentApiTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    if (!app_) return;
    // The demo's other two streets, each with a community (the fixture seeds 360104002 and 360104006).
    auto w = db().Write([](store::Session& s) -> Result<void> {
      const auto now = FormatIsoUtc(std::chrono::system_clock::now());
      for (const store::RegionRecord& r : {store::RegionRecord{"360104007", "三家店街道", "street", "360104"},
                                           store::RegionRecord{"360104007001", "三家店社区", "community", "360104007"},
                                           store::RegionRecord{"360104008", "岱山街道", "street", "360104"},
                                           store::RegionRecord{"360104008001", "岱山社区", "community", "360104008"}})
        if (auto u = store::RegionRepository::Upsert(s, r, "test", now); !u) return std::move(u).error();
      return Ok();
    });
    ASSERT_TRUE(w) << w.error().reason;
    auto demo = app::LoadDemo(*app_, "Demo#2026pass", 2026);
    ASSERT_TRUE(demo) << demo.error().reason << " " << demo.error().detail.en;
    year_ = ShanghaiYear(std::chrono::system_clock::now());
  }

  std::int64_t Count(const std::string& sql, const store::Params& p) {
    std::int64_t n = -1;
    auto r = db().Read([&](store::Session& s) -> Result<void> {
      auto v = store::QueryInt(s, sql, p);
      if (!v) return std::move(v).error();
      n = *v;
      return Ok();
    });
    EXPECT_TRUE(r);
    return n;
  }

  static const json::object* Kpi(const json::object& row, const std::string& code) {
    for (const auto& k : row.at("kpis").as_array())
      if (k.as_object().at("kpi").as_string() == code) return &k.as_object();
    return nullptr;
  }

  // Hundredths of a percent, half up, as the test computes it itself.
  static std::int64_t Pct(std::int64_t part, std::int64_t whole) { return (20000 * part + whole) / (2 * whole); }
  static std::int64_t Hundredths(const json::value& v) {
    return v.is_int64() ? v.as_int64() * 100 : static_cast<std::int64_t>(v.as_double() * 100 + 0.5);
  }

  std::string ReadXlsx(const std::string& body, const std::string& name) {
    TempDir dir("hx-assessment");
    const auto path = (dir.path() / name).string();
    std::ofstream(path, std::ios::binary) << body;
    return RunCommand(std::string(kPython) +
                          " -c \"import openpyxl,sys; wb=openpyxl.load_workbook(sys.argv[1]); "
                          "[print(ws.title + '|' + '|'.join('' if c is None else repr(c) for c in r)) for ws in wb "
                          "for r in ws.iter_rows(values_only=True)]\" '" + path + "' 2>&1",
                      false);
  }

  int year_ = 0;
};

TEST_P(AssessmentApiTest, KpisOfTheDemoCountyEqualCountsMadeFromTheData) {
  if (!app_) return;
  const auto bureau = Login("qyp.bureau", "Demo#2026pass");
  auto r = As(bureau, "GET", "/api/v1/assessment/kpis?regionCode=360104&year=" + std::to_string(year_));
  ASSERT_EQ(r.status, 200) << r.body;
  const auto k = r.Json().as_object();
  EXPECT_EQ(k.at("regionCode").as_string(), "360104");
  const auto& total = k.at("total").as_object();

  // The test's own counts: estates of this year's projects past reserve, started and completed ones.
  const std::string estates =
      "SELECT COUNT(DISTINCT pe.estate_id) FROM project p JOIN project_estate pe ON pe.project_id = p.id "
      "WHERE p.year = ? AND p.status <> 'reserve' AND pe.region_code LIKE '360104%'";
  const auto planned = Count(estates, {store::Int(year_)});
  const auto started = Count(estates + " AND p.status IN ('started', 'completed', 'accepted', 'handed_over')", {store::Int(year_)});
  const auto completed = Count(estates + " AND p.status IN ('completed', 'accepted', 'handed_over')", {store::Int(year_)});
  ASSERT_GT(planned, 0) << "the demo has this year's projects";
  const auto* start = Kpi(total, "start_rate");
  ASSERT_NE(start, nullptr);
  EXPECT_EQ(start->at("inputs").as_object().at("planned").as_int64(), planned);
  EXPECT_EQ(start->at("inputs").as_object().at("started").as_int64(), started);
  EXPECT_EQ(Hundredths(start->at("value")), Pct(started, planned));
  EXPECT_NE(std::string(start->at("formula").as_string()).find("已开工小区数"), std::string::npos);
  const auto* done = Kpi(total, "completion_rate");
  EXPECT_EQ(done->at("inputs").as_object().at("completed").as_int64(), completed);

  // Money: paid and received of this year's projects in the ledger.
  const std::string money = "SELECT COALESCE(SUM(fe.amount_fen), 0) FROM fund_entry fe JOIN project p ON p.id = fe.project_id "
                            "WHERE p.year = ? AND p.status <> 'reserve' AND p.region_code LIKE '360104%' AND fe.kind = ?";
  const auto received = Count(money, {store::Int(year_), store::Str("received")});
  const auto paid = Count(money, {store::Int(year_), store::Str("paid")});
  const auto* fund = Kpi(total, "fund_execution");
  EXPECT_EQ(fund->at("inputs").as_object().at("receivedFen").as_int64(), received);
  EXPECT_EQ(fund->at("inputs").as_object().at("paidFen").as_int64(), paid);
  if (received > 0) EXPECT_EQ(Hundredths(fund->at("value")), Pct(paid, received));
  else EXPECT_TRUE(fund->at("value").is_null());

  // Ratings of this year's tickets.
  const auto rated = Count("SELECT COUNT(*) FROM ticket WHERE merged_into IS NULL AND rating IS NOT NULL AND region_code LIKE '360104%'", {});
  const auto* sat = Kpi(total, "satisfaction");
  EXPECT_EQ(sat->at("inputs").as_object().at("rated").as_int64(), rated);

  // Per street: the streets' planned estates add up to the county's.
  std::int64_t sum = 0;
  for (const auto& s : k.at("streets").as_array()) {
    EXPECT_EQ(s.as_object().at("code").as_string().size(), 9u);
    sum += Kpi(s.as_object(), "start_rate")->at("inputs").as_object().at("planned").as_int64();
  }
  EXPECT_EQ(sum, planned);
  // Departments from the demo's matrix: 财政 answers for fund execution only, with the county's value.
  bool finance = false;
  for (const auto& d : k.at("departments").as_array()) {
    if (d.as_object().at("department").as_string() != "finance") continue;
    finance = true;
    ASSERT_EQ(d.as_object().at("kpis").as_array().size(), 1u);
    EXPECT_EQ(d.as_object().at("kpis").as_array()[0].as_object().at("value"), fund->at("value"));
  }
  EXPECT_TRUE(finance);

  // A street office reads its own street, not the county; refusals name their reason.
  const auto street = Login("hongdu.street", "Demo#2026pass");
  EXPECT_EQ(As(street, "GET", "/api/v1/assessment/kpis?regionCode=360104002").status, 200);
  EXPECT_EQ(As(street, "GET", "/api/v1/assessment/kpis?regionCode=360104").status, 403);
  auto bad = As(bureau, "GET", "/api/v1/assessment/kpis?regionCode=360104&year=1999");
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.Json().as_object().at("error").as_object().at("reason").as_string(), "assessment.invalid_year");
}

TEST_P(AssessmentApiTest, JointMeetingsWithActionItemsAndTheirOverdueStatus) {
  if (!app_) return;
  const auto bureau = Login("qyp.bureau", "Demo#2026pass");
  auto list = Expect(bureau, "GET", "/api/v1/assessment/meetings?regionCode=360104", nullptr, 200).as_object();
  ASSERT_EQ(list.at("total").as_int64(), 1);
  const auto& demo = list.at("items").as_array()[0].as_object();
  ASSERT_EQ(demo.at("actions").as_array().size(), 3u);
  int overdue = 0, done = 0;
  for (const auto& a : demo.at("actions").as_array()) {
    overdue += a.as_object().at("status").as_string() == "overdue";
    done += a.as_object().at("status").as_string() == "done";
  }
  EXPECT_EQ(overdue, 1);
  EXPECT_EQ(done, 1);

  const auto today = FormatShanghai(std::chrono::system_clock::now(), 10);
  auto created = Expect(bureau, "POST", "/api/v1/assessment/meetings",
                        json::object{{"regionCode", "360104"},
                                     {"heldOn", today},
                                     {"title", "专题联席会议"},
                                     {"attendees", json::array{"housing", "urban_management"}},
                                     {"minutes", "研究周边环境整治"},
                                     {"actions", json::array{json::object{{"text", "拆除违建"}, {"owner", "urban_management"}, {"deadline", "2000-01-03"}}}}},
                        201)
                     .as_object();
  const auto id = created.at("id").as_int64();
  const auto action = created.at("actions").as_array()[0].as_object().at("id").as_int64();
  EXPECT_EQ(created.at("actions").as_array()[0].as_object().at("status").as_string(), "overdue");
  auto updated = Expect(bureau, "PUT", "/api/v1/assessment/actions/" + std::to_string(action),
                        json::object{{"text", "拆除违建"}, {"owner", "urban_management"}, {"deadline", "2000-01-03"}, {"status", "done"}}, 200)
                     .as_object();
  EXPECT_EQ(updated.at("status").as_string(), "done");
  EXPECT_EQ(updated.at("doneOn").as_string(), today);
  auto added = Expect(bureau, "POST", "/api/v1/assessment/meetings/" + std::to_string(id) + "/actions",
                      json::object{{"text", "复查"}, {"owner", "housing"}, {"deadline", "2999-12-31"}}, 201);
  EXPECT_EQ(added.as_object().at("status").as_string(), "open");

  // Bad input: 422 naming the reason, nothing stored.
  auto bad = As(bureau, "POST", "/api/v1/assessment/meetings", json::object{{"heldOn", "2026-13-01"}, {"title", "x"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.Json().as_object().at("error").as_object().at("reason").as_string(), "assessment.invalid_input");
  EXPECT_EQ(Expect(bureau, "GET", "/api/v1/assessment/meetings", nullptr, 200).as_object().at("total").as_int64(), 2);
  // A street office reads but does not write.
  const auto street = Login("hongdu.street", "Demo#2026pass");
  EXPECT_EQ(As(street, "POST", "/api/v1/assessment/meetings", json::object{{"heldOn", today}, {"title", "x"}}).status, 403);

  Expect(bureau, "DELETE", "/api/v1/assessment/meetings/" + std::to_string(id), nullptr, 204);
  EXPECT_EQ(As(bureau, "GET", "/api/v1/assessment/meetings/" + std::to_string(id)).status, 404);
}

TEST_P(AssessmentApiTest, AnnualEvaluationAndTheSelfEvaluationReport) {
  if (!app_) return;
  const auto bureau = Login("qyp.bureau", "Demo#2026pass");
  const auto base = "/api/v1/assessment/evaluations/" + std::to_string(year_);
  auto ev = Expect(bureau, "GET", base + "?regionCode=360104", nullptr, 200).as_object();
  ASSERT_EQ(ev.at("indicators").as_array().size(), 18u);
  std::int64_t sum = 0, max = 0;
  int entered = 0, computed = 0;
  for (const auto& i : ev.at("indicators").as_array()) {
    const auto& o = i.as_object();
    max += Hundredths(o.at("maxPoints"));
    if (!o.at("points").is_null()) sum += Hundredths(o.at("points"));
    entered += o.at("mode").as_string() == "entered";
    computed += o.at("mode").as_string() == "computed";
  }
  EXPECT_EQ(max, 10000);
  EXPECT_EQ(Hundredths(ev.at("total")), sum);
  EXPECT_EQ(entered, 7);
  EXPECT_EQ(computed, 5);
  const std::string grade = sum >= 9500 ? "excellent" : sum >= 8500 ? "good" : sum >= 7500 ? "pass" : "poor";
  EXPECT_EQ(ev.at("grade").as_string(), grade);

  // Entering 片区化改造 (I08, 4 points) adds exactly its points; over its max is refused.
  auto after = Expect(bureau, "PUT", base + "/scores/I08?regionCode=360104", json::object{{"mode", "entered"}, {"points", 3.5}}, 200).as_object();
  EXPECT_EQ(Hundredths(after.at("total")), sum + 350);
  auto over = As(bureau, "PUT", base + "/scores/I08?regionCode=360104", json::object{{"mode", "entered"}, {"points", 4.01}});
  EXPECT_EQ(over.status, 422);
  EXPECT_EQ(over.Json().as_object().at("error").as_object().at("reason").as_string(), "assessment.invalid_score");
  auto not_kpi = As(bureau, "PUT", base + "/scores/I08?regionCode=360104", json::object{{"mode", "computed"}});
  EXPECT_EQ(not_kpi.Json().as_object().at("error").as_object().at("reason").as_string(), "assessment.not_computable");
  EXPECT_EQ(Hundredths(Expect(bureau, "GET", base + "?regionCode=360104", nullptr, 200).as_object().at("total")), sum + 350);
  const auto t = sum + 350;  // the PDF writes points with two decimals
  const auto total_text = std::to_string(t / 100) + "." + (t % 100 < 10 ? "0" : "") + std::to_string(t % 100);

  auto pdf = As(bureau, "GET", base + "/report.pdf?regionCode=360104");
  ASSERT_EQ(pdf.status, 200) << pdf.body;
  EXPECT_EQ(pdf.body.substr(0, 5), "%PDF-");
  auto xlsx = As(bureau, "GET", base + "/report.xlsx?regionCode=360104");
  ASSERT_EQ(xlsx.status, 200) << xlsx.body;
  HX_REQUIRE_TOOL(HaveTool(kPdfToText), "pdftotext");
  {
    TempDir dir("hx-assessment-pdf");
    const auto path = (dir.path() / "report.pdf").string();
    std::ofstream(path, std::ios::binary) << pdf.body;
    auto text = RunCommand(std::string(kPdfToText) + " '" + path + "' - 2>&1", false);
    for (const std::string& s : {std::string("绩效自评报告"), std::string("当年计划开工"), std::string("表扬激励"),
                                 std::string("总分 ") + total_text, std::string("开工率 = 已开工小区数")})
      EXPECT_NE(text.find(s), std::string::npos) << s << " not in\n" << text;
  }
  HX_REQUIRE_TOOL(HaveOpenpyxl(), "python3-openpyxl");
  auto text = ReadXlsx(xlsx.body, "report.xlsx");
  EXPECT_NE(text.find("|'I08'|'片区化改造'|4|3.5|'填报'|"), std::string::npos) << text;
  EXPECT_NE(text.find("考核指标|'开工率'|"), std::string::npos) << text;
}

TEST_P(AssessmentApiTest, MonthlyReportFiguresEqualTheCountsInTheData) {
  if (!app_) return;
  const auto bureau = Login("qyp.bureau", "Demo#2026pass");
  const auto month = FormatShanghai(std::chrono::system_clock::now(), 7);
  auto xlsx = As(bureau, "GET", "/api/v1/assessment/monthly-report.xlsx?regionCode=360104&month=" + month);
  ASSERT_EQ(xlsx.status, 200) << xlsx.body;
  auto bad = As(bureau, "GET", "/api/v1/assessment/monthly-report.xlsx?regionCode=360104&month=2026-13");
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.Json().as_object().at("error").as_object().at("reason").as_string(), "assessment.invalid_month");

  // This month's figures: the transitions all happened before the month's end (the demo ran now).
  const std::string estates =
      "SELECT COUNT(DISTINCT pe.estate_id) FROM project p JOIN project_estate pe ON pe.project_id = p.id "
      "WHERE p.year = ? AND p.status <> 'reserve' AND pe.region_code LIKE ?";
  const std::string y = month.substr(0, 4);
  const auto planned = Count(estates, {store::Int(std::stoi(y)), store::Str("360104%")});
  const auto started = Count(estates + " AND p.status IN ('started', 'completed', 'accepted', 'handed_over')",
                             {store::Int(std::stoi(y)), store::Str("360104%")});
  const auto hongdu = Count(estates, {store::Int(std::stoi(y)), store::Str("360104002%")});
  HX_REQUIRE_TOOL(HaveOpenpyxl(), "python3-openpyxl");
  auto text = ReadXlsx(xlsx.body, "monthly.xlsx");
  EXPECT_NE(text.find("月度上报|'街道'|'区划代码'|'计划改造小区数'|'已开工'|'开工率(%)'|'已完工'|'完工率(%)'|'户数'|'投资(万元)'"),
            std::string::npos)
      << text;
  const std::string total_row = "月度上报|'青云谱区合计'|'360104'|" + std::to_string(planned) + "|" + std::to_string(started) + "|";
  EXPECT_NE(text.find(total_row), std::string::npos) << total_row << " not in\n" << text;
  if (hongdu > 0) {
    const std::string street_row = "|'360104002'|" + std::to_string(hongdu) + "|";
    EXPECT_NE(text.find(street_row), std::string::npos) << street_row << " not in\n" << text;
  }
}

INSTANTIATE_TEST_SUITE_P(Sqlite, AssessmentApiTest, ::testing::Values("sqlite"));
INSTANTIATE_TEST_SUITE_P(Postgres, AssessmentApiTest, ::testing::Values("postgres"));

}  // namespace
}  // namespace huanxin::testing
