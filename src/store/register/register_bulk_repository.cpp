#include "store/register/register_bulk_repository.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <tuple>

namespace huanxin::store {

namespace {

Error Internal(std::string what) {
  return MakeError(ErrorCode::kInternal, "store.error", Text("数据库错误", "database error"),
                   Text::Same(std::move(what)));
}

// PostgreSQL: inserts `n` rows of `table (columns)`, each written by `write(i, values)`, with
// RETURNING id, <key columns>, in InsertMany's statement sizes, and returns the ids in input order.
// Neither SQLite nor PostgreSQL promise that RETURNING rows come in VALUES order, so each row is
// matched to its input by its key: in order when it is (the usual case, one comparison per row),
// else through a map of the chunk's keys.
template <typename Key, typename InputKeyFn, typename RowKeyFn>
Result<std::vector<std::int64_t>> InsertReturningIds(Session& s, std::string_view table,
                                                     const std::vector<std::string_view>& columns, std::size_t n,
                                                     const std::function<void(std::size_t, RowValues&)>& write,
                                                     std::string_view returning, InputKeyFn input_key,
                                                     RowKeyFn row_key) {
  auto head = InsertHead(table, columns);
  if (!head) return std::move(head).error();
  const std::size_t per = InsertRowsPerStatement(columns.size());
  std::vector<std::int64_t> ids(n, 0);
  Params params;
  ParamsWriter values(params);
  for (std::size_t start = 0; start < n; start += per) {
    const std::size_t m = std::min(per, n - start);
    params.clear();
    params.reserve(m * columns.size());
    for (std::size_t i = start; i < start + m; ++i) write(i, values);
    auto rows = s.Query(MultiRowInsert(*head, columns.size(), m, returning), params);
    if (!rows) return std::move(rows).error();
    if (rows->size() != m)
      return Internal("multi-row INSERT returned " + std::to_string(rows->size()) + " rows for " + std::to_string(m));
    std::map<Key, std::size_t> by_key;  // built only when the rows come out of order
    for (std::size_t j = 0; j < m; ++j) {
      const auto& row = (*rows)[j];
      Key key = row_key(row);
      std::size_t at = start + j;
      if (!(key == input_key(at))) {
        if (by_key.empty())
          for (std::size_t i = start; i < start + m; ++i) by_key.emplace(input_key(i), i);
        auto it = by_key.find(key);
        if (it == by_key.end()) return Internal("multi-row INSERT returned a row it was not given");
        at = it->second;
      }
      ids[at] = row.GetInt(0);
    }
  }
  return ids;
}

// SQLite: the rows numbered after `table`'s largest id (the caller's write lock keeps it where it was
// read) and written with their ids, no RETURNING to read back.
Result<std::vector<std::int64_t>> InsertNumbered(Session& s, std::string_view table,
                                                 const std::vector<std::string_view>& columns, std::size_t n,
                                                 const std::function<void(std::size_t, RowValues&)>& write) {
  auto max = QueryInt(s, "SELECT COALESCE(MAX(id), 0) FROM " + std::string(table));
  if (!max) return std::move(max).error();
  std::vector<std::string_view> with_id{"id"};
  with_id.insert(with_id.end(), columns.begin(), columns.end());
  auto r = s.InsertMany(table, with_id, n, [&](std::size_t i, RowValues& v) {
    v.AddInt(*max + 1 + static_cast<std::int64_t>(i));
    write(i, v);
  });
  if (!r) return std::move(r).error();
  std::vector<std::int64_t> ids(n);
  for (std::size_t i = 0; i < n; ++i) ids[i] = *max + 1 + static_cast<std::int64_t>(i);
  return ids;
}

// The sqlite_master text of `name` (an index or trigger), or nullopt when the schema has none.
Result<std::optional<std::string>> SchemaSql(Session& s, std::string_view type, std::string_view name) {
  auto rows = s.Query("SELECT sql FROM sqlite_master WHERE type = ? AND name = ?",
                      {Str(std::string(type)), Str(std::string(name))});
  if (!rows) return std::move(rows).error();
  if (rows->empty() || rows->front().IsNull(0)) return std::optional<std::string>{};
  return std::optional<std::string>(rows->front().GetText(0));
}

// Whether a trigger's CREATE text fires on INSERT: "… [BEFORE|AFTER] INSERT ON table …" before its
// body, compared upper-case with runs of white space as one space.
bool FiresOnInsert(const std::string& sql) {
  std::string head;
  bool space = false;
  for (char c : sql) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = true;
      continue;
    }
    if (space && !head.empty()) head += ' ';
    space = false;
    head += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  auto body = head.find(" BEGIN ");
  return head.substr(0, body).find(" INSERT ON ") != std::string::npos;
}

// The row triggers BeginRosterLoad replaces, with what EndRosterLoad does instead (migrations 0005,
// 0019 and 0021).
constexpr const char* kLoadTriggers[] = {"estate_stat_dwelling_ins", "consultation_tally_dwelling_ins",
                                         "consultation_tally_owner_ins", "owner_stat_link_ins"};
// Secondary indexes the load never reads (it finds dwellings by the estate once, before the load,
// owners by ID number through owner's unique index, links by their primary key).
constexpr const char* kLoadIndexes[] = {"dwelling_estate", "dwelling_held", "dwelling_owner_owner",
                                        "dwelling_owner_estate", "dwelling_owner_region"};
// 128 MiB (negative: KiB): the random inserts into owner's ID-number index stay in memory.
constexpr std::int64_t kLoadCacheKib = 131072;

}  // namespace

Result<RegisterMaxIds> RegisterBulkRepository::MaxIds(Session& s) {
  auto rows = s.Query(
      "SELECT (SELECT COALESCE(MAX(id), 0) FROM estate), (SELECT COALESCE(MAX(id), 0) FROM building), "
      "(SELECT COALESCE(MAX(id), 0) FROM dwelling), (SELECT COALESCE(MAX(id), 0) FROM owner)");
  if (!rows) return std::move(rows).error();
  const auto& r = rows->front();
  return RegisterMaxIds{r.GetInt(0), r.GetInt(1), r.GetInt(2), r.GetInt(3)};
}

Result<void> RegisterBulkRepository::AfterLoad(Session& s) {
  for (const char* t : {"estate", "building", "dwelling", "owner"})
    if (auto r = s.ResetIdentity(t); !r) return r;
  return s.Analyze({"estate", "estate_stat", "building", "dwelling", "owner", "dwelling_owner"});
}

Result<std::vector<std::int64_t>> RegisterBulkRepository::InsertOwners(Session& s, const RosterLoadScope& scope,
                                                                       const std::vector<NewOwner>& owners) {
  const std::vector<std::string_view> columns{"id_number", "name", "phone", "created_at", "updated_at"};
  auto write = [&](std::size_t i, RowValues& v) {
    const auto& o = owners[i];
    v.AddText(o.id_number);
    v.AddText(o.name);
    o.phone ? v.AddText(*o.phone) : v.AddNull();
    v.AddText(scope.now);
    v.AddText(scope.now);
  };
  if (s.dialect() == Dialect::kSqlite) return InsertNumbered(s, "owner", columns, owners.size(), write);
  return InsertReturningIds<std::string>(
      s, "owner", columns, owners.size(), write, " RETURNING id, id_number",
      [&](std::size_t i) { return std::string(owners[i].id_number); }, [](const Row& r) { return r.GetText(1); });
}

Result<std::vector<std::int64_t>> RegisterBulkRepository::InsertDwellings(Session& s, const RosterLoadScope& scope,
                                                                          const std::vector<NewDwelling>& dwellings) {
  const std::vector<std::string_view> columns{"building_id", "estate_id",   "region_code",        "stairwell",
                                              "floor",       "room",        "exclusive_area_dm2", "area_source",
                                              "use_type",    "sale_status", "created_at",         "updated_at"};
  auto write = [&](std::size_t i, RowValues& v) {
    const auto& d = dwellings[i];
    v.AddInt(d.building_id);
    v.AddInt(scope.estate_id);
    v.AddText(scope.region_code);
    v.AddInt(d.stairwell);
    v.AddInt(d.floor);
    v.AddText(d.room);
    v.AddInt(d.exclusive_area_dm2);
    v.AddText(d.area_source);
    v.AddText("residential");
    v.AddText(d.sale_status);
    v.AddText(scope.now);
    v.AddText(scope.now);
  };
  if (s.dialect() == Dialect::kSqlite) return InsertNumbered(s, "dwelling", columns, dwellings.size(), write);
  using Key = std::tuple<std::int64_t, std::int64_t, std::string>;  // building, stairwell, room: unique
  return InsertReturningIds<Key>(
      s, "dwelling", columns, dwellings.size(), write, " RETURNING id, building_id, stairwell, room",
      [&](std::size_t i) {
        const auto& d = dwellings[i];
        return Key{d.building_id, d.stairwell, std::string(d.room)};
      },
      [](const Row& r) {
        return Key{r.GetInt(1), r.GetInt(2), r.GetText(3)};
      });
}

Result<void> RegisterBulkRepository::InsertLinks(Session& s, const RosterLoadScope& scope,
                                                 const std::vector<OwnerLinkRecord>& links) {
  return s.InsertMany("dwelling_owner", {"dwelling_id", "owner_id", "estate_id", "region_code"}, links.size(),
                      [&](std::size_t i, RowValues& v) {
                        v.AddInt(links[i].dwelling_id);
                        v.AddInt(links[i].owner_id);
                        v.AddInt(scope.estate_id);
                        v.AddText(scope.region_code);
                      });
}

Result<RosterLoad> RegisterBulkRepository::BeginRosterLoad(Session& s, bool drop_indexes) {
  RosterLoad load;
  if (s.dialect() != Dialect::kSqlite) return load;
  // Every insert trigger of the tables the load writes must be one this code replaces.
  auto triggers = s.Query(
      "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ('dwelling', 'dwelling_owner', "
      "'owner')");
  if (!triggers) return std::move(triggers).error();
  for (const auto& t : *triggers) {
    if (t.IsNull(1) || !FiresOnInsert(t.GetText(1))) continue;
    if (std::none_of(std::begin(kLoadTriggers), std::end(kLoadTriggers),
                     [&](const char* k) { return t.GetText(0) == k; }))
      return load;  // an insert trigger we cannot stand in for: load with every trigger
  }
  auto cache = QueryInt(s, "PRAGMA cache_size");
  if (!cache) return std::move(cache).error();
  load.cache_size = *cache;
  for (const char* name : kLoadTriggers) {
    auto sql = SchemaSql(s, "trigger", name);
    if (!sql) return std::move(sql).error();
    if (!*sql) continue;
    if (auto r = s.ExecScript("DROP TRIGGER " + std::string(name)); !r) return std::move(r).error();
    load.triggers.push_back(std::move(**sql));
  }
  if (drop_indexes)
    for (const char* name : kLoadIndexes) {
      auto sql = SchemaSql(s, "index", name);
      if (!sql) return std::move(sql).error();
      if (!*sql) continue;
      if (auto r = s.ExecScript("DROP INDEX " + std::string(name)); !r) return std::move(r).error();
      load.indexes.push_back(std::move(**sql));
    }
  load.active = true;
  if (auto r = s.Exec("PRAGMA cache_size = -" + std::to_string(kLoadCacheKib)); !r) return std::move(r).error();
  return load;
}

Result<void> RegisterBulkRepository::EndRosterLoad(Session& s, RosterLoad& load, const RosterLoadChange& change) {
  if (!load.active) return Ok();
  for (const auto& sql : load.indexes)
    if (auto r = s.ExecScript(sql); !r) return r;
  // What estate_stat_dwelling_ins did row by row (migration 0005).
  if (change.dwellings_inserted != 0)
    if (auto r = s.Exec("UPDATE estate_stat SET dwellings = dwellings + ?, exclusive_area_dm2 = exclusive_area_dm2 + ? "
                        "WHERE estate_id = ?",
                        {Int(change.dwellings_inserted), Int(change.area_inserted_dm2), Int(change.estate_id)});
        !r)
      return std::move(r).error();
  // What consultation_tally_dwelling_ins and consultation_tally_owner_ins did row by row (0019).
  if (change.register_changed)
    if (auto r = s.Exec("DELETE FROM consultation_tally_state WHERE estate_id = ?", {Int(change.estate_id)}); !r)
      return std::move(r).error();
  // What owner_stat_link_ins did row by row (0021): the owners holding a link, counted once on the
  // rebuilt (owner_id) index of the links. SQLite keeps the count in slot 0 alone.
  if (auto r = s.Exec("UPDATE owner_stat SET linked_owners = CASE WHEN slot = 0 THEN "
                      "(SELECT COUNT(DISTINCT owner_id) FROM dwelling_owner) ELSE 0 END");
      !r)
    return std::move(r).error();
  for (const auto& sql : load.triggers)
    if (auto r = s.ExecScript(sql); !r) return r;
  ResetRosterCache(s, load);
  load.active = false;
  return Ok();
}

void RegisterBulkRepository::ResetRosterCache(Session& s, RosterLoad& load) {
  if (load.cache_size == 0) return;
  (void)s.Exec("PRAGMA cache_size = " + std::to_string(load.cache_size));
  load.cache_size = 0;
}

}  // namespace huanxin::store
