#include "core/construction/ical.hpp"

#include <chrono>
#include <cstdint>

#include "core/calendar/work_calendar.hpp"

namespace huanxin::core::construction {

namespace {

constexpr std::size_t kMaxOctets = 75;  // RFC 5545 §3.1

void Line(std::string& out, std::string_view line) { out += FoldIcalLine(line); }

}  // namespace

std::string EscapeIcalText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    switch (c) {
      case '\\': out += "\\\\"; break;
      case ';': out += "\\;"; break;
      case ',': out += "\\,"; break;
      case '\r':
        if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        out += "\\n";
        break;
      case '\n': out += "\\n"; break;
      default: out += c;
    }
  }
  return out;
}

std::string FoldIcalLine(std::string_view line) {
  std::string out;
  std::size_t room = kMaxOctets;  // octets the current physical line may still take
  std::size_t i = 0;
  while (i < line.size()) {
    // The length of the UTF-8 sequence starting at i (a stray continuation byte counts alone).
    const auto lead = static_cast<unsigned char>(line[i]);
    std::size_t n = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 1;
    if (i + n > line.size()) n = line.size() - i;
    if (n > room) {
      out += "\r\n ";
      room = kMaxOctets - 1;  // the leading space is an octet of the line
    }
    out.append(line.substr(i, n));
    room -= n;
    i += n;
  }
  out += "\r\n";
  return out;
}

std::string IcalUtc(std::string_view iso) {
  // 'YYYY-MM-DDTHH:MM:SS' then optional fraction, then 'Z'.
  if (iso.size() < 20 || iso[4] != '-' || iso[7] != '-' || iso[10] != 'T' || iso[13] != ':' || iso[16] != ':' ||
      iso.back() != 'Z')
    return "";
  std::string out;
  for (std::size_t i = 0; i < 19; ++i)
    if (iso[i] >= '0' && iso[i] <= '9') out += iso[i];
    else if (i == 10) out += 'T';
  if (out.size() != 15) return "";
  return out + "Z";
}

std::string IcalDate(std::string_view date, int add_days) {
  auto d = calendar::ParseDate(date);
  if (!d) return "";
  const calendar::Date moved{std::chrono::sys_days(*d) + std::chrono::days(add_days)};
  auto text = calendar::FormatDate(moved);
  return text.substr(0, 4) + text.substr(5, 2) + text.substr(8, 2);
}

std::string WriteIcal(const IcalCalendar& cal) {
  std::string out;
  Line(out, "BEGIN:VCALENDAR");
  Line(out, "PRODID:" + cal.prodid);
  Line(out, "VERSION:2.0");
  Line(out, "CALSCALE:GREGORIAN");
  Line(out, "METHOD:PUBLISH");
  Line(out, "X-WR-CALNAME:" + EscapeIcalText(cal.name));
  for (const auto& e : cal.events) {
    const auto start = IcalDate(e.from_on), end = IcalDate(e.to_on, 1);  // DTEND is exclusive (§3.6.1)
    if (start.empty() || end.empty()) continue;
    Line(out, "BEGIN:VEVENT");
    Line(out, "UID:" + e.uid);
    Line(out, "DTSTAMP:" + cal.dtstamp);
    Line(out, "SEQUENCE:" + std::to_string(e.sequence));
    Line(out, "DTSTART;VALUE=DATE:" + start);
    Line(out, "DTEND;VALUE=DATE:" + end);
    Line(out, "SUMMARY:" + EscapeIcalText(e.summary));
    if (!e.description.empty()) Line(out, "DESCRIPTION:" + EscapeIcalText(e.description));
    if (!e.location.empty()) Line(out, "LOCATION:" + EscapeIcalText(e.location));
    Line(out, "TRANSP:TRANSPARENT");
    Line(out, "END:VEVENT");
  }
  Line(out, "END:VCALENDAR");
  return out;
}

}  // namespace huanxin::core::construction
