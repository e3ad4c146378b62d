// The HTTP server's own behaviour: graceful shutdown lets a request in flight finish.
#include "http/server.hpp"

#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <condition_variable>
#include <future>
#include <mutex>
#include <sstream>
#include <thread>

#include "api/api_fixture.hpp"
#include "http/pipeline.hpp"

namespace huanxin::testing {
namespace {

TEST(ServerShutdown, InFlightRequestFinishesThenServerStops) {
  app::Config cfg;
  cfg.db = FreshDsn("sqlite");
  app::Application app(cfg);
  ASSERT_TRUE(app.Open());
  http::Services services{app.db(), app.auth(), app.users(), app.audit(), app.regions(), app.clock(), "test"};
  std::promise<void> entered;
  http::Router router({{"GET", "/api/v1/slow", http::Access::kPublic, http::BodyKind::kNone,
                        [&](http::Request&) {
                          entered.set_value();
                          std::this_thread::sleep_for(std::chrono::milliseconds(300));
                          return http::Json(200, boost::json::object{{"done", true}});
                        },
                        false, nullptr}});
  http::StaticFiles files("");
  http::Pipeline pipeline(router, services, files);
  http::ServerOptions opts;
  opts.port = 0;
  opts.threads = 2;
  opts.access_log = false;
  http::Server server(opts, pipeline);
  auto port = server.Start();
  ASSERT_TRUE(port);
  auto response = std::async(std::launch::async, [&] {
    return Send(*port, HttpRequest{"GET", "/api/v1/slow", "", {}});
  });
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
                        [](http::Request&) {
                          return http::Json(200, boost::json::object{{"ok", true}});
                        },
                        false, nullptr}});
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
      boost::beast::http::request<boost::beast::http::empty_body> req{boost::beast::http::verb::get, "/api/v1/ping",
                                                                      11};
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

// A raw loopback connection for what the test client does not do (pipelining, HTTP/1.0).
std::string Exchange(std::uint16_t port, const std::string& bytes, std::size_t responses) {
  boost::asio::io_context ioc;
  boost::beast::tcp_stream s(ioc);
  s.connect({boost::asio::ip::make_address("127.0.0.1"), port});
  boost::asio::write(s.socket(), boost::asio::buffer(bytes));
  boost::beast::flat_buffer buf;
  std::string all;
  for (std::size_t i = 0; i < responses; ++i) {
    boost::beast::http::response<boost::beast::http::string_body> res;
    boost::beast::http::read(s, buf, res);
    std::ostringstream os;
    os << res.result_int() << " " << res[boost::beast::http::field::connection] << " " << res.body() << "\n";
    all += os.str();
  }
  return all;
}

struct EchoServer {
  app::Config cfg;
  std::unique_ptr<app::Application> app;
  std::unique_ptr<http::Services> services;
  std::unique_ptr<http::Router> router;
  std::unique_ptr<http::StaticFiles> files;
  std::unique_ptr<http::Pipeline> pipeline;
  std::unique_ptr<http::Server> server;
  std::uint16_t port = 0;

  EchoServer(std::vector<http::Route> routes, int io_threads, int handler_threads) {
    cfg.db = FreshDsn("sqlite");
    app = std::make_unique<app::Application>(cfg);
    EXPECT_TRUE(app->Open());
    services.reset(
        new http::Services{app->db(), app->auth(), app->users(), app->audit(), app->regions(), app->clock(), "test"});
    router = std::make_unique<http::Router>(std::move(routes));
    files = std::make_unique<http::StaticFiles>("");
    pipeline = std::make_unique<http::Pipeline>(*router, *services, *files);
    http::ServerOptions opts;
    opts.port = 0;
    opts.threads = io_threads;
    opts.handler_threads = handler_threads;
    opts.access_log = false;
    server = std::make_unique<http::Server>(opts, *pipeline);
    auto p = server->Start();
    EXPECT_TRUE(p);
    port = p ? *p : 0;
  }
  ~EchoServer() { server->Stop(); }
};

http::Route EchoRoute(const char* method, const char* pattern) {
  return {method,
          pattern,
          http::Access::kPublic,
          http::BodyKind::kNone,
          [](http::Request& req) {
            const std::string* h = req.Header("x-tag");
            return http::Json(200, boost::json::object{{"path", req.path}, {"tag", h ? *h : ""}, {"body", req.body}});
          },
          false,
          nullptr};
}

// Several requests sent in one write are answered in order on the same connection.
TEST(ServerHttpPath, PipelinedRequestsAreAnsweredInOrder) {
  EchoServer srv({EchoRoute("GET", "/api/v1/echo/{n}"), EchoRoute("POST", "/api/v1/echo/{n}")}, 1, 2);
  std::string bytes;
  for (int i = 1; i <= 5; ++i)
    bytes +=
        "GET /api/v1/echo/" + std::to_string(i) + " HTTP/1.1\r\nHost: x\r\nX-Tag: t" + std::to_string(i) + "\r\n\r\n";
  bytes += "POST /api/v1/echo/6 HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc";
  bytes += "GET /api/v1/echo/7 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
  auto got = Exchange(srv.port, bytes, 7);
  std::string want;
  for (int i = 1; i <= 5; ++i)
    want += "200  {\"path\":\"/api/v1/echo/" + std::to_string(i) + "\",\"tag\":\"t" + std::to_string(i) +
            "\",\"body\":\"\"}\n";
  want += "200  {\"path\":\"/api/v1/echo/6\",\"tag\":\"\",\"body\":\"abc\"}\n";
  want += "200 close {\"path\":\"/api/v1/echo/7\",\"tag\":\"\",\"body\":\"\"}\n";
  EXPECT_EQ(got, want);
}

// "Expect: 100-continue" (RFC 9110 §10.1.1): the server answers "100 Continue" before the client
// sends the body, then the final answer; a body refused by its Content-Length gets its final answer
// at once and no 100. The body, larger than one read, arrives whole and in order.
TEST(ServerHttpPath, ExpectContinueGetsAnInterimAnswerBeforeTheBody) {
  EchoServer srv({EchoRoute("POST", "/api/v1/echo/{n}")}, 1, 1);
  namespace asio = boost::asio;
  std::string body;
  for (int i = 0; body.size() < 700 * 1024; ++i) body += std::to_string(i) + ",";
  asio::io_context ioc;
  boost::beast::tcp_stream s(ioc);
  s.connect({asio::ip::make_address("127.0.0.1"), srv.port});
  asio::write(s.socket(), asio::buffer("POST /api/v1/echo/1 HTTP/1.1\r\nHost: x\r\nExpect: 100-Continue\r\n"
                                       "Content-Length: " +
                                       std::to_string(body.size()) + "\r\n\r\n"));
  std::string got;
  auto n = asio::read_until(s.socket(), asio::dynamic_buffer(got), "\r\n\r\n");
  EXPECT_EQ(got.substr(0, n), "HTTP/1.1 100 Continue\r\n\r\n") << "the interim answer, before any byte of the body";
  got.erase(0, n);
  asio::write(s.socket(), asio::buffer(body));
  boost::beast::flat_buffer buf;
  buf.commit(asio::buffer_copy(buf.prepare(got.size()), asio::buffer(got)));
  boost::beast::http::response<boost::beast::http::string_body> res;
  boost::beast::http::read(s, buf, res);
  EXPECT_EQ(res.result_int(), 200);
  auto echoed = boost::json::parse(res.body()).as_object();
  EXPECT_EQ(echoed.at("body").as_string(), body);

  // Too large by its length (over the upload limit too): 413 straight away, the body never asked for.
  boost::beast::tcp_stream t(ioc);
  t.connect({asio::ip::make_address("127.0.0.1"), srv.port});
  asio::write(t.socket(), asio::buffer(std::string("POST /api/v1/echo/2 HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
                                                   "Content-Length: 50000000\r\n\r\n")));
  boost::beast::flat_buffer buf2;
  boost::beast::http::response<boost::beast::http::string_body> refused;
  boost::beast::http::read(t, buf2, refused);
  EXPECT_EQ(refused.result_int(), 413);
}

// A header repeated keeps its last value; names are matched without regard to case; the reused
// header list of a connection does not leak one request's headers into the next.
TEST(ServerHttpPath, HeadersDoNotLeakBetweenRequestsOfOneConnection) {
  EchoServer srv({EchoRoute("GET", "/api/v1/echo/{n}")}, 1, 1);
  std::string bytes =
      "GET /api/v1/echo/1 HTTP/1.1\r\nHost: x\r\nX-TAG: a\r\nx-tag: b\r\n\r\n"
      "GET /api/v1/echo/2 HTTP/1.1\r\nHost: x\r\n\r\n";
  auto got = Exchange(srv.port, bytes, 2);
  EXPECT_EQ(got,
            "200  {\"path\":\"/api/v1/echo/1\",\"tag\":\"b\",\"body\":\"\"}\n"
            "200  {\"path\":\"/api/v1/echo/2\",\"tag\":\"\",\"body\":\"\"}\n");
}

// HTTP/1.0 with keep-alive gets "Connection: keep-alive" and the connection stays open.
TEST(ServerHttpPath, Http10KeepAlive) {
  EchoServer srv({EchoRoute("GET", "/api/v1/echo/{n}")}, 1, 1);
  auto got = Exchange(srv.port,
                      "GET /api/v1/echo/1 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"
                      "GET /api/v1/echo/2 HTTP/1.0\r\n\r\n",
                      2);
  EXPECT_EQ(got,
            "200 keep-alive {\"path\":\"/api/v1/echo/1\",\"tag\":\"\",\"body\":\"\"}\n"
            "200 close {\"path\":\"/api/v1/echo/2\",\"tag\":\"\",\"body\":\"\"}\n");
}

// A handler that blocks does not stall other connections, even with one I/O thread: the slow
// handler waits until a request on another connection has been answered. Before handlers ran off
// the I/O threads, the second request could not be served while the first one blocked, and the
// slow handler's wait ran into its (generous) limit instead.
TEST(ServerHttpPath, BlockingHandlerDoesNotStallOtherConnections) {
  std::promise<void> fast_answered;
  auto answered = fast_answered.get_future().share();
  std::promise<void> slow_entered;
  std::atomic<bool> saw_fast{false};
  http::Route slow{"GET",
                   "/api/v1/slow",
                   http::Access::kPublic,
                   http::BodyKind::kNone,
                   [&](http::Request&) {
                     slow_entered.set_value();
                     saw_fast = answered.wait_for(std::chrono::seconds(20)) == std::future_status::ready;
                     return http::Json(200, boost::json::object{{"done", true}});
                   },
                   false,
                   nullptr};
  EchoServer srv({slow, EchoRoute("GET", "/api/v1/echo/{n}")}, 1, 4);
  auto slow_response = std::async(std::launch::async, [&] {
    return Send(srv.port, HttpRequest{"GET", "/api/v1/slow", "", {}});
  });
  slow_entered.get_future().wait();
  auto fast = Send(srv.port, HttpRequest{"GET", "/api/v1/echo/1", "", {}});
  EXPECT_EQ(fast.status, 200);
  fast_answered.set_value();
  EXPECT_EQ(slow_response.get().status, 200);
  EXPECT_TRUE(saw_fast) << "the fast request waited for the blocking handler";
}

// Blocking handlers run side by side on the handler pool: four requests are inside the handler at
// the same time although the server has a single I/O thread.
TEST(ServerHttpPath, HandlersRunConcurrentlyOffTheIoThread) {
  std::mutex mu;
  std::condition_variable cv;
  int inside = 0, most = 0;
  http::Route gather{"GET",
                     "/api/v1/gather",
                     http::Access::kPublic,
                     http::BodyKind::kNone,
                     [&](http::Request&) {
                       std::unique_lock lock(mu);
                       most = std::max(most, ++inside);
                       cv.notify_all();
                       cv.wait_for(lock, std::chrono::seconds(20), [&] { return most >= 4; });
                       --inside;
                       return http::Json(200, boost::json::object{{"ok", true}});
                     },
                     false,
                     nullptr};
  EchoServer srv({gather}, 1, 4);
  std::vector<std::future<HttpResponse>> calls;
  for (int i = 0; i < 4; ++i)
    calls.push_back(std::async(std::launch::async, [&] {
      return Send(srv.port, HttpRequest{"GET", "/api/v1/gather", "", {}});
    }));
  for (auto& c : calls) EXPECT_EQ(c.get().status, 200);
  EXPECT_EQ(most, 4);
}

// Every answer carries the security headers and a request id, including the server's own 404 and
// 413 and a HEAD answer, which has the length of the body it leaves out.
TEST(ServerHttpPath, SecurityHeadersOnEveryAnswer) {
  EchoServer srv({EchoRoute("GET", "/api/v1/echo/{n}")}, 1, 1);
  auto missing = Send(srv.port, HttpRequest{"GET", "/api/v1/nothing-here", "", {}});
  EXPECT_EQ(missing.status, 404);
  auto head = Send(srv.port, HttpRequest{"HEAD", "/api/v1/echo/12", "", {}});
  auto get = Send(srv.port, HttpRequest{"GET", "/api/v1/echo/12", "", {}});
  EXPECT_EQ(head.status, 200);
  EXPECT_TRUE(head.body.empty());
  EXPECT_EQ(head.headers["content-length"], std::to_string(get.body.size()));
  auto big = Send(
      srv.port,
      HttpRequest{"POST", "/api/v1/echo/1", std::string(2 * 1024 * 1024, 'x'), {{"Content-Type", "application/json"}}});
  EXPECT_EQ(big.status, 413);
  for (auto* r : {&missing, &head, &get, &big}) {
    EXPECT_NE(r->headers["content-security-policy"].find("default-src 'self'"), std::string::npos) << r->status;
    EXPECT_EQ(r->headers["x-content-type-options"], "nosniff") << r->status;
    EXPECT_EQ(r->headers["x-frame-options"], "DENY") << r->status;
    EXPECT_EQ(r->headers["x-request-id"].size(), 16u) << r->status;
  }
  EXPECT_NE(missing.headers["x-request-id"], get.headers["x-request-id"]);
}

}  // namespace
}  // namespace huanxin::testing
