// Consultation's routes in the authorization matrix (rows: consultation.csv): consultations, rounds,
// ballots (staff, paper and the resident's), follow-ups, tallies, evidence, public receipts and lift
// cost sharing.
// Puts on each side: an open "consultation" on the side's estate with one estate-wide "item"; a
// second owned dwelling (so follow-up lists are not empty); the "ballot_code" of the side's dwelling;
// the "receipt" of a staff ballot cast for it; the "file" of an evidence photo uploaded to the
// consultation. {id} is that consultation, except open (a fresh draft), close and rounds (a fresh
// open one).
#include "api/authz/register_authz.hpp"
#include "testing/sample_images.hpp"

namespace huanxin::testing::authz {
namespace {

struct Consultation {
  std::int64_t id = 0, item = 0;
};

// A consultation on the estate with one estate-wide item, as admin; opened when asked (which makes
// one ballot code per dwelling).
Consultation NewConsultation(AuthzMatrixTest& t, std::int64_t estate, bool open) {
  Consultation c;
  const std::string n = std::to_string(t.Next());
  json::array items{json::object{{"title", "加装电梯意愿" + n},
                                 {"rule", json::object{{"type", "art278"}, {"matter", 7}}},
                                 {"scope", json::object{{"type", "estate"}}}}};
  auto r = t.AsAdmin(
      "POST", "/api/v1/consultations",
      json::object{{"estateId", estate}, {"title", "矩阵协商" + n}, {"kind", "willingness"}, {"items", items}});
  EXPECT_EQ(r.status, 201) << "POST /api/v1/consultations → " << r.body;
  if (r.status != 201 || !r.Json().is_object()) return c;
  const auto j = r.Json();
  const auto& o = j.as_object();
  c.id = o.at("id").as_int64();
  c.item = o.at("items").as_array().at(0).as_object().at("id").as_int64();
  if (open) {
    auto opened = t.AsAdmin("POST", "/api/v1/consultations/" + std::to_string(c.id) + "/open");
    EXPECT_EQ(opened.status, 200) << "open consultation " << c.id << " → " << opened.body;
  }
  return c;
}

constexpr const char* kEvidenceType = "multipart/form-data; boundary=hxEvidence";
std::string EvidenceBody() {
  return "--hxEvidence\r\nContent-Disposition: form-data; name=\"file\"; filename=\"ballot.jpg\"\r\n\r\n" +
         SampleJpegWithExif() + "\r\n--hxEvidence--\r\n";
}

void Setup(AuthzMatrixTest& t, Side& s) {
  const auto dwelling = s.Id("dwelling");
  reg::Link(t, reg::NewDwelling(t, s.Id("building")), reg::NewOwner(t));
  auto c = NewConsultation(t, s.Id("estate"), true);
  s.Put("consultation", c.id);
  s.Put("item", c.item);
  const std::string base = "/api/v1/consultations/" + std::to_string(c.id);
  auto codes = t.AsAdmin("GET", base + "/codes");
  EXPECT_EQ(codes.status, 200) << base << "/codes → " << codes.body;
  const auto list = codes.status == 200 ? codes.Json() : json::value(nullptr);
  std::string code;
  if (list.is_object())
    for (const auto& e : list.as_object().at("items").as_array())
      if (e.as_object().at("dwellingId").as_int64() == dwelling)
        code = std::string(e.as_object().at("code").as_string());
  EXPECT_FALSE(code.empty()) << "no ballot code for dwelling " << dwelling;
  s.Put("ballot_code", code);
  auto cast =
      t.AsAdmin("PUT", base + "/ballots/" + std::to_string(dwelling),
                json::object{{"choices", json::object{{std::to_string(c.item), "agree"}}}, {"channel", "door"}});
  EXPECT_EQ(cast.status, 200) << base << "/ballots → " << cast.body;
  std::string receipt;
  if (cast.status == 200) receipt = std::string(cast.Json().as_object().at("receipt").as_string());
  EXPECT_FALSE(receipt.empty());
  s.Put("receipt", receipt);
  auto file = t.Call("POST", base + "/evidence", EvidenceBody(),
                     {{"Authorization", "Bearer " + t.admin.token}, {"Content-Type", kEvidenceType}});
  EXPECT_EQ(file.status, 201) << base << "/evidence → " << file.body;
  if (file.status == 201) s.Put("file", file.Json().as_object().at("id").as_int64());
}

// The side's consultation, dwelling and ballot code in the path.
void PathOf(Case& c, Req& r, std::int64_t consultation) {
  r.Path("{id}", consultation);
  if (r.target.find("{dwellingId}") != std::string::npos) r.Path("{dwellingId}", c.side.Id("dwelling"));
  if (r.target.find("{code}") != std::string::npos) r.Path("{code}", c.side.Text("ballot_code"));
}
Factory Same() {
  return [](Case& c, Req& r) { PathOf(c, r, c.side.Id("consultation")); };
}
Factory Same(std::function<void(Case&, Req&)> then) {
  return [then](Case& c, Req& r) {
    PathOf(c, r, c.side.Id("consultation"));
    then(c, r);
  };
}

Context ConsultationContext() {
  Context c;
  c.name = "consultation";
  c.after = {"register"};
  c.setup = Setup;
  c.routes = {
      {"GET /api/v1/consultations",
       [](Case& c, Req& r) { r.Query("estateId=" + std::to_string(c.side.Id("estate"))); }},
      {"POST /api/v1/consultations",
       [](Case& c, Req& r) {
         r.Json(
             json::object{{"estateId", c.side.Id("estate")},
                          {"title", "新协商" + c.n},
                          {"kind", "menu"},
                          {"items", json::array{json::object{{"title", "屋面防水" + c.n},
                                                             {"rule", json::object{{"type", "art278"}, {"matter", 9}}},
                                                             {"scope", json::object{{"type", "estate"}}}}}}});
       }},
      {"GET /api/v1/consultations/{id}", Same()},
      {"POST /api/v1/consultations/{id}/open",
       [](Case& c, Req& r) { PathOf(c, r, NewConsultation(c.t, c.side.Id("estate"), false).id); }},
      {"POST /api/v1/consultations/{id}/close",
       [](Case& c, Req& r) { PathOf(c, r, NewConsultation(c.t, c.side.Id("estate"), true).id); }},
      {"POST /api/v1/consultations/{id}/rounds",
       [](Case& c, Req& r) {
         auto fresh = NewConsultation(c.t, c.side.Id("estate"), true);
         PathOf(c, r, fresh.id);
         r.Json(json::object{{"itemIds", json::array{fresh.item}}});
       }},
      {"GET /api/v1/consultations/{id}/codes",
       Same([](Case& c, Req& r) { r.Query("buildingId=" + std::to_string(c.side.Id("building"))); })},
      {"GET /api/v1/consultations/{id}/ballots.pdf",
       Same([](Case& c, Req& r) { r.Query("buildingId=" + std::to_string(c.side.Id("building"))); })},
      {"GET /api/v1/consultations/{id}/paper/{code}", Same()},
      {"GET /api/v1/consultations/{id}/ballots",
       Same([](Case& c, Req& r) { r.Query("dwellingId=" + std::to_string(c.side.Id("dwelling"))); })},
      // The choice the fixture cast already: recorded again, nothing else changes.
      {"PUT /api/v1/consultations/{id}/ballots/{dwellingId}", Same([](Case& c, Req& r) {
         r.Json(json::object{{"choices", json::object{{std::to_string(c.side.Id("item")), "agree"}}},
                             {"channel", "door"}});
       })},
      {"POST /api/v1/consultations/{id}/evidence", Same([](Case&, Req& r) { r.Body(kEvidenceType, EvidenceBody()); })},
      {"GET /api/v1/consultations/{id}/tally", Same()},
      {"GET /api/v1/consultations/{id}/followups", Same()},
      {"GET /api/v1/consultations/{id}/followups.pdf", Same()},
      {"POST /api/v1/consultations/{id}/followups/assign", Same([](Case& c, Req& r) {
         r.Json(json::object{{"dwellingIds", json::array{c.side.Id("dwelling")}}, {"userId", c.side.Id("user")}});
       })},
      {"POST /api/v1/consultations/{id}/followups/visits", Same([](Case& c, Req& r) {
         r.Json(json::object{{"dwellingId", c.side.Id("dwelling")}, {"outcome", "absent"}, {"note", "矩阵走访" + c.n}});
       })},
      {"GET /api/v1/ballot/{code}", [](Case& c, Req& r) { r.Path("{code}", c.side.Text("ballot_code")); }},
      {"PUT /api/v1/ballot/{code}",
       [](Case& c, Req& r) {
         r.Path("{code}", c.side.Text("ballot_code"))
             .Json(json::object{{"choices", json::object{{std::to_string(c.side.Id("item")), "agree"}}}});
       }},
      {"GET /api/v1/public/receipts/{code}", [](Case& c, Req& r) { r.Path("{code}", c.side.Text("receipt")); }},
      {"POST /api/v1/lift-share",
       [](Case& c, Req& r) {
         json::object coefficients;
         for (int f = 1; f <= 6; ++f) coefficients[std::to_string(f)] = "1";
         r.Json(json::object{{"buildingId", c.side.Id("building")},
                             {"stairwell", 1},
                             {"totalCost", 10000000},
                             {"exemptFloors", json::array{}},
                             {"coefficients", coefficients}});
       }},
  };
  return c;
}

}  // namespace

HX_AUTHZ_CONTEXT(ConsultationContext)

}  // namespace huanxin::testing::authz
