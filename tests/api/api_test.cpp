// API tests of the real server over HTTP, on SQLite and on PostgreSQL. Every refused request is
// also checked to have changed nothing in the database.
#include <boost/json.hpp>

#include "api/api_fixture.hpp"
#include "store/auth/user_repository.hpp"

namespace huanxin::testing {
namespace {

namespace json = boost::json;

TEST_P(ApiTest, HealthReportsTheDatabase) {
  if (!app_) return;
  auto r = Call("GET", "/api/v1/health");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.Json().as_object()["database"].as_string(), GetParam());
  EXPECT_FALSE(r.headers["x-request-id"].empty());
  EXPECT_NE(r.headers["content-security-policy"].find("default-src 'self'"), std::string::npos);
}

TEST_P(ApiTest, LoginMeLogoutWithBearerToken) {
  if (!app_) return;
  auto admin = Admin();
  auto me = As(admin, "GET", "/api/v1/auth/me");
  ASSERT_EQ(me.status, 200) << me.body;
  auto user = me.Json().as_object()["user"].as_object();
  EXPECT_EQ(user["username"].as_string(), "admin");
  EXPECT_EQ(user["role"].as_string(), "admin");
  EXPECT_EQ(As(admin, "POST", "/api/v1/auth/logout").status, 204);
  auto after = As(admin, "GET", "/api/v1/auth/me");
  EXPECT_EQ(after.status, 401);
  EXPECT_EQ(after.Reason(), "auth.unauthenticated");
}

// The login answer carries the account as GET /auth/me shows it, scope name included; the
// workbench heads the page with the caller's scope (全国 nationally).
TEST_P(ApiTest, LoginAndWorkbenchNameTheCallersScope) {
  if (!app_) return;
  auto admin_login = Call("POST", "/api/v1/auth/login", R"({"username":"admin","password":"Admin#2026pass"})");
  ASSERT_EQ(admin_login.status, 200) << admin_login.body;
  auto admin = Admin();
  EXPECT_EQ(admin_login.Json().as_object()["user"], As(admin, "GET", "/api/v1/auth/me").Json().as_object()["user"]);
  EXPECT_EQ(admin_login.Json().as_object()["user"].as_object()["scopeName"].as_string(), "全部");
  auto national = As(admin, "GET", "/api/v1/workbench");
  ASSERT_EQ(national.status, 200) << national.body;
  EXPECT_EQ(national.Json().as_object()["regionCode"].as_string(), "");
  EXPECT_EQ(national.Json().as_object()["regionName"].as_string(), "全国");
  EXPECT_TRUE(national.Json().as_object()["sections"].is_object());

  CreateUser("heading.street", "street", "360104002");
  auto street_login = Call("POST", "/api/v1/auth/login", R"({"username":"heading.street","password":"Street#2026x"})");
  ASSERT_EQ(street_login.status, 200) << street_login.body;
  auto user = street_login.Json().as_object()["user"].as_object();
  EXPECT_EQ(user["username"].as_string(), "heading.street");
  EXPECT_EQ(user["scopeCode"].as_string(), "360104002");
  EXPECT_EQ(user["scopeName"].as_string(), "洪都街道");
  EXPECT_FALSE(street_login.Json().as_object()["token"].as_string().empty());
  EXPECT_FALSE(street_login.Json().as_object()["csrfToken"].as_string().empty());
  auto street = Login("heading.street", "Street#2026x");
  EXPECT_EQ(As(street, "GET", "/api/v1/auth/me").Json().as_object()["user"], json::value(user));
  auto heading = As(street, "GET", "/api/v1/workbench").Json().as_object();
  EXPECT_EQ(heading["regionCode"].as_string(), "360104002");
  EXPECT_EQ(heading["regionName"].as_string(), "洪都街道");
}

TEST_P(ApiTest, LoginSetsHttpOnlySameSiteCookie) {
  if (!app_) return;
  auto r = Call("POST", "/api/v1/auth/login", R"({"username":"admin","password":"Admin#2026pass"})");
  ASSERT_EQ(r.status, 200);
  const auto& cookie = r.headers["set-cookie"];
  EXPECT_NE(cookie.find("hx_session="), std::string::npos);
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
}

TEST_P(ApiTest, FiveWrongPasswordsThrottleWithoutWritingAnything) {
  if (!app_) return;
  auto before = Snapshot(app_->db());
  for (int i = 0; i < 5; ++i) {
    auto r = Call("POST", "/api/v1/auth/login", R"({"username":"admin","password":"wrong-password-1"})");
    ASSERT_EQ(r.status, 401) << "attempt " << i + 1;
    EXPECT_EQ(r.Reason(), "auth.invalid_credentials");
  }
  // The sixth attempt is refused even with the right password.
  auto blocked = Call("POST", "/api/v1/auth/login", R"({"username":"admin","password":"Admin#2026pass"})");
  EXPECT_EQ(blocked.status, 429);
  EXPECT_EQ(blocked.Reason(), "auth.too_many_attempts");
  EXPECT_NE(blocked.Json().as_object()["error"].as_object()["message"].as_string().find("登录失败次数过多"),
            json::string::npos);
  EXPECT_EQ(Snapshot(app_->db()), before);
}

// Issue #11 §3 "Nobody can lock others out": five wrong passwords for one username used to lock
// every account behind the same address (one NAT for a whole street office) for 15 minutes.
TEST_P(ApiTest, Issue11SevenWrongPasswordsForOneUserDoNotLockOutAnotherFromTheSameAddress) {
  if (!app_) return;
  CreateUser("colleague.a", "street", "360104002");
  CreateUser("colleague.b", "street", "360104002");
  for (int i = 0; i < 7; ++i) {
    auto r = Call("POST", "/api/v1/auth/login", R"({"username":"colleague.a","password":"wrong-password-1"})");
    EXPECT_EQ(r.status, i < 5 ? 401 : 429) << "attempt " << i + 1;
  }
  // B logs in from the same address (the test client's loopback address).
  auto b = Call("POST", "/api/v1/auth/login", R"({"username":"colleague.b","password":"Street#2026x"})");
  EXPECT_EQ(b.status, 200) << b.body;
  // A stays throttled, even with the right password, and is told it is the username's limit.
  auto a = Call("POST", "/api/v1/auth/login", R"({"username":"Colleague.A","password":"Street#2026x"})");
  EXPECT_EQ(a.status, 429);
  EXPECT_EQ(a.Reason(), "auth.too_many_attempts");
  EXPECT_NE(std::string(a.Json().as_object()["error"].as_object()["detail"].as_string()).find("该账号"), std::string::npos)
      << a.body;
}

TEST_P(ApiTest, Issue11FourWrongPasswordsLeaveTheUsernameOpenTheFifthClosesIt) {
  if (!app_) return;
  CreateUser("colleague.c", "street", "360104002");
  for (int i = 0; i < 4; ++i)
    ASSERT_EQ(Call("POST", "/api/v1/auth/login", R"({"username":"colleague.c","password":"nope"})").status, 401);
  EXPECT_EQ(Call("POST", "/api/v1/auth/login", R"({"username":"colleague.c","password":"Street#2026x"})").status, 200);
  ASSERT_EQ(Call("POST", "/api/v1/auth/login", R"({"username":"colleague.c","password":"nope"})").status, 401);
  EXPECT_EQ(Call("POST", "/api/v1/auth/login", R"({"username":"colleague.c","password":"Street#2026x"})").status, 429);
}

// The address's own bar, made small here through the configuration it is read from
// (auth.login_failures_per_address; 100 by default): failures spread over many usernames from one
// address block the address once they reach it, and not one failure earlier.
class AddressThrottleApiTest : public ApiTest {
 protected:
  void Configure(app::Config& cfg) override {
    cfg.login_failures_per_username = 5;
    cfg.login_failures_per_address = 6;
  }
};

TEST_P(AddressThrottleApiTest, Issue11AddressPassesOneShortOfItsBarAndIsBlockedAtExactlyIt) {
  if (!app_) return;
  CreateUser("colleague.d", "street", "360104002");
  // Five failures for five different (unknown) usernames: no username is over its own bar.
  for (int i = 0; i < 5; ++i) {
    auto r = Call("POST", "/api/v1/auth/login",
                  json::serialize(json::object{{"username", "nobody" + std::to_string(i)}, {"password", "x"}}));
    ASSERT_EQ(r.status, 401) << i;
  }
  EXPECT_EQ(Call("POST", "/api/v1/auth/login", R"({"username":"colleague.d","password":"Street#2026x"})").status, 200)
      << "one short of the address's bar";
  ASSERT_EQ(Call("POST", "/api/v1/auth/login", R"({"username":"nobody9","password":"x"})").status, 401);
  auto blocked = Call("POST", "/api/v1/auth/login", R"({"username":"colleague.d","password":"Street#2026x"})");
  EXPECT_EQ(blocked.status, 429) << "the sixth failure from the address reaches its bar";
  EXPECT_NE(std::string(blocked.Json().as_object()["error"].as_object()["detail"].as_string()).find("本地址"),
            std::string::npos)
      << blocked.body;
}

INSTANTIATE_TEST_SUITE_P(Sqlite, AddressThrottleApiTest, ::testing::Values("sqlite"));
INSTANTIATE_TEST_SUITE_P(Postgres, AddressThrottleApiTest, ::testing::Values("postgres"));

// A server as deployed (test_weak_password_hash off, the default) stores new passwords at argon2id's
// interactive cost: the bootstrap admin and an account made through the API. The other suites run
// with the weak test cost (api_fixture.cpp); this one proves the switch is off unless asked for.
class ProductionHashApiTest : public ApiTest {
 protected:
  void Configure(app::Config& cfg) override { cfg.test_weak_password_hash = false; }
};

TEST_P(ProductionHashApiTest, ProductionServersHashAtTheInteractiveCost) {
  if (!app_) return;
  auto id = CreateUser("colleague.p", "street", "360104002");
  ASSERT_GT(id, 0);
  for (const std::string username : {"admin", "colleague.p"}) {
    auto user =
        store::ReadResult(db(), [&](store::Session& s) { return store::UserRepository::FindByUsername(s, username); });
    ASSERT_TRUE(user && *user) << username;
    EXPECT_EQ((*user)->password_hash.rfind("$argon2id$v=19$m=65536,t=2,p=1$", 0), 0u) << username;
  }
  EXPECT_EQ(Call("POST", "/api/v1/auth/login", R"({"username":"colleague.p","password":"Street#2026x"})").status, 200);
}

INSTANTIATE_TEST_SUITE_P(Sqlite, ProductionHashApiTest, ::testing::Values("sqlite"));
INSTANTIATE_TEST_SUITE_P(Postgres, ProductionHashApiTest, ::testing::Values("postgres"));

TEST_P(ApiTest, CookieWriteNeedsCsrfToken) {
  if (!app_) return;
  auto login = Call("POST", "/api/v1/auth/login", R"({"username":"admin","password":"Admin#2026pass"})");
  ASSERT_EQ(login.status, 200);
  auto token = std::string(login.Json().as_object()["token"].as_string());
  auto csrf = std::string(login.Json().as_object()["csrfToken"].as_string());
  std::string body = R"({"username":"csrf.user","displayName":"跨站","role":"street","scopeCode":"360104002","password":"Street#2026x"})";
  auto before = Snapshot(app_->db());
  auto refused = Call("POST", "/api/v1/users", body, {{"Cookie", "hx_session=" + token}});
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(refused.Reason(), "auth.csrf_failed");
  auto wrong = Call("POST", "/api/v1/users", body, {{"Cookie", "hx_session=" + token}, {"X-CSRF-Token", std::string(64, 'a')}});
  EXPECT_EQ(wrong.status, 403);
  EXPECT_EQ(Snapshot(app_->db()), before);
  // Reading by cookie needs no CSRF token; writing with it succeeds.
  EXPECT_EQ(Call("GET", "/api/v1/auth/me", "", {{"Cookie", "hx_session=" + token}}).status, 200);
  auto ok = Call("POST", "/api/v1/users", body, {{"Cookie", "hx_session=" + token}, {"X-CSRF-Token", csrf}});
  EXPECT_EQ(ok.status, 201) << ok.body;
}

TEST_P(ApiTest, OutOfScopeReadsAndWritesAreRefusedAndChangeNothing) {
  if (!app_) return;
  auto jingshan_id = CreateUser("jingshan.zhao", "street", "360104006");
  CreateUser("hongdu.li", "street", "360104002");
  auto hongdu = Login("hongdu.li", "Street#2026x");
  auto before = Snapshot(app_->db());

  auto read = As(hongdu, "GET", "/api/v1/users/" + std::to_string(jingshan_id));
  EXPECT_EQ(read.status, 403);
  EXPECT_EQ(read.Reason(), "auth.out_of_scope");
  auto list = As(hongdu, "GET", "/api/v1/users?regionCode=360104006");
  EXPECT_EQ(list.status, 403);
  EXPECT_EQ(list.Reason(), "auth.out_of_scope");
  auto audit = As(hongdu, "GET", "/api/v1/audit?regionCode=360104");
  EXPECT_EQ(audit.status, 403);

  auto create = As(hongdu, "POST", "/api/v1/users",
                   json::object{{"username", "intruder"}, {"displayName", "越权"}, {"role", "community"},
                                {"scopeCode", "360104006001"}, {"password", "Street#2026x"}});
  EXPECT_EQ(create.status, 403);
  EXPECT_EQ(create.Reason(), "auth.out_of_scope");
  auto edit = As(hongdu, "PATCH", "/api/v1/users/" + std::to_string(jingshan_id), json::object{{"displayName", "改名"}});
  EXPECT_EQ(edit.status, 403);
  auto reset = As(hongdu, "POST", "/api/v1/users/" + std::to_string(jingshan_id) + "/reset-password",
                  json::object{{"newPassword", "Hijack#2026x"}});
  EXPECT_EQ(reset.status, 403);
  auto grid = As(hongdu, "POST", "/api/v1/regions/360104006001/grids", json::object{{"name", "越权网格"}});
  EXPECT_EQ(grid.status, 403);
  EXPECT_EQ(grid.Reason(), "auth.out_of_scope");
  auto escalate = As(hongdu, "PATCH", "/api/v1/users/" + std::to_string(hongdu.user_id), json::object{{"scopeCode", "360104"}});
  EXPECT_EQ(escalate.status, 422) << "changing one's own role or scope upward is refused";

  EXPECT_EQ(Snapshot(app_->db()), before);

  // Inside the scope the same street user may act.
  auto own = As(hongdu, "POST", "/api/v1/regions/360104002001/grids", json::object{{"name", "第一网格"}});
  EXPECT_EQ(own.status, 201) << own.body;
  EXPECT_EQ(own.Json().as_object()["code"].as_string(), "360104002001001");
}

TEST_P(ApiTest, ScopedListsShowOnlyTheUsersRegion) {
  if (!app_) return;
  CreateUser("jingshan.zhao", "street", "360104006");
  CreateUser("hongdu.li", "street", "360104002");
  CreateUser("grid.chen", "community", "360104002001");
  auto hongdu = Login("hongdu.li", "Street#2026x");
  auto users = As(hongdu, "GET", "/api/v1/users");
  ASSERT_EQ(users.status, 200) << users.body;
  auto page = users.Json().as_object();
  EXPECT_EQ(page["total"].as_int64(), 2);  // hongdu.li and grid.chen
  for (const auto& u : page["items"].as_array())
    EXPECT_TRUE(std::string(u.as_object().at("scopeCode").as_string()).starts_with("360104002"));
  auto audit = As(hongdu, "GET", "/api/v1/audit?pageSize=100");
  ASSERT_EQ(audit.status, 200);
  auto audit_items = audit.Json().as_object()["items"].as_array();  // a copy: Json() is a temporary
  for (const auto& e : audit_items)
    EXPECT_TRUE(std::string(e.as_object().at("regionCode").as_string()).starts_with("360104002")) << e;
  auto community = Login("grid.chen", "Street#2026x");
  auto denied = As(community, "GET", "/api/v1/users");
  EXPECT_EQ(denied.status, 403);
  EXPECT_EQ(denied.Reason(), "auth.forbidden");
}

TEST_P(ApiTest, UserLifecycleIsAuditedWithChangedFields) {
  if (!app_) return;
  auto admin = Admin();
  auto id = CreateUser("hongdu.li", "street", "360104002");
  auto patch = As(admin, "PATCH", "/api/v1/users/" + std::to_string(id),
                  json::object{{"displayName", "洪都街道 李红"}, {"phone", "13812345678"}});
  ASSERT_EQ(patch.status, 200) << patch.body;
  EXPECT_EQ(patch.Json().as_object()["phone"].as_string(), "13812345678");
  auto session = Login("hongdu.li", "Street#2026x");
  auto disable = As(admin, "PATCH", "/api/v1/users/" + std::to_string(id), json::object{{"disabled", true}});
  ASSERT_EQ(disable.status, 200);
  EXPECT_EQ(As(session, "GET", "/api/v1/auth/me").status, 401) << "disabling revokes sessions";
  auto login = Call("POST", "/api/v1/auth/login", R"({"username":"hongdu.li","password":"Street#2026x"})");
  EXPECT_EQ(login.status, 403);
  EXPECT_EQ(login.Reason(), "auth.user_disabled");

  auto audit = As(admin, "GET", "/api/v1/audit?entity=user&entityId=" + std::to_string(id));
  ASSERT_EQ(audit.status, 200);
  auto items = audit.Json().as_object()["items"].as_array();
  ASSERT_EQ(items.size(), 3u);  // create, update, disable (newest first)
  auto disable_entry = items[0].as_object();
  EXPECT_EQ(disable_entry["action"].as_string(), "user.update");
  EXPECT_EQ(disable_entry["changes"].as_object()["disabled"].as_object()["to"], json::value(true));
  auto edit_entry = items[1].as_object();
  EXPECT_EQ(edit_entry["changes"].as_object()["displayName"].as_object()["to"].as_string(), "洪都街道 李红");
  EXPECT_EQ(edit_entry["username"].as_string(), "admin");
  EXPECT_EQ(edit_entry["requestId"].as_string().size(), 16u);
}

TEST_P(ApiTest, ResetPasswordRevokesSessionsAndNeedsAStrongPassword) {
  if (!app_) return;
  auto admin = Admin();
  auto id = CreateUser("hongdu.li", "street", "360104002");
  auto old_session = Login("hongdu.li", "Street#2026x");
  auto weak = As(admin, "POST", "/api/v1/users/" + std::to_string(id) + "/reset-password", json::object{{"newPassword", "short"}});
  EXPECT_EQ(weak.status, 422);
  EXPECT_EQ(weak.Reason(), "auth.weak_password");
  auto ok = As(admin, "POST", "/api/v1/users/" + std::to_string(id) + "/reset-password", json::object{{"newPassword", "Renewed#2026x"}});
  EXPECT_EQ(ok.status, 204);
  EXPECT_EQ(As(old_session, "GET", "/api/v1/auth/me").status, 401);
  Login("hongdu.li", "Renewed#2026x");
}

TEST_P(ApiTest, BadInputGetsClearErrorsAndChangesNothing) {
  if (!app_) return;
  auto admin = Admin();
  auto before = Snapshot(app_->db());
  std::map<std::string, std::string> bearer{{"Authorization", "Bearer " + admin.token}};

  auto bad_json = Call("POST", "/api/v1/users", R"({"username": "x",)", bearer);
  EXPECT_EQ(bad_json.status, 400);
  EXPECT_EQ(bad_json.Reason(), "http.bad_json");

  std::string huge(1024 * 1024 + 10, ' ');
  huge.front() = '{';
  huge.back() = '}';
  auto too_big = Call("POST", "/api/v1/users", huge, bearer);
  EXPECT_EQ(too_big.status, 413);
  EXPECT_EQ(too_big.Reason(), "http.payload_too_large");

  auto wrong_type = Call("POST", "/api/v1/users", "username=x", {{"Authorization", "Bearer " + admin.token}, {"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(wrong_type.status, 415);
  EXPECT_EQ(wrong_type.Reason(), "http.unsupported_media_type");

  auto wrong_field = As(admin, "POST", "/api/v1/users", json::object{{"username", 42}});
  EXPECT_EQ(wrong_field.status, 422);
  EXPECT_EQ(wrong_field.Reason(), "http.invalid_field");

  auto bad_scope = As(admin, "POST", "/api/v1/users",
                      json::object{{"username", "badscope"}, {"displayName", "x"}, {"role", "street"},
                                   {"scopeCode", "360104"}, {"password", "Street#2026x"}});
  EXPECT_EQ(bad_scope.status, 422);
  EXPECT_EQ(bad_scope.Reason(), "auth.scope_invalid_for_role");

  auto bad_page = As(admin, "GET", "/api/v1/users?pageSize=501");
  EXPECT_EQ(bad_page.status, 400);
  EXPECT_EQ(bad_page.Reason(), "http.bad_query");

  auto unknown = As(admin, "GET", "/api/v1/nothing-here");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(unknown.Reason(), "http.not_found");

  auto method = As(admin, "DELETE", "/api/v1/users");
  EXPECT_EQ(method.status, 405);
  EXPECT_EQ(method.Reason(), "http.method_not_allowed");
  EXPECT_EQ(method.headers["allow"], "GET, POST");

  EXPECT_EQ(Snapshot(app_->db()), before);
}

TEST_P(ApiTest, ErrorsSpeakEnglishOnRequest) {
  if (!app_) return;
  auto zh = Call("GET", "/api/v1/auth/me");
  EXPECT_EQ(zh.Json().as_object()["error"].as_object()["message"].as_string(), "请先登录");
  auto en = Call("GET", "/api/v1/auth/me", "", {{"Accept-Language", "en-US,en;q=0.9"}});
  EXPECT_EQ(en.status, 401);
  EXPECT_EQ(en.Json().as_object()["error"].as_object()["message"].as_string(), "please log in");
}

TEST_P(ApiTest, RegionsBrowseWithPathToRoot) {
  if (!app_) return;
  auto admin = Admin();
  auto kids = As(admin, "GET", "/api/v1/regions?parent=360104");
  ASSERT_EQ(kids.status, 200);
  auto items = kids.Json().as_object()["items"].as_array();
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].as_object().at("name").as_string(), "洪都街道");
  EXPECT_EQ(items[0].as_object().at("hasChildren"), json::value(true));
  auto one = As(admin, "GET", "/api/v1/regions/360104002001");
  ASSERT_EQ(one.status, 200);
  auto path = one.Json().as_object()["path"].as_array();
  ASSERT_EQ(path.size(), 5u);
  EXPECT_EQ(path[0].as_object().at("name").as_string(), "江西省");
  EXPECT_EQ(path[4].as_object().at("level").as_string(), "community");
  EXPECT_EQ(As(admin, "GET", "/api/v1/regions/999999").status, 404);
  EXPECT_EQ(As(admin, "GET", "/api/v1/regions?parent=12x").status, 422);
  auto dup1 = As(admin, "POST", "/api/v1/regions/360104002001/grids", json::object{{"name", "第一网格"}});
  EXPECT_EQ(dup1.status, 201);
  auto dup2 = As(admin, "POST", "/api/v1/regions/360104002001/grids", json::object{{"name", "第一网格"}});
  EXPECT_EQ(dup2.status, 409);
  auto not_community = As(admin, "POST", "/api/v1/regions/360104002/grids", json::object{{"name", "街道网格"}});
  EXPECT_EQ(not_community.status, 422);
}

// The renovation catalogue as a menu: each item's code, category and names in the caller's language.
TEST_P(ApiTest, RenovationItemsListCodesCategoriesAndNamesInTheCallersLanguage) {
  if (!app_) return;
  auto admin = Admin();
  auto zh = As(admin, "GET", "/api/v1/catalog/renovation-items");
  ASSERT_EQ(zh.status, 200) << zh.body;
  auto en = Call("GET", "/api/v1/catalog/renovation-items", "",
                 {{"Authorization", "Bearer " + admin.token}, {"Accept-Language", "en-US,en;q=0.9"}});
  ASSERT_EQ(en.status, 200) << en.body;
  auto zh_items = zh.Json().as_object()["items"].as_array(), en_items = en.Json().as_object()["items"].as_array();
  ASSERT_FALSE(zh_items.empty());
  ASSERT_EQ(zh_items.size(), en_items.size());
  for (std::size_t i = 0; i < zh_items.size(); ++i) {
    auto a = zh_items[i].as_object(), b = en_items[i].as_object();
    EXPECT_EQ(a.size(), 4u) << json::serialize(a);
    EXPECT_EQ(a["code"], b["code"]);
    EXPECT_EQ(a["category"], b["category"]);
    EXPECT_NE(a["name"], b["name"]) << "names follow Accept-Language";
    EXPECT_NE(a["categoryName"], b["categoryName"]);
    for (const char* k : {"code", "category", "categoryName", "name"}) EXPECT_FALSE(a[k].as_string().empty()) << k;
  }
  EXPECT_EQ(zh_items[0].as_object()["category"].as_string(), "basic");
  EXPECT_EQ(zh_items[0].as_object()["categoryName"].as_string(), "基础类");
}

TEST_P(ApiTest, EveryRouteIsInTheOpenApiDocument) {
  if (!app_) return;
  auto doc = Call("GET", "/api/v1/openapi.json");
  ASSERT_EQ(doc.status, 200);
  auto paths = doc.Json().as_object()["paths"].as_object();
  // The route table exactly as the server builds it.
  const auto& routes = app_->routes();
  for (const auto& r : routes) {
    auto* path = paths.if_contains(r.pattern);
    ASSERT_TRUE(path) << r.pattern << " is missing from openapi.json";
    std::string method = r.method;
    for (auto& c : method) c = static_cast<char>(std::tolower(c));
    EXPECT_TRUE(path->as_object().contains(method)) << r.method << " " << r.pattern << " is missing from openapi.json";
  }
}

INSTANTIATE_TEST_SUITE_P(Sqlite, ApiTest, ::testing::Values("sqlite"));
INSTANTIATE_TEST_SUITE_P(Postgres, ApiTest, ::testing::Values("postgres"));

}  // namespace
}  // namespace huanxin::testing
