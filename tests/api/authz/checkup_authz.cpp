// Check-up's routes in the authorization matrix (rows: checkup.csv): campaigns, capture, photos,
// review, problems, reports, roll-ups, and the indicator catalogue.
// Puts on each side: a street-wide "campaign" (region = the side's street) holding the side's estate
// with one observation (so a community user is inside the campaign's area and sees its estate only).
// {id} is that campaign, a fresh one with an observation for submit and a fresh submitted one for
// approve and return. Catalogue and item routes have no region: {id} is the current draft catalogue
// version (made when none exists; publish publishes it, so the next call makes a new one), {code} is
// item B01.
#include <ctime>

#include "api/authz/authz_core.hpp"
#include "testing/sample_images.hpp"

namespace huanxin::testing::authz {
namespace {

// The year of a campaign: this year (the server takes 2019 … next year).
int ThisYear() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  return tm.tm_year + 1900;
}

// One building-level flag observation on the side's building (H01.cracks present). Sent again with
// the same clientId it is an idempotent resend that changes nothing.
json::object ObservationBody(const Side& s) {
  return json::object{{"observations", json::array{json::object{{"clientId", "matrix-obs-1"},
                                                                {"estateId", s.Id("estate")},
                                                                {"buildingId", s.Id("building")},
                                                                {"indicator", "H01"},
                                                                {"criterion", "H01.cracks"},
                                                                {"present", true},
                                                                {"note", "矩阵体检"}}}}};
}

// A campaign of the side's street holding the side's estate, as admin, with one observation;
// submitted when asked (for approve and return).
std::int64_t NewCampaign(AuthzMatrixTest& t, const Side& s, bool submitted) {
  auto r = t.AsAdmin("POST", "/api/v1/checkups",
                     json::object{{"title", "矩阵体检" + std::to_string(t.Next())},
                                  {"year", ThisYear()},
                                  {"regionCode", s.street()},
                                  {"estateIds", json::array{s.Id("estate")}}});
  EXPECT_EQ(r.status, 201) << "POST /api/v1/checkups → " << r.body;
  if (r.status != 201 || !r.Json().is_object()) return 0;
  const auto id = r.Json().as_object().at("id").as_int64();
  const std::string base = "/api/v1/checkups/" + std::to_string(id);
  auto obs = t.AsAdmin("POST", base + "/observations", ObservationBody(s));
  EXPECT_EQ(obs.status, 200) << base << "/observations → " << obs.body;
  if (submitted) {
    auto sub = t.AsAdmin("POST", base + "/submit", json::object{{"estateId", s.Id("estate")}});
    EXPECT_EQ(sub.status, 200) << base << "/submit → " << sub.body;
  }
  return id;
}

// The draft catalogue version (only one may exist): the current one, or a new one from the latest
// published version.
std::int64_t DraftCatalog(AuthzMatrixTest& t) {
  auto list = t.AsAdmin("GET", "/api/v1/checkup/catalogs");
  EXPECT_EQ(list.status, 200) << "GET /api/v1/checkup/catalogs → " << list.body;
  const auto catalogs = list.status == 200 ? list.Json() : json::value(nullptr);
  if (catalogs.is_object())
    for (const auto& e : catalogs.as_object().at("items").as_array())
      if (e.as_object().at("state").as_string() == "draft") return e.as_object().at("id").as_int64();
  auto r = t.AsAdmin("POST", "/api/v1/checkup/catalogs");
  EXPECT_EQ(r.status, 201) << "POST /api/v1/checkup/catalogs → " << r.body;
  return r.status == 201 && r.Json().is_object() ? r.Json().as_object().at("id").as_int64() : 0;
}

constexpr const char* kPhotoType = "multipart/form-data; boundary=hxPhoto";
std::string PhotoBody() {
  return "--hxPhoto\r\nContent-Disposition: form-data; name=\"file\"; filename=\"checkup.jpg\"\r\n"
         "Content-Type: image/jpeg\r\n\r\n" +
         SampleJpegWithExif() + "\r\n--hxPhoto--\r\n";
}

// The side's campaign in {id}, then `then`.
Factory Campaign(std::function<void(Case&, Req&)> then = nullptr) {
  return [then](Case& c, Req& r) {
    r.Path("{id}", c.side.Id("campaign"));
    if (then) then(c, r);
  };
}
void ByEstate(Case& c, Req& r) { r.Query("estateId=" + std::to_string(c.side.Id("estate"))); }
// A review step on a fresh campaign (submitted or not), with the side's estate and a comment.
Factory Review(bool submitted, const char* comment) {
  return [submitted, comment](Case& c, Req& r) {
    r.Path("{id}", NewCampaign(c.t, c.side, submitted));
    json::object body{{"estateId", c.side.Id("estate")}};
    if (comment) body["comment"] = comment + c.n;
    r.Json(body);
  };
}

Context CheckupContext() {
  Context c;
  c.name = "checkup";
  c.after = {"register"};
  c.setup = [](AuthzMatrixTest& t, Side& s) { s.Put("campaign", NewCampaign(t, s, false)); };
  c.routes = {
      {"GET /api/v1/checkups", [](Case& c, Req& r) { r.Query("regionCode=" + c.side.community()); }},
      {"POST /api/v1/checkups",
       [](Case& c, Req& r) {
         r.Json(json::object{{"title", "新体检" + c.n},
                             {"year", ThisYear()},
                             {"regionCode", c.side.community()},
                             {"estateIds", json::array{c.side.Id("estate")}}});
       }},
      {"GET /api/v1/checkups/{id}", Campaign()},
      {"POST /api/v1/checkups/{id}/assign", Campaign([](Case& c, Req& r) {
         r.Json(json::object{{"estateIds", json::array{c.side.Id("estate")}}, {"userId", c.side.Id("user")}});
       })},
      {"GET /api/v1/checkups/{id}/observations", Campaign(ByEstate)},
      {"POST /api/v1/checkups/{id}/observations", Campaign([](Case& c, Req& r) { r.Json(ObservationBody(c.side)); })},
      {"POST /api/v1/checkups/{id}/photos", Campaign([](Case&, Req& r) { r.Body(kPhotoType, PhotoBody()); })},
      {"POST /api/v1/checkups/{id}/submit", Review(false, nullptr)},
      {"POST /api/v1/checkups/{id}/approve", Review(true, "矩阵审核")},
      {"POST /api/v1/checkups/{id}/return", Review(true, "矩阵退回")},
      {"GET /api/v1/checkups/{id}/problems", Campaign(ByEstate)},
      {"GET /api/v1/checkups/{id}/report.html", Campaign(ByEstate)},
      {"GET /api/v1/checkups/{id}/report.pdf", Campaign(ByEstate)},
      {"GET /api/v1/checkups/{id}/report.xlsx", Campaign(ByEstate)},
      {"POST /api/v1/checkups/{id}/reports", Campaign()},
      {"GET /api/v1/regions/{code}/problems",
       [](Case& c, Req& r) { r.Path("{code}", c.side.community()).Query("year=" + std::to_string(ThisYear())); }},
      {"GET /api/v1/checkup/catalogs", Plain()},
      {"POST /api/v1/checkup/catalogs", Plain()},  // may answer 409 checkup.draft_exists: past authorization
      {"GET /api/v1/checkup/catalogs/{id}", [](Case& c, Req& r) { r.Path("{id}", DraftCatalog(c.t)); }},
      {"POST /api/v1/checkup/catalogs/{id}/indicators",
       [](Case& c, Req& r) {
         const std::string& n = c.n;
         r.Path("{id}", DraftCatalog(c.t))
             .Json(json::object{{"code", "L" + n},
                                {"nameZh", "矩阵本地指标" + n},
                                {"level", "estate"},
                                {"subDimension", "设施完善"},
                                {"problemUnit", "个"},
                                {"criteria", json::array{json::object{
                                                 {"code", "L" + n + ".missing"},
                                                 {"nameZh", "缺少矩阵设施"},
                                                 {"rule", json::object{{"type", "flag"}, {"severity", "problem"}}},
                                                 {"suggestedItems", json::array{"B01"}}}}}});
       }},
      {"POST /api/v1/checkup/catalogs/{id}/publish", [](Case& c, Req& r) { r.Path("{id}", DraftCatalog(c.t)); }},
      {"GET /api/v1/checkup/indicators",
       [](Case& c, Req& r) { r.Query("catalogId=" + std::to_string(DraftCatalog(c.t))); }},
      {"GET /api/v1/checkup/items", Plain()},
      {"PATCH /api/v1/checkup/items/{code}",
       [](Case&, Req& r) {
         r.Path("{code}", "B01").Json(json::object{{"unitCost", 15000}});
       }},
  };
  return c;
}

}  // namespace

HX_AUTHZ_CONTEXT(CheckupContext)

}  // namespace huanxin::testing::authz
