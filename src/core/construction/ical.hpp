// An iCalendar (RFC 5545) writer for the works notices residents subscribe to (issue #13: "an
// iCalendar feed per estate"). Pure: the caller gives the events; the text follows RFC 5545:
// - §3.1 content lines end in CRLF and are folded at 75 octets (a CRLF and one space), never
//   inside a UTF-8 sequence (§3.1: "multi-octet characters … SHOULD NOT be split");
// - §3.3.11 TEXT escapes backslash, semicolon and comma with a backslash and writes a line break
//   as "\n";
// - §3.6.1 an all-day event has DTSTART;VALUE=DATE and an exclusive DTEND;VALUE=DATE (the day
//   after its last day);
// - §3.8.7.4 SEQUENCE grows with each revision (the caller passes the schedule's id).
// X-WR-CALNAME is the de-facto calendar name (Apple, Google, Thunderbird read it).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace huanxin::core::construction {

struct IcalEvent {
  std::string uid;           // stable across revisions ("…@huanxin")
  std::int64_t sequence = 0;
  std::string from_on, to_on;  // 'YYYY-MM-DD', inclusive; to_on ≥ from_on
  std::string summary, description, location;
};

struct IcalCalendar {
  std::string prodid;    // "-//Huanxin//Works notices//ZH"
  std::string name;      // X-WR-CALNAME
  std::string dtstamp;   // UTC 'YYYYMMDDTHHMMSSZ' (IcalUtc)
  std::vector<IcalEvent> events;
};

// The whole VCALENDAR, CRLF line endings, folded. Events with a date that does not parse are
// skipped (the caller's dates come from the store, always valid).
std::string WriteIcal(const IcalCalendar& cal);

// TEXT value escaping (RFC 5545 §3.3.11): "\\" → "\\\\", ";" → "\\;", "," → "\\,", CRLF, CR or LF
// → "\\n".
std::string EscapeIcalText(std::string_view text);

// One content line folded at 75 octets, each physical line ending in CRLF; continuation lines start
// with one space (counted in their 75). Never splits a UTF-8 sequence.
std::string FoldIcalLine(std::string_view line);

// An ISO 8601 UTC time ('2026-04-01T08:30:00Z', or with fractions) as 'YYYYMMDDTHHMMSSZ'; "" when
// it is not one.
std::string IcalUtc(std::string_view iso);

// 'YYYY-MM-DD' → 'YYYYMMDD' of the day `add_days` later; "" when it is not a date.
std::string IcalDate(std::string_view date, int add_days = 0);

}  // namespace huanxin::core::construction
