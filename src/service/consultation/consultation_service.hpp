// Consultation use cases (issue #5): create, open, rounds, close; ballots by staff (door, paper) and
// by residents online with the code printed on their ballot; receipts anyone can check; tallies per
// item, building and round; follow-up work lists; lift cost sharing.
//
// Every write authorises (consultation:write / ballot:write and the estate in the actor's scope),
// validates, changes data in one write transaction with its audit entry, and is durable before it is
// acknowledged (Database::Write).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/clock.hpp"
#include "core/consultation/lift_share.hpp"
#include "core/consultation/rules.hpp"
#include "core/consultation/tally.hpp"
#include "service/audit/audit_service.hpp"
#include "service/catalogue/catalogue_service.hpp"
#include "service/file/file_service.hpp"
#include "service/platform/actor.hpp"
#include "store/consultation/consultation_repository.hpp"
#include "store/database.hpp"

namespace huanxin::service {

struct ConsultationItemInput {
  std::string title;
  std::optional<std::string> catalog_item_code;
  core::consult::Rule rule;
  std::string scope_type = "estate";  // estate | building | stairwell
  std::optional<std::int64_t> building_id;
  std::optional<int> stairwell;
};

struct ConsultationInput {
  std::int64_t estate_id = 0;
  std::string title, kind;
  std::optional<std::string> law_version;
  std::vector<ConsultationItemInput> items;
  std::optional<std::string> opens_at, closes_at;  // storage form (ISO 8601 UTC)
};

struct ConsultationItemView {
  store::ConsultationItemRecord item;
  core::consult::Rule rule;
  std::optional<std::string> building_number;
  std::int64_t eligible_dwellings = 0;
};

struct ConsultationView {
  store::ConsultationRecord c;
  std::string estate_name;
  std::vector<ConsultationItemView> items;
  std::vector<store::RoundRecord> rounds;
};

struct BallotInput {
  std::vector<std::pair<std::int64_t, core::consult::Choice>> choices;  // item id → choice
  std::string channel;  // door | paper | online
  std::optional<std::int64_t> evidence_file_id;
  bool apply_to_owner_dwellings = false;
};

struct ReceiptView {
  store::ReceiptRecord receipt;
  std::vector<std::pair<std::int64_t, std::string>> choices;  // item id, choice
};

struct PublicReceipt {
  ReceiptView receipt;
  std::string consultation_title, estate_name;
  std::vector<std::string> item_titles;  // parallel to receipt.choices
  bool counted = false;                   // some of its choices are the standing ballot
};

struct ItemTallyView {
  const ConsultationItemView* item = nullptr;
  int round = 0;
  core::consult::ItemTally tally;
  std::string verdict, provisional;  // verdict may be "open"
  // Rounded half up; agree over the rule's own base (core RatesOf), participation over all eligible.
  core::consult::ItemRates rates;
};

// One item among one building's dwellings of its unit. Information only — the rule applies to the
// item's whole unit — unless that building's dwellings ARE the unit (a building-scope item of this
// building, or a stairwell-scope item in it): then `decisive` and `verdict` is the item's verdict.
struct BuildingItemTally {
  std::int64_t item_id = 0;
  core::consult::ItemTally tally;
  core::consult::ItemRates rates;
  bool decisive = false;
  std::string verdict;  // only when decisive (same as the item's, "open" included)
};
struct BuildingTally {
  std::int64_t building_id = 0;
  std::string number;
  std::vector<BuildingItemTally> items;
};

struct RoundSummary {
  int round = 0;
  std::int64_t agree = 0, eligible = 0, agree_rate_bp = 0;
  std::vector<std::tuple<std::int64_t, std::int64_t, std::string>> items;  // item id, rate, verdict
};

struct TallyView {
  ConsultationView consultation;
  core::reg::HeadcountReading reading = core::reg::HeadcountReading::kLiteral;
  int round = 0;
  std::vector<ItemTallyView> items;
  std::vector<BuildingTally> buildings;
  std::vector<RoundSummary> rounds;
  std::int64_t overall_agree = 0, overall_eligible = 0, overall_rate_bp = 0;
  // Read from the maintained aggregates (true) or recounted from every ballot (false); the figures
  // are the same either way (docs/storage.md "Maintained consultation tallies").
  bool from_aggregates = false;
};

// Where a tally's counts come from: the maintained aggregates when they are valid (kAuto), or a full
// recount of the register and every ballot event (kRecount, for checks and tests).
enum class TallySource { kAuto, kRecount };

// One dwelling's view through a ballot code (resident page, paper entry).
struct CodeItem {
  std::int64_t id = 0;
  std::string title;
  bool open = false;  // in the current round, in the dwelling's unit and the dwelling targeted
  std::optional<std::string> choice;
};
struct CodeView {
  ConsultationView consultation;
  store::VoterDwelling dwelling;
  std::vector<CodeItem> items;
  bool used = false;  // the code was used in the current round
  std::optional<std::string> receipt;
};

struct FollowupQuery {
  std::optional<std::int64_t> item_id;
  std::optional<std::string> status;  // unreached | against | undecided
  std::optional<std::int64_t> assignee;
};
struct FollowupRow {
  store::VoterDwelling dwelling;
  std::vector<std::string> owner_names;  // masked
  std::string status;
  std::optional<std::string> choice;
  std::optional<store::FollowupAssignmentRecord> assignee;
  std::optional<store::FollowupVisitRecord> last_visit;
};

struct BallotSheet {
  store::VoterDwelling dwelling;
  std::vector<std::string> owner_names;  // masked
  std::string code;
};

struct LiftShareRequest {
  std::int64_t building_id = 0;
  int stairwell = 1;
  core::consult::LiftCosts costs;
};
struct LiftShareView {
  core::consult::LiftShareResult result;
  std::vector<store::VoterDwelling> dwellings;  // parallel to result.shares
};

// The consultation part of the user's workbench (GET /api/v1/workbench).
struct ConsultationWorkbench {
  struct Open {
    std::int64_t id = 0, estate_id = 0;
    std::string title, estate_name;
    int round = 0;
    std::int64_t dwellings = 0, participated = 0;  // on the roll / cast at least one ballot
  };
  std::int64_t open = 0;                   // open consultations in scope
  std::vector<Open> consultations;         // the newest five of them
  std::int64_t followups_assigned_to_me = 0;  // follow-up dwellings in open consultations
};

class ConsultationService {
 public:
  // Menus name items of `catalogue`; evidence is kept in `files`, where this service registers the
  // read rule for its files (consultation:read inside the reader's scope). Both must outlive it.
  // `reading`: how sold dwellings group into owner heads for tallies, ballots and follow-up
  // (core/register/headcount.hpp; config register.transitive_owner_merge, literal by default).
  ConsultationService(store::Database& db, const Clock& clock, CatalogueService& catalogue, FileService& files,
                      core::reg::HeadcountReading reading = core::reg::HeadcountReading::kLiteral);

  Result<std::pair<std::vector<ConsultationView>, std::int64_t>> List(const Actor& actor,
                                                                       std::optional<std::int64_t> estate_id,
                                                                       std::optional<std::string> state,
                                                                       std::int64_t page, std::int64_t page_size);
  Result<ConsultationView> Get(const Actor& actor, std::int64_t id);
  Result<ConsultationView> Create(const Actor& actor, const ConsultationInput& in);
  Result<ConsultationView> Open(const Actor& actor, std::int64_t id);
  Result<ConsultationView> Close(const Actor& actor, std::int64_t id);
  Result<ConsultationView> AddRound(const Actor& actor, std::int64_t id, const std::vector<std::int64_t>& item_ids,
                                    const std::optional<std::vector<std::int64_t>>& dwelling_ids);

  Result<ReceiptView> CastBallot(const Actor& actor, std::int64_t id, std::int64_t dwelling_id, const BallotInput& in);
  Result<std::vector<store::BallotRecord>> Ballots(const Actor& actor, std::int64_t id,
                                                   std::optional<std::int64_t> dwelling_id);
  Result<std::vector<BallotSheet>> BallotSheets(const Actor& actor, std::int64_t id,
                                                std::optional<std::int64_t> building_id);
  Result<CodeView> PaperLookup(const Actor& actor, std::int64_t id, const std::string& code);

  // Residents: the code is the credential.
  Result<CodeView> LookupCode(const std::string& code);
  Result<ReceiptView> CastByCode(const std::string& code, const BallotInput& in, const std::string& request_id);
  Result<PublicReceipt> CheckReceipt(const std::string& code);

  Result<TallyView> Tally(const Actor& actor, std::int64_t id, std::optional<int> round,
                          TallySource source = TallySource::kAuto);
  // Rebuilds the consultation's maintained tally from a full recount (consultation:write). The
  // ballot, round and open paths keep it themselves; this is for data written outside them.
  Result<void> RebuildTallies(const Actor& actor, std::int64_t id);

  Result<std::vector<FollowupRow>> Followups(const Actor& actor, std::int64_t id, const FollowupQuery& q);
  Result<std::int64_t> Assign(const Actor& actor, std::int64_t id, const std::vector<std::int64_t>& dwelling_ids,
                              std::int64_t user_id);
  Result<store::FollowupVisitRecord> RecordVisit(const Actor& actor, std::int64_t id, std::int64_t dwelling_id,
                                                 std::optional<std::int64_t> item_id, const std::string& outcome,
                                                 const std::string& note);

  Result<LiftShareView> LiftShare(const Actor& actor, const LiftShareRequest& req);

  // Open consultations in the actor's scope with their participation, and the follow-ups assigned
  // to the actor; nullopt when the actor may not read consultations.
  Result<std::optional<ConsultationWorkbench>> Workbench(const Actor& actor);

  // A photo (JPEG, PNG, WebP) or PDF of a signed ballot form, ≤ 10 MiB, kept for the consultation's
  // area; the bytes are on disk (fsync'd) before the row commits. The type is taken from the bytes.
  Result<StoredFile> StoreEvidence(const Actor& actor, std::int64_t consultation_id, const std::string& name,
                                   const std::string& bytes);

  // "K7Q2M9XA3H" or "k7q2-m9xa-3h" → canonical upper-case without separators; nullopt if malformed.
  static std::optional<std::string> NormaliseCode(std::string_view text);
  static std::string FormatCode(const std::string& code);  // "K7Q2-M9XA-3H"
  // Where a ballot's QR code and code list point: the resident's ballot page of the phone app,
  // `public_base` + "/h5/#/ballot/" + code (public_base without a trailing slash; "" gives the path).
  static std::string ResidentBallotUrl(const std::string& public_base, const std::string& code);

 private:
  struct Loaded;
  Result<Loaded> Load(store::Session& s, const Actor& actor, std::int64_t id, bool write, std::string_view permission);
  // `unit_sizes`: count each item's eligible dwellings (a grouped scan of the estate's dwellings);
  // `estate_name`: read the estate's name. The staff ballot path skips both: a ballot needs the
  // items, rounds and units, and both were reads inside the write lock (docs/BENCHMARKS.md).
  Result<ConsultationView> View(store::Session& s, store::ConsultationRecord c, bool unit_sizes = true,
                                bool estate_name = true);
  Result<ConsultationView> Transition(
      const Actor& actor, std::int64_t id, const char* state, const char* action,
      const std::function<Result<void>(store::Session&, store::ConsultationRecord&, Changes&)>& change);
  Result<ReceiptView> Cast(store::Session& s, const Actor& actor, const ConsultationView& view,
                           const store::VoterDwelling& dwelling, const BallotInput& in,
                           const std::optional<std::string>& code);
  Result<TallyView> ComputeTally(store::Session& s, ConsultationView view, std::optional<int> round, bool maintained);
  // The maintained tally (migration 0019): its rows from a full recount, their replacement, whether
  // they are valid for this server's headcount reading.
  Result<std::vector<store::TallyRow>> RecountRows(store::Session& s, const store::ConsultationRecord& c,
                                                   const std::vector<store::ConsultationItemRecord>& items);
  Result<void> RebuildTally(store::Session& s, const store::ConsultationRecord& c);
  void AppendTallyDelta(std::vector<store::TallyRow>& out, int round, const store::ConsultationItemRecord& item,
                        const std::vector<store::VoterDwelling>& members, const std::vector<store::BallotRecord>& existing,
                        const std::vector<std::int64_t>& targets, core::consult::Choice choice, std::int64_t seq) const;
  Result<bool> TallyMaintained(store::Session& s, std::int64_t consultation_id);
  // The code's record and its consultation (404 consultation.code_not_found).
  Result<std::pair<store::BallotCodeRecord, ConsultationView>> ByCode(store::Session& s, const std::string& text);

  store::Database& db_;
  const Clock& clock_;
  CatalogueService& catalogue_;
  FileService& files_;
  core::reg::HeadcountReading reading_;

  // The items (rules parsed) and rounds of a consultation as a ballot reads them (View without unit
  // sizes), kept across ballots. Items are written only when a consultation is created and rounds
  // only with a change of `current_round`, so the entry is valid while the consultation row still
  // has the id, creation time and round it was read with; View checks that against the row it was
  // given (read in the same transaction) before using it. Only consultations without
  // building-scoped items (whose building numbers can change) are kept. A restore of the database
  // moves `AccountsChangeCounter` (SQLite), which is part of the key too.
  struct CachedItems {
    std::optional<std::uint64_t> restores;
    std::string created_at;
    int current_round = 0;
    std::vector<ConsultationItemView> items;
    std::vector<store::RoundRecord> rounds;
  };
  static constexpr std::size_t kCachedViews = 256;
  std::mutex view_cache_mu_;
  std::unordered_map<std::int64_t, std::shared_ptr<const CachedItems>> view_cache_;
};

// JSON text of a rule, as in the API ({"type":"art278","matter":7} …), and back.
std::string RuleToJson(const core::consult::Rule& rule);
Result<core::consult::Rule> RuleFromJson(const std::string& json_text);

}  // namespace huanxin::service
