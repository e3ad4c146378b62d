#include "app/application.hpp"

#include <spdlog/spdlog.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

#include "app/wiring.hpp"
#include "common/crypto.hpp"
#include "http/handlers/file_handlers.hpp"
#include "http/handlers/platform_handlers.hpp"
#include "store/migrations.hpp"
#include "store/replicated_database.hpp"

namespace huanxin::app {

Application::~Application() {
  Stop();
  jobs_.reset();  // joins the worker (which may still use module services) before they go
  modules_.clear();
}

Result<void> Application::Open() {
  SetPasswordHashCost(cfg_.test_weak_password_hash ? PasswordHashCost::kTestMinimum : PasswordHashCost::kInteractive);
  if (cfg_.test_weak_password_hash)
    spdlog::warn(
        "HUANXIN_TEST_WEAK_PASSWORD_HASH: new password hashes use argon2id's minimum cost; "
        "for test servers only, never for real accounts");
  // Database connections: one per handler thread that may read at once, up to 8, plus two (the
  // jobs worker, a health check); --db-pool overrides.
  const int handlers = cfg_.server.handler_threads > 0 ? cfg_.server.handler_threads : http::kDefaultHandlerThreads;
  int threads = std::min(handlers, 8);
  auto opened = OpenDatabase(cfg_.db, cfg_.db_pool > 0 ? cfg_.db_pool : threads + 2);
  if (!opened) return std::move(opened).error();
  db_ = std::move(*opened);
  auto applied = store::Migrate(*db_);
  if (!applied) return std::move(applied).error();
  if (*applied > 0) spdlog::info("applied {} migration(s) on {}", *applied, db_->name());
  if (auto r = AddReplicas(threads); !r) return r;
  core::auth::LoginThrottlePolicy throttle;
  throttle.per_username = {static_cast<std::size_t>(cfg_.login_failures_per_username),
                           std::chrono::minutes(cfg_.login_failure_window_minutes)};
  throttle.per_address = {static_cast<std::size_t>(cfg_.login_failures_per_address),
                          std::chrono::minutes(cfg_.login_failure_window_minutes)};
  auth_ =
      std::make_unique<service::AuthService>(*db_, clock_, std::chrono::minutes(cfg_.session_ttl_minutes), throttle);
  users_ = std::make_unique<service::UserService>(*db_, clock_);
  audit_ = std::make_unique<service::AuditService>(*db_);
  regions_ = std::make_unique<service::RegionService>(*db_, clock_);
  files_ = std::make_unique<service::FileService>(*db_, clock_, cfg_.var_dir + "/files");
  jobs_ = std::make_unique<service::JobService>(*db_, clock_);
  if (auto r = jobs_->RecoverInterrupted(); !r) return r;
  registry_.Provide(*auth_);
  registry_.Provide(*users_);
  registry_.Provide(*audit_);
  registry_.Provide(*regions_);
  registry_.Provide(*files_);
  registry_.Provide(*jobs_);

  // The contexts, in dependency order; then every route and workbench section.
  module_ctx_ = std::make_unique<ModuleContext>(ModuleContext{cfg_, *db_, clock_, registry_});
  modules_ = ContextModules();
  for (auto& m : modules_)
    if (auto r = m->Wire(*module_ctx_); !r) return r;
  services_ = std::make_unique<http::Services>(http::Services{*db_, *auth_, *users_, *audit_, *regions_, clock_,
                                                              kVersion, cfg_.session_ttl_minutes, cfg_.secure_cookie});
  http::RouteTable table;
  http::AddPlatformRoutes(table, *services_);
  http::FileApi file_api{*files_, *jobs_};
  file_api_ = std::make_unique<http::FileApi>(file_api);
  http::AddFileRoutes(table, *file_api_);
  for (auto& m : modules_) m->AddRoutes(table, services_->workbench);
  routes_ = table.Take();
  return Ok();
}

// Read replicas (docs/scaling.md "Read replicas"): the primary wrapped so that the read-only routes
// may be served by streaming replicas. A replica that cannot be reached now is tried again later.
Result<void> Application::AddReplicas(int threads) {
  if (cfg_.db_replicas.empty()) return Ok();
  auto refuse = [](const std::string& what) {
    return MakeError(
        ErrorCode::kBadRequest, "config.bad_replica", Text("只读副本配置不正确", "bad read replica setting"),
        Text::Same(what),
        Text("副本须为 postgres://… 且主库为 PostgreSQL", "replicas are postgres://… URLs of a PostgreSQL primary"));
  };
  if (db_->dialect() != store::Dialect::kPostgres) return refuse("--db-replica needs a PostgreSQL --db");
  for (const auto& r : cfg_.db_replicas)
    if (!r.starts_with("postgres://") && !r.starts_with("postgresql://")) return refuse(r);
  const int pool = cfg_.db_pool > 0 ? cfg_.db_pool : threads + 2;
  store::ReplicaOptions options;
  options.conninfos = cfg_.db_replicas;
  db_ = store::WithReplicas(std::move(db_), options,
                            [pool](const std::string& conninfo) { return OpenDatabase(conninfo, pool); });
  spdlog::info("{} read replica(s) configured", cfg_.db_replicas.size());
  return Ok();
}

Result<void> Application::BootstrapAdmin(std::string password) {
  bool generated = password.empty();
  if (generated) password = "Hx#" + RandomHex(6) + "-" + RandomHex(4) + "Q";
  auto created = users_->BootstrapAdmin(password);
  if (!created) return std::move(created).error();
  if (!*created) return Ok();
  if (!generated) {
    std::cout << "First administrator created: username admin, password from HUANXIN_ADMIN_PASSWORD\n";
    return Ok();
  }
  std::filesystem::create_directories(cfg_.var_dir);
  std::string path = cfg_.var_dir + "/admin-password";
  {
    // Created 0600 before the secret is written, so it is never readable by others.
    std::ofstream touch(path, std::ios::trunc);
  }
  ::chmod(path.c_str(), 0600);
  std::ofstream(path, std::ios::trunc) << password << "\n";
  std::cout << "First administrator created: username admin, password " << password << "\n"
            << "(saved once to " << path << ", mode 0600; change it after logging in)\n";
  return Ok();
}

Result<void> Application::ImportRegions() {
  spdlog::info("importing regions from {} (prefix '{}')", cfg_.regions_source, cfg_.regions_prefix);
  auto report = regions_->Import(cfg_.regions_source, cfg_.regions_prefix);
  if (!report) return std::move(report).error();
  spdlog::info("regions: {} read, {} changed, source {}", report->read, report->changed, report->source);
  return Ok();
}

Result<void> Application::ImportRegionsIfEmpty() {
  auto n = regions_->Count();
  if (!n) return std::move(n).error();
  if (*n > 0) return Ok();
  return ImportRegions();
}

Result<std::uint16_t> Application::Serve() {
  router_ = std::make_unique<http::Router>(routes_);
  static_files_ = std::make_unique<http::StaticFiles>(cfg_.web_root);
  if (static_files_->size() == 0)
    spdlog::warn("no web app under {} (run: make web); the API still works", cfg_.web_root);
  pipeline_ = std::make_unique<http::Pipeline>(*router_, *services_, *static_files_);
  for (auto& m : modules_) m->Start();
  server_ = std::make_unique<http::Server>(cfg_.server, *pipeline_);
  return server_->Start();
}

void Application::Stop() {
  if (server_) (void)server_->Stop();
}

void Application::RunUntilSignal() {
  if (server_) server_->RunUntilSignal();
}

}  // namespace huanxin::app
