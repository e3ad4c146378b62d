// Error values shared by every layer.
//
// A closed set of ErrorCode values maps to HTTP statuses in exactly one switch
// (src/http/error_mapping.cpp, compiled with -Werror=switch). Every expected failure travels as an
// Error inside a Result; exceptions are for bugs and for the edges (drivers, parsers).
#pragma once

#include <string>
#include <utility>

namespace huanxin {

enum class ErrorCode {
  kBadRequest,            // 400: malformed syntax (bad JSON, bad query parameter)
  kUnauthorized,          // 401: no or invalid credentials
  kForbidden,             // 403: authenticated but not allowed (role, scope, CSRF)
  kNotFound,              // 404
  kMethodNotAllowed,      // 405
  kConflict,              // 409: state does not allow the change (duplicate, closed)
  kPayloadTooLarge,       // 413
  kUnsupportedMediaType,  // 415
  kUnprocessable,         // 422: well-formed but violates a rule
  kTooManyRequests,       // 429
  kUnavailable,           // 503: storage down, shutting down
  kInternal,              // 500: a bug; details only in the log
};

// A user-facing text in the two languages the product speaks. zh is the default.
struct Text {
  std::string zh;
  std::string en;

  Text() = default;
  Text(std::string zh_text, std::string en_text) : zh(std::move(zh_text)), en(std::move(en_text)) {}
  // Language-neutral text (numbers, codes): the same in both languages.
  static Text Same(std::string s) { return Text(s, s); }
  const std::string& In(bool english) const { return english ? en : zh; }
  bool empty() const { return zh.empty() && en.empty(); }
};

// An expected failure: code (→ HTTP status), stable reason (`<context>.<snake_case>`, a contract
// clients may switch on), a short factual message, the detail with the numbers, and a hint that
// says what the user can do.
struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string reason;
  Text message;
  Text detail;
  Text hint;
};

// Builds an Error; detail and hint are optional.
inline Error MakeError(ErrorCode code, std::string reason, Text message, Text detail = {},
                       Text hint = {}) {
  return Error{code, std::move(reason), std::move(message), std::move(detail), std::move(hint)};
}

}  // namespace huanxin
