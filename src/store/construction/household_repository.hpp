// Household works per dwelling (in-home heating, water meters, windows …) and the tendered teams
// (issue #13 "Household works"; docs/construction.md) in portable SQL. Functions run in the
// caller's transaction and do not authorise; services do.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace huanxin::store {

struct HouseholdTeamRecord {
  std::int64_t id = 0, project_id = 0;
  std::string region_code, name, phone, works;  // works: comma-separated work codes
  std::string created_at;
};

struct HouseholdWorkRecord {
  std::int64_t project_id = 0, dwelling_id = 0;
  std::string work;
  std::int64_t estate_id = 0, building_id = 0;
  std::string region_code, status;
  std::optional<std::string> done_by;
  std::optional<std::int64_t> team_id;
  std::int64_t updated_by = 0;
  std::string updated_at;
};

// A dwelling's place, to check it belongs to one of the project's estates.
struct DwellingPlace {
  std::int64_t dwelling_id = 0, building_id = 0, estate_id = 0;
  std::string region_code;
};

// One building of the project's estates with its dwellings and the work's counts there.
struct HouseholdBuildingCount {
  std::int64_t building_id = 0, estate_id = 0;
  std::string number;
  std::int64_t total = 0, done = 0, in_progress = 0, declined = 0, by_contractor = 0, by_self = 0;
};

struct HouseholdGridRow {
  std::int64_t dwelling_id = 0;
  int stairwell = 0, floor = 0;
  std::string room;
  std::optional<std::string> status, done_by;
  std::optional<std::int64_t> team_id;
};

struct HouseholdWorkRepository {
  static Result<std::int64_t> InsertTeam(Session& s, const HouseholdTeamRecord& t);
  static Result<std::vector<HouseholdTeamRecord>> Teams(Session& s, std::int64_t project_id);
  static Result<std::optional<HouseholdTeamRecord>> FindTeam(Session& s, std::int64_t id);
  static Result<std::optional<DwellingPlace>> FindDwelling(Session& s, std::int64_t dwelling_id);
  static Result<std::optional<HouseholdWorkRecord>> Find(Session& s, std::int64_t project_id, std::int64_t dwelling_id,
                                                         const std::string& work);
  // Inserts or replaces the (project, dwelling, work) row.
  static Result<void> Upsert(Session& s, const HouseholdWorkRecord& w);
  // Every building of the project's estates (estate, then building id) with the work's counts.
  static Result<std::vector<HouseholdBuildingCount>> Buildings(Session& s, std::int64_t project_id, const std::string& work);
  // The dwellings of a building (stairwell, floor, room) with the work's row when it has one.
  static Result<std::vector<HouseholdGridRow>> Grid(Session& s, std::int64_t project_id, const std::string& work,
                                                    std::int64_t building_id);
  // The estate of a building (nullopt when there is no such building).
  static Result<std::optional<std::int64_t>> EstateOfBuilding(Session& s, std::int64_t building_id);
};

}  // namespace huanxin::store
