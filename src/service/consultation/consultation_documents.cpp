#include "service/consultation/consultation_documents.hpp"

#include <map>

#include "core/register/codes.hpp"
#include "report/ballot_pdf.hpp"

namespace huanxin::service {

namespace {

std::string KindLabel(const std::string& kind) {
  if (kind == "willingness") return "改造意愿征询";
  if (kind == "menu") return "改造内容点单";
  if (kind == "plan_approval") return "改造方案表决";
  if (kind == "formal_decision") return "业主共同决定事项表决";
  if (kind == "management") return "长效管理方式选择";
  if (kind == "material_choice") return "材料选样";
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

std::string StatusLabel(const std::string& status) {
  return status == "unreached" ? "未接触" : status == "against" ? "不同意" : "未决定";
}

std::string OutcomeLabel(const std::string& outcome) {
  if (outcome == "absent") return "不在家";
  if (outcome == "refused") return "拒绝";
  if (outcome == "agreed") return "同意";
  return "再考虑";
}

Error NothingToPrint(Text what) {
  return MakeError(ErrorCode::kUnprocessable, "consultation.nothing_to_print", std::move(what));
}

}  // namespace

Result<Document> ConsultationDocuments::BallotsPdf(const Actor& actor, std::int64_t id,
                                                   std::optional<std::int64_t> building_id,
                                                   const std::string& public_base) {
  auto view = consult_.Get(actor, id);
  if (!view) return std::move(view).error();
  auto sheets = consult_.BallotSheets(actor, id, building_id);
  if (!sheets) return std::move(sheets).error();
  if (sheets->empty()) return NothingToPrint(Text("没有可打印的选票", "no ballots to print"));
  std::vector<report::BallotPage> pages;
  std::string law_note;
  bool art278 = false;
  for (const auto& i : view->items) art278 = art278 || std::holds_alternative<core::consult::Art278Rule>(i.rule);
  if (art278)
    law_note = view->c.law_version == "property-law-2007" ? "依据《物权法》第七十六条表决" : "依据《民法典》第二百七十八条表决";
  for (const auto& sh : *sheets) {
    report::BallotPage p;
    p.estate_name = view->estate_name;
    p.consultation_title = view->c.title;
    p.kind_label = KindLabel(view->c.kind);
    p.law_note = law_note;
    p.dwelling_label = DwellingLabel(sh.dwelling);
    p.owner_label = Joined(sh.owner_names, " ");
    p.code = ConsultationService::FormatCode(sh.code);
    p.qr_text = ConsultationService::ResidentBallotUrl(public_base, sh.code);
    if (view->c.closes_at) p.closes_at_label = FormatShanghai(ParseIso(*view->c.closes_at).value_or(TimePoint{}), 10) + " 截止";
    int n = 0;
    for (const auto& i : view->items) {
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
  auto pdf = report::RenderBallotsPdf(pages, "回执码可在居民端“查验回执”中核对计票情况；本表决票一户一票，涂改无效。");
  if (!pdf) return std::move(pdf).error();
  return Document{std::move(*pdf), kPdfType, "ballots-" + std::to_string(id) + ".pdf"};
}

Result<Document> ConsultationDocuments::FollowupsPdf(const Actor& actor, std::int64_t id, const FollowupQuery& q) {
  auto view = consult_.Get(actor, id);
  if (!view) return std::move(view).error();
  auto rows = consult_.Followups(actor, id, q);
  if (!rows) return std::move(rows).error();
  std::string item_title = "本轮全部事项";
  for (const auto& i : view->items)
    if (q.item_id && i.item.id == *q.item_id) item_title = i.item.title;
  // One sheet per assignee (unassigned last), so each visitor takes their own pages.
  std::map<std::string, report::VisitSheet> sheets;
  const auto printed = FormatShanghai(clock_.Now(), 10);
  for (const auto& r : *rows) {
    std::string who = r.assignee ? r.assignee->username : "~未分配";
    auto& sheet = sheets[who];
    if (sheet.rows.empty())
      sheet = {view->estate_name, view->c.title, item_title, r.assignee ? r.assignee->username : "未分配", printed, {}};
    std::string last;
    if (r.last_visit)
      last = FormatShanghai(ParseIso(r.last_visit->visited_at).value_or(TimePoint{}), 10) + " " +
             OutcomeLabel(r.last_visit->outcome) + (r.last_visit->note.empty() ? "" : "：" + r.last_visit->note);
    sheet.rows.push_back({DwellingLabel(r.dwelling), Joined(r.owner_names, " "), StatusLabel(r.status), last});
  }
  std::vector<report::VisitSheet> list;
  for (auto& [_, sheet] : sheets) list.push_back(std::move(sheet));
  if (list.empty()) return NothingToPrint(Text("没有需要走访的房屋", "no dwellings need a visit"));
  auto pdf = report::RenderVisitSheetsPdf(list);
  if (!pdf) return std::move(pdf).error();
  return Document{std::move(*pdf), kPdfType, "visits-" + std::to_string(id) + ".pdf"};
}

}  // namespace huanxin::service
