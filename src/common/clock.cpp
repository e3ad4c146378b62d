#include "common/clock.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <ctime>

namespace huanxin {

std::string FormatIsoUtc(TimePoint tp) {
  using namespace std::chrono;
  auto ms = duration_cast<milliseconds>(tp.time_since_epoch()).count();
  std::time_t secs = static_cast<std::time_t>(ms >= 0 ? ms / 1000 : (ms - 999) / 1000);
  int millis = static_cast<int>(ms - static_cast<long long>(secs) * 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, millis);
  return buf;
}

std::string FormatShanghai(TimePoint tp, std::size_t length) {
  auto utc = FormatIsoUtc(tp + kShanghaiOffset);  // "YYYY-MM-DDTHH:MM:SS.mmmZ" of the Beijing wall clock
  utc[10] = ' ';
  return utc.substr(0, std::min<std::size_t>(length, 19));
}

int ShanghaiYear(TimePoint tp) { return std::stoi(FormatShanghai(tp, 4)); }

namespace {
bool ReadInt(std::string_view s, std::size_t pos, std::size_t len, int& out) {
  if (pos + len > s.size()) return false;
  auto [p, ec] = std::from_chars(s.data() + pos, s.data() + pos + len, out);
  return ec == std::errc() && p == s.data() + pos + len;
}
}  // namespace

std::optional<TimePoint> ParseIso(std::string_view s) {
  using namespace std::chrono;
  int y, mo, d, h = 0, mi = 0, sec = 0, millis = 0;
  if (s.size() < 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  if (!ReadInt(s, 0, 4, y) || !ReadInt(s, 5, 2, mo) || !ReadInt(s, 8, 2, d)) return std::nullopt;
  std::size_t pos = 10;
  int offset_minutes = 0;
  if (pos < s.size()) {
    if (s[pos] != 'T' && s[pos] != ' ') return std::nullopt;
    if (!ReadInt(s, pos + 1, 2, h) || s.size() < pos + 9 || s[pos + 3] != ':' ||
        !ReadInt(s, pos + 4, 2, mi) || s[pos + 6] != ':' || !ReadInt(s, pos + 7, 2, sec))
      return std::nullopt;
    pos += 9;
    if (pos < s.size() && s[pos] == '.') {
      std::size_t start = ++pos;
      while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
      std::string_view frac = s.substr(start, pos - start);
      if (frac.empty()) return std::nullopt;
      int scale = 100;
      for (std::size_t i = 0; i < frac.size() && i < 3; ++i, scale /= 10) millis += (frac[i] - '0') * scale;
    }
    if (pos < s.size()) {
      if (s[pos] == 'Z' && pos + 1 == s.size()) {
      } else if ((s[pos] == '+' || s[pos] == '-') && s.size() == pos + 6 && s[pos + 3] == ':') {
        int oh, om;
        if (!ReadInt(s, pos + 1, 2, oh) || !ReadInt(s, pos + 4, 2, om)) return std::nullopt;
        offset_minutes = (oh * 60 + om) * (s[pos] == '-' ? -1 : 1);
      } else {
        return std::nullopt;
      }
    }
  }
  year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
  if (!ymd.ok() || h > 23 || mi > 59 || sec > 60) return std::nullopt;
  auto tp = sys_days{ymd} + hours{h} + minutes{mi} + seconds{sec} + milliseconds{millis} -
            minutes{offset_minutes};
  // system_clock counts nanoseconds in 64 bits (years 1678-2261 with libstdc++); converting a date
  // outside that range would overflow, so it is rejected. In milliseconds any 4-digit year fits.
  if (tp < time_point_cast<milliseconds>(TimePoint::min()) || tp > time_point_cast<milliseconds>(TimePoint::max()))
    return std::nullopt;
  return time_point_cast<system_clock::duration>(tp);
}

}  // namespace huanxin
