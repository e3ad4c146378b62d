// Acceptance and warranty (issue #14 "Acceptance and warranty"; docs/acceptance.md; core/acceptance
// for the rules): household acceptance per dwelling and in-home work (accepted with the resident's
// signature drawn on the phone and kept as a PNG, or refused with a reason that goes on the punch
// list), completion acceptance (participants, the 1–5 scored checklist, a punch list that must be
// empty, resolved or waived with a reason), the permanent sign's print page, the handover record,
// the warranty clocks counted from the acceptance day, and the routing of residents' warranty
// defects (installed into the ticket service as its DefectRouter).
//
// Every project-bound call reads its project through ProjectForConstruction
// (construction/access.hpp) with an acceptance permission: the scope and, for supervisors,
// contractors, utilities and property companies, their estate or project assignments. Writes run in
// one transaction with their audit entry. Dates are Beijing dates from the injected Clock.
//
// Thread safety: every member may be called from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "service/file/file_service.hpp"
#include "service/platform/actor.hpp"
#include "service/platform/document.hpp"
#include "service/ticket/ticket_service.hpp"
#include "store/acceptance/acceptance_repository.hpp"
#include "store/database.hpp"

namespace huanxin::service {

struct HouseholdAcceptanceInput {
  std::string work;    // a household work code (HouseholdWorkCodes: heating, water_meter, windows …)
  std::string result;  // accepted | refused
  std::optional<std::int64_t> signature_file_id;
  std::string reason;
};

struct ParticipantInput {
  std::string role, name, representative;
};
struct ScoreInput {
  std::string criterion;
  std::int64_t score = 0;
};
struct ChecklistInput {
  std::string item_code;
  std::vector<ScoreInput> scores;
};
struct PunchInput {
  std::optional<std::int64_t> id;  // an entry already on the list (a household refusal); none = new
  std::string description, status, waiver_reason;
};
struct AcceptanceInput {
  std::string on;  // 'YYYY-MM-DD', not after today (Beijing)
  std::vector<ParticipantInput> participants;
  std::vector<ChecklistInput> checklist;
  std::vector<PunchInput> punch_list;
  std::string note;
};
struct HandoverInput {
  std::string on, receiver, note;
};

// A project's acceptance: the record once passed, the punch list (always), the handover once made.
struct AcceptanceView {
  std::int64_t project_id = 0;
  std::string project_name;
  std::optional<store::CompletionAcceptanceRecord> acceptance;
  std::int64_t percent_hundredths = 0;  // the form's points over its maximum
  std::vector<store::PunchItemRecord> punch_list;
  std::optional<store::HandoverRecord> handover;
};

struct WarrantyRow {
  std::int64_t project_id = 0;
  std::string project_name, item_code, item_name, kind, from, until;
  std::int64_t days_left = 0;  // days from today to until inclusive of today; 0 once over
  bool running = false;
};

class AcceptanceService {
 public:
  // Registers the read policy of the "acceptance" files (signatures: acceptance:read).
  AcceptanceService(store::Database& db, const Clock& clock, FileService& files);

  // A resident's signature drawn on the phone (acceptance:household:write on the project): a PNG
  // (415 acceptance.signature_not_png otherwise; 413 file.too_large, 422 file.bad_image). Audited
  // acceptance.signature.
  Result<StoredFile> UploadSignature(const Actor& actor, std::int64_t project_id, const std::string& name,
                                     const std::string& bytes);
  // Records a dwelling's acceptance of an in-home work (acceptance:household:write on the
  // project). 404 acceptance.dwelling_not_found unless the dwelling is in one of the project's
  // estates; 422 acceptance.invalid_field naming work, result, signatureFileId (required with
  // accepted: an image stored by UploadSignature) or reason (1–500, required with refused). A
  // refusal puts (or keeps) an open entry on the punch list; a later acceptance resolves it.
  // Audited acceptance.household.
  Result<store::HouseholdAcceptanceRecord> PutHousehold(const Actor& actor, std::int64_t project_id, std::int64_t dwelling_id,
                                                        const HouseholdAcceptanceInput& in);
  Result<std::vector<store::HouseholdAcceptanceRecord>> Households(const Actor& actor, std::int64_t project_id);

  Result<AcceptanceView> Get(const Actor& actor, std::int64_t project_id);
  // Completion acceptance (acceptance:write). 409 acceptance.already_accepted; 422
  // acceptance.invalid_field naming the field; core rules: acceptance.participant_missing,
  // acceptance.invalid_score, acceptance.empty_checklist, acceptance.duplicate_item,
  // acceptance.waiver_without_reason, acceptance.punch_list_open (over the stored list with the
  // request's changes). Nothing stored when refused. Audited acceptance.complete.
  Result<AcceptanceView> Accept(const Actor& actor, std::int64_t project_id, const AcceptanceInput& in);
  // The handover record (acceptance:write): 409 acceptance.not_accepted before acceptance; on not
  // before the acceptance day nor after today. Audited acceptance.handover.
  Result<AcceptanceView> Handover(const Actor& actor, std::int64_t project_id, const HandoverInput& in);
  // The permanent sign (永久性标识牌) as a print page: the project and every participating unit
  // (acceptance:read; 409 acceptance.not_accepted before acceptance).
  Result<Document> SignHtml(const Actor& actor, std::int64_t project_id);

  // The warranties of a project's accepted items (acceptance:read); empty before acceptance.
  Result<std::vector<WarrantyRow>> Warranties(const Actor& actor, std::int64_t project_id);
  // The warranties of every accepted project of an estate the actor may read (acceptance:read, the
  // estate in scope; 404 acceptance.estate_not_found).
  Result<std::vector<WarrantyRow>> EstateWarranties(const Actor& actor, std::int64_t estate_id);

  // The ticket service's DefectRouter: the latest accepted project of the estate that built the
  // defect's item (any, for `other`); the builder's unit while its warranty runs on the day of
  // `now`, the property company of the acceptance and the maintenance fund after; not_accepted
  // (the category's route) when no accepted project built it.
  Result<std::optional<DefectRouting>> RouteDefect(store::Session& s, std::int64_t estate_id, const std::string& defect_item,
                                                   TimePoint now);

 private:
  std::string Today() const;
  Result<std::vector<WarrantyRow>> WarrantiesOf(store::Session& s, std::int64_t project_id, const std::string& project_name,
                                                const std::string& region_code);

  store::Database& db_;
  const Clock& clock_;
  FileService& files_;
};

// 422 acceptance.invalid_field: "field <name> is invalid: <why>", detail = the field's name.
Error AcceptanceField(const std::string& field, Text why);

}  // namespace huanxin::service
