// Eligibility of an estate for the renovation programme (issue #3; REFERENCE.md §1.1).
//
// 国办发〔2020〕23号 focuses on communities completed before the end of 2000. Local practice (Dayao
// county, Yunnan) lets communities built up to the end of 2005 in as an "extension", capped at 15 % of
// the year's task counted in households; self-built areas, urban villages, estates planned for
// demolition or expropriation, and estates renovated as back-street projects in the last 5 years are
// excluded (provincial template text; a city scheme for the 5-year rule). Cut-off year, extension end
// and cap are per-deployment settings.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/error.hpp"

namespace huanxin::core::reg {

struct EligibilityPolicy {
  int cutoff_year = 2000;          // built on or before 31 Dec of this year: eligible
  int extension_last_year = 2005;  // built after the cut-off up to this year: extension
  // Extension households may be at most cap_numerator/cap_denominator of the year's households.
  std::int64_t cap_numerator = 15;
  std::int64_t cap_denominator = 100;
};

struct EstateFacts {
  int built_year = 0;
  bool self_built_area = false;
  bool urban_village = false;
  bool demolition_planned = false;  // planned for demolition or expropriation
  bool renovated_recently = false;  // renovated in the last 5 years
};

enum class Verdict { kEligible, kExtension, kIneligible };

struct Reason {
  std::string code;  // stable: built_before_cutoff, built_in_extension, built_too_late, self_built, …
  Text text;
};

struct Eligibility {
  Verdict verdict = Verdict::kIneligible;
  std::vector<Reason> reasons;  // every reason that applies, the deciding ones first
};

std::string_view VerdictCode(Verdict v);  // eligible | extension | ineligible

Eligibility Evaluate(const EstateFacts& facts, const EligibilityPolicy& policy);

// Whether `extension_households` stays within the cap of `year_households` (exact integer
// comparison: ext × den ≤ num × total).
bool ExtensionWithinCap(std::int64_t extension_households, std::int64_t year_households,
                        const EligibilityPolicy& policy);

}  // namespace huanxin::core::reg
