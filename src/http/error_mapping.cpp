#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "http/message.hpp"

#include <cstdio>

#include "common/decimal.hpp"

namespace huanxin::http {

int HttpStatus(ErrorCode code) {
  switch (code) {
    case ErrorCode::kBadRequest: return 400;
    case ErrorCode::kUnauthorized: return 401;
    case ErrorCode::kForbidden: return 403;
    case ErrorCode::kNotFound: return 404;
    case ErrorCode::kMethodNotAllowed: return 405;
    case ErrorCode::kConflict: return 409;
    case ErrorCode::kPayloadTooLarge: return 413;
    case ErrorCode::kUnsupportedMediaType: return 415;
    case ErrorCode::kUnprocessable: return 422;
    case ErrorCode::kTooManyRequests: return 429;
    case ErrorCode::kUnavailable: return 503;
    case ErrorCode::kInternal: return 500;
  }
  return 500;
}

namespace {
// Decimals travel through Boost.JSON as strings tagged with a control character, which serialises
// as \\u0001; the tag and the quotes are then dropped, leaving a JSON number with two decimals.
constexpr std::string_view kDecimalTag = "\\u0001D";  // as Boost.JSON writes "\x01" "D"
}  // namespace

boost::json::value RawNumberJson(const std::string& number_text) {
  return boost::json::string(std::string("\x01") + "D" + number_text);
}

boost::json::value DecimalJson(std::int64_t hundredths) { return RawNumberJson(FormatHundredths(hundredths)); }

Response Json(int status, const boost::json::value& v) {
  Response r;
  r.status = status;
  r.body = boost::json::serialize(v);
  if (r.body.find(kDecimalTag) != std::string::npos) {
    std::string out;
    out.reserve(r.body.size());
    std::size_t pos = 0;
    while (true) {
      auto at = r.body.find(kDecimalTag, pos);
      if (at == std::string::npos || at == 0 || r.body[at - 1] != '"') {
        out.append(r.body, pos, std::string::npos);
        break;
      }
      auto close = r.body.find('"', at);
      out.append(r.body, pos, at - 1 - pos);                             // up to the opening quote
      out.append(r.body, at + kDecimalTag.size(), close - at - kDecimalTag.size());  // the digits
      pos = close + 1;                                                    // past the closing quote
    }
    r.body = std::move(out);
  }
  return r;
}

Response Download(std::string body, const std::string& content_type, const std::string& filename) {
  Response r;
  r.content_type = content_type;
  r.body = std::move(body);
  std::string encoded;
  for (unsigned char c : filename) {
    if (std::isalnum(c) || c == '.' || c == '-' || c == '_') {
      encoded += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      encoded += buf;
    }
  }
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"download" +
                                                    filename.substr(filename.rfind('.') == std::string::npos ? filename.size() : filename.rfind('.')) +
                                                    "\"; filename*=UTF-8''" + encoded);
  return r;
}

Response NoContent() {
  Response r;
  r.status = 204;
  r.content_type.clear();
  return r;
}

Response ErrorResponse(const Error& e, bool english) {
  boost::json::object err;
  err["reason"] = e.reason;
  err["message"] = e.message.In(english);
  // Internal errors keep their detail (SQL text, exception messages) for the log only.
  bool internal = e.code == ErrorCode::kInternal;
  err["detail"] = internal ? std::string() : e.detail.In(english);
  err["hint"] = internal ? std::string(english ? "quote the request id to the administrator"
                                               : "请将请求编号告知管理员")
                         : e.hint.In(english);
  return Json(HttpStatus(e.code), boost::json::object{{"error", err}});
}

}  // namespace huanxin::http
