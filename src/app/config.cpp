#include "app/config.hpp"

#include <toml++/toml.h>

#include <cstdlib>
#include <set>

#include "common/text.hpp"
#include "core/evaluation/grade_band.hpp"
#include "core/ticket/ticket.hpp"

namespace huanxin::app {

namespace {
Error ConfigError(const std::string& what) {
  return MakeError(ErrorCode::kBadRequest, "config.invalid", Text("配置错误", "configuration error"), Text::Same(what),
                   Text("参见 config/README.md", "see config/README.md"));
}

template <typename T>
Result<void> Read(const toml::table& t, const char* section, const char* key, T& out) {
  auto node = t[section][key];
  if (!node) return Ok();
  if (auto v = node.template value<T>()) {
    out = *v;
    return Ok();
  }
  return ConfigError(std::string(section) + "." + key + ": wrong type");
}
}  // namespace

Result<void> LoadConfigFile(const std::string& path, Config& cfg) {
  toml::table t;
  try {
    t = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    return ConfigError(path + ": " + std::string(e.description()));
  }
  static const std::map<std::string, std::set<std::string>> kKnown = {
      {"database", {"url", "pool"}},
      {"paths", {"var_dir", "web_root"}},
      {"server", {"host", "port", "public_url", "threads", "handler_threads", "header_limit_kib", "json_body_limit_kib", "upload_body_limit_mib",
                  "read_timeout_s", "idle_timeout_s", "shutdown_grace_s", "access_log"}},
      {"auth", {"session_ttl_minutes", "secure_cookie", "login_failures_per_username", "login_failures_per_address",
                "login_failure_window_minutes"}},
      {"regions", {"source", "prefix"}},
      {"log", {"level"}},
      {"register", {"cutoff_year", "extension_last_year", "extension_cap_percent", "import_sync_row_limit",
                    "import_bulk_row_limit", "transitive_owner_merge"}},
      {"project", {"require_willingness_consent", "separate_material_supplier", "pool_weight_safety", "pool_weight_age",
                   "pool_weight_willingness", "pool_weight_elderly", "publicity_working_days", "objection_rate_per_hour"}},
      {"construction", {"delay_alert_days"}},
      {"supervision", {"bureau_escalation_working_days", "score_finding_weight", "score_overdue_weight", "score_rework_weight"}},
      {"ticket", {"office_hours", "rate_per_hour"}},
      {"stewardship", {"initial_fund_yuan_per_m2"}},
      {"evaluation", {"grade_boundary", "commendation_top"}},
      {"assessment", {"grade_boundary"}}};
  for (const auto& [section, node] : t) {
    auto known = kKnown.find(std::string(section.str()));
    if (known == kKnown.end() || !node.is_table()) return ConfigError("unknown section [" + std::string(section.str()) + "]");
    for (const auto& [key, _] : *node.as_table())
      if (!known->second.count(std::string(key.str())))
        return ConfigError("unknown key " + std::string(section.str()) + "." + std::string(key.str()));
  }
  std::int64_t port = cfg.server.port, threads = cfg.server.threads, handler_threads = cfg.server.handler_threads,
               pool = cfg.db_pool,
               header_kib = cfg.server.header_limit / 1024, json_kib = cfg.server.json_body_limit / 1024,
               upload_mib = cfg.server.upload_body_limit / (1024 * 1024), read_s = cfg.server.read_timeout.count(),
               idle_s = cfg.server.idle_timeout.count(), grace_s = cfg.server.shutdown_grace.count(),
               ttl = cfg.session_ttl_minutes, cutoff = cfg.eligibility_cutoff_year,
               ext_last = cfg.eligibility_extension_last_year, cap = cfg.eligibility_extension_cap_percent,
               sync_rows = static_cast<std::int64_t>(cfg.import_sync_row_limit),
               bulk_rows = static_cast<std::int64_t>(cfg.import_bulk_row_limit),
               per_user = cfg.login_failures_per_username, per_address = cfg.login_failures_per_address,
               failure_window = cfg.login_failure_window_minutes, w_safety = cfg.project_pool_weight_safety,
               w_age = cfg.project_pool_weight_age, w_willing = cfg.project_pool_weight_willingness,
               w_elderly = cfg.project_pool_weight_elderly, publicity_days = cfg.publicity_working_days,
               objection_rate = cfg.objection_rate_per_hour, delay_days = cfg.construction_delay_alert_days,
               bureau_days = cfg.supervision_bureau_escalation_working_days,
               w_finding = cfg.supervision_score_finding_weight, w_overdue = cfg.supervision_score_overdue_weight,
               w_rework = cfg.supervision_score_rework_weight,
               ticket_rate = cfg.ticket_rate_per_hour,
               fund_yuan = cfg.stewardship_initial_fund_yuan_per_m2, commendation_top = cfg.evaluation_commendation_top;
  for (auto r : {Read(t, "database", "url", cfg.db), Read(t, "database", "pool", pool),
                 Read(t, "paths", "var_dir", cfg.var_dir), Read(t, "paths", "web_root", cfg.web_root),
                 Read(t, "server", "host", cfg.server.host), Read(t, "server", "port", port),
                 Read(t, "server", "public_url", cfg.public_url),
                 Read(t, "server", "threads", threads), Read(t, "server", "handler_threads", handler_threads),
                 Read(t, "server", "header_limit_kib", header_kib),
                 Read(t, "server", "json_body_limit_kib", json_kib),
                 Read(t, "server", "upload_body_limit_mib", upload_mib), Read(t, "server", "read_timeout_s", read_s),
                 Read(t, "server", "idle_timeout_s", idle_s), Read(t, "server", "shutdown_grace_s", grace_s),
                 Read(t, "server", "access_log", cfg.server.access_log),
                 Read(t, "auth", "session_ttl_minutes", ttl), Read(t, "auth", "secure_cookie", cfg.secure_cookie),
                 Read(t, "regions", "source", cfg.regions_source), Read(t, "regions", "prefix", cfg.regions_prefix),
                 Read(t, "log", "level", cfg.log_level), Read(t, "register", "cutoff_year", cutoff),
                 Read(t, "register", "extension_last_year", ext_last), Read(t, "register", "extension_cap_percent", cap),
                 Read(t, "register", "import_sync_row_limit", sync_rows),
                 Read(t, "register", "import_bulk_row_limit", bulk_rows),
                 Read(t, "register", "transitive_owner_merge", cfg.transitive_owner_merge),
                 Read(t, "project", "require_willingness_consent", cfg.project_require_willingness_consent),
                 Read(t, "project", "separate_material_supplier", cfg.project_separate_material_supplier),
                 Read(t, "project", "pool_weight_safety", w_safety), Read(t, "project", "pool_weight_age", w_age),
                 Read(t, "project", "pool_weight_willingness", w_willing),
                 Read(t, "project", "pool_weight_elderly", w_elderly),
                 Read(t, "auth", "login_failures_per_username", per_user),
                 Read(t, "auth", "login_failures_per_address", per_address),
                 Read(t, "auth", "login_failure_window_minutes", failure_window),
                 Read(t, "project", "publicity_working_days", publicity_days),
                 Read(t, "project", "objection_rate_per_hour", objection_rate),
                 Read(t, "construction", "delay_alert_days", delay_days),
                 Read(t, "supervision", "bureau_escalation_working_days", bureau_days),
                 Read(t, "supervision", "score_finding_weight", w_finding),
                 Read(t, "supervision", "score_overdue_weight", w_overdue),
                 Read(t, "supervision", "score_rework_weight", w_rework),
                 Read(t, "ticket", "office_hours", cfg.ticket_office_hours), Read(t, "ticket", "rate_per_hour", ticket_rate),
                 Read(t, "stewardship", "initial_fund_yuan_per_m2", fund_yuan),
                 Read(t, "evaluation", "grade_boundary", cfg.evaluation_grade_boundary),
                 Read(t, "evaluation", "commendation_top", commendation_top),
                 Read(t, "assessment", "grade_boundary", cfg.assessment_grade_boundary)})
    if (!r) return r;
  if (publicity_days < 1 || publicity_days > 60 || objection_rate < 1 || objection_rate > 1000)
    return ConfigError("project: 1 ≤ publicity_working_days ≤ 60, 1 ≤ objection_rate_per_hour ≤ 1000");
  cfg.publicity_working_days = static_cast<int>(publicity_days);
  if (delay_days < 0 || delay_days > 365) return ConfigError("construction: 0 ≤ delay_alert_days ≤ 365");
  cfg.construction_delay_alert_days = static_cast<int>(delay_days);
  if (bureau_days < 1 || bureau_days > 30) return ConfigError("supervision: 1 ≤ bureau_escalation_working_days ≤ 30");
  cfg.supervision_bureau_escalation_working_days = static_cast<int>(bureau_days);
  for (auto w : {w_finding, w_overdue, w_rework})
    if (w < 0 || w > 100) return ConfigError("supervision: 0 ≤ score_*_weight ≤ 100");
  cfg.supervision_score_finding_weight = static_cast<int>(w_finding);
  cfg.supervision_score_overdue_weight = static_cast<int>(w_overdue);
  cfg.supervision_score_rework_weight = static_cast<int>(w_rework);
  cfg.objection_rate_per_hour = static_cast<int>(objection_rate);
  if (!core::ticket::ParseOfficeHours(cfg.ticket_office_hours) || ticket_rate < 1 || ticket_rate > 1000)
    return ConfigError("ticket: office_hours \"HH:MM-HH:MM\" with start before end, 1 ≤ rate_per_hour ≤ 1000");
  cfg.ticket_rate_per_hour = static_cast<int>(ticket_rate);
  if (fund_yuan < 0 || fund_yuan > 1000) return ConfigError("stewardship: 0 ≤ initial_fund_yuan_per_m2 ≤ 1000");
  cfg.stewardship_initial_fund_yuan_per_m2 = static_cast<int>(fund_yuan);
  if ((cfg.evaluation_grade_boundary != "upper" && cfg.evaluation_grade_boundary != "lower") || commendation_top < 0 ||
      commendation_top > 1000)
    return ConfigError("evaluation: grade_boundary \"upper\" or \"lower\", 0 ≤ commendation_top ≤ 1000");
  cfg.evaluation_commendation_top = static_cast<int>(commendation_top);
  if (!core::evaluation::ParseBoundary(cfg.assessment_grade_boundary))
    return ConfigError("assessment: grade_boundary \"upper\" or \"lower\"");
  if (per_user < 1 || per_user > 1000 || per_address < 1 || per_address > 100000 || failure_window < 1 ||
      failure_window > 1440)
    return ConfigError("auth: 1 ≤ login_failures_per_username ≤ 1000, 1 ≤ login_failures_per_address ≤ 100000, "
                       "1 ≤ login_failure_window_minutes ≤ 1440");
  for (auto w : {w_safety, w_age, w_willing, w_elderly})
    if (w < 0 || w > 100) return ConfigError("project: 0 ≤ pool_weight_* ≤ 100");
  cfg.project_pool_weight_safety = static_cast<int>(w_safety);
  cfg.project_pool_weight_age = static_cast<int>(w_age);
  cfg.project_pool_weight_willingness = static_cast<int>(w_willing);
  cfg.project_pool_weight_elderly = static_cast<int>(w_elderly);
  cfg.login_failures_per_username = static_cast<int>(per_user);
  cfg.login_failures_per_address = static_cast<int>(per_address);
  cfg.login_failure_window_minutes = static_cast<int>(failure_window);
  if (port < 0 || port > 65535) return ConfigError("server.port out of range");
  if (threads < 0 || threads > 256 || handler_threads < 0 || handler_threads > 1024)
    return ConfigError("server: 0 ≤ threads ≤ 256, 0 ≤ handler_threads ≤ 1024");
  while (!cfg.public_url.empty() && cfg.public_url.back() == '/') cfg.public_url.pop_back();
  if (!cfg.public_url.empty() && cfg.public_url.rfind("http://", 0) != 0 && cfg.public_url.rfind("https://", 0) != 0)
    return ConfigError("server.public_url must start with http:// or https://");
  if (header_kib < 1 || json_kib < 1 || upload_mib < 1 || read_s < 1 || idle_s < 1 || grace_s < 0 || ttl < 5)
    return ConfigError("limits and timeouts must be positive (session_ttl_minutes ≥ 5)");
  if (cutoff < 1900 || ext_last < cutoff || cap < 0 || cap > 100 || sync_rows < 1 || bulk_rows < 1)
    return ConfigError(
        "register: cutoff_year ≤ extension_last_year, 0 ≤ extension_cap_percent ≤ 100, import row limits ≥ 1");
  cfg.eligibility_cutoff_year = static_cast<int>(cutoff);
  cfg.eligibility_extension_last_year = static_cast<int>(ext_last);
  cfg.eligibility_extension_cap_percent = static_cast<int>(cap);
  cfg.import_sync_row_limit = static_cast<std::size_t>(sync_rows);
  cfg.import_bulk_row_limit = static_cast<std::size_t>(bulk_rows);
  cfg.server.port = static_cast<std::uint16_t>(port);
  cfg.server.threads = static_cast<int>(threads);
  cfg.server.handler_threads = static_cast<int>(handler_threads);
  cfg.db_pool = static_cast<int>(pool);
  cfg.server.header_limit = static_cast<std::size_t>(header_kib) * 1024;
  cfg.server.json_body_limit = static_cast<std::size_t>(json_kib) * 1024;
  cfg.server.upload_body_limit = static_cast<std::size_t>(upload_mib) * 1024 * 1024;
  cfg.server.read_timeout = std::chrono::seconds(read_s);
  cfg.server.idle_timeout = std::chrono::seconds(idle_s);
  cfg.server.shutdown_grace = std::chrono::seconds(grace_s);
  cfg.session_ttl_minutes = static_cast<int>(ttl);
  return Ok();
}

Result<void> ApplyEnvironment(Config& cfg) {
  auto env = [](const char* name) -> std::optional<std::string> {
    const char* v = std::getenv(name);
    if (!v || !*v) return std::nullopt;
    return std::string(v);
  };
  if (auto v = env("HUANXIN_DB")) cfg.db = *v;
  if (auto v = env("HUANXIN_VAR_DIR")) cfg.var_dir = *v;
  if (auto v = env("HUANXIN_WEB_ROOT")) cfg.web_root = *v;
  if (auto v = env("HUANXIN_HOST")) cfg.server.host = *v;
  if (auto v = env("HUANXIN_PORT")) {
    auto p = ParseInt64(*v);
    if (!p || *p < 0 || *p > 65535) return ConfigError("HUANXIN_PORT: " + *v);
    cfg.server.port = static_cast<std::uint16_t>(*p);
  }
  if (auto v = env("HUANXIN_THREADS")) {
    auto p = ParseInt64(*v);
    if (!p || *p < 0 || *p > 256) return ConfigError("HUANXIN_THREADS: " + *v);
    cfg.server.threads = static_cast<int>(*p);
  }
  if (auto v = env("HUANXIN_REGIONS_SOURCE")) cfg.regions_source = *v;
  if (auto v = env("HUANXIN_REGIONS_PREFIX")) cfg.regions_prefix = *v;
  if (auto v = env("HUANXIN_LOG_LEVEL")) cfg.log_level = *v;
  if (auto v = env("HUANXIN_PUBLICITY_KEY")) {
    const bool hex = v->find_first_not_of("0123456789abcdefABCDEF") == std::string::npos;
    if (!hex || v->size() < 32 || v->size() > 128) return ConfigError("HUANXIN_PUBLICITY_KEY: 32–128 hex digits");
    cfg.publicity_key = *v;
  }
  if (auto v = env("HUANXIN_TEST_WEAK_PASSWORD_HASH")) {
    if (*v != "0" && *v != "1") return ConfigError("HUANXIN_TEST_WEAK_PASSWORD_HASH: 0 or 1");
    cfg.test_weak_password_hash = *v == "1";
  }
  if (auto v = env("HUANXIN_PUBLIC_URL")) {
    if (v->rfind("http://", 0) != 0 && v->rfind("https://", 0) != 0) return ConfigError("HUANXIN_PUBLIC_URL: " + *v);
    cfg.public_url = *v;
    while (cfg.public_url.back() == '/') cfg.public_url.pop_back();
  }
  return Ok();
}

}  // namespace huanxin::app
