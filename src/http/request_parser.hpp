// The HTTP/1.1 request parser of the server (issue #16, "HTTP path"): Beast's basic_parser (request
// line, header syntax, chunked bodies, header and body limits) with callbacks that store what it
// reads into a reused http::Request: the method, the target and the headers go into strings that
// keep their storage from request to request, so a connection allocates nothing per header once it
// has served its first request. Fuzzed by fuzz/request_parser_fuzz.cpp.
#pragma once

#include <boost/beast/http/basic_parser.hpp>
#include <cstdint>
#include <string>

#include "http/message.hpp"

namespace huanxin::http {

// Beast's request parser, storing what it reads into the connection's reused Request: the method,
// the target and the headers (lower-case names) without an allocation per header, and the body.
class RequestParser final : public boost::beast::http::basic_parser<true> {
 public:
  RequestParser(Request& req, std::string& target) : req_(req), target_(target) {}
  int version() const { return version_; }  // 10 or 11

 private:
  void on_request_impl(boost::beast::http::verb, boost::beast::string_view method, boost::beast::string_view target,
                       int version, boost::beast::error_code&) override {
    version_ = version;
    req_.method.assign(method.data(), method.size());
    target_.assign(target.data(), target.size());
  }
  void on_response_impl(int, boost::beast::string_view, int, boost::beast::error_code&) override {}
  void on_field_impl(boost::beast::http::field, boost::beast::string_view name, boost::beast::string_view value,
                     boost::beast::error_code&) override {
    req_.headers.Add({name.data(), name.size()}, {value.data(), value.size()});
  }
  void on_header_impl(boost::beast::error_code&) override {}
  void on_body_init_impl(const boost::optional<std::uint64_t>& length, boost::beast::error_code&) override {
    // The body limit was checked against Content-Length before the body is read (basic_parser).
    if (length) req_.body.reserve(static_cast<std::size_t>(*length));
  }
  std::size_t on_body_impl(boost::beast::string_view body, boost::beast::error_code&) override {
    req_.body.append(body.data(), body.size());
    return body.size();
  }
  void on_chunk_header_impl(std::uint64_t, boost::beast::string_view, boost::beast::error_code&) override {}
  std::size_t on_chunk_body_impl(std::uint64_t, boost::beast::string_view body, boost::beast::error_code&) override {
    req_.body.append(body.data(), body.size());
    return body.size();
  }
  void on_finish_impl(boost::beast::error_code&) override {}

  Request& req_;
  std::string& target_;
  int version_ = 11;
};
}  // namespace huanxin::http
