// Acceptance and warranty in portable SQL (issue #14; docs/acceptance.md; tables of migration
// 0014): the punch list, household acceptance, completion acceptance with its participants and
// scores, the handover record, and the look-ups warranty routing needs (accepted projects of an
// estate, the builder's responsible unit). Functions run in the caller's transaction and do not
// authorise; services do.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace huanxin::store {

struct PunchItemRecord {
  std::int64_t id = 0, project_id = 0;
  std::string region_code, source;  // source: completion | household
  std::optional<std::int64_t> dwelling_id;
  std::optional<std::string> work;
  std::string description, status, waiver_reason;  // status: open | resolved | waived
  std::int64_t created_by = 0;
  std::string created_at, updated_at;
};

// A dwelling as household acceptance needs it: where it is and how people name it.
struct AcceptanceDwellingRef {
  std::int64_t dwelling_id = 0, estate_id = 0;
  std::string region_code, building_number, room;
  int stairwell = 0;
};

struct HouseholdAcceptanceRecord {
  std::int64_t project_id = 0, dwelling_id = 0;
  std::string work;
  std::int64_t estate_id = 0;
  std::string region_code, result;  // accepted | refused
  std::optional<std::int64_t> signature_file_id;
  std::string reason;
  std::optional<std::int64_t> punch_item_id;
  std::int64_t recorded_by = 0;
  std::string recorded_at;
  std::string building_number, room;  // joined, read-only
};

struct ParticipantRecord {
  std::string role, name, representative;
};

struct ScoreRecord {
  std::string item_code, item_name;  // item_name joined, read-only
  std::string criterion;
  int score = 0;
};

struct CompletionAcceptanceRecord {
  std::int64_t id = 0, project_id = 0;
  std::string region_code, accepted_on;
  std::int64_t points = 0, max_points = 0;
  std::string note;
  std::int64_t recorded_by = 0;
  std::string created_at;
  std::vector<ParticipantRecord> participants;  // in the order given
  std::vector<ScoreRecord> scores;              // in the order given
};

struct HandoverRecord {
  std::int64_t project_id = 0;
  std::string region_code, handed_on, receiver, note;
  std::int64_t recorded_by = 0;
  std::string created_at;
};

// A project with a completion acceptance, as warranty routing and the estate's warranties need it.
struct AcceptedProjectRef {
  std::int64_t project_id = 0;
  std::string project_name, region_code, accepted_on;
};

struct AcceptanceRepository {
  static Result<std::optional<AcceptanceDwellingRef>> FindDwelling(Session& s, std::int64_t dwelling_id);
  // Whether `estate_id` is one of the project's estates.
  static Result<bool> ProjectHasEstate(Session& s, std::int64_t project_id, std::int64_t estate_id);
  // The Chinese name of a renovation item; nullopt when there is no such item.
  static Result<std::optional<std::string>> ItemName(Session& s, const std::string& item_code);

  // Inserts an entry (id ignored); returns its id.
  static Result<std::int64_t> InsertPunch(Session& s, const PunchItemRecord& p);
  static Result<std::optional<PunchItemRecord>> FindPunch(Session& s, std::int64_t id);
  // Writes description, status, waiver_reason and updated_at of p.id; false when there is none.
  static Result<bool> UpdatePunch(Session& s, const PunchItemRecord& p);
  // The project's entries, oldest first.
  static Result<std::vector<PunchItemRecord>> PunchList(Session& s, std::int64_t project_id);

  static Result<std::optional<HouseholdAcceptanceRecord>> FindHousehold(Session& s, std::int64_t project_id,
                                                                        std::int64_t dwelling_id, const std::string& work);
  // Inserts or replaces the row of (project, dwelling, work) (joined fields ignored).
  static Result<void> PutHousehold(Session& s, const HouseholdAcceptanceRecord& h);
  // The project's rows by building number, stairwell, room, work.
  static Result<std::vector<HouseholdAcceptanceRecord>> Households(Session& s, std::int64_t project_id);

  // Inserts the acceptance with its participants and scores (id ignored); a second for the same
  // project is kConflict store.duplicate. Returns its id.
  static Result<std::int64_t> InsertAcceptance(Session& s, const CompletionAcceptanceRecord& a);
  static Result<std::optional<CompletionAcceptanceRecord>> FindAcceptance(Session& s, std::int64_t project_id);

  // Inserts or replaces the project's handover record.
  static Result<void> PutHandover(Session& s, const HandoverRecord& h);
  static Result<std::optional<HandoverRecord>> FindHandover(Session& s, std::int64_t project_id);

  // The accepted projects with `estate_id` among their estates, latest acceptance first.
  static Result<std::vector<AcceptedProjectRef>> AcceptedProjectsOfEstate(Session& s, std::int64_t estate_id);
  // The company of the project's construction unit (project_unit role construction); nullopt when
  // none is recorded.
  static Result<std::optional<std::string>> ConstructionCompany(Session& s, std::int64_t project_id);
  // The responsible unit (supervision context) of `company` registered at `region_code` or one of
  // its ancestors, the nearest first; nullopt when none.
  static Result<std::optional<std::int64_t>> UnitOfCompany(Session& s, const std::string& company, const std::string& region_code);
};

}  // namespace huanxin::store
