// The services the HTTP layer adapts, wired in src/app.
#pragma once

#include <string>

#include "service/audit/audit_service.hpp"
#include "service/auth/auth_service.hpp"
#include "service/region/region_service.hpp"
#include "service/user/user_service.hpp"

namespace huanxin::service {
class RegisterService;
class ImportService;
class ConsultationService;
class CheckupService;
}  // namespace huanxin::service
namespace huanxin::job {
class JobRunner;
}

namespace huanxin::http {

struct Services {
  store::Database& db;
  service::AuthService& auth;
  service::UserService& users;
  service::AuditService& audit;
  service::RegionService& regions;
  std::string version;
  int session_ttl_minutes = 720;
  bool secure_cookie = false;  // set the Secure flag (behind HTTPS)
  // Register (issue #3); pointers so that platform-only wiring (tests) may leave them out.
  service::RegisterService* reg = nullptr;
  service::ImportService* imports = nullptr;
  job::JobRunner* jobs = nullptr;
  service::ConsultationService* consult = nullptr;  // issue #5
  service::CheckupService* checkups = nullptr;      // issue #4
  std::string public_url{};  // base of the links printed in ballot QR codes; "" = the request's host
  std::size_t import_sync_row_limit = 20000;  // larger rosters run as a job
};

}  // namespace huanxin::http
