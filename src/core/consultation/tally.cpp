#include "core/consultation/tally.hpp"

#include <optional>
#include <vector>

#include "common/decimal.hpp"

namespace huanxin::core::consult {

namespace {
__extension__ typedef __int128 i128;  // exact products of int64 values

// The smallest x with x/whole ≥ f (inclusive) or x/whole > f (strict).
std::int64_t MinimumFor(std::int64_t whole, const Fraction& f, bool inclusive) {
  i128 prod = static_cast<i128>(whole) * f.num;
  if (inclusive) return static_cast<std::int64_t>((prod + f.den - 1) / f.den);
  return static_cast<std::int64_t>(prod / f.den + 1);
}

bool Meets(std::int64_t part, std::int64_t whole, const Fraction& f, bool inclusive) {
  return inclusive ? AtLeast(part, whole, f) : MoreThan(part, whole, f);
}

std::string M2(std::int64_t dm2) { return FormatHundredths(dm2) + " m²"; }

// "16人、1200.00 m²" / "16 owners, 1200.00 m²" (or 户 / dwellings)
Text Amount(std::int64_t n, std::int64_t dm2, bool dwellings) {
  return {std::to_string(n) + (dwellings ? "户、" : "人、") + M2(dm2),
          std::to_string(n) + (dwellings ? " dwellings, " : " owners, ") + M2(dm2)};
}

Text Relation(const Fraction& f, bool inclusive) {
  return {(inclusive ? "≥ " : "> ") + FormatFraction(f), (inclusive ? "≥ " : "> ") + FormatFraction(f)};
}

// One clause: "<label> 12人、900.00 m²，须 ≥ 3/4（≥ 12人、≥ 900.00 m²）：满足".
struct Clause {
  Text label;
  std::int64_t n = 0, whole_n = 0, area = 0, whole_area = 0;
  Fraction f;
  bool inclusive = true;
  bool check_area = true;
  bool dwellings = false;

  bool Met() const {
    return Meets(n, whole_n, f, inclusive) && (!check_area || Meets(area, whole_area, f, inclusive));
  }
  Text Render() const {
    auto need_n = MinimumFor(whole_n, f, inclusive);
    auto need_a = MinimumFor(whole_area, f, inclusive);
    auto amount = Amount(n, area, dwellings);
    auto whole = Amount(whole_n, whole_area, dwellings);
    if (!check_area) {  // a count-only clause: no area figures
      auto unit = dwellings ? Text("户", " dwellings") : Text("人", " owners");
      amount = {std::to_string(n) + unit.zh, std::to_string(n) + unit.en};
      whole = {std::to_string(whole_n) + unit.zh, std::to_string(whole_n) + unit.en};
    }
    auto rel = Relation(f, inclusive);
    std::string zh = label.zh + amount.zh + "（基数 " + whole.zh + "；须" + (check_area ? "人数与面积均" : "") + rel.zh +
                     "，即 ≥ " + std::to_string(need_n) + (dwellings ? "户" : "人") +
                     (check_area ? "、≥ " + M2(need_a) : "") + "）：" + (Met() ? "满足" : "不满足");
    std::string en = label.en + amount.en + " (base " + whole.en + "; needs " + rel.en + (check_area ? " of both" : "") +
                     ", i.e. ≥ " + std::to_string(need_n) + (check_area ? " and ≥ " + M2(need_a) : "") + "): " +
                     (Met() ? "met" : "not met");
    return {zh, en};
  }
};

void Append(Text& t, const Text& part, const char* zh_sep = "；", const char* en_sep = "; ") {
  if (!t.zh.empty()) {
    t.zh += zh_sep;
    t.en += en_sep;
  }
  t.zh += part.zh;
  t.en += part.en;
}

void EvaluateArt278(const Art278Rule& r, LawVersion law, ItemTally& t) {
  const auto& e = t.eligible;
  const auto& p = t.participated;
  const auto& a = t.agree;
  auto matter = MatterName(r.matter);
  if (law == LawVersion::kCivilCode2021) {
    // Civil Code Art. 278 ¶2 (REFERENCE §3.1): quorum 2/3 of area and heads (≥, "以上").
    t.explanation = {"《民法典》第二百七十八条第" + std::to_string(r.matter) + "项（" + matter.zh + "）",
                     "Civil Code Art. 278 item " + std::to_string(r.matter) + " (" + matter.en + ")"};
    Clause quorum{{"参与表决 ", "participating "}, p.heads, e.heads, p.area_dm2, e.area_dm2, {2, 3}, true};
    Append(t.explanation, quorum.Render(), "：", ": ");
    t.quorum_met = e.heads > 0 && quorum.Met();
    if (!t.quorum_met) {
      t.verdict = Verdict::kInvalid;
      Append(t.explanation, {"参与表决未达法定比例，表决无效", "participation below the statutory share: the vote is invalid"});
      return;
    }
    // Matters 6–8: ≥ 3/4 of participants ("四分之三以上"); others: more than half ("过半数", strict).
    bool special = IsSpecialMatter(r.matter);
    Clause approval{{"同意 ", "agree "}, a.heads, p.heads, a.area_dm2, p.area_dm2,
                    special ? Fraction{3, 4} : Fraction{1, 2}, special};
    Append(t.explanation, approval.Render());
    t.verdict = approval.Met() ? Verdict::kPassed : Verdict::kRejected;
  } else {
    // Property Law (2007) Art. 76 (REFERENCE §3.1): base is all owners and all area; raising/using
    // the fund (Civil Code items 5–6) and altering/rebuilding (item 7) need ≥ 2/3; the rest more
    // than half. No separate participation quorum.
    t.explanation = {"《物权法》（2007）第七十六条（" + matter.zh + "）", "Property Law (2007) Art. 76 (" + matter.en + ")"};
    t.quorum_met = true;
    bool special = r.matter >= 5 && r.matter <= 7;
    Clause approval{{"同意 ", "agree "}, a.heads, e.heads, a.area_dm2, e.area_dm2,
                    special ? Fraction{2, 3} : Fraction{1, 2}, special};
    Append(t.explanation, approval.Render(), "：", ": ");
    t.verdict = e.heads > 0 && approval.Met() ? Verdict::kPassed : Verdict::kRejected;
  }
  Append(t.explanation, t.verdict == Verdict::kPassed ? Text("通过", "passed") : Text("未通过", "rejected"));
}

void EvaluateCustom(const CustomRule& r, ItemTally& t) {
  bool by_dwellings = !r.count_by_owners;
  auto n = [&](const Counts& c) { return by_dwellings ? c.dwellings : c.heads; };
  t.explanation = {std::string("自定义规则（") + (by_dwellings ? "按户计" : "按业主人数计") + "，基数为" +
                       (r.base_all ? "全体" : "参与表决者") + "）",
                   std::string("custom rule (counted by ") + (by_dwellings ? "dwellings" : "owners") + ", base: " +
                       (r.base_all ? "all eligible" : "participants") + ")"};
  t.quorum_met = n(t.eligible) > 0;
  if (r.quorum) {
    Clause quorum{{"参与 ", "participating "}, n(t.participated), n(t.eligible), t.participated.area_dm2,
                  t.eligible.area_dm2, *r.quorum, true, true, by_dwellings};
    Append(t.explanation, quorum.Render(), "：", ": ");
    t.quorum_met = t.quorum_met && quorum.Met();
  }
  const Counts& base = r.base_all ? t.eligible : t.participated;
  if (!t.quorum_met || n(base) == 0) {
    t.quorum_met = false;
    t.verdict = Verdict::kInvalid;
    Append(t.explanation, {"参与不足，结果无效", "too few took part: the result is invalid"}, r.quorum ? "；" : "：",
           r.quorum ? "; " : ": ");
    return;
  }
  Clause count{{"同意 ", "agree "}, n(t.agree), n(base), 0, 0, r.threshold, r.inclusive, false, by_dwellings};
  Append(t.explanation, count.Render(), r.quorum ? "；" : "：", r.quorum ? "; " : ": ");
  bool met = count.Met();
  if (r.area_threshold) {
    bool area_met = Meets(t.agree.area_dm2, base.area_dm2, *r.area_threshold, r.inclusive);
    auto rel = Relation(*r.area_threshold, r.inclusive);
    auto need = MinimumFor(base.area_dm2, *r.area_threshold, r.inclusive);
    Append(t.explanation, {"同意面积 " + M2(t.agree.area_dm2) + "（基数 " + M2(base.area_dm2) + "；须" + rel.zh + "，即 ≥ " +
                               M2(need) + "）：" + (area_met ? "满足" : "不满足"),
                           "agreeing area " + M2(t.agree.area_dm2) + " (base " + M2(base.area_dm2) + "; needs " + rel.en +
                               ", i.e. ≥ " + M2(need) + "): " + (area_met ? "met" : "not met")});
    met = met && area_met;
  }
  t.verdict = met ? Verdict::kPassed : Verdict::kRejected;
  Append(t.explanation, met ? Text("通过", "passed") : Text("未通过", "rejected"));
}

}  // namespace

std::string_view ChoiceCode(Choice c) {
  switch (c) {
    case Choice::kAgree: return "agree";
    case Choice::kDisagree: return "disagree";
    case Choice::kAbstain: return "abstain";
  }
  return "abstain";
}
std::optional<Choice> ParseChoice(std::string_view code) {
  if (code == "agree") return Choice::kAgree;
  if (code == "disagree") return Choice::kDisagree;
  if (code == "abstain") return Choice::kAbstain;
  return std::nullopt;
}
std::string_view VerdictCode(Verdict v) {
  switch (v) {
    case Verdict::kPassed: return "passed";
    case Verdict::kRejected: return "rejected";
    case Verdict::kInvalid: return "invalid";
  }
  return "invalid";
}

ApprovalBase ApprovalBaseOf(const Rule& rule, LawVersion law) {
  if (const auto* c = std::get_if<CustomRule>(&rule))
    return c->base_all ? ApprovalBase::kEligible : ApprovalBase::kParticipants;
  return law == LawVersion::kCivilCode2021 ? ApprovalBase::kParticipants : ApprovalBase::kEligible;
}

std::string_view ApprovalBaseCode(ApprovalBase b) {
  return b == ApprovalBase::kParticipants ? "participants" : "eligible";
}

Text HeadcountReadingNote(reg::HeadcountReading reading) {
  // REFERENCE §8; 法释〔2009〕7号 Art. 9 [recall: article number to verify]. core/register/headcount.hpp
  // holds both readings and why.
  if (reading == reg::HeadcountReading::kTransitive)
    return {"人数按本系统配置的传递合并计：共有人名下的其他房屋与共有房屋合并为一人（对法释〔2009〕7号第九条“同一买受人”的扩张理解，属推断，非司法解释原文）；"
            "开发商未售及已售未交付的房屋合计一人",
            "heads counted by this deployment's transitive merge: a co-owner's other dwellings merge with the co-owned one "
            "into one head (a wide reading of \"one buyer\" in SPC interpretation Fa Shi [2009] No. 7 Art. 9, an inference, "
            "not its wording); the developer's unsold and sold-but-undelivered dwellings together are one head"};
  return {"人数按《最高人民法院关于审理建筑物区分所有权纠纷案件适用法律若干问题的解释》（法释〔2009〕7号）第九条计："
          "一个专有部分按一人计；登记业主完全相同的房屋属同一买受人，计一人；开发商未售及已售未交付的房屋合计一人",
          "heads counted per SPC interpretation Fa Shi [2009] No. 7 Art. 9 (literal reading): one exclusive part is one "
          "person; dwellings with identical recorded owners are one buyer, one head; the developer's unsold and "
          "sold-but-undelivered dwellings together are one head"};
}

ItemCounts CountItem(std::span<const reg::DwellingShare> eligible, const std::unordered_map<std::int64_t, Cast>& ballots,
                     reg::HeadcountReading reading) {
  ItemCounts t;
  auto groups = reg::GroupHeads(eligible, reading);
  std::vector<Counts> head(groups.heads);
  std::vector<std::optional<Cast>> cast(groups.heads);
  std::vector<bool> conflict(groups.heads, false);
  for (std::size_t i = 0; i < eligible.size(); ++i) {
    auto h = groups.head_of[i];
    head[h].heads = 1;
    head[h].area_dm2 += eligible[i].exclusive_area_dm2;
    head[h].dwellings += 1;
    auto it = ballots.find(eligible[i].dwelling_id);
    if (it == ballots.end()) continue;
    if (cast[h] && cast[h]->choice != it->second.choice) conflict[h] = true;
    if (!cast[h] || it->second.seq > cast[h]->seq) cast[h] = it->second;
  }
  auto add = [](Counts& to, const Counts& c) {
    to.heads += c.heads;
    to.area_dm2 += c.area_dm2;
    to.dwellings += c.dwellings;
  };
  for (std::size_t h = 0; h < groups.heads; ++h) {
    add(t.eligible, head[h]);
    if (conflict[h]) ++t.conflicting_heads;
    if (!cast[h]) continue;
    add(t.participated, head[h]);
    add(cast[h]->choice == Choice::kAgree      ? t.agree
        : cast[h]->choice == Choice::kDisagree ? t.disagree
                                               : t.abstain,
        head[h]);
  }
  return t;
}

ItemTally EvaluateItem(const Rule& rule, LawVersion law, const ItemCounts& counts, reg::HeadcountReading reading) {
  ItemTally t;
  t.reading = reading;
  t.approval_base = ApprovalBaseOf(rule, law);
  t.eligible = counts.eligible;
  t.participated = counts.participated;
  t.agree = counts.agree;
  t.disagree = counts.disagree;
  t.abstain = counts.abstain;
  t.conflicting_heads = counts.conflicting_heads;
  if (const auto* a = std::get_if<Art278Rule>(&rule))
    EvaluateArt278(*a, law, t);
  else
    EvaluateCustom(std::get<CustomRule>(rule), t);
  if (t.conflicting_heads > 0)
    Append(t.explanation, {"注：" + std::to_string(t.conflicting_heads) + "名业主名下各户的选择不一致，按其最后一次投票计",
                           "note: " + std::to_string(t.conflicting_heads) +
                               " owner(s) hold different choices on their dwellings; their latest ballot counts"});
  // Which reading of "one buyer" made the heads, with its source (issue #11 §2).
  Append(t.explanation, HeadcountReadingNote(reading), "。", ". ");
  return t;
}

ItemTally TallyItem(const Rule& rule, LawVersion law, std::span<const reg::DwellingShare> eligible,
                    const std::unordered_map<std::int64_t, Cast>& ballots, reg::HeadcountReading reading) {
  return EvaluateItem(rule, law, CountItem(eligible, ballots, reading), reading);
}

std::int64_t Basis(const Rule& rule, const Counts& c) {
  if (const auto* r = std::get_if<CustomRule>(&rule); r && !r->count_by_owners) return c.dwellings;
  return c.heads;
}

std::int64_t RateBasisPoints(std::int64_t part, std::int64_t whole) { return PercentHundredths(part, whole); }

ItemRates RatesOf(const Rule& rule, const ItemTally& t) {
  const auto& base = t.approval_base_counts();
  return {RateBasisPoints(Basis(rule, t.agree), Basis(rule, base)), RateBasisPoints(t.agree.area_dm2, base.area_dm2),
          RateBasisPoints(Basis(rule, t.participated), Basis(rule, t.eligible)),
          RateBasisPoints(t.participated.area_dm2, t.eligible.area_dm2)};
}

}  // namespace huanxin::core::consult
