// Evaluations in portable SQL (issue #15 "Evaluations"; docs/evaluation.md; tables of migration
// 0016): scorecards with their items and optional grade bands, evaluations with their scores, the
// rectification orders an evaluation issued, and the rows rankings are computed from. Functions run
// in the caller's transaction and do not authorise; services do.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace huanxin::store {

struct ScorecardItemRecord {
  std::string code, name_zh, name_en;
  std::int64_t max_points = 0;  // hundredths
  std::string group;            // '' when none
};

struct ScorecardBandRecord {
  std::string code, name_zh, name_en;
  std::int64_t min_points = 0;
  bool min_inclusive = true;
};

struct ScorecardRecord {
  std::int64_t id = 0;
  std::string name, subject_level, period_kind;  // estate; monthly | quarterly
  std::int64_t max_points = 0;
  std::optional<std::int64_t> created_by;
  std::string created_at, updated_at;
  std::vector<ScorecardItemRecord> items;  // in order
  std::vector<ScorecardBandRecord> bands;  // highest first; empty: the configured default
  std::int64_t evaluations = 0;            // read only: how many evaluations use it
};

struct EvaluationScoreRecord {
  std::string item_code;
  std::int64_t points = 0;
  std::string finding;
};

struct EvaluationRecord {
  std::int64_t id = 0, estate_id = 0, scorecard_id = 0;
  std::string region_code, evaluated_on;
  std::int64_t total = 0;
  std::string grade, note;
  std::int64_t created_by = 0;
  std::string created_at;
  std::string estate_name, scorecard_name;     // read only
  std::vector<EvaluationScoreRecord> scores;   // in the scorecard's order (Find only)
  std::vector<std::int64_t> rectification_ids;  // orders it issued (Find only)
};

struct EvaluationFilter {
  std::string prefix;  // region scope
  std::optional<std::int64_t> estate_id, scorecard_id;
  std::optional<std::string> from, to;  // evaluated_on, inclusive
};

// An evaluation as rankings read it.
struct RankingSourceRow {
  std::int64_t estate_id = 0;
  std::string estate_name, region_code;
  std::int64_t total = 0;
};

struct EvaluationRepository {
  // Inserts the scorecard with its items and bands (id ignored); a second of the same name is
  // kConflict store.duplicate. Returns its id.
  static Result<std::int64_t> InsertScorecard(Session& s, const ScorecardRecord& c);
  // Replaces name, period, maximum, items and bands of c.id; false when there is none.
  static Result<bool> UpdateScorecard(Session& s, const ScorecardRecord& c);
  static Result<std::optional<ScorecardRecord>> FindScorecard(Session& s, std::int64_t id);
  // Every scorecard by id.
  static Result<std::vector<ScorecardRecord>> Scorecards(Session& s);

  // Inserts the evaluation with its scores (id ignored). Returns its id.
  static Result<std::int64_t> InsertEvaluation(Session& s, const EvaluationRecord& e);
  static Result<void> LinkRectification(Session& s, std::int64_t evaluation_id, std::int64_t order_id,
                                        const std::optional<std::string>& item_code, const std::string& region_code);
  static Result<std::optional<EvaluationRecord>> FindEvaluation(Session& s, std::int64_t id);
  // A page of evaluations, latest day first (then latest id).
  static Result<std::vector<EvaluationRecord>> Evaluations(Session& s, const EvaluationFilter& f, std::int64_t limit,
                                                           std::int64_t offset);
  static Result<std::int64_t> CountEvaluations(Session& s, const EvaluationFilter& f);
  // Every evaluation of the filter with its estate, by estate then day.
  static Result<std::vector<RankingSourceRow>> RankingSource(Session& s, const EvaluationFilter& f);

  // The estate's region and name; nullopt when there is no such estate.
  static Result<std::optional<std::pair<std::string, std::string>>> FindEstate(Session& s, std::int64_t estate_id);
  // The latest project (highest id) with the estate among its estates; nullopt when none.
  static Result<std::optional<std::int64_t>> LatestProjectOfEstate(Session& s, std::int64_t estate_id);
  // Names of regions by code (for street rows).
  static Result<std::optional<std::string>> RegionName(Session& s, const std::string& code);
};

}  // namespace huanxin::store
