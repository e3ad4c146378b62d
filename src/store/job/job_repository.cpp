#include "store/job/job_repository.hpp"

namespace huanxin::store {

Result<std::int64_t> JobRepository::Insert(Session& s, const std::string& kind, const std::string& region_code,
                                           std::int64_t user_id, const std::string& now) {
  return InsertReturningId(
      s,
      "INSERT INTO job (kind, region_code, user_id, state, progress, total, created_at, updated_at) "
      "VALUES (?, ?, ?, 'queued', 0, 0, ?, ?) RETURNING id",
      {Str(kind), Str(region_code), Int(user_id), Str(now), Str(now)});
}

Result<std::optional<JobRecord>> JobRepository::Find(Session& s, std::int64_t id) {
  auto rows = s.Query(
      "SELECT id, kind, region_code, state, user_id, progress, total, result, created_at, updated_at FROM job WHERE id "
      "= ?",
      {Int(id)});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return std::optional<JobRecord>{};
  const auto& r = rows->front();
  return std::optional<JobRecord>(JobRecord{r.GetInt(0), r.GetText(1), r.GetText(2), r.GetText(3), r.GetInt(4),
                                            r.GetInt(5), r.GetInt(6), r.GetOptText(7), r.GetText(8), r.GetText(9)});
}

Result<std::int64_t> JobRepository::SetState(Session& s, std::int64_t id, const std::string& state,
                                             const std::optional<std::string>& result_json, std::int64_t progress,
                                             std::int64_t total, const std::string& now) {
  return s.Exec("UPDATE job SET state = ?, result = ?, progress = ?, total = ?, updated_at = ? WHERE id = ?",
                {Str(state), OptStr(result_json), Int(progress), Int(total), Str(now), Int(id)});
}

Result<std::int64_t> JobRepository::FailUnfinished(Session& s, const std::string& result_json, const std::string& now) {
  return s.Exec("UPDATE job SET state = 'failed', result = ?, updated_at = ? WHERE state IN ('queued', 'running')",
                {Str(result_json), Str(now)});
}

}  // namespace huanxin::store
