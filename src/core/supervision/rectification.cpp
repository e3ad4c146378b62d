#include "core/supervision/rectification.hpp"

#include <algorithm>
#include <string>

namespace huanxin::core::supervision {

namespace {

Date NextDay(Date d) { return Date{std::chrono::sys_days{d} + std::chrono::days{1}}; }

Error BadDays(std::string_view what, int n, int max) {
  const auto s = std::to_string(n), m = std::to_string(max);
  return MakeError(ErrorCode::kUnprocessable, "supervision.invalid_days", Text(std::string(what) + " 应为 1–" + m + " 个工作日，现为 " + s,
                                                   std::string(what) + " must be 1–" + m + " working days, got " + s),
                 Text::Same(std::string(what)), Text("请填写 1–" + m + " 的整数", "give an integer 1–" + m));
}

}  // namespace

Result<Date> DueOn(const calendar::WorkCalendar& cal, Date issued_on, int working_days) {
  if (working_days < 1 || working_days > kMaxDueWorkingDays)
    return BadDays("dueInWorkingDays", working_days, kMaxDueWorkingDays);
  return cal.WindowEnd(NextDay(issued_on), working_days);
}

Result<EscalationStarts> Starts(const calendar::WorkCalendar& cal, Date due_on, int bureau_working_days) {
  if (bureau_working_days < 1 || bureau_working_days > 30)
    return BadDays("bureau_escalation_working_days", bureau_working_days, 30);
  auto street = cal.WindowEnd(NextDay(due_on), 1);
  if (!street) return std::move(street).error();
  auto bureau = cal.WindowEnd(NextDay(due_on), 1 + bureau_working_days);
  if (!bureau) return std::move(bureau).error();
  return EscalationStarts{*street, *bureau};
}

Result<Level> LevelOn(const calendar::WorkCalendar& cal, Date due_on, Date today, int bureau_working_days) {
  if (std::chrono::sys_days{today} <= std::chrono::sys_days{due_on}) return Level::kNone;
  auto s = Starts(cal, due_on, bureau_working_days);
  if (!s) return std::move(s).error();
  const auto t = std::chrono::sys_days{today};
  if (t >= std::chrono::sys_days{s->bureau}) return Level::kBureau;
  if (t >= std::chrono::sys_days{s->street}) return Level::kStreet;
  return Level::kNone;
}

std::string_view StatusName(Status s) {
  switch (s) {
    case Status::kOpen: return "open";
    case Status::kReplied: return "replied";
    case Status::kClosed: return "closed";
  }
  return "open";
}

std::optional<Status> ParseStatus(std::string_view s) {
  for (auto st : {Status::kOpen, Status::kReplied, Status::kClosed})
    if (StatusName(st) == s) return st;
  return std::nullopt;
}

Result<Status> Next(Status from, Action action) {
  if (action == Action::kReply && from == Status::kOpen) return Status::kReplied;
  if (action == Action::kPass && from == Status::kReplied) return Status::kClosed;
  if (action == Action::kFail && from == Status::kReplied) return Status::kOpen;
  const std::string state(StatusName(from));
  const std::string act = action == Action::kReply ? "reply" : "recheck";
  return MakeError(ErrorCode::kConflict, "supervision.bad_state",
                   Text("整改单当前为 " + state + " 状态，不能" + (action == Action::kReply ? "回复" : "复查"),
                        "the order is " + state + ": it cannot take a " + act),
                   Text::Same(state + " → " + act),
                   Text("回复仅限未回复的整改单，复查仅限已回复的整改单",
                        "reply to an open order; re-inspect a replied one"));
}

int Score(const UnitRecord& r, const ScoreWeights& w) {
  const std::int64_t lost = r.orders * w.finding + r.overdue * w.overdue + r.reworks * w.rework;
  return static_cast<int>(std::clamp<std::int64_t>(100 - lost, 0, 100));
}

std::optional<std::int64_t> OnTimeRate(const UnitRecord& r) {
  if (r.closed <= 0) return std::nullopt;
  return (r.closed_on_time * 20000 + r.closed) / (2 * r.closed);
}

}  // namespace huanxin::core::supervision
