// Helpers for tests that check outputs the way a reader sees them, with external tools: poppler
// (pdftotext, pdfinfo, pdftoppm), zbar (zbarimg) and Debian's python3 with python3-openpyxl. CI
// installs them (tools/install-deps.sh), so there a missing tool fails; elsewhere the test skips.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <system_error>

namespace huanxin::testing {

inline constexpr const char* kPdfToText = "/usr/bin/pdftotext";
inline constexpr const char* kPdfInfo = "/usr/bin/pdfinfo";
inline constexpr const char* kPdfToPpm = "/usr/bin/pdftoppm";
inline constexpr const char* kZbarImg = "/usr/bin/zbarimg";
// Debian's python (python3-openpyxl); the one on PATH may be a pyenv one without openpyxl.
inline constexpr const char* kPython = "/usr/bin/python3";

// True when running in CI (CI=true), where a missing tool is a failure rather than a skip.
inline bool InCi() {
  const char* ci = std::getenv("CI");
  return ci != nullptr && std::string(ci) == "true";
}

inline bool HaveTool(const char* path) {
  std::error_code ec;
  return std::filesystem::exists(path, ec);
}

inline bool HaveOpenpyxl() {
  return HaveTool(kPython) && std::system("/usr/bin/python3 -c 'import openpyxl' >/dev/null 2>&1") == 0;
}

// In a TEST body: fails under CI=true, skips otherwise, when `available` is false.
#define HX_REQUIRE_TOOL(available, what)                                            \
  do {                                                                              \
    if (!(available)) {                                                             \
      if (::huanxin::testing::InCi()) GTEST_FAIL() << what << " is required in CI"; \
      GTEST_SKIP() << what << " missing";                                           \
    }                                                                               \
  } while (0)

// A fresh directory under the system temp directory, named <prefix>-XXXXXX, removed with its contents.
class TempDir {
 public:
  explicit TempDir(const std::string& prefix) {
    std::string pattern = (std::filesystem::temp_directory_path() / (prefix + "-XXXXXX")).string();
    if (mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// A path in single quotes for a shell command line.
inline std::string Quote(const std::filesystem::path& path) { return "'" + path.string() + "'"; }

// Runs a shell command and returns its standard output; with expect_success, a non-zero exit
// status is a test failure.
inline std::string RunCommand(const std::string& command, bool expect_success = true) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) {
    ADD_FAILURE() << "cannot run " << command;
    return out;
  }
  char buffer[4096];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
  const int status = pclose(pipe);
  if (expect_success) {
    EXPECT_EQ(status, 0) << command;
  }
  return out;
}

}  // namespace huanxin::testing
