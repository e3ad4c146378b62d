#include "common/tabular/csv_reader.hpp"

#include <string>
#include <vector>

namespace huanxin::tabular {
namespace {

Error BadCsv(std::size_t row, std::size_t column, const Text& what) {
  std::string r = std::to_string(row), c = std::to_string(column);
  return MakeError(ErrorCode::kUnprocessable, "import.bad_csv", Text("CSV 文件格式不正确", "the CSV file is malformed"),
                   Text("第 " + r + " 行第 " + c + " 列：" + what.zh, "row " + r + ", column " + c + ": " + what.en),
                   Text("请检查该处的英文双引号是否成对，或在 Excel 中打开后重新另存为 CSV",
                        "check that the double quotes there are paired, or open the file in Excel and save it as "
                        "CSV again"));
}

bool IsLineEnd(char c) { return c == '\n' || c == '\r'; }

bool AllEmpty(const std::vector<std::string>& cells) {
  for (const auto& cell : cells)
    if (!cell.empty()) return false;
  return true;
}

}  // namespace

std::size_t LineEnds(std::string_view text) {
  std::size_t ends = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++ends;
    } else if (text[i] == '\r') {
      ++ends;
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    }
  }
  return ends;
}

Result<void> ReadCsv(std::string_view text, const RowSink& sink, std::size_t first_line) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  const std::size_t n = text.size();
  std::size_t i = 0;
  std::size_t line = first_line;  // physical line at position i
  // Consumes the line end at i (CRLF, LF or CR) and counts it.
  auto skip_line_end = [&] {
    i += (text[i] == '\r' && i + 1 < n && text[i + 1] == '\n') ? 2 : 1;
    ++line;
  };
  // The row's cells: their strings are reused from row to row (cleared, not freed), so a cell longer
  // than the short-string buffer (an ID number) allocates once per file, not once per row.
  std::vector<std::string> cells;
  std::size_t count = 0;  // cells of the current row
  while (i < n) {
    const std::size_t row = line;
    count = 0;
    while (true) {
      const std::size_t column = count + 1;
      if (count == cells.size()) cells.emplace_back();
      std::string& field = cells[count++];
      field.clear();
      if (i < n && text[i] == '"') {
        ++i;
        while (true) {
          if (i >= n) return BadCsv(row, column, Text("引号内的内容没有结束引号", "the quoted field is never closed"));
          char c = text[i];
          if (c == '"') {
            if (i + 1 < n && text[i + 1] == '"') {
              field += '"';
              i += 2;
              continue;
            }
            ++i;
            break;
          }
          if (IsLineEnd(c)) {
            // Kept verbatim, but counted so that later rows keep their editor line numbers.
            std::size_t start = i;
            skip_line_end();
            field.append(text.substr(start, i - start));
            continue;
          }
          field += c;
          ++i;
        }
        if (i < n && text[i] != ',' && !IsLineEnd(text[i]))
          return BadCsv(row, column,
                        Text("结束引号后面多了字符（应为逗号或换行）",
                             "a character follows the closing quote where a comma or line end belongs"));
      } else {
        std::size_t start = i;
        while (i < n && text[i] != ',' && !IsLineEnd(text[i])) {
          if (text[i] == '"')
            return BadCsv(row, column,
                          Text("未加引号的内容中出现了英文双引号", "a double quote inside a field that is not quoted"));
          ++i;
        }
        field.assign(text.substr(start, i - start));
      }
      if (i >= n) break;
      if (text[i] == ',') {
        ++i;  // at the end of the text, the loop adds the empty field that follows the comma
        continue;
      }
      skip_line_end();
      break;
    }
    cells.resize(count);
    if (!AllEmpty(cells) && !sink(row, cells)) return Ok();
  }
  return Ok();
}

}  // namespace huanxin::tabular
