// The assembled application: database, services, router, pipeline and server. main.cpp and the
// API tests build exactly this, so the tests run the stack users run.
#pragma once

#include <memory>
#include <string>

#include "app/config.hpp"
#include "common/clock.hpp"
#include "http/pipeline.hpp"
#include "http/routes.hpp"
#include "http/server.hpp"
#include "service/audit/audit_service.hpp"
#include "service/auth/auth_service.hpp"
#include "job/job_runner.hpp"
#include "service/region/region_service.hpp"
#include "service/checkup/checkup_service.hpp"
#include "service/consultation/consultation_service.hpp"
#include "service/register/import_service.hpp"
#include "service/register/register_service.hpp"
#include "service/user/user_service.hpp"
#include "store/database.hpp"

namespace huanxin::app {

inline constexpr const char* kVersion = "0.1.0";

class Application {
 public:
  explicit Application(Config cfg) : cfg_(std::move(cfg)) {}
  ~Application();

  // Opens the database and applies migrations.
  Result<void> Open();
  // The first admin: password from `password` (or HUANXIN_ADMIN_PASSWORD by the caller), or
  // generated, written to var/admin-password (0600) and printed once. No-op when users exist.
  Result<void> BootstrapAdmin(std::string password);
  Result<void> ImportRegions();
  Result<void> ImportRegionsIfEmpty();
  // Starts serving; returns the bound port.
  Result<std::uint16_t> Serve();
  void Stop();
  void RunUntilSignal();

  const Config& config() const { return cfg_; }
  store::Database& db() { return *db_; }
  service::UserService& users() { return *users_; }
  service::AuditService& audit() { return *audit_; }
  service::RegionService& regions() { return *regions_; }
  service::AuthService& auth() { return *auth_; }
  service::RegisterService& reg() { return *reg_; }
  service::ImportService& imports() { return *imports_; }
  service::ConsultationService& consult() { return *consult_; }
  service::CheckupService& checkups() { return *checkups_; }
  job::JobRunner& jobs() { return *jobs_; }
  const Clock& clock() const { return clock_; }

 private:
  Config cfg_;
  SystemClock clock_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<service::AuthService> auth_;
  std::unique_ptr<service::UserService> users_;
  std::unique_ptr<service::AuditService> audit_;
  std::unique_ptr<service::RegionService> regions_;
  std::unique_ptr<service::RegisterService> reg_;
  std::unique_ptr<service::ImportService> imports_;
  std::unique_ptr<service::ConsultationService> consult_;
  std::unique_ptr<service::CheckupService> checkups_;
  std::unique_ptr<job::JobRunner> jobs_;
  std::unique_ptr<http::Services> services_;
  std::unique_ptr<http::Router> router_;
  std::unique_ptr<http::StaticFiles> files_;
  std::unique_ptr<http::Pipeline> pipeline_;
  std::unique_ptr<http::Server> server_;
};

}  // namespace huanxin::app
