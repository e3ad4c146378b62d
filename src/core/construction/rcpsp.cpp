// The RCPSP engine: activity lists decoded by the serial schedule-generation scheme (SGS), a
// genetic algorithm over them with double justification, lower bounds for an early stop, then a
// disruption post-pass at fixed makespan. Design and sources: docs/decisions/0013-rcpsp.md.
//
// Sources of the techniques (not of business rules):
// - serial SGS and activity lists: Kolisch & Hartmann, "Heuristic algorithms for the
//   resource-constrained project scheduling problem", 1999;
// - the GA (two-point crossover, adjacent-swap mutation): Hartmann, Naval Research Logistics 45, 1998;
// - double justification: Valls, Ballestín & Quintanilla, EJOR 165, 2005;
// - regret-based biased random sampling: Kolisch & Drexl, 1996;
// - the benchmark instances: Kolisch & Sprecher, PSPLIB, EJOR 96, 1996.
#include "core/construction/rcpsp.hpp"

#include <algorithm>
#include <bit>
#include <chrono>
#include <climits>
#include <cmath>
#include <map>
#include <numeric>
#include <random>
#include <unordered_set>

namespace huanxin::core::construction {
namespace {

using SteadyClock = std::chrono::steady_clock;

// ---------------------------------------------------------------------------------------------
// The problem as the engine reads it: demands without zeros, successor lists, deduplicated day flags.

struct Successor {
  int to = 0;
  PrecedenceType type = PrecedenceType::kFinishStart;
  int lag = 0;
};

struct Model {
  int n = 0;
  int resources = 0;
  int horizon = 0;
  int days = 0;  // an upper bound of any serial-SGS makespan: the profile's length
  std::vector<int> capacity;
  std::vector<int> duration;
  std::vector<std::vector<std::pair<int, int>>> demand;  // (resource, amount > 0)
  std::vector<std::vector<Precedence>> preds;
  std::vector<std::vector<Successor>> succs;
  std::vector<std::vector<std::uint8_t>> flags;  // deduplicated calendars, one byte per day
  std::vector<int> work;                         // index into flags or -1 (every day)
  std::vector<int> forbidden;                    // index into flags or -1 (none)
  std::vector<int> rank;                         // position in a fixed topological order
  std::vector<int> topo;
  std::vector<std::vector<int>> group_members;   // activities disrupting each group
  std::vector<std::int64_t> weights;
  bool calendars = false;
  bool shared_groups = false;  // some group with weight > 0 has two or more activities

  bool Plain(int j) const { return work[j] < 0 && forbidden[j] < 0; }
  bool Work(int j, int t) const { return work[j] < 0 || t >= horizon || flags[work[j]][t] != 0; }
  bool Forbidden(int j, int t) const { return forbidden[j] >= 0 && t < horizon && flags[forbidden[j]][t] != 0; }
};

int Intern(const std::vector<bool>& v, std::map<std::vector<bool>, int>& seen, std::vector<std::vector<std::uint8_t>>& flags) {
  if (v.empty()) return -1;
  auto [it, fresh] = seen.emplace(v, static_cast<int>(flags.size()));
  if (fresh) flags.emplace_back(v.begin(), v.end());
  return it->second;
}

// Precondition: Validate(problem) passed (acyclic, indices in range).
Model BuildModel(const Problem& p) {
  Model m;
  m.n = static_cast<int>(p.activities.size());
  m.resources = static_cast<int>(p.capacities.size());
  m.horizon = p.horizon;
  m.capacity = p.capacities;
  m.duration.resize(m.n);
  m.demand.resize(m.n);
  m.preds.resize(m.n);
  m.succs.resize(m.n);
  m.work.resize(m.n);
  m.forbidden.resize(m.n);
  m.weights = p.group_weights;
  m.group_members.resize(p.group_weights.size());
  std::map<std::vector<bool>, int> seen;
  long long days = static_cast<long long>(p.horizon) + 2;
  for (int j = 0; j < m.n; ++j) {
    const Activity& a = p.activities[j];
    m.duration[j] = a.duration;
    days += a.duration;
    for (const Demand& d : a.demands)
      if (d.amount > 0) m.demand[j].emplace_back(d.resource, d.amount);
    int max_lag = 0;
    for (const Precedence& pr : a.predecessors) {
      m.preds[j].push_back(pr);
      m.succs[pr.predecessor].push_back({j, pr.type, pr.lag});
      max_lag = std::max(max_lag, pr.lag);
    }
    days += max_lag;
    m.work[j] = Intern(a.work_days, seen, m.flags);
    m.forbidden[j] = Intern(a.forbidden, seen, m.flags);
    if (!m.Plain(j)) m.calendars = true;
    std::vector<int> groups = a.disrupts;
    std::sort(groups.begin(), groups.end());
    groups.erase(std::unique(groups.begin(), groups.end()), groups.end());
    for (int g : groups) m.group_members[g].push_back(j);
  }
  // Serial SGS bound: an activity starts at the latest at max(horizon, the previous finish) plus its
  // largest lag, every day from there on being a free work day; so days ≤ horizon + Σ(d + max lag).
  m.days = static_cast<int>(std::min<long long>(days, INT_MAX / 4));
  for (std::size_t g = 0; g < m.group_members.size(); ++g)
    if (m.weights[g] > 0 && m.group_members[g].size() >= 2) m.shared_groups = true;
  // Kahn's algorithm, smallest index first: a fixed topological order for ties.
  std::vector<int> missing(m.n);
  for (int j = 0; j < m.n; ++j) missing[j] = static_cast<int>(m.preds[j].size());
  std::vector<int> ready;
  for (int j = m.n - 1; j >= 0; --j)
    if (missing[j] == 0) ready.push_back(j);
  m.rank.assign(m.n, 0);
  while (!ready.empty()) {
    std::pop_heap(ready.begin(), ready.end(), std::greater<>());
    int j = ready.back();
    ready.pop_back();
    m.rank[j] = static_cast<int>(m.topo.size());
    m.topo.push_back(j);
    for (const Successor& s : m.succs[j])
      if (--missing[s.to] == 0) {
        ready.push_back(s.to);
        std::push_heap(ready.begin(), ready.end(), std::greater<>());
      }
  }
  return m;
}

// ---------------------------------------------------------------------------------------------
// The decoder: a resource profile (usage per resource and day) and the two placements.

class Decoder {
 public:
  explicit Decoder(const Model& m)
      : m_(m), days_(std::max(m.days, 1)), usage_(static_cast<std::size_t>(m.resources) * days_, 0),
        start(m.n, 0), end(m.n, -1), mark_(days_, 0) {}

  // Serial SGS: each activity of `list` (a topological order) at its earliest precedence-, calendar-
  // and resource-feasible start, not before release[j] when given. Returns the makespan.
  int Serial(const std::vector<int>& list, const std::vector<int>* release = nullptr) {
    Clear();
    for (int j : list) {
      int est = release ? (*release)[j] : 0;
      for (const Precedence& pr : m_.preds[j])
        est = std::max(est, pr.type == PrecedenceType::kFinishStart ? end[pr.predecessor] + 1 + pr.lag
                                                                    : start[pr.predecessor] + pr.lag);
      int e = 0;
      start[j] = Earliest(j, est, &e, true);
      end[j] = e;
      Apply(j, +1);
    }
    return Makespan();
  }

  // Double justification of the current schedule: every activity, latest end first, shifted as far
  // right as it goes without passing the makespan; then a serial SGS over the right-justified starts.
  // Neither step can lengthen the schedule (each start of the second pass ≤ the right-justified one:
  // the activities placed before it, in start order, only moved left, so its slot stays free).
  int Justify(std::vector<int>& order) {
    const int makespan = Makespan();
    order = m_.topo;
    std::sort(order.begin(), order.end(), [&](int a, int b) {
      return end[a] != end[b] ? end[a] > end[b] : m_.rank[a] > m_.rank[b];
    });
    for (int a : order) {
      int latest_end = makespan - 1, latest_start = INT_MAX;
      for (const Successor& s : m_.succs[a]) {
        if (s.type == PrecedenceType::kFinishStart)
          latest_end = std::min(latest_end, start[s.to] - 1 - s.lag);
        else
          latest_start = std::min(latest_start, start[s.to] - s.lag);
      }
      latest_start = std::min(latest_start, latest_end + 1);
      Apply(a, -1);
      int s = 0, e = 0;
      if (Latest(a, latest_start, latest_end, &s, &e) && s >= start[a]) {
        start[a] = s;
        end[a] = e;
      }
      Apply(a, +1);
    }
    SortByStart(order);
    return Serial(order);
  }

  // `order` := all activities by current start, ties in topological rank (a valid activity list).
  void SortByStart(std::vector<int>& order) const {
    order = m_.topo;
    std::sort(order.begin(), order.end(),
              [&](int a, int b) { return start[a] != start[b] ? start[a] < start[b] : m_.rank[a] < m_.rank[b]; });
  }

  int Makespan() const {
    int ms = 0;
    for (int j = 0; j < m_.n; ++j) ms = std::max(ms, end[j] + 1);
    return ms;
  }

  // Σ_g weight(g) × |days some member of g works|.
  std::int64_t Disruption() {
    std::int64_t total = 0;
    for (std::size_t g = 0; g < m_.group_members.size(); ++g) {
      if (m_.weights[g] == 0 || m_.group_members[g].empty()) continue;
      ++stamp_;
      std::int64_t count = 0;
      for (int j : m_.group_members[g])
        for (int t = start[j]; t <= end[j]; ++t)
          if (m_.Work(j, t) && mark_[t] != stamp_) {
            mark_[t] = stamp_;
            ++count;
          }
      total += m_.weights[g] * count;
    }
    return total;
  }

  // The first start ≥ est that is a work day, whose span avoids the forbidden days and (with
  // `resources`) whose worked days leave the crews within capacity. *last = its last worked day.
  int Earliest(int j, int est, int* last, bool resources) {
    const int d = m_.duration[j];
    int t = std::max(est, 0);
    if (m_.Plain(j)) {
      if (d == 0 || !resources) {
        *last = t + d - 1;
        return t;
      }
      for (;;) {
        Reserve(t + d);
        int conflict = -1;
        for (auto [r, q] : m_.demand[j]) {
          const int* u = &usage_[static_cast<std::size_t>(r) * days_];
          const int limit = m_.capacity[r] - q;
          for (int tau = t + d - 1; tau > conflict && tau >= t; --tau)
            if (u[tau] > limit) {
              conflict = tau;
              break;
            }
        }
        if (conflict < 0) break;
        t = conflict + 1;  // every start up to the conflict day would work on it too
      }
      *last = t + d - 1;
      return t;
    }
    for (;;) {
      while (!m_.Work(j, t)) ++t;
      int conflict = -1, worked = 0, tau = t;
      if (d == 0) {
        if (!m_.Forbidden(j, t)) break;
        conflict = t;
      } else {
        for (;; ++tau) {
          if (m_.Forbidden(j, tau)) {
            conflict = tau;
            break;
          }
          if (!m_.Work(j, tau)) continue;
          if (resources && !Fits(j, tau)) {
            conflict = tau;
            break;
          }
          if (++worked == d) break;
        }
      }
      if (conflict < 0) {
        *last = tau;
        return t;
      }
      t = conflict + 1;  // every later start ≤ the conflict day still works or spans it
    }
    *last = t - 1;
    return t;
  }

  // The latest start ≤ latest_start whose last worked day ≤ latest_end (work day, no forbidden day in
  // the span, crews within capacity). False when there is none from day 0.
  bool Latest(int j, int latest_start, int latest_end, int* s, int* e) {
    const int d = m_.duration[j];
    if (m_.Plain(j)) {
      int t = std::min(latest_start, latest_end - d + 1);
      for (;;) {
        if (t < 0) return false;
        int conflict = INT_MAX;
        for (auto [r, q] : m_.demand[j]) {
          const int* u = &usage_[static_cast<std::size_t>(r) * days_];
          const int limit = m_.capacity[r] - q;
          for (int tau = t; tau < conflict && tau <= t + d - 1; ++tau)
            if (u[tau] > limit) {
              conflict = tau;
              break;
            }
        }
        if (conflict == INT_MAX) break;
        t = conflict - d;  // the span must end before the conflict day
      }
      *s = t;
      *e = t + d - 1;
      return true;
    }
    int t = latest_start;
    for (;;) {
      // The latest work day ≤ t whose span ends by latest_end.
      int last = 0;
      for (;; --t) {
        if (t < 0) return false;
        if (!m_.Work(j, t)) continue;
        last = SpanEnd(j, t);
        if (last <= latest_end) break;
      }
      int conflict = -1;
      if (d == 0) {
        if (m_.Forbidden(j, t)) conflict = t;
      } else {
        for (int tau = t; tau <= last; ++tau)
          if (m_.Forbidden(j, tau) || (m_.Work(j, tau) && !Fits(j, tau))) {
            conflict = tau;
            break;
          }
      }
      if (conflict < 0) {
        *s = t;
        *e = last;
        return true;
      }
      latest_end = conflict - 1;  // an earlier start spanning the conflict day fails again
      t = t - 1;
    }
  }

  void Apply(int j, int sign) {
    if (end[j] < start[j]) return;
    Reserve(end[j] + 1);
    hi_ = std::max(hi_, end[j] + 1);
    const bool plain = m_.Plain(j);
    for (auto [r, q] : m_.demand[j]) {
      int* u = &usage_[static_cast<std::size_t>(r) * days_];
      for (int t = start[j]; t <= end[j]; ++t)
        if (plain || m_.Work(j, t)) u[t] += sign * q;
    }
  }

  // Usage of resource r on day t by everything placed.
  int Usage(int r, int t) const { return t < days_ ? usage_[static_cast<std::size_t>(r) * days_ + t] : 0; }

 private:
  bool Fits(int j, int t) {
    Reserve(t + 1);
    for (auto [r, q] : m_.demand[j])
      if (usage_[static_cast<std::size_t>(r) * days_ + t] + q > m_.capacity[r]) return false;
    return true;
  }

  int SpanEnd(int j, int t) const {
    int worked = 0;
    if (m_.duration[j] == 0) return t - 1;
    for (;; ++t)
      if (m_.Work(j, t) && ++worked == m_.duration[j]) return t;
  }

  void Clear() {
    for (int r = 0; r < m_.resources; ++r)
      std::fill_n(usage_.begin() + static_cast<std::ptrdiff_t>(r) * days_, std::min(hi_, days_), 0);
    hi_ = 0;
    std::fill(end.begin(), end.end(), -1);
    std::fill(start.begin(), start.end(), 0);
  }

  // The bound of BuildModel makes this a no-op; kept so that no input can index past the profile.
  void Reserve(int needed) {
    if (needed <= days_) return;
    int grown = std::max(needed, days_ * 2);
    std::vector<int> usage(static_cast<std::size_t>(m_.resources) * grown, 0);
    for (int r = 0; r < m_.resources; ++r)
      std::copy_n(usage_.begin() + static_cast<std::ptrdiff_t>(r) * days_, days_,
                  usage.begin() + static_cast<std::ptrdiff_t>(r) * grown);
    usage_.swap(usage);
    mark_.resize(grown, 0);
    days_ = grown;
  }

  const Model& m_;
  int days_;
  std::vector<int> usage_;

 public:
  std::vector<int> start;
  std::vector<int> end;

 private:
  std::vector<std::uint32_t> mark_;
  std::uint32_t stamp_ = 0;
  int hi_ = 0;
};

// ---------------------------------------------------------------------------------------------
// Lower bounds.

// Earliest starts on the calendars, resources ignored: the header's lower_bound.
int CriticalPath(const Model& m, Decoder& dec) {
  std::vector<int> start(m.n, 0), end(m.n, -1);
  int ms = 0;
  for (int j : m.topo) {
    int est = 0;
    for (const Precedence& pr : m.preds[j])
      est = std::max(est, pr.type == PrecedenceType::kFinishStart ? end[pr.predecessor] + 1 + pr.lag
                                                                  : start[pr.predecessor] + pr.lag);
    start[j] = dec.Earliest(j, est, &end[j], false);
    ms = std::max(ms, end[j] + 1);
  }
  return ms;
}

// Every resource works at most its capacity per day: ceil(Σ duration × demand / capacity).
int EnergyBound(const Model& m) {
  std::vector<long long> energy(m.resources, 0);
  for (int j = 0; j < m.n; ++j)
    for (auto [r, q] : m.demand[j]) energy[r] += static_cast<long long>(m.duration[j]) * q;
  long long best = 0;
  for (int r = 0; r < m.resources; ++r)
    if (m.capacity[r] > 0) best = std::max(best, (energy[r] + m.capacity[r] - 1) / m.capacity[r]);
  return static_cast<int>(std::min<long long>(best, INT_MAX));
}

// Activities pairwise unable to work on the same day (together above some capacity, or linked by a
// finish–start precedence) work on distinct days: the sum of their durations is a bound. Greedy
// cliques from the longest activities.
int CliqueBound(const Model& m) {
  std::vector<int> by_length;
  for (int j = 0; j < m.n; ++j)
    if (m.duration[j] > 0) by_length.push_back(j);
  std::sort(by_length.begin(), by_length.end(), [&](int a, int b) { return m.duration[a] > m.duration[b]; });
  if (by_length.size() > 3000) return 0;  // quadratic: skip on huge projects
  std::vector<int> need_a(m.resources);
  auto disjoint = [&](int a, int b) {
    for (const Successor& s : m.succs[a])
      if (s.to == b && s.type == PrecedenceType::kFinishStart) return true;
    for (const Successor& s : m.succs[b])
      if (s.to == a && s.type == PrecedenceType::kFinishStart) return true;
    std::fill(need_a.begin(), need_a.end(), 0);
    for (auto [r, q] : m.demand[a]) need_a[r] = q;
    for (auto [r, q] : m.demand[b])
      if (need_a[r] + q > m.capacity[r]) return true;
    return false;
  };
  const std::size_t seeds = by_length.size() <= 300 ? by_length.size() : 1;
  int best = 0;
  std::vector<int> clique;
  for (std::size_t s = 0; s < seeds; ++s) {
    clique.assign(1, by_length[s]);
    int sum = m.duration[by_length[s]];
    for (int j : by_length) {
      if (j == by_length[s]) continue;
      bool all = true;
      for (int c : clique)
        if (!disjoint(c, j)) {
          all = false;
          break;
        }
      if (all) {
        clique.push_back(j);
        sum += m.duration[j];
      }
    }
    best = std::max(best, sum);
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// The search.

struct Candidate {
  std::vector<int> list;
  int makespan = INT_MAX;
  std::int64_t disruption = 0;
  std::uint64_t hash = 0;
};

bool Better(int ms_a, std::int64_t dis_a, int ms_b, std::int64_t dis_b) {
  return ms_a != ms_b ? ms_a < ms_b : dis_a < dis_b;
}

class Search {
 public:
  Search(const Model& m, const SolveOptions& options, int lower_bound)
      : m_(m), options_(options), dec_(m), rng_(options.seed), lower_bound_(lower_bound),
        deadline_(SteadyClock::now() + std::chrono::milliseconds(std::max(options.time_limit_ms, 1))) {
    Priorities();
  }

  // GA until the budget (all of it, or 90 % when the disruption post-pass follows) or the bound.
  void Run() {
    const bool post = m_.shared_groups;
    const long long ga_schedules = options_.max_schedules > 0
                                       ? (post ? options_.max_schedules * 9 / 10 : options_.max_schedules)
                                       : LLONG_MAX;
    const auto ga_deadline = post ? SteadyClock::now() + (deadline_ - SteadyClock::now()) * 9 / 10 : deadline_;
    Genetic(ga_schedules, ga_deadline);
    if (post) Disruption();
  }

  const Candidate& best() const { return best_; }
  const std::vector<int>& best_release() const { return best_release_; }
  long long evaluated() const { return evaluated_; }
  Decoder& decoder() { return dec_; }

 private:
  bool Done(long long cap, SteadyClock::time_point deadline) {
    if (evaluated_ >= cap) return true;
    if (options_.max_schedules > 0 && evaluated_ >= options_.max_schedules) return true;
    if ((++checks_ & 15) == 0 && SteadyClock::now() >= deadline) timed_out_ = true;
    return timed_out_;
  }
  bool AtBound() const { return best_.makespan <= lower_bound_; }

  // Priority values, smaller first: latest finish (LFT), latest start, −total successors (MTS),
  // −rank-positional weight (GRPW); resources ignored.
  void Priorities() {
    std::vector<int> lf(m_.n, 0), ls(m_.n, 0), grpw(m_.n, 0);
    int ub = 0;
    for (int j = 0; j < m_.n; ++j) ub += m_.duration[j] + 1;
    for (auto it = m_.topo.rbegin(); it != m_.topo.rend(); ++it) {
      int j = *it;
      int f = ub;
      for (const Successor& s : m_.succs[j]) {
        if (s.type == PrecedenceType::kFinishStart)
          f = std::min(f, ls[s.to] - 1 - s.lag);
        else
          f = std::min(f, ls[s.to] - s.lag + m_.duration[j] - 1);
        grpw[j] += m_.duration[s.to];
      }
      lf[j] = f;
      ls[j] = f - m_.duration[j] + 1;
      grpw[j] += m_.duration[j];
    }
    // Total successors by reverse topological bitsets when affordable, else direct successors.
    std::vector<int> mts(m_.n, 0);
    if (m_.n <= 4000) {
      const std::size_t words = (static_cast<std::size_t>(m_.n) + 63) / 64;
      std::vector<std::uint64_t> reach(words * m_.n, 0);
      for (auto it = m_.topo.rbegin(); it != m_.topo.rend(); ++it) {
        int j = *it;
        std::uint64_t* row = &reach[words * j];
        for (const Successor& s : m_.succs[j]) {
          row[s.to / 64] |= std::uint64_t{1} << (s.to % 64);
          const std::uint64_t* other = &reach[words * s.to];
          for (std::size_t w = 0; w < words; ++w) row[w] |= other[w];
        }
        for (std::size_t w = 0; w < words; ++w) mts[j] += std::popcount(row[w]);
      }
    } else {
      for (int j = 0; j < m_.n; ++j) mts[j] = static_cast<int>(m_.succs[j].size());
    }
    rules_.assign(4, std::vector<double>(m_.n));
    for (int j = 0; j < m_.n; ++j) {
      rules_[0][j] = lf[j];
      rules_[1][j] = ls[j];
      rules_[2][j] = -mts[j];
      rules_[3][j] = -grpw[j];
    }
  }

  // An activity list by a priority rule: deterministic (alpha < 0) or regret-biased random sampling,
  // P(j) ∝ (max_i v_i − v_j + 1)^alpha over the eligible activities.
  std::vector<int> Sample(const std::vector<double>& v, double alpha) {
    std::vector<int> missing(m_.n), eligible, list;
    list.reserve(m_.n);
    for (int j = 0; j < m_.n; ++j) {
      missing[j] = static_cast<int>(m_.preds[j].size());
      if (missing[j] == 0) eligible.push_back(j);
    }
    std::vector<double> w;
    while (!eligible.empty()) {
      std::size_t pick = 0;
      if (alpha < 0) {
        for (std::size_t i = 1; i < eligible.size(); ++i) {
          int a = eligible[i], b = eligible[pick];
          if (v[a] < v[b] || (v[a] == v[b] && m_.rank[a] < m_.rank[b])) pick = i;
        }
      } else {
        double hi = -1e300;
        for (int j : eligible) hi = std::max(hi, v[j]);
        w.resize(eligible.size());
        double sum = 0;
        for (std::size_t i = 0; i < eligible.size(); ++i) sum += w[i] = std::pow(hi - v[eligible[i]] + 1, alpha);
        double x = std::uniform_real_distribution<double>(0, sum)(rng_);
        while (pick + 1 < eligible.size() && x >= w[pick]) x -= w[pick++];
      }
      int j = eligible[pick];
      eligible[pick] = eligible.back();
      eligible.pop_back();
      list.push_back(j);
      for (const Successor& s : m_.succs[j])
        if (--missing[s.to] == 0) eligible.push_back(s.to);
    }
    return list;
  }

  // Decode, justify, and write the justified start order back into the list (Lamarckian).
  void Evaluate(Candidate& c) {
    dec_.Serial(c.list);
    ++evaluated_;
    c.makespan = dec_.Justify(c.list);
    ++evaluated_;
    dec_.SortByStart(c.list);
    c.disruption = m_.shared_groups ? dec_.Disruption() : 0;
    std::uint64_t h = 1469598103934665603ull;
    for (int j = 0; j < m_.n; ++j) h = (h ^ static_cast<std::uint64_t>(dec_.start[j])) * 1099511628211ull;
    c.hash = h;
    if (Better(c.makespan, c.disruption, best_.makespan, best_.disruption)) {
      best_ = c;
      improved_ = true;
    }
  }

  Candidate Fresh(int index) {
    Candidate c;
    if (index < static_cast<int>(rules_.size()))
      c.list = Sample(rules_[index], -1);
    else
      c.list = Sample(rules_[index % 2 == 0 ? 0 : index % rules_.size()],
                      std::uniform_real_distribution<double>(0.5, 3.0)(rng_));
    Evaluate(c);
    return c;
  }

  // Two-point crossover (Hartmann 1998): mother's head and tail, father's order in between.
  std::vector<int> Cross(const std::vector<int>& mother, const std::vector<int>& father) {
    std::uniform_int_distribution<int> cut(0, m_.n);
    int q1 = cut(rng_), q2 = cut(rng_);
    if (q1 > q2) std::swap(q1, q2);
    std::vector<int> child;
    child.reserve(m_.n);
    taken_.assign(m_.n, 0);
    auto take = [&](const std::vector<int>& from, std::size_t upto) {
      for (int j : from) {
        if (child.size() >= upto) break;
        if (!taken_[j]) {
          taken_[j] = 1;
          child.push_back(j);
        }
      }
    };
    take(mother, q1);
    take(father, q2);
    take(mother, m_.n);
    return child;
  }

  // Swaps neighbours not linked by a precedence; shifts one activity within its precedence range.
  void Mutate(std::vector<int>& list) {
    std::uniform_real_distribution<double> u(0, 1);
    const double pm = 2.0 / std::max(m_.n, 1);
    for (int i = 0; i + 1 < m_.n; ++i)
      if (u(rng_) < pm && !Linked(list[i], list[i + 1])) std::swap(list[i], list[i + 1]);
    if (u(rng_) < 0.5 && m_.n > 1) Shift(list, std::uniform_int_distribution<int>(0, m_.n - 1)(rng_));
  }

  bool Linked(int a, int b) const {
    for (const Successor& s : m_.succs[a])
      if (s.to == b) return true;
    return false;
  }

  // Moves list[i] to a random position between its last predecessor and first successor.
  void Shift(std::vector<int>& list, int i) {
    const int j = list[i];
    int lo = i, hi = i;
    while (lo > 0 && !Linked(list[lo - 1], j)) --lo;
    while (hi + 1 < m_.n && !Linked(j, list[hi + 1])) ++hi;
    int to = std::uniform_int_distribution<int>(lo, hi)(rng_);
    if (to < i)
      std::rotate(list.begin() + to, list.begin() + i, list.begin() + i + 1);
    else if (to > i)
      std::rotate(list.begin() + i, list.begin() + i + 1, list.begin() + to + 1);
  }

  void Genetic(long long cap, SteadyClock::time_point deadline) {
    const int size = std::clamp(m_.n, 20, 60);
    std::vector<Candidate> pop;
    for (int i = 0; i < size && !(i > 0 && Done(cap, deadline)) && !AtBound(); ++i) pop.push_back(Fresh(i));
    int stall = 0;
    std::uniform_int_distribution<int> any(0, size - 1);
    std::vector<Candidate> next;
    std::unordered_set<std::uint64_t> seen;
    while (!Done(cap, deadline) && !AtBound()) {
      improved_ = false;
      next = pop;
      auto pick = [&]() -> const Candidate& {
        const Candidate& a = pop[any(rng_) % pop.size()];
        const Candidate& b = pop[any(rng_) % pop.size()];
        return Better(a.makespan, a.disruption, b.makespan, b.disruption) ? a : b;
      };
      for (int k = 0; k < size && !Done(cap, deadline) && !AtBound(); ++k) {
        Candidate child;
        child.list = Cross(pick().list, pick().list);
        Mutate(child.list);
        Evaluate(child);
        next.push_back(std::move(child));
      }
      // (μ + λ) survival without duplicate schedules; refill with fresh samples.
      std::stable_sort(next.begin(), next.end(), [](const Candidate& a, const Candidate& b) {
        return Better(a.makespan, a.disruption, b.makespan, b.disruption);
      });
      pop.clear();
      seen.clear();
      for (Candidate& c : next)
        if (static_cast<int>(pop.size()) < size && seen.insert(c.hash).second) pop.push_back(std::move(c));
      stall = improved_ ? 0 : stall + 1;
      // Restart around the best after a long stall: keep the best few, sample the rest anew.
      if (stall >= 30) {
        stall = 0;
        pop.resize(std::min<std::size_t>(pop.size(), 3));
      }
      while (static_cast<int>(pop.size()) < size && !Done(cap, deadline) && !AtBound()) {
        Candidate c = Fresh(static_cast<int>(rules_.size()) + static_cast<int>(pop.size()));
        if (seen.insert(c.hash).second) pop.push_back(std::move(c));
      }
    }
  }

  // Post-pass at fixed makespan: delay an activity so that it works beside another of its group
  // (same first or last day), or move it right after that activity in the list; keep a change when
  // the makespan does not grow and the disruption-days drop. Rounds until none helps.
  void Disruption() {
    std::vector<int> list = best_.list, release(m_.n, 0);
    int ms = best_.makespan;
    std::int64_t dis = best_.disruption;
    best_release_ = release;
    auto attempt = [&](const std::vector<int>& l, const std::vector<int>& rel) {
      int got = dec_.Serial(l, &rel);
      ++evaluated_;
      std::int64_t d = dec_.Disruption();
      if (got <= ms && Better(got, d, ms, dis)) {
        ms = got;
        dis = d;
        list = l;
        release = rel;
        best_.list = list;
        best_.makespan = ms;
        best_.disruption = dis;
        best_release_ = release;
        return true;
      }
      return false;
    };
    bool progress = true;
    const long long cap = options_.max_schedules > 0 ? options_.max_schedules : LLONG_MAX;
    while (progress && !Done(cap, deadline_)) {
      progress = false;
      for (const auto& members : m_.group_members) {
        if (members.size() < 2) continue;
        for (int j : members)
          for (int i : members) {
            if (i == j || Done(cap, deadline_)) continue;
            dec_.Serial(list, &release);
            ++evaluated_;
            const int si = dec_.start[i], ei = dec_.end[i], sj = dec_.start[j];
            for (int target : {si, ei - m_.duration[j] + 1}) {
              if (target <= sj) continue;
              std::vector<int> rel = release;
              rel[j] = target;
              if (attempt(list, rel)) {
                progress = true;
                break;
              }
            }
            // Reorder: j right after i when the precedences allow it.
            std::vector<int> l = list;
            auto pi = std::find(l.begin(), l.end(), i), pj = std::find(l.begin(), l.end(), j);
            std::vector<int> rel = release;
            rel[j] = 0;
            if (pj < pi) {
              bool ok = true;
              for (auto it = pj + 1; it <= pi; ++it)
                if (Linked(j, *it)) ok = false;
              if (ok) std::rotate(pj, pj + 1, pi + 1);
              if (ok && attempt(l, rel)) progress = true;
            } else if (pj > pi + 1) {
              bool ok = true;
              for (auto it = pi + 1; it < pj; ++it)
                if (Linked(*it, j)) ok = false;
              if (ok) std::rotate(pi + 1, pj, pj + 1);
              if (ok && attempt(l, rel)) progress = true;
            }
          }
      }
    }
  }

  const Model& m_;
  const SolveOptions& options_;
  Decoder dec_;
  std::mt19937_64 rng_;
  int lower_bound_;
  SteadyClock::time_point deadline_;
  std::vector<std::vector<double>> rules_;
  std::vector<char> taken_;
  Candidate best_;
  std::vector<int> best_release_;
  long long evaluated_ = 0;
  unsigned checks_ = 0;
  bool timed_out_ = false;
  bool improved_ = false;
};

// Why each activity starts when it does, and the critical chain (see ScheduledActivity).
void Explain(const Model& m, const Problem& p, Decoder& dec, Schedule& out) {
  const int n = m.n;
  std::vector<int> tight(n, -1);  // the predecessor whose precedence fixes the start, if any
  for (int j = 0; j < n; ++j) {
    ScheduledActivity& a = out.activities[j];
    int est = 0, by = -1;
    for (const Precedence& pr : m.preds[j]) {
      int t = pr.type == PrecedenceType::kFinishStart ? dec.end[pr.predecessor] + 1 + pr.lag
                                                      : dec.start[pr.predecessor] + pr.lag;
      if (t > est) {
        est = t;
        by = pr.predecessor;
      }
    }
    tight[j] = by;
    if (a.start == 0) {
      a.bound = BoundKind::kStart;
      continue;
    }
    if (a.start == est) {
      a.bound = BoundKind::kPredecessor;
      a.ref = by;
      continue;
    }
    int first = est;
    while (!m.Work(j, first)) ++first;
    if (a.start == first) {
      a.bound = BoundKind::kCalendar;
      continue;
    }
    // The latest allowed day before the start: what would have gone wrong there.
    int t = a.start - 1;
    while (t > first && !m.Work(j, t)) --t;
    dec.Apply(j, -1);
    int kind = -1, ref = -1;
    const int d = m.duration[j];
    int worked = 0;
    for (int tau = t; d > 0 ? worked < d : tau == t; ++tau) {
      if (m.Forbidden(j, tau)) {
        kind = 0;
        break;
      }
      if (d == 0 || !m.Work(j, tau)) continue;
      ++worked;
      for (auto [r, q] : m.demand[j])
        if (dec.Usage(r, tau) + q > m.capacity[r]) {
          kind = 1;
          ref = r;
          break;
        }
      if (kind >= 0) break;
    }
    dec.Apply(j, +1);
    if (kind == 0) {
      a.bound = BoundKind::kWindow;
      a.ref = p.activities[j].forbidden_reason;
    } else if (kind == 1) {
      a.bound = BoundKind::kResource;
      a.ref = ref;
    } else {
      a.bound = BoundKind::kDisruption;  // delayed by the post-pass on purpose
    }
  }
  // Critical: back from every activity ending on the makespan's last day, through the predecessor
  // that fixes a start (kPredecessor, and kCalendar's precedence-earliest day) and, for a start held
  // by crews or a window, through every activity sharing a resource that ends right before it.
  std::vector<int> stack;
  for (int j = 0; j < n; ++j)
    if (out.makespan > 0 && dec.end[j] + 1 == out.makespan) stack.push_back(j);
  while (!stack.empty()) {
    int j = stack.back();
    stack.pop_back();
    if (out.activities[j].critical) continue;
    out.activities[j].critical = true;
    const BoundKind b = out.activities[j].bound;
    if ((b == BoundKind::kPredecessor || b == BoundKind::kCalendar) && tight[j] >= 0) stack.push_back(tight[j]);
    if (b == BoundKind::kResource || b == BoundKind::kWindow) {
      for (int k = 0; k < n; ++k) {
        if (k == j || dec.end[k] >= dec.start[j] || dec.end[k] < dec.start[k]) continue;
        bool shares = false;
        for (auto [r, q] : m.demand[k])
          for (auto [r2, q2] : m.demand[j]) shares = shares || r == r2;
        // Ends on the last day before j's start on which k could have yielded the crew.
        int before = dec.start[j] - 1;
        while (before > dec.end[k] && !m.Work(k, before)) --before;
        if (shares && dec.end[k] == before) stack.push_back(k);
      }
    }
  }
}

// Error helpers: the detail lists every problem, capped so that a huge input stays readable.
struct Problems {
  std::vector<std::string> zh, en;
  int count = 0;
  void Add(std::string z, std::string e) {
    if (++count <= 20) {
      zh.push_back(std::move(z));
      en.push_back(std::move(e));
    }
  }
  Text Detail() const {
    std::string z, e;
    for (std::size_t i = 0; i < zh.size(); ++i) {
      z += (i ? "；" : "") + zh[i];
      e += (i ? "; " : "") + en[i];
    }
    if (count > 20) {
      z += "；另有 " + std::to_string(count - 20) + " 处";
      e += "; and " + std::to_string(count - 20) + " more";
    }
    return Text(z, e);
  }
};

std::string Quote(const std::string& code) { return "'" + code + "'"; }

void FindCycles(const Problem& p, Problems& out) {
  const int n = static_cast<int>(p.activities.size());
  std::vector<int> missing(n, 0);
  std::vector<std::vector<int>> succ(n);
  for (int j = 0; j < n; ++j)
    for (const Precedence& pr : p.activities[j].predecessors)
      if (pr.predecessor >= 0 && pr.predecessor < n) {
        succ[pr.predecessor].push_back(j);
        ++missing[j];
      }
  std::vector<int> ready;
  for (int j = 0; j < n; ++j)
    if (missing[j] == 0) ready.push_back(j);
  std::vector<char> done(n, 0);
  while (!ready.empty()) {
    int j = ready.back();
    ready.pop_back();
    done[j] = 1;
    for (int s : succ[j])
      if (--missing[s] == 0) ready.push_back(s);
  }
  // What remains holds cycles (each remaining activity keeps a remaining predecessor): walk
  // predecessors until the walk meets itself, and name that loop in precedence order.
  std::vector<char> visited(n, 0);
  std::vector<int> on_path(n, -1);
  for (int j = 0; j < n; ++j) {
    if (done[j] || visited[j]) continue;
    std::vector<int> path;
    int k = j;
    while (k >= 0 && !visited[k] && on_path[k] < 0) {
      on_path[k] = static_cast<int>(path.size());
      path.push_back(k);
      int next = -1;
      for (const Precedence& pr : p.activities[k].predecessors)
        if (pr.predecessor >= 0 && pr.predecessor < n && !done[pr.predecessor]) {
          next = pr.predecessor;
          break;
        }
      k = next;
    }
    if (k >= 0 && on_path[k] >= 0) {
      std::string codes;
      for (int i = static_cast<int>(path.size()) - 1; i >= on_path[k]; --i) codes += Quote(p.activities[path[i]].code) + " → ";
      codes += Quote(p.activities[path.back()].code);
      out.Add("工序前后关系成环：" + codes, "precedence cycle: " + codes);
    }
    for (int v : path) {
      visited[v] = 1;
      on_path[v] = -1;
    }
  }
}

}  // namespace

Result<void> Validate(const Problem& p) {
  Problems bad;
  const int n = static_cast<int>(p.activities.size());
  const int resources = static_cast<int>(p.capacities.size());
  const int groups = static_cast<int>(p.group_weights.size());
  if (p.horizon < 0) bad.Add("日历天数为负：" + std::to_string(p.horizon), "negative horizon " + std::to_string(p.horizon));
  for (int r = 0; r < resources; ++r)
    if (p.capacities[r] < 0) {
      std::string name = r < static_cast<int>(p.resource_names.size()) ? p.resource_names[r] : std::to_string(r);
      bad.Add("资源 " + Quote(name) + " 的容量为负：" + std::to_string(p.capacities[r]),
              "resource " + Quote(name) + " has negative capacity " + std::to_string(p.capacities[r]));
    }
  for (int g = 0; g < groups; ++g)
    if (p.group_weights[g] < 0)
      bad.Add("受影响组 " + std::to_string(g) + " 的权重为负", "disruption group " + std::to_string(g) + " has a negative weight");
  for (int j = 0; j < n; ++j) {
    const Activity& a = p.activities[j];
    const std::string c = Quote(a.code);
    if (a.duration < 0)
      bad.Add("工序 " + c + " 的工期为负：" + std::to_string(a.duration),
              "activity " + c + " has negative duration " + std::to_string(a.duration));
    for (const Demand& d : a.demands) {
      if (d.resource < 0 || d.resource >= resources) {
        bad.Add("工序 " + c + " 引用了不存在的资源 " + std::to_string(d.resource),
                "activity " + c + " names resource " + std::to_string(d.resource) + " out of range");
        continue;
      }
      std::string name =
          d.resource < static_cast<int>(p.resource_names.size()) ? p.resource_names[d.resource] : std::to_string(d.resource);
      if (d.amount < 0)
        bad.Add("工序 " + c + " 对资源 " + Quote(name) + " 的需求为负：" + std::to_string(d.amount),
                "activity " + c + " has negative demand " + std::to_string(d.amount) + " of resource " + Quote(name));
      else if (d.amount > p.capacities[d.resource])
        bad.Add("工序 " + c + " 需要资源 " + Quote(name) + " " + std::to_string(d.amount) + "，容量仅 " +
                    std::to_string(p.capacities[d.resource]),
                "activity " + c + " needs " + std::to_string(d.amount) + " of resource " + Quote(name) + ", capacity " +
                    std::to_string(p.capacities[d.resource]));
    }
    for (const Precedence& pr : a.predecessors) {
      if (pr.predecessor < 0 || pr.predecessor >= n)
        bad.Add("工序 " + c + " 的紧前工序编号 " + std::to_string(pr.predecessor) + " 超出范围",
                "activity " + c + " has predecessor index " + std::to_string(pr.predecessor) + " out of range");
      if (pr.lag < 0)
        bad.Add("工序 " + c + " 的搭接时距为负：" + std::to_string(pr.lag),
                "activity " + c + " has negative lag " + std::to_string(pr.lag));
    }
    for (int g : a.disrupts)
      if (g < 0 || g >= groups)
        bad.Add("工序 " + c + " 引用了不存在的受影响组 " + std::to_string(g),
                "activity " + c + " names disruption group " + std::to_string(g) + " out of range");
    auto check_size = [&](const std::vector<bool>& v, const char* zh, const char* en) {
      if (!v.empty() && static_cast<int>(v.size()) != p.horizon)
        bad.Add("工序 " + c + " 的" + zh + "有 " + std::to_string(v.size()) + " 天，应为 " + std::to_string(p.horizon) + " 天",
                "activity " + c + " has " + en + " of " + std::to_string(v.size()) + " days, horizon is " +
                    std::to_string(p.horizon));
    };
    check_size(a.work_days, "工作日历", "work_days");
    check_size(a.forbidden, "禁止施工期", "forbidden");
  }
  FindCycles(p, bad);
  if (bad.count == 0) return Ok();
  return MakeError(ErrorCode::kUnprocessable, "construction.invalid_problem",
                   Text("施工排程问题不正确", "invalid scheduling problem"), bad.Detail(),
                   Text("请修正所列工序后重试", "correct the listed activities and try again"));
}

Result<Schedule> Solve(const Problem& problem, const SolveOptions& options) {
  if (auto v = Validate(problem); !v) return v.error();
  const Model m = BuildModel(problem);
  Schedule out;
  out.activities.resize(m.n);
  if (m.n == 0) {
    out.proven_optimal = true;
    return out;
  }
  Decoder probe(m);
  out.lower_bound = CriticalPath(m, probe);
  const int bound = std::max({out.lower_bound, EnergyBound(m), CliqueBound(m)});
  Search search(m, options, bound);
  search.Run();
  Decoder& dec = search.decoder();
  std::vector<int> release = search.best_release();
  dec.Serial(search.best().list, release.empty() ? nullptr : &release);
  out.makespan = dec.Makespan();
  out.disruption_days = dec.Disruption();
  out.proven_optimal = out.makespan <= bound;
  out.schedules_evaluated = search.evaluated();
  for (int j = 0; j < m.n; ++j) {
    out.activities[j].start = dec.start[j];
    out.activities[j].end = dec.end[j];
  }
  Explain(m, problem, dec, out);
  return out;
}

Result<void> CheckSchedule(const Problem& p, const Schedule& s) {
  auto fail = [](const std::string& zh, const std::string& en) -> Result<void> {
    return MakeError(ErrorCode::kUnprocessable, "construction.infeasible", Text("排程不可行", "infeasible schedule"),
                     Text(zh, en));
  };
  const int n = static_cast<int>(p.activities.size());
  if (static_cast<int>(s.activities.size()) != n)
    return fail("排程工序数与问题不符", "schedule has " + std::to_string(s.activities.size()) + " activities, problem " +
                                          std::to_string(n));
  auto works = [&](const Activity& a, int day) {
    return a.work_days.empty() || day >= static_cast<int>(a.work_days.size()) || a.work_days[day];
  };
  auto banned = [&](const Activity& a, int day) {
    return !a.forbidden.empty() && day < static_cast<int>(a.forbidden.size()) && a.forbidden[day];
  };
  int makespan = 0;
  for (int j = 0; j < n; ++j) {
    const Activity& a = p.activities[j];
    const ScheduledActivity& x = s.activities[j];
    const std::string c = "'" + a.code + "'";
    if (x.start < 0) return fail("工序 " + c + " 开始于负数日", "activity " + c + " starts before day 0");
    if (!works(a, x.start)) return fail("工序 " + c + " 开始日不是工作日", "activity " + c + " starts on a non-work day");
    int day = x.start, worked = 0, last = x.start - 1;
    while (worked < a.duration) {
      if (works(a, day)) {
        ++worked;
        last = day;
      }
      ++day;
    }
    if (last != x.end)
      return fail("工序 " + c + " 的完工日应为第 " + std::to_string(last) + " 天",
                  "activity " + c + " should end on day " + std::to_string(last) + ", not " + std::to_string(x.end));
    // A zero-duration activity happens on its start day, which must not be forbidden either.
    for (int d = x.start; d <= (a.duration == 0 ? x.start : x.end); ++d)
      if (banned(a, d))
        return fail("工序 " + c + " 在第 " + std::to_string(d) + " 天处于禁止施工期",
                    "activity " + c + " spans forbidden day " + std::to_string(d));
    makespan = std::max(makespan, x.end + 1);
    for (const Precedence& pr : a.predecessors) {
      const ScheduledActivity& y = s.activities[pr.predecessor];
      const bool fs = pr.type == PrecedenceType::kFinishStart;
      const int earliest = fs ? y.end + 1 + pr.lag : y.start + pr.lag;
      if (x.start < earliest)
        return fail("工序 " + c + " 早于紧前工序 '" + p.activities[pr.predecessor].code + "' 允许的时间开始",
                    "activity " + c + " starts on day " + std::to_string(x.start) + ", before day " +
                        std::to_string(earliest) + " allowed by '" + p.activities[pr.predecessor].code + "'");
    }
  }
  for (std::size_t r = 0; r < p.capacities.size(); ++r)
    for (int day = 0; day < makespan; ++day) {
      long long used = 0;
      for (int j = 0; j < n; ++j) {
        const Activity& a = p.activities[j];
        const ScheduledActivity& x = s.activities[j];
        if (day < x.start || day > x.end || !works(a, day)) continue;
        for (const Demand& d : a.demands)
          if (d.resource == static_cast<int>(r)) used += d.amount;
      }
      if (used > p.capacities[r])
        return fail("第 " + std::to_string(day) + " 天资源超出容量",
                    "resource " + std::to_string(r) + " uses " + std::to_string(used) + " on day " + std::to_string(day) +
                        ", capacity " + std::to_string(p.capacities[r]));
    }
  if (makespan != s.makespan)
    return fail("总工期应为 " + std::to_string(makespan), "makespan should be " + std::to_string(makespan) + ", not " +
                                                            std::to_string(s.makespan));
  std::int64_t disruption = 0;
  for (std::size_t g = 0; g < p.group_weights.size(); ++g)
    for (int day = 0; day < makespan; ++day) {
      bool hit = false;
      for (int j = 0; j < n && !hit; ++j) {
        const Activity& a = p.activities[j];
        const ScheduledActivity& x = s.activities[j];
        if (day < x.start || day > x.end || !works(a, day)) continue;
        hit = std::find(a.disrupts.begin(), a.disrupts.end(), static_cast<int>(g)) != a.disrupts.end();
      }
      if (hit) disruption += p.group_weights[g];
    }
  if (disruption != s.disruption_days)
    return fail("受影响户日应为 " + std::to_string(disruption), "disruption-days should be " + std::to_string(disruption) +
                                                                 ", not " + std::to_string(s.disruption_days));
  return Ok();
}

}  // namespace huanxin::core::construction
