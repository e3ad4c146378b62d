#include "common/tabular/xlsx_reader.hpp"

#include <gtest/gtest.h>
#include <zip.h>

#include <random>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "report/xlsx_writer.hpp"

namespace huanxin::tabular {
namespace {

using Rows = std::vector<std::pair<std::size_t, std::vector<std::string>>>;

struct Entry {
  std::string name;
  std::string content;
  bool deflate = true;
};

// Assembles a zip in memory with libzip, so each test states exactly which parts exist.
std::string BuildZip(const std::vector<Entry>& entries) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  EXPECT_NE(archive, nullptr);
  zip_source_keep(buffer);
  for (const auto& entry : entries) {
    zip_source_t* source = zip_source_buffer(archive, entry.content.data(), entry.content.size(), 0);
    zip_int64_t index = zip_file_add(archive, entry.name.c_str(), source, ZIP_FL_ENC_UTF_8);
    EXPECT_GE(index, 0);
    zip_set_file_compression(archive, static_cast<zip_uint64_t>(index), entry.deflate ? ZIP_CM_DEFLATE : ZIP_CM_STORE,
                             9);
  }
  EXPECT_EQ(zip_close(archive), 0);
  zip_stat_t stat;
  EXPECT_EQ(zip_source_open(buffer), 0);
  EXPECT_EQ(zip_source_stat(buffer, &stat), 0);
  std::string bytes(stat.size, '\0');
  EXPECT_EQ(zip_source_read(buffer, bytes.data(), stat.size), static_cast<zip_int64_t>(stat.size));
  zip_source_close(buffer);
  zip_source_free(buffer);
  zip_error_fini(&error);
  return bytes;
}

// The compressed size libzip chose for `name` inside `zip_bytes`.
std::uint64_t CompressedSize(const std::string& zip_bytes, const std::string& name) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(zip_bytes.data(), zip_bytes.size(), 0, &error);
  zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &error);
  zip_stat_t stat;
  EXPECT_EQ(zip_stat(archive, name.c_str(), 0, &stat), 0);
  zip_discard(archive);
  zip_error_fini(&error);
  return stat.comp_size;
}

constexpr const char* kMainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr const char* kRelNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

std::string Workbook(const std::string& sheets) {
  return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><workbook xmlns=\"") + kMainNs +
         "\" xmlns:r=\"" + kRelNs + "\"><sheets>" + sheets + "</sheets></workbook>";
}

std::string Rels(const std::string& relationships) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships "
         "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
         relationships + "</Relationships>";
}

std::string WorksheetRel(const std::string& id, const std::string& target) {
  return "<Relationship Id=\"" + id +
         "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"" +
         target + "\"/>";
}

std::string Sheet(const std::string& rows) {
  return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"") + kMainNs + "\" xmlns:r=\"" +
         kRelNs + "\"><sheetData>" + rows + "</sheetData></worksheet>";
}

// A one-sheet workbook around `sheet_xml`, with `shared_xml` as xl/sharedStrings.xml if given.
std::string OneSheetXlsx(const std::string& sheet_xml, const std::string& shared_xml = "", bool deflate = true) {
  std::vector<Entry> entries = {
      {"[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"},
      {"xl/workbook.xml", Workbook("<sheet name=\"花名册\" sheetId=\"1\" r:id=\"rId1\"/>")},
      {"xl/_rels/workbook.xml.rels", Rels(WorksheetRel("rId1", "worksheets/sheet1.xml"))},
      {"xl/worksheets/sheet1.xml", sheet_xml, deflate},
  };
  if (!shared_xml.empty()) entries.push_back({"xl/sharedStrings.xml", shared_xml});
  return BuildZip(entries);
}

Result<void> Read(const std::string& bytes, Rows& rows, const XlsxLimits& limits = {}) {
  return ReadXlsx(
      bytes,
      [&](std::size_t n, std::vector<std::string>& cells) {
        rows.emplace_back(n, cells);
        return true;
      },
      limits);
}

Rows ReadOk(const std::string& bytes, const XlsxLimits& limits = {}) {
  Rows rows;
  auto r = Read(bytes, rows, limits);
  EXPECT_TRUE(r) << (r ? "" : r.error().detail.en);
  return rows;
}

Error ReadError(const std::string& bytes, const XlsxLimits& limits = {}) {
  Rows rows;
  auto r = Read(bytes, rows, limits);
  EXPECT_FALSE(r);
  if (r) return {};
  EXPECT_FALSE(r.error().message.zh.empty());
  EXPECT_FALSE(r.error().detail.zh.empty());
  EXPECT_FALSE(r.error().detail.en.empty());
  return r.error();
}

void ExpectBadXlsx(const Error& e, const std::string& detail_part) {
  EXPECT_EQ(e.code, ErrorCode::kUnprocessable);
  EXPECT_EQ(e.reason, "import.bad_xlsx");
  EXPECT_NE(e.detail.en.find(detail_part), std::string::npos) << e.detail.en;
}

void ExpectTooLarge(const Error& e) {
  EXPECT_EQ(e.code, ErrorCode::kPayloadTooLarge);
  EXPECT_EQ(e.reason, "import.too_large");
}

std::string WriterFixture() {
  report::XlsxWriter writer;
  writer.AddSheet("花名册");
  writer.WriteHeader({"楼栋", "单元", "户号", "面积", "人数"});
  writer.WriteRow(
      {std::string("1栋"), std::string("2单元"), std::string("301"), report::Hundredths{8537}, std::int64_t{3}});
  writer.WriteRow(
      {std::string("1栋"), std::monostate{}, std::string("302"), report::Hundredths{12050}, std::int64_t{12}});
  writer.WriteRow(
      {std::string("2栋"), std::string("1单元"), std::monostate{}, report::Hundredths{-5}, std::int64_t{-7}});
  auto bytes = writer.Finish();
  EXPECT_TRUE(bytes);
  return bytes ? *bytes : std::string();
}

// --- Files from our own writer -----------------------------------------------------------------

TEST(ReadXlsx, ReadsBackWhatTheWriterWrote) {
  auto rows = ReadOk(WriterFixture());
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0], (Rows::value_type{1, {"楼栋", "单元", "户号", "面积", "人数"}}));
  EXPECT_EQ(rows[1], (Rows::value_type{2, {"1栋", "2单元", "301", "85.37", "3"}}));
  EXPECT_EQ(rows[2], (Rows::value_type{3, {"1栋", "", "302", "120.5", "12"}}));
  EXPECT_EQ(rows[3], (Rows::value_type{4, {"2栋", "1单元", "", "-0.05", "-7"}}));
}

TEST(ReadXlsx, SinkReturningFalseStopsWithoutError) {
  std::size_t calls = 0;
  auto r = ReadXlsx(WriterFixture(), [&](std::size_t, std::vector<std::string>&) { return ++calls < 2; });
  EXPECT_TRUE(r);
  EXPECT_EQ(calls, 2u);
}

TEST(ReadXlsx, ExceptionFromTheSinkReachesTheCaller) {
  auto fixture = WriterFixture();
  EXPECT_THROW(
      (void)ReadXlsx(fixture, [](std::size_t, std::vector<std::string>&) -> bool { throw std::runtime_error("sink"); }),
      std::runtime_error);
}

// --- A hand-built file with what other producers (Excel, WPS) write ----------------------------

TEST(ReadXlsx, ReadsSharedRichInlineNumbersAndPlacesCellsByReference) {
  std::string shared = std::string("<sst xmlns=\"") + kMainNs +
                       "\" count=\"3\" uniqueCount=\"3\">"
                       "<si><t>楼栋</t></si>"
                       "<si><r><rPr><b/></rPr><t>1</t></r><r><t xml:space=\"preserve\">号 楼</t></r>"
                       "<rPh sb=\"0\" eb=\"1\"><t>ろう</t></rPh></si>"
                       "<si><t>line_x000D__x000A_two _x005F_x0041_</t></si></sst>";
  std::string sheet = Sheet(
      "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"inlineStr\"><is><t>面积</t></is></c></row>"
      "<row r=\"2\"><c r=\"C2\"><v>85.370000000000005</v></c></row>"
      "<row r=\"4\"><c r=\"A4\" t=\"s\"><v>1</v></c><c r=\"B4\" t=\"n\"><v>12</v></c>"
      "<c r=\"C4\" t=\"b\"><v>1</v></c><c r=\"D4\" t=\"b\"><v>0</v></c><c r=\"E4\" t=\"e\"><v>#DIV/0!</v></c>"
      "<c r=\"F4\"><f>B4*2</f><v>24</v></c><c r=\"G4\" t=\"str\"><f>A1</f><v>楼栋</v></c>"
      "<c r=\"H4\" t=\"s\"><v>2</v></c></row>");
  auto rows = ReadOk(OneSheetXlsx(sheet, shared));
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0], (Rows::value_type{1, {"楼栋", "面积"}}));
  EXPECT_EQ(rows[1], (Rows::value_type{2, {"", "", "85.37"}}));
  EXPECT_EQ(rows[2],
            (Rows::value_type{4, {"1号 楼", "12", "TRUE", "FALSE", "#DIV/0!", "24", "楼栋", "line\r\ntwo _x0041_"}}));
}

TEST(ReadXlsx, CellsWithoutReferencesFollowThePreviousOne) {
  auto rows =
      ReadOk(OneSheetXlsx(Sheet("<row><c><v>1</v></c><c r=\"C1\"><v>3</v></c><c><v>4</v></c></row>"
                                "<row><c><v>5</v></c></row>")));
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0], (Rows::value_type{1, {"1", "", "3", "4"}}));
  EXPECT_EQ(rows[1], (Rows::value_type{2, {"5"}}));
}

TEST(ReadXlsx, EmptyRowsAndStyledEmptyCellsAreSkipped) {
  auto rows = ReadOk(
      OneSheetXlsx(Sheet("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"
                         "<row r=\"2\" s=\"3\" customFormat=\"1\"/>"
                         "<row r=\"3\"><c r=\"A3\" s=\"2\"/><c r=\"B3\" t=\"inlineStr\"><is><t></t></is></c></row>"
                         "<row r=\"5\"><c r=\"B5\"><v>2</v></c><c r=\"C5\" s=\"1\"/>"
                         "<c r=\"XFD5\" s=\"1\"/></row>")));
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0], (Rows::value_type{1, {"1"}}));
  EXPECT_EQ(rows[1], (Rows::value_type{5, {"", "2"}}));
}

TEST(ReadXlsx, PrefixedElementsReadLikeUnprefixedOnes) {
  std::string sheet = std::string("<x:worksheet xmlns:x=\"") + kMainNs +
                      "\"><x:sheetData><x:row r=\"1\"><x:c r=\"A1\" t=\"inlineStr\"><x:is><x:t>楼</x:t></x:is></x:c>"
                      "</x:row></x:sheetData></x:worksheet>";
  auto rows = ReadOk(OneSheetXlsx(sheet));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].second[0], "楼");
}

// Numbers: stored text kept up to 15 significant digits; beyond, the shortest round-trip form, or
// Excel's 15 displayed digits when even that is longer.
TEST(ReadXlsx, NormalisesNumbersOnlyBeyondFifteenSignificantDigits) {
  struct Case {
    int id;
    std::string stored;
    std::string read;
  };
  const Case cases[] = {
      {1, "12", "12"},
      {2, "120.5", "120.5"},
      {3, "123456789012345", "123456789012345"},      // 15 digits: kept
      {4, "0.123456789012345", "0.123456789012345"},  // 15 digits: kept
      {5, "85.370000000000005", "85.37"},             // 17 digits: shortest round trip
      {6, "-85.370000000000005", "-85.37"},
      {7, "1200000000000000000", "1200000000000000000"},  // 2 significant digits: kept
      {8, "0.30000000000000004", "0.3"},                  // shortest is 17 digits: Excel's 15
      {9, "85.36999999999999", "85.37"},                  // a formula's result: Excel's 15
      {10, "1234567890123456", "1234567890123456"},       // 16 digits, exactly a double: shortest keeps it
      {11, "1.0000000000000002E-3", "0.001"},
      {12, "", ""},
  };
  std::string rows;
  for (const auto& c : cases)
    rows += "<row r=\"" + std::to_string(c.id) + "\"><c r=\"A" + std::to_string(c.id) + "\"><v>" + c.stored +
            "</v></c><c r=\"B" + std::to_string(c.id) + "\" t=\"inlineStr\"><is><t>x</t></is></c></row>";
  auto read = ReadOk(OneSheetXlsx(Sheet(rows)));
  ASSERT_EQ(read.size(), std::size(cases));
  for (std::size_t i = 0; i < read.size(); ++i) EXPECT_EQ(read[i].second[0], cases[i].read) << "case " << cases[i].id;
}

TEST(ReadXlsx, ReadsTheFirstWorksheetInWorkbookOrderNotFileOrder) {
  std::string rels =
      Rels(WorksheetRel("rId1", "worksheets/sheet1.xml") + WorksheetRel("rId2", "/xl/worksheets/sheet2.xml") +
           "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
           "relationships/chartsheet\" Target=\"chartsheets/sheet1.xml\"/>");
  std::string workbook = Workbook(
      "<sheet name=\"图表\" sheetId=\"3\" r:id=\"rId3\"/>"
      "<sheet name=\"说明\" sheetId=\"4\" state=\"hidden\" r:id=\"rId1\"/>"
      "<sheet name=\"花名册\" sheetId=\"2\" r:id=\"rId2\"/>");
  auto bytes = BuildZip({{"xl/workbook.xml", workbook},
                         {"xl/_rels/workbook.xml.rels", rels},
                         {"xl/worksheets/sheet1.xml", Sheet("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>")},
                         {"xl/worksheets/sheet2.xml", Sheet("<row r=\"1\"><c r=\"A1\"><v>2</v></c></row>")}});
  auto rows = ReadOk(bytes);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].second[0], "2");  // the chart sheet and the hidden sheet are passed over
}

TEST(ReadXlsx, HiddenWorksheetIsReadWhenItIsTheOnlyOne) {
  auto bytes =
      BuildZip({{"xl/workbook.xml", Workbook("<sheet name=\"a\" sheetId=\"1\" state=\"hidden\" r:id=\"rId1\"/>")},
                {"xl/_rels/workbook.xml.rels", Rels(WorksheetRel("rId1", "worksheets/../worksheets/s.xml"))},
                {"xl/worksheets/s.xml", Sheet("<row r=\"1\"><c r=\"A1\"><v>7</v></c></row>")}});
  auto rows = ReadOk(bytes);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].second[0], "7");
}

TEST(ReadXlsx, EmptySheetHasNoRows) { EXPECT_TRUE(ReadOk(OneSheetXlsx(Sheet(""))).empty()); }

// --- Refusals ----------------------------------------------------------------------------------

TEST(ReadXlsx, GarbageIsNotAZip) {
  ExpectBadXlsx(ReadError("楼栋,单元\n1,2\n"), "not a valid .xlsx");
  ExpectBadXlsx(ReadError(""), "empty");
}

TEST(ReadXlsx, OldXlsOrEncryptedWorkbookIsNamed) {
  ExpectBadXlsx(ReadError(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(600, '\0')), ".xls");
}

TEST(ReadXlsx, ZipWithoutWorkbookFails) {
  ExpectBadXlsx(ReadError(BuildZip({{"word/document.xml", "<w/>"}})), "no workbook");
}

TEST(ReadXlsx, WorkbookWithoutWorksheetFails) {
  auto bytes = BuildZip({{"xl/workbook.xml", Workbook("")}, {"xl/_rels/workbook.xml.rels", Rels("")}});
  ExpectBadXlsx(ReadError(bytes), "no worksheet");
}

TEST(ReadXlsx, MissingSheetPartFails) {
  auto bytes = BuildZip({{"xl/workbook.xml", Workbook("<sheet name=\"a\" sheetId=\"1\" r:id=\"rId1\"/>")},
                         {"xl/_rels/workbook.xml.rels", Rels(WorksheetRel("rId1", "worksheets/sheet1.xml"))}});
  ExpectBadXlsx(ReadError(bytes), "missing xl/worksheets/sheet1.xml");
}

TEST(ReadXlsx, MalformedXmlNamesThePartAndLine) {
  auto e = ReadError(OneSheetXlsx(Sheet("<row r=\"1\">\n<c r=\"A1\"><v>1</c></row>")));
  ExpectBadXlsx(e, "xl/worksheets/sheet1.xml line 2");
  EXPECT_NE(e.detail.en.find("malformed XML"), std::string::npos);
}

TEST(ReadXlsx, DtdIsRefused) {
  std::string sheet = std::string("<?xml version=\"1.0\"?><!DOCTYPE worksheet [<!ENTITY a \"aaaaaaaaaa\">]>") +
                      "<worksheet xmlns=\"" + kMainNs +
                      "\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&a;</t></is></c></row>"
                      "</sheetData></worksheet>";
  ExpectBadXlsx(ReadError(OneSheetXlsx(sheet)), "DTD");
}

TEST(ReadXlsx, SharedStringIndexOutOfRangeFails) {
  std::string shared = std::string("<sst xmlns=\"") + kMainNs + "\"><si><t>a</t></si></sst>";
  EXPECT_EQ(ReadOk(OneSheetXlsx(Sheet("<row r=\"3\"><c r=\"B3\" t=\"s\"><v>0</v></c></row>"), shared))[0].second[1],
            "a");
  auto e = ReadError(OneSheetXlsx(Sheet("<row r=\"3\"><c r=\"B3\" t=\"s\"><v>1</v></c></row>"), shared));
  ExpectBadXlsx(e, "row 3: B3 refers to shared string \"1\" of 1");
  ExpectBadXlsx(ReadError(OneSheetXlsx(Sheet("<row r=\"3\"><c r=\"B3\" t=\"s\"><v>-1</v></c></row>"), shared)),
                "shared string");
  ExpectBadXlsx(ReadError(OneSheetXlsx(Sheet("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"))), "of 0");
}

TEST(ReadXlsx, LastColumnXfdIsReadAndXfeFails) {
  auto rows = ReadOk(OneSheetXlsx(Sheet("<row r=\"1\"><c r=\"XFD1\"><v>1</v></c></row>")));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].second.size(), 16384u);
  EXPECT_EQ(rows[0].second.back(), "1");
  ExpectBadXlsx(ReadError(OneSheetXlsx(Sheet("<row r=\"1\"><c r=\"XFE1\"><v>1</v></c></row>"))),
                "cell reference \"XFE1\" is invalid");
}

TEST(ReadXlsx, MalformedCellReferencesFail) {
  for (const char* ref : {"1", "A", "A1B", "", "AAAAA1", "A-1"})
    ExpectBadXlsx(ReadError(OneSheetXlsx(Sheet(std::string("<row r=\"1\"><c r=\"") + ref + "\"><v>1</v></c></row>"))),
                  "cell reference");
}

TEST(ReadXlsx, LastRowIsReadAndTheNextFails) {
  auto rows = ReadOk(OneSheetXlsx(Sheet("<row r=\"1048576\"><c r=\"A1048576\"><v>1</v></c></row>")));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].first, 1048576u);
  ExpectBadXlsx(ReadError(OneSheetXlsx(Sheet("<row r=\"1048577\"><c r=\"A1\"><v>1</v></c></row>"))),
                "row number \"1048577\" is invalid");
  ExpectBadXlsx(ReadError(OneSheetXlsx(Sheet("<row r=\"0\"><c r=\"A1\"><v>1</v></c></row>"))), "row number");
  ExpectBadXlsx(ReadError(OneSheetXlsx(Sheet("<row r=\"1048576\"/><row><c><v>1</v></c></row>"))),
                "beyond Excel's limit");
}

TEST(ReadXlsx, TruncatedFilesFailWithoutCrashing) {
  std::string whole = WriterFixture();
  ASSERT_FALSE(whole.empty());
  for (std::size_t length = 0; length < whole.size(); length += 7) {
    Rows rows;
    auto r = Read(whole.substr(0, length), rows);
    ASSERT_FALSE(r) << "length " << length;
    EXPECT_EQ(r.error().reason, "import.bad_xlsx") << "length " << length;
  }
}

TEST(ReadXlsx, CorruptedBytesNeverCrash) {
  std::string whole = WriterFixture();
  std::mt19937 random(7);
  for (int round = 0; round < 300; ++round) {
    std::string bytes = whole;
    for (int k = 0; k < 4; ++k) bytes[random() % bytes.size()] = static_cast<char>(random());
    Rows rows;
    auto r = Read(bytes, rows);
    if (!r) {
      EXPECT_TRUE(r.error().reason == "import.bad_xlsx" || r.error().reason == "import.too_large");
    }
  }
}

// --- Zip-bomb limits, both sides of each --------------------------------------------------------

// A sheet of exactly `size` bytes: one row, then blanks (character data the reader ignores).
std::string PaddedSheet(std::size_t size) {
  std::string head = Sheet("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>");
  std::string tail = "</sheetData></worksheet>";
  head.resize(head.size() - tail.size());
  EXPECT_GE(size, head.size() + tail.size());
  return head + std::string(size - head.size() - tail.size(), ' ') + tail;
}

TEST(ReadXlsx, PartAtTheSizeLimitIsReadAndOneByteMoreIsRefused) {
  std::string sheet = PaddedSheet(4000);
  auto bytes = OneSheetXlsx(sheet, "", /*deflate=*/false);
  XlsxLimits limits;
  limits.max_entry_bytes = 4000;
  EXPECT_EQ(ReadOk(bytes, limits).size(), 1u);
  limits.max_entry_bytes = 3999;
  auto e = ReadError(bytes, limits);
  ExpectTooLarge(e);
  EXPECT_NE(e.detail.en.find("xl/worksheets/sheet1.xml: more than 3999 bytes"), std::string::npos) << e.detail.en;
}

TEST(ReadXlsx, RatioAtTheLimitIsReadAndJustAboveIsRefused) {
  const std::size_t size = 300000;
  auto bytes = OneSheetXlsx(PaddedSheet(size));
  std::uint64_t compressed = CompressedSize(bytes, "xl/worksheets/sheet1.xml");
  std::uint64_t ratio = (size + compressed - 1) / compressed;  // smallest whole ratio that admits the part
  ASSERT_GT(ratio, 10u);
  XlsxLimits limits;
  limits.ratio_floor_bytes = 0;
  limits.max_ratio = ratio;
  EXPECT_EQ(ReadOk(bytes, limits).size(), 1u);
  limits.max_ratio = ratio - 1;
  auto e = ReadError(bytes, limits);
  ExpectTooLarge(e);
  EXPECT_NE(e.detail.en.find("zip bomb"), std::string::npos);
}

TEST(ReadXlsx, RatioAppliesOnlyAboveTheFloor) {
  const std::size_t size = 300000;
  auto bytes = OneSheetXlsx(PaddedSheet(size));
  XlsxLimits limits;
  limits.max_ratio = 1;  // every compressed part breaks it
  limits.ratio_floor_bytes = size;
  EXPECT_EQ(ReadOk(bytes, limits).size(), 1u);
  limits.ratio_floor_bytes = size - 1;
  ExpectTooLarge(ReadError(bytes, limits));
}

TEST(ReadXlsx, DefaultLimitsAdmitOneMiBOfBlanksAndRefuseOneByteMore) {
  // Blanks deflate about 1000:1, far beyond 200:1; only the 1 MiB floor decides.
  EXPECT_EQ(ReadOk(OneSheetXlsx(PaddedSheet(1 << 20))).size(), 1u);
  auto e = ReadError(OneSheetXlsx(PaddedSheet((1 << 20) + 1)));
  ExpectTooLarge(e);
  EXPECT_NE(e.detail.en.find("200"), std::string::npos);
}

}  // namespace
}  // namespace huanxin::tabular
