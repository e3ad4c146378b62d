// Long-term management after renovation (长效管理; issue #15 "Long-term management";
// docs/stewardship.md; core/stewardship for the rules): the management mode of an estate with the
// owners' vote that chose it (Civil Code Art. 278 (4), checked through the consultation service's
// tally, never recounted here), the owners' committee, the property contract, fee bills per dwelling
// from exclusive areas, payments and the collection rate, the "三个一点" fee sources, the maintenance
// fund with its uses and raises tied to owners' decisions (Art. 278 (5), (6)), the utility asset
// transfers, and a public summary without personal data for the portal.
//
// Every call authorises (stewardship:read / stewardship:write and the estate in the actor's scope)
// except PublicSummary; writes run in one transaction with their audit entry. Dates are Beijing
// dates from the injected Clock. Thread safety: every member may be called from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "service/consultation/consultation_service.hpp"
#include "service/platform/actor.hpp"
#include "store/database.hpp"
#include "store/stewardship/stewardship_repository.hpp"

namespace huanxin::service {

struct ManagementInput {
  std::string mode;  // property_company | hosting | self_management | red_steward
  std::optional<std::int64_t> consultation_id;
  std::optional<std::string> company;
  std::optional<std::int64_t> fee_fen_per_m2;  // fen per m² per month
};

struct CommitteeMemberInput {
  std::string name, role;
  std::optional<std::string> phone;
};
struct CommitteeInput {
  std::string kind;  // owners_committee | management_committee
  std::string term_start, term_end;
  std::optional<std::int64_t> consultation_id;
  std::vector<CommitteeMemberInput> members;
};

struct ContractInput {
  std::string company, uscc, term_start, term_end;
  std::optional<std::int64_t> fee_fen_per_m2;
  std::string billing = "monthly";
  std::vector<std::string> services;
};

struct PaymentInput {
  std::int64_t bill_id = 0;
  std::optional<std::int64_t> amount_fen;
  std::string paid_on;
};

struct FeeSourceInput {
  std::string source, on, note;
  std::optional<std::int64_t> amount_fen;
};

struct FundEntryInput {
  std::string kind, on, purpose;  // initial | raise | use
  std::optional<std::int64_t> amount_fen;
  std::optional<std::int64_t> consultation_id;
};

struct UtilityTransferInput {
  std::string status;  // pending | agreed | transferred
  std::optional<std::string> on;
  std::string utility;
  std::optional<std::int64_t> consultation_id;
};

struct FeeSourceTotal {
  std::string source;
  std::int64_t amount_fen = 0;
};

struct FundView {
  std::int64_t balance_fen = 0;
  std::int64_t exclusive_area_dm2 = 0;
  std::int64_t initial_minimum_fen = 0;  // the least initial deposit (setting × exclusive area)
  std::vector<store::MaintenanceFundEntryRecord> entries;
};

// An estate's long-term management as the admin page shows it.
struct ManagementView {
  std::int64_t estate_id = 0;
  std::string estate_name, region_code;
  std::optional<store::ManagementModeRecord> current;
  std::vector<store::ManagementModeRecord> history;  // oldest first, the current one last
  std::optional<store::CommitteeRecord> committee;
  std::optional<store::PropertyContractRecord> contract;
  std::vector<store::FeeSourceRecord> fee_sources;
  std::vector<FeeSourceTotal> fee_source_totals;  // one per source, in the core's order
  FundView fund;
  std::vector<store::UtilityTransferRecord> utilities;
};

struct FeeSummary {
  std::int64_t estate_id = 0;
  std::string period;  // "" = every bill
  std::int64_t bills = 0, billed_fen = 0, paid_fen = 0, collection_rate = 0;  // rate in hundredths of a percent
  std::vector<store::FeeBillRecord> items;
};

struct BillRunResult {
  std::string period;
  std::int64_t created = 0, existing = 0, created_fen = 0;
};

struct PaymentResult {
  store::FeePaymentRecord payment;
  store::FeeBillRecord bill;
};

// What the public portal may show of an estate's management: no names of committee members, no
// phones, nothing at the level of a dwelling (issue #15 "Never a name … or a single dwelling").
struct StewardshipPublicSummary {
  std::int64_t estate_id = 0;
  std::optional<std::string> mode;        // property_company | hosting | self_management | red_steward
  std::string company;                    // the contract's company, else the mode's
  std::optional<std::int64_t> fee_fen_per_m2;  // fen per m² per month
  std::optional<std::string> term_start, term_end;
  int year = 0;                           // the current Beijing year
  std::int64_t billed_fen = 0, paid_fen = 0;
  std::int64_t collection_rate = 0;       // hundredths of a percent, the current year's bills
  std::int64_t fund_balance_fen = 0;
};

class StewardshipService {
 public:
  // `consultations` answers whether an owners' vote passed (its tally); `initial_fund_yuan_per_m2`
  // is the setting stewardship.initial_fund_yuan_per_m2.
  StewardshipService(store::Database& db, const Clock& clock, ConsultationService& consultations,
                     std::int64_t initial_fund_yuan_per_m2 = 5);

  // stewardship:read, the estate in scope; 404 stewardship.estate_not_found.
  Result<ManagementView> Get(const Actor& actor, std::int64_t estate_id);
  // Sets the mode (stewardship:write). property_company — and leaving it — needs consultationId, a
  // consultation of this estate whose Art. 278 matter-4 item passed (422
  // stewardship.consultation_required / stewardship.consultation_not_passed); property_company
  // needs company. feePerM2Month ≥ 0. The previous mode ends today. Audited stewardship.mode.
  Result<ManagementView> SetMode(const Actor& actor, std::int64_t estate_id, const ManagementInput& in);
  // The owners' committee (owners_committee: elected by a passed matter-3 vote) or the property
  // management committee; 1–30 members. Audited stewardship.committee.
  Result<ManagementView> PutCommittee(const Actor& actor, std::int64_t estate_id, const CommitteeInput& in);
  // The property contract (fee ≥ 0 in fen per m² per month, billing monthly | yearly). Audited
  // stewardship.contract.
  Result<ManagementView> PutContract(const Actor& actor, std::int64_t estate_id, const ContractInput& in);

  // Bills of `period` for every dwelling of the estate without one (idempotent). 409
  // stewardship.no_contract; 422 stewardship.invalid_field period / stewardship.period_mismatch.
  // Audited stewardship.bill_run when a bill was created.
  Result<BillRunResult> RunBills(const Actor& actor, std::int64_t estate_id, const std::string& period);
  // stewardship:read; period 'YYYY-MM', 'YYYY' or "" (every bill).
  Result<FeeSummary> Fees(const Actor& actor, std::int64_t estate_id, const std::string& period);
  // A payment to the fen (422 stewardship.invalid_field billId when the bill is not the estate's;
  // 409 stewardship.overpayment). Audited stewardship.payment.
  Result<PaymentResult> Pay(const Actor& actor, std::int64_t estate_id, const PaymentInput& in);

  // "三个一点" ledger entry. Audited stewardship.fee_source.
  Result<store::FeeSourceRecord> AddFeeSource(const Actor& actor, std::int64_t estate_id, const FeeSourceInput& in);
  // Maintenance fund entry: initial only while the fund has no entry and at least the minimum (422
  // stewardship.fund_exists / stewardship.initial_too_small); use needs a passed matter-5 vote,
  // raise a passed matter-6 vote; 409 stewardship.fund_overdrawn. Audited stewardship.fund.
  Result<store::MaintenanceFundEntryRecord> AddFundEntry(const Actor& actor, std::int64_t estate_id, const FundEntryInput& in);
  // Utility asset transfer of one network. Audited stewardship.utility_transfer.
  Result<store::UtilityTransferRecord> PutUtilityTransfer(const Actor& actor, std::int64_t estate_id, const std::string& network,
                                                          const UtilityTransferInput& in);

  // For the public portal (no actor, no authorisation): nullopt when there is no such estate.
  std::optional<StewardshipPublicSummary> PublicSummary(std::int64_t estate_id);

 private:
  std::string Today() const;
  // Checks that consultation `id` is of the estate and an Art. 278 item of `matter` passed.
  Result<void> RequirePassedVote(const Actor& actor, std::int64_t estate_id, std::optional<std::int64_t> id, int matter);
  Result<ManagementView> ViewOf(store::Session& s, const Actor& actor, const store::StewardshipEstateRef& e);

  store::Database& db_;
  const Clock& clock_;
  ConsultationService& consultations_;
  std::int64_t initial_fund_yuan_per_m2_;
};

}  // namespace huanxin::service
