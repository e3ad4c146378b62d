// The platform services the pipeline and the platform routes adapt (auth, users, audit, regions,
// health, the API description and the workbench), wired in src/app. Contexts bring their own
// dependencies to their routes (http/handlers/<context>_handlers.hpp); nothing here names them.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "common/clock.hpp"
#include "http/workbench.hpp"
#include "service/audit/audit_service.hpp"
#include "service/auth/auth_service.hpp"
#include "service/region/region_service.hpp"
#include "service/user/user_service.hpp"

namespace huanxin::http {

struct Services {
  store::Database& db;
  service::AuthService& auth;
  service::UserService& users;
  service::AuditService& audit;
  service::RegionService& regions;
  const Clock& clock;
  std::string version;
  int session_ttl_minutes = 720;
  bool secure_cookie = false;  // set the Secure flag (behind HTTPS)
  Workbench workbench{};       // the sections of GET /api/v1/workbench, added by the contexts
  // Steady-clock milliseconds of the last successful health ping (GET /api/v1/health).
  std::shared_ptr<std::atomic<std::int64_t>> health_checked_ms = std::make_shared<std::atomic<std::int64_t>>(-1000000);
};

}  // namespace huanxin::http
