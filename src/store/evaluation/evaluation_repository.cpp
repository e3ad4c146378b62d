#include "store/evaluation/evaluation_repository.hpp"

#include <utility>

namespace huanxin::store {

namespace {

using Repo = EvaluationRepository;

constexpr const char* kScorecardSelect =
    "SELECT c.id, c.name, c.subject_level, c.period_kind, c.max_points, c.created_by, c.created_at, c.updated_at, "
    "(SELECT COUNT(*) FROM evaluation e WHERE e.scorecard_id = c.id) FROM scorecard c";

ScorecardRecord ReadScorecard(const Row& r) {
  ScorecardRecord c;
  c.id = r.GetInt(0);
  c.name = r.GetText(1);
  c.subject_level = r.GetText(2);
  c.period_kind = r.GetText(3);
  c.max_points = r.GetInt(4);
  c.created_by = r.GetOptInt(5);
  c.created_at = r.GetText(6);
  c.updated_at = r.GetText(7);
  c.evaluations = r.GetInt(8);
  return c;
}

Result<void> LoadParts(Session& s, ScorecardRecord& c) {
  auto items = MapRows<ScorecardItemRecord>(
      s.Query("SELECT code, name_zh, name_en, max_points, group_name FROM scorecard_item WHERE scorecard_id = ? ORDER BY position",
              {Int(c.id)}),
      [](const Row& r) { return ScorecardItemRecord{r.GetText(0), r.GetText(1), r.GetText(2), r.GetInt(3), r.GetText(4)}; });
  if (!items) return std::move(items).error();
  c.items = std::move(*items);
  auto bands = MapRows<ScorecardBandRecord>(
      s.Query("SELECT code, name_zh, name_en, min_points, min_inclusive FROM scorecard_band WHERE scorecard_id = ? ORDER BY position",
              {Int(c.id)}),
      [](const Row& r) { return ScorecardBandRecord{r.GetText(0), r.GetText(1), r.GetText(2), r.GetInt(3), r.GetInt(4) != 0}; });
  if (!bands) return std::move(bands).error();
  c.bands = std::move(*bands);
  return Ok();
}

Result<void> InsertParts(Session& s, const ScorecardRecord& c, std::int64_t id) {
  int position = 0;
  for (const auto& i : c.items)
    if (auto r = Done(s.Exec("INSERT INTO scorecard_item (scorecard_id, code, name_zh, name_en, max_points, group_name, position) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?)",
                             {Int(id), Str(i.code), Str(i.name_zh), Str(i.name_en), Int(i.max_points), Str(i.group), Int(++position)}));
        !r)
      return r;
  position = 0;
  for (const auto& b : c.bands)
    if (auto r = Done(s.Exec("INSERT INTO scorecard_band (scorecard_id, position, code, name_zh, name_en, min_points, min_inclusive) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?)",
                             {Int(id), Int(++position), Str(b.code), Str(b.name_zh), Str(b.name_en), Int(b.min_points),
                              Bool(b.min_inclusive)}));
        !r)
      return r;
  return Ok();
}

constexpr const char* kEvaluationSelect =
    "SELECT e.id, e.estate_id, e.scorecard_id, e.region_code, e.evaluated_on, e.total, e.grade, e.note, e.created_by, "
    "e.created_at, es.name, c.name FROM evaluation e JOIN estate es ON es.id = e.estate_id JOIN scorecard c ON c.id = e.scorecard_id";

EvaluationRecord ReadEvaluation(const Row& r) {
  EvaluationRecord e;
  e.id = r.GetInt(0);
  e.estate_id = r.GetInt(1);
  e.scorecard_id = r.GetInt(2);
  e.region_code = r.GetText(3);
  e.evaluated_on = r.GetText(4);
  e.total = r.GetInt(5);
  e.grade = r.GetText(6);
  e.note = r.GetText(7);
  e.created_by = r.GetInt(8);
  e.created_at = r.GetText(9);
  e.estate_name = r.GetText(10);
  e.scorecard_name = r.GetText(11);
  return e;
}

std::string Where(const EvaluationFilter& f, Params& p) {
  std::string where = " WHERE 1 = 1";
  AddPrefixFilter(where, p, "e.region_code", f.prefix);
  if (f.estate_id) {
    where += " AND e.estate_id = ?";
    p.push_back(Int(*f.estate_id));
  }
  if (f.scorecard_id) {
    where += " AND e.scorecard_id = ?";
    p.push_back(Int(*f.scorecard_id));
  }
  if (f.from) {
    where += " AND e.evaluated_on >= ?";
    p.push_back(Str(*f.from));
  }
  if (f.to) {
    where += " AND e.evaluated_on <= ?";
    p.push_back(Str(*f.to));
  }
  return where;
}

}  // namespace

Result<std::int64_t> Repo::InsertScorecard(Session& s, const ScorecardRecord& c) {
  auto id = InsertReturningId(s,
                              "INSERT INTO scorecard (name, subject_level, period_kind, max_points, created_by, created_at, updated_at) "
                              "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                              {Str(c.name), Str(c.subject_level), Str(c.period_kind), Int(c.max_points), OptInt(c.created_by),
                               Str(c.created_at), Str(c.updated_at)});
  if (!id) return std::move(id).error();
  if (auto r = InsertParts(s, c, *id); !r) return std::move(r).error();
  return *id;
}

Result<bool> Repo::UpdateScorecard(Session& s, const ScorecardRecord& c) {
  auto n = s.Exec("UPDATE scorecard SET name = ?, period_kind = ?, max_points = ?, updated_at = ? WHERE id = ?",
                  {Str(c.name), Str(c.period_kind), Int(c.max_points), Str(c.updated_at), Int(c.id)});
  if (!n) return std::move(n).error();
  if (*n == 0) return false;
  if (auto r = Done(s.Exec("DELETE FROM scorecard_item WHERE scorecard_id = ?", {Int(c.id)})); !r) return std::move(r).error();
  if (auto r = Done(s.Exec("DELETE FROM scorecard_band WHERE scorecard_id = ?", {Int(c.id)})); !r) return std::move(r).error();
  if (auto r = InsertParts(s, c, c.id); !r) return std::move(r).error();
  return true;
}

Result<std::optional<ScorecardRecord>> Repo::FindScorecard(Session& s, std::int64_t id) {
  auto c = FirstRow<ScorecardRecord>(s.Query(std::string(kScorecardSelect) + " WHERE c.id = ?", {Int(id)}), ReadScorecard);
  if (!c) return std::move(c).error();
  if (*c)
    if (auto r = LoadParts(s, **c); !r) return std::move(r).error();
  return c;
}

Result<std::vector<ScorecardRecord>> Repo::Scorecards(Session& s) {
  auto list = MapRows<ScorecardRecord>(s.Query(std::string(kScorecardSelect) + " ORDER BY c.id"), ReadScorecard);
  if (!list) return std::move(list).error();
  for (auto& c : *list)
    if (auto r = LoadParts(s, c); !r) return std::move(r).error();
  return list;
}

Result<std::int64_t> Repo::InsertEvaluation(Session& s, const EvaluationRecord& e) {
  auto id = InsertReturningId(s,
                              "INSERT INTO evaluation (estate_id, scorecard_id, region_code, evaluated_on, total, grade, note, "
                              "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                              {Int(e.estate_id), Int(e.scorecard_id), Str(e.region_code), Str(e.evaluated_on), Int(e.total),
                               Str(e.grade), Str(e.note), Int(e.created_by), Str(e.created_at)});
  if (!id) return std::move(id).error();
  for (const auto& sc : e.scores)
    if (auto r = Done(s.Exec("INSERT INTO evaluation_score (evaluation_id, item_code, points, finding, region_code) VALUES (?, ?, ?, ?, ?)",
                             {Int(*id), Str(sc.item_code), Int(sc.points), Str(sc.finding), Str(e.region_code)}));
        !r)
      return std::move(r).error();
  return *id;
}

Result<void> Repo::LinkRectification(Session& s, std::int64_t evaluation_id, std::int64_t order_id,
                                     const std::optional<std::string>& item_code, const std::string& region_code) {
  return Done(s.Exec("INSERT INTO evaluation_rectification (order_id, evaluation_id, item_code, region_code) VALUES (?, ?, ?, ?)",
                     {Int(order_id), Int(evaluation_id), OptStr(item_code), Str(region_code)}));
}

Result<std::optional<EvaluationRecord>> Repo::FindEvaluation(Session& s, std::int64_t id) {
  auto e = FirstRow<EvaluationRecord>(s.Query(std::string(kEvaluationSelect) + " WHERE e.id = ?", {Int(id)}), ReadEvaluation);
  if (!e || !*e) return e;
  auto scores = MapRows<EvaluationScoreRecord>(
      s.Query("SELECT sc.item_code, sc.points, sc.finding FROM evaluation_score sc LEFT JOIN scorecard_item i "
              "ON i.scorecard_id = ? AND i.code = sc.item_code WHERE sc.evaluation_id = ? ORDER BY i.position, sc.item_code",
              {Int((*e)->scorecard_id), Int(id)}),
      [](const Row& r) { return EvaluationScoreRecord{r.GetText(0), r.GetInt(1), r.GetText(2)}; });
  if (!scores) return std::move(scores).error();
  (*e)->scores = std::move(*scores);
  auto orders = MapRows<std::int64_t>(
      s.Query("SELECT order_id FROM evaluation_rectification WHERE evaluation_id = ? ORDER BY order_id", {Int(id)}),
      [](const Row& r) { return r.GetInt(0); });
  if (!orders) return std::move(orders).error();
  (*e)->rectification_ids = std::move(*orders);
  return e;
}

Result<std::vector<EvaluationRecord>> Repo::Evaluations(Session& s, const EvaluationFilter& f, std::int64_t limit,
                                                        std::int64_t offset) {
  Params p;
  auto sql = std::string(kEvaluationSelect) + Where(f, p) + " ORDER BY e.evaluated_on DESC, e.id DESC LIMIT ? OFFSET ?";
  p.push_back(Int(limit));
  p.push_back(Int(offset));
  return MapRows<EvaluationRecord>(s.Query(sql, p), ReadEvaluation);
}

Result<std::int64_t> Repo::CountEvaluations(Session& s, const EvaluationFilter& f) {
  Params p;
  auto sql = "SELECT COUNT(*) FROM evaluation e" + Where(f, p);
  return QueryInt(s, sql, p);
}

Result<std::vector<RankingSourceRow>> Repo::RankingSource(Session& s, const EvaluationFilter& f) {
  Params p;
  auto sql = "SELECT e.estate_id, es.name, es.region_code, e.total FROM evaluation e JOIN estate es ON es.id = e.estate_id" +
             Where(f, p) + " ORDER BY e.estate_id, e.evaluated_on, e.id";
  return MapRows<RankingSourceRow>(s.Query(sql, p), [](const Row& r) {
    return RankingSourceRow{r.GetInt(0), r.GetText(1), r.GetText(2), r.GetInt(3)};
  });
}

Result<std::optional<std::pair<std::string, std::string>>> Repo::FindEstate(Session& s, std::int64_t estate_id) {
  return FirstRow<std::pair<std::string, std::string>>(
      s.Query("SELECT region_code, name FROM estate WHERE id = ?", {Int(estate_id)}),
      [](const Row& r) { return std::pair{r.GetText(0), r.GetText(1)}; });
}

Result<std::optional<std::int64_t>> Repo::LatestProjectOfEstate(Session& s, std::int64_t estate_id) {
  return FirstRow<std::int64_t>(
      s.Query("SELECT project_id FROM project_estate WHERE estate_id = ? ORDER BY project_id DESC LIMIT 1", {Int(estate_id)}),
      [](const Row& r) { return r.GetInt(0); });
}

Result<std::optional<std::string>> Repo::RegionName(Session& s, const std::string& code) {
  return FirstRow<std::string>(s.Query("SELECT name FROM region WHERE code = ?", {Str(code)}),
                               [](const Row& r) { return r.GetText(0); });
}

}  // namespace huanxin::store
