#include "app/config.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
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

// Issue #11: the login throttling limits and the headcount reading are deployment settings.
TEST(Config, LoginThrottleAndHeadcountReadingDefaultsAndKeys) {
  Config defaults;
  EXPECT_EQ(defaults.login_failures_per_username, 5);
  EXPECT_EQ(defaults.login_failures_per_address, 100);
  EXPECT_EQ(defaults.login_failure_window_minutes, 15);
  EXPECT_FALSE(defaults.transitive_owner_merge);
  Config cfg;
  ASSERT_TRUE(LoadConfigFile(WriteToml("[auth]\nlogin_failures_per_username = 3\nlogin_failures_per_address = 50\n"
                                       "login_failure_window_minutes = 30\n[register]\ntransitive_owner_merge = true\n"),
                             cfg));
  EXPECT_EQ(cfg.login_failures_per_username, 3);
  EXPECT_EQ(cfg.login_failures_per_address, 50);
  EXPECT_EQ(cfg.login_failure_window_minutes, 30);
  EXPECT_TRUE(cfg.transitive_owner_merge);
}

// Issue #14: when an overdue order reaches the housing bureau, and the contractors' score weights.
TEST(Config, SupervisionEscalationAndScoreWeights) {
  Config defaults;
  EXPECT_EQ(defaults.supervision_bureau_escalation_working_days, 3);
  EXPECT_EQ(defaults.supervision_score_finding_weight, 2);
  EXPECT_EQ(defaults.supervision_score_overdue_weight, 5);
  EXPECT_EQ(defaults.supervision_score_rework_weight, 10);
  Config cfg;
  ASSERT_TRUE(LoadConfigFile(WriteToml("[supervision]\nbureau_escalation_working_days = 5\nscore_finding_weight = 0\n"
                                       "score_overdue_weight = 100\nscore_rework_weight = 7\n"),
                             cfg));
  EXPECT_EQ(cfg.supervision_bureau_escalation_working_days, 5);
  EXPECT_EQ(cfg.supervision_score_finding_weight, 0);
  EXPECT_EQ(cfg.supervision_score_overdue_weight, 100);
  EXPECT_EQ(cfg.supervision_score_rework_weight, 7);
  EXPECT_FALSE(LoadConfigFile(WriteToml("[supervision]\nbureau_escalation_working_days = 0\n"), cfg));
  EXPECT_FALSE(LoadConfigFile(WriteToml("[supervision]\nbureau_escalation_working_days = 31\n"), cfg));
  EXPECT_FALSE(LoadConfigFile(WriteToml("[supervision]\nscore_rework_weight = -1\n"), cfg));
  EXPECT_FALSE(LoadConfigFile(WriteToml("[supervision]\nscore_overdue_weight = 101\n"), cfg));
  EXPECT_FALSE(LoadConfigFile(WriteToml("[supervision]\nescalation_days = 3\n"), cfg));
}

TEST(Config, LoginThrottleLimitsMustBeAtLeastOne) {
  Config cfg;
  EXPECT_TRUE(LoadConfigFile(WriteToml("[auth]\nlogin_failures_per_username = 1\nlogin_failures_per_address = 1\n"
                                       "login_failure_window_minutes = 1\n"),
                             cfg));
  EXPECT_FALSE(LoadConfigFile(WriteToml("[auth]\nlogin_failures_per_username = 0\n"), cfg));
  EXPECT_FALSE(LoadConfigFile(WriteToml("[auth]\nlogin_failures_per_address = 0\n"), cfg));
  EXPECT_FALSE(LoadConfigFile(WriteToml("[auth]\nlogin_failure_window_minutes = 0\n"), cfg));
  EXPECT_FALSE(LoadConfigFile(WriteToml("[register]\ntransitive_owner_merge = \"yes\"\n"), cfg));
}

// Issue #12: a publicity window's default length and the objection rate limit.
TEST(Config, PublicityKeysDefaultsAndBounds) {
  Config defaults;
  EXPECT_EQ(defaults.publicity_working_days, 7);
  EXPECT_EQ(defaults.objection_rate_per_hour, 5);
  Config cfg;
  ASSERT_TRUE(LoadConfigFile(WriteToml("[project]\npublicity_working_days = 60\nobjection_rate_per_hour = 1\n"), cfg));
  EXPECT_EQ(cfg.publicity_working_days, 60);
  EXPECT_EQ(cfg.objection_rate_per_hour, 1);
  ASSERT_TRUE(LoadConfigFile(WriteToml("[project]\npublicity_working_days = 1\nobjection_rate_per_hour = 1000\n"), cfg));
  EXPECT_FALSE(LoadConfigFile(WriteToml("[project]\npublicity_working_days = 0\n"), cfg));
  EXPECT_FALSE(LoadConfigFile(WriteToml("[project]\npublicity_working_days = 61\n"), cfg));
  EXPECT_FALSE(LoadConfigFile(WriteToml("[project]\nobjection_rate_per_hour = 0\n"), cfg));
  EXPECT_FALSE(LoadConfigFile(WriteToml("[project]\nobjection_rate_per_hour = 1001\n"), cfg));
}

// The weak test hash is reachable only through the environment: no file key, off by default, and a
// value other than 0 or 1 is refused.
TEST(Config, WeakTestPasswordHashOnlyFromTheEnvironment) {
  Config defaults;
  EXPECT_FALSE(defaults.test_weak_password_hash);
  Config cfg;
  EXPECT_FALSE(LoadConfigFile(WriteToml("[auth]\ntest_weak_password_hash = true\n"), cfg));
  ::setenv("HUANXIN_TEST_WEAK_PASSWORD_HASH", "1", 1);
  ASSERT_TRUE(ApplyEnvironment(cfg));
  EXPECT_TRUE(cfg.test_weak_password_hash);
  ::setenv("HUANXIN_TEST_WEAK_PASSWORD_HASH", "yes", 1);
  EXPECT_FALSE(ApplyEnvironment(cfg));
  ::setenv("HUANXIN_TEST_WEAK_PASSWORD_HASH", "0", 1);
  ASSERT_TRUE(ApplyEnvironment(cfg));
  EXPECT_FALSE(cfg.test_weak_password_hash);
  ::unsetenv("HUANXIN_TEST_WEAK_PASSWORD_HASH");
}

}  // namespace
}  // namespace huanxin::app
