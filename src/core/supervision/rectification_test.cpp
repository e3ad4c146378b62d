// Rectification deadlines, escalation levels and scores (issue #14; REFERENCE.md §9) on the
// official 2026 calendar as migration 0009 seeds it: Jan 1–3, Feb 15–23, Apr 4–6, May 1–5,
// Jun 19–21, Sep 25–27, Oct 1–7 off; Jan 4, Feb 14, Feb 28, May 9, Sep 20, Oct 10 worked.
#include <gtest/gtest.h>

#include "core/supervision/rectification.hpp"

namespace huanxin::core::supervision {
namespace {

using calendar::ParseDate;
using calendar::WorkCalendar;
using calendar::YearData;

Date D(std::string_view s) { return ParseDate(s).value_or(Date{}); }

// The days from `first` to `last`, both included.
void AddDays(std::vector<Date>& out, std::string_view first, std::string_view last) {
  const auto end = std::chrono::sys_days{D(last)};
  for (std::chrono::sys_days d{D(first)}; d <= end; d += std::chrono::days{1}) out.emplace_back(d);
}

WorkCalendar Official2026() {
  YearData y{2026, {}, {D("2026-01-04"), D("2026-02-14"), D("2026-02-28"), D("2026-05-09"), D("2026-09-20"), D("2026-10-10")}};
  for (auto [a, b] : {std::pair{"2026-01-01", "2026-01-03"}, {"2026-02-15", "2026-02-23"}, {"2026-04-04", "2026-04-06"},
                      {"2026-05-01", "2026-05-05"}, {"2026-06-19", "2026-06-21"}, {"2026-09-25", "2026-09-27"},
                      {"2026-10-01", "2026-10-07"}})
    AddDays(y.holidays, a, b);
  WorkCalendar c;
  EXPECT_TRUE(c.Add(y));
  return c;
}

std::string Due(std::string_view issued, int days) {
  auto r = DueOn(Official2026(), D(issued), days);
  EXPECT_TRUE(r) << (r ? "" : r.error().reason);
  return r ? calendar::FormatDate(*r) : "";
}

int LevelOf(std::string_view due, std::string_view today, int bureau_days = 3) {
  auto r = LevelOn(Official2026(), D(due), D(today), bureau_days);
  EXPECT_TRUE(r) << (r ? "" : r.error().reason);
  return r ? static_cast<int>(*r) : -1;
}

TEST(RectificationDueOn, CountsFromTheDayAfterTheIssueDate) {
  EXPECT_EQ(Due("2026-03-09", 1), "2026-03-10");  // Mon → Tue: the issue date is never day 1
  EXPECT_EQ(Due("2026-03-09", 5), "2026-03-16");  // Tue–Fri, then Mon
}

TEST(RectificationDueOn, SkipsTheWeekend) {
  EXPECT_EQ(Due("2026-03-06", 1), "2026-03-09");  // issued Fri → Mon
  EXPECT_EQ(Due("2026-03-07", 1), "2026-03-09");  // issued on a Saturday → Mon
  EXPECT_EQ(Due("2026-03-05", 2), "2026-03-09");  // Fri, Mon
}

TEST(RectificationDueOn, SkipsHolidays) {
  EXPECT_EQ(Due("2026-09-30", 1), "2026-10-08");  // National Day: Oct 1–7 off
  EXPECT_EQ(Due("2026-09-24", 1), "2026-09-28");  // Sep 25–27 off (Mid-Autumn), Mon 28
  EXPECT_EQ(Due("2026-02-13", 1), "2026-02-14");  // Sat 14 worked before the Spring Festival
  EXPECT_EQ(Due("2026-02-13", 2), "2026-02-24");  // then Feb 15–23 off
}

TEST(RectificationDueOn, CountsAdjustedWorkingDays) {
  EXPECT_EQ(Due("2026-10-08", 2), "2026-10-10");  // Oct 9 (Fri), Oct 10 (Sat, worked)
  EXPECT_EQ(Due("2026-09-18", 1), "2026-09-20");  // Sat 19 off, Sun 20 worked
  EXPECT_EQ(Due("2026-05-08", 1), "2026-05-09");  // Sat 9 worked after May Day
}

TEST(RectificationDueOn, RefusesCountsOutsideOneToSixty) {
  auto cal = Official2026();
  EXPECT_EQ(DueOn(cal, D("2026-03-09"), 0).error().reason, "supervision.invalid_days");
  EXPECT_EQ(DueOn(cal, D("2026-03-09"), -1).error().reason, "supervision.invalid_days");
  EXPECT_TRUE(DueOn(cal, D("2026-03-09"), kMaxDueWorkingDays));
  EXPECT_EQ(DueOn(cal, D("2026-03-09"), kMaxDueWorkingDays + 1).error().reason, "supervision.invalid_days");
}

TEST(RectificationDueOn, NeverGuessesAnUnloadedYear) {
  auto r = DueOn(Official2026(), D("2026-12-30"), 3);  // Dec 31, then 2027
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().reason, "calendar.year_not_loaded");
}

TEST(RectificationEscalation, StreetFromTheFirstWorkingDayAfterTheDeadline) {
  // Due Tue 2026-03-10: still in time that day; level 1 from Wed 11.
  EXPECT_EQ(LevelOf("2026-03-10", "2026-03-09"), 0);
  EXPECT_EQ(LevelOf("2026-03-10", "2026-03-10"), 0);
  EXPECT_EQ(LevelOf("2026-03-10", "2026-03-11"), 1);
}

TEST(RectificationEscalation, StreetWaitsOverAWeekendAndHolidays) {
  // Due Fri 2026-03-06: overdue Sat, but the street office escalates from Mon 9.
  EXPECT_EQ(LevelOf("2026-03-06", "2026-03-08"), 0);
  EXPECT_EQ(LevelOf("2026-03-06", "2026-03-09"), 1);
  // Due Wed 2026-09-30: level 1 from Thu 2026-10-08, after National Day.
  EXPECT_EQ(LevelOf("2026-09-30", "2026-10-07"), 0);
  EXPECT_EQ(LevelOf("2026-09-30", "2026-10-08"), 1);
}

TEST(RectificationEscalation, BureauAfterAFurtherNWorkingDays) {
  // Due Fri 2026-03-06; street from Mon 9; bureau after 3 more working days (Tue 10, Wed 11,
  // Thu 12): from Thu 12.
  EXPECT_EQ(LevelOf("2026-03-06", "2026-03-11"), 1);
  EXPECT_EQ(LevelOf("2026-03-06", "2026-03-12"), 2);
  EXPECT_EQ(LevelOf("2026-03-06", "2026-12-31"), 2);
  // With 1 further day: from Tue 10.
  EXPECT_EQ(LevelOf("2026-03-06", "2026-03-09", 1), 1);
  EXPECT_EQ(LevelOf("2026-03-06", "2026-03-10", 1), 2);
  // Over an adjusted working day: due Thu 2026-10-08; street Fri 9; bureau (3 further: Sat 10
  // worked, Mon 12, Tue 13) from Tue 13.
  EXPECT_EQ(LevelOf("2026-10-08", "2026-10-09"), 1);
  EXPECT_EQ(LevelOf("2026-10-08", "2026-10-12"), 1);
  EXPECT_EQ(LevelOf("2026-10-08", "2026-10-13"), 2);
}

TEST(RectificationEscalation, StartsNamesBothDaysAndRefusesABadSetting) {
  auto s = Starts(Official2026(), D("2026-02-13"), 3);
  ASSERT_TRUE(s);
  EXPECT_EQ(calendar::FormatDate(s->street), "2026-02-14");  // Sat, worked
  EXPECT_EQ(calendar::FormatDate(s->bureau), "2026-02-26");  // Feb 24, 25, 26
  EXPECT_EQ(Starts(Official2026(), D("2026-02-13"), 0).error().reason, "supervision.invalid_days");
  EXPECT_EQ(Starts(Official2026(), D("2026-02-13"), 31).error().reason, "supervision.invalid_days");
}

TEST(RectificationOverdue, TheDeadlineDayIsInTime) {
  EXPECT_FALSE(Overdue(D("2026-03-10"), D("2026-03-10"), false));
  EXPECT_TRUE(Overdue(D("2026-03-10"), D("2026-03-11"), false));
  EXPECT_FALSE(Overdue(D("2026-03-10"), D("2026-03-11"), true));
}

TEST(RectificationStatus, OnlyTheIssuesTransitions) {
  EXPECT_EQ(*Next(Status::kOpen, Action::kReply), Status::kReplied);
  EXPECT_EQ(*Next(Status::kReplied, Action::kPass), Status::kClosed);
  EXPECT_EQ(*Next(Status::kReplied, Action::kFail), Status::kOpen);
  for (auto [from, a] : {std::pair{Status::kOpen, Action::kPass}, {Status::kOpen, Action::kFail},
                         {Status::kReplied, Action::kReply}, {Status::kClosed, Action::kReply},
                         {Status::kClosed, Action::kPass}, {Status::kClosed, Action::kFail}}) {
    auto r = Next(from, a);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().reason, "supervision.bad_state");
    EXPECT_EQ(r.error().code, ErrorCode::kConflict);
  }
  EXPECT_EQ(ParseStatus("replied"), Status::kReplied);
  EXPECT_FALSE(ParseStatus("overdue"));
}

TEST(RectificationScore, DeductsWeightedEventsFromAHundred) {
  ScoreWeights w;  // 2, 5, 10
  EXPECT_EQ(Score(UnitRecord{}, w), 100);
  EXPECT_EQ(Score(UnitRecord{3, 1, 1, 2, 1}, w), 100 - 6 - 5 - 10);
  EXPECT_EQ(Score(UnitRecord{20, 10, 5, 0, 0}, w), 0);  // never below 0
  EXPECT_EQ(Score(UnitRecord{3, 1, 1, 2, 1}, ScoreWeights{0, 0, 0}), 100);
}

TEST(RectificationScore, OnTimeRateRoundsHalfUp) {
  EXPECT_FALSE(OnTimeRate(UnitRecord{}));
  EXPECT_EQ(*OnTimeRate(UnitRecord{3, 0, 0, 3, 2}), 6667);  // 66.666… %
  EXPECT_EQ(*OnTimeRate(UnitRecord{8, 0, 0, 8, 1}), 1250);
  EXPECT_EQ(*OnTimeRate(UnitRecord{1, 0, 0, 1, 1}), 10000);
}

}  // namespace
}  // namespace huanxin::core::supervision
