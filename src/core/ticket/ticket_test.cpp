// Ticket rules (issue #14 "Done when": the ticket state machine with every illegal transition
// refused; response-time targets over weekends, holidays and adjusted working days; figures).
#include <gtest/gtest.h>

#include <set>

#include "common/clock.hpp"
#include "core/ticket/ticket.hpp"

namespace huanxin::core::ticket {
namespace {

using calendar::Date;

Date D(std::string_view s) { return *calendar::ParseDate(s); }

// The part of the official 2026 calendar these tests reach (REFERENCE.md §9, migration 0009):
// National Day 10-01–10-07 off, Sunday 09-20 and Saturday 10-10 worked, Mid-Autumn 09-25–09-27.
calendar::WorkCalendar Calendar2026() {
  calendar::YearData y{2026, {}, {D("2026-09-20"), D("2026-10-10")}};
  for (auto d : {"2026-09-25", "2026-09-26", "2026-09-27", "2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04",
                 "2026-10-05", "2026-10-06", "2026-10-07"})
    y.holidays.push_back(D(d));
  calendar::WorkCalendar c;
  EXPECT_TRUE(c.Add(y));
  return c;
}

// A Beijing wall-clock time as a UTC instant.
TimePoint Bj(std::string_view ymd_hm) { return *ParseIso(std::string(ymd_hm) + ":00+08:00"); }
std::string Due(const calendar::WorkCalendar& c, std::string_view received, int amount, TargetUnit unit) {
  auto due = DueAt(c, Bj(received), {amount, unit}, OfficeHours{});
  if (!due) return due.error().reason;
  return FormatShanghai(*due, 16);
}

TEST(TicketStateMachine, OnlyTheListedMovesAreLegalAndEveryOtherIsRefused) {
  const std::set<std::pair<Status, Status>> legal = {
      {Status::kSubmitted, Status::kAccepted}, {Status::kSubmitted, Status::kRejected},
      {Status::kAccepted, Status::kInProgress}, {Status::kAccepted, Status::kRejected},
      {Status::kInProgress, Status::kResolved}, {Status::kResolved, Status::kClosed}};
  int refused = 0;
  for (auto from : kStatuses)
    for (auto to : kStatuses) {
      auto r = CheckTransition(from, to, "原因");
      if (legal.contains({from, to})) {
        EXPECT_TRUE(r) << StatusCode(from) << "→" << StatusCode(to);
      } else {
        ASSERT_FALSE(r) << StatusCode(from) << "→" << StatusCode(to);
        EXPECT_EQ(r.error().reason, "ticket.illegal_transition");
        EXPECT_EQ(r.error().code, ErrorCode::kConflict);
        ++refused;
      }
    }
  EXPECT_EQ(refused, 36 - 6);
}

TEST(TicketStateMachine, RejectingNeedsAReason) {
  auto r = CheckTransition(Status::kSubmitted, Status::kRejected, "  \n");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().reason, "ticket.reason_required");
  EXPECT_TRUE(CheckTransition(Status::kAccepted, Status::kRejected, "不属于改造范围"));
}

TEST(TicketStateMachine, ReopenOnceFromResolvedOrClosedOnly) {
  EXPECT_TRUE(CheckReopen(Status::kResolved, 0, false));
  EXPECT_TRUE(CheckReopen(Status::kClosed, 0, false));
  EXPECT_EQ(CheckReopen(Status::kClosed, 1, false).error().reason, "ticket.reopened_already");
  EXPECT_EQ(CheckReopen(Status::kClosed, 0, true).error().reason, "ticket.not_reopenable");  // a merged duplicate
  for (auto s : {Status::kSubmitted, Status::kAccepted, Status::kInProgress, Status::kRejected})
    EXPECT_EQ(CheckReopen(s, 0, false).error().reason, "ticket.not_reopenable") << StatusCode(s);
}

TEST(TicketStateMachine, RatingIsOneToFiveOfAResolvedTicket) {
  EXPECT_TRUE(CheckRating(Status::kResolved, 1));
  EXPECT_TRUE(CheckRating(Status::kResolved, 5));
  EXPECT_EQ(CheckRating(Status::kResolved, 0).error().reason, "ticket.invalid_rating");
  EXPECT_EQ(CheckRating(Status::kResolved, 6).error().reason, "ticket.invalid_rating");
  for (auto s : {Status::kSubmitted, Status::kAccepted, Status::kInProgress, Status::kClosed, Status::kRejected})
    EXPECT_EQ(CheckRating(s, 4).error().reason, "ticket.not_resolved") << StatusCode(s);
}

TEST(TicketStateMachine, MergeKeepsAnOpenOrSolvedTicketAndClosesAnUnsettledDuplicate) {
  EXPECT_TRUE(CheckMerge(2, Status::kSubmitted, 1, Status::kInProgress, false));
  EXPECT_TRUE(CheckMerge(2, Status::kAccepted, 1, Status::kResolved, false));
  EXPECT_FALSE(CheckMerge(1, Status::kSubmitted, 1, Status::kSubmitted, false));
  EXPECT_FALSE(CheckMerge(2, Status::kResolved, 1, Status::kSubmitted, false));
  EXPECT_FALSE(CheckMerge(2, Status::kSubmitted, 1, Status::kRejected, false));
  EXPECT_FALSE(CheckMerge(2, Status::kSubmitted, 1, Status::kSubmitted, true));
}

TEST(TicketStatus, Open311KnowsOpenAndClosed) {
  EXPECT_EQ(Open311Status(Status::kSubmitted), "open");
  EXPECT_EQ(Open311Status(Status::kAccepted), "open");
  EXPECT_EQ(Open311Status(Status::kInProgress), "open");
  EXPECT_EQ(Open311Status(Status::kResolved), "closed");
  EXPECT_EQ(Open311Status(Status::kClosed), "closed");
  EXPECT_EQ(Open311Status(Status::kRejected), "closed");
  for (auto s : kStatuses) EXPECT_EQ(ParseStatus(StatusCode(s)), s);
  EXPECT_FALSE(ParseStatus("open"));
}

TEST(TicketDue, WorkingDaysSkipTheHolidayAndCountTheAdjustedSaturday) {
  const auto c = Calendar2026();
  // Tuesday 09-29: day 1 is Wednesday 09-30, then National Day; day 2 is Thursday 10-08.
  EXPECT_EQ(Due(c, "2026-09-29T10:00", 1, TargetUnit::kWorkingDays), "2026-09-30 17:00");
  EXPECT_EQ(Due(c, "2026-09-29T10:00", 2, TargetUnit::kWorkingDays), "2026-10-08 17:00");
  // Friday 10-09 evening: the next working day is the adjusted Saturday 10-10.
  EXPECT_EQ(Due(c, "2026-10-09T20:00", 1, TargetUnit::kWorkingDays), "2026-10-10 17:00");
  // Received on Saturday 09-19 (a weekend day): Sunday 09-20 is worked and is day 1.
  EXPECT_EQ(Due(c, "2026-09-19T11:00", 1, TargetUnit::kWorkingDays), "2026-09-20 17:00");
  // A window reaching 2027, which is not loaded: refused, never guessed.
  EXPECT_EQ(Due(c, "2026-12-30T10:00", 5, TargetUnit::kWorkingDays), "calendar.year_not_loaded");
}

TEST(TicketDue, WorkingHoursCountOfficeTimeOnWorkingDays) {
  const auto c = Calendar2026();
  // One hour left on Wednesday 09-30, then three more after the holiday.
  EXPECT_EQ(Due(c, "2026-09-30T16:00", 4, TargetUnit::kWorkingHours), "2026-10-08 12:00");
  // Before opening: counting starts at 09:00; eight hours end exactly at closing, nine go on.
  EXPECT_EQ(Due(c, "2026-09-30T08:00", 8, TargetUnit::kWorkingHours), "2026-09-30 17:00");
  EXPECT_EQ(Due(c, "2026-09-30T08:00", 9, TargetUnit::kWorkingHours), "2026-10-08 10:00");
  // At closing time exactly nothing is left of that day.
  EXPECT_EQ(Due(c, "2026-09-30T17:00", 1, TargetUnit::kWorkingHours), "2026-10-08 10:00");
  // One minute before closing.
  auto due = DueAt(c, Bj("2026-09-30T16:59"), {1, TargetUnit::kWorkingHours}, OfficeHours{});
  ASSERT_TRUE(due);
  EXPECT_EQ(FormatIsoUtc(*due), "2026-10-08T01:59:00.000Z");
  // Friday evening into the adjusted Saturday.
  EXPECT_EQ(Due(c, "2026-10-09T18:30", 2, TargetUnit::kWorkingHours), "2026-10-10 11:00");
}

TEST(TicketDue, TargetsAndOfficeHoursAreChecked) {
  EXPECT_TRUE(CheckTarget({1, TargetUnit::kWorkingHours}));
  EXPECT_TRUE(CheckTarget({kMaxTargetHours, TargetUnit::kWorkingHours}));
  EXPECT_FALSE(CheckTarget({kMaxTargetHours + 1, TargetUnit::kWorkingHours}));
  EXPECT_TRUE(CheckTarget({kMaxTargetDays, TargetUnit::kWorkingDays}));
  EXPECT_FALSE(CheckTarget({kMaxTargetDays + 1, TargetUnit::kWorkingDays}));
  EXPECT_FALSE(CheckTarget({0, TargetUnit::kWorkingDays}));
  auto o = ParseOfficeHours("08:30-17:30");
  ASSERT_TRUE(o);
  EXPECT_EQ(o->start_minute, 510);
  EXPECT_EQ(o->end_minute, 1050);
  EXPECT_FALSE(ParseOfficeHours("17:00-09:00"));
  EXPECT_FALSE(ParseOfficeHours("9:00-17:00"));
  EXPECT_FALSE(ParseOfficeHours("09:00-25:00"));
}

TEST(TicketDue, OverdueOnlyWhenUnsettledAndPastDue) {
  const auto due = Bj("2026-10-08T17:00");
  EXPECT_FALSE(IsOverdue(Status::kAccepted, due, due));
  EXPECT_TRUE(IsOverdue(Status::kAccepted, due, due + std::chrono::seconds(1)));
  EXPECT_FALSE(IsOverdue(Status::kResolved, due, due + std::chrono::hours(1)));
  EXPECT_FALSE(IsOverdue(Status::kRejected, due, due + std::chrono::hours(1)));
}

TEST(TicketFigures, ReceivedSolvedMedianAndSatisfaction) {
  std::vector<FigureRow> rows = {
      {Status::kClosed, false, 10.0, 5},  {Status::kResolved, false, 2.0, std::nullopt},
      {Status::kClosed, false, 30.0, 3},  {Status::kInProgress, false, std::nullopt, std::nullopt},
      {Status::kRejected, false, std::nullopt, std::nullopt},
      {Status::kClosed, true, 1.0, std::nullopt},  // a merged duplicate: not counted
  };
  auto f = ComputeFigures(rows);
  EXPECT_EQ(f.received, 5);
  EXPECT_EQ(f.solved, 3);
  EXPECT_EQ(f.solved_rate, 6000);
  ASSERT_TRUE(f.median_hours);
  EXPECT_DOUBLE_EQ(*f.median_hours, 10.0);
  EXPECT_EQ(f.rated, 2);
  EXPECT_EQ(f.satisfaction, 5000);
  EXPECT_EQ(f.average_rating, 400);
  // 延平: 800 collected, 227 solved → 28.38 %.
  std::vector<FigureRow> yanping(800, FigureRow{Status::kAccepted, false, std::nullopt, std::nullopt});
  for (int i = 0; i < 227; ++i) yanping[i] = {Status::kClosed, false, 4.0, std::nullopt};
  EXPECT_EQ(ComputeFigures(yanping).solved_rate, 2838);
  EXPECT_EQ(ComputeFigures({}).received, 0);
  EXPECT_FALSE(ComputeFigures({}).median_hours);
}

}  // namespace
}  // namespace huanxin::core::ticket
