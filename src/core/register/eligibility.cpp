#include "core/register/eligibility.hpp"

namespace huanxin::core::reg {

std::string_view VerdictCode(Verdict v) {
  switch (v) {
    case Verdict::kEligible: return "eligible";
    case Verdict::kExtension: return "extension";
    case Verdict::kIneligible: return "ineligible";
  }
  return "";
}

Eligibility Evaluate(const EstateFacts& f, const EligibilityPolicy& p) {
  Eligibility out;
  const std::string year = std::to_string(f.built_year);
  const std::string cutoff = std::to_string(p.cutoff_year), ext = std::to_string(p.extension_last_year);
  std::vector<Reason> exclusions;
  if (f.self_built_area) exclusions.push_back({"self_built", Text("自建房片区，不纳入改造", "self-built housing area: excluded")});
  if (f.urban_village) exclusions.push_back({"urban_village", Text("城中村，不纳入改造", "urban village: excluded")});
  if (f.demolition_planned)
    exclusions.push_back({"demolition_planned", Text("已列入拆迁或征收计划", "planned for demolition or expropriation")});
  if (f.renovated_recently)
    exclusions.push_back({"renovated_recently", Text("近5年内已实施改造", "renovated within the last 5 years")});

  Reason by_year;
  Verdict year_verdict;
  if (f.built_year <= p.cutoff_year) {
    year_verdict = Verdict::kEligible;
    by_year = {"built_before_cutoff", Text(year + "年建成，在" + cutoff + "年底前",
                                           "built " + year + ", by the end of " + cutoff)};
  } else if (f.built_year <= p.extension_last_year) {
    year_verdict = Verdict::kExtension;
    by_year = {"built_in_extension",
               Text(year + "年建成，属" + cutoff + "年后至" + ext + "年底的延伸范围，受当年改造户数比例上限约束",
                    "built " + year + ": extension range after " + cutoff + " up to " + ext +
                        ", subject to the cap on the year's households")};
  } else {
    year_verdict = Verdict::kIneligible;
    by_year = {"built_too_late", Text(year + "年建成，晚于" + ext + "年底", "built " + year + ", after " + ext)};
  }
  if (!exclusions.empty()) {
    out.verdict = Verdict::kIneligible;
    out.reasons = std::move(exclusions);
    out.reasons.push_back(by_year);
  } else {
    out.verdict = year_verdict;
    out.reasons.push_back(by_year);
  }
  return out;
}

bool ExtensionWithinCap(std::int64_t extension_households, std::int64_t year_households,
                        const EligibilityPolicy& p) {
  // ext/total ≤ num/den  ⇔  ext·den ≤ num·total (exact; no division).
  return extension_households * p.cap_denominator <= p.cap_numerator * year_households;
}

}  // namespace huanxin::core::reg
