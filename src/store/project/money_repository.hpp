// Budget lines, change orders and the funding ledger of projects (issue #12) in portable SQL.
// Functions run in the caller's transaction and do not authorise; services do.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace huanxin::store {

struct BudgetLineRecord {
  std::int64_t id = 0, project_id = 0;
  std::string item_code, item_name_zh, item_name_en, description, unit;
  std::int64_t quantity_centi = 0, unit_price_fen = 0, estimate_fen = 0;
  std::optional<std::int64_t> budget_fen, contract_fen, settlement_fen;
  std::int64_t approved_changes_fen = 0;  // the sum of the line's change orders
  std::string created_at, updated_at;
};

struct ChangeOrderRecord {
  std::int64_t id = 0, project_id = 0, budget_item_id = 0, amount_fen = 0;
  std::string reason, approved_by, approved_on;
  std::int64_t created_by = 0;
  std::string created_by_name, created_at;
};

struct BudgetRepository {
  static Result<std::int64_t> InsertLine(Session& s, const BudgetLineRecord& l);
  static Result<std::optional<BudgetLineRecord>> FindLine(Session& s, std::int64_t project_id, std::int64_t id);
  static Result<std::vector<BudgetLineRecord>> Lines(Session& s, std::int64_t project_id);
  static Result<void> UpdateLine(Session& s, const BudgetLineRecord& l);
  static Result<std::int64_t> InsertChangeOrder(Session& s, const ChangeOrderRecord& c);
  static Result<std::vector<ChangeOrderRecord>> ChangeOrders(Session& s, std::int64_t project_id);
  // The estimate (概算) of a project: the sum of its lines, or nullopt without any line.
  static Result<std::optional<std::int64_t>> Estimate(Session& s, std::int64_t project_id);
};

struct FundEntryRecord {
  std::int64_t id = 0, project_id = 0;
  std::string region_code;
  int year = 0;
  std::string source, kind;
  std::int64_t amount_fen = 0;
  std::string on_date, note;
  std::int64_t created_by = 0;
  std::string created_by_name, created_at;
};

struct FundSums {
  std::string source;
  std::int64_t committed_fen = 0, received_fen = 0, paid_fen = 0;
};

struct FundRepository {
  static Result<std::int64_t> Insert(Session& s, const FundEntryRecord& e);
  static Result<std::vector<FundEntryRecord>> Entries(Session& s, std::int64_t project_id);
  // Per source (those with entries), committed / received / paid.
  static Result<std::vector<FundSums>> BySource(Session& s, std::int64_t project_id);
};

}  // namespace huanxin::store
