#include "common/tabular/xlsx_reader.hpp"

#include <expat.h>
#include <zip.h>

#include <charconv>
#include <cmath>
#include <cstring>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <new>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

namespace huanxin::tabular {
namespace {

constexpr char kNsSeparator = '|';         // expat reports "namespace-uri|local-name"
constexpr std::size_t kMaxRow = 1048576;   // Excel 2007+ sheet size
constexpr std::size_t kMaxColumn = 16384;  // column XFD
constexpr std::size_t kChunkBytes = std::size_t{64} << 10;
constexpr std::string_view kOfficeDocumentRels = "xl/_rels/workbook.xml.rels";
constexpr std::string_view kWorkbookPart = "xl/workbook.xml";
constexpr std::string_view kBaseDir = "xl/";  // relationship targets are relative to the workbook's folder

Error BadXlsx(const Text& detail) {
  return MakeError(ErrorCode::kUnprocessable, "import.bad_xlsx",
                   Text("Excel 文件无法读取", "the Excel file cannot be read"), detail,
                   Text("请用 Excel 或 WPS 打开后另存为 .xlsx 格式（不加密）再上传",
                        "open it in Excel or WPS, save it as .xlsx without a password and upload it again"));
}

Error TooLarge(std::string_view part, const Text& why) {
  std::string name(part);
  return MakeError(
      ErrorCode::kPayloadTooLarge, "import.too_large",
      Text("Excel 文件解压后过大", "the Excel file is too large once unpacked"),
      Text(name + "：" + why.zh, name + ": " + why.en),
      Text("请把数据拆分为几个较小的文件分别上传", "split the data into smaller files and upload them one by one"));
}

std::string_view LocalName(const XML_Char* name) {
  const char* sep = std::strrchr(name, kNsSeparator);
  return sep ? std::string_view(sep + 1) : std::string_view(name);
}

// The value of the attribute whose local name is `local` (any namespace), or nullptr.
const XML_Char* Attribute(const XML_Char** attrs, std::string_view local) {
  for (std::size_t k = 0; attrs[k]; k += 2)
    if (LocalName(attrs[k]) == local) return attrs[k + 1];
  return nullptr;
}

// Same, but only a namespaced attribute (r:id, as opposed to a plain id).
const XML_Char* NamespacedAttribute(const XML_Char** attrs, std::string_view local) {
  for (std::size_t k = 0; attrs[k]; k += 2)
    if (std::strchr(attrs[k], kNsSeparator) && LocalName(attrs[k]) == local) return attrs[k + 1];
  return nullptr;
}

void AppendUtf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Decodes ECMA-376 ST_Xstring escapes: Excel writes characters XML cannot carry (control
// characters) as _xHHHH_, and a literal "_x" followed by four hex digits and "_" as _x005F_x….
// Surrogate code units are left as written: they are not characters on their own.
std::string DecodeXEscapes(std::string text) {
  if (text.find("_x") == std::string::npos) return text;
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    if (text.compare(i, 2, "_x") == 0 && i + 7 <= text.size() && text[i + 6] == '_') {
      std::uint32_t cp = 0;
      auto [end, ec] = std::from_chars(text.data() + i + 2, text.data() + i + 6, cp, 16);
      if (ec == std::errc() && end == text.data() + i + 6 && (cp < 0xD800 || cp > 0xDFFF)) {
        AppendUtf8(out, cp);
        i += 7;
        continue;
      }
    }
    out += text[i++];
  }
  return out;
}

// Digits from the first to the last non-zero digit of the mantissa: "85.370000000000005" → 17,
// "1200" → 2, "0.05" → 1.
std::size_t SignificantDigits(std::string_view number) {
  std::size_t first = std::string_view::npos, last = 0, count = 0, position = 0;
  for (char c : number) {
    if (c == 'e' || c == 'E') break;
    if (c < '0' || c > '9') continue;
    if (c != '0') {
      if (first == std::string_view::npos) first = position;
      last = position;
    }
    ++position;
  }
  if (first != std::string_view::npos) count = last - first + 1;
  return count;
}

// See ReadXlsx's contract. A double carries 15 to 17 significant decimal digits; writers that
// print 17 ("%.17g") expose the binary approximation, which no user typed.
std::string NormaliseNumber(std::string text) {
  if (SignificantDigits(text) <= 15) return text;
  double value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return text;  // not a plain number: keep it
  char buffer[64];
  auto shortest = std::to_chars(buffer, buffer + sizeof buffer, value);
  if (shortest.ec != std::errc()) return text;
  // Whole numbers are no binary artefact: 1234567890123456 stays as written.
  if (SignificantDigits(std::string_view(buffer, shortest.ptr - buffer)) <= 15 || value == std::trunc(value))
    return std::string(buffer, shortest.ptr);
  auto rounded = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::general, 15);
  if (rounded.ec != std::errc()) return text;
  return std::string(buffer, rounded.ptr);
}

// Parses "C7" into a 0-based column; the row digits must be present but are not used (the row
// element's number rules). nullopt when malformed or beyond column XFD.
std::optional<std::size_t> ColumnOf(std::string_view ref) {
  std::size_t i = 0, column = 0;
  while (i < ref.size() && i < 4) {
    char c = ref[i];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c < 'A' || c > 'Z') break;
    column = column * 26 + static_cast<std::size_t>(c - 'A' + 1);
    ++i;
  }
  if (i == 0 || i == ref.size() || column > kMaxColumn) return std::nullopt;
  for (std::size_t k = i; k < ref.size(); ++k)
    if (ref[k] < '0' || ref[k] > '9') return std::nullopt;
  return column - 1;
}

std::optional<std::size_t> ParsePositive(std::string_view text, std::size_t max) {
  std::size_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value == 0 || value > max) return std::nullopt;
  return value;
}

std::string ColumnName(std::size_t column) {  // 0 → "A", 27 → "AB"
  std::string name;
  for (std::size_t n = column + 1; n > 0; n = (n - 1) / 26)
    name.insert(name.begin(), static_cast<char>('A' + (n - 1) % 26));
  return name;
}

// ---------------------------------------------------------------------------------------------
// Streaming XML over expat. Subclasses see local names (namespaces stripped), so the transitional
// and the strict OOXML namespaces and any prefixes ("x:row") read alike.
class XmlPart {
 public:
  explicit XmlPart(std::string part_name)
      : parser_(XML_ParserCreateNS(nullptr, kNsSeparator)), part_name_(std::move(part_name)) {
    if (!parser_) throw std::bad_alloc();
    XML_SetUserData(parser_, this);
    XML_SetElementHandler(parser_, &XmlPart::StartThunk, &XmlPart::EndThunk);
    XML_SetCharacterDataHandler(parser_, &XmlPart::TextThunk);
    // No OOXML part has a DTD; refusing them shuts out entity expansion attacks altogether.
    XML_SetStartDoctypeDeclHandler(parser_, &XmlPart::DoctypeThunk);
  }
  virtual ~XmlPart() { XML_ParserFree(parser_); }
  XmlPart(const XmlPart&) = delete;
  XmlPart& operator=(const XmlPart&) = delete;

  // Parses the next chunk (`last` after the final one). true: go on; false: the part asked to
  // stop early (Done); an Error for malformed XML or a failure the part raised.
  Result<bool> Feed(std::string_view chunk, bool last) {
    // chunk.size() ≤ kChunkBytes, so the int conversion is exact.
    auto status = XML_Parse(parser_, chunk.data(), static_cast<int>(chunk.size()), last ? XML_TRUE : XML_FALSE);
    if (exception_) std::rethrow_exception(exception_);
    if (error_) return *error_;
    if (done_) return false;
    if (status == XML_STATUS_ERROR) {
      std::string line = std::to_string(XML_GetCurrentLineNumber(parser_));
      std::string column = std::to_string(XML_GetCurrentColumnNumber(parser_) + 1);
      std::string what = XML_ErrorString(XML_GetErrorCode(parser_));
      return BadXlsx(Text(part_name_ + " 第 " + line + " 行第 " + column + " 列 XML 格式错误：" + what,
                          part_name_ + " line " + line + ", column " + column + ": malformed XML: " + what));
    }
    return true;
  }

 protected:
  virtual void OnStart(std::string_view name, const XML_Char** attrs) = 0;
  virtual void OnEnd(std::string_view name) = 0;
  virtual void OnText(std::string_view) {}

  // Stops parsing with an error.
  void Fail(Error error) {
    if (!error_) error_ = std::move(error);
    XML_StopParser(parser_, XML_FALSE);
  }
  // Stops parsing successfully: the part has what it needs, or the sink asked to stop.
  void Done() {
    done_ = true;
    XML_StopParser(parser_, XML_FALSE);
  }
  const std::string& part_name() const { return part_name_; }

 private:
  // Exceptions must not unwind through expat's C frames: they are parked and rethrown in Feed.
  template <typename F>
  static void Guard(void* user, F&& f) {
    auto* self = static_cast<XmlPart*>(user);
    if (self->exception_ || self->error_ || self->done_) return;
    try {
      f(*self);
    } catch (...) {
      self->exception_ = std::current_exception();
      XML_StopParser(self->parser_, XML_FALSE);
    }
  }
  static void StartThunk(void* user, const XML_Char* name, const XML_Char** attrs) {
    Guard(user, [&](XmlPart& self) { self.OnStart(LocalName(name), attrs); });
  }
  static void EndThunk(void* user, const XML_Char* name) {
    Guard(user, [&](XmlPart& self) { self.OnEnd(LocalName(name)); });
  }
  static void TextThunk(void* user, const XML_Char* text, int length) {
    Guard(user, [&](XmlPart& self) { self.OnText(std::string_view(text, static_cast<std::size_t>(length))); });
  }
  static void DoctypeThunk(void* user, const XML_Char*, const XML_Char*, const XML_Char*, int) {
    Guard(user, [&](XmlPart& self) {
      self.Fail(BadXlsx(Text(self.part_name_ + " 含有 DTD 声明，不是正常的 Excel 文件",
                             self.part_name_ + " declares a DTD, which no Excel file does")));
    });
  }

  XML_Parser parser_;
  std::string part_name_;
  std::optional<Error> error_;
  bool done_ = false;
  std::exception_ptr exception_;
};

// xl/_rels/workbook.xml.rels: relationship id → (type, target).
class RelsPart : public XmlPart {
 public:
  struct Relationship {
    std::string type;
    std::string target;
  };
  using XmlPart::XmlPart;
  std::map<std::string, Relationship> relationships;

 protected:
  void OnStart(std::string_view name, const XML_Char** attrs) override {
    if (name != "Relationship") return;
    const char* id = Attribute(attrs, "Id");
    const char* target = Attribute(attrs, "Target");
    const char* type = Attribute(attrs, "Type");
    if (id && target) relationships.emplace(id, Relationship{type ? type : "", target});
  }
  void OnEnd(std::string_view) override {}
};

// xl/workbook.xml: the sheets in workbook order.
class WorkbookPart : public XmlPart {
 public:
  struct Sheet {
    std::string name;
    std::string relationship_id;
    bool hidden = false;
  };
  using XmlPart::XmlPart;
  std::vector<Sheet> sheets;

 protected:
  void OnStart(std::string_view name, const XML_Char** attrs) override {
    if (name != "sheet") return;
    const char* sheet_name = Attribute(attrs, "name");
    const char* rid = NamespacedAttribute(attrs, "id");
    const char* state = Attribute(attrs, "state");
    bool hidden = state && std::string_view(state) != "visible";
    sheets.push_back(Sheet{sheet_name ? sheet_name : "", rid ? rid : "", hidden});
  }
  void OnEnd(std::string_view name) override {
    if (name == "sheets") Done();  // nothing after the sheet list matters here
  }
};

// The shared strings, packed into one buffer: a part of tiny items ("<si/>", 5 bytes each) then
// costs 8 bytes per item, not a std::string's 32 plus the vector's growth.
class StringTable {
 public:
  void Add(std::string_view text) {
    pool_.append(text);
    ends_.push_back(pool_.size());
  }
  std::size_t size() const { return ends_.size(); }
  std::string_view operator[](std::size_t i) const {
    std::size_t begin = i == 0 ? 0 : ends_[i - 1];
    return std::string_view(pool_).substr(begin, ends_[i] - begin);
  }

 private:
  std::string pool_;
  std::vector<std::uint64_t> ends_;
};

// xl/sharedStrings.xml: <si> items, each the concatenation of its <t> texts outside <rPh>.
class SharedStringsPart : public XmlPart {
 public:
  using XmlPart::XmlPart;
  StringTable strings;

 protected:
  void OnStart(std::string_view name, const XML_Char**) override {
    if (name == "si") {
      in_item_ = true;
      current_.clear();
    } else if (name == "rPh") {
      ++phonetic_depth_;
    } else if (name == "t" && in_item_ && phonetic_depth_ == 0) {
      in_text_ = true;
    }
  }
  void OnEnd(std::string_view name) override {
    if (name == "t") {
      in_text_ = false;
    } else if (name == "rPh") {
      if (phonetic_depth_ > 0) --phonetic_depth_;
    } else if (name == "si" && in_item_) {
      strings.Add(DecodeXEscapes(std::move(current_)));
      current_.clear();
      in_item_ = false;
    }
  }
  void OnText(std::string_view text) override {
    if (in_text_) current_.append(text);
  }

 private:
  std::string current_;
  bool in_item_ = false;
  bool in_text_ = false;
  int phonetic_depth_ = 0;
};

// A worksheet part, streamed row by row into the sink.
class SheetPart : public XmlPart {
 public:
  SheetPart(std::string part_name, const StringTable& shared, const RowSink& sink)
      : XmlPart(std::move(part_name)), shared_(shared), sink_(sink) {}

 protected:
  void OnStart(std::string_view name, const XML_Char** attrs) override {
    if (name == "row") {
      StartRow(attrs);
    } else if (name == "c" && in_row_) {
      StartCell(attrs);
    } else if (!in_cell_) {
      return;
    } else if (name == "v" || (name == "t" && in_inline_ && phonetic_depth_ == 0)) {
      capture_ = true;
    } else if (name == "is") {
      in_inline_ = true;
    } else if (name == "rPh") {
      ++phonetic_depth_;
    }
  }

  void OnEnd(std::string_view name) override {
    if (name == "v" || name == "t") {
      capture_ = false;
    } else if (name == "is") {
      in_inline_ = false;
    } else if (name == "rPh") {
      if (phonetic_depth_ > 0) --phonetic_depth_;
    } else if (name == "c" && in_cell_) {
      EndCell();
    } else if (name == "row" && in_row_) {
      EndRow();
    }
  }

  void OnText(std::string_view text) override {
    if (capture_) value_.append(text);
  }

 private:
  void StartRow(const XML_Char** attrs) {
    in_row_ = true;
    cells_.clear();
    next_column_ = 0;
    const char* r = Attribute(attrs, "r");
    if (!r) {
      ++row_number_;  // rows without r follow the previous one
    } else if (auto n = ParsePositive(r, kMaxRow)) {
      row_number_ = *n;
    } else {
      return FailHere(Text("行号 \"" + std::string(r) + "\" 无效", "row number \"" + std::string(r) + "\" is invalid"));
    }
    if (row_number_ > kMaxRow)
      FailHere(Text("行号超过 Excel 上限 1048576", "row number beyond Excel's limit of 1048576"));
  }

  void StartCell(const XML_Char** attrs) {
    in_cell_ = true;
    capture_ = in_inline_ = false;
    phonetic_depth_ = 0;
    value_.clear();
    const char* type = Attribute(attrs, "t");
    type_ = type ? type : "n";
    const char* r = Attribute(attrs, "r");
    if (!r) {
      column_ = next_column_;
      if (column_ >= kMaxColumn)
        FailHere(Text("单元格超过 Excel 上限 XFD 列", "a cell beyond Excel's last column XFD"));
      return;
    }
    auto column = ColumnOf(r);
    if (!column)
      return FailHere(
          Text("单元格引用 \"" + std::string(r) + "\" 无效", "cell reference \"" + std::string(r) + "\" is invalid"));
    column_ = *column;
  }

  void EndCell() {
    in_cell_ = false;
    std::string text;
    if (type_ == "s") {
      std::size_t i = 0;
      auto [end, ec] = std::from_chars(value_.data(), value_.data() + value_.size(), i);
      if (ec != std::errc() || end != value_.data() + value_.size() || i >= shared_.size()) {
        std::string n = std::to_string(shared_.size());
        return FailHere(Text(CellName() + " 引用的共享字符串 \"" + value_ + "\" 不存在（共 " + n + " 个）",
                             CellName() + " refers to shared string \"" + value_ + "\" of " + n));
      }
      text = std::string(shared_[i]);
    } else if (type_ == "inlineStr" || type_ == "str") {
      text = DecodeXEscapes(std::move(value_));
    } else if (type_ == "b") {
      text = value_ == "1" ? "TRUE" : value_ == "0" ? "FALSE" : std::move(value_);
    } else if (type_ == "n") {
      text = NormaliseNumber(std::move(value_));
    } else {
      text = std::move(value_);  // "e" (#N/A, #DIV/0!), "d" (ISO 8601 date) and anything newer
    }
    value_.clear();
    next_column_ = column_ + 1;
    // An empty cell (styled, or an empty string) does not widen the row: Excel keeps formatted
    // cells far to the right, and a row must not grow to column XFD for nothing.
    if (text.empty()) return;
    if (column_ >= cells_.size()) cells_.resize(column_ + 1);
    cells_[column_] = std::move(text);
  }

  void EndRow() {
    in_row_ = false;
    for (const auto& cell : cells_) {
      if (cell.empty()) continue;
      if (!sink_(row_number_, cells_)) Done();
      return;
    }
  }

  std::string CellName() const { return ColumnName(column_) + std::to_string(row_number_); }

  void FailHere(const Text& what) {
    std::string row = std::to_string(row_number_);
    Fail(BadXlsx(Text(part_name() + " 第 " + row + " 行：" + what.zh, part_name() + " row " + row + ": " + what.en)));
  }

  const StringTable& shared_;
  const RowSink& sink_;
  std::vector<std::string> cells_;
  std::string value_;
  std::string type_;
  std::size_t row_number_ = 0;
  std::size_t column_ = 0;
  std::size_t next_column_ = 0;
  bool in_row_ = false;
  bool in_cell_ = false;
  bool in_inline_ = false;
  bool capture_ = false;
  int phonetic_depth_ = 0;
};

// ---------------------------------------------------------------------------------------------
// The zip container.

struct ZipDiscard {
  void operator()(zip_t* archive) const { zip_discard(archive); }
};
struct ZipFileClose {
  void operator()(zip_file_t* file) const { zip_fclose(file); }
};
using ZipPtr = std::unique_ptr<zip_t, ZipDiscard>;

Text SizeText(std::uint64_t bytes) {
  if (bytes % (1u << 20) == 0) return Text::Same(std::to_string(bytes >> 20) + " MiB");
  return Text(std::to_string(bytes) + " 字节", std::to_string(bytes) + " bytes");
}

bool LooksLikeOleFile(std::string_view bytes) {
  // Compound File Binary: old .xls, and every password-protected .xlsx (it is not a zip then).
  return bytes.substr(0, 8) == std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
}

Result<ZipPtr> OpenZip(std::string_view bytes) {
  if (LooksLikeOleFile(bytes))
    return BadXlsx(Text("这是旧版 .xls 文件或加了密码的工作簿，不是 .xlsx",
                        "this is an old .xls file or a password-protected workbook, not an .xlsx"));
  // An empty buffer would be fine for libzip, but say what it is.
  if (bytes.empty()) return BadXlsx(Text("文件为空", "the file is empty"));
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (!source) {
    zip_error_fini(&error);
    throw std::bad_alloc();
  }
  zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &error);
  if (!archive) {
    zip_source_free(source);
    std::string why = zip_error_strerror(&error);
    zip_error_fini(&error);
    return BadXlsx(Text("不是有效的 .xlsx（zip）文件：" + why, "not a valid .xlsx (zip) file: " + why));
  }
  zip_error_fini(&error);
  return ZipPtr(archive);
}

// Streams the part `name` to `consume` in chunks (last call: empty chunk, last = true), enforcing
// the limits on the bytes actually inflated. consume returns false to stop early.
using ChunkConsumer = std::function<Result<bool>(std::string_view chunk, bool last)>;

Result<void> StreamPart(zip_t* archive, const std::string& name, const XlsxLimits& limits,
                        const ChunkConsumer& consume) {
  zip_int64_t index = zip_name_locate(archive, name.c_str(), ZIP_FL_NOCASE);
  if (index < 0) return BadXlsx(Text("缺少 " + name, "missing " + name));
  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_stat_index(archive, static_cast<zip_uint64_t>(index), 0, &stat) != 0)
    return BadXlsx(Text(name + " 无法读取", name + " cannot be read"));
  const Text limit = SizeText(limits.max_entry_bytes);
  const Text over_size("解压后超过 " + limit.zh, "more than " + limit.en + " once unpacked");
  if ((stat.valid & ZIP_STAT_SIZE) && stat.size > limits.max_entry_bytes) return TooLarge(name, over_size);
  const zip_uint64_t compressed = (stat.valid & ZIP_STAT_COMP_SIZE) ? stat.comp_size : 0;

  std::unique_ptr<zip_file_t, ZipFileClose> file(zip_fopen_index(archive, static_cast<zip_uint64_t>(index), 0));
  if (!file) {
    std::string why = zip_strerror(archive);
    return BadXlsx(Text(name + " 无法解压：" + why, name + " cannot be unpacked: " + why));
  }
  std::vector<char> buffer(kChunkBytes);
  std::uint64_t total = 0;
  while (true) {
    zip_int64_t n = zip_fread(file.get(), buffer.data(), buffer.size());
    if (n < 0) {
      std::string why = zip_file_strerror(file.get());
      return BadXlsx(Text(name + " 已损坏：" + why, name + " is damaged: " + why));
    }
    if (n == 0) break;
    total += static_cast<std::uint64_t>(n);
    if (total > limits.max_entry_bytes) return TooLarge(name, over_size);
    // total > max_ratio * compressed, written so that it cannot overflow.
    if (total > limits.ratio_floor_bytes && limits.max_ratio > 0 &&
        (compressed == 0 || (total - 1) / compressed >= limits.max_ratio)) {
      std::string ratio = std::to_string(limits.max_ratio);
      return TooLarge(name, Text("压缩比超过 " + ratio + ":1，疑似压缩炸弹",
                                 "expands more than " + ratio + " times, which looks like a zip bomb"));
    }
    auto more = consume(std::string_view(buffer.data(), static_cast<std::size_t>(n)), false);
    if (!more) return std::move(more).error();
    if (!*more) return Ok();
  }
  auto last = consume({}, true);
  if (!last) return std::move(last).error();
  return Ok();
}

Result<void> ParsePart(zip_t* archive, const std::string& name, const XlsxLimits& limits, XmlPart& part) {
  return StreamPart(archive, name, limits, [&](std::string_view chunk, bool last) { return part.Feed(chunk, last); });
}

// Resolves a relationship target against the workbook folder: "worksheets/sheet1.xml" →
// "xl/worksheets/sheet1.xml", "/xl/worksheets/sheet1.xml" → "xl/worksheets/sheet1.xml",
// "../x.xml" → "x.xml".
std::string ResolveTarget(std::string_view target) {
  std::string joined =
      target.substr(0, 1) == "/" ? std::string(target.substr(1)) : std::string(kBaseDir) + std::string(target);
  std::vector<std::string> segments;
  std::size_t start = 0;
  while (start <= joined.size()) {
    std::size_t slash = joined.find('/', start);
    if (slash == std::string::npos) slash = joined.size();
    std::string segment = joined.substr(start, slash - start);
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!segment.empty() && segment != ".") {
      segments.push_back(std::move(segment));
    }
    start = slash + 1;
  }
  std::string path;
  for (const auto& segment : segments) {
    if (!path.empty()) path += '/';
    path += segment;
  }
  return path;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

Result<void> ReadXlsx(std::string_view file_bytes, const RowSink& sink, const XlsxLimits& limits) {
  auto archive = OpenZip(file_bytes);
  if (!archive) return std::move(archive).error();
  zip_t* zip = archive->get();

  if (zip_name_locate(zip, std::string(kWorkbookPart).c_str(), ZIP_FL_NOCASE) < 0)
    return BadXlsx(Text("找不到工作簿（xl/workbook.xml），可能不是 Excel 文件",
                        "no workbook (xl/workbook.xml): this may not be an Excel file"));
  WorkbookPart workbook{std::string(kWorkbookPart)};
  if (auto r = ParsePart(zip, std::string(kWorkbookPart), limits, workbook); !r) return r;
  RelsPart rels{std::string(kOfficeDocumentRels)};
  if (auto r = ParsePart(zip, std::string(kOfficeDocumentRels), limits, rels); !r) return r;

  // The first worksheet in workbook order, preferring a visible one.
  std::optional<std::string> sheet_part;
  for (bool allow_hidden : {false, true}) {
    for (const auto& sheet : workbook.sheets) {
      if (sheet.hidden && !allow_hidden) continue;
      auto rel = rels.relationships.find(sheet.relationship_id);
      if (rel == rels.relationships.end() || !EndsWith(rel->second.type, "/worksheet")) continue;
      sheet_part = ResolveTarget(rel->second.target);
      break;
    }
    if (sheet_part) break;
  }
  if (!sheet_part) return BadXlsx(Text("工作簿中没有工作表", "the workbook has no worksheet"));

  // Shared strings: named by a relationship, else the conventional name; absent when every cell
  // holds a number or an inline string.
  std::string strings_part = "xl/sharedStrings.xml";
  for (const auto& [id, rel] : rels.relationships)
    if (EndsWith(rel.type, "/sharedStrings")) strings_part = ResolveTarget(rel.target);
  SharedStringsPart shared{strings_part};
  if (zip_name_locate(zip, strings_part.c_str(), ZIP_FL_NOCASE) >= 0) {
    if (auto r = ParsePart(zip, strings_part, limits, shared); !r) return r;
  }

  SheetPart sheet(*sheet_part, shared.strings, sink);
  return ParsePart(zip, *sheet_part, limits, sheet);
}

}  // namespace huanxin::tabular
