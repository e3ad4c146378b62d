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

// The lookup tables of one calendar (an activity's work days and forbidden days; activities with
// the same pair share one, interned by content): O(1) "next work day ≥ t", "the k-th work day",
// "last forbidden day ≤ t" instead of walking the 1 100 days of a construction horizon day by day.
// Days at or after the horizon are work days and not forbidden, computed, not stored.
class Calendar {
 public:
  Calendar(const std::vector<std::uint8_t>* work, const std::vector<std::uint8_t>* forbidden, int horizon)
      : h_(horizon), count_(horizon + 1, 0), next_work_(horizon), prev_work_(horizon), next_forbidden_(horizon),
        prev_forbidden_(horizon) {
    for (int t = 0; t < h_; ++t) {
      const bool w = !work || (*work)[t] != 0;
      count_[t + 1] = count_[t] + (w ? 1 : 0);
      if (w) pos_.push_back(t);
      prev_work_[t] = w ? t : (t > 0 ? prev_work_[t - 1] : -1);
      prev_forbidden_[t] = forbidden && (*forbidden)[t] ? t : (t > 0 ? prev_forbidden_[t - 1] : -1);
    }
    for (int t = h_ - 1; t >= 0; --t) {
      next_work_[t] = (!work || (*work)[t]) ? t : (t + 1 < h_ ? next_work_[t + 1] : h_);
      next_forbidden_[t] = forbidden && (*forbidden)[t] ? t : (t + 1 < h_ ? next_forbidden_[t + 1] : INT_MAX);
    }
  }
  // The first work day ≥ t (t ≥ 0).
  int NextWork(int t) const { return t < h_ ? next_work_[t] : t; }
  // The last work day ≤ t, or −1.
  int PrevWork(int t) const { return t < 0 ? -1 : t < h_ ? prev_work_[t] : t; }
  // Work days in [0, t) (t ≥ 0): the index of day t among the work days when t is one.
  int Count(int t) const { return t <= h_ ? count_[t] : count_[h_] + (t - h_); }
  // The k-th work day (k ≥ 0, from 0).
  int Pos(int k) const { return k < count_[h_] ? pos_[k] : h_ + (k - count_[h_]); }
  // The last forbidden day ≤ t, or −1; the first forbidden day ≥ t, or INT_MAX.
  int PrevForbidden(int t) const { return t < 0 || h_ == 0 ? -1 : prev_forbidden_[std::min(t, h_ - 1)]; }
  int NextForbidden(int t) const { return t < h_ ? next_forbidden_[std::max(t, 0)] : INT_MAX; }
  // The last worked day of d ≥ 1 days from the work day t.
  int SpanEnd(int t, int d) const { return Pos(Count(t) + d - 1); }

 private:
  int h_;
  std::vector<int> count_, pos_, next_work_, prev_work_, next_forbidden_, prev_forbidden_;
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
  // Groups with the same members (the buildings of one estate) count the same days: the distinct
  // member lists of the groups of weight > 0, with their summed weights.
  std::vector<std::vector<int>> member_sets;
  std::vector<std::int64_t> set_weights;
  bool calendars = false;
  bool shared_groups = false;  // some group with weight > 0 has two or more activities

  std::vector<Calendar> tables;      // distinct (work_days, forbidden) pairs
  std::vector<int> cal;              // per activity: index into calendars_, -1 when Plain

  bool Plain(int j) const { return work[j] < 0 && forbidden[j] < 0; }
  bool Work(int j, int t) const { return work[j] < 0 || t >= horizon || flags[work[j]][t] != 0; }
  bool Forbidden(int j, int t) const { return forbidden[j] >= 0 && t < horizon && flags[forbidden[j]][t] != 0; }
  const Calendar& Cal(int j) const { return tables[cal[j]]; }
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
  std::map<std::pair<int, int>, int> calendar_of;  // (work, forbidden) flag indices → calendar
  m.cal.resize(m.n);
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
    m.cal[j] = -1;
    if (!m.Plain(j)) {
      auto [it, fresh] = calendar_of.emplace(std::pair{m.work[j], m.forbidden[j]}, static_cast<int>(calendar_of.size()));
      m.cal[j] = it->second;
    }
    std::vector<int> groups = a.disrupts;
    std::sort(groups.begin(), groups.end());
    groups.erase(std::unique(groups.begin(), groups.end()), groups.end());
    for (int g : groups) m.group_members[g].push_back(j);
  }
  m.tables.reserve(calendar_of.size());
  std::vector<std::pair<int, int>> pairs(calendar_of.size());
  for (const auto& [key, index] : calendar_of) pairs[index] = key;
  for (auto [w, f] : pairs)
    m.tables.emplace_back(w >= 0 ? &m.flags[w] : nullptr, f >= 0 ? &m.flags[f] : nullptr, m.horizon);
  // Serial SGS bound: an activity starts at the latest at max(horizon, the previous finish) plus its
  // largest lag, every day from there on being a free work day; so days ≤ horizon + Σ(d + max lag).
  m.days = static_cast<int>(std::min<long long>(days, INT_MAX / 4));
  std::map<std::vector<int>, std::size_t> set_of;
  for (std::size_t g = 0; g < m.group_members.size(); ++g) {
    if (m.weights[g] > 0 && m.group_members[g].size() >= 2) m.shared_groups = true;
    if (m.weights[g] == 0 || m.group_members[g].empty()) continue;
    auto [it, fresh] = set_of.emplace(m.group_members[g], m.member_sets.size());
    if (fresh) {
      m.member_sets.push_back(m.group_members[g]);
      m.set_weights.push_back(0);
    }
    m.set_weights[it->second] += m.weights[g];
  }
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
        start(m.n, 0), end(m.n, -1), mark_(days_, 0), words_(days_ / 64 + 1),
        full_(m.calendars ? static_cast<std::size_t>(m.resources) * words_ : 0, 0) {}

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
    SortBy(order, [&](int j) { return -end[j]; }, true);  // latest end first, ties by rank descending
    for (int a : order) {
      int latest_end = makespan - 1, latest_start = INT_MAX;
      for (const Successor& s : m_.succs[a]) {
        if (s.type == PrecedenceType::kFinishStart)
          latest_end = std::min(latest_end, start[s.to] - 1 - s.lag);
        else
          latest_start = std::min(latest_start, start[s.to] - s.lag);
      }
      latest_start = std::min(latest_start, latest_end + 1);
      if (m_.duration[a] > 0 && LatestByDates(a, latest_start, latest_end) <= start[a]) continue;  // stays
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
  void SortByStart(std::vector<int>& order) {
    SortBy(order, [&](int j) { return start[j]; }, false);
  }

  // `order` := all activities by key ascending, ties by topological rank (descending when
  // `reverse_rank`): a counting sort over the key range (days), stable in that rank order.
  template <class Key>
  void SortBy(std::vector<int>& order, Key key, bool reverse_rank) {
    int lo = INT_MAX, hi = INT_MIN;
    for (int j = 0; j < m_.n; ++j) {
      lo = std::min(lo, key(j));
      hi = std::max(hi, key(j));
    }
    order.resize(m_.n);
    if (m_.n == 0) return;
    bucket_.assign(static_cast<std::size_t>(hi - lo) + 2, 0);
    for (int j = 0; j < m_.n; ++j) ++bucket_[key(j) - lo + 1];
    for (std::size_t b = 1; b < bucket_.size(); ++b) bucket_[b] += bucket_[b - 1];
    for (int i = 0; i < m_.n; ++i) {
      const int j = m_.topo[reverse_rank ? m_.n - 1 - i : i];
      order[bucket_[key(j) - lo]++] = j;
    }
  }

  int Makespan() const {
    int ms = 0;
    for (int j = 0; j < m_.n; ++j) ms = std::max(ms, end[j] + 1);
    return ms;
  }

  // Σ_g weight(g) × |days some member of g works|.
  std::int64_t Disruption() {
    std::int64_t total = 0;
    for (std::size_t g = 0; g < m_.member_sets.size(); ++g) {
      ++stamp_;
      std::int64_t count = 0;
      for (int j : m_.member_sets[g]) {
        if (end[j] < start[j]) continue;
        if (m_.Plain(j)) {
          for (int t = start[j]; t <= end[j]; ++t) count += Mark(t);
        } else {
          const Calendar& c = m_.Cal(j);
          for (int k = c.Count(start[j]), stop = k + m_.duration[j]; k < stop; ++k) count += Mark(c.Pos(k));
        }
      }
      total += m_.set_weights[g] * count;
    }
    return total;
  }

  // The first start ≥ est that is a work day, whose span avoids the forbidden days and (with
  // `resources`) whose worked days leave the crews within capacity. *last = its last worked day.
  int Earliest(int j, int est, int* last_day, bool resources) {
    const int d = m_.duration[j];
    int t = std::max(est, 0);
    if (m_.Plain(j)) {
      if (d == 0 || !resources) {
        *last_day = t + d - 1;
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
      *last_day = t + d - 1;
      return t;
    }
    const Calendar& c = m_.Cal(j);
    for (;;) {
      t = c.NextWork(t);
      if (d == 0) {
        if (c.PrevForbidden(t) != t) break;
        ++t;
        continue;
      }
      // The span [t, last]: jump past its last forbidden day, else past the last worked day on which
      // a crew is short (every start up to that day would still span it or work on it).
      const int first = c.Count(t), last = c.Pos(first + d - 1);
      if (const int f = c.PrevForbidden(last); f >= t) {
        t = f + 1;
        continue;
      }
      if (!resources) {
        *last_day = last;
        return t;
      }
      Reserve(last + 1);
      int conflict = -1;
      for (auto [r, q] : m_.demand[j]) {
        if (q == 1) {  // no room for one crew = used to capacity: the last full day j works on
          for (int x = PrevBit<true>(r, last); x >= t && x > conflict; x = PrevBit<true>(r, x - 1))
            if (c.PrevWork(x) == x) {
              conflict = x;
              break;
            }
          continue;
        }
        const int* u = &usage_[static_cast<std::size_t>(r) * days_];
        const int limit = m_.capacity[r] - q;
        for (int k = first + d - 1; k >= first; --k) {
          const int tau = c.Pos(k);
          if (tau <= conflict) break;
          if (u[tau] > limit) {
            conflict = tau;
            break;
          }
        }
      }
      if (conflict < 0) {
        *last_day = last;
        return t;
      }
      // Past the conflict, skip the work days on which some crew of j has no room: a start there
      // would work on it.
      t = c.NextWork(conflict + 1);
      for (;;) {
        int next = t;
        for (auto [r, q] : m_.demand[j]) next = NextBit<false>(r, next);
        next = c.NextWork(next);
        if (next == t && Room(j, t)) break;
        t = next == t ? c.NextWork(t + 1) : next;
      }
    }
    *last_day = t - 1;
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
    const Calendar& c = m_.Cal(j);
    int t = c.PrevWork(latest_start);
    for (;;) {
      if (d == 0) {
        // Happens on a work day t ≤ min(latest_start, latest_end + 1) that is not forbidden.
        t = c.PrevWork(std::min(t, latest_end + 1));
        while (t >= 0 && c.PrevForbidden(t) == t) t = c.PrevWork(t - 1);
        if (t < 0) return false;
        *s = t;
        *e = t - 1;
        return true;
      }
      // The latest work day ≤ t whose span ends by latest_end: the start d − 1 work days before the
      // last work day ≤ latest_end.
      const int end_index = c.Count(c.PrevWork(latest_end) + 1) - 1;
      if (end_index - d + 1 < 0) return false;
      t = std::min(t, c.Pos(end_index - d + 1));
      if (t < 0) return false;
      const int first = c.Count(t), last = c.Pos(first + d - 1);
      // The first forbidden day or crew shortage in the span: an earlier start must end before it.
      int conflict = c.NextForbidden(t);
      if (conflict > last) conflict = INT_MAX;
      for (auto [r, q] : m_.demand[j]) {
        if (q == 1) {  // the first full day j would work on
          for (int x = NextBit<true>(r, t); x <= last && x < conflict; x = NextBit<true>(r, x + 1))
            if (c.PrevWork(x) == x) {
              conflict = x;
              break;
            }
          continue;
        }
        const int* u = &usage_[static_cast<std::size_t>(r) * days_];
        const int limit = m_.capacity[r] - q;
        for (int k = first; k < first + d; ++k) {
          const int tau = c.Pos(k);
          if (tau >= conflict) break;
          if (u[tau] > limit) {
            conflict = tau;
            break;
          }
        }
      }
      if (conflict == INT_MAX) {
        *s = t;
        *e = last;
        return true;
      }
      // An earlier start must end before the conflict, on a work day on which every crew has room.
      latest_end = c.PrevWork(conflict - 1);
      while (latest_end >= 0) {
        int prev = latest_end;
        for (auto [r, q] : m_.demand[j]) prev = PrevBit<false>(r, prev);
        prev = c.PrevWork(prev);
        if (prev == latest_end && Room(j, prev)) break;
        latest_end = prev == latest_end ? c.PrevWork(prev - 1) : prev;
      }
      t = c.PrevWork(t - 1);
      if (t < 0 || latest_end < 0) return false;
    }
  }

  // The latest start ≤ latest_start whose span ends by latest_end, on the calendar alone (d > 0):
  // when it is not after the current start, the right shift leaves the activity where it is.
  int LatestByDates(int j, int latest_start, int latest_end) const {
    const int d = m_.duration[j];
    if (m_.Plain(j)) return std::min(latest_start, latest_end - d + 1);
    const Calendar& c = m_.Cal(j);
    const int end_index = c.Count(c.PrevWork(latest_end) + 1) - 1;
    if (end_index - d + 1 < 0) return -1;
    return std::min(c.PrevWork(latest_start), c.Pos(end_index - d + 1));
  }

  void Apply(int j, int sign) {
    if (end[j] < start[j]) return;
    Reserve(end[j] + 1);
    hi_ = std::max(hi_, end[j] + 1);
    // Every day of the span is worked unless the calendar pauses inside it.
    const Calendar* c = m_.Plain(j) ? nullptr : &m_.Cal(j);
    const int first = c ? c->Count(start[j]) : 0;
    const bool every_day = !c || c->Count(end[j] + 1) - first == end[j] - start[j] + 1;
    for (auto [r, q] : m_.demand[j]) {
      int* u = &usage_[static_cast<std::size_t>(r) * days_];
      const int delta = sign * q;
      if (every_day) {
        for (int t = start[j]; t <= end[j]; ++t) u[t] += delta;
      } else {
        for (int k = first, stop = k + m_.duration[j]; k < stop; ++k) u[c->Pos(k)] += delta;
      }
      if (full_.empty()) continue;
      // The fullness bits of the span's days, recomputed word by word.
      std::uint64_t* f = &full_[static_cast<std::size_t>(r) * words_];
      const int cap = m_.capacity[r];
      for (int w = start[j] >> 6; w <= end[j] >> 6; ++w) {
        const int lo = std::max(start[j], w * 64), hi = std::min(end[j], w * 64 + 63);
        std::uint64_t bits = 0;
        for (int t = lo; t <= hi; ++t) bits |= static_cast<std::uint64_t>(u[t] >= cap) << (t & 63);
        const std::uint64_t range = (~std::uint64_t{0} >> (63 - (hi & 63))) & (~std::uint64_t{0} << (lo & 63));
        f[w] = (f[w] & ~range) | bits;
      }
    }
  }

  // Usage of resource r on day t by everything placed.
  int Usage(int r, int t) const { return t < days_ ? usage_[static_cast<std::size_t>(r) * days_ + t] : 0; }

 private:
  // With calendars only: the first day ≥ t on which resource r is used to capacity (kFull; INT_MAX
  // when none) or is not (days past the profile are free); word by word over the bitmap.
  template <bool kFull>
  int NextBit(int r, int t) const {
    if (t >= days_) return kFull ? INT_MAX : t;
    t = std::max(t, 0);
    const std::uint64_t* f = &full_[static_cast<std::size_t>(r) * words_];
    int w = t >> 6;
    std::uint64_t bits = (kFull ? f[w] : ~f[w]) & (~std::uint64_t{0} << (t & 63));
    while (bits == 0) {
      if (++w >= words_) return kFull ? INT_MAX : std::max(t, days_);
      bits = kFull ? f[w] : ~f[w];
    }
    return w * 64 + std::countr_zero(bits);
  }
  // The last day ≤ t on which resource r is used to capacity (kFull) or is not; −1 when none.
  template <bool kFull>
  int PrevBit(int r, int t) const {
    if (t < 0) return -1;
    if (t >= days_) {
      if (!kFull) return t;
      t = days_ - 1;
    }
    const std::uint64_t* f = &full_[static_cast<std::size_t>(r) * words_];
    int w = t >> 6;
    std::uint64_t bits = (kFull ? f[w] : ~f[w]) & (~std::uint64_t{0} >> (63 - (t & 63)));
    while (bits == 0) {
      if (--w < 0) return -1;
      bits = kFull ? f[w] : ~f[w];
    }
    return w * 64 + 63 - std::countl_zero(bits);
  }

  // Whether every crew of j has room for it on day t.
  bool Room(int j, int t) {
    Reserve(t + 1);
    for (auto [r, q] : m_.demand[j])
      if (usage_[static_cast<std::size_t>(r) * days_ + t] > m_.capacity[r] - q) return false;
    return true;
  }

  // 1 when day t is not yet marked in the current stamp (and marks it), else 0.
  int Mark(int t) {
    if (mark_[t] == stamp_) return 0;
    mark_[t] = stamp_;
    return 1;
  }

  void Clear() {
    for (int r = 0; r < m_.resources; ++r)
      std::fill_n(usage_.begin() + static_cast<std::ptrdiff_t>(r) * days_, std::min(hi_, days_), 0);
    if (!full_.empty())
      for (int r = 0; r < m_.resources; ++r)
        std::fill_n(full_.begin() + static_cast<std::ptrdiff_t>(r) * words_, std::min(hi_ / 64 + 1, words_), 0);
    hi_ = 0;
    std::fill(end.begin(), end.end(), -1);
    std::fill(start.begin(), start.end(), 0);
  }

  // The bound of BuildModel makes this a no-op; kept so that no input can index past the profile.
  void Reserve(int needed) {
    if (needed > days_) [[unlikely]]
      Grow(needed);
  }
  [[gnu::noinline]] void Grow(int needed) {
    int grown = std::max(needed, days_ * 2);
    std::vector<int> usage(static_cast<std::size_t>(m_.resources) * grown, 0);
    for (int r = 0; r < m_.resources; ++r)
      std::copy_n(usage_.begin() + static_cast<std::ptrdiff_t>(r) * days_, days_,
                  usage.begin() + static_cast<std::ptrdiff_t>(r) * grown);
    usage_.swap(usage);
    mark_.resize(grown, 0);
    days_ = grown;
    words_ = days_ / 64 + 1;
    if (!full_.empty()) {
      full_.assign(static_cast<std::size_t>(m_.resources) * words_, 0);
      for (int r = 0; r < m_.resources; ++r)
        for (int t = 0; t < days_; ++t)
          if (usage_[static_cast<std::size_t>(r) * days_ + t] >= m_.capacity[r])
            full_[static_cast<std::size_t>(r) * words_ + (t >> 6)] |= std::uint64_t{1} << (t & 63);
    }
  }

  const Model& m_;
  int days_;
  std::vector<int> usage_;

 public:
  std::vector<int> start;
  std::vector<int> end;

 private:
  std::vector<std::uint32_t> mark_;
  int words_;                        // 64-day words per resource in full_
  std::vector<std::uint64_t> full_;  // with calendars: per resource, the days used to capacity
  std::vector<int> bucket_;          // SortBy's counts
  std::uint32_t stamp_ = 0;
  int hi_ = 0;
};

// ---------------------------------------------------------------------------------------------
// Lower bounds.

// Earliest starts on the calendars, resources ignored (heads: no schedule starts an activity
// earlier); their makespan is the header's lower_bound.
int CriticalPath(const Model& m, Decoder& dec, std::vector<int>* heads) {
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
  *heads = std::move(start);
  return ms;
}

// Days every schedule needs after an activity's last worked day: along finish–start successors,
// lag plus duration (each worked day is a distinct calendar day); start–start links add nothing.
std::vector<int> Tails(const Model& m) {
  std::vector<long long> tail(m.n, 0);
  for (auto it = m.topo.rbegin(); it != m.topo.rend(); ++it)
    for (const Successor& s : m.succs[*it])
      if (s.type == PrecedenceType::kFinishStart)
        tail[*it] = std::max(tail[*it], std::min<long long>(INT_MAX / 4, s.lag + m.duration[s.to] + tail[s.to]));
  return {tail.begin(), tail.end()};
}

// The crews' bound on the calendars. A set S of activities using resource r works only on the days
// some member may work (a work day of its calendar outside its forbidden days: the union U_S), all
// of them between the smallest head h_S and the makespan less the smallest tail t_S, with at most
// C_r crew units a day; so W = ceil(Σ_S d·q / C_r) days of U_S lie in [h_S, makespan − t_S) and the
// makespan ≥ (the W-th day of U_S from h_S) + 1 + t_S. The sets tried, per resource: for every union
// of the classes of its activities' calendars (all subsets up to 6 classes, else each class and
// all of them), the members with head ≥ h for each member's h, and those with tail ≥ t for each t.
// Days at or after the horizon are allowed for all. Without calendars: the energy bound
// ceil(Σ d·q / C) strengthened by heads and tails.
int CalendarEnergyBound(const Model& m, const std::vector<int>& heads, const std::vector<int>& tails) {
  const int h = m.horizon;
  std::map<int, std::vector<std::uint8_t>> class_days;  // calendar class (-1: plain) → allowed days
  auto allowed = [&](int j) {
    std::vector<std::uint8_t> a(h, 1);
    for (int t = 0; t < h && !m.Plain(j); ++t) a[t] = m.Work(j, t) && !m.Forbidden(j, t);
    return a;
  };
  long long best = 0;
  std::vector<int> prefix(h + 1, 0), pos, members;
  for (int r = 0; r < m.resources; ++r) {
    const long long cap = m.capacity[r];
    if (cap <= 0) continue;
    std::vector<int> users, classes;
    for (int j = 0; j < m.n; ++j)
      for (auto [res, q] : m.demand[j])
        if (res == r && m.duration[j] > 0) {
          users.push_back(j);
          if (std::find(classes.begin(), classes.end(), m.cal[j]) == classes.end()) classes.push_back(m.cal[j]);
          if (!class_days.contains(m.cal[j])) class_days[m.cal[j]] = allowed(j);
        }
    const int k = static_cast<int>(classes.size());
    std::vector<unsigned> subsets;
    if (k <= 6) {
      for (unsigned mask = 1; mask < (1u << k); ++mask) subsets.push_back(mask);
    } else {
      for (int i = 0; i < k; ++i) subsets.push_back(1u << i);
      subsets.push_back(~0u);
    }
    for (unsigned mask : subsets) {
      std::vector<std::uint8_t> uni(h, 0);  // U_S, then its prefix counts and its days in order
      for (int i = 0; i < k; ++i)
        if (mask >> i & 1)
          for (int t = 0; t < h; ++t) uni[t] |= class_days[classes[i]][t];
      pos.clear();
      for (int t = 0; t < h; ++t) {
        prefix[t + 1] = prefix[t] + uni[t];
        if (uni[t]) pos.push_back(t);
      }
      const long long total = prefix[h];
      auto kth_from = [&](long long from, long long w) {  // the w-th day (w ≥ 1) of U_S at or after `from`
        const long long index = (from < h ? prefix[from] : total + (from - h)) + w - 1;
        return index < total ? static_cast<long long>(pos[index]) : h + (index - total);
      };
      members.clear();
      for (int j : users) {
        const int i = static_cast<int>(std::find(classes.begin(), classes.end(), m.cal[j]) - classes.begin());
        if (mask >> i & 1) members.push_back(j);
      }
      // The members by head (then by tail), largest first: each prefix ending at a change of the
      // key is the set "key ≥ this value"; its energy and the other key's minimum accumulate.
      for (const std::vector<int>* key : {&heads, &tails}) {
        const std::vector<int>& other = key == &heads ? tails : heads;
        std::sort(members.begin(), members.end(), [&](int a, int b) { return (*key)[a] > (*key)[b]; });
        long long energy = 0, other_min = LLONG_MAX;
        for (std::size_t i = 0; i < members.size(); ++i) {
          const int j = members[i];
          for (auto [res, q] : m.demand[j])
            if (res == r) energy += static_cast<long long>(m.duration[j]) * q;
          other_min = std::min<long long>(other_min, other[j]);
          if (i + 1 < members.size() && (*key)[members[i + 1]] == (*key)[j]) continue;
          const long long head = key == &heads ? heads[j] : other_min, tail = key == &heads ? other_min : tails[j];
          best = std::max(best, kth_from(head, (energy + cap - 1) / cap) + 1 + tail);
        }
      }
    }
  }
  return static_cast<int>(std::min<long long>(best, INT_MAX / 4));
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
    // The rules' values are whole numbers: (hi − v + 1)^alpha is cached per base, one pow per value.
    double lo_v = 0, hi_v = 0;
    bool whole = alpha >= 0 && m_.n > 0;
    if (whole) {
      lo_v = *std::min_element(v.begin(), v.end());
      hi_v = *std::max_element(v.begin(), v.end());
      whole = hi_v - lo_v < 1 << 20;
      for (int j = 0; j < m_.n && whole; ++j) whole = v[j] == std::floor(v[j]);
    }
    if (whole) pow_cache_.assign(static_cast<std::size_t>(hi_v - lo_v) + 2, -1.0);
    auto power = [&](double base) {
      if (!whole) return std::pow(base, alpha);
      double& cached = pow_cache_[static_cast<std::size_t>(base)];
      if (cached < 0) cached = std::pow(base, alpha);
      return cached;
    };
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
        for (std::size_t i = 0; i < eligible.size(); ++i) sum += w[i] = power(hi - v[eligible[i]] + 1);
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
  std::vector<double> pow_cache_;  // Sample's (base)^alpha by whole base
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
  std::vector<int> heads;
  out.lower_bound = CriticalPath(m, probe, &heads);
  out.resource_bound = std::max(CalendarEnergyBound(m, heads, Tails(m)), CliqueBound(m));
  const int bound = std::max(out.lower_bound, out.resource_bound);
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
