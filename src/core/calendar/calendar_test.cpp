// The working-day calendar's rules (REFERENCE.md §9) on the official 2025 and 2026 calendars.
#include <gtest/gtest.h>

#include "core/calendar/work_calendar.hpp"

namespace huanxin::core::calendar {
namespace {

Date D(std::string_view s) {
  auto d = ParseDate(s);
  EXPECT_TRUE(d) << s;
  return d ? *d : Date{};
}

std::vector<Date> Range(std::string_view first, std::string_view last) {
  std::vector<Date> out;
  for (auto d = std::chrono::sys_days{D(first)}; d <= std::chrono::sys_days{D(last)}; d += std::chrono::days{1})
    out.emplace_back(d);
  return out;
}

std::vector<Date> Join(std::initializer_list<std::vector<Date>> parts) {
  std::vector<Date> out;
  for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

// REFERENCE.md §9, as migration 0009 seeds them.
YearData Official2025() {
  return {2025,
          Join({Range("2025-01-01", "2025-01-01"), Range("2025-01-28", "2025-02-04"), Range("2025-04-04", "2025-04-06"),
                Range("2025-05-01", "2025-05-05"), Range("2025-05-31", "2025-06-02"), Range("2025-10-01", "2025-10-08")}),
          {D("2025-01-26"), D("2025-02-08"), D("2025-04-27"), D("2025-09-28"), D("2025-10-11")}};
}
YearData Official2026() {
  return {2026,
          Join({Range("2026-01-01", "2026-01-03"), Range("2026-02-15", "2026-02-23"), Range("2026-04-04", "2026-04-06"),
                Range("2026-05-01", "2026-05-05"), Range("2026-06-19", "2026-06-21"), Range("2026-09-25", "2026-09-27"),
                Range("2026-10-01", "2026-10-07")}),
          {D("2026-01-04"), D("2026-02-14"), D("2026-02-28"), D("2026-05-09"), D("2026-09-20"), D("2026-10-10")}};
}

WorkCalendar Official() {
  WorkCalendar c;
  EXPECT_TRUE(c.Add(Official2025()));
  EXPECT_TRUE(c.Add(Official2026()));
  return c;
}

std::string End(const WorkCalendar& c, std::string_view from, int count) {
  auto r = c.WindowEnd(D(from), count);
  return r ? FormatDate(*r) : "error " + r.error().reason + " " + r.error().detail.en;
}

bool Working(const WorkCalendar& c, std::string_view day) {
  auto r = c.IsWorkingDay(D(day));
  EXPECT_TRUE(r) << day;
  return r && *r;
}

TEST(CalendarWindowEnd, WorkedExample2025SevenDaysFromSep26EndOct11) {
  // §9: Sep 26, Sep 28 (Sun, worked), 29, 30, Oct 9, 10, 11 (Sat, worked).
  EXPECT_EQ(End(Official(), "2025-09-26", 7), "2025-10-11");
}

TEST(CalendarWindowEnd, WorkedExample2026SevenDaysFromSep24EndOct10) {
  // §9: Sep 24, 28, 29, 30, Oct 8, 9, 10 (Sat, worked).
  EXPECT_EQ(End(Official(), "2026-09-24", 7), "2026-10-10");
}

TEST(CalendarWindowEnd, EachDayOfTheWorkedExample) {
  const auto c = Official();
  const char* want[] = {"2025-09-26", "2025-09-28", "2025-09-29", "2025-09-30", "2025-10-09", "2025-10-10", "2025-10-11"};
  for (int n = 1; n <= 7; ++n) EXPECT_EQ(End(c, "2025-09-26", n), want[n - 1]) << n;
}

TEST(CalendarWindowEnd, StartOnAHolidayRollsToTheNextWorkingDay) {
  const auto c = Official();
  EXPECT_EQ(End(c, "2026-10-01", 1), "2026-10-08");  // National Day holiday: day 1 is Oct 8
  EXPECT_EQ(End(c, "2026-10-01", 3), "2026-10-10");  // Oct 8, 9, 10 (Sat, worked)
  EXPECT_EQ(End(c, "2026-02-15", 1), "2026-02-24");  // Spring Festival: Feb 15–23 off
  // A plain Saturday rolls to Monday; a working day starts the count itself.
  EXPECT_EQ(End(c, "2026-03-07", 1), "2026-03-09");
  EXPECT_EQ(End(c, "2026-03-09", 1), "2026-03-09");
}

TEST(CalendarWindowEnd, CountOneToThreeHundredSixtySix) {
  const auto c = Official();
  for (int bad : {0, -1, kMaxWindow + 1}) {
    auto r = c.WindowEnd(D("2025-01-02"), bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().reason, "calendar.invalid_count");
    EXPECT_EQ(r.error().code, ErrorCode::kUnprocessable);
  }
  EXPECT_TRUE(c.WindowEnd(D("2025-01-02"), kMaxWindow));  // ends in 2026: both loaded
  EXPECT_TRUE(c.WindowEnd(D("2025-01-02"), 1));
}

TEST(CalendarWindowEnd, AWindowCrossingIntoAnUnloadedYearIsRefusedNamingTheYear) {
  const auto c = Official();
  EXPECT_EQ(End(c, "2026-12-31", 1), "2026-12-31");
  auto r = c.WindowEnd(D("2026-12-30"), 3);  // Dec 30, 31, then 2027
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().reason, "calendar.year_not_loaded");
  EXPECT_EQ(r.error().detail.en, "2027");
  EXPECT_NE(r.error().message.zh.find("2027"), std::string::npos);
  EXPECT_EQ(c.WindowEnd(D("2024-12-31"), 1).error().detail.en, "2024");
}

TEST(CalendarIsWorkingDay, ListedWeekendDaysWork) {
  const auto c = Official();
  EXPECT_TRUE(Working(c, "2026-02-14"));  // Sat, worked before the Spring Festival
  EXPECT_TRUE(Working(c, "2026-09-20"));  // Sun, worked
  EXPECT_TRUE(Working(c, "2025-10-11"));  // Sat
}

TEST(CalendarIsWorkingDay, HolidaysAndPlainWeekendsDoNot) {
  const auto c = Official();
  EXPECT_FALSE(Working(c, "2026-02-16"));  // Mon, Spring Festival
  EXPECT_FALSE(Working(c, "2026-10-07"));  // Wed, National Day
  EXPECT_FALSE(Working(c, "2026-03-07"));  // a plain Saturday
  EXPECT_FALSE(Working(c, "2026-03-08"));  // a plain Sunday
  EXPECT_TRUE(Working(c, "2026-03-09"));   // a plain Monday
  EXPECT_TRUE(Working(c, "2026-02-24"));   // the Tuesday after the holiday
}

TEST(CalendarIsWorkingDay, AnUnloadedYearIsAnErrorNotAGuess) {
  const auto c = Official();
  auto r = c.IsWorkingDay(D("2027-03-01"));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().reason, "calendar.year_not_loaded");
  EXPECT_EQ(WorkCalendar().IsWorkingDay(D("2026-03-09")).error().reason, "calendar.year_not_loaded");
}

TEST(CalendarValidateYear, TheOfficialYearsAreValid) {
  EXPECT_TRUE(ValidateYear(Official2025()));
  EXPECT_TRUE(ValidateYear(Official2026()));
  EXPECT_TRUE(ValidateYear({2027, {}, {}}));  // a year without holidays is data, not an error
}

// Numbered cases: each breaks one rule of a valid year and must be refused naming the date.
TEST(CalendarValidateYear, RefusesEachBrokenRuleNamingTheDate) {
  struct Case {
    int id;
    YearData data;
    std::string in_detail;
  };
  const Case cases[] = {
      {1, {2026, {D("2025-12-31")}, {}}, "2025-12-31 is not in 2026"},
      {2, {2026, {D("2027-01-01")}, {}}, "2027-01-01 is not in 2026"},
      {3, {2026, {}, {D("2027-01-02")}}, "2027-01-02 is not in 2026"},                // a Saturday, wrong year
      {4, {2026, {}, {D("2026-02-16")}}, "2026-02-16 is not a Saturday or Sunday"},  // Monday
      {5, {2026, {}, {D("2026-02-13")}}, "2026-02-13 is not a Saturday or Sunday"},  // Friday before a worked Saturday
      {6, {2026, {D("2026-02-14")}, {D("2026-02-14")}}, "2026-02-14 is both a holiday and a working day"},
      {7, {2026, {D("2026-10-01"), D("2026-10-01")}, {}}, "2026-10-01 is listed twice"},
      {8, {2026, {}, {D("2026-10-10"), D("2026-10-10")}}, "2026-10-10 is listed twice"},
      {9, {226, {}, {}}, "year 226 is outside"},
  };
  for (const auto& c : cases) {
    auto r = ValidateYear(c.data);
    ASSERT_FALSE(r) << c.id;
    EXPECT_EQ(r.error().reason, "calendar.invalid") << c.id;
    EXPECT_EQ(r.error().code, ErrorCode::kUnprocessable) << c.id;
    EXPECT_NE(r.error().detail.en.find(c.in_detail), std::string::npos) << c.id << ": " << r.error().detail.en;
    EXPECT_FALSE(r.error().detail.zh.empty()) << c.id;
  }
  // The boundaries of the year itself are inside it; Saturday and Sunday both may be worked.
  EXPECT_TRUE(ValidateYear({2026, {D("2026-01-01"), D("2026-12-31")}, {D("2026-01-03"), D("2026-01-04")}}));
}

TEST(CalendarValidateYear, EveryProblemIsReportedAndAFailedAddChangesNothing) {
  WorkCalendar c;
  auto r = c.Add({2026, {D("2025-12-31")}, {D("2026-02-16")}});
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().detail.en.find("2025-12-31"), std::string::npos);
  EXPECT_NE(r.error().detail.en.find("2026-02-16"), std::string::npos);
  EXPECT_FALSE(c.HasYear(2026));
}

TEST(CalendarDate, ParsesOnlyExactIsoDates) {
  EXPECT_EQ(FormatDate(D("2026-02-28")), "2026-02-28");
  EXPECT_TRUE(ParseDate("2024-02-29"));
  for (const char* bad : {"2026-02-29", "2026-13-01", "2026-00-10", "2026-1-01", "2026/01/01", "2026-01-01T00:00:00Z", " 2026-01-01",
                          "", "20260101", "2026-01-0a", "abcd-ef-gh"})
    EXPECT_FALSE(ParseDate(bad)) << bad;
  auto r = RequireDate("2026-02-30");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().reason, "calendar.invalid_date");
  EXPECT_EQ(r.error().detail.en, "2026-02-30");
}

}  // namespace
}  // namespace huanxin::core::calendar

namespace huanxin::core::calendar {
namespace {
// A project working every day stops only on listed holidays (issue #13): a weekday holiday and a
// weekend holiday are holidays; an ordinary Sunday and a worked Saturday are not.
TEST(CalendarHoliday, ListedDaysOnly) {
  const auto c = Official();
  auto h = [&](std::string_view d) { return *c.IsHoliday(*ParseDate(d)); };
  EXPECT_TRUE(h("2026-10-01"));   // Thursday, National Day
  EXPECT_TRUE(h("2026-02-15"));   // Sunday, Spring Festival
  EXPECT_FALSE(h("2026-03-01"));  // an ordinary Sunday
  EXPECT_FALSE(h("2026-10-10"));  // a worked Saturday
  EXPECT_FALSE(h("2026-09-30"));  // the day before the holiday
  auto missing = c.IsHoliday(*ParseDate("2031-01-01"));
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().reason, "calendar.year_not_loaded");
}
}  // namespace
}  // namespace huanxin::core::calendar
