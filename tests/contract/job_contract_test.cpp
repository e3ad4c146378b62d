// Contract suite of store/job/job_repository on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <tuple>

#include "contract/contract_fixture.hpp"
#include "store/job/job_repository.hpp"

namespace huanxin::store::contract {
namespace {

using JobContract = ContractTest;

auto Fields(const JobRecord& j) {
  return std::tuple(j.id, j.kind, j.region_code, j.state, j.user_id, j.progress, j.total, j.result_json, j.created_at,
                    j.updated_at);
}

TEST_P(JobContract, InsertedJobIsQueuedAndReadsBackExactly) {
  auto id = Put([&](Session& s) { return JobRepository::Insert(s, "register.import", "360104002", kLargeId, kAt); });
  auto found = Get([&](Session& s) { return JobRepository::Find(s, id); });
  ASSERT_TRUE(found);
  EXPECT_EQ(Fields(*found),
            Fields(JobRecord{id, "register.import", "360104002", "queued", kLargeId, 0, 0, std::nullopt, kAt, kAt}));
  EXPECT_FALSE(Get([&](Session& s) { return JobRepository::Find(s, kMaxId); }));
}

TEST_P(JobContract, SetStateWritesStateResultAndCounters) {
  auto id = Put([&](Session& s) { return JobRepository::Insert(s, "checkup.reports", "", 1, kAt); });
  const std::string later = "2026-11-21T09:00:00.000Z";
  const std::string result = R"({"reports":3,"failed":[],"note":")" + kTrickyText + R"("})";
  EXPECT_EQ(Put([&](Session& s) { return JobRepository::SetState(s, id, "succeeded", result, 3, 3, later); }), 1);
  auto found = Get([&](Session& s) { return JobRepository::Find(s, id); });
  ASSERT_TRUE(found);
  EXPECT_EQ(Fields(*found), Fields(JobRecord{id, "checkup.reports", "", "succeeded", 1, 3, 3, result, kAt, later}));
  // A result cleared back to NULL, and an unknown job changes nothing.
  EXPECT_EQ(Put([&](Session& s) { return JobRepository::SetState(s, id, "running", std::nullopt, 1, 3, later); }), 1);
  EXPECT_EQ(Get([&](Session& s) { return JobRepository::Find(s, id); })->result_json, std::nullopt);
  EXPECT_EQ(Put([&](Session& s) { return JobRepository::SetState(s, kMaxId, "failed", std::nullopt, 0, 0, later); }), 0);
}

TEST_P(JobContract, FailUnfinishedMarksQueuedAndRunningOnly) {
  auto queued = Put([&](Session& s) { return JobRepository::Insert(s, "a", "", 1, kAt); });
  auto running = Put([&](Session& s) { return JobRepository::Insert(s, "b", "", 1, kAt); });
  auto done = Put([&](Session& s) { return JobRepository::Insert(s, "c", "", 1, kAt); });
  Put([&](Session& s) -> Result<std::int64_t> {
    Must(JobRepository::SetState(s, running, "running", std::nullopt, 1, 2, kAt));
    return JobRepository::SetState(s, done, "succeeded", std::string("{}"), 2, 2, kAt);
  });
  const std::string later = "2026-11-22T00:00:00.000Z";
  EXPECT_EQ(Put([&](Session& s) { return JobRepository::FailUnfinished(s, R"({"error":1})", later); }), 2);
  for (auto id : {queued, running}) {
    auto j = Get([&](Session& s) { return JobRepository::Find(s, id); });
    EXPECT_EQ(j->state, "failed");
    EXPECT_EQ(j->result_json, R"({"error":1})");
    EXPECT_EQ(j->updated_at, later);
  }
  auto kept = Get([&](Session& s) { return JobRepository::Find(s, done); });
  EXPECT_EQ(kept->state, "succeeded");
  EXPECT_EQ(kept->updated_at, kAt);
  EXPECT_EQ(Put([&](Session& s) { return JobRepository::FailUnfinished(s, "{}", later); }), 0);
}

INSTANTIATE_TEST_SUITE_P(Sqlite, JobContract, ::testing::Values("sqlite"));
INSTANTIATE_TEST_SUITE_P(Postgres, JobContract, ::testing::Values("postgres"));

}  // namespace
}  // namespace huanxin::store::contract
