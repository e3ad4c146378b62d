#include "service/job/job_service.hpp"

#include <spdlog/spdlog.h>

#include "store/job/job_repository.hpp"

namespace huanxin::service {

using store::JobRepository;

JobService::JobService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {
  worker_ = std::thread([this] { Loop(); });
}

JobService::~JobService() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (worker_.joinable()) worker_.join();
}

Result<void> JobService::RecoverInterrupted() {
  return db_.Write([&](store::Session& s) -> Result<void> {
    auto n = JobRepository::FailUnfinished(
        s, R"({"error":{"reason":"job.interrupted","message":"任务因服务重启而中断，请重新提交","detail":"","hint":""}})",
        FormatIsoUtc(clock_.Now()));
    if (!n) return std::move(n).error();
    return Ok();
  });
}

Result<std::int64_t> JobService::Submit(const Actor& actor, const std::string& kind, const std::string& region_code,
                                        JobWork work) {
  auto id = store::WriteResult(db_, [&](store::Session& s) {
    return JobRepository::Insert(s, kind, region_code, actor.user_id, FormatIsoUtc(clock_.Now()));
  });
  if (!id) return std::move(id).error();
  auto progress = std::make_shared<Progress>();
  {
    std::lock_guard lock(mu_);
    live_[*id] = progress;
    queue_.push_back({*id, std::move(work), progress});
  }
  cv_.notify_one();
  return *id;
}

Result<void> JobService::SetState(std::int64_t id, const std::string& state, const std::optional<std::string>& result,
                                  std::int64_t done, std::int64_t total) {
  return db_.Write([&](store::Session& s) -> Result<void> {
    auto n = JobRepository::SetState(s, id, state, result, done, total, FormatIsoUtc(clock_.Now()));
    if (!n) return std::move(n).error();
    return Ok();
  });
}

void JobService::Loop() {
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

Result<JobSnapshot> JobService::Get(const Actor& actor, std::int64_t id) {
  auto found = store::ReadResult(db_, [&](store::Session& s) { return JobRepository::Find(s, id); });
  if (!found) return std::move(found).error();
  // Visible to its owner and to anyone whose scope covers the job's region.
  const auto& rec = *found;
  if (!rec || (rec->user_id != actor.user_id && !actor.scope.Covers(rec->region_code)))
    return NotFound("job.not_found", Text("任务不存在", "no such job"));
  JobSnapshot out{rec->id,    rec->kind,  rec->region_code, rec->state,       rec->user_id, rec->progress,
                  rec->total, 0,          rec->result_json, rec->created_at, rec->updated_at};
  std::lock_guard lock(mu_);
  if (auto it = live_.find(id); it != live_.end()) {
    out.done = it->second->done;
    out.total = it->second->total;
    out.phase = it->second->phase;
    if (out.state == "queued" && it->second->total > 0) out.state = "running";
  }
  return out;
}

}  // namespace huanxin::service
