#include "core/checkup/grading.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace huanxin::core::checkup {

std::string_view SeverityCode(Severity s) {
  switch (s) {
    case Severity::kProblem: return "problem";
    case Severity::kHazard: return "hazard";
    case Severity::kLargerHazard: return "larger_hazard";
    case Severity::kSevere: return "severe";
  }
  return "problem";
}

std::optional<Severity> ParseSeverity(std::string_view code) {
  for (auto s : {Severity::kProblem, Severity::kHazard, Severity::kLargerHazard, Severity::kSevere})
    if (SeverityCode(s) == code) return s;
  return std::nullopt;
}

Text SeverityName(Severity s) {
  switch (s) {
    case Severity::kProblem: return {"不达标", "below standard"};
    case Severity::kHazard: return {"隐患", "hazard"};
    case Severity::kLargerHazard: return {"较大隐患", "larger hazard"};
    case Severity::kSevere: return {"严重隐患", "severe hazard"};
  }
  return {"不达标", "below standard"};
}

Input InputOf(const Rule& rule) { return std::holds_alternative<FlagRule>(rule) ? Input::kFlag : Input::kNumber; }

Result<void> ValidateRule(const Rule& rule) {
  auto bad = [](std::string zh, std::string en) {
    return MakeError(ErrorCode::kUnprocessable, "checkup.bad_rule", Text("判定规则不正确", "invalid grading rule"),
                     Text(std::move(zh), std::move(en)));
  };
  if (const auto* b = std::get_if<BandsRule>(&rule)) {
    if (b->bands.empty() || b->bands.back().up_to) return bad("最后一档不应有上限", "the last band must have no bound");
    for (std::size_t i = 0; i + 1 < b->bands.size(); ++i) {
      if (!b->bands[i].up_to) return bad("只有最后一档可以没有上限", "only the last band may have no bound");
      if (*b->bands[i].up_to <= 0 || (i > 0 && *b->bands[i].up_to <= *b->bands[i - 1].up_to))
        return bad("各档上限应为正数且递增", "bounds must be positive and ascending");
    }
  }
  if (const auto* a = std::get_if<AgeAndConditionRule>(&rule); a && (a->min_years < 0 || a->min_years > 200))
    return bad("年限应为0–200", "years must be 0–200");
  return Ok();
}

std::optional<Severity> Grade(const Rule& rule, const Reading& r) {
  if (const auto* f = std::get_if<FlagRule>(&rule)) return r.present ? std::optional(f->severity) : std::nullopt;
  if (!r.value) return std::nullopt;
  const auto v = *r.value;
  if (const auto* b = std::get_if<BandsRule>(&rule)) {
    // REFERENCE §2.2, indicator 4: a measured defect of 0 is no defect.
    if (v <= 0) return std::nullopt;
    for (const auto& band : b->bands)
      if (!band.up_to || (band.inclusive ? v <= *band.up_to : v < *band.up_to)) return band.severity;
    return std::nullopt;
  }
  if (const auto* a = std::get_if<AgeAndConditionRule>(&rule))
    // REFERENCE §2.2, indicator 2: "in service ≥ 20 years AND badly corroded or damaged".
    return v >= a->min_years * 100 && r.condition ? std::optional(a->severity) : std::nullopt;
  if (const auto* s = std::get_if<ShortfallRule>(&rule)) return v > 0 ? std::optional(s->severity) : std::nullopt;
  const auto& below = std::get<BelowRule>(rule);
  return v < below.min ? std::optional(below.severity) : std::nullopt;
}

std::string_view LevelCode(Level l) {
  return l == Level::kEstate ? "estate" : l == Level::kBuilding ? "building" : "dwelling";
}
std::optional<Level> ParseLevel(std::string_view code) {
  if (code == "estate") return Level::kEstate;
  if (code == "building") return Level::kBuilding;
  if (code == "dwelling") return Level::kDwelling;
  return std::nullopt;
}

Summary Summarise(std::span<const Indicator> indicators, std::span<const GradedObservation> graded) {
  Summary out;
  std::map<std::string, std::size_t> index;
  std::vector<std::set<std::string>> objects(indicators.size());
  std::map<std::string, std::size_t> sub_index;
  for (std::size_t i = 0; i < indicators.size(); ++i) {
    index[indicators[i].code] = i;
    IndicatorSummary row;
    row.code = indicators[i].code;
    out.by_indicator.push_back(std::move(row));
    if (sub_index.emplace(indicators[i].sub_dimension, out.by_sub_dimension.size()).second)
      out.by_sub_dimension.emplace_back(indicators[i].sub_dimension, 0);
  }
  for (const auto& g : graded) {
    if (!g.severity) continue;
    auto it = index.find(g.indicator);
    if (it == index.end()) continue;  // not in this catalogue version
    auto& s = out.by_indicator[it->second];
    ++s.problems;
    s.value += g.value.value_or(0);
    if (!s.worst || *g.severity > *s.worst) s.worst = g.severity;
    objects[it->second].insert(g.object_key);
    ++out.by_sub_dimension[sub_index[indicators[it->second].sub_dimension]].second;
    ++out.by_severity[static_cast<int>(*g.severity)];
    ++out.problems;
  }
  for (std::size_t i = 0; i < indicators.size(); ++i)
    out.by_indicator[i].objects = static_cast<std::int64_t>(objects[i].size());
  return out;
}

}  // namespace huanxin::core::checkup
