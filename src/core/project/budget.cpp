#include "core/project/budget.hpp"

#include "common/decimal.hpp"

namespace huanxin::core::project {

__extension__ typedef __int128 i128;  // exact products of money and counts

std::int64_t LineAmountFen(std::int64_t quantity_centi, std::int64_t unit_price_fen) {
  const i128 p = static_cast<i128>(quantity_centi) * unit_price_fen;
  return static_cast<std::int64_t>((p + 50) / 100);
}

BudgetTotals Totals(const std::vector<BudgetLine>& lines) {
  BudgetTotals t;
  std::int64_t budget = 0, contract = 0, settlement = 0;
  bool all_budget = !lines.empty(), all_contract = !lines.empty(), all_settlement = !lines.empty();
  for (const auto& l : lines) {
    t.estimate_fen += l.estimate_fen;
    t.changes_fen += l.approved_changes_fen;
    if (l.budget_fen) budget += *l.budget_fen; else all_budget = false;
    if (l.contract_fen) contract += *l.contract_fen; else all_contract = false;
    if (l.settlement_fen) settlement += *l.settlement_fen; else all_settlement = false;
  }
  if (all_budget) t.budget_fen = budget;
  if (all_contract) t.contract_fen = contract;
  if (all_settlement) t.settlement_fen = settlement;
  return t;
}

std::int64_t LineSettlementLimitFen(const BudgetLine& line) {
  const i128 base = static_cast<i128>(line.budget_fen.value_or(0)) + line.approved_changes_fen;
  return static_cast<std::int64_t>(base * 110 / 100);
}

namespace {
std::string Yuan(std::int64_t fen) { return FormatHundredths(fen); }
}  // namespace

std::vector<Breach> CheckBudget(const std::vector<BudgetLine>& lines) {
  std::vector<Breach> out;
  const auto t = Totals(lines);
  if (t.budget_fen && *t.budget_fen > t.estimate_fen) {
    out.push_back({"budget_over_estimate", 0, *t.budget_fen, t.estimate_fen,
                   Text("预算 " + Yuan(*t.budget_fen) + " 元超过概算 " + Yuan(t.estimate_fen) + " 元",
                        "budget " + Yuan(*t.budget_fen) + " yuan exceeds the estimate " + Yuan(t.estimate_fen) + " yuan")});
  }
  if (t.settlement_fen && t.budget_fen && *t.settlement_fen > *t.budget_fen + t.changes_fen) {
    const std::int64_t limit = *t.budget_fen + t.changes_fen;
    out.push_back({"settlement_over_budget", 0, *t.settlement_fen, limit,
                   Text("结算 " + Yuan(*t.settlement_fen) + " 元超过预算（含已批变更）" + Yuan(limit) + " 元",
                        "final account " + Yuan(*t.settlement_fen) + " yuan exceeds the budget with approved changes " +
                            Yuan(limit) + " yuan")});
  }
  for (const auto& l : lines) {
    if (!l.settlement_fen || !l.budget_fen) continue;
    const std::int64_t limit = LineSettlementLimitFen(l);
    if (*l.settlement_fen > limit) {
      out.push_back({"line_over_budget", l.id, *l.settlement_fen, limit,
                     Text("“" + l.label + "”结算 " + Yuan(*l.settlement_fen) + " 元超出预算10%以上（上限 " + Yuan(limit) + " 元）",
                          "\"" + l.label + "\" settled at " + Yuan(*l.settlement_fen) +
                              " yuan, more than 10% over its budget (limit " + Yuan(limit) + " yuan)")});
    }
  }
  return out;
}

}  // namespace huanxin::core::project
