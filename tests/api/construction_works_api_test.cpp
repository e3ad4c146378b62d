// Progress, household works and notices over HTTP (issue #13; docs/construction.md "Progress,
// household works, notices"), on SQLite and PostgreSQL: an area project of two estates with budget
// lines, steps and a schedule; progress reports, the latest per step, the roll-up with an
// unreported item, hand weights and the programme; the sheet filled in a real spreadsheet library
// and imported (and refused whole for one bad row); tendered teams, household works, the exact
// rate and the grid; notices from the schedule, the stairwell print, the public page without
// personal data and the .ics feed parsed by Debian's python3-icalendar; every bad field refused
// with nothing stored; a phone's resend answered with the first report.
//
// Steps and the schedule go through POST /projects/{id}/steps and /schedule (the steps part of
// issue #13); on a branch without those routes (404 http.not_found) the test inserts the same rows
// into the tables directly, so the works part is tested either way.
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>

#include "api/api_fixture.hpp"
#include "testing/external_tools.hpp"
#include "testing/sample_images.hpp"

namespace huanxin::testing {
namespace {

namespace json = boost::json;

std::string Day(int offset) {
  return FormatShanghai(std::chrono::system_clock::now() + std::chrono::hours(24) * offset, 10);
}

struct PlannedStep {
  std::string code, name, item;
  std::int64_t estate = 0;
  int days = 1;
  std::string kind;  // "" = no disruption
  std::vector<std::int64_t> buildings;
};

class ConstructionWorksApiTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    if (!app_) return;
    admin = Admin();
  }

  std::string P() const { return "/api/v1/projects/" + std::to_string(project); }

  std::int64_t NewEstate(const std::string& name) {
    return IdOf(Expect(admin, "POST", "/api/v1/estates",
                       json::object{{"regionCode", "360104002001"}, {"name", name}, {"address", name + "路1号"}, {"builtYear", 1995}},
                       201));
  }
  std::int64_t NewBuilding(std::int64_t estate, const std::string& number) {
    return IdOf(Expect(admin, "POST", "/api/v1/estates/" + std::to_string(estate) + "/buildings",
                       json::object{{"number", number}, {"floors", 6}, {"stairwells", 2}}, 201));
  }
  std::vector<std::int64_t> NewDwellings(std::int64_t building, int n) {
    std::vector<std::int64_t> ids;
    for (int i = 0; i < n; ++i)
      ids.push_back(IdOf(Expect(admin, "POST", "/api/v1/buildings/" + std::to_string(building) + "/dwellings",
                                json::object{{"stairwell", 1 + i % 2}, {"floor", 1 + i / 2}, {"room", std::to_string(101 + i)},
                                             {"exclusiveArea", 56.3}},
                                201)));
    return ids;
  }

  // Two estates (A: buildings 3 and 4; B: building 1) in one area project of 2026 with budget lines
  // B01 300 元, B05 100 元, B12 100 元 (estimates: quantity 1 × the price).
  void MakeProject() {
    estate_a = NewEstate("施工甲小区");
    estate_b = NewEstate("施工乙小区");
    a3 = NewBuilding(estate_a, "3");
    a4 = NewBuilding(estate_a, "4");
    b1 = NewBuilding(estate_b, "1");
    dwellings_a3 = NewDwellings(a3, 6);
    dwellings_a4 = NewDwellings(a4, 4);
    dwellings_b1 = NewDwellings(b1, 2);
    project = IdOf(Expect(admin, "POST", "/api/v1/projects",
                          json::object{{"name", "洪都街道施工片区"},
                                       {"year", 2026},
                                       {"kind", "area"},
                                       {"regionCode", "360104002"},
                                       {"estateIds", json::array{estate_a, estate_b}}},
                          201));
    for (auto [item, price] : {std::pair{"B01", 300}, {"B05", 100}, {"B12", 100}})
      Expect(admin, "POST", P() + "/budget-items", json::object{{"itemCode", item}, {"quantity", 1}, {"unitPrice", price}}, 201);
  }

  // The steps and the schedule: through the steps part's routes when they exist, else as rows.
  // Returns the scheduled dates by step code.
  std::map<std::string, std::pair<std::string, std::string>> Plan(const std::vector<PlannedStep>& steps) {
    json::array list;
    for (const auto& s : steps) {
      json::object o{{"code", s.code},       {"name", s.name},
                     {"itemCode", s.item},   {"estateId", s.estate},
                     {"durationDays", s.days}, {"crew", json::object{{"type", "pipe"}, {"count", 1}}},
                     {"predecessors", json::array{}}};
      if (!s.kind.empty())
        o["disruption"] = json::object{{"kind", s.kind}, {"buildingIds", json::array(s.buildings.begin(), s.buildings.end())}};
      list.push_back(o);
    }
    std::map<std::string, std::pair<std::string, std::string>> dates;
    auto posted = As(admin, "POST", P() + "/steps", json::object{{"steps", list}, {"crews", json::object{{"pipe", 4}}}});
    if (posted.Reason() != "http.not_found") {
      EXPECT_EQ(posted.status, 201) << posted.body;
      auto schedule = Expect(admin, "POST", P() + "/schedule", json::object{{"startOn", Day(-20)}, {"crews", json::object{{"pipe", 4}}}}, 200);
      if (schedule.is_object())
        for (const auto& s : schedule.at("steps").as_array())
          dates[std::string(s.at("code").as_string())] = {std::string(s.at("startOn").as_string()),
                                                          std::string(s.at("endOn").as_string())};
      return dates;
    }
    // The rows the steps part writes (migration 0011): steps, their buildings, a schedule.
    auto w = db().Write([&](store::Session& s) -> Result<void> {
      auto schedule = store::InsertReturningId(
          s,
          "INSERT INTO construction_schedule (project_id, region_code, start_on, end_on, makespan_days, lower_bound_days, "
          "disruption_days, openings_merged, openings_naive, crews, created_by, created_at) "
          "VALUES (?, '360104002', ?, ?, 20, 20, 0, 0, 0, 'pipe:4', 0, '2026-04-01T00:00:00.000Z') RETURNING id",
          {store::Int(project), store::Str(Day(-20)), store::Str(Day(10))});
      if (!schedule) return std::move(schedule).error();
      int position = 0, offset = -20;
      for (const auto& st : steps) {
        auto id = store::InsertReturningId(
            s,
            "INSERT INTO construction_step (project_id, region_code, code, name, item_code, estate_id, duration_days, crew_type, "
            "crew_count, disruption_kind, position, created_at) VALUES (?, '360104002', ?, ?, ?, ?, ?, 'pipe', 1, ?, ?, "
            "'2026-04-01T00:00:00.000Z') RETURNING id",
            {store::Int(project), store::Str(st.code), store::Str(st.name), store::Str(st.item), store::Int(st.estate),
             store::Int(st.days), st.kind.empty() ? store::Null() : store::Str(st.kind), store::Int(position++)});
        if (!id) return std::move(id).error();
        for (auto b : st.buildings)
          if (auto r = s.Exec("INSERT INTO construction_step_building (step_id, building_id) VALUES (?, ?)",
                              {store::Int(*id), store::Int(b)});
              !r)
            return std::move(r).error();
        dates[st.code] = {Day(offset), Day(offset + st.days - 1)};
        if (auto r = s.Exec("INSERT INTO construction_schedule_step (schedule_id, step_code, start_on, end_on, bound_by) "
                            "VALUES (?, ?, ?, ?, 'start')",
                            {store::Int(*schedule), store::Str(st.code), store::Str(dates[st.code].first),
                             store::Str(dates[st.code].second)});
            !r)
          return std::move(r).error();
        offset += st.days;
      }
      return Ok();
    });
    EXPECT_TRUE(w) << (w ? "" : w.error().reason);
    return dates;
  }

  std::vector<PlannedStep> Steps() const {
    const auto a = "E" + std::to_string(estate_a), b = "E" + std::to_string(estate_b);
    return {{a + ".B01.lay", "供水管道敷设", "B01", estate_a, 10, "", {}},
            {a + ".B01.connect", "供水切改通水", "B01", estate_a, 1, "water", {a3, a4}},
            {a + ".B05.base", "道路基层", "B05", estate_a, 4, "road", {a3}},
            {b + ".B12.strip", "铲除旧防水层", "B12", estate_b, 2, "noise", {b1}}};
  }

  // A step's line of GET …/progress.
  static json::object StepOf(const json::value& progress, const std::string& code) {
    for (const auto& s : progress.at("steps").as_array())
      if (s.at("code").as_string() == code) return s.as_object();
    ADD_FAILURE() << "no step " << code;
    return {};
  }
  static json::object ItemOf(const json::value& progress, const std::string& code) {
    for (const auto& s : progress.at("items").as_array())
      if (s.at("itemCode").as_string() == code) return s.as_object();
    ADD_FAILURE() << "no item " << code;
    return {};
  }
  // A two-decimal number of an answer as text ("47.27"); the wire form is checked once in the journey.
  static std::string Num(const json::value& v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", v.to_number<double>());
    return buf;
  }

  LoginSession admin;
  std::int64_t project = 0, estate_a = 0, estate_b = 0, a3 = 0, a4 = 0, b1 = 0;
  std::vector<std::int64_t> dwellings_a3, dwellings_a4, dwellings_b1;
};

TEST_P(ConstructionWorksApiTest, ProgressReportsRollUpWithAnUnreportedItemWeightsAndTheProgramme) {
  if (!app_) return;
  MakeProject();
  Plan(Steps());
  const auto a = "E" + std::to_string(estate_a), b = "E" + std::to_string(estate_b);

  // Nothing reported: every item listed at 0, not reported.
  auto none = Expect(admin, "GET", P() + "/progress", nullptr, 200);
  EXPECT_EQ(Num(none.at("percent")), "0.00");
  EXPECT_EQ(none.at("items").as_array().size(), 3u);
  EXPECT_FALSE(ItemOf(none, "B05").at("reported").as_bool());

  // A photo, then reports: B01.lay 50 % today (and 30 % yesterday, sent later: older, so not the
  // latest), B12.strip 100 %.
  const std::string body = "--hxW\r\nContent-Disposition: form-data; name=\"file\"; filename=\"site.jpg\"\r\n"
                           "Content-Type: image/jpeg\r\n\r\n" + SampleJpegWithExif() + "\r\n--hxW--\r\n";
  auto photo = Call("POST", P() + "/progress/photos", body,
                    {{"Authorization", "Bearer " + admin.token}, {"Content-Type", "multipart/form-data; boundary=hxW"}});
  ASSERT_EQ(photo.status, 201) << photo.body;
  const auto file = photo.Json().at("id").as_int64();
  auto lay = Expect(admin, "POST", P() + "/progress",
                    json::object{{"stepCode", a + ".B01.lay"}, {"percent", 50}, {"on", Day(0)}, {"photoFileId", file},
                                 {"quantityDone", 120.5}, {"note", "东侧管沟完成"}},
                    201);
  EXPECT_EQ(lay.at("percent").as_int64(), 50);
  EXPECT_EQ(lay.at("photoFileId").as_int64(), file);
  EXPECT_EQ(Num(lay.at("quantityDone")), "120.50");
  EXPECT_EQ(lay.at("reportedBy").as_string(), "admin");
  Expect(admin, "POST", P() + "/progress", json::object{{"stepCode", a + ".B01.lay"}, {"percent", 30}, {"on", Day(-1)}}, 201);
  Expect(admin, "POST", P() + "/progress", json::object{{"stepCode", b + ".B12.strip"}, {"percent", 100}, {"on", Day(0)}}, 201);
  EXPECT_EQ(As(admin, "GET", "/api/v1/files/" + std::to_string(file)).status, 200);

  // B01: (10 × 50 + 1 × 0) / 11 = 45.4545… → 45.45; B05 not reported → 0; B12 100. Weights by
  // budget 300 : 100 : 100 → 600, 200, 200 ‰. Project (600·4545 + 200·0 + 200·10000) / 1000 = 47.27.
  auto raw = As(admin, "GET", P() + "/progress");
  EXPECT_NE(raw.body.find("\"percent\":47.27,"), std::string::npos) << raw.body;  // two decimals on the wire
  auto p = Expect(admin, "GET", P() + "/progress", nullptr, 200);
  EXPECT_EQ(Num(ItemOf(p, "B01").at("percent")), "45.45");
  EXPECT_EQ(ItemOf(p, "B01").at("weight").as_int64(), 600);
  EXPECT_EQ(ItemOf(p, "B01").at("itemName").as_string(), "供水设施改造");
  EXPECT_EQ(Num(ItemOf(p, "B05").at("percent")), "0.00");
  EXPECT_FALSE(ItemOf(p, "B05").at("reported").as_bool());
  EXPECT_EQ(ItemOf(p, "B05").at("weight").as_int64(), 200);
  EXPECT_EQ(Num(p.at("percent")), "47.27");
  EXPECT_EQ(StepOf(p, a + ".B01.lay").at("lastOn").as_string(), Day(0));
  EXPECT_EQ(StepOf(p, a + ".B01.lay").at("photoFileId").as_int64(), file);
  EXPECT_FALSE(StepOf(p, a + ".B01.connect").at("reported").as_bool());
  // Estates: A = (600·4545 + 200·0) / 800 = 3408.75 → 34.09; B = 100.
  for (const auto& e : p.at("estates").as_array()) {
    if (e.at("estateId").as_int64() == estate_a) {
      EXPECT_EQ(Num(e.at("percent")), "34.09");
    }
    if (e.at("estateId").as_int64() == estate_b) {
      EXPECT_EQ(Num(e.at("percent")), "100.00");
    }
  }

  // B05 set to 500 ‰: B01 and B12 share 500 ‰ by budget 3 : 1 → 375, 125. (375·4545 + 125·10000) /
  // 1000 = 2954.375 → 29.54.
  auto weighted = Expect(admin, "PUT", P() + "/progress/weights", json::object{{"weights", json::object{{"B05", 500}}}}, 200);
  EXPECT_EQ(ItemOf(weighted, "B05").at("weight").as_int64(), 500);
  EXPECT_TRUE(ItemOf(weighted, "B05").at("weightSet").as_bool());
  EXPECT_EQ(ItemOf(weighted, "B01").at("weight").as_int64(), 375);
  EXPECT_EQ(ItemOf(weighted, "B12").at("weight").as_int64(), 125);
  EXPECT_EQ(Num(weighted.at("percent")), "29.54");

  // The programme: the street's only project of 2026, weight 1000 ‰.
  auto programme = Expect(admin, "GET", "/api/v1/construction/progress?regionCode=360104002&year=2026", nullptr, 200);
  ASSERT_EQ(programme.at("projects").as_array().size(), 1u);
  EXPECT_EQ(programme.at("projects").as_array()[0].at("weight").as_int64(), 1000);
  EXPECT_EQ(Num(programme.at("percent")), "29.54");
  EXPECT_TRUE(As(admin, "GET", "/api/v1/construction/progress?regionCode=360104002&year=2025").body.find("\"projects\":[]") !=
              std::string::npos);

  // Back to budget shares.
  auto reset = Expect(admin, "PUT", P() + "/progress/weights", json::object{{"weights", json::object{}}}, 200);
  EXPECT_EQ(Num(reset.at("percent")), "47.27");
}

TEST_P(ConstructionWorksApiTest, APhonesResentReportIsAnsweredWithTheFirst) {
  if (!app_) return;
  MakeProject();
  Plan(Steps());
  const auto code = "E" + std::to_string(estate_a) + ".B01.lay";
  auto first = Expect(admin, "POST", P() + "/progress",
                      json::object{{"stepCode", code}, {"percent", 20}, {"on", Day(0)}, {"clientId", "h5-queue-1"}}, 201);
  const auto before = Snapshot(db());
  auto again = Expect(admin, "POST", P() + "/progress",
                      json::object{{"stepCode", code}, {"percent", 25}, {"on", Day(0)}, {"clientId", "h5-queue-1"}}, 200);
  EXPECT_EQ(again.at("id").as_int64(), first.at("id").as_int64());
  EXPECT_EQ(again.at("percent").as_int64(), 20);
  EXPECT_EQ(Snapshot(db()), before);
}

TEST_P(ConstructionWorksApiTest, TheSheetFilledInASpreadsheetImportsAllOrNothing) {
  if (!app_) return;
  MakeProject();
  Plan(Steps());
  auto sheet = As(admin, "GET", P() + "/progress/sheet.xlsx");
  ASSERT_EQ(sheet.status, 200) << sheet.body;
  HX_REQUIRE_TOOL(HaveOpenpyxl(), "python3-openpyxl");
  TempDir dir("hx-works");
  const auto in = (dir.path() / "sheet.xlsx").string(), good = (dir.path() / "good.xlsx").string(),
             bad = (dir.path() / "bad.xlsx").string();
  std::ofstream(in, std::ios::binary) << sheet.body;
  // Fill percent, date and quantity on every step row; the bad copy has 120 % on its last row.
  const auto fill = [&](const std::string& out, const std::string& last_percent) {
    RunCommand(std::string(kPython) + " -c \"import openpyxl,sys; wb=openpyxl.load_workbook(sys.argv[1]); ws=wb.active; "
               "rows=list(range(2, ws.max_row + 1)); "
               "[ws.cell(row=r, column=7, value=(int(sys.argv[4]) if r == rows[-1] else 80)) for r in rows]; "
               "[ws.cell(row=r, column=8, value=sys.argv[3]) for r in rows]; "
               "[ws.cell(row=r, column=9, value=12.5) for r in rows]; wb.save(sys.argv[2])\" '" +
               in + "' '" + out + "' " + Day(0) + " " + last_percent);
  };
  fill(good, "60");
  fill(bad, "120");
  const auto upload = [&](const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    const std::string body = "--hxS\r\nContent-Disposition: form-data; name=\"file\"; filename=\"sheet.xlsx\"\r\n\r\n" + bytes +
                             "\r\n--hxS--\r\n";
    return Call("POST", P() + "/progress/import", body,
                {{"Authorization", "Bearer " + admin.token}, {"Content-Type", "multipart/form-data; boundary=hxS"}});
  };
  const auto before = Snapshot(db());
  auto refused = upload(bad);
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(refused.Reason(), "construction.invalid_rows");
  ASSERT_EQ(refused.Json().at("errors").as_array().size(), 1u) << refused.body;
  EXPECT_EQ(refused.Json().at("errors").as_array()[0].at("row").as_int64(), 5);
  EXPECT_EQ(refused.Json().at("errors").as_array()[0].at("value").as_string(), "120");
  EXPECT_EQ(Snapshot(db()), before);

  auto imported = upload(good);
  ASSERT_EQ(imported.status, 200) << imported.body;
  EXPECT_EQ(imported.Json().at("imported").as_int64(), 4);
  auto p = Expect(admin, "GET", P() + "/progress", nullptr, 200);
  EXPECT_EQ(StepOf(p, "E" + std::to_string(estate_b) + ".B12.strip").at("percent").as_double(), 60.0);
  // B01 80 %, B05 80 %, B12 60 % at 600 : 200 : 200 → 76.
  EXPECT_EQ(Num(p.at("percent")), "76.00");
}

TEST_P(ConstructionWorksApiTest, HouseholdWorksTeamsTheExactRateAndTheGrid) {
  if (!app_) return;
  MakeProject();
  std::vector<std::int64_t> teams;
  for (const auto& [name, works] : {std::pair{"暖通一队", json::array{"heating"}}, {"暖通二队", json::array{"heating", "water_meter"}},
                                    {"门窗队", json::array{"windows"}}, {"水电队", json::array{"heating", "wiring"}}})
    teams.push_back(IdOf(Expect(admin, "POST", P() + "/household-teams",
                                json::object{{"name", name}, {"phone", "0791-88000000"}, {"works", works}}, 201)));
  EXPECT_EQ(Expect(admin, "GET", P() + "/household-teams", nullptr, 200).at("items").as_array().size(), 4u);
  EXPECT_EQ(As(admin, "POST", P() + "/household-teams", json::object{{"name", "暖通一队"}, {"works", json::array{"heating"}}}).status, 409);

  // 12 dwellings: 7 done (5 by teams, 2 by residents), 2 in progress, 1 declined → 7/12 = 58.33 %.
  std::vector<std::int64_t> all;
  for (const auto* list : {&dwellings_a3, &dwellings_a4, &dwellings_b1}) all.insert(all.end(), list->begin(), list->end());
  ASSERT_EQ(all.size(), 12u);
  auto put = [&](std::int64_t d, json::object body, int status = 200) {
    return Expect(admin, "PUT", P() + "/household-works/" + std::to_string(d), body, status);
  };
  for (int i = 0; i < 5; ++i) put(all[i], {{"work", "heating"}, {"status", "done"}, {"by", "contractor"}, {"teamId", teams[i % 2]}});
  put(all[5], {{"work", "heating"}, {"status", "done"}, {"by", "self"}});
  put(all[6], {{"work", "heating"}, {"status", "in_progress"}, {"by", "self"}});
  put(all[6], {{"work", "heating"}, {"status", "done"}, {"by", "self"}});  // replaced
  put(all[7], {{"work", "heating"}, {"status", "in_progress"}, {"by", "contractor"}, {"teamId", teams[3]}});
  put(all[8], {{"work", "heating"}, {"status", "in_progress"}, {"by", "contractor"}});
  put(all[9], {{"work", "heating"}, {"status", "declined"}});
  put(all[10], {{"work", "windows"}, {"status", "done"}, {"by", "contractor"}, {"teamId", teams[2]}});  // another work
  auto s = Expect(admin, "GET", P() + "/household-works?work=heating", nullptr, 200);
  EXPECT_EQ(s.at("done").as_int64(), 7);
  EXPECT_EQ(s.at("total").as_int64(), 12);
  EXPECT_EQ(Num(s.at("rate")), "58.33");
  EXPECT_EQ(s.at("inProgress").as_int64(), 2);
  EXPECT_EQ(s.at("declined").as_int64(), 1);
  EXPECT_EQ(s.at("notStarted").as_int64(), 2);
  EXPECT_EQ(s.at("byContractor").as_int64(), 5);
  EXPECT_EQ(s.at("bySelf").as_int64(), 2);
  ASSERT_EQ(s.at("buildings").as_array().size(), 3u);
  EXPECT_EQ(s.at("buildings").as_array()[0].at("done").as_int64(), 6);  // building 3: all[0..5]
  EXPECT_EQ(s.at("buildings").as_array()[0].at("total").as_int64(), 6);
  // One more done: 8/12 = 66.666… → 66.67 (half up).
  put(all[11], {{"work", "heating"}, {"status", "done"}, {"by", "self"}});
  EXPECT_EQ(Num(Expect(admin, "GET", P() + "/household-works?work=heating", nullptr, 200).at("rate")), "66.67");
  EXPECT_EQ(Num(Expect(admin, "GET", P() + "/household-works?work=windows", nullptr, 200).at("rate")), "8.33");

  auto grid = Expect(admin, "GET", P() + "/household-works/grid?work=heating&buildingId=" + std::to_string(a4), nullptr, 200);
  ASSERT_EQ(grid.at("items").as_array().size(), 4u);
  const auto& g = grid.at("items").as_array();
  EXPECT_EQ(g[0].at("dwellingId").as_int64(), all[6]);  // stairwell 1, floor 1
  EXPECT_EQ(g[0].at("status").as_string(), "done");
  EXPECT_EQ(g[0].at("by").as_string(), "self");
  bool declined = false;
  for (const auto& row : g) declined = declined || (row.at("dwellingId").as_int64() == all[9] && row.at("status") == "declined");
  EXPECT_TRUE(declined) << grid;
}

TEST_P(ConstructionWorksApiTest, NoticesFromTheScheduleThePrintThePublicPageAndTheFeed) {
  if (!app_) return;
  MakeProject();
  // Personal data that must not reach the public page: an owner of building 3.
  Expect(admin, "POST", "/api/v1/dwellings/" + std::to_string(dwellings_a3[0]) + "/owners",
         json::object{{"name", "万金花"}, {"idNumber", "360104198001010016"}, {"phone", "13900001111"}}, 201);
  auto dates = Plan(Steps());
  const auto a = "E" + std::to_string(estate_a), b = "E" + std::to_string(estate_b);
  EXPECT_EQ(Expect(admin, "POST", P() + "/progress", json::object{{"stepCode", a + ".B01.lay"}, {"percent", 40}, {"on", Day(0)}}, 201)
                .at("percent")
                .as_int64(),
            40);

  auto notices = Expect(admin, "GET", P() + "/notices", nullptr, 200);
  const auto& items = notices.at("items").as_array();
  ASSERT_EQ(items.size(), 3u) << notices;  // the water cut, the road and the noise; the laying disrupts nothing
  std::map<std::string, json::object> by_step;
  for (const auto& n : items) by_step[std::string(n.at("stepCode").as_string())] = n.as_object();
  const auto& water = by_step[a + ".B01.connect"];
  EXPECT_EQ(water.at("kind").as_string(), "water");
  EXPECT_EQ(water.at("estateId").as_int64(), estate_a);
  EXPECT_EQ(water.at("estateName").as_string(), "施工甲小区");
  EXPECT_EQ(json::serialize(water.at("buildings")), "[\"3号楼\",\"4号楼\"]");
  EXPECT_EQ(water.at("fromOn").as_string(), dates[a + ".B01.connect"].first);
  EXPECT_EQ(water.at("toOn").as_string(), dates[a + ".B01.connect"].second);
  EXPECT_EQ(water.at("uid").as_string(), "p" + std::to_string(project) + "-" + a + ".B01.connect-e" + std::to_string(estate_a) + "@huanxin");
  EXPECT_EQ(by_step[b + ".B12.strip"].at("kind").as_string(), "noise");

  auto print = As(admin, "GET", P() + "/notices/print?estateId=" + std::to_string(estate_a));
  ASSERT_EQ(print.status, 200) << print.body;
  EXPECT_NE(print.headers["content-type"].find("text/html"), std::string::npos);
  for (const char* s : {"施工公告", "停水", "供水切改通水", "3号楼、4号楼", "道路封闭", "<svg", "/h5/#/works/"})
    EXPECT_NE(print.body.find(s), std::string::npos) << s;
  EXPECT_EQ(print.body.find("铲除旧防水层"), std::string::npos);  // estate B's
  EXPECT_EQ(As(admin, "GET", P() + "/notices/print?estateId=" + std::to_string(estate_a + 1000)).status, 404);

  // The public page: no session, no personal data.
  auto page = Call("GET", "/api/v1/public/estates/" + std::to_string(estate_a) + "/works");
  ASSERT_EQ(page.status, 200) << page.body;
  for (const char* s : {"万金花", "13900001111", "360104198001010016", "admin", "exclusiveArea", "dwelling"})
    EXPECT_EQ(page.body.find(s), std::string::npos) << s << " in " << page.body;
  auto pj = page.Json();
  EXPECT_EQ(pj.at("estate").as_object().size(), 2u);
  EXPECT_EQ(pj.at("notices").as_array().size(), 2u);
  // Estate A: B01 there (10·40 + 1·0) / 11 = 36.36, B05 0 → (600·3636 + 200·0) / 800 = 27.27.
  EXPECT_EQ(Num(pj.at("progress").at("percent")), "27.27");
  ASSERT_EQ(pj.at("steps").as_array().size(), 3u);
  EXPECT_EQ(Call("GET", "/api/v1/public/estates/999999/works").status, 404);

  // The feed, parsed by a real iCalendar parser.
  auto ics = Call("GET", "/api/v1/public/estates/" + std::to_string(estate_a) + "/works.ics");
  ASSERT_EQ(ics.status, 200) << ics.body;
  EXPECT_NE(ics.headers["content-type"].find("text/calendar"), std::string::npos);
  HX_REQUIRE_TOOL(HaveTool(kPython) && std::system("/usr/bin/python3 -c 'import icalendar' >/dev/null 2>&1") == 0,
                  "python3-icalendar");
  TempDir dir("hx-ics");
  const auto path = (dir.path() / "works.ics").string();
  std::ofstream(path, std::ios::binary) << ics.body;
  auto text = RunCommand(std::string(kPython) + " -c \"import icalendar,sys; c=icalendar.Calendar.from_ical(open(sys.argv[1],'rb').read()); "
                         "print('CAL|' + str(c.get('X-WR-CALNAME')) + '|' + str(c.get('VERSION'))); "
                         "[print('EV|' + str(e.get('UID')) + '|' + e.decoded('DTSTART').isoformat() + '|' + e.decoded('DTEND').isoformat() "
                         "+ '|' + str(e.get('SUMMARY')) + '|' + str(e.get('LOCATION')) + '|' + str(e.get('SEQUENCE'))) "
                         "for e in c.walk('VEVENT')]\" '" + path + "' 2>&1");
  EXPECT_NE(text.find("CAL|施工甲小区 施工公告|2.0"), std::string::npos) << text;
  // DTEND is the day after the last day (exclusive).
  const auto next = [](const std::string& day) {
    auto tp = ParseIso(day + "T00:00:00Z");
    return FormatIsoUtc(*tp + std::chrono::hours(24)).substr(0, 10);
  };
  const auto& cut = dates[a + ".B01.connect"];
  const std::string event = "EV|" + std::string(water.at("uid").as_string()) + "|" + cut.first + "|" + next(cut.second) +
                            "|停水：供水切改通水|施工甲小区|";
  EXPECT_NE(text.find(event), std::string::npos) << event << " not in\n" << text;
  EXPECT_NE(text.find("|道路封闭：道路基层|施工甲小区|"), std::string::npos) << text;
  std::size_t events = 0;
  for (auto at = text.find("EV|"); at != std::string::npos; at = text.find("EV|", at + 1)) ++events;
  EXPECT_EQ(events, 2u) << text;
}

struct Refusal {
  std::string method, target;
  json::value body;
  int status;
  std::string reason, field;  // field: the detail of construction.invalid_field, in the message of http.invalid_field
};

TEST_P(ConstructionWorksApiTest, EveryBadFieldIsRefusedWithItsReasonAndNothingIsStored) {
  if (!app_) return;
  MakeProject();
  Plan(Steps());
  const auto code = "E" + std::to_string(estate_a) + ".B01.lay";
  auto team = IdOf(Expect(admin, "POST", P() + "/household-teams",
                          json::object{{"name", "门窗队"}, {"works", json::array{"windows"}}}, 201));
  auto other = IdOf(Expect(admin, "POST", "/api/v1/estates",
                           json::object{{"regionCode", "360104002001"}, {"name", "项目外小区"}, {"address", "外1号"}, {"builtYear", 1990}},
                           201));
  auto outside_building = IdOf(Expect(admin, "POST", "/api/v1/estates/" + std::to_string(other) + "/buildings",
                                      json::object{{"number", "9"}, {"floors", 6}, {"stairwells", 1}}, 201));
  auto outside = IdOf(Expect(admin, "POST", "/api/v1/buildings/" + std::to_string(outside_building) + "/dwellings",
                             json::object{{"stairwell", 1}, {"floor", 1}, {"room", "101"}, {"exclusiveArea", 50}}, 201));
  const auto report = [&](json::object change) {
    json::object base{{"stepCode", code}, {"percent", 50}, {"on", Day(0)}};
    for (auto& [k, v] : change) base[k] = v;
    return base;
  };
  const auto work = [&](json::object change) {
    json::object base{{"work", "heating"}, {"status", "done"}, {"by", "contractor"}};
    for (auto& [k, v] : change) base[k] = v;
    return base;
  };
  const std::string pr = P() + "/progress", hw = P() + "/household-works/" + std::to_string(dwellings_a3[0]);
  const std::vector<Refusal> cases{
      {"POST", pr, json::object{{"percent", 50}, {"on", Day(0)}}, 422, "http.invalid_field", "stepCode"},
      {"POST", pr, report({{"stepCode", "E0.B99.none"}}), 422, "construction.invalid_field", "stepCode"},
      {"POST", pr, report({{"percent", 101}}), 422, "construction.invalid_field", "percent"},
      {"POST", pr, report({{"percent", -1}}), 422, "construction.invalid_field", "percent"},
      {"POST", pr, report({{"percent", 50.5}}), 422, "http.invalid_field", "percent"},
      {"POST", pr, report({{"percent", nullptr}}), 422, "http.invalid_field", "percent"},
      {"POST", pr, report({{"on", "2026-02-30"}}), 422, "construction.invalid_field", "on"},
      {"POST", pr, report({{"on", Day(1)}}), 422, "construction.invalid_field", "on"},
      {"POST", pr, report({{"on", "2025-12-31"}}), 422, "construction.invalid_field", "on"},
      {"POST", pr, report({{"on", 20260401}}), 422, "http.invalid_field", "on"},
      {"POST", pr, report({{"photoFileId", 999999}}), 422, "construction.invalid_field", "photoFileId"},
      {"POST", pr, report({{"quantityDone", -1}}), 422, "construction.invalid_field", "quantityDone"},
      {"POST", pr, report({{"quantityDone", 1.234}}), 422, "http.invalid_field", "quantityDone"},
      {"POST", pr, report({{"note", std::string(501, 'x')}}), 422, "construction.invalid_field", "note"},
      {"POST", pr, report({{"clientId", std::string(65, 'c')}}), 422, "construction.invalid_field", "clientId"},
      {"POST", pr, json::array{}, 400, "http.bad_json", ""},
      {"PUT", pr + "/weights", json::object{{"weights", json::object{{"B01", 1001}}}}, 422, "construction.invalid_weights", ""},
      {"PUT", pr + "/weights", json::object{{"weights", json::object{{"B01", 600}, {"B05", 401}}}}, 422, "construction.invalid_weights", ""},
      {"PUT", pr + "/weights", json::object{{"weights", json::object{{"B09", 10}}}}, 422, "construction.invalid_weights", ""},
      {"PUT", pr + "/weights", json::object{{"weights", json::object{{"B01", "600"}}}}, 422, "http.invalid_field", "weights.B01"},
      {"PUT", pr + "/weights", json::object{{"weights", 600}}, 422, "http.invalid_field", "weights"},
      {"POST", P() + "/household-teams", json::object{{"name", ""}, {"works", json::array{"heating"}}}, 422, "construction.invalid_field", "name"},
      {"POST", P() + "/household-teams", json::object{{"name", "队"}, {"works", json::array{}}}, 422, "construction.invalid_field", "works"},
      {"POST", P() + "/household-teams", json::object{{"name", "队"}, {"works", json::array{"roof"}}}, 422, "construction.invalid_field", "works"},
      {"POST", P() + "/household-teams", json::object{{"name", "队"}, {"phone", "call me"}, {"works", json::array{"heating"}}}, 422,
       "construction.invalid_field", "phone"},
      {"POST", P() + "/household-teams", json::object{{"name", "队"}}, 422, "http.invalid_field", "works"},
      {"PUT", hw, work({{"work", "roof"}}), 422, "construction.invalid_field", "work"},
      {"PUT", hw, work({{"status", "finished"}}), 422, "construction.invalid_field", "status"},
      {"PUT", hw, json::object{{"work", "heating"}, {"status", "done"}}, 422, "construction.invalid_field", "by"},
      {"PUT", hw, work({{"status", "declined"}}), 422, "construction.invalid_field", "by"},
      {"PUT", hw, work({{"by", "neighbour"}}), 422, "construction.invalid_field", "by"},
      {"PUT", hw, work({{"by", "self"}, {"teamId", team}}), 422, "construction.invalid_field", "teamId"},
      {"PUT", hw, work({{"teamId", team + 1000}}), 422, "construction.invalid_field", "teamId"},
      {"PUT", hw, work({{"teamId", team}}), 422, "construction.invalid_field", "teamId"},  // tendered for windows only
      {"PUT", hw, work({{"status", 3}}), 422, "http.invalid_field", "status"},
      {"PUT", P() + "/household-works/" + std::to_string(outside), work({}), 404, "construction.dwelling_not_found", ""},
      {"GET", P() + "/household-works?work=roof", nullptr, 422, "construction.invalid_field", "work"},
      {"GET", P() + "/household-works/grid?work=heating", nullptr, 400, "http.bad_query", ""},
      {"GET", P() + "/household-works/grid?work=heating&buildingId=" + std::to_string(outside_building), nullptr, 404,
       "construction.building_not_found", ""},
      {"GET", P() + "/notices/print", nullptr, 400, "http.bad_query", ""},
      {"GET", P() + "/notices/print?estateId=" + std::to_string(other), nullptr, 404, "construction.estate_not_found", ""},
      {"GET", "/api/v1/projects/999999/progress", nullptr, 404, "project.not_found", ""},
  };
  const auto before = Snapshot(db());
  for (const auto& c : cases) {
    auto r = As(admin, c.method, c.target, c.body);
    const std::string what = c.method + " " + c.target + " " + json::serialize(c.body) + " → " + r.body;
    EXPECT_EQ(r.status, c.status) << what;
    EXPECT_EQ(r.Reason(), c.reason) << what;
    if (c.field.empty() || r.status != c.status) continue;
    const auto e = r.Json().at("error").as_object();
    if (c.reason == "construction.invalid_field")
      EXPECT_EQ(e.at("detail").as_string(), c.field) << what;
    else
      EXPECT_NE(std::string(e.at("message").as_string()).find(c.field), std::string::npos) << what;
  }
  EXPECT_EQ(Snapshot(db()), before);
}

INSTANTIATE_TEST_SUITE_P(Sqlite, ConstructionWorksApiTest, ::testing::Values("sqlite"));
INSTANTIATE_TEST_SUITE_P(Postgres, ConstructionWorksApiTest, ::testing::Values("postgres"));

}  // namespace
}  // namespace huanxin::testing
