// Background jobs with progress (issue #3: large imports run as a job with progress in the UI).
//
// One worker thread runs jobs in submission order. A job's row in the `job` table records who
// started it, its state and its final result (JSON), so the outcome survives a restart; progress
// while running is kept in memory (the job's own write transaction holds SQLite's single writer).
// A job still running when the process stops is marked failed at the next start.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "common/clock.hpp"
#include "common/progress.hpp"
#include "common/result.hpp"
#include "store/database.hpp"

namespace huanxin::job {

struct JobOutcome {
  bool ok = true;
  std::string result_json;  // stored and returned as `result`
};

using JobWork = std::function<JobOutcome(Progress&)>;

struct JobSnapshot {
  std::int64_t id = 0;
  std::string kind, region_code, state;  // queued | running | succeeded | failed
  std::int64_t user_id = 0, done = 0, total = 0;
  int phase = 0;
  std::optional<std::string> result_json;
  std::string created_at, updated_at;
};

class JobRunner {
 public:
  JobRunner(store::Database& db, const Clock& clock);
  ~JobRunner();  // finishes the running job, drops queued ones (they are marked failed at next start)

  // Marks jobs left running by a previous process as failed.
  Result<void> RecoverInterrupted();
  Result<std::int64_t> Submit(const std::string& kind, const std::string& region_code, std::int64_t user_id, JobWork work);
  Result<std::optional<JobSnapshot>> Get(std::int64_t id);

 private:
  struct Running {
    std::int64_t id;
    JobWork work;
    std::shared_ptr<Progress> progress;
  };
  void Loop();
  Result<void> SetState(std::int64_t id, const std::string& state, const std::optional<std::string>& result,
                        std::int64_t done, std::int64_t total);

  store::Database& db_;
  const Clock& clock_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Running> queue_;
  std::map<std::int64_t, std::shared_ptr<Progress>> live_;
  bool stop_ = false;
  std::thread worker_;
};

}  // namespace huanxin::job
