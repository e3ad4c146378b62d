// Fuzzes multipart/form-data bodies. The input's first line (up to the first '\n', at most 200
// bytes) is the Content-Type header and the rest the body, so the header parser (boundary quoting,
// length) is fuzzed as well; an input without '\n' is a body under a fixed boundary.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "http/multipart.hpp"

using namespace huanxin;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  std::string_view header = "multipart/form-data; boundary=hxboundary";
  std::string_view body = in;
  auto nl = in.substr(0, 201).find('\n');
  if (nl != std::string_view::npos) {
    header = in.substr(0, nl);
    body = in.substr(nl + 1);
  }
  auto parts = http::ParseMultipart(header, body);
  if (!parts) return 0;
  for (const auto& p : *parts) {
    if (p.data.size() > body.size()) std::abort();
    // The file name is a base name only (RFC 7578 §4.2).
    if (p.filename.find('/') != std::string::npos || p.filename.find('\\') != std::string::npos) std::abort();
  }
  return 0;
}
