#include "service/user/user_service.hpp"

#include <regex>

#include "common/crypto.hpp"
#include "common/text.hpp"
#include "core/auth/password_policy.hpp"
#include "service/audit/audit_service.hpp"
#include "store/region/region_repository.hpp"

namespace huanxin::service {

namespace auth = core::auth;

bool IsValidPhone(std::string_view phone) {
  // Mobile numbers: 11 digits from 13x–19x (MIIT numbering plan); landlines: 0 + area code (2–3
  // digits after the 0) + 7–8 digits, optional extension.
  static const std::regex kPhone(R"(^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$)");
  return std::regex_match(phone.begin(), phone.end(), kPhone);
}

namespace {

Result<void> ValidateUsername(const std::string& username) {
  // 3–32 characters of a–z, 0–9, '.', '_', '-': readable over the phone, safe in URLs and logs.
  static const std::regex kName(R"(^[a-z0-9][a-z0-9._-]{2,31}$)");
  if (std::regex_match(username, kName)) return Ok();
  return Invalid("user.invalid_username", Text("用户名格式不正确", "invalid username"),
                 Text::Same(username),
                 Text("3–32 位小写字母、数字或 . _ -，以字母或数字开头",
                      "3–32 characters: lower-case letters, digits, '.', '_' or '-', starting with a letter or digit"));
}

Result<void> ValidateDisplayName(const std::string& name) {
  auto len = Utf8Length(name);
  if (len && *len >= 1 && *len <= 50 && !Trim(name).empty()) return Ok();
  return Invalid("user.invalid_display_name", Text("姓名不能为空且不超过50字", "display name must be 1–50 characters"));
}

Result<void> ValidatePhone(const std::optional<std::string>& phone) {
  if (!phone || phone->empty() || IsValidPhone(*phone)) return Ok();
  return Invalid("user.invalid_phone", Text("电话号码格式不正确", "invalid phone number"), Text::Same(*phone),
                 Text("手机号11位，或座机如 0791-88888888", "11-digit mobile, or a landline like 0791-88888888"));
}

Result<auth::Role> ValidateRole(const std::string& role) {
  if (auto r = auth::ParseRole(role)) return *r;
  return Invalid("user.invalid_role", Text("未知角色", "unknown role"), Text::Same(role));
}

Result<void> ValidateAssignments(const std::vector<store::Assignment>& list) {
  for (const auto& a : list)
    if ((a.kind != "estate" && a.kind != "project") || a.target_id <= 0)
      return Invalid("user.invalid_assignment", Text("分配对象不正确", "invalid assignment"),
                     Text::Same(a.kind + ":" + std::to_string(a.target_id)),
                     Text("kind 为 estate 或 project，id 为正整数", "kind is estate or project, id a positive integer"));
  return Ok();
}

// The scope must name an existing region (or be empty for admins).
Result<void> RequireRegionExists(store::Session& s, const std::string& code) {
  if (code.empty()) return Ok();
  auto r = store::RegionRepository::Find(s, code);
  if (!r) return std::move(r).error();
  if (*r) return Ok();
  return Invalid("region.not_found", Text("行政区划不存在", "no such region"), Text::Same(code),
                 Text("请从区划选择器中选择", "pick the region from the cascader"));
}

boost::json::value J(const std::optional<std::string>& s) {
  return s ? boost::json::value(boost::json::string(*s)) : boost::json::value(nullptr);
}
boost::json::value J(const std::string& s) { return boost::json::string(s); }

boost::json::value J(const std::vector<store::Assignment>& list) {
  boost::json::array a;
  for (const auto& x : list) a.push_back(boost::json::string(x.kind + ":" + std::to_string(x.target_id)));
  return a;
}

Error Duplicate(const std::string& username) {
  return MakeError(ErrorCode::kConflict, "user.duplicate_username", Text("用户名已存在", "username already taken"),
                   Text::Same(username), Text("请换一个用户名", "choose another username"));
}

}  // namespace

Result<std::string> AccountScopeName(store::Session& s, const std::string& region_code) {
  if (region_code.empty()) return std::string("全部");
  auto r = store::RegionRepository::Find(s, region_code);
  if (!r) return std::move(r).error();
  return *r ? (*r)->name : std::string();
}

Result<UserView> UserService::View(store::Session& s, store::UserRecord u) {
  auto name = AccountScopeName(s, u.region_code);
  if (!name) return std::move(name).error();
  return UserView{std::move(u), std::move(*name)};
}

Result<store::UserRecord> UserService::LoadInScope(store::Session& s, const Actor& actor, std::int64_t id) {
  auto u = store::UserRepository::FindById(s, id);
  if (!u) return std::move(u).error();
  if (!*u) return NotFound("user.not_found", Text("用户不存在", "no such user"));
  if (auto r = RequireInScope(actor, (*u)->region_code); !r) return std::move(r).error();
  return std::move(**u);
}

Result<std::pair<std::vector<UserView>, std::int64_t>> UserService::List(const Actor& actor, const UserQuery& q) {
  if (auto r = RequirePermission(actor, auth::perm::kUserManage); !r) return std::move(r).error();
  auto region = ScopedRegionFilter(actor, q.region_code);
  if (!region) return std::move(region).error();
  store::UserFilter f;
  f.scope_prefix = actor.scope.prefix();
  f.region_prefix = *region;
  f.q = q.q;
  f.role = q.role;
  f.disabled = q.disabled;
  f.limit = q.page_size;
  f.offset = (q.page - 1) * q.page_size;
  std::pair<std::vector<UserView>, std::int64_t> out;
  auto r = db_.Read([&](store::Session& s) -> Result<void> {
    store::Page page;
    auto users = store::UserRepository::List(s, f, page);
    if (!users) return std::move(users).error();
    for (auto& u : *users) {
      auto v = View(s, std::move(u));
      if (!v) return std::move(v).error();
      out.first.push_back(std::move(*v));
    }
    out.second = page.total;
    return Ok();
  });
  if (!r) return std::move(r).error();
  return out;
}

Result<UserView> UserService::Get(const Actor& actor, std::int64_t id) {
  // Everybody may read their own account; others need user:manage and scope.
  if (actor.user_id != id)
    if (auto r = RequirePermission(actor, auth::perm::kUserManage); !r) return std::move(r).error();
  std::optional<UserView> out;
  auto r = db_.Read([&](store::Session& s) -> Result<void> {
    store::UserRecord u;
    if (actor.user_id == id) {
      auto self = store::UserRepository::FindById(s, id);
      if (!self) return std::move(self).error();
      if (!*self) return NotFound("user.not_found", Text("用户不存在", "no such user"));
      u = std::move(**self);
    } else {
      auto loaded = LoadInScope(s, actor, id);
      if (!loaded) return std::move(loaded).error();
      u = std::move(*loaded);
    }
    auto v = View(s, std::move(u));
    if (!v) return std::move(v).error();
    out = std::move(*v);
    return Ok();
  });
  if (!r) return std::move(r).error();
  return std::move(*out);
}

Result<UserView> UserService::Create(const Actor& actor, const NewUser& in_raw) {
  if (auto r = RequirePermission(actor, auth::perm::kUserManage); !r) return std::move(r).error();
  NewUser in = in_raw;
  in.username = ToLowerAscii(Trim(in.username));
  if (auto r = ValidateUsername(in.username); !r) return std::move(r).error();
  if (auto r = ValidateDisplayName(in.display_name); !r) return std::move(r).error();
  auto role = ValidateRole(in.role);
  if (!role) return std::move(role).error();
  if (auto r = auth::ValidateRoleScope(*role, in.scope_code); !r) return std::move(r).error();
  if (auto r = auth::CheckGrant(actor.role, actor.scope, *role, in.scope_code); !r) return std::move(r).error();
  if (auto r = ValidatePhone(in.phone); !r) return std::move(r).error();
  if (auto r = ValidateAssignments(in.assignments); !r) return std::move(r).error();
  if (auto r = auth::CheckPasswordPolicy(in.password, in.username); !r) return std::move(r).error();
  const std::string hash = HashPassword(in.password);  // outside the write lock: ~0.1 s of CPU
  const std::string now = FormatIsoUtc(clock_.Now());
  std::optional<UserView> out;
  auto w = db_.Write([&](store::Session& s) -> Result<void> {
    if (auto r = RequireRegionExists(s, in.scope_code); !r) return r;
    store::UserRecord u;
    u.username = in.username;
    u.display_name = std::string(Trim(in.display_name));
    u.role = in.role;
    u.region_code = in.scope_code;
    u.phone = in.phone && !in.phone->empty() ? in.phone : std::nullopt;
    u.password_hash = hash;
    u.password_changed_at = u.created_at = u.updated_at = now;
    u.assignments = in.assignments;
    auto id = store::UserRepository::Insert(s, u);
    if (!id) return store::MapDuplicate(std::move(id).error(), Duplicate(in.username));
    u.id = *id;
    if (auto r = store::UserRepository::ReplaceAssignments(s, u.id, u.region_code, u.assignments); !r) return r;
    Changes c;
    c.Set("username", nullptr, J(u.username))
        .Set("displayName", nullptr, J(u.display_name))
        .Set("role", nullptr, J(u.role))
        .Set("scopeCode", nullptr, J(u.region_code))
        .Set("phone", nullptr, J(u.phone));
    if (!u.assignments.empty()) c.Set("assignments", nullptr, J(u.assignments));
    if (auto r = RecordAudit(s, clock_, actor, "user.create", "user", std::to_string(u.id), u.region_code, c); !r)
      return r;
    auto v = View(s, std::move(u));
    if (!v) return std::move(v).error();
    out = std::move(*v);
    return Ok();
  });
  if (!w) return std::move(w).error();
  return std::move(*out);
}

Result<UserView> UserService::Update(const Actor& actor, std::int64_t id, const UserPatch& p) {
  if (auto r = RequirePermission(actor, auth::perm::kUserManage); !r) return std::move(r).error();
  if (p.display_name)
    if (auto r = ValidateDisplayName(*p.display_name); !r) return std::move(r).error();
  if (p.phone)
    if (auto r = ValidatePhone(*p.phone); !r) return std::move(r).error();
  if (p.assignments)
    if (auto r = ValidateAssignments(*p.assignments); !r) return std::move(r).error();
  if (p.role)
    if (auto r = ValidateRole(*p.role); !r) return std::move(r).error();
  const std::string now = FormatIsoUtc(clock_.Now());
  std::optional<UserView> out;
  auto w = db_.Write([&](store::Session& s) -> Result<void> {
    auto loaded = LoadInScope(s, actor, id);
    if (!loaded) return std::move(loaded).error();
    store::UserRecord before = *loaded, u = std::move(*loaded);
    if (p.display_name) u.display_name = std::string(Trim(*p.display_name));
    if (p.role) u.role = *p.role;
    if (p.scope_code) u.region_code = *p.scope_code;
    if (p.phone) u.phone = *p.phone && !(*p.phone)->empty() ? *p.phone : std::nullopt;
    if (p.disabled) u.disabled = *p.disabled;
    if (p.assignments) u.assignments = *p.assignments;
    auto role = *auth::ParseRole(u.role);
    if (auto r = auth::ValidateRoleScope(role, u.region_code); !r) return r;
    if (p.role || p.scope_code)
      if (auto r = auth::CheckGrant(actor.role, actor.scope, role, u.region_code); !r) return r;
    if (u.region_code != before.region_code)
      if (auto r = RequireRegionExists(s, u.region_code); !r) return r;
    if (u.id == actor.user_id && (u.disabled || u.role != before.role))
      return Invalid("user.cannot_change_self", Text("不能停用自己或修改自己的角色", "you cannot disable yourself or change your own role"));
    Changes c;
    c.Diff("displayName", J(before.display_name), J(u.display_name))
        .Diff("role", J(before.role), J(u.role))
        .Diff("scopeCode", J(before.region_code), J(u.region_code))
        .Diff("phone", J(before.phone), J(u.phone))
        .Diff("disabled", before.disabled, u.disabled)
        .Diff("assignments", J(before.assignments), J(u.assignments));
    if (!c.empty()) {
      u.updated_at = now;
      if (auto r = store::UserRepository::Update(s, u); !r) return r;
      if (p.assignments)
        if (auto r = store::UserRepository::ReplaceAssignments(s, u.id, u.region_code, u.assignments); !r) return r;
      if (u.disabled && !before.disabled)
        if (auto r = store::SessionRepository::RevokeAllForUser(s, u.id, now); !r) return std::move(r).error();
      // The audit row sits in the region the user belonged to, so the old scope sees the move too.
      if (auto r = RecordAudit(s, clock_, actor, "user.update", "user", std::to_string(u.id), before.region_code, c); !r)
        return r;
    }
    auto v = View(s, std::move(u));
    if (!v) return std::move(v).error();
    out = std::move(*v);
    return Ok();
  });
  if (!w) return std::move(w).error();
  return std::move(*out);
}

Result<void> UserService::ResetPassword(const Actor& actor, std::int64_t id, const std::string& new_password) {
  if (auto r = RequirePermission(actor, auth::perm::kUserManage); !r) return r;
  std::string username;
  auto rd = db_.Read([&](store::Session& s) -> Result<void> {
    auto u = LoadInScope(s, actor, id);
    if (!u) return std::move(u).error();
    username = u->username;
    return Ok();
  });
  if (!rd) return rd;
  if (auto r = auth::CheckPasswordPolicy(new_password, username); !r) return r;
  const std::string hash = HashPassword(new_password);
  const std::string now = FormatIsoUtc(clock_.Now());
  return db_.Write([&](store::Session& s) -> Result<void> {
    auto u = LoadInScope(s, actor, id);  // again inside the write: it may have moved meanwhile
    if (!u) return std::move(u).error();
    u->password_hash = hash;
    u->password_changed_at = now;
    u->updated_at = now;
    if (auto r = store::UserRepository::Update(s, *u); !r) return r;
    if (auto r = store::SessionRepository::RevokeAllForUser(s, u->id, now); !r) return std::move(r).error();
    Changes c;
    c.Set("password", "***", "***");
    return RecordAudit(s, clock_, actor, "user.reset_password", "user", std::to_string(u->id), u->region_code, c);
  });
}

Result<bool> UserService::BootstrapAdmin(const std::string& password) {
  if (auto r = auth::CheckPasswordPolicy(password, "admin"); !r) return std::move(r).error();
  const std::string hash = HashPassword(password);
  const std::string now = FormatIsoUtc(clock_.Now());
  bool created = false;
  auto w = db_.Write([&](store::Session& s) -> Result<void> {
    auto n = store::UserRepository::Count(s);
    if (!n) return std::move(n).error();
    if (*n > 0) return Ok();
    store::UserRecord u;
    u.username = "admin";
    u.display_name = "系统管理员";
    u.role = "admin";
    u.password_hash = hash;
    u.password_changed_at = u.created_at = u.updated_at = now;
    auto id = store::UserRepository::Insert(s, u);
    if (!id) return std::move(id).error();
    Changes c;
    c.Set("username", nullptr, "admin").Set("role", nullptr, "admin");
    created = true;
    return RecordAudit(s, clock_, Actor::System("bootstrap"), "user.create", "user", std::to_string(*id), "", c);
  });
  if (!w) return std::move(w).error();
  return created;
}

Result<std::int64_t> UserService::Upsert(const NewUser& in) {
  auto role = ValidateRole(in.role);
  if (!role) return std::move(role).error();
  if (auto r = auth::ValidateRoleScope(*role, in.scope_code); !r) return std::move(r).error();
  if (auto r = auth::CheckPasswordPolicy(in.password, in.username); !r) return std::move(r).error();
  const std::string hash = HashPassword(in.password);
  const std::string now = FormatIsoUtc(clock_.Now());
  std::int64_t id = 0;
  auto w = db_.Write([&](store::Session& s) -> Result<void> {
    if (auto r = RequireRegionExists(s, in.scope_code); !r) return r;
    auto existing = store::UserRepository::FindByUsername(s, in.username);
    if (!existing) return std::move(existing).error();
    if (*existing) {
      id = (*existing)->id;
      return Ok();
    }
    store::UserRecord u;
    u.username = in.username;
    u.display_name = in.display_name;
    u.role = in.role;
    u.region_code = in.scope_code;
    u.phone = in.phone;
    u.password_hash = hash;
    u.password_changed_at = u.created_at = u.updated_at = now;
    auto ins = store::UserRepository::Insert(s, u);
    if (!ins) return std::move(ins).error();
    id = *ins;
    Changes c;
    c.Set("username", nullptr, J(u.username)).Set("role", nullptr, J(u.role)).Set("scopeCode", nullptr, J(u.region_code));
    return RecordAudit(s, clock_, Actor::System("demo"), "user.create", "user", std::to_string(id), u.region_code, c);
  });
  if (!w) return std::move(w).error();
  return id;
}

}  // namespace huanxin::service
