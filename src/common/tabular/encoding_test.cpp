#include "common/tabular/encoding.hpp"

#include <gtest/gtest.h>
#include <iconv.h>

#include <string>

namespace huanxin::tabular {
namespace {

// GB18030 bytes made by glibc's iconv here, so the fixture does not depend on this file's encoding.
std::string ToGb18030(const std::string& utf8) {
  iconv_t cd = iconv_open("GB18030", "UTF-8");
  EXPECT_NE(cd, reinterpret_cast<iconv_t>(-1));
  std::string out(utf8.size() * 2 + 8, '\0');
  char* in = const_cast<char*>(utf8.data());
  std::size_t in_left = utf8.size();
  char* out_ptr = out.data();
  std::size_t out_left = out.size();
  EXPECT_NE(iconv(cd, &in, &in_left, &out_ptr, &out_left), static_cast<std::size_t>(-1));
  iconv_close(cd);
  out.resize(out.size() - out_left);
  return out;
}

void ExpectBadEncoding(const Error& e, const std::string& detail_part) {
  EXPECT_EQ(e.code, ErrorCode::kUnprocessable);
  EXPECT_EQ(e.reason, "import.bad_encoding");
  EXPECT_FALSE(e.message.zh.empty());
  EXPECT_NE(e.detail.en.find(detail_part), std::string::npos) << e.detail.en;
  EXPECT_FALSE(e.detail.zh.empty());
}

TEST(DetectEncoding, Utf8WithBomIsUtf8AndTheBomIsStripped) {
  std::string bytes = "\xEF\xBB\xBF楼栋,单元\n";
  auto encoding = DetectEncoding(bytes);
  ASSERT_TRUE(encoding);
  EXPECT_EQ(*encoding, Encoding::kUtf8);
  auto text = ToUtf8(bytes, *encoding);
  ASSERT_TRUE(text);
  EXPECT_EQ(*text, "楼栋,单元\n");
}

TEST(DetectEncoding, Utf8WithoutBomIsUtf8) {
  auto encoding = DetectEncoding("楼栋,单元");
  ASSERT_TRUE(encoding);
  EXPECT_EQ(*encoding, Encoding::kUtf8);
}

TEST(DetectEncoding, EmptyAndAsciiAreUtf8) {
  EXPECT_EQ(*DetectEncoding(""), Encoding::kUtf8);
  EXPECT_EQ(*DetectEncoding("building,unit\r\n1,2"), Encoding::kUtf8);
}

TEST(DetectEncoding, Gb18030BytesAreGb18030AndConvertBack) {
  std::string gb = ToGb18030("楼栋,单元");
  ASSERT_EQ(gb.size(), 9u);  // four two-byte characters and a comma
  auto encoding = DetectEncoding(gb);
  ASSERT_TRUE(encoding);
  EXPECT_EQ(*encoding, Encoding::kGb18030);
  auto text = ToUtf8(gb, *encoding);
  ASSERT_TRUE(text);
  EXPECT_EQ(*text, "楼栋,单元");
}

TEST(DetectEncoding, Gb18030FourByteSequencesConvert) {
  std::string utf8 = "é𠀀€";  // U+00E9 and U+20000 take four GB18030 bytes each
  std::string gb = ToGb18030(utf8);
  ASSERT_EQ(*DetectEncoding(gb), Encoding::kGb18030);
  EXPECT_EQ(*ToUtf8(gb, Encoding::kGb18030), utf8);
}

TEST(DetectEncoding, BytesThatAreNeitherFailWithBothOffsets) {
  auto encoding = DetectEncoding("ab\xFF\xFF");
  ASSERT_FALSE(encoding);
  ExpectBadEncoding(encoding.error(), "UTF-8 (invalid at byte offset 2) nor GB18030 (invalid at byte offset 2)");
}

TEST(DetectEncoding, Utf16IsNamed) {
  auto encoding =
      DetectEncoding(std::string("\xFF\xFE"
                                 "a\0b\0",
                                 6));
  ASSERT_FALSE(encoding);
  ExpectBadEncoding(encoding.error(), "UTF-16");
}

TEST(DetectEncoding, OverlongUtf8IsNotUtf8) {
  // C0 80 is an overlong NUL in UTF-8 but a valid GB18030 two-byte character.
  EXPECT_EQ(*DetectEncoding("\xC0\x80"), Encoding::kGb18030);
}

// Strict UTF-8, both sides of each edge of Unicode's well-formed byte table.
TEST(ToUtf8, AcceptsAndRejectsAtEachUtf8Edge) {
  struct Case {
    int id;
    std::string bytes;
    bool valid;
  };
  const Case cases[] = {
      {1, "\x7F", true},
      {2, "\x80", false},  // lone continuation byte
      {3, "\xC2\x80", true},
      {4, "\xC1\xBF", false},  // smallest two-byte / overlong
      {5, "\xE0\xA0\x80", true},
      {6, "\xE0\x9F\xBF", false},  // U+0800 / overlong
      {7, "\xED\x9F\xBF", true},
      {8, "\xED\xA0\x80", false},  // U+D7FF / surrogate U+D800
      {9, "\xF0\x90\x80\x80", true},
      {10, "\xF0\x8F\xBF\xBF", false},  // U+10000 / overlong
      {11, "\xF4\x8F\xBF\xBF", true},
      {12, "\xF4\x90\x80\x80", false},  // U+10FFFF / above it
      {13, "\xE6\xA5\xBC", true},
      {14, "\xE6\xA5", false},  // 楼 / truncated
  };
  for (const auto& c : cases) {
    auto text = ToUtf8(c.bytes, Encoding::kUtf8);
    EXPECT_EQ(text.has_value(), c.valid) << "case " << c.id;
  }
}

TEST(ToUtf8, InvalidUtf8NamesTheByteOffset) {
  auto text = ToUtf8("楼栋\xFF", Encoding::kUtf8);
  ASSERT_FALSE(text);
  ExpectBadEncoding(text.error(), "byte offset 6");
}

TEST(ToUtf8, TruncatedGb18030NamesTheByteOffset) {
  std::string gb = ToGb18030("楼栋");
  gb.pop_back();  // cut the second character in half
  auto text = ToUtf8(gb, Encoding::kGb18030);
  ASSERT_FALSE(text);
  ExpectBadEncoding(text.error(), "byte offset 2");
}

TEST(ToUtf8, LongGb18030TextGrowsTheOutput) {
  std::string utf8;
  for (int i = 0; i < 5000; ++i) utf8 += "楼栋单元𠀀";
  EXPECT_EQ(*ToUtf8(ToGb18030(utf8), Encoding::kGb18030), utf8);
}

// The validator reads ASCII eight bytes at a time: an invalid or multi-byte sequence at every
// offset from a word's start, after runs of ASCII of every length, is judged as alone.
TEST(ToUtf8, EverySequenceIsJudgedWhereverItFallsInAnAsciiRun) {
  for (std::size_t lead = 0; lead < 20; ++lead) {
    for (std::size_t trail = 0; trail < 10; ++trail) {
      const std::string ascii(lead, 'a'), after(trail, '9');
      EXPECT_TRUE(ToUtf8(ascii + "\xE6\xA5\xBC" + after, Encoding::kUtf8)) << lead << "," << trail;
      EXPECT_TRUE(ToUtf8(ascii + "\xF0\x90\x80\x80" + after, Encoding::kUtf8)) << lead << "," << trail;
      for (const std::string bad : {"\x80", "\xFF", "\xE6\xA5", "\xED\xA0\x80", "\xC1\xBF"}) {
        auto text = ToUtf8(ascii + bad + after, Encoding::kUtf8);
        ASSERT_FALSE(text) << lead << "," << trail;
        ExpectBadEncoding(text.error(), "byte offset " + std::to_string(lead));
      }
    }
  }
}

// AsUtf8 answers what DetectEncoding then ToUtf8 answer; UTF-8 comes back as a view into the input.
TEST(AsUtf8, AnswersAsDetectThenConvertAndBorrowsUtf8) {
  const std::string gb = ToGb18030("楼栋,单元\r\n1,2\r\n");
  const std::string inputs[] = {"",
                                "楼栋,单元\n1,2\n",
                                "\xEF\xBB\xBF楼栋,单元\n",
                                gb,
                                "\xEF\xBB\xBF\xFF",
                                "\xFF\xFE\x41\x00",
                                "\xC1\xBF\xFF\xFF"};
  for (const auto& in : inputs) {
    std::string converted;
    auto text = AsUtf8(in, converted);
    auto encoding = DetectEncoding(in);
    auto expected = encoding ? ToUtf8(in, *encoding) : Result<std::string>(encoding.error());
    ASSERT_EQ(text.has_value(), expected.has_value()) << in;
    if (!text) {
      EXPECT_EQ(text.error().reason, expected.error().reason);
      EXPECT_EQ(text.error().detail.en, expected.error().detail.en);
      continue;
    }
    EXPECT_EQ(*text, *expected);
    if (in != gb && !in.empty()) {
      EXPECT_GE(text->data(), in.data()) << "valid UTF-8 is borrowed, not copied";
      EXPECT_LE(text->data() + text->size(), in.data() + in.size());
    }
  }
}

}  // namespace
}  // namespace huanxin::tabular
