#include "store/region/region_repository.hpp"

#include <string_view>
#include <unordered_map>

namespace huanxin::store {

namespace {
constexpr const char* kSelect =
    "SELECT r.code, r.name, r.level, r.parent_code, "
    "CASE WHEN EXISTS (SELECT 1 FROM region c WHERE c.parent_code = r.code) THEN 1 ELSE 0 END "
    "FROM region r ";

RegionRecord FromRow(const Row& r) {
  return RegionRecord{r.GetText(0), r.GetText(1), r.GetText(2), r.GetText(3), r.GetInt(4) != 0};
}

Result<std::vector<RegionRecord>> Many(Session& s, const std::string& where, const Params& params) {
  auto rows = s.Query(std::string(kSelect) + where, params);
  if (!rows) return std::move(rows).error();
  std::vector<RegionRecord> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) out.push_back(FromRow(r));
  return out;
}
}  // namespace

Result<std::optional<RegionRecord>> RegionRepository::Find(Session& s, const std::string& code) {
  auto rows = Many(s, "WHERE r.code = ?", {Str(code)});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return std::optional<RegionRecord>{};
  return std::optional<RegionRecord>(rows->front());
}

Result<std::vector<RegionRecord>> RegionRepository::Children(Session& s, const std::string& parent_code) {
  return Many(s, "WHERE r.parent_code = ? ORDER BY r.code", {Str(parent_code)});
}

Result<std::vector<RegionRecord>> RegionRepository::FindMany(Session& s, const std::vector<std::string>& codes) {
  if (codes.empty()) return std::vector<RegionRecord>{};
  std::string in = "WHERE r.code IN (";
  Params params;
  for (std::size_t i = 0; i < codes.size(); ++i) {
    in += i ? ", ?" : "?";
    params.push_back(Str(codes[i]));
  }
  in += ") ORDER BY LENGTH(r.code)";
  return Many(s, in, params);
}

Result<std::map<std::string, std::string>> RegionRepository::FindNames(Session& s, const std::vector<std::string>& codes) {
  std::map<std::string, std::string> out;
  if (codes.empty()) return out;
  std::string sql = "SELECT code, name FROM region WHERE code IN (";
  Params params;
  for (std::size_t i = 0; i < codes.size(); ++i) {
    sql += i ? ", ?" : "?";
    params.push_back(Str(codes[i]));
  }
  auto rows = s.Query(sql + ")", params);
  if (!rows) return std::move(rows).error();
  for (const auto& r : *rows) out.emplace(r.GetText(0), r.GetText(1));
  return out;
}

Result<std::int64_t> RegionRepository::Upsert(Session& s, const RegionRecord& r, const std::string& source,
                                              const std::string& now) {
  // ON CONFLICT … DO UPDATE is spelled the same in SQLite (≥ 3.24) and PostgreSQL; the WHERE keeps a
  // re-import of unchanged data from rewriting rows.
  return s.Exec(
      "INSERT INTO region (code, name, level, parent_code, source, created_at) VALUES (?, ?, ?, ?, ?, ?) "
      "ON CONFLICT (code) DO UPDATE SET name = excluded.name WHERE region.name <> excluded.name",
      {Str(r.code), Str(r.name), Str(r.level), Str(r.parent_code), Str(source), Str(now)});
}

Result<std::int64_t> RegionRepository::UpsertMany(Session& s, const std::vector<RegionRecord>& rows, const std::string& source,
                                                  const std::string& now) {
  // One bulk load into a session-local staging table, then one set-based upsert: on PostgreSQL a
  // row-at-a-time upsert costs a network round trip per region (665 k of them for the country).
  if (auto r = s.ExecScript("CREATE TEMP TABLE IF NOT EXISTS region_load (code TEXT, name TEXT, level TEXT, parent_code TEXT)"); !r)
    return std::move(r).error();
  if (auto r = s.Exec("DELETE FROM region_load"); !r) return std::move(r).error();
  // A code repeated in the batch: only its last row is loaded, as if each row were upserted in
  // turn. PostgreSQL refuses a statement that upserts one row twice; SQLite applied both and counted
  // the intermediate rename.
  std::unordered_map<std::string_view, std::size_t> last;
  for (std::size_t i = 0; i < rows.size(); ++i) last[rows[i].code] = i;
  std::string text;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    if (last[r.code] == i) AppendCopyRow(text, {r.code, r.name, r.level, r.parent_code});
  }
  if (auto r = s.CopyIn("region_load", {"code", "name", "level", "parent_code"}, text); !r) return std::move(r).error();
  // "WHERE true" lets SQLite parse ON CONFLICT after a SELECT; the same upsert rule as Upsert().
  auto changed = s.Exec(
      "INSERT INTO region (code, name, level, parent_code, source, created_at) "
      "SELECT code, name, level, parent_code, ?, ? FROM region_load WHERE true "
      "ON CONFLICT (code) DO UPDATE SET name = excluded.name WHERE region.name <> excluded.name",
      {Str(source), Str(now)});
  if (!changed) return std::move(changed).error();
  if (auto r = s.Exec("DELETE FROM region_load"); !r) return std::move(r).error();
  return *changed;
}

Result<std::int64_t> RegionRepository::Count(Session& s) { return QueryInt(s, "SELECT COUNT(*) FROM region"); }

Result<std::vector<std::string>> RegionRepository::CodesAt(Session& s, const std::string& level, const std::string& prefix) {
  std::string where = " WHERE level = ?";
  Params params{Str(level)};
  AddPrefixFilter(where, params, "code", prefix);
  auto rows = s.Query("SELECT code FROM region" + where + " ORDER BY code", params);
  if (!rows) return std::move(rows).error();
  std::vector<std::string> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) out.push_back(r.GetText(0));
  return out;
}

Result<std::optional<std::string>> RegionRepository::MaxChildCode(Session& s, const std::string& parent) {
  auto rows = s.Query("SELECT MAX(code) FROM region WHERE parent_code = ?", {Str(parent)});
  if (!rows) return std::move(rows).error();
  return rows->front().GetOptText(0);
}

}  // namespace huanxin::store
