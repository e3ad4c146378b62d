#include "common/tabular/csv_reader.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <utility>
#include <vector>

namespace huanxin::tabular {
namespace {

using Rows = std::vector<std::pair<std::size_t, std::vector<std::string>>>;

// Reads everything; the rows seen so far are kept even when reading fails.
Result<void> Read(std::string_view text, Rows& rows) {
  return ReadCsv(text, [&](std::size_t n, std::vector<std::string>& cells) {
    rows.emplace_back(n, cells);
    return true;
  });
}

Rows ReadOk(std::string_view text) {
  Rows rows;
  auto r = Read(text, rows);
  EXPECT_TRUE(r) << (r ? "" : r.error().detail.en);
  return rows;
}

Error ReadError(std::string_view text) {
  Rows rows;
  auto r = Read(text, rows);
  EXPECT_FALSE(r);
  if (r) return {};
  EXPECT_EQ(r.error().code, ErrorCode::kUnprocessable);
  EXPECT_EQ(r.error().reason, "import.bad_csv");
  EXPECT_FALSE(r.error().message.zh.empty());
  EXPECT_FALSE(r.error().detail.zh.empty());
  return r.error();
}

TEST(ReadCsv, ReadsRowsWithTheirLineNumbers) {
  auto rows = ReadOk("楼栋,单元,户号\n1,2,301\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0], (Rows::value_type{1, {"楼栋", "单元", "户号"}}));
  EXPECT_EQ(rows[1], (Rows::value_type{2, {"1", "2", "301"}}));
}

TEST(ReadCsv, QuotedFieldsKeepCommasAndEscapedQuotes) {
  auto rows = ReadOk("\"a,b\",\"say \"\"hi\"\"\",\"\",plain\n");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].second, (std::vector<std::string>{"a,b", "say \"hi\"", "", "plain"}));
}

TEST(ReadCsv, NewlinesInsideQuotesAreKeptAndCountedInRowNumbers) {
  auto rows = ReadOk("a,\"x\ny\nz\"\nb\r\nc,\"p\r\nq\"\r\nd");
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0], (Rows::value_type{1, {"a", "x\ny\nz"}}));
  EXPECT_EQ(rows[1], (Rows::value_type{4, {"b"}}));
  EXPECT_EQ(rows[2], (Rows::value_type{5, {"c", "p\r\nq"}}));
  EXPECT_EQ(rows[3], (Rows::value_type{7, {"d"}}));
}

TEST(ReadCsv, CrlfLoneCrAndLfLineEndsAllEndRows) {
  auto rows = ReadOk("a\r\nb\rc\nd\r\n");
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0], (Rows::value_type{1, {"a"}}));
  EXPECT_EQ(rows[1], (Rows::value_type{2, {"b"}}));
  EXPECT_EQ(rows[2], (Rows::value_type{3, {"c"}}));
  EXPECT_EQ(rows[3], (Rows::value_type{4, {"d"}}));
}

TEST(ReadCsv, LastLineWithoutNewlineIsRead) {
  auto rows = ReadOk("a,b\nc,\"d\"");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1], (Rows::value_type{2, {"c", "d"}}));
}

TEST(ReadCsv, TrailingCommaGivesAnEmptyLastCell) {
  auto rows = ReadOk("a,\nb,");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].second, (std::vector<std::string>{"a", ""}));
  EXPECT_EQ(rows[1].second, (std::vector<std::string>{"b", ""}));
}

TEST(ReadCsv, GapsInsideARowAreEmptyCells) {
  auto rows = ReadOk(",a,,b\n");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].second, (std::vector<std::string>{"", "a", "", "b"}));
}

TEST(ReadCsv, BlankAndAllEmptyRowsAreSkippedButCounted) {
  auto rows = ReadOk("a\n\n,,\n\"\",\"\"\r\n\r\nb\n\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0], (Rows::value_type{1, {"a"}}));
  EXPECT_EQ(rows[1], (Rows::value_type{6, {"b"}}));
}

TEST(ReadCsv, WhitespaceIsDataNotBlank) {
  auto rows = ReadOk(" \n a , b \n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0], (Rows::value_type{1, {" "}}));
  EXPECT_EQ(rows[1].second, (std::vector<std::string>{" a ", " b "}));
}

TEST(ReadCsv, EmptyTextHasNoRows) { EXPECT_TRUE(ReadOk("").empty()); }

TEST(ReadCsv, LeadingBomIsSkipped) {
  auto rows = ReadOk("\xEF\xBB\xBF楼栋\n");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].second[0], "楼栋");
}

TEST(ReadCsv, UnterminatedQuoteNamesTheRowWhereItOpened) {
  auto e = ReadError("a\nb,\"open\nmore\n");
  EXPECT_NE(e.detail.en.find("row 2, column 2"), std::string::npos) << e.detail.en;
  EXPECT_NE(e.detail.en.find("never closed"), std::string::npos);
  EXPECT_NE(e.detail.zh.find("第 2 行第 2 列"), std::string::npos);
}

TEST(ReadCsv, QuoteInsideAnUnquotedFieldFails) {
  auto e = ReadError("x\ny\na,b\"c\n");
  EXPECT_NE(e.detail.en.find("row 3, column 2"), std::string::npos) << e.detail.en;
}

TEST(ReadCsv, CharacterAfterAClosingQuoteFails) {
  EXPECT_NE(ReadError("\"a\"b\n").detail.en.find("row 1, column 1"), std::string::npos);
  EXPECT_NE(ReadError("x,\"a\" \n").detail.en.find("row 1, column 2"), std::string::npos);
}

TEST(ReadCsv, ClosingQuoteBeforeCommaLineEndOrEndOfTextIsFine) {
  auto rows = ReadOk("\"a\",\"b\"\r\n\"c\"\n\"d\"\r\"e\"");
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].second, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(rows[3], (Rows::value_type{4, {"e"}}));
}

TEST(ReadCsv, RowsBeforeAnErrorReachTheSink) {
  Rows rows;
  auto r = Read("a\nb\n\"c\n", rows);
  ASSERT_FALSE(r);
  EXPECT_EQ(rows.size(), 2u);
  EXPECT_NE(r.error().detail.en.find("row 3"), std::string::npos);
}

TEST(ReadCsv, SinkReturningFalseStopsWithoutError) {
  std::size_t calls = 0;
  auto r = ReadCsv("a\nb\n\"broken\n", [&](std::size_t, std::vector<std::string>&) {
    ++calls;
    return false;
  });
  EXPECT_TRUE(r);
  EXPECT_EQ(calls, 1u);
}

TEST(ReadCsv, SinkMayMoveCellsOut) {
  std::vector<std::string> taken;
  auto r = ReadCsv("a,b\nc,d\n", [&](std::size_t, std::vector<std::string>& cells) {
    for (auto& c : cells) taken.push_back(std::move(c));
    return true;
  });
  ASSERT_TRUE(r);
  EXPECT_EQ(taken, (std::vector<std::string>{"a", "b", "c", "d"}));
}

// The reader reuses its cell strings from row to row: a row never shows what an earlier, wider or
// longer row held, whatever the sink did to the vector.
TEST(ReadCsv, EachRowHasOnlyItsOwnCells) {
  auto rows = ReadOk("360104193501010001,\"a long quoted cell, with a comma\",x,y\nb\n,c\n\"\"\"q\"\"\",d,e\n");
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].second,
            (std::vector<std::string>{"360104193501010001", "a long quoted cell, with a comma", "x", "y"}));
  EXPECT_EQ(rows[1].second, (std::vector<std::string>{"b"}));
  EXPECT_EQ(rows[2].second, (std::vector<std::string>{"", "c"}));
  EXPECT_EQ(rows[3].second, (std::vector<std::string>{"\"q\"", "d", "e"}));
  std::vector<std::vector<std::string>> seen;
  auto r = ReadCsv("a,b,c\nd\ne,f\n", [&](std::size_t, std::vector<std::string>& cells) {
    seen.push_back(cells);
    cells.clear();  // a sink may empty the vector
    return true;
  });
  ASSERT_TRUE(r);
  EXPECT_EQ(seen, (std::vector<std::vector<std::string>>{{"a", "b", "c"}, {"d"}, {"e", "f"}}));
}

// A text cut after a line end reads as the whole does when its second part starts at line
// 1 + LineEnds(first part): the same rows with the same numbers, whatever the line ends.
TEST(ReadCsv, APartStartingAtItsLineNumberReadsAsTheWholeDoes) {
  EXPECT_EQ(LineEnds(""), 0u);
  EXPECT_EQ(LineEnds("a\r\nb\nc\rd"), 3u);
  EXPECT_EQ(LineEnds("\r\r\n\n"), 3u);
  const std::string text = "h1,h2\r\na,b\r\n\r\nc,d\re,f\n\n,\ng,h\r\n";
  const auto whole = ReadOk(text);
  for (std::size_t cut = 0; cut < text.size(); ++cut) {
    if (text[cut] != '\n' && !(text[cut] == '\r' && (cut + 1 == text.size() || text[cut + 1] != '\n'))) continue;
    const std::string_view first = std::string_view(text).substr(0, cut + 1),
                           second = std::string_view(text).substr(cut + 1);
    Rows parts = ReadOk(first);
    auto r = ReadCsv(
        second,
        [&](std::size_t n, std::vector<std::string>& cells) {
          parts.emplace_back(n, cells);
          return true;
        },
        1 + LineEnds(first));
    ASSERT_TRUE(r);
    EXPECT_EQ(parts, whole) << "cut after byte " << cut;
  }
}

TEST(ReadCsv, ArbitraryBytesNeverCrash) {
  std::mt19937 random(20240601);
  const std::string alphabet("a,\"\r\n\xE6\0", 7);
  for (int round = 0; round < 2000; ++round) {
    std::string text(random() % 40, ' ');
    for (char& c : text) c = alphabet[random() % alphabet.size()];
    Rows rows;
    auto r = Read(text, rows);
    if (!r) {
      EXPECT_EQ(r.error().reason, "import.bad_csv");
    }
  }
}

}  // namespace
}  // namespace huanxin::tabular
