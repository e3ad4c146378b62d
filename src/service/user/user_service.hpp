// User administration (issue #2 §5): create, edit, disable, reset passwords — scoped.
//
// Holders of user:manage (admin; bureau and street inside their own region) manage users whose
// scope lies inside their own; nobody but an admin grants the admin role. Every write is audited;
// disabling a user or resetting a password revokes that user's sessions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "service/platform/actor.hpp"
#include "store/auth/user_repository.hpp"
#include "store/database.hpp"

namespace huanxin::service {

struct UserView {
  store::UserRecord user;
  std::string scope_name;  // AccountScopeName of the user's region code
};

// The name of an account's scope as user views show it: "全部" for the whole country, the region's
// name (e.g. "洪都街道"), or "" when the region is unknown. Runs in the caller's transaction.
Result<std::string> AccountScopeName(store::Session& s, const std::string& region_code);

struct UserQuery {
  std::optional<std::string> q, role, region_code;
  std::optional<bool> disabled;
  std::int64_t page = 1, page_size = 20;
};

struct NewUser {
  std::string username, display_name, role, scope_code, password;
  std::optional<std::string> phone;
  std::vector<store::Assignment> assignments;
};

struct UserPatch {
  std::optional<std::string> display_name, role, scope_code;
  std::optional<std::optional<std::string>> phone;  // set to nullopt-inside to clear
  std::optional<bool> disabled;
  std::optional<std::vector<store::Assignment>> assignments;
};

class UserService {
 public:
  UserService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  Result<std::pair<std::vector<UserView>, std::int64_t>> List(const Actor& actor, const UserQuery& q);
  Result<UserView> Get(const Actor& actor, std::int64_t id);
  Result<UserView> Create(const Actor& actor, const NewUser& in);
  Result<UserView> Update(const Actor& actor, std::int64_t id, const UserPatch& patch);
  Result<void> ResetPassword(const Actor& actor, std::int64_t id, const std::string& new_password);

  // Creates the first admin if there are no users yet; returns true when it did. Start-up only.
  Result<bool> BootstrapAdmin(const std::string& password);
  // Creates or updates a user without an actor (demo data, CLI). Audited as the system.
  Result<std::int64_t> Upsert(const NewUser& in);

 private:
  Result<UserView> View(store::Session& s, store::UserRecord u);
  Result<store::UserRecord> LoadInScope(store::Session& s, const Actor& actor, std::int64_t id);

  store::Database& db_;
  const Clock& clock_;
};

// Validates phone numbers: mainland mobile (11 digits starting with 1) or a landline with area code
// ("0791-88888888"). Exposed for tests.
bool IsValidPhone(std::string_view phone);

}  // namespace huanxin::service
