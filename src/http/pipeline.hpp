// The request pipeline between the socket and the handlers: routing (404/405), session
// authentication (cookie or bearer), CSRF for cookie writes, content-type checks (415), static
// files and the SPA, security headers, and the catch-all that turns an exception into a 500 with
// the request id in the log. Thread safety: Handle may run on many threads at once.
#pragma once

#include <string>

#include "http/message.hpp"
#include "http/router.hpp"
#include "http/services.hpp"
#include "http/static_files.hpp"

namespace huanxin::http {

class Pipeline {
 public:
  Pipeline(const Router& router, Services& services, const StaticFiles& files)
      : router_(router), services_(services), files_(files) {}

  Response Handle(Request& req) const;

  // The Content-Security-Policy sent with every response.
  static const char* kContentSecurityPolicy;

 private:
  Response Api(Request& req) const;
  Response Static(const Request& req) const;

  const Router& router_;
  Services& services_;
  const StaticFiles& files_;
};

// Helpers shared with the server.
bool PrefersEnglish(const std::string* accept_language);
std::string ExtractCookie(const std::string& header, const std::string& name);

}  // namespace huanxin::http
