// Estates, buildings, dwellings, owners and households in portable SQL (issue #3). Functions run in
// the caller's transaction and do not authorise; services do.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "store/auth/user_repository.hpp"
#include "store/database.hpp"

namespace huanxin::store {

struct EstateRecord {
  std::int64_t id = 0;
  std::string region_code, name, address;
  int built_year = 0;
  std::optional<std::int64_t> land_area_dm2, floor_area_dm2;
  std::string ownership_types;  // comma-separated codes
  std::string property_mode;
  bool excl_self_built = false, excl_urban_village = false, excl_demolition = false, excl_recent_renovation = false;
  std::optional<std::int64_t> lat_e6, lng_e6;
  std::string status;
  std::string created_at, updated_at;
};

// The eligibility filter in SQL terms: the service turns a verdict into these bounds.
struct EligibilityBounds {
  bool require_no_exclusion = false;  // eligible / extension
  bool require_exclusion_or_late = false;  // ineligible: any flag, or built after max_year
  std::optional<int> min_year, max_year;
};

struct EstateFilter {
  std::string scope_prefix;
  std::optional<std::string> region_prefix, status, q;
  std::optional<int> built_from, built_to;
  std::optional<EligibilityBounds> eligibility;
  std::optional<std::vector<std::int64_t>> only_ids;  // restrict to these estates (assignments)
  std::int64_t limit = 20, offset = 0;
};

struct BuildingRecord {
  std::int64_t id = 0, estate_id = 0;
  std::string region_code, number;
  int floors = 0, stairwells = 0;
  std::string structure;
  std::optional<int> built_year;
  bool has_lift = false;
  std::string heating;
  std::string created_at, updated_at;
};

struct OwnerRecord {
  std::int64_t id = 0;
  std::string id_number, name;
  std::optional<std::string> phone;
  std::string created_at, updated_at;
};

struct HouseholdRecord {
  std::int64_t dwelling_id = 0;
  std::string region_code;
  int residents = 0, aged_60_plus = 0, disabled = 0;
  std::string occupancy;
  std::string updated_at;
};

struct DwellingRecord {
  std::int64_t id = 0, building_id = 0, estate_id = 0;
  std::string region_code;
  int stairwell = 0, floor = 0;
  std::string room;
  std::int64_t exclusive_area_dm2 = 0;
  std::string area_source, use_type, sale_status;
  std::string created_at, updated_at;
  std::string building_number;           // joined, read-only
  std::vector<OwnerRecord> owners;        // filled by the List/Find helpers that say so
  std::optional<HouseholdRecord> household;  // joined, read-only
};


class EstateRepository {
 public:
  static Result<std::int64_t> Insert(Session& s, const EstateRecord& e);
  static Result<void> Update(Session& s, const EstateRecord& e);
  static Result<void> Delete(Session& s, std::int64_t id);
  static Result<std::optional<EstateRecord>> Find(Session& s, std::int64_t id);
  static Result<std::vector<EstateRecord>> List(Session& s, const EstateFilter& f, Page& page);
  // Writes `region_code` into every row the estate holds — its buildings, dwellings, owner links and
  // households — when the estate moves to another community; the estate's own row is written by
  // Update. Rows of other estates are untouched. Returns the rows changed.
  static Result<std::int64_t> MoveContents(Session& s, std::int64_t estate_id, const std::string& region_code);
};

class BuildingRepository {
 public:
  static Result<std::int64_t> Insert(Session& s, const BuildingRecord& b);
  static Result<void> Update(Session& s, const BuildingRecord& b);
  static Result<void> Delete(Session& s, std::int64_t id);
  static Result<std::optional<BuildingRecord>> Find(Session& s, std::int64_t id);
  static Result<std::vector<BuildingRecord>> ListByEstate(Session& s, std::int64_t estate_id);
  static Result<std::int64_t> CountByEstate(Session& s, std::int64_t estate_id);
};

class DwellingRepository {
 public:
  static Result<std::int64_t> Insert(Session& s, const DwellingRecord& d);
  static Result<void> Update(Session& s, const DwellingRecord& d);
  static Result<void> Delete(Session& s, std::int64_t id);
  // With owners.
  static Result<std::optional<DwellingRecord>> Find(Session& s, std::int64_t id);
  // With owners, ordered by stairwell, floor, room.
  static Result<std::vector<DwellingRecord>> ListByBuilding(Session& s, std::int64_t building_id);
  // With owners and building numbers, ordered by building, stairwell, floor, room.
  static Result<std::vector<DwellingRecord>> ListByEstate(Session& s, std::int64_t estate_id);
  // How many dwellings the estate / the building holds (0 for an unknown id).
  static Result<std::int64_t> CountByEstate(Session& s, std::int64_t estate_id);
  static Result<std::int64_t> CountByBuilding(Session& s, std::int64_t building_id);
  // How many dwellings of the building lie in a stairwell above `stairwells` or on a floor above
  // `floors` (basements, negative floors, never do): those a building resized to these counts would
  // no longer hold.
  static Result<std::int64_t> CountBeyond(Session& s, std::int64_t building_id, int stairwells, int floors);
};

class OwnerRepository {
 public:
  static Result<std::int64_t> Insert(Session& s, const OwnerRecord& o);
  static Result<void> Update(Session& s, const OwnerRecord& o);
  static Result<std::optional<OwnerRecord>> Find(Session& s, std::int64_t id);
  static Result<std::optional<OwnerRecord>> FindByIdNumber(Session& s, const std::string& id_number);
  // The owners among `id_numbers` that exist, keyed by ID number (queried 500 at a time; no query
  // at all when the owner table is empty, as before a first roster load).
  static Result<std::unordered_map<std::string, OwnerRecord>> FindByIdNumbers(
      Session& s, const std::vector<std::string_view>& id_numbers);
  // Owners holding at least one dwelling whose region starts with the prefix; q matches name.
  static Result<std::vector<OwnerRecord>> List(Session& s, const std::string& scope_prefix,
                                               const std::optional<std::string>& q, std::int64_t limit,
                                               std::int64_t offset, Page& page);
  // Region codes of the dwellings an owner holds (for scope checks).
  static Result<std::vector<std::string>> RegionsOf(Session& s, std::int64_t owner_id);
  static Result<bool> Link(Session& s, std::int64_t dwelling_id, std::int64_t owner_id, std::int64_t estate_id,
                           const std::string& region_code);  // false if already linked
  static Result<bool> Unlink(Session& s, std::int64_t dwelling_id, std::int64_t owner_id);
};

class HouseholdRepository {
 public:
  static Result<void> Upsert(Session& s, const HouseholdRecord& h);
  static Result<std::optional<HouseholdRecord>> Find(Session& s, std::int64_t dwelling_id);
};

}  // namespace huanxin::store
