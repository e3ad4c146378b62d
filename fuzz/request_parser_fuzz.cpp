// Fuzzes the server's request parser (http/request_parser.hpp): Beast's basic_parser with the
// callbacks that fill the reused Request. The input is the bytes a client sends, possibly several
// pipelined requests; each parsed request is checked against the limits, then the Request is reused
// for the next one, as a connection does.
#include <boost/asio/buffer.hpp>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string_view>

#include "http/request_parser.hpp"

using namespace huanxin;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  constexpr std::size_t kHeaderLimit = 4096, kBodyLimit = 65536;
  std::string_view in(reinterpret_cast<const char*>(data), size);
  http::Request req;
  std::string target;
  for (int message = 0; message < 8 && !in.empty(); ++message) {
    req.method.clear();
    req.headers.Clear();
    req.body.clear();
    target.clear();
    std::optional<http::RequestParser> parser;
    parser.emplace(req, target);
    parser->header_limit(kHeaderLimit);
    parser->body_limit(kBodyLimit);
    parser->eager(true);
    boost::beast::error_code ec;
    std::size_t used = parser->put(boost::asio::buffer(in.data(), in.size()), ec);
    if (ec && ec != boost::beast::http::error::need_more) return 0;
    if (used > in.size()) std::abort();
    if (!parser->is_done()) return 0;
    if (req.method.empty() || target.empty()) std::abort();
    if (req.body.size() > kBodyLimit) std::abort();
    if (req.headers.size() * 2 > kHeaderLimit) std::abort();  // a header line takes at least "a:\r\n"
    for (const auto* name : {"host", "content-type", "x-request-id"})
      if (const std::string* v = req.Header(name); v && v->size() > kHeaderLimit) std::abort();
    if (parser->version() != 10 && parser->version() != 11) std::abort();
    in.remove_prefix(used);
  }
  return 0;
}
