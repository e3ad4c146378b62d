// Household works (入户工程; issue #13 "Household works"; docs/construction.md): in-home heating,
// water meters, windows … per dwelling — not started, in progress, done, declined — done by a team
// from the project's tendered pool (金茵: 4 teams) or by the resident; the rate per work (830 of
// 1 186 = 69.98 %, core/construction/progress.hpp HouseholdRate), the counts per building and the
// dwelling grid of a building.
//
// Reads need construction:read, writes construction:household:write, both through
// ProjectForConstruction (scope, and assignment for contractors). Every write runs in one
// transaction with its audit entry. Thread safety: every member may be called from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "service/platform/actor.hpp"
#include "store/construction/household_repository.hpp"
#include "store/database.hpp"

namespace huanxin::service {

// The works a dwelling may have (docs/construction.md, Words).
const std::vector<std::string>& HouseholdWorkCodes();
// The Chinese name of a household work code (入户供暖, 水表 …); the code itself when unknown.
std::string HouseholdWorkName(const std::string& code);

struct TeamInput {
  std::string name;
  std::string phone;
  std::vector<std::string> works;
};

struct HouseholdWorkInput {
  std::string work, status;
  std::optional<std::string> by;  // contractor | self; required when in progress or done
  std::optional<std::int64_t> team_id;
};

struct HouseholdSummary {
  std::string work;
  std::int64_t done = 0, total = 0, rate = 0;  // rate in hundredths of a percent
  std::int64_t in_progress = 0, declined = 0, not_started = 0, by_contractor = 0, by_self = 0;
  std::vector<store::HouseholdBuildingCount> buildings;
};

class HouseholdService {
 public:
  HouseholdService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  Result<std::vector<store::HouseholdTeamRecord>> Teams(const Actor& actor, std::int64_t project_id);
  // A tendered team: name 1–60 characters (unique in the project: 409 construction.team_exists),
  // phone ≤ 20 of digits, '+', '-' and spaces, works 1–6 known work codes. 422
  // construction.invalid_field. Audited construction.household_team.
  Result<store::HouseholdTeamRecord> AddTeam(const Actor& actor, std::int64_t project_id, const TeamInput& in);
  // Sets one dwelling's work: work a known code; status not_started | in_progress | done | declined;
  // by contractor | self, required for in_progress and done, absent otherwise; teamId a team of the
  // project tendered for the work, only with by = contractor. The dwelling must be in one of the
  // project's estates (404 construction.dwelling_not_found otherwise). Audited
  // construction.household_work.
  Result<store::HouseholdWorkRecord> SetWork(const Actor& actor, std::int64_t project_id, std::int64_t dwelling_id,
                                             const HouseholdWorkInput& in);
  // The rate of `work` over the dwellings of the project's estates, with counts per building.
  Result<HouseholdSummary> Summary(const Actor& actor, std::int64_t project_id, const std::string& work);
  // The dwellings of a building of the project's estates with their status of `work`. 404
  // construction.building_not_found when the building is not in the project.
  Result<std::vector<store::HouseholdGridRow>> Grid(const Actor& actor, std::int64_t project_id, const std::string& work,
                                                    std::int64_t building_id);

 private:
  store::Database& db_;
  const Clock& clock_;
};

}  // namespace huanxin::service
