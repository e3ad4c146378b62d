// The reserve pool, the resource list and resident bills (issue #12; docs/project.md).
//
// Pool (project:read): eligible and extension estates of the caller's scope not yet planned, each
// with its approved check-up problems, its latest willingness consultation and its elderly share,
// ranked by core::project::ScoreEstate with the deployment's weights, the reasons listed.
// Resources (project:write to record and take up, project:read to list): idle spaces per estate.
// Bills (project:fund:write to issue and record payment, project:read to list): one per dwelling.
// Thread safety: every member may be called from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "core/project/pool.hpp"
#include "core/register/eligibility.hpp"
#include "service/platform/actor.hpp"
#include "store/database.hpp"
#include "store/project/pool_repository.hpp"

namespace huanxin::service {

struct PoolEntry {
  store::PoolEstateRecord estate;
  core::reg::Verdict verdict = core::reg::Verdict::kEligible;
  core::project::PoolScore score;
};

struct PoolView {
  std::vector<PoolEntry> items;  // best first
  core::project::PoolWeights weights;
};

struct ResourceInput {
  std::string description, owner, proposed_use, found_by;
  std::int64_t area_dm2 = 0;
};

struct BillPage {
  std::vector<store::BillRecord> items;
  std::int64_t total = 0, page = 1, page_size = 20;
  store::BillSummary summary;
};

struct BillsIssued {
  std::int64_t issued = 0, skipped = 0, total = 0;
};

class PoolService {
 public:
  PoolService(store::Database& db, const Clock& clock, core::reg::EligibilityPolicy eligibility,
              core::project::PoolWeights weights)
      : db_(db), clock_(clock), eligibility_(eligibility), weights_(weights) {}

  Result<PoolView> Pool(const Actor& actor, const std::optional<std::string>& region_code);

  Result<store::ResourceRecord> AddResource(const Actor& actor, std::int64_t estate_id, const ResourceInput& in);
  Result<std::vector<store::ResourceRecord>> Resources(const Actor& actor, const std::optional<std::string>& region_code,
                                                       std::optional<std::int64_t> estate_id);
  Result<store::ResourceRecord> TakeUpResource(const Actor& actor, std::int64_t project_id, std::int64_t resource_id);

  Result<BillsIssued> IssueBills(const Actor& actor, std::int64_t project_id, const std::string& purpose,
                                 std::int64_t amount_fen);
  Result<BillPage> Bills(const Actor& actor, std::int64_t project_id, std::optional<bool> paid, std::int64_t page,
                         std::int64_t page_size);
  Result<store::BillRecord> PayBill(const Actor& actor, std::int64_t project_id, std::int64_t bill_id,
                                    const std::string& paid_on);

 private:
  store::Database& db_;
  const Clock& clock_;
  core::reg::EligibilityPolicy eligibility_;
  core::project::PoolWeights weights_;
};

}  // namespace huanxin::service
