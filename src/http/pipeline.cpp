#include "http/pipeline.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "common/crypto.hpp"
#include "common/text.hpp"
#include "store/replicated_database.hpp"

namespace huanxin::http {

const char* Pipeline::kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'";

bool PrefersEnglish(const std::string* accept_language) {
  if (!accept_language) return false;
  // The first listed language wins (browsers list by preference); zh-CN is the default.
  auto first = ToLowerAscii(Trim(Split(*accept_language, ',').front()));
  return first.starts_with("en");
}

std::string ExtractCookie(const std::string& header, const std::string& name) {
  for (auto part : Split(header, ';')) {
    part = Trim(part);
    if (part.size() > name.size() && part.substr(0, name.size()) == name && part[name.size()] == '=')
      return std::string(part.substr(name.size() + 1));
  }
  return "";
}

namespace {
Error NoRoute(const std::string& path) {
  return MakeError(ErrorCode::kNotFound, "http.not_found", Text("接口不存在", "no such endpoint"), Text::Same(path),
                   Text("接口列表见 /api/docs", "see /api/docs for the endpoints"));
}

bool IsApiPath(const std::string& path) {
  // Open311 GeoReport v2 (issue #14) lives at the path its clients expect, beside the API.
  return path.starts_with("/api/v1/") || path == "/api/v1" || path.starts_with("/open311/");
}

// The session token a request carries: a bearer token, else the hx_session cookie.
std::string SessionToken(const Request& req, bool& by_cookie) {
  by_cookie = false;
  if (const auto* authz = req.Header("authorization"); authz && authz->starts_with("Bearer "))
    return std::string(Trim(std::string_view(*authz).substr(7)));
  if (const auto* cookie = req.Header("cookie")) {
    auto token = ExtractCookie(*cookie, "hx_session");
    by_cookie = !token.empty();
    return token;
  }
  return "";
}
}  // namespace

const std::string& Pipeline::SecurityHeaders(bool with_policy) {
  // Built once: every response carries them (the server writes them, http/server.cpp). A handler
  // may set a stricter policy of its own (a self-contained report page): then only the others, as
  // browsers enforce every policy they are sent.
  static const std::string without = std::string("X-Content-Type-Options: nosniff\r\n") + "X-Frame-Options: DENY\r\n" +
                                     "Referrer-Policy: same-origin\r\n" +
                                     "Cross-Origin-Opener-Policy: same-origin\r\n" +
                                     "Permissions-Policy: camera=(self), geolocation=(self), microphone=()\r\n";
  static const std::string with = "Content-Security-Policy: " + std::string(kContentSecurityPolicy) + "\r\n" + without;
  return with_policy ? with : without;
}

Response Pipeline::Handle(Request& req) const {
  Response resp;
  try {
    resp = IsApiPath(req.path) ? Api(req) : Static(req);
  } catch (const std::exception& e) {
    spdlog::error("request {} {} {} failed: {}", req.request_id, req.method, req.path, e.what());
    resp = ErrorResponse(
        MakeError(ErrorCode::kInternal, "http.internal", Text("服务器内部错误", "internal server error")), req.english);
  }
  return resp;
}

std::optional<Response> Pipeline::Quick(Request& req) const {
  try {
    if (!IsApiPath(req.path)) return Static(req);  // in memory
    auto match = router_.Find(req.method, req.path);
    if (!match.route) return NoMatch(req, match);
    const Route& route = *match.route;
    if (route.quick && route.access == Access::kPublic) {
      req.params = std::move(match.params);
      auto r = route.quick(req);
      if (r) r->headers.emplace_back("Cache-Control", "no-store");
      return r;
    }
    if (req.method != "GET" || !route.reusable || !req.body.empty()) return std::nullopt;
    const bool public_route = route.access == Access::kPublic;
    if (!public_route) {
      bool by_cookie = false;
      auto who = services_.auth.FromSessionCache(SessionToken(req, by_cookie), req.request_id);
      if (!who) return std::nullopt;
      req.auth = std::move(*who);
      req.cookie_auth = by_cookie;
    }
    const auto changes = services_.db.ChangeCounter();
    if (!changes) return std::nullopt;
    return StoredAnswer(AnswerKey(req, public_route), *changes);
  } catch (const std::exception&) {
    return std::nullopt;  // Handle runs the request again and reports the failure
  }
}

std::string Pipeline::AnswerKey(const Request& req, bool public_route) const {
  std::string key = (public_route ? std::string("public") : std::to_string(req.auth->user.id)) +
                    (req.english ? "|en|" : "|zh|") + req.path;
  for (const auto& [k, v] : req.query) key += "\x1f" + k + "=" + v;  // std::map: a stable order
  return key;
}

std::optional<Response> Pipeline::StoredAnswer(const std::string& key, std::uint64_t changes) const {
  std::lock_guard lock(answers_mu_);
  auto it = answers_.find(key);
  if (it == answers_.end() || it->second.changes != changes) return std::nullopt;
  Response hit;
  hit.status = it->second.status;
  hit.content_type = it->second.content_type;
  hit.shared_body = it->second.body;
  hit.headers.emplace_back("Cache-Control", "no-store");
  return hit;
}

Response Pipeline::NoMatch(const Request& req, const Match& match) const {
  if (match.allowed.empty()) return ErrorResponse(NoRoute(req.path), req.english);
  std::string allow;
  for (const auto& m : match.allowed) allow += (allow.empty() ? "" : ", ") + m;
  auto r = ErrorResponse(
      MakeError(ErrorCode::kMethodNotAllowed, "http.method_not_allowed", Text("不支持该请求方法", "method not allowed"),
                Text::Same(req.method + " " + req.path + "; allowed: " + allow)),
      req.english);
  r.headers.emplace_back("Allow", allow);
  return r;
}

Response Pipeline::Api(Request& req) const {
  auto match = router_.Find(req.method, req.path);
  if (!match.route) return NoMatch(req, match);
  const Route& route = *match.route;
  req.params = std::move(match.params);
  Response resp;
  resp.headers.emplace_back("Cache-Control", "no-store");

  // A JSON route's body must say it is JSON (415 otherwise); an empty body is left to the handler
  // (it answers 400 bad JSON).
  if (route.body == BodyKind::kJson && !req.body.empty()) {
    const std::string* ct = req.Header("content-type");
    std::string type = ct ? ToLowerAscii(Trim(Split(*ct, ';').front())) : "";
    if (type != "application/json") {
      auto r = ErrorResponse(
          MakeError(ErrorCode::kUnsupportedMediaType, "http.unsupported_media_type",
                    Text("请求体类型不受支持", "unsupported content type"), Text::Same(ct ? *ct : "(none)"),
                    Text("请使用 Content-Type: application/json", "send Content-Type: application/json")),
          req.english);
      r.headers.emplace_back("Cache-Control", "no-store");
      return r;
    }
  }

  if (route.access == Access::kSession) {
    std::string token = SessionToken(req, req.cookie_auth);
    auto who = services_.auth.Authenticate(token, req.request_id);
    if (!who) return ErrorResponse(who.error(), req.english);
    req.auth = std::move(*who);
    // CSRF: a browser that authenticates by cookie must also prove it read the CSRF token, which
    // only same-origin script can; machine clients with a bearer token are not exposed to CSRF.
    if (req.cookie_auth && req.method != "GET" && req.method != "HEAD") {
      const auto* sent = req.Header("x-csrf-token");
      if (!sent || !ConstantTimeEquals(*sent, req.auth->session.csrf_token))
        return ErrorResponse(MakeError(ErrorCode::kForbidden, "auth.csrf_failed",
                                       Text("缺少或错误的 CSRF 令牌", "missing or wrong CSRF token"), {},
                                       Text("请刷新页面后重试", "reload the page and try again")),
                             req.english);
    }
  }
  // Routes whose answer depends only on the stored data, the caller and the query, and which
  // write nothing (no audit entry): their answers may be reused while the data is unchanged.
  // Public routes (issue #15, the portal) answer everyone alike: one stored answer for all callers.
  const bool public_route = route.access == Access::kPublic;
  const bool cacheable = req.method == "GET" && (req.auth || public_route) && route.reusable;
  std::optional<std::uint64_t> changes;
  std::string key;
  if (cacheable && (changes = services_.db.ChangeCounter())) {
    key = AnswerKey(req, public_route);
    if (auto hit = StoredAnswer(key, *changes)) return std::move(*hit);
  }
  // Read replicas (store/replicated_database.hpp): the reads of a reusable GET may be served by a
  // replica; the acting user's writes are tracked so that their own reads see them.
  store::ReadRoutingScope routing(req.method == "GET" && route.reusable,
                                  req.auth ? "u" + std::to_string(req.auth->user.id) : std::string());
  Response out = route.handler(req);
  if (changes && out.status == 200 && out.headers.empty() && !out.shared_body) {
    CachedAnswer a{out.status, out.content_type, std::make_shared<const std::string>(std::move(out.body)), *changes};
    out.body.clear();
    out.shared_body = a.body;
    std::lock_guard lock(answers_mu_);
    // Bounded by bytes (a 500-row page is about 300 KB): past 16 MiB start again from empty.
    if (answers_bytes_ + a.body->size() > (16u << 20)) {
      answers_.clear();
      answers_bytes_ = 0;
    }
    answers_bytes_ += a.body->size();
    if (auto old = answers_.find(key); old != answers_.end()) answers_bytes_ -= old->second.body->size();
    answers_[key] = std::move(a);
  }
  out.headers.emplace_back("Cache-Control", "no-store");
  return out;
}

Response Pipeline::Static(const Request& req) const {
  if (req.method != "GET" && req.method != "HEAD")
    return ErrorResponse(
        MakeError(ErrorCode::kMethodNotAllowed, "http.method_not_allowed",
                  Text("不支持该请求方法", "method not allowed"), Text::Same(req.method + " " + req.path)),
        req.english);
  const StaticFile* f = files_.Find(req.path);
  if (!f) return ErrorResponse(NoRoute(req.path), req.english);
  Response r;
  r.content_type = f->mime;
  r.headers.emplace_back("ETag", f->etag);
  r.headers.emplace_back("Cache-Control", f->immutable ? "public, max-age=31536000, immutable" : "no-cache");
  if (const auto* inm = req.Header("if-none-match"); inm && *inm == f->etag) {
    r.status = 304;
    return r;
  }
  r.shared_body = f->body;
  return r;
}

}  // namespace huanxin::http
