// Register use cases (issue #3): estates, buildings, dwellings, owners, households.
//
// Every call authorises with register_access.hpp, validates with core/register rules, changes data
// in one write transaction and appends the audit entry in it. Reads that return unmasked personal
// data append a `register.pii_read` audit entry (PIPL: every unmasked read is audited).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "core/register/eligibility.hpp"
#include "core/register/headcount.hpp"
#include "service/platform/actor.hpp"
#include "store/database.hpp"
#include "store/register/register_repository.hpp"
#include "store/register/rollup_repository.hpp"

namespace huanxin::service {

template <typename T>
using Patch = std::optional<T>;  // absent = leave unchanged

struct EstateInput {
  Patch<std::string> region_code, name, address, property_mode, status;
  Patch<int> built_year;
  Patch<std::vector<std::string>> ownership_types;
  Patch<std::optional<std::int64_t>> land_area_dm2, floor_area_dm2, lat_e6, lng_e6;
  Patch<bool> excl_self_built, excl_urban_village, excl_demolition, excl_recent_renovation;
};

struct EstateView {
  store::EstateRecord estate;
  core::reg::Eligibility eligibility;
  std::string region_name;
};

struct EstateQuery {
  std::optional<std::string> region_code, status, eligibility, q;
  std::optional<int> built_from, built_to;
  std::int64_t page = 1, page_size = 20;
};

struct EstateSummary {
  std::int64_t buildings = 0, stairwells = 0, dwellings = 0, exclusive_area_dm2 = 0, owner_heads = 0;
  std::int64_t sold = 0, sold_undelivered = 0, developer_unsold = 0, public_housing = 0, residential = 0, commercial = 0;
  core::reg::HeadcountReading reading = core::reg::HeadcountReading::kLiteral;  // how owner_heads was counted
  std::int64_t dwellings_without_owner = 0;
  std::int64_t households_recorded = 0, residents = 0, aged_60_plus = 0, disabled = 0;
};

struct BuildingInput {
  Patch<std::string> number, structure, heating;
  Patch<int> floors, stairwells;
  Patch<std::optional<int>> built_year;
  Patch<bool> has_lift;
};

struct DwellingInput {
  Patch<int> stairwell, floor;
  Patch<std::string> room, area_source, use_type, sale_status;
  Patch<std::int64_t> exclusive_area_dm2;
};

struct HouseholdInput {
  int residents = 0, aged_60_plus = 0, disabled = 0;
  std::string occupancy;
};

struct OwnerInput {
  std::string name, id_number;
  std::optional<std::string> phone;
};

// Who to add to a dwelling (POST /dwellings/{id}/owners): a person by ID number and name, or an
// owner already registered, by id.
struct OwnerLinkInput {
  std::optional<OwnerInput> person;     // set: LinkOwnerByIdNumber
  std::optional<std::int64_t> owner_id;  // else: LinkOwner
};

// An estate's eligibility verdict with the deployment's policy it was judged by.
struct EligibilityReport {
  std::int64_t estate_id = 0;
  core::reg::Eligibility eligibility;
  core::reg::EligibilityPolicy policy;
};

// A dwelling or owner as shown to one actor: personal data masked unless CanSeePii.
struct OwnerView {
  store::OwnerRecord owner;
  bool masked = true;   // ID number and phone masked
  bool foreign = false; // outside the actor's scope altogether: the name is masked too
};
struct DwellingView {
  store::DwellingRecord dwelling;
  std::vector<OwnerView> owners;
};

// A dashboard roll-up of the register (issue #6): one region's totals and one row per child region.
struct RegisterRollup {
  std::string region_code;  // "" for the whole country
  std::string region_name;  // 全国 for the whole country
  std::string child_level;  // province | city | county | street | community ("" at community level)
  store::RollupCounts total;
  std::vector<std::pair<store::RollupCounts, std::string>> children;  // counts and the child's name
  core::reg::EligibilityPolicy policy;  // the years the eligible / extension counts used
};

class RegisterService {
 public:
  // `reading`: how sold dwellings group into owner heads in the estate summary
  // (core/register/headcount.hpp; config register.transitive_owner_merge, literal by default).
  RegisterService(store::Database& db, const Clock& clock, core::reg::EligibilityPolicy policy,
                  core::reg::HeadcountReading reading = core::reg::HeadcountReading::kLiteral)
      : db_(db), clock_(clock), policy_(policy), reading_(reading) {}

  const core::reg::EligibilityPolicy& policy() const { return policy_; }

  Result<std::pair<std::vector<EstateView>, std::int64_t>> ListEstates(const Actor& actor, const EstateQuery& q);
  Result<EstateView> GetEstate(const Actor& actor, std::int64_t id);
  Result<EstateView> CreateEstate(const Actor& actor, const EstateInput& in);
  Result<EstateView> UpdateEstate(const Actor& actor, std::int64_t id, const EstateInput& in);
  Result<void> DeleteEstate(const Actor& actor, std::int64_t id);
  Result<EstateSummary> Summary(const Actor& actor, std::int64_t estate_id);
  // The estate's eligibility verdict with its reasons and the policy (GET /estates/{id}/eligibility).
  Result<EligibilityReport> Eligibility(const Actor& actor, std::int64_t estate_id);
  // Totals of `region_code` (default: the actor's scope; the whole country for a national scope)
  // and of each of its child regions, read from the per-estate counters (migration 0005).
  Result<RegisterRollup> Rollup(const Actor& actor, const std::optional<std::string>& region_code);
  // The home page's register figures: the totals of the actor's scope, or nullopt for an actor who
  // may not see area totals (no register:read, or reading only assigned estates).
  Result<std::optional<store::RollupCounts>> Workbench(const Actor& actor);

  Result<std::vector<store::BuildingRecord>> ListBuildings(const Actor& actor, std::int64_t estate_id);
  Result<store::BuildingRecord> GetBuilding(const Actor& actor, std::int64_t id);
  Result<store::BuildingRecord> CreateBuilding(const Actor& actor, std::int64_t estate_id, const BuildingInput& in);
  Result<store::BuildingRecord> UpdateBuilding(const Actor& actor, std::int64_t id, const BuildingInput& in);
  Result<void> DeleteBuilding(const Actor& actor, std::int64_t id);

  Result<std::vector<DwellingView>> ListDwellings(const Actor& actor, std::int64_t building_id);
  Result<std::vector<DwellingView>> ListEstateDwellings(const Actor& actor, std::int64_t estate_id);
  Result<DwellingView> GetDwelling(const Actor& actor, std::int64_t id);
  Result<DwellingView> CreateDwelling(const Actor& actor, std::int64_t building_id, const DwellingInput& in);
  Result<DwellingView> UpdateDwelling(const Actor& actor, std::int64_t id, const DwellingInput& in);
  Result<void> DeleteDwelling(const Actor& actor, std::int64_t id);

  Result<std::pair<std::vector<OwnerView>, std::int64_t>> ListOwners(const Actor& actor, const std::optional<std::string>& q,
                                                                     std::int64_t page, std::int64_t page_size);
  Result<OwnerView> CreateOwner(const Actor& actor, const OwnerInput& in);
  Result<DwellingView> LinkOwner(const Actor& actor, std::int64_t dwelling_id, std::int64_t owner_id);
  // Links the person with this ID number, registering them if new. Knowing the ID number (and the
  // matching name) is the proof that allows linking an owner who so far holds dwellings elsewhere.
  Result<DwellingView> LinkOwnerByIdNumber(const Actor& actor, std::int64_t dwelling_id, const OwnerInput& in);
  // LinkOwnerByIdNumber when `in` names a person, else LinkOwner.
  Result<DwellingView> AddOwner(const Actor& actor, std::int64_t dwelling_id, const OwnerLinkInput& in);
  Result<DwellingView> UnlinkOwner(const Actor& actor, std::int64_t dwelling_id, std::int64_t owner_id);
  // Residents, people aged 60+ and people with disabilities living in the dwelling, and whether it
  // is owner-occupied, rented or vacant (the check-up and the lift votes use these).
  Result<DwellingView> SetHousehold(const Actor& actor, std::int64_t dwelling_id, const HouseholdInput& in);

  // Shared with the importer.
  core::reg::Eligibility EvaluateEligibility(const store::EstateRecord& e) const;
  static Result<void> ValidateDwelling(const store::DwellingRecord& d, const store::BuildingRecord& b);
  static Result<void> ValidateOwner(const OwnerInput& in);
  // Mainland mobile (11 digits from 1) or landline with area code (0…, dashes allowed).
  static Result<void> ValidatePhone(const std::string& phone);

 private:
  Result<store::EstateRecord> LoadEstate(store::Session& s, const Actor& actor, std::int64_t id, bool write);
  Result<store::BuildingRecord> LoadBuilding(store::Session& s, const Actor& actor, std::int64_t id, bool write);
  Result<store::DwellingRecord> LoadDwelling(store::Session& s, const Actor& actor, std::int64_t id, bool write);
  Result<EstateView> View(store::Session& s, store::EstateRecord e);
  // Masks owners for the actor; then, if anything is shown unmasked, appends one
  // `register.pii_read` audit entry (its own write transaction) before the data is returned.
  Result<std::vector<DwellingView>> Present(const Actor& actor, std::vector<store::DwellingRecord> list,
                                            const std::string& entity, const std::string& entity_id,
                                            const std::string& region_code);
  Result<void> AuditPiiRead(const Actor& actor, const std::string& entity, const std::string& entity_id,
                            const std::string& region_code, std::int64_t owners_shown);

  store::Database& db_;
  const Clock& clock_;
  core::reg::EligibilityPolicy policy_;
  core::reg::HeadcountReading reading_;
};

}  // namespace huanxin::service
