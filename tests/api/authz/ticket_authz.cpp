// Resident tickets' routes in the authorization matrix (rows: ticket.csv): the public filing,
// follow-up, rating, reopening, categories and contacts; the staff queue, intake, transitions,
// merges, figures, routing, targets and building contacts.
// Puts on each side: "ticket" (filed by admin for a resident of the side's estate, with a phone
// only ticket:read roles in its region may see), its code "ticket_code", and "ticket_dup" (a second
// ticket the merge closes into the first).
#include "api/authz/authz_core.hpp"
#include "testing/sample_images.hpp"

namespace huanxin::testing::authz {
namespace {

json::object Intake(std::int64_t estate, const std::string& content, const std::string& phone) {
  return json::object{{"category", "safety_hazard"}, {"content", content}, {"estateId", estate},
                      {"phone", phone},              {"visitNote", "矩阵入户走访"}};
}

Context TicketContext() {
  Context c;
  c.name = "ticket";
  c.after = {"register"};
  c.setup = [](AuthzMatrixTest& t, Side& s) {
    const std::string phone = s.in() ? "13900014001" : "13900014006";
    const auto ticket = t.Post("/api/v1/tickets", Intake(s.Id("estate"), "矩阵诉求", phone));
    const auto dup = t.Post("/api/v1/tickets", Intake(s.Id("estate"), "矩阵重复诉求", phone));
    auto got = t.AsAdmin("GET", "/api/v1/tickets/" + std::to_string(ticket));
    EXPECT_EQ(got.status, 200) << got.body;
    s.Put("ticket", ticket);
    s.Put("ticket_dup", dup);
    s.Put("ticket_code", got.status == 200 ? std::string(got.Json().as_object().at("code").as_string()) : std::string("T000000000000"));
    // The resident's phone: ticket:read inside the ticket's region (or its handling street).
    const std::set<std::string> may_see = s.in() ? std::set<std::string>{"admin", "bureau", "street", "community"}
                                                 : std::set<std::string>{"admin", "bureau"};
    s.secrets.push_back({"ticket phone " + phone, phone, may_see, {"POST /api/v1/tickets"}});
    // An Open311 client key: shown once to the admin who issued it, never again.
    auto key = t.AsAdmin("POST", "/api/v1/open311/clients", json::object{{"name", "矩阵客户端"}});
    EXPECT_EQ(key.status, 201) << key.body;
    const std::string api_key = key.status == 201 ? std::string(key.Json().at("apiKey").as_string()) : "";
    s.Put("open311_key", api_key);
    s.secrets.push_back({"open311 api_key", api_key, {}, {"POST /open311/v2/requests.json", "POST /open311/v2/requests.xml"}});
    // The Open311 form carries the resident's phone: never in an Open311 answer.
    s.secrets.push_back({"open311 phone", "13900014311", {"admin", "bureau", "street", "community"},
                         {"POST /open311/v2/requests.json", "POST /open311/v2/requests.xml"}});
  };
  auto form = [](Case& c, Req& r) {
    r.Body("application/x-www-form-urlencoded", "api_key=" + c.side.Text("open311_key") +
                                                    "&service_code=suggestion&description=%E7%9F%A9%E9%98%B5" + c.n +
                                                    "&phone=13900014311&address_id=" + std::to_string(c.side.Id("estate")));
  };
  auto suffixed = [](const char* ext) {
    return [ext](Case& c, Req& r) { r.Path("{id}", c.side.Text("ticket_code") + ext); };
  };
  auto code = [](std::function<void(Case&, Req&)> then) {
    return [then](Case& c, Req& r) {
      r.Path("{code}", c.side.Text("ticket_code"));
      then(c, r);
    };
  };
  c.routes = {
      {"POST /api/v1/public/tickets",
       [](Case& c, Req& r) {
         r.Json(json::object{{"category", "suggestion"}, {"content", "公开诉求" + c.n}, {"estateId", c.side.Id("estate")}});
       }},
      {"POST /api/v1/public/ticket-photos",
       [](Case& c, Req& r) {
         r.Query("estateId=" + std::to_string(c.side.Id("estate")))
             .Body("multipart/form-data; boundary=hxTicket",
                   "--hxTicket\r\nContent-Disposition: form-data; name=\"file\"; filename=\"ditch.jpg\"\r\n"
                   "Content-Type: image/jpeg\r\n\r\n" +
                       SampleJpegWithExif() + "\r\n--hxTicket--\r\n");
       }},
      {"GET /api/v1/public/tickets/{code}", code([](Case&, Req&) {})},
      {"POST /api/v1/public/tickets/{code}/rating", code([](Case&, Req& r) { r.Json(json::object{{"rating", 5}}); })},
      {"POST /api/v1/public/tickets/{code}/reopen", code([](Case&, Req& r) { r.Json(json::object{{"reason", "矩阵重开"}}); })},
      {"GET /api/v1/public/ticket-categories", Plain()},
      {"GET /api/v1/public/estates/{id}/contacts", Fill("{id}", "estate")},
      {"GET /api/v1/estates/{id}/contacts", Fill("{id}", "estate")},
      {"GET /api/v1/estates/{id}/contacts/board", Fill("{id}", "estate")},
      {"GET /api/v1/tickets", [](Case& c, Req& r) { r.Query("regionCode=" + c.side.community()); }},
      {"POST /api/v1/tickets",
       [](Case& c, Req& r) { r.Json(Intake(c.side.Id("estate"), "入户诉求" + c.n, "13900014999")); }},
      {"GET /api/v1/tickets/{id}", Fill("{id}", "ticket")},
      {"POST /api/v1/tickets/{id}/transitions",
       [](Case& c, Req& r) { r.Path("{id}", c.side.Id("ticket")).Json(json::object{{"to", "accepted"}, {"note", "矩阵受理"}}); }},
      {"POST /api/v1/tickets/{id}/merge",
       [](Case& c, Req& r) { r.Path("{id}", c.side.Id("ticket_dup")).Json(json::object{{"keptId", c.side.Id("ticket")}}); }},
      {"GET /api/v1/ticket-figures", [](Case& c, Req& r) { r.Query("regionCode=" + c.side.community()); }},
      {"GET /api/v1/ticket-routes", Plain()},
      {"PUT /api/v1/ticket-routes",
       [](Case& c, Req& r) {
         r.Json(json::object{{"category", "suggestion"},
                             {"regionCode", c.side.street()},
                             {"department", "矩阵科室" + c.n},
                             {"handlerRegionCode", c.side.street()}});
       }},
      {"PUT /api/v1/ticket-categories/{code}/target",
       [](Case&, Req& r) { r.Path("{code}", std::string("suggestion")).Json(json::object{{"amount", 10}, {"unit", "working_days"}}); }},
      {"PUT /api/v1/buildings/{id}/contacts/{role}",
       [](Case& c, Req& r) {
         r.Path("{id}", c.side.Id("building"))
             .Path("{role}", std::string("building_leader"))
             .Json(json::object{{"name", "矩阵楼长" + c.n}, {"phone", "13900014777"}});
       }},
      {"GET /open311/v2/discovery.json", Plain()},
      {"GET /open311/v2/discovery.xml", Plain()},
      {"GET /open311/v2/services.json", Plain()},
      {"GET /open311/v2/services.xml", Plain()},
      {"GET /open311/v2/services/{code}", [](Case&, Req& r) { r.Path("{code}", std::string("suggestion.json")); }},
      {"GET /open311/v2/requests.json", Plain()},
      {"GET /open311/v2/requests.xml", Plain()},
      {"POST /open311/v2/requests.json", form},
      {"POST /open311/v2/requests.xml", form},
      {"GET /open311/v2/requests/{id}", suffixed(".json")},
      {"GET /open311/v2/tokens/{id}", suffixed(".xml")},
      {"GET /open311/v2/servicerequestupdates.json", Plain()},
      {"GET /open311/v2/servicerequestupdates.xml", Plain()},
      {"GET /api/v1/open311/clients", Plain()},
      {"POST /api/v1/open311/clients", [](Case& c, Req& r) { r.Json(json::object{{"name", "矩阵客户端" + c.n}}); }},
  };
  return c;
}

}  // namespace

HX_AUTHZ_CONTEXT(TicketContext)

}  // namespace huanxin::testing::authz
