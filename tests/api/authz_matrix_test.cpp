// The authorization matrix of issue #6, on SQLite and PostgreSQL: every route of the application (Application::routes)
// called by every role against an object inside and an object outside the caller's scope, checked
// against tests/api/authz_matrix.csv (allow: past authorization, i.e. neither 401 nor 403; deny: 403).
// One application per backend; the rows are looped over. The route table and the matrix must list
// the same routes. Every response is also scanned for owners' personal data the caller may not see.
#include <boost/json.hpp>
#include <ctime>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include "api/api_fixture.hpp"
#include "testing/sample_images.hpp"
#include "core/register/identity.hpp"

#ifndef HX_AUTHZ_MATRIX
#error "HX_AUTHZ_MATRIX must name tests/api/authz_matrix.csv"
#endif

namespace huanxin::testing {
namespace {

namespace json = boost::json;

const char* const kRoles[] = {"admin",      "bureau",  "street",   "community", "supervisor",
                              "contractor", "utility", "property", "resident"};
const char* const kAssignedRoles[] = {"supervisor", "contractor", "utility", "property"};
const std::string kPassword = "Street#2026x";

struct Row {
  std::string method, path, role, in_scope, out_of_scope;
  int line = 0;
};

std::vector<Row> ReadMatrix(const std::string& file, std::vector<std::string>& problems) {
  std::ifstream in(file);
  std::vector<Row> rows;
  if (!in) {
    problems.push_back("cannot open " + file);
    return rows;
  }
  std::string line;
  int n = 0;
  bool header = true;
  while (std::getline(in, line)) {
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cells;
    std::stringstream ss(line);
    for (std::string c; std::getline(ss, c, ',');) cells.push_back(c);
    if (header) {
      header = false;
      if (line != "method,path,role,in_scope,out_of_scope") problems.push_back("line " + std::to_string(n) + ": bad header");
      continue;
    }
    if (cells.size() != 5) {
      problems.push_back("line " + std::to_string(n) + ": expected 5 cells: " + line);
      continue;
    }
    Row r{cells[0], cells[1], cells[2], cells[3], cells[4], n};
    auto ok = [](const std::string& v, bool na) { return v == "allow" || v == "deny" || (na && v == "n/a"); };
    if (!ok(r.in_scope, false) || !ok(r.out_of_scope, true))
      problems.push_back("line " + std::to_string(n) + ": values must be allow, deny or n/a: " + line);
    rows.push_back(std::move(r));
  }
  return rows;
}

std::string Id(const std::string& first17) { return first17 + core::reg::IdCheckCharacter(first17); }

class AuthzMatrixTest : public ApiTest {
 protected:
  // One side of the matrix: the objects inside (or outside) the callers' scope.
  struct Side {
    std::string street, community;
    std::int64_t estate = 0, building = 0, dwelling = 0, owner = 0, user = 0;
    std::string id_number, phone;
    // An open consultation on the estate (issue #5): its one item, the ballot code of `dwelling`
    // (unused: the fixture's ballot is cast by staff) and the receipt of that ballot.
    std::int64_t consultation = 0, item = 0, file = 0;
    std::string code, receipt;
    // A street-wide check-up campaign (issue #4) holding the estate, with one observation.
    std::int64_t campaign = 0;
  };

  std::int64_t Post(const std::string& target, const json::value& body) {
    auto r = As(admin_, "POST", target, body);
    EXPECT_TRUE(r.status == 200 || r.status == 201) << target << " → " << r.status << " " << r.body;
    return r.status < 300 && r.Json().is_object() && r.Json().as_object().contains("id") ? r.Json().as_object()["id"].as_int64() : 0;
  }
  std::int64_t NewEstate(const std::string& community) {
    return Post("/api/v1/estates", json::object{{"regionCode", community}, {"name", "矩阵小区" + std::to_string(++n_)},
                                                {"address", "测试路" + std::to_string(n_) + "号"}, {"builtYear", 1990}});
  }
  std::int64_t NewBuilding(std::int64_t estate) {
    return Post("/api/v1/estates/" + std::to_string(estate) + "/buildings",
                json::object{{"number", std::to_string(100 + ++n_)}, {"floors", 6}, {"stairwells", 2}});
  }
  std::int64_t NewDwelling(std::int64_t building) {
    return Post("/api/v1/buildings/" + std::to_string(building) + "/dwellings",
                json::object{{"stairwell", 1}, {"floor", 1}, {"room", std::to_string(1000 + ++n_)}, {"exclusiveArea", 50}});
  }
  std::int64_t NewOwner(std::string* id_number = nullptr, const std::string& phone = "") {
    char seq[8];
    std::snprintf(seq, sizeof seq, "%03d", ++n_ % 1000);
    auto id = Id(std::string("36010419700101") + seq);
    if (id_number) *id_number = id;
    json::object body{{"name", "业主" + std::to_string(n_)}, {"idNumber", id}};
    if (!phone.empty()) body["phone"] = phone;
    return Post("/api/v1/owners", body);
  }
  void Link(std::int64_t dwelling, std::int64_t owner) {
    Post("/api/v1/dwellings/" + std::to_string(dwelling) + "/owners", json::object{{"ownerId", owner}});
  }

  // A consultation on the estate with one estate-wide item, as admin; opened when asked (which makes
  // one ballot code per dwelling).
  struct Consultation {
    std::int64_t id = 0, item = 0;
  };
  Consultation NewConsultation(std::int64_t estate, bool open) {
    Consultation c;
    const std::string n = std::to_string(++n_);
    json::array items{json::object{{"title", "加装电梯意愿" + n},
                                   {"rule", json::object{{"type", "art278"}, {"matter", 7}}},
                                   {"scope", json::object{{"type", "estate"}}}}};
    auto r = As(admin_, "POST", "/api/v1/consultations",
                json::object{{"estateId", estate}, {"title", "矩阵协商" + n}, {"kind", "willingness"}, {"items", items}});
    EXPECT_EQ(r.status, 201) << "POST /api/v1/consultations → " << r.body;
    if (r.status != 201 || !r.Json().is_object()) return c;
    const auto j = r.Json();
    const auto& o = j.as_object();
    c.id = o.at("id").as_int64();
    c.item = o.at("items").as_array().at(0).as_object().at("id").as_int64();
    if (open) {
      auto opened = As(admin_, "POST", "/api/v1/consultations/" + std::to_string(c.id) + "/open");
      EXPECT_EQ(opened.status, 200) << "open consultation " << c.id << " → " << opened.body;
    }
    return c;
  }

  // The side's consultation: a second (owned) dwelling so that follow-up lists are not empty, an open
  // consultation, the ballot code of the side's dwelling and a receipt of a staff ballot for it.
  void AddConsultation(Side& s) {
    Link(NewDwelling(s.building), NewOwner());
    auto c = NewConsultation(s.estate, true);
    s.consultation = c.id;
    s.item = c.item;
    const std::string base = "/api/v1/consultations/" + std::to_string(c.id);
    auto codes = As(admin_, "GET", base + "/codes");
    EXPECT_EQ(codes.status, 200) << base << "/codes → " << codes.body;
    const auto list = codes.status == 200 ? codes.Json() : json::value(nullptr);
    if (list.is_object())
      for (const auto& e : list.as_object().at("items").as_array())
        if (e.as_object().at("dwellingId").as_int64() == s.dwelling) s.code = std::string(e.as_object().at("code").as_string());
    EXPECT_FALSE(s.code.empty()) << "no ballot code for dwelling " << s.dwelling;
    auto cast = As(admin_, "PUT", base + "/ballots/" + std::to_string(s.dwelling),
                   json::object{{"choices", json::object{{std::to_string(c.item), "agree"}}}, {"channel", "door"}});
    EXPECT_EQ(cast.status, 200) << base << "/ballots → " << cast.body;
    if (cast.status == 200) s.receipt = std::string(cast.Json().as_object().at("receipt").as_string());
    EXPECT_FALSE(s.receipt.empty());
    auto file = Call("POST", base + "/evidence", EvidenceBody(), {{"Authorization", "Bearer " + admin_.token}, {"Content-Type", kEvidenceType}});
    EXPECT_EQ(file.status, 201) << base << "/evidence → " << file.body;
    if (file.status == 201) s.file = file.Json().as_object().at("id").as_int64();
  }

  // Check-ups (issue #4). The year of a campaign: this year (the server takes 2019 … next year).
  static int ThisYear() {
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    return tm.tm_year + 1900;
  }
  // One building-level flag observation on the side's building (H01.cracks present). Sent again with
  // the same clientId it is an idempotent resend that changes nothing.
  static json::object ObservationBody(const Side& s) {
    return json::object{{"observations", json::array{json::object{{"clientId", "matrix-obs-1"},
                                                                  {"estateId", s.estate},
                                                                  {"buildingId", s.building},
                                                                  {"indicator", "H01"},
                                                                  {"criterion", "H01.cracks"},
                                                                  {"present", true},
                                                                  {"note", "矩阵体检"}}}}};
  }
  // A campaign of the side's street holding the side's estate, as admin, with one observation; submitted
  // when asked (for approve and return).
  std::int64_t NewCampaign(const Side& s, bool submitted) {
    auto r = As(admin_, "POST", "/api/v1/checkups",
                json::object{{"title", "矩阵体检" + std::to_string(++n_)}, {"year", ThisYear()}, {"regionCode", s.street},
                             {"estateIds", json::array{s.estate}}});
    EXPECT_EQ(r.status, 201) << "POST /api/v1/checkups → " << r.body;
    if (r.status != 201 || !r.Json().is_object()) return 0;
    const auto id = r.Json().as_object().at("id").as_int64();
    const std::string base = "/api/v1/checkups/" + std::to_string(id);
    auto obs = As(admin_, "POST", base + "/observations", ObservationBody(s));
    EXPECT_EQ(obs.status, 200) << base << "/observations → " << obs.body;
    if (submitted) {
      auto sub = As(admin_, "POST", base + "/submit", json::object{{"estateId", s.estate}});
      EXPECT_EQ(sub.status, 200) << base << "/submit → " << sub.body;
    }
    return id;
  }
  // The draft catalogue version (only one may exist): the current one, or a new one from the latest
  // published version.
  std::int64_t DraftCatalog() {
    auto list = As(admin_, "GET", "/api/v1/checkup/catalogs");
    EXPECT_EQ(list.status, 200) << "GET /api/v1/checkup/catalogs → " << list.body;
    const auto catalogs = list.status == 200 ? list.Json() : json::value(nullptr);
    if (catalogs.is_object())
      for (const auto& e : catalogs.as_object().at("items").as_array())
        if (e.as_object().at("state").as_string() == "draft") return e.as_object().at("id").as_int64();
    auto r = As(admin_, "POST", "/api/v1/checkup/catalogs");
    EXPECT_EQ(r.status, 201) << "POST /api/v1/checkup/catalogs → " << r.body;
    return r.status == 201 && r.Json().is_object() ? r.Json().as_object().at("id").as_int64() : 0;
  }
  static constexpr const char* kPhotoType = "multipart/form-data; boundary=hxPhoto";
  static std::string PhotoBody() {
    return "--hxPhoto\r\nContent-Disposition: form-data; name=\"file\"; filename=\"checkup.jpg\"\r\n"
           "Content-Type: image/jpeg\r\n\r\n" +
           SampleJpegWithExif() + "\r\n--hxPhoto--\r\n";
  }

  static constexpr const char* kEvidenceType = "multipart/form-data; boundary=hxEvidence";
  static std::string EvidenceBody() {
    return "--hxEvidence\r\nContent-Disposition: form-data; name=\"file\"; filename=\"ballot.jpg\"\r\n\r\n" +
           SampleJpegWithExif() + "\r\n--hxEvidence--\r\n";
  }

  Side MakeSide(const std::string& street, const std::string& community, const std::string& phone,
                const std::string& username, const std::string& user_role, const std::string& user_scope) {
    Side s;
    s.street = street;
    s.community = community;
    s.phone = phone;
    s.estate = NewEstate(community);
    s.building = NewBuilding(s.estate);
    s.dwelling = NewDwelling(s.building);
    s.owner = NewOwner(&s.id_number, phone);
    Link(s.dwelling, s.owner);
    s.user = CreateUser(username, user_role, user_scope);
    return s;
  }

  struct Req {
    std::string target, body;
    std::map<std::string, std::string> headers;
  };

  // The request for one row: a harmless, valid call on the side's object (fresh objects for DELETE,
  // for the consultation state changes open, close and rounds, and for the check-up state changes
  // submit, approve and return).
  Req Build(const std::string& method, const std::string& pattern, const Side& side) {
    Req c;
    auto put = [&](const std::string& key, std::int64_t v) {
      auto at = c.target.find(key);
      if (at != std::string::npos) c.target.replace(at, key.size(), std::to_string(v));
    };
    auto put_text = [&](const std::string& key, const std::string& v) {
      auto at = c.target.find(key);
      if (at != std::string::npos) c.target.replace(at, key.size(), v);
    };
    c.target = pattern;
    json::value body = nullptr;
    const bool del = method == "DELETE";
    const std::string key = method + " " + pattern;
    Consultation fresh;  // for open (a draft), close and rounds (open ones)
    if (pattern.starts_with("/api/v1/buildings/")) {
      put("{id}", del ? NewBuilding(side.estate) : side.building);
    } else if (pattern == "/api/v1/dwellings/{id}/owners/{ownerId}") {
      auto d = NewDwelling(side.building);
      Link(d, side.owner);
      put("{id}", d);
      put("{ownerId}", side.owner);
    } else if (pattern.starts_with("/api/v1/dwellings/")) {
      put("{id}", del ? NewDwelling(side.building) : side.dwelling);
    } else if (pattern.starts_with("/api/v1/estates/")) {
      put("{id}", del ? NewEstate(side.community) : side.estate);
    } else if (pattern.starts_with("/api/v1/users/")) {
      put("{id}", side.user);
    } else if (pattern.starts_with("/api/v1/files/")) {
      put("{id}", side.file);
    } else if (pattern.starts_with("/api/v1/jobs/")) {
      put("{id}", 999999);  // no job exists: a region-less lookup
    } else if (pattern.starts_with("/api/v1/regions/{code}")) {
      c.target.replace(c.target.find("{code}"), 6, side.community);
    } else if (pattern.starts_with("/api/v1/consultations/")) {
      std::int64_t id = side.consultation;
      if (key == "POST /api/v1/consultations/{id}/open") {
        fresh = NewConsultation(side.estate, false);
        id = fresh.id;
      } else if (key == "POST /api/v1/consultations/{id}/close" || key == "POST /api/v1/consultations/{id}/rounds") {
        fresh = NewConsultation(side.estate, true);
        id = fresh.id;
      }
      put("{id}", id);
      put("{dwellingId}", side.dwelling);
      put_text("{code}", side.code);
    } else if (pattern.starts_with("/api/v1/checkups/")) {
      std::int64_t id = side.campaign;
      if (key == "POST /api/v1/checkups/{id}/submit")
        id = NewCampaign(side, false);  // draft, with an observation
      else if (key == "POST /api/v1/checkups/{id}/approve" || key == "POST /api/v1/checkups/{id}/return")
        id = NewCampaign(side, true);  // submitted
      put("{id}", id);
    } else if (pattern.starts_with("/api/v1/checkup/catalogs/")) {
      put("{id}", DraftCatalog());
    } else if (pattern.starts_with("/api/v1/checkup/items/")) {
      put_text("{code}", "B01");
    } else if (pattern.starts_with("/api/v1/ballot/")) {
      put_text("{code}", side.code);
    } else if (pattern.starts_with("/api/v1/public/receipts/")) {
      put_text("{code}", side.receipt);
    }
    const std::string n = std::to_string(++n_);
    if (key == "GET /api/v1/estates" || key == "GET /api/v1/estates.xlsx" || key == "GET /api/v1/users" ||
        key == "GET /api/v1/audit" || key == "GET /api/v1/register/rollup")
      c.target += "?regionCode=" + side.community;
    else if (key == "GET /api/v1/consultations")
      c.target += "?estateId=" + std::to_string(side.estate);
    else if (key == "GET /api/v1/checkups")
      c.target += "?regionCode=" + side.community;
    else if (key == "GET /api/v1/checkups/{id}/observations" || key == "GET /api/v1/checkups/{id}/problems" ||
             key == "GET /api/v1/checkups/{id}/report.html" || key == "GET /api/v1/checkups/{id}/report.pdf" ||
             key == "GET /api/v1/checkups/{id}/report.xlsx")
      c.target += "?estateId=" + std::to_string(side.estate);
    else if (key == "GET /api/v1/checkup/indicators")
      c.target += "?catalogId=" + std::to_string(DraftCatalog());
    else if (key == "GET /api/v1/regions/{code}/problems")
      c.target += "?year=" + std::to_string(ThisYear());
    else if (key == "POST /api/v1/checkups")
      body = json::object{{"title", "新体检" + n}, {"year", ThisYear()}, {"regionCode", side.community},
                          {"estateIds", json::array{side.estate}}};
    else if (key == "POST /api/v1/checkups/{id}/assign")
      body = json::object{{"estateIds", json::array{side.estate}}, {"userId", side.user}};
    else if (key == "POST /api/v1/checkups/{id}/observations")
      body = ObservationBody(side);
    else if (key == "POST /api/v1/checkups/{id}/submit")
      body = json::object{{"estateId", side.estate}};
    else if (key == "POST /api/v1/checkups/{id}/approve")
      body = json::object{{"estateId", side.estate}, {"comment", "矩阵审核" + n}};
    else if (key == "POST /api/v1/checkups/{id}/return")
      body = json::object{{"estateId", side.estate}, {"comment", "矩阵退回" + n}};
    else if (key == "POST /api/v1/checkup/catalogs/{id}/indicators")
      body = json::object{{"code", "L" + n}, {"nameZh", "矩阵本地指标" + n}, {"level", "estate"},
                          {"subDimension", "设施完善"}, {"problemUnit", "个"},
                          {"criteria", json::array{json::object{{"code", "L" + n + ".missing"}, {"nameZh", "缺少矩阵设施"},
                                                                {"rule", json::object{{"type", "flag"}, {"severity", "problem"}}},
                                                                {"suggestedItems", json::array{"B01"}}}}}};
    else if (key == "PATCH /api/v1/checkup/items/{code}")
      body = json::object{{"unitCost", 15000}};
    else if (key == "GET /api/v1/consultations/{id}/ballots")
      c.target += "?dwellingId=" + std::to_string(side.dwelling);
    else if (key == "GET /api/v1/consultations/{id}/codes" || key == "GET /api/v1/consultations/{id}/ballots.pdf")
      c.target += "?buildingId=" + std::to_string(side.building);
    else if (key == "POST /api/v1/consultations")
      body = json::object{{"estateId", side.estate}, {"title", "新协商" + n}, {"kind", "menu"},
                          {"items", json::array{json::object{
                                        {"title", "屋面防水" + n},
                                        {"rule", json::object{{"type", "art278"}, {"matter", 9}}},
                                        {"scope", json::object{{"type", "estate"}}}}}}};
    else if (key == "PUT /api/v1/consultations/{id}/ballots/{dwellingId}")
      // The choice the fixture cast already: recorded again, nothing else changes.
      body = json::object{{"choices", json::object{{std::to_string(side.item), "agree"}}}, {"channel", "door"}};
    else if (key == "PUT /api/v1/ballot/{code}")
      body = json::object{{"choices", json::object{{std::to_string(side.item), "agree"}}}};
    else if (key == "POST /api/v1/consultations/{id}/followups/assign")
      body = json::object{{"dwellingIds", json::array{side.dwelling}}, {"userId", side.user}};
    else if (key == "POST /api/v1/consultations/{id}/followups/visits")
      body = json::object{{"dwellingId", side.dwelling}, {"outcome", "absent"}, {"note", "矩阵走访" + n}};
    else if (key == "POST /api/v1/consultations/{id}/rounds")
      body = json::object{{"itemIds", json::array{fresh.item}}};
    else if (key == "POST /api/v1/lift-share") {
      json::object coefficients;
      for (int f = 1; f <= 6; ++f) coefficients[std::to_string(f)] = "1";
      body = json::object{{"buildingId", side.building}, {"stairwell", 1}, {"totalCost", 10000000},
                          {"exemptFloors", json::array{}}, {"coefficients", coefficients}};
    }
    else if (key == "GET /api/v1/regions")
      c.target += "?parent=" + side.street;
    else if (key == "POST /api/v1/auth/login")
      body = json::object{{"username", "admin"}, {"password", passwords_["admin"]}};
    else if (key == "PATCH /api/v1/buildings/{id}")
      body = json::object{{"floors", 6}};
    else if (key == "POST /api/v1/buildings/{id}/dwellings")
      body = json::object{{"stairwell", 1}, {"floor", 2}, {"room", "2" + n}, {"exclusiveArea", 50}};
    else if (key == "PATCH /api/v1/dwellings/{id}")
      body = json::object{{"exclusiveArea", 51}};
    else if (key == "PUT /api/v1/dwellings/{id}/household")
      body = json::object{{"residents", 1}, {"aged60Plus", 0}, {"disabled", 0}, {"occupancy", "owner_occupied"}};
    else if (key == "POST /api/v1/dwellings/{id}/owners")
      body = json::object{{"ownerId", NewOwner()}};
    else if (key == "POST /api/v1/estates")
      body = json::object{{"regionCode", side.community}, {"name", "新小区" + n}, {"address", "新路" + n + "号"}, {"builtYear", 1990}};
    else if (key == "PATCH /api/v1/estates/{id}")
      body = json::object{{"address", "改址" + n + "号"}};
    else if (key == "POST /api/v1/estates/{id}/buildings")
      body = json::object{{"number", "2" + n}, {"floors", 6}};
    else if (key == "POST /api/v1/owners")
      // The ID number of the side's owner under another name and without a phone: what comes back
      // beyond what was sent is the stored record.
      body = json::object{{"name", "查询人"}, {"idNumber", side.id_number}};
    else if (key == "POST /api/v1/regions/{code}/grids")
      body = json::object{{"name", "矩阵网格" + n}};
    else if (key == "POST /api/v1/users")
      body = json::object{{"username", "new.user" + n}, {"displayName", "新用户"}, {"role", "community"},
                          {"scopeCode", side.community}, {"password", kPassword}};
    else if (key == "PATCH /api/v1/users/{id}")
      body = json::object{{"displayName", "改名" + n}};
    else if (key == "POST /api/v1/users/{id}/reset-password")
      body = json::object{{"newPassword", "Renewed#2026x"}};
    if (key == "POST /api/v1/checkups/{id}/photos") {
      c.headers["Content-Type"] = kPhotoType;
      c.body = PhotoBody();
    } else if (key == "POST /api/v1/consultations/{id}/evidence") {
      c.headers["Content-Type"] = kEvidenceType;
      c.body = EvidenceBody();
    } else if (key == "POST /api/v1/estates/{id}/dwellings/import") {
      const std::string boundary = "hxAuthzBoundary";
      c.headers["Content-Type"] = "multipart/form-data; boundary=" + boundary;
      c.body = "--" + boundary +
               "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"r.csv\"\r\nContent-Type: text/csv\r\n\r\n"
               "楼栋,单元,楼层,房号,专有部分面积(㎡),面积来源,出售状态,业主姓名,证件号码,联系电话\r\n9,1,1,9" +
               n + ",50.00,实测,开发商未售,,,\r\n--" + boundary + "--\r\n";
    } else if (!body.is_null()) {
      c.body = json::serialize(body);
    }
    return c;
  }

  HttpResponse Fire(const LoginSession* who, const std::string& method, const Req& c) {
    auto headers = c.headers;
    if (who) headers["Authorization"] = "Bearer " + who->token;
    return ApiTest::Call(method, c.target, c.body, headers);
  }

  LoginSession admin_;
  std::map<std::string, std::string> passwords_;
  int n_ = 0;
};

TEST_P(AuthzMatrixTest, EveryRouteAndRoleMatchesTheMatrix) {
  if (!app_) return;
  std::vector<std::string> problems;
  auto rows = ReadMatrix(HX_AUTHZ_MATRIX, problems);

  // The matrix and the route table list the same routes; each route has one row per role
  // (session routes) or one row for role public (public routes).
  const auto& routes = app_->routes();
  std::map<std::string, const http::Route*> by_key;
  for (const auto& r : routes) by_key[r.method + " " + r.pattern] = &r;
  std::map<std::string, std::map<std::string, const Row*>> matrix;  // route → role → row
  for (const auto& row : rows) {
    auto key = row.method + " " + row.path;
    if (!by_key.count(key)) {
      problems.push_back("line " + std::to_string(row.line) + ": " + key + " is not a route of the application (Application::routes)");
      continue;
    }
    if (matrix[key].count(row.role))
      problems.push_back("line " + std::to_string(row.line) + ": duplicate row for " + key + " × " + row.role);
    matrix[key][row.role] = &row;
  }
  for (const auto& [key, route] : by_key) {
    if (!matrix.count(key)) {
      problems.push_back(key + " has no row in authz_matrix.csv");
      continue;
    }
    std::set<std::string> want;
    if (route->access == http::Access::kPublic) want = {"public"};
    else want.insert(std::begin(kRoles), std::end(kRoles));
    std::set<std::string> have;
    for (const auto& [role, _] : matrix[key]) have.insert(role);
    if (have != want) {
      std::string list;
      for (const auto& r : want)
        if (!have.count(r)) list += " missing:" + r;
      for (const auto& r : have)
        if (!want.count(r)) list += " unexpected:" + r;
      problems.push_back(key + " has the wrong roles in authz_matrix.csv:" + list);
    }
  }

  // The callers and the objects.
  admin_ = Admin();
  passwords_["admin"] = kAdminPassword;
  Side in = MakeSide("360104002", "360104002001", "13900002001", "target.in", "community", "360104002001");
  Side out = MakeSide("360104006", "360104006001", "13900006001", "target.out", "street", "360104006");
  AddConsultation(in);
  AddConsultation(out);
  ASSERT_FALSE(in.code.empty() || in.receipt.empty() || out.code.empty() || out.receipt.empty());
  in.campaign = NewCampaign(in, false);
  out.campaign = NewCampaign(out, false);
  ASSERT_TRUE(in.campaign && out.campaign);
  const std::map<std::string, std::string> scopes = {
      {"bureau", "360104"}, {"street", "360104002"}, {"community", "360104002001"}, {"supervisor", "360104002001"},
      {"contractor", "360104002001"}, {"utility", "360104002001"}, {"property", "360104002001"}, {"resident", "360104002001"}};
  std::map<std::string, std::string> usernames = {{"admin", "admin"}};
  std::map<std::string, std::int64_t> ids;
  for (const auto& [role, scope] : scopes) {
    usernames[role] = "matrix." + role;
    passwords_[role] = kPassword;
    ids[role] = CreateUser(usernames[role], role, scope, kPassword);
    ASSERT_NE(ids[role], 0) << role;
  }
  for (const char* role : kAssignedRoles) {
    auto r = As(admin_, "PATCH", "/api/v1/users/" + std::to_string(ids[role]),
                json::object{{"assignments", json::array{json::object{{"kind", "estate"}, {"id", in.estate}}}}});
    ASSERT_EQ(r.status, 200) << role << ": " << r.body;
  }
  std::map<std::string, LoginSession> sessions;
  for (const char* role : kRoles) sessions[role] = Login(usernames[role], passwords_[role]);

  // Owners' personal data a caller may not see must never come back in clear.
  auto scan = [&](const std::string& role, const std::string& key, const HttpResponse& r, const std::string& what) {
    const bool pii_in = role == "street" || role == "community";  // register:pii:read inside the in-scope side
    auto leaks = [&](const Side& s, bool may) {
      if (may) return;
      if (r.body.find(s.phone) != std::string::npos)
        problems.push_back("PII LEAK " + key + " as " + role + " " + what + ": owner phone " + s.phone + " in clear (" +
                           std::to_string(r.status) + ")");
      if (key != "POST /api/v1/owners" && r.body.find(s.id_number) != std::string::npos)
        problems.push_back("PII LEAK " + key + " as " + role + " " + what + ": owner ID number in clear (" +
                           std::to_string(r.status) + ")");
    };
    leaks(in, pii_in);
    leaks(out, false);  // no caller's scope covers 360104006001 with register:pii:read
  };
  auto check = [&](const Row& row, const std::string& expect, int status, const std::string& what, const std::string& body) {
    const std::string where = "line " + std::to_string(row.line) + " " + row.method + " " + row.path + " as " + row.role +
                              " " + what + ": expected " + expect + ", got " + std::to_string(status);
    if (expect == "deny") {
      if (status != 403) problems.push_back("LEAK " + where + " " + body.substr(0, 200));
    } else if (status == 401 || status == 403 || status >= 500 ||
               (status == 404 && row.path != "/api/v1/jobs/{id}")) {
      problems.push_back("REFUSED " + where + " " + body.substr(0, 200));
    }
  };

  int calls = 0;
  for (const auto& route : routes) {
    const std::string key = route.method + " " + route.pattern;
    if (!matrix.count(key)) continue;
    if (route.access == http::Access::kSession) {
      auto r = Fire(nullptr, route.method, Build(route.method, route.pattern, in));
      ++calls;
      if (r.status != 401) problems.push_back(key + " without a session: expected 401, got " + std::to_string(r.status));
    }
    for (const auto& [role, row] : matrix[key]) {
      for (const Side* side : {&in, &out}) {
        const std::string& expect = side == &in ? row->in_scope : row->out_of_scope;
        if (expect == "n/a") continue;
        const std::string what = side == &in ? "in scope" : "out of scope";
        auto c = Build(route.method, route.pattern, *side);
        HttpResponse r;
        if (role == "public") {
          r = Fire(nullptr, route.method, c);
        } else if (key == "POST /api/v1/auth/logout") {
          auto spare = Login(usernames[role], passwords_[role]);
          r = Fire(&spare, route.method, c);
        } else if (key == "POST /api/v1/auth/password") {
          auto spare = Login(usernames[role], passwords_[role]);
          std::string next = "Matrix#2026" + std::to_string(++n_);
          c.body = json::serialize(json::object{{"oldPassword", passwords_[role]}, {"newPassword", next}});
          r = Fire(&spare, route.method, c);
          if (r.status < 300) passwords_[role] = next;
          if (As(sessions[role], "GET", "/api/v1/auth/me").status == 401)
            sessions[role] = Login(usernames[role], passwords_[role]);
          if (role == "admin") admin_ = sessions[role];
        } else {
          r = Fire(&sessions[role], route.method, c);
        }
        ++calls;
        check(*row, expect, r.status, what, r.body);
        if (role != "public") scan(role, key, r, what);
      }
    }
  }

  // Design (ARCHITECTURE.md §1): supervisors and property companies see their *assigned* estates,
  // contractors and utilities their assigned projects, residents their own dwellings — not every
  // estate of the region their account is filed under.
  auto unassigned = NewEstate("360104002001");
  for (const char* role : {"supervisor", "contractor", "utility", "property", "resident"}) {
    auto r = As(sessions[role], "GET", "/api/v1/estates/" + std::to_string(unassigned));
    ++calls;
    if (r.status != 403)
      problems.push_back(std::string("LEAK (design: assigned estates only) GET /api/v1/estates/{id} as ") + role +
                         " on an unassigned estate of its own community 360104002001: expected deny, got " +
                         std::to_string(r.status));
  }

  // PII rule (register_access.hpp): personal data only inside the caller's own scope. Linking an
  // owner known only by its (sequential) id into one's own dwelling must not reveal that owner.
  for (const char* role : {"street", "community"}) {
    auto d = NewDwelling(in.building);
    auto r = As(sessions[role], "POST", "/api/v1/dwellings/" + std::to_string(d) + "/owners",
                json::object{{"ownerId", out.owner}});
    ++calls;
    scan(role, "POST /api/v1/dwellings/{id}/owners (ownerId of an out-of-scope owner)", r, "in scope");
    auto g = As(sessions[role], "GET", "/api/v1/dwellings/" + std::to_string(d));
    ++calls;
    scan(role, "GET /api/v1/dwellings/{id} (after linking an out-of-scope owner)", g, "in scope");
  }

  std::string report;
  for (const auto& p : problems) report += "\n  " + p;
  EXPECT_TRUE(problems.empty()) << problems.size() << " problem(s) in " << rows.size() << " rows, " << calls
                                << " calls:" << report;
  std::cout << "[ authz    ] " << rows.size() << " rows, " << matrix.size() << " routes, " << calls << " calls\n";
}

INSTANTIATE_TEST_SUITE_P(Sqlite, AuthzMatrixTest, ::testing::Values("sqlite"));
INSTANTIATE_TEST_SUITE_P(Postgres, AuthzMatrixTest, ::testing::Values("postgres"));

}  // namespace
}  // namespace huanxin::testing
