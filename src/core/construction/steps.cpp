#include "core/construction/steps.hpp"

#include <algorithm>
#include <charconv>
#include <functional>
#include <unordered_map>

namespace huanxin::core::construction {

namespace {

template <std::size_t N>
bool OneOf(const std::string_view (&list)[N], std::string_view v) {
  return std::find(std::begin(list), std::end(list), v) != std::end(list);
}

std::size_t Chars(std::string_view s) {  // UTF-8 code points
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

Error InvalidSteps(const std::vector<std::string>& zh, const std::vector<std::string>& en) {
  std::string dz, de;
  for (std::size_t i = 0; i < zh.size(); ++i) {
    dz += (i ? "；" : "") + zh[i];
    de += (i ? "; " : "") + en[i];
  }
  return MakeError(ErrorCode::kUnprocessable, "construction.invalid_steps",
                   Text("工序有误，未保存", "the steps have errors; nothing was stored"), Text(dz, de),
                   Text("请按提示修改所列工序后重新提交", "correct the steps named and submit again"));
}

}  // namespace

bool IsGeneratedCode(std::string_view code) {
  for (auto p : kGeneratedPrefixes)
    if (code.starts_with(p)) return true;
  return false;
}

Result<void> ValidateSteps(const std::vector<Step>& steps, const std::map<std::string, int>& capacities) {
  std::vector<std::string> zh, en;
  auto add = [&](const std::string& code, const std::string& z, const std::string& e) {
    zh.push_back("工序 " + code + "：" + z);
    en.push_back("step " + code + ": " + e);
  };
  if (steps.size() > static_cast<std::size_t>(kMaxSteps)) {
    zh.push_back("工序数 " + std::to_string(steps.size()) + " 超过上限 " + std::to_string(kMaxSteps));
    en.push_back(std::to_string(steps.size()) + " steps, more than " + std::to_string(kMaxSteps));
    return InvalidSteps(zh, en);
  }
  std::unordered_map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const auto& s = steps[i];
    const std::string c = s.code.empty() ? "#" + std::to_string(i + 1) : s.code;
    if (s.code.empty()) add(c, "编码为空", "the code is empty");
    else if (Chars(s.code) > 64) add(c, "编码超过 64 个字符", "the code is longer than 64 characters");
    else if (IsGeneratedCode(s.code) && !s.generated)
      add(c, "open:/backfill:/resurface: 开头的编码留给系统生成的开挖工序",
          "codes starting open:/backfill:/resurface: are kept for the generated openings");
    else if (!index.emplace(s.code, i).second) add(c, "编码重复", "the code is repeated");
    if (s.name.empty() || Chars(s.name) > 100) add(c, "名称应为 1–100 个字符", "the name must have 1–100 characters");
    if (s.duration_days < 1 || s.duration_days > kMaxDuration)
      add(c, "工期 " + std::to_string(s.duration_days) + " 天不在 1–365 之间",
          "duration " + std::to_string(s.duration_days) + " days is not within 1–365");
    if (s.crew_type.empty() || Chars(s.crew_type) > 32)
      add(c, "班组类型应为 1–32 个字符", "the crew type must have 1–32 characters");
    if (s.crew_count < 1 || s.crew_count > kMaxCrew)
      add(c, "班组数 " + std::to_string(s.crew_count) + " 不在 1–100 之间",
          "crew count " + std::to_string(s.crew_count) + " is not within 1–100");
    if (auto it = capacities.find(s.crew_type); it != capacities.end() && s.crew_count > it->second)
      add(c, "需要 " + std::to_string(s.crew_count) + " 个" + s.crew_type + "班组，超过可用的 " + std::to_string(it->second) + " 个",
          "needs " + std::to_string(s.crew_count) + " " + s.crew_type + " crews, more than the " +
              std::to_string(it->second) + " available");
    if (s.trench) {
      if (s.trench->segment.empty() || Chars(s.trench->segment) > 64)
        add(c, "开挖路段应为 1–64 个字符", "the trench segment must have 1–64 characters");
      if (!OneOf(kUtilities, s.trench->utility))
        add(c, "未知的管线专业 " + s.trench->utility, "unknown utility " + s.trench->utility);
    }
    if (s.disruption && !OneOf(kDisruptionKinds, s.disruption->kind))
      add(c, "未知的影响类型 " + s.disruption->kind, "unknown disruption kind " + s.disruption->kind);
    if (s.window && !OneOf(kWindows, *s.window)) add(c, "未知的施工窗口 " + *s.window, "unknown window " + *s.window);
  }
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const auto& s = steps[i];
    std::set<std::string> seen;
    for (const auto& p : s.predecessors) {
      if (!OneOf(kPrecedenceTypes, p.type))
        add(s.code, "前置关系类型 " + p.type + " 应为 FS 或 SS", "precedence type " + p.type + " must be FS or SS");
      if (p.lag_days < 0 || p.lag_days > kMaxLag)
        add(s.code, "间隔 " + std::to_string(p.lag_days) + " 天不在 0–365 之间",
            "lag " + std::to_string(p.lag_days) + " days is not within 0–365");
      if (p.code == s.code) add(s.code, "不能以自身为前置工序", "cannot precede itself");
      else if (!index.contains(p.code))
        add(s.code, "前置工序 " + p.code + " 不存在", "predecessor " + p.code + " is not a step of the list");
      else if (!seen.insert(p.code).second)
        add(s.code, "前置工序 " + p.code + " 重复", "predecessor " + p.code + " is listed twice");
    }
  }
  if (!zh.empty()) return InvalidSteps(zh, en);
  // Cycles (only when every reference resolves): depth-first search, reporting each cycle once.
  std::vector<int> state(steps.size(), 0);  // 0 new, 1 on stack, 2 done
  std::vector<std::size_t> stack;
  std::function<void(std::size_t)> visit = [&](std::size_t v) {
    state[v] = 1;
    stack.push_back(v);
    for (const auto& p : steps[v].predecessors) {
      const auto w = index.at(p.code);
      if (state[w] == 1) {
        auto from = std::find(stack.begin(), stack.end(), w);
        std::string cz, ce;
        for (auto it = from; it != stack.end(); ++it) {
          cz += steps[*it].code + " → ";
          ce += steps[*it].code + " → ";
        }
        cz += steps[w].code;
        ce += steps[w].code;
        zh.push_back("前置关系成环：" + cz);
        en.push_back("the predecessors form a cycle: " + ce);
      } else if (state[w] == 0) {
        visit(w);
      }
    }
    stack.pop_back();
    state[v] = 2;
  };
  for (std::size_t i = 0; i < steps.size(); ++i)
    if (state[i] == 0) visit(i);
  if (!zh.empty()) return InvalidSteps(zh, en);
  return Ok();
}

namespace {
std::string OpeningKey(const Trench& t) { return t.split ? t.segment + ":" + t.utility : t.segment; }
}  // namespace

Openings CountOpenings(const std::vector<Step>& steps) {
  std::set<std::string> merged;
  std::set<std::pair<std::string, std::string>> naive;
  for (const auto& s : steps) {
    if (!s.trench || s.generated) continue;
    merged.insert(OpeningKey(*s.trench));
    naive.emplace(s.trench->segment, s.trench->utility);
  }
  return {static_cast<int>(merged.size()), static_cast<int>(naive.size())};
}

Expanded ExpandOpenings(const std::vector<Step>& user_steps, const OpeningPolicy& policy) {
  Expanded out;
  out.steps.reserve(user_steps.size());
  std::vector<std::string> order;
  std::map<std::string, std::vector<std::size_t>> members;  // key → indices into out.steps
  std::map<std::string, std::string> segment_of;
  for (const auto& s : user_steps) {
    if (s.generated) continue;
    out.steps.push_back(s);
    if (!s.trench) continue;
    const auto key = OpeningKey(*s.trench);
    if (!members.contains(key)) order.push_back(key);
    members[key].push_back(out.steps.size() - 1);
    segment_of[key] = s.trench->segment;
  }
  for (const auto& key : order) {
    std::set<std::int64_t> buildings;
    std::optional<std::int64_t> estate;
    bool one_estate = true;
    for (auto i : members[key]) {
      auto& s = out.steps[i];
      if (s.disruption)
        buildings.insert(s.disruption->building_ids.begin(), s.disruption->building_ids.end());
      if (s.estate_id) {
        if (estate && *estate != *s.estate_id) one_estate = false;
        estate = s.estate_id;
      }
      const std::string open = "open:" + key;
      if (std::none_of(s.predecessors.begin(), s.predecessors.end(), [&](auto& p) { return p.code == open; }))
        s.predecessors.push_back({open, "FS", 0});
    }
    auto gen = [&](std::string prefix, std::string zh_name, int days, const std::string& crew) {
      Step g;
      g.code = prefix + key;
      g.name = segment_of[key] + " " + zh_name;
      g.estate_id = one_estate ? estate : std::nullopt;
      g.duration_days = days;
      g.crew_type = crew;
      g.crew_count = 1;
      g.disruption = Disruption{"road", {buildings.begin(), buildings.end()}};
      g.generated = true;
      return g;
    };
    Step open = gen("open:", "开挖", policy.excavate_days, policy.earthwork_crew);
    Step backfill = gen("backfill:", "回填", policy.backfill_days, policy.earthwork_crew);
    for (auto i : members[key]) backfill.predecessors.push_back({out.steps[i].code, "FS", 0});
    Step resurface = gen("resurface:", "路面恢复", policy.resurface_days, policy.paving_crew);
    resurface.predecessors.push_back({backfill.code, "FS", 0});
    out.steps.push_back(std::move(open));
    out.steps.push_back(std::move(backfill));
    out.steps.push_back(std::move(resurface));
  }
  out.openings = CountOpenings(out.steps);
  return out;
}

std::optional<MonthDay> ParseMonthDay(std::string_view t) {
  if (t.size() != 5 || t[2] != '-') return std::nullopt;
  unsigned m = 0, d = 0;
  for (int i : {0, 1, 3, 4})
    if (t[i] < '0' || t[i] > '9') return std::nullopt;
  m = (t[0] - '0') * 10 + (t[1] - '0');
  d = (t[3] - '0') * 10 + (t[4] - '0');
  // Valid in a leap year (02-29 is a day some year has).
  const std::chrono::year_month_day ymd{std::chrono::year{2024}, std::chrono::month{m}, std::chrono::day{d}};
  if (!ymd.ok()) return std::nullopt;
  return MonthDay{m, d};
}

std::string FormatMonthDay(MonthDay md) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02u-%02u", md.month % 100, md.day % 100);
  return buf;
}

bool Season::Contains(Date day) const {
  const MonthDay md{static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day())};
  if (from <= to) return from <= md && md <= to;
  return md >= from || md <= to;  // wraps the new year
}

Result<void> ValidateSeasons(const Seasons& seasons) {
  if (seasons.exam_days.size() > 60)
    return MakeError(ErrorCode::kUnprocessable, "construction.invalid_seasons", Text("考试日过多", "too many exam days"),
                     Text("examDays：" + std::to_string(seasons.exam_days.size()) + " 天，最多 60 天",
                          "examDays: " + std::to_string(seasons.exam_days.size()) + " days, at most 60"));
  std::set<MonthDay> seen;
  for (auto d : seasons.exam_days)
    if (!seen.insert(d).second)
      return MakeError(ErrorCode::kUnprocessable, "construction.invalid_seasons", Text("考试日重复", "an exam day is repeated"),
                       Text("examDays：" + FormatMonthDay(d) + " 出现两次", "examDays: " + FormatMonthDay(d) + " is listed twice"));
  return Ok();
}

bool Forbidden(const Seasons& seasons, std::string_view window, Date day) {
  if (window == "outside_heating") return seasons.heating && seasons.heating->Contains(day);
  if (window == "outside_frost") return seasons.frost && seasons.frost->Contains(day);
  if (window == "no_exam_days") {
    const MonthDay md{static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day())};
    return std::find(seasons.exam_days.begin(), seasons.exam_days.end(), md) != seasons.exam_days.end();
  }
  return false;
}

int WindowIndex(std::string_view window) {
  for (int i = 0; i < static_cast<int>(std::size(kWindows)); ++i)
    if (kWindows[i] == window) return i;
  return -1;
}

Result<BuiltProblem> BuildProblem(const std::vector<Step>& steps, const std::map<std::string, int>& crews,
                                  const PlanCalendar& calendar, const Seasons& seasons,
                                  const std::map<std::int64_t, std::int64_t>& dwellings) {
  BuiltProblem out;
  auto& pr = out.problem;
  const int horizon = static_cast<int>(calendar.work.size());
  pr.horizon = horizon;
  std::map<std::string, int> resource;
  std::set<std::string> missing;
  for (const auto& s : steps) {
    if (resource.contains(s.crew_type)) continue;
    auto it = crews.find(s.crew_type);
    if (it == crews.end()) {
      missing.insert(s.crew_type);
      continue;
    }
    resource[s.crew_type] = static_cast<int>(out.crew_types.size());
    out.crew_types.push_back(s.crew_type);
    pr.resource_names.push_back(s.crew_type);
    pr.capacities.push_back(it->second);
  }
  if (!missing.empty()) {
    std::string list;
    for (const auto& m : missing) list += (list.empty() ? "" : "、") + m;
    return MakeError(ErrorCode::kUnprocessable, "construction.crew_missing",
                     Text("缺少班组数量", "crews are missing"),
                     Text("crews 中没有这些班组类型的数量：" + list, "crews gives no count for: " + list),
                     Text("请在 crews 中给出每种班组的可用数量", "give the available count of every crew type in crews"));
  }
  std::unordered_map<std::string, int> index;
  for (std::size_t i = 0; i < steps.size(); ++i) index[steps[i].code] = static_cast<int>(i);
  // Buildings of each opening's road closure, for the trench steps inside it.
  std::map<std::string, std::set<std::int64_t>> road;
  for (const auto& s : steps)
    if (s.generated && s.code.starts_with("open:") && s.disruption)
      road[s.code].insert(s.disruption->building_ids.begin(), s.disruption->building_ids.end());
  std::map<std::int64_t, int> group;
  auto group_of = [&](std::int64_t building) {
    auto [it, fresh] = group.emplace(building, static_cast<int>(out.building_ids.size()));
    if (fresh) {
      out.building_ids.push_back(building);
      auto w = dwellings.find(building);
      pr.group_weights.push_back(w == dwellings.end() ? 1 : w->second);
    }
    return it->second;
  };
  for (const auto& s : steps) {
    Activity a;
    a.code = s.code;
    a.duration = s.duration_days;
    a.demands.push_back({resource.at(s.crew_type), s.crew_count});
    for (const auto& p : s.predecessors) {
      auto it = index.find(p.code);
      if (it == index.end()) continue;  // ValidateSteps refused these before
      a.predecessors.push_back(
          {it->second, p.type == "SS" ? PrecedenceType::kStartStart : PrecedenceType::kFinishStart, p.lag_days});
    }
    if (std::any_of(calendar.work.begin(), calendar.work.end(), [](bool w) { return !w; })) a.work_days = calendar.work;
    if (s.window) {
      std::vector<bool> forbidden(horizon, false);
      bool any = false;
      const auto first = std::chrono::sys_days{calendar.start};
      for (int d = 0; d < horizon; ++d)
        any |= forbidden[d] = Forbidden(seasons, *s.window, Date{first + std::chrono::days{d}});
      if (any) {
        a.forbidden = std::move(forbidden);
        a.forbidden_reason = WindowIndex(*s.window);
      }
    }
    std::set<int> groups;
    if (s.disruption && s.disruption->kind != "noise")
      for (auto b : s.disruption->building_ids) groups.insert(group_of(b));
    if (s.trench && !s.generated)
      for (const auto& p : s.predecessors)
        if (auto it = road.find(p.code); it != road.end())
          for (auto b : it->second) groups.insert(group_of(b));
    a.disrupts.assign(groups.begin(), groups.end());
    pr.activities.push_back(std::move(a));
  }
  return out;
}

}  // namespace huanxin::core::construction
