// Evaluations (检查评比; issue #15 "Evaluations"; docs/evaluation.md; core/evaluation for the rules):
// scorecards as data (the editor), evaluations of estates with a score per item, their total and
// grade, the rectification orders an evaluation issues in the supervision context (in the same
// transaction), and rankings of estates and streets over a period with the commendation (表扬) and
// criticism (通报批评) lists.
//
// Scope: an evaluation belongs to its estate's region; lists and rankings read under the actor's
// scope or a region inside it. Writes run in one transaction with their audit entry.
//
// Thread safety: every member may be called from any thread.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "core/evaluation/grade_band.hpp"
#include "service/calendar/calendar_service.hpp"
#include "service/platform/actor.hpp"
#include "service/supervision/supervision_service.hpp"
#include "store/database.hpp"
#include "store/evaluation/evaluation_repository.hpp"

namespace huanxin::service {

struct EvaluationSettings {
  core::evaluation::Boundary boundary = core::evaluation::Boundary::kUpper;  // evaluation.grade_boundary
  int commendation_top = 0;  // evaluation.commendation_top: 0 = every row of the top grade; N = ranks 1..N
};

struct ScorecardInput {
  std::string name, subject_level = "estate", period_kind;  // monthly | quarterly
  std::vector<store::ScorecardItemRecord> items;
  std::vector<core::evaluation::GradeBand> bands;  // empty: the configured default
};

struct ScorecardView {
  store::ScorecardRecord card;
  std::vector<core::evaluation::GradeBand> bands;  // in force (its own or the default)
  bool default_bands = true;
};

struct RectificationLineInput {
  std::optional<std::string> item_code;
  std::string description;
  std::int64_t due_in_working_days = 0, unit_id = 0;
  std::optional<std::int64_t> project_id;  // default: the estate's latest project
};

struct EvaluationInput {
  std::int64_t estate_id = 0, scorecard_id = 0;
  std::string on;                                      // 'YYYY-MM-DD', not after today (Beijing)
  std::vector<std::pair<std::string, std::string>> scores;  // item code → score text ("92.5")
  std::map<std::string, std::string> findings;           // item code → what was found
  std::vector<RectificationLineInput> rectifications;
  std::string note;
};

struct EvaluationView {
  store::EvaluationRecord evaluation;
  core::evaluation::GradeBand grade;
  std::vector<store::ScorecardItemRecord> items;  // the scorecard's (Get only)
};

struct EvaluationQuery {
  std::optional<std::string> region_code, period;
  std::optional<std::int64_t> estate_id, scorecard_id;
  std::int64_t limit = 20, offset = 0;
};

struct EvaluationPage {
  std::vector<EvaluationView> items;
  std::int64_t total = 0;
};

struct RankingRow {
  int rank = 0;
  std::string id;  // the estate's id or the street's code
  std::string name;
  core::evaluation::Score total = 0;
  core::evaluation::GradeBand grade;
  std::int64_t evaluations = 0;  // evaluations counted
  std::int64_t estates = 0;      // estates counted (1 for an estate row)
};

struct Rankings {
  std::string level, period, region_code;
  std::vector<RankingRow> rows, commendations, criticisms;
};

class EvaluationService {
 public:
  EvaluationService(store::Database& db, const Clock& clock, CalendarService& calendar, SupervisionService& supervision,
                    EvaluationSettings settings);

  // evaluation:read.
  Result<std::vector<ScorecardView>> Scorecards(const Actor& actor);
  Result<ScorecardView> Scorecard(const Actor& actor, std::int64_t id);
  // evaluation:scorecard:write. 422 evaluation.invalid_field naming the field (items add up to
  // 100 points, codes [a-z0-9_] distinct), evaluation.invalid_bands; 409 store.duplicate for a
  // name taken. Audited evaluation.scorecard.
  Result<ScorecardView> CreateScorecard(const Actor& actor, const ScorecardInput& in);
  // As create, while no evaluation uses it (409 evaluation.scorecard_in_use).
  Result<ScorecardView> UpdateScorecard(const Actor& actor, std::int64_t id, const ScorecardInput& in);

  // evaluation:write on the estate's region. 404 evaluation.estate_not_found,
  // evaluation.scorecard_not_found; 422 evaluation.unknown_item / evaluation.missing_score naming
  // the item, evaluation.invalid_score (above the item's maximum, more than two decimals),
  // evaluation.invalid_field, evaluation.no_project (a rectification line for an estate without a
  // project); the supervision rules for each rectification line. Everything in one transaction:
  // nothing is stored when any part is refused. Audited evaluation.create.
  Result<EvaluationView> Evaluate(const Actor& actor, const EvaluationInput& in);
  Result<EvaluationView> Evaluation(const Actor& actor, std::int64_t id);
  Result<EvaluationPage> Evaluations(const Actor& actor, const EvaluationQuery& q);

  // Rankings over a period (evaluation:read): level estate | street, period YYYY-MM | YYYY-Qn |
  // YYYY (400 http.bad_query otherwise).
  Result<Rankings> Rank(const Actor& actor, const std::string& level, const std::optional<std::string>& region_code,
                        const std::string& period);

  // The default bands (the Jiangxi bands, boundary from the settings).
  std::vector<core::evaluation::GradeBand> DefaultBands() const;

 private:
  std::string Today() const;
  Result<store::ScorecardRecord> CheckScorecard(const ScorecardInput& in) const;
  ScorecardView View(store::ScorecardRecord c) const;
  // The scorecard's own bands, or the default when it has none.
  std::vector<core::evaluation::GradeBand> BandsFor(const store::ScorecardRecord& c) const;

  store::Database& db_;
  const Clock& clock_;
  CalendarService& calendar_;
  SupervisionService& supervision_;
  EvaluationSettings settings_;
};

// 422 evaluation.invalid_field: "field <name> is invalid: <why>", detail = the field's name.
Error EvaluationField(const std::string& field, Text why);

}  // namespace huanxin::service
