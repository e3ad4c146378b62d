#include "core/evaluation/ranking.hpp"

#include <numeric>

namespace huanxin::core::evaluation {

namespace {

bool Digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

int Num(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

bool Leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysIn(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && Leap(y) ? 29 : kDays[m - 1];
}

std::string Two(int v) { return (v < 10 ? "0" : "") + std::to_string(v); }

std::string Day(int y, int m, int d) { return std::to_string(y) + "-" + Two(m) + "-" + Two(d); }

}  // namespace

std::optional<Period> ParsePeriod(std::string_view text) {
  if (text.size() < 4 || !Digits(text.substr(0, 4))) return std::nullopt;
  const int year = Num(text.substr(0, 4));
  if (year < 1900 || year > 2999) return std::nullopt;
  Period p;
  p.text = std::string(text);
  if (text.size() == 4) {
    p.kind = "year";
    p.first = Day(year, 1, 1);
    p.last = Day(year, 12, 31);
    return p;
  }
  if (text[4] != '-') return std::nullopt;
  if (text.size() == 7 && Digits(text.substr(5, 2))) {
    const int m = Num(text.substr(5, 2));
    if (m < 1 || m > 12) return std::nullopt;
    p.kind = "month";
    p.first = Day(year, m, 1);
    p.last = Day(year, m, DaysIn(year, m));
    return p;
  }
  if (text.size() == 7 && text[5] == 'Q' && text[6] >= '1' && text[6] <= '4') {
    const int q = text[6] - '0';
    p.kind = "quarter";
    p.first = Day(year, q * 3 - 2, 1);
    p.last = Day(year, q * 3, DaysIn(year, q * 3));
    return p;
  }
  return std::nullopt;
}

std::string MonthOf(std::string_view date) { return std::string(date.substr(0, 7)); }

Score MeanHalfUp(const std::vector<Score>& scores) {
  const Score sum = std::accumulate(scores.begin(), scores.end(), Score{0});
  const auto n = static_cast<Score>(scores.size());
  return (2 * sum + n) / (2 * n);  // floor(sum / n + 1/2) for sum ≥ 0
}

std::vector<int> CompetitionRanks(const std::vector<Score>& totals) {
  std::vector<int> ranks(totals.size(), 1);
  // O(n²) is fine for the few hundred estates of a county; clearer than sorting indices.
  for (std::size_t i = 0; i < totals.size(); ++i)
    for (std::size_t j = 0; j < totals.size(); ++j)
      if (totals[j] > totals[i]) ++ranks[i];
  return ranks;
}

}  // namespace huanxin::core::evaluation
