// Fuzzes URL-encoded query strings and form bodies: the input is the request target
// ("/path?k=v&k2=v2"), split and decoded exactly as src/http/server.cpp does, then read through
// the query helpers handlers use (paging, integers, booleans, times).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/text.hpp"
#include "http/json/json_input.hpp"

using namespace huanxin;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view target(reinterpret_cast<const char*>(data), size);
  http::Request req;
  auto qpos = target.find('?');
  auto path = UrlDecode(target.substr(0, qpos));
  req.path = path ? *path : std::string(target.substr(0, qpos));
  if (qpos != std::string_view::npos) req.query = ParseUrlEncoded(target.substr(qpos + 1));
  (void)http::ParsePaging(req);
  for (const auto& [k, v] : req.query) {
    (void)http::QueryInt64(req, k.c_str());
    (void)http::QueryString(req, k.c_str());
    (void)http::QueryBool(req, k.c_str());
    (void)http::QueryTime(req, k.c_str());
    (void)ParseInt64(v);
    (void)Utf8Length(v);
  }
  return 0;
}
