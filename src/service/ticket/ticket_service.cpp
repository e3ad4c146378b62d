#include "service/ticket/ticket_service.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <map>
#include <utility>

#include "common/crypto.hpp"
#include "common/text.hpp"
#include "core/acceptance/acceptance.hpp"
#include "report/checkup_report.hpp"
#include "report/qr_code.hpp"
#include "service/audit/audit_service.hpp"
#include "service/platform/field_check.hpp"
#include "store/region/region_repository.hpp"

namespace huanxin::service {

namespace {

namespace json = boost::json;
namespace tk = core::ticket;
using Repo = store::TicketRepository;

constexpr std::size_t kPhoneMaxChars = 20;
constexpr std::size_t kShortMaxChars = 500;
constexpr std::size_t kAddressMaxChars = 200;
constexpr std::size_t kStreetDigits = 9;
constexpr std::size_t kMaxPhotos = 3;  // photos on one ticket  // GB/T 2260 + statistical codes: a street is 9 digits

Error BadField(const std::string& field, Text detail, Text hint = {}) {
  return Invalid("ticket.invalid_field", Text("字段 " + field + " 不正确", "field " + field + " is invalid"),
                 std::move(detail), std::move(hint));
}
Error NoTicket() { return NotFound("ticket.not_found", Text("诉求不存在", "no such ticket")); }

Result<void> CheckText(const std::string& field, const std::string& value, std::size_t min, std::size_t max) {
  if (auto problem = TextProblem(value, min, max)) return BadField(field, std::move(*problem));
  return Ok();
}

Result<void> CheckPhone(const std::string& field, const std::string& phone) {
  if (auto problem = PhoneProblem(phone)) return BadField(field, std::move(*problem));
  return Ok();
}

// The anonymous resident (or Open311 client) as the audit log names them.
Actor Anonymous(const std::string& username, const std::string& region_code, const std::string& request_id) {
  Actor a;
  a.user_id = 0;
  a.username = username;
  a.role = core::auth::Role::kResident;
  a.scope = core::auth::Scope(region_code);
  a.request_id = request_id;
  return a;
}

Result<tk::Status> StatusOf(const store::TicketRecord& t) {
  auto s = tk::ParseStatus(t.status);
  if (!s) return MakeError(ErrorCode::kInternal, "ticket.bad_row", Text("诉求状态无效", "invalid ticket status"), Text::Same(t.status));
  return *s;
}

bool OverdueAt(const store::TicketRecord& t, TimePoint now) {
  auto status = tk::ParseStatus(t.status);
  auto due = ParseIso(t.due_at);
  return status && due && tk::IsOverdue(*status, *due, now);
}

bool InScope(const Actor& actor, const store::TicketRecord& t) {
  return RequireInScope(actor, t.region_code) ||
         (!t.handler_region_code.empty() && RequireInScope(actor, t.handler_region_code));
}

}  // namespace

TicketService::TicketService(store::Database& db, const Clock& clock, CalendarService& calendar, FileService& files,
                             TicketOptions options)
    : db_(db), clock_(clock), calendar_(calendar), files_(files), options_(std::move(options)) {
  // Residents' photos are shown to the staff handling tickets (the file service checks the region).
  files_.SetReadPolicy("ticket", [](const Actor& actor, const StoredFile&) {
    return RequirePermission(actor, core::auth::perm::kTicketRead);
  });
}

Result<StoredFile> TicketService::UploadPhoto(const std::string& name, const std::string& bytes,
                                              std::optional<std::int64_t> estate_id, const std::string& client_address,
                                              const std::string& request_id) {
  auto photo = CheckPhoto(name, bytes, Text("请拍摄问题现场的照片", "take a photo of the problem on site"));
  if (!photo) return std::move(photo).error();
  const auto client_key = KeyedHashHex(options_.client_key, client_address.empty() ? "-" : client_address);
  const auto now = clock_.Now();
  return store::WriteResult(db_, [&](store::Session& s) -> Result<StoredFile> {
    std::string region;
    if (estate_id) {
      auto estate = Repo::FindEstate(s, *estate_id);
      if (!estate) return std::move(estate).error();
      if (!*estate) return BadField("estateId", Text("小区不存在", "no such estate"), Text::Same(std::to_string(*estate_id)));
      region = (*estate)->region_code;
    }
    auto recent = Repo::CountUploadsSince(s, client_key, FormatIsoUtc(now - std::chrono::hours(1)));
    if (!recent) return std::move(recent).error();
    const int limit = 3 * options_.tickets_per_hour;
    if (*recent >= limit)
      return MakeError(ErrorCode::kTooManyRequests, "ticket.rate_limited",
                       Text("上传过于频繁，请稍后再试", "too many photos from this address; try again later"),
                       Text("同一网络地址每小时最多上传" + std::to_string(limit) + "张照片",
                            "at most " + std::to_string(limit) + " photos per hour from one address"));
    auto f = files_.Put(s, Anonymous("public", region, request_id), "ticket", region, name, photo->content_type, photo->bytes);
    if (!f) return std::move(f).error();
    if (auto r = Repo::InsertUpload(s, f->id, client_key, FormatIsoUtc(now)); !r) return std::move(r).error();
    return std::move(*f);
  });
}

Result<std::vector<store::TicketCategoryRecord>> TicketService::Categories() {
  return store::ReadResult(db_, [&](store::Session& s) { return Repo::Categories(s, true); });
}

Result<TicketView> TicketService::Load(store::Session& s, const store::TicketRecord& t) {
  TicketView v;
  v.ticket = t;
  auto events = Repo::Events(s, t.id);
  if (!events) return std::move(events).error();
  v.events = std::move(*events);
  auto photos = Repo::Photos(s, t.id);
  if (!photos) return std::move(photos).error();
  v.photo_file_ids = std::move(*photos);
  if (t.merged_into) {
    auto kept = Repo::Find(s, *t.merged_into);
    if (!kept) return std::move(kept).error();
    if (*kept) v.merged_into_code = (*kept)->code;
  }
  v.overdue = OverdueAt(t, clock_.Now());
  return v;
}

Result<TicketView> TicketService::LoadForActor(store::Session& s, const Actor& actor, std::int64_t id,
                                               std::string_view permission) {
  if (auto r = RequirePermission(actor, permission); !r) return std::move(r).error();
  auto t = Repo::Find(s, id);
  if (!t) return std::move(t).error();
  if (!*t) return NoTicket();
  if (!InScope(actor, **t)) return RequireInScope(actor, (*t)->region_code).error();
  return Load(s, **t);
}

Result<TicketView> TicketService::Create(store::TicketRecord t, const TicketInput& in, const Actor& audit_actor,
                                         const std::string& action, const std::string& client_address) {
  if (auto r = CheckText("content", in.content, 1, tk::kContentMaxChars); !r) return std::move(r).error();
  if (in.phone)
    if (auto r = CheckPhone("phone", *in.phone); !r) return std::move(r).error();
  if (in.address)
    if (auto r = CheckText("address", *in.address, 0, kAddressMaxChars); !r) return std::move(r).error();
  if (in.defect_item && !core::acceptance::ParseDefectItem(*in.defect_item))
    return BadField("defectItem",
                    Text("应为 roof_waterproofing、external_wall、electrical、water_drainage、heating 或 other",
                         "must be roof_waterproofing, external_wall, electrical, water_drainage, heating or other"),
                    Text::Same(*in.defect_item));
  auto cal = calendar_.Current();
  if (!cal) return std::move(cal).error();
  const auto now = clock_.Now();
  std::int64_t id = 0;
  auto w = db_.Write([&](store::Session& s) -> Result<void> {
    auto category = Repo::FindCategory(s, in.category);
    if (!category) return std::move(category).error();
    if (!*category || !(*category)->active)
      return BadField("category", Text("没有这个诉求类别", "no such ticket category"), Text::Same(in.category));
    std::string region;
    if (in.estate_id) {
      auto estate = Repo::FindEstate(s, *in.estate_id);
      if (!estate) return std::move(estate).error();
      if (!*estate) return BadField("estateId", Text("小区不存在", "no such estate"), Text::Same(std::to_string(*in.estate_id)));
      region = (*estate)->region_code;
      if (t.channel == "staff")
        if (auto r = RequireInScope(audit_actor, region); !r) return r;
    } else if (t.channel == "staff") {
      region = audit_actor.scope.prefix();
    }
    if (!client_address.empty()) {
      t.client_key = KeyedHashHex(options_.client_key, client_address);
      auto recent = Repo::CountSince(s, t.client_key, FormatIsoUtc(now - std::chrono::hours(1)));
      if (!recent) return std::move(recent).error();
      if (*recent >= options_.tickets_per_hour) {
        const auto limit = std::to_string(options_.tickets_per_hour);
        return MakeError(ErrorCode::kTooManyRequests, "ticket.rate_limited",
                         Text("提交过于频繁，请稍后再试", "too many tickets from this address; try again later"),
                         Text("同一网络地址每小时最多提交" + limit + "条诉求", "at most " + limit + " tickets per hour from one address"),
                         Text("一小时后可再提交；也可拨打楼栋联系人或社区电话", "send again in an hour, or call the building's contacts"));
      }
    }
    if (in.photo_file_ids.size() > kMaxPhotos)
      return BadField("photoFileIds", Text("最多" + std::to_string(kMaxPhotos) + "张照片", "at most " + std::to_string(kMaxPhotos) + " photos"));
    for (auto file : in.photo_file_ids) {
      // Only the sender's own uploads, not yet on a ticket.
      auto sender = Repo::FreeUpload(s, file);
      if (!sender) return std::move(sender).error();
      if (t.channel != "h5" || !*sender || **sender != t.client_key)
        return BadField("photoFileIds", Text("照片 " + std::to_string(file) + " 不是本机刚上传的", "photo " + std::to_string(file) + " is not one this sender uploaded"),
                        Text("请先通过 POST /api/v1/public/ticket-photos 上传", "upload it with POST /api/v1/public/ticket-photos first"));
    }
    auto route = Repo::RouteFor(s, (*category)->id, region);
    if (!route) return std::move(route).error();
    t.category_id = (*category)->id;
    t.region_code = region;
    t.estate_id = in.estate_id;
    t.content = in.content;
    t.phone = in.phone.value_or("");
    t.address = in.address.value_or("");
    t.visit_note = in.visit_note;
    t.status = std::string(tk::StatusCode(tk::Status::kSubmitted));
    // No route at all (every seeded category has one everywhere): the street office of the place.
    t.department = *route ? (*route)->department : "街道办事处";
    t.handler_region_code = *route && !(*route)->handler_region_code.empty() ? (*route)->handler_region_code
                                                                               : region.substr(0, std::min(region.size(), kStreetDigits));
    // A warranty defect naming its estate and item goes by the warranty clock (docs/acceptance.md):
    // the builder while the warranty runs, the property company and the maintenance fund after.
    if ((*category)->kind == "defect" && in.defect_item) {
      t.defect_item = in.defect_item;
      if (in.estate_id && defect_router_) {
        auto routing = defect_router_(s, *in.estate_id, *in.defect_item, now);
        if (!routing) return std::move(routing).error();
        if (*routing) {
          if (!(*routing)->department.empty()) t.department = (*routing)->department;
          t.responsible_unit_id = (*routing)->responsible_unit_id;
          t.warranty_until = (*routing)->warranty_until;
          t.routing_reason = (*routing)->reason;
        }
      }
    }
    auto unit = tk::ParseTargetUnit((*category)->target_unit);
    auto due = tk::DueAt(**cal, now, {(*category)->target_amount, unit.value_or(tk::TargetUnit::kWorkingDays)},
                         options_.office_hours);
    if (!due) return std::move(due).error();
    t.received_at = FormatIsoUtc(now);
    t.due_at = FormatIsoUtc(*due);
    t.updated_at = t.received_at;
    t.code = "T" + RandomHex(6);
    std::transform(t.code.begin(), t.code.end(), t.code.begin(), [](char c) { return c >= 'a' && c <= 'f' ? char(c - 32) : c; });
    auto inserted = Repo::Insert(s, t);
    if (!inserted) return std::move(inserted).error();
    id = *inserted;
    store::TicketEventRecord e;
    e.ticket_id = id;
    e.at = t.received_at;
    e.to_status = t.status;
    e.by_kind = t.channel == "staff" ? "staff" : t.channel == "open311" ? "open311" : "resident";
    if (t.channel == "staff") e.by_user = audit_actor.user_id;
    if (auto r = Repo::InsertEvent(s, e); !r) return r;
    for (auto file : in.photo_file_ids)
      if (auto r = Repo::AddPhoto(s, id, file); !r) return r;
    Changes ch;
    ch.Set("code", nullptr, json::string(t.code))
        .Set("category", nullptr, json::string(in.category))
        .Set("channel", nullptr, json::string(t.channel))
        .Set("department", nullptr, json::string(t.department))
        .Set("dueAt", nullptr, json::string(t.due_at))
        .Set("routing", nullptr, json::string(t.routing_reason))
        .Set("withPhone", nullptr, !t.phone.empty());
    return RecordAudit(s, clock_, audit_actor, action, "ticket", std::to_string(id), t.region_code, ch);
  });
  if (!w) return std::move(w).error();
  return store::ReadResult(db_, [&](store::Session& s) -> Result<TicketView> {
    auto t2 = Repo::Find(s, id);
    if (!t2) return std::move(t2).error();
    if (!*t2) return NoTicket();
    return Load(s, **t2);
  });
}

Result<TicketView> TicketService::Submit(const TicketInput& in, const std::string& client_address,
                                         const std::string& request_id) {
  store::TicketRecord t;
  t.channel = std::string(tk::ChannelCode(tk::Channel::kH5));
  return Create(std::move(t), in, Anonymous("public", "", request_id), "ticket.submit", client_address.empty() ? "-" : client_address);
}

Result<TicketView> TicketService::Intake(const Actor& actor, const TicketInput& in) {
  if (auto r = RequirePermission(actor, core::auth::perm::kTicketWrite); !r) return std::move(r).error();
  if (auto r = CheckText("visitNote", in.visit_note, 1, kShortMaxChars); !r) return std::move(r).error();
  store::TicketRecord t;
  t.channel = std::string(tk::ChannelCode(tk::Channel::kStaff));
  t.created_by = actor.user_id;
  return Create(std::move(t), in, actor, "ticket.intake", "");
}

Result<std::vector<Open311Attribute>> TicketService::Open311Definition(const std::string& category) {
  auto c = store::ReadResult(db_, [&](store::Session& s) { return Repo::FindCategory(s, category); });
  if (!c) return std::move(c).error();
  if (!*c || !(*c)->active)
    return NotFound("open311.unknown_service", Text("没有这个服务类别 " + category, "no service " + category));
  // Every service: which estate (the register's id; optional). A warranty defect must name the
  // item under warranty (REFERENCE.md §4.2: each kind has its own warranty period).
  std::vector<Open311Attribute> out{{"estate_id", "number", "小区编号（可选）", false, 1, {}}};
  if ((*c)->kind == "defect")
    out.push_back({"defect_item", "singlevaluelist", "保修项目", true, 2,
                   {{"roof_waterproofing", "屋面防水"}, {"external_wall", "外墙防渗漏"}, {"electrical", "电气管线"},
                    {"water_drainage", "给排水管道"}, {"heating", "供热"}, {"other", "其他"}}});
  return out;
}

Result<TicketView> TicketService::SubmitOpen311(const std::string& api_key, const TicketInput& input,
                                                const std::map<std::string, std::string>& attributes,
                                                const std::string& request_id) {
  auto client = ClientByKey(api_key);
  if (!client) return std::move(client).error();
  if (!*client)
    return MakeError(ErrorCode::kForbidden, "open311.bad_api_key", Text("api_key 无效", "invalid api_key"), {},
                     Text("向管理员申请客户端密钥", "ask an administrator for a client key"));
  auto definition = Open311Definition(input.category);
  if (!definition) return std::move(definition).error();
  TicketInput in = input;
  for (const auto& a : *definition) {
    auto it = attributes.find(a.code);
    const bool given = it != attributes.end() && !it->second.empty();
    bool valid = given;
    if (given && a.datatype == "number") {
      auto n = ParseInt64(it->second);
      valid = n && *n > 0;
      if (valid) in.estate_id = *n;
    }
    if (given && !a.values.empty())
      valid = std::any_of(a.values.begin(), a.values.end(), [&](const auto& v) { return v.first == it->second; });
    if ((a.required && !given) || (given && !valid))
      return Invalid("open311.missing_attribute", Text("缺少或错误的属性 " + a.code, "missing or invalid attribute " + a.code));
    if (given && !a.values.empty())
      for (const auto& [key, name] : a.values)
        if (key == it->second) in.content = "【" + a.description + "：" + name + "】" + in.content;
    if (given && a.code == "defect_item") in.defect_item = it->second;
  }
  store::TicketRecord t;
  t.channel = std::string(tk::ChannelCode(tk::Channel::kOpen311));
  t.client_id = (*client)->id;
  return Create(std::move(t), in, Anonymous("open311:" + std::to_string((*client)->id), "", request_id), "ticket.open311", "");
}

Result<TicketView> TicketService::PublicGet(const std::string& code) {
  return store::ReadResult(db_, [&](store::Session& s) -> Result<TicketView> {
    auto t = Repo::FindByCode(s, code);
    if (!t) return std::move(t).error();
    if (!*t) return NoTicket();
    return Load(s, **t);
  });
}

Result<TicketView> TicketService::ResidentMove(
    const std::string& code, const std::string& request_id, const std::string& action,
    const std::function<Result<void>(store::TicketRecord&, store::TicketEventRecord&)>& change) {
  std::int64_t id = 0;
  auto w = db_.Write([&](store::Session& s) -> Result<void> {
    auto found = Repo::FindByCode(s, code);
    if (!found) return std::move(found).error();
    if (!*found) return NoTicket();
    auto t = std::move(**found);
    id = t.id;
    store::TicketEventRecord e;
    e.ticket_id = t.id;
    e.from_status = t.status;
    e.by_kind = "resident";
    e.at = FormatIsoUtc(clock_.Now());
    if (auto r = change(t, e); !r) return r;
    t.updated_at = e.at;
    e.to_status = t.status;
    auto updated = Repo::Update(s, t);
    if (!updated) return std::move(updated).error();
    if (auto r = Repo::InsertEvent(s, e); !r) return r;
    Changes ch;
    ch.Set("status", json::string(e.from_status), json::string(t.status));
    return RecordAudit(s, clock_, Anonymous("public", t.region_code, request_id), action, "ticket", std::to_string(t.id),
                       t.region_code, ch);
  });
  if (!w) return std::move(w).error();
  return PublicGet(code);
}

Result<TicketView> TicketService::Rate(const std::string& code, int stars, const std::string& comment,
                                       const std::string& request_id) {
  if (auto r = CheckText("comment", comment, 0, kShortMaxChars); !r) return std::move(r).error();
  return ResidentMove(code, request_id, "ticket.rate", [&](store::TicketRecord& t, store::TicketEventRecord& e) -> Result<void> {
    auto status = StatusOf(t);
    if (!status) return std::move(status).error();
    if (auto r = tk::CheckRating(*status, stars); !r) return r;
    t.rating = stars;
    t.rating_comment = comment;
    t.status = std::string(tk::StatusCode(tk::Status::kClosed));
    e.note = std::to_string(stars) + "星" + (comment.empty() ? "" : "：" + comment);
    return Ok();
  });
}

Result<TicketView> TicketService::Reopen(const std::string& code, const std::string& reason, const std::string& request_id) {
  if (auto r = CheckText("reason", reason, 1, kShortMaxChars); !r) return std::move(r).error();
  return ResidentMove(code, request_id, "ticket.reopen", [&](store::TicketRecord& t, store::TicketEventRecord& e) -> Result<void> {
    auto status = StatusOf(t);
    if (!status) return std::move(status).error();
    if (auto r = tk::CheckReopen(*status, t.reopen_count, t.merged_into.has_value()); !r) return r;
    t.reopen_count += 1;
    t.status = std::string(tk::StatusCode(tk::Status::kInProgress));
    t.resolved_at.reset();
    t.rating.reset();
    t.rating_comment.clear();
    e.note = reason;
    return Ok();
  });
}

Result<TicketPage> TicketService::List(const Actor& actor, const TicketQuery& q) {
  if (auto r = RequirePermission(actor, core::auth::perm::kTicketRead); !r) return std::move(r).error();
  auto region = ScopedRegionFilter(actor, q.region_code);
  if (!region) return std::move(region).error();
  if (q.status && !tk::ParseStatus(*q.status))
    return BadField("status", Text("应为 submitted、accepted、in_progress、resolved、closed 或 rejected",
                                   "must be submitted, accepted, in_progress, resolved, closed or rejected"),
                    Text::Same(*q.status));
  if (q.limit < 1 || q.limit > 500) return BadField("limit", Text("应为1–500", "must be 1–500"));
  store::TicketFilter f;
  f.scope_prefix = actor.scope.prefix();
  f.region_prefix = region->value_or("");
  f.status = q.status;
  f.category_code = q.category;
  if (q.overdue) f.due_before = FormatIsoUtc(clock_.Now());
  f.limit = q.limit;
  f.offset = std::max<std::int64_t>(0, q.offset);
  auto items = Open311List(f);
  if (!items) return std::move(items).error();
  auto total = store::ReadResult(db_, [&](store::Session& s) { return Repo::Count(s, f); });
  if (!total) return std::move(total).error();
  return TicketPage{std::move(*items), *total};
}

Result<TicketView> TicketService::Get(const Actor& actor, std::int64_t id) {
  return store::ReadResult(db_, [&](store::Session& s) { return LoadForActor(s, actor, id, core::auth::perm::kTicketRead); });
}

Result<TicketView> TicketService::Transition(const Actor& actor, std::int64_t id, const std::string& to,
                                             const std::string& note) {
  if (auto r = RequirePermission(actor, core::auth::perm::kTicketWrite); !r) return std::move(r).error();
  auto target = tk::ParseStatus(to);
  if (!target)
    return BadField("to", Text("应为 accepted、in_progress、resolved、closed 或 rejected",
                               "must be accepted, in_progress, resolved, closed or rejected"),
                    Text::Same(to));
  if (auto r = CheckText("note", note, 0, tk::kNoteMaxChars); !r) return std::move(r).error();
  auto w = db_.Write([&](store::Session& s) -> Result<void> {
    auto cur = LoadForActor(s, actor, id, core::auth::perm::kTicketWrite);
    if (!cur) return std::move(cur).error();
    auto t = cur->ticket;
    auto from = StatusOf(t);
    if (!from) return std::move(from).error();
    if (t.merged_into) return tk::CheckTransition(tk::Status::kClosed, *target, note);  // a merged duplicate stays closed
    if (auto r = tk::CheckTransition(*from, *target, note); !r) return r;
    store::TicketEventRecord e;
    e.ticket_id = id;
    e.at = FormatIsoUtc(clock_.Now());
    e.from_status = t.status;
    e.to_status = std::string(tk::StatusCode(*target));
    e.note = note;
    e.by_kind = "staff";
    e.by_user = actor.user_id;
    t.status = e.to_status;
    if (!note.empty()) t.answer = note;
    if (*target == tk::Status::kResolved) t.resolved_at = e.at;
    t.updated_at = e.at;
    auto updated = Repo::Update(s, t);
    if (!updated) return std::move(updated).error();
    if (auto r = Repo::InsertEvent(s, e); !r) return r;
    Changes ch;
    ch.Set("status", json::string(e.from_status), json::string(e.to_status)).Set("note", nullptr, json::string(note));
    return RecordAudit(s, clock_, actor, "ticket.transition", "ticket", std::to_string(id), t.region_code, ch);
  });
  if (!w) return std::move(w).error();
  return Get(actor, id);
}

Result<TicketView> TicketService::Merge(const Actor& actor, std::int64_t id, std::int64_t kept_id, const std::string& note) {
  if (auto r = RequirePermission(actor, core::auth::perm::kTicketWrite); !r) return std::move(r).error();
  if (auto r = CheckText("note", note, 0, tk::kNoteMaxChars); !r) return std::move(r).error();
  auto w = db_.Write([&](store::Session& s) -> Result<void> {
    auto dup = LoadForActor(s, actor, id, core::auth::perm::kTicketWrite);
    if (!dup) return std::move(dup).error();
    auto kept_found = Repo::Find(s, kept_id);
    if (!kept_found) return std::move(kept_found).error();
    if (!*kept_found)
      return BadField("keptId", Text("保留的诉求不存在", "no such kept ticket"), Text::Same(std::to_string(kept_id)));
    const auto& kept = **kept_found;
    if (!InScope(actor, kept)) return RequireInScope(actor, kept.region_code).error();
    auto t = dup->ticket;
    auto ds = StatusOf(t);
    auto ks = StatusOf(kept);
    if (!ds) return std::move(ds).error();
    if (!ks) return std::move(ks).error();
    if (auto r = tk::CheckMerge(id, t.merged_into ? tk::Status::kClosed : *ds, kept_id, *ks, kept.merged_into.has_value()); !r)
      return r;
    store::TicketEventRecord e;
    e.ticket_id = id;
    e.at = FormatIsoUtc(clock_.Now());
    e.from_status = t.status;
    e.to_status = std::string(tk::StatusCode(tk::Status::kClosed));
    e.note = "与诉求 " + kept.code + " 重复，已合并" + (note.empty() ? "" : "：" + note);
    e.by_kind = "staff";
    e.by_user = actor.user_id;
    t.status = e.to_status;
    t.merged_into = kept_id;
    t.answer = e.note;
    t.updated_at = e.at;
    auto updated = Repo::Update(s, t);
    if (!updated) return std::move(updated).error();
    if (auto r = Repo::InsertEvent(s, e); !r) return r;
    Changes ch;
    ch.Set("status", json::string(e.from_status), json::string(e.to_status)).Set("mergedInto", nullptr, kept_id);
    return RecordAudit(s, clock_, actor, "ticket.merge", "ticket", std::to_string(id), t.region_code, ch);
  });
  if (!w) return std::move(w).error();
  return Get(actor, id);
}

Result<TicketFiguresView> TicketService::Figures(const Actor& actor, const std::optional<std::string>& region_code,
                                                 const std::optional<std::string>& from, const std::optional<std::string>& to) {
  if (auto r = RequirePermission(actor, core::auth::perm::kTicketRead); !r) return std::move(r).error();
  auto region = ScopedRegionFilter(actor, region_code);
  if (!region) return std::move(region).error();
  store::TicketFilter f;
  f.scope_prefix = actor.scope.prefix();
  f.region_prefix = region->value_or("");
  f.limit = 1000000;
  // Beijing dates → UTC bounds: a day starts at 00:00 Beijing = 16:00 UTC the day before.
  auto bound = [](const std::string& field, const std::string& date) -> Result<std::string> {
    auto tp = ParseIso(date + "T00:00:00+08:00");
    if (date.size() != 10 || !tp) return BadField(field, Text("应为 YYYY-MM-DD 格式的日期", "must be a date YYYY-MM-DD"), Text::Same(date));
    return FormatIsoUtc(*tp);
  };
  if (from) {
    auto b = bound("from", *from);
    if (!b) return std::move(b).error();
    f.received_from = *b;
  }
  if (to) {
    auto b = bound("to", *to);
    if (!b) return std::move(b).error();
    f.received_to = *b;
  }
  return store::ReadResult(db_, [&](store::Session& s) -> Result<TicketFiguresView> {
    auto rows = Repo::List(s, f);
    if (!rows) return std::move(rows).error();
    std::vector<tk::FigureRow> all;
    std::map<std::string, std::vector<tk::FigureRow>> streets, categories;
    std::map<std::string, std::string> category_names;
    for (const auto& t : *rows) {
      tk::FigureRow row;
      row.status = tk::ParseStatus(t.status).value_or(tk::Status::kSubmitted);
      row.merged = t.merged_into.has_value();
      auto received = ParseIso(t.received_at);
      auto resolved = t.resolved_at ? ParseIso(*t.resolved_at) : std::nullopt;
      if (received && resolved) row.hours = std::chrono::duration<double, std::ratio<3600>>(*resolved - *received).count();
      row.rating = t.rating;
      all.push_back(row);
      streets[t.region_code.substr(0, std::min(t.region_code.size(), kStreetDigits))].push_back(row);
      categories[t.category_code].push_back(row);
      category_names[t.category_code] = t.category_name_zh;
    }
    TicketFiguresView v;
    v.total.figures = tk::ComputeFigures(all);
    for (const auto& [code, group] : streets) {
      TicketFigureGroup g{code, "", tk::ComputeFigures(group)};
      if (!code.empty()) {
        auto r = store::RegionRepository::Find(s, code);
        if (!r) return std::move(r).error();
        if (*r) g.name = (*r)->name;
      }
      v.by_street.push_back(std::move(g));
    }
    for (const auto& [code, group] : categories) v.by_category.push_back({code, category_names[code], tk::ComputeFigures(group)});
    return v;
  });
}

Result<std::vector<store::TicketRouteRecord>> TicketService::Routes(const Actor& actor) {
  if (auto r = RequirePermission(actor, core::auth::perm::kTicketRead); !r) return std::move(r).error();
  return store::ReadResult(db_, [&](store::Session& s) { return Repo::Routes(s); });
}

Result<store::TicketRouteRecord> TicketService::PutRoute(const Actor& actor, const std::string& category,
                                                         const std::string& region_code, const std::string& department,
                                                         const std::string& handler_region_code) {
  if (auto r = RequirePermission(actor, core::auth::perm::kTicketAdmin); !r) return std::move(r).error();
  if (auto r = CheckText("department", department, 1, 100); !r) return std::move(r).error();
  for (const auto& [field, code] : {std::pair{"regionCode", region_code}, std::pair{"handlerRegionCode", handler_region_code}})
    if (code.size() > 12 || !std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; }))
      return BadField(field, Text("应为至多12位数字的区划代码", "must be a region code of up to 12 digits"), Text::Same(code));
  if (auto r = RequireInScope(actor, region_code); !r) return std::move(r).error();
  if (auto r = RequireInScope(actor, handler_region_code); !r) return std::move(r).error();
  return store::WriteResult(db_, [&](store::Session& s) -> Result<store::TicketRouteRecord> {
    auto c = Repo::FindCategory(s, category);
    if (!c) return std::move(c).error();
    if (!*c) return BadField("category", Text("没有这个诉求类别", "no such ticket category"), Text::Same(category));
    store::TicketRouteRecord route{0, (*c)->id, category, region_code, department, handler_region_code, FormatIsoUtc(clock_.Now())};
    if (auto r = Repo::PutRoute(s, route); !r) return std::move(r).error();
    Changes ch;
    ch.Set("category", nullptr, json::string(category))
        .Set("regionCode", nullptr, json::string(region_code))
        .Set("department", nullptr, json::string(department))
        .Set("handlerRegionCode", nullptr, json::string(handler_region_code));
    if (auto r = RecordAudit(s, clock_, actor, "ticket.route", "ticket_route", category, region_code, ch); !r)
      return std::move(r).error();
    auto found = Repo::RouteFor(s, (*c)->id, region_code);
    if (!found) return std::move(found).error();
    return found->value_or(route);
  });
}

Result<store::TicketCategoryRecord> TicketService::PutTarget(const Actor& actor, const std::string& category, int amount,
                                                             const std::string& unit) {
  if (auto r = RequirePermission(actor, core::auth::perm::kTicketAdmin); !r) return std::move(r).error();
  auto u = tk::ParseTargetUnit(unit);
  if (!u) return BadField("unit", Text("应为 working_hours 或 working_days", "must be working_hours or working_days"), Text::Same(unit));
  if (auto r = tk::CheckTarget({amount, *u}); !r) return std::move(r).error();
  return store::WriteResult(db_, [&](store::Session& s) -> Result<store::TicketCategoryRecord> {
    auto c = Repo::FindCategory(s, category);
    if (!c) return std::move(c).error();
    if (!*c) return NotFound("ticket.category_not_found", Text("没有这个诉求类别", "no such ticket category"));
    auto rec = **c;
    Changes ch;
    ch.Set("target", json::string(std::to_string(rec.target_amount) + " " + rec.target_unit),
           json::string(std::to_string(amount) + " " + unit));
    rec.target_amount = amount;
    rec.target_unit = unit;
    auto n = Repo::UpdateCategory(s, rec);
    if (!n) return std::move(n).error();
    if (auto r = RecordAudit(s, clock_, actor, "ticket.category", "ticket_category", category, "", ch); !r)
      return std::move(r).error();
    return rec;
  });
}

Result<std::vector<store::BuildingContactRecord>> TicketService::PutContact(const Actor& actor, std::int64_t building_id,
                                                                            const std::string& role, const ContactInput& in) {
  if (auto r = RequirePermission(actor, core::auth::perm::kTicketWrite); !r) return std::move(r).error();
  if (role != "building_leader" && role != "grid_worker" && role != "team_phone")
    return BadField("role", Text("应为 building_leader、grid_worker 或 team_phone", "must be building_leader, grid_worker or team_phone"),
                    Text::Same(role));
  if (auto r = CheckText("name", in.name, 1, 40); !r) return std::move(r).error();
  if (auto r = CheckText("phone", in.phone, 1, kPhoneMaxChars); !r) return std::move(r).error();
  if (auto r = CheckPhone("phone", in.phone); !r) return std::move(r).error();
  return store::WriteResult(db_, [&](store::Session& s) -> Result<std::vector<store::BuildingContactRecord>> {
    auto b = Repo::FindBuilding(s, building_id);
    if (!b) return std::move(b).error();
    if (!*b) return NotFound("ticket.building_not_found", Text("楼栋不存在", "no such building"));
    if (auto r = RequireInScope(actor, (*b)->region_code); !r) return std::move(r).error();
    store::BuildingContactRecord c;
    c.building_id = building_id;
    c.region_code = (*b)->region_code;
    c.role = role;
    c.name = in.name;
    c.phone = in.phone;
    c.phone_public = in.phone_public;
    c.updated_at = FormatIsoUtc(clock_.Now());
    if (auto r = Repo::PutContact(s, c); !r) return std::move(r).error();
    Changes ch;
    ch.Set("role", nullptr, json::string(role)).Set("name", nullptr, json::string(in.name)).Set("phonePublic", nullptr, in.phone_public);
    if (auto r = RecordAudit(s, clock_, actor, "ticket.contact", "building", std::to_string(building_id), c.region_code, ch); !r)
      return std::move(r).error();
    return Repo::Contacts(s, (*b)->estate_id);
  });
}

std::string TicketService::ContactsKey(std::int64_t estate_id) const {
  return KeyedHashHex(options_.client_key, "building-contacts:" + std::to_string(estate_id)).substr(0, 16);
}

std::string TicketService::ResidentContactsUrl(const std::string& public_base, std::int64_t estate_id) const {
  return public_base + "/h5/#/tickets/new?estate=" + std::to_string(estate_id) + "&key=" + ContactsKey(estate_id);
}

Result<Document> TicketService::ContactsBoardHtml(const Actor& actor, std::int64_t estate_id, const std::string& public_base) {
  if (auto r = RequirePermission(actor, core::auth::perm::kTicketRead); !r) return std::move(r).error();
  struct Board {
    std::string estate_name;
    std::vector<store::BuildingContactRecord> contacts;
  };
  auto board = store::ReadResult(db_, [&](store::Session& s) -> Result<Board> {
    auto e = Repo::FindEstate(s, estate_id);
    if (!e) return std::move(e).error();
    if (!*e) return NotFound("ticket.estate_not_found", Text("小区不存在", "no such estate"));
    if (auto r = RequireInScope(actor, (*e)->region_code); !r) return std::move(r).error();
    auto list = Repo::Contacts(s, estate_id);
    if (!list) return std::move(list).error();
    return Board{(*e)->name, std::move(*list)};
  });
  if (!board) return std::move(board).error();
  using report::EscapeHtml;
  const auto url = ResidentContactsUrl(public_base, estate_id);
  std::string qr;
  if (auto code = report::EncodeQr(url)) qr = report::QrSvg(*code, "36mm");
  const auto role_name = [](const std::string& role) -> std::string {
    if (role == "building_leader") return "楼长";
    if (role == "grid_worker") return "网格员";
    if (role == "team_phone") return "施工队电话";
    return role;
  };
  std::string html =
      "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>楼栋联系人 " + EscapeHtml(board->estate_name) +
      "</title><style>@page{size:A4;margin:18mm}body{font-family:'Noto Sans CJK SC',sans-serif;font-size:14pt}"
      "h1{text-align:center;font-size:26pt;letter-spacing:.2em}table{width:100%;border-collapse:collapse}"
      "td,th{border:1px solid #333;padding:6px;text-align:left}.foot{margin-top:12mm;display:flex;"
      "justify-content:space-between;align-items:flex-end}</style></head><body>";
  html += "<h1>楼栋联系人</h1><p>" + EscapeHtml(board->estate_name) + "的居民朋友：有事请找以下联系人，或扫码提交诉求。</p>";
  if (board->contacts.empty()) {
    html += "<p>尚未登记楼栋联系人。</p>";
  } else {
    html += "<table><thead><tr><th>楼栋</th><th>职责</th><th>联系人</th><th>电话</th></tr></thead><tbody>";
    for (const auto& c : board->contacts)
      html += "<tr><td>" + EscapeHtml(c.building_number) + "栋</td><td>" + EscapeHtml(role_name(c.role)) + "</td><td>" +
              EscapeHtml(c.name) + "</td><td>" + (c.phone_public ? EscapeHtml(c.phone) : std::string("扫码联系")) + "</td></tr>";
    html += "</tbody></table>";
  }
  html += "<div class=\"foot\"><div>扫码查看联系人、提交诉求并查看办理进度<br><small>" + EscapeHtml(url) + "</small></div>" + qr +
          "</div><p style=\"text-align:right\">打印日期：" + FormatShanghai(clock_.Now(), 10) + "</p></body></html>";
  return Document{std::move(html), kHtmlType, "楼栋联系人-" + std::to_string(estate_id) + ".html"};
}

Result<std::vector<store::BuildingContactRecord>> TicketService::ResidentContacts(std::int64_t estate_id,
                                                                                 std::string_view key) {
  const auto expected = ContactsKey(estate_id);
  // Compared in constant time (libsodium), so the key cannot be guessed digit by digit.
  if (key.size() != expected.size() || !ConstantTimeEquals(key, expected))
    return MakeError(ErrorCode::kForbidden, "ticket.contacts_key_required",
                     Text("楼栋联系人仅向本小区居民公开", "building contacts are shown to the estate's residents only"),
                     Text(key.empty() ? "链接缺少小区楼道码" : "小区楼道码不对", key.empty() ? "the link carries no stairwell key" : "the stairwell key does not match"),
                     Text("请扫描楼道公示栏上的二维码查看", "scan the QR code on the stairwell notice board"));
  return store::ReadResult(db_, [&](store::Session& s) -> Result<std::vector<store::BuildingContactRecord>> {
    auto e = Repo::FindEstate(s, estate_id);
    if (!e) return std::move(e).error();
    if (!*e) return NotFound("ticket.estate_not_found", Text("小区不存在", "no such estate"));
    return Repo::Contacts(s, estate_id);
  });
}

Result<std::vector<store::BuildingContactRecord>> TicketService::Contacts(const Actor& actor, std::int64_t estate_id) {
  if (auto r = RequirePermission(actor, core::auth::perm::kTicketRead); !r) return std::move(r).error();
  return store::ReadResult(db_, [&](store::Session& s) -> Result<std::vector<store::BuildingContactRecord>> {
    auto e = Repo::FindEstate(s, estate_id);
    if (!e) return std::move(e).error();
    if (!*e) return NotFound("ticket.estate_not_found", Text("小区不存在", "no such estate"));
    if (auto r = RequireInScope(actor, (*e)->region_code); !r) return std::move(r).error();
    return Repo::Contacts(s, estate_id);
  });
}

Result<TicketService::IssuedKey> TicketService::IssueClientKey(const Actor& actor, const std::string& name) {
  if (auto r = RequirePermission(actor, core::auth::perm::kTicketAdmin); !r) return std::move(r).error();
  if (auto r = CheckText("name", name, 1, 100); !r) return std::move(r).error();
  IssuedKey k;
  k.api_key = RandomHex(24);
  k.client.name = name;
  k.client.key_hash = Sha256Hex(k.api_key);
  k.client.created_by = actor.user_id;
  k.client.created_at = FormatIsoUtc(clock_.Now());
  auto w = db_.Write([&](store::Session& s) -> Result<void> {
    auto id = Repo::InsertClient(s, k.client);
    if (!id) return std::move(id).error();
    k.client.id = *id;
    Changes ch;
    ch.Set("name", nullptr, json::string(name));
    return RecordAudit(s, clock_, actor, "ticket.open311_client", "open311_client", std::to_string(*id), "", ch);
  });
  if (!w) return std::move(w).error();
  return k;
}

Result<std::vector<store::Open311ClientRecord>> TicketService::Clients(const Actor& actor) {
  if (auto r = RequirePermission(actor, core::auth::perm::kTicketAdmin); !r) return std::move(r).error();
  return store::ReadResult(db_, [&](store::Session& s) { return Repo::Clients(s); });
}

Result<std::optional<store::Open311ClientRecord>> TicketService::ClientByKey(const std::string& api_key) {
  if (api_key.empty() || api_key.size() > 200) return std::optional<store::Open311ClientRecord>{};
  auto c = store::ReadResult(db_, [&](store::Session& s) { return Repo::FindClientByHash(s, Sha256Hex(api_key)); });
  if (!c) return c;
  if (*c && !(*c)->active) return std::optional<store::Open311ClientRecord>{};
  return c;
}

Result<std::vector<TicketView>> TicketService::Open311List(const store::TicketFilter& f) {
  return store::ReadResult(db_, [&](store::Session& s) -> Result<std::vector<TicketView>> {
    auto rows = Repo::List(s, f);
    if (!rows) return std::move(rows).error();
    std::vector<TicketView> out;
    const auto now = clock_.Now();
    for (auto& t : *rows) {
      TicketView v;
      v.overdue = OverdueAt(t, now);
      v.ticket = std::move(t);
      out.push_back(std::move(v));
    }
    return out;
  });
}

Result<std::vector<store::TicketUpdateRecord>> TicketService::Open311Updates(const std::string& from, const std::string& to) {
  return store::ReadResult(db_, [&](store::Session& s) { return Repo::Updates(s, from, to, 1000); });
}

}  // namespace huanxin::service
