#include "app/application.hpp"

#include <spdlog/spdlog.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

#include "app/wiring.hpp"
#include "common/crypto.hpp"
#include "store/migrations.hpp"

namespace huanxin::app {

Application::~Application() {
  Stop();
  jobs_.reset();  // joins the worker before the database goes
}

Result<void> Application::Open() {
  int threads = cfg_.server.threads > 0 ? cfg_.server.threads
                                        : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  auto opened = OpenDatabase(cfg_.db, cfg_.db_pool > 0 ? cfg_.db_pool : threads + 2);
  if (!opened) return std::move(opened).error();
  db_ = std::move(*opened);
  auto applied = store::Migrate(*db_);
  if (!applied) return std::move(applied).error();
  if (*applied > 0) spdlog::info("applied {} migration(s) on {}", *applied, db_->name());
  core::auth::LoginThrottlePolicy throttle;
  throttle.per_username = {static_cast<std::size_t>(cfg_.login_failures_per_username),
                           std::chrono::minutes(cfg_.login_failure_window_minutes)};
  throttle.per_address = {static_cast<std::size_t>(cfg_.login_failures_per_address),
                          std::chrono::minutes(cfg_.login_failure_window_minutes)};
  auth_ = std::make_unique<service::AuthService>(*db_, clock_, std::chrono::minutes(cfg_.session_ttl_minutes), throttle);
  auto reading = cfg_.transitive_owner_merge ? core::reg::HeadcountReading::kTransitive : core::reg::HeadcountReading::kLiteral;
  users_ = std::make_unique<service::UserService>(*db_, clock_);
  audit_ = std::make_unique<service::AuditService>(*db_);
  regions_ = std::make_unique<service::RegionService>(*db_, clock_);
  core::reg::EligibilityPolicy policy;
  policy.cutoff_year = cfg_.eligibility_cutoff_year;
  policy.extension_last_year = cfg_.eligibility_extension_last_year;
  policy.cap_numerator = cfg_.eligibility_extension_cap_percent;
  policy.cap_denominator = 100;
  reg_ = std::make_unique<service::RegisterService>(*db_, clock_, policy, reading);
  imports_ = std::make_unique<service::ImportService>(*db_, clock_, *reg_);
  consult_ = std::make_unique<service::ConsultationService>(*db_, clock_, cfg_.var_dir + "/files", reading);
  checkups_ = std::make_unique<service::CheckupService>(*db_, clock_, cfg_.var_dir + "/files");
  jobs_ = std::make_unique<job::JobRunner>(*db_, clock_);
  if (auto r = jobs_->RecoverInterrupted(); !r) return r;
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
  services_ = std::make_unique<http::Services>(http::Services{*db_, *auth_, *users_, *audit_, *regions_, kVersion,
                                                              cfg_.session_ttl_minutes, cfg_.secure_cookie});
  services_->reg = reg_.get();
  services_->imports = imports_.get();
  services_->jobs = jobs_.get();
  services_->consult = consult_.get();
  services_->checkups = checkups_.get();
  services_->public_url = cfg_.public_url;
  services_->import_sync_row_limit = cfg_.import_sync_row_limit;
  router_ = std::make_unique<http::Router>(http::BuildRoutes(*services_));
  files_ = std::make_unique<http::StaticFiles>(cfg_.web_root);
  if (files_->size() == 0) spdlog::warn("no web app under {} (run: make web); the API still works", cfg_.web_root);
  pipeline_ = std::make_unique<http::Pipeline>(*router_, *services_, *files_);
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
