// Transport-neutral request and response values that handlers see. The server (server.cpp)
// converts from and to Beast messages; handlers never touch Beast or sockets.
#pragma once

#include <boost/json/value.hpp>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/error.hpp"
#include "service/auth/auth_service.hpp"

namespace huanxin::http {

// Request headers with lower-case names, in arrival order; a repeated name: the last one counts.
// The server keeps one list per connection and reuses its strings from request to request, so
// reading a request's headers allocates nothing once the connection has served its first request
// (issue #16, "HTTP path").
class HeaderList {
 public:
  const std::string* Find(std::string_view lower_name) const {
    for (std::size_t i = size_; i-- > 0;)
      if (fields_[i].first == lower_name) return &fields_[i].second;
    return nullptr;
  }
  void Add(std::string_view name, std::string_view value) {
    if (size_ == fields_.size()) fields_.emplace_back();
    auto& [n, v] = fields_[size_++];
    n.assign(name);
    for (char& c : n)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    v.assign(value);
  }
  void Clear() { size_ = 0; }
  std::size_t size() const { return size_; }

 private:
  std::vector<std::pair<std::string, std::string>> fields_;
  std::size_t size_ = 0;
};

struct Request {
  std::string method;                         // "GET", "POST", …
  std::string path;                           // decoded path without the query
  std::map<std::string, std::string> query;   // decoded; last value wins
  std::map<std::string, std::string> params;  // path parameters from the route pattern
  HeaderList headers;
  std::string body;
  std::string client_ip;
  std::string request_id;
  bool english = false;                        // Accept-Language prefers English
  std::optional<service::Authenticated> auth;  // set for routes that need a session
  bool cookie_auth = false;                    // authenticated by cookie (CSRF applies)

  const std::string* Header(std::string_view lower_name) const { return headers.Find(lower_name); }
  const service::Actor& actor() const { return auth->actor; }
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  // Set instead of `body` for immutable content (static files): sent without a copy.
  std::shared_ptr<const std::string> shared_body;
  std::vector<std::pair<std::string, std::string>> headers;
  bool close = false;  // close the connection after this response
};

// Serialises `v`. Values made by DecimalJson come out as plain numbers with two fraction digits
// ("85.37"), never in exponent form (ARCHITECTURE.md §5).
Response Json(int status, const boost::json::value& v);
// An exact two-decimal quantity (area dm² → m², money fen → 元) for Json().
boost::json::value DecimalJson(std::int64_t hundredths);
// Any number already written as JSON number text ("28.682892"), emitted verbatim by Json().
boost::json::value RawNumberJson(const std::string& number_text);
// A binary download (xlsx, pdf) with a UTF-8 file name (RFC 6266 / 5987).
Response Download(std::string body, const std::string& content_type, const std::string& filename);
Response NoContent();
// The error envelope {"error":{reason,message,detail,hint}} in the request's language.
Response ErrorResponse(const Error& e, bool english);

// ErrorCode → HTTP status: the one mapping (error_mapping.cpp, -Werror=switch).
int HttpStatus(ErrorCode code);

}  // namespace huanxin::http
