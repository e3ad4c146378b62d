#include "report/xlsx_writer.hpp"

#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>

#include "common/decimal.hpp"
#include "common/text.hpp"

namespace huanxin::report {
namespace {

constexpr std::int64_t kMaxExactNumber = 999'999'999'999'999;  // 15 digits: what a double and Excel keep
constexpr lxw_row_t kMaxRows = 1048576;
constexpr lxw_col_t kMaxColumns = 16384;
constexpr std::size_t kMaxSheetNameChars = 31;
constexpr std::size_t kMaxListChars = 255;

Error BadInput(const std::string& what_zh, const std::string& what_en) {
  return MakeError(ErrorCode::kInternal, "report.xlsx_bad_input", Text("导出 Excel 失败", "the Excel export failed"),
                   Text(what_zh, what_en));
}

Error Io(const std::string& what) {
  return MakeError(ErrorCode::kInternal, "report.xlsx_io", Text("导出 Excel 失败", "the Excel export failed"),
                   Text::Same(what));
}

std::string CellName(lxw_row_t row, lxw_col_t column) {
  std::string name;
  for (std::size_t n = static_cast<std::size_t>(column) + 1; n > 0; n = (n - 1) / 26)
    name.insert(name.begin(), static_cast<char>('A' + (n - 1) % 26));
  return name + std::to_string(row + 1);
}

// Applies Excel's sheet-name rules instead of failing on them (see AddSheet).
std::string SanitiseSheetName(const std::string& name) {
  std::string out;
  std::size_t chars = 0;
  for (std::size_t i = 0; i < name.size() && chars < kMaxSheetNameChars;) {
    auto lead = static_cast<unsigned char>(name[i]);
    std::size_t len = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : 4;
    len = std::min(len, name.size() - i);
    std::string_view ch(name.data() + i, len);
    bool forbidden = len == 1 && std::string_view("[]:*?/\\").find(ch[0]) != std::string_view::npos;
    out += forbidden ? std::string_view("_") : ch;
    i += len;
    ++chars;
  }
  // Excel also refuses a name that starts or ends with an apostrophe.
  while (!out.empty() && out.front() == '\'') out.erase(out.begin());
  while (!out.empty() && out.back() == '\'') out.pop_back();
  return out.empty() ? "Sheet" : out;
}

bool IsHex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// Excel reads "_xHHHH_" in cell text as an escaped character (ECMA-376 ST_Xstring); libxlsxwriter
// escapes control characters that way but leaves such literal text alone, so "_x0041_" would come
// back as "A". Escaping the underscore as _x005F_ keeps the text as typed.
std::string EscapeLiteralXEscapes(const std::string& text) {
  if (text.find("_x") == std::string::npos) return text;
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 2, "_x") == 0 && i + 7 <= text.size() && text[i + 6] == '_' && IsHex(text[i + 2]) &&
        IsHex(text[i + 3]) && IsHex(text[i + 4]) && IsHex(text[i + 5])) {
      out += "_x005F_";
      continue;
    }
    out += text[i];
  }
  return out;
}

}  // namespace

struct XlsxWriter::Impl {
  std::string path;
  lxw_workbook* workbook = nullptr;
  lxw_worksheet* sheet = nullptr;
  lxw_format* bold = nullptr;
  lxw_format* hundredths = nullptr;
  std::optional<Error> error;
  bool finished = false;
  lxw_row_t next_row = 0;
  // Autofilter of the current sheet: the header row and its width, once WriteHeader ran.
  std::optional<lxw_row_t> header_row;
  lxw_col_t header_columns = 0;

  bool Failed() const { return error.has_value() || finished; }
  void Record(Error e) {
    if (!error) error = std::move(e);
  }
  bool Check(lxw_error status, const std::string& what) {
    if (status == LXW_NO_ERROR) return true;
    Record(BadInput(what + "：" + lxw_strerror(status), what + ": " + lxw_strerror(status)));
    return false;
  }

  // The autofilter spans the header and every row written below it.
  void CloseSheet() {
    if (!sheet || !header_row || header_columns == 0) return;
    lxw_row_t last = next_row > *header_row + 1 ? next_row - 1 : *header_row;
    Check(worksheet_autofilter(sheet, *header_row, 0, last, header_columns - 1), "autofilter");
  }

  bool EnsureSheet() {
    if (Failed()) return false;
    if (!sheet) AddSheet("Sheet1");
    return !Failed();
  }

  void AddSheet(const std::string& name) {
    if (Failed()) return;
    CloseSheet();
    std::string clean = SanitiseSheetName(name);
    if (workbook_get_worksheet_by_name(workbook, clean.c_str()))
      return Record(BadInput("工作表名称重复：" + clean, "duplicate sheet name: " + clean));
    if (!Check(workbook_validate_sheet_name(workbook, clean.c_str()), "sheet name " + clean)) return;
    sheet = workbook_add_worksheet(workbook, clean.c_str());
    if (!sheet) return Record(BadInput("无法创建工作表 " + clean, "cannot add sheet " + clean));
    next_row = 0;
    header_row.reset();
    header_columns = 0;
  }

  bool NextRowFits() {
    if (next_row < kMaxRows) return true;
    Record(MakeError(ErrorCode::kUnprocessable, "report.xlsx_too_many_rows",
                     Text("导出的行数超过 Excel 上限", "more rows than Excel can hold"),
                     Text::Same(std::to_string(kMaxRows)),
                     Text("请缩小筛选范围后分批导出", "narrow the filter and export in parts")));
    return false;
  }

  void WriteString(lxw_col_t column, const std::string& text, lxw_format* format) {
    if (!Utf8Length(text) || text.find('\0') != std::string::npos) {
      std::string cell = CellName(next_row, column);
      return Record(
          BadInput(cell + " 的文本不是有效的 UTF-8 或含有 NUL", cell + ": text is not valid UTF-8 or has a NUL"));
    }
    Check(worksheet_write_string(sheet, next_row, column, EscapeLiteralXEscapes(text).c_str(), format),
          "cell " + CellName(next_row, column));
  }
};

XlsxWriter::XlsxWriter() : impl_(std::make_unique<Impl>()) {
  std::error_code ec;
  std::filesystem::path dir = std::filesystem::temp_directory_path(ec);
  if (ec) dir = "/tmp";
  std::string pattern = (dir / "huanxin-xlsx-XXXXXX").string();
  int fd = mkstemp(pattern.data());
  if (fd < 0) {
    impl_->Record(Io("mkstemp in " + dir.string() + " failed"));
    return;
  }
  close(fd);
  impl_->path = pattern;
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;  // rows go to a temporary file as they are written
  impl_->workbook = workbook_new_opt(impl_->path.c_str(), &options);
  if (!impl_->workbook) {
    impl_->Record(Io("workbook_new_opt failed"));
    return;
  }
  impl_->bold = workbook_add_format(impl_->workbook);
  format_set_bold(impl_->bold);
  impl_->hundredths = workbook_add_format(impl_->workbook);
  format_set_num_format(impl_->hundredths, "0.00");
}

XlsxWriter::~XlsxWriter() {
  if (impl_->workbook) lxw_workbook_free(impl_->workbook);
  if (!impl_->path.empty()) {
    std::error_code ec;
    std::filesystem::remove(impl_->path, ec);  // nothing useful to do on failure in a destructor
  }
}

void XlsxWriter::AddSheet(const std::string& name) { impl_->AddSheet(name); }

void XlsxWriter::SetColumnWidths(const std::vector<double>& widths) {
  if (!impl_->EnsureSheet()) return;
  for (std::size_t i = 0; i < widths.size() && i < kMaxColumns; ++i) {
    auto column = static_cast<lxw_col_t>(i);
    if (!impl_->Check(worksheet_set_column(impl_->sheet, column, column, widths[i], nullptr), "column width")) return;
  }
}

void XlsxWriter::WriteHeader(const std::vector<std::string>& titles) {
  if (!impl_->EnsureSheet() || !impl_->NextRowFits()) return;
  if (titles.size() > kMaxColumns) return impl_->Record(BadInput("列数超过 16384", "more than 16384 columns"));
  for (std::size_t i = 0; i < titles.size() && !impl_->Failed(); ++i)
    impl_->WriteString(static_cast<lxw_col_t>(i), titles[i], impl_->bold);
  worksheet_freeze_panes(impl_->sheet, impl_->next_row + 1, 0);
  impl_->header_row = impl_->next_row;
  impl_->header_columns = static_cast<lxw_col_t>(titles.size());
  ++impl_->next_row;
}

void XlsxWriter::WriteRow(const std::vector<CellValue>& cells) {
  if (!impl_->EnsureSheet() || !impl_->NextRowFits()) return;
  if (cells.size() > kMaxColumns) return impl_->Record(BadInput("列数超过 16384", "more than 16384 columns"));
  for (std::size_t i = 0; i < cells.size() && !impl_->Failed(); ++i) {
    auto column = static_cast<lxw_col_t>(i);
    const CellValue& cell = cells[i];
    const std::string where = "cell " + CellName(impl_->next_row, column);
    if (const auto* text = std::get_if<std::string>(&cell)) {
      impl_->WriteString(column, *text, nullptr);
    } else if (const auto* integer = std::get_if<std::int64_t>(&cell)) {
      if (*integer >= -kMaxExactNumber && *integer <= kMaxExactNumber)
        impl_->Check(
            worksheet_write_number(impl_->sheet, impl_->next_row, column, static_cast<double>(*integer), nullptr),
            where);
      else
        impl_->WriteString(column, std::to_string(*integer), nullptr);
    } else if (const auto* quantity = std::get_if<Hundredths>(&cell)) {
      // value / 100.0 is the double nearest the exact quantity (both operands are exact and IEEE
      // division rounds correctly), so Excel shows and reads back exactly two decimals.
      if (quantity->value >= -kMaxExactNumber && quantity->value <= kMaxExactNumber)
        impl_->Check(worksheet_write_number(impl_->sheet, impl_->next_row, column,
                                            static_cast<double>(quantity->value) / 100.0, impl_->hundredths),
                     where);
      else
        impl_->WriteString(column, FormatHundredths(quantity->value), nullptr);
    }
  }
  ++impl_->next_row;
}

void XlsxWriter::SetListValidation(int column, const std::vector<std::string>& choices, int max_row) {
  if (!impl_->EnsureSheet()) return;
  if (column < 0 || column >= static_cast<int>(kMaxColumns) || max_row < 2 || max_row > static_cast<int>(kMaxRows))
    return impl_->Record(BadInput("下拉列表的列或行超出范围", "dropdown column or row out of range"));
  std::size_t chars = 0;
  for (const auto& choice : choices) {
    if (choice.empty() || choice.find(',') != std::string::npos || !Utf8Length(choice))
      return impl_->Record(BadInput("下拉选项无效：" + choice, "invalid dropdown choice: " + choice));
    chars += *Utf8Length(choice) + 1;
  }
  // Excel keeps the list as one comma-separated formula of at most 255 characters.
  if (choices.empty() || chars - 1 > kMaxListChars)
    return impl_->Record(
        BadInput("下拉选项为空或合计超过 255 个字符", "dropdown choices empty or over 255 characters"));
  std::vector<const char*> list;
  list.reserve(choices.size() + 1);
  for (const auto& choice : choices) list.push_back(choice.c_str());
  list.push_back(nullptr);
  lxw_data_validation validation{};
  validation.validate = LXW_VALIDATION_TYPE_LIST;
  validation.value_list = const_cast<char**>(list.data());  // libxlsxwriter copies, never writes
  impl_->Check(
      worksheet_data_validation_range(impl_->sheet, 1, static_cast<lxw_col_t>(column),
                                      static_cast<lxw_row_t>(max_row - 1), static_cast<lxw_col_t>(column), &validation),
      "dropdown");
}

Result<std::string> XlsxWriter::Finish() {
  if (impl_->finished) return Io("Finish called twice");
  if (!impl_->error && !impl_->sheet) impl_->AddSheet("Sheet1");  // Excel needs at least one sheet
  impl_->CloseSheet();
  impl_->finished = true;
  if (impl_->error) return *impl_->error;
  lxw_error status = workbook_close(impl_->workbook);  // frees the workbook whatever the outcome
  impl_->workbook = nullptr;
  if (status != LXW_NO_ERROR) return Io(std::string("workbook_close: ") + lxw_strerror(status));
  std::ifstream in(impl_->path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) return Io("cannot read back " + impl_->path);
  if (bytes.empty()) return Io("empty workbook file " + impl_->path);
  return bytes;
}

}  // namespace huanxin::report
