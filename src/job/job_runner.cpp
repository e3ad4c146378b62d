#include "job/job_runner.hpp"

#include <spdlog/spdlog.h>

namespace huanxin::job {

using store::Int;
using store::Str;

JobRunner::JobRunner(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {
  worker_ = std::thread([this] { Loop(); });
}

JobRunner::~JobRunner() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (worker_.joinable()) worker_.join();
}

Result<void> JobRunner::RecoverInterrupted() {
  return db_.Write([&](store::Session& s) -> Result<void> {
    auto n = s.Exec(
        "UPDATE job SET state = 'failed', result = ?, updated_at = ? WHERE state IN ('queued', 'running')",
        {Str(R"({"error":{"reason":"job.interrupted","message":"任务因服务重启而中断，请重新提交","detail":"","hint":""}})"),
         Str(FormatIsoUtc(clock_.Now()))});
    if (!n) return std::move(n).error();
    return Ok();
  });
}

Result<std::int64_t> JobRunner::Submit(const std::string& kind, const std::string& region_code, std::int64_t user_id,
                                       JobWork work) {
  std::int64_t id = 0;
  const auto now = FormatIsoUtc(clock_.Now());
  auto w = db_.Write([&](store::Session& s) -> Result<void> {
    auto rows = s.Query(
        "INSERT INTO job (kind, region_code, user_id, state, progress, total, created_at, updated_at) "
        "VALUES (?, ?, ?, 'queued', 0, 0, ?, ?) RETURNING id",
        {Str(kind), Str(region_code), Int(user_id), Str(now), Str(now)});
    if (!rows) return std::move(rows).error();
    id = rows->front().GetInt(0);
    return Ok();
  });
  if (!w) return std::move(w).error();
  auto progress = std::make_shared<Progress>();
  {
    std::lock_guard lock(mu_);
    live_[id] = progress;
    queue_.push_back({id, std::move(work), progress});
  }
  cv_.notify_one();
  return id;
}

Result<void> JobRunner::SetState(std::int64_t id, const std::string& state, const std::optional<std::string>& result,
                                 std::int64_t done, std::int64_t total) {
  return db_.Write([&](store::Session& s) -> Result<void> {
    auto n = s.Exec("UPDATE job SET state = ?, result = ?, progress = ?, total = ?, updated_at = ? WHERE id = ?",
                    {Str(state), store::OptStr(result), Int(done), Int(total), Str(FormatIsoUtc(clock_.Now())), Int(id)});
    if (!n) return std::move(n).error();
    return Ok();
  });
}

void JobRunner::Loop() {
  while (true) {
    Running job;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return stop_ || !queue_.empty(); });
      if (stop_) return;
      job = std::move(queue_.front());
      queue_.pop_front();
    }
    (void)SetState(job.id, "running", std::nullopt, 0, 0);
    JobOutcome outcome;
    try {
      outcome = job.work(*job.progress);
    } catch (const std::exception& e) {
      spdlog::error("job {} failed: {}", job.id, e.what());
      outcome = {false, R"({"error":{"reason":"job.internal","message":"任务执行出错","detail":"","hint":""}})"};
    }
    if (auto r = SetState(job.id, outcome.ok ? "succeeded" : "failed", outcome.result_json, job.progress->done,
                          job.progress->total);
        !r)
      spdlog::error("job {}: could not record the outcome: {}", job.id, r.error().detail.en);
    std::lock_guard lock(mu_);
    live_.erase(job.id);
  }
}

Result<std::optional<JobSnapshot>> JobRunner::Get(std::int64_t id) {
  std::optional<JobSnapshot> out;
  auto r = db_.Read([&](store::Session& s) -> Result<void> {
    auto rows = s.Query(
        "SELECT id, kind, region_code, state, user_id, progress, total, result, created_at, updated_at FROM job WHERE id = ?",
        {Int(id)});
    if (!rows) return std::move(rows).error();
    if (rows->empty()) return Ok();
    const auto& row = rows->front();
    out = JobSnapshot{row.GetInt(0), row.GetText(1), row.GetText(2), row.GetText(3), row.GetInt(4), row.GetInt(5),
                      row.GetInt(6), 0, row.GetOptText(7), row.GetText(8), row.GetText(9)};
    return Ok();
  });
  if (!r) return std::move(r).error();
  if (out) {
    std::lock_guard lock(mu_);
    if (auto it = live_.find(id); it != live_.end()) {
      out->done = it->second->done;
      out->total = it->second->total;
      out->phase = it->second->phase;
      if (out->state == "queued" && it->second->total > 0) out->state = "running";
    }
  }
  return out;
}

}  // namespace huanxin::job
