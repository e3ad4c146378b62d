#include "service/construction/household_service.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <map>
#include <set>

#include "common/text.hpp"
#include "core/construction/progress.hpp"
#include "service/audit/audit_service.hpp"
#include "service/construction/access.hpp"
#include "service/construction/progress_service.hpp"

namespace huanxin::service {

namespace {

namespace json = boost::json;
using Repo = store::HouseholdWorkRepository;

constexpr std::size_t kTeamNameMaxChars = 60;
constexpr std::size_t kPhoneMaxChars = 20;

const std::vector<std::string> kStatuses{"not_started", "in_progress", "done", "declined"};

bool Known(const std::vector<std::string>& codes, const std::string& code) {
  return std::find(codes.begin(), codes.end(), code) != codes.end();
}

Result<void> CheckWork(const std::string& work) {
  if (!Known(HouseholdWorkCodes(), work))
    return WorksField("work", Text("应为 heating、water_meter、windows、gas_meter、wiring 或 other",
                                   "must be heating, water_meter, windows, gas_meter, wiring or other"));
  return Ok();
}

// Ok when `estate` (nullopt: the row was not found) is one of the project's, else `missing`.
Result<void> RequireInProject(store::Session& s, std::int64_t project_id, std::optional<std::int64_t> estate, Error missing) {
  if (!estate) return missing;
  auto estates = store::ProjectRepository::Estates(s, project_id);
  if (!estates) return std::move(estates).error();
  if (std::none_of(estates->begin(), estates->end(), [&](const auto& e) { return e.estate_id == *estate; })) return missing;
  return Ok();
}

json::value OptText(const std::optional<std::string>& v) { return v ? json::value(json::string(*v)) : json::value(nullptr); }

}  // namespace

const std::vector<std::string>& HouseholdWorkCodes() {
  static const std::vector<std::string> codes{"heating", "water_meter", "windows", "gas_meter", "wiring", "other"};
  return codes;
}

std::string HouseholdWorkName(const std::string& code) {
  static const std::map<std::string, std::string> names{{"heating", "入户供暖"}, {"water_meter", "水表"},
                                                        {"windows", "门窗"},       {"gas_meter", "燃气表"},
                                                        {"wiring", "户内线路"},    {"other", "其他入户工程"}};
  auto it = names.find(code);
  return it == names.end() ? code : it->second;
}

Result<std::vector<store::HouseholdTeamRecord>> HouseholdService::Teams(const Actor& actor, std::int64_t project_id) {
  return store::ReadResult(db_, [&](store::Session& s) -> Result<std::vector<store::HouseholdTeamRecord>> {
    auto project = ProjectForConstruction(s, actor, project_id, core::auth::perm::kConstructionRead);
    if (!project) return std::move(project).error();
    return Repo::Teams(s, project_id);
  });
}

Result<store::HouseholdTeamRecord> HouseholdService::AddTeam(const Actor& actor, std::int64_t project_id,
                                                             const TeamInput& in) {
  auto n = Utf8Length(in.name);
  if (!n || Trim(in.name).empty() || *n > kTeamNameMaxChars)
    return WorksField("name", Text("应为 1–60 个字符", "must be 1–60 characters"));
  if (in.phone.size() > kPhoneMaxChars ||
      !std::all_of(in.phone.begin(), in.phone.end(), [](char c) { return (c >= '0' && c <= '9') || c == '+' || c == '-' || c == ' '; }))
    return WorksField("phone", Text("最多20位数字、+、- 或空格", "at most 20 digits, '+', '-' or spaces"));
  if (in.works.empty()) return WorksField("works", Text("至少一项入户工程", "at least one household work"));
  std::set<std::string> works;
  for (const auto& w : in.works) {
    if (auto r = CheckWork(w); !r) return WorksField("works", Text("未知的入户工程 " + w, "unknown household work " + w));
    works.insert(w);
  }
  std::string joined;
  for (const auto& w : HouseholdWorkCodes())
    if (works.count(w)) joined += (joined.empty() ? "" : ",") + w;
  return store::WriteResult(db_, [&](store::Session& s) -> Result<store::HouseholdTeamRecord> {
    auto project = ProjectForConstruction(s, actor, project_id, core::auth::perm::kHouseholdWrite);
    if (!project) return std::move(project).error();
    store::HouseholdTeamRecord t{0, project_id, project->region_code, std::string(Trim(in.name)), in.phone, joined,
                                 FormatIsoUtc(clock_.Now())};
    auto id = Repo::InsertTeam(s, t);
    if (!id)
      return store::MapDuplicate(std::move(id).error(),
                                 MakeError(ErrorCode::kConflict, "construction.team_exists",
                                           Text("项目已有同名入户施工队", "the project has a team of that name"),
                                           Text::Same(t.name)));
    t.id = *id;
    Changes ch;
    ch.Set("team", nullptr, t.id).Set("name", nullptr, json::string(t.name)).Set("works", nullptr, json::string(joined));
    if (auto r = RecordAudit(s, clock_, actor, "construction.household_team", "project", std::to_string(project_id),
                             project->region_code, ch);
        !r)
      return std::move(r).error();
    return t;
  });
}

Result<store::HouseholdWorkRecord> HouseholdService::SetWork(const Actor& actor, std::int64_t project_id,
                                                             std::int64_t dwelling_id, const HouseholdWorkInput& in) {
  if (auto r = CheckWork(in.work); !r) return std::move(r).error();
  if (!Known(kStatuses, in.status))
    return WorksField("status", Text("应为 not_started、in_progress、done 或 declined",
                                     "must be not_started, in_progress, done or declined"));
  // Who does the work matters once it is under way (issue #13: "done by a contractor team from the
  // tendered pool or by the resident"); before that, or when declined, nobody does it.
  const bool under_way = in.status == "in_progress" || in.status == "done";
  if (under_way && !in.by)
    return WorksField("by", Text("施工中或已完成时须填写 contractor 或 self", "contractor or self is required when in progress or done"));
  if (!under_way && in.by) return WorksField("by", Text("未开始或已拒绝时不填", "must be absent when not started or declined"));
  if (in.by && *in.by != "contractor" && *in.by != "self")
    return WorksField("by", Text("应为 contractor 或 self", "must be contractor or self"));
  if (in.team_id && in.by.value_or("") != "contractor")
    return WorksField("teamId", Text("仅施工队施工时填写", "only with by = contractor"));
  return store::WriteResult(db_, [&](store::Session& s) -> Result<store::HouseholdWorkRecord> {
    auto project = ProjectForConstruction(s, actor, project_id, core::auth::perm::kHouseholdWrite);
    if (!project) return std::move(project).error();
    auto place = Repo::FindDwelling(s, dwelling_id);
    if (!place) return std::move(place).error();
    auto in_project = RequireInProject(
        s, project_id, *place ? std::optional<std::int64_t>((*place)->estate_id) : std::nullopt,
        NotFound("construction.dwelling_not_found", Text("项目的小区中没有户 " + std::to_string(dwelling_id),
                                                         "no dwelling " + std::to_string(dwelling_id) + " in the project's estates")));
    if (!in_project) return std::move(in_project).error();
    if (in.team_id) {
      auto team = Repo::FindTeam(s, *in.team_id);
      if (!team) return std::move(team).error();
      if (!*team || (*team)->project_id != project_id)
        return WorksField("teamId", Text("不是本项目的入户施工队", "not a team of the project"));
      const auto tendered = Split((*team)->works, ',');
      if (std::find(tendered.begin(), tendered.end(), std::string_view(in.work)) == tendered.end())
        return WorksField("teamId", Text("该队未中标此项入户工程", "the team was not tendered for this work"));
    }
    auto before = Repo::Find(s, project_id, dwelling_id, in.work);
    if (!before) return std::move(before).error();
    store::HouseholdWorkRecord w{project_id, dwelling_id, in.work, (*place)->estate_id, (*place)->building_id,
                                 (*place)->region_code, in.status, in.by, in.team_id, actor.user_id,
                                 FormatIsoUtc(clock_.Now())};
    if (auto r = Repo::Upsert(s, w); !r) return std::move(r).error();
    Changes ch;
    ch.Set("dwelling", nullptr, dwelling_id)
        .Set("work", nullptr, json::string(in.work))
        .Set("status", *before ? json::value(json::string((*before)->status)) : json::value(nullptr), json::string(in.status))
        .Set("by", *before ? OptText((*before)->done_by) : json::value(nullptr), OptText(in.by));
    if (auto r = RecordAudit(s, clock_, actor, "construction.household_work", "project", std::to_string(project_id),
                             project->region_code, ch);
        !r)
      return std::move(r).error();
    return w;
  });
}

Result<HouseholdSummary> HouseholdService::Summary(const Actor& actor, std::int64_t project_id, const std::string& work) {
  if (auto r = CheckWork(work); !r) return std::move(r).error();
  return store::ReadResult(db_, [&](store::Session& s) -> Result<HouseholdSummary> {
    auto project = ProjectForConstruction(s, actor, project_id, core::auth::perm::kConstructionRead);
    if (!project) return std::move(project).error();
    auto buildings = Repo::Buildings(s, project_id, work);
    if (!buildings) return std::move(buildings).error();
    HouseholdSummary out;
    out.work = work;
    for (const auto& b : *buildings) {
      out.total += b.total;
      out.done += b.done;
      out.in_progress += b.in_progress;
      out.declined += b.declined;
      out.by_contractor += b.by_contractor;
      out.by_self += b.by_self;
    }
    out.not_started = out.total - out.done - out.in_progress - out.declined;
    out.rate = core::construction::HouseholdRate(out.done, out.total);
    out.buildings = std::move(*buildings);
    return out;
  });
}

Result<std::vector<store::HouseholdGridRow>> HouseholdService::Grid(const Actor& actor, std::int64_t project_id,
                                                                    const std::string& work, std::int64_t building_id) {
  if (auto r = CheckWork(work); !r) return std::move(r).error();
  return store::ReadResult(db_, [&](store::Session& s) -> Result<std::vector<store::HouseholdGridRow>> {
    auto project = ProjectForConstruction(s, actor, project_id, core::auth::perm::kConstructionRead);
    if (!project) return std::move(project).error();
    auto estate = Repo::EstateOfBuilding(s, building_id);
    if (!estate) return std::move(estate).error();
    auto in_project = RequireInProject(
        s, project_id, *estate,
        NotFound("construction.building_not_found", Text("项目的小区中没有楼栋 " + std::to_string(building_id),
                                                         "no building " + std::to_string(building_id) + " in the project's estates")));
    if (!in_project) return std::move(in_project).error();
    return Repo::Grid(s, project_id, work, building_id);
  });
}

}  // namespace huanxin::service
