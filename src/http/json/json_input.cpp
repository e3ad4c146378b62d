#include "http/json/json_input.hpp"

#include <boost/json/parse.hpp>

#include <charconv>

#include "common/clock.hpp"
#include "common/decimal.hpp"
#include "common/text.hpp"

namespace huanxin::http {

Error InvalidField(const std::string& field, Text why) {
  return MakeError(ErrorCode::kUnprocessable, "http.invalid_field",
                   Text("字段 " + field + " 不正确", "field " + field + " is invalid"), std::move(why),
                   Text("请按接口文档填写该字段", "see the API description at /api/docs"));
}

Result<boost::json::object> ParseJsonObject(const std::string& body) {
  boost::system::error_code ec;
  auto v = boost::json::parse(body, ec);
  if (ec)
    return MakeError(ErrorCode::kBadRequest, "http.bad_json", Text("请求体不是合法的 JSON", "request body is not valid JSON"),
                     Text::Same(ec.message()), Text("检查引号、逗号和括号", "check quotes, commas and brackets"));
  if (!v.is_object())
    return MakeError(ErrorCode::kBadRequest, "http.bad_json", Text("请求体必须是 JSON 对象", "request body must be a JSON object"));
  return std::move(v.as_object());
}

Result<std::string> RequiredString(const boost::json::object& o, const char* field) {
  auto it = o.find(field);
  if (it == o.end() || it->value().is_null())
    return InvalidField(field, Text("缺少必填字段", "required field is missing"));
  if (!it->value().is_string()) return InvalidField(field, Text("应为字符串", "must be a string"));
  return std::string(it->value().as_string());
}

Result<std::optional<std::string>> OptionalString(const boost::json::object& o, const char* field) {
  auto it = o.find(field);
  if (it == o.end() || it->value().is_null()) return std::optional<std::string>{};
  if (!it->value().is_string()) return InvalidField(field, Text("应为字符串", "must be a string"));
  return std::optional<std::string>(std::string(it->value().as_string()));
}

Result<std::optional<std::int64_t>> OptionalInt64(const boost::json::object& o, const char* field) {
  auto it = o.find(field);
  if (it == o.end() || it->value().is_null()) return std::optional<std::int64_t>{};
  if (it->value().is_int64()) return std::optional<std::int64_t>(it->value().as_int64());
  return InvalidField(field, Text("应为整数", "must be an integer"));
}

Result<std::optional<std::optional<std::string>>> NullableString(const boost::json::object& o, const char* field) {
  auto it = o.find(field);
  if (it == o.end()) return std::optional<std::optional<std::string>>{};
  if (it->value().is_null()) return std::optional<std::optional<std::string>>(std::optional<std::string>{});
  if (!it->value().is_string()) return InvalidField(field, Text("应为字符串或 null", "must be a string or null"));
  return std::optional<std::optional<std::string>>(std::string(it->value().as_string()));
}

Result<std::optional<bool>> OptionalBool(const boost::json::object& o, const char* field) {
  auto it = o.find(field);
  if (it == o.end() || it->value().is_null()) return std::optional<bool>{};
  if (!it->value().is_bool()) return InvalidField(field, Text("应为 true 或 false", "must be true or false"));
  return std::optional<bool>(it->value().as_bool());
}

namespace {
Error BadQuery(const std::string& name, const std::string& value, Text hint) {
  return MakeError(ErrorCode::kBadRequest, "http.bad_query", Text("查询参数 " + name + " 不正确", "query parameter " + name + " is invalid"),
                   Text::Same(value), std::move(hint));
}
}  // namespace

std::optional<std::string> QueryString(const Request& req, const char* name) {
  auto it = req.query.find(name);
  if (it == req.query.end() || it->second.empty()) return std::nullopt;
  return it->second;
}

Result<std::optional<std::int64_t>> QueryInt64(const Request& req, const char* name) {
  auto s = QueryString(req, name);
  if (!s) return std::optional<std::int64_t>{};
  auto v = ParseInt64(*s);
  if (!v) return BadQuery(name, *s, Text("应为整数", "must be an integer"));
  return std::optional<std::int64_t>(*v);
}

Result<std::optional<bool>> QueryBool(const Request& req, const char* name) {
  auto s = QueryString(req, name);
  if (!s) return std::optional<bool>{};
  if (*s == "true" || *s == "1") return std::optional<bool>(true);
  if (*s == "false" || *s == "0") return std::optional<bool>(false);
  return BadQuery(name, *s, Text("应为 true 或 false", "must be true or false"));
}

Result<std::optional<std::string>> QueryTime(const Request& req, const char* name) {
  auto s = QueryString(req, name);
  if (!s) return std::optional<std::string>{};
  auto tp = ParseIso(*s);
  if (!tp) return BadQuery(name, *s, Text("日期格式如 2026-11-21 或 2026-11-21T08:00:00+08:00", "use 2026-11-21 or 2026-11-21T08:00:00+08:00"));
  return std::optional<std::string>(FormatIsoUtc(*tp));
}

Result<Paging> ParsePaging(const Request& req) {
  Paging p;
  auto page = QueryInt64(req, "page");
  if (!page) return std::move(page).error();
  auto size = QueryInt64(req, "pageSize");
  if (!size) return std::move(size).error();
  if (*page) p.page = **page;
  if (*size) p.page_size = **size;
  if (p.page < 1 || p.page > 1000000) return BadQuery("page", std::to_string(p.page), Text("页码从 1 开始", "pages start at 1"));
  if (p.page_size < 1 || p.page_size > 500)
    return BadQuery("pageSize", std::to_string(p.page_size), Text("每页 1–500 条", "1 to 500 rows a page"));
  return p;
}

Result<std::int64_t> PathId(const Request& req, const char* name) {
  auto it = req.params.find(name);
  auto v = it == req.params.end() ? std::nullopt : ParseInt64(it->second);
  if (!v || *v <= 0)
    return MakeError(ErrorCode::kNotFound, "http.not_found", Text("资源不存在", "no such resource"),
                     Text::Same(it == req.params.end() ? "" : it->second));
  return *v;
}

Result<Part> UploadedFile(const Request& req) {
  const auto* ct = req.Header("content-type");
  if (!ct || !ToLowerAscii(*ct).starts_with("multipart/form-data"))
    return MakeError(ErrorCode::kUnsupportedMediaType, "http.unsupported_media_type",
                     Text("请以 multipart/form-data 上传文件", "upload the file as multipart/form-data"),
                     Text::Same(ct ? *ct : "(none)"), Text("表单字段名为 file", "use the form field 'file'"));
  auto parts = ParseMultipart(*ct, req.body);
  if (!parts) return std::move(parts).error();
  for (auto& p : *parts)
    if (p.name == "file") return std::move(p);
  return InvalidField("file", Text("缺少文件（表单字段 file）", "no file in form field 'file'"));
}

Result<std::vector<std::int64_t>> ParseIdArray(const boost::json::value& v, const std::string& field) {
  if (!v.is_array()) return InvalidField(field, Text("应为整数数组", "must be an array of integers"));
  std::vector<std::int64_t> out;
  for (const auto& e : v.as_array()) {
    if (!e.is_int64() || e.as_int64() <= 0) return InvalidField(field, Text("应为正整数数组", "must be an array of positive integers"));
    out.push_back(e.as_int64());
  }
  if (out.size() > 100000) return InvalidField(field, Text("元素过多", "too many elements"));
  return out;
}

Result<std::optional<std::int64_t>> ReadTwoDecimals(const boost::json::object& o, const char* field, const Text& unit) {
  auto it = o.find(field);
  if (it == o.end() || it->value().is_null()) return std::optional<std::int64_t>{};
  const auto& v = it->value();
  std::string text;
  if (v.is_int64()) {
    text = std::to_string(v.as_int64());
  } else if (v.is_uint64()) {
    text = std::to_string(v.as_uint64());
  } else if (v.is_double()) {
    // The shortest fixed-notation text that reads back as the same double is what the client wrote
    // (85.37 stays "85.37"; 85.371 stays "85.371" and is refused below; 50000000.00 is "50000000",
    // never "5e+07").
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v.as_double(), std::chars_format::fixed);
    if (ec != std::errc()) return InvalidField(field, Text("数值无效", "not a valid number"));
    text.assign(buf, end);
  } else if (v.is_string()) {
    text = std::string(Trim(v.as_string()));
  } else {
    return InvalidField(field, Text("应为数字（" + unit.zh + "，最多两位小数）", "must be a number (" + unit.en + ", at most 2 decimals)"));
  }
  auto h = ParseHundredths(text);
  if (!h) return InvalidField(field, Text("应为数字，最多两位小数：" + text, "must have at most 2 decimals: " + text));
  return std::optional<std::int64_t>(*h);
}

}  // namespace huanxin::http
