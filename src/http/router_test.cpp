#include "http/router.hpp"

#include <gtest/gtest.h>

namespace huanxin::http {
namespace {

Response Named(const char* name) {
  Response r;
  r.body = name;
  return r;
}

Router MakeRouter() {
  auto h = [](const char* n) { return [n](Request&) { return Named(n); }; };
  return Router(
      {{"GET", "/api/v1/users", Access::kSession, BodyKind::kNone, h("list"), false, nullptr},
       {"POST", "/api/v1/users", Access::kSession, BodyKind::kJson, h("create"), false, nullptr},
       {"GET", "/api/v1/users/{id}", Access::kSession, BodyKind::kNone, h("get"), false, nullptr},
       {"GET", "/api/v1/users/me", Access::kSession, BodyKind::kNone, h("me"), false, nullptr},
       {"POST", "/api/v1/users/{id}/reset-password", Access::kSession, BodyKind::kJson, h("reset"), false, nullptr}});
}

TEST(Router, ExtractsPathParameters) {
  auto router = MakeRouter();
  auto m = router.Find("GET", "/api/v1/users/42");
  ASSERT_TRUE(m.route);
  Request req;
  EXPECT_EQ(m.route->handler(req).body, "get");
  EXPECT_EQ(m.params["id"], "42");
  auto reset = router.Find("POST", "/api/v1/users/7/reset-password");
  ASSERT_TRUE(reset.route);
  EXPECT_EQ(reset.params["id"], "7");
}

TEST(Router, LiteralSegmentBeatsParameter) {
  auto router = MakeRouter();
  auto m = router.Find("GET", "/api/v1/users/me");
  ASSERT_TRUE(m.route);
  Request req;
  EXPECT_EQ(m.route->handler(req).body, "me");
}

TEST(Router, WrongMethodListsAllowedOnes) {
  auto router = MakeRouter();
  auto m = router.Find("DELETE", "/api/v1/users");
  EXPECT_EQ(m.route, nullptr);
  EXPECT_EQ(m.allowed, (std::vector<std::string>{"GET", "POST"}));
  auto none = router.Find("GET", "/api/v1/nothing");
  EXPECT_EQ(none.route, nullptr);
  EXPECT_TRUE(none.allowed.empty());
}

TEST(Router, EmptyParameterDoesNotMatch) {
  auto router = MakeRouter();
  EXPECT_EQ(router.Find("GET", "/api/v1/users/").route, nullptr);
}

}  // namespace
}  // namespace huanxin::http
