#include "app/config.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace huanxin::app {
namespace {

std::string WriteToml(const std::string& text) {
  auto path = std::filesystem::temp_directory_path() / ("hx-config-" + std::to_string(::getpid()) + ".toml");
  std::ofstream(path) << text;
  return path.string();
}

TEST(Config, ReadsKeysOverDefaults) {
  Config cfg;
  auto path = WriteToml("[server]\nport = 9090\njson_body_limit_kib = 2048\n[database]\nurl = \"sqlite:/tmp/x.db\"\n");
  ASSERT_TRUE(LoadConfigFile(path, cfg));
  EXPECT_EQ(cfg.server.port, 9090);
  EXPECT_EQ(cfg.server.json_body_limit, 2048u * 1024);
  EXPECT_EQ(cfg.db, "sqlite:/tmp/x.db");
  EXPECT_EQ(cfg.server.upload_body_limit, 20u * 1024 * 1024);  // default kept
}

TEST(Config, RejectsUnknownKeysAndBadValues) {
  Config cfg;
  EXPECT_FALSE(LoadConfigFile(WriteToml("[server]\nprot = 1\n"), cfg));
  EXPECT_FALSE(LoadConfigFile(WriteToml("[server]\nport = 70000\n"), cfg));
  EXPECT_FALSE(LoadConfigFile(WriteToml("[server]\nport = \"x\"\n"), cfg));
  EXPECT_FALSE(LoadConfigFile(WriteToml("not toml ["), cfg));
}

}  // namespace
}  // namespace huanxin::app
