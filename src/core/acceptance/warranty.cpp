#include "core/acceptance/warranty.hpp"

#include "common/code_table.hpp"

namespace huanxin::core::acceptance {

namespace {
using std::chrono::days;
using std::chrono::sys_days;

constexpr CodeName<WarrantyKind> kKinds[] = {
    {WarrantyKind::kStructure, "structure", "地基基础和主体结构", "foundations and main structure"},
    {WarrantyKind::kWaterproofing, "waterproofing", "防水（屋面、卫生间、外墙防渗漏）", "waterproofing"},
    {WarrantyKind::kHeating, "heating", "供热系统", "heating"},
    {WarrantyKind::kPipes, "pipes", "电气管线、给排水管道", "electrical and water pipes"},
    {WarrantyKind::kEquipment, "equipment", "设备安装", "equipment"},
    {WarrantyKind::kDecoration, "decoration", "装修工程", "decoration"},
};
}  // namespace

std::string_view WarrantyCode(WarrantyKind kind) { return CodeOf(kKinds, kind); }
std::optional<WarrantyKind> ParseWarrantyKind(std::string_view code) { return ParseCode(kKinds, code); }

Date AddYears(Date from, int years) {
  Date to = from + std::chrono::years{years};
  if (!to.ok()) to = to.year() / to.month() / std::chrono::last;  // 29 February → 28 February
  return to;
}

Date UntilAfterYears(Date accepted, int years) { return Date{sys_days{AddYears(accepted, years)} - days{1}}; }

Date UntilAfterHeatingSeasons(Date accepted, const construction::Season& season, int seasons) {
  const auto md = [](construction::MonthDay m, std::chrono::year y) {
    return y / std::chrono::month{m.month} / std::chrono::day{m.day};
  };
  // The first season start strictly after the acceptance day.
  std::chrono::year y = accepted.year();
  Date start = md(season.from, y);
  if (!start.ok()) start = y / std::chrono::month{season.from.month} / std::chrono::last;
  if (sys_days{start} <= sys_days{accepted}) {
    y += std::chrono::years{1};
    start = md(season.from, y);
    if (!start.ok()) start = y / std::chrono::month{season.from.month} / std::chrono::last;
  }
  // The `seasons`-th season begins seasons − 1 years later; it ends on `to` of the same winter.
  const std::chrono::year last_start = start.year() + std::chrono::years{seasons - 1};
  const std::chrono::year end_year = season.from <= season.to ? last_start : last_start + std::chrono::years{1};
  Date end = md(season.to, end_year);
  if (!end.ok()) end = end_year / std::chrono::month{season.to.month} / std::chrono::last;
  return end;
}

Date WarrantyUntil(WarrantyKind kind, Date accepted, const std::optional<construction::Season>& heating,
                   const WarrantyRules& rules) {
  switch (kind) {
    case WarrantyKind::kStructure: return UntilAfterYears(accepted, rules.structure_years);
    case WarrantyKind::kWaterproofing: return UntilAfterYears(accepted, rules.waterproofing_years);
    case WarrantyKind::kHeating:
      if (heating) return UntilAfterHeatingSeasons(accepted, *heating, rules.heating_seasons);
      return UntilAfterYears(accepted, rules.two_year_items);
    case WarrantyKind::kPipes:
    case WarrantyKind::kEquipment:
    case WarrantyKind::kDecoration: return UntilAfterYears(accepted, rules.two_year_items);
  }
  return accepted;
}

}  // namespace huanxin::core::acceptance
