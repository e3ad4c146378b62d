// Contract suite of store/calendar/calendar_repository on SQLite and PostgreSQL: the years
// migration 0009 seeds (REFERENCE.md §9), replacing a year, the version row.
#include <gtest/gtest.h>

#include "contract/contract_fixture.hpp"
#include "store/calendar/calendar_repository.hpp"

namespace huanxin::store::contract {
namespace {

using CalendarContract = ContractTest;

TEST_P(CalendarContract, MigrationSeedsTheOfficial2025And2026Calendars) {
  auto y26 = Get([&](Session& s) { return CalendarRepository::Year(s, 2026); });
  ASSERT_TRUE(y26);
  EXPECT_EQ(y26->year, 2026);
  EXPECT_EQ(y26->source, "国务院办公厅关于2026年部分节假日安排的通知");
  EXPECT_EQ(y26->loaded_by, "migration");
  // Jan 1 – 3; Feb 15 – 23; Apr 4 – 6; May 1 – 5; Jun 19 – 21; Sep 25 – 27; Oct 1 – 7.
  ASSERT_EQ(y26->holidays.size(), 3u + 9 + 3 + 5 + 3 + 3 + 7);
  EXPECT_EQ(y26->holidays.front(), "2026-01-01");
  EXPECT_EQ(y26->holidays[3], "2026-02-15");
  EXPECT_EQ(y26->holidays.back(), "2026-10-07");
  EXPECT_EQ(y26->workdays,
            (std::vector<std::string>{"2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"}));
  auto y25 = Get([&](Session& s) { return CalendarRepository::Year(s, 2025); });
  ASSERT_TRUE(y25);
  EXPECT_EQ(y25->holidays.size(), 1u + 8 + 3 + 5 + 3 + 8);
  EXPECT_EQ(y25->workdays,
            (std::vector<std::string>{"2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"}));
  EXPECT_FALSE(Get([&](Session& s) { return CalendarRepository::Year(s, 2027); }));
  EXPECT_FALSE(Get([&](Session& s) { return CalendarRepository::Year(s, 2024); }));

  auto all = Get([&](Session& s) { return CalendarRepository::Years(s); });
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].year, 2025);
  EXPECT_EQ(all[1].year, 2026);
  EXPECT_EQ(all[1].holidays, y26->holidays);
}

TEST_P(CalendarContract, ReplaceYearAddsOrReplacesOneYearAndTheVersionMoves) {
  const auto v0 = Get([&](Session& s) { return CalendarRepository::Version(s); });
  CalendarYearRecord y27{2027, kTrickyText, kAt, "洪都 admin", {"2027-01-01", "2027-02-06"}, {"2027-01-30"}};
  Put([&](Session& s) -> Result<void> {
    Must(CalendarRepository::ReplaceYear(s, y27));
    return CalendarRepository::BumpVersion(s);
  });
  auto got = Get([&](Session& s) { return CalendarRepository::Year(s, 2027); });
  ASSERT_TRUE(got);
  EXPECT_EQ(got->source, kTrickyText);
  EXPECT_EQ(got->loaded_at, kAt);
  EXPECT_EQ(got->loaded_by, "洪都 admin");
  EXPECT_EQ(got->holidays, y27.holidays);
  EXPECT_EQ(got->workdays, y27.workdays);
  EXPECT_EQ(Get([&](Session& s) { return CalendarRepository::Version(s); }), v0 + 1);
  EXPECT_EQ(Get([&](Session& s) { return CalendarRepository::Years(s); }).size(), 3u);

  // Replacing: the old dates go, none of the other years' change; an empty year is stored empty.
  CalendarYearRecord again{2027, "", kAt, "admin", {}, {}};
  Put([&](Session& s) { return CalendarRepository::ReplaceYear(s, again); });
  got = Get([&](Session& s) { return CalendarRepository::Year(s, 2027); });
  ASSERT_TRUE(got);
  EXPECT_EQ(got->source, "");
  EXPECT_TRUE(got->holidays.empty());
  EXPECT_TRUE(got->workdays.empty());
  EXPECT_EQ(Get([&](Session& s) { return CalendarRepository::Year(s, 2026); })->holidays.size(), 33u);

  // A date listed twice is refused by the key and the transaction leaves the year as it was.
  CalendarYearRecord twice{2027, "x", kAt, "admin", {"2027-10-01", "2027-10-01"}, {}};
  (void)Refused([&](Session& s) { return CalendarRepository::ReplaceYear(s, twice); });
  got = Get([&](Session& s) { return CalendarRepository::Year(s, 2027); });
  ASSERT_TRUE(got);
  EXPECT_EQ(got->source, "");
  EXPECT_TRUE(got->holidays.empty());

  // A rolled-back replacement and bump leave both as they were.
  (void)db_->Write([&](Session& s) -> Result<void> {
    Must(CalendarRepository::ReplaceYear(s, y27));
    Must(CalendarRepository::BumpVersion(s));
    return MakeError(ErrorCode::kConflict, "test.rollback", Text::Same("rollback"));
  });
  EXPECT_TRUE(Get([&](Session& s) { return CalendarRepository::Year(s, 2027); })->holidays.empty());
  EXPECT_EQ(Get([&](Session& s) { return CalendarRepository::Version(s); }), v0 + 1);
}

INSTANTIATE_TEST_SUITE_P(Sqlite, CalendarContract, ::testing::Values("sqlite"));
INSTANTIATE_TEST_SUITE_P(Postgres, CalendarContract, ::testing::Values("postgres"));

}  // namespace
}  // namespace huanxin::store::contract
