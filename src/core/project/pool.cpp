#include "core/project/pool.hpp"

#include <algorithm>

#include "common/decimal.hpp"

namespace huanxin::core::project {

namespace {
std::int64_t Share(std::int64_t part, std::int64_t whole) {  // hundredths of one, capped at 1
  if (whole <= 0 || part <= 0) return 0;
  return std::min<std::int64_t>(10000, part * 10000 / whole);
}
std::string Pct(std::int64_t hundredths) { return FormatHundredths(hundredths) + "%"; }
}  // namespace

PoolScore ScoreEstate(const PoolFacts& f, const PoolWeights& w) {
  PoolScore out;
  if (f.severe > 0) out.worst = "severe";
  else if (f.larger_hazards > 0) out.worst = "larger_hazard";
  else if (f.hazards > 0) out.worst = "hazard";
  else if (f.problems > 0) out.worst = "problem";

  const std::int64_t hazard_points = 3 * f.severe + 2 * f.larger_hazards + f.hazards;
  const std::int64_t safety = Share(hazard_points, 10);
  const std::int64_t years = std::max(0, f.cutoff_year - f.built_year);
  const std::int64_t age = f.built_year > f.cutoff_year ? 0 : Share(years, 30);
  const std::int64_t willing = f.agreeing ? Share(*f.agreeing, f.dwellings) : 0;
  const std::int64_t elderly = Share(f.aged_60_plus, f.residents);
  if (f.agreeing && f.dwellings > 0) out.willingness_rate = PercentHundredths(*f.agreeing, f.dwellings);

  auto add = [&](std::string code, int weight, std::int64_t share, Text text) {
    const std::int64_t points = share * weight / 100;  // hundredths of a point
    out.score += points;
    out.reasons.push_back({std::move(code), points, std::move(text)});
  };
  add("safety", w.safety, safety,
      Text("严重隐患 " + std::to_string(f.severe) + " 项、较大隐患 " + std::to_string(f.larger_hazards) + " 项、隐患 " +
               std::to_string(f.hazards) + " 项、其他问题 " + std::to_string(f.problems) + " 项",
           std::to_string(f.severe) + " severe, " + std::to_string(f.larger_hazards) + " larger and " +
               std::to_string(f.hazards) + " hazards, " + std::to_string(f.problems) + " other problems"));
  add("age", w.age, age,
      f.built_year > f.cutoff_year
          ? Text(std::to_string(f.built_year) + " 年建成（延伸范围）", "built " + std::to_string(f.built_year) + " (extension)")
          : Text(std::to_string(f.built_year) + " 年建成，早于截止年份 " + std::to_string(years) + " 年",
                 "built " + std::to_string(f.built_year) + ", " + std::to_string(years) + " years before the cut-off"));
  add("willingness", w.willingness, willing,
      out.willingness_rate ? Text("改造意愿 " + Pct(*out.willingness_rate), "willingness " + Pct(*out.willingness_rate))
                           : Text("尚未征询改造意愿", "no willingness consultation yet"));
  add("elderly", w.elderly, elderly,
      f.residents > 0 ? Text("60岁以上居民占 " + Pct(PercentHundredths(f.aged_60_plus, f.residents)),
                             Pct(PercentHundredths(f.aged_60_plus, f.residents)) + " of residents aged 60+")
                      : Text("暂无住户信息", "no household data"));
  std::stable_sort(out.reasons.begin(), out.reasons.end(),
                   [](const PoolReason& a, const PoolReason& b) { return a.points > b.points; });
  return out;
}

}  // namespace huanxin::core::project
