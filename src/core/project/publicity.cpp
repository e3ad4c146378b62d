#include "core/project/publicity.hpp"

#include "common/code_table.hpp"

namespace huanxin::core::project {

namespace {
constexpr CodeName<NoticeKind> kNotice[] = {
    {NoticeKind::kPlan, "plan", "改造方案公示", "plan"},
    {NoticeKind::kDesign, "design", "设计方案公示", "design"},
    {NoticeKind::kBudget, "budget", "预算公示", "budget"},
    {NoticeKind::kResult, "result", "结果公示", "result"},
    {NoticeKind::kCompletion, "completion", "竣工公示", "completion"},
};
constexpr CodeName<ResourceUse> kUses[] = {
    {ResourceUse::kPocketPark, "pocket_park", "口袋公园", "pocket park"},
    {ResourceUse::kParking, "parking", "停车场（位）", "parking"},
    {ResourceUse::kElderlyStation, "elderly_station", "养老服务站", "elderly care station"},
    {ResourceUse::kChildcareStation, "childcare_station", "托育服务站", "childcare station"},
    {ResourceUse::kOther, "other", "其他用途", "other use"},
};
}  // namespace

std::string_view NoticeKindCode(NoticeKind k) { return CodeOf(kNotice, k); }
std::optional<NoticeKind> ParseNoticeKind(std::string_view code) { return ParseCode(kNotice, code); }
Text NoticeKindName(NoticeKind k) { return NameOf(kNotice, k); }

std::string_view ResourceUseCode(ResourceUse u) { return CodeOf(kUses, u); }
std::optional<ResourceUse> ParseResourceUse(std::string_view code) { return ParseCode(kUses, code); }
Text ResourceUseName(ResourceUse u) { return NameOf(kUses, u); }

std::string_view WindowStatusCode(WindowStatus s) {
  switch (s) {
    case WindowStatus::kScheduled: return "scheduled";
    case WindowStatus::kOpen: return "open";
    case WindowStatus::kClosed: return "closed";
  }
  return "closed";
}

WindowStatus WindowStatusOn(std::string_view today, std::string_view starts_on, std::string_view ends_on) {
  if (today < starts_on) return WindowStatus::kScheduled;  // ISO dates compare as text
  if (today > ends_on) return WindowStatus::kClosed;
  return WindowStatus::kOpen;
}

Result<void> CheckObjectionWindow(std::string_view today, std::string_view starts_on, std::string_view ends_on) {
  const auto st = WindowStatusOn(today, starts_on, ends_on);
  if (st == WindowStatus::kOpen) return Ok();
  const std::string window = std::string(starts_on) + " – " + std::string(ends_on);
  return MakeError(ErrorCode::kConflict, "publicity.closed",
                   st == WindowStatus::kScheduled ? Text("公示尚未开始", "the publicity period has not started")
                                                  : Text("公示期已结束", "the publicity period has ended"),
                   Text("公示期：" + window + "；今天：" + std::string(today),
                        "publicity period: " + window + "; today: " + std::string(today)),
                   Text("公示期外的意见请联系街道或社区", "outside the period, contact the street office or community"));
}

}  // namespace huanxin::core::project
