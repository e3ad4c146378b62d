// Construction over HTTP (docs/construction.md), on SQLite and PostgreSQL: every write route refuses
// each bad field with its status and reason — the field named in the message (http.invalid_field)
// or the steps named in the detail (construction.*), in Chinese unless English is asked for — and
// stores nothing; a step with progress cannot be removed; a baseline needs a schedule; unknown
// projects and regions; contractors reach only the projects they are assigned to (by estate or by
// project), and so do their alert lists.
#include <boost/json.hpp>
#include <map>
#include <tuple>

#include "api/api_fixture.hpp"
#include "api/construction_steps.hpp"

namespace huanxin::testing {
namespace {

namespace json = boost::json;

constexpr const char* kPassword = "Street#2026x";

// Whether `s` holds a CJK character (UTF-8 lead bytes of U+4E00–U+9FFF).
bool HasChinese(const std::string& s) {
  for (unsigned char c : s)
    if (c >= 0xE4 && c <= 0xE9) return true;
  return false;
}

json::object With(json::object base, const json::object& change) {
  for (const auto& [k, v] : change) base[k] = v;
  return base;
}
json::object drop(json::object o, const char* field) {
  o.erase(field);
  return o;
}

class ConstructionApiTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    if (app_) admin = Admin();
  }

  std::int64_t NewEstate(const std::string& community) {
    const auto n = std::to_string(++n_);
    return IdOf(Expect(admin, "POST", "/api/v1/estates",
                       json::object{{"regionCode", community},
                                    {"name", "施工测试小区" + n},
                                    {"address", "洪都中大道" + n + "号"},
                                    {"builtYear", 1990}},
                       201));
  }
  std::int64_t NewBuilding(std::int64_t estate) {
    return IdOf(Expect(admin, "POST", "/api/v1/estates/" + std::to_string(estate) + "/buildings",
                       json::object{{"number", std::to_string(++n_)}, {"floors", 6}, {"stairwells", 1}}, 201));
  }
  std::int64_t NewProject(std::int64_t estate) {
    const auto id = IdOf(Expect(admin, "POST", "/api/v1/projects",
                                json::object{{"name", "施工测试项目" + std::to_string(++n_)},
                                             {"year", 2026},
                                             {"kind", "estate"},
                                             {"regionCode", "360104002001"},
                                             {"estateIds", json::array{estate}}},
                                201));
    Expect(admin, "POST", P(id) + "/budget-items",
           json::object{{"itemCode", "B12"}, {"quantity", 100}, {"unitPrice", 86}, {"budget", 8600}}, 201);
    return id;
  }
  static std::string P(std::int64_t project) { return "/api/v1/projects/" + std::to_string(project); }

  static json::array Steps(std::int64_t estate, std::int64_t building) { return construction::Steps(estate, building); }
  static json::object Crews() { return construction::Crews(); }
  static json::object Run(const char* start = "2026-03-02") { return construction::Run(start); }
  // Two estates of the community with a building each; a project on the first.
  struct Site {
    std::int64_t estate, building, other_estate, other_building;
  };
  Site NewSite() {
    Site s{NewEstate("360104002001"), 0, NewEstate("360104002001"), 0};
    s.building = NewBuilding(s.estate);
    s.other_building = NewBuilding(s.other_estate);
    return s;
  }
  // Steps, crews and a schedule run on `project`.
  void Plan(std::int64_t project, std::int64_t estate, std::int64_t building) {
    Expect(admin, "POST", P(project) + "/steps", json::object{{"steps", Steps(estate, building)}, {"crews", Crews()}},
           201);
    Expect(admin, "POST", P(project) + "/schedule", Run(), 200);
  }
  // Every state table (the audit log included) and what the API shows of the projects' steps and
  // schedules and the seasons.
  std::string State(const std::vector<std::int64_t>& projects) {
    std::string out = Snapshot(app_->db());
    for (auto p : projects)
      for (const char* part : {"/steps", "/schedule"}) out += As(admin, "GET", P(p) + part).body;
    out += As(admin, "GET", "/api/v1/calendar/seasons/360104002").body;
    return out;
  }

  LoginSession admin;
  int n_ = 0;
};

struct Refusal {
  std::string method, target;
  json::value body;
  int status;
  std::string reason;
  // http.invalid_field: the field named in `message`; otherwise each looked for in `message` and `detail`.
  std::vector<std::string> names;
};

class ConstructionRefusalTest : public ConstructionApiTest {
 protected:
  void ExpectRefused(const std::vector<Refusal>& cases) {
    for (const auto& c : cases) {
      auto r = As(admin, c.method, c.target, c.body);
      const std::string what = c.method + " " + c.target + " " + json::serialize(c.body) + " → " + r.body;
      EXPECT_EQ(r.status, c.status) << what;
      EXPECT_EQ(r.Reason(), c.reason) << what;
      if (r.status < 400 || r.body.empty() || !r.Json().is_object() || !r.Json().as_object().contains("error")) continue;
      const auto j = r.Json();
      const auto& e = j.at("error").as_object();
      const std::string message(e.at("message").as_string()), detail(e.at("detail").as_string());
      EXPECT_TRUE(HasChinese(message)) << "the message is Chinese by default: " << what;
      for (const auto& name : c.names) {
        if (c.reason == "http.invalid_field")
          EXPECT_NE(message.find("字段 " + name + " "), std::string::npos) << "message names " << name << ": " << what;
        else
          EXPECT_NE((message + " " + detail).find(name), std::string::npos) << "the error names " << name << ": " << what;
      }
    }
  }
};

TEST_P(ConstructionRefusalTest, EveryBadFieldIsRefusedWithItsReasonAndNothingIsStored) {
  if (!app_) return;
  const auto [estate, building, other_estate, other_building] = NewSite();
  const auto project = NewProject(estate);
  const auto bare = NewProject(other_estate);  // no steps, no schedule
  Plan(project, estate, building);
  const std::string pr = P(project), b = std::to_string(building), ob = std::to_string(other_building),
                    oe = std::to_string(other_estate);
  const auto good = Steps(estate, building);
  // The good list with step `i` changed (fields set; "-field" removes it).
  auto step = [&](std::size_t i, const json::object& change, const std::vector<std::string>& drop = {}) {
    auto steps = good;
    auto o = With(steps[i].as_object(), change);
    for (const auto& f : drop) o.erase(f);
    steps[i] = o;
    return json::value(json::object{{"steps", steps}, {"crews", Crews()}});
  };
  auto crew = [](const json::value& type, const json::value& count) {
    return json::object{{"crew", json::object{{"type", type}, {"count", count}}}};
  };
  auto plus = [&](const json::object& extra) {
    auto steps = good;
    steps.push_back(extra);
    return json::value(json::object{{"steps", steps}, {"crews", Crews()}});
  };
  const json::object pred_f1{{"code", "R1"}, {"type", "FS"}, {"lagDays", 1}};
  auto pred = [&](const json::object& change) {
    return step(1, {{"predecessors", json::array{With(pred_f1, change)}}});
  };
  const std::string long_code(65, 'x');
  auto seasons = [](const json::object& change) {
    return json::value(With({{"frost", json::object{{"from", "12-25"}, {"to", "02-15"}}}, {"examDays", json::array{"06-07"}}},
                            change));
  };
  json::array many_days;
  for (int m = 1; m <= 3; ++m)
    for (int d = 1; d <= 21; ++d) many_days.push_back(json::string((m < 10 ? "0" : "") + std::to_string(m) + "-" + (d < 10 ? "0" : "") + std::to_string(d)));
  const std::string seasons_target = "/api/v1/calendar/seasons/360104002";
  const std::vector<Refusal> cases = {
      // POST steps: the body's shape (the field named)
      {"POST", pr + "/steps", json::object{}, 422, "http.invalid_field", {"steps"}},
      {"POST", pr + "/steps", json::object{{"steps", "R1"}}, 422, "http.invalid_field", {"steps"}},
      {"POST", pr + "/steps", json::object{{"steps", json::array{"R1"}}}, 422, "http.invalid_field", {"steps[0]"}},
      {"POST", pr + "/steps", step(0, {}, {"code"}), 422, "http.invalid_field", {"steps[0].code"}},
      {"POST", pr + "/steps", step(0, {{"code", 7}}), 422, "http.invalid_field", {"steps[0].code"}},
      {"POST", pr + "/steps", step(1, {}, {"name"}), 422, "http.invalid_field", {"steps[1].name"}},
      {"POST", pr + "/steps", step(0, {{"itemCode", 12}}), 422, "http.invalid_field", {"steps[0].itemCode"}},
      {"POST", pr + "/steps", step(0, {{"estateId", "3"}}), 422, "http.invalid_field", {"steps[0].estateId"}},
      {"POST", pr + "/steps", step(0, {}, {"durationDays"}), 422, "http.invalid_field", {"steps[0].durationDays"}},
      {"POST", pr + "/steps", step(0, {{"durationDays", "5"}}), 422, "http.invalid_field", {"steps[0].durationDays"}},
      {"POST", pr + "/steps", step(0, {{"durationDays", 1.5}}), 422, "http.invalid_field", {"steps[0].durationDays"}},
      {"POST", pr + "/steps", step(0, {{"durationDays", 5000000}}), 422, "http.invalid_field", {"steps[0].durationDays"}},
      {"POST", pr + "/steps", step(0, {}, {"crew"}), 422, "http.invalid_field", {"steps[0].crew"}},
      {"POST", pr + "/steps", step(0, {{"crew", "roofing"}}), 422, "http.invalid_field", {"steps[0].crew"}},
      {"POST", pr + "/steps", step(0, {{"crew", json::object{{"count", 1}}}}), 422, "http.invalid_field",
       {"steps[0].crew.type"}},
      {"POST", pr + "/steps", step(0, crew("roofing", "two")), 422, "http.invalid_field", {"steps[0].crew.count"}},
      {"POST", pr + "/steps", step(2, {{"trench", json::object{{"utility", "water"}}}}), 422, "http.invalid_field",
       {"steps[2].trench.segment"}},
      {"POST", pr + "/steps", step(2, {{"trench", json::object{{"segment", "主路"}, {"utility", "water"}, {"split", "yes"}}}}),
       422, "http.invalid_field", {"steps[2].trench.split"}},
      {"POST", pr + "/steps", step(2, {{"disruption", json::object{{"buildingIds", json::array{building}}}}}), 422,
       "http.invalid_field", {"steps[2].disruption.kind"}},
      {"POST", pr + "/steps", step(2, {{"disruption", json::object{{"kind", "water"}, {"buildingIds", json::array{-1}}}}}),
       422, "http.invalid_field", {"steps[2].disruption.buildingIds"}},
      {"POST", pr + "/steps", step(1, {{"window", 3}}), 422, "http.invalid_field", {"steps[1].window"}},
      {"POST", pr + "/steps", step(1, {{"predecessors", "R1"}}), 422, "http.invalid_field", {"steps[1].predecessors"}},
      {"POST", pr + "/steps", step(1, {{"predecessors", json::array{json::object{{"type", "FS"}}}}}), 422,
       "http.invalid_field", {"steps[1].predecessors[0].code"}},
      {"POST", pr + "/steps", pred({{"lagDays", "1"}}), 422, "http.invalid_field", {"steps[1].predecessors[0].lagDays"}},
      {"POST", pr + "/steps", json::object{{"steps", good}, {"crews", json::array{}}}, 422, "http.invalid_field", {"crews"}},
      {"POST", pr + "/steps", json::object{{"steps", good}, {"crews", json::object{{"pipe", 0}}}}, 422,
       "http.invalid_field", {"crews.pipe"}},
      {"POST", pr + "/steps", json::object{{"steps", good}, {"crews", json::object{{"pipe", 101}}}}, 422,
       "http.invalid_field", {"crews.pipe"}},
      {"POST", pr + "/steps", json::object{{"steps", good}, {"crews", json::object{{"pipe", "2"}}}}, 422,
       "http.invalid_field", {"crews.pipe"}},
      // POST steps: the steps' rules (the steps named in the detail)
      {"POST", pr + "/steps", step(0, {{"predecessors", json::array{json::object{{"code", "F1"}}}}}), 422,
       "construction.invalid_steps", {"成环", "R1 → F1 → R1"}},
      {"POST", pr + "/steps", pred({{"code", "X9"}}), 422, "construction.invalid_steps", {"工序 F1", "X9"}},
      {"POST", pr + "/steps", pred({{"code", "F1"}}), 422, "construction.invalid_steps", {"工序 F1", "自身"}},
      {"POST", pr + "/steps", step(1, {{"predecessors", json::array{pred_f1, pred_f1}}}), 422,
       "construction.invalid_steps", {"工序 F1", "重复"}},
      {"POST", pr + "/steps", step(0, crew("roofing", 3)), 422, "construction.invalid_steps", {"工序 R1", "3", "2"}},
      {"POST", pr + "/steps", step(1, {{"code", "R1"}}), 422, "construction.invalid_steps", {"工序 R1", "编码重复"}},
      {"POST", pr + "/steps", step(0, {{"code", "open:主路"}}), 422, "construction.invalid_steps", {"open:主路"}},
      {"POST", pr + "/steps", step(0, {{"code", ""}}), 422, "construction.invalid_steps", {"编码为空"}},
      {"POST", pr + "/steps", step(0, {{"code", long_code}}), 422, "construction.invalid_steps", {long_code, "64"}},
      {"POST", pr + "/steps", step(0, {{"name", ""}}), 422, "construction.invalid_steps", {"工序 R1", "名称"}},
      {"POST", pr + "/steps", step(0, {{"itemCode", "Z99"}}), 422, "construction.invalid_steps", {"工序 R1", "Z99"}},
      {"POST", pr + "/steps", step(0, {{"estateId", other_estate}}), 422, "construction.invalid_steps",
       {"工序 R1", "小区 " + oe}},
      {"POST", pr + "/steps",
       step(2, {{"disruption", json::object{{"kind", "water"}, {"buildingIds", json::array{other_building}}}}}), 422,
       "construction.invalid_steps", {"工序 W1", "楼栋 " + ob}},
      {"POST", pr + "/steps", step(2, {{"trench", json::object{{"segment", "主路"}, {"utility", "sewage"}}}}), 422,
       "construction.invalid_steps", {"工序 W1", "sewage"}},
      {"POST", pr + "/steps", step(2, {{"trench", json::object{{"segment", ""}, {"utility", "water"}}}}), 422,
       "construction.invalid_steps", {"工序 W1", "路段"}},
      {"POST", pr + "/steps", step(2, {{"disruption", json::object{{"kind", "dust"}, {"buildingIds", json::array{building}}}}}),
       422, "construction.invalid_steps", {"工序 W1", "dust"}},
      {"POST", pr + "/steps", step(1, {{"window", "rainy_season"}}), 422, "construction.invalid_steps",
       {"工序 F1", "rainy_season"}},
      {"POST", pr + "/steps", pred({{"type", "FF"}}), 422, "construction.invalid_steps", {"工序 F1", "FF"}},
      {"POST", pr + "/steps", step(0, {{"durationDays", 0}}), 422, "construction.invalid_steps", {"工序 R1", "工期 0 天"}},
      {"POST", pr + "/steps", step(0, {{"durationDays", 366}}), 422, "construction.invalid_steps",
       {"工序 R1", "工期 366 天"}},
      {"POST", pr + "/steps", pred({{"lagDays", -1}}), 422, "construction.invalid_steps", {"工序 F1", "间隔 -1 天"}},
      {"POST", pr + "/steps", pred({{"lagDays", 366}}), 422, "construction.invalid_steps", {"工序 F1", "间隔 366 天"}},
      {"POST", pr + "/steps", step(1, crew("facade", 0)), 422, "construction.invalid_steps", {"工序 F1", "班组数 0"}},
      {"POST", pr + "/steps", step(1, crew("facade", 101)), 422, "construction.invalid_steps", {"工序 F1", "班组数 101"}},
      {"POST", pr + "/steps", step(1, crew(json::string(std::string(33, 'c')), 1)), 422, "construction.invalid_steps",
       {"工序 F1", "班组类型"}},
      {"POST", pr + "/steps", plus({{"code", "G1"}, {"name", "绿化"}, {"durationDays", 2},
                                    {"crew", json::object{{"type", "greening"}}},
                                    {"predecessors", json::array{json::object{{"code", "G1"}}}}}),
       422, "construction.invalid_steps", {"工序 G1", "自身"}},
      {"POST", "/api/v1/projects/999999/steps", json::object{{"steps", good}}, 404, "project.not_found", {}},
      // POST steps/generate
      {"POST", pr + "/steps/generate", json::object{{"estateIds", "all"}}, 422, "http.invalid_field", {"estateIds"}},
      {"POST", pr + "/steps/generate", json::object{{"estateIds", json::array{0}}}, 422, "http.invalid_field",
       {"estateIds"}},
      {"POST", pr + "/steps/generate", json::object{{"estateIds", json::array{other_estate}}}, 422,
       "construction.invalid_estate", {"estateIds", oe}},
      {"POST", "/api/v1/projects/999999/steps/generate", json::object{}, 404, "project.not_found", {}},
      // POST schedule
      {"POST", pr + "/schedule", drop(Run(), "startOn"), 422, "http.invalid_field", {"startOn"}},
      {"POST", pr + "/schedule", With(Run(), {{"startOn", 20260302}}), 422, "http.invalid_field", {"startOn"}},
      {"POST", pr + "/schedule", With(Run(), {{"startOn", "2026-02-30"}}), 422, "construction.invalid_schedule",
       {"startOn", "2026-02-30"}},
      {"POST", pr + "/schedule", With(Run(), {{"startOn", "下周一"}}), 422, "construction.invalid_schedule", {"startOn"}},
      {"POST", pr + "/schedule", drop(Run(), "crews"), 422, "http.invalid_field", {"crews"}},
      {"POST", pr + "/schedule", With(Run(), {{"crews", json::object{{"pipe", 0}}}}), 422, "http.invalid_field",
       {"crews.pipe"}},
      {"POST", pr + "/schedule", With(Run(), {{"workingDaysOnly", "yes"}}), 422, "http.invalid_field",
       {"workingDaysOnly"}},
      {"POST", pr + "/schedule", With(Run(), {{"timeLimitMs", 9}}), 422, "http.invalid_field", {"timeLimitMs"}},
      {"POST", pr + "/schedule", With(Run(), {{"timeLimitMs", 10001}}), 422, "http.invalid_field", {"timeLimitMs"}},
      {"POST", pr + "/schedule", With(Run(), {{"timeLimitMs", "50"}}), 422, "http.invalid_field", {"timeLimitMs"}},
      {"POST", pr + "/schedule", With(Run(), {{"crews", drop(Crews(), "facade")}}), 422, "construction.crew_missing",
       {"facade"}},
      {"POST", pr + "/schedule", With(Run(), {{"crews", With(Crews(), {{"roofing", 1}})}}), 422,
       "construction.invalid_steps", {"工序 R1", "roofing"}},
      {"POST", pr + "/schedule", Run("2026-12-28"), 422, "calendar.year_not_loaded", {"2027"}},
      {"POST", pr + "/schedule", Run("2027-03-01"), 422, "calendar.year_not_loaded", {"2027"}},
      {"POST", P(bare) + "/schedule", Run(), 422, "construction.no_steps", {}},
      {"POST", "/api/v1/projects/999999/schedule", Run(), 404, "project.not_found", {}},
      // POST baseline
      {"POST", P(bare) + "/baseline", nullptr, 409, "construction.no_schedule", {}},
      {"POST", "/api/v1/projects/999999/baseline", nullptr, 404, "project.not_found", {}},
      // PUT seasons
      {"PUT", seasons_target, seasons({{"frost", json::object{{"from", "12-32"}, {"to", "02-15"}}}}), 422,
       "http.invalid_field", {"frost.from"}},
      {"PUT", seasons_target, seasons({{"frost", json::object{{"from", "2026-12-25"}, {"to", "02-15"}}}}), 422,
       "http.invalid_field", {"frost.from"}},
      {"PUT", seasons_target, seasons({{"frost", json::object{{"from", "12-25"}}}}), 422, "http.invalid_field",
       {"frost.to"}},
      {"PUT", seasons_target, seasons({{"heating", json::object{{"from", "11-15"}, {"to", "02-30"}}}}), 422,
       "http.invalid_field", {"heating.to"}},
      {"PUT", seasons_target, seasons({{"heating", "11-15"}}), 422, "http.invalid_field", {"heating"}},
      {"PUT", seasons_target, seasons({{"examDays", "06-07"}}), 422, "http.invalid_field", {"examDays"}},
      {"PUT", seasons_target, seasons({{"examDays", json::array{"6-7"}}}), 422, "http.invalid_field", {"examDays[0]"}},
      {"PUT", seasons_target, seasons({{"examDays", json::array{"06-07", 608}}}), 422, "http.invalid_field",
       {"examDays[1]"}},
      {"PUT", seasons_target, seasons({{"examDays", json::array{"06-07", "06-08", "06-07"}}}), 422,
       "construction.invalid_seasons", {"examDays", "06-07"}},
      {"PUT", seasons_target, seasons({{"examDays", many_days}}), 422, "construction.invalid_seasons",
       {"examDays", "63", "60"}},
      {"PUT", "/api/v1/calendar/seasons/369999", seasons({}), 404, "region.not_found", {"369999"}},
  };
  const auto before = State({project, bare});
  ExpectRefused(cases);
  // Not JSON, not a JSON object, and not declared JSON: 400 and 415 on every JSON write.
  for (const auto& target : {pr + "/steps", pr + "/steps/generate", pr + "/schedule", seasons_target}) {
    const std::string method = target == seasons_target ? "PUT" : "POST";
    const std::map<std::string, std::string> bearer{{"Authorization", "Bearer " + admin.token}};
    auto bad = Call(method, target, "{\"steps\": [", bearer);
    EXPECT_EQ(bad.status, 400) << method << " " << target << " " << bad.body;
    EXPECT_EQ(bad.Reason(), "http.bad_json") << bad.body;
    auto array = Call(method, target, "[1, 2]", bearer);
    EXPECT_EQ(array.status, 400) << method << " " << target << " " << array.body;
    auto text = bearer;
    text["Content-Type"] = "text/plain";
    auto typed = Call(method, target, "{}", text);
    EXPECT_EQ(typed.status, 415) << method << " " << target << " " << typed.body;
    EXPECT_EQ(typed.Reason(), "http.unsupported_media_type") << typed.body;
  }
  EXPECT_EQ(State({project, bare}), before) << "a refused write stored something";
  // Reads of what does not exist.
  for (const char* part : {"/steps", "/schedule", "/alerts"}) {
    auto r = As(admin, "GET", std::string("/api/v1/projects/999999") + part);
    EXPECT_EQ(r.status, 404) << part << " " << r.body;
    EXPECT_EQ(r.Reason(), "project.not_found") << r.body;
  }
  auto none = As(admin, "GET", P(bare) + "/schedule");
  EXPECT_EQ(none.status, 404) << none.body;
  EXPECT_EQ(none.Reason(), "construction.no_schedule");
  auto region = As(admin, "GET", "/api/v1/calendar/seasons/369999");
  EXPECT_EQ(region.status, 404) << region.body;
  EXPECT_EQ(region.Reason(), "region.not_found");
  // English on request, the steps still named.
  auto en = Call("POST", pr + "/steps", json::serialize(pred({{"code", "X9"}})),
                 {{"Authorization", "Bearer " + admin.token}, {"Accept-Language", "en"}});
  ASSERT_EQ(en.status, 422) << en.body;
  const auto e = en.Json().at("error");
  EXPECT_EQ(std::string(e.at("message").as_string()), "the steps have errors; nothing was stored");
  EXPECT_NE(std::string(e.at("detail").as_string()).find("step F1: predecessor X9"), std::string::npos) << en.body;
}

TEST_P(ConstructionRefusalTest, AStepWithProgressCannotBeRemoved) {
  if (!app_) return;
  const auto estate = NewEstate("360104002001");
  const auto building = NewBuilding(estate);
  const auto project = NewProject(estate);
  Plan(project, estate, building);
  auto report = As(admin, "POST", P(project) + "/progress",
                   json::object{{"stepCode", "R1"}, {"percent", 40}, {"on", "2026-03-04"}});
  if (report.status == 404 && report.Reason() == "http.not_found")
    GTEST_SKIP() << "POST /api/v1/projects/{id}/progress is not on this branch (issue #13's progress routes come "
                    "from another branch): construction.step_has_progress cannot be provoked over HTTP yet";
  ASSERT_EQ(report.status, 201) << report.body;
  const auto before = State({project});
  auto steps = Steps(estate, building);
  steps.erase(steps.begin());  // R1, which has a report
  steps[0].as_object().erase("predecessors");
  auto r = As(admin, "POST", P(project) + "/steps", json::object{{"steps", steps}});
  EXPECT_EQ(r.status, 409) << r.body;
  EXPECT_EQ(r.Reason(), "construction.step_has_progress");
  if (r.status == 409) {
    const auto e = r.Json().at("error");
    EXPECT_TRUE(HasChinese(std::string(e.at("message").as_string()))) << r.body;
    EXPECT_NE(std::string(e.at("detail").as_string()).find("R1"), std::string::npos) << r.body;
  }
  EXPECT_EQ(State({project}), before);
}

// Issue #13: "contractors and utilities see only their assigned projects" — by an estate of the
// project or the project itself; not another project of their own community; their alert lists and
// home page likewise.
TEST_P(ConstructionRefusalTest, ContractorsReachOnlyTheProjectsTheyAreAssignedTo) {
  if (!app_) return;
  const auto [estate, building, other_estate, other_building] = NewSite();
  const auto mine = NewProject(estate);
  const auto theirs = NewProject(other_estate);
  for (auto [p, e, b] : {std::tuple{mine, estate, building}, std::tuple{theirs, other_estate, other_building}}) {
    Plan(p, e, b);
    Expect(admin, "POST", P(p) + "/baseline", nullptr, 201);
  }
  // The clock is past both baselines' ends: every step is late, each project has open alerts.
  auto by_estate_id = CreateUser("cons.contractor.e", "contractor", "360104002001");
  auto by_project_id = CreateUser("cons.contractor.p", "contractor", "360104002001");
  Expect(admin, "PATCH", "/api/v1/users/" + std::to_string(by_estate_id),
         json::object{{"assignments", json::array{json::object{{"kind", "estate"}, {"id", estate}}}}}, 200);
  Expect(admin, "PATCH", "/api/v1/users/" + std::to_string(by_project_id),
         json::object{{"assignments", json::array{json::object{{"kind", "project"}, {"id", theirs}}}}}, 200);
  const auto by_estate = Login("cons.contractor.e", kPassword);
  const auto by_project = Login("cons.contractor.p", kPassword);
  struct Who {
    const LoginSession& who;
    std::int64_t assigned, not_assigned;
    const char* name;
  };
  for (const auto& w : {Who{by_estate, mine, theirs, "by estate"}, Who{by_project, theirs, mine, "by project"}}) {
    SCOPED_TRACE(w.name);
    for (const char* part : {"/steps", "/schedule", "/alerts"}) {
      EXPECT_EQ(As(w.who, "GET", P(w.assigned) + part).status, 200) << part;
      auto refused = As(w.who, "GET", P(w.not_assigned) + part);
      EXPECT_EQ(refused.status, 403) << part << " " << refused.body;
      EXPECT_EQ(refused.Reason(), "auth.out_of_scope");
    }
    EXPECT_EQ(As(w.who, "POST", P(w.assigned) + "/schedule", Run()).status, 200);
    auto run = As(w.who, "POST", P(w.not_assigned) + "/schedule", Run());
    EXPECT_EQ(run.status, 403) << run.body;
    EXPECT_EQ(As(w.who, "POST", P(w.not_assigned) + "/baseline").status, 403);
    // The alert list and the home page: the assigned project's alerts, none of the other's.
    auto alerts = As(w.who, "GET", "/api/v1/construction/alerts");
    ASSERT_EQ(alerts.status, 200) << alerts.body;
    const auto list = alerts.Json();
    const auto& items = list.at("items").as_array();
    EXPECT_FALSE(items.empty()) << "the assigned project's open alerts are listed: " << alerts.body;
    for (const auto& a : items) EXPECT_EQ(a.at("projectId").as_int64(), w.assigned) << alerts.body;
    auto home = As(w.who, "GET", "/api/v1/workbench");
    ASSERT_EQ(home.status, 200) << home.body;
    const auto page = home.Json();
    const auto& section = page.at("sections").at("construction");
    EXPECT_EQ(section.at("schedules").as_int64(), 1) << home.body;
    EXPECT_GT(section.at("openAlerts").as_int64(), 0) << home.body;
    for (const auto& a : section.at("alerts").as_array()) EXPECT_EQ(a.at("projectId").as_int64(), w.assigned);
  }
}

INSTANTIATE_TEST_SUITE_P(Sqlite, ConstructionRefusalTest, ::testing::Values("sqlite"));
INSTANTIATE_TEST_SUITE_P(Postgres, ConstructionRefusalTest, ::testing::Values("postgres"));

}  // namespace
}  // namespace huanxin::testing
