// Running the real `huanxin` binary from tests: command-line tools and a server process on a free
// loopback port (CLI, crash and scale tests).
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <vector>

namespace huanxin::testing {

struct CliRun {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

// Runs `binary args` through the shell and collects its output.
CliRun RunCommand(const std::string& binary, const std::string& args);

// A loopback port that was free a moment ago.
std::uint16_t FreePort();

// `binary serve --db dsn --port port --var-dir var --regions-source regions --no-access-log` in a
// child process with output discarded and HUANXIN_ADMIN_PASSWORD set; returns the child's pid.
pid_t StartServerProcess(const std::string& binary, const std::string& dsn, std::uint16_t port, const std::string& var,
                         const std::string& admin_password, const std::string& regions_source = "/nonexistent");

// The same with more arguments after the others (e.g. {"--db-replica", dsn}).
pid_t StartServerProcess(const std::string& binary, const std::string& dsn, std::uint16_t port, const std::string& var,
                         const std::string& admin_password, const std::string& regions_source,
                         const std::vector<std::string>& extra_args);

// Polls GET /api/v1/health for up to `seconds`; true once it answers 200.
bool WaitHealthy(std::uint16_t port, int seconds = 10);

}  // namespace huanxin::testing
