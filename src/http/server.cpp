#include "http/server.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <condition_variable>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "common/crypto.hpp"
#include "common/text.hpp"

namespace huanxin::http {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = net::ip::tcp;

class Connection;

struct Server::Impl {
  ServerOptions options;
  const Pipeline& pipeline;
  net::io_context ioc;
  // Keeps the worker threads in ioc.run() until Stop() has finished: without it run() returns as
  // soon as the listener closes and no socket has I/O pending, and handlers Stop() posts (closing
  // idle connections) would never run.
  std::optional<net::executor_work_guard<net::io_context::executor_type>> work;
  std::optional<tcp::acceptor> acceptor;
  std::vector<std::thread> threads;
  std::atomic<bool> stopping{false};
  std::mutex mu;
  std::condition_variable cv;
  std::set<std::weak_ptr<Connection>, std::owner_less<std::weak_ptr<Connection>>> connections;
  std::size_t live = 0;
  bool stopped = false;

  Impl(ServerOptions o, const Pipeline& p) : options(std::move(o)), pipeline(p) {}
  void Accept();
};

namespace {
std::string MakeRequestId(const bhttp::request<bhttp::string_body>& req) {
  // Honour a caller's id when it is short and plain (tracing across a proxy); otherwise mint one.
  auto it = req.find("X-Request-Id");
  if (it != req.end()) {
    std::string_view v = it->value();
    bool plain = !v.empty() && v.size() <= 64;
    for (char c : v)
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') plain = false;
    if (plain) return std::string(v);
  }
  return RandomHex(8);
}
}  // namespace

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(tcp::socket socket, Server::Impl& server) : stream_(std::move(socket)), server_(server) {
    std::lock_guard lock(server_.mu);
    ++server_.live;
  }
  ~Connection() {
    std::lock_guard lock(server_.mu);
    --server_.live;
    server_.cv.notify_all();
  }

  void Start() {
    beast::error_code ec;
    auto ep = stream_.socket().remote_endpoint(ec);
    client_ip_ = ec ? "" : ep.address().to_string();
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->ReadHeader(); });
  }

  // Called on stop: an idle connection closes now; a busy one closes after its response.
  void CloseIfIdle() {
    net::post(stream_.get_executor(), [self = shared_from_this()] {
      if (!self->busy_) {
        beast::error_code ec;
        self->stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
        self->stream_.close();
      }
    });
  }

 private:
  void ReadHeader() {
    if (server_.stopping) return Close();
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(server_.options.header_limit));
    parser_->body_limit(std::max(server_.options.json_body_limit, server_.options.upload_body_limit));
    busy_ = false;
    stream_.expires_after(first_ ? server_.options.read_timeout : server_.options.idle_timeout);
    first_ = false;
    bhttp::async_read_header(stream_, buffer_, *parser_,
                             [self = shared_from_this()](beast::error_code ec, std::size_t) { self->OnHeader(ec); });
  }

  void OnHeader(beast::error_code ec) {
    if (ec == bhttp::error::header_limit) return Reject(413, "http.header_too_large", "请求头过大", "request headers too large");
    if (ec) return Close();
    busy_ = true;
    started_ = std::chrono::steady_clock::now();
    stream_.expires_after(server_.options.read_timeout);
    const auto& req = parser_->get();
    std::string ct = ToLowerAscii(std::string(req[bhttp::field::content_type]));
    limit_ = ct.starts_with("multipart/form-data") ? server_.options.upload_body_limit : server_.options.json_body_limit;
    english_ = PrefersEnglish(req.count(bhttp::field::accept_language)
                                  ? &(accept_language_ = std::string(req[bhttp::field::accept_language]))
                                  : nullptr);
    if (auto len = parser_->content_length(); len && *len > limit_) return TooLarge();
    parser_->body_limit(limit_);
    if (parser_->is_done()) return OnBody({});
    bhttp::async_read(stream_, buffer_, *parser_,
                      [self = shared_from_this()](beast::error_code e, std::size_t) { self->OnBody(e); });
  }

  void OnBody(beast::error_code ec) {
    if (ec == bhttp::error::body_limit) return TooLarge();
    if (ec) return Close();
    auto& raw = parser_->get();
    Request req;
    req.method = std::string(raw.method_string());
    std::string_view target = raw.target();
    auto qpos = target.find('?');
    auto path = UrlDecode(target.substr(0, qpos));
    req.path = path ? *path : std::string(target.substr(0, qpos));
    if (qpos != std::string_view::npos) req.query = ParseUrlEncoded(target.substr(qpos + 1));
    for (const auto& f : raw) req.headers[ToLowerAscii(std::string(f.name_string()))] = std::string(f.value());
    req.body = std::move(raw.body());
    req.client_ip = client_ip_;
    req.request_id = MakeRequestId(raw);
    req.english = english_;
    keep_alive_ = raw.keep_alive();
    target_ = std::string(target);
    method_ = req.method;
    Response resp = server_.pipeline.Handle(req);
    Send(std::move(resp), req.request_id, req.method == "HEAD");
  }

  void Send(Response resp, const std::string& request_id, bool head) {
    const std::size_t bytes = resp.shared_body ? resp.shared_body->size() : resp.body.size();
    bool keep = keep_alive_ && !resp.close && !server_.stopping;
    if (server_.options.access_log) {
      auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started_).count();
      spdlog::info("{} \"{} {}\" {} {} {:.1f}ms rid={}", client_ip_, method_, target_, resp.status, bytes, ms, request_id);
    }
    if (resp.shared_body) {
      // Static files: the body is an immutable shared buffer, written without a copy; the write
      // handler keeps it alive.
      auto res = std::make_shared<bhttp::response<bhttp::span_body<const char>>>(static_cast<bhttp::status>(resp.status), 11);
      auto body = resp.shared_body;
      Prepare(*res, resp, keep);
      if (!head) res->body() = {body->data(), body->size()};
      Write(res, std::move(body), bytes, head, keep);
    } else {
      auto res = std::make_shared<bhttp::response<bhttp::string_body>>(static_cast<bhttp::status>(resp.status), 11);
      Prepare(*res, resp, keep);
      if (!head) res->body() = std::move(resp.body);
      Write(res, nullptr, bytes, head, keep);
    }
  }

  template <typename Res>
  void Prepare(Res& res, const Response& resp, bool keep) {
    res.set(bhttp::field::server, "huanxin");
    if (!resp.content_type.empty() && resp.status != 204 && resp.status != 304)
      res.set(bhttp::field::content_type, resp.content_type);
    for (const auto& [k, v] : resp.headers) res.insert(k, v);
    res.keep_alive(keep);
  }

  template <typename Res>
  void Write(std::shared_ptr<Res> res, std::shared_ptr<const std::string> hold, std::size_t bytes, bool head, bool keep) {
    if (head) {
      res->content_length(bytes);
    } else if (res->result() != bhttp::status::no_content && res->result() != bhttp::status::not_modified) {
      res->prepare_payload();
    }
    bhttp::async_write(stream_, *res, [self = shared_from_this(), res, hold, keep](beast::error_code ec, std::size_t) {
      if (ec || !keep) return self->Close();
      self->ReadHeader();
    });
  }

  // Answers an error before the request was read in full, then closes after draining what the
  // client is still sending (so it reads our answer instead of a connection reset).
  void Reject(int status, const char* reason, const char* zh, const char* en) {
    busy_ = true;
    Response r = ErrorResponse(MakeError(ErrorCode::kPayloadTooLarge, reason, Text(zh, en)), english_);
    r.status = status;
    r.close = true;
    method_ = parser_ && parser_->is_header_done() ? std::string(parser_->get().method_string()) : "?";
    target_ = parser_ && parser_->is_header_done() ? std::string(parser_->get().target()) : "?";
    auto res = std::make_shared<bhttp::response<bhttp::string_body>>(static_cast<bhttp::status>(status), 11);
    res->set(bhttp::field::content_type, r.content_type);
    res->set(bhttp::field::connection, "close");
    res->body() = std::move(r.body);
    res->prepare_payload();
    if (server_.options.access_log) spdlog::info("{} \"{} {}\" {} rejected {}", client_ip_, method_, target_, status, reason);
    bhttp::async_write(stream_, *res, [self = shared_from_this(), res](beast::error_code ec, std::size_t) {
      if (ec) return self->Close();
      self->Drain();
    });
  }

  void TooLarge() {
    std::string limit = FormatLimit(limit_);
    busy_ = true;
    Response r = ErrorResponse(
        MakeError(ErrorCode::kPayloadTooLarge, "http.payload_too_large", Text("请求体过大", "request body too large"),
                  Text("上限为 " + limit, "the limit is " + limit),
                  Text("文件请分批上传，或压缩后再试", "split the upload or make it smaller")),
        english_);
    method_ = std::string(parser_->get().method_string());
    target_ = std::string(parser_->get().target());
    auto res = std::make_shared<bhttp::response<bhttp::string_body>>(bhttp::status::payload_too_large, 11);
    res->set(bhttp::field::content_type, r.content_type);
    res->set(bhttp::field::connection, "close");
    res->body() = std::move(r.body);
    res->prepare_payload();
    if (server_.options.access_log) spdlog::info("{} \"{} {}\" 413 over {}", client_ip_, method_, target_, limit);
    bhttp::async_write(stream_, *res, [self = shared_from_this(), res](beast::error_code ec, std::size_t) {
      if (ec) return self->Close();
      self->Drain();
    });
  }

  static std::string FormatLimit(std::size_t bytes) {
    if (bytes % (1024 * 1024) == 0) return std::to_string(bytes / (1024 * 1024)) + " MiB";
    if (bytes % 1024 == 0) return std::to_string(bytes / 1024) + " KiB";
    return std::to_string(bytes) + " B";
  }

  void Drain() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.expires_after(std::chrono::seconds(5));
    drain_buf_.resize(64 * 1024);
    DrainMore();
  }

  void DrainMore() {
    stream_.async_read_some(net::buffer(drain_buf_), [self = shared_from_this()](beast::error_code ec, std::size_t n) {
      self->drained_ += n;
      if (ec || self->drained_ > 64u * 1024 * 1024) return self->Close();
      self->DrainMore();
    });
  }

  void Close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
    stream_.close();
  }

  beast::tcp_stream stream_;
  Server::Impl& server_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::string client_ip_, accept_language_, target_, method_;
  std::size_t limit_ = 0;
  std::size_t drained_ = 0;
  std::vector<char> drain_buf_;
  bool english_ = false, keep_alive_ = false, busy_ = false, first_ = true;
  std::chrono::steady_clock::time_point started_;
};

void Server::Impl::Accept() {
  acceptor->async_accept(net::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
    if (ec) {
      if (stopping || ec == net::error::operation_aborted) return;
      spdlog::warn("accept failed: {}", ec.message());
    } else {
      auto conn = std::make_shared<Connection>(std::move(socket), *this);
      {
        std::lock_guard lock(mu);
        // Forget connections that have ended, so the set stays the size of the live ones.
        for (auto it = connections.begin(); it != connections.end();)
          it = it->expired() ? connections.erase(it) : std::next(it);
        connections.insert(conn);
      }
      conn->Start();
    }
    if (!stopping) Accept();
  });
}

Server::Server(ServerOptions options, const Pipeline& pipeline)
    : impl_(std::make_unique<Impl>(std::move(options), pipeline)) {}

Server::~Server() { Stop(); }

Result<std::uint16_t> Server::Start() {
  auto& s = *impl_;
  beast::error_code ec;
  auto address = net::ip::make_address(s.options.host, ec);
  if (ec)
    return MakeError(ErrorCode::kUnavailable, "server.bad_address", Text("监听地址不正确", "bad listen address"),
                     Text::Same(s.options.host));
  tcp::endpoint ep(address, s.options.port);
  s.acceptor.emplace(s.ioc);
  s.acceptor->open(ep.protocol(), ec);
  if (!ec) s.acceptor->set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) s.acceptor->bind(ep, ec);
  if (!ec) s.acceptor->listen(net::socket_base::max_listen_connections, ec);
  if (ec)
    return MakeError(ErrorCode::kUnavailable, "server.listen_failed", Text("无法监听端口", "cannot listen"),
                     Text::Same(s.options.host + ":" + std::to_string(s.options.port) + ": " + ec.message()),
                     Text("端口可能已被占用：换一个 --port", "the port may be taken: choose another --port"));
  auto port = s.acceptor->local_endpoint().port();
  s.work.emplace(s.ioc.get_executor());
  s.Accept();
  int n = s.options.threads > 0 ? s.options.threads : std::max(1u, std::thread::hardware_concurrency());
  for (int i = 0; i < n; ++i) s.threads.emplace_back([&s] { s.ioc.run(); });
  return port;
}

bool Server::Stop() {
  auto& s = *impl_;
  {
    std::lock_guard lock(s.mu);
    if (s.stopped || s.threads.empty()) return true;
    s.stopped = true;
  }
  bool clean = true;
  s.stopping = true;
  net::post(s.ioc, [&s] {
    beast::error_code ec;
    if (s.acceptor) s.acceptor->close(ec);
  });
  // Close idle connections, then keep doing so while busy ones finish: a connection accepted just
  // before the listener closed, or one that turns idle after answering, is caught by the next pass.
  const auto began = std::chrono::steady_clock::now();
  const auto deadline = began + s.options.shutdown_grace;
  bool first_pass = true;
  while (true) {
    std::vector<std::shared_ptr<Connection>> live;
    {
      std::lock_guard lock(s.mu);
      for (auto& w : s.connections)
        if (auto c = w.lock()) live.push_back(std::move(c));
    }
    if (first_pass) spdlog::info("shutdown: closing the listener and {} connection(s)", live.size());
    first_pass = false;
    for (auto& c : live) c->CloseIfIdle();
    live.clear();
    std::unique_lock lock(s.mu);
    if (s.cv.wait_for(lock, std::chrono::milliseconds(50), [&s] { return s.live == 0; })) break;
    if (std::chrono::steady_clock::now() >= deadline) {
      spdlog::warn("shutdown: {} connection(s) still open after the grace period", s.live);
      clean = false;
      break;
    }
  }
  s.work.reset();
  s.ioc.stop();
  for (auto& t : s.threads) t.join();
  s.threads.clear();
  spdlog::info("shutdown: done in {} ms", std::chrono::duration_cast<std::chrono::milliseconds>(
                                                std::chrono::steady_clock::now() - began).count());
  return clean;
}

void Server::RunUntilSignal() {
  net::io_context sig_ioc;
  net::signal_set signals(sig_ioc, SIGINT, SIGTERM);
  signals.async_wait([](beast::error_code, int sig) { spdlog::info("signal {}: stopping gracefully", sig); });
  sig_ioc.run();
  Stop();
}

}  // namespace huanxin::http
