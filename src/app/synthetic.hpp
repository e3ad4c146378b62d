// A deterministic synthetic register: estates → buildings → dwellings → owners, generated one
// estate at a time (bounded memory), from a seed. Used by `huanxin demo` (a realistic county) and
// `huanxin gen` (benchmark data up to national scale). Names are generated from common surnames and
// given-name characters — no real people; ID numbers are well-formed (GB 11643 check character) but
// fictitious (birth dates and sequence numbers drawn from the seed).
#pragma once

#include <optional>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "service/checkup/checkup_service.hpp"

namespace huanxin::app {

struct SynthOwner {
  std::string name, id_number, phone;
};

struct SynthDwelling {
  int stairwell = 0, floor = 0;
  std::string room;
  std::int64_t area_dm2 = 0;
  std::string area_source;  // code
  std::string sale_status;  // code
  std::vector<int> owners;  // indexes into SynthEstate::owners
};

struct SynthBuilding {
  std::string number;
  int floors = 0, stairwells = 0;
  std::vector<SynthDwelling> dwellings;
};

struct SynthEstate {
  std::string region_code, name, address, ownership_types, property_mode;
  int built_year = 0;
  std::int64_t land_area_dm2 = 0, floor_area_dm2 = 0;
  bool excl_self_built = false, excl_demolition = false;
  std::optional<std::int64_t> lat_e6, lng_e6;  // micro-degrees (WGS 84), when the caller places it
  std::vector<SynthBuilding> buildings;
  std::vector<SynthOwner> owners;
};

// splitmix64: a tiny, well-mixed, portable PRNG (std distributions differ between libraries).
class SynthRandom {
 public:
  explicit SynthRandom(std::uint64_t seed) : state_(seed) {}
  std::uint64_t Next();
  int Between(int lo, int hi);  // inclusive
  bool Chance(int percent);

 private:
  std::uint64_t state_;
};

struct SynthOptions {
  std::uint64_t seed = 2026;
  int min_year = 1980, max_year = 2004;
  int min_floors = 4, max_floors = 7;
  int min_stairwells = 2, max_stairwells = 4;
  int min_buildings = 2, max_buildings = 8;
  int flats_per_landing = 2;
};

// Generates estate number `index` (0-based) in community `region_code`; the same (seed, index)
// always gives the same estate.
SynthEstate GenerateEstate(const SynthOptions& o, std::int64_t index, const std::string& region_code,
                           const std::string& street_name);

// A roster of one estate with about `dwellings` dwellings (import-template columns), streamed to
// `line` one CSV line at a time (header first).
void GenerateRosterCsv(const SynthOptions& o, std::int64_t dwellings, const std::function<void(const std::string&)>& line);

// Projects of a year over generated estates (`huanxin gen --projects`, the programme benchmark): the
// estates, in the order given, packaged as a county does it (延平 packaged 92 estates into 14 area
// projects, REFERENCE.md §10): runs of up to four consecutive estates of one street become one
// project (an area project when it holds more than one). About one project in ten stays in reserve;
// the rest are spread over the statuses planned … handed_over. Each project commits about 26 700
// yuan per household (REFERENCE.md §6, national 2023 and 2025) from central subsidy (60 %), local
// funds (30 %) and residents (10 %); from `approved` on 80 % of each is received, from `started`
// on half of that is paid.
struct SynthEstateRef {
  std::int64_t id = 0;
  std::string region_code;  // the estate's community
  std::int64_t dwellings = 0;
};
struct SynthFund {
  std::string source, kind;
  std::int64_t amount_fen = 0;
};
struct SynthProject {
  std::string name, kind, region_code, status;  // region: the estates' street
  std::vector<std::int64_t> estates;
  std::int64_t dwellings = 0;
  std::vector<SynthFund> funds;
};
std::vector<SynthProject> PackageProjects(const SynthOptions& o, const std::vector<SynthEstateRef>& estates);

// Check-up observations as grid workers record them (issue #4): every building checked for facade
// loss, gas pipes, stairwell lighting and a lift; the estate for parking and waste sorting. Client
// ids are "<estate>-<n>".
struct SynthBuildingRef {
  std::int64_t id = 0;
  int floors = 0;
  bool has_lift = false;
};
std::vector<service::ObservationInput> SyntheticObservations(std::int64_t estate_id,
                                                             const std::vector<SynthBuildingRef>& buildings,
                                                             SynthRandom& rnd);

}  // namespace huanxin::app
