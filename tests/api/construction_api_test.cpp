// Construction over HTTP (docs/construction.md), on SQLite and PostgreSQL: an area project of three
// estates of a northern city (a heating season from 20 October to 20 April, a frost window, exam
// days): templates → steps, one opening per estate's road however many utilities share it, a
// schedule run with no heating-pipe work inside the heating season, the baseline, a re-plan with
// fewer crews raising delay alerts, the year-end flag ("当年开工，当年完工"), and the refusal of a
// schedule that reaches a year whose official calendar is not loaded.
#include <boost/json.hpp>

#include <set>

#include "api/api_fixture.hpp"

namespace huanxin::testing {
namespace {

namespace json = boost::json;

class ConstructionApiTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    if (app_) admin = Admin();
  }
  // An estate with two buildings of `per_building` dwellings; returns {estate, building ids}.
  std::pair<std::int64_t, std::vector<std::int64_t>> NewEstate(const std::string& community, int per_building) {
    const auto n = std::to_string(++n_);
    auto estate = IdOf(Expect(admin, "POST", "/api/v1/estates",
                              json::object{{"regionCode", community},
                                           {"name", "施工测试小区" + n},
                                           {"address", "北苑路" + n + "号"},
                                           {"builtYear", 1992}},
                              201));
    std::vector<std::int64_t> buildings;
    for (const char* number : {"1", "2"}) {
      auto b = IdOf(Expect(admin, "POST", "/api/v1/estates/" + std::to_string(estate) + "/buildings",
                           json::object{{"number", number}, {"floors", 6}, {"stairwells", 1}}, 201));
      for (int i = 0; i < per_building; ++i)
        Expect(admin, "POST", "/api/v1/buildings/" + std::to_string(b) + "/dwellings",
               json::object{{"stairwell", 1}, {"floor", 1 + i / 2}, {"room", std::to_string(101 + i)},
                            {"exclusiveArea", 61.2}},
               201);
      buildings.push_back(b);
    }
    return {estate, buildings};
  }
  std::string P(std::int64_t project) { return "/api/v1/projects/" + std::to_string(project); }

  // The three-estate area project with budget lines for water, drainage, heating pipes, roads and
  // external walls; returns its id.
  std::int64_t AreaProject(const LoginSession& street) {
    for (int i = 0; i < 3; ++i) estates.push_back(NewEstate("360104002001", 4));
    json::array ids;
    for (const auto& e : estates) ids.push_back(e.first);
    auto project = IdOf(Expect(street, "POST", "/api/v1/projects",
                               json::object{{"name", "北苑片区老旧小区改造"},
                                            {"year", 2026},
                                            {"kind", "area"},
                                            {"regionCode", "360104002"},
                                            {"estateIds", ids}},
                               201));
    for (auto [item, quantity] : {std::pair{"B01", 1800}, {"B02", 1500}, {"B07", 1200}, {"B05", 6000}, {"B13", 4500}})
      Expect(street, "POST", P(project) + "/budget-items",
             json::object{{"itemCode", item}, {"quantity", quantity}, {"unitPrice", 100}, {"budget", quantity * 100}},
             201);
    return project;
  }

  LoginSession admin;
  std::vector<std::pair<std::int64_t, std::vector<std::int64_t>>> estates;
  int n_ = 0;
};

const json::object& Step(const json::value& schedule, const std::string& code) {
  for (const auto& s : schedule.at("steps").as_array())
    if (s.at("code").as_string() == code) return s.as_object();
  ADD_FAILURE() << "no step " << code;
  static const json::object none;
  return none;
}

std::string Str(const json::value& v) { return std::string(v.as_string()); }

TEST_P(ConstructionApiTest, NorthernAreaProjectDigsOnceKeepsOutOfTheHeatingSeasonAndRaisesDelays) {
  if (!app_) return;
  CreateUser("c.street", "street", "360104002");
  CreateUser("c.bureau", "bureau", "360104");
  auto street = Login("c.street", "Street#2026x");
  auto bureau = Login("c.bureau", "Street#2026x");
  const auto project = AreaProject(street);

  // Seasons of the city, as data (a 望奎-like northern winter; exam days of the gaokao).
  json::object seasons{{"heating", json::object{{"from", "10-20"}, {"to", "04-20"}}},
                       {"frost", json::object{{"from", "11-01"}, {"to", "03-31"}}},
                       {"examDays", json::array{"06-07", "06-08", "06-09"}}};
  auto put = Expect(bureau, "PUT", "/api/v1/calendar/seasons/360104", seasons, 200);
  EXPECT_EQ(Str(put.at("definedAt")), "360104");
  auto inherited = Expect(street, "GET", "/api/v1/calendar/seasons/360104002001", nullptr, 200);
  EXPECT_EQ(Str(inherited.at("definedAt")), "360104");
  EXPECT_EQ(Str(inherited.at("heating").at("from")), "10-20");
  EXPECT_EQ(inherited.at("examDays").as_array().size(), 3u);
  // The street may read but not set a city's seasons.
  EXPECT_EQ(As(street, "PUT", "/api/v1/calendar/seasons/360104002", seasons).status, 403);

  // Templates → a proposal → the steps.
  auto templates = Expect(street, "GET", "/api/v1/step-templates?itemCode=B07", nullptr, 200);
  ASSERT_GE(templates.at("items").as_array().size(), 2u);
  EXPECT_EQ(Str(templates.at("items").at(0).at("window")), "outside_heating");
  auto proposal = Expect(street, "POST", P(project) + "/steps/generate", json::object{}, 200);
  const auto& proposed = proposal.at("steps").as_array();
  std::set<std::string> utilities;
  for (const auto& s : proposed)
    if (!s.at("trench").is_null()) utilities.insert(Str(s.at("trench").at("utility")));
  EXPECT_EQ(utilities, (std::set<std::string>{"water", "drainage", "heating"}));
  auto set = Expect(street, "POST", P(project) + "/steps",
                    json::object{{"steps", proposal.at("steps")},
                                 {"crews", json::object{{"pipe", 2}, {"earthwork", 2}, {"paving", 1}, {"facade", 2}}}},
                    201);
  // Dig once: one opening per estate's road although three utilities lie in it.
  EXPECT_EQ(set.at("openings").at("merged").as_int64(), 3);
  EXPECT_EQ(set.at("openings").at("naive").as_int64(), 9);
  std::size_t generated = 0;
  for (const auto& s : set.at("steps").as_array()) generated += s.at("generated").as_bool();
  EXPECT_EQ(generated, 9u);  // excavation, backfill and resurfacing of three openings
  EXPECT_EQ(As(street, "GET", P(project) + "/steps").body, As(street, "GET", P(project) + "/steps").body);

  // The schedule from 2 March.
  const json::object crews{{"pipe", 2}, {"earthwork", 2}, {"paving", 1}, {"facade", 2}};
  auto schedule = Expect(street, "POST", P(project) + "/schedule",
                         json::object{{"startOn", "2026-03-02"}, {"crews", crews}, {"timeLimitMs", 300}}, 200);
  EXPECT_EQ(Str(schedule.at("startOn")), "2026-03-02");
  EXPECT_GE(schedule.at("makespanDays").as_int64(), schedule.at("lowerBoundDays").as_int64());
  EXPECT_EQ(schedule.at("openings").at("merged").as_int64(), 3);
  EXPECT_GT(schedule.at("disruptionDays").as_int64(), 0);
  EXPECT_FALSE(schedule.at("yearEndExceeded").as_bool());
  const auto estate = std::to_string(estates[0].first);
  for (const auto& s : schedule.at("steps").as_array()) {
    const auto code = Str(s.at("code"));
    const auto start = Str(s.at("startOn")), end = Str(s.at("endOn"));
    if (code.find(".B07.") != std::string::npos) {
      // No heating-pipe day inside 20 October – 20 April.
      EXPECT_GE(start, "2026-04-21") << code;
      EXPECT_LE(end, "2026-10-19") << code;
    }
    if (code.find(".B13.plaster") != std::string::npos || code.find(".B13.paint") != std::string::npos) {
      EXPECT_GE(start, "2026-04-01") << code;  // outside the frost window
      EXPECT_LE(end, "2026-10-31") << code;
    }
  }
  // Each excavation comes before every laying in its trench, the backfill after all of them.
  std::string segment;  // the estate's main road, named after the estate
  for (const auto& st : set.at("steps").as_array())
    if (Str(st.at("code")) == "E" + estate + ".B01.lay") segment = Str(st.at("trench").at("segment"));
  EXPECT_NE(segment.find("主路"), std::string::npos) << segment;
  const auto& open = Step(schedule, "open:" + segment);
  const auto& backfill = Step(schedule, "backfill:" + segment);
  for (const char* item : {"B01", "B02", "B07"}) {
    const auto& lay = Step(schedule, "E" + estate + "." + item + ".lay");
    EXPECT_GT(Str(lay.at("startOn")), Str(open.at("endOn"))) << item;
    EXPECT_LT(Str(lay.at("endOn")), Str(backfill.at("startOn"))) << item;
  }
  // The heating pipe waited for the season's end: its start is bound by the window.
  const auto& heating = Step(schedule, "E" + estate + ".B07.lay");
  EXPECT_EQ(Str(heating.at("startOn")) >= "2026-04-21", true);
  bool window_bound = false;
  for (const auto& s : schedule.at("steps").as_array())
    window_bound |= Str(s.at("boundBy")) == "window" && Str(s.at("boundRef")) == "outside_heating";
  EXPECT_TRUE(window_bound) << json::serialize(schedule);
  EXPECT_EQ(Expect(street, "GET", P(project) + "/schedule", nullptr, 200).at("scheduleId"), schedule.at("scheduleId"));

  // The baseline, then a re-plan with one pipe crew: later steps, delay alerts.
  auto baseline = Expect(street, "POST", P(project) + "/baseline", nullptr, 201);
  EXPECT_EQ(baseline.at("scheduleId"), schedule.at("scheduleId"));

  // Progress: the water main finished on its planned day raises no alert; the drainage test left
  // at 60 % long past its planned end (today is after the 2026 season) does.
  const auto water = "E" + estate + ".B01.lay", drainage = "E" + estate + ".B02.test";
  Expect(street, "POST", P(project) + "/progress",
         json::object{{"stepCode", water}, {"percent", 100}, {"on", Str(Step(schedule, water).at("endOn"))}}, 201);
  Expect(street, "POST", P(project) + "/progress",
         json::object{{"stepCode", drainage}, {"percent", 60}, {"on", Str(Step(schedule, drainage).at("endOn"))}}, 201);
  auto progress = Expect(street, "GET", P(project) + "/progress", nullptr, 200);
  EXPECT_GT(progress.at("percent").to_number<double>(), 0.0);
  bool unreported = false;
  for (const auto& i : progress.at("items").as_array()) unreported |= !i.at("reported").as_bool();
  EXPECT_TRUE(unreported) << "items without reports are shown as not reported";
  const auto first_alerts = Expect(street, "GET", P(project) + "/alerts", nullptr, 200);
  std::set<std::string> delayed;
  for (const auto& a : first_alerts.at("items").as_array())
    if (Str(a.at("kind")) == "delay" && a.at("clearedAt").is_null()) delayed.insert(Str(a.at("stepCode")));
  EXPECT_FALSE(delayed.contains(water));
  EXPECT_TRUE(delayed.contains(drainage));

  // Household works: in-home heating done in 3 of the 24 dwellings.
  for (int i = 0; i < 3; ++i) {
    auto grid = Expect(street, "GET",
                       P(project) + "/household-works/grid?work=heating&buildingId=" + std::to_string(estates[0].second[0]),
                       nullptr, 200);
    const auto dwelling = grid.at("items").at(i).at("dwellingId").as_int64();
    Expect(street, "PUT", P(project) + "/household-works/" + std::to_string(dwelling),
           json::object{{"work", "heating"}, {"status", "done"}, {"by", i == 2 ? "self" : "contractor"}}, 200);
  }
  auto works = Expect(street, "GET", P(project) + "/household-works?work=heating", nullptr, 200);
  EXPECT_EQ(works.at("done").as_int64(), 3);
  EXPECT_EQ(works.at("total").as_int64(), 24);
  EXPECT_EQ(works.at("rate").to_number<double>(), 12.5);

  // The estate's works feed: one event per cut or closure of the schedule that touches it.
  auto notices = Expect(street, "GET", P(project) + "/notices", nullptr, 200);
  std::size_t for_estate = 0;
  for (const auto& n : notices.at("items").as_array()) for_estate += n.at("estateId").as_int64() == estates[0].first;
  EXPECT_GT(for_estate, 0u);
  auto ics = Call("GET", "/api/v1/public/estates/" + estate + "/works.ics");
  ASSERT_EQ(ics.status, 200);
  std::size_t events = 0;
  for (auto at = ics.body.find("BEGIN:VEVENT"); at != std::string::npos; at = ics.body.find("BEGIN:VEVENT", at + 1)) ++events;
  EXPECT_EQ(events, for_estate);
  json::object fewer = crews;
  fewer["pipe"] = 1;
  fewer["paving"] = 1;
  auto replan = Expect(street, "POST", P(project) + "/schedule",
                       json::object{{"startOn", "2026-03-02"}, {"crews", fewer}, {"timeLimitMs", 300}}, 200);
  EXPECT_EQ(replan.at("baseline").at("baselineId"), baseline.at("baselineId"));
  int later = 0;
  for (const auto& s : replan.at("steps").as_array()) {
    ASSERT_FALSE(s.at("baselineEndOn").is_null());
    later += s.at("delayDays").as_int64() > 3;
  }
  EXPECT_GT(later, 0) << "one pipe crew instead of two delays some steps";
  auto alerts = Expect(street, "GET", P(project) + "/alerts", nullptr, 200);
  int delays = 0;
  for (const auto& a : alerts.at("items").as_array())
    if (Str(a.at("kind")) == "delay" && a.at("clearedAt").is_null()) {
      ++delays;
      EXPECT_GT(a.at("delayDays").as_int64(), 3);
      EXPECT_GT(Str(a.at("forecastEndOn")), Str(a.at("baselineEndOn")));
    }
  EXPECT_GE(delays, later);
  auto region = Expect(street, "GET", "/api/v1/construction/alerts", nullptr, 200);
  EXPECT_GE(region.at("items").as_array().size(), static_cast<std::size_t>(delays));
  EXPECT_EQ(Str(region.at("items").at(0).at("projectName")), "北苑片区老旧小区改造");
  auto home = Expect(street, "GET", "/api/v1/workbench", nullptr, 200);
  EXPECT_GE(home.at("sections").at("construction").at("delayedSteps").as_int64(), delays);

  // Starting mid-October the heating pipes cannot finish before the season: they wait for spring,
  // and 2027's official calendar is not loaded — refused, never guessed.
  auto late = As(street, "POST", P(project) + "/schedule",
                 json::object{{"startOn", "2026-10-15"}, {"crews", crews}, {"timeLimitMs", 100}});
  EXPECT_EQ(late.status, 422) << late.body;
  EXPECT_EQ(Str(late.Json().at("error").at("reason")), "calendar.year_not_loaded") << late.body;
  EXPECT_NE(late.body.find("2027"), std::string::npos);
  // Once an administrator loads 2027, the run goes through and is flagged: 当年开工，当年完工.
  Expect(admin, "PUT", "/api/v1/calendar/2027",
         json::object{{"holidays", json::array{"2027-01-01", "2027-05-03", "2027-10-01"}},
                      {"workdays", json::array{}},
                      {"source", "测试用 2027 年日历"}},
         200);
  auto flagged = Expect(street, "POST", P(project) + "/schedule",
                        json::object{{"startOn", "2026-10-15"}, {"crews", crews}, {"timeLimitMs", 100}}, 200);
  EXPECT_TRUE(flagged.at("yearEndExceeded").as_bool());
  EXPECT_GT(Str(flagged.at("endOn")), "2026-12-31");
  bool year_end = false;
  const auto flags = Expect(street, "GET", P(project) + "/alerts", nullptr, 200);
  for (const auto& a : flags.at("items").as_array())
    year_end |= Str(a.at("kind")) == "year_end" && a.at("clearedAt").is_null();
  EXPECT_TRUE(year_end);
  // Working days only: never on a weekend that is not a worked day.
  auto weekdays = Expect(street, "POST", P(project) + "/schedule",
                         json::object{{"startOn", "2026-03-02"}, {"crews", crews}, {"workingDaysOnly", true},
                                      {"timeLimitMs", 100}},
                         200);
  EXPECT_TRUE(weekdays.at("workingDaysOnly").as_bool());
  EXPECT_GT(weekdays.at("makespanDays").as_int64(), schedule.at("makespanDays").as_int64());
  // Back to spring: the year-end flag clears.
  Expect(street, "POST", P(project) + "/schedule",
         json::object{{"startOn", "2026-03-02"}, {"crews", crews}, {"timeLimitMs", 100}}, 200);
  const auto cleared = Expect(street, "GET", P(project) + "/alerts", nullptr, 200);
  for (const auto& a : cleared.at("items").as_array()) {
    if (Str(a.at("kind")) == "year_end") {
      EXPECT_FALSE(a.at("clearedAt").is_null());
    }
  }
}

TEST_P(ConstructionApiTest, ContractorsSeeOnlyTheirAssignedProjects) {
  if (!app_) return;
  CreateUser("c2.street", "street", "360104002");
  auto street = Login("c2.street", "Street#2026x");
  const auto mine = AreaProject(street);
  estates.clear();
  const auto other = AreaProject(street);
  // A contractor assigned to `mine` only.
  auto created = As(admin, "POST", "/api/v1/users",
                    json::object{{"username", "c2.builder"},
                                 {"displayName", "某建设公司项目经理"},
                                 {"role", "contractor"},
                                 {"scopeCode", "360104"},
                                 {"password", "Street#2026x"},
                                 {"assignments", json::array{json::object{{"kind", "project"}, {"id", mine}}}}});
  ASSERT_EQ(created.status, 201) << created.body;
  auto builder = Login("c2.builder", "Street#2026x");
  const json::object step{{"code", "a"}, {"name", "围挡"}, {"durationDays", 2}, {"crew", json::object{{"type", "earthwork"}, {"count", 1}}}};
  Expect(builder, "POST", P(mine) + "/steps", json::object{{"steps", json::array{step}}}, 201);
  Expect(builder, "GET", P(mine) + "/steps", nullptr, 200);
  EXPECT_EQ(As(builder, "GET", P(other) + "/steps").status, 403);
  EXPECT_EQ(As(builder, "POST", P(other) + "/steps", json::object{{"steps", json::array{step}}}).status, 403);
  EXPECT_EQ(As(street, "GET", P(other) + "/steps").body.find("围挡"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Sqlite, ConstructionApiTest, ::testing::Values("sqlite"));
INSTANTIATE_TEST_SUITE_P(Postgres, ConstructionApiTest, ::testing::Values("postgres"));

}  // namespace
}  // namespace huanxin::testing
