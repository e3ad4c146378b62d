#include "common/tabular/encoding.hpp"

#include <iconv.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <variant>

namespace huanxin::tabular {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

Error BadEncoding(Text detail) {
  return MakeError(ErrorCode::kUnprocessable, "import.bad_encoding",
                   Text("文件的字符编码无法识别", "the file's character encoding is not recognised"), std::move(detail),
                   Text("请在 Excel 中另存为“CSV UTF-8（逗号分隔）”后重新上传",
                        "save the file as \"CSV UTF-8 (comma delimited)\" in Excel and upload it again"));
}

bool InRange(unsigned char c, unsigned char lo, unsigned char hi) { return c >= lo && c <= hi; }

// Offset of the first byte that does not start a well-formed UTF-8 sequence (Unicode 15, table
// 3-7: no overlong forms, no surrogates, nothing above U+10FFFF), or nullopt when all is valid.
// common/text.hpp's Utf8Length is laxer (it accepts overlong forms), too lax to tell UTF-8 from
// GB18030, whose two-byte characters often look like overlong UTF-8.
std::optional<std::size_t> FirstInvalidUtf8(std::string_view s) {
  std::size_t i = 0;
  const std::size_t n = s.size();
  auto at = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  while (i < n) {
    // Runs of ASCII (most of a roster: digits, commas, Latin letters) eight bytes at a time.
    for (std::uint64_t word = 0; i + sizeof word <= n; i += sizeof word) {
      std::memcpy(&word, s.data() + i, sizeof word);
      if (word & 0x8080808080808080ULL) break;
    }
    if (i >= n) break;
    unsigned char c = at(i);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (InRange(c, 0xC2, 0xDF)) {
      len = 2;
    } else if (c == 0xE0) {
      len = 3, lo = 0xA0;
    } else if (InRange(c, 0xE1, 0xEC) || InRange(c, 0xEE, 0xEF)) {
      len = 3;
    } else if (c == 0xED) {
      len = 3, hi = 0x9F;  // D800..DFFF are surrogates
    } else if (c == 0xF0) {
      len = 4, lo = 0x90;
    } else if (InRange(c, 0xF1, 0xF3)) {
      len = 4;
    } else if (c == 0xF4) {
      len = 4, hi = 0x8F;  // nothing above U+10FFFF
    } else {
      return i;
    }
    if (len > n - i) return i;
    if (!InRange(at(i + 1), lo, hi)) return i;
    for (std::size_t k = 2; k < len; ++k)
      if (!InRange(at(i + k), 0x80, 0xBF)) return i;
    i += len;
  }
  return std::nullopt;
}

class IconvHandle {
 public:
  IconvHandle(const char* to, const char* from) : cd_(iconv_open(to, from)) {}
  ~IconvHandle() {
    if (ok()) iconv_close(cd_);
  }
  IconvHandle(const IconvHandle&) = delete;
  IconvHandle& operator=(const IconvHandle&) = delete;
  bool ok() const { return cd_ != reinterpret_cast<iconv_t>(-1); }  // NOLINT(performance-no-int-to-ptr): iconv's API
  iconv_t get() const { return cd_; }

 private:
  iconv_t cd_;
};

struct Gb18030Failure {
  std::size_t offset = 0;
  bool missing_converter = false;
};

// GB18030 → UTF-8 with glibc's iconv. On failure, the offset of the first invalid or truncated
// input sequence.
std::variant<std::string, Gb18030Failure> ConvertGb18030(std::string_view bytes) {
  IconvHandle cd("UTF-8", "GB18030");
  if (!cd.ok()) return Gb18030Failure{0, true};
  std::string out;
  // A GB18030 character of 1, 2 or 4 bytes becomes 1, 3 (at most) or 4 UTF-8 bytes.
  out.resize(bytes.size() + bytes.size() / 2 + 16);
  char* in = const_cast<char*>(bytes.data());  // iconv's signature; it does not write the input
  std::size_t in_left = bytes.size();
  char* out_ptr = out.data();
  std::size_t out_left = out.size();
  while (in_left > 0) {
    if (iconv(cd.get(), &in, &in_left, &out_ptr, &out_left) != static_cast<std::size_t>(-1)) break;
    if (errno != E2BIG) return Gb18030Failure{static_cast<std::size_t>(in - bytes.data()), false};
    std::size_t used = static_cast<std::size_t>(out_ptr - out.data());
    out.resize(out.size() * 2);
    out_ptr = out.data() + used;
    out_left = out.size() - used;
  }
  out.resize(static_cast<std::size_t>(out_ptr - out.data()));
  return out;
}

Error MissingConverter() {
  return MakeError(ErrorCode::kInternal, "import.no_gb18030",
                   Text("系统缺少 GB18030 编码转换", "the GB18030 converter is not available"),
                   Text::Same("iconv_open(\"UTF-8\", \"GB18030\") failed"));
}

}  // namespace

Result<Encoding> DetectEncoding(std::string_view bytes) {
  if (bytes.substr(0, kUtf8Bom.size()) == kUtf8Bom) return Encoding::kUtf8;
  auto bad_utf8 = FirstInvalidUtf8(bytes);
  if (!bad_utf8) return Encoding::kUtf8;
  if (bytes.size() >= 2 && ((bytes[0] == '\xFF' && bytes[1] == '\xFE') || (bytes[0] == '\xFE' && bytes[1] == '\xFF')))
    return BadEncoding(Text("文件是 UTF-16 编码（Excel 的“Unicode 文本”），不受支持",
                            "the file is UTF-16 (Excel's \"Unicode text\"), which is not supported"));
  auto converted = ConvertGb18030(bytes);
  if (std::holds_alternative<std::string>(converted)) return Encoding::kGb18030;
  const auto& failure = std::get<Gb18030Failure>(converted);
  if (failure.missing_converter) return MissingConverter();
  std::string utf8_at = std::to_string(*bad_utf8), gb_at = std::to_string(failure.offset);
  return BadEncoding(Text(
      "既不是 UTF-8（字节偏移 " + utf8_at + " 处出错）也不是 GB18030（字节偏移 " + gb_at + " 处出错）",
      "neither UTF-8 (invalid at byte offset " + utf8_at + ") nor GB18030 (invalid at byte offset " + gb_at + ")"));
}

Result<std::string> ToUtf8(std::string_view bytes, Encoding encoding) {
  std::string out;
  switch (encoding) {
    case Encoding::kUtf8: {
      if (auto bad = FirstInvalidUtf8(bytes)) {
        std::string at = std::to_string(*bad);
        return BadEncoding(Text("字节偏移 " + at + " 处不是有效的 UTF-8", "invalid UTF-8 at byte offset " + at));
      }
      out.assign(bytes);
      break;
    }
    case Encoding::kGb18030: {
      auto converted = ConvertGb18030(bytes);
      if (auto* failure = std::get_if<Gb18030Failure>(&converted)) {
        if (failure->missing_converter) return MissingConverter();
        std::string at = std::to_string(failure->offset);
        return BadEncoding(Text("字节偏移 " + at + " 处不是有效的 GB18030", "invalid GB18030 at byte offset " + at));
      }
      out = std::move(std::get<std::string>(converted));
      break;
    }
  }
  if (std::string_view(out).substr(0, kUtf8Bom.size()) == kUtf8Bom) out.erase(0, kUtf8Bom.size());
  return out;
}

Result<std::string_view> AsUtf8(std::string_view bytes, std::string& converted) {
  const bool bom = bytes.substr(0, kUtf8Bom.size()) == kUtf8Bom;
  if (!FirstInvalidUtf8(bytes)) return bom ? bytes.substr(kUtf8Bom.size()) : bytes;
  auto encoding = DetectEncoding(bytes);  // kUtf8 only by a byte-order mark now: ToUtf8 names the fault
  if (!encoding) return std::move(encoding).error();
  auto text = ToUtf8(bytes, *encoding);
  if (!text) return std::move(text).error();
  converted = std::move(*text);
  return std::string_view(converted);
}

}  // namespace huanxin::tabular
