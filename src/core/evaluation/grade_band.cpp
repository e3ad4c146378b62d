#include "core/evaluation/grade_band.hpp"

#include <set>

namespace huanxin::core::evaluation {

namespace {

Error BadBands(const std::string& zh, const std::string& en) {
  return MakeError(ErrorCode::kUnprocessable, "evaluation.invalid_bands", Text("等次划分有误：" + zh, "invalid grade bands: " + en),
                   Text::Same("bands"), Text("等次按分数从高到低排列，下限逐级递减", "list bands from the highest down with falling floors"));
}

bool Above(Score score, const GradeBand& b) { return b.min_inclusive ? score >= b.min : score > b.min; }

}  // namespace

std::string_view BoundaryName(Boundary b) { return b == Boundary::kUpper ? "upper" : "lower"; }

std::optional<Boundary> ParseBoundary(std::string_view s) {
  if (s == "upper") return Boundary::kUpper;
  if (s == "lower") return Boundary::kLower;
  return std::nullopt;
}

std::vector<GradeBand> JiangxiBands(Boundary boundary) {
  const bool up = boundary == Boundary::kUpper;
  return {
      {"excellent", "优秀", "excellent", 9500, up},
      {"good", "良好", "good", 8500, up},
      {"pass", "合格", "pass", 7500, up},
      {"poor", "不合格", "poor", 0, true},
  };
}

Result<void> ValidateBands(const std::vector<GradeBand>& bands) {
  if (bands.empty()) return BadBands("至少需要一个等次", "at least one band is needed");
  std::set<std::string, std::less<>> codes;
  for (std::size_t i = 0; i < bands.size(); ++i) {
    const auto& b = bands[i];
    if (b.code.empty()) return BadBands("第 " + std::to_string(i + 1) + " 个等次缺少代码", "band " + std::to_string(i + 1) + " has no code");
    if (!codes.insert(b.code).second) return BadBands("等次代码重复：" + b.code, "duplicate band code " + b.code);
    if (i + 1 == bands.size()) break;  // the lowest band has no floor
    if (b.min < 0) return BadBands(b.code + " 的下限为负", b.code + " has a negative floor");
    const auto& next = bands[i + 1];
    if (i + 2 == bands.size()) continue;  // the next one is the catch-all
    const bool falling = b.min > next.min || (b.min == next.min && !b.min_inclusive && next.min_inclusive);
    if (!falling)
      return BadBands(b.code + " 的下限应高于 " + next.code, b.code + "'s floor must be above " + next.code + "'s");
  }
  return Ok();
}

const GradeBand& GradeOf(const std::vector<GradeBand>& bands, Score score) {
  for (std::size_t i = 0; i + 1 < bands.size(); ++i)
    if (Above(score, bands[i])) return bands[i];
  return bands.back();
}

Result<Score> ParseScore(std::string_view text, Score max, std::string_view field) {
  const auto bad = [&] {
    return MakeError(ErrorCode::kUnprocessable, "evaluation.invalid_score",
                     Text("分数应为 0–" + FormatScore(max) + " 之间、最多两位小数的数，现为 “" + std::string(text) + "”",
                          "a score must be 0–" + FormatScore(max) + " with at most two decimals, got \"" + std::string(text) + "\""),
                     Text::Same(std::string(field)), Text("例如 92.5", "for example 92.5"));
  };
  if (text.empty() || text.size() > 12) return bad();
  Score whole = 0, frac = 0;
  std::size_t i = 0, digits = 0;
  for (; i < text.size() && text[i] != '.'; ++i) {
    if (text[i] < '0' || text[i] > '9') return bad();
    whole = whole * 10 + (text[i] - '0');
    ++digits;
  }
  if (digits == 0) return bad();
  if (i < text.size()) {
    ++i;  // '.'
    std::size_t decimals = 0;
    for (; i < text.size(); ++i, ++decimals) {
      if (text[i] < '0' || text[i] > '9' || decimals == 2) return bad();
      frac = frac * 10 + (text[i] - '0');
    }
    if (decimals == 0) return bad();
    if (decimals == 1) frac *= 10;
  }
  const Score s = whole * 100 + frac;
  if (s > max) return bad();
  return s;
}

std::string FormatScore(Score s) {
  const bool neg = s < 0;
  const Score a = neg ? -s : s;
  std::string out = (neg ? "-" : "") + std::to_string(a / 100);
  const Score f = a % 100;
  if (f != 0) {
    out += '.';
    out += static_cast<char>('0' + f / 10);
    if (f % 10 != 0) out += static_cast<char>('0' + f % 10);
  }
  return out;
}

}  // namespace huanxin::core::evaluation
