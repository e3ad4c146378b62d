// multipart/form-data request bodies (RFC 7578): roster uploads from the admin app, a file plus a
// few form fields. Routes declare BodyKind::kMultipart; the server has already applied the upload
// size limit to the body. Thread safety: ParseMultipart keeps no state between calls.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"

namespace huanxin::http {

// One form field or file. `filename` is empty for a plain field; for a file it is the base name
// only (any "dir/" or "C:\dir\" prefix an old browser sent is dropped, RFC 7578 §4.2).
// `content_type` is the part's Content-Type as sent, "text/plain" when absent. `data` holds the
// bytes exactly as sent (binary-safe).
struct Part {
  std::string name;
  std::string filename;
  std::string content_type;
  std::string data;
};

// Splits `body` into its parts, in order. The boundary comes from `content_type_header`
// ("multipart/form-data; boundary=…", the boundary quoted or not, 1 to 70 characters). Lines end
// in CRLF; preamble and epilogue are ignored; a delimiter counts only where followed by "--" or a
// line end, so data may contain "\r\n--" freely. Content-Disposition gives name and filename;
// filename*=UTF-8''… (RFC 5987, percent-encoded UTF-8 or ISO-8859-1) wins over filename.
// Failures (400 http.bad_multipart, detail names the part, 1-based): the header is not
// multipart/form-data or has no valid boundary; the body has no opening or no closing boundary;
// a part has no Content-Disposition, a type other than form-data, no name, a malformed header line
// or filename*, or a header block over 8 KiB or not terminated by an empty line.
Result<std::vector<Part>> ParseMultipart(std::string_view content_type_header, std::string_view body);

}  // namespace huanxin::http
