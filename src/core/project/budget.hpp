// Budget rules (issue #12; REFERENCE.md §4, the completion acceptance form's fund checks): "budget
// ≤ estimate, final account ≤ budget, no single item over its budget by more than 10 %". Every
// breach is listed; none is silently allowed. Pure.
//
// Stages of a line: estimate (概算) = quantity × unit price; budget (预算); contract (合同);
// settlement (结算, the final account). Approved change orders (设计变更/洽商) add to a line's
// budget for the 10 % rule: a line may be settled up to (budget + approved changes) × 110 %.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/error.hpp"

namespace huanxin::core::project {

struct BudgetLine {
  std::int64_t id = 0;
  std::string label;  // item name, for the breach text
  std::int64_t estimate_fen = 0;
  std::optional<std::int64_t> budget_fen, contract_fen, settlement_fen;
  std::int64_t approved_changes_fen = 0;
};

// quantity (hundredths) × unit price (fen), rounded half up to the fen.
std::int64_t LineAmountFen(std::int64_t quantity_centi, std::int64_t unit_price_fen);

struct BudgetTotals {
  std::int64_t estimate_fen = 0;
  std::optional<std::int64_t> budget_fen, contract_fen, settlement_fen;  // set once every line has one
  std::int64_t changes_fen = 0;
};
BudgetTotals Totals(const std::vector<BudgetLine>& lines);

struct Breach {
  std::string code;  // budget_over_estimate | settlement_over_budget | line_over_budget
  std::int64_t line_id = 0;  // 0 for the project's totals
  std::int64_t amount_fen = 0, limit_fen = 0;
  Text text;
};

// Every breach, totals first then line by line in order.
std::vector<Breach> CheckBudget(const std::vector<BudgetLine>& lines);

// A line's settlement limit: (budget + approved changes) × 110 %, rounded down to the fen.
std::int64_t LineSettlementLimitFen(const BudgetLine& line);

}  // namespace huanxin::core::project
