#include "http/multipart.hpp"

#include <optional>
#include <utility>

#include "common/text.hpp"

namespace huanxin::http {
namespace {

constexpr std::size_t kMaxHeaderBlock = std::size_t{8} << 10;  // 8 KiB
constexpr std::size_t kMaxBoundary = 70;                       // RFC 2046 §5.1.1

Error BadMultipart(const Text& detail) {
  return MakeError(ErrorCode::kBadRequest, "http.bad_multipart",
                   Text("上传的表单数据格式不正确", "the uploaded form data is malformed"), detail,
                   Text("请刷新页面后重新上传", "reload the page and upload again"));
}

Error BadPart(std::size_t index, const Text& what) {
  std::string n = std::to_string(index);
  return BadMultipart(Text("第 " + n + " 部分：" + what.zh, "part " + n + ": " + what.en));
}

// A header value with parameters: `form-data; name="file"; filename="a.xlsx"`.
struct HeaderValue {
  std::string type;                                         // lower-cased
  std::vector<std::pair<std::string, std::string>> params;  // names lower-cased, values unquoted

  const std::string* Param(std::string_view name) const {
    for (const auto& [key, value] : params)
      if (key == name) return &value;
    return nullptr;
  }
};

bool IsSpace(char c) { return c == ' ' || c == '\t'; }

// Parses `type *( ";" name "=" (token | quoted-string) )`. In a quoted string a backslash
// escapes only '"' and '\\': browsers do not escape anything else, and old ones send Windows paths
// ("C:\dir\a.xlsx") whose backslashes must survive. nullopt on an unterminated quote.
std::optional<HeaderValue> ParseHeaderValue(std::string_view s) {
  HeaderValue out;
  std::size_t i = s.find(';');
  out.type = ToLowerAscii(Trim(s.substr(0, i)));
  while (i < s.size()) {
    ++i;  // past ';'
    while (i < s.size() && IsSpace(s[i])) ++i;
    std::size_t key_start = i;
    while (i < s.size() && s[i] != '=' && s[i] != ';') ++i;
    std::string key = ToLowerAscii(Trim(s.substr(key_start, i - key_start)));
    std::string value;
    if (i < s.size() && s[i] == '=') {
      ++i;
      while (i < s.size() && IsSpace(s[i])) ++i;
      if (i < s.size() && s[i] == '"') {
        ++i;
        bool closed = false;
        while (i < s.size()) {
          char c = s[i];
          if (c == '\\' && i + 1 < s.size() && (s[i + 1] == '"' || s[i + 1] == '\\')) {
            value += s[i + 1];
            i += 2;
          } else if (c == '"') {
            ++i;
            closed = true;
            break;
          } else {
            value += c;
            ++i;
          }
        }
        if (!closed) return std::nullopt;
        while (i < s.size() && s[i] != ';') ++i;  // tolerate spaces before the next ';'
      } else {
        std::size_t value_start = i;
        while (i < s.size() && s[i] != ';') ++i;
        value = std::string(Trim(s.substr(value_start, i - value_start)));
      }
    }
    if (!key.empty()) out.params.emplace_back(std::move(key), std::move(value));
  }
  return out;
}

// RFC 2046 bchars: DIGIT / ALPHA / "'()+_,-./:=?" and space, which may not come last.
bool IsValidBoundary(std::string_view b) {
  if (b.empty() || b.size() > kMaxBoundary || b.back() == ' ') return false;
  for (char c : b) {
    bool ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              std::string_view("'()+_,-./:=? ").find(c) != std::string_view::npos;
    if (!ok) return false;
  }
  return true;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// RFC 5987 ext-value: charset "'" [language] "'" percent-encoded octets. '+' stays '+' (unlike
// query strings, so common/text.hpp's UrlDecode does not fit). UTF-8 must decode to valid UTF-8;
// ISO-8859-1 is widened to UTF-8. nullopt otherwise.
std::optional<std::string> DecodeExtValue(std::string_view v) {
  std::size_t first = v.find('\'');
  if (first == std::string_view::npos) return std::nullopt;
  std::size_t second = v.find('\'', first + 1);
  if (second == std::string_view::npos) return std::nullopt;
  std::string charset = ToLowerAscii(v.substr(0, first));
  if (charset != "utf-8" && charset != "iso-8859-1") return std::nullopt;
  std::string bytes;
  for (std::size_t i = second + 1; i < v.size(); ++i) {
    if (v[i] != '%') {
      bytes += v[i];
      continue;
    }
    if (i + 2 >= v.size()) return std::nullopt;
    int hi = HexValue(v[i + 1]), lo = HexValue(v[i + 2]);
    if (hi < 0 || lo < 0) return std::nullopt;
    bytes += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  if (charset == "utf-8") {
    if (!Utf8Length(bytes)) return std::nullopt;
    return bytes;
  }
  std::string utf8;
  for (char c : bytes) {
    auto b = static_cast<unsigned char>(c);
    if (b < 0x80) {
      utf8 += c;
    } else {
      utf8 += static_cast<char>(0xC0 | (b >> 6));
      utf8 += static_cast<char>(0x80 | (b & 0x3F));
    }
  }
  return utf8;
}

std::string BaseName(std::string_view name) {
  std::size_t slash = name.find_last_of("/\\");
  return std::string(slash == std::string_view::npos ? name : name.substr(slash + 1));
}

// The headers of one part, already cut at the blank line. Fills name, filename and content_type.
Result<void> ParsePartHeaders(std::string_view block, std::size_t index, Part& part) {
  std::vector<std::pair<std::string, std::string>> headers;
  std::size_t start = 0;
  while (start < block.size()) {
    std::size_t end = block.find("\r\n", start);
    if (end == std::string_view::npos) end = block.size();
    std::string_view line = block.substr(start, end - start);
    start = end + 2;
    if (line.empty()) continue;
    if (IsSpace(line[0]) && !headers.empty()) {  // obsolete line folding: continues the value
      headers.back().second += ' ';
      headers.back().second += Trim(line);
      continue;
    }
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0)
      return BadPart(index, Text("头部行格式错误：" + std::string(line.substr(0, 80)),
                                 "malformed header line: " + std::string(line.substr(0, 80))));
    headers.emplace_back(ToLowerAscii(Trim(line.substr(0, colon))), std::string(Trim(line.substr(colon + 1))));
  }

  const std::string* disposition = nullptr;
  part.content_type = "text/plain";
  for (const auto& [name, value] : headers) {
    if (name == "content-disposition" && !disposition) disposition = &value;
    if (name == "content-type" && !value.empty()) part.content_type = value;
  }
  if (!disposition) return BadPart(index, Text("缺少 Content-Disposition", "no Content-Disposition header"));
  auto parsed = ParseHeaderValue(*disposition);
  if (!parsed)
    return BadPart(index, Text("Content-Disposition 的引号没有闭合", "unterminated quote in Content-Disposition"));
  if (parsed->type != "form-data")
    return BadPart(index, Text("Content-Disposition 不是 form-data", "Content-Disposition is not form-data"));
  const std::string* name = parsed->Param("name");
  if (!name) return BadPart(index, Text("Content-Disposition 缺少 name", "Content-Disposition has no name"));
  part.name = *name;
  if (const std::string* ext = parsed->Param("filename*")) {
    auto decoded = DecodeExtValue(*ext);
    if (!decoded) return BadPart(index, Text("filename* 编码无效", "filename* is not a valid RFC 5987 value"));
    part.filename = BaseName(*decoded);
  } else if (const std::string* plain = parsed->Param("filename")) {
    part.filename = BaseName(*plain);
  }
  return Ok();
}

// True when a boundary that ends just before `after` is a real one: followed by "--" (the close
// delimiter) or by optional blanks and CRLF (RFC 2046 §5.1.1).
bool BoundaryEndsAt(std::string_view body, std::size_t after) {
  if (body.substr(after, 2) == "--") return true;
  while (after < body.size() && IsSpace(body[after])) ++after;
  return body.substr(after, 2) == "\r\n";
}

// Where a real delimiter ("\r\n--boundary", see BoundaryEndsAt) starts at or after `from`; npos
// if none. Look-alikes inside data ("\r\n--boundaryX", "\r\n--" alone) are skipped.
std::size_t FindDelimiter(std::string_view body, std::string_view delimiter, std::size_t from) {
  while (true) {
    std::size_t at = body.find(delimiter, from);
    if (at == std::string_view::npos || BoundaryEndsAt(body, at + delimiter.size())) return at;
    from = at + 1;
  }
}

}  // namespace

Result<std::vector<Part>> ParseMultipart(std::string_view content_type_header, std::string_view body) {
  auto header = ParseHeaderValue(content_type_header);
  if (!header || header->type != "multipart/form-data") {
    std::string got(content_type_header.substr(0, 100));
    return BadMultipart(
        Text("Content-Type 不是 multipart/form-data：" + got, "Content-Type is not multipart/form-data: " + got));
  }
  const std::string* boundary = header->Param("boundary");
  if (!boundary) return BadMultipart(Text("Content-Type 缺少 boundary", "Content-Type has no boundary"));
  if (!IsValidBoundary(*boundary))
    return BadMultipart(Text("boundary 无效（应为 1 到 70 个允许的字符）",
                             "the boundary is invalid (1 to 70 characters from RFC 2046's set)"));

  const std::string delimiter = "\r\n--" + *boundary;
  const std::string_view dash_boundary = std::string_view(delimiter).substr(2);
  // `line`: where the current "--boundary" starts. The first one may open the body (no preamble)
  // or follow a preamble and the CRLF that belongs to it.
  std::size_t line = 0;
  if (body.substr(0, dash_boundary.size()) != dash_boundary || !BoundaryEndsAt(body, dash_boundary.size())) {
    std::size_t at = FindDelimiter(body, delimiter, 0);
    if (at == std::string_view::npos)
      return BadMultipart(Text("找不到起始 boundary", "the opening boundary is missing"));
    line = at + 2;
  }

  std::vector<Part> parts;
  while (true) {
    std::size_t after = line + dash_boundary.size();
    if (body.substr(after, 2) == "--") return parts;              // close delimiter; the epilogue is ignored
    while (after < body.size() && IsSpace(body[after])) ++after;  // BoundaryEndsAt saw the CRLF after these
    after += 2;
    const std::size_t index = parts.size() + 1;

    // Headers end at an empty line; with no headers at all, that line comes first.
    std::string_view header_block;
    std::size_t data_start = after + 2;
    if (body.substr(after, 2) != "\r\n") {
      std::size_t end = body.substr(after, kMaxHeaderBlock + 4).find("\r\n\r\n");
      if (end == std::string_view::npos) {
        if (body.size() - after >= kMaxHeaderBlock + 4)
          return BadPart(index, Text("头部超过 8 KiB", "the header block is over 8 KiB"));
        return BadPart(index, Text("头部没有以空行结束", "the header block does not end with an empty line"));
      }
      header_block = body.substr(after, end);
      if (header_block.find(delimiter) != std::string_view::npos)
        return BadPart(index, Text("头部没有以空行结束", "the header block does not end with an empty line"));
      data_start = after + end + 4;
    }

    Part part;
    if (auto r = ParsePartHeaders(header_block, index, part); !r) return std::move(r).error();
    // Searching from data_start - 2 lets the CRLF that ends the headers double as the delimiter's
    // (empty data sent without its own line end); data cannot start with the boundary, so this
    // never cuts real data.
    std::size_t next = FindDelimiter(body, delimiter, data_start - 2);
    if (next == std::string_view::npos)
      return BadPart(
          index, Text("找不到结束 boundary（上传可能被截断）", "no closing boundary (the upload may be truncated)"));
    if (next > data_start) part.data.assign(body.substr(data_start, next - data_start));
    parts.push_back(std::move(part));
    line = next + 2;
  }
}

}  // namespace huanxin::http
