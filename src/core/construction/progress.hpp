// Progress roll-up (issue #13 "Progress": "Weighted roll-up step → item → estate → project →
// programme; weights default to budget shares and can be set; an item with no report counts 0 and
// is marked 'not reported', never hidden") and household-work rates ("830 of 1 186 = 69.98 %").
// Pure: the caller reads the steps, their latest reports, the budget lines and the hand-set
// weights; nothing here does I/O.
//
// The rules (issue #13 "Progress"; docs/construction.md):
// - A step's percent is its latest report (0–100); a step never reported counts 0, reported = false.
// - Inside an item (or an item inside an estate) a step weighs its duration in days (a 10-day step
//   at 50 % is worth five 1-day steps done).
// - Between items a project weighs each item by its budget share: the Σ of the project's budget
//   lines of that item, each at its contract amount when set, else its budget, else its estimate
//   (the most committed figure, issue #12 stages). A weight set by hand (permille of the project)
//   replaces the item's share; the items left unset share the remaining permille in proportion to
//   their budget amounts (equally when none of them has an amount). An item with a budget line but
//   no step counts 0, not reported.
// - An estate's percent weighs the items of its steps the same way (items it has no step of do
//   not count there).
// - A programme weighs its projects by their budget totals (same amount rule).
// - Steps without an item (the shared openings of a dig-once trench) are listed but not rolled up:
//   no budget line carries them. (Inference: their cost sits inside the trench items' lines.)
// - Every percent is in hundredths of a percent, rounded half up (common/decimal.hpp
//   PercentHundredths). Each level is the weighted mean of the rounded percents of the level below
//   it, so a reader can check the page with the numbers it shows.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace huanxin::core::construction {

// Hundredths of a percent: 10000 = 100 %.
inline constexpr std::int64_t kFullHundredths = 10000;
// A whole project in permille.
inline constexpr std::int64_t kFullPermille = 1000;

struct StepFacts {
  std::string code;
  std::optional<std::string> item_code;
  std::optional<std::int64_t> estate_id;
  std::int64_t duration_days = 0;
  std::optional<int> percent;  // the latest report, 0–100; nullopt = never reported
};

// One budget line's amounts in fen (store: budget_item).
struct BudgetAmounts {
  std::string item_code;
  std::int64_t estimate_fen = 0;
  std::optional<std::int64_t> budget_fen, contract_fen;
};

// The amount a line weighs: contract when set, else budget, else estimate.
std::int64_t WeighingAmountFen(const BudgetAmounts& line);

struct ItemProgress {
  std::string item_code;
  std::int64_t percent = 0;      // hundredths
  std::int64_t weight = 0;       // the item's share in permille of the project, rounded half up
  bool weight_set = false;       // set by hand (construction_item_weight)
  bool reported = false;         // at least one of its steps has a report
  std::int64_t budget_fen = 0;   // Σ weighing amounts of its lines
};

struct EstateProgress {
  std::int64_t estate_id = 0;
  std::int64_t percent = 0;  // hundredths
  bool reported = false;
};

struct ProjectProgress {
  std::int64_t percent = 0;  // hundredths
  bool reported = false;
  std::vector<ItemProgress> items;      // by item code
  std::vector<EstateProgress> estates;  // by estate id, every estate given (none hidden)
};

// The roll-up of one project. `estate_ids`: the project's estates (an estate with no step is listed
// at 0, not reported). `weights`: the hand-set permille by item code; precondition: Σ ≤ 1000
// (CheckWeights).
ProjectProgress RollUp(const std::vector<StepFacts>& steps, const std::vector<BudgetAmounts>& lines,
                       const std::map<std::string, std::int64_t>& weights, const std::vector<std::int64_t>& estate_ids);

// Problems of a set of hand weights, one text per problem ("B05: -3", "Σ 1200 > 1000"); empty when
// fine: each 0–1000 permille, Σ ≤ 1000.
std::vector<std::string> CheckWeights(const std::map<std::string, std::int64_t>& weights);

struct ProjectShare {
  std::int64_t project_id = 0;
  std::int64_t percent = 0;  // hundredths, the project's roll-up
  bool reported = false;
  std::int64_t budget_fen = 0;  // Σ weighing amounts of its lines
};

struct ProgrammeProgress {
  std::int64_t percent = 0;
  bool reported = false;
  std::vector<std::int64_t> weights;  // permille per project, in the order given
};

// Projects weighed by their budget totals (equally when none has an amount).
ProgrammeProgress RollUpProgramme(const std::vector<ProjectShare>& projects);

// A household work's rate: done of total dwellings, hundredths of a percent rounded half up
// (issue #13: 830 of 1 186 = 69.98 %); 0 when total is 0.
std::int64_t HouseholdRate(std::int64_t done, std::int64_t total);

// Σ weight_i × percent_i / Σ weight_i rounded half up (0 when Σ weight is 0). Weights ≥ 0.
std::int64_t WeightedMean(const std::vector<std::pair<std::int64_t, std::int64_t>>& weight_percent);

}  // namespace huanxin::core::construction
