#include "core/project/publicity.hpp"

namespace huanxin::core::project {

namespace {
struct Info {
  std::string_view code;
  const char* zh;
  const char* en;
};
constexpr Info kNotice[] = {
    {"plan", "改造方案公示", "plan"},           {"design", "设计方案公示", "design"},
    {"budget", "预算公示", "budget"},          {"result", "结果公示", "result"},
    {"completion", "竣工公示", "completion"},
};
constexpr Info kUses[] = {
    {"pocket_park", "口袋公园", "pocket park"},          {"parking", "停车场（位）", "parking"},
    {"elderly_station", "养老服务站", "elderly care station"}, {"childcare_station", "托育服务站", "childcare station"},
    {"other", "其他用途", "other use"},
};
template <std::size_t N>
std::optional<int> IndexOf(const Info (&t)[N], std::string_view code) {
  for (std::size_t i = 0; i < N; ++i)
    if (t[i].code == code) return static_cast<int>(i);
  return std::nullopt;
}
}  // namespace

std::string_view NoticeKindCode(NoticeKind k) { return kNotice[static_cast<int>(k)].code; }
std::optional<NoticeKind> ParseNoticeKind(std::string_view code) {
  auto i = IndexOf(kNotice, code);
  return i ? std::optional<NoticeKind>(static_cast<NoticeKind>(*i)) : std::nullopt;
}
Text NoticeKindName(NoticeKind k) { return Text(kNotice[static_cast<int>(k)].zh, kNotice[static_cast<int>(k)].en); }

std::string_view ResourceUseCode(ResourceUse u) { return kUses[static_cast<int>(u)].code; }
std::optional<ResourceUse> ParseResourceUse(std::string_view code) {
  auto i = IndexOf(kUses, code);
  return i ? std::optional<ResourceUse>(static_cast<ResourceUse>(*i)) : std::nullopt;
}
Text ResourceUseName(ResourceUse u) { return Text(kUses[static_cast<int>(u)].zh, kUses[static_cast<int>(u)].en); }

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
