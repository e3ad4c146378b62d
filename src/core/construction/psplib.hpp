// A strict reader of the PSPLIB single-mode RCPSP format (`.sm`; Kolisch & Sprecher, "PSPLIB — a
// project scheduling problem library", EJOR 96, 1996), the benchmark of the scheduling engine
// (docs/decisions/0013-rcpsp.md).
//
// Accepted layout: the header lines up to "PRECEDENCE RELATIONS:" (the keys "jobs (incl.
// supersource/sink )", "horizon" and "- renewable" are required, "- nonrenewable" and "- doubly
// constrained" must be 0 when present); then the three sections in order, each introduced by its
// title line and a column-header line ("REQUESTS/DURATIONS:" also by a dashed line), with exactly one
// line per job numbered 1…N in order, every job in mode 1, and the capacities on one line. Lines of
// '*' separate sections; blank lines are ignored. Values are non-negative decimal integers.
//
// Pure: parses text already read. Never reads outside its input; refuses more than kMaxJobs jobs,
// kMaxResources resources and values above kMaxValue.
#pragma once

#include <string_view>

#include "common/result.hpp"
#include "core/construction/rcpsp.hpp"

namespace huanxin::core::construction {

inline constexpr int kMaxJobs = 100000;
inline constexpr int kMaxResources = 1000;
inline constexpr int kMaxValue = 1000000;

struct PsplibInstance {
  // Activities in file order (job k is activities[k − 1], code "k"), finish–start precedences with
  // lag 0 from the successor lists, one resource per renewable resource ("R 1", …). No calendars.
  Problem problem;
  int declared_horizon = 0;  // the file's "horizon" (an upper bound on the makespan)
};

// The instance, or 422 construction.bad_psplib whose detail starts with "line L: " (1-based) and
// says what was expected and found, e.g. "line 17: expected 4 resource capacities, found 3".
Result<PsplibInstance> ReadPsplib(std::string_view text);

}  // namespace huanxin::core::construction
