#include "service/supervision/supervision_service.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <map>
#include <set>
#include <utility>

#include "common/text.hpp"
#include "core/calendar/work_calendar.hpp"
#include "service/audit/audit_service.hpp"
#include "service/construction/access.hpp"
#include "store/auth/user_repository.hpp"
#include "store/construction/progress_repository.hpp"
#include "store/register/register_repository.hpp"

namespace huanxin::service {

namespace {

namespace json = boost::json;
namespace cs = core::supervision;
namespace perm = core::auth::perm;
using Repo = store::SupervisionRepository;
using core::auth::Role;

constexpr std::size_t kTextMax = 1000, kShortMax = 100, kClientIdMax = 64, kPhotosMax = 9, kFindingsMax = 50;

json::array IdsJson(const std::vector<std::int64_t>& ids) { return json::array(ids.begin(), ids.end()); }

// A text field: trimmed non-empty (unless `optional`), valid UTF-8, at most `max` characters.
Result<void> CheckText(const std::string& field, const std::string& v, std::size_t max, bool optional = false) {
  auto n = Utf8Length(v);
  if (!n) return SupervisionField(field, Text("不是有效的 UTF-8 文本", "is not valid UTF-8 text"));
  if (!optional && Trim(v).empty()) return SupervisionField(field, Text("不能为空", "must not be empty"));
  if (*n > max)
    return SupervisionField(field, Text("最多 " + std::to_string(max) + " 个字符", "at most " + std::to_string(max) + " characters"));
  return Ok();
}

bool Contains(const std::vector<std::string_view>& list, const std::string& v) {
  return std::find(list.begin(), list.end(), v) != list.end();
}

const std::vector<std::string_view> kUnitKinds{"contractor", "supervision_firm", "utility", "design"};
// REFERENCE.md §4.1: 施工监督员, 民情观察员, 政策宣讲员, 志愿者.
const std::vector<std::string_view> kSupervisorRoles{"construction_supervisor", "opinion_observer", "policy_explainer",
                                                     "volunteer"};

json::object OrderAudit(const store::RectificationRecord& o) {
  return json::object{{"project", o.project_id}, {"unit", o.unit_id},      {"dueOn", o.due_on},
                      {"status", o.status},      {"level", o.level},       {"reworks", o.reworks},
                      {"photos", IdsJson(o.photo_file_ids)}};
}

// supervision:write, a region code, inside the caller's scope.
Result<void> CheckWriteRegion(const Actor& actor, const std::string& region_code) {
  if (auto r = RequirePermission(actor, perm::kSupervisionWrite); !r) return r;
  if (region_code.empty() || !IsDigits(region_code))
    return SupervisionField("regionCode", Text("应为区划代码", "must be a region code"));
  return RequireInScope(actor, region_code);
}

// supervision:read; the requested region (inside the scope) or the caller's scope.
Result<std::string> ReadPrefix(const Actor& actor, const std::optional<std::string>& region_code) {
  if (auto r = RequirePermission(actor, perm::kSupervisionRead); !r) return std::move(r).error();
  auto region = ScopedRegionFilter(actor, region_code);
  if (!region) return std::move(region).error();
  return region->value_or(actor.scope.prefix());
}

// For a contractor or utility account linked to units: those units (orders to others are not
// theirs); nullopt for everyone else (the project decides).
Result<std::optional<std::vector<std::int64_t>>> LinkedUnits(store::Session& s, const Actor& actor) {
  if (actor.role != Role::kContractor && actor.role != Role::kUtility) return std::optional<std::vector<std::int64_t>>();
  auto units = Repo::UnitsOfUser(s, actor.user_id);
  if (!units) return std::move(units).error();
  if (units->empty()) return std::optional<std::vector<std::int64_t>>();
  return std::optional<std::vector<std::int64_t>>(std::move(*units));
}

// A contractor or utility account linked to units may touch only their orders (issue #14: "see only
// theirs"); 403 supervision.not_your_unit.
Result<void> RequireOwnUnit(store::Session& s, const Actor& actor, const store::RectificationRecord& order) {
  auto units = LinkedUnits(s, actor);
  if (!units) return std::move(units).error();
  if (!*units || std::find((*units)->begin(), (*units)->end(), order.unit_id) != (*units)->end()) return Ok();
  return MakeError(ErrorCode::kForbidden, "supervision.not_your_unit", Text("该整改单不是发给您的单位的", "the order is not addressed to your unit"),
                   Text("整改单 " + std::to_string(order.id) + " 发给 " + order.unit_company,
                        "order " + std::to_string(order.id) + " is addressed to " + order.unit_company));
}

Error OrderNotFound(std::int64_t id) {
  return NotFound("supervision.not_found", Text("整改单 " + std::to_string(id) + " 不存在",
                                                "rectification order " + std::to_string(id) + " does not exist"));
}

}  // namespace

Error SupervisionField(const std::string& field, Text why) {
  return Invalid("supervision.invalid_field", Text("字段 " + field + " 无效：" + why.zh, "field " + field + " is invalid: " + why.en),
                 Text::Same(field), Text("请按提示修改后重试", "correct the field and try again"));
}

SupervisionService::SupervisionService(store::Database& db, const Clock& clock, CalendarService& calendar,
                                       FileService& files, SupervisionSettings settings)
    : db_(db), clock_(clock), calendar_(calendar), files_(files), settings_(settings) {
  // Findings and replies show sites (and residents passing by): supervision:read; the file service
  // checks the region.
  files_.SetReadPolicy("supervision", [](const Actor& actor, const StoredFile&) {
    return RequirePermission(actor, perm::kSupervisionRead);
  });
}

std::string SupervisionService::Today() const { return FormatShanghai(clock_.Now(), 10); }

Result<std::vector<std::int64_t>> SupervisionService::CheckPhotos(store::Session& s, const std::string& region_code,
                                                                  const std::vector<std::int64_t>& ids,
                                                                  const std::string& field) {
  if (ids.size() > kPhotosMax) return SupervisionField(field, Text("最多 9 张照片", "at most 9 photos"));
  std::set<std::int64_t> seen;
  for (auto id : ids) {
    if (!seen.insert(id).second) return SupervisionField(field, Text("照片重复", "a photo is listed twice"));
    auto f = files_.Find(s, id);
    if (!f) return std::move(f).error();
    // A photo of another place's works must not be attached here (and read through this order).
    if (!*f || (*f)->region_code.rfind(region_code, 0) != 0)
      return SupervisionField(field, Text("照片文件 " + std::to_string(id) + " 不存在", "no photo file " + std::to_string(id)));
  }
  return ids;
}

// ---- units and roster ----

Result<std::vector<store::ChecklistItemRecord>> SupervisionService::Checklist(const Actor& actor) {
  if (auto r = RequirePermission(actor, perm::kSupervisionRead); !r) return std::move(r).error();
  return store::ReadResult(db_, [&](store::Session& s) { return Repo::Checklist(s); });
}

Result<std::vector<store::ResponsibleUnitRecord>> SupervisionService::Units(const Actor& actor,
                                                                           const std::optional<std::string>& region_code) {
  auto prefix = ReadPrefix(actor, region_code);
  if (!prefix) return std::move(prefix).error();
  return store::ReadResult(db_, [&](store::Session& s) { return Repo::Units(s, *prefix); });
}

Result<store::ResponsibleUnitRecord> SupervisionService::AddUnit(const Actor& actor, const ResponsibleUnitInput& in) {
  if (auto r = CheckWriteRegion(actor, in.region_code); !r) return std::move(r).error();
  if (auto r = CheckText("company", in.company, kShortMax); !r) return std::move(r).error();
  if (!Contains(kUnitKinds, in.kind))
    return SupervisionField("kind", Text("应为 contractor、supervision_firm、utility 或 design",
                                         "must be contractor, supervision_firm, utility or design"));
  if (!in.credit_code.empty() && (in.credit_code.size() != 18 || !std::all_of(in.credit_code.begin(), in.credit_code.end(), [](char c) {
                                    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
                                  })))
    return SupervisionField("creditCode", Text("统一社会信用代码应为 18 位数字或大写字母", "must be 18 digits or capital letters"));
  if (auto r = CheckText("contact", in.contact, kShortMax, true); !r) return std::move(r).error();
  if (auto r = CheckText("phone", in.phone, 30, true); !r) return std::move(r).error();
  if (in.user_ids.size() > 50) return SupervisionField("userIds", Text("最多 50 个账号", "at most 50 accounts"));
  return store::WriteResult(db_, [&](store::Session& s) -> Result<store::ResponsibleUnitRecord> {
    std::set<std::int64_t> seen;
    for (auto id : in.user_ids) {
      auto user = store::UserRepository::FindById(s, id);
      if (!user) return std::move(user).error();
      if (!*user || ((*user)->role != "contractor" && (*user)->role != "utility") || !seen.insert(id).second)
        return SupervisionField("userIds", Text("账号 " + std::to_string(id) + " 不是施工单位或管线单位账号",
                                                "user " + std::to_string(id) + " is not a contractor or utility account"));
    }
    store::ResponsibleUnitRecord u{0, in.region_code, std::string(Trim(in.company)), in.kind, in.credit_code,
                                   in.contact, in.phone, FormatIsoUtc(clock_.Now()), in.user_ids};
    auto id = Repo::InsertUnit(s, u);
    if (!id) return std::move(id).error();
    u.id = *id;
    Changes ch;
    ch.Set("company", nullptr, json::string(u.company)).Set("kind", nullptr, json::string(u.kind))
        .Set("users", nullptr, IdsJson(u.user_ids));
    if (auto r = RecordAudit(s, clock_, actor, "supervision.unit", "responsible_unit", std::to_string(u.id), u.region_code, ch); !r)
      return std::move(r).error();
    return u;
  });
}

Result<std::vector<store::SupervisorRecord>> SupervisionService::Supervisors(const Actor& actor,
                                                                            const std::optional<std::string>& region_code) {
  auto prefix = ReadPrefix(actor, region_code);
  if (!prefix) return std::move(prefix).error();
  return store::ReadResult(db_, [&](store::Session& s) { return Repo::Supervisors(s, *prefix); });
}

Result<store::SupervisorRecord> SupervisionService::AddSupervisor(const Actor& actor, const SupervisorInput& in) {
  if (auto r = CheckWriteRegion(actor, in.region_code); !r) return std::move(r).error();
  if (auto r = CheckText("name", in.name, kShortMax); !r) return std::move(r).error();
  if (!Contains(kSupervisorRoles, in.role))
    return SupervisionField("role", Text("应为 construction_supervisor、opinion_observer、policy_explainer 或 volunteer",
                                         "must be construction_supervisor, opinion_observer, policy_explainer or volunteer"));
  if (auto r = CheckText("phone", in.phone, 30, true); !r) return std::move(r).error();
  if (auto r = CheckText("background", in.background, kShortMax, true); !r) return std::move(r).error();
  return store::WriteResult(db_, [&](store::Session& s) -> Result<store::SupervisorRecord> {
    if (in.user_id) {
      auto u = store::UserRepository::FindById(s, *in.user_id);
      if (!u) return std::move(u).error();
      if (!*u || (*u)->role != "supervisor")
        return SupervisionField("userId", Text("应为监督员角色的用户", "must be a user of role supervisor"));
    }
    for (auto e : in.estate_ids) {
      auto estate = store::EstateRepository::Find(s, e);
      if (!estate) return std::move(estate).error();
      if (!*estate || (*estate)->region_code.rfind(in.region_code, 0) != 0)
        return SupervisionField("estateIds", Text("小区 " + std::to_string(e) + " 不在该区划内",
                                                  "estate " + std::to_string(e) + " is not inside the region"));
    }
    for (auto p : in.project_ids) {
      auto project = store::ProjectRepository::Find(s, p);
      if (!project) return std::move(project).error();
      if (!*project || (*project)->region_code.rfind(in.region_code, 0) != 0)
        return SupervisionField("projectIds", Text("项目 " + std::to_string(p) + " 不在该区划内",
                                                   "project " + std::to_string(p) + " is not inside the region"));
    }
    store::SupervisorRecord r{0, in.region_code, std::string(Trim(in.name)), in.role, in.phone, in.background,
                              in.user_id, FormatIsoUtc(clock_.Now()), in.estate_ids, in.project_ids};
    auto id = Repo::InsertSupervisor(s, r);
    if (!id) return std::move(id).error();
    r.id = *id;
    Changes ch;
    ch.Set("name", nullptr, json::string(r.name)).Set("role", nullptr, json::string(r.role))
        .Set("estates", nullptr, IdsJson(r.estate_ids)).Set("projects", nullptr, IdsJson(r.project_ids));
    if (auto a = RecordAudit(s, clock_, actor, "supervision.supervisor", "supervisor", std::to_string(r.id), r.region_code, ch); !a)
      return std::move(a).error();
    return r;
  });
}

// ---- inspections ----

Result<InspectionView> SupervisionService::Inspect(const Actor& actor, std::int64_t project_id, const InspectionInput& in) {
  std::optional<InspectionView> again;
  std::int64_t id = 0;
  auto w = db_.Write([&](store::Session& s) -> Result<void> {
    auto project = ProjectForConstruction(s, actor, project_id, perm::kInspect);
    if (!project) return std::move(project).error();
    if (in.client_id) {
      if (in.client_id->empty() || in.client_id->size() > kClientIdMax)
        return SupervisionField("clientId", Text("应为 1–64 个字符", "must be 1–64 characters"));
      // A phone's queue resends what it is not sure arrived: the first inspection answers.
      auto first = Repo::FindInspectionByClientId(s, project_id, *in.client_id);
      if (!first) return std::move(first).error();
      if (*first) {
        again = InspectionView{std::move(**first), false};
        return Ok();
      }
    }
    store::InspectionRecord r;
    r.project_id = project_id;
    r.region_code = project->region_code;
    r.client_id = in.client_id;
    if (in.step_code) {
      auto step = store::ProgressRepository::FindStep(s, project_id, *in.step_code);
      if (!step) return std::move(step).error();
      if (!*step) return SupervisionField("stepCode", Text("项目没有工序 " + *in.step_code, "the project has no step " + *in.step_code));
      r.step_code = in.step_code;
    }
    r.inspected_at = FormatIsoUtc(clock_.Now());
    if (in.inspected_at) {
      auto t = ParseIso(*in.inspected_at);
      if (!t) return SupervisionField("inspectedAt", Text("应为 ISO 8601 时间", "must be an ISO 8601 time"));
      if (*t > clock_.Now() + std::chrono::minutes(5))
        return SupervisionField("inspectedAt", Text("不能晚于现在", "must not be in the future"));
      r.inspected_at = FormatIsoUtc(*t);
    }
    if (in.lat_micro.has_value() != in.lng_micro.has_value())
      return SupervisionField(in.lat_micro ? "lng" : "lat", Text("经纬度须同时给出", "lat and lng go together"));
    if (in.lat_micro && (*in.lat_micro < -90000000 || *in.lat_micro > 90000000))
      return SupervisionField("lat", Text("应在 −90 到 90 之间", "must be between −90 and 90"));
    if (in.lng_micro && (*in.lng_micro < -180000000 || *in.lng_micro > 180000000))
      return SupervisionField("lng", Text("应在 −180 到 180 之间", "must be between −180 and 180"));
    r.lat_micro = in.lat_micro;
    r.lng_micro = in.lng_micro;
    if (auto c = CheckText("place", in.place, 200, true); !c) return std::move(c).error();
    if (auto c = CheckText("note", in.note, kTextMax, true); !c) return std::move(c).error();
    r.place = in.place;
    r.note = in.note;
    if (in.findings.size() > kFindingsMax) return SupervisionField("findings", Text("最多 50 条", "at most 50"));
    auto items = Repo::Checklist(s);
    if (!items) return std::move(items).error();
    int position = 0;
    for (const auto& f : in.findings) {
      const std::string at = "findings[" + std::to_string(position) + "]";
      if (std::none_of(items->begin(), items->end(), [&](const auto& i) { return i.code == f.item_code; }))
        return SupervisionField(at + ".itemCode", Text("不是检查项：" + f.item_code, "not a checklist item: " + f.item_code));
      if (auto c = CheckText(at + ".text", f.text, kTextMax); !c) return std::move(c).error();
      auto photos = CheckPhotos(s, project->region_code, f.photo_file_ids, at + ".photoFileIds");
      if (!photos) return std::move(photos).error();
      r.findings.push_back(store::FindingRecord{0, 0, project->region_code, f.item_code, f.text, f.photo_file_ids, position++});
    }
    r.inspected_by = actor.user_id;
    r.created_at = FormatIsoUtc(clock_.Now());
    auto inserted = Repo::InsertInspection(s, r);
    if (!inserted) return std::move(inserted).error();
    id = *inserted;
    Changes ch;
    ch.Set("inspection", nullptr, id).Set("findings", nullptr, static_cast<std::int64_t>(r.findings.size()));
    return RecordAudit(s, clock_, actor, "supervision.inspection", "project", std::to_string(project_id), project->region_code, ch);
  });
  if (!w && w.error().reason == "store.duplicate" && in.client_id) {
    // The same clientId arrived twice at once: the other request stored it; answer that one.
    auto first = store::ReadResult(db_, [&](store::Session& s) { return Repo::FindInspectionByClientId(s, project_id, *in.client_id); });
    if (first && *first) return InspectionView{std::move(**first), false};
  }
  if (!w) return std::move(w).error();
  if (again) return std::move(*again);
  auto r = store::ReadResult(db_, [&](store::Session& s) { return Repo::FindInspection(s, id); });
  if (!r) return std::move(r).error();
  return InspectionView{std::move(**r), true};
}

Result<std::vector<store::InspectionRecord>> SupervisionService::Inspections(const Actor& actor, std::int64_t project_id) {
  return store::ReadResult(db_, [&](store::Session& s) -> Result<std::vector<store::InspectionRecord>> {
    auto project = ProjectForConstruction(s, actor, project_id, perm::kSupervisionRead);
    if (!project) return std::move(project).error();
    return Repo::Inspections(s, project_id);
  });
}

Result<StoredFile> SupervisionService::AddPhoto(const Actor& actor, std::int64_t project_id, const std::string& name,
                                                const std::string& bytes) {
  // Inspectors photograph findings, units their repairs: either permission.
  const auto permission = RequirePermission(actor, perm::kInspect) ? perm::kInspect : perm::kRectifyReply;
  // Who may add to the project is answered before anything about the file.
  auto access = store::ReadResult(db_, [&](store::Session& s) { return ProjectForConstruction(s, actor, project_id, permission); });
  if (!access) return std::move(access).error();
  auto photo = CheckPhoto(name, bytes, Text("请上传现场照片", "upload a photo of the site"));
  if (!photo) return std::move(photo).error();
  return store::WriteResult(db_, [&](store::Session& s) -> Result<StoredFile> {
    auto project = ProjectForConstruction(s, actor, project_id, permission);
    if (!project) return std::move(project).error();
    auto f = files_.Put(s, actor, "supervision", project->region_code, name, photo->content_type, photo->bytes);
    if (!f) return std::move(f).error();
    Changes ch;
    ch.Set("file", nullptr, f->id).Set("sha256", nullptr, json::string(f->sha256));
    if (auto r = RecordAudit(s, clock_, actor, "supervision.photo", "project", std::to_string(project_id), project->region_code, ch); !r)
      return std::move(r).error();
    return std::move(*f);
  });
}

// ---- supervision days ----

Result<store::SupervisionDayRecord> SupervisionService::AddDay(const Actor& actor, std::int64_t project_id, const DayInput& in) {
  return store::WriteResult(db_, [&](store::Session& s) -> Result<store::SupervisionDayRecord> {
    auto project = ProjectForConstruction(s, actor, project_id, perm::kInspect);
    if (!project) return std::move(project).error();
    const auto today = Today();
    if (!core::calendar::ParseDate(in.held_on) || in.held_on > today)
      return SupervisionField("heldOn", Text("应为今天或之前的日期", "must be a date not after today"));
    if (in.attendees.empty() || in.attendees.size() > 200)
      return SupervisionField("attendees", Text("应有 1–200 人", "must list 1–200 people"));
    for (const auto& a : in.attendees) {
      if (a.find('\n') != std::string::npos) return SupervisionField("attendees", Text("姓名不能含换行", "a name must not hold a line break"));
      if (auto c = CheckText("attendees", a, kShortMax); !c) return std::move(c).error();
    }
    if (auto c = CheckText("minutes", in.minutes, 5000, true); !c) return std::move(c).error();
    if (in.actions.size() > kFindingsMax) return SupervisionField("actions", Text("最多 50 项", "at most 50"));
    store::SupervisionDayRecord d;
    d.project_id = project_id;
    d.region_code = project->region_code;
    d.held_on = in.held_on;
    d.attendees = in.attendees;
    d.minutes = in.minutes;
    int position = 0;
    for (const auto& a : in.actions) {
      const std::string at = "actions[" + std::to_string(position) + "]";
      if (auto c = CheckText(at + ".text", a.text, kTextMax); !c) return std::move(c).error();
      if (auto c = CheckText(at + ".owner", a.owner, kShortMax); !c) return std::move(c).error();
      if (!core::calendar::ParseDate(a.due_on) || a.due_on < in.held_on)
        return SupervisionField(at + ".dueOn", Text("应为不早于监督日的日期", "must be a date not before the day"));
      d.actions.push_back(store::SupervisionActionRecord{0, 0, d.region_code, a.text, a.owner, a.due_on, "open", position++});
    }
    d.created_by = actor.user_id;
    d.created_at = FormatIsoUtc(clock_.Now());
    auto id = Repo::InsertDay(s, d);
    if (!id) return std::move(id).error();
    Changes ch;
    ch.Set("day", nullptr, *id).Set("heldOn", nullptr, json::string(d.held_on))
        .Set("actions", nullptr, static_cast<std::int64_t>(d.actions.size()));
    if (auto r = RecordAudit(s, clock_, actor, "supervision.day", "project", std::to_string(project_id), d.region_code, ch); !r)
      return std::move(r).error();
    auto days = Repo::Days(s, project_id);
    if (!days) return std::move(days).error();
    for (auto& x : *days)
      if (x.id == *id) return std::move(x);
    return d;
  });
}

Result<std::vector<store::SupervisionDayRecord>> SupervisionService::Days(const Actor& actor, std::int64_t project_id) {
  return store::ReadResult(db_, [&](store::Session& s) -> Result<std::vector<store::SupervisionDayRecord>> {
    auto project = ProjectForConstruction(s, actor, project_id, perm::kSupervisionRead);
    if (!project) return std::move(project).error();
    return Repo::Days(s, project_id);
  });
}

Result<store::SupervisionActionRecord> SupervisionService::SetActionStatus(const Actor& actor, std::int64_t action_id,
                                                                         const std::string& status) {
  if (auto r = RequirePermission(actor, perm::kInspect); !r) return std::move(r).error();
  return store::WriteResult(db_, [&](store::Session& s) -> Result<store::SupervisionActionRecord> {
    auto found = Repo::FindAction(s, action_id);
    if (!found) return std::move(found).error();
    if (!*found)
      return NotFound("supervision.action_not_found", Text("监督日事项 " + std::to_string(action_id) + " 不存在",
                                                           "action item " + std::to_string(action_id) + " does not exist"));
    auto project = ProjectForConstruction(s, actor, (*found)->second, perm::kInspect);
    if (!project) return std::move(project).error();
    if (status != "open" && status != "done") return SupervisionField("status", Text("应为 open 或 done", "must be open or done"));
    auto action = (*found)->first;
    const auto from = action.status;
    if (from == status) return action;
    if (auto r = Repo::SetActionStatus(s, action_id, status); !r) return std::move(r).error();
    action.status = status;
    Changes ch;
    ch.Set("status", json::string(from), json::string(status));
    if (auto r = RecordAudit(s, clock_, actor, "supervision.action", "supervision_action", std::to_string(action_id),
                             action.region_code, ch);
        !r)
      return std::move(r).error();
    return action;
  });
}

// ---- rectification orders ----

Result<void> SupervisionService::Escalate(const std::string& prefix) {
  auto cal = calendar_.Current();
  if (!cal) return std::move(cal).error();
  const auto today_text = Today();
  const auto today = core::calendar::ParseDate(today_text);
  if (!today) return Ok();
  return db_.Write([&](store::Session& s) -> Result<void> {
    auto candidates = Repo::OverdueCandidates(s, prefix, today_text);
    if (!candidates) return std::move(candidates).error();
    const auto system = Actor::System("escalation");
    for (auto& o : *candidates) {
      auto due = core::calendar::ParseDate(o.due_on);
      if (!due) continue;
      auto level = cs::LevelOn(**cal, *due, *today, settings_.bureau_escalation_working_days);
      // A year not loaded yet: the level is not guessed; it is recorded once the year is loaded.
      if (!level) continue;
      const int reached = static_cast<int>(*level);
      if (reached <= o.level) continue;
      const int from = o.level;
      auto raised = Repo::RaiseLevel(s, o.id, reached);
      if (!raised) return std::move(raised).error();
      if (!*raised) continue;  // another request recorded it first
      store::RectificationEventRecord e;
      e.order_id = o.id;
      e.region_code = o.region_code;
      e.kind = "escalated";
      e.level = reached;
      e.note = reached == 2 ? "逾期未整改，报住建局督办" : "逾期未整改，街道办督办";
      e.created_at = FormatIsoUtc(clock_.Now());
      if (auto r = Repo::InsertEvent(s, e); !r) return std::move(r).error();
      Changes ch;
      ch.Set("level", from, reached).Set("dueOn", nullptr, json::string(o.due_on));
      if (auto r = RecordAudit(s, clock_, system, "supervision.rectification.escalate", "rectification", std::to_string(o.id),
                               o.region_code, ch);
          !r)
        return r;
    }
    return Ok();
  });
}

Result<OrderView> SupervisionService::Issue(const Actor& actor, const OrderInput& in) {
  if (auto r = RequirePermission(actor, perm::kRectifyIssue); !r) return std::move(r).error();
  auto cal = calendar_.Current();
  if (!cal) return std::move(cal).error();
  std::int64_t id = 0;
  auto w = db_.Write([&](store::Session& s) -> Result<void> {
    auto issued = IssueIn(s, actor, in, **cal, perm::kRectifyIssue, "");
    if (!issued) return std::move(issued).error();
    id = *issued;
    return Ok();
  });
  if (!w) return std::move(w).error();
  return Order(actor, id);
}

Result<std::int64_t> SupervisionService::IssueIn(store::Session& s, const Actor& actor, const OrderInput& in,
                                                 const core::calendar::WorkCalendar& calendar, std::string_view permission,
                                                 const std::string& source) {
  if (in.project_id <= 0) return SupervisionField("projectId", Text("必填", "is required"));
  if (in.due_in_working_days < 1 || in.due_in_working_days > cs::kMaxDueWorkingDays)
    return SupervisionField("dueInWorkingDays", Text("应为 1–60 的整数", "must be an integer 1–60"));
  if (auto r = CheckText("finding", in.finding, kTextMax); !r) return std::move(r).error();
  {
    auto project = ProjectForConstruction(s, actor, in.project_id, permission);
    if (!project) return std::move(project).error();
    auto unit = Repo::FindUnit(s, in.unit_id);
    if (!unit) return std::move(unit).error();
    // The unit is registered inside the project's region or at one of its ancestors.
    if (!*unit || !(project->region_code.rfind((*unit)->region_code, 0) == 0 ||
                    (*unit)->region_code.rfind(project->region_code, 0) == 0))
      return SupervisionField("unitId", Text("责任单位 " + std::to_string(in.unit_id) + " 不存在",
                                             "no responsible unit " + std::to_string(in.unit_id)));
    store::RectificationRecord o;
    o.project_id = project->id;
    o.region_code = project->region_code;
    o.unit_id = in.unit_id;
    if (in.finding_id) {
      auto f = Repo::FindFinding(s, *in.finding_id);
      if (!f) return std::move(f).error();
      if (!*f || (*f)->second != project->id)
        return SupervisionField("findingId", Text("项目没有该巡查问题", "not a finding of the project"));
      o.finding_id = in.finding_id;
    }
    if (in.step_code) {
      auto step = store::ProgressRepository::FindStep(s, project->id, *in.step_code);
      if (!step) return std::move(step).error();
      if (!*step) return SupervisionField("stepCode", Text("项目没有工序 " + *in.step_code, "the project has no step " + *in.step_code));
      o.step_code = in.step_code;
      o.item_code = (*step)->item_code;
    }
    if (in.item_code) o.item_code = in.item_code;
    if (o.item_code && (o.item_code->empty() || o.item_code->size() > 20))
      return SupervisionField("itemCode", Text("应为改造内容编码", "must be an item code"));
    auto photos = CheckPhotos(s, project->region_code, in.photo_file_ids, "photoFileIds");
    if (!photos) return std::move(photos).error();
    o.finding = in.finding;
    o.photo_file_ids = in.photo_file_ids;
    o.issued_on = in.issued_on.value_or(Today());
    if (!core::calendar::ParseDate(o.issued_on) || o.issued_on > Today())
      return SupervisionField("issuedOn", Text("应为今天或之前的日期", "must be a date not after today"));
    o.working_days = static_cast<int>(in.due_in_working_days);
    auto due = cs::DueOn(calendar, *core::calendar::ParseDate(o.issued_on), o.working_days);
    if (!due) return std::move(due).error();
    o.due_on = core::calendar::FormatDate(*due);
    o.status = "open";
    o.issued_by = actor.user_id;
    o.created_at = FormatIsoUtc(clock_.Now());
    auto inserted = Repo::InsertOrder(s, o);
    if (!inserted) return std::move(inserted).error();
    const auto id = *inserted;
    store::RectificationEventRecord e{0, id, o.region_code, "issued", std::nullopt, o.finding, o.photo_file_ids,
                                      o.step_code, actor.user_id ? std::optional<std::int64_t>(actor.user_id) : std::nullopt,
                                      "", o.created_at};
    if (auto r = Repo::InsertEvent(s, e); !r) return std::move(r).error();
    Changes ch;
    ch.Set("order", nullptr, OrderAudit(o));
    if (!source.empty()) ch.Set("source", nullptr, json::string(source));
    if (auto r = RecordAudit(s, clock_, actor, "supervision.rectification.issue", "rectification", std::to_string(id),
                             o.region_code, ch);
        !r)
      return std::move(r).error();
    return id;
  }
}

Result<std::vector<OrderView>> SupervisionService::Visible(const Actor& actor, const store::RectificationFilter& f) {
  const auto today = Today();
  return store::ReadResult(db_, [&](store::Session& s) -> Result<std::vector<OrderView>> {
    auto orders = Repo::Orders(s, f);
    if (!orders) return std::move(orders).error();
    auto own = LinkedUnits(s, actor);
    if (!own) return std::move(own).error();
    std::map<std::int64_t, bool> allowed;  // by project
    std::vector<OrderView> out;
    for (auto& o : *orders) {
      auto seen = allowed.find(o.project_id);
      if (seen == allowed.end()) {
        auto p = ProjectForConstruction(s, actor, o.project_id, perm::kSupervisionRead);
        if (!p && p.error().code != ErrorCode::kForbidden) return std::move(p).error();
        seen = allowed.emplace(o.project_id, p.has_value()).first;
      }
      if (!seen->second) continue;  // not among an assigned role's projects
      if (*own && std::find((*own)->begin(), (*own)->end(), o.unit_id) == (*own)->end()) continue;  // another unit's
      const bool overdue = o.status != "closed" && today > o.due_on;
      out.push_back(OrderView{std::move(o), overdue, {}});
    }
    return out;
  });
}

Result<OrderPage> SupervisionService::Orders(const Actor& actor, const OrderQuery& q) {
  auto f = OrderFilter(actor, q);
  if (!f) return std::move(f).error();
  if (auto r = Escalate(f->region_prefix); !r) return std::move(r).error();
  if (!WorksOnAssignments(actor)) {
    // Everything under the actor's scope: the database filters, counts and pages (100 000 orders
    // stay a two-query read; docs/BENCHMARKS.md).
    if (auto r = RequirePermission(actor, perm::kSupervisionRead); !r) return std::move(r).error();
    const auto today = Today();
    return store::ReadResult(db_, [&](store::Session& s) -> Result<OrderPage> {
      OrderPage page;
      auto total = Repo::CountOrders(s, *f);
      if (!total) return std::move(total).error();
      page.total = *total;
      f->limit = q.limit;
      f->offset = q.offset;
      auto orders = Repo::Orders(s, *f);
      if (!orders) return std::move(orders).error();
      for (auto& o : *orders) {
        const bool overdue = o.status != "closed" && today > o.due_on;
        page.items.push_back(OrderView{std::move(o), overdue, {}});
      }
      return page;
    });
  }
  // Supervisors, contractors and utilities: their projects and units only, a short list filtered here.
  auto list = Visible(actor, *f);
  if (!list) return std::move(list).error();
  OrderPage page;
  page.total = static_cast<std::int64_t>(list->size());
  const auto from = std::min<std::size_t>(list->size(), static_cast<std::size_t>(q.offset));
  const auto to = q.limit > 0 ? std::min<std::size_t>(list->size(), from + static_cast<std::size_t>(q.limit)) : list->size();
  page.items.assign(std::make_move_iterator(list->begin() + from), std::make_move_iterator(list->begin() + to));
  return page;
}

Result<store::RectificationFilter> SupervisionService::OrderFilter(const Actor& actor, const OrderQuery& q) const {
  auto prefix = ReadPrefix(actor, q.region_code);
  if (!prefix) return std::move(prefix).error();
  if (q.status && !cs::ParseStatus(*q.status) && *q.status != "overdue")
    return Invalid("http.bad_query", Text("status 应为 open、replied、overdue 或 closed", "status must be open, replied, overdue or closed"),
                   Text::Same("status"));
  if (q.level && (*q.level < 0 || *q.level > 2))
    return Invalid("http.bad_query", Text("level 应为 0、1 或 2", "level must be 0, 1 or 2"), Text::Same("level"));
  store::RectificationFilter f;
  f.region_prefix = *prefix;
  if (q.status && *q.status != "overdue") f.status = q.status;
  if (q.status && *q.status == "overdue") f.overdue_on = Today();
  f.level = q.level;
  f.project_id = q.project_id;
  return f;
}

Result<OrderView> SupervisionService::Order(const Actor& actor, std::int64_t id) {
  if (auto r = RequirePermission(actor, perm::kSupervisionRead); !r) return std::move(r).error();
  auto region = store::ReadResult(db_, [&](store::Session& s) -> Result<std::string> {
    auto o = Repo::FindOrder(s, id);
    if (!o) return std::move(o).error();
    if (!*o)
      return OrderNotFound(id);
    return (*o)->region_code;
  });
  if (!region) return std::move(region).error();
  if (auto r = Escalate(*region); !r) return std::move(r).error();
  const auto today = Today();
  return store::ReadResult(db_, [&](store::Session& s) -> Result<OrderView> {
    auto o = Repo::FindOrder(s, id);
    if (!o) return std::move(o).error();
    auto p = ProjectForConstruction(s, actor, (*o)->project_id, perm::kSupervisionRead);
    if (!p) return std::move(p).error();
    if (auto r = RequireOwnUnit(s, actor, **o); !r) return std::move(r).error();
    auto events = Repo::Events(s, id);
    if (!events) return std::move(events).error();
    const bool overdue = (*o)->status != "closed" && today > (*o)->due_on;
    return OrderView{std::move(**o), overdue, std::move(*events)};
  });
}

Result<OrderView> SupervisionService::Reply(const Actor& actor, std::int64_t id, const ReplyInput& in) {
  if (auto r = RequirePermission(actor, perm::kRectifyReply); !r) return std::move(r).error();
  auto w = db_.Write([&](store::Session& s) -> Result<void> {
    auto o = Repo::FindOrder(s, id);
    if (!o) return std::move(o).error();
    if (!*o)
      return OrderNotFound(id);
    auto& order = **o;
    auto project = ProjectForConstruction(s, actor, order.project_id, perm::kRectifyReply);
    if (!project) return std::move(project).error();
    if (auto r = RequireOwnUnit(s, actor, order); !r) return r;
    auto next = cs::Next(*cs::ParseStatus(order.status), cs::Action::kReply);
    if (!next) return std::move(next).error();
    if (auto c = CheckText("note", in.note, kTextMax); !c) return std::move(c).error();
    auto photos = CheckPhotos(s, order.region_code, in.photo_file_ids, "photoFileIds");
    if (!photos) return std::move(photos).error();
    const auto now = FormatIsoUtc(clock_.Now());
    const auto from = order.status;
    order.status = std::string(cs::StatusName(*next));
    order.reply_note = in.note;
    order.reply_photo_file_ids = in.photo_file_ids;
    order.replied_at = now;
    if (auto r = Repo::UpdateOrder(s, order); !r) return r;
    store::RectificationEventRecord e{0, id, order.region_code, "replied", std::nullopt, in.note, in.photo_file_ids,
                                      order.step_code, actor.user_id ? std::optional<std::int64_t>(actor.user_id) : std::nullopt,
                                      "", now};
    if (auto r = Repo::InsertEvent(s, e); !r) return std::move(r).error();
    Changes ch;
    ch.Set("status", json::string(from), json::string(order.status)).Set("photos", nullptr, IdsJson(in.photo_file_ids));
    return RecordAudit(s, clock_, actor, "supervision.rectification.reply", "rectification", std::to_string(id), order.region_code, ch);
  });
  if (!w) return std::move(w).error();
  return Order(actor, id);
}

Result<OrderView> SupervisionService::Recheck(const Actor& actor, std::int64_t id, const RecheckInput& in) {
  if (auto r = RequirePermission(actor, perm::kRectifyIssue); !r) return std::move(r).error();
  auto w = db_.Write([&](store::Session& s) -> Result<void> {
    auto o = Repo::FindOrder(s, id);
    if (!o) return std::move(o).error();
    if (!*o)
      return OrderNotFound(id);
    auto& order = **o;
    auto project = ProjectForConstruction(s, actor, order.project_id, perm::kRectifyIssue);
    if (!project) return std::move(project).error();
    // Issue #14: "only the finder or a street office closes" (an administrator stands in for both).
    if (actor.user_id != order.issued_by && actor.role != Role::kStreet && actor.role != Role::kAdmin)
      return MakeError(ErrorCode::kForbidden, "supervision.not_finder",
                       Text("只有发现问题的人或街道办可以复查", "only the finder or a street office re-inspects"),
                       Text("整改单 " + std::to_string(id) + " 由 " + order.issued_by_name + " 开具",
                            "order " + std::to_string(id) + " was issued by " + order.issued_by_name),
                       Text("请联系开具人或街道办", "ask the finder or the street office"));
    auto next = cs::Next(*cs::ParseStatus(order.status), in.passed ? cs::Action::kPass : cs::Action::kFail);
    if (!next) return std::move(next).error();
    if (auto c = CheckText("note", in.note, kTextMax, in.passed); !c) return std::move(c).error();
    auto photos = CheckPhotos(s, order.region_code, in.photo_file_ids, "photoFileIds");
    if (!photos) return std::move(photos).error();
    const auto now = FormatIsoUtc(clock_.Now());
    const auto from = order.status;
    order.status = std::string(cs::StatusName(*next));
    if (in.passed) {
      order.closed_on = Today();
      order.closed_at = now;
    } else {
      ++order.reworks;  // 返工 on the step (issue #14)
    }
    if (auto r = Repo::UpdateOrder(s, order); !r) return r;
    store::RectificationEventRecord e{0, id, order.region_code, in.passed ? "recheck_passed" : "rework", std::nullopt, in.note,
                                      in.photo_file_ids, order.step_code,
                                      actor.user_id ? std::optional<std::int64_t>(actor.user_id) : std::nullopt, "", now};
    if (auto r = Repo::InsertEvent(s, e); !r) return std::move(r).error();
    Changes ch;
    ch.Set("status", json::string(from), json::string(order.status)).Set("passed", nullptr, in.passed);
    if (!in.passed) ch.Set("reworks", order.reworks - 1, order.reworks);
    return RecordAudit(s, clock_, actor, in.passed ? "supervision.rectification.close" : "supervision.rectification.rework",
                       "rectification", std::to_string(id), order.region_code, ch);
  });
  if (!w) return std::move(w).error();
  return Order(actor, id);
}

// ---- scores, register, home page ----

Result<std::vector<UnitScore>> SupervisionService::Scores(const Actor& actor, const std::optional<std::string>& region_code) {
  auto prefix = ReadPrefix(actor, region_code);
  if (!prefix) return std::move(prefix).error();
  store::RectificationFilter f;
  f.region_prefix = *prefix;
  if (auto r = Escalate(f.region_prefix); !r) return std::move(r).error();
  auto orders = Visible(actor, f);
  if (!orders) return std::move(orders).error();
  std::map<std::int64_t, UnitScore> by_unit;
  for (const auto& v : *orders) {
    const auto& o = v.order;
    auto& u = by_unit[o.unit_id];
    u.unit.id = o.unit_id;
    ++u.record.orders;
    u.record.reworks += o.reworks;
    const bool late = o.status == "closed" ? (o.closed_on && *o.closed_on > o.due_on) : v.overdue;
    if (late) ++u.record.overdue;
    if (o.status == "closed") {
      ++u.record.closed;
      if (!late) ++u.record.closed_on_time;
    }
  }
  auto units = store::ReadResult(db_, [&](store::Session& s) -> Result<std::vector<UnitScore>> {
    std::vector<UnitScore> out;
    for (auto& [uid, score] : by_unit) {
      auto unit = Repo::FindUnit(s, uid);
      if (!unit) return std::move(unit).error();
      if (*unit) score.unit = **unit;
      score.score = cs::Score(score.record, settings_.weights);
      score.on_time_rate = cs::OnTimeRate(score.record);
      out.push_back(score);
    }
    return out;
  });
  if (!units) return units;
  std::stable_sort(units->begin(), units->end(), [](const UnitScore& a, const UnitScore& b) { return a.score > b.score; });
  return units;
}

Result<std::vector<store::QualityRegisterRow>> SupervisionService::QualityRegister(const Actor& actor, std::int64_t project_id,
                                                                                   const std::optional<std::string>& item_code,
                                                                                   const std::optional<std::string>& q) {
  return store::ReadResult(db_, [&](store::Session& s) -> Result<std::vector<store::QualityRegisterRow>> {
    auto project = ProjectForConstruction(s, actor, project_id, perm::kSupervisionRead);
    if (!project) return std::move(project).error();
    return Repo::QualityRegister(s, project_id, item_code, q);
  });
}

Result<std::optional<SupervisionWorkbench>> SupervisionService::Workbench(const Actor& actor) {
  if (!RequirePermission(actor, perm::kSupervisionRead)) return std::optional<SupervisionWorkbench>();
  SupervisionWorkbench w;
  if (!WorksOnAssignments(actor)) {
    auto f = OrderFilter(actor, OrderQuery{});
    if (!f) return std::move(f).error();
    if (auto r = Escalate(f->region_prefix); !r) return std::move(r).error();
    auto c = store::ReadResult(db_, [&](store::Session& s) { return Repo::Counts(s, *f, Today()); });
    if (!c) return std::move(c).error();
    w = SupervisionWorkbench{c->open, c->replied, c->overdue, c->street_level, c->bureau_level};
    return std::optional<SupervisionWorkbench>(w);
  }
  auto list = Orders(actor, OrderQuery{});
  if (!list) return std::move(list).error();
  for (const auto& v : list->items) {
    if (v.order.status == "open") ++w.open;
    if (v.order.status == "replied") ++w.replied;
    if (v.overdue) ++w.overdue;
    if (v.order.status != "closed" && v.order.level == 1) ++w.street_level;
    if (v.order.status != "closed" && v.order.level == 2) ++w.bureau_level;
  }
  return std::optional<SupervisionWorkbench>(w);
}

}  // namespace huanxin::service
