#include "api/api_fixture.hpp"

#include <unistd.h>

#include <cstdlib>
#include <string>

#include "common/crypto.hpp"

namespace huanxin::testing {

void ApiTest::SetUp() {
  ASSERT_TRUE(InitCrypto());
  auto dsn = FreshDsn(GetParam());
  if (dsn.empty()) return;
  app::Config cfg;
  cfg.db = dsn;
  cfg.server.port = 0;
  cfg.server.threads = 2;
  cfg.server.access_log = std::getenv("HX_TEST_ACCESS_LOG") != nullptr;
  cfg.web_root = "";
  // New accounts at argon2id's minimum cost (common/crypto.hpp): the suite logs in and creates
  // hundreds of accounts, and the interactive cost made the hash 60 % of its CPU time. The
  // production cost is checked by common_test (Password.ProductionCost…) and
  // ApiTest.ProductionServersHashAtTheInteractiveCost.
  cfg.test_weak_password_hash = true;
  // One var dir per process: the suite's shards and databases run as concurrent processes, and
  // the keys made on first start (publicity-key) must not be read half-written by a neighbour.
  cfg.var_dir = ::testing::TempDir() + "hx-api-var-" + std::to_string(::getpid());
  Configure(cfg);
  app_ = std::make_unique<app::Application>(cfg);
  auto opened = app_->Open();
  ASSERT_TRUE(opened) << opened.error().detail.en;
  SeedRegions(app_->db());
  ASSERT_TRUE(app_->BootstrapAdmin(kAdminPassword));
  auto port = app_->Serve();
  ASSERT_TRUE(port) << port.error().detail.en;
  port_ = *port;
}

void ApiTest::TearDown() {
  if (app_) app_->Stop();
  app_.reset();
}

HttpResponse ApiTest::Call(const std::string& method, const std::string& target, const std::string& body,
                           std::map<std::string, std::string> headers) {
  HttpRequest req;
  req.method = method;
  req.target = target;
  req.body = body;
  if (!body.empty() && !headers.count("Content-Type")) headers["Content-Type"] = "application/json";
  req.headers = std::move(headers);
  return Send(port_, req);
}

boost::json::value ApiTest::Expect(const LoginSession& who, const std::string& method, const std::string& target,
                                  const boost::json::value& body, int status) {
  auto r = As(who, method, target, body);
  EXPECT_EQ(r.status, status) << method << " " << target << " " << boost::json::serialize(body) << " → " << r.body;
  return r.body.empty() ? boost::json::value(nullptr) : r.Json();
}

std::int64_t ApiTest::IdOf(const boost::json::value& v) {
  return v.is_object() && v.as_object().contains("id") ? v.at("id").as_int64() : 0;
}

HttpResponse ApiTest::As(const LoginSession& who, const std::string& method, const std::string& target,
                         const boost::json::value& body) {
  return Call(method, target, body.is_null() ? "" : boost::json::serialize(body),
              {{"Authorization", "Bearer " + who.token}});
}

LoginSession ApiTest::Login(const std::string& username, const std::string& password) {
  auto r = Call("POST", "/api/v1/auth/login",
                boost::json::serialize(boost::json::object{{"username", username}, {"password", password}}));
  EXPECT_EQ(r.status, 200) << r.body;
  LoginSession s;
  if (r.status != 200) return s;
  auto v = r.Json().as_object();
  s.token = std::string(v["token"].as_string());
  s.csrf = std::string(v["csrfToken"].as_string());
  s.user_id = v["user"].as_object()["id"].as_int64();
  return s;
}

std::int64_t ApiTest::CreateUser(const std::string& username, const std::string& role, const std::string& scope,
                                 const std::string& password) {
  auto admin = Admin();
  auto r = As(admin, "POST", "/api/v1/users",
              boost::json::object{{"username", username}, {"displayName", "用户 " + username}, {"role", role},
                                  {"scopeCode", scope}, {"password", password}});
  EXPECT_EQ(r.status, 201) << r.body;
  return r.status == 201 ? r.Json().as_object()["id"].as_int64() : 0;
}

}  // namespace huanxin::testing
