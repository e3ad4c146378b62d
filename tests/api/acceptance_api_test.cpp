// Acceptance and warranty over HTTP (issue #14; docs/acceptance.md), on SQLite and PostgreSQL:
// household acceptance (a signed acceptance, a refusal that lands on the punch list), completion
// acceptance refused while the punch list is open and passed once the refusal is waived with a
// reason, the handover and the permanent sign; the warranties of a project and of its estate with
// the values of REFERENCE.md §4.2; warranty-defect tickets filed by residents routed to the unit
// that built the item while its warranty runs and to the property company after; every bad field
// refused with nothing stored.
//
// The running server's clock is the system's, so the journeys record an acceptance two years back
// (2024-11-20: pipes expired on 2026-11-19, roof waterproofing runs until 2029-11-19). The routing
// on both sides of `until` to the day runs the services over the same database on a ManualClock.
#include <boost/json.hpp>
#include <chrono>

#include "api/api_fixture.hpp"
#include "service/acceptance/acceptance_service.hpp"
#include "service/calendar/calendar_service.hpp"
#include "service/file/file_service.hpp"
#include "service/ticket/ticket_service.hpp"
#include "testing/sample_images.hpp"

namespace huanxin::testing {
namespace {

namespace json = boost::json;

constexpr const char* kBuilder = "南昌市第三建筑工程有限公司";
constexpr const char* kProperty = "南昌洪城物业服务有限公司";

std::string Str(const json::value& v) { return std::string(v.as_string()); }

class AcceptanceApiTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    if (!app_) return;
    admin = Admin();
  }

  std::string P() const { return "/api/v1/projects/" + std::to_string(project); }

  // An estate in community 360104002001 with a building of three dwellings, a project on it with its
  // design, construction and supervision units, and the builder as a responsible unit of the street.
  void MakeProject() {
    estate = IdOf(Expect(admin, "POST", "/api/v1/estates",
                         json::object{{"regionCode", "360104002001"}, {"name", "验收小区"}, {"address", "验收路1号"}, {"builtYear", 1992}},
                         201));
    const auto building = IdOf(Expect(admin, "POST", "/api/v1/estates/" + std::to_string(estate) + "/buildings",
                                      json::object{{"number", "3"}, {"floors", 6}, {"stairwells", 2}}, 201));
    for (int i = 0; i < 3; ++i)
      dwellings.push_back(IdOf(Expect(admin, "POST", "/api/v1/buildings/" + std::to_string(building) + "/dwellings",
                                      json::object{{"stairwell", 1}, {"floor", 2}, {"room", std::to_string(201 + i)}, {"exclusiveArea", 56.3}},
                                      201)));
    project = IdOf(Expect(admin, "POST", "/api/v1/projects",
                          json::object{{"name", "验收小区改造"}, {"year", 2024}, {"kind", "estate"}, {"regionCode", "360104002001"},
                                       {"estateIds", json::array{estate}}},
                          201));
    for (auto [role, company, contact] : {std::tuple{"design", "江西省城乡规划设计研究院", "王工"},
                                          {"construction", kBuilder, "刘经理"},
                                          {"supervision", "江西中昌工程咨询监理有限公司", "陈总监"}})
      Expect(admin, "PUT", P() + "/units/" + role, json::object{{"company", company}, {"contact", contact}}, 200);
    unit = IdOf(Expect(admin, "POST", "/api/v1/responsible-units",
                       json::object{{"regionCode", "360104002"}, {"company", kBuilder}, {"kind", "contractor"}}, 201));
  }

  HttpResponse Upload(const LoginSession& who, const std::string& name, const std::string& type, const std::string& bytes) {
    const std::string body = "--hxA\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name +
                             "\"\r\nContent-Type: " + type + "\r\n\r\n" + bytes + "\r\n--hxA--\r\n";
    return Call("POST", P() + "/household-acceptance/signatures", body,
                {{"Authorization", "Bearer " + who.token}, {"Content-Type", "multipart/form-data; boundary=hxA"}});
  }

  std::string H(std::int64_t dwelling) const { return P() + "/household-acceptance/" + std::to_string(dwelling); }

  static json::array Participants(bool with_residents = true) {
    json::array a{json::object{{"role", "client"}, {"name", "洪都街道办事处"}, {"representative", "李主任"}},
                  json::object{{"role", "design"}, {"name", "江西省城乡规划设计研究院"}},
                  json::object{{"role", "construction"}, {"name", kBuilder}, {"representative", "刘经理"}},
                  json::object{{"role", "supervision"}, {"name", "江西中昌工程咨询监理有限公司"}},
                  json::object{{"role", "property_company"}, {"name", kProperty}}};
    if (with_residents) a.push_back(json::object{{"role", "resident_representative"}, {"name", "居民代表 张德明"}});
    return a;
  }
  static json::array Checklist() {
    return json::array{json::object{{"itemCode", "B12"}, {"scores", json::object{{"方案", 5}, {"屋面防水质量", 4}, {"竣工资料", 5}}}},
                       json::object{{"itemCode", "B03"}, {"scores", json::object{{"线路敷设质量", 5}}}},
                       json::object{{"itemCode", "B07"}, {"scores", json::object{{"供热管网质量", 4}}}}};
  }
  static json::object Body(json::array punch = {}, const std::string& on = "2024-11-20") {
    return json::object{{"on", on}, {"participants", Participants()}, {"checklist", Checklist()}, {"punchList", std::move(punch)}};
  }

  void ExpectError(const LoginSession& who, const std::string& method, const std::string& target, const json::value& body,
                   int status, const std::string& reason, const std::string& detail_part = "") {
    auto r = As(who, method, target, body);
    EXPECT_EQ(r.status, status) << method << " " << target << " " << r.body;
    EXPECT_NE(r.body.find("\"" + reason + "\""), std::string::npos) << r.body;
    if (!detail_part.empty()) {
      EXPECT_NE(r.body.find(detail_part), std::string::npos) << r.body;
    }
  }

  // The staff view of the newest ticket (the list is newest first).
  json::object NewestTicket() {
    auto list = Expect(admin, "GET", "/api/v1/tickets?category=warranty_defect", nullptr, 200);
    return list.at("items").at(0).as_object();
  }

  LoginSession admin;
  std::int64_t estate = 0, project = 0, unit = 0;
  std::vector<std::int64_t> dwellings;
};

TEST_P(AcceptanceApiTest, HouseholdRefusalLandsOnThePunchListAndCompletionWaitsForItsWaiver) {
  if (!app_) return;
  MakeProject();
  CreateUser("acc.street", "street", "360104002");
  CreateUser("acc.grid", "community", "360104002001");
  const auto street = Login("acc.street", "Street#2026x");
  const auto grid = Login("acc.grid", "Street#2026x");

  // The signature drawn on the phone: a PNG; a JPEG is refused.
  EXPECT_EQ(Upload(grid, "sign.jpg", "image/jpeg", SampleJpegWithExif()).status, 415);
  auto sig = Upload(grid, "sign.png", "image/png", SamplePngWithText());
  ASSERT_EQ(sig.status, 201) << sig.body;
  const auto signature = IdOf(sig.Json());

  // Accepted needs the signature; refused needs a reason; nothing is stored when refused.
  ExpectError(grid, "PUT", H(dwellings[0]), json::object{{"work", "windows"}, {"result", "accepted"}}, 422, "acceptance.invalid_field",
              "signatureFileId");
  ExpectError(grid, "PUT", H(dwellings[1]), json::object{{"work", "windows"}, {"result", "refused"}, {"reason", " "}}, 422,
              "acceptance.invalid_field", "reason");
  ExpectError(grid, "PUT", H(dwellings[0]), json::object{{"work", "lift"}, {"result", "refused"}, {"reason", "x"}}, 422,
              "acceptance.invalid_field", "work");
  ExpectError(grid, "PUT", H(dwellings[0]), json::object{{"work", "windows"}, {"result", "maybe"}}, 422, "acceptance.invalid_field");
  EXPECT_EQ(As(grid, "PUT", P() + "/household-acceptance/999999", json::object{{"work", "windows"}, {"result", "refused"}, {"reason", "x"}}).status,
            404);
  EXPECT_TRUE(Expect(grid, "GET", P() + "/household-acceptance", nullptr, 200).at("items").as_array().empty());

  auto ok = Expect(grid, "PUT", H(dwellings[0]), json::object{{"work", "windows"}, {"result", "accepted"}, {"signatureFileId", signature}}, 200);
  EXPECT_EQ(Str(ok.at("result")), "accepted");
  EXPECT_EQ(ok.at("signatureFileId").as_int64(), signature);
  EXPECT_TRUE(ok.at("punchItemId").is_null());
  EXPECT_EQ(Str(ok.at("buildingNumber")), "3");
  auto refused = Expect(grid, "PUT", H(dwellings[1]),
                        json::object{{"work", "windows"}, {"result", "refused"}, {"reason", "北侧窗框渗水"}}, 200);
  ASSERT_FALSE(refused.at("punchItemId").is_null());
  const auto entry = refused.at("punchItemId").as_int64();
  auto households = Expect(street, "GET", P() + "/household-acceptance", nullptr, 200);
  EXPECT_EQ(households.at("items").as_array().size(), 2u);
  // The signature is readable by whoever reads the acceptance.
  EXPECT_EQ(As(street, "GET", "/api/v1/files/" + std::to_string(signature)).status, 200);

  // The refusal is on the punch list.
  auto pending = Expect(street, "GET", P() + "/acceptance", nullptr, 200);
  EXPECT_EQ(Str(pending.at("status")), "pending");
  EXPECT_TRUE(pending.at("acceptance").is_null());
  ASSERT_EQ(pending.at("punchList").as_array().size(), 1u);
  const auto& item = pending.at("punchList").at(0);
  EXPECT_EQ(item.at("id").as_int64(), entry);
  EXPECT_EQ(Str(item.at("source")), "household");
  EXPECT_EQ(Str(item.at("status")), "open");
  EXPECT_EQ(item.at("dwellingId").as_int64(), dwellings[1]);
  EXPECT_NE(Str(item.at("description")).find("北侧窗框渗水"), std::string::npos);

  // Completion acceptance: refused while the entry is open, or waived without a reason, or with a bad
  // form; nothing is stored then. Before it, no handover and no sign.
  ExpectError(street, "POST", P() + "/acceptance", Body(), 422, "acceptance.punch_list_open", "北侧窗框渗水");
  ExpectError(street, "POST", P() + "/acceptance", Body(json::array{json::object{{"id", entry}, {"status", "waived"}}}), 422,
              "acceptance.waiver_without_reason");
  ExpectError(street, "POST", P() + "/acceptance",
              Body(json::array{json::object{{"id", entry}, {"status", "waived"}, {"waiverReason", "同意"}},
                               json::object{{"description", "雨水篦子缺失"}, {"status", "open"}}}),
              422, "acceptance.punch_list_open", "雨水篦子缺失");
  auto bad_score = Body();
  bad_score["checklist"].as_array()[0].as_object()["scores"].as_object()["方案"] = 6;
  ExpectError(street, "POST", P() + "/acceptance", bad_score, 422, "acceptance.invalid_score");
  auto zero = Body();
  zero["checklist"].as_array()[0].as_object()["scores"].as_object()["方案"] = 0;
  ExpectError(street, "POST", P() + "/acceptance", zero, 422, "acceptance.invalid_score");
  auto no_residents = Body();
  no_residents["participants"] = Participants(false);
  ExpectError(street, "POST", P() + "/acceptance", no_residents, 422, "acceptance.participant_missing", "resident_representative");
  auto unknown_item = Body();
  unknown_item["checklist"].as_array()[0].as_object()["itemCode"] = "Z99";
  ExpectError(street, "POST", P() + "/acceptance", unknown_item, 422, "acceptance.invalid_field", "checklist[0].itemCode");
  ExpectError(street, "POST", P() + "/acceptance", Body({}, "2999-01-01"), 422, "acceptance.invalid_field", "on");
  ExpectError(street, "POST", P() + "/acceptance", Body(json::array{json::object{{"id", 999999}, {"status", "resolved"}}}), 422,
              "acceptance.invalid_field", "punchList[0].id");
  ExpectError(street, "POST", P() + "/acceptance/handover", json::object{{"on", "2024-12-01"}, {"receiver", kProperty}}, 409,
              "acceptance.not_accepted");
  EXPECT_EQ(As(street, "GET", P() + "/acceptance/sign/print").status, 409);
  auto still = Expect(street, "GET", P() + "/acceptance", nullptr, 200);
  EXPECT_EQ(Str(still.at("status")), "pending");
  EXPECT_EQ(Str(still.at("punchList").at(0).at("status")), "open");
  EXPECT_EQ(still.at("punchList").as_array().size(), 1u);
  // A grid worker records household acceptance but not completion acceptance.
  EXPECT_EQ(As(grid, "POST", P() + "/acceptance", Body()).status, 403);

  // Waived with a reason (and a site entry resolved): accepted.
  auto accepted = Expect(street, "POST", P() + "/acceptance",
                         Body(json::array{json::object{{"id", entry}, {"status", "waived"}, {"waiverReason", "住户同意由物业跟进维修"}},
                                          json::object{{"description", "雨水篦子缺失"}, {"status", "resolved"}}}),
                         201);
  EXPECT_EQ(Str(accepted.at("status")), "accepted");
  const auto& a = accepted.at("acceptance");
  EXPECT_EQ(Str(a.at("on")), "2024-11-20");
  EXPECT_EQ(a.at("points").as_int64(), 23);
  EXPECT_EQ(a.at("maxPoints").as_int64(), 25);
  EXPECT_EQ(a.at("percent").as_double(), 92.0);
  EXPECT_EQ(a.at("participants").as_array().size(), 6u);
  ASSERT_EQ(a.at("checklist").as_array().size(), 3u);
  EXPECT_EQ(Str(a.at("checklist").at(0).at("itemName")), "屋面防水");
  EXPECT_EQ(a.at("checklist").at(0).at("scores").at("屋面防水质量").as_int64(), 4);
  ASSERT_EQ(accepted.at("punchList").as_array().size(), 2u);
  EXPECT_EQ(Str(accepted.at("punchList").at(0).at("status")), "waived");
  EXPECT_EQ(Str(accepted.at("punchList").at(0).at("waiverReason")), "住户同意由物业跟进维修");
  EXPECT_EQ(Str(accepted.at("punchList").at(1).at("source")), "completion");
  ExpectError(street, "POST", P() + "/acceptance", Body(), 409, "acceptance.already_accepted");

  // A later acceptance of the refused window resolves its entry.
  Expect(grid, "PUT", H(dwellings[1]), json::object{{"work", "windows"}, {"result", "accepted"}, {"signatureFileId", signature}}, 200);
  EXPECT_EQ(Str(Expect(street, "GET", P() + "/acceptance", nullptr, 200).at("punchList").at(0).at("status")), "resolved");

  // The permanent sign names the project and every participating unit.
  auto sign = As(street, "GET", P() + "/acceptance/sign/print");
  ASSERT_EQ(sign.status, 200) << sign.body;
  for (const char* text : {"验收小区改造", kBuilder, "江西中昌工程咨询监理有限公司", "江西省城乡规划设计研究院", kProperty, "洪都街道办事处",
                           "2024-11-20", "屋面防水"})
    EXPECT_NE(sign.body.find(text), std::string::npos) << text;

  // The handover: not before the acceptance day.
  ExpectError(street, "POST", P() + "/acceptance/handover", json::object{{"on", "2024-11-19"}, {"receiver", kProperty}}, 422,
              "acceptance.invalid_field", "on");
  ExpectError(street, "POST", P() + "/acceptance/handover", json::object{{"on", "2024-12-01"}, {"receiver", ""}}, 422,
              "acceptance.invalid_field", "receiver");
  auto handed = Expect(street, "POST", P() + "/acceptance/handover",
                       json::object{{"on", "2024-12-01"}, {"receiver", kProperty}, {"note", "联合查验后移交"}}, 200);
  EXPECT_EQ(Str(handed.at("status")), "handed_over");
  EXPECT_EQ(Str(handed.at("handover").at("receiver")), kProperty);
  // Both records are on the project's file, once, for its gates.
  std::vector<std::string> kinds;
  const auto filed = Expect(street, "GET", P(), nullptr, 200);
  for (const auto& d : filed.at("documents").as_array()) kinds.push_back(Str(d.at("kind")));
  EXPECT_EQ(kinds, (std::vector<std::string>{"acceptance_record", "handover_record"}));
  Expect(street, "POST", P() + "/acceptance/handover", json::object{{"on", "2024-12-02"}, {"receiver", kProperty}}, 200);
  EXPECT_EQ(Expect(street, "GET", P(), nullptr, 200).at("documents").as_array().size(), 2u);

  // Audited.
  auto audit = Expect(admin, "GET", "/api/v1/audit?action=acceptance.complete", nullptr, 200);
  EXPECT_EQ(audit.at("items").as_array().size(), 1u);
}

TEST_P(AcceptanceApiTest, WarrantiesCountFromTheAcceptanceDayByKind) {
  if (!app_) return;
  MakeProject();
  // A heating season for the city (a northern winter, as data) counts the heating warranty.
  CreateUser("acc.bureau", "bureau", "360104");
  const auto bureau = Login("acc.bureau", "Street#2026x");
  Expect(bureau, "PUT", "/api/v1/calendar/seasons/360104",
         json::object{{"heating", json::object{{"from", "11-15"}, {"to", "03-15"}}}, {"examDays", json::array{}}}, 200);
  EXPECT_TRUE(Expect(admin, "GET", P() + "/warranties", nullptr, 200).at("items").as_array().empty());
  Expect(admin, "POST", P() + "/acceptance", Body(), 201);

  auto list = Expect(admin, "GET", P() + "/warranties", nullptr, 200).at("items").as_array();
  ASSERT_EQ(list.size(), 3u);
  struct Want {
    const char *code, *kind, *until;
    bool running;
  };
  // Accepted 2024-11-20: roof waterproofing 5 years → 2029-11-19; power lines 2 years →
  // 2026-11-19 (over); heating 2 heating seasons begun after acceptance: 2025-11-15 → 2026-03-15 and
  // 2026-11-15 → 2027-03-15.
  const Want want[] = {{"B12", "waterproofing", "2029-11-19", true}, {"B03", "pipes", "2026-11-19", false},
                       {"B07", "heating", "2027-03-15", true}};
  for (std::size_t i = 0; i < 3; ++i) {
    const auto& w = list[i];
    EXPECT_EQ(Str(w.at("itemCode")), want[i].code);
    EXPECT_EQ(Str(w.at("kind")), want[i].kind);
    EXPECT_EQ(Str(w.at("from")), "2024-11-20");
    EXPECT_EQ(Str(w.at("until")), want[i].until);
    EXPECT_EQ(w.at("running").as_bool(), want[i].running) << want[i].code;
    EXPECT_EQ(w.at("daysLeft").as_int64() > 0, want[i].running) << want[i].code;
    EXPECT_EQ(w.at("projectId").as_int64(), project);
  }
  // daysLeft counts today and until: today (Beijing) → 2029-11-19.
  const auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now() + kShanghaiOffset);
  const auto roof_until = std::chrono::sys_days{std::chrono::year{2029} / 11 / 19};
  EXPECT_EQ(list[0].at("daysLeft").as_int64(), (roof_until - today).count() + 1);
  auto by_estate = Expect(admin, "GET", "/api/v1/estates/" + std::to_string(estate) + "/warranties", nullptr, 200);
  EXPECT_EQ(by_estate.at("items").as_array().size(), 3u);
  EXPECT_EQ(As(admin, "GET", "/api/v1/estates/999999/warranties").status, 404);
}

TEST_P(AcceptanceApiTest, AWarrantyDefectGoesToTheBuilderWhileItRunsAndToThePropertyCompanyAfter) {
  if (!app_) return;
  MakeProject();
  Expect(admin, "POST", P() + "/acceptance", Body(), 201);
  auto file = [&](const std::string& item, std::int64_t estate_id) {
    return Expect(admin, "POST", "/api/v1/public/tickets",
                  json::object{{"category", "warranty_defect"}, {"content", "楼顶又漏了"}, {"estateId", estate_id}, {"defectItem", item}}, 201);
  };
  // Roof waterproofing (until 2029-11-19): the builder, as its responsible unit.
  file("roof_waterproofing", estate);
  auto t = NewestTicket();
  EXPECT_EQ(Str(t.at("department")), kBuilder);
  EXPECT_EQ(Str(t.at("routingReason")), "builder");
  EXPECT_EQ(t.at("responsibleUnitId").as_int64(), unit);
  EXPECT_EQ(Str(t.at("responsibleUnitName")), kBuilder);
  EXPECT_EQ(Str(t.at("warrantyUntil")), "2029-11-19");
  EXPECT_EQ(Str(t.at("defectItem")), "roof_waterproofing");
  // Electrical lines (until 2026-11-19, over): the acceptance's property company and the fund.
  file("electrical", estate);
  t = NewestTicket();
  EXPECT_EQ(Str(t.at("routingReason")), "property_and_fund");
  EXPECT_TRUE(t.at("responsibleUnitId").is_null());
  EXPECT_NE(Str(t.at("department")).find(kProperty), std::string::npos);
  EXPECT_NE(Str(t.at("department")).find("专项维修资金"), std::string::npos);
  EXPECT_EQ(Str(t.at("warrantyUntil")), "2026-11-19");
  // An item no accepted project built: the category's route.
  file("external_wall", estate);
  t = NewestTicket();
  EXPECT_EQ(Str(t.at("routingReason")), "not_accepted");
  EXPECT_EQ(Str(t.at("department")), "街道办事处城建科");
  EXPECT_TRUE(t.at("warrantyUntil").is_null());
  // A bad item is refused, nothing stored.
  auto bad = Call("POST", "/api/v1/public/tickets",
                  json::serialize(json::object{{"category", "warranty_defect"}, {"content", "x"}, {"estateId", estate}, {"defectItem", "roof"}}),
                  {{"Content-Type", "application/json"}});
  EXPECT_EQ(bad.status, 422) << bad.body;
  EXPECT_NE(bad.body.find("defectItem"), std::string::npos);
  EXPECT_EQ(Expect(admin, "GET", "/api/v1/tickets?category=warranty_defect", nullptr, 200).at("items").as_array().size(), 3u);
}

// The routing decision to the day, on a ManualClock: power lines accepted 2024-11-20 run until
// 2026-11-19 — the builder on that day (Beijing), the property company on the next.
TEST_P(AcceptanceApiTest, RoutingTurnsToThePropertyCompanyTheDayAfterUntil) {
  if (!app_) return;
  MakeProject();
  Expect(admin, "POST", P() + "/acceptance", Body(), 201);
  auto route = [&](const char* at) {
    ManualClock clock(*ParseIso(at));
    service::FileService files(db(), clock, app_->config().var_dir + "/files");
    service::TicketService tickets(db(), clock, app_->service<service::CalendarService>(), files, service::TicketOptions{{}, 50, "acceptance-test-client-key"});
    service::AcceptanceService acceptance(db(), clock, files);
    tickets.SetDefectRouter([&](store::Session& s, std::int64_t e, const std::string& item, TimePoint now) {
      return acceptance.RouteDefect(s, e, item, now);
    });
    service::TicketInput in;
    in.category = "warranty_defect";
    in.content = "插座无电";
    in.estate_id = estate;
    in.defect_item = "electrical";
    auto v = tickets.Submit(in, std::string("10.9.9.") + at, "test");
    EXPECT_TRUE(v) << (v ? "" : v.error().reason);
    return v ? v->ticket : store::TicketRecord{};
  };
  // 2026-11-19 23:59 in Beijing is 15:59 UTC.
  auto last = route("2026-11-19T15:59:00Z");
  EXPECT_EQ(last.routing_reason, "builder");
  EXPECT_EQ(last.department, kBuilder);
  EXPECT_EQ(last.responsible_unit_id, unit);
  EXPECT_EQ(last.warranty_until, std::optional<std::string>("2026-11-19"));
  auto next = route("2026-11-19T16:00:00Z");
  EXPECT_EQ(next.routing_reason, "property_and_fund");
  EXPECT_NE(next.department.find(kProperty), std::string::npos);
  EXPECT_FALSE(next.responsible_unit_id);
}

INSTANTIATE_TEST_SUITE_P(Sqlite, AcceptanceApiTest, ::testing::Values("sqlite"));
INSTANTIATE_TEST_SUITE_P(Postgres, AcceptanceApiTest, ::testing::Values("postgres"));

}  // namespace
}  // namespace huanxin::testing
