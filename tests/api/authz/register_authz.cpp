// The register's routes in the authorization matrix (rows: register.csv): estates, buildings,
// dwellings, owners, households, roster import, exports and roll-ups.
// Puts on each side: "estate" in the side's community, its "building" (6 floors, 2 stairwells), a
// "dwelling" there and its "owner" (text "owner_id_number"; the owner's phone and ID number are the
// side's secrets, seen in clear only by street and community users on the in-scope side). On the
// in-scope side the assigned roles (supervisor, contractor, utility, property) are assigned to the
// estate. DELETE routes and unlinking act on fresh objects.
#include "api/authz/register_authz.hpp"

#include <cstdio>

#include "core/register/identity.hpp"

namespace huanxin::testing::authz {

namespace reg {

std::int64_t NewEstate(AuthzMatrixTest& t, const std::string& community) {
  const std::string n = std::to_string(t.Next());
  return t.Post(
      "/api/v1/estates",
      json::object{
          {"regionCode", community}, {"name", "矩阵小区" + n}, {"address", "测试路" + n + "号"}, {"builtYear", 1990}});
}

std::int64_t NewBuilding(AuthzMatrixTest& t, std::int64_t estate) {
  return t.Post("/api/v1/estates/" + std::to_string(estate) + "/buildings",
                json::object{{"number", std::to_string(100 + t.Next())}, {"floors", 6}, {"stairwells", 2}});
}

std::int64_t NewDwelling(AuthzMatrixTest& t, std::int64_t building) {
  return t.Post(
      "/api/v1/buildings/" + std::to_string(building) + "/dwellings",
      json::object{{"stairwell", 1}, {"floor", 1}, {"room", std::to_string(1000 + t.Next())}, {"exclusiveArea", 50}});
}

std::int64_t NewOwner(AuthzMatrixTest& t, std::string* id_number, const std::string& phone) {
  // Born 1970-01-(1 + n / 1000) with sequence n % 1000: no two owners share an ID number.
  const auto n = static_cast<unsigned>(t.Next());
  char first17[18];
  std::snprintf(first17, sizeof first17, "3601041970010%1u%03u", 1 + n / 1000 % 9, n % 1000);
  const std::string id = first17 + std::string(1, core::reg::IdCheckCharacter(first17));
  if (id_number) *id_number = id;
  json::object body{{"name", "业主" + std::to_string(n)}, {"idNumber", id}};
  if (!phone.empty()) body["phone"] = phone;
  return t.Post("/api/v1/owners", body);
}

void Link(AuthzMatrixTest& t, std::int64_t dwelling, std::int64_t owner) {
  t.Post("/api/v1/dwellings/" + std::to_string(dwelling) + "/owners", json::object{{"ownerId", owner}});
}

}  // namespace reg

namespace {

void Setup(AuthzMatrixTest& t, Side& s) {
  const std::string phone = s.in() ? "13900002001" : "13900006001";
  const auto estate = reg::NewEstate(t, s.community());
  const auto building = reg::NewBuilding(t, estate);
  const auto dwelling = reg::NewDwelling(t, building);
  std::string id_number;
  const auto owner = reg::NewOwner(t, &id_number, phone);
  reg::Link(t, dwelling, owner);
  s.Put("estate", estate);
  s.Put("building", building);
  s.Put("dwelling", dwelling);
  s.Put("owner", owner);
  s.Put("owner_id_number", id_number);
  // register:pii:read inside the in-scope side; no caller's scope covers 360104006001 with it. POST
  // owners sends the ID number (a look-up): it may come back.
  const std::set<std::string> may_see = s.in() ? std::set<std::string>{"street", "community"} : std::set<std::string>{};
  s.secrets.push_back({"owner phone " + phone, phone, may_see, {}});
  s.secrets.push_back({"owner ID number", id_number, may_see, {"POST /api/v1/owners"}});
  if (s.in())
    for (const auto& role : AuthzMatrixTest::AssignedRoles()) {
      auto r = t.AsAdmin("PATCH", "/api/v1/users/" + std::to_string(t.caller(role).id),
                         json::object{{"assignments", json::array{json::object{{"kind", "estate"}, {"id", estate}}}}});
      EXPECT_EQ(r.status, 200) << "assign estate " << estate << " to " << role << ": " << r.body;
    }
}

// Design (ARCHITECTURE.md §1): supervisors and property companies see their *assigned* estates,
// contractors and utilities their assigned projects, residents their own dwellings — not every estate
// of the region their account is filed under. PII rule (register_access.hpp): personal data only
// inside the caller's own scope; linking an owner known only by its (sequential) id into one's own
// dwelling must not reveal that owner.
void Checks(AuthzMatrixTest& t, Side& in, Side& out) {
  auto unassigned = reg::NewEstate(t, in.community());
  for (const char* role : {"supervisor", "contractor", "utility", "property", "resident"}) {
    auto r = t.As(t.caller(role).session, "GET", "/api/v1/estates/" + std::to_string(unassigned));
    t.Counted();
    if (r.status != 403)
      t.Problem(std::string("LEAK (design: assigned estates only) GET /api/v1/estates/{id} as ") + role +
                " on an unassigned estate of its own community " + in.community() + ": expected deny, got " +
                std::to_string(r.status));
  }
  for (const char* role : {"street", "community"}) {
    auto d = reg::NewDwelling(t, in.Id("building"));
    auto r = t.As(t.caller(role).session, "POST", "/api/v1/dwellings/" + std::to_string(d) + "/owners",
                  json::object{{"ownerId", out.Id("owner")}});
    t.Counted();
    t.Scan(role, "POST /api/v1/dwellings/{id}/owners (ownerId of an out-of-scope owner)", r, "in scope");
    auto g = t.As(t.caller(role).session, "GET", "/api/v1/dwellings/" + std::to_string(d));
    t.Counted();
    t.Scan(role, "GET /api/v1/dwellings/{id} (after linking an out-of-scope owner)", g, "in scope");
  }
}

// The side's estate, building or dwelling in `param`; a fresh one for DELETE.
Factory Estate() {
  return [](Case& c, Req& r) {
    r.Path("{id}", c.key.starts_with("DELETE ") ? reg::NewEstate(c.t, c.side.community()) : c.side.Id("estate"));
  };
}
Factory Building() {
  return [](Case& c, Req& r) {
    r.Path("{id}", c.key.starts_with("DELETE ") ? reg::NewBuilding(c.t, c.side.Id("estate")) : c.side.Id("building"));
  };
}
Factory Dwelling() {
  return [](Case& c, Req& r) {
    r.Path("{id}", c.key.starts_with("DELETE ") ? reg::NewDwelling(c.t, c.side.Id("building")) : c.side.Id("dwelling"));
  };
}
// Then a JSON body.
Factory With(Factory path, std::function<json::value(Case&)> body) {
  return [path, body](Case& c, Req& r) {
    path(c, r);
    r.Json(body(c));
  };
}

Context RegisterContext() {
  Context c;
  c.name = "register";
  c.setup = Setup;
  c.checks = Checks;
  const Factory by_community = [](Case& c, Req& r) { r.Query("regionCode=" + c.side.community()); };
  c.routes = {
      {"GET /api/v1/register/dictionaries", Plain()},
      {"GET /api/v1/register/rollup", by_community},
      {"GET /api/v1/import-template.xlsx", Plain()},
      {"GET /api/v1/estates", by_community},
      {"GET /api/v1/estates.xlsx", by_community},
      {"POST /api/v1/estates",
       [](Case& c, Req& r) {
         r.Json(json::object{{"regionCode", c.side.community()},
                             {"name", "新小区" + c.n},
                             {"address", "新路" + c.n + "号"},
                             {"builtYear", 1990}});
       }},
      {"GET /api/v1/estates/{id}", Estate()},
      {"PATCH /api/v1/estates/{id}", With(Estate(),
                                          [](Case& c) {
                                            return json::object{{"address", "改址" + c.n + "号"}};
                                          })},
      {"DELETE /api/v1/estates/{id}", Estate()},
      {"GET /api/v1/estates/{id}/summary", Estate()},
      {"GET /api/v1/estates/{id}/eligibility", Estate()},
      {"GET /api/v1/estates/{id}/buildings", Estate()},
      {"POST /api/v1/estates/{id}/buildings", With(Estate(),
                                                   [](Case& c) {
                                                     return json::object{{"number", "2" + c.n}, {"floors", 6}};
                                                   })},
      {"GET /api/v1/estates/{id}/dwellings", Estate()},
      {"GET /api/v1/estates/{id}/dwellings.xlsx", Estate()},
      {"POST /api/v1/estates/{id}/dwellings/import",
       [](Case& c, Req& r) {
         Estate()(c, r);
         const std::string boundary = "hxAuthzBoundary";
         r.Body("multipart/form-data; boundary=" + boundary,
                "--" + boundary +
                    "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"r.csv\"\r\nContent-Type: "
                    "text/csv\r\n\r\n"
                    "楼栋,单元,楼层,房号,专有部分面积(㎡),面积来源,出售状态,业主姓名,证件号码,联系电话\r\n9,1,1,9" +
                    c.n + ",50.00,实测,开发商未售,,,\r\n--" + boundary + "--\r\n");
       }},
      {"GET /api/v1/buildings/{id}", Building()},
      {"PATCH /api/v1/buildings/{id}", With(Building(),
                                            [](Case&) {
                                              return json::object{{"floors", 6}};
                                            })},
      {"DELETE /api/v1/buildings/{id}", Building()},
      {"GET /api/v1/buildings/{id}/dwellings", Building()},
      {"POST /api/v1/buildings/{id}/dwellings",
       With(Building(),
            [](Case& c) {
              return json::object{{"stairwell", 1}, {"floor", 2}, {"room", "2" + c.n}, {"exclusiveArea", 50}};
            })},
      {"GET /api/v1/dwellings/{id}", Dwelling()},
      {"PATCH /api/v1/dwellings/{id}", With(Dwelling(),
                                            [](Case&) {
                                              return json::object{{"exclusiveArea", 51}};
                                            })},
      {"DELETE /api/v1/dwellings/{id}", Dwelling()},
      {"PUT /api/v1/dwellings/{id}/household",
       With(
           Dwelling(),
           [](Case&) {
             return json::object{{"residents", 1}, {"aged60Plus", 0}, {"disabled", 0}, {"occupancy", "owner_occupied"}};
           })},
      {"POST /api/v1/dwellings/{id}/owners", With(Dwelling(),
                                                  [](Case& c) {
                                                    return json::object{{"ownerId", reg::NewOwner(c.t)}};
                                                  })},
      // A fresh dwelling of the side's owner.
      {"DELETE /api/v1/dwellings/{id}/owners/{ownerId}",
       [](Case& c, Req& r) {
         auto d = reg::NewDwelling(c.t, c.side.Id("building"));
         reg::Link(c.t, d, c.side.Id("owner"));
         r.Path("{id}", d).Path("{ownerId}", c.side.Id("owner"));
       }},
      {"GET /api/v1/owners", Plain()},
      // The ID number of the side's owner under another name and without a phone: what comes back
      // beyond what was sent is the stored record.
      {"POST /api/v1/owners",
       [](Case& c, Req& r) {
         r.Json(json::object{{"name", "查询人"}, {"idNumber", c.side.Text("owner_id_number")}});
       }},
  };
  return c;
}

}  // namespace

HX_AUTHZ_CONTEXT(RegisterContext)

}  // namespace huanxin::testing::authz
