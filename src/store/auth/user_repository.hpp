// Users, their assignments and login sessions, in portable SQL over the Database port.
//
// All functions run inside the caller's transaction (Session); none authorises — the service layer
// does. Scope filtering takes the caller's region prefix and applies it in SQL (`LIKE 'prefix%'`).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace huanxin::store {

struct Assignment {
  std::string kind;  // estate | project
  std::int64_t target_id = 0;
  bool operator==(const Assignment&) const = default;
};

struct UserRecord {
  std::int64_t id = 0;
  std::string username;
  std::string display_name;
  std::string role;
  std::string region_code;
  std::optional<std::string> phone;
  std::string password_hash;
  bool disabled = false;
  std::string password_changed_at;
  std::string created_at;
  std::string updated_at;
  std::vector<Assignment> assignments;
};

struct UserFilter {
  std::string scope_prefix;                // caller's scope: only users whose region starts with it
  std::optional<std::string> region_prefix;  // narrower filter inside the scope
  std::optional<std::string> q;            // substring of username or display name
  std::optional<std::string> role;
  std::optional<bool> disabled;
  std::int64_t limit = 20;
  std::int64_t offset = 0;
};

struct Page {
  std::int64_t total = 0;
};

class UserRepository {
 public:
  static Result<std::optional<UserRecord>> FindById(Session& s, std::int64_t id);
  static Result<std::optional<UserRecord>> FindByUsername(Session& s, const std::string& username);
  // Inserts and returns the new id; a taken username → kConflict store.duplicate.
  static Result<std::int64_t> Insert(Session& s, const UserRecord& u);
  // Updates every column but id/username/created_at.
  static Result<void> Update(Session& s, const UserRecord& u);
  static Result<void> ReplaceAssignments(Session& s, std::int64_t user_id, const std::string& region_code,
                                         const std::vector<Assignment>& assignments);
  static Result<std::vector<UserRecord>> List(Session& s, const UserFilter& f, Page& page);
  static Result<std::int64_t> Count(Session& s);
};

struct SessionRecord {
  std::int64_t id = 0;
  std::string token_hash;
  std::int64_t user_id = 0;
  std::string csrf_token;
  std::string created_at;
  std::string expires_at;
  std::string client_ip;
  std::string user_agent;
};

class SessionRepository {
 public:
  static Result<std::int64_t> Insert(Session& s, const SessionRecord& r);
  // The session with this token hash if it is neither revoked nor expired at `now`.
  static Result<std::optional<SessionRecord>> FindActive(Session& s, const std::string& token_hash,
                                                         const std::string& now);
  static Result<void> Revoke(Session& s, const std::string& token_hash, const std::string& now);
  static Result<std::int64_t> RevokeAllForUser(Session& s, std::int64_t user_id, const std::string& now);
};

// Escapes LIKE wildcards so user text matches literally (used with ESCAPE '\').
std::string EscapeLike(std::string_view text);

}  // namespace huanxin::store
