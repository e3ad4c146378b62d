// XLSX export: rosters, ledgers and import templates that street offices open in Excel or WPS.
// Built on libxlsxwriter in its constant-memory mode, so a sheet of a million rows costs one row
// of memory (plus a temporary file), not the whole sheet.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "common/result.hpp"

namespace huanxin::report {

// An exact quantity with two fraction digits in hundredths (fen, dm²), e.g. 8537 → 85.37.
struct Hundredths {
  std::int64_t value;
};

// A cell: empty, text (UTF-8), an integer, or a two-decimal quantity. Integers and quantities
// become Excel numbers (quantities with the number format "0.00"), except beyond 15 significant
// digits, which a double cannot hold exactly: those are written as text so no digit is lost.
using CellValue = std::variant<std::monostate, std::string, std::int64_t, Hundredths>;

// Writes one workbook. Usage: AddSheet, SetColumnWidths, WriteHeader, WriteRow…, (another
// AddSheet…), Finish. The calls return nothing: the first failure (an invalid sheet name, text that
// is not UTF-8, holds a NUL or is longer than Excel's 32767 characters, more rows than Excel's
// 1048576, a bad validation list) is kept and reported by Finish, and later calls are then ignored.
// Not thread-safe; use one writer per export. Owns a temporary file, removed by the destructor.
class XlsxWriter {
 public:
  // Starts a workbook in a temporary file under std::filesystem::temp_directory_path()
  // (libxlsxwriter writes to a path). Never throws; a failure surfaces in Finish.
  XlsxWriter();
  ~XlsxWriter();
  XlsxWriter(const XlsxWriter&) = delete;
  XlsxWriter& operator=(const XlsxWriter&) = delete;

  // Starts a new sheet; later calls write to it. Writing before any AddSheet creates "Sheet1".
  // Excel's rules are applied rather than failed: the characters []:*?/\ become "_", the name is
  // cut to 31 characters, an empty name becomes "Sheet". A duplicate name is a failure.
  void AddSheet(const std::string& name);

  // Column widths in Excel's character units, from column A on.
  void SetColumnWidths(const std::vector<double>& widths);

  // Writes `titles` in bold on the current row (the first one when called first), freezes the
  // rows above and including it, and puts an autofilter on it that Finish or the next AddSheet
  // extends over the rows written below.
  void WriteHeader(const std::vector<std::string>& titles);

  // Writes the next row from column A; std::monostate leaves a cell empty.
  void WriteRow(const std::vector<CellValue>& cells);

  // Restricts column `column` (0-based: 0 is A) on rows 2..`max_row` (1-based, as Excel shows
  // them) to a dropdown of `choices`, e.g. 面积来源: 不动产登记/实测/合同. Preconditions (else a
  // failure): 0 ≤ column < 16384, 2 ≤ max_row ≤ 1048576, choices not empty and without commas,
  // and all of them together within Excel's 255-character list limit.
  void SetListValidation(int column, const std::vector<std::string>& choices, int max_row = 100000);

  // Closes the workbook and returns the .xlsx bytes. Failures: the first failure recorded by an
  // earlier call (its code and reason, report.xlsx_*), or 500 report.xlsx_io when the file cannot
  // be written or read back. Call once; a second call fails.
  Result<std::string> Finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace huanxin::report
