#include "http/router.hpp"

#include <array>

namespace huanxin::http {

namespace {
constexpr std::size_t kKeySegments = 3;

// Splits "/a/b/c" into {"", "a", "b", "c"} (the leading empty segment is kept, as the patterns
// have it) into a fixed array; returns the count, or 0 when the path has more than `max` segments.
template <std::size_t N>
std::size_t SplitPath(std::string_view path, std::array<std::string_view, N>& out) {
  std::size_t n = 0;
  std::size_t start = 0;
  while (true) {
    auto slash = path.find('/', start);
    if (n == N) return 0;
    out[n++] = path.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    if (slash == std::string_view::npos) return n;
    start = slash + 1;
  }
}

bool IsParam(std::string_view seg) { return seg.size() > 2 && seg.front() == '{' && seg.back() == '}'; }

template <typename Segments>
std::string BucketKey(std::size_t count, const Segments& segs, bool literal_prefix) {
  std::string key = std::to_string(count) + "|";
  if (!literal_prefix) return key;
  for (std::size_t i = 1; i <= kKeySegments && i < count; ++i) {
    key += segs[i];
    key += '|';
  }
  return key;
}
}  // namespace

Router::Router(std::vector<Route> routes) : routes_(std::move(routes)) {
  for (const auto& r : routes_) {
    Compiled c{&r, {}, {}};
    std::string_view pattern = r.pattern;
    std::size_t start = 0;
    while (true) {
      auto slash = pattern.find('/', start);
      auto seg = pattern.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
      c.is_param.push_back(IsParam(seg));
      c.segments.emplace_back(c.is_param.back() ? seg.substr(1, seg.size() - 2) : seg);
      if (slash == std::string_view::npos) break;
      start = slash + 1;
    }
    bool literal_prefix = true;
    for (std::size_t i = 1; i <= kKeySegments && i < c.segments.size(); ++i)
      if (c.is_param[i]) literal_prefix = false;
    buckets_[BucketKey(c.segments.size(), c.segments, literal_prefix)].push_back(std::move(c));
  }
}

Match Router::Find(std::string_view method, std::string_view path) const {
  Match best;
  std::array<std::string_view, 24> xs;
  const std::size_t n = SplitPath(path, xs);
  if (n == 0) return best;
  int best_score = -1;
  const Compiled* winner = nullptr;
  auto scan = [&](const std::vector<Compiled>& candidates) {
    for (const auto& c : candidates) {
      if (c.segments.size() != n) continue;
      int literal = 0;
      bool ok = true;
      for (std::size_t i = 0; i < n && ok; ++i) {
        if (c.is_param[i])
          ok = !xs[i].empty();
        else if (c.segments[i] == xs[i])
          ++literal;
        else
          ok = false;
      }
      if (!ok) continue;
      const Route& r = *c.route;
      bool same_method = r.method == method || (method == "HEAD" && r.method == "GET");
      if (!same_method) {
        best.allowed.push_back(r.method);
        continue;
      }
      if (literal > best_score) {
        best_score = literal;
        winner = &c;
      }
    }
  };
  // Thread-local scratch for the key: no allocation once it has grown.
  thread_local std::string key;
  key.assign(std::to_string(n));
  key += '|';
  const std::size_t count_only = key.size();
  for (std::size_t i = 1; i <= kKeySegments && i < n; ++i) {
    key += xs[i];
    key += '|';
  }
  if (auto it = buckets_.find(key); it != buckets_.end()) scan(it->second);
  key.resize(count_only);
  if (auto it = buckets_.find(key); it != buckets_.end()) scan(it->second);
  if (winner) {
    best.route = winner->route;
    for (std::size_t i = 0; i < n; ++i)
      if (winner->is_param[i]) best.params.emplace(winner->segments[i], xs[i]);
  }
  return best;
}

}  // namespace huanxin::http
