// The scheduling engine (rcpsp.hpp): precedences, crews, calendars and windows on both sides of their
// boundaries, refusals, the disruption tie-break, bound reasons, and PSPLIB j30 instances
// (Kolisch & Sprecher 1996) against their proven optima.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>

#include "core/construction/psplib.hpp"
#include "core/construction/rcpsp.hpp"

namespace huanxin::core::construction {
namespace {

SolveOptions Budget(long long schedules = 3000) {
  SolveOptions o;
  o.max_schedules = schedules;
  o.time_limit_ms = 20000;  // a safety cap only: the schedule count decides
  return o;
}

Activity Act(std::string code, int duration, std::vector<Demand> demands = {}, std::vector<Precedence> preds = {}) {
  Activity a;
  a.code = std::move(code);
  a.duration = duration;
  a.demands = std::move(demands);
  a.predecessors = std::move(preds);
  return a;
}

Precedence FS(int pred, int lag = 0) { return {pred, PrecedenceType::kFinishStart, lag}; }
Precedence SS(int pred, int lag = 0) { return {pred, PrecedenceType::kStartStart, lag}; }

Schedule SolveChecked(const Problem& p, SolveOptions o = Budget()) {
  auto s = Solve(p, o);
  EXPECT_TRUE(s) << (s ? "" : s.error().detail.en);
  if (!s) return {};
  auto ok = CheckSchedule(p, *s);
  EXPECT_TRUE(ok) << (ok ? "" : ok.error().detail.en);
  return *s;
}

std::vector<bool> Days(int horizon, std::initializer_list<int> set, bool value) {
  std::vector<bool> v(horizon, !value);
  for (int d : set) v[d] = value;
  return v;
}

TEST(Solve, FinishStartWithLagStartsAfterPredecessorEndPlusLag) {
  Problem p;
  p.activities = {Act("A", 3), Act("B", 2, {}, {FS(0, 2)})};
  Schedule s = SolveChecked(p);
  EXPECT_EQ(s.activities[0].end, 2);
  EXPECT_EQ(s.activities[1].start, 5);  // end 2 + 1 + lag 2
  EXPECT_EQ(s.activities[1].bound, BoundKind::kPredecessor);
  EXPECT_EQ(s.activities[1].ref, 0);
  EXPECT_EQ(s.activities[0].bound, BoundKind::kStart);
  EXPECT_EQ(s.makespan, 7);
  EXPECT_TRUE(s.proven_optimal);
}

TEST(Solve, StartStartWithLagOverlapsPredecessor) {
  Problem p;
  p.activities = {Act("A", 5), Act("B", 2, {}, {SS(0, 2)})};
  Schedule s = SolveChecked(p);
  EXPECT_EQ(s.activities[1].start, 2);
  EXPECT_EQ(s.makespan, 5);
}

TEST(Solve, ZeroDurationPredecessorLetsSuccessorStartTheSameDay) {
  Problem p;
  p.activities = {Act("A", 4), Act("M", 0, {}, {FS(0)}), Act("B", 1, {}, {FS(1)})};
  Schedule s = SolveChecked(p);
  EXPECT_EQ(s.activities[1].start, 4);
  EXPECT_EQ(s.activities[1].end, 3);
  EXPECT_EQ(s.activities[2].start, 4);
  EXPECT_EQ(s.makespan, 5);
}

TEST(Solve, CrewCapacityOneSerialisesTwoActivities) {
  for (int capacity : {1, 2}) {
    Problem p;
    p.resource_names = {"pipe"};
    p.capacities = {capacity};
    p.activities = {Act("A", 3, {{0, 1}}), Act("B", 3, {{0, 1}})};
    Schedule s = SolveChecked(p);
    EXPECT_EQ(s.makespan, capacity == 1 ? 6 : 3) << capacity;
    if (capacity == 1) {
      const ScheduledActivity& later = s.activities[0].start > 0 ? s.activities[0] : s.activities[1];
      EXPECT_EQ(later.bound, BoundKind::kResource);
      EXPECT_EQ(later.ref, 0);
    }
  }
}

// Days 10–12 forbidden: a 3-day activity that may start on day 7 ends on day 9, the day before the
// window, and keeps its start; one that may start on day 8 would work on day 10 and waits to day 13.
TEST(Solve, ForbiddenWindowPushesOnlyAnActivityThatWouldTouchIt) {
  for (int earliest : {7, 8}) {
    Problem p;
    p.horizon = 20;
    Activity w = Act("heat", 3, {}, {FS(0)});
    w.forbidden = Days(20, {10, 11, 12}, true);
    w.forbidden_reason = 42;
    p.activities = {Act("before", earliest), w};
    Schedule s = SolveChecked(p);
    if (earliest == 7) {
      EXPECT_EQ(s.activities[1].start, 7);
      EXPECT_EQ(s.activities[1].end, 9);
      EXPECT_EQ(s.activities[1].bound, BoundKind::kPredecessor);
    } else {
      EXPECT_EQ(s.activities[1].start, 13);
      EXPECT_EQ(s.activities[1].bound, BoundKind::kWindow);
      EXPECT_EQ(s.activities[1].ref, 42);
    }
  }
}

TEST(Solve, ForbiddenWindowCountsPausesInsideTheSpan) {
  // Works days 0, 1, 3 with day 2 a holiday; forbidding day 2 alone still forbids the span 0–3.
  Problem p;
  p.horizon = 10;
  Activity a = Act("A", 3);
  a.work_days = Days(10, {2}, false);
  a.forbidden = Days(10, {2}, true);
  p.activities = {a};
  Schedule s = SolveChecked(p);
  EXPECT_EQ(s.activities[0].start, 3);
  EXPECT_EQ(s.activities[0].end, 5);
}

TEST(Solve, NonWorkDayInterruptsAndFreesTheCrew) {
  Problem p;
  p.horizon = 10;
  p.resource_names = {"crew"};
  p.capacities = {1};
  Activity a = Act("A", 3, {{0, 1}});
  a.work_days = Days(10, {2}, false);  // the Spring Festival day
  Activity b = Act("B", 1, {{0, 1}}, {FS(0, 0)});
  p.activities = {a, b};
  Schedule s = SolveChecked(p);
  EXPECT_EQ(s.activities[0].start, 0);
  EXPECT_EQ(s.activities[0].end, 3);  // works 0, 1, 3
  EXPECT_EQ(s.activities[1].start, 4);
  EXPECT_EQ(s.lower_bound, 5);
  EXPECT_EQ(s.makespan, 5);
}

TEST(Solve, StartMustBeAWorkDay) {
  for (int holiday : {1, 2}) {
    Problem p;
    p.horizon = 10;
    Activity b = Act("B", 2, {}, {FS(0)});
    b.work_days = Days(10, {holiday}, false);
    p.activities = {Act("A", 2), b};
    Schedule s = SolveChecked(p);
    if (holiday == 2) {
      EXPECT_EQ(s.activities[1].start, 3);
      EXPECT_EQ(s.activities[1].bound, BoundKind::kCalendar);
    } else {
      EXPECT_EQ(s.activities[1].start, 2);  // the holiday before it changes nothing
      EXPECT_EQ(s.activities[1].bound, BoundKind::kPredecessor);
    }
  }
}

// The engine proves its makespan optimal by the crews' bound, well above the critical path.
void ExpectOptimalAtTheCrewsBound(const Schedule& s, int critical_path, int crews_bound) {
  EXPECT_EQ(s.lower_bound, critical_path);
  EXPECT_EQ(s.resource_bound, crews_bound);
  EXPECT_EQ(s.makespan, crews_bound);
  EXPECT_TRUE(s.proven_optimal);
}

// One crew, six 5-day jobs, weekends off (days 5, 6, 12, 13, …): the crew needs 30 work days, the
// 30th being day 39 (the sixth Friday), so no schedule ends before day 40 — the critical path says 5.
TEST(ResourceBound, CountsTheWorkDaysACrewBoundProjectNeeds) {
  Problem p;
  p.horizon = 60;
  p.resource_names = {"facade"};
  p.capacities = {1};
  std::vector<bool> weekdays(60, true);
  for (int d = 0; d < 60; ++d) weekdays[d] = d % 7 < 5;
  for (int j = 0; j < 6; ++j) {
    Activity a = Act("F" + std::to_string(j), 5, {{0, 1}});
    a.work_days = weekdays;
    p.activities.push_back(a);
  }
  ExpectOptimalAtTheCrewsBound(SolveChecked(p), 5, 40);
}

// Heads, tails and windows: two 4-day frost-window jobs (days 0–9 forbidden) on one crew after a
// 2-day job, each followed by a 3-day job of another crew: 10 + 8 + 3 = 21 at least.
TEST(ResourceBound, AddsTheWindowTheHeadAndTheTail) {
  Problem p;
  p.horizon = 40;
  p.resource_names = {"facade", "paint"};
  p.capacities = {1, 2};
  p.activities.push_back(Act("bars", 2, {{0, 1}}));
  for (int j = 0; j < 2; ++j) {
    Activity a = Act("render" + std::to_string(j), 4, {{0, 1}}, {FS(0)});
    a.forbidden = Days(40, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, true);
    p.activities.push_back(a);
  }
  p.activities.push_back(Act("paint0", 3, {{1, 1}}, {FS(1)}));
  p.activities.push_back(Act("paint1", 3, {{1, 1}}, {FS(2)}));
  ExpectOptimalAtTheCrewsBound(SolveChecked(p), 17, 21);
}

// Small random instances with calendars, windows, lags and two crews, solved exhaustively (every
// combination of starts below the engine's makespan): both bounds stay at or below the optimum.
TEST(ResourceBound, NeverAboveTheOptimumOfSmallInstances) {
  std::uint64_t seed = 13;
  auto rnd = [&](int lo, int hi) {
    seed = seed * 6364136223846793005ull + 1442695040888963407ull;
    return lo + static_cast<int>((seed >> 33) % static_cast<std::uint64_t>(hi - lo + 1));
  };
  int above_critical_path = 0;
  for (int instance = 0; instance < 60; ++instance) {
    const int horizon = 12, n = 4;
    Problem p;
    p.horizon = horizon;
    p.resource_names = {"a", "b"};
    p.capacities = {rnd(1, 2), rnd(1, 2)};
    std::vector<bool> common(horizon);
    for (int d = 0; d < horizon; ++d) common[d] = rnd(0, 3) != 0;
    for (int j = 0; j < n; ++j) {
      std::vector<Demand> demands;
      for (int r = 0; r < 2; ++r)
        if (int q = rnd(0, p.capacities[r]); q > 0) demands.push_back({r, q});
      std::vector<Precedence> preds;
      for (int i = 0; i < j; ++i)
        if (rnd(0, 3) == 0) preds.push_back(rnd(0, 3) ? FS(i, rnd(0, 1)) : SS(i, rnd(0, 2)));
      Activity a = Act("a" + std::to_string(j), rnd(1, 3), demands, preds);
      if (int kind = rnd(0, 2); kind == 1) {
        a.work_days = common;
      } else if (kind == 2) {
        a.work_days.assign(horizon, true);
        for (int d = 0; d < horizon; ++d) a.work_days[d] = rnd(0, 4) != 0;
      }
      if (rnd(0, 2) == 0) {
        a.forbidden.assign(horizon, false);
        for (int d = rnd(0, 8), k = 0; k < 3; ++k) a.forbidden[d + k] = true;
      }
      p.activities.push_back(a);
    }
    const Schedule s = SolveChecked(p, Budget(500));
    // Exhaustive: starts in [0, makespan) in index order (predecessors have lower indices).
    auto works = [&](const Activity& a, int t) { return a.work_days.empty() || t >= horizon || a.work_days[t]; };
    auto banned = [&](const Activity& a, int t) { return !a.forbidden.empty() && t < horizon && a.forbidden[t]; };
    std::vector<int> start(n), end(n);
    std::vector<std::vector<int>> usage(2, std::vector<int>(s.makespan + 1, 0));
    int optimum = s.makespan;
    Schedule best;
    std::function<void(int, int)> place = [&](int j, int ms) {
      if (ms >= optimum && j > 0) return;
      if (j == n) {
        optimum = ms;
        best.makespan = ms;
        best.activities.assign(n, {});
        for (int i = 0; i < n; ++i) best.activities[i].start = start[i], best.activities[i].end = end[i];
        return;
      }
      const Activity& a = p.activities[j];
      for (int t = 0; t < optimum; ++t) {
        if (!works(a, t)) continue;
        bool ok = true;
        for (const Precedence& pr : a.predecessors)
          ok = ok && t >= (pr.type == PrecedenceType::kFinishStart ? end[pr.predecessor] + 1 + pr.lag
                                                                    : start[pr.predecessor] + pr.lag);
        int e = t, worked = 0;
        for (; ok; ++e) {
          ok = !banned(a, e);
          if (ok && works(a, e) && ++worked == a.duration) break;
        }
        if (!ok || e >= optimum) continue;
        for (const Demand& d : a.demands)
          for (int x = t; x <= e; ++x)
            if (works(a, x) && usage[d.resource][x] + d.amount > p.capacities[d.resource]) ok = false;
        if (!ok) continue;
        for (const Demand& d : a.demands)
          for (int x = t; x <= e; ++x) usage[d.resource][x] += works(a, x) ? d.amount : 0;
        start[j] = t;
        end[j] = e;
        place(j + 1, std::max(ms, e + 1));
        for (const Demand& d : a.demands)
          for (int x = t; x <= e; ++x) usage[d.resource][x] -= works(a, x) ? d.amount : 0;
      }
    };
    place(0, 0);
    if (optimum < s.makespan) {
      auto ok = CheckSchedule(p, best);  // the enumeration found a real schedule
      EXPECT_TRUE(ok) << instance << ": " << (ok ? "" : ok.error().detail.en);
    }
    EXPECT_LE(s.lower_bound, optimum) << instance;
    EXPECT_LE(s.resource_bound, optimum) << instance;
    EXPECT_EQ(s.proven_optimal, s.makespan <= std::max(s.lower_bound, s.resource_bound)) << instance;
    if (s.resource_bound > s.lower_bound) ++above_critical_path;
  }
  EXPECT_GT(above_critical_path, 5);  // the crews' bound does add something on these
}

TEST(Validate, CycleIsRefusedNamingItsActivities) {
  Problem p;
  p.activities = {Act("dig", 1, {}, {FS(2)}), Act("lay", 1, {}, {FS(0)}), Act("fill", 1, {}, {FS(1)}),
                  Act("paint", 1)};
  auto r = Solve(p);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kUnprocessable);
  EXPECT_EQ(r.error().reason, "construction.invalid_problem");
  const std::string& d = r.error().detail.en;
  EXPECT_NE(d.find("cycle"), std::string::npos) << d;
  for (const char* code : {"'dig'", "'lay'", "'fill'"}) EXPECT_NE(d.find(code), std::string::npos) << d;
  EXPECT_EQ(d.find("paint"), std::string::npos) << d;
  EXPECT_FALSE(r.error().detail.zh.empty());
}

TEST(Validate, DemandAboveCapacityIsRefusedWithTheNumbers) {
  Problem p;
  p.resource_names = {"pipe"};
  p.capacities = {2};
  p.activities = {Act("lay", 1, {{0, 3}}), Act("ok", 1, {{0, 2}})};
  auto r = Validate(p);
  ASSERT_FALSE(r);
  const std::string& d = r.error().detail.en;
  EXPECT_NE(d.find("'lay' needs 3 of resource 'pipe', capacity 2"), std::string::npos) << d;
  EXPECT_EQ(d.find("'ok'"), std::string::npos) << d;
}

TEST(Validate, ListsEveryProblemInOneError) {
  Problem p;
  p.horizon = 5;
  p.capacities = {1};
  Activity a = Act("a", -1, {{3, 1}}, {FS(7), FS(1, -2)});
  a.work_days = std::vector<bool>(4, true);
  Activity b = Act("b", 1, {{0, -1}});
  b.disrupts = {0};
  p.activities = {a, b};
  auto r = Validate(p);
  ASSERT_FALSE(r);
  const std::string& d = r.error().detail.en;
  for (const char* part : {"negative duration -1", "resource 3 out of range", "predecessor index 7 out of range",
                           "negative lag -2", "work_days of 4 days, horizon is 5", "negative demand -1",
                           "disruption group 0 out of range"})
    EXPECT_NE(d.find(part), std::string::npos) << part << " in " << d;
  EXPECT_TRUE(Validate(Problem{})) << "an empty problem is valid";
}

// Two water cuts on building 0 (X on the pipe crew, Y on the electrical crew) and Z on the pipe crew
// with a successor W. Both orders of the pipe crew end on day 4 at best only with Z first (Z, then W
// beside X): makespan 4 ties between Y on days 0–1 and Y on days 2–3, and only the second has the
// two cuts overlap (2 days × 30 dwellings instead of 4 × 30).
TEST(Solve, DisruptionTieBreakOverlapsTwoWaterCutsOnTheSameBuilding) {
  Problem p;
  p.resource_names = {"pipe", "electrical", "paving"};
  p.capacities = {1, 1, 1};
  p.group_weights = {30};
  Activity x = Act("X", 2, {{0, 1}});
  x.disrupts = {0};
  Activity y = Act("Y", 2, {{1, 1}});
  y.disrupts = {0};
  p.activities = {x, y, Act("Z", 2, {{0, 1}}), Act("W", 2, {{2, 1}}, {FS(2)})};
  Schedule s = SolveChecked(p);
  EXPECT_EQ(s.makespan, 4);
  EXPECT_EQ(s.activities[0].start, 2);
  EXPECT_EQ(s.activities[1].start, s.activities[0].start);
  EXPECT_EQ(s.disruption_days, 60);
  EXPECT_EQ(s.activities[1].bound, BoundKind::kDisruption);
}

TEST(Solve, CriticalFollowsTheChainThatEndsLast) {
  Problem p;
  p.resource_names = {"crew"};
  p.capacities = {1};
  // A → B on their own; C shares the crew with B and waits for it; D is short and free.
  p.activities = {Act("A", 2), Act("B", 3, {{0, 1}}, {FS(0)}), Act("C", 2, {{0, 1}}, {FS(1)}), Act("D", 1)};
  Schedule s = SolveChecked(p);
  EXPECT_EQ(s.makespan, 7);
  EXPECT_TRUE(s.activities[0].critical);
  EXPECT_TRUE(s.activities[1].critical);
  EXPECT_TRUE(s.activities[2].critical);
  EXPECT_FALSE(s.activities[3].critical);
}

TEST(Solve, SameSeedAndScheduleCountGiveTheSameSchedule) {
  Problem p;
  p.resource_names = {"a", "b"};
  p.capacities = {3, 2};
  for (int j = 0; j < 20; ++j) {
    std::vector<Precedence> preds;
    if (j >= 3) preds.push_back(FS(j - 3));
    if (j >= 5 && j % 2) preds.push_back(FS(j - 5));
    p.activities.push_back(Act("a" + std::to_string(j), 1 + j * 7 % 5, {{j % 2, 1 + j % 3 % 2}}, preds));
  }
  Schedule a = SolveChecked(p, Budget(500)), b = SolveChecked(p, Budget(500));
  ASSERT_EQ(a.activities.size(), b.activities.size());
  for (std::size_t j = 0; j < a.activities.size(); ++j) EXPECT_EQ(a.activities[j].start, b.activities[j].start) << j;
  EXPECT_EQ(a.schedules_evaluated, b.schedules_evaluated);
  EXPECT_LE(a.schedules_evaluated, 500);
}

// The calendar path (lookup tables, fullness bitmaps, jumps) decodes exactly like the plain path
// when the calendar allows every day: the same schedules for a seed and a schedule count, with
// one-crew demands (bitmap search) and larger ones (day scan).
TEST(Solve, CalendarPathMatchesThePlainPathOnAnAllWorkCalendar) {
  Problem plain;
  plain.resource_names = {"a", "b", "c"};
  plain.capacities = {2, 3, 1};
  std::uint64_t seed = 7;
  auto rnd = [&](int lo, int hi) {
    seed = seed * 6364136223846793005ull + 1442695040888963407ull;
    return lo + static_cast<int>((seed >> 33) % static_cast<std::uint64_t>(hi - lo + 1));
  };
  for (int j = 0; j < 40; ++j) {
    std::vector<Precedence> preds;
    for (int i = std::max(0, j - 8); i < j; ++i)
      if (rnd(0, 5) == 0) preds.push_back(rnd(0, 4) ? FS(i, rnd(0, 2)) : SS(i, rnd(0, 3)));
    const int r = rnd(0, 2);
    plain.activities.push_back(Act("a" + std::to_string(j), rnd(0, 6), {{r, rnd(1, plain.capacities[r])}}, preds));
  }
  Problem calendar = plain;
  calendar.horizon = 120;
  for (std::size_t j = 0; j < calendar.activities.size(); ++j) {
    calendar.activities[j].work_days.assign(120, true);
    if (j % 3 == 0) calendar.activities[j].forbidden.assign(120, false);
  }
  const Schedule a = SolveChecked(plain, Budget(400)), b = SolveChecked(calendar, Budget(400));
  ASSERT_EQ(a.activities.size(), b.activities.size());
  for (std::size_t j = 0; j < a.activities.size(); ++j) {
    EXPECT_EQ(a.activities[j].start, b.activities[j].start) << j;
    EXPECT_EQ(a.activities[j].end, b.activities[j].end) << j;
  }
  EXPECT_EQ(a.makespan, b.makespan);
  EXPECT_EQ(a.lower_bound, b.lower_bound);
  EXPECT_EQ(a.resource_bound, b.resource_bound);
}

TEST(CheckSchedule, RefusesACrewOverload) {
  Problem p;
  p.capacities = {1};
  p.activities = {Act("A", 2, {{0, 1}}), Act("B", 2, {{0, 1}})};
  Schedule s = SolveChecked(p);
  s.activities[1].start = s.activities[0].start;
  s.activities[1].end = s.activities[0].end;
  s.makespan = 2;
  auto r = CheckSchedule(p, s);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().reason, "construction.infeasible");
}

// PSPLIB j30 (Kolisch & Sprecher 1996), read from the shared folder: 15 instances spread over the set.
std::map<std::string, int> Optima(const std::filesystem::path& dir) {
  std::map<std::string, int> out;
  std::ifstream in(dir / "optimum.csv");
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    auto comma = line.find(',');
    if (comma != std::string::npos) out[line.substr(0, comma)] = std::stoi(line.substr(comma + 1));
  }
  return out;
}

TEST(Solve, PsplibJ30SampleFeasibleAndMostlyOptimal) {
  const std::filesystem::path dir = HX_PSPLIB_J30;
  if (!std::filesystem::exists(dir / "optimum.csv")) GTEST_SKIP() << "no PSPLIB j30 instances at " << dir;
  auto optima = Optima(dir);
  int solved = 0, optimal = 0;
  for (int set = 1; set <= 46; set += 3) {
    const std::string name = "j30" + std::to_string(set) + "_" + std::to_string(1 + set % 10) + ".sm";
    std::ifstream in(dir / name);
    ASSERT_TRUE(in) << name;
    std::stringstream text;
    text << in.rdbuf();
    auto instance = ReadPsplib(text.str());
    ASSERT_TRUE(instance) << name << ": " << instance.error().detail.en;
    Schedule s = SolveChecked(instance->problem, Budget(4000));
    ASSERT_TRUE(optima.count(name)) << name;
    EXPECT_GE(s.makespan, optima[name]) << name;
    EXPECT_GE(s.makespan, s.lower_bound) << name;
    EXPECT_LE(s.lower_bound, optima[name]) << name;
    EXPECT_LE(s.resource_bound, optima[name]) << name;
    ++solved;
    if (s.makespan == optima[name]) ++optimal;
  }
  EXPECT_EQ(solved, 16);
  EXPECT_GE(optimal, 14) << optimal << " of " << solved << " at the optimum";
}

}  // namespace
}  // namespace huanxin::core::construction
