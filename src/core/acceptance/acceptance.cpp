#include "core/acceptance/acceptance.hpp"

#include <algorithm>

#include "common/code_table.hpp"
#include "common/decimal.hpp"

namespace huanxin::core::acceptance {

namespace {

Error Unprocessable(std::string reason, Text message, Text detail = {}, Text hint = {}) {
  return MakeError(ErrorCode::kUnprocessable, std::move(reason), std::move(message), std::move(detail), std::move(hint));
}

bool Blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; });
}

constexpr CodeName<PunchStatus> kPunch[] = {
    {PunchStatus::kOpen, "open", "未整改", "open"},
    {PunchStatus::kResolved, "resolved", "已整改", "resolved"},
    {PunchStatus::kWaived, "waived", "经同意免于整改", "waived"},
};

constexpr CodeName<ParticipantRole> kRoles[] = {
    {ParticipantRole::kClient, "client", "建设单位", "client (建设单位)"},
    {ParticipantRole::kDesign, "design", "设计单位", "design unit"},
    {ParticipantRole::kConstruction, "construction", "施工单位", "construction unit"},
    {ParticipantRole::kSupervision, "supervision", "监理单位", "supervision unit"},
    {ParticipantRole::kResidentRepresentative, "resident_representative", "居民代表", "resident representatives"},
    {ParticipantRole::kStreet, "street", "街道办事处", "street office"},
    {ParticipantRole::kOwnersCommittee, "owners_committee", "业主委员会", "owners' committee"},
    {ParticipantRole::kPropertyCompany, "property_company", "物业服务企业", "property company"},
};

constexpr CodeName<DefectItem> kDefects[] = {
    {DefectItem::kRoofWaterproofing, "roof_waterproofing", "屋面防水", "roof waterproofing"},
    {DefectItem::kExternalWall, "external_wall", "外墙防渗漏", "external wall seepage"},
    {DefectItem::kElectrical, "electrical", "电气管线", "electrical lines"},
    {DefectItem::kWaterDrainage, "water_drainage", "给排水管道", "water and drainage pipes"},
    {DefectItem::kHeating, "heating", "供热", "heating"},
    {DefectItem::kOther, "other", "其他", "other"},
};

}  // namespace

Result<ChecklistTotal> ScoreChecklist(const std::vector<ChecklistItem>& items) {
  if (items.empty())
    return Unprocessable("acceptance.empty_checklist", Text("验收评分表为空", "the scored checklist is empty"), {},
                         Text("按验收项目逐项打分（1–5分）", "score each item 1–5"));
  ChecklistTotal t;
  std::set<std::string> seen;
  for (const auto& item : items) {
    if (!seen.insert(item.item_code).second)
      return Unprocessable("acceptance.duplicate_item", Text("验收项目重复", "an item is scored twice"), Text::Same(item.item_code));
    if (item.scores.empty())
      return Unprocessable("acceptance.empty_checklist", Text("验收项目没有评分项", "an item has no criterion"),
                           Text::Same(item.item_code));
    for (const auto& s : item.scores) {
      if (!ValidScore(s.score))
        return Unprocessable("acceptance.invalid_score", Text("评分应为1–5分", "a score must be 1–5"),
                             Text(item.item_code + " " + s.criterion + "：" + std::to_string(s.score) + "分",
                                  item.item_code + " " + s.criterion + ": " + std::to_string(s.score)),
                             Text("按评分表每项1–5分", "the form scores each criterion 1 to 5"));
      t.points += s.score;
      t.max_points += kMaxScore;
    }
  }
  t.percent_hundredths = PercentHundredths(t.points, t.max_points);
  return t;
}

std::string_view PunchStatusCode(PunchStatus s) { return CodeOf(kPunch, s); }
std::optional<PunchStatus> ParsePunchStatus(std::string_view code) { return ParseCode(kPunch, code); }

Result<void> CheckPunchList(const std::vector<PunchEntry>& entries) {
  for (std::size_t i = 0; i < entries.size(); ++i)
    if (entries[i].status == PunchStatus::kWaived && Blank(entries[i].waiver_reason))
      return Unprocessable("acceptance.waiver_without_reason", Text("免于整改须写明理由", "a waiver needs a reason"),
                           Text("第" + std::to_string(i + 1) + "项：" + entries[i].description,
                                "entry " + std::to_string(i + 1) + ": " + entries[i].description),
                           Text("填写 waiverReason，或整改后标记为 resolved", "give waiverReason, or resolve it and mark it resolved"));
  std::size_t open = 0;
  const PunchEntry* first = nullptr;
  for (const auto& e : entries)
    if (e.status == PunchStatus::kOpen) {
      ++open;
      if (!first) first = &e;
    }
  if (open == 0) return Ok();
  return Unprocessable("acceptance.punch_list_open", Text("整改清单尚有未整改项，不能通过竣工验收", "the punch list still has open entries"),
                       Text(std::to_string(open) + "项未整改，如：" + first->description,
                            std::to_string(open) + " open, e.g. " + first->description),
                       Text("整改后标记为 resolved，或经各方同意写明理由后标记为 waived",
                            "resolve them, or waive them with a reason agreed by the participants"));
}

std::string_view ParticipantCode(ParticipantRole r) { return CodeOf(kRoles, r); }
std::optional<ParticipantRole> ParseParticipant(std::string_view code) { return ParseCode(kRoles, code); }
Text ParticipantName(ParticipantRole r) { return NameOf(kRoles, r); }

Result<void> CheckParticipants(const std::set<ParticipantRole>& present) {
  std::string zh, en;
  for (auto r : {ParticipantRole::kClient, ParticipantRole::kDesign, ParticipantRole::kConstruction, ParticipantRole::kSupervision,
                 ParticipantRole::kResidentRepresentative}) {
    if (present.count(r)) continue;
    zh += (zh.empty() ? "" : "、") + ParticipantName(r).zh + "（" + std::string(ParticipantCode(r)) + "）";
    en += (en.empty() ? "" : ", ") + std::string(ParticipantCode(r));
  }
  if (zh.empty()) return Ok();
  return Unprocessable("acceptance.participant_missing", Text("竣工验收缺少参加单位", "participants are missing"),
                       Text("缺少：" + zh, "missing: " + en),
                       Text("建设单位组织设计、施工、监理单位和居民代表参加验收", "the client holds it with design, construction, supervision and resident representatives"));
}

WarrantyKind WarrantyKindOfItem(std::string_view code) {
  static constexpr std::string_view kPipes[] = {"B01", "B02", "B03", "B04", "B06", "B10", "B11"};
  static constexpr std::string_view kEquipment[] = {"B08", "B09", "B15", "I06", "I07", "I08", "U09"};
  if (code == "B12" || code == "B13") return WarrantyKind::kWaterproofing;
  if (code == "B07") return WarrantyKind::kHeating;
  if (std::find(std::begin(kPipes), std::end(kPipes), code) != std::end(kPipes)) return WarrantyKind::kPipes;
  if (std::find(std::begin(kEquipment), std::end(kEquipment), code) != std::end(kEquipment)) return WarrantyKind::kEquipment;
  return WarrantyKind::kDecoration;
}

std::string_view DefectItemCode(DefectItem d) { return CodeOf(kDefects, d); }
std::optional<DefectItem> ParseDefectItem(std::string_view code) { return ParseCode(kDefects, code); }
Text DefectItemName(DefectItem d) { return NameOf(kDefects, d); }

WarrantyKind WarrantyKindOf(DefectItem d) {
  switch (d) {
    case DefectItem::kRoofWaterproofing:
    case DefectItem::kExternalWall: return WarrantyKind::kWaterproofing;
    case DefectItem::kElectrical:
    case DefectItem::kWaterDrainage: return WarrantyKind::kPipes;
    case DefectItem::kHeating: return WarrantyKind::kHeating;
    case DefectItem::kOther: return WarrantyKind::kDecoration;
  }
  return WarrantyKind::kDecoration;
}

std::vector<std::string_view> ItemCodesOf(DefectItem d) {
  switch (d) {
    case DefectItem::kRoofWaterproofing: return {"B12"};
    case DefectItem::kExternalWall: return {"B13"};
    case DefectItem::kElectrical: return {"B03", "B10", "B11"};
    case DefectItem::kWaterDrainage: return {"B01", "B02"};
    case DefectItem::kHeating: return {"B07"};
    case DefectItem::kOther: return {};
  }
  return {};
}

std::string_view DefectRouteCode(DefectRoute r) { return r == DefectRoute::kBuilder ? "builder" : "property_and_fund"; }

}  // namespace huanxin::core::acceptance
