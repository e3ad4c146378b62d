// Supervision and rectification over HTTP (issue #14; docs/supervision.md), on SQLite and
// PostgreSQL: the journey inspection (with a phone's resend) → order → reply → failed
// re-inspection (rework) → reply → pass → closed, with the scores and the quality register; orders
// past their deadline escalate to the street office and the housing bureau, recorded once; a
// democratic supervision day with its action items; every bad field refused with nothing stored.
//
// The running server's clock cannot be moved, so the escalation test stores orders issued in the
// past through the store (SupervisionRepository::InsertOrder) and finds the deadlines that put them
// at each level today with the core rules over the loaded calendar.
#include <boost/json.hpp>
#include <chrono>

#include "api/api_fixture.hpp"
#include "core/supervision/rectification.hpp"
#include "service/calendar/calendar_service.hpp"
#include "store/supervision/supervision_repository.hpp"
#include "testing/sample_images.hpp"

namespace huanxin::testing {
namespace {

namespace json = boost::json;

json::object With(json::object base, const json::object& change) {
  for (const auto& [k, v] : change) base[k] = v;
  return base;
}

class SupervisionApiTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    if (!app_) return;
    admin = Admin();
  }

  std::string P() const { return "/api/v1/projects/" + std::to_string(project); }
  std::string O(std::int64_t id) const { return "/api/v1/rectifications/" + std::to_string(id); }

  // An estate in community 360104002001, a project there on it with a B12 budget
  // line, one step, its design, construction and supervision units, and a responsible unit.
  void MakeProject() {
    estate = IdOf(Expect(admin, "POST", "/api/v1/estates",
                         json::object{{"regionCode", "360104002001"}, {"name", "监督小区"}, {"address", "监督路1号"}, {"builtYear", 1995}},
                         201));
    project = IdOf(Expect(admin, "POST", "/api/v1/projects",
                          json::object{{"name", "洪都监督项目"}, {"year", 2026}, {"kind", "estate"}, {"regionCode", "360104002001"},
                                       {"estateIds", json::array{estate}}},
                          201));
    Expect(admin, "POST", P() + "/budget-items", json::object{{"itemCode", "B12"}, {"quantity", 1}, {"unitPrice", 100}}, 201);
    Expect(admin, "POST", P() + "/steps",
           json::object{{"steps", json::array{json::object{{"code", "S1.B12.waterproof"},
                                                           {"name", "防水层施工"},
                                                           {"itemCode", "B12"},
                                                           {"estateId", estate},
                                                           {"durationDays", 3},
                                                           {"crew", json::object{{"type", "roofing"}, {"count", 1}}},
                                                           {"predecessors", json::array{}}}}},
                        {"crews", json::object{{"roofing", 1}}}},
           201);
    for (auto [role, company, contact] : {std::tuple{"design", "江西省城乡规划设计研究院", "王工"},
                                          {"construction", "南昌市第三建筑工程有限公司", "刘经理"},
                                          {"supervision", "江西中昌工程咨询监理有限公司", "陈总监"}})
      Expect(admin, "PUT", P() + "/units/" + role, json::object{{"company", company}, {"contact", contact}}, 200);
    unit = IdOf(Expect(admin, "POST", "/api/v1/responsible-units",
                       json::object{{"regionCode", "360104002"}, {"company", "南昌市第三建筑工程有限公司"}, {"kind", "contractor"},
                                    {"contact", "刘经理"}, {"phone", "13807001234"}},
                       201));
  }

  // A user of `role` in community 360104002001 assigned to the estate.
  LoginSession Assigned(const std::string& username, const std::string& role) {
    const auto id = CreateUser(username, role, "360104002001");
    Expect(admin, "PATCH", "/api/v1/users/" + std::to_string(id),
           json::object{{"assignments", json::array{json::object{{"kind", "estate"}, {"id", estate}}}}}, 200);
    return Login(username, "Street#2026x");
  }

  std::int64_t Photo(const LoginSession& who) {
    const std::string body = "--hxS\r\nContent-Disposition: form-data; name=\"file\"; filename=\"site.jpg\"\r\n"
                             "Content-Type: image/jpeg\r\n\r\n" + SampleJpegWithExif() + "\r\n--hxS--\r\n";
    auto r = Call("POST", P() + "/inspections/photos", body,
                  {{"Authorization", "Bearer " + who.token}, {"Content-Type", "multipart/form-data; boundary=hxS"}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? r.Json().at("id").as_int64() : 0;
  }

  std::size_t Count(const std::string& target) {
    auto v = Expect(admin, "GET", target, nullptr, 200);
    return v.is_object() ? v.at("items").as_array().size() : 0;
  }

  LoginSession admin;
  std::int64_t estate = 0, project = 0, unit = 0;
};

std::vector<std::string> Kinds(const json::value& order) {
  std::vector<std::string> out;
  for (const auto& e : order.at("events").as_array()) out.emplace_back(e.at("kind").as_string());
  return out;
}

TEST_P(SupervisionApiTest, InspectionOrderReplyReworkPassAndClose) {
  if (!app_) return;
  MakeProject();
  auto supervisor = Assigned("sup.li", "supervisor");
  auto builder = Assigned("sup.builder", "contractor");
  auto community = Assigned("sup.community", "community");

  // The checklist is data.
  auto checklist = Expect(supervisor, "GET", "/api/v1/supervision/checklist", nullptr, 200);
  std::vector<std::string> codes;
  for (const auto& i : checklist.at("items").as_array()) codes.emplace_back(i.at("code").as_string());
  EXPECT_EQ(codes, (std::vector<std::string>{"progress", "materials", "quality", "civilised", "safety", "residents"}));

  // The inspection from the phone, sent twice by its queue: stored once.
  const auto finding_photo = Photo(supervisor);
  const json::object inspection{
      {"clientId", "phone-li-0001"}, {"stepCode", "S1.B12.waterproof"}, {"lat", 28.635121}, {"lng", 115.912345},
      {"place", "3 栋屋面"},         {"inspectedAt", "2026-12-01T02:30:00Z"},
      {"findings", json::array{json::object{{"itemCode", "quality"}, {"text", "防水卷材搭接宽度不足"},
                                            {"photoFileIds", json::array{finding_photo}}}}}};
  auto first = Expect(supervisor, "POST", P() + "/inspections", inspection, 201);
  auto again = Expect(supervisor, "POST", P() + "/inspections", inspection, 200);
  EXPECT_EQ(IdOf(first), IdOf(again));
  EXPECT_EQ(Count(P() + "/inspections"), 1u);
  EXPECT_EQ(first.at("lat").as_double(), 28.635121);
  EXPECT_EQ(first.at("inspectedAt").as_string(), "2026-12-01T02:30:00.000Z");
  const auto finding = first.at("findings").at(0).at("id").as_int64();

  // The order, exactly as outside clients send it (plus the finding and step it comes from).
  auto order = Expect(supervisor, "POST", "/api/v1/rectifications",
                      json::object{{"projectId", project}, {"finding", "防水卷材搭接宽度不足，限期返修"}, {"unitId", unit},
                                   {"dueInWorkingDays", 1}, {"photoFileIds", json::array{finding_photo}},
                                   {"findingId", finding}, {"stepCode", "S1.B12.waterproof"}},
                      201);
  const auto id = IdOf(order);
  EXPECT_EQ(order.at("status").as_string(), "open");
  EXPECT_GT(std::string(order.at("dueOn").as_string()), std::string(order.at("issuedOn").as_string()));
  EXPECT_EQ(order.at("itemCode").as_string(), "B12");
  EXPECT_EQ(order.at("level").as_int64(), 0);
  EXPECT_FALSE(order.at("rework").as_bool());

  // Only the unit replies; the reply's photo is kept beside the finding's.
  Expect(supervisor, "POST", O(id) + "/reply", json::object{{"note", "已返修"}}, 403);
  const auto reply_photo = Photo(builder);
  auto replied = Expect(builder, "POST", O(id) + "/reply",
                        json::object{{"note", "已返修搭接"}, {"photoFileIds", json::array{reply_photo}}}, 200);
  EXPECT_EQ(replied.at("status").as_string(), "replied");
  EXPECT_EQ(replied.at("photoFileIds"), json::array{finding_photo});
  EXPECT_EQ(replied.at("reply").at("photoFileIds"), json::array{reply_photo});
  Expect(builder, "POST", O(id) + "/reply", json::object{{"note", "再次回复"}}, 409);

  // Not the finder: refused. The finder's failed re-inspection reopens it as rework on the step.
  auto refused = As(community, "POST", O(id) + "/recheck", json::object{{"passed", true}});
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(refused.Reason(), "supervision.not_finder");
  auto reopened = Expect(supervisor, "POST", O(id) + "/recheck",
                         json::object{{"passed", false}, {"note", "搭接仍不足 100mm，返工"}}, 200);
  EXPECT_EQ(reopened.at("status").as_string(), "open");
  EXPECT_TRUE(reopened.at("rework").as_bool());
  EXPECT_EQ(reopened.at("reworks").as_int64(), 1);
  const auto& events = reopened.at("events").as_array();
  EXPECT_EQ(events.back().at("kind").as_string(), "rework");
  EXPECT_EQ(events.back().at("stepCode").as_string(), "S1.B12.waterproof");

  // Reply again, pass, closed; nothing moves a closed order.
  Expect(builder, "POST", O(id) + "/reply", json::object{{"note", "已重新铺设"}}, 200);
  auto closed = Expect(supervisor, "POST", O(id) + "/recheck", json::object{{"passed", true}, {"note", "复查合格"}}, 200);
  EXPECT_EQ(closed.at("status").as_string(), "closed");
  EXPECT_FALSE(closed.at("closedOn").is_null());
  EXPECT_EQ(Kinds(closed), (std::vector<std::string>{"issued", "replied", "rework", "replied", "recheck_passed"}));
  auto late = As(supervisor, "POST", O(id) + "/recheck", json::object{{"passed", true}});
  EXPECT_EQ(late.status, 409);
  EXPECT_EQ(late.Reason(), "supervision.bad_state");

  // Lists by state; the contractor sees it through the estate assignment.
  EXPECT_EQ(Count("/api/v1/rectifications?status=closed"), 1u);
  EXPECT_EQ(Count("/api/v1/rectifications?status=open"), 0u);
  auto mine = Expect(builder, "GET", "/api/v1/rectifications", nullptr, 200);
  ASSERT_EQ(mine.at("items").as_array().size(), 1u);
  EXPECT_FALSE(mine.at("items").at(0).as_object().contains("events"));

  // The unit's score: one order and one rework, closed on time: 100 − 2 − 10.
  auto scores = Expect(admin, "GET", "/api/v1/supervision/scores?regionCode=360104002", nullptr, 200);
  ASSERT_EQ(scores.at("items").as_array().size(), 1u);
  const auto& s = scores.at("items").at(0);
  EXPECT_EQ(s.at("unitId").as_int64(), unit);
  EXPECT_EQ(s.at("orders").as_int64(), 1);
  EXPECT_EQ(s.at("reworks").as_int64(), 1);
  EXPECT_EQ(s.at("closedOnTime").as_int64(), 1);
  EXPECT_EQ(s.at("score").as_int64(), 88);

  // The quality register from the order: the step's designer, builder and supervisor by name.
  const std::string link(closed.at("qualityRegister").as_string());
  EXPECT_EQ(link, "/api/v1/quality-register?projectId=" + std::to_string(project) + "&itemCode=B12");
  auto reg = Expect(supervisor, "GET", link, nullptr, 200);
  ASSERT_EQ(reg.at("items").as_array().size(), 3u);
  std::set<std::string> people;
  for (const auto& r : reg.at("items").as_array()) {
    EXPECT_EQ(r.at("stepCode").as_string(), "S1.B12.waterproof");
    people.insert(std::string(r.at("role").as_string()) + ":" + std::string(r.at("person").as_string()));
  }
  EXPECT_EQ(people, (std::set<std::string>{"construction:刘经理", "design:王工", "supervision:陈总监"}));
  auto search = Expect(admin, "GET", "/api/v1/quality-register?projectId=" + std::to_string(project) + "&q=%E7%9B%91%E7%90%86",
                       nullptr, 200);  // q=监理
  ASSERT_EQ(search.at("items").as_array().size(), 1u);
  EXPECT_EQ(search.at("items").at(0).at("role").as_string(), "supervision");
  EXPECT_EQ(Count("/api/v1/quality-register?projectId=" + std::to_string(project) + "&itemCode=B01"), 0u);
  // A budget item without steps is in the register as an item.
  Expect(admin, "POST", P() + "/budget-items", json::object{{"itemCode", "B05"}, {"quantity", 1}, {"unitPrice", 50}}, 201);
  auto item = Expect(admin, "GET", "/api/v1/quality-register?projectId=" + std::to_string(project) + "&itemCode=B05", nullptr, 200);
  ASSERT_EQ(item.at("items").as_array().size(), 3u);
  EXPECT_TRUE(item.at("items").at(0).at("stepCode").is_null());
  EXPECT_FALSE(item.at("items").at(0).at("itemName").is_null());
  EXPECT_EQ(Count("/api/v1/quality-register?projectId=" + std::to_string(project)), 6u);

  // Once the builder's account is linked to its unit, it sees and answers only that unit's orders.
  const auto water = IdOf(Expect(admin, "POST", "/api/v1/responsible-units",
                                 json::object{{"regionCode", "3601"}, {"company", "南昌水业集团"}, {"kind", "utility"}}, 201));
  auto linked = Expect(admin, "POST", "/api/v1/responsible-units",
                       json::object{{"regionCode", "360104002"}, {"company", "三建洪都项目部"}, {"kind", "contractor"},
                                    {"userIds", json::array{builder.user_id}}},
                       201);
  EXPECT_EQ(linked.at("userIds"), json::array{builder.user_id});
  auto issue = [&](std::int64_t to) {
    return IdOf(Expect(supervisor, "POST", "/api/v1/rectifications",
                       json::object{{"projectId", project}, {"finding", "井盖破损"}, {"unitId", to}, {"dueInWorkingDays", 1}}, 201));
  };
  const auto to_water = issue(water);
  EXPECT_EQ(Count("/api/v1/rectifications"), 2u);
  EXPECT_TRUE(Expect(builder, "GET", "/api/v1/rectifications", nullptr, 200).at("items").as_array().empty());
  auto not_mine = As(builder, "POST", O(to_water) + "/reply", json::object{{"note", "已修"}});
  EXPECT_EQ(not_mine.status, 403);
  EXPECT_EQ(not_mine.Reason(), "supervision.not_your_unit");
  EXPECT_EQ(As(builder, "GET", O(to_water)).Reason(), "supervision.not_your_unit");
  const auto to_builder = issue(IdOf(linked));
  auto own = Expect(builder, "GET", "/api/v1/rectifications", nullptr, 200);
  ASSERT_EQ(own.at("items").as_array().size(), 1u);
  EXPECT_EQ(IdOf(own.at("items").at(0)), to_builder);
  Expect(builder, "POST", O(to_builder) + "/reply", json::object{{"note", "已更换井盖"}}, 200);
}

TEST_P(SupervisionApiTest, OverdueOrdersEscalateOnceToEachLevel) {
  if (!app_) return;
  MakeProject();
  SystemClock clock;
  service::CalendarService calendar(db(), clock);
  auto cal = calendar.Current();
  ASSERT_TRUE(cal);
  const auto today_text = FormatShanghai(clock.Now(), 10);
  const auto today = *core::calendar::ParseDate(today_text);
  // The latest deadline that puts an order at `level` today.
  auto due_for = [&](core::supervision::Level level) -> std::string {
    for (int back = 1; back < 40; ++back) {
      const core::calendar::Date d{std::chrono::sys_days{today} - std::chrono::days{back}};
      auto l = core::supervision::LevelOn(**cal, d, today, 3);
      if (l && *l == level) return core::calendar::FormatDate(d);
    }
    return "";
  };
  const auto street_due = due_for(core::supervision::Level::kStreet);
  const auto bureau_due = due_for(core::supervision::Level::kBureau);
  ASSERT_FALSE(street_due.empty());
  ASSERT_FALSE(bureau_due.empty());
  auto insert = [&](const std::string& due) {
    store::RectificationRecord o;
    o.project_id = project;
    o.region_code = "360104002001";
    o.unit_id = unit;
    o.finding = "逾期整改 " + due;
    o.issued_on = "2026-01-05";
    o.working_days = 3;
    o.due_on = due;
    o.status = "open";
    o.issued_by = admin.user_id;
    o.created_at = "2026-01-05T02:00:00.000Z";
    auto id = store::WriteResult(db(), [&](store::Session& s) { return store::SupervisionRepository::InsertOrder(s, o); });
    EXPECT_TRUE(id);
    return id ? *id : 0;
  };
  const auto at_street = insert(street_due);
  const auto at_bureau = insert(bureau_due);
  const auto in_time = insert(today_text);  // due today: still in time

  auto street = Expect(admin, "GET", O(at_street), nullptr, 200);
  EXPECT_EQ(street.at("level").as_int64(), 1);
  EXPECT_TRUE(street.at("overdue").as_bool());
  auto bureau = Expect(admin, "GET", O(at_bureau), nullptr, 200);
  EXPECT_EQ(bureau.at("level").as_int64(), 2);
  auto fresh = Expect(admin, "GET", O(in_time), nullptr, 200);
  EXPECT_EQ(fresh.at("level").as_int64(), 0);
  EXPECT_FALSE(fresh.at("overdue").as_bool());

  // Lists by level; reading again records nothing new.
  auto level1 = Expect(admin, "GET", "/api/v1/rectifications?level=1", nullptr, 200);
  ASSERT_EQ(level1.at("items").as_array().size(), 1u);
  EXPECT_EQ(IdOf(level1.at("items").at(0)), at_street);
  EXPECT_EQ(Count("/api/v1/rectifications?level=2"), 1u);
  EXPECT_EQ(Count("/api/v1/rectifications?status=overdue"), 2u);
  auto again = Expect(admin, "GET", O(at_street), nullptr, 200);
  std::vector<std::int64_t> levels;
  for (const auto& e : again.at("events").as_array())
    if (e.at("kind").as_string() == "escalated") levels.push_back(e.at("level").as_int64());
  EXPECT_EQ(levels, std::vector<std::int64_t>{1});
  auto b = Expect(admin, "GET", O(at_bureau), nullptr, 200);
  EXPECT_EQ(Kinds(b), std::vector<std::string>{"escalated"});

  // Audited once per level change, by the system.
  auto audit = Expect(admin, "GET", "/api/v1/audit?action=supervision.rectification.escalate", nullptr, 200);
  ASSERT_TRUE(audit.is_object());
  std::size_t n = 0;
  for (const auto& e : audit.at("items").as_array())
    if (e.at("action").as_string() == "supervision.rectification.escalate") ++n;
  EXPECT_EQ(n, 2u);

  // The home page's section counts them.
  auto home = Expect(admin, "GET", "/api/v1/workbench", nullptr, 200);
  const auto& w = home.at("sections").at("supervision");
  EXPECT_EQ(w.at("open").as_int64(), 3);
  EXPECT_EQ(w.at("overdue").as_int64(), 2);
  EXPECT_EQ(w.at("overdueByLevel").at("street").as_int64(), 1);
  EXPECT_EQ(w.at("overdueByLevel").at("bureau").as_int64(), 1);

  // The unit's score counts the two overdue orders: 100 − 3 × 2 − 2 × 5.
  auto scores = Expect(admin, "GET", "/api/v1/supervision/scores", nullptr, 200);
  EXPECT_EQ(scores.at("items").at(0).at("score").as_int64(), 84);
}

TEST_P(SupervisionApiTest, DemocraticSupervisionDaysKeepAttendeesMinutesAndActionItems) {
  if (!app_) return;
  MakeProject();
  auto supervisor = Assigned("sup.day", "supervisor");
  auto builder = Assigned("sup.day.builder", "contractor");
  const auto today = FormatShanghai(std::chrono::system_clock::now(), 10);
  auto day = Expect(supervisor, "POST", P() + "/supervision-days",
                    json::object{{"heldOn", today},
                                 {"attendees", json::array{"李建国", "王秀英", "刘经理"}},
                                 {"minutes", "通报进度；居民反映围挡缺失"},
                                 {"actions", json::array{json::object{{"text", "补齐围挡"}, {"owner", "刘经理"}, {"dueOn", today}},
                                                         json::object{{"text", "公示下期工序"}, {"owner", "街道办"}, {"dueOn", "2026-12-31"}}}}},
                    201);
  EXPECT_EQ(day.at("attendees"), (json::array{"李建国", "王秀英", "刘经理"}));
  ASSERT_EQ(day.at("actions").as_array().size(), 2u);
  const auto action = day.at("actions").at(0).at("id").as_int64();
  EXPECT_EQ(day.at("actions").at(0).at("status").as_string(), "open");
  const std::string A = "/api/v1/supervision-actions/" + std::to_string(action);
  Expect(builder, "PATCH", A, json::object{{"status", "done"}}, 403);
  auto done = Expect(supervisor, "PATCH", A, json::object{{"status", "done"}}, 200);
  EXPECT_EQ(done.at("status").as_string(), "done");
  auto days = Expect(builder, "GET", P() + "/supervision-days", nullptr, 200);
  ASSERT_EQ(days.at("items").as_array().size(), 1u);
  const auto& d = days.at("items").at(0);
  EXPECT_EQ(d.at("minutes").as_string(), "通报进度；居民反映围挡缺失");
  EXPECT_EQ(d.at("actions").at(0).at("status").as_string(), "done");
  EXPECT_EQ(d.at("actions").at(1).at("status").as_string(), "open");
  EXPECT_EQ(d.at("actions").at(1).at("dueOn").as_string(), "2026-12-31");
  auto missing = As(supervisor, "PATCH", "/api/v1/supervision-actions/999999", json::object{{"status", "done"}});
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.Reason(), "supervision.action_not_found");
}

class SupervisionRefusalTest : public SupervisionApiTest {};

TEST_P(SupervisionRefusalTest, EveryBadFieldIsRefusedWithItsReasonAndNothingIsStored) {
  if (!app_) return;
  MakeProject();
  auto supervisor = Assigned("sup.refused", "supervisor");
  const auto other_estate =
      IdOf(Expect(admin, "POST", "/api/v1/estates",
                  json::object{{"regionCode", "360104006001"}, {"name", "他处小区"}, {"address", "他处路1号"}, {"builtYear", 1995}},
                  201));
  struct Case {
    std::string target;
    json::object body;
    int status;
    std::string reason, field;
  };
  const std::string long_text(1001, 'x');
  const json::object order{{"projectId", project}, {"finding", "围挡缺失"}, {"unitId", unit}, {"dueInWorkingDays", 3}};
  const json::object insp{{"findings", json::array{json::object{{"itemCode", "safety"}, {"text", "无警示"}}}}};
  auto finding = [](json::object f) {
    json::object base{{"itemCode", "safety"}, {"text", "无警示"}};
    for (const auto& [k, v] : f) base[k] = v;
    return json::object{{"findings", json::array{base}}};
  };
  const std::string R = "/api/v1/rectifications", I = P() + "/inspections", D = P() + "/supervision-days";
  const json::object day{{"heldOn", "2026-12-01"}, {"attendees", json::array{"李建国"}}};
  const std::vector<Case> cases{
      {R, With(order, {{"projectId", nullptr}}), 422, "http.invalid_field", "projectId"},
      {R, With(order, {{"projectId", 999999}}), 404, "project.not_found", ""},
      {R, With(order, {{"finding", ""}}), 422, "supervision.invalid_field", "finding"},
      {R, With(order, {{"finding", long_text}}), 422, "supervision.invalid_field", "finding"},
      {R, With(order, {{"finding", 5}}), 422, "http.invalid_field", "finding"},
      {R, With(order, {{"unitId", nullptr}}), 422, "http.invalid_field", "unitId"},
      {R, With(order, {{"unitId", 999999}}), 422, "supervision.invalid_field", "unitId"},
      {R, With(order, {{"dueInWorkingDays", 0}}), 422, "supervision.invalid_field", "dueInWorkingDays"},
      {R, With(order, {{"dueInWorkingDays", 61}}), 422, "supervision.invalid_field", "dueInWorkingDays"},
      {R, With(order, {{"dueInWorkingDays", "3"}}), 422, "http.invalid_field", "dueInWorkingDays"},
      {R, With(order, {{"dueInWorkingDays", nullptr}}), 422, "http.invalid_field", "dueInWorkingDays"},
      {R, With(order, {{"photoFileIds", json::array{999999}}}), 422, "supervision.invalid_field", "photoFileIds"},
      {R, With(order, {{"photoFileIds", "1"}}), 422, "http.invalid_field", "photoFileIds"},
      {R, With(order, {{"findingId", 999999}}), 422, "supervision.invalid_field", "findingId"},
      {R, With(order, {{"stepCode", "nope"}}), 422, "supervision.invalid_field", "stepCode"},
      {I, finding({{"itemCode", "nope"}}), 422, "supervision.invalid_field", "findings[0].itemCode"},
      {I, finding({{"text", ""}}), 422, "supervision.invalid_field", "findings[0].text"},
      {I, finding({{"photoFileIds", json::array{999999}}}), 422, "supervision.invalid_field", "findings[0].photoFileIds"},
      {I, With(insp, {{"lat", 91}, {"lng", 115}}), 422, "supervision.invalid_field", "lat"},
      {I, With(insp, {{"lat", 28}, {"lng", 181}}), 422, "supervision.invalid_field", "lng"},
      {I, With(insp, {{"lat", 28}}), 422, "supervision.invalid_field", "lng"},
      {I, With(insp, {{"lat", "28"}, {"lng", 115}}), 422, "http.invalid_field", "lat"},
      {I, With(insp, {{"clientId", std::string(65, 'c')}}), 422, "supervision.invalid_field", "clientId"},
      {I, With(insp, {{"inspectedAt", "yesterday"}}), 422, "supervision.invalid_field", "inspectedAt"},
      {I, With(insp, {{"inspectedAt", "2099-01-01T00:00:00Z"}}), 422, "supervision.invalid_field", "inspectedAt"},
      {I, With(insp, {{"stepCode", "nope"}}), 422, "supervision.invalid_field", "stepCode"},
      {I, With(insp, {{"place", std::string(201, 'p')}}), 422, "supervision.invalid_field", "place"},
      {I, With(insp, {{"findings", "x"}}), 422, "http.invalid_field", "findings"},
      {D, With(day, {{"heldOn", "2099-01-01"}}), 422, "supervision.invalid_field", "heldOn"},
      {D, With(day, {{"heldOn", "12/10"}}), 422, "supervision.invalid_field", "heldOn"},
      {D, With(day, {{"attendees", json::array{}}}), 422, "supervision.invalid_field", "attendees"},
      {D, With(day, {{"attendees", json::array{""}}}), 422, "supervision.invalid_field", "attendees"},
      {D, With(day, {{"attendees", "李建国"}}), 422, "http.invalid_field", "attendees"},
      {D, With(day, {{"minutes", std::string(5001, 'm')}}), 422, "supervision.invalid_field", "minutes"},
      {D, With(day, {{"actions", json::array{json::object{{"text", ""}, {"owner", "刘"}, {"dueOn", "2026-12-31"}}}}}), 422,
       "supervision.invalid_field", "actions[0].text"},
      {D, With(day, {{"actions", json::array{json::object{{"text", "围挡"}, {"owner", ""}, {"dueOn", "2026-12-31"}}}}}), 422,
       "supervision.invalid_field", "actions[0].owner"},
      {D, With(day, {{"actions", json::array{json::object{{"text", "围挡"}, {"owner", "刘"}, {"dueOn", "2026-01-01"}}}}}), 422,
       "supervision.invalid_field", "actions[0].dueOn"},
  };
  for (const auto& c : cases) {
    auto r = As(supervisor, "POST", c.target, c.body);
    const std::string what = c.target + " " + json::serialize(c.body) + " → " + r.body;
    EXPECT_EQ(r.status, c.status) << what;
    EXPECT_EQ(r.Reason(), c.reason) << what;
    if (c.field.empty() || !r.Json().is_object()) continue;
    const auto j = r.Json();
    const auto& e = j.at("error").as_object();
    if (c.reason == "supervision.invalid_field")
      EXPECT_EQ(e.at("detail").as_string(), c.field) << what;
    else
      EXPECT_NE(std::string(e.at("message").as_string()).find(c.field), std::string::npos) << what;
  }

  // Units and supervisors (admin writes them).
  const json::object u{{"regionCode", "360104002"}, {"company", "某公司"}, {"kind", "contractor"}};
  const json::object sv{{"regionCode", "360104002"}, {"name", "李建国"}, {"role", "volunteer"}};
  const std::vector<Case> admin_cases{
      {"/api/v1/responsible-units", With(u, {{"kind", "painter"}}), 422, "supervision.invalid_field", "kind"},
      {"/api/v1/responsible-units", With(u, {{"company", " "}}), 422, "supervision.invalid_field", "company"},
      {"/api/v1/responsible-units", With(u, {{"creditCode", "123"}}), 422, "supervision.invalid_field", "creditCode"},
      {"/api/v1/responsible-units", With(u, {{"regionCode", "abc"}}), 422, "supervision.invalid_field", "regionCode"},
      {"/api/v1/responsible-units", With(u, {{"userIds", json::array{supervisor.user_id}}}), 422, "supervision.invalid_field", "userIds"},
      {"/api/v1/responsible-units", With(u, {{"userIds", json::array{999999}}}), 422, "supervision.invalid_field", "userIds"},
      {"/api/v1/responsible-units", With(u, {{"userIds", "x"}}), 422, "http.invalid_field", "userIds"},
      {"/api/v1/supervisors", With(sv, {{"role", "boss"}}), 422, "supervision.invalid_field", "role"},
      {"/api/v1/supervisors", With(sv, {{"name", ""}}), 422, "supervision.invalid_field", "name"},
      {"/api/v1/supervisors", With(sv, {{"userId", admin.user_id}}), 422, "supervision.invalid_field", "userId"},
      {"/api/v1/supervisors", With(sv, {{"estateIds", json::array{other_estate}}}), 422, "supervision.invalid_field", "estateIds"},
      {"/api/v1/supervisors", With(sv, {{"projectIds", json::array{999999}}}), 422, "supervision.invalid_field", "projectIds"},
  };
  for (const auto& c : admin_cases) {
    auto r = As(admin, "POST", c.target, c.body);
    const std::string what = c.target + " " + json::serialize(c.body) + " → " + r.body;
    EXPECT_EQ(r.status, c.status) << what;
    EXPECT_EQ(r.Reason(), c.reason) << what;
    if (c.reason == "supervision.invalid_field")
      EXPECT_EQ(r.Json().at("error").at("detail").as_string(), c.field) << what;
    else
      EXPECT_NE(std::string(r.Json().at("error").at("message").as_string()).find(c.field), std::string::npos) << what;
  }

  // A reply without a note; a failed re-inspection without one.
  const auto id = IdOf(Expect(supervisor, "POST", R, order, 201));
  auto bad_reply = As(admin, "POST", O(id) + "/reply", json::object{{"note", ""}});
  EXPECT_EQ(bad_reply.Reason(), "supervision.invalid_field");
  auto bad_photo = As(admin, "POST", O(id) + "/reply", json::object{{"note", "已整改"}, {"photoFileIds", json::array{999999}}});
  EXPECT_EQ(bad_photo.Reason(), "supervision.invalid_field");
  EXPECT_EQ(bad_photo.Json().at("error").at("detail").as_string(), "photoFileIds");
  Expect(admin, "POST", O(id) + "/reply", json::object{{"note", "已整改"}}, 200);
  auto bad_recheck = As(supervisor, "POST", O(id) + "/recheck", json::object{{"passed", false}});
  EXPECT_EQ(bad_recheck.Reason(), "supervision.invalid_field");
  auto no_passed = As(supervisor, "POST", O(id) + "/recheck", json::object{{"note", "x"}});
  EXPECT_EQ(no_passed.Reason(), "http.invalid_field");
  auto bad_recheck_photo =
      As(supervisor, "POST", O(id) + "/recheck", json::object{{"passed", true}, {"photoFileIds", json::array{999999}}});
  EXPECT_EQ(bad_recheck_photo.Reason(), "supervision.invalid_field");

  // An action item's status.
  const auto today = FormatShanghai(std::chrono::system_clock::now(), 10);
  auto made = Expect(supervisor, "POST", D,
                     json::object{{"heldOn", today}, {"attendees", json::array{"李建国"}},
                                  {"actions", json::array{json::object{{"text", "围挡"}, {"owner", "刘"}, {"dueOn", today}}}}},
                     201);
  const std::string action = "/api/v1/supervision-actions/" + std::to_string(made.at("actions").at(0).at("id").as_int64());
  auto bad_status = As(supervisor, "PATCH", action, json::object{{"status", "finished"}});
  EXPECT_EQ(bad_status.Reason(), "supervision.invalid_field");
  EXPECT_EQ(As(supervisor, "PATCH", action, json::object{{"status", 1}}).Reason(), "http.invalid_field");

  // Nothing stored by any refusal: the one order made above, still replied, one unit, no roster.
  EXPECT_EQ(Count(R), 1u);
  EXPECT_EQ(Expect(admin, "GET", O(id), nullptr, 200).at("status").as_string(), "replied");
  EXPECT_EQ(Count(I), 0u);
  EXPECT_EQ(Count(D), 1u);  // the one made above
  EXPECT_EQ(Expect(admin, "GET", D, nullptr, 200).at("items").at(0).at("actions").at(0).at("status").as_string(), "open");
  EXPECT_EQ(Count("/api/v1/responsible-units"), 1u);
  EXPECT_EQ(Count("/api/v1/supervisors"), 0u);
}

INSTANTIATE_TEST_SUITE_P(Sqlite, SupervisionApiTest, ::testing::Values("sqlite"));
INSTANTIATE_TEST_SUITE_P(Postgres, SupervisionApiTest, ::testing::Values("postgres"));
INSTANTIATE_TEST_SUITE_P(Sqlite, SupervisionRefusalTest, ::testing::Values("sqlite"));
INSTANTIATE_TEST_SUITE_P(Postgres, SupervisionRefusalTest, ::testing::Values("postgres"));

}  // namespace
}  // namespace huanxin::testing
