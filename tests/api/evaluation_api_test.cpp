// Evaluations over HTTP (issue #15; docs/evaluation.md), on SQLite and PostgreSQL: an evaluation
// with its total and grade that issues a rectification order (then in GET /rectifications), in one
// transaction with it; street rankings averaged half up with a tie sharing the rank; estate rankings
// with the commendation and criticism lists; the scorecard editor; bad input refused with nothing
// stored.
//
// The running server's clock is the system's: the evaluations are dated in the last two months.
#include <boost/json.hpp>
#include <chrono>
#include <cmath>

#include "api/api_fixture.hpp"
#include "common/clock.hpp"

namespace huanxin::testing {
namespace {

namespace json = boost::json;

// The first day of the month `back` months before this one, 'YYYY-MM-DD' (Beijing).
std::string MonthStart(int back) {
  const auto today = FormatShanghai(std::chrono::system_clock::now(), 10);
  int y = std::stoi(today.substr(0, 4)), m = std::stoi(today.substr(5, 2)) - back;
  while (m < 1) m += 12, --y;
  return std::to_string(y) + "-" + (m < 10 ? "0" : "") + std::to_string(m) + "-01";
}

// Scores of the seeded scorecard (migration 0016: 20, 15, 20, 15, 15, 15 points) adding up to
// the named total.
json::object Sheet(const std::string& total) {
  if (total == "90.01")
    return json::object{{"sanitation", 18.01}, {"greenery", 13.5}, {"facilities", 18}, {"safety", "13.5"}, {"service", 13.5}, {"satisfaction", 13.5}};
  if (total == "81")
    return json::object{{"sanitation", 16}, {"greenery", 12}, {"facilities", 16}, {"safety", 12}, {"service", 12.5}, {"satisfaction", "12.50"}};
  if (total == "96")
    return json::object{{"sanitation", 19.5}, {"greenery", 14.5}, {"facilities", 19}, {"safety", 14.5}, {"service", 14}, {"satisfaction", 14.5}};
  return json::object{{"sanitation", 14}, {"greenery", 10.5}, {"facilities", 14}, {"safety", 10.5}, {"service", 10.5}, {"satisfaction", 10.5}};  // 70
}

// A points number of an answer in hundredths (the wire has at most two decimals).
std::int64_t H(const json::value& v) {
  return v.is_int64() ? v.as_int64() * 100 : static_cast<std::int64_t>(std::llround(v.as_double() * 100));
}

class EvaluationApiTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    if (!app_) return;
    admin = Admin();
  }

  std::int64_t Estate(const std::string& community, const std::string& name) {
    return IdOf(Expect(admin, "POST", "/api/v1/estates",
                       json::object{{"regionCode", community}, {"name", name}, {"address", name + "路1号"}, {"builtYear", 1995}}, 201));
  }

  json::value Evaluate(const LoginSession& who, std::int64_t estate, const std::string& on, json::object scores, int status = 201) {
    return Expect(who, "POST", "/api/v1/evaluations",
                  json::object{{"estateId", estate}, {"scorecardId", 1}, {"on", on}, {"scores", std::move(scores)}}, status);
  }

  void ExpectError(const std::string& method, const std::string& target, const json::value& body, int status,
                   const std::string& reason, const std::string& detail_part = "") {
    auto r = As(admin, method, target, body);
    EXPECT_EQ(r.status, status) << method << " " << target << " " << r.body;
    EXPECT_NE(r.body.find("\"" + reason + "\""), std::string::npos) << r.body;
    if (!detail_part.empty()) {
      EXPECT_NE(r.body.find(detail_part), std::string::npos) << r.body;
    }
  }

  std::int64_t Count(const std::string& target) { return Expect(admin, "GET", target, nullptr, 200).at("total").as_int64(); }

  LoginSession admin;
};

TEST_P(EvaluationApiTest, AnEvaluationIssuesARectificationOrderWithIt) {
  if (!app_) return;
  const auto estate = Estate("360104002001", "评比小区");
  const auto project = IdOf(Expect(admin, "POST", "/api/v1/projects",
                                   json::object{{"name", "评比小区改造"}, {"year", 2025}, {"kind", "estate"}, {"regionCode", "360104002001"},
                                                {"estateIds", json::array{estate}}},
                                   201));
  const auto unit = IdOf(Expect(admin, "POST", "/api/v1/responsible-units",
                                json::object{{"regionCode", "360104002"}, {"company", "南昌洪城物业服务有限公司"}, {"kind", "contractor"}}, 201));
  CreateUser("eval.street", "street", "360104002");
  const auto street = Login("eval.street", "Street#2026x");
  const auto on = MonthStart(1);

  // A line with an unknown unit refuses the whole evaluation: neither it nor an order is stored.
  json::object body{{"estateId", estate},
                    {"scorecardId", 1},
                    {"on", on},
                    {"scores", Sheet("81")},
                    {"findings", json::object{{"facilities", "单元门禁损坏"}}},
                    {"rectifications", json::array{json::object{{"itemCode", "facilities"}, {"description", "修复单元门禁"},
                                                                {"dueInWorkingDays", 5}, {"unitId", 999999}}}}};
  auto refused = As(street, "POST", "/api/v1/evaluations", body);
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_NE(refused.body.find("rectifications[0].unitId"), std::string::npos) << refused.body;
  EXPECT_EQ(Count("/api/v1/evaluations"), 0);
  EXPECT_EQ(Count("/api/v1/rectifications?projectId=" + std::to_string(project)), 0);

  body["rectifications"].as_array()[0].as_object()["unitId"] = unit;
  auto e = Expect(street, "POST", "/api/v1/evaluations", body, 201).as_object();
  EXPECT_EQ(H(e.at("total")), 8100);
  EXPECT_EQ(e.at("grade").as_string(), "pass");
  EXPECT_EQ(e.at("gradeName").at("nameZh").as_string(), "合格");
  ASSERT_EQ(e.at("rectificationIds").as_array().size(), 1u);
  const auto order_id = e.at("rectificationIds").at(0).as_int64();
  const auto& scores = e.at("scores").as_array();
  ASSERT_EQ(scores.size(), 6u);
  EXPECT_EQ(scores[0].at("itemCode").as_string(), "sanitation");
  EXPECT_EQ(H(scores[5].at("points")), 1250);
  EXPECT_EQ(scores[2].at("finding").as_string(), "单元门禁损坏");

  // The order is the supervision context's, on the estate's project, issued on the evaluation day.
  auto orders = Expect(street, "GET", "/api/v1/rectifications?projectId=" + std::to_string(project), nullptr, 200);
  ASSERT_EQ(orders.at("total").as_int64(), 1);
  const auto& o = orders.at("items").at(0);
  EXPECT_EQ(o.at("id").as_int64(), order_id);
  EXPECT_EQ(o.at("unitId").as_int64(), unit);
  EXPECT_EQ(o.at("issuedOn").as_string(), on);
  EXPECT_NE(std::string(o.at("finding").as_string()).find("设施完好：修复单元门禁"), std::string::npos) << json::serialize(o);
  EXPECT_GT(std::string(o.at("dueOn").as_string()), on);

  // Read back, in the list and alone.
  auto list = Expect(street, "GET", "/api/v1/evaluations?period=" + on.substr(0, 7), nullptr, 200);
  EXPECT_EQ(list.at("total").as_int64(), 1);
  EXPECT_EQ(list.at("page").as_int64(), 1);
  EXPECT_EQ(list.at("items").at(0).at("estateName").as_string(), "评比小区");
  auto got = Expect(street, "GET", "/api/v1/evaluations/" + std::to_string(IdOf(e)), nullptr, 200);
  EXPECT_EQ(got.at("rectificationIds").at(0).as_int64(), order_id);

  // No project: a rectification line has nothing to hang on.
  const auto bare = Estate("360104002001", "无项目小区");
  body["estateId"] = bare;
  ExpectError("POST", "/api/v1/evaluations", body, 422, "evaluation.no_project");
  EXPECT_EQ(Count("/api/v1/evaluations"), 1);
}

TEST_P(EvaluationApiTest, StreetsRankByTheirEstatesMeanHalfUpAndTiesShareARank) {
  if (!app_) return;
  const auto on = MonthStart(1), before = MonthStart(2);
  const auto a1 = Estate("360104002001", "洪都一村"), a2 = Estate("360104002001", "洪都二村");
  const auto b1 = Estate("360104006001", "京山一村"), b2 = Estate("360104006001", "京山二村");
  // Both streets: (90.01 + 81) / 2 = 85.505 → 85.51 half up (half-even would give 85.50).
  Evaluate(admin, a1, on, Sheet("90.01"));
  Evaluate(admin, a2, on, Sheet("81"));
  Evaluate(admin, b1, on, Sheet("90.01"));
  Evaluate(admin, b2, on, Sheet("81"));
  // The month before: an excellent and a poor estate.
  Evaluate(admin, a1, before, Sheet("96"));
  Evaluate(admin, b2, before, Sheet("70"));

  auto streets = Expect(admin, "GET", "/api/v1/rankings?level=street&regionCode=360104&period=" + on.substr(0, 7), nullptr, 200);
  const auto& rows = streets.at("items").as_array();
  ASSERT_EQ(rows.size(), 2u);
  for (const auto& r : rows) {
    EXPECT_EQ(r.at("rank").as_int64(), 1) << json::serialize(r);
    EXPECT_EQ(H(r.at("total")), 8551);
    EXPECT_EQ(r.at("grade").at("code").as_string(), "good");
    EXPECT_EQ(r.at("estates").as_int64(), 2);
    EXPECT_EQ(r.at("evaluations").as_int64(), 2);
  }
  EXPECT_EQ(rows[0].at("id").as_string(), "360104002");
  EXPECT_EQ(rows[1].at("id").as_string(), "360104006");

  auto estates = Expect(admin, "GET", "/api/v1/rankings?level=estate&regionCode=360104&period=" + on.substr(0, 7), nullptr, 200);
  std::vector<std::int64_t> ranks;
  for (const auto& r : estates.at("items").as_array()) ranks.push_back(r.at("rank").as_int64());
  EXPECT_EQ(ranks, (std::vector<std::int64_t>{1, 1, 3, 3}));
  EXPECT_TRUE(estates.at("commendations").as_array().empty());
  EXPECT_TRUE(estates.at("criticisms").as_array().empty());

  // The quarter or year holding both months: an estate's total is the mean of its evaluations.
  auto earlier = Expect(admin, "GET", "/api/v1/rankings?level=estate&period=" + before.substr(0, 7), nullptr, 200);
  ASSERT_EQ(earlier.at("items").as_array().size(), 2u);
  ASSERT_EQ(earlier.at("commendations").as_array().size(), 1u);
  EXPECT_EQ(earlier.at("commendations").at(0).at("id").as_string(), std::to_string(a1));
  ASSERT_EQ(earlier.at("criticisms").as_array().size(), 1u);
  EXPECT_EQ(earlier.at("criticisms").at(0).at("id").as_string(), std::to_string(b2));
  EXPECT_EQ(earlier.at("criticisms").at(0).at("grade").at("code").as_string(), "poor");
  if (on.substr(0, 4) == before.substr(0, 4)) {
    auto year = Expect(admin, "GET", "/api/v1/rankings?level=estate&period=" + on.substr(0, 4), nullptr, 200);
    for (const auto& r : year.at("items").as_array())
      if (r.at("id").as_string() == std::to_string(a1)) {
        EXPECT_EQ(H(r.at("total")), 9301);  // (90.01 + 96) / 2 = 93.005 → 93.01
        EXPECT_EQ(r.at("evaluations").as_int64(), 2);
      }
  }

  // A street office sees its own street only; another street's region is out of its scope.
  CreateUser("rank.street", "street", "360104002");
  const auto street = Login("rank.street", "Street#2026x");
  auto own = Expect(street, "GET", "/api/v1/rankings?level=estate&period=" + on.substr(0, 7), nullptr, 200);
  EXPECT_EQ(own.at("items").as_array().size(), 2u);
  EXPECT_EQ(As(street, "GET", "/api/v1/rankings?level=street&regionCode=360104006&period=" + on.substr(0, 7)).status, 403);
  // Bad queries.
  ExpectError("GET", "/api/v1/rankings?level=county&period=" + on.substr(0, 7), nullptr, 400, "http.bad_query", "level");
  ExpectError("GET", "/api/v1/rankings?level=estate&period=2026-13", nullptr, 400, "http.bad_query", "period");
  ExpectError("GET", "/api/v1/rankings?level=estate", nullptr, 400, "http.bad_query", "period");
}

TEST_P(EvaluationApiTest, BadInputIsRefusedAndChangesNothing) {
  if (!app_) return;
  const auto estate = Estate("360104002001", "校验小区");
  const auto on = MonthStart(1);
  auto with = [&](json::object scores, std::int64_t estate_id = 0, std::int64_t card = 1, std::string day = "") {
    return json::object{{"estateId", estate_id ? estate_id : estate}, {"scorecardId", card}, {"on", day.empty() ? on : day}, {"scores", std::move(scores)}};
  };
  auto above = Sheet("81");
  above["greenery"] = 15.01;  // its maximum is 15
  ExpectError("POST", "/api/v1/evaluations", with(above), 422, "evaluation.invalid_score", "scores.greenery");
  auto three = Sheet("81");
  three["safety"] = "12.505";
  ExpectError("POST", "/api/v1/evaluations", with(three), 422, "evaluation.invalid_score", "scores.safety");
  auto three_number = Sheet("81");
  three_number["safety"] = 12.125;
  ExpectError("POST", "/api/v1/evaluations", with(three_number), 422, "evaluation.invalid_score", "scores.safety");
  auto missing = Sheet("81");
  missing.erase("satisfaction");
  ExpectError("POST", "/api/v1/evaluations", with(missing), 422, "evaluation.missing_score", "scores.satisfaction");
  auto unknown = Sheet("81");
  unknown["parking"] = 5;
  ExpectError("POST", "/api/v1/evaluations", with(unknown), 422, "evaluation.unknown_item", "scores.parking");
  auto negative = Sheet("81");
  negative["service"] = -1;
  ExpectError("POST", "/api/v1/evaluations", with(negative), 422, "evaluation.invalid_score", "scores.service");
  ExpectError("POST", "/api/v1/evaluations", with(Sheet("81"), 999999), 404, "evaluation.estate_not_found");
  ExpectError("POST", "/api/v1/evaluations", with(Sheet("81"), 0, 999999), 404, "evaluation.scorecard_not_found");
  ExpectError("POST", "/api/v1/evaluations", with(Sheet("81"), 0, 1, "2999-01-01"), 422, "evaluation.invalid_field", "on");
  ExpectError("POST", "/api/v1/evaluations", json::object{{"estateId", estate}, {"scorecardId", 1}, {"on", on}}, 422, "http.invalid_field", "scores");
  EXPECT_EQ(Count("/api/v1/evaluations"), 0);
  // Out of scope: a street office of another street.
  CreateUser("far.street", "street", "360104006");
  const auto far = Login("far.street", "Street#2026x");
  EXPECT_EQ(As(far, "POST", "/api/v1/evaluations", with(Sheet("81"))).status, 403);
  EXPECT_EQ(Count("/api/v1/evaluations"), 0);
  Evaluate(admin, estate, on, Sheet("81"));
  EXPECT_EQ(Count("/api/v1/evaluations"), 1);
}

TEST_P(EvaluationApiTest, ScorecardsAreEditedUntilUsed) {
  if (!app_) return;
  auto seeded = Expect(admin, "GET", "/api/v1/scorecards/1", nullptr, 200);
  EXPECT_EQ(H(seeded.at("maxPoints")), 10000);
  EXPECT_EQ(seeded.at("items").as_array().size(), 6u);
  EXPECT_TRUE(seeded.at("defaultBands").as_bool());
  EXPECT_EQ(seeded.at("bands").at(0).at("code").as_string(), "excellent");

  json::object card{{"name", "季度综合考评"},
                    {"periodKind", "quarterly"},
                    {"items", json::array{json::object{{"code", "sanitation"}, {"nameZh", "环境卫生"}, {"maxPoints", 40.5}},
                                          json::object{{"code", "safety"}, {"nameZh", "安全管理"}, {"maxPoints", "59.5"}}}},
                    {"bands", json::array{json::object{{"code", "a"}, {"nameZh", "达标"}, {"min", 60}},
                                          json::object{{"code", "b"}, {"nameZh", "不达标"}, {"min", 0}}}}};
  auto created = Expect(admin, "POST", "/api/v1/scorecards", card, 201);
  const auto id = IdOf(created);
  EXPECT_FALSE(created.at("defaultBands").as_bool());
  EXPECT_EQ(Expect(admin, "GET", "/api/v1/scorecards", nullptr, 200).at("items").as_array().size(), 2u);
  ExpectError("POST", "/api/v1/scorecards", card, 409, "store.duplicate");

  auto bad = card;
  bad["name"] = "合计不足";
  bad["items"].as_array()[1].as_object()["maxPoints"] = 50;
  ExpectError("POST", "/api/v1/scorecards", bad, 422, "evaluation.invalid_field", "items");
  bad["items"].as_array()[1].as_object()["maxPoints"] = 59.5;
  bad["items"].as_array()[1].as_object()["code"] = "sanitation";
  ExpectError("POST", "/api/v1/scorecards", bad, 422, "evaluation.invalid_field", "items[1].code");

  card["name"] = "季度综合考评（修订）";
  auto updated = Expect(admin, "PUT", "/api/v1/scorecards/" + std::to_string(id), card, 200);
  EXPECT_EQ(updated.at("name").as_string(), "季度综合考评（修订）");

  // Once used, it stays as it was.
  const auto estate = Estate("360104002001", "细则小区");
  auto e = Expect(admin, "POST", "/api/v1/evaluations",
                  json::object{{"estateId", estate}, {"scorecardId", id}, {"on", MonthStart(1)},
                               {"scores", json::object{{"sanitation", 30}, {"safety", 29.5}}}},
                  201);
  EXPECT_EQ(e.at("grade").as_string(), "b");  // 59.5 < 60
  ExpectError("PUT", "/api/v1/scorecards/" + std::to_string(id), card, 409, "evaluation.scorecard_in_use");
  // Only the bureau and administrators edit scorecards.
  CreateUser("card.street", "street", "360104002");
  const auto street = Login("card.street", "Street#2026x");
  EXPECT_EQ(As(street, "POST", "/api/v1/scorecards", card).status, 403);
}

INSTANTIATE_TEST_SUITE_P(Sqlite, EvaluationApiTest, ::testing::Values("sqlite"));
INSTANTIATE_TEST_SUITE_P(Postgres, EvaluationApiTest, ::testing::Values("postgres"));

}  // namespace
}  // namespace huanxin::testing
