// Login, sessions, logout, password change (issue #2 §4).
//
// Tokens: 32 random bytes (hex) handed to the client once; only their SHA-256 is stored, so a
// database leak yields no usable session. Each session carries its own CSRF token (double-submit is
// not needed: the CSRF token is only obtainable by same-origin script through the JSON response).
// Throttling: 5 failures in 15 minutes per username and per client address → 429 (core/auth/
// throttle.hpp); kept in memory, so a failed login writes nothing.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <string>

#include "common/clock.hpp"
#include "core/auth/throttle.hpp"
#include "service/platform/actor.hpp"
#include "store/auth/user_repository.hpp"
#include "store/database.hpp"

namespace huanxin::service {

struct LoginResult {
  std::string token;
  std::string csrf_token;
  std::string expires_at;
  store::UserRecord user;
};

struct Authenticated {
  Actor actor;
  store::SessionRecord session;
  store::UserRecord user;
};

class AuthService {
 public:
  // `session_ttl`: how long a session lives after login. Thread safe.
  AuthService(store::Database& db, const Clock& clock, std::chrono::minutes session_ttl)
      : db_(db), clock_(clock), ttl_(session_ttl) {}

  // 401 auth.invalid_credentials (same answer for unknown user and wrong password), 403
  // auth.user_disabled, 429 auth.too_many_attempts.
  Result<LoginResult> Login(const std::string& username, const std::string& password,
                            const std::string& client_ip, const std::string& user_agent,
                            const std::string& request_id);
  // 401 auth.unauthenticated if the token is unknown, expired, revoked, or its user disabled.
  Result<Authenticated> Authenticate(const std::string& token, const std::string& request_id);
  Result<void> Logout(const Authenticated& who);
  Result<void> ChangePassword(const Authenticated& who, const std::string& old_password,
                              const std::string& new_password);

  static std::string HashToken(const std::string& token);

 private:
  bool Throttled(const std::string& user_key, const std::string& ip_key, TimePoint now,
                 TimePoint& until);
  void RecordFailure(const std::string& user_key, const std::string& ip_key, TimePoint now);

  store::Database& db_;
  const Clock& clock_;
  // Sessions already checked, by token hash, with the database change count they were read at
  // (Database::ChangeCounter): reused only while no write happened since, and until they expire. A
  // logout, a disabled user or a changed role is a write, so none outlives its change.
  struct CachedSession {
    Authenticated who;
    std::uint64_t changes = 0;
  };
  mutable std::mutex session_cache_mu_;
  std::map<std::string, CachedSession> session_cache_;
  std::chrono::minutes ttl_;
  std::mutex throttle_mu_;
  std::map<std::string, core::auth::FailureWindow> failures_;
};

// Builds the Actor for a stored user.
Actor ActorFor(const store::UserRecord& u, std::string request_id);

}  // namespace huanxin::service
