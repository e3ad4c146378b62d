// The request pipeline between the socket and the handlers: routing (404/405), session
// authentication (cookie or bearer), CSRF for cookie writes, content-type checks (415), static
// files and the SPA, security headers, and the catch-all that turns an exception into a 500 with
// the request id in the log. Thread safety: Handle may run on many threads at once.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "http/message.hpp"
#include "http/router.hpp"
#include "http/services.hpp"
#include "http/static_files.hpp"

namespace huanxin::http {

class Pipeline {
 public:
  Pipeline(const Router& router, Services& services, const StaticFiles& files)
      : router_(router), services_(services), files_(files) {}

  // Answers the request (routing, authentication, the handler). May block (database, files):
  // the server runs it on a handler thread. Security headers and X-Request-Id are the server's.
  Response Handle(Request& req) const;
  // The answer when it can be given without blocking: static files, no route (404/405), a stored
  // answer of a reusable route for a cached session, a public route's `quick` answer. Nullopt means
  // "run Handle"; the server calls this on its I/O thread first.
  std::optional<Response> Quick(Request& req) const;

  // The security header lines (CRLF-terminated), built once; without the Content-Security-Policy
  // when the handler set its own.
  static const std::string& SecurityHeaders(bool with_policy);

  // The Content-Security-Policy sent with every response.
  static const char* kContentSecurityPolicy;

 private:
  Response Api(Request& req) const;
  Response Static(const Request& req) const;
  Response NoMatch(const Request& req, const Match& match) const;
  std::string AnswerKey(const Request& req, bool public_route) const;
  std::optional<Response> StoredAnswer(const std::string& key, std::uint64_t changes) const;

  const Router& router_;
  Services& services_;
  const StaticFiles& files_;

  // Answers of read-only list routes (estate pages, register roll-ups) per user, language and query,
  // with the database change count they were computed at (store::Database::ChangeCounter): served
  // again only while nothing was written since. Empty where the database gives no count (PostgreSQL).
  struct CachedAnswer {
    int status = 200;
    std::string content_type;
    std::shared_ptr<const std::string> body;
    std::uint64_t changes = 0;
  };
  mutable std::mutex answers_mu_;
  mutable std::unordered_map<std::string, CachedAnswer> answers_;
  mutable std::size_t answers_bytes_ = 0;  // sum of the stored bodies
};

// Helpers shared with the server.
bool PrefersEnglish(const std::string* accept_language);
std::string ExtractCookie(const std::string& header, const std::string& name);

}  // namespace huanxin::http
