#include "common/text.hpp"

#include <gtest/gtest.h>

namespace huanxin {
namespace {

TEST(Utf8Length, CountsCodePointsAndRejectsInvalid) {
  EXPECT_EQ(Utf8Length("abc"), 3u);
  EXPECT_EQ(Utf8Length("洪都街道"), 4u);
  EXPECT_FALSE(Utf8Length("\xff"));
  EXPECT_FALSE(Utf8Length("\xe6\xb4"));  // truncated 3-byte sequence
}

TEST(UrlDecode, DecodesPercentAndPlus) {
  EXPECT_EQ(UrlDecode("a%20b+c"), "a b c");
  EXPECT_EQ(UrlDecode("%E6%B4%AA"), "洪");
  EXPECT_FALSE(UrlDecode("%4"));
  EXPECT_FALSE(UrlDecode("%zz"));
}

TEST(ParseUrlEncoded, PairsDecodedLastWinsBadPairsSkipped) {
  auto m = ParseUrlEncoded("api_key=ab%2Bc&attribute%5Bdefect_item%5D=roof&description=%E6%B4%AA+%E9%83%BD&&k=1&k=2&bad=%4&flag");
  EXPECT_EQ(m.at("api_key"), "ab+c");
  EXPECT_EQ(m.at("attribute[defect_item]"), "roof");
  EXPECT_EQ(m.at("description"), "洪 都");
  EXPECT_EQ(m.at("k"), "2");
  EXPECT_FALSE(m.contains("bad"));
  EXPECT_EQ(m.at("flag"), "");
  EXPECT_TRUE(ParseUrlEncoded("").empty());
}

TEST(ParseInt64, WholeStringOnly) {
  EXPECT_EQ(ParseInt64("42"), 42);
  EXPECT_EQ(ParseInt64("-7"), -7);
  EXPECT_FALSE(ParseInt64("42x"));
  EXPECT_FALSE(ParseInt64(""));
  EXPECT_FALSE(ParseInt64("99999999999999999999"));
}

TEST(Split, KeepsEmptyFields) {
  auto parts = Split("a,,b", ',');
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts[1], "");
  EXPECT_EQ(Trim("  x \n"), "x");
}

}  // namespace
}  // namespace huanxin
