#include "service/construction/notice_service.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "common/text.hpp"
#include "core/construction/ical.hpp"
#include "core/register/codes.hpp"
#include "report/checkup_report.hpp"
#include "report/qr_code.hpp"
#include "service/construction/access.hpp"
#include "service/construction/progress_service.hpp"
#include "store/construction/progress_repository.hpp"

namespace huanxin::service {

namespace {

using Repo = store::NoticeRepository;

Error NoEstate(std::int64_t id) {
  return NotFound("construction.estate_not_found",
                  Text("小区 " + std::to_string(id) + " 不存在或不在项目中", "estate " + std::to_string(id) + " does not exist or is not in the project"));
}

std::string Join(const std::vector<std::string>& parts, const std::string& sep) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : sep) + p;
  return out;
}

}  // namespace

Text DisruptionName(const std::string& kind) {
  static const std::map<std::string, Text> names{
      {"water", Text("停水", "water cut")},     {"power", Text("停电", "power cut")},
      {"gas", Text("停气", "gas cut")},         {"heating", Text("停暖", "heating cut")},
      {"road", Text("道路封闭", "road closed")}, {"noise", Text("噪声施工", "noisy works")}};
  auto it = names.find(kind);
  return it != names.end() ? it->second : Text::Same(kind);
}

std::string NoticeService::PublicPageUrl(const std::string& public_base, std::int64_t estate_id) {
  return public_base + "/h5/#/works/" + std::to_string(estate_id);
}

Result<std::vector<WorksNotice>> LoadNotices(store::Session& s, std::int64_t project_id,
                                             std::optional<std::int64_t> estate_id) {
  auto schedule = Repo::CurrentSchedule(s, project_id);
  if (!schedule) return std::move(schedule).error();
  std::vector<WorksNotice> out;
  if (!*schedule) return out;
  auto rows = Repo::Disruptions(s, project_id, (*schedule)->id, estate_id);
  if (!rows) return std::move(rows).error();
  // One notice per (step, estate), in the rows' order (start date, step code, estate).
  std::map<std::pair<std::string, std::int64_t>, std::size_t> at;
  for (const auto& r : *rows) {
    auto key = std::make_pair(r.step_code, r.estate_id);
    auto found = at.find(key);
    if (found == at.end()) {
      WorksNotice n;
      n.uid = "p" + std::to_string(project_id) + "-" + r.step_code + "-e" + std::to_string(r.estate_id) + "@huanxin";
      n.project_id = project_id;
      n.estate_id = r.estate_id;
      n.sequence = (*schedule)->id;
      n.estate_name = r.estate_name;
      n.kind = r.kind;
      n.step_code = r.step_code;
      n.step_name = r.step_name;
      n.from_on = r.start_on;
      n.to_on = r.end_on;
      found = at.emplace(key, out.size()).first;
      out.push_back(std::move(n));
    }
    out[found->second].buildings.push_back(core::reg::BuildingLabel(r.building_number));
  }
  return out;
}

Result<std::vector<WorksNotice>> NoticeService::Notices(const Actor& actor, std::int64_t project_id) {
  return store::ReadResult(db_, [&](store::Session& s) -> Result<std::vector<WorksNotice>> {
    auto project = ProjectForConstruction(s, actor, project_id, core::auth::perm::kConstructionRead);
    if (!project) return std::move(project).error();
    return LoadNotices(s, project_id, std::nullopt);
  });
}

Result<std::vector<store::NoticeStepRecord>> NoticeService::ScheduledSteps(const Actor& actor,
                                                                              std::int64_t project_id) {
  return store::ReadResult(db_, [&](store::Session& s) -> Result<std::vector<store::NoticeStepRecord>> {
    auto project = ProjectForConstruction(s, actor, project_id, core::auth::perm::kConstructionRead);
    if (!project) return std::move(project).error();
    auto schedule = Repo::CurrentSchedule(s, project_id);
    if (!schedule) return std::move(schedule).error();
    if (!*schedule) return std::vector<store::NoticeStepRecord>{};
    return Repo::ScheduledSteps(s, project_id, (*schedule)->id);
  });
}

Result<Document> NoticeService::PrintHtml(const Actor& actor, std::int64_t project_id, std::int64_t estate_id,
                                          const std::string& public_base) {
  struct Page {
    std::string project_name, estate_name;
    std::vector<WorksNotice> notices;
  };
  auto page = store::ReadResult(db_, [&](store::Session& s) -> Result<Page> {
    auto project = ProjectForConstruction(s, actor, project_id, core::auth::perm::kConstructionRead);
    if (!project) return std::move(project).error();
    auto estates = store::ProjectRepository::Estates(s, project_id);
    if (!estates) return std::move(estates).error();
    auto e = std::find_if(estates->begin(), estates->end(), [&](const auto& x) { return x.estate_id == estate_id; });
    if (e == estates->end()) return NoEstate(estate_id);
    auto notices = LoadNotices(s, project_id, estate_id);
    if (!notices) return std::move(notices).error();
    return Page{project->name, e->name, std::move(*notices)};
  });
  if (!page) return std::move(page).error();
  using report::EscapeHtml;
  const auto url = PublicPageUrl(public_base, estate_id);
  std::string qr;
  if (auto code = report::EncodeQr(url)) qr = report::QrSvg(*code, "32mm");
  std::string html =
      "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>施工公告 " + EscapeHtml(page->estate_name) +
      "</title><style>@page{size:A4;margin:18mm}body{font-family:'Noto Sans CJK SC',sans-serif;font-size:14pt}"
      "h1{text-align:center;font-size:26pt;letter-spacing:.3em}table{width:100%;border-collapse:collapse}"
      "td,th{border:1px solid #333;padding:6px;text-align:left}.kind{font-weight:bold}.foot{margin-top:12mm;display:flex;"
      "justify-content:space-between;align-items:flex-end}</style></head><body>";
  html += "<h1>施工公告</h1><p>尊敬的" + EscapeHtml(page->estate_name) + "居民：</p><p>" + EscapeHtml(page->project_name) +
          "施工期间，以下工序将影响您的生活，请提前做好准备。给您带来不便，敬请谅解。</p>";
  if (page->notices.empty()) {
    html += "<p>目前排程中没有停水、停电、停气、停暖、封路或噪声施工。</p>";
  } else {
    html += "<table><thead><tr><th>类别</th><th>工序</th><th>影响楼栋</th><th>起止日期</th></tr></thead><tbody>";
    for (const auto& n : page->notices)
      html += "<tr><td class=\"kind\">" + EscapeHtml(DisruptionName(n.kind).zh) + "</td><td>" + EscapeHtml(n.step_name) +
              "</td><td>" + EscapeHtml(Join(n.buildings, "、")) + "</td><td>" + EscapeHtml(n.from_on) +
              (n.to_on != n.from_on ? " 至 " + EscapeHtml(n.to_on) : "") + "</td></tr>";
    html += "</tbody></table>";
  }
  html += "<div class=\"foot\"><div>扫码查看最新施工安排，或订阅日历提醒<br><small>" + EscapeHtml(url) + "</small></div>" + qr +
          "</div><p style=\"text-align:right\">打印日期：" + FormatShanghai(clock_.Now(), 10) + "</p></body></html>";
  return Document{std::move(html), kHtmlType, "施工公告-" + std::to_string(estate_id) + ".html"};
}

Result<PublicWorks> NoticeService::PublicWorksOf(std::int64_t estate_id) {
  return store::ReadResult(db_, [&](store::Session& s) -> Result<PublicWorks> {
    auto estate = Repo::Estate(s, estate_id);
    if (!estate) return std::move(estate).error();
    if (!*estate) return NoEstate(estate_id);
    PublicWorks out;
    out.estate = std::move(**estate);
    auto projects = store::ProgressRepository::ProjectsOfEstate(s, estate_id);
    if (!projects) return std::move(projects).error();
    for (auto project_id : *projects) {
      auto schedule = Repo::CurrentSchedule(s, project_id);
      if (!schedule) return std::move(schedule).error();
      auto project = store::ProjectRepository::Find(s, project_id);
      if (!project) return std::move(project).error();
      if (!*project) continue;
      auto progress = LoadProgress(s, **project);
      if (!progress) return std::move(progress).error();
      if (!out.percent && !progress->steps.empty())
        for (const auto& e : progress->rollup.estates)
          if (e.estate_id == estate_id) out.percent = e.percent;
      if (!*schedule) continue;
      if (out.stamp.empty() || (*schedule)->created_at > out.stamp) out.stamp = (*schedule)->created_at;
      auto notices = LoadNotices(s, project_id, estate_id);
      if (!notices) return std::move(notices).error();
      for (auto& n : *notices) out.notices.push_back(std::move(n));
      // The estate's steps: its own and those touching its buildings.
      auto touching = Repo::StepsTouchingEstate(s, project_id, estate_id);
      if (!touching) return std::move(touching).error();
      const std::set<std::int64_t> touch(touching->begin(), touching->end());
      std::map<std::int64_t, std::int64_t> percent;
      for (const auto& sv : progress->steps)
        if (sv.latest) percent[sv.step.id] = sv.latest->percent * 100;
      auto steps = Repo::ScheduledSteps(s, project_id, (*schedule)->id);
      if (!steps) return std::move(steps).error();
      for (const auto& st : *steps)
        if (st.estate_id == estate_id || touch.count(st.step_id))
          out.steps.push_back(PublicStep{st.name, st.start_on, st.end_on, percent.count(st.step_id) ? percent[st.step_id] : 0});
    }
    std::stable_sort(out.notices.begin(), out.notices.end(),
                     [](const WorksNotice& a, const WorksNotice& b) { return a.from_on < b.from_on; });
    std::stable_sort(out.steps.begin(), out.steps.end(),
                     [](const PublicStep& a, const PublicStep& b) { return a.start_on < b.start_on; });
    return out;
  });
}

Result<Document> NoticeService::Calendar(std::int64_t estate_id) {
  auto works = PublicWorksOf(estate_id);
  if (!works) return std::move(works).error();
  core::construction::IcalCalendar cal;
  cal.prodid = "-//Huanxin//Works notices//ZH";
  cal.name = works->estate.name + " 施工公告";
  // The newest schedule's time: the feed's text changes only when the plan does.
  cal.dtstamp = core::construction::IcalUtc(works->stamp.empty() ? FormatIsoUtc(clock_.Now()) : works->stamp);
  for (const auto& n : works->notices) {
    core::construction::IcalEvent e;
    e.uid = n.uid;
    e.sequence = n.sequence;
    e.from_on = n.from_on;
    e.to_on = n.to_on;
    e.summary = DisruptionName(n.kind).zh + "：" + n.step_name;
    e.description = "影响楼栋：" + Join(n.buildings, "、") + "\n工序：" + n.step_name;
    e.location = n.estate_name;
    cal.events.push_back(std::move(e));
  }
  return Document{core::construction::WriteIcal(cal), "text/calendar; charset=utf-8",
                  "works-" + std::to_string(estate_id) + ".ics"};
}

}  // namespace huanxin::service
