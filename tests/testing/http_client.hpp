// A small blocking HTTP/1.1 client for API tests (Boost.Beast), one connection per request unless
// a keep-alive Connection is used.
#pragma once

#include <boost/json/value.hpp>
#include <cstdint>
#include <map>
#include <string>

namespace huanxin::testing {

struct HttpResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  boost::json::value Json() const;
  // error.reason of an error envelope, "" otherwise.
  std::string Reason() const;
};

struct HttpRequest {
  std::string method = "GET";
  std::string target;
  std::string body;
  std::map<std::string, std::string> headers;
};

HttpResponse Send(std::uint16_t port, const HttpRequest& req);

}  // namespace huanxin::testing
