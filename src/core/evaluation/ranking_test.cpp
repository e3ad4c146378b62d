// Ranking ties, street averaging and periods (issue #15 Done when).
#include <gtest/gtest.h>

#include "core/evaluation/ranking.hpp"

namespace huanxin::core::evaluation {
namespace {

TEST(Ranking, TiesShareTheBestRankAndTheNextSkips) {
  EXPECT_EQ(CompetitionRanks({9500, 9500, 9000}), (std::vector<int>{1, 1, 3}));
  EXPECT_EQ(CompetitionRanks({8000, 9000, 9000, 9000, 7000}), (std::vector<int>{4, 1, 1, 1, 5}));
  EXPECT_EQ(CompetitionRanks({9000, 8999}), (std::vector<int>{1, 2}));
  EXPECT_EQ(CompetitionRanks({}), std::vector<int>{});
  EXPECT_EQ(CompetitionRanks({7000}), std::vector<int>{1});
}

TEST(Ranking, MeanRoundsHalfUpInHundredths) {
  EXPECT_EQ(MeanHalfUp({9000, 9001}), 9001);  // 9000.5 → 9001
  EXPECT_EQ(MeanHalfUp({9000, 9000, 9001}), 9000);  // 9000.33 → 9000
  EXPECT_EQ(MeanHalfUp({9000, 9001, 9001}), 9001);  // 9000.67 → 9001
  EXPECT_EQ(MeanHalfUp({8550}), 8550);
  EXPECT_EQ(MeanHalfUp({0, 1}), 1);  // 0.5 → 1
  EXPECT_EQ(MeanHalfUp({0, 0, 1}), 0);
}

TEST(Ranking, PeriodsAreMonthsQuartersAndYears) {
  auto m = ParsePeriod("2024-02");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->kind, "month");
  EXPECT_EQ(m->first, "2024-02-01");
  EXPECT_EQ(m->last, "2024-02-29");
  EXPECT_EQ(ParsePeriod("2025-02")->last, "2025-02-28");
  auto q = ParsePeriod("2026-Q4");
  ASSERT_TRUE(q);
  EXPECT_EQ(q->kind, "quarter");
  EXPECT_EQ(q->first, "2026-10-01");
  EXPECT_EQ(q->last, "2026-12-31");
  EXPECT_EQ(ParsePeriod("2026-Q1")->last, "2026-03-31");
  auto y = ParsePeriod("2026");
  ASSERT_TRUE(y);
  EXPECT_EQ(y->first, "2026-01-01");
  EXPECT_EQ(y->last, "2026-12-31");
  for (const char* bad : {"2026-13", "2026-00", "2026-Q5", "2026-Q0", "26", "2026-1", "2026-11-01", "abcd", ""})
    EXPECT_FALSE(ParsePeriod(bad)) << bad;
  EXPECT_EQ(MonthOf("2026-11-20"), "2026-11");
}

}  // namespace
}  // namespace huanxin::core::evaluation
