// Grading check-up observations and turning them into problems (issue #4). Pure: no I/O.
//
// Sources (../shared/domain/REFERENCE.md):
//   §2.2 housing indicators (count of buildings — or dwellings for non-self-contained housing — with
//        the defect; higher is worse) and their sub-criteria, e.g. facade finish loss graded by area
//        "<10 m² = hazard; 10–30 m² = larger hazard; >30 m² = severe" and gas pipes "in service ≥ 20
//        years and badly corroded or damaged";
//   §2.3 estate/community indicators (counts of estates below a provision standard, shortfalls in
//        places and spaces, kilometres of substandard walkway);
//   §2.5 each problem record carries object, indicator, sub-criterion, evidence and severity, and is
//        aggregated into the problem list (问题清单) per community, street, district and city.
// The rule of each criterion is data (a catalogue version); this file only evaluates it.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/error.hpp"
#include "common/result.hpp"

namespace huanxin::core::checkup {

// Worst first in value: severe > larger_hazard > hazard > problem.
enum class Severity { kProblem = 0, kHazard = 1, kLargerHazard = 2, kSevere = 3 };
std::string_view SeverityCode(Severity s);  // problem | hazard | larger_hazard | severe
std::optional<Severity> ParseSeverity(std::string_view code);
Text SeverityName(Severity s);  // 不达标/待改造 · 隐患 · 较大隐患 · 严重隐患

// Values are exact decimals in hundredths (m² → dm², years × 100, km × 100 = 10 m).
struct FlagRule {
  Severity severity = Severity::kHazard;
};
struct Band {
  std::optional<std::int64_t> up_to;  // hundredths; absent on the last band
  bool inclusive = false;             // value ≤ up_to (true) or value < up_to (false)
  Severity severity = Severity::kHazard;
};
struct BandsRule {
  std::vector<Band> bands;  // ascending bounds; the last one has no bound
};
struct AgeAndConditionRule {
  std::int64_t min_years = 20;  // whole years
  Severity severity = Severity::kHazard;
};
struct ShortfallRule {
  Severity severity = Severity::kProblem;
};
struct BelowRule {
  std::int64_t min = 0;  // hundredths
  Severity severity = Severity::kProblem;
};
using Rule = std::variant<FlagRule, BandsRule, AgeAndConditionRule, ShortfallRule, BelowRule>;

// Whether a criterion takes a flag (seen or not) or a measured number.
enum class Input { kFlag, kNumber };
Input InputOf(const Rule& rule);

Result<void> ValidateRule(const Rule& rule);

struct Reading {
  bool present = false;                // flag criteria: the defect is there
  std::optional<std::int64_t> value;   // number criteria, hundredths
  bool condition = false;              // age-and-condition criteria: e.g. badly corroded
};

// The severity of one observation, or nothing when it is not a problem.
std::optional<Severity> Grade(const Rule& rule, const Reading& r);

// ---- scoring ----

enum class Level { kEstate, kBuilding, kDwelling };
std::string_view LevelCode(Level l);
std::optional<Level> ParseLevel(std::string_view code);

struct Indicator {
  std::string code, name, sub_dimension, problem_unit;
  Level level = Level::kBuilding;
  bool sums_values = false;  // shortfalls and lengths add up values; others count distinct objects
};

struct GradedObservation {
  std::string indicator;
  std::string object_key;   // "b:12", "d:305", "e:7": the object the indicator counts
  std::optional<Severity> severity;
  std::optional<std::int64_t> value;
};

struct IndicatorSummary {
  std::string code;
  std::int64_t objects = 0;   // distinct objects with at least one problem
  std::int64_t problems = 0;  // graded observations that are problems
  std::int64_t value = 0;     // sum of values of the problems (for sums_values indicators)
  std::optional<Severity> worst;
};

struct Summary {
  std::vector<IndicatorSummary> by_indicator;                    // parallel to the catalogue's indicators
  std::vector<std::pair<std::string, std::int64_t>> by_sub_dimension;  // problems, in first-seen order
  std::int64_t by_severity[4] = {0, 0, 0, 0};                    // problems per Severity value
  std::int64_t problems = 0;
};

// Aggregates graded observations against the catalogue's indicators (all of them, zeros included).
Summary Summarise(std::span<const Indicator> indicators, std::span<const GradedObservation> graded);

}  // namespace huanxin::core::checkup
