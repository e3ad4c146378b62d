// Time source and the storage/API time format.
//
// Times are stored and sent as UTC ISO 8601 with milliseconds ("2026-11-21T06:59:09.123Z"), which
// sorts lexicographically in both SQLite and PostgreSQL text columns. Tests inject a ManualClock;
// nothing sleeps for the wall clock.
#pragma once

#include <atomic>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace huanxin {

using TimePoint = std::chrono::system_clock::time_point;

// Clock port. Thread safety: implementations are safe to call from any thread.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  TimePoint Now() const override { return std::chrono::system_clock::now(); }
};

// A clock that moves only when told to (tests).
class ManualClock final : public Clock {
 public:
  explicit ManualClock(TimePoint start) : now_(start.time_since_epoch().count()) {}
  TimePoint Now() const override { return TimePoint(TimePoint::duration(now_.load())); }
  void Advance(std::chrono::milliseconds d) {
    now_ += std::chrono::duration_cast<TimePoint::duration>(d).count();
  }

 private:
  std::atomic<TimePoint::rep> now_;
};

// "2026-11-21T06:59:09.123Z" (UTC, milliseconds).
std::string FormatIsoUtc(TimePoint tp);
// Beijing time (Asia/Shanghai): UTC+8 all year — China has observed no daylight saving time since
// 1991 — so the conversion is a fixed offset, no time-zone database needed. Documents, dates people
// read and rules that speak of a calendar day in China (which law a vote falls under, the current
// year) use it; storage and the API stay in UTC.
inline constexpr std::chrono::hours kShanghaiOffset{8};
// The first `length` characters of "YYYY-MM-DD HH:MM:SS" in Beijing time: 10 gives the date,
// 16 the minute ("2021-01-01 00:30" for 2020-12-31T16:30:00Z).
std::string FormatShanghai(TimePoint tp, std::size_t length = 16);
// The calendar year in Beijing time.
int ShanghaiYear(TimePoint tp);

// Parses "YYYY-MM-DD", "YYYY-MM-DDTHH:MM:SS[.fff]Z" or with a "+08:00"-style offset.
std::optional<TimePoint> ParseIso(std::string_view text);

}  // namespace huanxin
