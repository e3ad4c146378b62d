// The row callback shared by the tabular readers (CSV, XLSX).
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace huanxin::tabular {

// Receives one row: `row_number` is 1-based as the user sees it (the line in a text editor for CSV,
// the row header in Excel), `cells` the row's cells as UTF-8 text in column order; a gap inside a
// row (an absent or empty cell) is "". Rows may differ in length (see each reader for where a row
// ends); callers index cells by column and treat a missing one as "". Rows whose cells are all
// empty are never passed. The sink
// may move strings out of `cells`; the reader reuses the vector afterwards. Return false to stop
// reading early; that is not an error and the reader then returns success.
using RowSink = std::function<bool(std::size_t row_number, std::vector<std::string>& cells)>;

}  // namespace huanxin::tabular
