// Background jobs with progress (issue #3: large imports; issue #4: report batches), as a service
// that any context submits work to.
//
// One worker thread runs jobs in submission order. A job's row (store/job) records who started it,
// its region, its state and its final result (JSON), so the outcome survives a restart; progress
// while running is kept in memory (the job's own write transactions hold SQLite's single writer).
// A job still running when the process stops is marked failed at the next start.
//
// Thread safety: every public member may be called from any thread.
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
#include "service/platform/actor.hpp"
#include "store/database.hpp"

namespace huanxin::service {

struct JobOutcome {
  bool ok = true;
  std::string result_json;  // stored and returned as `result`
};

// The work of one job. Runs on the worker thread; must not capture references to request-scoped
// objects (copy what it needs). Exceptions are caught and recorded as `job.internal`.
using JobWork = std::function<JobOutcome(Progress&)>;

struct JobSnapshot {
  std::int64_t id = 0;
  std::string kind, region_code, state;  // queued | running | succeeded | failed
  std::int64_t user_id = 0, done = 0, total = 0;
  int phase = 0;
  std::optional<std::string> result_json;
  std::string created_at, updated_at;
};

class JobService {
 public:
  JobService(store::Database& db, const Clock& clock);
  ~JobService();  // finishes the running job, drops queued ones (they are marked failed at next start)

  // Marks jobs left running by a previous process as failed.
  Result<void> RecoverInterrupted();
  // Queues `work` as a job of `kind` belonging to `region_code`, started by `actor`; returns its id.
  Result<std::int64_t> Submit(const Actor& actor, const std::string& kind, const std::string& region_code, JobWork work);
  // The job as `actor` may see it: its own jobs, and jobs whose region lies in the actor's scope.
  // Anything else is 404 `job.not_found` (a job's existence is not revealed).
  Result<JobSnapshot> Get(const Actor& actor, std::int64_t id);

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

}  // namespace huanxin::service
