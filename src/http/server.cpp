#include "http/server.hpp"

#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>

#include <array>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <charconv>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "common/crypto.hpp"
#include "common/text.hpp"
#include "http/request_parser.hpp"

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
  // Keeps the I/O threads in ioc.run() until Stop() has finished: without it run() returns as
  // soon as the listener closes and no socket has I/O pending, and handlers Stop() posts (closing
  // idle connections) would never run.
  std::optional<net::executor_work_guard<net::io_context::executor_type>> work;
  std::optional<tcp::acceptor> acceptor;
  std::vector<std::thread> threads;
  // Blocking handlers (Pipeline::Handle) run here, off the I/O threads.
  std::optional<net::thread_pool> handlers;
  std::shared_ptr<spdlog::logger> access;  // buffered; null when the access log is off
  std::atomic<bool> stopping{false};
  std::mutex mu;
  std::condition_variable cv;
  std::set<std::weak_ptr<Connection>, std::owner_less<std::weak_ptr<Connection>>> connections;
  std::size_t live = 0;
  bool stopped = false;
  // Request ids: a random prefix per process and a counter (unique, cheap: no system call).
  std::string id_prefix = RandomHex(4);
  std::atomic<std::uint64_t> next_id{1};

  std::optional<net::steady_timer> flush_timer;  // writes the buffered access log every second

  Impl(ServerOptions o, const Pipeline& p) : options(std::move(o)), pipeline(p) {}
  void Accept();
  void FlushAccessLogLater() {
    flush_timer->expires_after(std::chrono::seconds(1));
    flush_timer->async_wait([this](beast::error_code ec) {
      access->flush();
      if (!ec && !stopping) FlushAccessLogLater();
    });
  }
};

namespace {
// The caller's X-Request-Id when it is short and plain (tracing across a proxy); otherwise false.
bool PlainRequestId(const std::string* v) {
  if (!v || v->empty() || v->size() > 64) return false;
  for (char c : *v)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
  return true;
}

// Access-log lines collected in memory and written in blocks (when 64 KiB have gathered, or on the
// periodic flush), instead of one write and flush per request as the console sink does.
class BufferedStdoutSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  ~BufferedStdoutSink() override { Write(); }

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    spdlog::memory_buf_t line;
    formatter_->format(msg, line);
    buffer_.append(line.data(), line.size());
    if (buffer_.size() >= 64 * 1024) Write();
  }
  void flush_() override { Write(); }

 private:
  void Write() {
    if (buffer_.empty()) return;
    std::fwrite(buffer_.data(), 1, buffer_.size(), stdout);
    std::fflush(stdout);
    buffer_.clear();
  }
  std::string buffer_;
};

// "HTTP/1.1 200 OK\r\n" for a status code.
void AppendStatusLine(std::string& out, int status) {
  out += "HTTP/1.1 ";
  char code[8];
  auto [end, ec] = std::to_chars(code, code + sizeof code, status);
  out.append(code, end);
  out += ' ';
  auto reason = bhttp::obsolete_reason(static_cast<bhttp::status>(status));
  out.append(reason.data(), reason.size());
  out += "\r\n";
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
  // The reused request: its strings and header list keep their storage from request to request.
  void ResetRequest() {
    req_.method.clear();
    req_.path.clear();
    req_.query.clear();
    req_.params.clear();
    req_.headers.Clear();
    req_.body.clear();
    if (req_.body.capacity() > 64 * 1024) req_.body.shrink_to_fit();  // after an upload
    req_.request_id.clear();
    req_.english = false;
    req_.auth.reset();
    req_.cookie_auth = false;
    target_.clear();
  }

  void ReadHeader() {
    if (server_.stopping) return Close();
    ResetRequest();
    parser_.emplace(req_, target_);
    parser_->header_limit(static_cast<std::uint32_t>(server_.options.header_limit));
    // No limit while the header is read: the limit depends on the Content-Type, and a Content-Length
    // over Beast's limit failed the header read, so the connection closed without an answer. OnHeader
    // sets the request's limit and answers 413 for a declared length over it.
    parser_->body_limit(boost::none);
    busy_ = false;
    stream_.expires_after(first_ ? server_.options.read_timeout : server_.options.idle_timeout);
    first_ = false;
    bhttp::async_read_header(stream_, buffer_, *parser_,
                             [self = shared_from_this()](beast::error_code ec, std::size_t) { self->OnHeader(ec); });
  }

  void OnHeader(beast::error_code ec) {
    if (ec == bhttp::error::header_limit)
      return Reject(413, "http.header_too_large", "请求头过大", "request headers too large");
    if (ec) return Close();
    busy_ = true;
    if (server_.access) started_ = std::chrono::steady_clock::now();
    stream_.expires_after(server_.options.read_timeout);
    const std::string* ct = req_.Header("content-type");
    limit_ = ct && ToLowerAscii(*ct).starts_with("multipart/form-data") ? server_.options.upload_body_limit
                                                                        : server_.options.json_body_limit;
    req_.english = PrefersEnglish(req_.Header("accept-language"));
    if (auto len = parser_->content_length(); len && *len > limit_) return TooLarge();
    parser_->body_limit(limit_);
    if (parser_->is_done()) return OnBody({});
    // Beast reads no more than the buffer's free capacity (at least 512 bytes, at most 64 KiB), and
    // the parser takes the body's bytes out of it as they arrive, so with a buffer sized by the
    // headers a large upload came in about 1 KiB per read: a 78 MB roster took 2.2 s on loopback
    // (0.13 s into a plain socket). Large bodies are read 64 KiB at a time; the buffer shrinks back
    // after (OnBody).
    if (auto len = parser_->content_length(); !len || *len > kBodyRead) {
      buffer_.reserve(buffer_.size() + kBodyRead);
      large_body_ = true;
    }
    // "Expect: 100-continue" (RFC 9110 §10.1.1): the client waits for an interim 100 before sending
    // the body (curl does for bodies above 1 MiB, then gives up after a second and sends anyway).
    // Limits were checked above, so a body refused by its length got its final answer instead.
    if (const std::string* expect = req_.Header("expect");
        expect && parser_->version() >= 11 && ToLowerAscii(*expect) == "100-continue") {
      static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
      return net::async_write(stream_, net::buffer(kContinue.data(), kContinue.size()),
                              [self = shared_from_this()](beast::error_code e, std::size_t) {
                                if (e) return self->Close();
                                self->ReadBody();
                              });
    }
    ReadBody();
  }

  void ReadBody() {
    bhttp::async_read(stream_, buffer_, *parser_,
                      [self = shared_from_this()](beast::error_code e, std::size_t) { self->OnBody(e); });
  }

  void OnBody(beast::error_code ec) {
    if (large_body_) {
      buffer_.shrink_to_fit();
      large_body_ = false;
    }
    if (ec == bhttp::error::body_limit) return TooLarge();
    if (ec) return Close();
    std::string_view target = target_;
    auto qpos = target.find('?');
    auto path = UrlDecode(target.substr(0, qpos));
    req_.path = path ? std::move(*path) : std::string(target.substr(0, qpos));
    if (qpos != std::string_view::npos) req_.query = ParseUrlEncoded(target.substr(qpos + 1));
    req_.client_ip = client_ip_;
    const std::string* rid = req_.Header("x-request-id");
    req_.request_id = PlainRequestId(rid) ? *rid : NewRequestId();
    keep_alive_ = parser_->keep_alive();
    version10_ = parser_->version() == 10;
    if (auto quick = server_.pipeline.Quick(req_)) return Send(std::move(*quick));
    // Off the I/O thread: the handler may wait on the database, a file or a report. The connection
    // reads nothing more until the answer is written, so the handler has req_ to itself.
    net::post(*server_.handlers, [self = shared_from_this()] {
      Response r = self->server_.pipeline.Handle(self->req_);
      net::post(self->stream_.get_executor(), [self, r = std::move(r)]() mutable { self->Send(std::move(r)); });
    });
  }

  std::string NewRequestId() const {
    char hex[20];
    const auto n = server_.next_id.fetch_add(1, std::memory_order_relaxed);
    std::snprintf(hex, sizeof hex, "%08llx", static_cast<unsigned long long>(n & 0xffffffffu));
    return server_.id_prefix + hex;
  }

  // One header block in the reused buffer out_, then the body: one write (a gather write of two
  // buffers for a stored body, which is sent without a copy).
  void Send(Response resp, bool log = true) {
    resp_ = std::move(resp);
    const bool head = req_.method == "HEAD";
    const std::string& body = resp_.shared_body ? *resp_.shared_body : resp_.body;
    const bool keep = keep_alive_ && !resp_.close && !server_.stopping;
    const int status = resp_.status;
    const bool no_body = status == 204 || status == 304 || (status >= 100 && status < 200);
    out_.clear();
    AppendStatusLine(out_, status);
    out_ += "Server: huanxin\r\n";
    if (!resp_.content_type.empty() && !no_body) {
      out_ += "Content-Type: ";
      out_ += resp_.content_type;
      out_ += "\r\n";
    }
    bool own_policy = false;
    for (const auto& [k, v] : resp_.headers) {
      own_policy = own_policy || k == "Content-Security-Policy";
      out_ += k;
      out_ += ": ";
      out_ += v;
      out_ += "\r\n";
    }
    out_ += Pipeline::SecurityHeaders(!own_policy);
    out_ += "X-Request-Id: ";
    out_ += req_.request_id;
    out_ += "\r\n";
    if (!no_body) {
      char len[24];
      auto [end, ec] = std::to_chars(len, len + sizeof len, body.size());
      out_ += "Content-Length: ";
      out_.append(len, end);
      out_ += "\r\n";
    }
    if (!keep)
      out_ += "Connection: close\r\n";
    else if (version10_)
      out_ += "Connection: keep-alive\r\n";
    out_ += "\r\n";
    if (server_.access && log) {
      auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started_).count();
      server_.access->info("{} \"{} {}\" {} {} {:.1f}ms rid={}", client_ip_, req_.method, target_, status, body.size(),
                           ms, req_.request_id);
    }
    const bool send_body = !head && !no_body && !body.empty();
    if (send_body && !resp_.shared_body && body.size() <= 16 * 1024) {
      out_ += body;  // small: one buffer
      WriteBuffers(std::array<net::const_buffer, 1>{net::buffer(out_)}, keep);
    } else if (send_body) {
      WriteBuffers(std::array<net::const_buffer, 2>{net::buffer(out_), net::buffer(body)}, keep);
    } else {
      WriteBuffers(std::array<net::const_buffer, 1>{net::buffer(out_)}, keep);
    }
  }

  template <typename Buffers>
  void WriteBuffers(const Buffers& buffers, bool keep) {
    net::async_write(stream_, buffers, [self = shared_from_this(), keep](beast::error_code ec, std::size_t) {
      self->resp_ = Response{};
      if (!ec && self->drain_after_) return self->Drain();
      if (ec || !keep) return self->Close();
      self->ReadHeader();
    });
  }
  // Answers an error before the request was read in full, then closes after draining what the
  // client is still sending (so it reads our answer instead of a connection reset).
  void Reject(int status, const char* reason, const char* zh, const char* en) {
    Response r = ErrorResponse(MakeError(ErrorCode::kPayloadTooLarge, reason, Text(zh, en)), req_.english);
    r.status = status;
    RejectWith(std::move(r), reason);
  }

  void TooLarge() {
    std::string limit = FormatLimit(limit_);
    RejectWith(ErrorResponse(MakeError(ErrorCode::kPayloadTooLarge, "http.payload_too_large",
                                       Text("请求体过大", "request body too large"),
                                       Text("上限为 " + limit, "the limit is " + limit),
                                       Text("文件请分批上传，或压缩后再试", "split the upload or make it smaller")),
                             req_.english),
               "over " + limit);
  }

  void RejectWith(Response r, const std::string& why) {
    busy_ = true;
    r.close = true;
    drain_after_ = true;
    if (req_.method.empty()) req_.method = "?";
    if (target_.empty()) target_ = "?";
    if (req_.request_id.empty()) req_.request_id = NewRequestId();
    if (server_.access)
      server_.access->info("{} \"{} {}\" {} rejected {}", client_ip_, req_.method, target_, r.status, why);
    Send(std::move(r), false);
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
  static constexpr std::size_t kBodyRead = 64 * 1024;
  beast::flat_buffer buffer_;
  bool large_body_ = false;  // buffer_ was grown for a large body (OnHeader)
  Request req_;
  std::string target_;
  std::optional<RequestParser> parser_;
  Response resp_;    // being written
  std::string out_;  // the header block being written (reused)
  std::string client_ip_;
  std::size_t limit_ = 0;
  std::size_t drained_ = 0;
  std::vector<char> drain_buf_;
  bool keep_alive_ = false, version10_ = false, busy_ = false, first_ = true, drain_after_ = false;
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
  s.handlers.emplace(s.options.handler_threads > 0 ? s.options.handler_threads : kDefaultHandlerThreads);
  if (s.options.access_log) {
    s.access = std::make_shared<spdlog::logger>("access", std::make_shared<BufferedStdoutSink>());
    s.access->set_level(spdlog::default_logger()->level());
    s.flush_timer.emplace(s.ioc);
    s.FlushAccessLogLater();
  }
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
  s.handlers->join();
  if (s.flush_timer) net::post(s.ioc, [&s] { s.flush_timer->cancel(); });
  s.work.reset();
  s.ioc.stop();
  for (auto& t : s.threads) t.join();
  s.threads.clear();
  if (s.access) s.access->flush();
  spdlog::info("shutdown: done in {} ms",
               std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - began).count());
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
