// The PSPLIB `.sm` reader; the layout it accepts is in psplib.hpp.
#include "core/construction/psplib.hpp"

#include <optional>
#include <string>
#include <vector>

namespace huanxin::core::construction {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> Tokens(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r')) ++i;
    std::size_t j = i;
    while (j < s.size() && s[j] != ' ' && s[j] != '\t' && s[j] != '\r') ++j;
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

bool Starts(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// Separator or blank: skipped between sections.
bool Filler(std::string_view line) {
  line = Trim(line);
  for (char c : line)
    if (c != '*') return false;
  return true;
}

class Reader {
 public:
  explicit Reader(std::string_view text) {
    std::size_t from = 0;
    while (from <= text.size()) {
      std::size_t nl = text.find('\n', from);
      if (nl == std::string_view::npos) {
        if (from < text.size()) lines_.push_back(text.substr(from));
        break;
      }
      lines_.push_back(text.substr(from, nl - from));
      from = nl + 1;
    }
  }

  Result<PsplibInstance> Read() {
    PsplibInstance out;
    int jobs = -1, renewable = -1;
    // Header.
    for (;; ++at_) {
      if (at_ >= lines_.size()) return Fail("缺少 PRECEDENCE RELATIONS 段", "missing section PRECEDENCE RELATIONS");
      std::string_view line = Trim(lines_[at_]);
      if (Starts(line, "PRECEDENCE RELATIONS:")) break;
      std::size_t colon = line.find(':');
      if (colon == std::string_view::npos) continue;
      std::string_view key = Trim(line.substr(0, colon));
      auto value = Tokens(line.substr(colon + 1));
      int* target = nullptr;
      bool must_be_zero = false;
      if (Starts(key, "jobs")) target = &jobs;
      else if (key == "horizon") target = &out.declared_horizon;
      else if (key == "- renewable") target = &renewable;
      else if (key == "- nonrenewable" || key == "- doubly constrained") must_be_zero = true;
      if (!target && !must_be_zero) continue;
      int v = 0;
      if (value.empty() || !Int(value[0], &v))
        return Fail("“" + std::string(key) + "” 后应为整数", "expected an integer after '" + std::string(key) + "'");
      if (must_be_zero && v != 0)
        return Fail("不支持不可再生资源", "only renewable resources are supported, found " + std::to_string(v) + " others");
      if (target) *target = v;
    }
    if (jobs < 0) return Fail("此前未声明作业数（jobs）", "the job count ('jobs') is not declared before this section");
    if (renewable < 0) return Fail("此前未声明可再生资源数", "the renewable resource count is not declared before this section");
    if (jobs > kMaxJobs) return Fail("作业数超过上限 " + std::to_string(kMaxJobs), "more than " + std::to_string(kMaxJobs) + " jobs");
    if (renewable > kMaxResources)
      return Fail("资源数超过上限 " + std::to_string(kMaxResources), "more than " + std::to_string(kMaxResources) + " resources");
    Problem& p = out.problem;
    p.activities.resize(jobs);
    for (int r = 0; r < renewable; ++r) p.resource_names.push_back("R " + std::to_string(r + 1));
    for (int k = 0; k < jobs; ++k) p.activities[k].code = std::to_string(k + 1);

    ++at_;
    if (auto r = Header("jobnr.", "PRECEDENCE RELATIONS"); !r) return r.error();
    std::vector<char> listed(jobs, 0);
    for (int k = 1; k <= jobs; ++k) {
      auto t = Next();
      if (!t) return Fail("作业 " + std::to_string(k) + " 的紧后关系行缺失", "missing the precedence line of job " + std::to_string(k));
      if (auto r = JobAndMode(*t, k, 3); !r) return r.error();
      int count = 0;
      if (!Int((*t)[2], &count)) return Fail("紧后工序数应为整数", "expected the successor count, found '" + std::string((*t)[2]) + "'");
      if (static_cast<std::size_t>(count) != t->size() - 3)
        return Fail("应有 " + std::to_string(count) + " 个紧后工序，实有 " + std::to_string(t->size() - 3),
                    "expected " + std::to_string(count) + " successors, found " + std::to_string(t->size() - 3));
      std::fill(listed.begin(), listed.end(), 0);
      for (std::size_t i = 3; i < t->size(); ++i) {
        int s = 0;
        if (!Int((*t)[i], &s) || s < 1 || s > jobs || s == k)
          return Fail("紧后工序 “" + std::string((*t)[i]) + "” 不是 1 至 " + std::to_string(jobs) + " 之间的其他作业",
                      "successor '" + std::string((*t)[i]) + "' is not another job between 1 and " + std::to_string(jobs));
        if (listed[s - 1]) return Fail("紧后工序 " + std::to_string(s) + " 重复", "successor " + std::to_string(s) + " listed twice");
        listed[s - 1] = 1;
        p.activities[s - 1].predecessors.push_back({k - 1, PrecedenceType::kFinishStart, 0});
      }
    }

    if (auto r = Title("REQUESTS/DURATIONS:"); !r) return r.error();
    if (auto r = Header("jobnr.", "REQUESTS/DURATIONS"); !r) return r.error();
    if (auto t = Next(); !t || (*t).size() != 1 || !Starts((*t)[0], "---"))
      return Fail("应为虚线分隔行", "expected the dashed line under the column header");
    for (int k = 1; k <= jobs; ++k) {
      auto t = Next();
      if (!t) return Fail("作业 " + std::to_string(k) + " 的工期与需求行缺失", "missing the duration line of job " + std::to_string(k));
      const std::size_t want = 3 + static_cast<std::size_t>(renewable);
      if (t->size() != want)
        return Fail("应有 " + std::to_string(want) + " 个数（作业、模式、工期及 " + std::to_string(renewable) + " 项资源需求），实有 " +
                        std::to_string(t->size()),
                    "expected " + std::to_string(want) + " numbers (job, mode, duration and " + std::to_string(renewable) +
                        " resource requests), found " + std::to_string(t->size()));
      if (auto r = JobAndMode(*t, k, want); !r) return r.error();
      Activity& a = p.activities[k - 1];
      if (!Int((*t)[2], &a.duration)) return Fail("工期应为非负整数", "expected the duration, found '" + std::string((*t)[2]) + "'");
      for (int r = 0; r < renewable; ++r) {
        int q = 0;
        if (!Int((*t)[3 + r], &q))
          return Fail("资源需求应为非负整数", "expected the request of R " + std::to_string(r + 1) + ", found '" + std::string((*t)[3 + r]) + "'");
        if (q > 0) a.demands.push_back({r, q});
      }
    }

    if (auto r = Title("RESOURCEAVAILABILITIES:"); !r) return r.error();
    if (auto t = Next(); !t || t->size() != 2 * static_cast<std::size_t>(renewable))
      return Fail("应为资源名称行（" + std::to_string(renewable) + " 项）",
                  "expected the line naming the " + std::to_string(renewable) + " resources");
    auto t = Next();
    if (!t || t->size() != static_cast<std::size_t>(renewable))
      return Fail("应有 " + std::to_string(renewable) + " 个资源容量，实有 " + std::to_string(t ? t->size() : 0),
                  "expected " + std::to_string(renewable) + " resource capacities, found " + std::to_string(t ? t->size() : 0));
    for (std::string_view v : *t) {
      int c = 0;
      if (!Int(v, &c)) return Fail("资源容量应为非负整数", "expected a resource capacity, found '" + std::string(v) + "'");
      p.capacities.push_back(c);
    }
    for (; at_ < lines_.size(); ++at_)
      if (!Filler(lines_[at_])) {
        last_ = at_ + 1;
        return Fail("资源容量之后有多余内容", "unexpected text after the resource capacities");
      }
    return out;
  }

 private:
  // The next line that is not blank or a separator, as tokens; at_ points at it. Nothing at the end.
  std::optional<std::vector<std::string_view>> Next() {
    while (at_ < lines_.size() && Filler(lines_[at_])) ++at_;
    if (at_ >= lines_.size()) {
      last_ = lines_.size() + 1;  // the missing line after the end
      return std::nullopt;
    }
    auto t = Tokens(lines_[at_]);
    ++at_;
    last_ = at_;  // 1-based number of the line just read
    return t;
  }

  Result<void> Title(std::string_view title) {
    while (at_ < lines_.size() && Filler(lines_[at_])) ++at_;
    last_ = at_ + 1;
    if (at_ >= lines_.size() || !Starts(Trim(lines_[at_]), title))
      return Fail("应为 " + std::string(title) + " 段标题", "expected the section title " + std::string(title));
    ++at_;
    return Ok();
  }

  Result<void> Header(std::string_view first, std::string_view section) {
    auto t = Next();
    if (!t || t->empty() || (*t)[0] != first)
      return Fail(std::string(section) + " 段应以列标题行开始", "expected the column header of " + std::string(section));
    return Ok();
  }

  Result<void> JobAndMode(const std::vector<std::string_view>& t, int k, std::size_t at_least) {
    int job = 0, mode = 0;
    if (t.size() < at_least) return Fail("数值不足", "expected at least " + std::to_string(at_least) + " numbers, found " + std::to_string(t.size()));
    if (!Int(t[0], &job) || job != k)
      return Fail("应为作业 " + std::to_string(k), "expected job " + std::to_string(k) + ", found '" + std::string(t[0]) + "'");
    if (!Int(t[1], &mode) || mode != 1)
      return Fail("只支持单一模式（模式 1）", "expected mode 1 (single-mode), found '" + std::string(t[1]) + "'");
    return Ok();
  }

  static bool Int(std::string_view s, int* out) {
    if (s.empty() || s.size() > 9) return false;
    long long v = 0;
    for (char c : s) {
      if (c < '0' || c > '9') return false;
      v = v * 10 + (c - '0');
    }
    if (v > kMaxValue) return false;
    *out = static_cast<int>(v);
    return true;
  }

  // The line the reader stands on (header phase) or just read (sections).
  Error Fail(const std::string& zh, const std::string& en) const {
    const std::size_t line = last_ ? last_ : at_ + 1;
    return MakeError(ErrorCode::kUnprocessable, "construction.bad_psplib", Text("PSPLIB 文件格式错误", "malformed PSPLIB file"),
                     Text("第 " + std::to_string(line) + " 行：" + zh, "line " + std::to_string(line) + ": " + en));
  }

  std::vector<std::string_view> lines_;
  std::size_t at_ = 0;
  std::size_t last_ = 0;
};

}  // namespace

Result<PsplibInstance> ReadPsplib(std::string_view text) { return Reader(text).Read(); }

}  // namespace huanxin::core::construction
