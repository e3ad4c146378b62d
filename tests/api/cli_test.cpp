// The command-line tools, run as a user would run them: `huanxin audit verify` on a chain edited
// directly in the database (both backends).
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <sys/wait.h>

#include "api/api_fixture.hpp"
#include "app/application.hpp"
#include "service/register/register_service.hpp"
#include "common/crypto.hpp"
#include "testing/process.hpp"
#include "testing/test_db.hpp"

namespace huanxin::testing {
namespace {

CliRun RunCli(const std::string& args) { return RunCommand(HX_BINARY, args); }

class AuditVerifyCli : public ::testing::TestWithParam<std::string> {};

TEST_P(AuditVerifyCli, NamesTheRowEditedDirectlyInTheDatabase) {
  ASSERT_TRUE(InitCrypto());
  auto dsn = FreshDsn(GetParam());
  if (dsn.empty()) return;
  {
    app::Config cfg;
    cfg.db = dsn;
    app::Application app(cfg);
    ASSERT_TRUE(app.Open());
    SeedRegions(app.db());
    ASSERT_TRUE(app.BootstrapAdmin(kAdminPassword));
    for (const char* name : {"hongdu.li", "jingshan.zhao", "xihu.sun"}) {
      service::NewUser u{name, std::string("用户 ") + name, "street", "360104002", "Street#2026x", std::nullopt, {}};
      ASSERT_TRUE(app.users().Upsert(u));
    }
  }
  auto ok = RunCli("audit verify --db '" + dsn + "'");
  EXPECT_EQ(ok.exit_code, 0) << ok.output;
  EXPECT_NE(ok.output.find("audit chain OK: 4 rows verified"), std::string::npos) << ok.output;

  // Someone with raw database access removes the append-only guard and rewrites row 3.
  auto db = OpenMigrated(dsn, 1);
  ASSERT_TRUE(db);
  auto tamper = db->Write([&](store::Session& s) -> Result<void> {
    auto drop = s.ExecScript(GetParam() == "sqlite" ? "DROP TRIGGER audit_log_no_update"
                                                    : "DROP TRIGGER audit_log_no_change ON audit_log");
    if (!drop) return drop;
    auto n = s.Exec("UPDATE audit_log SET changes = '{\"role\":{\"from\":null,\"to\":\"admin\"}}' WHERE seq = 3");
    if (!n) return std::move(n).error();
    return Ok();
  });
  ASSERT_TRUE(tamper) << tamper.error().detail.en;
  db.reset();
  auto broken = RunCli("audit verify --db '" + dsn + "'");
  EXPECT_EQ(broken.exit_code, 3) << broken.output;
  EXPECT_NE(broken.output.find("BROKEN at row 3"), std::string::npos) << broken.output;
}

TEST_P(AuditVerifyCli, DetectsRowsCutFromTheEnd) {
  ASSERT_TRUE(InitCrypto());
  auto dsn = FreshDsn(GetParam());
  if (dsn.empty()) return;
  {
    app::Config cfg;
    cfg.db = dsn;
    app::Application app(cfg);
    ASSERT_TRUE(app.Open());
    SeedRegions(app.db());
    ASSERT_TRUE(app.BootstrapAdmin(kAdminPassword));
    service::NewUser u{"hongdu.li", "李", "street", "360104002", "Street#2026x", std::nullopt, {}};
    ASSERT_TRUE(app.users().Upsert(u));
  }
  auto db = OpenMigrated(dsn, 1);
  auto cut = db->Write([&](store::Session& s) -> Result<void> {
    auto drop = s.ExecScript(GetParam() == "sqlite" ? "DROP TRIGGER audit_log_no_delete"
                                                    : "DROP TRIGGER audit_log_no_change ON audit_log");
    if (!drop) return drop;
    auto n = s.Exec("DELETE FROM audit_log WHERE seq = 2");
    if (!n) return std::move(n).error();
    return Ok();
  });
  ASSERT_TRUE(cut);
  db.reset();
  auto broken = RunCli("audit verify --db '" + dsn + "'");
  EXPECT_EQ(broken.exit_code, 3) << broken.output;
  EXPECT_NE(broken.output.find("BROKEN at row 2"), std::string::npos) << broken.output;
}

TEST_P(AuditVerifyCli, BackupAndRestoreRoundTripEveryTable) {
  ASSERT_TRUE(InitCrypto());
  auto dsn = FreshDsn(GetParam());
  if (dsn.empty()) return;
  auto file = ::testing::TempDir() + "hx-backup-" + std::to_string(::getpid()) + "-" + GetParam();
  std::string before;
  {
    app::Config cfg;
    cfg.db = dsn;
    app::Application app(cfg);
    ASSERT_TRUE(app.Open());
    SeedRegions(app.db());
    ASSERT_TRUE(app.BootstrapAdmin(kAdminPassword));
    service::NewUser u{"hongdu.li", "李", "street", "360104002", "Street#2026x", std::nullopt, {}};
    ASSERT_TRUE(app.users().Upsert(u));
    auto actor = service::Actor::System("test");
    service::EstateInput e;
    e.region_code = "360104002001";
    e.name = "备份小区";
    e.address = "洪都中大道1号";
    e.built_year = 1989;
    auto estate = app.service<service::RegisterService>().CreateEstate(actor, e);
    ASSERT_TRUE(estate);
    service::BuildingInput b;
    b.number = "1";
    b.floors = 6;
    auto building = app.service<service::RegisterService>().CreateBuilding(actor, estate->estate.id, b);
    ASSERT_TRUE(building);
    service::DwellingInput d;
    d.stairwell = 1;
    d.floor = 2;
    d.room = "201";
    d.exclusive_area_dm2 = 8537;
    ASSERT_TRUE(app.service<service::RegisterService>().CreateDwelling(actor, building->id, d));
    before = Snapshot(app.db());
  }
  auto backup = RunCli("backup --db '" + dsn + "' --out '" + file + "'");
  ASSERT_EQ(backup.exit_code, 0) << backup.output;
  {
    // Changes after the backup: a new user, a new estate, an edited dwelling.
    app::Config cfg;
    cfg.db = dsn;
    app::Application app(cfg);
    ASSERT_TRUE(app.Open());
    service::NewUser u{"later.user", "后来", "street", "360104006", "Street#2026x", std::nullopt, {}};
    ASSERT_TRUE(app.users().Upsert(u));
    service::EstateInput e;
    e.region_code = "360104002001";
    e.name = "后建小区";
    e.address = "x";
    e.built_year = 1999;
    ASSERT_TRUE(app.service<service::RegisterService>().CreateEstate(service::Actor::System("test"), e));
    ASSERT_NE(Snapshot(app.db()), before);
  }
  auto restore = RunCli("restore --db '" + dsn + "' --from '" + file + "'");
  ASSERT_EQ(restore.exit_code, 0) << restore.output;
  auto db = OpenMigrated(dsn, 1);
  ASSERT_TRUE(db);
  EXPECT_EQ(Snapshot(*db), before) << "every table is back as it was at the backup";
  auto verify = RunCli("audit verify --db '" + dsn + "'");
  EXPECT_EQ(verify.exit_code, 0) << verify.output;
  std::remove(file.c_str());
}

INSTANTIATE_TEST_SUITE_P(Sqlite, AuditVerifyCli, ::testing::Values("sqlite"));
INSTANTIATE_TEST_SUITE_P(Postgres, AuditVerifyCli, ::testing::Values("postgres"));

}  // namespace
}  // namespace huanxin::testing
