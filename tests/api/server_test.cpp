// The HTTP server's own behaviour: graceful shutdown lets a request in flight finish.
#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <boost/beast.hpp>
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
  http::Services services{app.db(), app.auth(), app.users(), app.audit(), app.regions(), app.clock(), "test"};
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

// Regression: Stop() posted "close if idle" to the workers after the listener closed; when no socket
// had I/O pending the workers had already left io_context::run(), the posted handler never ran and
// held the connection open for the whole grace period.
TEST(ServerShutdown, IdleKeepAliveConnectionsAreClosedWithinTheGracePeriod) {
  app::Config cfg;
  cfg.db = FreshDsn("sqlite");
  app::Application app(cfg);
  ASSERT_TRUE(app.Open());
  http::Services services{app.db(), app.auth(), app.users(), app.audit(), app.regions(), app.clock(), "test"};
  http::Router router({{"GET", "/api/v1/ping", http::Access::kPublic, http::BodyKind::kNone,
                        [](http::Request&) { return http::Json(200, boost::json::object{{"ok", true}}); }}});
  http::StaticFiles files("");
  http::Pipeline pipeline(router, services, files);
  for (int round = 0; round < 20; ++round) {
    http::ServerOptions opts;
    opts.port = 0;
    opts.threads = 2;
    opts.access_log = false;
    opts.shutdown_grace = std::chrono::seconds(5);
    http::Server server(opts, pipeline);
    auto port = server.Start();
    ASSERT_TRUE(port);
    // One connection that stays open after its answer, one that the client closes just before Stop.
    boost::asio::io_context ioc;
    boost::beast::tcp_stream kept(ioc), closing(ioc);
    kept.connect({boost::asio::ip::make_address("127.0.0.1"), *port});
    closing.connect({boost::asio::ip::make_address("127.0.0.1"), *port});
    for (auto* s : {&kept, &closing}) {
      boost::beast::http::request<boost::beast::http::empty_body> req{boost::beast::http::verb::get, "/api/v1/ping", 11};
      req.set(boost::beast::http::field::host, "127.0.0.1");
      boost::beast::http::write(*s, req);
      boost::beast::flat_buffer buf;
      boost::beast::http::response<boost::beast::http::string_body> res;
      boost::beast::http::read(*s, buf, res);
      ASSERT_EQ(res.result_int(), 200);
    }
    boost::beast::error_code ec;
    closing.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_both, ec);
    closing.close();
    EXPECT_TRUE(server.Stop()) << "round " << round << ": a connection outlived the grace period";
  }
}

}  // namespace
}  // namespace huanxin::testing
