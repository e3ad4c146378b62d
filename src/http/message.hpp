// Transport-neutral request and response values that handlers see. The server (server.cpp)
// converts from and to Beast messages; handlers never touch Beast or sockets.
#pragma once

#include <boost/json/value.hpp>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/error.hpp"
#include "service/auth/auth_service.hpp"

namespace huanxin::http {

struct Request {
  std::string method;  // "GET", "POST", …
  std::string path;    // decoded path without the query
  std::map<std::string, std::string> query;   // decoded; last value wins
  std::map<std::string, std::string> params;  // path parameters from the route pattern
  std::map<std::string, std::string> headers; // lower-case names
  std::string body;
  std::string client_ip;
  std::string request_id;
  bool english = false;  // Accept-Language prefers English
  std::optional<service::Authenticated> auth;  // set for routes that need a session
  bool cookie_auth = false;                    // authenticated by cookie (CSRF applies)

  const std::string* Header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? nullptr : &it->second;
  }
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
