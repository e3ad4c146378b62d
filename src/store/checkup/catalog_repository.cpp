#include "store/checkup/catalog_repository.hpp"

#include "common/text.hpp"

namespace huanxin::store {

namespace {

constexpr const char* kCatalogColumns = "id, year, name, state, based_on, created_at, published_at";

CheckupCatalogRecord CatalogFromRow(const Row& r) {
  CheckupCatalogRecord c;
  c.id = r.GetInt(0);
  c.year = static_cast<int>(r.GetInt(1));
  c.name = r.GetText(2);
  c.state = r.GetText(3);
  c.based_on = r.GetOptInt(4);
  c.created_at = r.GetText(5);
  c.published_at = r.GetOptText(6);
  return c;
}

// Suggested items are kept as one comma-separated column ("B13,I06").
std::vector<std::string> SplitCodes(const std::string& text) {
  std::vector<std::string> out;
  for (auto part : Split(text, ','))
    if (!Trim(part).empty()) out.emplace_back(Trim(part));
  return out;
}

std::string JoinCodes(const std::vector<std::string>& codes) {
  std::string out;
  for (const auto& c : codes) out += (out.empty() ? "" : ",") + c;
  return out;
}

}  // namespace

Result<std::int64_t> CheckupCatalogRepository::Insert(Session& s, const CheckupCatalogRecord& c) {
  return InsertReturningId(
      s,
      "INSERT INTO checkup_catalog (year, name, state, based_on, created_at, published_at) VALUES (?, ?, ?, ?, ?, ?) "
      "RETURNING id",
      {Int(c.year), Str(c.name), Str(c.state), c.based_on ? Int(*c.based_on) : Null(), Str(c.created_at),
       OptStr(c.published_at)});
}

Result<std::optional<CheckupCatalogRecord>> CheckupCatalogRepository::Find(Session& s, std::int64_t id) {
  auto rows = s.Query(std::string("SELECT ") + kCatalogColumns + " FROM checkup_catalog WHERE id = ?", {Int(id)});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return std::optional<CheckupCatalogRecord>{};
  return std::optional<CheckupCatalogRecord>(CatalogFromRow(rows->front()));
}

Result<std::vector<CheckupCatalogRecord>> CheckupCatalogRepository::List(Session& s) {
  auto rows = s.Query(std::string("SELECT ") + kCatalogColumns + " FROM checkup_catalog ORDER BY id DESC");
  if (!rows) return std::move(rows).error();
  std::vector<CheckupCatalogRecord> out;
  for (const auto& r : *rows) out.push_back(CatalogFromRow(r));
  return out;
}

Result<std::optional<std::int64_t>> CheckupCatalogRepository::LatestPublished(Session& s) {
  auto rows =
      s.Query("SELECT id FROM checkup_catalog WHERE state = 'published' ORDER BY published_at DESC, id DESC LIMIT 1");
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return std::optional<std::int64_t>{};
  return std::optional<std::int64_t>(rows->front().GetInt(0));
}

Result<std::int64_t> CheckupCatalogRepository::CountDrafts(Session& s) {
  return QueryInt(s, "SELECT COUNT(*) FROM checkup_catalog WHERE state = 'draft'");
}

Result<bool> CheckupCatalogRepository::Publish(Session& s, std::int64_t id, const std::string& at) {
  auto n = s.Exec("UPDATE checkup_catalog SET state = 'published', published_at = ? WHERE id = ? AND state = 'draft'",
                  {Str(at), Int(id)});
  if (!n) return std::move(n).error();
  return *n > 0;
}

Result<void> CheckupCatalogRepository::CopyContents(Session& s, std::int64_t from, std::int64_t to) {
  for (auto sql :
       {"INSERT INTO checkup_indicator (catalog_id, code, name_zh, name_en, level, sub_dimension, problem_unit, "
        "sums_values, position, local) SELECT ?, code, name_zh, name_en, level, sub_dimension, problem_unit, "
        "sums_values, position, local FROM checkup_indicator WHERE catalog_id = ?",
        "INSERT INTO checkup_criterion (catalog_id, indicator_code, code, name_zh, name_en, unit, rule, "
        "suggested_items, position) SELECT ?, indicator_code, code, name_zh, name_en, unit, rule, "
        "suggested_items, position FROM checkup_criterion WHERE catalog_id = ?"})
    if (auto r = s.Exec(sql, {Int(to), Int(from)}); !r) return std::move(r).error();
  return Ok();
}

Result<void> CheckupCatalogRepository::InsertIndicator(Session& s, const CheckupIndicatorRecord& i) {
  auto r = s.Exec(
      "INSERT INTO checkup_indicator (catalog_id, code, name_zh, name_en, level, sub_dimension, problem_unit, "
      "sums_values, position, local) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {Int(i.catalog_id), Str(i.code), Str(i.name_zh), Str(i.name_en),
       Str(std::string(core::checkup::LevelCode(i.level))), Str(i.sub_dimension), Str(i.problem_unit),
       Bool(i.sums_values), Int(i.position), Bool(i.local)});
  if (!r) return std::move(r).error();
  return Ok();
}

Result<void> CheckupCatalogRepository::InsertCriterion(Session& s, const CheckupCriterionRecord& c) {
  auto r = s.Exec(
      "INSERT INTO checkup_criterion (catalog_id, indicator_code, code, name_zh, name_en, unit, rule, suggested_items, "
      "position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {Int(c.catalog_id), Str(c.indicator_code), Str(c.code), Str(c.name_zh), Str(c.name_en), Str(c.unit),
       Str(c.rule_json), Str(JoinCodes(c.suggested_items)), Int(c.position)});
  if (!r) return std::move(r).error();
  return Ok();
}

Result<std::vector<CheckupIndicatorRecord>> CheckupCatalogRepository::Indicators(Session& s, std::int64_t catalog_id) {
  auto rows = s.Query(
      "SELECT catalog_id, code, name_zh, name_en, level, sub_dimension, problem_unit, sums_values, position, local "
      "FROM checkup_indicator WHERE catalog_id = ? ORDER BY position, code",
      {Int(catalog_id)});
  if (!rows) return std::move(rows).error();
  std::vector<CheckupIndicatorRecord> out;
  for (const auto& r : *rows) {
    CheckupIndicatorRecord i;
    i.catalog_id = r.GetInt(0);
    i.code = r.GetText(1);
    i.name_zh = r.GetText(2);
    i.name_en = r.GetText(3);
    i.level = core::checkup::ParseLevel(r.GetText(4)).value_or(core::checkup::Level::kBuilding);
    i.sub_dimension = r.GetText(5);
    i.problem_unit = r.GetText(6);
    i.sums_values = r.GetInt(7) != 0;
    i.position = static_cast<int>(r.GetInt(8));
    i.local = r.GetInt(9) != 0;
    out.push_back(std::move(i));
  }
  return out;
}

Result<std::vector<CheckupCriterionRecord>> CheckupCatalogRepository::Criteria(Session& s, std::int64_t catalog_id) {
  auto rows = s.Query(
      "SELECT catalog_id, indicator_code, code, name_zh, name_en, unit, rule, suggested_items, position "
      "FROM checkup_criterion WHERE catalog_id = ? ORDER BY indicator_code, position, code",
      {Int(catalog_id)});
  if (!rows) return std::move(rows).error();
  std::vector<CheckupCriterionRecord> out;
  for (const auto& r : *rows) {
    CheckupCriterionRecord c;
    c.catalog_id = r.GetInt(0);
    c.indicator_code = r.GetText(1);
    c.code = r.GetText(2);
    c.name_zh = r.GetText(3);
    c.name_en = r.GetText(4);
    c.unit = r.GetText(5);
    c.rule_json = r.GetText(6);
    c.suggested_items = SplitCodes(r.GetText(7));
    c.position = static_cast<int>(r.GetInt(8));
    out.push_back(std::move(c));
  }
  return out;
}

Result<int> CheckupCatalogRepository::NextIndicatorPosition(Session& s, std::int64_t catalog_id) {
  auto n = QueryInt(s, "SELECT COALESCE(MAX(position), 0) + 1 FROM checkup_indicator WHERE catalog_id = ?",
                    {Int(catalog_id)});
  if (!n) return std::move(n).error();
  return static_cast<int>(*n);
}

}  // namespace huanxin::store
