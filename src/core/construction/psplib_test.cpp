// The PSPLIB .sm reader (psplib.hpp): a small hand-made instance, a j30 file when present, and
// malformed inputs refused with the line and the reason.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/construction/psplib.hpp"

namespace huanxin::core::construction {
namespace {

// Five jobs (dummies 1 and 5), two resources; lines numbered for the error tests below.
constexpr const char* kTiny =
    "************************************************************************\n"  // 1
    "jobs (incl. supersource/sink ):  5\n"                                          // 2
    "horizon                       :  12\n"                                         // 3
    "  - renewable                 :  2   R\n"                                      // 4
    "  - nonrenewable              :  0   N\n"                                      // 5
    "PRECEDENCE RELATIONS:\n"                                                       // 6
    "jobnr.    #modes  #successors   successors\n"                                  // 7
    "   1        1          2           2   3\n"                                    // 8
    "   2        1          1           4\n"                                        // 9
    "   3        1          1           5\n"                                        // 10
    "   4        1          1           5\n"                                        // 11
    "   5        1          0\n"                                                    // 12
    "************************************************************************\n"  // 13
    "REQUESTS/DURATIONS:\n"                                                         // 14
    "jobnr. mode duration  R 1  R 2\n"                                              // 15
    "------------------------------------------------------------------------\n"  // 16
    "  1      1     0       0    0\n"                                               // 17
    "  2      1     3       2    0\n"                                               // 18
    "  3      1     4       1    1\n"                                               // 19
    "  4      1     2       0    2\n"                                               // 20
    "  5      1     0       0    0\n"                                               // 21
    "************************************************************************\n"  // 22
    "RESOURCEAVAILABILITIES:\n"                                                     // 23
    "  R 1  R 2\n"                                                                  // 24
    "    3    3\n";                                                                 // 25

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

std::string Refusal(const std::string& text) {
  auto r = ReadPsplib(text);
  if (r) return "accepted";
  EXPECT_EQ(r.error().reason, "construction.bad_psplib");
  EXPECT_EQ(r.error().code, ErrorCode::kUnprocessable);
  EXPECT_FALSE(r.error().detail.zh.empty());
  return r.error().detail.en;
}

TEST(ReadPsplib, ReadsJobsPrecedencesDemandsAndCapacities) {
  auto r = ReadPsplib(kTiny);
  ASSERT_TRUE(r) << r.error().detail.en;
  const Problem& p = r->problem;
  EXPECT_EQ(r->declared_horizon, 12);
  ASSERT_EQ(p.activities.size(), 5u);
  EXPECT_EQ(p.capacities, (std::vector<int>{3, 3}));
  EXPECT_EQ(p.activities[2].code, "3");
  EXPECT_EQ(p.activities[2].duration, 4);
  ASSERT_EQ(p.activities[2].demands.size(), 2u);
  EXPECT_EQ(p.activities[3].demands[0].resource, 1);
  EXPECT_EQ(p.activities[3].demands[0].amount, 2);
  ASSERT_EQ(p.activities[4].predecessors.size(), 2u);  // job 5 follows 3 and 4
  EXPECT_EQ(p.activities[4].predecessors[0].predecessor, 2);
  EXPECT_EQ(p.activities[4].predecessors[1].predecessor, 3);
  EXPECT_TRUE(p.activities[0].predecessors.empty());
  auto s = Solve(p, {.time_limit_ms = 5000, .max_schedules = 200, .seed = 1});
  ASSERT_TRUE(s);
  EXPECT_EQ(s->makespan, 5);  // 2 then 4 beside 3: max(3 + 2, 4)
}

TEST(ReadPsplib, AcceptsCrlfLineEnds) {
  std::string crlf;
  for (const char* c = kTiny; *c; ++c) crlf += *c == '\n' ? std::string("\r\n") : std::string(1, *c);
  EXPECT_EQ(Refusal(crlf), "accepted");
}

struct Case {
  const char* id;
  std::string text;
  std::string detail;
};

TEST(ReadPsplib, RefusesMalformedInputNamingTheLine) {
  const std::string t = kTiny;
  const Case cases[] = {
      {"r1 short capacities", Replace(t, "    3    3\n", "    3\n"), "line 25: expected 2 resource capacities, found 1"},
      {"r2 job out of order", Replace(t, "   3        1          1           5\n", "   4        1          1           5\n"),
       "line 10: expected job 3, found '4'"},
      {"r3 successor count", Replace(t, "   1        1          2           2   3\n", "   1        1          3           2   3\n"),
       "line 8: expected 3 successors, found 2"},
      {"r4 successor out of range", Replace(t, "   2        1          1           4\n", "   2        1          1           9\n"),
       "line 9: successor '9' is not another job between 1 and 5"},
      {"r5 missing demand", Replace(t, "  3      1     4       1    1\n", "  3      1     4       1\n"),
       "line 19: expected 5 numbers (job, mode, duration and 2 resource requests), found 4"},
      {"r6 second mode", Replace(t, "  4      1     2       0    2\n", "  4      2     2       0    2\n"),
       "line 20: expected mode 1 (single-mode), found '2'"},
      {"r7 not a number", Replace(t, "  2      1     3       2    0\n", "  2      1     x       2    0\n"),
       "line 18: expected the duration, found 'x'"},
      {"r8 truncated", t.substr(0, t.find("  4      1     2")), "line 20: missing the duration line of job 4"},
      {"r9 no jobs key", Replace(t, "jobs (incl. supersource/sink ):  5\n", "\n"), "line 6: the job count ('jobs') is not declared"},
      {"r10 absurd size", Replace(t, ":  5\n", ":  100001\n"), "line 6: more than 100000 jobs"},
      {"r11 nonrenewable", Replace(t, ":  0   N", ":  1   N"), "line 5: only renewable resources are supported"},
      {"r12 trailing text", t + "junk\n", "line 26: unexpected text after the resource capacities"},
      {"r13 negative", Replace(t, "  4      1     2       0    2\n", "  4      1     -2       0    2\n"),
       "line 20: expected the duration, found '-2'"},
      {"r14 empty", "", "line 1: missing section PRECEDENCE RELATIONS"},
      {"r15 huge value", Replace(t, "    3    3\n", "    3    99999999999999\n"), "line 25: expected a resource capacity"},
  };
  for (const Case& c : cases) {
    std::string got = Refusal(c.text);
    EXPECT_EQ(got.rfind(c.detail, 0), 0u) << c.id << ": " << got;
  }
}

TEST(ReadPsplib, ReadsAJ30File) {
  const std::filesystem::path file = std::filesystem::path(HX_PSPLIB_J30) / "j301_1.sm";
  if (!std::filesystem::exists(file)) GTEST_SKIP() << "no PSPLIB j30 instances at " << file;
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  auto r = ReadPsplib(text.str());
  ASSERT_TRUE(r) << r.error().detail.en;
  EXPECT_EQ(r->problem.activities.size(), 32u);
  EXPECT_EQ(r->problem.capacities, (std::vector<int>{12, 13, 4, 12}));
  EXPECT_EQ(r->declared_horizon, 158);
  EXPECT_EQ(r->problem.activities[1].duration, 8);
}

}  // namespace
}  // namespace huanxin::core::construction
