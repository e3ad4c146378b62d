// Warranty clocks (保修期; issue #14, REFERENCE.md §4.2: 建设工程质量管理条例 Art. 40, 房屋建筑工程
// 质量保修办法 Art. 7), counted from the day completion acceptance is passed.
//
// Pure: the heating season comes from the caller (the city's seasons, core/construction/steps.hpp).
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

#include "core/construction/steps.hpp"

namespace huanxin::core::acceptance {

using Date = std::chrono::year_month_day;

enum class WarrantyKind {
  kStructure,      // 地基基础和主体结构: the design service life
  kWaterproofing,  // 屋面防水、有防水要求的卫生间和房间、外墙面防渗漏: 5 years
  kHeating,        // 供热与供冷系统: 2 heating (or cooling) seasons
  kPipes,          // 电气管线、给排水管道: 2 years
  kEquipment,      // 设备安装: 2 years
  kDecoration,     // 装修工程: 2 years
};

std::string_view WarrantyCode(WarrantyKind kind);  // structure | waterproofing | heating | pipes | equipment | decoration
std::optional<WarrantyKind> ParseWarrantyKind(std::string_view code);

// The same day `years` later; 29 February falls on 28 February in a common year.
Date AddYears(Date from, int years);

// The last day a warranty of `years` years covers: the day before the anniversary (accepted
// 2026-07-03 → 5 years until 2031-07-02).
Date UntilAfterYears(Date accepted, int years);

// The last day of the `seasons`-th heating season that begins after `accepted` (a season in
// progress on the acceptance day does not count: its heating was not a full season of use — an
// inference, REFERENCE.md §4.2 says only "2 heating seasons"). Seasons are the city's `MM-DD`
// pair, wrapping the new year when `from` > `to` (20 October → 20 April).
Date UntilAfterHeatingSeasons(Date accepted, const construction::Season& season, int seasons);

struct WarrantyRules {
  int structure_years = 50;     // the design service life of an ordinary residential building (GB 50352)
  int waterproofing_years = 5;
  int two_year_items = 2;
  int heating_seasons = 2;
};

// The last covered day of `kind` for works accepted on `accepted`. Heating counts the city's
// heating seasons; where the city has none (southern cities), 2 years.
Date WarrantyUntil(WarrantyKind kind, Date accepted, const std::optional<construction::Season>& heating,
                   const WarrantyRules& rules = {});

// Whether a defect found on `found` falls under the warranty (inclusive of `until`).
inline bool UnderWarranty(Date until, Date found) {
  return std::chrono::sys_days{found} <= std::chrono::sys_days{until};
}

}  // namespace huanxin::core::acceptance
