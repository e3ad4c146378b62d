#include "http/router.hpp"

#include "common/text.hpp"

namespace huanxin::http {

namespace {
// Number of literal segments that matched (higher is more specific), or -1 for no match.
int MatchPattern(const std::string& pattern, const std::string& path, std::map<std::string, std::string>& params) {
  auto ps = Split(pattern, '/');
  auto xs = Split(path, '/');
  if (ps.size() != xs.size()) return -1;
  int literal = 0;
  for (std::size_t i = 0; i < ps.size(); ++i) {
    const auto p = ps[i];
    if (p.size() > 2 && p.front() == '{' && p.back() == '}') {
      if (xs[i].empty()) return -1;
      params[std::string(p.substr(1, p.size() - 2))] = std::string(xs[i]);
    } else if (p != xs[i]) {
      return -1;
    } else {
      ++literal;
    }
  }
  return literal;
}
}  // namespace

Match Router::Find(const std::string& method, const std::string& path) const {
  Match best;
  int best_score = -1;
  for (const auto& r : routes_) {
    std::map<std::string, std::string> params;
    int score = MatchPattern(r.pattern, path, params);
    if (score < 0) continue;
    bool same_method = r.method == method || (method == "HEAD" && r.method == "GET");
    if (!same_method) {
      best.allowed.push_back(r.method);
      continue;
    }
    if (score > best_score) {
      best_score = score;
      best.route = &r;
      best.params = std::move(params);
    }
  }
  return best;
}

}  // namespace huanxin::http
