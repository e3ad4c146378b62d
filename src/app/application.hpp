// The assembled application: database, platform services, the context modules (src/app/modules.cpp),
// routes, pipeline and server. main.cpp and the API tests build exactly this, so the tests run the
// stack users run.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "app/config.hpp"
#include "app/module.hpp"
#include "common/clock.hpp"
#include "http/handlers/file_handlers.hpp"
#include "http/pipeline.hpp"
#include "http/route_table.hpp"
#include "http/server.hpp"
#include "http/services.hpp"
#include "service/audit/audit_service.hpp"
#include "service/auth/auth_service.hpp"
#include "service/file/file_service.hpp"
#include "service/job/job_service.hpp"
#include "service/region/region_service.hpp"
#include "service/user/user_service.hpp"
#include "store/database.hpp"

namespace huanxin::app {

inline constexpr const char* kVersion = "0.1.0";

class Application {
 public:
  explicit Application(Config cfg) : cfg_(std::move(cfg)) {}
  ~Application();

  // Opens the database, applies migrations, builds the platform services and wires every module.
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

  // Every route the server answers (platform and modules), after Open.
  const std::vector<http::Route>& routes() const { return routes_; }
  // A service a module or the platform provided (after Open), e.g. service<ConsultationService>().
  template <typename T>
  T& service() const {
    return registry_.Get<T>();
  }
  ModuleContext& module_context() { return *module_ctx_; }
  const std::vector<std::unique_ptr<Module>>& modules() const { return modules_; }

  const Config& config() const { return cfg_; }
  store::Database& db() { return *db_; }
  service::UserService& users() { return *users_; }
  service::AuditService& audit() { return *audit_; }
  service::RegionService& regions() { return *regions_; }
  service::AuthService& auth() { return *auth_; }
  service::JobService& jobs() { return *jobs_; }
  service::FileService& files() { return *files_; }
  const Clock& clock() const { return clock_; }

 private:
  Result<void> AddReplicas(int threads);
  Config cfg_;
  SystemClock clock_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<service::AuthService> auth_;
  std::unique_ptr<service::UserService> users_;
  std::unique_ptr<service::AuditService> audit_;
  std::unique_ptr<service::RegionService> regions_;
  std::unique_ptr<service::FileService> files_;
  std::unique_ptr<service::JobService> jobs_;
  ServiceRegistry registry_;
  std::unique_ptr<ModuleContext> module_ctx_;
  std::vector<std::unique_ptr<Module>> modules_;
  std::unique_ptr<http::Services> services_;
  std::unique_ptr<http::FileApi> file_api_;
  std::vector<http::Route> routes_;
  std::unique_ptr<http::Router> router_;
  std::unique_ptr<http::StaticFiles> static_files_;
  std::unique_ptr<http::Pipeline> pipeline_;
  std::unique_ptr<http::Server> server_;
};

}  // namespace huanxin::app
