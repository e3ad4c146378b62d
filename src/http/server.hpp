// The HTTP/1.1 server on Boost.Beast + Asio (issue #2 §2).
//
// I/O threads run one io_context; each connection lives on its own strand. Requests are parsed by
// Beast's basic_parser into the connection's reused header list (no allocation per header), and
// answers are written as one header block built in the connection's reused buffer plus the body
// (the security headers are one precomputed string). What can be answered without blocking — static
// files, 404/405, stored answers of reusable routes, a route's `quick` answer — is answered on the
// I/O thread; every other handler (database, files, reports) runs on a separate pool of handler
// threads, so a slow request never stalls a connection's neighbours, and concurrent durable writes
// can share one commit (store/group_commit.hpp). Pipelined requests are answered in order. The
// access log goes through its own buffered logger, flushed every second. Per connection:
// keep-alive, a header size limit, a body limit chosen from the Content-Type (JSON vs multipart
// uploads), a read timeout while a request arrives and an idle timeout between requests. A body
// over its limit answers 413 (early, from Content-Length, when it can). Stop() is graceful: the
// listener closes, idle connections close, requests in flight finish and get their response, then
// the threads end (bounded by a grace period).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "common/result.hpp"
#include "http/pipeline.hpp"

namespace huanxin::http {

inline constexpr int kDefaultHandlerThreads = 16;

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;  // 0 = pick a free port
  int threads = 0;            // I/O threads; 0 = hardware cores
  int handler_threads = 0;    // threads running blocking handlers; 0 = kDefaultHandlerThreads
  std::size_t header_limit = 16 * 1024;
  std::size_t json_body_limit = 1024 * 1024;          // 1 MiB
  std::size_t upload_body_limit = 20 * 1024 * 1024;   // 20 MiB
  std::chrono::seconds read_timeout{30};
  std::chrono::seconds idle_timeout{60};
  std::chrono::seconds shutdown_grace{30};
  bool access_log = true;
};

class Server {
 public:
  Server(ServerOptions options, const Pipeline& pipeline);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and starts the worker threads; returns the bound port. Fails with kUnavailable when the
  // address is taken.
  Result<std::uint16_t> Start();
  // Graceful stop (idempotent, any thread). Returns when the threads have ended: true when every
  // connection closed within the grace period, false when some had to be cut off.
  bool Stop();
  // Blocks until SIGINT or SIGTERM, then stops gracefully.
  void RunUntilSignal();

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace huanxin::http
