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

// What an item's approval is measured against: the participants (Civil Code Art. 278 ¶2, REFERENCE
// §3.1 "the base is now the participating area and headcount"; a custom rule with base
// "participants") or every eligible owner (Property Law 2007 Art. 76; a custom rule with base "all").
enum class ApprovalBase { kEligible, kParticipants };
std::string_view ApprovalBaseCode(ApprovalBase b);  // "eligible" | "participants"
ApprovalBase ApprovalBaseOf(const Rule& rule, LawVersion law);

struct ItemTally {
  Counts eligible, participated, agree, disagree, abstain;
  bool quorum_met = false;
  Verdict verdict = Verdict::kInvalid;
  std::int64_t conflicting_heads = 0;
  ApprovalBase approval_base = ApprovalBase::kParticipants;
  reg::HeadcountReading reading = reg::HeadcountReading::kLiteral;
  // The reasoning with the numbers; names the headcount reading that applied and its source.
  Text explanation;

  // The counts the approval is measured against (participated or eligible).
  const Counts& approval_base_counts() const {
    return approval_base == ApprovalBase::kParticipants ? participated : eligible;
  }
};

// The counts of one item over a set of dwellings, before any rule applies: what the maintained
// aggregates (store consultation_tally, docs/storage.md) keep per item, voting unit and round.
// participated = agree + disagree + abstain.
struct ItemCounts {
  Counts eligible, participated, agree, disagree, abstain;
  std::int64_t conflicting_heads = 0;
  friend bool operator==(const ItemCounts&, const ItemCounts&) = default;
};

// Heads, area and dwellings by choice over `eligible` (grouped into heads by `reading`, REFERENCE
// §8), with `ballots` as in TallyItem. The counts are additive over heads: counting a set of whole
// heads gives exactly their share of the total, which is how a ballot's change is applied as a delta.
ItemCounts CountItem(std::span<const reg::DwellingShare> eligible, const std::unordered_map<std::int64_t, Cast>& ballots,
                     reg::HeadcountReading reading = reg::HeadcountReading::kLiteral);

// The rule applied to counts: quorum, verdict and explanation (TallyItem = EvaluateItem ∘ CountItem).
ItemTally EvaluateItem(const Rule& rule, LawVersion law, const ItemCounts& counts,
                       reg::HeadcountReading reading = reg::HeadcountReading::kLiteral);

// `eligible`: the dwellings of the item's voting unit. `ballots`: dwelling id → its current ballot
// (ballots of dwellings outside `eligible` are ignored). `reading`: how sold dwellings group into
// heads (core/register/headcount.hpp; the deployment chooses, literal by default).
ItemTally TallyItem(const Rule& rule, LawVersion law, std::span<const reg::DwellingShare> eligible,
                    const std::unordered_map<std::int64_t, Cast>& ballots,
                    reg::HeadcountReading reading = reg::HeadcountReading::kLiteral);

// The sentence an explanation carries about the headcount reading, with its source.
Text HeadcountReadingNote(reg::HeadcountReading reading);

// The measure a rule counts by: heads, or dwellings for a custom rule by dwellings.
std::int64_t Basis(const Rule& rule, const Counts& c);

// Rate in hundredths of a percent, rounded half up: part/whole × 10 000, so exactly 2/3 → 6667
// (66.67 %) and 1/20 000 → 1 (0.01 %); 0 when whole is 0. For display only: verdicts compare the
// fractions exactly (rules.hpp AtLeast/MoreThan), never a rounded rate.
std::int64_t RateBasisPoints(std::int64_t part, std::int64_t whole);

// The rates an item shows (issue #11 §2): agree over the rule's own approval base (participants where
// the rule counts participants), by the rule's measure and by area; participation over all eligible.
struct ItemRates {
  std::int64_t agree_bp = 0, agree_area_bp = 0, participation_bp = 0, participation_area_bp = 0;
};
ItemRates RatesOf(const Rule& rule, const ItemTally& t);

}  // namespace huanxin::core::consult
