// CSV import (RFC 4180) over UTF-8 text; see encoding.hpp to get UTF-8 from an uploaded file.
// Thread safety: ReadCsv keeps no state between calls.
#pragma once

#include <string_view>

#include "common/result.hpp"
#include "common/tabular/row_sink.hpp"

namespace huanxin::tabular {

// Reads `utf8_text` as RFC 4180 CSV and passes each row to `sink`: comma separator, fields
// optionally double-quoted with "" for a quote inside, line ends CRLF, LF or a lone CR, line ends
// inside quoted fields kept verbatim, the last line with or without a line end. A leading UTF-8
// byte-order mark is skipped. Cells are not trimmed.
// Row numbers are physical line numbers: a row that follows a quoted field spanning two lines gets
// the number a text editor shows. Rows whose cells are all empty (a blank line, or ",,," as Excel
// writes for formatted but empty rows) are skipped; they still count.
// Failures (422 import.bad_csv, detail names the row and column, 1-based): a quoted field that is
// never closed, a quote inside an unquoted field (a"b), any character other than a comma or line
// end after a closing quote ("a"b). Rows before the error have already reached the sink.
// Memory: one row at a time, whatever the size of the text. `sink` returning false stops reading;
// ReadCsv then succeeds.
// `first_line` numbers the text's first line: a part of a larger text, cut after a line end, is
// read with the number of its first line there (1 + LineEnds of what precedes it).
Result<void> ReadCsv(std::string_view utf8_text, const RowSink& sink, std::size_t first_line = 1);

// The line ends in `text` as ReadCsv counts them outside quoted fields: CRLF, LF and a lone CR are one
// each.
std::size_t LineEnds(std::string_view text);

}  // namespace huanxin::tabular
