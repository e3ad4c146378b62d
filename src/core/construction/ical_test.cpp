// The iCalendar writer (RFC 5545): TEXT escaping, folding at 75 octets without splitting UTF-8,
// CRLF endings, all-day events with an exclusive end.
#include "core/construction/ical.hpp"

#include <gtest/gtest.h>

#include "common/text.hpp"

namespace huanxin::core::construction {
namespace {

TEST(EscapeIcalText, BackslashSemicolonCommaAndLineBreaks) {
  EXPECT_EQ(EscapeIcalText("a\\b;c,d"), "a\\\\b\\;c\\,d");
  EXPECT_EQ(EscapeIcalText("一\n二\r\n三\r四"), "一\\n二\\n三\\n四");
  EXPECT_EQ(EscapeIcalText("停水：3号楼"), "停水：3号楼");
}

TEST(FoldIcalLine, SeventyFiveOctetsIsOneLineSeventySixIsFolded) {
  const std::string exact(75, 'a');
  EXPECT_EQ(FoldIcalLine(exact), exact + "\r\n");
  const std::string more(76, 'a');
  EXPECT_EQ(FoldIcalLine(more), std::string(75, 'a') + "\r\n a\r\n");
  // Continuation lines hold 74 octets after their space.
  const std::string long_line(75 + 74 + 1, 'b');
  EXPECT_EQ(FoldIcalLine(long_line), std::string(75, 'b') + "\r\n " + std::string(74, 'b') + "\r\n b\r\n");
}

TEST(FoldIcalLine, NeverSplitsAUtf8Sequence) {
  // "SUMMARY:" (8 octets) + 30 × "停" (3 octets each) = 98 octets: the first line takes 8 + 22 × 3 = 74
  // octets (a 23rd character would make 77), the rest goes on the next.
  std::string line = "SUMMARY:";
  for (int i = 0; i < 30; ++i) line += "停";
  auto folded = FoldIcalLine(line);
  std::size_t start = 0;
  for (auto pos = folded.find("\r\n"); pos != std::string::npos; pos = folded.find("\r\n", start)) {
    auto physical = folded.substr(start, pos - start);
    EXPECT_LE(physical.size(), 75u) << physical;
    EXPECT_TRUE(Utf8Length(physical).has_value()) << "split UTF-8: " << physical;
    start = pos + 2;
  }
  EXPECT_EQ(folded.substr(0, 74), line.substr(0, 74));
  EXPECT_EQ(folded.substr(74, 3), "\r\n ");
  // Unfolding (RFC 5545 §3.1: remove CRLF + one space) gives the line back.
  std::string unfolded;
  for (std::size_t i = 0; i < folded.size(); ++i) {
    if (folded.compare(i, 3, "\r\n ") == 0) {
      i += 2;
      continue;
    }
    unfolded += folded[i];
  }
  EXPECT_EQ(unfolded, line + "\r\n");
}

TEST(IcalDate, ExclusiveEndCrossesMonthsAndYears) {
  EXPECT_EQ(IcalDate("2026-04-01"), "20260401");
  EXPECT_EQ(IcalDate("2026-04-30", 1), "20260501");
  EXPECT_EQ(IcalDate("2026-12-31", 1), "20270101");
  EXPECT_EQ(IcalDate("2028-02-28", 1), "20280229");
  EXPECT_EQ(IcalDate("2026-02-30"), "");
  EXPECT_EQ(IcalUtc("2026-04-01T08:30:05Z"), "20260401T083005Z");
  EXPECT_EQ(IcalUtc("2026-04-01T08:30:05.123Z"), "20260401T083005Z");
  EXPECT_EQ(IcalUtc("yesterday"), "");
}

TEST(WriteIcal, ACalendarWithOneAllDayEvent) {
  IcalCalendar cal;
  cal.prodid = "-//Huanxin//Works notices//ZH";
  cal.name = "洪都新村, 施工公告";
  cal.dtstamp = "20260401T000000Z";
  cal.events.push_back({"p1-s2-e3@huanxin", 7, "2026-04-10", "2026-04-12", "停水：供水切改通水", "3号楼;4号楼", "洪都新村"});
  auto text = WriteIcal(cal);
  EXPECT_EQ(text.substr(0, 17), "BEGIN:VCALENDAR\r\n");
  EXPECT_NE(text.find("\r\nVERSION:2.0\r\n"), std::string::npos);
  EXPECT_NE(text.find("\r\nMETHOD:PUBLISH\r\n"), std::string::npos);
  EXPECT_NE(text.find("\r\nX-WR-CALNAME:洪都新村\\, 施工公告\r\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\r\nUID:p1-s2-e3@huanxin\r\n"), std::string::npos);
  EXPECT_NE(text.find("\r\nSEQUENCE:7\r\n"), std::string::npos);
  EXPECT_NE(text.find("\r\nDTSTART;VALUE=DATE:20260410\r\n"), std::string::npos);
  EXPECT_NE(text.find("\r\nDTEND;VALUE=DATE:20260413\r\n"), std::string::npos);
  EXPECT_NE(text.find("\r\nDESCRIPTION:3号楼\\;4号楼\r\n"), std::string::npos);
  EXPECT_EQ(text.substr(text.size() - 15), "END:VCALENDAR\r\n");
  // No bare LF anywhere.
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') {
      EXPECT_EQ(text[i - 1], '\r') << i;
    }
}

}  // namespace
}  // namespace huanxin::core::construction
