#include "core/consultation/tally.hpp"

#include <gtest/gtest.h>

namespace huanxin::core::consult {
namespace {

using reg::DwellingShare;
using reg::SaleStatus;

constexpr std::int64_t kFlat = 7500;  // 75.00 m² in dm²

// n dwellings of 75 m², each with its own owner (owner id = 1000 + dwelling id).
std::vector<DwellingShare> Flats(int n) {
  std::vector<DwellingShare> out;
  for (int i = 1; i <= n; ++i) out.push_back({i, kFlat, SaleStatus::kSold, {1000 + i}});
  return out;
}

// Ballots: dwellings first..first+count-1 cast `c`.
void Cast(std::unordered_map<std::int64_t, consult::Cast>& b, int first, int count, Choice c) {
  static std::int64_t seq = 0;
  for (int i = first; i < first + count; ++i) b[i] = {c, ++seq};
}

const Rule kLift = Art278Rule{7};
const Rule kHire = Art278Rule{4};
constexpr auto kCivil = LawVersion::kCivilCode2021;
constexpr auto kOld = LawVersion::kPropertyLaw2007;

// REFERENCE §6 "Voting": 24 owners, 1,800 m² → quorum 16 owners and 1,200 m²; with 16 taking part,
// 12 owners and 900 m² must agree for an alteration (item 7).
TEST(Art278, ExactlyTwoThirdsParticipationIsValidOneLessIsNot) {
  auto flats = Flats(24);
  std::unordered_map<std::int64_t, consult::Cast> b;
  Cast(b, 1, 12, Choice::kAgree);
  Cast(b, 13, 4, Choice::kDisagree);
  auto t = TallyItem(kLift, kCivil, flats, b);
  EXPECT_EQ(t.eligible, (Counts{24, 24 * kFlat, 24}));
  EXPECT_EQ(t.participated, (Counts{16, 16 * kFlat, 16}));
  EXPECT_TRUE(t.quorum_met);
  EXPECT_EQ(t.verdict, Verdict::kPassed) << t.explanation.en;  // 12/16 = exactly 3/4
  b.erase(16);  // one dwelling less: 15 of 24 < 2/3
  t = TallyItem(kLift, kCivil, flats, b);
  EXPECT_EQ(t.participated.heads, 15);
  EXPECT_FALSE(t.quorum_met);
  EXPECT_EQ(t.verdict, Verdict::kInvalid);
  EXPECT_NE(t.explanation.zh.find("表决无效"), std::string::npos) << t.explanation.zh;
}

TEST(Art278, QuorumNeedsAreaAsWellAsHeads) {
  // 16 of 24 owners take part, but the 8 absent flats are large: the area quorum fails.
  auto flats = Flats(24);
  for (int i = 17; i <= 24; ++i) flats[i - 1].exclusive_area_dm2 = 20000;
  std::unordered_map<std::int64_t, consult::Cast> b;
  Cast(b, 1, 16, Choice::kAgree);
  auto t = TallyItem(kLift, kCivil, flats, b);
  EXPECT_EQ(t.participated.heads, 16);
  EXPECT_FALSE(t.quorum_met);
  EXPECT_EQ(t.verdict, Verdict::kInvalid);
}

TEST(Art278, ExactlyThreeQuartersPassesForMattersSixToEight) {
  for (int matter : {6, 7, 8}) {
    auto flats = Flats(24);
    std::unordered_map<std::int64_t, consult::Cast> b;
    Cast(b, 1, 12, Choice::kAgree);
    Cast(b, 13, 4, Choice::kDisagree);
    auto t = TallyItem(Art278Rule{matter}, kCivil, flats, b);
    EXPECT_EQ(t.agree.heads, 12);
    EXPECT_EQ(t.verdict, Verdict::kPassed) << matter;
    Cast(b, 12, 1, Choice::kDisagree);  // 11 of 16 < 3/4
    t = TallyItem(Art278Rule{matter}, kCivil, flats, b);
    EXPECT_EQ(t.verdict, Verdict::kRejected) << matter;
  }
}

TEST(Art278, ExactlyHalfFailsForTheOtherMatters) {
  for (int matter : {1, 2, 3, 4, 5, 9}) {
    auto flats = Flats(24);
    std::unordered_map<std::int64_t, consult::Cast> b;
    Cast(b, 1, 8, Choice::kAgree);
    Cast(b, 9, 8, Choice::kDisagree);
    auto t = TallyItem(Art278Rule{matter}, kCivil, flats, b);
    EXPECT_TRUE(t.quorum_met);
    EXPECT_EQ(t.verdict, Verdict::kRejected) << matter << ": 8 of 16 is not more than half";
    Cast(b, 9, 1, Choice::kAgree);  // 9 of 16
    t = TallyItem(Art278Rule{matter}, kCivil, flats, b);
    EXPECT_EQ(t.verdict, Verdict::kPassed) << matter;
  }
}

TEST(Art278, AbstainingCountsAsTakingPartButNotAgreeing) {
  auto flats = Flats(24);
  std::unordered_map<std::int64_t, consult::Cast> b;
  Cast(b, 1, 9, Choice::kAgree);
  Cast(b, 10, 7, Choice::kAbstain);
  auto t = TallyItem(kHire, kCivil, flats, b);
  EXPECT_EQ(t.participated.heads, 16);
  EXPECT_EQ(t.abstain.heads, 7);
  EXPECT_EQ(t.verdict, Verdict::kPassed);  // 9 > 16/2
}

TEST(Art278, ApprovalNeedsAreaAsWellAsHeads) {
  // 9 of 16 participants agree (> half) but they hold small flats: the area majority fails.
  auto flats = Flats(24);
  for (int i = 1; i <= 9; ++i) flats[i - 1].exclusive_area_dm2 = 4000;
  std::unordered_map<std::int64_t, consult::Cast> b;
  Cast(b, 1, 9, Choice::kAgree);
  Cast(b, 10, 7, Choice::kDisagree);
  // Quorum by area: participants 9·4000 + 7·7500 = 88 500 of 9·4000 + 15·7500 = 148 500 → ≥ 2/3? 88 500·3 = 265 500 < 297 000: invalid.
  // Make the participation large enough: the remaining 8 flats small too.
  for (int i = 17; i <= 24; ++i) flats[i - 1].exclusive_area_dm2 = 1000;
  auto t = TallyItem(kHire, kCivil, flats, b);
  EXPECT_TRUE(t.quorum_met) << t.explanation.en;
  EXPECT_EQ(t.agree.area_dm2, 36000);
  EXPECT_EQ(t.participated.area_dm2, 88500);
  EXPECT_EQ(t.verdict, Verdict::kRejected) << t.explanation.en;  // 36 000·2 ≤ 88 500
}

TEST(Heads, OwnerWithTwoDwellingsCountsOnceWithAllTheirArea) {
  auto flats = Flats(24);
  flats[1].owner_ids = {1001};  // dwelling 2 also belongs to owner 1001 (who owns dwelling 1)
  std::unordered_map<std::int64_t, consult::Cast> b;
  Cast(b, 1, 1, Choice::kAgree);  // the owner casts through dwelling 1 only
  auto t = TallyItem(kLift, kCivil, flats, b);
  EXPECT_EQ(t.eligible.heads, 23);
  EXPECT_EQ(t.eligible.area_dm2, 24 * kFlat);
  EXPECT_EQ(t.participated, (Counts{1, 2 * kFlat, 2}));
  EXPECT_EQ(t.agree, (Counts{1, 2 * kFlat, 2}));
}

TEST(Heads, CoOwnersOfOneDwellingAreOneHead) {
  auto flats = Flats(3);
  flats[0].owner_ids = {1001, 2001};  // husband and wife
  auto t = TallyItem(kLift, kCivil, flats, {});
  EXPECT_EQ(t.eligible.heads, 3);
  // Only under the transitive reading: the wife also owns dwelling 3 → dwellings 1 and 3 are one head.
  flats[2].owner_ids = {2001};
  t = TallyItem(kLift, kCivil, flats, {}, reg::HeadcountReading::kTransitive);
  EXPECT_EQ(t.eligible.heads, 2);
}

// Issue #11 §2 "Headcount, literal reading by default": a person who co-owns flat A with a spouse and
// alone owns flat B is two buyers. The transitive merge (issue #3) made them one head, so the spouse's
// ballot on A decided B's vote too.
TEST(Issue11LiteralHeadcount, CoOwnedFlatAndOwnFlatAreTwoHeadsAndVoteApart) {
  auto flats = Flats(4);
  flats[0].owner_ids = {1001, 2001};  // A: X and spouse
  flats[1].owner_ids = {1001};        // B: X alone
  std::unordered_map<std::int64_t, consult::Cast> b;
  Cast(b, 1, 1, Choice::kAgree);  // the couple agree through A
  auto t = TallyItem(kHire, kCivil, flats, b);
  EXPECT_EQ(t.reading, reg::HeadcountReading::kLiteral);
  EXPECT_EQ(t.eligible.heads, 4);
  EXPECT_EQ(t.participated, (Counts{1, kFlat, 1}));  // B has not voted
  EXPECT_NE(t.explanation.zh.find("登记业主完全相同的房屋属同一买受人"), std::string::npos) << t.explanation.zh;
  EXPECT_NE(t.explanation.zh.find("法释〔2009〕7号"), std::string::npos);
  EXPECT_NE(t.explanation.en.find("literal reading"), std::string::npos) << t.explanation.en;
  // The configured transitive reading: A and B are one head, voting together.
  auto tt = TallyItem(kHire, kCivil, flats, b, reg::HeadcountReading::kTransitive);
  EXPECT_EQ(tt.reading, reg::HeadcountReading::kTransitive);
  EXPECT_EQ(tt.eligible.heads, 3);
  EXPECT_EQ(tt.participated, (Counts{1, 2 * kFlat, 2}));
  EXPECT_NE(tt.explanation.zh.find("传递合并"), std::string::npos) << tt.explanation.zh;
  EXPECT_NE(tt.explanation.en.find("transitive merge"), std::string::npos);
}

TEST(Issue11SoldUndelivered, UndeliveredFlatsVoteWithTheDeveloperAsOneHead) {
  auto flats = Flats(24);
  flats[20].sale_status = SaleStatus::kDeveloperUnsold;
  flats[20].owner_ids.clear();
  flats[21].sale_status = SaleStatus::kSoldUndelivered;  // buyer 1022 recorded, not yet handed over
  flats[22].sale_status = SaleStatus::kSoldUndelivered;
  std::unordered_map<std::int64_t, consult::Cast> b;
  Cast(b, 21, 1, Choice::kDisagree);  // the developer votes once, for all three
  auto t = TallyItem(kLift, kCivil, flats, b);
  EXPECT_EQ(t.eligible.heads, 22);
  EXPECT_EQ(t.disagree, (Counts{1, 3 * kFlat, 3}));
}

TEST(Heads, DeveloperUnsoldDwellingsTogetherCountOnce) {
  auto flats = Flats(24);
  for (int i = 22; i <= 24; ++i) {
    flats[i - 1].sale_status = SaleStatus::kDeveloperUnsold;
    flats[i - 1].owner_ids.clear();
  }
  std::unordered_map<std::int64_t, consult::Cast> b;
  Cast(b, 22, 1, Choice::kDisagree);  // the developer votes once
  auto t = TallyItem(kLift, kCivil, flats, b);
  EXPECT_EQ(t.eligible.heads, 22);
  EXPECT_EQ(t.disagree, (Counts{1, 3 * kFlat, 3}));
}

TEST(Heads, ConflictingChoicesOfOneOwnerResolveToTheLatestAndAreReported) {
  auto flats = Flats(2);
  flats[1].owner_ids = {1001};
  std::unordered_map<std::int64_t, consult::Cast> b{{1, {Choice::kAgree, 5}}, {2, {Choice::kDisagree, 9}}};
  auto t = TallyItem(kHire, kCivil, flats, b);
  EXPECT_EQ(t.conflicting_heads, 1);
  EXPECT_EQ(t.disagree.heads, 1);
  EXPECT_EQ(t.agree.heads, 0);
}

TEST(Art278, StairwellLiftItemCountsOnlyTheStairwell) {
  // A 6-floor stairwell of 12 flats: the unit's dwellings are the eligible set; ballots cast in other
  // stairwells of the building do not count.
  auto stairwell = Flats(12);
  std::unordered_map<std::int64_t, consult::Cast> b;
  Cast(b, 1, 6, Choice::kAgree);
  Cast(b, 7, 2, Choice::kDisagree);
  Cast(b, 13, 10, Choice::kAgree);  // dwellings 13–22: other stairwells
  auto t = TallyItem(kLift, kCivil, stairwell, b);
  EXPECT_EQ(t.eligible.heads, 12);
  EXPECT_EQ(t.participated.heads, 8);  // 8 of 12 = 2/3 exactly
  EXPECT_TRUE(t.quorum_met);
  EXPECT_EQ(t.verdict, Verdict::kPassed);  // 6 of 8 = 3/4 exactly
}

TEST(PropertyLaw2007, BaseIsAllOwnersAndAlterationNeedsTwoThirdsOfAll) {
  auto flats = Flats(24);
  std::unordered_map<std::int64_t, consult::Cast> b;
  Cast(b, 1, 12, Choice::kAgree);
  Cast(b, 13, 4, Choice::kDisagree);
  // The same ballots pass under the Civil Code (12 of 16 participants) but not under Art. 76 (12 of 24 all).
  EXPECT_EQ(TallyItem(kLift, kCivil, flats, b).verdict, Verdict::kPassed);
  auto t = TallyItem(kLift, kOld, flats, b);
  EXPECT_EQ(t.verdict, Verdict::kRejected);
  EXPECT_NE(t.explanation.zh.find("物权法"), std::string::npos);
  Cast(b, 13, 4, Choice::kAgree);  // 16 of 24 = exactly 2/3 of all
  EXPECT_EQ(TallyItem(kLift, kOld, flats, b).verdict, Verdict::kPassed);
  Cast(b, 16, 1, Choice::kDisagree);  // 15 of 24
  EXPECT_EQ(TallyItem(kLift, kOld, flats, b).verdict, Verdict::kRejected);
  // Other matters: more than half of all; exactly half fails.
  std::unordered_map<std::int64_t, consult::Cast> c;
  Cast(c, 1, 12, Choice::kAgree);
  EXPECT_EQ(TallyItem(kHire, kOld, flats, c).verdict, Verdict::kRejected);
  Cast(c, 13, 1, Choice::kAgree);
  EXPECT_EQ(TallyItem(kHire, kOld, flats, c).verdict, Verdict::kPassed);
}

TEST(LawVersion, VotesOpenedBefore2021KeepThePropertyLaw) {
  EXPECT_EQ(LawVersionAt("2020-12-31T15:59:59.999Z"), LawVersion::kPropertyLaw2007);
  EXPECT_EQ(LawVersionAt("2021-01-01T00:00:00Z"), LawVersion::kCivilCode2021);
  EXPECT_EQ(LawVersionAt("not a time"), std::nullopt);
  EXPECT_EQ(ParseLawVersion("property-law-2007"), LawVersion::kPropertyLaw2007);
  EXPECT_EQ(ParseLawVersion("civil-code"), std::nullopt);
}

// Issue #11 §2 "Law version by Beijing time": the Civil Code took effect at 2021-01-01 00:00 in
// China (UTC+8), i.e. 2020-12-31T16:00Z. The UTC text used to be compared with "2021-01-01", so a
// vote opened at 00:30 Beijing time on New Year's Day got the Property Law.
TEST(Issue11LawVersionByBeijingTime, PassesAtExactlyMidnightBeijingTime) {
  EXPECT_EQ(FormatIsoUtc(CivilCodeInForce()), "2020-12-31T16:00:00.000Z");
  EXPECT_EQ(LawVersionAt("2020-12-31T16:00:00.000Z"), LawVersion::kCivilCode2021);
  EXPECT_EQ(LawVersionAt("2021-01-01T00:00:00+08:00"), LawVersion::kCivilCode2021);
  EXPECT_EQ(LawVersionAt("2020-12-31T16:30:00Z"), LawVersion::kCivilCode2021);  // 00:30 Beijing
  EXPECT_EQ(LawVersionAt("2021-01-01T00:30:00+08:00"), LawVersion::kCivilCode2021);
  EXPECT_EQ(BeijingTime(*ParseIso("2020-12-31T16:30:00Z")), "2021-01-01 00:30");
}

TEST(Issue11LawVersionByBeijingTime, FailsOneMillisecondShort) {
  EXPECT_EQ(LawVersionAt("2020-12-31T15:59:59.999Z"), LawVersion::kPropertyLaw2007);
  EXPECT_EQ(LawVersionAt("2020-12-31T23:59:59.999+08:00"), LawVersion::kPropertyLaw2007);
  EXPECT_EQ(LawVersionAt(CivilCodeInForce() - std::chrono::milliseconds(1)), LawVersion::kPropertyLaw2007);
  EXPECT_EQ(BeijingTime(*ParseIso("2020-12-31T15:59:00Z")), "2020-12-31 23:59");
}

TEST(Custom, ByDwellingsEightyPercentOfAllHouseholds) {
  CustomRule r;
  r.count_by_owners = false;
  r.base_all = true;
  r.threshold = *ParseFraction("80%");
  auto flats = Flats(10);
  flats[1].owner_ids = {1001};  // one owner with two dwellings: counts as two dwellings here
  std::unordered_map<std::int64_t, consult::Cast> b;
  Cast(b, 1, 1, Choice::kAgree);  // covers dwellings 1 and 2
  Cast(b, 3, 6, Choice::kAgree);
  auto t = TallyItem(r, kCivil, flats, b);
  EXPECT_EQ(t.agree.dwellings, 8);
  EXPECT_EQ(t.eligible.heads, 9);
  EXPECT_EQ(t.verdict, Verdict::kPassed) << t.explanation.en;  // 8 of 10 = exactly 80 %
  EXPECT_NE(t.explanation.zh.find("同意 8户（基数 10户；须≥ 4/5，即 ≥ 8户）：满足"), std::string::npos) << t.explanation.zh;
  b.erase(8);
  EXPECT_EQ(TallyItem(r, kCivil, flats, b).verdict, Verdict::kRejected);
  r.inclusive = false;  // strictly more than 80 %
  Cast(b, 8, 1, Choice::kAgree);
  EXPECT_EQ(TallyItem(r, kCivil, flats, b).verdict, Verdict::kRejected);
}

TEST(Custom, ByOwnersTwoThirdsOfAllWithAreaThreshold) {
  CustomRule r;
  r.threshold = {2, 3};
  r.area_threshold = Fraction{2, 3};
  auto flats = Flats(9);
  std::unordered_map<std::int64_t, consult::Cast> b;
  Cast(b, 1, 6, Choice::kAgree);
  auto t = TallyItem(r, kCivil, flats, b);
  EXPECT_EQ(t.verdict, Verdict::kPassed);  // 6 of 9 owners and area
  flats[8].exclusive_area_dm2 = 50000;     // a big flat that did not agree
  t = TallyItem(r, kCivil, flats, b);
  EXPECT_EQ(t.verdict, Verdict::kRejected) << t.explanation.en;
}

TEST(Custom, ParticipantsBaseWithQuorum) {
  CustomRule r;
  r.base_all = false;
  r.threshold = {1, 2};
  r.inclusive = false;
  r.quorum = Fraction{1, 2};
  auto flats = Flats(10);
  std::unordered_map<std::int64_t, consult::Cast> b;
  Cast(b, 1, 3, Choice::kAgree);
  Cast(b, 4, 1, Choice::kDisagree);
  auto t = TallyItem(r, kCivil, flats, b);
  EXPECT_EQ(t.verdict, Verdict::kInvalid);  // 4 of 10 < 1/2
  Cast(b, 5, 1, Choice::kDisagree);
  t = TallyItem(r, kCivil, flats, b);
  EXPECT_EQ(t.verdict, Verdict::kPassed);  // 3 of 5 > 1/2
  Cast(b, 5, 1, Choice::kAgree);
  Cast(b, 6, 1, Choice::kDisagree);
  Cast(b, 4, 1, Choice::kDisagree);
  Cast(b, 3, 1, Choice::kDisagree);  // agree 1,2,5; disagree 3,4,6: exactly half
  EXPECT_EQ(TallyItem(r, kCivil, flats, b).verdict, Verdict::kRejected);
}

TEST(Custom, NobodyInTheUnitIsInvalid) {
  EXPECT_EQ(TallyItem(CustomRule{}, kCivil, {}, {}).verdict, Verdict::kInvalid);
  EXPECT_EQ(TallyItem(kLift, kCivil, {}, {}).verdict, Verdict::kInvalid);
}

TEST(Fractions, ParseAndCompareExactly) {
  EXPECT_EQ(ParseFraction("2/3"), (Fraction{2, 3}));
  EXPECT_EQ(ParseFraction("4/6"), (Fraction{2, 3}));
  EXPECT_EQ(ParseFraction("60%"), (Fraction{3, 5}));
  EXPECT_EQ(ParseFraction("3/2"), std::nullopt);
  EXPECT_EQ(ParseFraction("0.6"), std::nullopt);
  EXPECT_EQ(ParseFraction("1/0"), std::nullopt);
  EXPECT_EQ(ParseFraction("-1/2"), std::nullopt);
  EXPECT_TRUE(AtLeast(2, 3, {2, 3}));
  EXPECT_FALSE(MoreThan(2, 3, {2, 3}));
  // Large areas: no overflow (128-bit products).
  EXPECT_TRUE(AtLeast(6'000'000'000'000'000'000, 9'000'000'000'000'000'000, {2, 3}));
  EXPECT_EQ(ValidateRule(Art278Rule{10}).error().reason, "consultation.bad_rule");
  EXPECT_NE(ValidateRule(Art278Rule{10}).error().message.en.find("rule.matter"), std::string::npos);
  CustomRule impossible;
  impossible.threshold = {1, 1};
  impossible.inclusive = false;
  EXPECT_FALSE(ValidateRule(impossible));
}

// Issue #11 §2 "Rates shown round half up to two decimals": exactly 2/3 shows 66.67 %, not 66.66 %.
TEST(Issue11Rates, RoundHalfUpAtExactlyHalfABasisPoint) {
  EXPECT_EQ(RateBasisPoints(2, 3), 6667);
  EXPECT_EQ(RateBasisPoints(1, 3), 3333);
  EXPECT_EQ(RateBasisPoints(3, 4), 7500);
  EXPECT_EQ(RateBasisPoints(1, 20000), 1);          // 0.005 % → 0.01 %
  EXPECT_EQ(RateBasisPoints(13333, 20000), 6667);    // 66.665 % → 66.67 %
  EXPECT_EQ(RateBasisPoints(0, 3), 0);
  EXPECT_EQ(RateBasisPoints(3, 3), 10000);
  EXPECT_EQ(RateBasisPoints(1, 0), 0);
  EXPECT_EQ(RateBasisPoints(6'000'000'000'000'000'000, 9'000'000'000'000'000'000), 6667);  // no overflow
}

TEST(Issue11Rates, RoundDownOneShortOfHalfABasisPoint) {
  EXPECT_EQ(RateBasisPoints(1, 20001), 0);                    // 0.004 999 … % → 0.00 %
  EXPECT_EQ(RateBasisPoints(13'332'999, 20'000'000), 6666);   // 66.664 999 5 % → 66.66 %
}

// Issue #11 §2: the agree rate uses the rule's own base — participants under the Civil Code (the
// approval compares agree with the participants) — so 12 agreeing of 16 taking part out of 24 show
// 75.00 %, the figure the 3/4 threshold is compared with, not 50.00 %.
TEST(Issue11Rates, AgreeRateUsesTheRulesOwnBase) {
  auto flats = Flats(24);
  std::unordered_map<std::int64_t, consult::Cast> b;
  Cast(b, 1, 12, Choice::kAgree);
  Cast(b, 13, 4, Choice::kDisagree);
  auto civil = TallyItem(kLift, kCivil, flats, b);
  EXPECT_EQ(civil.approval_base, ApprovalBase::kParticipants);
  auto rates = RatesOf(kLift, civil);
  EXPECT_EQ(rates.agree_bp, 7500);
  EXPECT_EQ(rates.agree_area_bp, 7500);
  EXPECT_EQ(rates.participation_bp, 6667);  // 16 of 24, exactly 2/3
  EXPECT_EQ(rates.participation_area_bp, 6667);
  // The Property Law's base is everyone: 12 of 24.
  auto old = TallyItem(kLift, kOld, flats, b);
  EXPECT_EQ(old.approval_base, ApprovalBase::kEligible);
  EXPECT_EQ(RatesOf(kLift, old).agree_bp, 5000);
  // Custom rules say which base they use.
  CustomRule all;
  CustomRule participants;
  participants.base_all = false;
  EXPECT_EQ(RatesOf(all, TallyItem(all, kCivil, flats, b)).agree_bp, 5000);
  EXPECT_EQ(RatesOf(participants, TallyItem(participants, kCivil, flats, b)).agree_bp, 7500);
  EXPECT_EQ(ApprovalBaseCode(ApprovalBase::kParticipants), "participants");
  EXPECT_EQ(ApprovalBaseCode(ApprovalBase::kEligible), "eligible");
}

// Issue #11 §2 "Custom rules: every fraction is validated: 0 < f ≤ 1, and a strict 1 is refused".
// Only the threshold used to be checked; a zero quorum or a strict 100 % area threshold went through.
struct FractionCase {
  int id;
  const char* field;
  Fraction f;
  bool inclusive;
  bool ok;
};
TEST(Issue11CustomRuleFractions, EveryFractionOnBothSidesOfItsBounds) {
  const FractionCase cases[] = {
      {1, "rule.threshold", {1, 10000}, true, true},        // smallest positive: passes
      {2, "rule.threshold", {0, 1}, true, false},           // zero: fails
      {3, "rule.threshold", {1, 1}, true, true},            // ≥ 100 %: reachable (everyone)
      {4, "rule.threshold", {1, 1}, false, false},          // > 100 %: unreachable
      {5, "rule.threshold", {9999, 10000}, false, true},    // > 99.99 %: reachable
      {6, "rule.areaThreshold", {1, 10000}, true, true},
      {7, "rule.areaThreshold", {0, 1}, true, false},
      {8, "rule.areaThreshold", {1, 1}, true, true},
      {9, "rule.areaThreshold", {1, 1}, false, false},
      {10, "rule.areaThreshold", {9999, 10000}, false, true},
      {11, "rule.quorum", {1, 10000}, true, true},
      {12, "rule.quorum", {0, 1}, true, false},
      {13, "rule.quorum", {1, 1}, false, true},  // a quorum is always "≥": 100 % can be met
      {14, "rule.quorum", {3, 2}, true, false},  // above 1 (only a hand-built fraction can be)
  };
  for (const auto& c : cases) {
    CustomRule r;
    r.inclusive = c.inclusive;
    std::string field = c.field;
    if (field == "rule.threshold") r.threshold = c.f;
    if (field == "rule.areaThreshold") r.area_threshold = c.f;
    if (field == "rule.quorum") r.quorum = c.f;
    if (field != "rule.threshold") r.threshold = {1, 2};
    auto v = ValidateRule(r);
    EXPECT_EQ(static_cast<bool>(v), c.ok) << "case " << c.id;
    if (!v) {
      EXPECT_EQ(v.error().reason, "consultation.bad_rule") << "case " << c.id;
      EXPECT_NE(v.error().message.zh.find(c.field), std::string::npos) << "case " << c.id << ": " << v.error().message.zh;
      EXPECT_NE(v.error().message.en.find(c.field), std::string::npos) << "case " << c.id;
    }
  }
}

}  // namespace
}  // namespace huanxin::core::consult
