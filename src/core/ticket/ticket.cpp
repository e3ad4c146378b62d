#include "core/ticket/ticket.hpp"

#include <algorithm>

#include "common/decimal.hpp"

namespace huanxin::core::ticket {

namespace {

using std::chrono::days;
using std::chrono::minutes;
using std::chrono::sys_days;
constexpr std::chrono::hours kBeijing{8};  // UTC+8, no daylight saving (common/clock.hpp)

Error Illegal(Status from, Status to) {
  return MakeError(ErrorCode::kConflict, "ticket.illegal_transition", Text("诉求状态不允许这样变更", "the ticket cannot move so"),
                   Text("从“" + StatusName(from).zh + "”不能变为“" + StatusName(to).zh + "”",
                        "from " + std::string(StatusCode(from)) + " to " + std::string(StatusCode(to)) + " is not allowed"),
                   Text("顺序为：已提交 → 已受理 → 处理中 → 已解决 → 已关闭；已提交或已受理的可退回（写明理由）",
                        "the order is submitted → accepted → in_progress → resolved → closed; submitted or accepted "
                        "tickets may be rejected with a reason"));
}

bool Blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

// The Beijing calendar day of a UTC instant, and the UTC instant of a Beijing day's minute.
sys_days BeijingDay(TimePoint t) { return std::chrono::floor<days>(t + kBeijing); }
TimePoint AtBeijing(sys_days d, int minute) {
  return std::chrono::time_point_cast<TimePoint::duration>(TimePoint(d) + minutes(minute) - kBeijing);
}

}  // namespace

std::string_view StatusCode(Status s) {
  switch (s) {
    case Status::kSubmitted: return "submitted";
    case Status::kAccepted: return "accepted";
    case Status::kInProgress: return "in_progress";
    case Status::kResolved: return "resolved";
    case Status::kClosed: return "closed";
    case Status::kRejected: return "rejected";
  }
  return "submitted";
}

std::optional<Status> ParseStatus(std::string_view code) {
  for (auto s : kStatuses)
    if (StatusCode(s) == code) return s;
  return std::nullopt;
}

Text StatusName(Status s) {
  switch (s) {
    case Status::kSubmitted: return Text("已提交", "submitted");
    case Status::kAccepted: return Text("已受理", "accepted");
    case Status::kInProgress: return Text("处理中", "in progress");
    case Status::kResolved: return Text("已解决", "resolved");
    case Status::kClosed: return Text("已关闭", "closed");
    case Status::kRejected: return Text("不予受理", "rejected");
  }
  return Text("已提交", "submitted");
}

std::string_view Open311Status(Status s) { return IsSettled(s) ? "closed" : "open"; }

bool IsSettled(Status s) { return s == Status::kResolved || s == Status::kClosed || s == Status::kRejected; }

std::string_view ChannelCode(Channel c) {
  switch (c) {
    case Channel::kH5: return "h5";
    case Channel::kStaff: return "staff";
    case Channel::kOpen311: return "open311";
  }
  return "h5";
}

std::optional<Channel> ParseChannel(std::string_view code) {
  for (auto c : {Channel::kH5, Channel::kStaff, Channel::kOpen311})
    if (ChannelCode(c) == code) return c;
  return std::nullopt;
}

Result<void> CheckTransition(Status from, Status to, std::string_view note) {
  const bool legal = (from == Status::kSubmitted && (to == Status::kAccepted || to == Status::kRejected)) ||
                     (from == Status::kAccepted && (to == Status::kInProgress || to == Status::kRejected)) ||
                     (from == Status::kInProgress && to == Status::kResolved) ||
                     (from == Status::kResolved && to == Status::kClosed);
  if (!legal) return Illegal(from, to);
  if (to == Status::kRejected && Blank(note))
    return MakeError(ErrorCode::kUnprocessable, "ticket.reason_required", Text("不予受理须写明理由", "a rejection needs a reason"),
                     {}, Text("在 note 中写明理由，居民可在查询页看到", "write the reason in note; the resident sees it"));
  return Ok();
}

Result<void> CheckReopen(Status from, int reopen_count, bool merged) {
  if (merged || (from != Status::kResolved && from != Status::kClosed))
    return MakeError(ErrorCode::kConflict, "ticket.not_reopenable", Text("该诉求不能重新打开", "the ticket cannot be reopened"),
                     Text("状态为“" + StatusName(from).zh + "”", "its status is " + std::string(StatusCode(from))),
                     Text("只有已解决或已关闭的诉求可重新打开；请另行提交", "only resolved or closed tickets reopen; file a new one"));
  if (reopen_count >= 1)
    return MakeError(ErrorCode::kConflict, "ticket.reopened_already", Text("该诉求已重新打开过一次", "the ticket was reopened once already"),
                     {}, Text("如仍不满意，请另行提交或联系楼栋联系人", "file a new ticket or call the building's contacts"));
  return Ok();
}

Result<void> CheckRating(Status from, int stars) {
  if (stars < 1 || stars > 5)
    return MakeError(ErrorCode::kUnprocessable, "ticket.invalid_rating", Text("评价应为1–5星", "a rating is 1–5 stars"),
                     Text::Same(std::to_string(stars)));
  if (from != Status::kResolved)
    return MakeError(ErrorCode::kConflict, "ticket.not_resolved", Text("诉求解决后才能评价", "only a resolved ticket is rated"),
                     Text("状态为“" + StatusName(from).zh + "”", "its status is " + std::string(StatusCode(from))));
  return Ok();
}

Result<void> CheckMerge(std::int64_t duplicate_id, Status duplicate, std::int64_t kept_id, Status kept, bool kept_merged) {
  auto refuse = [](Text detail) {
    return MakeError(ErrorCode::kConflict, "ticket.not_mergeable", Text("不能合并", "the tickets cannot be merged"),
                     std::move(detail));
  };
  if (duplicate_id == kept_id) return refuse(Text("不能与自身合并", "a ticket is not its own duplicate"));
  if (IsSettled(duplicate)) return refuse(Text("重复诉求已办结", "the duplicate is settled already"));
  if (kept == Status::kRejected || kept_merged) return refuse(Text("保留的诉求已退回或已被合并", "the kept ticket is rejected or merged"));
  return Ok();
}

std::string_view TargetUnitCode(TargetUnit u) { return u == TargetUnit::kWorkingHours ? "working_hours" : "working_days"; }

std::optional<TargetUnit> ParseTargetUnit(std::string_view code) {
  if (code == "working_hours") return TargetUnit::kWorkingHours;
  if (code == "working_days") return TargetUnit::kWorkingDays;
  return std::nullopt;
}

Result<void> CheckTarget(const ResponseTarget& t) {
  const int max = t.unit == TargetUnit::kWorkingHours ? kMaxTargetHours : kMaxTargetDays;
  if (t.amount < 1 || t.amount > max)
    return MakeError(ErrorCode::kUnprocessable, "ticket.invalid_target", Text("响应时限超出范围", "the response target is out of range"),
                     Text("应为1–" + std::to_string(max), "must be 1–" + std::to_string(max)));
  return Ok();
}

std::optional<OfficeHours> ParseOfficeHours(std::string_view text) {
  // "HH:MM-HH:MM"
  if (text.size() != 11 || text[2] != ':' || text[5] != '-' || text[8] != ':') return std::nullopt;
  auto num = [&](std::size_t at) -> int {
    if (text[at] < '0' || text[at] > '9' || text[at + 1] < '0' || text[at + 1] > '9') return -1;
    return (text[at] - '0') * 10 + (text[at + 1] - '0');
  };
  const int h1 = num(0), m1 = num(3), h2 = num(6), m2 = num(9);
  if (h1 < 0 || m1 < 0 || h2 < 0 || m2 < 0 || h1 > 24 || h2 > 24 || m1 > 59 || m2 > 59) return std::nullopt;
  OfficeHours o{h1 * 60 + m1, h2 * 60 + m2};
  if (o.start_minute >= o.end_minute || o.end_minute > 24 * 60) return std::nullopt;
  return o;
}

Result<TimePoint> DueAt(const calendar::WorkCalendar& cal, TimePoint received, const ResponseTarget& target,
                        const OfficeHours& hours) {
  if (auto r = CheckTarget(target); !r) return std::move(r).error();
  const sys_days day0 = BeijingDay(received);
  if (target.unit == TargetUnit::kWorkingDays) {
    auto end = cal.WindowEnd(std::chrono::year_month_day(day0 + days(1)), target.amount);
    if (!end) return std::move(end).error();
    return AtBeijing(sys_days(*end), hours.end_minute);
  }
  auto left = std::chrono::duration_cast<TimePoint::duration>(std::chrono::hours(target.amount));
  TimePoint cursor = received;
  for (sys_days d = day0;; d += days(1)) {
    auto working = cal.IsWorkingDay(std::chrono::year_month_day(d));
    if (!working) return std::move(working).error();
    if (!*working) continue;
    const TimePoint open = AtBeijing(d, hours.start_minute), close = AtBeijing(d, hours.end_minute);
    const TimePoint from = std::max(cursor, open);
    if (from >= close) continue;
    if (close - from >= left) return from + left;
    left -= close - from;
  }
}

bool IsOverdue(Status s, TimePoint due, TimePoint now) { return !IsSettled(s) && now > due; }

Figures ComputeFigures(const std::vector<FigureRow>& rows) {
  Figures f;
  std::vector<double> hours;
  std::int64_t satisfied = 0, stars = 0;
  for (const auto& r : rows) {
    if (r.merged) continue;
    ++f.received;
    if (r.status == Status::kResolved || r.status == Status::kClosed) {
      ++f.solved;
      if (r.hours) hours.push_back(*r.hours);
    }
    if (r.rating) {
      ++f.rated;
      stars += *r.rating;
      if (*r.rating >= 4) ++satisfied;
    }
  }
  f.solved_rate = PercentHundredths(f.solved, f.received);
  f.satisfaction = PercentHundredths(satisfied, f.rated);
  if (f.rated > 0) f.average_rating = (stars * 200 + f.rated) / (2 * f.rated);  // ×100, half up
  if (!hours.empty()) {
    std::sort(hours.begin(), hours.end());
    const auto n = hours.size();
    f.median_hours = n % 2 ? hours[n / 2] : (hours[n / 2 - 1] + hours[n / 2]) / 2;
  }
  return f;
}

}  // namespace huanxin::core::ticket
