// Starts the real application (the same Application main() runs) on an ephemeral loopback port,
// on a fresh SQLite file or a freshly reset PostgreSQL schema, with a small region tree and the
// first admin, and talks to it over HTTP.
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <memory>
#include <string>

#include "app/application.hpp"
#include "testing/http_client.hpp"
#include "testing/test_db.hpp"

namespace huanxin::testing {

inline constexpr const char* kAdminPassword = "Admin#2026pass";

struct LoginSession {
  std::string token, csrf;
  std::int64_t user_id = 0;
};

class ApiTest : public ::testing::TestWithParam<std::string> {
 public:
  // The application's database, for set-ups that insert rows no route makes yet (tests may use
  // store functions).
  store::Database& db() { return app_->db(); }

 protected:
  void SetUp() override;
  void TearDown() override;
  // Lets a suite change the configuration before the application opens (deployment choices).
  virtual void Configure(app::Config&) {}

  HttpResponse Call(const std::string& method, const std::string& target, const std::string& body = "",
                    std::map<std::string, std::string> headers = {});
  // Authenticated with a bearer token (machine client: no CSRF needed).
  HttpResponse As(const LoginSession& who, const std::string& method, const std::string& target,
                  const boost::json::value& body = nullptr);
  LoginSession Login(const std::string& username, const std::string& password);
  // As `who`, expecting `status` (a test failure otherwise, naming the call); the answer's JSON
  // (null when the body is empty).
  boost::json::value Expect(const LoginSession& who, const std::string& method, const std::string& target,
                            const boost::json::value& body, int status);
  // The "id" of an answer (0 when there is none).
  static std::int64_t IdOf(const boost::json::value& v);
  LoginSession Admin() { return Login("admin", kAdminPassword); }
  // Creates a user through the API as admin; returns its id.
  std::int64_t CreateUser(const std::string& username, const std::string& role, const std::string& scope,
                          const std::string& password = "Street#2026x");

  std::unique_ptr<app::Application> app_;
  std::uint16_t port_ = 0;
};

}  // namespace huanxin::testing
