// Completion acceptance (竣工验收), household acceptance (分户验收) and warranty defects routed by
// the warranty clock (issue #14 "Acceptance and warranty"; REFERENCE.md §4, §4.2, §4.3; README.md
// beside). Pure: no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "common/result.hpp"
#include "core/acceptance/warranty.hpp"

namespace huanxin::core::acceptance {

// ---- the scored checklist (REFERENCE.md §4: "a scored form (1–5 points per item)") ----

inline constexpr int kMinScore = 1;
inline constexpr int kMaxScore = 5;

// Whether `score` is a point of the 1–5 form.
inline bool ValidScore(std::int64_t score) { return score >= kMinScore && score <= kMaxScore; }

struct Score {
  std::string criterion;
  int score = 0;
};
struct ChecklistItem {
  std::string item_code;  // a renovation item (renovation_item.code)
  std::vector<Score> scores;
};

struct ChecklistTotal {
  std::int64_t points = 0, max_points = 0;
  std::int64_t percent_hundredths = 0;  // points / max_points in hundredths of a percent, rounded half up
};

// The points of the form and the most it could have (5 per criterion). 422 acceptance.invalid_score
// naming the item and criterion when a score lies outside 1–5; 422 acceptance.empty_checklist when
// there is no item or an item has no criterion; 422 acceptance.duplicate_item for an item scored
// twice.
Result<ChecklistTotal> ScoreChecklist(const std::vector<ChecklistItem>& items);

// ---- the punch list (整改清单) ----

enum class PunchStatus { kOpen, kResolved, kWaived };
std::string_view PunchStatusCode(PunchStatus s);  // open | resolved | waived
std::optional<PunchStatus> ParsePunchStatus(std::string_view code);

struct PunchEntry {
  std::string description;
  PunchStatus status = PunchStatus::kOpen;
  std::string waiver_reason;
};

// Completion acceptance passes only over a punch list that is empty or whose every entry is resolved
// or waived with a reason (issue #14). 422 acceptance.waiver_without_reason naming the entry (1-based)
// for a waiver with a blank reason (checked first: it is a mistake in the request itself); 422
// acceptance.punch_list_open with the count and the first open entry otherwise.
Result<void> CheckPunchList(const std::vector<PunchEntry>& entries);

// ---- participants (REFERENCE.md §4.3) ----

enum class ParticipantRole {
  kClient,                  // 建设单位 (the owner of the works; the street office or its platform company)
  kDesign,                  // 设计单位
  kConstruction,            // 施工单位
  kSupervision,             // 监理单位
  kResidentRepresentative,  // 居民代表
  kStreet,                  // 街道
  kOwnersCommittee,         // 业主委员会
  kPropertyCompany,         // 物业服务企业
};
std::string_view ParticipantCode(ParticipantRole r);
std::optional<ParticipantRole> ParseParticipant(std::string_view code);
Text ParticipantName(ParticipantRole r);

// The roles an acceptance cannot go without: the 建设单位 organises it with the design, construction
// and supervision units (REFERENCE.md §4.3, standard practice), and renovation adds resident
// representatives (Sixian; core/project/gates.hpp: "with residents' representatives"). 422
// acceptance.participant_missing naming each missing role.
Result<void> CheckParticipants(const std::set<ParticipantRole>& present);

// ---- warranty kinds of renovation items and of residents' defect items ----

// The warranty kind of a renovation item (renovation_item codes, migration 0003) by REFERENCE.md
// §4.2 (建设工程质量管理条例 Art. 40): B12 roof and B13 external walls waterproofing (5 years); B07
// heating (2 heating seasons); B01–B04, B06, B10, B11 water, drainage, power, telecom, gas,
// lighting and cables "electrical lines, water supply and drainage pipes" (2 years); B08, B09, B15,
// I06–I08, U09 installed equipment (2 years); everything else decoration (2 years) — "other items by
// contract" in the regulation, 2 years here as an inference.
WarrantyKind WarrantyKindOfItem(std::string_view item_code);

// The item a resident names on a warranty-defect ticket (the Open311 attribute `defect_item`).
enum class DefectItem { kRoofWaterproofing, kExternalWall, kElectrical, kWaterDrainage, kHeating, kOther };
std::string_view DefectItemCode(DefectItem d);  // roof_waterproofing | external_wall | electrical | water_drainage | heating | other
std::optional<DefectItem> ParseDefectItem(std::string_view code);
Text DefectItemName(DefectItem d);
// Its warranty kind (REFERENCE.md §4.2): roof and external wall waterproofing; electrical and water
// or drainage pipes; heating; other → decoration (2 years, the inference above).
WarrantyKind WarrantyKindOf(DefectItem d);
// The renovation items that build it (empty for `other`: any item of the project).
std::vector<std::string_view> ItemCodesOf(DefectItem d);

// Who a warranty defect goes to (issue #14): the unit that built the item while its warranty runs
// (建设工程质量管理条例 Art. 41: the builder repairs defects within the warranty), the property
// company and the maintenance fund (专项维修资金) after.
enum class DefectRoute { kBuilder, kPropertyAndFund };
std::string_view DefectRouteCode(DefectRoute r);  // builder | property_and_fund
// kBuilder when `found` ≤ `until` (until is the last day covered), else kPropertyAndFund.
inline DefectRoute DecideDefectRoute(Date until, Date found) {
  return UnderWarranty(until, found) ? DefectRoute::kBuilder : DefectRoute::kPropertyAndFund;
}

}  // namespace huanxin::core::acceptance
