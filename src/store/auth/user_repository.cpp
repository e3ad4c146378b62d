#include "store/auth/user_repository.hpp"

#include "common/text.hpp"

namespace huanxin::store {

namespace {
constexpr const char* kUserColumns =
    "id, username, display_name, role, region_code, phone, password_hash, disabled, "
    "password_changed_at, created_at, updated_at";

UserRecord FromRow(const Row& r) {
  UserRecord u;
  u.id = r.GetInt(0);
  u.username = r.GetText(1);
  u.display_name = r.GetText(2);
  u.role = r.GetText(3);
  u.region_code = r.GetText(4);
  u.phone = r.GetOptText(5);
  u.password_hash = r.GetText(6);
  u.disabled = r.GetInt(7) != 0;
  u.password_changed_at = r.GetText(8);
  u.created_at = r.GetText(9);
  u.updated_at = r.GetText(10);
  return u;
}

Result<void> LoadAssignments(Session& s, UserRecord& u) {
  auto rows =
      s.Query("SELECT kind, target_id FROM user_assignment WHERE user_id = ? ORDER BY kind, target_id", {Int(u.id)});
  if (!rows) return std::move(rows).error();
  u.assignments.clear();
  for (const auto& r : *rows) u.assignments.push_back({r.GetText(0), r.GetInt(1)});
  return Ok();
}

Result<std::optional<UserRecord>> FindOne(Session& s, const std::string& where, const Value& key) {
  auto rows = s.Query(std::string("SELECT ") + kUserColumns + " FROM app_user WHERE " + where, {key});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return std::optional<UserRecord>{};
  auto u = FromRow(rows->front());
  if (auto r = LoadAssignments(s, u); !r) return std::move(r).error();
  return std::optional<UserRecord>(std::move(u));
}
}  // namespace

std::string EscapeLike(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

Result<std::optional<UserRecord>> UserRepository::FindById(Session& s, std::int64_t id) {
  return FindOne(s, "id = ?", Int(id));
}

Result<std::optional<UserRecord>> UserRepository::FindByUsername(Session& s, const std::string& username) {
  return FindOne(s, "username = ?", Str(username));
}

Result<std::int64_t> UserRepository::Insert(Session& s, const UserRecord& u) {
  return InsertReturningId(
      s,
      "INSERT INTO app_user (username, display_name, role, region_code, phone, password_hash, "
      "disabled, password_changed_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
      "RETURNING id",
      {Str(u.username), Str(u.display_name), Str(u.role), Str(u.region_code), OptStr(u.phone), Str(u.password_hash),
       Bool(u.disabled), Str(u.password_changed_at), Str(u.created_at), Str(u.updated_at)});
}

Result<void> UserRepository::Update(Session& s, const UserRecord& u) {
  auto n = s.Exec(
      "UPDATE app_user SET display_name = ?, role = ?, region_code = ?, phone = ?, password_hash = ?, "
      "disabled = ?, password_changed_at = ?, updated_at = ? WHERE id = ?",
      {Str(u.display_name), Str(u.role), Str(u.region_code), OptStr(u.phone), Str(u.password_hash), Bool(u.disabled),
       Str(u.password_changed_at), Str(u.updated_at), Int(u.id)});
  if (!n) return std::move(n).error();
  return Ok();
}

Result<void> UserRepository::ReplaceAssignments(Session& s, std::int64_t user_id, const std::string& region_code,
                                                const std::vector<Assignment>& assignments) {
  if (auto r = s.Exec("DELETE FROM user_assignment WHERE user_id = ?", {Int(user_id)}); !r) return std::move(r).error();
  for (const auto& a : assignments) {
    auto r = s.Exec("INSERT INTO user_assignment (user_id, kind, target_id, region_code) VALUES (?, ?, ?, ?)",
                    {Int(user_id), Str(a.kind), Int(a.target_id), Str(region_code)});
    if (!r) return std::move(r).error();
  }
  return Ok();
}

Result<std::vector<UserRecord>> UserRepository::List(Session& s, const UserFilter& f, Page& page) {
  std::string where = " WHERE 1 = 1";
  Params params;
  AddPrefixFilter(where, params, "region_code", f.scope_prefix);
  if (f.region_prefix) AddPrefixFilter(where, params, "region_code", *f.region_prefix);
  if (f.q && !f.q->empty()) {
    // LOWER on both sides of the display-name match: SQLite's LIKE ignores ASCII case and
    // PostgreSQL's does not, so a plain LIKE found 'Zhang' for 'zhang' on one driver only.
    // (PostgreSQL's LOWER also folds other cased letters, such as É; SQLite's only ASCII.)
    where += " AND (LOWER(username) LIKE ? ESCAPE '\\' OR LOWER(display_name) LIKE LOWER(?) ESCAPE '\\')";
    auto pattern = "%" + EscapeLike(ToLowerAscii(*f.q)) + "%";
    params.push_back(Str(pattern));
    params.push_back(Str("%" + EscapeLike(*f.q) + "%"));
  }
  if (f.role) {
    where += " AND role = ?";
    params.push_back(Str(*f.role));
  }
  if (f.disabled) {
    where += " AND disabled = ?";
    params.push_back(Bool(*f.disabled));
  }
  auto total = QueryInt(s, "SELECT COUNT(*) FROM app_user" + where, params);
  if (!total) return std::move(total).error();
  page.total = *total;
  params.push_back(Int(f.limit));
  params.push_back(Int(f.offset));
  auto rows = s.Query(
      std::string("SELECT ") + kUserColumns + " FROM app_user" + where + " ORDER BY id LIMIT ? OFFSET ?", params);
  if (!rows) return std::move(rows).error();
  std::vector<UserRecord> out;
  for (const auto& r : *rows) {
    out.push_back(FromRow(r));
    if (auto a = LoadAssignments(s, out.back()); !a) return std::move(a).error();
  }
  return out;
}

Result<std::int64_t> UserRepository::Count(Session& s) { return QueryInt(s, "SELECT COUNT(*) FROM app_user"); }

Result<std::int64_t> SessionRepository::Insert(Session& s, const SessionRecord& r) {
  return InsertReturningId(
      s,
      "INSERT INTO auth_session (token_hash, user_id, csrf_token, created_at, expires_at, client_ip, "
      "user_agent) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {Str(r.token_hash), Int(r.user_id), Str(r.csrf_token), Str(r.created_at), Str(r.expires_at), Str(r.client_ip),
       Str(r.user_agent)});
}

Result<std::optional<SessionRecord>> SessionRepository::FindActive(Session& s, const std::string& token_hash,
                                                                   const std::string& now) {
  auto rows = s.Query(
      "SELECT id, token_hash, user_id, csrf_token, created_at, expires_at, client_ip, user_agent "
      "FROM auth_session WHERE token_hash = ? AND revoked_at IS NULL AND expires_at > ?",
      {Str(token_hash), Str(now)});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return std::optional<SessionRecord>{};
  const auto& r = rows->front();
  return std::optional<SessionRecord>(SessionRecord{r.GetInt(0), r.GetText(1), r.GetInt(2), r.GetText(3), r.GetText(4),
                                                    r.GetText(5), r.GetText(6), r.GetText(7)});
}

Result<void> SessionRepository::Revoke(Session& s, const std::string& token_hash, const std::string& now) {
  auto n = s.Exec("UPDATE auth_session SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL",
                  {Str(now), Str(token_hash)});
  if (!n) return std::move(n).error();
  return Ok();
}

Result<std::int64_t> SessionRepository::RevokeAllForUser(Session& s, std::int64_t user_id, const std::string& now) {
  return s.Exec("UPDATE auth_session SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL",
                {Str(now), Int(user_id)});
}

}  // namespace huanxin::store
