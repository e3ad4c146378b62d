#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "http/message.hpp"

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

Response Json(int status, const boost::json::value& v) {
  Response r;
  r.status = status;
  r.body = boost::json::serialize(v);
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
