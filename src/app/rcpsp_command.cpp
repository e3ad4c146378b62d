#include "app/rcpsp_command.hpp"

#include <fstream>
#include <iostream>
#include <sstream>

#include "core/construction/psplib.hpp"
#include "core/construction/rcpsp.hpp"

namespace huanxin::app {
namespace {

int Refuse(const Error& e) {
  std::cerr << "huanxin rcpsp: " << e.message.en;
  if (!e.detail.empty()) std::cerr << ": " << e.detail.en;
  std::cerr << "\n";
  return 2;
}

}  // namespace

int RunRcpsp(const RcpspCommandOptions& options) {
  namespace cc = core::construction;
  std::ifstream in(options.file, std::ios::binary);
  if (!in) {
    std::cerr << "huanxin rcpsp: cannot read " << options.file << "\n";
    return 2;
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) {
    std::cerr << "huanxin rcpsp: cannot read " << options.file << "\n";
    return 2;
  }
  auto instance = cc::ReadPsplib(text.str());
  if (!instance) return Refuse(instance.error());
  cc::SolveOptions solve;
  solve.time_limit_ms = options.time_limit_ms;
  solve.max_schedules = options.max_schedules;
  solve.seed = options.seed;
  auto schedule = cc::Solve(instance->problem, solve);
  if (!schedule) return Refuse(schedule.error());
  std::ostringstream out;
  out << "makespan " << schedule->makespan << "\n";
  for (std::size_t j = 0; j < schedule->activities.size(); ++j) out << j + 1 << " " << schedule->activities[j].start << "\n";
  std::cout << out.str();
  std::cerr << "lower bound " << schedule->lower_bound << (schedule->proven_optimal ? ", proven optimal" : "") << ", "
            << schedule->schedules_evaluated << " schedules\n";
  if (options.check) {
    if (auto ok = cc::CheckSchedule(instance->problem, *schedule); !ok) {
      std::cerr << "huanxin rcpsp: " << ok.error().message.en << ": " << ok.error().detail.en << "\n";
      return 3;
    }
    std::cerr << "schedule checked: feasible\n";
  }
  return 0;
}

}  // namespace huanxin::app
