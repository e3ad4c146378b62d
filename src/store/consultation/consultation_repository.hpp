// Consultations, items, rounds, ballots, receipts, online codes and follow-up work in portable SQL
// (issue #5). Functions run in the caller's transaction and do not authorise; services do.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace huanxin::store {

struct ConsultationRecord {
  std::int64_t id = 0, estate_id = 0;
  std::string region_code, title, kind, law_version, state;
  int current_round = 0;
  std::int64_t ballots_cast = 0;
  std::optional<std::string> opens_at, closes_at, opened_at, closed_at;
  std::int64_t created_by = 0;
  std::string created_at, updated_at;
};

struct ConsultationItemRecord {
  std::int64_t id = 0, consultation_id = 0;
  int position = 0;
  std::string title;
  std::optional<std::string> catalog_item_code;
  std::string rule_json;
  std::string scope_type;  // estate | building | stairwell
  std::optional<std::int64_t> building_id;
  std::optional<int> stairwell;
};

struct RoundRecord {
  std::int64_t consultation_id = 0;
  int number = 0;
  std::vector<std::int64_t> item_ids;
  std::optional<std::vector<std::int64_t>> dwelling_ids;
  std::string opened_at;
  std::int64_t opened_by = 0;
};

struct BallotRecord {
  std::int64_t consultation_id = 0, item_id = 0, dwelling_id = 0;
  std::string choice;
  int round = 0;
  std::string channel, receipt;
  std::int64_t seq = 0;
  std::string cast_at;
};

struct BallotEventRecord {
  std::int64_t seq = 0, item_id = 0, dwelling_id = 0;
  std::string choice;
  int round = 0;
};

struct ReceiptRecord {
  std::string code;
  std::int64_t consultation_id = 0, dwelling_id = 0;
  int round = 0;
  std::string channel, choices_json;
  std::vector<std::int64_t> dwelling_ids;
  std::optional<std::int64_t> evidence_file_id;
  std::int64_t user_id = 0;
  std::string cast_at;
};

// A dwelling as owner decisions see it.
struct VoterDwelling {
  std::int64_t id = 0, building_id = 0, estate_id = 0;
  std::string building_number;
  int stairwell = 0, floor = 0;
  std::string room;
  std::int64_t area_dm2 = 0;
  std::string sale_status;
  std::vector<std::int64_t> owner_ids;
};

struct BallotCodeRecord {
  std::string code;
  std::int64_t consultation_id = 0, dwelling_id = 0;
  int used_round = 0;
};

struct FollowupVisitRecord {
  std::int64_t id = 0, consultation_id = 0, dwelling_id = 0;
  std::optional<std::int64_t> item_id;
  std::string outcome, note;
  std::int64_t user_id = 0;
  std::string username, visited_at;
};

struct FollowupAssignmentRecord {
  std::int64_t dwelling_id = 0, user_id = 0;
  std::string username;
};

// One row of the maintained tally (migration 0019): round 0 with bucket "eligible", or a round ≥ 1
// with bucket agree | disagree | abstain | conflict; building_id 0 = the item's whole unit.
struct TallyRow {
  int round = 0;
  std::int64_t item_id = 0, building_id = 0;
  std::string bucket;
  std::int64_t heads = 0, area_dm2 = 0, dwellings = 0;
};

struct ConsultationFilter {
  std::string scope_prefix;
  std::optional<std::int64_t> estate_id;
  std::optional<std::string> state;
  std::int64_t limit = 20, offset = 0;
};

struct ConsultationRepository {
  static Result<std::int64_t> Insert(Session& s, const ConsultationRecord& c);
  static Result<std::optional<ConsultationRecord>> Find(Session& s, std::int64_t id);
  static Result<std::vector<ConsultationRecord>> List(Session& s, const ConsultationFilter& f, std::int64_t& total);
  static Result<void> UpdateState(Session& s, const ConsultationRecord& c);
  // Takes the consultation's row lock (PostgreSQL; SQLite has one writer) and returns the next ballot
  // sequence number, with the state as of the lock.
  static Result<std::optional<ConsultationRecord>> LockForBallot(Session& s, std::int64_t id);

  static Result<std::int64_t> InsertItem(Session& s, const ConsultationItemRecord& item);
  static Result<std::vector<ConsultationItemRecord>> Items(Session& s, std::int64_t consultation_id);
  static Result<void> InsertRound(Session& s, const RoundRecord& r);
  static Result<std::vector<RoundRecord>> Rounds(Session& s, std::int64_t consultation_id);

  // The estate's dwellings with their owners, ordered by id.
  static Result<std::vector<VoterDwelling>> VoterDwellings(Session& s, std::int64_t estate_id);
  // Dwellings per (building, stairwell) of the estate: enough to size every voting unit.
  struct UnitCount {
    std::int64_t building_id = 0;
    int stairwell = 0;
    std::int64_t dwellings = 0;
  };
  static Result<std::vector<UnitCount>> UnitCounts(Session& s, std::int64_t estate_id);
  static Result<std::optional<VoterDwelling>> FindVoterDwelling(Session& s, std::int64_t dwelling_id);
  // The dwellings of the estate that share an owner with any of `dwelling_ids` (one BFS step).
  static Result<std::vector<VoterDwelling>> CoOwnedDwellings(Session& s, std::int64_t estate_id,
                                                             const std::vector<std::int64_t>& dwelling_ids);
  static Result<std::vector<VoterDwelling>> DwellingsBySaleStatus(Session& s, std::int64_t estate_id,
                                                                  const std::string& sale_status);

  static Result<std::vector<BallotRecord>> Ballots(Session& s, std::int64_t consultation_id,
                                                   const std::optional<std::vector<std::int64_t>>& dwelling_ids);
  static Result<void> UpsertBallot(Session& s, const BallotRecord& b);
  // Several standing ballots in one statement per 400 rows (distinct (item, dwelling) pairs).
  static Result<void> UpsertBallots(Session& s, const std::vector<BallotRecord>& ballots);
  static Result<void> InsertEvent(Session& s, std::int64_t consultation_id, const BallotEventRecord& e,
                                  const std::string& receipt);
  // Several events of one receipt in one statement per 400 rows.
  static Result<void> InsertEvents(Session& s, std::int64_t consultation_id,
                                   const std::vector<BallotEventRecord>& events, const std::string& receipt);
  // Every recorded ballot with round ≤ `round`, in casting order.
  static Result<std::vector<BallotEventRecord>> Events(Session& s, std::int64_t consultation_id, int round);
  static Result<void> InsertReceipt(Session& s, const ReceiptRecord& r);
  static Result<std::optional<ReceiptRecord>> FindReceipt(Session& s, const std::string& code);
  // Whether the receipt still holds the standing ballot of at least one of its (item, dwelling) pairs.
  static Result<std::int64_t> StandingBallotsOf(Session& s, const std::string& receipt);

  static Result<void> InsertCode(Session& s, const BallotCodeRecord& c);
  static Result<std::optional<BallotCodeRecord>> FindCode(Session& s, const std::string& code);
  static Result<std::vector<BallotCodeRecord>> Codes(Session& s, std::int64_t consultation_id);
  static Result<void> MarkCodeUsed(Session& s, const std::string& code, int round);

  static Result<void> Assign(Session& s, std::int64_t consultation_id, std::int64_t dwelling_id, std::int64_t user_id,
                             std::int64_t by, const std::string& at);
  static Result<std::vector<FollowupAssignmentRecord>> Assignments(Session& s, std::int64_t consultation_id);
  static Result<std::int64_t> InsertVisit(Session& s, const FollowupVisitRecord& v);
  static Result<std::vector<FollowupVisitRecord>> Visits(Session& s, std::int64_t consultation_id);

  // For the workbench: dwellings on the consultation's roll (one ballot code each) and how many of
  // them have cast at least one ballot in any round.
  struct Participation {
    std::int64_t dwellings = 0, participated = 0;
  };
  static Result<Participation> ParticipationOf(Session& s, std::int64_t consultation_id);
  // Follow-up dwellings assigned to `user_id` in open consultations inside `scope_prefix`.
  static Result<std::int64_t> OpenFollowupsOf(Session& s, std::int64_t user_id, const std::string& scope_prefix);

  // ---- maintained tallies (issue #16; docs/storage.md) ----
  // The headcount reading the consultation's tally rows were built with, or nullopt when they are
  // missing or stale (a register change since deleted the state row).
  static Result<std::optional<std::string>> TallyReading(Session& s, std::int64_t consultation_id);
  // Rows needed for a tally of `round`: round 0 (eligible), every round's whole-unit rows (building 0)
  // and the building rows of `round`.
  static Result<std::vector<TallyRow>> TallyRows(Session& s, std::int64_t consultation_id, int round);
  // Replaces every row of the consultation and marks them valid for `reading`.
  static Result<void> ReplaceTally(Session& s, const ConsultationRecord& c, const std::string& reading,
                                   const std::vector<TallyRow>& rows, const std::string& at);
  // Adds `deltas` to the rows (creating missing ones).
  static Result<void> AddToTally(Session& s, const ConsultationRecord& c, const std::vector<TallyRow>& deltas);
  // A new round starts from the standing ballots of the previous one.
  static Result<void> CopyTallyRound(Session& s, std::int64_t consultation_id, int from, int to);
  // The estate's buildings (id, number).
  static Result<std::vector<std::pair<std::int64_t, std::string>>> BuildingNumbers(Session& s, std::int64_t estate_id);

  // Owner names per dwelling of the estate (dwelling id, name), for masked display.
  static Result<std::vector<std::pair<std::int64_t, std::string>>> OwnerNames(Session& s, std::int64_t estate_id);
};


}  // namespace huanxin::store
