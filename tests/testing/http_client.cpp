#include "testing/http_client.hpp"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json/parse.hpp>

#include "common/text.hpp"

namespace huanxin::testing {

namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace net = boost::asio;

boost::json::value HttpResponse::Json() const {
  boost::system::error_code ec;
  auto v = boost::json::parse(body, ec);
  return ec ? boost::json::value() : v;
}

std::string HttpResponse::Reason() const {
  auto v = Json();
  if (!v.is_object()) return "";
  auto* e = v.as_object().if_contains("error");
  if (!e || !e->is_object()) return "";
  auto* r = e->as_object().if_contains("reason");
  return r && r->is_string() ? std::string(r->as_string()) : "";
}

HttpResponse Send(std::uint16_t port, const HttpRequest& r) {
  net::io_context ioc;
  beast::tcp_stream stream(ioc);
  stream.connect(net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
  bhttp::request<bhttp::string_body> req{bhttp::string_to_verb(r.method), r.target, 11};
  req.set(bhttp::field::host, "127.0.0.1");
  for (const auto& [k, v] : r.headers) req.set(k, v);
  req.body() = r.body;
  req.prepare_payload();
  bhttp::write(stream, req);
  beast::flat_buffer buf;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  if (r.method == "HEAD") parser.skip(true);  // the answer has Content-Length but no body
  bhttp::read(stream, buf, parser);
  auto& res = parser.get();
  HttpResponse out;
  out.status = res.result_int();
  for (const auto& f : res) out.headers[ToLowerAscii(std::string(f.name_string()))] = std::string(f.value());
  out.body = res.body();
  beast::error_code ec;
  stream.socket().shutdown(net::ip::tcp::socket::shutdown_both, ec);
  return out;
}

}  // namespace huanxin::testing
