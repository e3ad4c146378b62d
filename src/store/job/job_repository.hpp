// Background jobs' rows (`job` table): who started what, its state and final result (issue #3).
// Functions run in the caller's transaction and do not authorise; service/job does.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "store/database.hpp"

namespace huanxin::store {

struct JobRecord {
  std::int64_t id = 0;
  std::string kind, region_code, state;  // queued | running | succeeded | failed
  std::int64_t user_id = 0, progress = 0, total = 0;
  std::optional<std::string> result_json;
  std::string created_at, updated_at;
};

struct JobRepository {
  // Inserts a queued job; returns its id.
  static Result<std::int64_t> Insert(Session& s, const std::string& kind, const std::string& region_code,
                                     std::int64_t user_id, const std::string& now);
  static Result<std::optional<JobRecord>> Find(Session& s, std::int64_t id);
  // Sets state, result and counters; returns the rows changed (0: no such job).
  static Result<std::int64_t> SetState(Session& s, std::int64_t id, const std::string& state,
                                       const std::optional<std::string>& result_json, std::int64_t progress,
                                       std::int64_t total, const std::string& now);
  // Marks every queued or running job failed with `result_json` (jobs a stopped process left behind).
  static Result<std::int64_t> FailUnfinished(Session& s, const std::string& result_json, const std::string& now);
};

}  // namespace huanxin::store
