// Fuzzes the PSPLIB .sm reader (core/construction/psplib.hpp). Beyond the sanitizers it checks the
// reader's contract: a refusal names a 1-based line ("line L: …" with L ≥ 1); an accepted instance
// has consistent indices (Validate then refuses only demands above capacity or cycles), and small
// accepted instances are solved and pass the independent checker.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/construction/psplib.hpp"
#include "core/construction/rcpsp.hpp"

using namespace huanxin::core::construction;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto r = ReadPsplib(text);
  if (!r) {
    const std::string& d = r.error().detail.en;
    if (d.rfind("line ", 0) != 0 || d.size() < 6 || d[5] < '1' || d[5] > '9') std::abort();
    return 0;
  }
  const Problem& p = r->problem;
  for (const Activity& a : p.activities) {
    for (const Precedence& pr : a.predecessors)
      if (pr.predecessor < 0 || pr.predecessor >= static_cast<int>(p.activities.size())) std::abort();
    for (const Demand& d : a.demands)
      if (d.resource < 0 || d.resource >= static_cast<int>(p.capacities.size()) || d.amount <= 0) std::abort();
  }
  if (p.activities.size() > 60) return 0;  // solving is the engine's business, kept cheap here
  long long total = 0;
  for (const Activity& a : p.activities) total += a.duration;
  if (total > 5000) return 0;
  auto s = Solve(p, {.time_limit_ms = 1000, .max_schedules = 50, .seed = 1});
  if (s && !CheckSchedule(p, *s)) std::abort();
  return 0;
}
