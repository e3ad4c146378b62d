#include "core/construction/progress.hpp"

#include <algorithm>
#include <set>

#include "common/decimal.hpp"

namespace huanxin::core::construction {

namespace {

// Weights in fen × permille times percents in hundredths may pass 2^63.
__extension__ typedef __int128 i128;

// a / b rounded half up, for a ≥ 0, b > 0.
std::int64_t RoundDiv(i128 a, i128 b) { return static_cast<std::int64_t>((2 * a + b) / (2 * b)); }

// The duration-weighted percent (hundredths) of `steps`; a step's weight is its duration in days,
// or 1 each when every duration is 0 (milestones).
struct StepMean {
  std::int64_t percent = 0;
  bool reported = false;
};
StepMean MeanOfSteps(const std::vector<const StepFacts*>& steps) {
  std::int64_t days = 0, done = 0;
  for (const auto* s : steps) days += std::max<std::int64_t>(s->duration_days, 0);
  const bool by_count = days == 0;
  StepMean m;
  std::int64_t whole = 0;
  for (const auto* s : steps) {
    const std::int64_t w = by_count ? 1 : std::max<std::int64_t>(s->duration_days, 0);
    whole += w;
    if (s->percent) {
      m.reported = true;
      done += w * *s->percent;
    }
  }
  // Σ d·p / Σ d percent = PercentHundredths(Σ d·p, 100·Σ d).
  m.percent = PercentHundredths(done, 100 * whole);
  return m;
}

}  // namespace

std::int64_t WeighingAmountFen(const BudgetAmounts& line) {
  if (line.contract_fen) return *line.contract_fen;
  if (line.budget_fen) return *line.budget_fen;
  return line.estimate_fen;
}

std::int64_t WeightedMean(const std::vector<std::pair<std::int64_t, std::int64_t>>& weight_percent) {
  i128 num = 0, den = 0;
  for (const auto& [w, p] : weight_percent) {
    num += static_cast<i128>(w) * p;
    den += w;
  }
  return den <= 0 ? 0 : RoundDiv(num, den);
}

std::vector<std::string> CheckWeights(const std::map<std::string, std::int64_t>& weights) {
  std::vector<std::string> problems;
  std::int64_t sum = 0;
  for (const auto& [code, w] : weights) {
    if (w < 0 || w > kFullPermille) problems.push_back(code + ": " + std::to_string(w));
    else sum += w;
  }
  if (sum > kFullPermille) problems.push_back("Σ " + std::to_string(sum) + " > " + std::to_string(kFullPermille));
  return problems;
}

ProjectProgress RollUp(const std::vector<StepFacts>& steps, const std::vector<BudgetAmounts>& lines,
                       const std::map<std::string, std::int64_t>& weights, const std::vector<std::int64_t>& estate_ids) {
  // The items: those with a budget line and those with a step.
  std::map<std::string, ItemProgress> items;
  for (const auto& l : lines) {
    auto& it = items[l.item_code];
    it.item_code = l.item_code;
    it.budget_fen += WeighingAmountFen(l);
  }
  std::map<std::string, std::vector<const StepFacts*>> by_item;
  std::map<std::int64_t, std::map<std::string, std::vector<const StepFacts*>>> by_estate;
  std::map<std::int64_t, bool> estate_reported;
  for (auto id : estate_ids) estate_reported[id] = false;
  for (const auto& s : steps) {
    if (s.estate_id) estate_reported[*s.estate_id] = estate_reported[*s.estate_id] || s.percent.has_value();
    if (!s.item_code) continue;
    items[*s.item_code].item_code = *s.item_code;
    by_item[*s.item_code].push_back(&s);
    if (s.estate_id) by_estate[*s.estate_id][*s.item_code].push_back(&s);
  }

  // Raw weights on a common denominator: set items p_i × ΣB_unset, unset (1000 − S) × B_i.
  std::int64_t set_sum = 0, unset_budget = 0, unset_count = 0;
  for (auto& [code, it] : items) {
    auto w = weights.find(code);
    if (w != weights.end()) {
      it.weight_set = true;
      set_sum += w->second;
    } else {
      unset_budget += it.budget_fen;
      ++unset_count;
    }
  }
  std::map<std::string, std::int64_t> raw;
  std::int64_t raw_sum = 0;
  for (auto& [code, it] : items) {
    std::int64_t r = 0;
    if (it.weight_set) {
      const auto p = weights.at(code);
      r = unset_count == 0 ? p : p * (unset_budget > 0 ? unset_budget : unset_count);
    } else {
      r = (kFullPermille - set_sum) * (unset_budget > 0 ? it.budget_fen : 1);
    }
    raw[code] = r;
    raw_sum += r;
  }

  ProjectProgress out;
  std::vector<std::pair<std::int64_t, std::int64_t>> project_terms;
  for (auto& [code, it] : items) {
    auto m = MeanOfSteps(by_item[code]);
    it.percent = m.percent;
    it.reported = m.reported;
    it.weight = raw_sum > 0 ? RoundDiv(static_cast<i128>(raw[code]) * kFullPermille, raw_sum) : 0;
    project_terms.emplace_back(raw[code], it.percent);
    out.reported = out.reported || it.reported;
    out.items.push_back(it);
  }
  out.percent = WeightedMean(project_terms);

  for (const auto& [estate, reported] : estate_reported) {
    EstateProgress e;
    e.estate_id = estate;
    e.reported = reported;
    std::vector<std::pair<std::int64_t, std::int64_t>> terms;
    auto found = by_estate.find(estate);
    if (found != by_estate.end())
      for (const auto& [code, list] : found->second) terms.emplace_back(raw[code], MeanOfSteps(list).percent);
    e.percent = WeightedMean(terms);
    out.estates.push_back(e);
  }
  return out;
}

ProgrammeProgress RollUpProgramme(const std::vector<ProjectShare>& projects) {
  std::int64_t total = 0;
  for (const auto& p : projects) total += std::max<std::int64_t>(p.budget_fen, 0);
  std::vector<std::pair<std::int64_t, std::int64_t>> terms;
  ProgrammeProgress out;
  for (const auto& p : projects) {
    const std::int64_t w = total > 0 ? std::max<std::int64_t>(p.budget_fen, 0) : 1;
    terms.emplace_back(w, p.percent);
    out.reported = out.reported || p.reported;
  }
  const std::int64_t den = total > 0 ? total : static_cast<std::int64_t>(projects.size());
  for (const auto& [w, p] : terms) out.weights.push_back(den > 0 ? RoundDiv(static_cast<i128>(w) * kFullPermille, den) : 0);
  out.percent = WeightedMean(terms);
  return out;
}

std::int64_t HouseholdRate(std::int64_t done, std::int64_t total) { return PercentHundredths(done, total); }

}  // namespace huanxin::core::construction
