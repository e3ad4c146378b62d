// Tallying one item of a consultation over its voting unit (issue #5). Pure: no I/O.
//
// Ballots are per dwelling; the choice belongs to the owner (head, REFERENCE §8). A head takes part
// when any of its dwellings holds a ballot, and then with ALL of its exclusive area in the unit —
// Art. 278 counts "the exclusive area held by the owners who take part". Abstaining is taking part.
// If a head's dwellings hold different choices (data entered before an ownership change), the latest
// ballot decides and the tally reports the conflict.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <unordered_map>

#include "core/consultation/rules.hpp"
#include "core/register/headcount.hpp"

namespace huanxin::core::consult {

enum class Choice { kAgree, kDisagree, kAbstain };
std::string_view ChoiceCode(Choice c);  // "agree" | "disagree" | "abstain"
std::optional<Choice> ParseChoice(std::string_view code);

enum class Verdict { kPassed, kRejected, kInvalid };
std::string_view VerdictCode(Verdict v);  // "passed" | "rejected" | "invalid"

struct Counts {
  std::int64_t heads = 0;
  std::int64_t area_dm2 = 0;
  std::int64_t dwellings = 0;
  friend bool operator==(const Counts&, const Counts&) = default;
};

struct Cast {
  Choice choice = Choice::kAgree;
  std::int64_t seq = 0;  // order of casting: the later one wins inside a head
};

struct ItemTally {
  Counts eligible, participated, agree, disagree, abstain;
  bool quorum_met = false;
  Verdict verdict = Verdict::kInvalid;
  std::int64_t conflicting_heads = 0;
  Text explanation;
};

// `eligible`: the dwellings of the item's voting unit. `ballots`: dwelling id → its current ballot
// (ballots of dwellings outside `eligible` are ignored).
ItemTally TallyItem(const Rule& rule, LawVersion law, std::span<const reg::DwellingShare> eligible,
                    const std::unordered_map<std::int64_t, Cast>& ballots);

// The measure a rule counts by: heads, or dwellings for a custom rule by dwellings.
std::int64_t Basis(const Rule& rule, const Counts& c);

// Rate in hundredths of a percent, rounded down: part/whole × 10 000 (0 when whole is 0).
std::int64_t RateBasisPoints(std::int64_t part, std::int64_t whole);

}  // namespace huanxin::core::consult
