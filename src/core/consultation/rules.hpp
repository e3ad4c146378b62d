// Owner decision rules (issue #5): Civil Code Art. 278, the Property Law (2007) Art. 76 rule it
// replaced, and configurable rules for non-statutory consultations. Pure: no I/O.
//
// Sources (../shared/domain/REFERENCE.md):
//   §3.1 民法典 Art. 278 (in force 2021-01-01): quorum — participants hold ≥ 2/3 of the exclusive
//        area AND are ≥ 2/3 of the owners; matters 6–8 pass with ≥ 3/4 of the participating area AND
//        owners; the other matters with MORE THAN half of each. "以上" includes the number itself
//        (≥); "过半数" is strictly more than half (>), REFERENCE §8.
//   §3.1 物权法 (2007) Art. 76: base is ALL owners and area; raising/using the maintenance fund and
//        altering/rebuilding need ≥ 2/3 of all area and all owners; other matters more than half.
//   §8   heads and areas (法释〔2009〕7号): see core/register/headcount.hpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "common/clock.hpp"
#include "common/error.hpp"
#include "common/result.hpp"

namespace huanxin::core::consult {

// An exact fraction num/den, 0 ≤ num ≤ den, 1 ≤ den ≤ 10 000.
struct Fraction {
  std::int64_t num = 0;
  std::int64_t den = 1;
  friend bool operator==(const Fraction&, const Fraction&) = default;
};
// "2/3", "3/4", "60%" (→ 3/5), "80%" → reduced fraction; nullopt when malformed or outside [0, 1].
std::optional<Fraction> ParseFraction(std::string_view text);
std::string FormatFraction(const Fraction& f);  // "2/3"

// part / whole compared with f exactly, in 128-bit integers: part·den ≥ whole·num (inclusive) or
// part·den > whole·num (strict).
bool AtLeast(std::int64_t part, std::int64_t whole, const Fraction& f);
bool MoreThan(std::int64_t part, std::int64_t whole, const Fraction& f);

enum class LawVersion { kCivilCode2021, kPropertyLaw2007 };
std::string_view LawVersionCode(LawVersion v);  // "civil-code-2021" | "property-law-2007"
std::optional<LawVersion> ParseLawVersion(std::string_view code);
// The instant the Civil Code took effect: 2021-01-01 00:00 Beijing time (Asia/Shanghai, UTC+8, no
// daylight saving since 1991) = 2020-12-31T16:00:00Z (Civil Code Art. 1260: "自2021年1月1日起施行";
// a PRC statute's date is the date in China).
TimePoint CivilCodeInForce();
// The law that governs a vote opened at `opened_at`: the Civil Code from CivilCodeInForce(); votes
// opened before keep the Property Law rule (REFERENCE §3.1). Decided on the instant, so a vote opened
// 2021-01-01 00:30 Beijing time (2020-12-31T16:30Z) is under the Civil Code.
LawVersion LawVersionAt(TimePoint opened_at);
// The same for an ISO 8601 time ("…Z" or with an offset, as common/clock.hpp ParseIso reads);
// nullopt when the text is not a time.
std::optional<LawVersion> LawVersionAt(std::string_view opened_at_iso);
// "2021-01-01 00:30" — a stored UTC time shown in Beijing time, for explanations and errors.
std::string BeijingTime(TimePoint t);

// Art. 278 matters 1–9 (REFERENCE §3.1): names for explanations and the UI.
Text MatterName(int matter);
// Matters 6–8 need the 3/4 majority under the Civil Code.
bool IsSpecialMatter(int matter);

struct Art278Rule {
  int matter = 9;  // 1..9
};

struct CustomRule {
  bool count_by_owners = true;  // "owners" (heads, §8) or "dwellings"
  bool base_all = true;         // "all" eligible, or "participants"
  Fraction threshold{2, 3};
  bool inclusive = true;        // ≥ when true, > when false
  std::optional<Fraction> area_threshold;  // agree area over base area, same comparison
  std::optional<Fraction> quorum;          // participants over eligible (count and area), ≥
};

using Rule = std::variant<Art278Rule, CustomRule>;

// Art. 278 matters must be 1–9. Every fraction of a custom rule — threshold, areaThreshold, quorum —
// must satisfy 0 < f ≤ 1, and a strict (inclusive: false) threshold of 1 ("more than 100 %") is
// refused as unreachable. 422 consultation.bad_rule naming the field (rule.threshold,
// rule.areaThreshold, rule.quorum, rule.matter).
Result<void> ValidateRule(const Rule& rule);

}  // namespace huanxin::core::consult
