#include "core/consultation/rules.hpp"

#include <numeric>

#include "common/text.hpp"

namespace huanxin::core::consult {

namespace {
__extension__ typedef __int128 i128;  // exact products of int64 values
constexpr std::int64_t kMaxDen = 10000;

Fraction Reduced(std::int64_t num, std::int64_t den) {
  auto g = std::gcd(num, den);
  if (g == 0) g = 1;
  return {num / g, den / g};
}
}  // namespace

std::optional<Fraction> ParseFraction(std::string_view text) {
  text = Trim(text);
  if (!text.empty() && text.back() == '%') {
    auto n = IsDigits(text.substr(0, text.size() - 1)) ? ParseInt64(text.substr(0, text.size() - 1)) : std::nullopt;
    if (!n || *n > 100) return std::nullopt;
    return Reduced(*n, 100);
  }
  auto slash = text.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  auto a = text.substr(0, slash), b = text.substr(slash + 1);
  if (!IsDigits(a) || !IsDigits(b) || a.size() > 5 || b.size() > 5) return std::nullopt;
  auto num = *ParseInt64(a), den = *ParseInt64(b);
  if (den < 1 || den > kMaxDen || num > den) return std::nullopt;
  return Reduced(num, den);
}

std::string FormatFraction(const Fraction& f) { return std::to_string(f.num) + "/" + std::to_string(f.den); }

bool AtLeast(std::int64_t part, std::int64_t whole, const Fraction& f) {
  return static_cast<i128>(part) * f.den >= static_cast<i128>(whole) * f.num;
}
bool MoreThan(std::int64_t part, std::int64_t whole, const Fraction& f) {
  return static_cast<i128>(part) * f.den > static_cast<i128>(whole) * f.num;
}

std::string_view LawVersionCode(LawVersion v) {
  return v == LawVersion::kCivilCode2021 ? "civil-code-2021" : "property-law-2007";
}
std::optional<LawVersion> ParseLawVersion(std::string_view code) {
  if (code == "civil-code-2021") return LawVersion::kCivilCode2021;
  if (code == "property-law-2007") return LawVersion::kPropertyLaw2007;
  return std::nullopt;
}

TimePoint CivilCodeInForce() {
  // 2021-01-01T00:00:00+08:00; Asia/Shanghai has kept UTC+8 all year since 1991.
  static const TimePoint t = *ParseIso("2021-01-01T00:00:00+08:00");
  return t;
}

LawVersion LawVersionAt(TimePoint opened_at) {
  // Compared as instants, not as UTC text: "2020-12-31T16:30Z" sorts before "2021-01-01" but is
  // already 2021-01-01 00:30 in Beijing, when the Civil Code was in force (issue #11 §2).
  return opened_at < CivilCodeInForce() ? LawVersion::kPropertyLaw2007 : LawVersion::kCivilCode2021;
}

std::optional<LawVersion> LawVersionAt(std::string_view opened_at_iso) {
  auto t = ParseIso(opened_at_iso);
  if (!t) return std::nullopt;
  return LawVersionAt(*t);
}

std::string BeijingTime(TimePoint t) {
  // Shift by +8 h and print the UTC fields: "2021-01-01T00:30:00.000Z" → "2021-01-01 00:30".
  auto text = FormatIsoUtc(t + std::chrono::hours(8));
  return text.substr(0, 10) + " " + text.substr(11, 5);
}

Text MatterName(int matter) {
  // Civil Code Art. 278 ¶1 items (1)–(9), REFERENCE §3.1.
  switch (matter) {
    case 1: return {"制定和修改业主大会议事规则", "make or amend the owners' assembly rules"};
    case 2: return {"制定和修改管理规约", "make or amend the management covenant"};
    case 3: return {"选举业主委员会或者更换业主委员会成员", "elect or replace owners' committee members"};
    case 4: return {"选聘和解聘物业服务企业或者其他管理人", "hire or dismiss the property service company or manager"};
    case 5: return {"使用建筑物及其附属设施的维修资金", "use the maintenance fund"};
    case 6: return {"筹集建筑物及其附属设施的维修资金", "raise the maintenance fund"};
    case 7: return {"改建、重建建筑物及其附属设施", "alter or rebuild buildings and attached facilities"};
    case 8: return {"改变共有部分的用途或者利用共有部分从事经营活动", "change the use of common parts or use them for business"};
    case 9: return {"有关共有和共同管理权利的其他重大事项", "other major matters of co-ownership and joint management"};
    default: return Text::Same("?");
  }
}

bool IsSpecialMatter(int matter) { return matter >= 6 && matter <= 8; }

namespace {
Error BadRule(const std::string& field, Text detail, Text hint = {}) {
  return MakeError(ErrorCode::kUnprocessable, "consultation.bad_rule",
                   Text("规则字段 " + field + " 不正确", "rule field " + field + " is invalid"), std::move(detail),
                   std::move(hint));
}

// 0 < f ≤ 1; when `strict` (compared with >), f = 1 cannot be exceeded: nobody can agree more than all.
Result<void> CheckFraction(const std::string& field, const Fraction& f, bool strict) {
  if (f.den < 1 || f.num < 0 || f.num > f.den)
    return BadRule(field, Text("应在0到1之间（" + FormatFraction(f) + "）", "must lie between 0 and 1 (" + FormatFraction(f) + ")"));
  if (f.num == 0)
    return BadRule(field, Text("应大于0（" + FormatFraction(f) + "）", "must be above 0 (" + FormatFraction(f) + ")"),
                   Text("例如 \"1/2\" 或 \"2/3\"", "e.g. \"1/2\" or \"2/3\""));
  if (strict && f.num == f.den)
    return BadRule(field, Text("“超过100%”无法达到", "“more than 100 %” can never be met"),
                   Text("要求全体一致请用 inclusive: true 与 1/1（≥ 100%）", "for unanimity use inclusive: true with 1/1 (≥ 100 %)"));
  return Ok();
}
}  // namespace

Result<void> ValidateRule(const Rule& rule) {
  if (const auto* a = std::get_if<Art278Rule>(&rule)) {
    if (a->matter < 1 || a->matter > 9)
      return BadRule("rule.matter", Text("表决事项应为民法典第二百七十八条第1至9项（" + std::to_string(a->matter) + "）",
                                         "the matter must be item 1–9 of Civil Code Art. 278 (" + std::to_string(a->matter) + ")"));
    return Ok();
  }
  // Issue #11 §2: every fraction of a custom rule is checked, not only the threshold. The threshold and
  // the area threshold use the rule's comparison (≥ or >); the quorum is always ≥ ("以上", REFERENCE §8).
  const auto& c = std::get<CustomRule>(rule);
  if (auto r = CheckFraction("rule.threshold", c.threshold, !c.inclusive); !r) return r;
  if (c.area_threshold)
    if (auto r = CheckFraction("rule.areaThreshold", *c.area_threshold, !c.inclusive); !r) return r;
  if (c.quorum)
    if (auto r = CheckFraction("rule.quorum", *c.quorum, false); !r) return r;
  return Ok();
}

}  // namespace huanxin::core::consult
