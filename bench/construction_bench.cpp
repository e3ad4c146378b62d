// The scheduling engine (core/construction, issue #13) on the benchmark: an area project of
// 20 estates (≈ 640 steps, 8 crew types) built through the product's path — the step templates of
// migration 0011 expanded per estate as ConstructionService::Propose does, "dig once" openings by
// ExpandOpenings, then BuildProblem on the official calendar (every day but 2026's holidays,
// REFERENCE.md §9; later years planned as ordinary days, as the service does) with northern seasons,
// and Solve with a 1 s budget as a schedule request runs it (docs/BENCHMARKS.md, "Scheduling").
//
// Runs: two start dates (2026-04-21, the day after the heating season, and 2026-03-02, inside it
// and the frost window) × RUNS seeds (default 5). Each reports the time of BuildProblem + Solve,
// the makespan, the calendar critical path (`lower_bound`), the crews' bound on the calendars
// (`resource_bound`), the gap to each, the disruption-days and the schedules evaluated; a Markdown
// table of the medians per start date follows on stdout.
// Environment: RUNS (seeds 1…RUNS), TIME_LIMIT_MS (default 1000), SCHEDULES (> 0: a fixed schedule
// count instead of the time limit, deterministic; the CTest smoke run uses 200), FINGERPRINT=1 (a
// hash of each run's starts on stderr).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/construction/rcpsp.hpp"
#include "core/construction/steps.hpp"

namespace {

namespace cc = huanxin::core::construction;
using std::chrono::sys_days;

// The rows of step_template (src/store/migrations/0011_construction.sql): item, suffix, crew,
// crew count, base days, milli-days per unit, trench utility, disruption kind, window, after.
struct Template {
  const char *item, *suffix, *crew;
  int crew_count, base_days, milli_days_per_unit;
  const char *utility, *disruption, *window, *after;
};
constexpr Template kTemplates[] = {
    {"B01", "lay", "pipe", 1, 2, 6, "water", nullptr, nullptr, ""},
    {"B01", "connect", "pipe", 1, 1, 0, "water", "water", nullptr, "FS:lay+0"},
    {"B02", "lay", "pipe", 1, 3, 8, "drainage", nullptr, nullptr, ""},
    {"B02", "test", "pipe", 1, 2, 0, "drainage", nullptr, nullptr, "FS:lay+0"},
    {"B03", "lay", "electrical", 1, 2, 6, "power", nullptr, nullptr, ""},
    {"B03", "switch", "electrical", 1, 1, 0, "power", "power", nullptr, "FS:lay+0"},
    {"B04", "lay", "electrical", 1, 2, 4, "telecom", nullptr, nullptr, ""},
    {"B05", "base", "paving", 1, 3, 3, nullptr, "road", nullptr, ""},
    {"B05", "pave", "paving", 1, 2, 2, nullptr, "road", nullptr, "FS:base+0"},
    {"B06", "lay", "pipe", 1, 2, 6, "gas", nullptr, nullptr, ""},
    {"B06", "connect", "pipe", 1, 1, 0, "gas", "gas", nullptr, "FS:lay+0"},
    {"B07", "lay", "pipe", 1, 3, 8, "heating", nullptr, "outside_heating", ""},
    {"B07", "connect", "pipe", 1, 1, 0, "heating", "heating", "outside_heating", "FS:lay+0"},
    {"B11", "lay", "electrical", 1, 2, 6, "power", nullptr, nullptr, ""},
    {"B11", "remove", "electrical", 1, 1, 20, nullptr, "power", nullptr, "FS:lay+0"},
    {"B12", "strip", "roofing", 1, 2, 3, nullptr, "noise", "no_exam_days", ""},
    {"B12", "waterproof", "roofing", 1, 3, 5, nullptr, nullptr, "outside_frost", "FS:strip+0"},
    {"B12", "protect", "roofing", 1, 2, 3, nullptr, nullptr, "outside_frost", "FS:waterproof+1"},
    {"B13", "remove_bars", "facade", 1, 2, 2, nullptr, "noise", "no_exam_days", ""},
    {"B13", "plaster", "facade", 1, 4, 4, nullptr, nullptr, "outside_frost", "FS:remove_bars+0"},
    {"B13", "paint", "facade", 1, 3, 3, nullptr, nullptr, "outside_frost", "FS:plaster+2"},
    {"I09", "windows", "facade", 1, 3, 50, nullptr, nullptr, nullptr, "FS:B13.remove_bars+0"},
    {"I09", "insulate", "facade", 1, 5, 4, nullptr, nullptr, "outside_frost", "FS:windows+0"},
    {"I02", "plant", "greening", 1, 3, 2, nullptr, nullptr, nullptr, "FS:B05.pave+0"},
    {"I03", "build", "greening", 1, 4, 100, nullptr, "noise", "no_exam_days", ""},
    {"I05", "build", "paving", 1, 3, 100, nullptr, "road", nullptr, ""},
    {"I01", "demolish", "earthwork", 1, 2, 10, nullptr, "noise", "no_exam_days", ""},
    {"B10", "install", "electrical", 1, 2, 200, nullptr, nullptr, nullptr, ""},
    {"B14", "repair", "plumbing", 1, 3, 500, nullptr, nullptr, nullptr, ""},
};

// Quantities per building of each item (the budget's units: metres of pipe or cable, m² of road,
// roof or render, windows, lamps, stairwells …) and per estate (parking spaces, parks, m² of
// demolition and planting). An estate of b buildings gets per_building × b + per_estate.
struct Quantity {
  const char* item;
  double per_building, per_estate;
};
constexpr Quantity kQuantities[] = {
    {"B01", 50, 0},  {"B02", 60, 0},  {"B03", 40, 0},   {"B04", 40, 0},  {"B05", 150, 0},
    {"B06", 40, 0},  {"B07", 50, 0},  {"B11", 25, 0},   {"B12", 150, 0}, {"B13", 150, 0},
    {"I09", 15, 0},  {"I02", 0, 1000}, {"I03", 0, 10},  {"I05", 5, 0},   {"I01", 0, 100},
    {"B10", 3, 0},   {"B14", 3, 0},
};

// Crews of an area project of 20 estates: 4–6 crews of the busy types.
const std::map<std::string, int> kCrews = {{"pipe", 5},    {"electrical", 5}, {"paving", 4}, {"facade", 6},
                                           {"roofing", 4}, {"earthwork", 2},  {"greening", 2}, {"plumbing", 3}};

struct After {
  std::string type, ref;
  int lag = 0;
};
std::vector<After> ParseAfter(const std::string& text) {  // as the service reads step_template.after
  std::vector<After> out;
  std::stringstream in(text);
  std::string part;
  while (std::getline(in, part, ',')) {
    const auto colon = part.find(':'), plus = part.rfind('+');
    if (colon == std::string::npos || plus == std::string::npos || plus < colon) continue;
    out.push_back({part.substr(0, colon), part.substr(colon + 1, plus - colon - 1), std::stoi(part.substr(plus + 1))});
  }
  return out;
}

struct Project {
  std::vector<cc::Step> steps;  // expanded (openings generated)
  std::map<std::int64_t, std::int64_t> dwellings;
};

// 20 estates of 8–16 buildings of 36–44 dwellings; steps as ConstructionService::Propose makes them
// from the templates (code E<estate>.<item>.<suffix>, trenches on the segment E<estate>-main, the
// estate's buildings disrupted, road works after the resurfacing), then ExpandOpenings.
Project AreaProject(int estates) {
  Project out;
  std::uint64_t s = 2026;
  auto rnd = [&](int lo, int hi) {
    s = s * 6364136223846793005ull + 1442695040888963407ull;
    return lo + static_cast<int>((s >> 33) % static_cast<std::uint64_t>(hi - lo + 1));
  };
  std::vector<cc::Step> steps;
  for (int e = 1; e <= estates; ++e) {
    const std::int64_t estate = e;
    const std::string prefix = "E" + std::to_string(e) + ".";
    const int buildings = rnd(8, 16);
    std::vector<std::int64_t> ids;
    for (int b = 1; b <= buildings; ++b) {
      ids.push_back(estate * 100 + b);
      out.dwellings[ids.back()] = rnd(36, 44);
    }
    std::map<std::string, double> quantity;
    for (const auto& q : kQuantities) quantity[q.item] = q.per_building * buildings + q.per_estate;
    for (const auto& t : kTemplates) {
      cc::Step st;
      st.code = prefix + t.item + "." + t.suffix;
      st.name = st.code;
      st.item_code = t.item;
      st.estate_id = estate;
      const double extra = quantity[t.item] * t.milli_days_per_unit / 1000.0;
      st.duration_days = std::clamp(t.base_days + static_cast<int>(std::ceil(extra - 1e-9)), 1, cc::kMaxDuration);
      st.crew_type = t.crew;
      st.crew_count = t.crew_count;
      if (t.utility) st.trench = cc::Trench{"E" + std::to_string(e) + "-main", t.utility, false};
      if (t.disruption) st.disruption = cc::Disruption{t.disruption, ids};
      if (t.window) st.window = std::string(t.window);
      for (const auto& a : ParseAfter(t.after)) {
        const bool other_item = a.ref.find('.') != std::string::npos;
        st.predecessors.push_back({prefix + (other_item ? a.ref : std::string(t.item) + "." + a.ref), a.type, a.lag});
      }
      steps.push_back(std::move(st));
    }
    // Dig once, then pave (as Propose): the estate's road works follow the resurfacing of its trench.
    for (auto& st : steps)
      if (st.item_code == "B05" && st.estate_id == estate && st.predecessors.empty())
        st.predecessors.push_back({"resurface:E" + std::to_string(e) + "-main", "FS", 0});
  }
  out.steps = cc::ExpandOpenings(steps).steps;
  if (auto v = cc::ValidateSteps(out.steps, kCrews); !v) throw std::runtime_error(v.error().detail.en);
  return out;
}

// The official calendar as the service builds it for "every day but the official holidays": 2026's
// days off (REFERENCE.md §9); days of years not loaded are planned as ordinary days.
cc::PlanCalendar Calendar(cc::Date start, int horizon) {
  using namespace std::chrono;
  const std::pair<cc::Date, cc::Date> off[] = {
      {2026y / 1 / 1, 2026y / 1 / 3},  {2026y / 2 / 15, 2026y / 2 / 23}, {2026y / 4 / 4, 2026y / 4 / 6},
      {2026y / 5 / 1, 2026y / 5 / 5},  {2026y / 6 / 19, 2026y / 6 / 21}, {2026y / 9 / 25, 2026y / 9 / 27},
      {2026y / 10 / 1, 2026y / 10 / 7},
  };
  cc::PlanCalendar plan{start, std::vector<bool>(horizon, true)};
  for (int d = 0; d < horizon; ++d) {
    const sys_days day = sys_days{start} + days{d};
    for (auto [from, to] : off)
      if (day >= sys_days{from} && day <= sys_days{to}) plan.work[d] = false;
  }
  return plan;
}

// Northern seasons: heating 20 Oct – 20 Apr (wraps the year), frost 1 Nov – 31 Mar, exam days of
// the gaokao and the zhongkao.
cc::Seasons Northern() {
  cc::Seasons s;
  s.heating = cc::Season{{10, 20}, {4, 20}};
  s.frost = cc::Season{{11, 1}, {3, 31}};
  s.exam_days = {{6, 7}, {6, 8}, {6, 9}, {6, 24}, {6, 25}, {6, 26}};
  return s;
}

constexpr int kHorizon = 3 * 366;  // the service's horizon_days

long long EnvInt(const char* name, long long fallback) {
  const char* v = std::getenv(name);
  return v ? std::atoll(v) : fallback;
}

struct Run {
  double ms = 0;
  int makespan = 0, lower_bound = 0, resource_bound = 0;
  double disruption_days = 0, schedules = 0;
};
std::map<std::string, std::vector<Run>> g_runs;  // start date → runs

void BM_AreaProject(benchmark::State& state, cc::Date start, std::string label) {
  static const Project project = AreaProject(20);
  const cc::PlanCalendar plan = Calendar(start, kHorizon);
  const cc::Seasons seasons = Northern();
  cc::SolveOptions o;
  o.seed = static_cast<std::uint64_t>(state.range(0));
  o.time_limit_ms = static_cast<int>(EnvInt("TIME_LIMIT_MS", 1000));
  o.max_schedules = EnvInt("SCHEDULES", 0);
  if (o.max_schedules > 0) o.time_limit_ms = 600000;  // safety cap; the count decides
  Run run;
  cc::BuiltProblem built;
  cc::Schedule last;
  for (auto _ : state) {
    const auto t0 = std::chrono::steady_clock::now();
    auto b = cc::BuildProblem(project.steps, kCrews, plan, seasons, project.dwellings);
    if (!b) throw std::runtime_error(b.error().detail.en);
    auto r = cc::Solve(b->problem, o);
    if (!r) throw std::runtime_error(r.error().detail.en);
    run.ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    built = std::move(*b);
    last = std::move(*r);
  }
  if (auto ok = cc::CheckSchedule(built.problem, last); !ok) throw std::runtime_error(ok.error().detail.en);
  run.makespan = last.makespan;
  run.lower_bound = last.lower_bound;
  run.resource_bound = last.resource_bound;
  run.disruption_days = static_cast<double>(last.disruption_days);
  run.schedules = static_cast<double>(last.schedules_evaluated);
  g_runs[label].push_back(run);
  // FINGERPRINT=1: one line per run with a hash of the starts, to compare engines at a fixed
  // SCHEDULES (same seed and count → same schedule when the algorithm is unchanged).
  if (EnvInt("FINGERPRINT", 0) != 0) {
    std::uint64_t h = 1469598103934665603ull;
    for (const auto& a : last.activities) h = (h ^ static_cast<std::uint64_t>(a.start)) * 1099511628211ull;
    std::fprintf(stderr, "fingerprint %s seed %lld: %016llx makespan %d disruption %lld\n", label.c_str(),
                 static_cast<long long>(o.seed), static_cast<unsigned long long>(h), last.makespan,
                 static_cast<long long>(last.disruption_days));
  }
  state.counters["steps"] = static_cast<double>(built.problem.activities.size());
  state.counters["makespan"] = run.makespan;
  state.counters["lower_bound"] = run.lower_bound;
  state.counters["resource_bound"] = run.resource_bound;
  state.counters["gap_cp_pct"] = 100.0 * (run.makespan - run.lower_bound) / std::max(1, run.lower_bound);
  state.counters["gap_rb_pct"] = 100.0 * (run.makespan - run.resource_bound) / std::max(1, run.resource_bound);
  state.counters["disruption_days"] = run.disruption_days;
  state.counters["schedules"] = run.schedules;
  state.counters["schedules_per_s"] = run.schedules / std::max(run.ms, 1e-3) * 1000.0;
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n == 0 ? 0 : n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

void PrintMedians() {
  std::printf("\n| start | runs | time ms | makespan | critical path | resource bound | gap to CP | gap to RB | "
              "disruption-days | schedules | schedules/s |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
  for (const auto& [label, runs] : g_runs) {
    auto med = [&](auto f) {
      std::vector<double> v;
      for (const Run& r : runs) v.push_back(f(r));
      return Median(v);
    };
    const double ms = med([](const Run& r) { return r.ms; });
    const double makespan = med([](const Run& r) { return r.makespan; });
    const double cp = med([](const Run& r) { return r.lower_bound; });
    const double rb = med([](const Run& r) { return r.resource_bound; });
    std::printf("| %s | %zu | %.0f | %.0f | %.0f | %.0f | %.1f %% | %.1f %% | %.0f | %.0f | %.0f |\n", label.c_str(),
                runs.size(), ms, makespan, cp, rb,
                med([](const Run& r) { return 100.0 * (r.makespan - r.lower_bound) / std::max(1, r.lower_bound); }),
                med([](const Run& r) { return 100.0 * (r.makespan - r.resource_bound) / std::max(1, r.resource_bound); }),
                med([](const Run& r) { return r.disruption_days; }), med([](const Run& r) { return r.schedules; }),
                med([](const Run& r) { return r.schedules / std::max(r.ms, 1e-3) * 1000.0; }));
  }
}

}  // namespace

int main(int argc, char** argv) {
  using namespace std::chrono;
  const long long runs = std::max(1LL, EnvInt("RUNS", 5));
  for (auto [date, label] : {std::pair{cc::Date{2026y / 4 / 21}, "2026-04-21"}, {cc::Date{2026y / 3 / 2}, "2026-03-02"}})
    benchmark::RegisterBenchmark((std::string("BM_AreaProject/") + label).c_str(), BM_AreaProject, date,
                                 std::string(label))
        ->DenseRange(1, static_cast<int>(runs))
        ->ArgName("seed")
        ->Unit(benchmark::kMillisecond)
        ->Iterations(1);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  PrintMedians();
  return 0;
}
