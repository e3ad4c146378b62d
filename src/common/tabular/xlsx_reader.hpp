// XLSX (Office Open XML spreadsheet) import: rosters that street offices keep in Excel or WPS.
// Thread safety: ReadXlsx keeps no state between calls.
#pragma once

#include <cstdint>
#include <string_view>

#include "common/result.hpp"
#include "common/tabular/row_sink.hpp"

namespace huanxin::tabular {

// Guards against zip bombs. The defaults are the product's limits; tests pass smaller ones to
// probe both sides of each boundary.
struct XlsxLimits {
  std::uint64_t max_entry_bytes = 512ull << 20;  // uncompressed size of any one part read
  std::uint64_t ratio_floor_bytes = 1ull << 20;  // the ratio applies only to parts larger than this
  std::uint64_t max_ratio = 200;                 // uncompressed : compressed
};

// Reads the first worksheet of the workbook in `file_bytes` (workbook order from xl/workbook.xml,
// resolved through xl/_rels/workbook.xml.rels; hidden sheets and chart sheets are passed over when
// a visible worksheet follows) and passes each row to `sink` with the sheet's row number. Cell
// text: shared strings (rich-text runs concatenated, phonetic runs left out), inline strings,
// booleans as "TRUE"/"FALSE", error values as their text ("#DIV/0!"), formulas as their cached
// value, dates as the serial number Excel stores. Numbers keep their stored text ("12", "120.5")
// unless it has more than 15 significant digits (85.370000000000005, a binary-float artefact): then
// the shortest text that reads back as the same double ("85.37"), or, if even that needs more than
// 15 digits and is not a whole number (85.36999999999999, the result of a formula), the value
// rounded to the 15 digits Excel displays ("85.37"). Excel's _xHHHH_ escapes are decoded. Cells
// land in the column their reference names (r="C7"); columns left out before it are "". Empty cells
// do not widen a row (a row ends at its last non-empty cell), and rows without any text are
// skipped: Excel keeps formatted empty cells and rows. Failures: 422 import.bad_xlsx (detail: which
// part and where) when the bytes are not a zip (an old .xls or an encrypted workbook is named as
// such), a required part is missing or damaged, the XML is malformed or declares a DTD, a cell
// reference or row number is out of Excel's range, or a shared-string index is out of range; 413
// import.too_large when a part read exceeds `limits.max_entry_bytes` uncompressed or, above
// `limits.ratio_floor_bytes`, expands more than `limits.max_ratio` times. The limits are enforced
// on the bytes actually inflated, not on the sizes the archive declares. Rows before an error have
// already reached the sink. Memory: the shared strings plus one row; the sheet is parsed as a
// stream. `file_bytes` must stay valid during the call. `sink` returning false stops reading;
// ReadXlsx then succeeds. An exception thrown by `sink` propagates to the caller.
Result<void> ReadXlsx(std::string_view file_bytes, const RowSink& sink, const XlsxLimits& limits = {});

}  // namespace huanxin::tabular
