// Check-up catalogue versions with their indicators and criteria, in portable SQL (issue #4;
// docs/checkup.md, "Catalogue"). Functions run in the caller's transaction and do not authorise;
// services do. Grading rules are stored as JSON text and parsed by the service.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/checkup/grading.hpp"
#include "store/database.hpp"

namespace huanxin::store {

struct CheckupCatalogRecord {
  std::int64_t id = 0;
  int year = 0;
  std::string name;
  std::string state;  // draft | published
  std::optional<std::int64_t> based_on;
  std::string created_at;
  std::optional<std::string> published_at;
};

struct CheckupIndicatorRecord {
  std::int64_t catalog_id = 0;
  std::string code, name_zh, name_en;
  // A level code the schema does not know reads as kBuilding (the service validates what it writes).
  core::checkup::Level level = core::checkup::Level::kBuilding;
  std::string sub_dimension, problem_unit;
  bool sums_values = false;
  int position = 0;
  bool local = false;  // added by an administrator, not in the national list
};

struct CheckupCriterionRecord {
  std::int64_t catalog_id = 0;
  std::string indicator_code, code, name_zh, name_en;
  std::string unit;       // "" for flags; m2 | years | count | km | m2_per_100hh
  std::string rule_json;  // the grading rule (docs/checkup.md)
  std::vector<std::string> suggested_items;  // renovation_item codes, in order
  int position = 0;
};

struct CheckupCatalogRepository {
  // Inserts a version (id ignored); returns its id.
  static Result<std::int64_t> Insert(Session& s, const CheckupCatalogRecord& c);
  static Result<std::optional<CheckupCatalogRecord>> Find(Session& s, std::int64_t id);
  // Every version, newest (highest id) first.
  static Result<std::vector<CheckupCatalogRecord>> List(Session& s);
  // The version published last (by published_at, then id); nullopt when none is published.
  static Result<std::optional<std::int64_t>> LatestPublished(Session& s);
  static Result<std::int64_t> CountDrafts(Session& s);
  // Marks a draft published at `at`; false (and nothing changed) when `id` is not a draft.
  static Result<bool> Publish(Session& s, std::int64_t id, const std::string& at);

  // Copies every indicator and criterion of version `from` into version `to`, positions and the
  // local flag kept.
  static Result<void> CopyContents(Session& s, std::int64_t from, std::int64_t to);
  // Fails with store.duplicate when the code exists in the version.
  static Result<void> InsertIndicator(Session& s, const CheckupIndicatorRecord& i);
  static Result<void> InsertCriterion(Session& s, const CheckupCriterionRecord& c);
  // By position, then code.
  static Result<std::vector<CheckupIndicatorRecord>> Indicators(Session& s, std::int64_t catalog_id);
  // By indicator code, position, then code.
  static Result<std::vector<CheckupCriterionRecord>> Criteria(Session& s, std::int64_t catalog_id);
  // One past the largest indicator position of the version (1 when it has none).
  static Result<int> NextIndicatorPosition(Session& s, std::int64_t catalog_id);
};

}  // namespace huanxin::store
