#include "service/project/publicity_service.hpp"

#include <boost/json.hpp>
#include <chrono>
#include <utility>

#include "common/crypto.hpp"
#include "common/text.hpp"
#include "core/project/publicity.hpp"
#include "report/publicity_notice.hpp"
#include "service/audit/audit_service.hpp"
#include "service/platform/field_check.hpp"
#include "store/region/region_repository.hpp"

namespace huanxin::service {

namespace {

namespace json = boost::json;
namespace pj = core::project;
using Repo = store::PublicityRepository;

constexpr std::size_t kTitleMaxChars = 100;
constexpr std::size_t kBodyMaxChars = 20000;
constexpr std::size_t kReasonMaxChars = 500;
constexpr std::size_t kAnswerMaxChars = 2000;

Error BadField(const std::string& field, Text detail, Text hint = {}) {
  return Invalid("publicity.invalid_field", Text("字段 " + field + " 不正确", "field " + field + " is invalid"),
                 std::move(detail), std::move(hint));
}
Error NoNotice() { return NotFound("publicity.not_found", Text("公示不存在", "no such publicity notice")); }
Error NoObjection() {
  return NotFound("publicity.objection_not_found", Text("该公示没有这条意见", "the notice has no such objection"));
}

// Text of `min`–`max` characters (UTF-8), not only spaces; `min` 0 allows "" (optional fields).
Result<void> CheckText(const std::string& field, const std::string& value, std::size_t min, std::size_t max) {
  if (auto problem = TextProblem(value, min, max)) return BadField(field, std::move(*problem));
  return Ok();
}

// 'YYYY-MM-DD' naming a day that exists (2026-02-30 does not).
bool IsIsoDate(std::string_view s) {
  if (s.size() != 10) return false;
  auto tp = ParseIso(s);
  return tp && FormatIsoUtc(*tp).substr(0, 10) == s;
}

Result<void> CheckWindow(const std::optional<std::string>& starts_on, const std::optional<int>& working_days) {
  if (starts_on && !IsIsoDate(*starts_on))
    return BadField("startsOn", Text("应为 YYYY-MM-DD 格式的日期", "must be a date YYYY-MM-DD"), Text::Same(*starts_on));
  if (working_days && (*working_days < 1 || *working_days > pj::kPublicityMaxWorkingDays))
    return BadField("workingDays",
                    Text("应为1–" + std::to_string(pj::kPublicityMaxWorkingDays) + "个工作日",
                         "must be 1–" + std::to_string(pj::kPublicityMaxWorkingDays) + " working days"));
  return Ok();
}

Result<void> CheckTitleBody(const std::string& title, const std::string& body) {
  if (auto r = CheckText("title", title, 1, kTitleMaxChars); !r) return r;
  return CheckText("body", body, 1, kBodyMaxChars);
}

Result<void> CheckObjection(const ObjectionInput& in) {
  if (auto r = CheckText("content", in.content, 1, pj::kObjectionMaxChars); !r) return r;
  if (in.name)
    if (auto r = CheckText("name", *in.name, 0, pj::kObjectionNameMaxChars); !r) return r;
  if (in.phone)
    if (auto problem = PhoneProblem(*in.phone)) return BadField("phone", std::move(*problem));
  return Ok();
}

json::value VersionAudit(const store::PublicityVersionRecord& v) {
  return json::object{{"version", v.version}, {"title", v.title},         {"startsOn", v.starts_on},
                      {"endsOn", v.ends_on},  {"workingDays", v.working_days}};
}

}  // namespace

PublicityService::PublicityService(store::Database& db, const Clock& clock, CalendarService& calendar,
                                   FileService& files, PublicityOptions options)
    : db_(db), clock_(clock), calendar_(calendar), files_(files), options_(std::move(options)) {
  // Board photos are staff records (they may show residents passing by): project:read, in scope
  // (the file service checks the region).
  files_.SetReadPolicy("publicity", [](const Actor& actor, const StoredFile&) {
    return RequirePermission(actor, core::auth::perm::kProjectRead);
  });
}

std::string PublicityService::Today() const { return FormatShanghai(clock_.Now(), 10); }

std::string PublicityService::PublicPageUrl(const std::string& public_base, std::int64_t id) {
  return public_base + "/h5/#/publicity/" + std::to_string(id);
}

Result<NoticeView> PublicityService::Load(store::Session& s, std::int64_t id, bool full, bool answered_only) {
  auto n = Repo::Find(s, id);
  if (!n) return std::move(n).error();
  if (!*n) return NoNotice();
  NoticeView v;
  v.notice = std::move(**n);
  v.today = Today();
  v.status = std::string(pj::WindowStatusCode(pj::WindowStatusOn(v.today, v.notice.current.starts_on, v.notice.current.ends_on)));
  if (!full) return v;
  auto versions = Repo::Versions(s, id);
  if (!versions) return std::move(versions).error();
  v.versions = std::move(*versions);
  auto objections = Repo::Objections(s, id, answered_only);
  if (!objections) return std::move(objections).error();
  v.objections = std::move(*objections);
  auto region = store::RegionRepository::Find(s, v.notice.region_code);
  if (!region) return std::move(region).error();
  if (*region) v.region_name = (*region)->name;
  return v;
}

Result<NoticeView> PublicityService::LoadForActor(store::Session& s, const Actor& actor, std::int64_t id,
                                                  std::string_view permission) {
  if (auto r = RequirePermission(actor, permission); !r) return std::move(r).error();
  auto v = Load(s, id, true, false);
  if (!v) return v;
  if (auto r = RequireInScope(actor, v->notice.region_code); !r) return std::move(r).error();
  return v;
}

Result<store::PublicityVersionRecord> PublicityService::NewVersion(const Actor& actor, const std::string& title,
                                                                  const std::string& body,
                                                                  const std::optional<std::string>& starts_on,
                                                                  std::optional<int> working_days) {
  if (auto r = CheckTitleBody(title, body); !r) return std::move(r).error();
  if (auto r = CheckWindow(starts_on, working_days); !r) return std::move(r).error();
  store::PublicityVersionRecord v;
  v.title = title;
  v.body = body;
  v.starts_on = starts_on.value_or(Today());
  v.working_days = working_days.value_or(options_.working_days);
  // Counted before the write transaction: the calendar reads in a transaction of its own.
  auto ends_on = calendar_.WindowEnd(v.starts_on, v.working_days);
  if (!ends_on) return std::move(ends_on).error();
  v.ends_on = std::move(*ends_on);
  v.created_by = actor.user_id;
  v.created_at = FormatIsoUtc(clock_.Now());
  return v;
}

Result<NoticeView> PublicityService::Create(const Actor& actor, const NoticeInput& in) {
  if (auto r = RequirePermission(actor, core::auth::perm::kPublicityWrite); !r) return std::move(r).error();
  auto kind = pj::ParseNoticeKind(in.kind);
  if (!kind)
    return BadField("kind", Text("应为 plan、design、budget、result 或 completion",
                                 "must be plan, design, budget, result or completion"),
                    Text::Same(in.kind));
  auto version = NewVersion(actor, in.title, in.body, in.starts_on, in.working_days);
  if (!version) return std::move(version).error();
  std::int64_t id = 0;
  auto w = db_.Write([&](store::Session& s) -> Result<void> {
    auto project = Repo::FindProject(s, in.project_id);
    if (!project) return std::move(project).error();
    if (!*project) return BadField("projectId", Text("项目不存在", "no such project"), Text::Same(std::to_string(in.project_id)));
    if (auto r = RequireInScope(actor, (*project)->region_code); !r) return r;
    store::PublicityNoticeRecord n;
    n.project_id = in.project_id;
    n.region_code = (*project)->region_code;
    n.kind = std::string(pj::NoticeKindCode(*kind));
    n.current_version = 1;
    n.created_by = actor.user_id;
    n.created_at = version->created_at;
    auto inserted = Repo::InsertNotice(s, n);
    if (!inserted) return std::move(inserted).error();
    id = *inserted;
    auto& v = *version;
    v.notice_id = id;
    v.version = 1;
    if (auto r = Repo::InsertVersion(s, v); !r) return r;
    Changes ch;
    ch.Set("project", nullptr, in.project_id).Set("kind", nullptr, json::string(n.kind)).Set("version", nullptr, VersionAudit(v));
    return RecordAudit(s, clock_, actor, "publicity.create", "publicity", std::to_string(id), n.region_code, ch);
  });
  if (!w) return std::move(w).error();
  return Get(actor, id);
}

Result<NoticeView> PublicityService::Revise(const Actor& actor, std::int64_t id, const RevisionInput& in) {
  if (auto r = RequirePermission(actor, core::auth::perm::kPublicityWrite); !r) return std::move(r).error();
  if (auto r = CheckText("reason", in.reason, 1, kReasonMaxChars); !r) return std::move(r).error();
  auto version = NewVersion(actor, in.title, in.body, in.starts_on, in.working_days);
  if (!version) return std::move(version).error();
  auto w = db_.Write([&](store::Session& s) -> Result<void> {
    auto locked = Repo::Lock(s, id);  // two revisions at once must not both take the next number
    if (!locked) return std::move(locked).error();
    auto cur = LoadForActor(s, actor, id, core::auth::perm::kPublicityWrite);
    if (!cur) return std::move(cur).error();
    auto& v = *version;
    v.notice_id = id;
    v.version = cur->notice.current_version + 1;
    v.reason = in.reason;
    if (auto r = Repo::InsertVersion(s, v); !r) return r;
    if (auto r = Repo::SetCurrentVersion(s, id, v.version); !r) return std::move(r).error();
    Changes ch;
    ch.Set("version", VersionAudit(cur->notice.current), VersionAudit(v)).Set("reason", nullptr, json::string(in.reason));
    return RecordAudit(s, clock_, actor, "publicity.revise", "publicity", std::to_string(id), cur->notice.region_code, ch);
  });
  if (!w) return std::move(w).error();
  return Get(actor, id);
}

Result<std::vector<NoticeView>> PublicityService::List(const Actor& actor, std::optional<std::int64_t> project_id,
                                                       const std::optional<std::string>& region_code) {
  if (auto r = RequirePermission(actor, core::auth::perm::kProjectRead); !r) return std::move(r).error();
  auto region = ScopedRegionFilter(actor, region_code);
  if (!region) return std::move(region).error();
  return store::ReadResult(db_, [&](store::Session& s) -> Result<std::vector<NoticeView>> {
    if (project_id) {
      // A project outside the scope is refused like a regionCode outside it (403), not listed empty.
      auto project = Repo::FindProject(s, *project_id);
      if (!project) return std::move(project).error();
      if (*project)
        if (auto r = RequireInScope(actor, (*project)->region_code); !r) return std::move(r).error();
    }
    store::PublicityFilter f;
    f.region_prefix = region->value_or(actor.scope.prefix());
    f.project_id = project_id;
    auto rows = Repo::List(s, f);
    if (!rows) return std::move(rows).error();
    std::vector<NoticeView> out;
    const auto today = Today();
    for (auto& n : *rows) {
      NoticeView v;
      v.status = std::string(pj::WindowStatusCode(pj::WindowStatusOn(today, n.current.starts_on, n.current.ends_on)));
      v.today = today;
      v.notice = std::move(n);
      out.push_back(std::move(v));
    }
    return out;
  });
}

Result<NoticeView> PublicityService::Get(const Actor& actor, std::int64_t id) {
  return store::ReadResult(db_, [&](store::Session& s) { return LoadForActor(s, actor, id, core::auth::perm::kProjectRead); });
}

Result<NoticeView> PublicityService::AttachPhoto(const Actor& actor, std::int64_t id, const std::string& name,
                                                 const std::string& bytes) {
  if (auto r = RequirePermission(actor, core::auth::perm::kPublicityWrite); !r) return std::move(r).error();
  auto photo = CheckPhoto(name, bytes, Text("请上传公示栏张贴现场的照片", "upload a photo of the notice as posted on the board"));
  if (!photo) return std::move(photo).error();
  auto w = db_.Write([&](store::Session& s) -> Result<void> {
    auto cur = LoadForActor(s, actor, id, core::auth::perm::kPublicityWrite);
    if (!cur) return std::move(cur).error();
    auto f = files_.Put(s, actor, "publicity", cur->notice.region_code, name, photo->content_type, photo->bytes);
    if (!f) return std::move(f).error();
    if (auto r = Repo::SetPhoto(s, id, cur->notice.current_version, f->id); !r) return std::move(r).error();
    Changes ch;
    ch.Set("version", nullptr, cur->notice.current_version)
        .Set("file", cur->notice.current.photo_name.empty() ? json::value(nullptr) : json::value(cur->notice.current.photo_name),
             json::string(f->name))
        .Set("sha256", nullptr, json::string(f->sha256));
    return RecordAudit(s, clock_, actor, "publicity.photo", "publicity", std::to_string(id), cur->notice.region_code, ch);
  });
  if (!w) return std::move(w).error();
  return Get(actor, id);
}

Result<store::PublicityObjectionRecord> PublicityService::Answer(const Actor& actor, std::int64_t id,
                                                                 std::int64_t objection_id, const std::string& answer) {
  if (auto r = RequirePermission(actor, core::auth::perm::kPublicityWrite); !r) return std::move(r).error();
  if (auto r = CheckText("answer", answer, 1, kAnswerMaxChars); !r) return std::move(r).error();
  auto w = db_.Write([&](store::Session& s) -> Result<void> {
    auto cur = LoadForActor(s, actor, id, core::auth::perm::kPublicityWrite);
    if (!cur) return std::move(cur).error();
    auto o = Repo::FindObjection(s, objection_id);
    if (!o) return std::move(o).error();
    if (!*o || (*o)->notice_id != id) return NoObjection();
    if ((*o)->answer)
      return MakeError(ErrorCode::kConflict, "publicity.already_answered", Text("该意见已答复", "the objection has been answered"),
                       Text("答复时间：" + (*o)->answered_at.value_or(""), "answered at " + (*o)->answered_at.value_or("")),
                       Text("答复不可更改；如需补充，请修订公示", "an answer cannot be changed; revise the notice to add to it"));
    auto done = Repo::Answer(s, objection_id, answer, actor.user_id, FormatIsoUtc(clock_.Now()));
    if (!done) return std::move(done).error();
    Changes ch;
    ch.Set("objection", nullptr, objection_id).Set("answer", nullptr, json::string(answer));
    return RecordAudit(s, clock_, actor, "publicity.answer", "publicity", std::to_string(id), cur->notice.region_code, ch);
  });
  if (!w) return std::move(w).error();
  auto o = store::ReadResult(db_, [&](store::Session& s) { return Repo::FindObjection(s, objection_id); });
  if (!o) return std::move(o).error();
  if (!*o) return NoObjection();
  return std::move(**o);
}

Result<NoticeView> PublicityService::PublicGet(std::int64_t id) {
  return store::ReadResult(db_, [&](store::Session& s) { return Load(s, id, true, true); });
}

Result<ObjectionReceipt> PublicityService::Object(std::int64_t id, const ObjectionInput& in,
                                                  const std::string& client_address, const std::string& request_id) {
  if (auto r = CheckObjection(in); !r) return std::move(r).error();
  const auto client_key = KeyedHashHex(options_.client_key, client_address);
  return store::WriteResult(db_, [&](store::Session& s) -> Result<ObjectionReceipt> {
    // Objections to one notice are counted one at a time, so parallel sends cannot pass the limit.
    auto locked = Repo::Lock(s, id);
    if (!locked) return std::move(locked).error();
    if (!*locked) return NoNotice();
    auto cur = Load(s, id, false, false);
    if (!cur) return std::move(cur).error();
    const auto& v = cur->notice.current;
    if (auto r = pj::CheckObjectionWindow(cur->today, v.starts_on, v.ends_on); !r) return std::move(r).error();
    const auto now = clock_.Now();
    auto recent = Repo::CountSince(s, id, client_key, FormatIsoUtc(now - std::chrono::hours(1)));
    if (!recent) return std::move(recent).error();
    if (*recent >= options_.objections_per_hour) {
      const auto limit = std::to_string(options_.objections_per_hour);
      return MakeError(ErrorCode::kTooManyRequests, "publicity.rate_limited",
                       Text("提交过于频繁，请稍后再试", "too many objections from this address; try again later"),
                       Text("同一网络地址每小时最多对一则公示提交" + limit + "条意见",
                            "at most " + limit + " objections per hour to one notice from one address"),
                       Text("一小时后可再提交；也可把多条意见写在一条里，或向街道、社区当面反映",
                            "send again in an hour, put several points in one objection, or tell the street office or "
                            "community in person"));
    }
    store::PublicityObjectionRecord o;
    o.notice_id = id;
    o.version = cur->notice.current_version;
    o.content = in.content;
    o.name = in.name.value_or("");
    o.phone = in.phone.value_or("");
    o.client_key = client_key;
    o.received_at = FormatIsoUtc(now);
    auto oid = Repo::InsertObjection(s, o);
    if (!oid) return std::move(oid).error();
    // The resident is anonymous to the audit log: the name and phone stay in the objection only.
    Actor resident;
    resident.user_id = 0;
    resident.username = "public";
    resident.role = core::auth::Role::kResident;
    resident.scope = core::auth::Scope(cur->notice.region_code);
    resident.request_id = request_id;
    Changes ch;
    ch.Set("objection", nullptr, *oid).Set("version", nullptr, o.version).Set("named", nullptr, !o.name.empty());
    if (auto r = RecordAudit(s, clock_, resident, "publicity.object", "publicity", std::to_string(id), cur->notice.region_code, ch); !r)
      return std::move(r).error();
    return ObjectionReceipt{*oid, o.received_at};
  });
}

Result<Document> PublicityService::PrintHtml(std::int64_t id, const std::string& public_base) {
  auto v = PublicGet(id);
  if (!v) return std::move(v).error();
  const auto& n = v->notice;
  report::PublicityNoticePage page;
  if (auto kind = pj::ParseNoticeKind(n.kind)) page.kind_name = pj::NoticeKindName(*kind).zh;
  page.title = n.current.title;
  page.body = n.current.body;
  page.project_name = n.project_name;
  page.publisher = v->region_name;
  page.starts_on = n.current.starts_on;
  page.ends_on = n.current.ends_on;
  page.working_days = n.current.working_days;
  page.version = n.current_version;
  page.public_url = PublicPageUrl(public_base, id);
  page.printed_on = v->today;
  auto html = report::RenderPublicityNoticeHtml(page);
  if (!html) return MakeError(ErrorCode::kInternal, html.error().reason, html.error().message, html.error().detail);
  return Document{std::move(*html), kHtmlType, "公示-" + std::to_string(id) + ".html"};
}

}  // namespace huanxin::service
