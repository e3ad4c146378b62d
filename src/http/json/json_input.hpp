// Reading request bodies and query strings with clear errors.
//
// A body that is not JSON → 400 http.bad_json; a field of the wrong type or missing → 422
// http.invalid_field naming the field; bad paging → 400 http.bad_query.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "http/message.hpp"
#include "http/multipart.hpp"

// Assigns a Result's value to `target`, or returns its error.
#define HX_TRY_ASSIGN(target, expr)              \
  do {                                           \
    auto hx_assign_ = (expr);                    \
    if (!hx_assign_) return std::move(hx_assign_).error(); \
    target = std::move(*hx_assign_);             \
  } while (0)

namespace huanxin::http {

// Parses the body as one JSON object.
Result<boost::json::object> ParseJsonObject(const std::string& body);

Result<std::string> RequiredString(const boost::json::object& o, const char* field);
Result<std::optional<std::string>> OptionalString(const boost::json::object& o, const char* field);
// Like OptionalString but distinguishes absent (nullopt) from explicit null (optional holding nullopt).
Result<std::optional<std::optional<std::string>>> NullableString(const boost::json::object& o, const char* field);
Result<std::optional<bool>> OptionalBool(const boost::json::object& o, const char* field);
// An integer field (absent or null → nullopt); 422 naming the field for another type.
Result<std::optional<std::int64_t>> OptionalInt64(const boost::json::object& o, const char* field);

struct Paging {
  std::int64_t page = 1;
  std::int64_t page_size = 20;
};
// page ≥ 1, 1 ≤ pageSize ≤ 500 (ARCHITECTURE.md §5).
Result<Paging> ParsePaging(const Request& req);
Result<std::optional<std::int64_t>> QueryInt64(const Request& req, const char* name);
std::optional<std::string> QueryString(const Request& req, const char* name);
Result<std::optional<bool>> QueryBool(const Request& req, const char* name);
// An ISO date or date-time query parameter, normalised to storage form.
Result<std::optional<std::string>> QueryTime(const Request& req, const char* name);
// A path parameter that must be a positive int64 (404 otherwise: no such resource).
Result<std::int64_t> PathId(const Request& req, const char* name);

Error InvalidField(const std::string& field, Text why);

// A number with at most two decimals (JSON number or numeric string) as hundredths: area in m² →
// dm², money in yuan → fen (ARCHITECTURE.md §5), exactly (85.37 stays 8537; 85.371 is refused with
// 422 naming the field and `unit`). Absent or null → nullopt.
Result<std::optional<std::int64_t>> ReadTwoDecimals(const boost::json::object& o, const char* field, const Text& unit);
// Money in yuan (two decimals) as fen.
inline Result<std::optional<std::int64_t>> ReadYuan(const boost::json::object& o, const char* field) {
  return ReadTwoDecimals(o, field, Text("元", "yuan"));
}
// An array of positive integer ids (at most 100 000), 422 naming `field` otherwise.
Result<std::vector<std::int64_t>> ParseIdArray(const boost::json::value& v, const std::string& field);

// The file in form field "file" of a multipart/form-data upload: 415 for another content type,
// 400 for a malformed body, 422 when the field is missing.
Result<Part> UploadedFile(const Request& req);

}  // namespace huanxin::http
