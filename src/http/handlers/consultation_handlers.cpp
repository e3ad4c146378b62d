#include "http/handlers/consultation_handlers.hpp"

#include <boost/json.hpp>

#include "common/clock.hpp"
#include "core/consultation/rules.hpp"
#include "core/register/codes.hpp"
#include "http/handlers/handler_util.hpp"
#include "http/json/consultation_json.hpp"
#include "http/json/json_input.hpp"
#include "http/json/platform_json.hpp"
#include "http/multipart.hpp"
#include "report/ballot_pdf.hpp"
#include "service/checkup/checkup_service.hpp"
#include "service/consultation/consultation_service.hpp"

namespace huanxin::http::handlers {

namespace json = boost::json;
using service::ConsultationService;

namespace {

constexpr const char* kPdf = "application/pdf";

Result<ConsultationService*> Consult(Services& s) {
  if (!s.consult)
    return MakeError(ErrorCode::kUnavailable, "http.unavailable", Text("协商服务未启用", "consultations are not enabled"));
  return s.consult;
}

// The address printed in the QR codes: the configured public URL, else this request's host.
std::string PublicBase(const Services& s, const Request& req) {
  if (!s.public_url.empty()) return s.public_url;
  const auto* host = req.Header("host");
  return std::string(s.secure_cookie ? "https://" : "http://") + (host ? *host : "127.0.0.1");
}

std::string KindLabel(const std::string& kind) {
  if (kind == "willingness") return "改造意愿征询";
  if (kind == "menu") return "改造内容点单";
  if (kind == "plan_approval") return "改造方案表决";
  if (kind == "formal_decision") return "业主共同决定事项表决";
  if (kind == "management") return "长效管理方式选择";
  return kind;
}

std::string DwellingLabel(const store::VoterDwelling& d) {
  return core::reg::BuildingLabel(d.building_number) + " " + std::to_string(d.stairwell) + "单元 " + d.room + "室";
}

std::string Joined(const std::vector<std::string>& v, const char* sep) {
  std::string out;
  for (const auto& x : v) out += (out.empty() ? "" : sep) + x;
  return out;
}

}  // namespace

Response RenovationCatalog(Services& s, Request& req) {
  HX_TRY(c, Consult(s));
  HX_TRY(items, c->Catalog(req.actor()));
  json::array out;
  for (const auto& i : items)
    out.push_back({{"code", i.code},
                   {"category", i.category},
                   {"categoryName", req.english ? i.category_en : i.category_zh},
                   {"name", req.english ? i.name_en : i.name_zh}});
  return Json(200, json::object{{"items", std::move(out)}});
}

Response ListConsultations(Services& s, Request& req) {
  HX_TRY(c, Consult(s));
  HX_TRY(paging, ParsePaging(req));
  HX_TRY(estate, QueryInt64(req, "estateId"));
  HX_TRY(result, c->List(req.actor(), estate, QueryString(req, "state"), paging.page, paging.page_size));
  json::array items;
  for (const auto& v : result.first) items.push_back(ConsultationJson(v));
  return Json(200, PageJson(std::move(items), result.second, paging.page, paging.page_size));
}

Response CreateConsultation(Services& s, Request& req) {
  HX_TRY(c, Consult(s));
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseConsultationInput(body));
  HX_TRY(v, c->Create(req.actor(), in));
  return Json(201, ConsultationJson(v));
}

Response GetConsultation(Services& s, Request& req) {
  HX_TRY(c, Consult(s));
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(v, c->Get(req.actor(), id));
  return Json(200, ConsultationJson(v));
}

Response OpenConsultation(Services& s, Request& req) {
  HX_TRY(c, Consult(s));
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(v, c->Open(req.actor(), id));
  return Json(200, ConsultationJson(v));
}

Response CloseConsultation(Services& s, Request& req) {
  HX_TRY(c, Consult(s));
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(v, c->Close(req.actor(), id));
  return Json(200, ConsultationJson(v));
}

Response AddConsultationRound(Services& s, Request& req) {
  HX_TRY(c, Consult(s));
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(body, ParseJsonObject(req.body));
  const auto* items = body.if_contains("itemIds");
  if (!items) return ErrorResponse(InvalidField("itemIds", Text("必填", "required")), req.english);
  HX_TRY(item_ids, ParseIdArray(*items, "itemIds"));
  std::optional<std::vector<std::int64_t>> dwellings;
  if (const auto* d = body.if_contains("dwellingIds"); d && !d->is_null()) {
    HX_TRY(ids, ParseIdArray(*d, "dwellingIds"));
    dwellings = ids;
  }
  HX_TRY(v, c->AddRound(req.actor(), id, item_ids, dwellings));
  return Json(201, ConsultationJson(v));
}

Response CastBallot(Services& s, Request& req) {
  HX_TRY(c, Consult(s));
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(dwelling, PathId(req, "dwellingId"));
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseBallotInput(body, false));
  HX_TRY(r, c->CastBallot(req.actor(), id, dwelling, in));
  return Json(200, ReceiptJson(r));
}

Response ListBallots(Services& s, Request& req) {
  HX_TRY(c, Consult(s));
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(dwelling, QueryInt64(req, "dwellingId"));
  HX_TRY(list, c->Ballots(req.actor(), id, dwelling));
  json::array items;
  for (const auto& b : list)
    items.push_back({{"dwellingId", b.dwelling_id},
                     {"itemId", b.item_id},
                     {"choice", b.choice},
                     {"round", b.round},
                     {"channel", b.channel},
                     {"castAt", b.cast_at},
                     {"receipt", ConsultationService::FormatCode(b.receipt)}});
  return Json(200, json::object{{"items", std::move(items)}});
}

Response ListBallotCodes(Services& s, Request& req) {
  HX_TRY(c, Consult(s));
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(building, QueryInt64(req, "buildingId"));
  HX_TRY(sheets, c->BallotSheets(req.actor(), id, building));
  json::array items;
  for (const auto& sh : sheets)
    items.push_back({{"dwellingId", sh.dwelling.id},
                     {"buildingNumber", sh.dwelling.building_number},
                     {"stairwell", sh.dwelling.stairwell},
                     {"floor", sh.dwelling.floor},
                     {"room", sh.dwelling.room},
                     {"code", ConsultationService::FormatCode(sh.code)},
                     {"url", PublicBase(s, req) + "/h5/#/ballot/" + sh.code}});
  return Json(200, json::object{{"items", std::move(items)}});
}

Response BallotsPdf(Services& s, Request& req) {
  HX_TRY(c, Consult(s));
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(building, QueryInt64(req, "buildingId"));
  HX_TRY(view, c->Get(req.actor(), id));
  HX_TRY(sheets, c->BallotSheets(req.actor(), id, building));
  if (sheets.empty())
    return ErrorResponse(MakeError(ErrorCode::kUnprocessable, "consultation.nothing_to_print", Text("没有可打印的选票", "no ballots to print")),
                         req.english);
  auto base = PublicBase(s, req);
  std::vector<report::BallotPage> pages;
  std::string law_note;
  bool art278 = false;
  for (const auto& i : view.items) art278 = art278 || std::holds_alternative<core::consult::Art278Rule>(i.rule);
  if (art278)
    law_note = view.c.law_version == "property-law-2007" ? "依据《物权法》第七十六条表决" : "依据《民法典》第二百七十八条表决";
  for (const auto& sh : sheets) {
    report::BallotPage p;
    p.estate_name = view.estate_name;
    p.consultation_title = view.c.title;
    p.kind_label = KindLabel(view.c.kind);
    p.law_note = law_note;
    p.dwelling_label = DwellingLabel(sh.dwelling);
    p.owner_label = Joined(sh.owner_names, " ");
    p.code = ConsultationService::FormatCode(sh.code);
    p.qr_text = base + "/h5/#/ballot/" + sh.code;
    if (view.c.closes_at) p.closes_at_label = view.c.closes_at->substr(0, 10) + " 截止";
    int n = 0;
    for (const auto& i : view.items) {
      bool in_unit = i.item.scope_type == "estate" ||
                     (i.item.building_id && *i.item.building_id == sh.dwelling.building_id &&
                      (i.item.scope_type == "building" || (i.item.stairwell && *i.item.stairwell == sh.dwelling.stairwell)));
      if (!in_unit) continue;
      std::string scope;
      if (i.item.scope_type == "building") scope = "（" + core::reg::BuildingLabel(i.building_number.value_or("")) + "）";
      if (i.item.scope_type == "stairwell")
        scope = "（" + core::reg::BuildingLabel(i.building_number.value_or("")) + std::to_string(*i.item.stairwell) + "单元）";
      p.items.push_back({std::to_string(++n), i.item.title + scope});
    }
    pages.push_back(std::move(p));
  }
  HX_TRY(pdf, report::RenderBallotsPdf(pages, "回执码可在居民端“查验回执”中核对计票情况；本表决票一户一票，涂改无效。"));
  return Download(std::move(pdf), kPdf, "ballots-" + std::to_string(id) + ".pdf");
}

Response PaperLookup(Services& s, Request& req) {
  HX_TRY(c, Consult(s));
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(v, c->PaperLookup(req.actor(), id, req.params.at("code")));
  return Json(200, CodeViewJson(v));
}

Response ConsultationTally(Services& s, Request& req) {
  HX_TRY(c, Consult(s));
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(round, QueryInt64(req, "round"));
  std::optional<int> r;
  if (round) r = static_cast<int>(std::clamp<std::int64_t>(*round, -1, 1000000));
  HX_TRY(t, c->Tally(req.actor(), id, r));
  return Json(200, TallyJson(t, req.english));
}

namespace {
Result<service::FollowupQuery> FollowupQueryOf(const Request& req) {
  service::FollowupQuery q;
  auto item = QueryInt64(req, "itemId");
  if (!item) return std::move(item).error();
  q.item_id = *item;
  auto assignee = QueryInt64(req, "assignee");
  if (!assignee) return std::move(assignee).error();
  q.assignee = *assignee;
  q.status = QueryString(req, "status");
  return q;
}

std::string StatusLabel(const std::string& status) {
  return status == "unreached" ? "未接触" : status == "against" ? "不同意" : "未决定";
}

std::string OutcomeLabel(const std::string& outcome) {
  if (outcome == "absent") return "不在家";
  if (outcome == "refused") return "拒绝";
  if (outcome == "agreed") return "同意";
  return "再考虑";
}
}  // namespace

Response ListFollowups(Services& s, Request& req) {
  HX_TRY(c, Consult(s));
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(q, FollowupQueryOf(req));
  HX_TRY(rows, c->Followups(req.actor(), id, q));
  json::array items;
  for (const auto& r : rows) items.push_back(FollowupJson(r));
  return Json(200, json::object{{"items", std::move(items)}, {"total", static_cast<std::int64_t>(rows.size())}});
}

Response FollowupsPdf(Services& s, Request& req) {
  HX_TRY(c, Consult(s));
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(q, FollowupQueryOf(req));
  HX_TRY(view, c->Get(req.actor(), id));
  HX_TRY(rows, c->Followups(req.actor(), id, q));
  std::string item_title = "本轮全部事项";
  for (const auto& i : view.items)
    if (q.item_id && i.item.id == *q.item_id) item_title = i.item.title;
  // One sheet per assignee (unassigned last), so each visitor takes their own pages.
  std::map<std::string, report::VisitSheet> sheets;
  auto printed = FormatIsoUtc(SystemClock().Now()).substr(0, 10);
  for (const auto& r : rows) {
    std::string who = r.assignee ? r.assignee->username : "~未分配";
    auto& sheet = sheets[who];
    if (sheet.rows.empty()) {
      sheet = {view.estate_name, view.c.title, item_title, r.assignee ? r.assignee->username : "未分配", printed, {}};
    }
    std::string last;
    if (r.last_visit) last = r.last_visit->visited_at.substr(0, 10) + " " + OutcomeLabel(r.last_visit->outcome) + (r.last_visit->note.empty() ? "" : "：" + r.last_visit->note);
    sheet.rows.push_back({DwellingLabel(r.dwelling), Joined(r.owner_names, " "), StatusLabel(r.status), last});
  }
  std::vector<report::VisitSheet> list;
  for (auto& [_, sheet] : sheets) list.push_back(std::move(sheet));
  if (list.empty())
    return ErrorResponse(MakeError(ErrorCode::kUnprocessable, "consultation.nothing_to_print",
                                   Text("没有需要走访的房屋", "no dwellings need a visit")),
                         req.english);
  HX_TRY(pdf, report::RenderVisitSheetsPdf(list));
  return Download(std::move(pdf), kPdf, "visits-" + std::to_string(id) + ".pdf");
}

Response AssignFollowups(Services& s, Request& req) {
  HX_TRY(c, Consult(s));
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(body, ParseJsonObject(req.body));
  const auto* d = body.if_contains("dwellingIds");
  if (!d) return ErrorResponse(InvalidField("dwellingIds", Text("必填", "required")), req.english);
  HX_TRY(dwellings, ParseIdArray(*d, "dwellingIds"));
  const auto* u = body.if_contains("userId");
  if (!u || !u->is_int64()) return ErrorResponse(InvalidField("userId", Text("必填，应为整数", "required integer")), req.english);
  HX_TRY(n, c->Assign(req.actor(), id, dwellings, u->as_int64()));
  return Json(200, json::object{{"assigned", n}});
}

Response RecordFollowupVisit(Services& s, Request& req) {
  HX_TRY(c, Consult(s));
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(body, ParseJsonObject(req.body));
  const auto* d = body.if_contains("dwellingId");
  if (!d || !d->is_int64()) return ErrorResponse(InvalidField("dwellingId", Text("必填，应为整数", "required integer")), req.english);
  std::optional<std::int64_t> item;
  if (const auto* i = body.if_contains("itemId"); i && !i->is_null()) {
    if (!i->is_int64()) return ErrorResponse(InvalidField("itemId", Text("应为整数", "must be an integer")), req.english);
    item = i->as_int64();
  }
  HX_TRY(outcome, RequiredString(body, "outcome"));
  HX_TRY(note, OptionalString(body, "note"));
  HX_TRY(v, c->RecordVisit(req.actor(), id, d->as_int64(), item, outcome, note.value_or("")));
  return Json(201, VisitJson(v));
}

Response LiftShare(Services& s, Request& req) {
  HX_TRY(c, Consult(s));
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseLiftShareRequest(body));
  HX_TRY(v, c->LiftShare(req.actor(), in));
  return Json(200, LiftShareJson(v));
}

Response ResidentBallot(Services& s, Request& req) {
  HX_TRY(c, Consult(s));
  HX_TRY(v, c->LookupCode(req.params.at("code")));
  return Json(200, CodeViewJson(v));
}

Response ResidentCastBallot(Services& s, Request& req) {
  HX_TRY(c, Consult(s));
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseBallotInput(body, true));
  HX_TRY(r, c->CastByCode(req.params.at("code"), in, req.request_id));
  return Json(200, ReceiptJson(r));
}

Response PublicReceipt(Services& s, Request& req) {
  HX_TRY(c, Consult(s));
  HX_TRY(r, c->CheckReceipt(req.params.at("code")));
  return Json(200, PublicReceiptJson(r));
}

Response UploadEvidence(Services& s, Request& req) {
  HX_TRY(c, Consult(s));
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(file, UploadedFile(req));
  HX_TRY(f, c->StoreEvidence(req.actor(), id, file.filename, file.data));
  return Json(201, json::object{{"id", f.id},
                                {"name", f.name},
                                {"contentType", f.content_type},
                                {"size", f.size_bytes},
                                {"sha256", f.sha256},
                                {"createdAt", f.created_at}});
}

Response DownloadFile(Services& s, Request& req) {
  HX_TRY(c, Consult(s));
  HX_TRY(id, PathId(req, "id"));
  // Evidence of ballots and check-up photos share the file store: either reading permission will do
  // (the file's region is checked against the scope either way).
  bool checkup_reader = s.checkups && core::auth::HasPermission(req.actor().role, core::auth::perm::kCheckupRead) &&
                        !core::auth::HasPermission(req.actor().role, core::auth::perm::kConsultationRead);
  HX_TRY(f, checkup_reader ? s.checkups->ReadFile(req.actor(), id) : c->ReadFile(req.actor(), id));
  // Photos and PDFs open in the browser (the type was checked from the bytes on upload).
  auto r = Download(std::move(f.second), f.first.content_type, f.first.name);
  for (auto& [name, value] : r.headers)
    if (name == "Content-Disposition" && value.starts_with("attachment")) value.replace(0, 10, "inline");
  return r;
}

}  // namespace huanxin::http::handlers
