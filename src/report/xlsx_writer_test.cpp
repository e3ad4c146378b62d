#include "report/xlsx_writer.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <zip.h>

#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/tabular/xlsx_reader.hpp"

namespace huanxin::report {
namespace {

using Rows = std::vector<std::pair<std::size_t, std::vector<std::string>>>;

Rows ReadBack(const std::string& bytes) {
  Rows rows;
  auto r = tabular::ReadXlsx(bytes, [&](std::size_t n, std::vector<std::string>& cells) {
    rows.emplace_back(n, cells);
    return true;
  });
  EXPECT_TRUE(r) << (r ? "" : r.error().detail.en);
  return rows;
}

// The text of one part of the workbook, to check what the reader does not report (styles,
// panes, filters, validation).
std::string PartText(const std::string& bytes, const std::string& name) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &error);
  EXPECT_NE(archive, nullptr);
  std::string text;
  zip_stat_t stat;
  if (archive && zip_stat(archive, name.c_str(), 0, &stat) == 0) {
    zip_file_t* file = zip_fopen(archive, name.c_str(), 0);
    text.resize(stat.size);
    EXPECT_EQ(zip_fread(file, text.data(), stat.size), static_cast<zip_int64_t>(stat.size));
    zip_fclose(file);
  }
  if (archive) zip_discard(archive);
  zip_error_fini(&error);
  return text;
}

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

std::string FinishOk(XlsxWriter& writer) {
  auto bytes = writer.Finish();
  EXPECT_TRUE(bytes) << (bytes ? "" : bytes.error().detail.en);
  return bytes ? *bytes : std::string();
}

Error FinishError(XlsxWriter& writer) {
  auto bytes = writer.Finish();
  EXPECT_FALSE(bytes);
  return bytes ? Error{} : bytes.error();
}

TEST(XlsxWriter, RoundTripsTextIntegersQuantitiesAndGaps) {
  XlsxWriter writer;
  writer.AddSheet("花名册");
  writer.WriteHeader({"楼栋", "面积（m²）", "人数", "备注"});
  writer.WriteRow({std::string("洪都街道 1栋"), Hundredths{8537}, std::int64_t{3}, std::string("")});
  writer.WriteRow({std::monostate{}, Hundredths{12050}, std::monostate{}, std::string("东 \"北\" 角 & <门>")});
  writer.WriteRow({std::string("x"), Hundredths{0}, std::int64_t{0}});
  writer.WriteRow({std::string("y"), Hundredths{-5}, std::int64_t{-42}});
  auto rows = ReadBack(FinishOk(writer));
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[0], (Rows::value_type{1, {"楼栋", "面积（m²）", "人数", "备注"}}));
  EXPECT_EQ(rows[1], (Rows::value_type{2, {"洪都街道 1栋", "85.37", "3"}}));  // "" writes no cell
  EXPECT_EQ(rows[2], (Rows::value_type{3, {"", "120.5", "", "东 \"北\" 角 & <门>"}}));
  EXPECT_EQ(rows[3], (Rows::value_type{4, {"x", "0", "0"}}));
  EXPECT_EQ(rows[4], (Rows::value_type{5, {"y", "-0.05", "-42"}}));
}

TEST(XlsxWriter, QuantitiesCarryTheTwoDecimalFormat) {
  XlsxWriter writer;
  writer.WriteRow({Hundredths{8537}});
  auto bytes = FinishOk(writer);
  EXPECT_TRUE(Contains(PartText(bytes, "xl/styles.xml"), "formatCode=\"0.00\""));
  EXPECT_TRUE(Contains(PartText(bytes, "xl/worksheets/sheet1.xml"), "<v>85.37</v>"));
}

// Fifteen digits are exact as Excel numbers; sixteen are not, so they go as text.
TEST(XlsxWriter, NumbersBeyondFifteenDigitsAreWrittenAsExactText) {
  XlsxWriter writer;
  writer.WriteRow({std::int64_t{999'999'999'999'999}, std::int64_t{1'000'000'000'000'000},
                   std::int64_t{-999'999'999'999'999}, std::int64_t{-1'000'000'000'000'000}});
  writer.WriteRow({Hundredths{999'999'999'999'999}, Hundredths{1'000'000'000'000'001}});
  auto bytes = FinishOk(writer);
  auto rows = ReadBack(bytes);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].second,
            (std::vector<std::string>{"999999999999999", "1000000000000000", "-999999999999999", "-1000000000000000"}));
  EXPECT_EQ(rows[1].second, (std::vector<std::string>{"9999999999999.99", "10000000000000.01"}));
  std::string sheet = PartText(bytes, "xl/worksheets/sheet1.xml");
  EXPECT_TRUE(Contains(sheet, "<c r=\"A1\"><v>999999999999999</v>"));
  EXPECT_TRUE(Contains(sheet, "<c r=\"B1\" t=\"inlineStr\">"));
  EXPECT_TRUE(Contains(sheet, "<c r=\"B2\" t=\"inlineStr\">"));
}

TEST(XlsxWriter, ControlCharactersAndLiteralEscapesSurvive) {
  XlsxWriter writer;
  writer.WriteRow({std::string("a\x01z"), std::string("_x0041_ and _x00e9_"), std::string("line\nbreak")});
  auto rows = ReadBack(FinishOk(writer));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].second, (std::vector<std::string>{"a\x01z", "_x0041_ and _x00e9_", "line\nbreak"}));
}

TEST(XlsxWriter, HeaderIsBoldFrozenAndFilteredOverTheRowsBelow) {
  XlsxWriter writer;
  writer.AddSheet("住户");
  writer.WriteHeader({"楼栋", "面积", "人数"});
  writer.WriteRow({std::string("1"), Hundredths{100}, std::int64_t{1}});
  writer.WriteRow({std::string("2"), Hundredths{200}, std::int64_t{2}});
  auto bytes = FinishOk(writer);
  std::string sheet = PartText(bytes, "xl/worksheets/sheet1.xml");
  EXPECT_TRUE(Contains(sheet, "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"));
  EXPECT_TRUE(Contains(sheet, "<autoFilter ref=\"A1:C3\"/>"));
  EXPECT_TRUE(Contains(sheet, "<c r=\"A1\" s=\"1\""));  // the bold format
  EXPECT_TRUE(Contains(PartText(bytes, "xl/styles.xml"), "<b/>"));
}

TEST(XlsxWriter, HeaderWithoutRowsFiltersTheHeaderOnly) {
  XlsxWriter writer;
  writer.WriteHeader({"a", "b"});
  EXPECT_TRUE(Contains(PartText(FinishOk(writer), "xl/worksheets/sheet1.xml"), "<autoFilter ref=\"A1:B1\"/>"));
}

TEST(XlsxWriter, ColumnWidthsApplyFromColumnA) {
  XlsxWriter writer;
  writer.SetColumnWidths({10, 24.5});
  writer.WriteRow({std::string("x")});
  std::string sheet = PartText(FinishOk(writer), "xl/worksheets/sheet1.xml");
  EXPECT_TRUE(Contains(sheet, "<col min=\"1\" max=\"1\" width=\"10.7109375\" customWidth=\"1\"/>"));
  EXPECT_TRUE(Contains(sheet, "<col min=\"2\" max=\"2\" width=\"25."));  // Excel adds cell padding
  EXPECT_FALSE(Contains(sheet, "min=\"3\""));
}

TEST(XlsxWriter, ListValidationCoversRowsTwoToMaxRow) {
  XlsxWriter writer;
  writer.WriteHeader({"户号", "面积来源"});
  writer.SetListValidation(1, {"不动产登记", "实测", "合同"});
  writer.SetListValidation(0, {"是", "否"}, 2);
  std::string sheet = PartText(FinishOk(writer), "xl/worksheets/sheet1.xml");
  EXPECT_TRUE(Contains(sheet, "sqref=\"B2:B100000\"><formula1>\"不动产登记,实测,合同\"</formula1>"));
  EXPECT_TRUE(Contains(sheet, "sqref=\"A2\"><formula1>\"是,否\"</formula1>"));
}

TEST(XlsxWriter, ListValidationBoundaries) {
  struct Case {
    int id;
    int column;
    std::vector<std::string> choices;
    int max_row;
    bool ok;
  };
  const std::string a254(254, 'a');
  const std::vector<Case> cases = {
      {1, 0, {"a"}, 2, true},         {2, 0, {"a"}, 1, false},                   // max_row 2 is the first usable
      {3, 0, {"a"}, 1048576, true},   {4, 0, {"a"}, 1048577, false},             // Excel's last row
      {5, 16383, {"a"}, 10, true},    {6, 16384, {"a"}, 10, false},              // column XFD
      {7, -1, {"a"}, 10, false},      {8, 0, {}, 10, false},                     // no choices
      {9, 0, {a254, "b"}, 10, false}, {10, 0, {a254.substr(1), "b"}, 10, true},  // 256 vs 255 characters
      {11, 0, {"a,b"}, 10, false},    {12, 0, {""}, 10, false},                  // a comma would split the choice
  };
  for (const auto& c : cases) {
    XlsxWriter writer;
    writer.SetListValidation(c.column, c.choices, c.max_row);
    auto bytes = writer.Finish();
    EXPECT_EQ(bytes.has_value(), c.ok) << "case " << c.id;
    if (!bytes) {
      EXPECT_EQ(bytes.error().reason, "report.xlsx_bad_input") << "case " << c.id;
    }
  }
}

TEST(XlsxWriter, SeveralSheetsEachGetTheirFilterAndTheReaderTakesTheFirst) {
  XlsxWriter writer;
  writer.AddSheet("一");
  writer.WriteHeader({"a"});
  writer.WriteRow({std::string("1")});
  writer.AddSheet("二");
  writer.WriteHeader({"b", "c"});
  auto bytes = FinishOk(writer);
  EXPECT_TRUE(Contains(PartText(bytes, "xl/worksheets/sheet1.xml"), "<autoFilter ref=\"A1:A2\"/>"));
  EXPECT_TRUE(Contains(PartText(bytes, "xl/worksheets/sheet2.xml"), "<autoFilter ref=\"A1:B1\"/>"));
  auto rows = ReadBack(bytes);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].second[0], "1");
}

TEST(XlsxWriter, WritingBeforeAddSheetUsesSheet1AndFinishAloneGivesAnEmptyWorkbook) {
  XlsxWriter first;
  first.WriteRow({std::string("x")});
  EXPECT_TRUE(Contains(PartText(FinishOk(first), "xl/workbook.xml"), "name=\"Sheet1\""));
  XlsxWriter empty;
  EXPECT_TRUE(ReadBack(FinishOk(empty)).empty());
}

TEST(XlsxWriter, SheetNamesFollowExcelRules) {
  XlsxWriter writer;
  writer.AddSheet("2024/05:洪都[一]*?\\");
  writer.AddSheet("'引号'");
  writer.AddSheet(std::string(31, 'a'));
  writer.AddSheet(std::string(15, 'b') + std::string("街道街道街道街道街道街道街道街道街道"));  // 15 + 18 characters
  writer.AddSheet("");
  std::string workbook = PartText(FinishOk(writer), "xl/workbook.xml");
  EXPECT_TRUE(Contains(workbook, "name=\"2024_05_洪都_一____\""));
  EXPECT_TRUE(Contains(workbook, "name=\"引号\""));
  EXPECT_TRUE(Contains(workbook, "name=\"" + std::string(31, 'a') + "\""));
  EXPECT_TRUE(Contains(workbook, "name=\"" + std::string(15, 'b') + "街道街道街道街道街道街道街道街道\""));  // 31
  EXPECT_TRUE(Contains(workbook, "name=\"Sheet\""));
}

TEST(XlsxWriter, DuplicateSheetNameFailsAtFinish) {
  XlsxWriter writer;
  writer.AddSheet("住户");
  writer.AddSheet("住户");
  writer.WriteRow({std::string("ignored")});
  auto e = FinishError(writer);
  EXPECT_EQ(e.reason, "report.xlsx_bad_input");
  EXPECT_NE(e.detail.en.find("duplicate sheet name"), std::string::npos);
}

TEST(XlsxWriter, InvalidUtf8OrNulFailsWithTheCell) {
  XlsxWriter bad_utf8;
  bad_utf8.WriteRow({std::string("ok"), std::string("\xFF")});
  auto e = FinishError(bad_utf8);
  EXPECT_EQ(e.code, ErrorCode::kInternal);
  EXPECT_NE(e.detail.en.find("B1"), std::string::npos) << e.detail.en;
  XlsxWriter nul;
  nul.WriteRow({std::string("a\0b", 3)});
  EXPECT_NE(FinishError(nul).detail.en.find("A1"), std::string::npos);
}

TEST(XlsxWriter, TextAtExcelsLengthLimitIsWrittenAndLongerFails) {
  XlsxWriter at_limit;
  at_limit.WriteRow({std::string(32767, 'x')});
  auto rows = ReadBack(FinishOk(at_limit));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].second[0].size(), 32767u);
  XlsxWriter over;
  over.WriteRow({std::string(32768, 'x')});
  EXPECT_EQ(FinishError(over).reason, "report.xlsx_bad_input");
}

TEST(XlsxWriter, RowsUpToExcelsLastRowAreWrittenAndOneMoreFails) {
  auto write = [](std::size_t rows) {
    XlsxWriter writer;
    for (std::size_t i = 1; i < rows; ++i) writer.WriteRow({});  // empty rows cost nothing
    writer.WriteRow({std::int64_t{1}});
    return writer.Finish();
  };
  auto full = write(1048576);
  ASSERT_TRUE(full);
  auto rows = ReadBack(*full);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].first, 1048576u);
  auto over = write(1048577);
  ASSERT_FALSE(over);
  EXPECT_EQ(over.error().reason, "report.xlsx_too_many_rows");
  EXPECT_EQ(over.error().code, ErrorCode::kUnprocessable);
}

TEST(XlsxWriter, SecondFinishFails) {
  XlsxWriter writer;
  FinishOk(writer);
  EXPECT_EQ(FinishError(writer).reason, "report.xlsx_io");
}

TEST(XlsxWriter, TemporaryFileIsRemovedWithOrWithoutFinish) {
  std::string dir_template = (std::filesystem::temp_directory_path() / "hx-writer-test-XXXXXX").string();
  ASSERT_NE(mkdtemp(dir_template.data()), nullptr);
  const std::filesystem::path dir = dir_template;
  std::optional<std::string> old_tmpdir;
  if (const char* t = getenv("TMPDIR")) old_tmpdir = t;
  setenv("TMPDIR", dir.c_str(), 1);
  auto count = [&] { return std::distance(std::filesystem::directory_iterator(dir), {}); };
  {
    XlsxWriter finished;
    EXPECT_EQ(count(), 1);
    finished.WriteRow({std::string("x")});
    FinishOk(finished);
    XlsxWriter abandoned;
    abandoned.WriteRow({std::string("x")});
    EXPECT_EQ(count(), 2);
  }
  EXPECT_EQ(count(), 0);
  if (old_tmpdir)
    setenv("TMPDIR", old_tmpdir->c_str(), 1);
  else
    unsetenv("TMPDIR");
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace huanxin::report
