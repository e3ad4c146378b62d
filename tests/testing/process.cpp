#include "testing/process.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <boost/asio.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>

#include "testing/http_client.hpp"

namespace huanxin::testing {

CliRun RunCommand(const std::string& binary, const std::string& args) {
  std::string cmd = binary + " " + args + " 2>&1";
  CliRun out;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return out;
  std::array<char, 4096> buf;
  while (auto n = fread(buf.data(), 1, buf.size(), p)) out.output.append(buf.data(), n);
  int status = pclose(p);
  out.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return out;
}

std::uint16_t FreePort() {
  boost::asio::io_context ioc;
  boost::asio::ip::tcp::acceptor a(ioc, {boost::asio::ip::make_address("127.0.0.1"), 0});
  return a.local_endpoint().port();
}

pid_t StartServerProcess(const std::string& binary, const std::string& dsn, std::uint16_t port, const std::string& var,
                         const std::string& admin_password, const std::string& regions_source) {
  return StartServerProcess(binary, dsn, port, var, admin_password, regions_source, {});
}

pid_t StartServerProcess(const std::string& binary, const std::string& dsn, std::uint16_t port, const std::string& var,
                         const std::string& admin_password, const std::string& regions_source,
                         const std::vector<std::string>& extra_args) {
  const std::string p = std::to_string(port);
  std::vector<std::string> args{binary, "serve", "--db", dsn, "--port", p, "--var-dir", var, "--regions-source", regions_source,
                                "--no-access-log"};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = fork();
  if (pid == 0) {
    setenv("HUANXIN_ADMIN_PASSWORD", admin_password.c_str(), 1);
    int null = ::open("/dev/null", O_WRONLY);
    dup2(null, 1);
    dup2(null, 2);
    execv(binary.c_str(), argv.data());
    _exit(127);
  }
  return pid;
}

bool WaitHealthy(std::uint16_t port, int seconds) {
  for (int i = 0; i < seconds * 20; ++i) {
    try {
      if (Send(port, {"GET", "/api/v1/health", "", {}}).status == 200) return true;
    } catch (const std::exception&) {
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

}  // namespace huanxin::testing
