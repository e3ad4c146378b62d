#include "store/stewardship/stewardship_repository.hpp"

#include <utility>

namespace huanxin::store {

namespace {

using Repo = StewardshipRepository;

constexpr const char* kModeSelect =
    "SELECT id, estate_id, region_code, mode, consultation_id, company, fee_fen_per_m2, started_on, ended_on, created_by, "
    "created_at FROM management_mode";

ManagementModeRecord ReadMode(const Row& r) {
  ManagementModeRecord m;
  m.id = r.GetInt(0);
  m.estate_id = r.GetInt(1);
  m.region_code = r.GetText(2);
  m.mode = r.GetText(3);
  m.consultation_id = r.GetOptInt(4);
  m.company = r.GetText(5);
  m.fee_fen_per_m2 = r.GetOptInt(6);
  m.started_on = r.GetText(7);
  m.ended_on = r.GetOptText(8);
  m.created_by = r.GetInt(9);
  m.created_at = r.GetText(10);
  return m;
}

constexpr const char* kBillSelect =
    "SELECT f.id, f.estate_id, f.dwelling_id, f.region_code, f.period, f.area_dm2, f.fee_fen_per_m2, f.amount_fen, f.paid_fen, "
    "f.created_at, COALESCE(b.number, ''), COALESCE(d.room, '') FROM fee_bill f LEFT JOIN dwelling d ON d.id = f.dwelling_id "
    "LEFT JOIN building b ON b.id = d.building_id";

FeeBillRecord ReadBill(const Row& r) {
  FeeBillRecord b;
  b.id = r.GetInt(0);
  b.estate_id = r.GetInt(1);
  b.dwelling_id = r.GetInt(2);
  b.region_code = r.GetText(3);
  b.period = r.GetText(4);
  b.area_dm2 = r.GetInt(5);
  b.fee_fen_per_m2 = r.GetInt(6);
  b.amount_fen = r.GetInt(7);
  b.paid_fen = r.GetInt(8);
  b.created_at = r.GetText(9);
  b.building_number = r.GetText(10);
  b.room = r.GetText(11);
  return b;
}

// The bills of a period: a month is itself; a year is its months ('YYYY-01' … 'YYYY-12', a range on
// the text) and the yearly bill 'YYYY'; "" is every bill.
void PeriodFilter(std::string& where, Params& params, const std::string& period) {
  if (period.empty()) return;
  if (period.size() == 4) {
    where += " AND (f.period = ? OR (f.period > ? AND f.period < ?))";
    params.push_back(Str(period));
    params.push_back(Str(period + "-"));
    params.push_back(Str(period + "-~"));
  } else {
    where += " AND f.period = ?";
    params.push_back(Str(period));
  }
}

std::string JoinLines(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) {
    if (!out.empty()) out += '\n';
    out += s;
  }
  return out;
}

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

}  // namespace

Result<std::optional<StewardshipEstateRef>> Repo::FindEstate(Session& s, std::int64_t estate_id) {
  return FirstRow<StewardshipEstateRef>(s.Query("SELECT id, region_code, name FROM estate WHERE id = ?", {Int(estate_id)}),
                                        [](const Row& r) { return StewardshipEstateRef{r.GetInt(0), r.GetText(1), r.GetText(2)}; });
}

Result<std::int64_t> Repo::ReplaceMode(Session& s, const ManagementModeRecord& m, const std::string& ended_on) {
  if (auto r = s.Exec("UPDATE management_mode SET ended_on = ? WHERE estate_id = ? AND ended_on IS NULL",
                      {Str(ended_on), Int(m.estate_id)});
      !r)
    return std::move(r).error();
  return InsertReturningId(
      s,
      "INSERT INTO management_mode (estate_id, region_code, mode, consultation_id, company, fee_fen_per_m2, started_on, ended_on, "
      "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {Int(m.estate_id), Str(m.region_code), Str(m.mode), OptInt(m.consultation_id), Str(m.company), OptInt(m.fee_fen_per_m2),
       Str(m.started_on), OptStr(m.ended_on), Int(m.created_by), Str(m.created_at)});
}

Result<std::optional<ManagementModeRecord>> Repo::CurrentMode(Session& s, std::int64_t estate_id) {
  return FirstRow<ManagementModeRecord>(
      s.Query(std::string(kModeSelect) + " WHERE estate_id = ? AND ended_on IS NULL ORDER BY id DESC LIMIT 1", {Int(estate_id)}),
      ReadMode);
}

Result<std::vector<ManagementModeRecord>> Repo::Modes(Session& s, std::int64_t estate_id) {
  return MapRows<ManagementModeRecord>(s.Query(std::string(kModeSelect) + " WHERE estate_id = ? ORDER BY id", {Int(estate_id)}),
                                       ReadMode);
}

Result<void> Repo::PutCommittee(Session& s, const CommitteeRecord& c) {
  if (auto r = s.Exec("DELETE FROM committee_member WHERE estate_id = ?", {Int(c.estate_id)}); !r) return std::move(r).error();
  if (auto r = s.Exec(
          "INSERT INTO estate_committee (estate_id, region_code, kind, term_start, term_end, consultation_id, updated_by, updated_at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (estate_id) DO UPDATE SET region_code = excluded.region_code, "
          "kind = excluded.kind, term_start = excluded.term_start, term_end = excluded.term_end, "
          "consultation_id = excluded.consultation_id, updated_by = excluded.updated_by, updated_at = excluded.updated_at",
          {Int(c.estate_id), Str(c.region_code), Str(c.kind), Str(c.term_start), Str(c.term_end), OptInt(c.consultation_id),
           Int(c.updated_by), Str(c.updated_at)});
      !r)
    return std::move(r).error();
  int position = 0;
  for (const auto& m : c.members)
    if (auto r = s.Exec("INSERT INTO committee_member (estate_id, region_code, position, name, role, phone) VALUES (?, ?, ?, ?, ?, ?)",
                        {Int(c.estate_id), Str(c.region_code), Int(++position), Str(m.name), Str(m.role), OptStr(m.phone)});
        !r)
      return std::move(r).error();
  return Ok();
}

Result<std::optional<CommitteeRecord>> Repo::FindCommittee(Session& s, std::int64_t estate_id) {
  auto c = FirstRow<CommitteeRecord>(
      s.Query("SELECT estate_id, region_code, kind, term_start, term_end, consultation_id, updated_by, updated_at FROM estate_committee "
              "WHERE estate_id = ?",
              {Int(estate_id)}),
      [](const Row& r) {
        CommitteeRecord c;
        c.estate_id = r.GetInt(0);
        c.region_code = r.GetText(1);
        c.kind = r.GetText(2);
        c.term_start = r.GetText(3);
        c.term_end = r.GetText(4);
        c.consultation_id = r.GetOptInt(5);
        c.updated_by = r.GetInt(6);
        c.updated_at = r.GetText(7);
        return c;
      });
  if (!c || !*c) return c;
  auto members = MapRows<CommitteeMemberRecord>(
      s.Query("SELECT name, role, phone FROM committee_member WHERE estate_id = ? ORDER BY position", {Int(estate_id)}),
      [](const Row& r) { return CommitteeMemberRecord{r.GetText(0), r.GetText(1), r.GetOptText(2)}; });
  if (!members) return std::move(members).error();
  (*c)->members = std::move(*members);
  return c;
}

Result<void> Repo::PutContract(Session& s, const PropertyContractRecord& c) {
  return Done(s.Exec(
      "INSERT INTO property_contract (estate_id, region_code, company, uscc, term_start, term_end, fee_fen_per_m2, billing, services, "
      "updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (estate_id) DO UPDATE SET "
      "region_code = excluded.region_code, company = excluded.company, uscc = excluded.uscc, term_start = excluded.term_start, "
      "term_end = excluded.term_end, fee_fen_per_m2 = excluded.fee_fen_per_m2, billing = excluded.billing, "
      "services = excluded.services, updated_by = excluded.updated_by, updated_at = excluded.updated_at",
      {Int(c.estate_id), Str(c.region_code), Str(c.company), Str(c.uscc), Str(c.term_start), Str(c.term_end), Int(c.fee_fen_per_m2),
       Str(c.billing), Str(JoinLines(c.services)), Int(c.updated_by), Str(c.updated_at)}));
}

Result<std::optional<PropertyContractRecord>> Repo::FindContract(Session& s, std::int64_t estate_id) {
  return FirstRow<PropertyContractRecord>(
      s.Query("SELECT estate_id, region_code, company, uscc, term_start, term_end, fee_fen_per_m2, billing, services, updated_by, "
              "updated_at FROM property_contract WHERE estate_id = ?",
              {Int(estate_id)}),
      [](const Row& r) {
        PropertyContractRecord c;
        c.estate_id = r.GetInt(0);
        c.region_code = r.GetText(1);
        c.company = r.GetText(2);
        c.uscc = r.GetText(3);
        c.term_start = r.GetText(4);
        c.term_end = r.GetText(5);
        c.fee_fen_per_m2 = r.GetInt(6);
        c.billing = r.GetText(7);
        c.services = SplitLines(r.GetText(8));
        c.updated_by = r.GetInt(9);
        c.updated_at = r.GetText(10);
        return c;
      });
}

Result<std::vector<BillableDwelling>> Repo::BillableDwellings(Session& s, std::int64_t estate_id) {
  return MapRows<BillableDwelling>(
      s.Query("SELECT id, exclusive_area_dm2, region_code FROM dwelling WHERE estate_id = ? ORDER BY id", {Int(estate_id)}),
      [](const Row& r) { return BillableDwelling{r.GetInt(0), r.GetInt(1), r.GetText(2)}; });
}

Result<bool> Repo::InsertBillIfAbsent(Session& s, const FeeBillRecord& b) {
  auto n = s.Exec(
      "INSERT INTO fee_bill (estate_id, dwelling_id, region_code, period, area_dm2, fee_fen_per_m2, amount_fen, paid_fen, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?) ON CONFLICT (dwelling_id, period) DO NOTHING",
      {Int(b.estate_id), Int(b.dwelling_id), Str(b.region_code), Str(b.period), Int(b.area_dm2), Int(b.fee_fen_per_m2),
       Int(b.amount_fen), Str(b.created_at)});
  if (!n) return std::move(n).error();
  return *n > 0;
}

Result<std::optional<FeeBillRecord>> Repo::FindBill(Session& s, std::int64_t id) {
  return FirstRow<FeeBillRecord>(s.Query(std::string(kBillSelect) + " WHERE f.id = ?", {Int(id)}), ReadBill);
}

Result<std::vector<FeeBillRecord>> Repo::Bills(Session& s, std::int64_t estate_id, const std::string& period) {
  std::string where = " WHERE f.estate_id = ?";
  Params params{Int(estate_id)};
  PeriodFilter(where, params, period);
  return MapRows<FeeBillRecord>(s.Query(std::string(kBillSelect) + where + " ORDER BY b.number, d.stairwell, d.room, f.period", params),
                                ReadBill);
}

Result<FeeTotals> Repo::Totals(Session& s, std::int64_t estate_id, const std::string& period) {
  std::string where = " WHERE f.estate_id = ?";
  Params params{Int(estate_id)};
  PeriodFilter(where, params, period);
  auto rows = s.Query("SELECT COUNT(*), CAST(COALESCE(SUM(f.amount_fen), 0) AS BIGINT), CAST(COALESCE(SUM(f.paid_fen), 0) AS BIGINT) "
                      "FROM fee_bill f" + where,
                      params);
  if (!rows) return std::move(rows).error();
  const auto& r = rows->front();
  return FeeTotals{r.GetInt(0), r.GetInt(1), r.GetInt(2)};
}

Result<std::int64_t> Repo::InsertPayment(Session& s, const FeePaymentRecord& p) {
  if (auto r = s.Exec("UPDATE fee_bill SET paid_fen = paid_fen + ? WHERE id = ?", {Int(p.amount_fen), Int(p.bill_id)}); !r)
    return std::move(r).error();
  return InsertReturningId(
      s, "INSERT INTO fee_payment (bill_id, region_code, amount_fen, paid_on, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
      {Int(p.bill_id), Str(p.region_code), Int(p.amount_fen), Str(p.paid_on), Int(p.created_by), Str(p.created_at)});
}

Result<std::vector<FeePaymentRecord>> Repo::Payments(Session& s, std::int64_t bill_id) {
  return MapRows<FeePaymentRecord>(
      s.Query("SELECT id, bill_id, region_code, amount_fen, paid_on, created_by, created_at FROM fee_payment WHERE bill_id = ? ORDER BY id",
              {Int(bill_id)}),
      [](const Row& r) {
        return FeePaymentRecord{r.GetInt(0), r.GetInt(1), r.GetText(2), r.GetInt(3), r.GetText(4), r.GetInt(5), r.GetText(6)};
      });
}

Result<std::int64_t> Repo::InsertFeeSource(Session& s, const FeeSourceRecord& e) {
  return InsertReturningId(
      s,
      "INSERT INTO fee_source_entry (estate_id, region_code, source, amount_fen, on_date, note, created_by, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {Int(e.estate_id), Str(e.region_code), Str(e.source), Int(e.amount_fen), Str(e.on_date), Str(e.note), Int(e.created_by),
       Str(e.created_at)});
}

Result<std::vector<FeeSourceRecord>> Repo::FeeSources(Session& s, std::int64_t estate_id) {
  return MapRows<FeeSourceRecord>(
      s.Query("SELECT id, estate_id, region_code, source, amount_fen, on_date, note, created_by, created_at FROM fee_source_entry "
              "WHERE estate_id = ? ORDER BY on_date, id",
              {Int(estate_id)}),
      [](const Row& r) {
        return FeeSourceRecord{r.GetInt(0), r.GetInt(1), r.GetText(2), r.GetText(3), r.GetInt(4),
                               r.GetText(5), r.GetText(6), r.GetInt(7), r.GetText(8)};
      });
}

Result<std::int64_t> Repo::InsertFundEntry(Session& s, const MaintenanceFundEntryRecord& e) {
  return InsertReturningId(
      s,
      "INSERT INTO maintenance_fund_entry (estate_id, region_code, kind, amount_fen, on_date, purpose, consultation_id, created_by, "
      "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {Int(e.estate_id), Str(e.region_code), Str(e.kind), Int(e.amount_fen), Str(e.on_date), Str(e.purpose), OptInt(e.consultation_id),
       Int(e.created_by), Str(e.created_at)});
}

Result<std::vector<MaintenanceFundEntryRecord>> Repo::FundEntries(Session& s, std::int64_t estate_id) {
  return MapRows<MaintenanceFundEntryRecord>(
      s.Query("SELECT id, estate_id, region_code, kind, amount_fen, on_date, purpose, consultation_id, created_by, created_at "
              "FROM maintenance_fund_entry WHERE estate_id = ? ORDER BY on_date, id",
              {Int(estate_id)}),
      [](const Row& r) {
        return MaintenanceFundEntryRecord{r.GetInt(0), r.GetInt(1), r.GetText(2), r.GetText(3), r.GetInt(4),
                               r.GetText(5), r.GetText(6), r.GetOptInt(7), r.GetInt(8), r.GetText(9)};
      });
}

Result<std::int64_t> Repo::FundBalance(Session& s, std::int64_t estate_id) {
  return QueryInt(s,
                  "SELECT CAST(COALESCE(SUM(CASE WHEN kind = 'use' THEN -amount_fen ELSE amount_fen END), 0) AS BIGINT) "
                  "FROM maintenance_fund_entry WHERE estate_id = ?",
                  {Int(estate_id)});
}

Result<void> Repo::PutUtilityTransfer(Session& s, const UtilityTransferRecord& u) {
  return Done(s.Exec(
      "INSERT INTO utility_transfer (estate_id, network, region_code, status, on_date, utility, consultation_id, updated_by, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (estate_id, network) DO UPDATE SET region_code = excluded.region_code, "
      "status = excluded.status, on_date = excluded.on_date, utility = excluded.utility, consultation_id = excluded.consultation_id, "
      "updated_by = excluded.updated_by, updated_at = excluded.updated_at",
      {Int(u.estate_id), Str(u.network), Str(u.region_code), Str(u.status), OptStr(u.on_date), Str(u.utility), OptInt(u.consultation_id),
       Int(u.updated_by), Str(u.updated_at)}));
}

Result<std::vector<UtilityTransferRecord>> Repo::UtilityTransfers(Session& s, std::int64_t estate_id) {
  return MapRows<UtilityTransferRecord>(
      s.Query("SELECT estate_id, network, region_code, status, on_date, utility, consultation_id, updated_by, updated_at "
              "FROM utility_transfer WHERE estate_id = ? ORDER BY network",
              {Int(estate_id)}),
      [](const Row& r) {
        return UtilityTransferRecord{r.GetInt(0), r.GetText(1), r.GetText(2), r.GetText(3),   r.GetOptText(4),
                                     r.GetText(5), r.GetOptInt(6), r.GetInt(7), r.GetText(8)};
      });
}

}  // namespace huanxin::store
