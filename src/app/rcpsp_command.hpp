// `huanxin rcpsp FILE.sm [--time-limit-ms N] [--seed S] [--max-schedules K] [--check]`: solves a
// PSPLIB single-mode instance with the construction scheduling engine (core/construction) and prints
// "makespan N", then one "job start" line per job (the file's 1-based job numbers, start = day).
// Used by bench/rcpsp.sh. Exit 0; 2 when the file cannot be read or is malformed (the reader's
// "line L: reason" on stderr) or the problem is refused; 3 when --check finds the schedule infeasible.
#pragma once

#include <cstdint>
#include <string>

namespace huanxin::app {

struct RcpspCommandOptions {
  std::string file;
  int time_limit_ms = 1000;
  long long max_schedules = 0;
  std::uint64_t seed = 1;
  bool check = false;
};

// Returns the process exit code.
int RunRcpsp(const RcpspCommandOptions& options);

}  // namespace huanxin::app
