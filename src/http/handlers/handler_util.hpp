// Small helpers shared by handler files.
#pragma once

#include <string>

#include "http/message.hpp"

// Unwraps a Result or returns its error response from the enclosing handler (which has `req`).
#define HX_TRY(var, expr)                                                        \
  auto var##_result = (expr);                                                    \
  if (!var##_result) return ::huanxin::http::ErrorResponse(var##_result.error(), req.english); \
  auto& var = *var##_result

#define HX_TRY_VOID(expr)                                                        \
  do {                                                                           \
    auto _hx_r = (expr);                                                         \
    if (!_hx_r) return ::huanxin::http::ErrorResponse(_hx_r.error(), req.english); \
  } while (0)

#include "service/platform/document.hpp"

namespace huanxin::http {
// The address residents reach the server at, for links printed in QR codes: the configured public
// URL, else this request's host (https:// behind HTTPS).
inline std::string PublicBase(const std::string& public_url, bool secure, const Request& req) {
  if (!public_url.empty()) return public_url;
  const auto* host = req.Header("host");
  return std::string(secure ? "https://" : "http://") + (host ? *host : "127.0.0.1");
}

// A generated document shown inline (print pages, calendar feeds): its content type, no
// Content-Disposition.
inline Response SendInline(service::Document doc) {
  Response r;
  r.content_type = std::move(doc.content_type);
  r.body = std::move(doc.bytes);
  return r;
}

// A generated document as a download (Content-Disposition: attachment with its file name).
inline Response SendDocument(service::Document doc) {
  return Download(std::move(doc.bytes), doc.content_type, doc.filename);
}
}  // namespace huanxin::http
