// The HTTP server's own behaviour: graceful shutdown lets a request in flight finish.
#include <gtest/gtest.h>

#include <future>
#include <thread>

#include "api/api_fixture.hpp"
#include "http/pipeline.hpp"
#include "http/server.hpp"

namespace huanxin::testing {
namespace {

TEST(ServerShutdown, InFlightRequestFinishesThenServerStops) {
  app::Config cfg;
  cfg.db = FreshDsn("sqlite");
  app::Application app(cfg);
  ASSERT_TRUE(app.Open());
  http::Services services{app.db(), app.auth(), app.users(), app.audit(), app.regions(), "test"};
  std::promise<void> entered;
  http::Router router({{"GET", "/api/v1/slow", http::Access::kPublic, http::BodyKind::kNone, [&](http::Request&) {
                          entered.set_value();
                          std::this_thread::sleep_for(std::chrono::milliseconds(300));
                          return http::Json(200, boost::json::object{{"done", true}});
                        }}});
  http::StaticFiles files("");
  http::Pipeline pipeline(router, services, files);
  http::ServerOptions opts;
  opts.port = 0;
  opts.threads = 2;
  opts.access_log = false;
  http::Server server(opts, pipeline);
  auto port = server.Start();
  ASSERT_TRUE(port);
  auto response = std::async(std::launch::async, [&] { return Send(*port, HttpRequest{"GET", "/api/v1/slow", "", {}}); });
  entered.get_future().wait();
  server.Stop();  // while the handler sleeps
  auto r = response.get();
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.headers["connection"], "close");
  // The listener is closed: a new connection is refused.
  EXPECT_THROW(Send(*port, HttpRequest{"GET", "/api/v1/slow", "", {}}), std::exception);
}

}  // namespace
}  // namespace huanxin::testing
