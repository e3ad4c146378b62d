// The command-line tools, run as a user would run them: `huanxin audit verify` on a chain edited
// directly in the database (both backends).
#include <filesystem>
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <sys/wait.h>

#include "api/api_fixture.hpp"
#include "app/application.hpp"
#include "service/register/register_service.hpp"
#include "common/crypto.hpp"
#include "core/audit/chain.hpp"
#include "store/audit/audit_repository.hpp"
#include <boost/json.hpp>
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

// Tamper evidence (issue #15): someone with database access edits an early audit row and rewrites
// every hash after it, so the chain verifies again on its own; the head published before the edit
// (saved by anyone from GET /api/v1/public/audit-heads) no longer matches and names the day.
TEST_P(AuditVerifyCli, PublishedHeadsCatchAChainRewrittenToLookValid) {
  ASSERT_TRUE(InitCrypto());
  auto dsn = FreshDsn(GetParam());
  if (dsn.empty()) return;
  const auto heads_file = ::testing::TempDir() + "hx-heads-" + std::to_string(::getpid()) + "-" + GetParam() + ".json";
  {
    app::Config cfg;
    cfg.db = dsn;
    app::Application app(cfg);
    ASSERT_TRUE(app.Open());
    SeedRegions(app.db());
    ASSERT_TRUE(app.BootstrapAdmin(kAdminPassword));
    for (const char* name : {"hongdu.li", "jingshan.zhao"}) {
      service::NewUser u{name, std::string("用户 ") + name, "street", "360104002", "Street#2026x", std::nullopt, {}};
      ASSERT_TRUE(app.users().Upsert(u));
    }
    // Yesterday's head (3 rows), then a later row and today's head.
    ASSERT_TRUE(app.audit().PublishHead("2026-12-03", "2026-12-03T16:01:00.000Z"));
    service::NewUser later{"xihu.sun", "用户 xihu.sun", "street", "360104002", "Street#2026x", std::nullopt, {}};
    ASSERT_TRUE(app.users().Upsert(later));
    ASSERT_TRUE(app.audit().PublishHead("2026-12-04", "2026-12-04T16:01:00.000Z"));
    auto again = app.audit().PublishHead("2026-12-04", "2026-12-04T17:00:00.000Z");
    ASSERT_TRUE(again);
    EXPECT_FALSE(*again) << "a published head is never replaced";
    auto heads = app.audit().PublishedHeads();
    ASSERT_TRUE(heads);
    ASSERT_EQ(heads->size(), 2u);
    EXPECT_EQ((*heads)[0].seq, 3);
    EXPECT_EQ((*heads)[1].seq, 4);
    // Saved as the portal answers it.
    boost::json::array saved;
    for (const auto& h : *heads) saved.push_back(boost::json::object{{"on", h.on}, {"seq", h.seq}, {"hash", h.hash}});
    std::FILE* f = std::fopen(heads_file.c_str(), "w");
    ASSERT_TRUE(f);
    const auto text = boost::json::serialize(saved);
    std::fwrite(text.data(), 1, text.size(), f);
    std::fclose(f);
  }
  // The untouched chain passes, against the saved heads too.
  auto ok = RunCli("audit verify --db '" + dsn + "' --against '" + heads_file + "'");
  EXPECT_EQ(ok.exit_code, 0) << ok.output;
  EXPECT_NE(ok.output.find("audit chain OK: 4 rows verified, 2 saved heads match"), std::string::npos) << ok.output;

  // Row 2 rewritten, and every hash from row 2 on recomputed with the head: a consistent forgery.
  // On SQLite the forger works on a copy of the database file (the original keeps passing); on
  // PostgreSQL the test's own fresh database plays the copy.
  const std::string original = dsn;
  if (GetParam() == "sqlite") {
    const auto from = dsn.substr(std::string("sqlite:").size());
    const auto to = from + ".copy.sqlite";
    std::filesystem::copy_file(from, to, std::filesystem::copy_options::overwrite_existing);
    if (std::filesystem::exists(from + "-wal"))
      std::filesystem::copy_file(from + "-wal", to + "-wal", std::filesystem::copy_options::overwrite_existing);
    dsn = "sqlite:" + to;
  }
  auto db = OpenMigrated(dsn, 1);
  ASSERT_TRUE(db);
  auto forge = db->Write([&](store::Session& s) -> Result<void> {
    auto drop = s.ExecScript(GetParam() == "sqlite" ? "DROP TRIGGER audit_log_no_update"
                                                    : "DROP TRIGGER audit_log_no_change ON audit_log");
    if (!drop) return drop;
    auto rows = store::AuditRepository::Range(s, 0, 100);
    if (!rows) return std::move(rows).error();
    std::string prev = (*rows)[0].hash;
    for (std::size_t i = 1; i < rows->size(); ++i) {
      auto& e = (*rows)[i];
      if (e.seq == 2) e.changes = "{\"role\":{\"from\":null,\"to\":\"admin\"}}";
      e.prev_hash = prev;
      e.hash = core::audit::ChainHash(prev, e);
      prev = e.hash;
      auto n = s.Exec("UPDATE audit_log SET changes = ?, prev_hash = ?, hash = ? WHERE seq = ?",
                      {store::Str(e.changes), store::Str(e.prev_hash), store::Str(e.hash), store::Int(e.seq)});
      if (!n) return std::move(n).error();
    }
    auto head = s.Exec("UPDATE audit_head SET hash = ? WHERE id = 1", {store::Str(prev)});
    if (!head) return std::move(head).error();
    return Ok();
  });
  ASSERT_TRUE(forge) << forge.error().detail.en;
  db.reset();
  auto plain = RunCli("audit verify --db '" + dsn + "'");
  EXPECT_EQ(plain.exit_code, 0) << "the forgery is consistent on its own: " << plain.output;
  auto caught = RunCli("audit verify --db '" + dsn + "' --against '" + heads_file + "'");
  EXPECT_EQ(caught.exit_code, 3) << caught.output;
  EXPECT_NE(caught.output.find("REWRITTEN"), std::string::npos) << caught.output;
  EXPECT_NE(caught.output.find("published on 2026-12-03 (row 3"), std::string::npos) << caught.output;
  if (original != dsn) {
    auto untouched = RunCli("audit verify --db '" + original + "' --against '" + heads_file + "'");
    EXPECT_EQ(untouched.exit_code, 0) << "the original beside the forged copy: " << untouched.output;
  }

  // A heads file that is not the portal's answer is refused, not taken as "nothing to check".
  std::FILE* f = std::fopen(heads_file.c_str(), "w");
  ASSERT_TRUE(f);
  std::fputs("{\"on\":1}", f);
  std::fclose(f);
  auto bad = RunCli("audit verify --db '" + dsn + "' --against '" + heads_file + "'");
  EXPECT_EQ(bad.exit_code, 1) << bad.output;
  std::remove(heads_file.c_str());
}

INSTANTIATE_TEST_SUITE_P(Sqlite, AuditVerifyCli, ::testing::Values("sqlite"));
INSTANTIATE_TEST_SUITE_P(Postgres, AuditVerifyCli, ::testing::Values("postgres"));

}  // namespace
}  // namespace huanxin::testing
