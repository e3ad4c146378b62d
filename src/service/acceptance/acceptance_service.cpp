#include "service/acceptance/acceptance_service.hpp"

#include <algorithm>
#include <cctype>
#include <boost/json.hpp>
#include <chrono>
#include <map>
#include <set>
#include <utility>

#include "common/decimal.hpp"
#include "common/text.hpp"
#include "core/acceptance/acceptance.hpp"
#include "core/calendar/work_calendar.hpp"
#include "core/project/gates.hpp"
#include "report/checkup_report.hpp"
#include "service/audit/audit_service.hpp"
#include "service/construction/access.hpp"
#include "service/construction/household_service.hpp"
#include "service/platform/field_check.hpp"
#include "store/construction/step_repository.hpp"
#include "store/project/project_repository.hpp"

namespace huanxin::service {

namespace {

namespace json = boost::json;
namespace ca = core::acceptance;
namespace perm = core::auth::perm;
using Repo = store::AcceptanceRepository;
using core::calendar::Date;

constexpr std::size_t kReasonMax = 500, kNameMax = 100, kShortMax = 50, kNoteMax = 2000;
constexpr std::size_t kParticipantsMax = 50, kItemsMax = 60, kCriteriaMax = 20, kPunchMax = 500;

Result<void> CheckText(const std::string& field, const std::string& v, std::size_t min, std::size_t max) {
  if (auto problem = TextProblem(v, min, max)) return AcceptanceField(field, std::move(*problem));
  return Ok();
}

Error NotAccepted() {
  return MakeError(ErrorCode::kConflict, "acceptance.not_accepted", Text("项目尚未通过竣工验收", "the project has not passed completion acceptance"),
                   {}, Text("先通过 POST /acceptance 记录竣工验收", "record the completion acceptance first"));
}

// A date field 'YYYY-MM-DD' not after `today`.
Result<Date> CheckDate(const std::string& field, const std::string& v, const std::string& today) {
  auto d = core::calendar::ParseDate(v);
  if (!d || core::calendar::FormatDate(*d) != v)
    return AcceptanceField(field, Text("应为日期 YYYY-MM-DD", "must be a date YYYY-MM-DD"));
  if (v > today) return AcceptanceField(field, Text("不能晚于今天（" + today + "）", "must not be after today (" + today + ")"));
  return *d;
}

// "3栋1单元201"; a building number written with its own word ("3号楼") keeps it.
std::string DwellingLabel(const store::AcceptanceDwellingRef& d) {
  const bool bare = !d.building_number.empty() && std::isalnum(static_cast<unsigned char>(d.building_number.back()));
  return d.building_number + (bare ? "栋" : "") + std::to_string(d.stairwell) + "单元" + d.room;
}

std::string DefaultProperty() { return "物业服务企业"; }

// A recorded fact on the project's documents (project_document), as the project context files them.
Result<void> FileRecord(store::Session& s, const Actor& actor, std::int64_t project_id, const char* kind, const char* title,
                        const std::string& reference, const std::string& at) {
  store::DocumentRecord d;
  d.project_id = project_id;
  d.kind = kind;
  d.title = title;
  d.reference = reference;
  d.created_by = actor.user_id;
  d.created_at = at;
  auto id = store::DocumentRepository::Insert(s, d);
  if (!id) return std::move(id).error();
  return Ok();
}

}  // namespace

Error AcceptanceField(const std::string& field, Text why) {
  return Invalid("acceptance.invalid_field", Text("字段 " + field + " 无效：" + why.zh, "field " + field + " is invalid: " + why.en),
                 Text::Same(field), Text("请按提示修改后重试", "correct the field and try again"));
}

AcceptanceService::AcceptanceService(store::Database& db, const Clock& clock, FileService& files)
    : db_(db), clock_(clock), files_(files) {
  // Signatures are shown to whoever reads the acceptance (the file service checks the region).
  files_.SetReadPolicy("acceptance", [](const Actor& actor, const StoredFile&) {
    return RequirePermission(actor, perm::kAcceptanceRead);
  });
}

std::string AcceptanceService::Today() const { return FormatShanghai(clock_.Now(), 10); }

Result<StoredFile> AcceptanceService::UploadSignature(const Actor& actor, std::int64_t project_id, const std::string& name,
                                                      const std::string& bytes) {
  auto image = CheckPhoto(name, bytes, Text("请上传手机上签名板导出的 PNG 图片", "upload the PNG the phone's signature pad exports"));
  if (!image) return std::move(image).error();
  if (image->content_type != "image/png")
    return MakeError(ErrorCode::kUnsupportedMediaType, "acceptance.signature_not_png", Text("签名须为 PNG 图片", "a signature must be a PNG image"),
                     Text::Same(image->content_type), Text("签名板导出 PNG 后上传", "export the signature pad as PNG"));
  return store::WriteResult(db_, [&](store::Session& s) -> Result<StoredFile> {
    auto project = ProjectForConstruction(s, actor, project_id, perm::kAcceptanceHouseholdWrite);
    if (!project) return std::move(project).error();
    auto f = files_.Put(s, actor, "acceptance", project->region_code, name, image->content_type, image->bytes);
    if (!f) return std::move(f).error();
    Changes ch;
    ch.Set("file", nullptr, f->id).Set("project", nullptr, project_id);
    if (auto r = RecordAudit(s, clock_, actor, "acceptance.signature", "stored_file", std::to_string(f->id), project->region_code, ch); !r)
      return std::move(r).error();
    return std::move(*f);
  });
}

Result<store::HouseholdAcceptanceRecord> AcceptanceService::PutHousehold(const Actor& actor, std::int64_t project_id,
                                                                         std::int64_t dwelling_id,
                                                                         const HouseholdAcceptanceInput& in) {
  if (auto r = RequirePermission(actor, perm::kAcceptanceHouseholdWrite); !r) return std::move(r).error();
  const auto& works = HouseholdWorkCodes();
  if (std::find(works.begin(), works.end(), in.work) == works.end())
    return AcceptanceField("work", Text("应为 heating、water_meter、windows、gas_meter、wiring 或 other",
                                        "must be heating, water_meter, windows, gas_meter, wiring or other"));
  if (in.result != "accepted" && in.result != "refused")
    return AcceptanceField("result", Text("应为 accepted 或 refused", "must be accepted or refused"));
  if (in.result == "accepted" && !in.signature_file_id)
    return AcceptanceField("signatureFileId", Text("验收通过须有住户签名", "an acceptance needs the resident's signature"));
  if (in.result == "refused") {
    if (auto r = CheckText("reason", in.reason, 1, kReasonMax); !r) return std::move(r).error();
    if (in.signature_file_id)
      return AcceptanceField("signatureFileId", Text("拒绝验收时不附签名", "a refusal carries no signature"));
  } else if (!in.reason.empty()) {
    if (auto r = CheckText("reason", in.reason, 0, kReasonMax); !r) return std::move(r).error();
  }
  const auto now = FormatIsoUtc(clock_.Now());
  return store::WriteResult(db_, [&](store::Session& s) -> Result<store::HouseholdAcceptanceRecord> {
    auto project = ProjectForConstruction(s, actor, project_id, perm::kAcceptanceHouseholdWrite);
    if (!project) return std::move(project).error();
    auto dwelling = Repo::FindDwelling(s, dwelling_id);
    if (!dwelling) return std::move(dwelling).error();
    bool in_project = false;
    if (*dwelling) {
      auto has = Repo::ProjectHasEstate(s, project_id, (*dwelling)->estate_id);
      if (!has) return std::move(has).error();
      in_project = *has;
    }
    if (!in_project)
      return NotFound("acceptance.dwelling_not_found", Text("项目的小区中没有户 " + std::to_string(dwelling_id),
                                                            "no dwelling " + std::to_string(dwelling_id) + " in the project's estates"));
    if (in.signature_file_id) {
      auto file = files_.Find(s, *in.signature_file_id);
      if (!file) return std::move(file).error();
      if (!*file || (*file)->context != "acceptance" || (*file)->content_type.rfind("image/", 0) != 0)
        return AcceptanceField("signatureFileId", Text("不是通过签名上传的图片", "is not an image uploaded as a signature"));
    }
    auto before = Repo::FindHousehold(s, project_id, dwelling_id, in.work);
    if (!before) return std::move(before).error();
    store::HouseholdAcceptanceRecord h;
    h.project_id = project_id;
    h.dwelling_id = dwelling_id;
    h.work = in.work;
    h.estate_id = (*dwelling)->estate_id;
    h.region_code = (*dwelling)->region_code;
    h.result = in.result;
    h.signature_file_id = in.signature_file_id;
    h.reason = in.reason;
    h.recorded_by = actor.user_id;
    h.recorded_at = now;
    // The punch-list entry of an earlier refusal: kept (and reopened) on a new refusal, resolved on
    // an acceptance.
    std::optional<store::PunchItemRecord> entry;
    if (*before && (*before)->punch_item_id) {
      auto p = Repo::FindPunch(s, *(*before)->punch_item_id);
      if (!p) return std::move(p).error();
      entry = std::move(*p);
    }
    const std::string description = DwellingLabel(**dwelling) + " " + HouseholdWorkName(in.work) + "：" + in.reason;
    if (in.result == "refused") {
      if (entry) {
        entry->description = description;
        entry->status = std::string(ca::PunchStatusCode(ca::PunchStatus::kOpen));
        entry->waiver_reason.clear();
        entry->updated_at = now;
        if (auto r = Repo::UpdatePunch(s, *entry); !r) return std::move(r).error();
        h.punch_item_id = entry->id;
      } else {
        store::PunchItemRecord p{0, project_id, project->region_code, "household", dwelling_id, in.work, description,
                                 std::string(ca::PunchStatusCode(ca::PunchStatus::kOpen)), "", actor.user_id, now, now};
        auto id = Repo::InsertPunch(s, p);
        if (!id) return std::move(id).error();
        h.punch_item_id = *id;
      }
    } else if (entry) {
      h.punch_item_id = entry->id;
      if (entry->status != ca::PunchStatusCode(ca::PunchStatus::kResolved)) {
        entry->status = std::string(ca::PunchStatusCode(ca::PunchStatus::kResolved));
        entry->updated_at = now;
        if (auto r = Repo::UpdatePunch(s, *entry); !r) return std::move(r).error();
      }
    }
    if (auto r = Repo::PutHousehold(s, h); !r) return std::move(r).error();
    Changes ch;
    ch.Set("result", *before ? json::value(json::string((*before)->result)) : json::value(nullptr), json::string(h.result))
        .Set("work", nullptr, json::string(h.work))
        .Set("signature", nullptr, h.signature_file_id ? json::value(*h.signature_file_id) : json::value(nullptr))
        .Set("punchItem", nullptr, h.punch_item_id ? json::value(*h.punch_item_id) : json::value(nullptr));
    if (auto r = RecordAudit(s, clock_, actor, "acceptance.household", "household_acceptance",
                             std::to_string(project_id) + ":" + std::to_string(dwelling_id) + ":" + in.work, h.region_code, ch);
        !r)
      return std::move(r).error();
    auto stored = Repo::FindHousehold(s, project_id, dwelling_id, in.work);
    if (!stored) return std::move(stored).error();
    if (!*stored) return MakeError(ErrorCode::kInternal, "acceptance.lost_row", Text("写入后未读到记录", "row not read back"));
    return std::move(**stored);
  });
}

Result<std::vector<store::HouseholdAcceptanceRecord>> AcceptanceService::Households(const Actor& actor, std::int64_t project_id) {
  return store::ReadResult(db_, [&](store::Session& s) -> Result<std::vector<store::HouseholdAcceptanceRecord>> {
    auto project = ProjectForConstruction(s, actor, project_id, perm::kAcceptanceRead);
    if (!project) return std::move(project).error();
    return Repo::Households(s, project_id);
  });
}

namespace {

Result<AcceptanceView> LoadView(store::Session& s, const store::ProjectRecord& project) {
  AcceptanceView v;
  v.project_id = project.id;
  v.project_name = project.name;
  auto a = Repo::FindAcceptance(s, project.id);
  if (!a) return std::move(a).error();
  v.acceptance = std::move(*a);
  if (v.acceptance && v.acceptance->max_points > 0)
    v.percent_hundredths = PercentHundredths(v.acceptance->points, v.acceptance->max_points);
  auto punch = Repo::PunchList(s, project.id);
  if (!punch) return std::move(punch).error();
  v.punch_list = std::move(*punch);
  auto h = Repo::FindHandover(s, project.id);
  if (!h) return std::move(h).error();
  v.handover = std::move(*h);
  return v;
}

}  // namespace

Result<AcceptanceView> AcceptanceService::Get(const Actor& actor, std::int64_t project_id) {
  return store::ReadResult(db_, [&](store::Session& s) -> Result<AcceptanceView> {
    auto project = ProjectForConstruction(s, actor, project_id, perm::kAcceptanceRead);
    if (!project) return std::move(project).error();
    return LoadView(s, *project);
  });
}

Result<AcceptanceView> AcceptanceService::Accept(const Actor& actor, std::int64_t project_id, const AcceptanceInput& in) {
  if (auto r = RequirePermission(actor, perm::kAcceptanceWrite); !r) return std::move(r).error();
  const auto today = Today();
  if (auto d = CheckDate("on", in.on, today); !d) return std::move(d).error();
  if (auto r = CheckText("note", in.note, 0, kNoteMax); !r) return std::move(r).error();
  // Participants (REFERENCE.md §4.3).
  if (in.participants.empty() || in.participants.size() > kParticipantsMax)
    return AcceptanceField("participants", Text("应有1–50个参加单位", "must list 1–50 participants"));
  std::set<ca::ParticipantRole> roles;
  for (std::size_t i = 0; i < in.participants.size(); ++i) {
    const auto& p = in.participants[i];
    const auto field = "participants[" + std::to_string(i) + "]";
    auto role = ca::ParseParticipant(p.role);
    if (!role)
      return AcceptanceField(field + ".role", Text("应为 client、design、construction、supervision、resident_representative、street、"
                                                   "owners_committee 或 property_company",
                                                   "must be client, design, construction, supervision, resident_representative, "
                                                   "street, owners_committee or property_company"));
    roles.insert(*role);
    if (auto r = CheckText(field + ".name", p.name, 1, kNameMax); !r) return std::move(r).error();
    if (auto r = CheckText(field + ".representative", p.representative, 0, kShortMax); !r) return std::move(r).error();
  }
  if (auto r = ca::CheckParticipants(roles); !r) return std::move(r).error();
  // The scored checklist (REFERENCE.md §4).
  if (in.checklist.size() > kItemsMax) return AcceptanceField("checklist", Text("最多60个验收项目", "at most 60 items"));
  std::vector<ca::ChecklistItem> items;
  for (std::size_t i = 0; i < in.checklist.size(); ++i) {
    const auto& c = in.checklist[i];
    const auto field = "checklist[" + std::to_string(i) + "]";
    if (c.scores.size() > kCriteriaMax) return AcceptanceField(field + ".scores", Text("最多20个评分项", "at most 20 criteria"));
    ca::ChecklistItem item{c.item_code, {}};
    for (std::size_t j = 0; j < c.scores.size(); ++j) {
      if (auto r = CheckText(field + ".scores[" + std::to_string(j) + "].criterion", c.scores[j].criterion, 1, kShortMax); !r)
        return std::move(r).error();
      // Out-of-range integers are left to the core rule (1–5), clamped so they cannot wrap.
      item.scores.push_back({c.scores[j].criterion, static_cast<int>(std::clamp<std::int64_t>(c.scores[j].score, -1, 99))});
    }
    items.push_back(std::move(item));
  }
  auto total = ca::ScoreChecklist(items);
  if (!total) return std::move(total).error();
  // The request's punch entries (validated before the stored list is merged in).
  if (in.punch_list.size() > kPunchMax) return AcceptanceField("punchList", Text("最多500项", "at most 500 entries"));
  for (std::size_t i = 0; i < in.punch_list.size(); ++i) {
    const auto& p = in.punch_list[i];
    const auto field = "punchList[" + std::to_string(i) + "]";
    if (!ca::ParsePunchStatus(p.status))
      return AcceptanceField(field + ".status", Text("应为 open、resolved 或 waived", "must be open, resolved or waived"));
    if (!p.id || !p.description.empty())
      if (auto r = CheckText(field + ".description", p.description, 1, kReasonMax); !r) return std::move(r).error();
    if (auto r = CheckText(field + ".waiverReason", p.waiver_reason, 0, kReasonMax); !r) return std::move(r).error();
  }
  const auto now = FormatIsoUtc(clock_.Now());
  auto w = db_.Write([&](store::Session& s) -> Result<void> {
    auto project = ProjectForConstruction(s, actor, project_id, perm::kAcceptanceWrite);
    if (!project) return std::move(project).error();
    auto existing = Repo::FindAcceptance(s, project_id);
    if (!existing) return std::move(existing).error();
    if (*existing)
      return MakeError(ErrorCode::kConflict, "acceptance.already_accepted", Text("项目已通过竣工验收", "the project has passed acceptance already"),
                       Text("验收日期 " + (*existing)->accepted_on, "accepted on " + (*existing)->accepted_on));
    for (std::size_t i = 0; i < in.checklist.size(); ++i) {
      auto name = Repo::ItemName(s, in.checklist[i].item_code);
      if (!name) return std::move(name).error();
      if (!*name)
        return AcceptanceField("checklist[" + std::to_string(i) + "].itemCode", Text("没有这个改造项目 " + in.checklist[i].item_code,
                                                                                   "no renovation item " + in.checklist[i].item_code));
    }
    // The stored list with the request's changes, then the new entries: the gate looks at all.
    auto stored = Repo::PunchList(s, project_id);
    if (!stored) return std::move(stored).error();
    std::map<std::int64_t, std::size_t> by_id;
    for (std::size_t i = 0; i < stored->size(); ++i) by_id[(*stored)[i].id] = i;
    std::vector<store::PunchItemRecord> added;
    std::set<std::int64_t> changed;
    for (std::size_t i = 0; i < in.punch_list.size(); ++i) {
      const auto& p = in.punch_list[i];
      if (p.id) {
        auto it = by_id.find(*p.id);
        if (it == by_id.end())
          return AcceptanceField("punchList[" + std::to_string(i) + "].id", Text("不是本项目整改清单中的一项", "is not an entry of this project's punch list"));
        auto& e = (*stored)[it->second];
        if (!p.description.empty()) e.description = p.description;
        e.status = p.status;
        e.waiver_reason = p.waiver_reason;
        e.updated_at = now;
        changed.insert(e.id);
      } else {
        added.push_back(store::PunchItemRecord{0, project_id, project->region_code, "completion", std::nullopt, std::nullopt,
                                               p.description, p.status, p.waiver_reason, actor.user_id, now, now});
      }
    }
    std::vector<ca::PunchEntry> gate;
    for (const auto& e : *stored) gate.push_back({e.description, *ca::ParsePunchStatus(e.status), e.waiver_reason});
    for (const auto& e : added) gate.push_back({e.description, *ca::ParsePunchStatus(e.status), e.waiver_reason});
    if (auto r = ca::CheckPunchList(gate); !r) return r;
    for (const auto& e : *stored)
      if (changed.count(e.id))
        if (auto r = Repo::UpdatePunch(s, e); !r) return std::move(r).error();
    for (const auto& e : added)
      if (auto r = Repo::InsertPunch(s, e); !r) return std::move(r).error();
    store::CompletionAcceptanceRecord a;
    a.project_id = project_id;
    a.region_code = project->region_code;
    a.accepted_on = in.on;
    a.points = total->points;
    a.max_points = total->max_points;
    a.note = in.note;
    a.recorded_by = actor.user_id;
    a.created_at = now;
    for (const auto& p : in.participants) a.participants.push_back({p.role, p.name, p.representative});
    for (const auto& c : in.checklist)
      for (const auto& sc : c.scores) a.scores.push_back({c.item_code, "", sc.criterion, static_cast<int>(sc.score)});
    auto id = Repo::InsertAcceptance(s, a);
    if (!id) return std::move(id).error();
    // The record on the project's file: the gate `accepted` asks for it (core/project/gates.hpp).
    if (auto r = FileRecord(s, actor, project_id, "acceptance_record", "竣工验收记录",
                            "验收日期 " + in.on + "，评分 " + std::to_string(total->points) + "/" + std::to_string(total->max_points), now);
        !r)
      return r;
    Changes ch;
    ch.Set("acceptedOn", nullptr, json::string(in.on))
        .Set("points", nullptr, total->points)
        .Set("maxPoints", nullptr, total->max_points)
        .Set("participants", nullptr, static_cast<std::int64_t>(in.participants.size()))
        .Set("punchEntries", nullptr, static_cast<std::int64_t>(gate.size()));
    return RecordAudit(s, clock_, actor, "acceptance.complete", "completion_acceptance", std::to_string(*id), project->region_code, ch);
  });
  if (!w) return std::move(w).error();
  return Get(actor, project_id);
}

Result<AcceptanceView> AcceptanceService::Handover(const Actor& actor, std::int64_t project_id, const HandoverInput& in) {
  if (auto r = RequirePermission(actor, perm::kAcceptanceWrite); !r) return std::move(r).error();
  if (auto d = CheckDate("on", in.on, Today()); !d) return std::move(d).error();
  if (auto r = CheckText("receiver", in.receiver, 1, kNameMax); !r) return std::move(r).error();
  if (auto r = CheckText("note", in.note, 0, kNoteMax); !r) return std::move(r).error();
  auto w = db_.Write([&](store::Session& s) -> Result<void> {
    auto project = ProjectForConstruction(s, actor, project_id, perm::kAcceptanceWrite);
    if (!project) return std::move(project).error();
    auto a = Repo::FindAcceptance(s, project_id);
    if (!a) return std::move(a).error();
    if (!*a) return NotAccepted();
    if (in.on < (*a)->accepted_on)
      return AcceptanceField("on", Text("不能早于竣工验收日期 " + (*a)->accepted_on, "must not be before the acceptance day " + (*a)->accepted_on));
    auto before = Repo::FindHandover(s, project_id);
    if (!before) return std::move(before).error();
    store::HandoverRecord h{project_id, project->region_code, in.on, in.receiver, in.note, actor.user_id, FormatIsoUtc(clock_.Now())};
    if (auto r = Repo::PutHandover(s, h); !r) return r;
    // The first handover goes on the project's file (the gate `handed_over`); a correction does not.
    if (!*before)
      if (auto r = FileRecord(s, actor, project_id, "handover_record", "移交接管记录", in.on + " 移交 " + in.receiver, h.created_at); !r)
        return r;
    Changes ch;
    ch.Set("handedOn", *before ? json::value(json::string((*before)->handed_on)) : json::value(nullptr), json::string(in.on))
        .Set("receiver", *before ? json::value(json::string((*before)->receiver)) : json::value(nullptr), json::string(in.receiver));
    return RecordAudit(s, clock_, actor, "acceptance.handover", "acceptance_handover", std::to_string(project_id), project->region_code, ch);
  });
  if (!w) return std::move(w).error();
  return Get(actor, project_id);
}

Result<Document> AcceptanceService::SignHtml(const Actor& actor, std::int64_t project_id) {
  struct Page {
    std::string project_name;
    store::CompletionAcceptanceRecord acceptance;
    std::vector<store::ProjectEstateRecord> estates;
    std::vector<store::UnitRecord> units;
  };
  auto page = store::ReadResult(db_, [&](store::Session& s) -> Result<Page> {
    auto project = ProjectForConstruction(s, actor, project_id, perm::kAcceptanceRead);
    if (!project) return std::move(project).error();
    auto a = Repo::FindAcceptance(s, project_id);
    if (!a) return std::move(a).error();
    if (!*a) return NotAccepted();
    auto estates = store::ProjectRepository::Estates(s, project_id);
    if (!estates) return std::move(estates).error();
    auto units = store::UnitRepository::List(s, project_id);
    if (!units) return std::move(units).error();
    return Page{project->name, std::move(**a), std::move(*estates), std::move(*units)};
  });
  if (!page) return std::move(page).error();
  using report::EscapeHtml;
  std::string estates;
  for (const auto& e : page->estates) estates += (estates.empty() ? "" : "、") + e.name;
  std::set<std::string> items;
  std::string item_list;
  for (const auto& sc : page->acceptance.scores)
    if (items.insert(sc.item_code).second) item_list += (item_list.empty() ? "" : "、") + (sc.item_name.empty() ? sc.item_code : sc.item_name);
  std::string html =
      "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>永久性标识牌 " + EscapeHtml(page->project_name) +
      "</title><style>@page{size:A4 landscape;margin:15mm}body{font-family:'Noto Sans CJK SC',sans-serif;font-size:15pt}"
      "h1{text-align:center;font-size:28pt;letter-spacing:.2em}table{width:100%;border-collapse:collapse}"
      "td,th{border:1px solid #333;padding:6px 10px;text-align:left}th{width:28%}</style></head><body>";
  html += "<h1>" + EscapeHtml(page->project_name) + "</h1><table><tbody>";
  html += "<tr><th>改造小区</th><td>" + EscapeHtml(estates) + "</td></tr>";
  html += "<tr><th>改造内容</th><td>" + EscapeHtml(item_list) + "</td></tr>";
  html += "<tr><th>竣工验收日期</th><td>" + EscapeHtml(page->acceptance.accepted_on) + "</td></tr>";
  // Every participating unit (REFERENCE.md §4: "project and all participating units"): the
  // project's recorded units, then the acceptance's participants not already named.
  std::set<std::string> named;
  for (const auto& u : page->units) {
    auto role = core::project::ParseUnitRole(u.role);
    html += "<tr><th>" + EscapeHtml(role ? core::project::UnitRoleName(*role).zh : u.role) + "</th><td>" + EscapeHtml(u.company) + "</td></tr>";
    named.insert(u.company);
  }
  for (const auto& p : page->acceptance.participants) {
    if (named.count(p.name)) continue;
    auto role = ca::ParseParticipant(p.role);
    html += "<tr><th>" + EscapeHtml(role ? ca::ParticipantName(*role).zh : p.role) + "</th><td>" + EscapeHtml(p.name) + "</td></tr>";
    named.insert(p.name);
  }
  html += "</tbody></table><p style=\"text-align:right\">打印日期：" + FormatShanghai(clock_.Now(), 10) + "</p></body></html>";
  return Document{std::move(html), kHtmlType, "永久性标识牌-" + std::to_string(project_id) + ".html"};
}

namespace {

// The city's heating season in force at `region_code` (construction seasons), if any.
Result<std::optional<core::construction::Season>> HeatingSeason(store::Session& s, const std::string& region_code) {
  auto row = store::SeasonRepository::InForce(s, region_code);
  if (!row) return std::move(row).error();
  if (!*row || !(*row)->heating_from || !(*row)->heating_to) return std::optional<core::construction::Season>();
  auto from = core::construction::ParseMonthDay(*(*row)->heating_from);
  auto to = core::construction::ParseMonthDay(*(*row)->heating_to);
  if (!from || !to) return std::optional<core::construction::Season>();
  return std::optional<core::construction::Season>(core::construction::Season{*from, *to});
}

std::int64_t DaysBetween(Date from, Date to) {
  return (std::chrono::sys_days{to} - std::chrono::sys_days{from}).count();
}

}  // namespace

Result<std::vector<WarrantyRow>> AcceptanceService::WarrantiesOf(store::Session& s, std::int64_t project_id,
                                                                 const std::string& project_name, const std::string& region_code) {
  std::vector<WarrantyRow> out;
  auto a = Repo::FindAcceptance(s, project_id);
  if (!a) return std::move(a).error();
  if (!*a) return out;
  auto accepted = core::calendar::ParseDate((*a)->accepted_on);
  if (!accepted) return out;
  auto heating = HeatingSeason(s, region_code);
  if (!heating) return std::move(heating).error();
  const auto today = core::calendar::ParseDate(Today());
  std::set<std::string> seen;
  for (const auto& sc : (*a)->scores) {
    if (!seen.insert(sc.item_code).second) continue;
    const auto kind = ca::WarrantyKindOfItem(sc.item_code);
    const auto until = ca::WarrantyUntil(kind, *accepted, *heating);
    WarrantyRow row;
    row.project_id = project_id;
    row.project_name = project_name;
    row.item_code = sc.item_code;
    row.item_name = sc.item_name;
    row.kind = std::string(ca::WarrantyCode(kind));
    row.from = (*a)->accepted_on;
    row.until = core::calendar::FormatDate(until);
    row.running = today && ca::UnderWarranty(until, *today);
    row.days_left = row.running ? DaysBetween(*today, until) + 1 : 0;
    out.push_back(std::move(row));
  }
  return out;
}

Result<std::vector<WarrantyRow>> AcceptanceService::Warranties(const Actor& actor, std::int64_t project_id) {
  return store::ReadResult(db_, [&](store::Session& s) -> Result<std::vector<WarrantyRow>> {
    auto project = ProjectForConstruction(s, actor, project_id, perm::kAcceptanceRead);
    if (!project) return std::move(project).error();
    return WarrantiesOf(s, project_id, project->name, project->region_code);
  });
}

Result<std::vector<WarrantyRow>> AcceptanceService::EstateWarranties(const Actor& actor, std::int64_t estate_id) {
  if (auto r = RequirePermission(actor, perm::kAcceptanceRead); !r) return std::move(r).error();
  return store::ReadResult(db_, [&](store::Session& s) -> Result<std::vector<WarrantyRow>> {
    auto estate = store::TicketRepository::FindEstate(s, estate_id);
    if (!estate) return std::move(estate).error();
    if (!*estate) return NotFound("acceptance.estate_not_found", Text("小区不存在", "no such estate"));
    if (auto r = RequireInScope(actor, (*estate)->region_code); !r) return std::move(r).error();
    auto projects = Repo::AcceptedProjectsOfEstate(s, estate_id);
    if (!projects) return std::move(projects).error();
    std::vector<WarrantyRow> out;
    for (const auto& p : *projects) {
      // Assigned roles see the projects they are assigned to only.
      if (!ProjectForConstruction(s, actor, p.project_id, perm::kAcceptanceRead)) continue;
      auto rows = WarrantiesOf(s, p.project_id, p.project_name, p.region_code);
      if (!rows) return std::move(rows).error();
      for (auto& r : *rows) out.push_back(std::move(r));
    }
    return out;
  });
}

Result<std::optional<DefectRouting>> AcceptanceService::RouteDefect(store::Session& s, std::int64_t estate_id,
                                                                    const std::string& defect_item, TimePoint now) {
  auto item = ca::ParseDefectItem(defect_item);
  if (!item) return std::optional<DefectRouting>();
  auto projects = Repo::AcceptedProjectsOfEstate(s, estate_id);
  if (!projects) return std::move(projects).error();
  const auto codes = ca::ItemCodesOf(*item);
  // The latest accepted project whose checklist has the item (any project for `other`).
  for (const auto& p : *projects) {
    auto a = Repo::FindAcceptance(s, p.project_id);
    if (!a) return std::move(a).error();
    if (!*a) continue;
    const bool built = codes.empty() || std::any_of((*a)->scores.begin(), (*a)->scores.end(), [&](const store::ScoreRecord& sc) {
                         return std::find(codes.begin(), codes.end(), sc.item_code) != codes.end();
                       });
    if (!built) continue;
    auto accepted = core::calendar::ParseDate((*a)->accepted_on);
    auto found = core::calendar::ParseDate(FormatShanghai(now, 10));
    if (!accepted || !found) continue;
    auto heating = HeatingSeason(s, p.region_code);
    if (!heating) return std::move(heating).error();
    const auto until = ca::WarrantyUntil(ca::WarrantyKindOf(*item), *accepted, *heating);
    DefectRouting r;
    r.warranty_until = core::calendar::FormatDate(until);
    const auto route = ca::DecideDefectRoute(until, *found);
    r.reason = std::string(ca::DefectRouteCode(route));
    if (route == ca::DefectRoute::kBuilder) {
      // The unit that built it: the project's construction unit (the quality register's
      // construction row), as a responsible unit when one is registered under that company.
      auto company = Repo::ConstructionCompany(s, p.project_id);
      if (!company) return std::move(company).error();
      r.department = company->value_or(p.project_name + " 施工单位");
      if (*company) {
        auto unit = Repo::UnitOfCompany(s, **company, p.region_code);
        if (!unit) return std::move(unit).error();
        r.responsible_unit_id = *unit;
      }
    } else {
      std::string property;
      for (const auto& part : (*a)->participants)
        if (part.role == ca::ParticipantCode(ca::ParticipantRole::kPropertyCompany)) property = part.name;
      r.department = (property.empty() ? DefaultProperty() : property) + "（保修期满：物业服务企业、专项维修资金）";
    }
    return std::optional<DefectRouting>(std::move(r));
  }
  DefectRouting none;
  none.reason = "not_accepted";
  return std::optional<DefectRouting>(std::move(none));
}

}  // namespace huanxin::service
