// Resident tickets over HTTP (issue #14; docs/ticket.md), on SQLite and PostgreSQL: a resident's
// ticket routed by category × region, accepted, resolved, rated and reopened once (a second
// reopening refused); every illegal move refused; staff intake after a door visit; a duplicate
// merged; the overdue list; figures by street and category; every bad field refused with nothing
// stored; no personal data in public answers but the holder's own.
#include <boost/json.hpp>

#include "api/api_fixture.hpp"
#include "testing/sample_images.hpp"

namespace huanxin::testing {
namespace {

namespace json = boost::json;

class TicketApiTest : public ApiTest {
 protected:
  // The public forms are rate-limited per address; the tests send from one address.
  void Configure(app::Config& cfg) override { cfg.ticket_rate_per_hour = 1000; }
  void SetUp() override {
    ApiTest::SetUp();
    if (!app_) return;
    admin = Admin();
  }

  json::value Public(const std::string& method, const std::string& target, const json::value& body, int status) {
    auto r = Call(method, target, body.is_null() ? "" : json::serialize(body), {{"content-type", "application/json"}});
    EXPECT_EQ(r.status, status) << method << " " << target << " " << json::serialize(body) << " → " << r.body;
    last_public_body = r.body;
    return r.body.empty() ? json::value(nullptr) : r.Json();
  }
  std::int64_t NewEstate(const std::string& region, const std::string& name) {
    return IdOf(Expect(admin, "POST", "/api/v1/estates",
                       json::object{{"regionCode", region}, {"name", name}, {"address", name + "路1号"}, {"builtYear", 1995}}, 201));
  }
  std::string File(std::int64_t estate, const std::string& category, const std::string& phone = "") {
    json::object body{{"category", category}, {"content", "楼道口沟槽没有围挡"}, {"estateId", estate}};
    if (!phone.empty()) body["phone"] = phone;
    auto v = Public("POST", "/api/v1/public/tickets", body, 201);
    return v.is_object() ? std::string(v.at("code").as_string()) : "";
  }
  // The staff view of a ticket by code (as admin, through the queue).
  json::object ByCode(const std::string& code) {
    auto list = Expect(admin, "GET", "/api/v1/tickets?pageSize=500", nullptr, 200);
    for (const auto& t : list.at("items").as_array())
      if (t.at("code").as_string() == code) return t.as_object();
    ADD_FAILURE() << "no ticket " << code;
    return {};
  }
  std::size_t Count() { return Expect(admin, "GET", "/api/v1/tickets?pageSize=500", nullptr, 200).at("items").as_array().size(); }
  std::string T(std::int64_t id) { return "/api/v1/tickets/" + std::to_string(id); }
  std::string Reason(const json::value& v) { return std::string(v.at("error").at("reason").as_string()); }

  LoginSession admin;
  std::string last_public_body;
};

TEST_P(TicketApiTest, AResidentTicketIsRoutedResolvedRatedAndReopenedOnce) {
  if (!app_) return;
  CreateUser("tk.street", "street", "360104002");
  CreateUser("tk.other", "street", "360104006");
  auto street = Login("tk.street", "Street#2026x");
  auto other = Login("tk.other", "Street#2026x");
  const auto estate = NewEstate("360104002001", "洪都新村");
  // Routing: construction quality in 洪都街道 goes to its urban construction section.
  Expect(admin, "PUT", "/api/v1/ticket-routes",
         json::object{{"category", "construction_quality"}, {"regionCode", "360104002"}, {"department", "洪都街道城建科"},
                      {"handlerRegionCode", "360104002"}},
         200);
  const auto code = File(estate, "construction_quality", "13800138000");
  ASSERT_FALSE(code.empty());
  auto pub = Public("GET", "/api/v1/public/tickets/" + code, nullptr, 200);
  EXPECT_EQ(pub.at("status").as_string(), "submitted");
  EXPECT_EQ(pub.at("department").as_string(), "洪都街道城建科");
  EXPECT_EQ(last_public_body.find("13800138000"), std::string::npos) << "the phone is never in the public view";
  EXPECT_FALSE(pub.at("canRate").as_bool());

  const auto id = ByCode(code).at("id").as_int64();
  auto listed = Expect(street, "GET", "/api/v1/tickets?status=submitted&category=construction_quality", nullptr, 200);
  ASSERT_EQ(listed.at("items").as_array().size(), 1u);
  EXPECT_EQ(listed.at("items").at(0).at("phone").as_string(), "13800138000");  // staff see it
  EXPECT_EQ(listed.at("items").at(0).at("handlerRegionCode").as_string(), "360104002");
  Expect(other, "GET", T(id), nullptr, 403);
  EXPECT_EQ(Expect(other, "GET", "/api/v1/tickets", nullptr, 200).at("items").as_array().size(), 0u);

  Expect(street, "POST", T(id) + "/transitions", json::object{{"to", "accepted"}}, 200);
  Expect(street, "POST", T(id) + "/transitions", json::object{{"to", "in_progress"}, {"note", "已安排返工"}}, 200);
  // Rating before resolution is refused.
  EXPECT_EQ(Reason(Public("POST", "/api/v1/public/tickets/" + code + "/rating", json::object{{"rating", 5}}, 409)), "ticket.not_resolved");
  auto resolved = Expect(street, "POST", T(id) + "/transitions", json::object{{"to", "resolved"}, {"note", "已返工重铺"}}, 200);
  EXPECT_EQ(resolved.at("status").as_string(), "resolved");
  EXPECT_FALSE(resolved.at("resolvedAt").is_null());
  pub = Public("GET", "/api/v1/public/tickets/" + code, nullptr, 200);
  EXPECT_EQ(pub.at("answer").as_string(), "已返工重铺");
  EXPECT_TRUE(pub.at("canRate").as_bool());
  EXPECT_EQ(pub.at("history").as_array().size(), 4u);
  EXPECT_EQ(Reason(Public("POST", "/api/v1/public/tickets/" + code + "/rating", json::object{{"rating", 6}}, 422)), "ticket.invalid_rating");
  auto rated = Public("POST", "/api/v1/public/tickets/" + code + "/rating", json::object{{"rating", 4}, {"comment", "还行"}}, 200);
  EXPECT_EQ(rated.at("status").as_string(), "closed");
  EXPECT_EQ(rated.at("rating").as_int64(), 4);
  EXPECT_TRUE(rated.at("canReopen").as_bool());

  auto reopened = Public("POST", "/api/v1/public/tickets/" + code + "/reopen", json::object{{"reason", "又松动了"}}, 200);
  EXPECT_EQ(reopened.at("status").as_string(), "in_progress");
  EXPECT_EQ(reopened.at("reopenCount").as_int64(), 1);
  EXPECT_TRUE(reopened.at("rating").is_null());
  Expect(street, "POST", T(id) + "/transitions", json::object{{"to", "resolved"}, {"note", "再次修复"}}, 200);
  EXPECT_EQ(Reason(Public("POST", "/api/v1/public/tickets/" + code + "/reopen", json::object{{"reason", "还不行"}}, 409)),
            "ticket.reopened_already");
  Public("POST", "/api/v1/public/tickets/" + code + "/rating", json::object{{"rating", 5}}, 200);
  auto staff = Expect(street, "GET", T(id), nullptr, 200);
  EXPECT_EQ(staff.at("status").as_string(), "closed");
  // submitted, accepted, in_progress, resolved, rated (closed), reopened, resolved, rated (closed)
  EXPECT_EQ(staff.at("history").as_array().size(), 8u);
}

TEST_P(TicketApiTest, EveryIllegalMoveIsRefusedAndARejectionNeedsAReason) {
  if (!app_) return;
  const auto estate = NewEstate("360104002001", "规则小区");
  const auto id = ByCode(File(estate, "opinion")).at("id").as_int64();
  for (const char* to : {"in_progress", "resolved", "closed", "submitted"})
    EXPECT_EQ(Reason(Expect(admin, "POST", T(id) + "/transitions", json::object{{"to", to}}, 409)), "ticket.illegal_transition") << to;
  EXPECT_EQ(Reason(Expect(admin, "POST", T(id) + "/transitions", json::object{{"to", "rejected"}, {"note", "  "}}, 422)),
            "ticket.reason_required");
  EXPECT_EQ(Reason(Expect(admin, "POST", T(id) + "/transitions", json::object{{"to", "open"}}, 422)), "ticket.invalid_field");
  auto rejected = Expect(admin, "POST", T(id) + "/transitions", json::object{{"to", "rejected"}, {"note", "不属于改造范围"}}, 200);
  EXPECT_EQ(rejected.at("answer").as_string(), "不属于改造范围");
  for (const char* to : {"accepted", "in_progress", "resolved", "closed", "rejected"})
    EXPECT_EQ(Reason(Expect(admin, "POST", T(id) + "/transitions", json::object{{"to", to}, {"note", "x"}}, 409)),
              "ticket.illegal_transition") << to;
  const auto code = std::string(rejected.at("code").as_string());
  EXPECT_EQ(Reason(Public("POST", "/api/v1/public/tickets/" + code + "/reopen", json::object{{"reason", "为什么"}}, 409)),
            "ticket.not_reopenable");
}

TEST_P(TicketApiTest, StaffFileAfterADoorVisitAndMergeADuplicate) {
  if (!app_) return;
  CreateUser("tk.grid", "community", "360104002001");
  auto grid = Login("tk.grid", "Street#2026x");
  const auto estate = NewEstate("360104002001", "走访小区");
  const auto other = NewEstate("360104006001", "别处小区");
  auto kept = Expect(grid, "POST", "/api/v1/tickets",
                     json::object{{"category", "utility_outage"}, {"content", "3栋停水两天"}, {"estateId", estate},
                                  {"phone", "13900001111"}, {"visitNote", "网格员入户走访，3栋2单元"}},
                     201);
  EXPECT_EQ(kept.at("channel").as_string(), "staff");
  EXPECT_EQ(kept.at("visitNote").as_string(), "网格员入户走访，3栋2单元");
  EXPECT_EQ(kept.at("history").at(0).at("by").as_string(), "staff");
  // Outside the grid worker's community: refused, nothing stored.
  const auto before = Count();
  Expect(grid, "POST", "/api/v1/tickets",
         json::object{{"category", "utility_outage"}, {"content", "别处停水"}, {"estateId", other}, {"visitNote", "走访"}}, 403);
  EXPECT_EQ(Count(), before);

  const auto dup_code = File(estate, "utility_outage");
  const auto dup = ByCode(dup_code).at("id").as_int64();
  const auto kept_id = kept.at("id").as_int64();
  auto merged = Expect(grid, "POST", T(dup) + "/merge", json::object{{"keptId", kept_id}}, 200);
  EXPECT_EQ(merged.at("status").as_string(), "closed");
  EXPECT_EQ(merged.at("mergedInto").as_int64(), kept_id);
  EXPECT_EQ(merged.at("mergedIntoCode").as_string(), kept.at("code").as_string());
  auto pub = Public("GET", "/api/v1/public/tickets/" + dup_code, nullptr, 200);
  EXPECT_EQ(pub.at("mergedIntoCode").as_string(), kept.at("code").as_string());
  EXPECT_EQ(last_public_body.find("13900001111"), std::string::npos) << "the kept ticket's phone is another person's";
  EXPECT_EQ(Reason(Expect(grid, "POST", T(dup) + "/merge", json::object{{"keptId", kept_id}}, 409)), "ticket.not_mergeable");
  EXPECT_EQ(Reason(Expect(grid, "POST", T(kept_id) + "/merge", json::object{{"keptId", kept_id}}, 409)), "ticket.not_mergeable");
  EXPECT_EQ(Reason(Expect(grid, "POST", T(dup) + "/transitions", json::object{{"to", "accepted"}}, 409)), "ticket.illegal_transition");
  EXPECT_EQ(Reason(Public("POST", "/api/v1/public/tickets/" + dup_code + "/reopen", json::object{{"reason", "x"}}, 409)),
            "ticket.not_reopenable");
}

TEST_P(TicketApiTest, OverdueListAndFiguresByStreetAndCategory) {
  if (!app_) return;
  const auto a = NewEstate("360104002001", "洪都甲");
  const auto b = NewEstate("360104006001", "京山乙");
  const auto late = ByCode(File(a, "safety_hazard")).at("id").as_int64();
  const auto fine = ByCode(File(a, "suggestion")).at("id").as_int64();
  const auto solved = ByCode(File(b, "suggestion")).at("id").as_int64();
  // The safety hazard was received long ago: its 4 working hours ran out (set in the table: the
  // server's clock is the system's).
  auto w = db().Write([&](store::Session& s) -> Result<void> {
    auto n = s.Exec("UPDATE ticket SET received_at = '2026-01-05T01:00:00.000Z', due_at = '2026-01-05T05:00:00.000Z' WHERE id = ?",
                    {store::Int(late)});
    if (!n) return std::move(n).error();
    return Ok();
  });
  ASSERT_TRUE(w);
  auto overdue = Expect(admin, "GET", "/api/v1/tickets?overdue=true", nullptr, 200);
  ASSERT_EQ(overdue.at("items").as_array().size(), 1u);
  EXPECT_EQ(overdue.at("items").at(0).at("id").as_int64(), late);
  EXPECT_TRUE(overdue.at("items").at(0).at("overdue").as_bool());
  EXPECT_FALSE(Expect(admin, "GET", T(fine), nullptr, 200).at("overdue").as_bool());
  // Settled tickets leave the overdue list.
  Expect(admin, "POST", T(late) + "/transitions", json::object{{"to", "rejected"}, {"note", "重复反映"}}, 200);
  EXPECT_EQ(Expect(admin, "GET", "/api/v1/tickets?overdue=true", nullptr, 200).at("items").as_array().size(), 0u);

  for (const char* to : {"accepted", "in_progress", "resolved"}) Expect(admin, "POST", T(solved) + "/transitions", json::object{{"to", to}}, 200);
  const auto code = std::string(Expect(admin, "GET", T(solved), nullptr, 200).at("code").as_string());
  Public("POST", "/api/v1/public/tickets/" + code + "/rating", json::object{{"rating", 5}}, 200);

  auto f = Expect(admin, "GET", "/api/v1/ticket-figures", nullptr, 200);
  EXPECT_EQ(f.at("total").at("received").as_int64(), 3);
  EXPECT_EQ(f.at("total").at("solved").as_int64(), 1);
  EXPECT_DOUBLE_EQ(f.at("total").at("solvedRate").to_number<double>(), 33.33);
  EXPECT_EQ(f.at("total").at("rated").as_int64(), 1);
  EXPECT_DOUBLE_EQ(f.at("total").at("satisfaction").to_number<double>(), 100.00);
  ASSERT_EQ(f.at("byStreet").as_array().size(), 2u);
  EXPECT_EQ(f.at("byStreet").at(0).at("key").as_string(), "360104002");
  EXPECT_EQ(f.at("byStreet").at(0).at("received").as_int64(), 2);
  EXPECT_EQ(f.at("byStreet").at(1).at("solved").as_int64(), 1);
  bool suggestion = false;
  for (const auto& g : f.at("byCategory").as_array())
    if (g.at("key").as_string() == "suggestion") {
      suggestion = true;
      EXPECT_EQ(g.at("received").as_int64(), 2);
      EXPECT_DOUBLE_EQ(g.at("solvedRate").to_number<double>(), 50.00);
    }
  EXPECT_TRUE(suggestion);
  auto scoped = Expect(admin, "GET", "/api/v1/ticket-figures?regionCode=360104006", nullptr, 200);
  EXPECT_EQ(scoped.at("total").at("received").as_int64(), 1);
}

TEST_P(TicketApiTest, EveryBadFieldIsRefusedAndNothingIsStored) {
  if (!app_) return;
  const auto estate = NewEstate("360104002001", "拒绝小区");
  const auto before = Count();
  struct Bad {
    json::object body;
    int status;
    std::string reason;
  };
  const std::string long_text(2001, 'x');
  const std::vector<Bad> cases = {
      {{{"content", "缺类别"}}, 422, "http.invalid_field"},
      {{{"category", "no_such"}, {"content", "x"}}, 422, "ticket.invalid_field"},
      {{{"category", "opinion"}}, 422, "http.invalid_field"},
      {{{"category", "opinion"}, {"content", "   "}}, 422, "ticket.invalid_field"},
      {{{"category", "opinion"}, {"content", long_text}}, 422, "ticket.invalid_field"},
      {{{"category", "opinion"}, {"content", "x"}, {"estateId", 999999}}, 422, "ticket.invalid_field"},
      {{{"category", "opinion"}, {"content", "x"}, {"estateId", "1"}}, 422, "http.invalid_field"},
      {{{"category", "opinion"}, {"content", "x"}, {"phone", "call me"}}, 422, "ticket.invalid_field"},
      {{{"category", "opinion"}, {"content", "x"}, {"phone", std::string(21, '1')}}, 422, "ticket.invalid_field"},
      {{{"category", "opinion"}, {"content", "x"}, {"photoFileIds", json::array{999999}}}, 422, "ticket.invalid_field"},
      {{{"category", "opinion"}, {"content", "x"}, {"photoFileIds", json::array{1, 2, 3, 4}}}, 422, "ticket.invalid_field"},
      {{{"category", "opinion"}, {"content", "x"}, {"photoFileIds", json::array{"1"}}}, 422, "http.invalid_field"},
  };
  for (const auto& c : cases) {
    auto v = Public("POST", "/api/v1/public/tickets", c.body, c.status);
    if (v.is_object() && v.as_object().contains("error")) {
      EXPECT_EQ(Reason(v), c.reason) << json::serialize(c.body);
    }
  }
  auto r = Call("POST", "/api/v1/public/tickets", "{not json", {{"content-type", "application/json"}});
  EXPECT_EQ(r.status, 400);
  // Staff intake without the visit.
  Expect(admin, "POST", "/api/v1/tickets", json::object{{"category", "opinion"}, {"content", "x"}, {"estateId", estate}}, 422);
  Expect(admin, "POST", "/api/v1/tickets",
         json::object{{"category", "opinion"}, {"content", "x"}, {"estateId", estate}, {"visitNote", " "}}, 422);
  EXPECT_EQ(Count(), before);
  // Targets, routes and contacts.
  EXPECT_EQ(Reason(Expect(admin, "PUT", "/api/v1/ticket-categories/opinion/target", json::object{{"amount", 61}, {"unit", "working_days"}}, 422)),
            "ticket.invalid_target");
  EXPECT_EQ(Reason(Expect(admin, "PUT", "/api/v1/ticket-categories/opinion/target", json::object{{"amount", 2}, {"unit", "weeks"}}, 422)),
            "ticket.invalid_field");
  Expect(admin, "PUT", "/api/v1/ticket-categories/nope/target", json::object{{"amount", 2}, {"unit", "working_days"}}, 404);
  EXPECT_EQ(Reason(Expect(admin, "PUT", "/api/v1/ticket-routes",
                          json::object{{"category", "opinion"}, {"regionCode", "36-01"}, {"department", "x"}, {"handlerRegionCode", ""}}, 422)),
            "ticket.invalid_field");
  auto cats = Public("GET", "/api/v1/public/ticket-categories", nullptr, 200);
  for (const auto& c : cats.at("items").as_array())
    if (c.at("code").as_string() == "opinion") {
      EXPECT_EQ(c.at("target").at("amount").as_int64(), 5);  // unchanged
    }
  // Lists: a status that is not one.
  EXPECT_EQ(Reason(Expect(admin, "GET", "/api/v1/tickets?status=open", nullptr, 422)), "ticket.invalid_field");
  EXPECT_EQ(Reason(Expect(admin, "GET", "/api/v1/ticket-figures?from=2026-13-01", nullptr, 422)), "ticket.invalid_field");
  Public("GET", "/api/v1/public/tickets/TNOSUCHCODE00", nullptr, 404);
}

TEST_P(TicketApiTest, BuildingContactsShowOnlyPublishedPhonesToResidents) {
  if (!app_) return;
  const auto estate = NewEstate("360104002001", "联系人小区");
  auto b = Expect(admin, "POST", "/api/v1/estates/" + std::to_string(estate) + "/buildings",
                  json::object{{"number", "3"}, {"floors", 6}, {"stairwells", 2}}, 201);
  const auto building = b.at("id").as_int64();
  const std::string base = "/api/v1/buildings/" + std::to_string(building) + "/contacts/";
  Expect(admin, "PUT", base + "building_leader", json::object{{"name", "王楼长"}, {"phone", "13911112222"}}, 200);
  auto all = Expect(admin, "PUT", base + "team_phone", json::object{{"name", "施工队"}, {"phone", "0791-88123401"}, {"phonePublic", true}}, 200);
  EXPECT_EQ(all.at("items").as_array().size(), 2u);
  EXPECT_EQ(Reason(Expect(admin, "PUT", base + "mayor", json::object{{"name", "x"}, {"phone", "1"}}, 422)), "ticket.invalid_field");
  // The open web: no key, or another estate's key, lists nobody (issue #15).
  const std::string pub_base = "/api/v1/public/estates/" + std::to_string(estate) + "/contacts";
  auto refused = Public("GET", pub_base, nullptr, 403);
  EXPECT_EQ(Reason(refused), "ticket.contacts_key_required");
  EXPECT_EQ(last_public_body.find("王楼长"), std::string::npos);
  // Staff see every phone and the residents' link with the stairwell key.
  auto staff = Expect(admin, "GET", "/api/v1/estates/" + std::to_string(estate) + "/contacts", nullptr, 200);
  EXPECT_EQ(staff.at("items").as_array().size(), 2u);
  EXPECT_NE(json::serialize(staff).find("13911112222"), std::string::npos) << "staff follow up by every phone";
  const std::string url(staff.at("residentUrl").as_string());
  const auto at = url.find("&key=");
  ASSERT_NE(at, std::string::npos) << url;
  EXPECT_NE(url.find("/h5/#/tickets/new?estate=" + std::to_string(estate)), std::string::npos) << url;
  const auto key = url.substr(at + 5);
  EXPECT_EQ(key.size(), 16u);
  // The residents, from the board's QR code.
  Public("GET", pub_base + "?key=" + key, nullptr, 200);
  EXPECT_EQ(last_public_body.find("13911112222"), std::string::npos) << "an unpublished phone is not shown";
  EXPECT_NE(last_public_body.find("0791-88123401"), std::string::npos);
  EXPECT_NE(last_public_body.find("王楼长"), std::string::npos);
  std::string wrong = key;
  wrong[0] = wrong[0] == '0' ? '1' : '0';
  Public("GET", pub_base + "?key=" + wrong, nullptr, 403);
  const auto other = NewEstate("360104002001", "别的小区");
  auto other_staff = Expect(admin, "GET", "/api/v1/estates/" + std::to_string(other) + "/contacts", nullptr, 200);
  EXPECT_TRUE(other_staff.at("items").as_array().empty());
  const std::string other_url(other_staff.at("residentUrl").as_string());
  EXPECT_NE(other_url.substr(other_url.find("&key=") + 5), key) << "each estate has its own key";
  Public("GET", "/api/v1/public/estates/" + std::to_string(other) + "/contacts?key=" + key, nullptr, 403);
  // The stairwell board: names and published phones, the QR code of the residents' link.
  auto board = As(admin, "GET", "/api/v1/estates/" + std::to_string(estate) + "/contacts/board");
  EXPECT_EQ(board.status, 200);
  EXPECT_NE(board.body.find("王楼长"), std::string::npos);
  EXPECT_NE(board.body.find("0791-88123401"), std::string::npos);
  EXPECT_EQ(board.body.find("13911112222"), std::string::npos) << "the board shows published phones only";
  EXPECT_NE(board.body.find("<svg"), std::string::npos);
  EXPECT_NE(board.body.find("key=" + key), std::string::npos);
  Expect(admin, "GET", "/api/v1/estates/999999/contacts", nullptr, 404);
}

TEST_P(TicketApiTest, APhotoUploadedFirstIsAttachedOnceByItsSender) {
  if (!app_) return;
  const auto estate = NewEstate("360104002001", "照片小区");
  auto upload = [&](const std::string& type, const std::string& bytes) {
    return Call("POST", "/api/v1/public/ticket-photos?estateId=" + std::to_string(estate),
                "--hxT\r\nContent-Disposition: form-data; name=\"file\"; filename=\"ditch.jpg\"\r\nContent-Type: " + type +
                    "\r\n\r\n" + bytes + "\r\n--hxT--\r\n",
                {{"content-type", "multipart/form-data; boundary=hxT"}});
  };
  auto r = upload("image/jpeg", SampleJpegWithExif());
  ASSERT_EQ(r.status, 201) << r.body;
  const auto photo = IdOf(r.Json());
  EXPECT_EQ(upload("text/plain", "not an image").status / 100, 4);  // refused: not an image
  auto created = Public("POST", "/api/v1/public/tickets",
                        json::object{{"category", "safety_hazard"}, {"content", "沟槽没有围挡"}, {"estateId", estate},
                                     {"photoFileIds", json::array{photo}}},
                        201);
  const auto code = std::string(created.at("code").as_string());
  auto staff = ByCode(code);
  auto full = Expect(admin, "GET", T(staff.at("id").as_int64()), nullptr, 200);
  ASSERT_EQ(full.at("photoFileIds").as_array().size(), 1u);
  EXPECT_EQ(full.at("photoFileIds").at(0).as_int64(), photo);
  auto file = As(admin, "GET", "/api/v1/files/" + std::to_string(photo));
  EXPECT_EQ(file.status, 200);
  EXPECT_EQ(file.body.find("Exif"), std::string::npos) << "metadata stripped";
  // Attached once: a second ticket cannot take it.
  const auto before = Count();
  auto again = Public("POST", "/api/v1/public/tickets",
                      json::object{{"category", "safety_hazard"}, {"content", "再报一次"}, {"photoFileIds", json::array{photo}}}, 422);
  EXPECT_EQ(Reason(again), "ticket.invalid_field");
  EXPECT_EQ(Count(), before);
}

// Open311 on both databases (web/scripts/check-open311.mjs validates every endpoint against the
// standard's schemas on SQLite): a form post found by id, by token and in the list, in JSON and
// XML, without the phone; the standard's errors for a bad key, an unknown service and a missing
// required attribute.
TEST_P(TicketApiTest, Open311FormPostsAreFoundByIdAndTokenWithoutPersonalData) {
  if (!app_) return;
  const auto estate = NewEstate("360104002001", "开放小区");
  auto key = Expect(admin, "POST", "/api/v1/open311/clients", json::object{{"name", "12345热线"}}, 201);
  const std::string api_key(key.at("apiKey").as_string());
  EXPECT_EQ(Expect(admin, "GET", "/api/v1/open311/clients", nullptr, 200).at("items").at(0).as_object().contains("apiKey"), false);
  const std::map<std::string, std::string> form_type{{"content-type", "application/x-www-form-urlencoded"}};
  const std::string body = "service_code=safety_hazard&description=%E6%B2%9F%E6%A7%BD&phone=13900031199&address_id=" +
                           std::to_string(estate) + "&api_key=";
  auto posted = Call("POST", "/open311/v2/requests.json", body + api_key, form_type);
  ASSERT_EQ(posted.status, 201) << posted.body;
  const std::string id(posted.Json().at(0).at("service_request_id").as_string());
  EXPECT_EQ(posted.Json().at(0).at("token").as_string(), id);
  for (const auto& path : {"/open311/v2/requests/" + id + ".json", "/open311/v2/tokens/" + id + ".json",
                           "/open311/v2/requests.json?service_request_id=" + id, "/open311/v2/requests/" + id + ".xml"}) {
    auto r = Call("GET", path);
    EXPECT_EQ(r.status, 200) << path << " → " << r.body;
    EXPECT_NE(r.body.find(id), std::string::npos) << path;
    EXPECT_EQ(r.body.find("13900031199"), std::string::npos) << path << ": the phone is never in an Open311 answer";
    EXPECT_EQ(r.body.find("沟槽"), std::string::npos) << path << ": nor the resident's words";
  }
  auto one = Call("GET", "/open311/v2/requests/" + id + ".json").Json().at(0);
  EXPECT_EQ(one.at("status").as_string(), "open");
  EXPECT_EQ(one.at("address").as_string(), "开放小区");
  EXPECT_NE(std::string(one.at("requested_datetime").as_string()).find("+08:00"), std::string::npos);
  auto xml = Call("GET", "/open311/v2/requests/" + id + ".xml");
  EXPECT_EQ(xml.body.rfind("<?xml", 0), 0u);
  EXPECT_NE(xml.body.find("<service_requests><request><service_request_id>" + id + "</service_request_id>"), std::string::npos) << xml.body;
  // Resolved is closed for Open311.
  const auto tid = ByCode(id).at("id").as_int64();
  for (const char* to : {"accepted", "in_progress", "resolved"}) Expect(admin, "POST", T(tid) + "/transitions", json::object{{"to", to}}, 200);
  EXPECT_EQ(Call("GET", "/open311/v2/requests/" + id + ".json").Json().at(0).at("status").as_string(), "closed");

  const auto before = Count();
  auto bad_key = Call("POST", "/open311/v2/requests.json", body + "wrong", form_type);
  EXPECT_EQ(bad_key.status, 403);
  EXPECT_EQ(bad_key.Json().at(0).at("code").as_int64(), 403);
  auto unknown = Call("POST", "/open311/v2/requests.xml",
                      "service_code=nope&description=x&api_key=" + api_key, form_type);
  EXPECT_EQ(unknown.status, 404);
  EXPECT_NE(unknown.body.find("<errors><error><code>404</code><description>"), std::string::npos) << unknown.body;
  auto missing = Call("POST", "/open311/v2/requests.json", "service_code=warranty_defect&description=x&api_key=" + api_key, form_type);
  EXPECT_EQ(missing.status, 400);
  EXPECT_NE(missing.body.find("defect_item"), std::string::npos) << missing.body;
  EXPECT_EQ(Count(), before);
}

INSTANTIATE_TEST_SUITE_P(Sqlite, TicketApiTest, ::testing::Values("sqlite"));
INSTANTIATE_TEST_SUITE_P(Postgres, TicketApiTest, ::testing::Values("postgres"));

}  // namespace
}  // namespace huanxin::testing
