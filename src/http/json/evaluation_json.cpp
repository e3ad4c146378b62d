#include "http/json/evaluation_json.hpp"

#include <boost/json/array.hpp>
#include <charconv>

#include "common/text.hpp"
#include "http/message.hpp"

namespace huanxin::http {

namespace {

namespace json = boost::json;

json::object GradeJson(const core::evaluation::GradeBand& b) {
  return json::object{{"code", b.code}, {"nameZh", b.zh}, {"nameEn", b.en}};
}

json::object BandJson(const core::evaluation::GradeBand& b) {
  return json::object{{"code", b.code}, {"nameZh", b.zh}, {"nameEn", b.en}, {"min", DecimalJson(b.min)}, {"minInclusive", b.min_inclusive}};
}

json::object RowJson(const service::RankingRow& r) {
  return json::object{{"rank", r.rank},         {"id", r.id},        {"name", r.name},
                      {"total", DecimalJson(r.total)}, {"grade", GradeJson(r.grade)}, {"evaluations", r.evaluations},
                      {"estates", r.estates}};
}

json::array RowsJson(const std::vector<service::RankingRow>& rows) {
  json::array a;
  for (const auto& r : rows) a.push_back(RowJson(r));
  return a;
}

// A score as the client wrote it: a JSON number or a numeric string, as text for ParseScore (which
// refuses more than two decimals naming the item).
Result<std::string> ScoreText(const json::value& v, const std::string& field) {
  if (v.is_int64()) return std::to_string(v.as_int64());
  if (v.is_uint64()) return std::to_string(v.as_uint64());
  if (v.is_double()) {
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v.as_double(), std::chars_format::fixed);
    if (ec != std::errc()) return InvalidField(field, Text("数值无效", "not a valid number"));
    return std::string(buf, end);
  }
  if (v.is_string()) return std::string(Trim(v.as_string()));
  return InvalidField(field, Text("应为分数（数字，最多两位小数）", "must be a score (a number, at most 2 decimals)"));
}

Result<std::int64_t> RequiredInt(const json::object& o, const char* field) {
  auto v = OptionalInt64(o, field);
  if (!v) return std::move(v).error();
  if (!*v) return InvalidField(field, Text("必填", "is required"));
  return **v;
}

Result<const json::array*> OptionalArray(const json::object& o, const char* field) {
  auto it = o.find(field);
  if (it == o.end() || it->value().is_null()) return static_cast<const json::array*>(nullptr);
  if (!it->value().is_array()) return InvalidField(field, Text("应为数组", "must be an array"));
  return &it->value().as_array();
}

Result<std::int64_t> Points(const json::object& o, const std::string& field, const char* name) {
  auto v = ReadTwoDecimals(o, name, Text("分", "points"));
  if (!v) {
    auto e = std::move(v).error();
    return InvalidField(field, e.message);
  }
  if (!*v) return InvalidField(field, Text("必填", "is required"));
  return **v;
}

}  // namespace

json::object ScorecardJson(const service::ScorecardView& v) {
  const auto& c = v.card;
  json::array items, bands;
  for (const auto& i : c.items)
    items.push_back(json::object{{"code", i.code},
                                 {"nameZh", i.name_zh},
                                 {"nameEn", i.name_en},
                                 {"maxPoints", DecimalJson(i.max_points)},
                                 {"group", i.group.empty() ? json::value(nullptr) : json::value(json::string(i.group))}});
  for (const auto& b : v.bands) bands.push_back(BandJson(b));
  return json::object{{"id", c.id},
                      {"name", c.name},
                      {"subjectLevel", c.subject_level},
                      {"periodKind", c.period_kind},
                      {"maxPoints", DecimalJson(c.max_points)},
                      {"items", std::move(items)},
                      {"bands", std::move(bands)},
                      {"defaultBands", v.default_bands},
                      {"evaluations", c.evaluations},
                      {"inUse", c.evaluations > 0},
                      {"createdAt", c.created_at},
                      {"updatedAt", c.updated_at}};
}

json::object ScorecardsJson(const std::vector<service::ScorecardView>& list) {
  json::array items;
  for (const auto& v : list) items.push_back(ScorecardJson(v));
  return json::object{{"items", std::move(items)}};
}

json::object EvaluationJson(const service::EvaluationView& v) {
  const auto& e = v.evaluation;
  json::object o{{"id", e.id},
                 {"estateId", e.estate_id},
                 {"estateName", e.estate_name},
                 {"scorecardId", e.scorecard_id},
                 {"scorecardName", e.scorecard_name},
                 {"regionCode", e.region_code},
                 {"on", e.evaluated_on},
                 {"total", DecimalJson(e.total)},
                 {"grade", v.grade.code},
                 {"gradeName", GradeJson(v.grade)},
                 {"note", e.note},
                 {"createdBy", e.created_by},
                 {"createdAt", e.created_at}};
  if (!e.scores.empty()) {
    json::array scores;
    for (const auto& s : e.scores) {
      json::object row{{"itemCode", s.item_code}, {"points", DecimalJson(s.points)}, {"finding", s.finding}};
      for (const auto& i : v.items)
        if (i.code == s.item_code) {
          row["nameZh"] = i.name_zh;
          row["nameEn"] = i.name_en;
          row["maxPoints"] = DecimalJson(i.max_points);
        }
      scores.push_back(std::move(row));
    }
    o["scores"] = std::move(scores);
    json::array ids;
    for (auto id : e.rectification_ids) ids.push_back(id);
    o["rectificationIds"] = std::move(ids);
  }
  return o;
}

json::object EvaluationsJson(const service::EvaluationPage& page, std::int64_t page_number, std::int64_t page_size) {
  json::array items;
  for (const auto& v : page.items) items.push_back(EvaluationJson(v));
  return json::object{{"items", std::move(items)}, {"total", page.total}, {"page", page_number}, {"pageSize", page_size}};
}

json::object RankingsJson(const service::Rankings& r) {
  return json::object{{"level", r.level},
                      {"period", r.period},
                      {"regionCode", r.region_code},
                      {"items", RowsJson(r.rows)},
                      {"commendations", RowsJson(r.commendations)},
                      {"criticisms", RowsJson(r.criticisms)}};
}

Result<service::ScorecardInput> ParseScorecardInput(const json::object& o) {
  service::ScorecardInput in;
  HX_TRY_ASSIGN(in.name, RequiredString(o, "name"));
  HX_TRY_ASSIGN(in.period_kind, RequiredString(o, "periodKind"));
  auto level = OptionalString(o, "subjectLevel");
  if (!level) return std::move(level).error();
  if (*level) in.subject_level = **level;
  auto items = OptionalArray(o, "items");
  if (!items) return std::move(items).error();
  if (!*items) return InvalidField("items", Text("必填", "is required"));
  for (std::size_t n = 0; n < (*items)->size(); ++n) {
    const auto at = "items[" + std::to_string(n) + "]";
    const auto& v = (**items)[n];
    if (!v.is_object()) return InvalidField(at, Text("应为对象", "must be an object"));
    const auto& io = v.as_object();
    store::ScorecardItemRecord i;
    auto code = RequiredString(io, "code");
    if (!code) return InvalidField(at + ".code", Text("必填", "is required"));
    i.code = *code;
    auto zh = RequiredString(io, "nameZh");
    if (!zh) return InvalidField(at + ".nameZh", Text("必填", "is required"));
    i.name_zh = *zh;
    auto en = OptionalString(io, "nameEn");
    if (!en) return InvalidField(at + ".nameEn", Text("应为字符串", "must be a string"));
    i.name_en = en->value_or(i.name_zh);
    HX_TRY_ASSIGN(i.max_points, Points(io, at + ".maxPoints", "maxPoints"));
    auto group = OptionalString(io, "group");
    if (!group) return InvalidField(at + ".group", Text("应为字符串", "must be a string"));
    i.group = group->value_or("");
    in.items.push_back(std::move(i));
  }
  auto bands = OptionalArray(o, "bands");
  if (!bands) return std::move(bands).error();
  if (*bands)
    for (std::size_t n = 0; n < (*bands)->size(); ++n) {
      const auto at = "bands[" + std::to_string(n) + "]";
      const auto& v = (**bands)[n];
      if (!v.is_object()) return InvalidField(at, Text("应为对象", "must be an object"));
      const auto& bo = v.as_object();
      core::evaluation::GradeBand b;
      auto code = RequiredString(bo, "code");
      if (!code) return InvalidField(at + ".code", Text("必填", "is required"));
      b.code = *code;
      auto zh = OptionalString(bo, "nameZh");
      auto en = OptionalString(bo, "nameEn");
      if (!zh || !en) return InvalidField(at, Text("名称应为字符串", "names must be strings"));
      b.zh = zh->value_or(b.code);
      b.en = en->value_or(b.code);
      auto min = ReadTwoDecimals(bo, "min", Text("分", "points"));
      if (!min) return InvalidField(at + ".min", Text("应为分数，最多两位小数", "must be points with at most 2 decimals"));
      b.min = min->value_or(0);
      auto inclusive = OptionalBool(bo, "minInclusive");
      if (!inclusive) return InvalidField(at + ".minInclusive", Text("应为 true 或 false", "must be true or false"));
      b.min_inclusive = inclusive->value_or(true);
      in.bands.push_back(std::move(b));
    }
  return in;
}

Result<service::EvaluationInput> ParseEvaluationInput(const json::object& o) {
  service::EvaluationInput in;
  HX_TRY_ASSIGN(in.estate_id, RequiredInt(o, "estateId"));
  HX_TRY_ASSIGN(in.scorecard_id, RequiredInt(o, "scorecardId"));
  HX_TRY_ASSIGN(in.on, RequiredString(o, "on"));
  auto note = OptionalString(o, "note");
  if (!note) return std::move(note).error();
  in.note = note->value_or("");
  auto scores = o.find("scores");
  if (scores == o.end() || !scores->value().is_object())
    return InvalidField("scores", Text("应为对象：条目编码 → 分数", "must be an object: item code → score"));
  for (const auto& [code, v] : scores->value().as_object()) {
    auto text = ScoreText(v, "scores." + std::string(code));
    if (!text) return std::move(text).error();
    in.scores.emplace_back(std::string(code), std::move(*text));
  }
  if (auto f = o.find("findings"); f != o.end() && !f->value().is_null()) {
    if (!f->value().is_object()) return InvalidField("findings", Text("应为对象：条目编码 → 问题", "must be an object: item code → finding"));
    for (const auto& [code, v] : f->value().as_object()) {
      if (!v.is_string()) return InvalidField("findings." + std::string(code), Text("应为字符串", "must be a string"));
      in.findings[std::string(code)] = std::string(v.as_string());
    }
  }
  auto lines = OptionalArray(o, "rectifications");
  if (!lines) return std::move(lines).error();
  if (*lines)
    for (std::size_t n = 0; n < (*lines)->size(); ++n) {
      const auto at = "rectifications[" + std::to_string(n) + "]";
      const auto& v = (**lines)[n];
      if (!v.is_object()) return InvalidField(at, Text("应为对象", "must be an object"));
      const auto& lo = v.as_object();
      service::RectificationLineInput line;
      auto item = OptionalString(lo, "itemCode");
      if (!item) return InvalidField(at + ".itemCode", Text("应为字符串", "must be a string"));
      line.item_code = *item;
      auto desc = RequiredString(lo, "description");
      if (!desc) return InvalidField(at + ".description", Text("必填", "is required"));
      line.description = *desc;
      auto days = OptionalInt64(lo, "dueInWorkingDays");
      if (!days || !*days) return InvalidField(at + ".dueInWorkingDays", Text("应为 1–60 的整数", "must be an integer 1–60"));
      line.due_in_working_days = **days;
      auto unit = OptionalInt64(lo, "unitId");
      if (!unit || !*unit) return InvalidField(at + ".unitId", Text("必填：责任单位", "is required: the responsible unit"));
      line.unit_id = **unit;
      auto project = OptionalInt64(lo, "projectId");
      if (!project) return InvalidField(at + ".projectId", Text("应为整数", "must be an integer"));
      line.project_id = *project;
      in.rectifications.push_back(std::move(line));
    }
  return in;
}

}  // namespace huanxin::http
