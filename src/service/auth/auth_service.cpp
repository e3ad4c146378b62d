#include "service/auth/auth_service.hpp"

#include "common/crypto.hpp"
#include "common/text.hpp"
#include "core/auth/password_policy.hpp"
#include "service/audit/audit_service.hpp"
#include "service/user/user_service.hpp"

namespace huanxin::service {

namespace {
Error Unauthenticated() {
  return MakeError(ErrorCode::kUnauthorized, "auth.unauthenticated", Text("请先登录", "please log in"), {},
                   Text("登录已失效或未登录，请重新登录", "your session is missing or has expired"));
}
// A fixed argon2id hash to verify against when the user does not exist, so the response time does
// not tell whether a username exists.
const std::string& DummyHash() {
  static const std::string h = HashPassword("huanxin-timing-equaliser");
  return h;
}
}  // namespace

Actor ActorFor(const store::UserRecord& u, std::string request_id) {
  Actor a;
  a.user_id = u.id;
  a.username = u.username;
  a.role = core::auth::ParseRole(u.role).value_or(core::auth::Role::kResident);
  a.scope = core::auth::Scope(u.region_code);
  a.assignments = u.assignments;
  a.request_id = std::move(request_id);
  return a;
}

std::string AuthService::HashToken(const std::string& token) { return Sha256Hex(token); }

AuthService::Block AuthService::Throttled(const std::string& username, const std::string& address, TimePoint now,
                                          TimePoint& until) {
  std::lock_guard lock(throttle_mu_);
  // Each key against its own limit (issue #11 §3): the username's failures from anywhere, the
  // address's failures for any username.
  auto check = [&](std::map<std::string, core::auth::FailureWindow>& windows, const std::string& key) {
    auto it = windows.find(key);
    if (it == windows.end()) return false;
    if (it->second.Blocked(now)) {
      until = it->second.BlockedUntil();
      return true;
    }
    if (it->second.empty()) windows.erase(it);  // keep the maps from growing with old keys
    return false;
  };
  if (check(user_failures_, username)) return Block::kUsername;
  if (check(address_failures_, address)) return Block::kAddress;
  return Block::kNone;
}

void AuthService::RecordFailure(const std::string& username, const std::string& address, TimePoint now) {
  std::lock_guard lock(throttle_mu_);
  // Guessed usernames each make a key: past 65 536 keys, drop the windows with nothing left in them.
  for (auto* windows : {&user_failures_, &address_failures_})
    if (windows->size() >= 65536)
      for (auto it = windows->begin(); it != windows->end();) {
        it->second.Expire(now);
        it = it->second.empty() ? windows->erase(it) : std::next(it);
      }
  user_failures_.try_emplace(username, throttle_.per_username).first->second.RecordFailure(now);
  address_failures_.try_emplace(address, throttle_.per_address).first->second.RecordFailure(now);
}

Result<LoginResult> AuthService::Login(const std::string& username_in, const std::string& password,
                                       const std::string& client_ip, const std::string& user_agent,
                                       const std::string& request_id) {
  const std::string username = ToLowerAscii(Trim(username_in));
  const auto now = clock_.Now();
  TimePoint until{};
  if (auto block = Throttled(username, client_ip, now, until); block != Block::kNone) {
    auto minutes = std::chrono::duration_cast<std::chrono::minutes>(until - now).count() + 1;
    const auto& limit = block == Block::kUsername ? throttle_.per_username : throttle_.per_address;
    auto n = std::to_string(limit.max_failures), w = std::to_string(limit.window.count()), m = std::to_string(minutes);
    Text detail = block == Block::kUsername
                      ? Text("该账号" + w + " 分钟内登录失败 " + n + " 次；约 " + m + " 分钟后可再试",
                             "this username failed " + n + " times within " + w + " minutes; try again in about " + m +
                                 " minutes")
                      : Text("本地址" + w + " 分钟内登录失败 " + n + " 次；约 " + m + " 分钟后可再试",
                             "this address failed " + n + " logins within " + w + " minutes; try again in about " + m +
                                 " minutes");
    return MakeError(ErrorCode::kTooManyRequests, "auth.too_many_attempts",
                     Text("登录失败次数过多，请稍后再试", "too many failed logins; try again later"), std::move(detail),
                     Text("如忘记密码，请联系管理员重置", "ask an administrator to reset a forgotten password"));
  }
  std::optional<store::UserRecord> user;
  auto r = db_.Read([&](store::Session& s) -> Result<void> {
    auto u = store::UserRepository::FindByUsername(s, username);
    if (!u) return std::move(u).error();
    user = std::move(*u);
    return Ok();
  });
  if (!r) return std::move(r).error();
  bool ok = VerifyPassword(user ? user->password_hash : DummyHash(), password);
  if (!user || !ok) {
    RecordFailure(username, client_ip, now);
    auto n = std::to_string(throttle_.per_username.max_failures),
         w = std::to_string(throttle_.per_username.window.count());
    return MakeError(ErrorCode::kUnauthorized, "auth.invalid_credentials",
                     Text("用户名或密码错误", "wrong username or password"), {},
                     Text("同一账号 " + w + " 分钟内失败 " + n + " 次将被暂时锁定",
                          n + " failures within " + w + " minutes lock this username for a while"));
  }
  if (user->disabled)
    return MakeError(ErrorCode::kForbidden, "auth.user_disabled", Text("账号已停用", "account disabled"), {},
                     Text("请联系管理员启用账号", "ask an administrator to enable the account"));

  LoginResult out;
  out.token = RandomHex(32);
  out.csrf_token = RandomHex(32);
  out.expires_at = FormatIsoUtc(now + ttl_);
  out.user = *user;
  Actor actor = ActorFor(*user, request_id);
  auto w = db_.Write([&](store::Session& s) -> Result<void> {
    store::SessionRecord rec;
    rec.token_hash = HashToken(out.token);
    rec.user_id = user->id;
    rec.csrf_token = out.csrf_token;
    rec.created_at = FormatIsoUtc(now);
    rec.expires_at = out.expires_at;
    rec.client_ip = client_ip;
    rec.user_agent = user_agent.substr(0, 512);
    auto id = store::SessionRepository::Insert(s, rec);
    if (!id) return std::move(id).error();
    // Only after the password matched: a failed login costs the same whether the user exists.
    auto scope = AccountScopeName(s, user->region_code);
    if (!scope) return std::move(scope).error();
    out.scope_name = std::move(*scope);
    Changes c;
    c.Set("clientIp", nullptr, boost::json::string(client_ip));
    return RecordAudit(s, clock_, actor, "auth.login", "session", std::to_string(*id), user->region_code, c);
  });
  if (!w) return std::move(w).error();
  return out;
}

std::optional<Authenticated> AuthService::FromSessionCache(const std::string& token, const std::string& request_id) {
  if (token.size() != 64) return std::nullopt;
  const auto changes = db_.AccountsChangeCounter();
  if (!changes) return std::nullopt;
  const auto hash = HashToken(token);
  const auto now = FormatIsoUtc(clock_.Now());
  std::lock_guard lock(session_cache_mu_);
  auto it = session_cache_.find(hash);
  if (it == session_cache_.end()) return std::nullopt;
  // The same conditions as SessionRepository::FindActive: not revoked (a write) and not expired.
  if (it->second.changes == *changes && it->second.who.session.expires_at > now) {
    Authenticated who = it->second.who;
    who.actor.request_id = request_id;
    return who;
  }
  session_cache_.erase(it);
  return std::nullopt;
}

Result<Authenticated> AuthService::Authenticate(const std::string& token, const std::string& request_id) {
  if (token.size() != 64) return Unauthenticated();
  if (auto cached = FromSessionCache(token, request_id)) return std::move(*cached);
  const auto hash = HashToken(token);
  const auto now = FormatIsoUtc(clock_.Now());
  const auto changes = db_.AccountsChangeCounter();  // read before the data (see Database::ChangeCounter)
  std::optional<Authenticated> out;
  auto r = db_.Read([&](store::Session& s) -> Result<void> {
    auto sess = store::SessionRepository::FindActive(s, hash, now);
    if (!sess) return std::move(sess).error();
    if (!*sess) return Ok();
    auto user = store::UserRepository::FindById(s, (*sess)->user_id);
    if (!user) return std::move(user).error();
    if (!*user || (*user)->disabled) return Ok();
    out = Authenticated{ActorFor(**user, request_id), **sess, **user};
    return Ok();
  });
  if (!r) return std::move(r).error();
  if (!out) return Unauthenticated();
  if (changes) {
    std::lock_guard lock(session_cache_mu_);
    if (session_cache_.size() >= 4096) session_cache_.clear();  // bounded: at most a few MB
    session_cache_[hash] = CachedSession{*out, *changes};
  }
  return std::move(*out);
}

Result<void> AuthService::Logout(const Authenticated& who) {
  return db_.Write([&](store::Session& s) -> Result<void> {
    if (auto r = store::SessionRepository::Revoke(s, who.session.token_hash, FormatIsoUtc(clock_.Now())); !r) return r;
    return RecordAudit(s, clock_, who.actor, "auth.logout", "session", std::to_string(who.session.id),
                       who.user.region_code, Changes{});
  });
}

Result<void> AuthService::ChangePassword(const Authenticated& who, const std::string& old_password,
                                         const std::string& new_password) {
  if (!VerifyPassword(who.user.password_hash, old_password))
    return MakeError(ErrorCode::kUnprocessable, "auth.wrong_old_password",
                     Text("原密码不正确", "the current password is wrong"));
  if (auto p = core::auth::CheckPasswordPolicy(new_password, who.user.username); !p) return p;
  auto hash = HashPassword(new_password);
  const auto now = FormatIsoUtc(clock_.Now());
  return db_.Write([&](store::Session& s) -> Result<void> {
    auto u = store::UserRepository::FindById(s, who.user.id);
    if (!u) return std::move(u).error();
    if (!*u) return Unauthenticated();
    (*u)->password_hash = hash;
    (*u)->password_changed_at = now;
    (*u)->updated_at = now;
    if (auto r = store::UserRepository::Update(s, **u); !r) return r;
    Changes c;
    c.Set("password", "***", "***");
    return RecordAudit(s, clock_, who.actor, "user.change_password", "user", std::to_string(who.user.id),
                       who.user.region_code, c);
  });
}

}  // namespace huanxin::service
