// Publicity (公示) and the resource list (资源清单). Pure.
//
// A notice is posted for a window of working days on the official calendar (REFERENCE.md §9; the
// calendar context counts them): 7 by default (REFERENCE.md §4: a Zijin county draft was publicised
// for 7 working days, "the usual length [inference]"; config project.publicity_working_days). Day 1
// is the first working day on or after the start date; the window ends at the end of the last
// counted working day (Beijing time). Objections are taken from the start date to the end of the
// window; a revision starts a new window and keeps every earlier version.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/error.hpp"
#include "common/result.hpp"

namespace huanxin::core::project {

enum class NoticeKind { kPlan, kDesign, kBudget, kResult, kCompletion };
inline constexpr NoticeKind kNoticeKinds[] = {NoticeKind::kPlan, NoticeKind::kDesign, NoticeKind::kBudget,
                                              NoticeKind::kResult, NoticeKind::kCompletion};
std::string_view NoticeKindCode(NoticeKind k);
std::optional<NoticeKind> ParseNoticeKind(std::string_view code);
Text NoticeKindName(NoticeKind k);

// scheduled (before its start date), open, closed (after the end of the window).
enum class WindowStatus { kScheduled, kOpen, kClosed };
std::string_view WindowStatusCode(WindowStatus s);
// `today`, `starts_on`, `ends_on` as 'YYYY-MM-DD' (Beijing dates).
WindowStatus WindowStatusOn(std::string_view today, std::string_view starts_on, std::string_view ends_on);

// 409 publicity.closed unless the window is open on `today`.
Result<void> CheckObjectionWindow(std::string_view today, std::string_view starts_on, std::string_view ends_on);

// Limits of what a resident may send (h5, no login).
inline constexpr std::size_t kObjectionMaxChars = 2000;
inline constexpr std::size_t kObjectionNameMaxChars = 40;
inline constexpr int kPublicityMaxWorkingDays = 60;

// What an idle space is proposed for (延平's 39 pocket parks, 青云谱's reservoir turned children's park).
enum class ResourceUse { kPocketPark, kParking, kElderlyStation, kChildcareStation, kOther };
inline constexpr ResourceUse kResourceUses[] = {ResourceUse::kPocketPark, ResourceUse::kParking,
                                                ResourceUse::kElderlyStation, ResourceUse::kChildcareStation,
                                                ResourceUse::kOther};
std::string_view ResourceUseCode(ResourceUse u);
std::optional<ResourceUse> ParseResourceUse(std::string_view code);
Text ResourceUseName(ResourceUse u);

}  // namespace huanxin::core::project
