// Login, sessions, logout, password change (issue #2 §4).
//
// Tokens: 32 random bytes (hex) handed to the client once; only their SHA-256 is stored, so a
// database leak yields no usable session. Each session carries its own CSRF token (double-submit is
// not needed: the CSRF token is only obtainable by same-origin script through the JSON response).
// Throttling (core/auth/throttle.hpp, issue #11 §3): 5 failures in 15 minutes for a username → 429
// for that username from any address; 100 failures in 15 minutes from a client address → 429 for that
// address. One username's failures never block other usernames behind the same address until the
// address's own, much higher bar is reached. Kept in memory, so a failed login writes nothing.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
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
  std::string scope_name;  // the user's scope as user views name it (AccountScopeName)
};

struct Authenticated {
  Actor actor;
  store::SessionRecord session;
  store::UserRecord user;
};

class AuthService {
 public:
  // `session_ttl`: how long a session lives after login; `throttle`: the failed-login limits
  // (config auth.login_failures_per_username / _per_address / login_failure_window_minutes). Thread safe.
  AuthService(store::Database& db, const Clock& clock, std::chrono::minutes session_ttl,
              core::auth::LoginThrottlePolicy throttle = {})
      : db_(db), clock_(clock), ttl_(session_ttl), throttle_(throttle) {}

  // 401 auth.invalid_credentials (same answer for unknown user and wrong password), 403
  // auth.user_disabled, 429 auth.too_many_attempts (the username's or the address's limit; the
  // detail says which).
  Result<LoginResult> Login(const std::string& username, const std::string& password, const std::string& client_ip,
                            const std::string& user_agent, const std::string& request_id);
  // 401 auth.unauthenticated if the token is unknown, expired, revoked, or its user disabled.
  Result<Authenticated> Authenticate(const std::string& token, const std::string& request_id);
  // The same answer as Authenticate when the session is in the in-memory cache and nothing was
  // written since it was stored; nullopt otherwise (the caller then calls Authenticate). Never
  // touches the database, so the HTTP server may call it on an I/O thread.
  std::optional<Authenticated> FromSessionCache(const std::string& token, const std::string& request_id);
  Result<void> Logout(const Authenticated& who);
  Result<void> ChangePassword(const Authenticated& who, const std::string& old_password,
                              const std::string& new_password);

  static std::string HashToken(const std::string& token);

 private:
  enum class Block { kNone, kUsername, kAddress };
  // Which limit, if any, refuses this attempt, and until when.
  Block Throttled(const std::string& username, const std::string& address, TimePoint now, TimePoint& until);
  void RecordFailure(const std::string& username, const std::string& address, TimePoint now);

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
  core::auth::LoginThrottlePolicy throttle_;
  std::mutex throttle_mu_;
  std::map<std::string, core::auth::FailureWindow> user_failures_;     // by lower-case username
  std::map<std::string, core::auth::FailureWindow> address_failures_;  // by client address
};

// Builds the Actor for a stored user.
Actor ActorFor(const store::UserRecord& u, std::string request_id);

}  // namespace huanxin::service
