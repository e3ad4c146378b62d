#include "store/project/money_repository.hpp"

namespace huanxin::store {

namespace {

constexpr const char* kLineSelect =
    "SELECT b.id, b.project_id, b.item_code, i.name_zh, i.name_en, b.description, b.unit, b.quantity_centi, "
    "b.unit_price_fen, b.estimate_fen, b.budget_fen, b.contract_fen, b.settlement_fen, "
    "(SELECT COALESCE(SUM(c.amount_fen), 0) FROM change_order c WHERE c.budget_item_id = b.id), "
    "b.created_at, b.updated_at FROM budget_item b JOIN renovation_item i ON i.code = b.item_code ";

BudgetLineRecord LineFromRow(const Row& r) {
  return {r.GetInt(0),     r.GetInt(1),     r.GetText(2),    r.GetText(3),   r.GetText(4),    r.GetText(5),
          r.GetText(6),    r.GetInt(7),     r.GetInt(8),     r.GetInt(9),    r.GetOptInt(10), r.GetOptInt(11),
          r.GetOptInt(12), r.GetInt(13),    r.GetText(14),   r.GetText(15)};
}

}  // namespace

Result<std::int64_t> BudgetRepository::InsertLine(Session& s, const BudgetLineRecord& l) {
  return InsertReturningId(
      s,
      "INSERT INTO budget_item (project_id, item_code, description, unit, quantity_centi, unit_price_fen, "
      "estimate_fen, budget_fen, contract_fen, settlement_fen, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {Int(l.project_id), Str(l.item_code), Str(l.description), Str(l.unit), Int(l.quantity_centi),
       Int(l.unit_price_fen), Int(l.estimate_fen), OptInt(l.budget_fen), OptInt(l.contract_fen),
       OptInt(l.settlement_fen), Str(l.created_at), Str(l.updated_at)});
}

Result<std::optional<BudgetLineRecord>> BudgetRepository::FindLine(Session& s, std::int64_t project_id,
                                                                   std::int64_t id) {
  return FirstRow<BudgetLineRecord>(
      s.Query(std::string(kLineSelect) + "WHERE b.project_id = ? AND b.id = ?", {Int(project_id), Int(id)}), LineFromRow);
}

Result<std::vector<BudgetLineRecord>> BudgetRepository::Lines(Session& s, std::int64_t project_id) {
  return MapRows<BudgetLineRecord>(
      s.Query(std::string(kLineSelect) + "WHERE b.project_id = ? ORDER BY b.id", {Int(project_id)}), LineFromRow);
}

Result<void> BudgetRepository::UpdateLine(Session& s, const BudgetLineRecord& l) {
  return Done(s.Exec("UPDATE budget_item SET description = ?, quantity_centi = ?, unit_price_fen = ?, "
                     "estimate_fen = ?, budget_fen = ?, contract_fen = ?, settlement_fen = ?, updated_at = ? "
                     "WHERE id = ? AND project_id = ?",
                     {Str(l.description), Int(l.quantity_centi), Int(l.unit_price_fen), Int(l.estimate_fen),
                      OptInt(l.budget_fen), OptInt(l.contract_fen), OptInt(l.settlement_fen), Str(l.updated_at),
                      Int(l.id), Int(l.project_id)}));
}

Result<std::int64_t> BudgetRepository::InsertChangeOrder(Session& s, const ChangeOrderRecord& c) {
  return InsertReturningId(s,
                           "INSERT INTO change_order (project_id, budget_item_id, amount_fen, reason, approved_by, "
                           "approved_on, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                           {Int(c.project_id), Int(c.budget_item_id), Int(c.amount_fen), Str(c.reason),
                            Str(c.approved_by), Str(c.approved_on), Int(c.created_by), Str(c.created_at)});
}

Result<std::vector<ChangeOrderRecord>> BudgetRepository::ChangeOrders(Session& s, std::int64_t project_id) {
  auto rows = s.Query(
      "SELECT c.id, c.project_id, c.budget_item_id, c.amount_fen, c.reason, c.approved_by, c.approved_on, "
      "c.created_by, COALESCE(u.username, 'system'), c.created_at FROM change_order c "
      "LEFT JOIN app_user u ON u.id = c.created_by WHERE c.project_id = ? ORDER BY c.id",
      {Int(project_id)});
  if (!rows) return std::move(rows).error();
  std::vector<ChangeOrderRecord> out;
  for (const auto& r : *rows)
    out.push_back({r.GetInt(0), r.GetInt(1), r.GetInt(2), r.GetInt(3), r.GetText(4), r.GetText(5), r.GetText(6),
                   r.GetInt(7), r.GetText(8), r.GetText(9)});
  return out;
}

Result<std::optional<std::int64_t>> BudgetRepository::Estimate(Session& s, std::int64_t project_id) {
  auto rows = s.Query("SELECT COUNT(*), COALESCE(SUM(estimate_fen), 0) FROM budget_item WHERE project_id = ?",
                      {Int(project_id)});
  if (!rows) return std::move(rows).error();
  if (rows->front().GetInt(0) == 0) return std::optional<std::int64_t>{};
  return std::optional<std::int64_t>(rows->front().GetInt(1));
}

Result<std::int64_t> FundRepository::Insert(Session& s, const FundEntryRecord& e) {
  return InsertReturningId(s,
                           "INSERT INTO fund_entry (project_id, region_code, year, source, kind, amount_fen, on_date, "
                           "note, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                           {Int(e.project_id), Str(e.region_code), Int(e.year), Str(e.source), Str(e.kind),
                            Int(e.amount_fen), Str(e.on_date), Str(e.note), Int(e.created_by), Str(e.created_at)});
}

Result<std::vector<FundEntryRecord>> FundRepository::Entries(Session& s, std::int64_t project_id) {
  auto rows = s.Query(
      "SELECT f.id, f.project_id, f.region_code, f.year, f.source, f.kind, f.amount_fen, f.on_date, f.note, "
      "f.created_by, COALESCE(u.username, 'system'), f.created_at FROM fund_entry f "
      "LEFT JOIN app_user u ON u.id = f.created_by WHERE f.project_id = ? ORDER BY f.on_date, f.id",
      {Int(project_id)});
  if (!rows) return std::move(rows).error();
  std::vector<FundEntryRecord> out;
  for (const auto& r : *rows)
    out.push_back({r.GetInt(0), r.GetInt(1), r.GetText(2), static_cast<int>(r.GetInt(3)), r.GetText(4), r.GetText(5),
                   r.GetInt(6), r.GetText(7), r.GetText(8), r.GetInt(9), r.GetText(10), r.GetText(11)});
  return out;
}

Result<std::vector<FundSums>> FundRepository::BySource(Session& s, std::int64_t project_id) {
  auto rows = s.Query(
      "SELECT source, COALESCE(SUM(CASE WHEN kind = 'committed' THEN amount_fen ELSE 0 END), 0), "
      "COALESCE(SUM(CASE WHEN kind = 'received' THEN amount_fen ELSE 0 END), 0), "
      "COALESCE(SUM(CASE WHEN kind = 'paid' THEN amount_fen ELSE 0 END), 0) "
      "FROM fund_entry WHERE project_id = ? GROUP BY source",
      {Int(project_id)});
  if (!rows) return std::move(rows).error();
  std::vector<FundSums> out;
  for (const auto& r : *rows) out.push_back({r.GetText(0), r.GetInt(1), r.GetInt(2), r.GetInt(3)});
  return out;
}

}  // namespace huanxin::store
