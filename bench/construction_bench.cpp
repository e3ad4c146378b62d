// The scheduling engine (core/construction, issue #13) on a construction-like instance: a synthetic
// area project of 20 estates (≈ 600 steps, 8 crew types) with a working calendar, seasonal windows
// and disruption groups per building. Deterministic (fixed seed and schedule count); reports the
// solve time and, as counters, the makespan, the gap to the calendar critical path (lower_bound)
// and the disruption-days. SCHEDULES (env) sets the schedule budget (default 20000; the CTest smoke
// run uses 200).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <stdexcept>
#include <string>

#include "core/construction/rcpsp.hpp"

namespace {

using namespace huanxin::core::construction;

enum Crew { kEarthwork, kPipe, kElectrical, kPaving, kFacade, kRoofing, kPlumbing, kGreening };

// Day 0 = 1 March. Sundays and the public holidays of a year are off (REFERENCE.md §9's calendar,
// approximated: Qingming, Labour Day, Dragon Boat, National Day); the heating season runs 15 Nov –
// 15 Mar (heating pipes are not cut then) and frost stops exterior wet works 1 Dec – end of Feb.
constexpr int kHorizon = 400;

std::vector<bool> WorkDays() {
  std::vector<bool> w(kHorizon, true);
  for (int d = 0; d < kHorizon; ++d)
    if (d % 7 == 6) w[d] = false;
  for (auto [from, to] : {std::pair{34, 36}, {61, 65}, {111, 113}, {214, 220}, {366, 372}})
    for (int d = from; d <= to; ++d) w[d] = false;
  return w;
}

std::vector<bool> Window(std::initializer_list<std::pair<int, int>> ranges) {
  std::vector<bool> f(kHorizon, false);
  for (auto [from, to] : ranges)
    for (int d = from; d <= std::min(to, kHorizon - 1); ++d) f[d] = true;
  return f;
}

Problem AreaProject(int estates) {
  Problem p;
  p.resource_names = {"earthwork", "pipe", "electrical", "paving", "facade", "roofing", "plumbing", "greening"};
  p.capacities = {4, 5, 3, 3, 8, 3, 3, 2};
  p.horizon = kHorizon;
  const auto work = WorkDays();
  const auto heating = Window({{0, 14}, {259, 379}});
  const auto frost = Window({{275, 364}});
  std::uint64_t s = 2026;
  auto rnd = [&](int lo, int hi) {
    s = s * 6364136223846793005ull + 1442695040888963407ull;
    return lo + static_cast<int>((s >> 33) % static_cast<std::uint64_t>(hi - lo + 1));
  };
  auto add = [&](std::string code, int duration, Crew crew, int amount, std::vector<int> preds,
                 std::vector<int> disrupts = {}) {
    Activity a;
    a.code = std::move(code);
    a.duration = duration;
    a.demands = {{crew, amount}};
    for (int pr : preds) a.predecessors.push_back({pr, PrecedenceType::kFinishStart, 0});
    a.work_days = work;
    a.disrupts = std::move(disrupts);
    p.activities.push_back(std::move(a));
    return static_cast<int>(p.activities.size()) - 1;
  };
  for (int e = 0; e < estates; ++e) {
    const std::string est = "E" + std::to_string(e + 1) + ".";
    const int buildings = 3 + e % 3;
    std::vector<int> groups;
    for (int b = 0; b < buildings; ++b) {
      groups.push_back(static_cast<int>(p.group_weights.size()));
      p.group_weights.push_back(rnd(18, 48));  // dwellings per building
    }
    // Utilities: excavate → 4 pipe networks → pressure test → backfill → resurface → greening.
    int dig = add(est + "excavate", rnd(5, 8), kEarthwork, 2, {});
    std::vector<int> pipes;
    const char* utilities[] = {"water", "drain", "gas", "heating"};
    for (int u = 0; u < 4; ++u) {
      int id = add(est + "pipes." + utilities[u], rnd(4, 8), kPipe, rnd(1, 2), {dig},
                   u == 0 ? groups : std::vector<int>{});  // the water main cut reaches every building
      if (u == 3) {
        p.activities[id].forbidden = heating;
        p.activities[id].forbidden_reason = 1;
      }
      pipes.push_back(id);
    }
    int test = add(est + "pressure-test", 2, kPlumbing, 1, pipes);
    int backfill = add(est + "backfill", 3, kEarthwork, 2, {test});
    int resurface = add(est + "resurface", rnd(4, 6), kPaving, rnd(1, 2), {backfill});
    std::vector<int> last = {resurface};
    // Per building: window bars off → facade insulation → paint; roof; indoor water and wiring.
    for (int b = 0; b < buildings; ++b) {
      const std::string bld = est + "B" + std::to_string(b + 1) + ".";
      int bars = add(bld + "remove-bars", 2, kFacade, 1, {});
      int insul = add(bld + "insulation", rnd(7, 12), kFacade, 2, {bars});
      p.activities[insul].forbidden = frost;
      p.activities[insul].forbidden_reason = 2;
      int paint = add(bld + "paint", rnd(3, 5), kFacade, 1, {insul});
      p.activities[paint].forbidden = frost;
      p.activities[paint].forbidden_reason = 2;
      int roof = add(bld + "roof", rnd(5, 9), kRoofing, 1, {});
      int water = add(bld + "indoor-water", rnd(2, 4), kPlumbing, 1, {pipes[0]}, {groups[b]});
      int wiring = add(bld + "rewiring", rnd(3, 5), kElectrical, 1, {}, {groups[b]});
      last.insert(last.end(), {paint, roof, water, wiring});
    }
    add(est + "greening", rnd(3, 6), kGreening, 1, last);
  }
  return p;
}

long long Schedules() {
  const char* v = std::getenv("SCHEDULES");
  return v ? std::max(1LL, std::atoll(v)) : 20000;
}

void BM_ConstructionSchedule(benchmark::State& state) {
  const Problem p = AreaProject(static_cast<int>(state.range(0)));
  SolveOptions o;
  o.max_schedules = Schedules();
  o.time_limit_ms = 600000;  // safety cap; the schedule count decides
  Schedule last;
  for (auto _ : state) {
    auto r = Solve(p, o);
    if (!r) throw std::runtime_error(r.error().detail.en);
    last = *r;
  }
  if (auto ok = CheckSchedule(p, last); !ok) throw std::runtime_error(ok.error().detail.en);
  state.counters["steps"] = static_cast<double>(p.activities.size());
  state.counters["schedules"] = static_cast<double>(last.schedules_evaluated);
  state.counters["makespan"] = last.makespan;
  state.counters["lower_bound"] = last.lower_bound;
  state.counters["gap_pct"] = 100.0 * (last.makespan - last.lower_bound) / std::max(1, last.lower_bound);
  state.counters["disruption_days"] = static_cast<double>(last.disruption_days);
}
BENCHMARK(BM_ConstructionSchedule)->Arg(20)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
