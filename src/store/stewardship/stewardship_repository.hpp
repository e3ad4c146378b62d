// Long-term management in portable SQL (issue #15; docs/stewardship.md; tables of migration 0015):
// management modes with their history, the committee and its members, the property contract, fee
// bills and payments, the fee-source ledger, the maintenance fund's entries and the utility
// transfers. Functions run in the caller's transaction and do not authorise; services do.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace huanxin::store {

struct StewardshipEstateRef {
  std::int64_t id = 0;
  std::string region_code, name;
};

struct ManagementModeRecord {
  std::int64_t id = 0, estate_id = 0;
  std::string region_code, mode;
  std::optional<std::int64_t> consultation_id;
  std::string company;
  std::optional<std::int64_t> fee_fen_per_m2;
  std::string started_on;
  std::optional<std::string> ended_on;
  std::int64_t created_by = 0;
  std::string created_at;
};

struct CommitteeMemberRecord {
  std::string name, role;
  std::optional<std::string> phone;
};

struct CommitteeRecord {
  std::int64_t estate_id = 0;
  std::string region_code, kind, term_start, term_end;
  std::optional<std::int64_t> consultation_id;
  std::int64_t updated_by = 0;
  std::string updated_at;
  std::vector<CommitteeMemberRecord> members;  // in the order given
};

struct PropertyContractRecord {
  std::int64_t estate_id = 0;
  std::string region_code, company, uscc, term_start, term_end;
  std::int64_t fee_fen_per_m2 = 0;
  std::string billing;
  std::vector<std::string> services;
  std::int64_t updated_by = 0;
  std::string updated_at;
};

// A dwelling of the estate with its exclusive area, as a bill run needs it.
struct BillableDwelling {
  std::int64_t dwelling_id = 0, area_dm2 = 0;
  std::string region_code;
};

struct FeeBillRecord {
  std::int64_t id = 0, estate_id = 0, dwelling_id = 0;
  std::string region_code, period;
  std::int64_t area_dm2 = 0, fee_fen_per_m2 = 0, amount_fen = 0, paid_fen = 0;
  std::string created_at;
  std::string building_number, room;  // joined, read-only
};

struct FeePaymentRecord {
  std::int64_t id = 0, bill_id = 0;
  std::string region_code;
  std::int64_t amount_fen = 0;
  std::string paid_on;
  std::int64_t created_by = 0;
  std::string created_at;
};

struct FeeTotals {
  std::int64_t bills = 0, billed_fen = 0, paid_fen = 0;
};

struct FeeSourceRecord {
  std::int64_t id = 0, estate_id = 0;
  std::string region_code, source;
  std::int64_t amount_fen = 0;
  std::string on_date, note;
  std::int64_t created_by = 0;
  std::string created_at;
};

struct MaintenanceFundEntryRecord {
  std::int64_t id = 0, estate_id = 0;
  std::string region_code, kind;
  std::int64_t amount_fen = 0;
  std::string on_date, purpose;
  std::optional<std::int64_t> consultation_id;
  std::int64_t created_by = 0;
  std::string created_at;
};

struct UtilityTransferRecord {
  std::int64_t estate_id = 0;
  std::string network, region_code, status;
  std::optional<std::string> on_date;
  std::string utility;
  std::optional<std::int64_t> consultation_id;
  std::int64_t updated_by = 0;
  std::string updated_at;
};

struct StewardshipRepository {
  static Result<std::optional<StewardshipEstateRef>> FindEstate(Session& s, std::int64_t estate_id);

  // Ends the current mode on `ended_on` (if any) and inserts `m` (id ignored); returns its id.
  static Result<std::int64_t> ReplaceMode(Session& s, const ManagementModeRecord& m, const std::string& ended_on);
  // The current mode (no ended_on); nullopt when none was recorded.
  static Result<std::optional<ManagementModeRecord>> CurrentMode(Session& s, std::int64_t estate_id);
  // Every mode of the estate, oldest first.
  static Result<std::vector<ManagementModeRecord>> Modes(Session& s, std::int64_t estate_id);

  // Inserts or replaces the committee with its members.
  static Result<void> PutCommittee(Session& s, const CommitteeRecord& c);
  static Result<std::optional<CommitteeRecord>> FindCommittee(Session& s, std::int64_t estate_id);

  static Result<void> PutContract(Session& s, const PropertyContractRecord& c);
  static Result<std::optional<PropertyContractRecord>> FindContract(Session& s, std::int64_t estate_id);

  // The estate's dwellings by id.
  static Result<std::vector<BillableDwelling>> BillableDwellings(Session& s, std::int64_t estate_id);
  // Inserts the bill unless the dwelling has one for the period; true when inserted.
  static Result<bool> InsertBillIfAbsent(Session& s, const FeeBillRecord& b);
  static Result<std::optional<FeeBillRecord>> FindBill(Session& s, std::int64_t id);
  // The estate's bills of `period` ('YYYY-MM' only that month; 'YYYY' the year's months and the
  // yearly bill; "" every bill) by building, stairwell, room.
  static Result<std::vector<FeeBillRecord>> Bills(Session& s, std::int64_t estate_id, const std::string& period);
  static Result<FeeTotals> Totals(Session& s, std::int64_t estate_id, const std::string& period);
  // Inserts the payment and adds it to its bill's paid_fen; returns the payment id.
  static Result<std::int64_t> InsertPayment(Session& s, const FeePaymentRecord& p);
  static Result<std::vector<FeePaymentRecord>> Payments(Session& s, std::int64_t bill_id);

  static Result<std::int64_t> InsertFeeSource(Session& s, const FeeSourceRecord& e);
  static Result<std::vector<FeeSourceRecord>> FeeSources(Session& s, std::int64_t estate_id);

  static Result<std::int64_t> InsertFundEntry(Session& s, const MaintenanceFundEntryRecord& e);
  static Result<std::vector<MaintenanceFundEntryRecord>> FundEntries(Session& s, std::int64_t estate_id);
  // initial + raise − use over the estate's entries.
  static Result<std::int64_t> FundBalance(Session& s, std::int64_t estate_id);

  static Result<void> PutUtilityTransfer(Session& s, const UtilityTransferRecord& u);
  static Result<std::vector<UtilityTransferRecord>> UtilityTransfers(Session& s, std::int64_t estate_id);
};

}  // namespace huanxin::store
