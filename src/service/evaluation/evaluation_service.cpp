#include "service/evaluation/evaluation_service.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <set>
#include <utility>

#include "common/text.hpp"
#include "core/calendar/work_calendar.hpp"
#include "core/evaluation/ranking.hpp"
#include "service/audit/audit_service.hpp"
#include "service/platform/field_check.hpp"

namespace huanxin::service {

namespace {

namespace json = boost::json;
namespace ce = core::evaluation;
namespace perm = core::auth::perm;
using Repo = store::EvaluationRepository;

constexpr std::size_t kNameMax = 100, kTextMax = 500, kItemsMax = 50;
constexpr ce::Score kFullMarks = 10000;  // 100 points: the scorecard's total (issue #15)

Result<void> CheckText(const std::string& field, const std::string& v, std::size_t min, std::size_t max) {
  if (auto problem = TextProblem(v, min, max)) return EvaluationField(field, std::move(*problem));
  return Ok();
}

bool GoodCode(const std::string& c) {
  if (c.empty() || c.size() > 30) return false;
  return std::all_of(c.begin(), c.end(), [](char ch) { return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_'; });
}

Error BadQuery(const std::string& name, Text why) {
  return MakeError(ErrorCode::kBadRequest, "http.bad_query",
                   Text("查询参数 " + name + " 无效：" + why.zh, "query parameter " + name + " is invalid: " + why.en), Text::Same(name),
                   Text("例如 period=2026-11、2026-Q4 或 2026", "for example period=2026-11, 2026-Q4 or 2026"));
}

std::vector<ce::GradeBand> BandsOf(const std::vector<store::ScorecardBandRecord>& rows) {
  std::vector<ce::GradeBand> out;
  for (const auto& b : rows) out.push_back({b.code, b.name_zh, b.name_en, b.min_points, b.min_inclusive});
  return out;
}

// The band named `code` (the grade an evaluation earned), or the lowest when the scheme changed.
ce::GradeBand Named(const std::vector<ce::GradeBand>& bands, const std::string& code) {
  for (const auto& b : bands)
    if (b.code == code) return b;
  return bands.back();
}

json::object EvaluationAudit(const store::EvaluationRecord& e) {
  json::object scores;
  for (const auto& s : e.scores) scores[s.item_code] = s.points;
  return json::object{{"estateId", e.estate_id}, {"scorecardId", e.scorecard_id}, {"on", e.evaluated_on},
                      {"total", e.total},       {"grade", e.grade},              {"scores", std::move(scores)}};
}

}  // namespace

Error EvaluationField(const std::string& field, Text why) {
  return Invalid("evaluation.invalid_field", Text("字段 " + field + " 无效：" + why.zh, "field " + field + " is invalid: " + why.en),
                 Text::Same(field), Text("请按提示修改后重试", "correct the field and try again"));
}

EvaluationService::EvaluationService(store::Database& db, const Clock& clock, CalendarService& calendar,
                                     SupervisionService& supervision, EvaluationSettings settings)
    : db_(db), clock_(clock), calendar_(calendar), supervision_(supervision), settings_(settings) {}

std::string EvaluationService::Today() const { return FormatShanghai(clock_.Now(), 10); }

std::vector<ce::GradeBand> EvaluationService::DefaultBands() const { return ce::JiangxiBands(settings_.boundary); }

std::vector<ce::GradeBand> EvaluationService::BandsFor(const store::ScorecardRecord& c) const {
  return c.bands.empty() ? DefaultBands() : BandsOf(c.bands);
}

ScorecardView EvaluationService::View(store::ScorecardRecord c) const {
  ScorecardView v;
  v.default_bands = c.bands.empty();
  v.bands = BandsFor(c);
  v.card = std::move(c);
  return v;
}

Result<std::vector<ScorecardView>> EvaluationService::Scorecards(const Actor& actor) {
  if (auto r = RequirePermission(actor, perm::kEvaluationRead); !r) return std::move(r).error();
  auto list = store::ReadResult(db_, [](store::Session& s) { return Repo::Scorecards(s); });
  if (!list) return std::move(list).error();
  std::vector<ScorecardView> out;
  for (auto& c : *list) out.push_back(View(std::move(c)));
  return out;
}

Result<ScorecardView> EvaluationService::Scorecard(const Actor& actor, std::int64_t id) {
  if (auto r = RequirePermission(actor, perm::kEvaluationRead); !r) return std::move(r).error();
  auto c = store::ReadResult(db_, [&](store::Session& s) { return Repo::FindScorecard(s, id); });
  if (!c) return std::move(c).error();
  if (!*c) return NotFound("evaluation.scorecard_not_found", Text("评比细则不存在", "no such scorecard"));
  return View(std::move(**c));
}

Result<store::ScorecardRecord> EvaluationService::CheckScorecard(const ScorecardInput& in) const {
  if (auto r = CheckText("name", in.name, 1, kNameMax); !r) return std::move(r).error();
  if (in.subject_level != "estate") return EvaluationField("subjectLevel", Text("应为 estate", "must be estate"));
  if (in.period_kind != "monthly" && in.period_kind != "quarterly")
    return EvaluationField("periodKind", Text("应为 monthly 或 quarterly", "must be monthly or quarterly"));
  if (in.items.empty() || in.items.size() > kItemsMax)
    return EvaluationField("items", Text("应有 1–50 个条目", "must hold 1–50 items"));
  std::set<std::string> codes;
  ce::Score sum = 0;
  for (std::size_t i = 0; i < in.items.size(); ++i) {
    const auto& it = in.items[i];
    const auto at = "items[" + std::to_string(i) + "]";
    if (!GoodCode(it.code)) return EvaluationField(at + ".code", Text("应为 1–30 个小写字母、数字或下划线", "must be 1–30 of a-z, 0-9, _"));
    if (!codes.insert(it.code).second) return EvaluationField(at + ".code", Text("编码重复：" + it.code, "duplicate code " + it.code));
    if (auto r = CheckText(at + ".nameZh", it.name_zh, 1, kNameMax); !r) return std::move(r).error();
    if (auto r = CheckText(at + ".nameEn", it.name_en, 1, kNameMax); !r) return std::move(r).error();
    if (auto r = CheckText(at + ".group", it.group, 0, kNameMax); !r) return std::move(r).error();
    if (it.max_points <= 0 || it.max_points > kFullMarks)
      return EvaluationField(at + ".maxPoints", Text("应大于 0 且不超过 100 分", "must be above 0 and at most 100 points"));
    sum += it.max_points;
  }
  // Issue #15: a scorecard's items add up to 100 points (the grade bands are on a 100-point scale).
  if (sum != kFullMarks)
    return EvaluationField("items", Text("各条目分值合计应为 100 分，现为 " + ce::FormatScore(sum),
                                         "the items must add up to 100 points, not " + ce::FormatScore(sum)));
  if (!in.bands.empty())
    if (auto r = ce::ValidateBands(in.bands); !r) return std::move(r).error();
  store::ScorecardRecord c;
  c.name = in.name;
  c.subject_level = in.subject_level;
  c.period_kind = in.period_kind;
  c.max_points = sum;
  c.items = in.items;
  for (const auto& b : in.bands) c.bands.push_back({b.code, b.zh, b.en, b.min, b.min_inclusive});
  return c;
}

Result<ScorecardView> EvaluationService::CreateScorecard(const Actor& actor, const ScorecardInput& in) {
  if (auto r = RequirePermission(actor, perm::kEvaluationScorecardWrite); !r) return std::move(r).error();
  auto c = CheckScorecard(in);
  if (!c) return std::move(c).error();
  c->created_by = actor.user_id ? std::optional<std::int64_t>(actor.user_id) : std::nullopt;
  c->created_at = c->updated_at = FormatIsoUtc(clock_.Now());
  auto id = store::WriteResult(db_, [&](store::Session& s) -> Result<std::int64_t> {
    auto inserted = Repo::InsertScorecard(s, *c);
    if (!inserted) return std::move(inserted).error();
    Changes ch;
    ch.Set("name", nullptr, json::string(c->name)).Set("items", nullptr, static_cast<std::int64_t>(c->items.size()));
    if (auto r = RecordAudit(s, clock_, actor, "evaluation.scorecard", "scorecard", std::to_string(*inserted), "", ch); !r)
      return std::move(r).error();
    return *inserted;
  });
  if (!id) return std::move(id).error();
  return Scorecard(actor, *id);
}

Result<ScorecardView> EvaluationService::UpdateScorecard(const Actor& actor, std::int64_t id, const ScorecardInput& in) {
  if (auto r = RequirePermission(actor, perm::kEvaluationScorecardWrite); !r) return std::move(r).error();
  auto c = CheckScorecard(in);
  if (!c) return std::move(c).error();
  c->id = id;
  c->updated_at = FormatIsoUtc(clock_.Now());
  auto w = db_.Write([&](store::Session& s) -> Result<void> {
    auto old = Repo::FindScorecard(s, id);
    if (!old) return std::move(old).error();
    if (!*old) return NotFound("evaluation.scorecard_not_found", Text("评比细则不存在", "no such scorecard"));
    // Evaluations keep the items they were scored by: a scorecard in use is not edited.
    if ((*old)->evaluations > 0)
      return MakeError(ErrorCode::kConflict, "evaluation.scorecard_in_use",
                       Text("评比细则已有 " + std::to_string((*old)->evaluations) + " 次检查评比使用，不能修改",
                            "the scorecard is used by " + std::to_string((*old)->evaluations) + " evaluations"),
                       Text::Same(std::to_string(id)), Text("另建一份新的评比细则", "create a new scorecard instead"));
    auto done = Repo::UpdateScorecard(s, *c);
    if (!done) return std::move(done).error();
    Changes ch;
    ch.Set("name", json::string((*old)->name), json::string(c->name));
    return RecordAudit(s, clock_, actor, "evaluation.scorecard", "scorecard", std::to_string(id), "", ch);
  });
  if (!w) return std::move(w).error();
  return Scorecard(actor, id);
}

Result<EvaluationView> EvaluationService::Evaluate(const Actor& actor, const EvaluationInput& in) {
  if (auto r = RequirePermission(actor, perm::kEvaluationWrite); !r) return std::move(r).error();
  const auto today = Today();
  auto day = core::calendar::ParseDate(in.on);
  if (!day || core::calendar::FormatDate(*day) != in.on) return EvaluationField("on", Text("应为日期 YYYY-MM-DD", "must be a date YYYY-MM-DD"));
  if (in.on > today) return EvaluationField("on", Text("不能晚于今天（" + today + "）", "must not be after today (" + today + ")"));
  if (auto r = CheckText("note", in.note, 0, kTextMax); !r) return std::move(r).error();
  std::shared_ptr<const core::calendar::WorkCalendar> calendar;
  if (!in.rectifications.empty()) {
    auto cal = calendar_.Current();
    if (!cal) return std::move(cal).error();
    calendar = *cal;
  }
  auto id = store::WriteResult(db_, [&](store::Session& s) -> Result<std::int64_t> {
    auto estate = Repo::FindEstate(s, in.estate_id);
    if (!estate) return std::move(estate).error();
    if (!*estate) return NotFound("evaluation.estate_not_found", Text("小区 " + std::to_string(in.estate_id) + " 不存在", "no estate " + std::to_string(in.estate_id)));
    const auto region = (*estate)->first;
    if (auto r = RequireInScope(actor, region); !r) return std::move(r).error();
    auto card = Repo::FindScorecard(s, in.scorecard_id);
    if (!card) return std::move(card).error();
    if (!*card) return NotFound("evaluation.scorecard_not_found", Text("评比细则 " + std::to_string(in.scorecard_id) + " 不存在", "no scorecard " + std::to_string(in.scorecard_id)));
    const auto& items = (*card)->items;
    const auto item = [&](const std::string& code) -> const store::ScorecardItemRecord* {
      for (const auto& i : items)
        if (i.code == code) return &i;
      return nullptr;
    };
    std::map<std::string, std::string> given;
    for (const auto& [code, text] : in.scores) {
      if (!item(code))
        return MakeError(ErrorCode::kUnprocessable, "evaluation.unknown_item",
                         Text("评比细则没有条目 " + code, "the scorecard has no item " + code), Text::Same("scores." + code),
                         Text("按评比细则的条目编码打分", "score the scorecard's item codes"));
      given[code] = text;
    }
    store::EvaluationRecord e;
    for (const auto& i : items) {
      auto g = given.find(i.code);
      if (g == given.end())
        return MakeError(ErrorCode::kUnprocessable, "evaluation.missing_score",
                         Text("条目 " + i.code + "（" + i.name_zh + "）未打分", "item " + i.code + " (" + i.name_en + ") has no score"),
                         Text::Same("scores." + i.code), Text("每个条目都须打分", "score every item"));
      auto points = ce::ParseScore(g->second, i.max_points, "scores." + i.code);
      if (!points) return std::move(points).error();
      std::string finding;
      if (auto f = in.findings.find(i.code); f != in.findings.end()) finding = f->second;
      if (auto r = CheckText("findings." + i.code, finding, 0, kTextMax); !r) return std::move(r).error();
      e.scores.push_back({i.code, *points, finding});
      e.total += *points;
    }
    for (const auto& [code, text] : in.findings)
      if (!item(code))
        return MakeError(ErrorCode::kUnprocessable, "evaluation.unknown_item", Text("评比细则没有条目 " + code, "the scorecard has no item " + code),
                         Text::Same("findings." + code));
    const auto bands = BandsFor(**card);
    e.estate_id = in.estate_id;
    e.scorecard_id = in.scorecard_id;
    e.region_code = region;
    e.evaluated_on = in.on;
    e.grade = ce::GradeOf(bands, e.total).code;
    e.note = in.note;
    e.created_by = actor.user_id;
    e.created_at = FormatIsoUtc(clock_.Now());
    auto inserted = Repo::InsertEvaluation(s, e);
    if (!inserted) return std::move(inserted).error();
    std::vector<std::int64_t> orders;
    for (std::size_t n = 0; n < in.rectifications.size(); ++n) {
      const auto& line = in.rectifications[n];
      const auto at = "rectifications[" + std::to_string(n) + "]";
      const store::ScorecardItemRecord* it = nullptr;
      if (line.item_code && !(it = item(*line.item_code)))
        return EvaluationField(at + ".itemCode", Text("评比细则没有条目 " + *line.item_code, "the scorecard has no item " + *line.item_code));
      if (auto r = CheckText(at + ".description", line.description, 1, kTextMax); !r) return std::move(r).error();
      auto project = line.project_id ? Result<std::optional<std::int64_t>>(line.project_id) : Repo::LatestProjectOfEstate(s, in.estate_id);
      if (!project) return std::move(project).error();
      if (!*project)
        return MakeError(ErrorCode::kUnprocessable, "evaluation.no_project",
                         Text("小区没有改造项目，无法下发整改单", "the estate has no project to issue a rectification order under"),
                         Text::Same(at), Text("整改单挂在小区的改造项目下；先建项目", "orders belong to the estate's project; create it first"));
      OrderInput o;
      o.project_id = **project;
      o.unit_id = line.unit_id;
      o.due_in_working_days = line.due_in_working_days;
      // The order reads on its own: which evaluation and which item found it.
      o.finding = "【检查评比】" + (it ? it->name_zh + "：" : std::string()) + line.description;
      o.issued_on = in.on;
      auto order = supervision_.IssueIn(s, actor, o, *calendar, perm::kEvaluationWrite, "evaluation " + std::to_string(*inserted));
      if (!order) {
        auto err = std::move(order).error();
        if (err.reason == "supervision.invalid_field") err.detail = Text::Same(at + "." + err.detail.en);
        return err;
      }
      if (auto r = Repo::LinkRectification(s, *inserted, *order, line.item_code, region); !r) return std::move(r).error();
      orders.push_back(*order);
    }
    Changes ch;
    auto audit = EvaluationAudit(e);
    json::array ids;
    for (auto o : orders) ids.push_back(o);
    audit["rectificationIds"] = std::move(ids);
    ch.Set("evaluation", nullptr, std::move(audit));
    if (auto r = RecordAudit(s, clock_, actor, "evaluation.create", "evaluation", std::to_string(*inserted), region, ch); !r)
      return std::move(r).error();
    return *inserted;
  });
  if (!id) return std::move(id).error();
  return Evaluation(actor, *id);
}

Result<EvaluationView> EvaluationService::Evaluation(const Actor& actor, std::int64_t id) {
  if (auto r = RequirePermission(actor, perm::kEvaluationRead); !r) return std::move(r).error();
  return store::ReadResult(db_, [&](store::Session& s) -> Result<EvaluationView> {
    auto e = Repo::FindEvaluation(s, id);
    if (!e) return std::move(e).error();
    if (!*e) return NotFound("evaluation.not_found", Text("检查评比记录不存在", "no such evaluation"));
    if (auto r = RequireInScope(actor, (*e)->region_code); !r) return std::move(r).error();
    auto card = Repo::FindScorecard(s, (*e)->scorecard_id);
    if (!card) return std::move(card).error();
    EvaluationView v;
    v.grade = Named(BandsFor(**card), (*e)->grade);
    v.items = (*card)->items;
    v.evaluation = std::move(**e);
    return v;
  });
}

Result<EvaluationPage> EvaluationService::Evaluations(const Actor& actor, const EvaluationQuery& q) {
  if (auto r = RequirePermission(actor, perm::kEvaluationRead); !r) return std::move(r).error();
  auto region = ScopedRegionFilter(actor, q.region_code);
  if (!region) return std::move(region).error();
  store::EvaluationFilter f;
  f.prefix = region->value_or(actor.scope.prefix());
  f.estate_id = q.estate_id;
  f.scorecard_id = q.scorecard_id;
  if (q.period) {
    auto p = ce::ParsePeriod(*q.period);
    if (!p) return BadQuery("period", Text("应为 YYYY-MM、YYYY-Qn 或 YYYY", "must be YYYY-MM, YYYY-Qn or YYYY"));
    f.from = p->first;
    f.to = p->last;
  }
  return store::ReadResult(db_, [&](store::Session& s) -> Result<EvaluationPage> {
    auto list = Repo::Evaluations(s, f, q.limit, q.offset);
    if (!list) return std::move(list).error();
    auto total = Repo::CountEvaluations(s, f);
    if (!total) return std::move(total).error();
    std::map<std::int64_t, std::vector<ce::GradeBand>> bands;
    EvaluationPage page;
    page.total = *total;
    for (auto& e : *list) {
      if (!bands.count(e.scorecard_id)) {
        auto card = Repo::FindScorecard(s, e.scorecard_id);
        if (!card) return std::move(card).error();
        bands[e.scorecard_id] = BandsFor(**card);
      }
      EvaluationView v;
      v.grade = Named(bands[e.scorecard_id], e.grade);
      v.evaluation = std::move(e);
      page.items.push_back(std::move(v));
    }
    return page;
  });
}

Result<Rankings> EvaluationService::Rank(const Actor& actor, const std::string& level, const std::optional<std::string>& region_code,
                                         const std::string& period) {
  if (auto r = RequirePermission(actor, perm::kEvaluationRead); !r) return std::move(r).error();
  if (level != "estate" && level != "street") return BadQuery("level", Text("应为 estate 或 street", "must be estate or street"));
  auto p = ce::ParsePeriod(period);
  if (!p) return BadQuery("period", Text("应为 YYYY-MM、YYYY-Qn 或 YYYY", "must be YYYY-MM, YYYY-Qn or YYYY"));
  auto region = ScopedRegionFilter(actor, region_code);
  if (!region) return std::move(region).error();
  store::EvaluationFilter f;
  f.prefix = region->value_or(actor.scope.prefix());
  f.from = p->first;
  f.to = p->last;
  const auto bands = DefaultBands();
  return store::ReadResult(db_, [&](store::Session& s) -> Result<Rankings> {
    auto source = Repo::RankingSource(s, f);
    if (!source) return std::move(source).error();
    // An estate's total over the period: the mean of its evaluations in it, half up (docs/evaluation.md).
    struct Group {
      std::string name;
      std::vector<ce::Score> totals;
      std::int64_t evaluations = 0, estates = 0;
    };
    std::map<std::string, Group> estates;
    for (const auto& row : *source) {
      auto& g = estates[std::to_string(row.estate_id)];
      g.name = row.estate_name;
      g.totals.push_back(row.total);
      ++g.evaluations;
      g.estates = 1;
    }
    std::map<std::string, Group> groups;
    if (level == "estate") {
      groups = std::move(estates);
      for (auto& [id, g] : groups) g.totals = {ce::MeanHalfUp(g.totals)};
    } else {
      // A street's total: the mean of its estates' totals, half up; its code is the estate's
      // community code cut to the street's 9 digits (GB/T 10114 statistical codes).
      std::map<std::int64_t, std::string> street_of;
      for (const auto& row : *source) street_of[row.estate_id] = row.region_code.substr(0, 9);
      for (auto& [id, g] : estates) {
        auto& street = groups[street_of[std::stoll(id)]];
        street.totals.push_back(ce::MeanHalfUp(g.totals));
        street.evaluations += g.evaluations;
        ++street.estates;
      }
      for (auto& [code, g] : groups) {
        auto name = Repo::RegionName(s, code);
        if (!name) return std::move(name).error();
        g.name = name->value_or(code);
      }
    }
    Rankings out;
    out.level = level;
    out.period = p->text;
    out.region_code = f.prefix;
    for (auto& [id, g] : groups) {
      RankingRow r;
      r.id = id;
      r.name = g.name;
      r.total = level == "estate" ? g.totals.front() : ce::MeanHalfUp(g.totals);
      r.grade = ce::GradeOf(bands, r.total);
      r.evaluations = g.evaluations;
      r.estates = g.estates;
      out.rows.push_back(std::move(r));
    }
    // Best first; equal totals by id (estate ids and street codes are digits: shorter is smaller).
    std::stable_sort(out.rows.begin(), out.rows.end(), [](const RankingRow& a, const RankingRow& b) {
      if (a.total != b.total) return a.total > b.total;
      return a.id.size() != b.id.size() ? a.id.size() < b.id.size() : a.id < b.id;
    });
    std::vector<ce::Score> totals;
    for (const auto& r : out.rows) totals.push_back(r.total);
    const auto ranks = ce::CompetitionRanks(totals);
    for (std::size_t i = 0; i < out.rows.size(); ++i) out.rows[i].rank = ranks[i];
    for (const auto& r : out.rows) {
      // 表扬: the top grade, or the first N ranks when evaluation.commendation_top is set; 通报批评:
      // the lowest grade (poor) (docs/evaluation.md).
      const bool commended = settings_.commendation_top > 0 ? r.rank <= settings_.commendation_top : r.grade.code == bands.front().code;
      if (commended) out.commendations.push_back(r);
      if (r.grade.code == bands.back().code) out.criticisms.push_back(r);
    }
    return out;
  });
}

}  // namespace huanxin::service
