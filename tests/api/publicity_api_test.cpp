// Publicity (公示) over HTTP (issue #12), on SQLite and PostgreSQL: a notice, the public page, an
// objection, the staff answer shown publicly without name or phone, a revision that restarts the
// window and keeps version 1, the printable notice, objections outside the window and past the
// rate limit, bad input for every field with nothing stored, scope and unknown ids.
//
// The server runs on the system clock, so windows are set relative to today's Beijing date; the
// next year's calendar is loaded (no holidays) when missing, so a window may run past 31 December.
#include <boost/json.hpp>
#include <chrono>

#include "api/api_fixture.hpp"
#include "common/clock.hpp"
#include "testing/project_rows.hpp"
#include "testing/sample_images.hpp"

namespace huanxin::testing {
namespace {

namespace json = boost::json;

std::string Day(int offset) {
  return FormatShanghai(std::chrono::system_clock::now() + std::chrono::hours(24) * offset, 10);
}

std::string Repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

json::value Str(const std::string& s) { return json::string(s); }

class PublicityApiTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    if (!app_ || HasFatalFailure()) return;
    admin_ = Admin();
    const std::string next = std::to_string(std::stoi(Day(0).substr(0, 4)) + 1);
    if (As(admin_, "GET", "/api/v1/calendar/" + next).status == 404) {
      auto put = As(admin_, "PUT", "/api/v1/calendar/" + next,
                    json::object{{"holidays", json::array{}}, {"workdays", json::array{}}, {"source", "test"}});
      ASSERT_EQ(put.status, 200) << put.body;
    }
    hongdu_ = AddProject(db(), "360104002", "洪都新村片区改造");
    jingshan_ = AddProject(db(), "360104006", "京山片区改造");
  }

  static json::object NoticeBody(std::int64_t project, const std::string& starts_on, int days = 7) {
    return json::object{{"projectId", project},
                        {"kind", "plan"},
                        {"title", "洪都新村片区改造方案公示"},
                        {"body", "一、改造内容：雨污分流、屋面防水、加装电梯。\n二、资金来源：中央补助、居民出资。"},
                        {"startsOn", starts_on},
                        {"workingDays", days}};
  }
  std::int64_t Create(const json::object& body) {
    auto r = As(admin_, "POST", "/api/v1/publicity", body);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? r.Json().as_object().at("id").as_int64() : 0;
  }
  HttpResponse Object(std::int64_t id, const json::object& body) {
    return Call("POST", "/api/v1/public/publicity/" + std::to_string(id) + "/objections", json::serialize(body));
  }
  std::string WindowEnd(const std::string& from, int count) {
    auto r = As(admin_, "GET", "/api/v1/calendar/workdays?from=" + from + "&count=" + std::to_string(count));
    EXPECT_EQ(r.status, 200) << r.body;
    return r.status == 200 ? std::string(r.Json().as_object().at("end").as_string()) : "";
  }
  // The rows of every publicity table and the audit chain, to show a refusal stored nothing.
  std::string State() {
    std::string out = Snapshot(db());
    auto r = db().Read([&](store::Session& s) -> Result<void> {
      for (const char* sql : {"SELECT COUNT(*) FROM publicity_notice", "SELECT COUNT(*) FROM publicity_version",
                              "SELECT COUNT(*) FROM publicity_objection",
                              "SELECT COUNT(*) FROM publicity_objection WHERE answer IS NOT NULL",
                              "SELECT COUNT(*) FROM stored_file"}) {
        auto n = store::QueryInt(s, sql);
        if (!n) return std::move(n).error();
        out += std::string(sql) + " = " + std::to_string(*n) + "\n";
      }
      return Ok();
    });
    EXPECT_TRUE(r);
    return out;
  }
  static std::string Path(std::int64_t id, const std::string& rest = "") {
    return "/api/v1/publicity/" + std::to_string(id) + rest;
  }
  static std::string PublicPath(std::int64_t id, const std::string& rest = "") {
    return "/api/v1/public/publicity/" + std::to_string(id) + rest;
  }

  LoginSession admin_;
  std::int64_t hongdu_ = 0, jingshan_ = 0;
};

TEST_P(PublicityApiTest, NoticeObjectionAnswerAndRevision) {
  if (!app_) return;
  const auto today = Day(0);
  auto created = As(admin_, "POST", "/api/v1/publicity", NoticeBody(hongdu_, today));
  ASSERT_EQ(created.status, 201) << created.body;
  auto n = created.Json().as_object();
  const auto id = n.at("id").as_int64();
  EXPECT_EQ(n.at("version").as_int64(), 1);
  EXPECT_EQ(n.at("startsOn").as_string(), today);
  EXPECT_EQ(n.at("endsOn").as_string(), WindowEnd(today, 7));
  EXPECT_EQ(n.at("status").as_string(), "open");
  EXPECT_EQ(n.at("projectName").as_string(), "洪都新村片区改造");
  EXPECT_EQ(n.at("kindName").as_string(), "改造方案公示");
  EXPECT_EQ(n.at("versions").as_array().size(), 1u);

  // The public page, then a resident's objection with name and phone.
  auto pub = Call("GET", PublicPath(id));
  ASSERT_EQ(pub.status, 200) << pub.body;
  EXPECT_EQ(pub.Json().as_object().at("status").as_string(), "open");
  EXPECT_EQ(pub.Json().as_object().at("objections").as_array().size(), 0u);
  auto objected = Object(id, json::object{{"content", "加装电梯的费用分摊请公示明细。"}, {"name", "王女士"}, {"phone", "13900001234"}});
  ASSERT_EQ(objected.status, 201) << objected.body;
  const auto objection = objected.Json().as_object().at("id").as_int64();
  EXPECT_FALSE(objected.Json().as_object().at("receivedAt").as_string().empty());
  EXPECT_EQ(Call("GET", PublicPath(id)).Json().as_object().at("objections").as_array().size(), 0u) << "unanswered: not public";

  // Staff see it with the name and phone, and answer it once.
  auto staff = As(admin_, "GET", Path(id)).Json().as_object();
  ASSERT_EQ(staff.at("objections").as_array().size(), 1u);
  EXPECT_EQ(staff.at("objections").as_array()[0].as_object().at("name").as_string(), "王女士");
  EXPECT_EQ(staff.at("objections").as_array()[0].as_object().at("phone").as_string(), "13900001234");
  EXPECT_EQ(staff.at("unansweredCount").as_int64(), 1);
  const auto answer_path = Path(id, "/objections/" + std::to_string(objection) + "/answer");
  auto answered = As(admin_, "POST", answer_path, json::object{{"answer", "分摊明细已张贴于单元公示栏。"}});
  ASSERT_EQ(answered.status, 200) << answered.body;
  EXPECT_EQ(answered.Json().as_object().at("answer").as_string(), "分摊明细已张贴于单元公示栏。");
  EXPECT_EQ(answered.Json().as_object().at("answeredBy").as_string(), "admin");
  auto again = As(admin_, "POST", answer_path, json::object{{"answer", "再次答复"}});
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.Reason(), "publicity.already_answered");

  // Publicly: the content and the answer, never the name or the phone.
  pub = Call("GET", PublicPath(id));
  ASSERT_EQ(pub.status, 200);
  auto objections = pub.Json().as_object().at("objections").as_array();
  ASSERT_EQ(objections.size(), 1u);
  EXPECT_EQ(objections[0].as_object().at("content").as_string(), "加装电梯的费用分摊请公示明细。");
  EXPECT_EQ(objections[0].as_object().at("answer").as_string(), "分摊明细已张贴于单元公示栏。");
  EXPECT_EQ(pub.body.find("王女士"), std::string::npos);
  EXPECT_EQ(pub.body.find("13900001234"), std::string::npos);
  EXPECT_EQ(pub.body.find("admin"), std::string::npos);

  // A revision: version 2 with a new window from the calendar; version 1 kept.
  const auto restart = Day(3);
  auto revised = As(admin_, "POST", Path(id, "/revisions"),
                    json::object{{"title", "洪都新村片区改造方案公示（修订）"},
                                 {"body", "补充加装电梯费用分摊表。"},
                                 {"startsOn", restart},
                                 {"workingDays", 5},
                                 {"reason", "根据居民意见补充费用分摊"}});
  ASSERT_EQ(revised.status, 200) << revised.body;
  n = revised.Json().as_object();
  EXPECT_EQ(n.at("version").as_int64(), 2);
  EXPECT_EQ(n.at("startsOn").as_string(), restart);
  EXPECT_EQ(n.at("endsOn").as_string(), WindowEnd(restart, 5));
  EXPECT_EQ(n.at("workingDays").as_int64(), 5);
  EXPECT_EQ(n.at("status").as_string(), "scheduled");
  EXPECT_EQ(n.at("reason").as_string(), "根据居民意见补充费用分摊");
  auto versions = n.at("versions").as_array();
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_EQ(versions[0].as_object().at("version").as_int64(), 1);
  EXPECT_EQ(versions[0].as_object().at("title").as_string(), "洪都新村片区改造方案公示");
  EXPECT_EQ(versions[0].as_object().at("startsOn").as_string(), today);
  EXPECT_EQ(versions[1].as_object().at("title").as_string(), "洪都新村片区改造方案公示（修订）");
  EXPECT_EQ(Call("GET", PublicPath(id)).Json().as_object().at("versions").as_array().size(), 2u);
  // The new window has not started: objections wait for it.
  auto early = Object(id, json::object{{"content", "新版何时开始？"}});
  EXPECT_EQ(early.status, 409);
  EXPECT_EQ(early.Reason(), "publicity.closed");

  // Every staff write and the objection are in the audit log.
  auto audit = As(admin_, "GET", "/api/v1/audit?entity=publicity&entityId=" + std::to_string(id));
  ASSERT_EQ(audit.status, 200) << audit.body;
  for (const char* action : {"publicity.create", "publicity.object", "publicity.answer", "publicity.revise"})
    EXPECT_NE(audit.body.find(action), std::string::npos) << action;
  EXPECT_EQ(audit.body.find("13900001234"), std::string::npos) << "no phone in the audit log";
}

TEST_P(PublicityApiTest, PrintableNoticeIsA4HtmlWithTheQrLink) {
  if (!app_) return;
  const auto id = Create(NoticeBody(hongdu_, Day(0)));
  auto r = Call("GET", PublicPath(id, "/print"), "", {{"Host", "hx.example.cn"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.headers["content-type"], "text/html; charset=utf-8");
  EXPECT_EQ(r.headers.count("content-disposition"), 0u) << "shown, not downloaded";
  for (const std::string& part : std::vector<std::string>{"@page { size: A4", "洪都新村片区改造方案公示", "项目：洪都新村片区改造", "<svg",
                                 "http://hx.example.cn/h5/#/publicity/" + std::to_string(id), "共7个工作日", "洪都街道"})
    EXPECT_NE(r.body.find(part), std::string::npos) << part;
  EXPECT_EQ(Call("GET", PublicPath(id + 1000, "/print")).status, 404);
}

TEST_P(PublicityApiTest, ObjectionsOutsideTheWindowAreRefused) {
  if (!app_) return;
  const auto closed = Create(NoticeBody(hongdu_, "2026-01-05", 7));
  const auto scheduled = Create(NoticeBody(hongdu_, Day(20), 7));
  EXPECT_EQ(Call("GET", PublicPath(closed)).Json().as_object().at("status").as_string(), "closed");
  EXPECT_EQ(Call("GET", PublicPath(scheduled)).Json().as_object().at("status").as_string(), "scheduled");
  const auto before = State();
  for (auto id : {closed, scheduled}) {
    auto r = Object(id, json::object{{"content", "公示期外的意见"}});
    EXPECT_EQ(r.status, 409) << r.body;
    EXPECT_EQ(r.Reason(), "publicity.closed");
  }
  EXPECT_EQ(State(), before) << "nothing stored";
}

TEST_P(PublicityApiTest, ObjectionsAreRateLimitedPerAddressAndNotice) {
  if (!app_) return;
  const auto id = Create(NoticeBody(hongdu_, Day(0)));
  const auto other = Create(NoticeBody(hongdu_, Day(0)));
  for (int i = 1; i <= 5; ++i) EXPECT_EQ(Object(id, json::object{{"content", "意见" + std::to_string(i)}}).status, 201) << i;
  const auto before = State();
  auto r = Object(id, json::object{{"content", "第六条"}});
  EXPECT_EQ(r.status, 429) << r.body;
  EXPECT_EQ(r.Reason(), "publicity.rate_limited");
  EXPECT_FALSE(r.Json().as_object().at("error").as_object().at("hint").as_string().empty());
  EXPECT_EQ(State(), before) << "nothing stored";
  EXPECT_EQ(Object(other, json::object{{"content", "另一则公示"}}).status, 201) << "the limit is per notice";
}

TEST_P(PublicityApiTest, BadInputIsRefusedWithNothingStored) {
  if (!app_) return;
  const auto id = Create(NoticeBody(hongdu_, Day(0)));
  auto objected = Object(id, json::object{{"content", "待答复"}});
  ASSERT_EQ(objected.status, 201);
  const auto objection = objected.Json().as_object().at("id").as_int64();
  const auto before = State();
  auto with = [&](const char* field, json::value v) {
    auto b = NoticeBody(hongdu_, Day(0));
    if (v.is_null() && std::string(field) != "startsOn") b.erase(field);
    else b[field] = std::move(v);
    return b;
  };
  struct Case {
    const char* what;
    json::object body;
    const char* reason;
  };
  const std::vector<Case> creates = {
      {"projectId missing", with("projectId", nullptr), "http.invalid_field"},
      {"projectId text", with("projectId", "1"), "http.invalid_field"},
      {"projectId unknown", with("projectId", 999999), "publicity.invalid_field"},
      {"kind missing", with("kind", nullptr), "http.invalid_field"},
      {"kind unknown", with("kind", "notice"), "publicity.invalid_field"},
      {"title missing", with("title", nullptr), "http.invalid_field"},
      {"title empty", with("title", "  "), "publicity.invalid_field"},
      {"title 101", with("title", Str(Repeat("公", 101))), "publicity.invalid_field"},
      {"body missing", with("body", nullptr), "http.invalid_field"},
      {"body empty", with("body", ""), "publicity.invalid_field"},
      {"body 20001", with("body", Str(std::string(20001, 'x'))), "publicity.invalid_field"},
      {"startsOn not a day", with("startsOn", "2026-02-30"), "publicity.invalid_field"},
      {"startsOn text", with("startsOn", "tomorrow"), "publicity.invalid_field"},
      {"startsOn number", with("startsOn", 20260924), "http.invalid_field"},
      {"workingDays 0", with("workingDays", 0), "publicity.invalid_field"},
      {"workingDays 61", with("workingDays", 61), "publicity.invalid_field"},
      {"workingDays text", with("workingDays", "7"), "http.invalid_field"},
  };
  for (const auto& c : creates) {
    auto r = As(admin_, "POST", "/api/v1/publicity", c.body);
    EXPECT_EQ(r.status, 422) << c.what << ": " << r.body;
    EXPECT_EQ(r.Reason(), c.reason) << c.what;
  }
  const json::object revision{{"title", "修订"}, {"body", "正文"}, {"reason", "原因"}};
  auto revise = [&](const char* field, json::value v) {
    auto b = revision;
    if (v.is_null()) b.erase(field);
    else b[field] = std::move(v);
    return As(admin_, "POST", Path(id, "/revisions"), b);
  };
  EXPECT_EQ(revise("reason", nullptr).Reason(), "http.invalid_field");
  EXPECT_EQ(revise("reason", "").Reason(), "publicity.invalid_field");
  EXPECT_EQ(revise("reason", Str(std::string(501, 'r'))).Reason(), "publicity.invalid_field");
  EXPECT_EQ(revise("title", "").Reason(), "publicity.invalid_field");
  EXPECT_EQ(revise("workingDays", 61).Reason(), "publicity.invalid_field");
  EXPECT_EQ(revise("startsOn", "2026-13-01").Reason(), "publicity.invalid_field");
  const std::vector<std::pair<json::object, const char*>> objections = {
      {json::object{}, "http.invalid_field"},
      {json::object{{"content", ""}}, "publicity.invalid_field"},
      {json::object{{"content", std::string(2001, 'c')}}, "publicity.invalid_field"},
      {json::object{{"content", "意见"}, {"name", std::string(41, 'n')}}, "publicity.invalid_field"},
      {json::object{{"content", "意见"}, {"name", 5}}, "http.invalid_field"},
      {json::object{{"content", "意见"}, {"phone", "call me"}}, "publicity.invalid_field"},
      {json::object{{"content", "意见"}, {"phone", std::string(21, '1')}}, "publicity.invalid_field"},
  };
  for (const auto& [body, reason] : objections) {
    auto r = Object(id, body);
    EXPECT_EQ(r.status, 422) << json::serialize(body) << ": " << r.body;
    EXPECT_EQ(r.Reason(), reason) << json::serialize(body);
  }
  const auto answer_path = Path(id, "/objections/" + std::to_string(objection) + "/answer");
  EXPECT_EQ(As(admin_, "POST", answer_path, json::object{}).Reason(), "http.invalid_field");
  EXPECT_EQ(As(admin_, "POST", answer_path, json::object{{"answer", ""}}).Reason(), "publicity.invalid_field");
  EXPECT_EQ(As(admin_, "POST", answer_path, json::object{{"answer", std::string(2001, 'a')}}).Reason(), "publicity.invalid_field");
  EXPECT_EQ(Call("POST", PublicPath(id, "/objections"), "not json").status, 400);
  auto photo = Call("POST", Path(id, "/photo"),
                    "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.txt\"\r\n\r\nhello\r\n--b--\r\n",
                    {{"Authorization", "Bearer " + admin_.token}, {"Content-Type", "multipart/form-data; boundary=b"}});
  EXPECT_EQ(photo.status, 415) << photo.body;
  EXPECT_EQ(State(), before) << "nothing stored";

  // The limits themselves are accepted.
  auto edge = NoticeBody(hongdu_, Day(0), 60);
  edge["title"] = Repeat("公", 100);
  EXPECT_EQ(As(admin_, "POST", "/api/v1/publicity", edge).status, 201);
  EXPECT_EQ(Object(id, json::object{{"content", std::string(2000, 'c')}, {"name", std::string(40, 'n')},
                                    {"phone", "+86 139-0000-12345"}}).status,
            201);
}

TEST_P(PublicityApiTest, ThePhotoIsKeptOnTheCurrentVersion) {
  if (!app_) return;
  const auto id = Create(NoticeBody(hongdu_, Day(0)));
  const std::string body = "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"board.jpg\"\r\n"
                           "Content-Type: image/jpeg\r\n\r\n" + SampleJpegWithExif() + "\r\n--b--\r\n";
  auto r = Call("POST", Path(id, "/photo"), body,
                {{"Authorization", "Bearer " + admin_.token}, {"Content-Type", "multipart/form-data; boundary=b"}});
  ASSERT_EQ(r.status, 200) << r.body;
  auto photo = r.Json().as_object().at("photo").as_object();
  EXPECT_EQ(photo.at("name").as_string(), "board.jpg");
  EXPECT_EQ(photo.at("contentType").as_string(), "image/jpeg");
  auto file = As(admin_, "GET", "/api/v1/files/" + std::to_string(photo.at("id").as_int64()));
  EXPECT_EQ(file.status, 200);
  EXPECT_EQ(Call("GET", PublicPath(id)).body.find("board.jpg"), std::string::npos) << "the photo is staff-only";
}

TEST_P(PublicityApiTest, ScopeAndPermissionsAreEnforced) {
  if (!app_) return;
  const auto hongdu = Create(NoticeBody(hongdu_, Day(0)));
  const auto jingshan = Create(NoticeBody(jingshan_, Day(0)));
  CreateUser("js.street", "street", "360104006");
  CreateUser("hd.community", "community", "360104002001");
  CreateUser("hd.resident", "resident", "360104002001");
  auto js = Login("js.street", "Street#2026x");
  auto community = Login("hd.community", "Street#2026x");
  auto resident = Login("hd.resident", "Street#2026x");
  const auto before = State();
  EXPECT_EQ(As(js, "GET", Path(hongdu)).status, 403);
  EXPECT_EQ(As(js, "GET", Path(hongdu)).Reason(), "auth.out_of_scope");
  EXPECT_EQ(As(js, "POST", "/api/v1/publicity", NoticeBody(hongdu_, Day(0))).status, 403);
  EXPECT_EQ(As(js, "POST", Path(hongdu, "/revisions"), json::object{{"title", "t"}, {"body", "b"}, {"reason", "r"}}).status, 403);
  EXPECT_EQ(As(js, "GET", "/api/v1/publicity?regionCode=360104002").status, 403);
  EXPECT_EQ(As(js, "GET", "/api/v1/publicity?projectId=" + std::to_string(hongdu_)).status, 403);
  EXPECT_EQ(As(community, "POST", "/api/v1/publicity", NoticeBody(hongdu_, Day(0))).Reason(), "auth.forbidden");
  EXPECT_EQ(As(community, "GET", Path(hongdu)).Reason(), "auth.out_of_scope") << "the project is the street's";
  EXPECT_EQ(As(resident, "GET", "/api/v1/publicity").Reason(), "auth.forbidden");
  EXPECT_EQ(Call("GET", Path(hongdu)).status, 401);
  EXPECT_EQ(State(), before);
  auto list = As(js, "GET", "/api/v1/publicity");
  ASSERT_EQ(list.status, 200);
  auto items = list.Json().as_object().at("items").as_array();
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].as_object().at("id").as_int64(), jingshan);
  EXPECT_EQ(As(js, "GET", Path(jingshan)).status, 200);
}

TEST_P(PublicityApiTest, UnknownIdsAre404) {
  if (!app_) return;
  const auto id = Create(NoticeBody(hongdu_, Day(0)));
  const auto other = Create(NoticeBody(hongdu_, Day(0)));
  auto objected = Object(other, json::object{{"content", "另一则的意见"}});
  ASSERT_EQ(objected.status, 201);
  const auto foreign = objected.Json().as_object().at("id").as_int64();
  const auto missing = id + other + 1000;
  EXPECT_EQ(As(admin_, "GET", Path(missing)).Reason(), "publicity.not_found");
  EXPECT_EQ(As(admin_, "POST", Path(missing, "/revisions"), json::object{{"title", "t"}, {"body", "b"}, {"reason", "r"}}).Reason(),
            "publicity.not_found");
  EXPECT_EQ(Call("GET", PublicPath(missing)).Reason(), "publicity.not_found");
  EXPECT_EQ(Object(missing, json::object{{"content", "x"}}).Reason(), "publicity.not_found");
  EXPECT_EQ(As(admin_, "POST", Path(id, "/objections/" + std::to_string(foreign) + "/answer"), json::object{{"answer", "a"}}).Reason(),
            "publicity.objection_not_found");
  EXPECT_EQ(As(admin_, "POST", Path(id, "/objections/999999/answer"), json::object{{"answer", "a"}}).Reason(),
            "publicity.objection_not_found");
  EXPECT_EQ(Call("GET", "/api/v1/public/publicity/abc").status, 404);
}

INSTANTIATE_TEST_SUITE_P(Sqlite, PublicityApiTest, ::testing::Values("sqlite"));
INSTANTIATE_TEST_SUITE_P(Postgres, PublicityApiTest, ::testing::Values("postgres"));

}  // namespace
}  // namespace huanxin::testing
