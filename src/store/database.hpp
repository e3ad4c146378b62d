// The storage port: one interface, two drivers (sqlite/, postgres/), repositories written once in
// portable SQL against it (ARCHITECTURE.md §3–4).
//
// Portable SQL here means: `?` placeholders (the PostgreSQL driver numbers them), `RETURNING`,
// `LIMIT/OFFSET`, `LIKE 'prefix%'`, integers and text only (no booleans, no floating point: flags are
// 0/1 integers, money fen and area dm² are int64, times ISO 8601 text). Dialect differences stay in
// the drivers and in the migration tokens (see migrations.hpp).
#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include "common/result.hpp"

namespace huanxin::store {

enum class Dialect { kSqlite, kPostgres };

// A bound parameter or a result cell: NULL, integer or text.
using Value = std::variant<std::monostate, std::int64_t, std::string>;
using Params = std::vector<Value>;

inline Value Null() { return std::monostate{}; }
inline Value Int(std::int64_t v) { return v; }
inline Value Bool(bool v) { return static_cast<std::int64_t>(v ? 1 : 0); }
inline Value Str(std::string v) { return v; }
inline Value OptStr(const std::optional<std::string>& v) { return v ? Value(*v) : Null(); }
inline Value OptInt(const std::optional<std::int64_t>& v) { return v ? Value(*v) : Null(); }
inline Value OptInt(const std::optional<int>& v) { return v ? Value(static_cast<std::int64_t>(*v)) : Null(); }

// One result row. Accessors are by column index; a type mismatch is a bug in the query (throws
// std::logic_error), never a user error.
class Row {
 public:
  explicit Row(std::vector<Value> cells) : cells_(std::move(cells)) {}
  std::size_t size() const { return cells_.size(); }
  bool IsNull(std::size_t i) const { return std::holds_alternative<std::monostate>(cells_.at(i)); }
  std::int64_t GetInt(std::size_t i) const;
  std::string GetText(std::size_t i) const;  // integers are rendered in base 10
  std::optional<std::string> GetOptText(std::size_t i) const;
  std::optional<std::int64_t> GetOptInt(std::size_t i) const;
  const Value& at(std::size_t i) const { return cells_.at(i); }

 private:
  std::vector<Value> cells_;
};
using Rows = std::vector<Row>;

// A leased connection inside a transaction. Not thread safe; valid only inside the callback that
// received it. Failures come back as Error: unique violations as kConflict `store.duplicate`, a
// busy or lost database as kUnavailable `store.unavailable`, anything else kInternal.
// One single-column foreign key of the schema: `child.column` refers to `parent.parent_column`.
struct ForeignKey {
  std::string child, column, parent, parent_column;
  enum class OnDelete { kRefuse, kCascade, kSetNull } on_delete = OnDelete::kRefuse;
};

// The values of one row for Session::InsertMany, in column order. Text is borrowed: it must stay
// valid until InsertMany returns (the SQLite driver binds it without copying).
class RowValues {
 public:
  virtual void AddInt(std::int64_t v) = 0;
  virtual void AddText(std::string_view v) = 0;
  virtual void AddNull() = 0;

 protected:
  ~RowValues() = default;
};

// RowValues that appends copies to a Params (statements built by hand from a RowValues writer).
class ParamsWriter final : public RowValues {
 public:
  explicit ParamsWriter(Params& params) : params_(&params) {}
  void AddInt(std::int64_t v) override { params_->emplace_back(v); }
  void AddText(std::string_view v) override { params_->emplace_back(std::string(v)); }
  void AddNull() override { params_->emplace_back(std::monostate{}); }

 private:
  Params* params_;
};

class Session {
 public:
  virtual ~Session() = default;
  virtual Dialect dialect() const = 0;
  virtual Result<Rows> Query(std::string_view sql, const Params& params = {}) = 0;
  // Runs a statement; returns the number of rows changed.
  virtual Result<std::int64_t> Exec(std::string_view sql, const Params& params = {}) = 0;
  // Runs several ';'-separated statements without parameters (migrations).
  virtual Result<void> ExecScript(std::string_view sql) = 0;
  // Bulk load (synthetic registers, restores of large rosters): `rows` in PostgreSQL's COPY text
  // format (one row per line, columns separated by tabs, `\N` for NULL, backslash escapes for tab,
  // newline and backslash) into `table (columns)`. PostgreSQL streams them with COPY FROM STDIN; the
  // default (SQLite) inserts them one by one with a single prepared statement. Returns the rows
  // loaded. Triggers and constraints apply as for any insert.
  virtual Result<std::int64_t> CopyIn(std::string_view table, const std::vector<std::string>& columns,
                                      std::string_view rows);
  // Bulk insert of `n` rows into `table (columns)` (identifiers from the code), each row's values
  // written by `row(i, values)` in column order, in statements of InsertRowsPerStatement rows, each
  // followed by `tail` (an `ON CONFLICT … DO …` clause from the code, or nothing): no Params, no Row
  // and no copy of the text on SQLite (bound in place, statements prepared once); the default
  // (PostgreSQL) builds multi-row INSERTs from copies. Triggers and constraints apply as for any
  // insert; a failing statement fails the call (the caller's transaction then rolls back).
  virtual Result<void> InsertMany(std::string_view table, const std::vector<std::string_view>& columns, std::size_t n,
                                  const std::function<void(std::size_t, RowValues&)>& row, std::string_view tail = {});
  // Every foreign key of the schema, read from the database's own catalogue (SQLite's
  // pragma_foreign_key_list, PostgreSQL's pg_constraint), for explaining refused deletes.
  virtual Result<std::vector<ForeignKey>> ForeignKeys() = 0;
  // After rows were written with explicit ids (CopyIn by `huanxin gen`): the identity of `table`.id
  // continues after the largest id there, so later inserts do not collide with the loaded rows; an
  // empty table starts again at 1. PostgreSQL moves the column's identity sequence; SQLite has
  // nothing to do (an INTEGER PRIMARY KEY takes the largest rowid + 1). `table` is an identifier
  // from the code with an `id` identity column; anything else is kInternal.
  virtual Result<void> ResetIdentity(std::string_view table) = 0;
  // Refreshes the query planner's statistics of `tables` after a bulk load (identifiers from the
  // code). PostgreSQL runs ANALYZE; SQLite does nothing: its planner works from the schema's indexes
  // alone, the repositories' queries are written for that, and a sqlite_stat1 table would change
  // their plans.
  virtual Result<void> Analyze(const std::vector<std::string>& tables) = 0;
};

// Appends one field to a COPY text row (escaping tab, newline, carriage return and backslash).
void AppendCopyField(std::string& row, std::string_view value);
// Appends one whole COPY text row: the fields separated by tabs, then a newline. A default-made
// string_view (null data) is written as NULL (`\N`).
void AppendCopyRow(std::string& buffer, std::initializer_list<std::string_view> fields);

using SessionFn = std::function<Result<void>(Session&)>;

// A database. Thread safety: Read and Write may be called from any number of threads at once.
class Database {
 public:
  virtual ~Database() = default;
  virtual Dialect dialect() const = 0;
  std::string_view name() const { return dialect() == Dialect::kSqlite ? "sqlite" : "postgres"; }
  // Runs `fn` in a read transaction (one consistent snapshot).
  virtual Result<void> Read(const SessionFn& fn) = 0;
  // Runs `fn` in a write transaction: commits when fn returns Ok, rolls back otherwise (or when fn
  // throws, rethrowing). When Write returns Ok the transaction is durable (SQLite: the WAL synced
  // after the group's commit, sqlite_database.hpp; PostgreSQL synchronous_commit default on).
  virtual Result<void> Write(const SessionFn& fn) = 0;
  // A consistent copy of the whole database at `path` while it stays in use: SQLite's online
  // backup API (a database file), or pg_dump's custom format for PostgreSQL.
  virtual Result<void> Backup(const std::string& path) = 0;
  // Replaces the database's contents with a copy Backup() made. Stop the server first: restoring
  // under a running server leaves it with stale caches and sessions.
  virtual Result<void> Restore(const std::string& path) = 0;
  // A number that changes whenever a write through this object may have changed the data, for
  // in-process caches (sessions, list pages): read it before reading the data, and trust a cached
  // result only while it is unchanged. Only meaningful when this process is the database's only
  // writer, as with the embedded SQLite deployment; std::nullopt (never cache) otherwise, e.g. for
  // PostgreSQL, which several servers may share.
  virtual std::optional<std::uint64_t> ChangeCounter() const { return std::nullopt; }
  // The same promise, kept only for the accounts: it changes whenever a write may have changed a
  // user (app_user), their assignments (user_assignment) or a session (auth_session). The session
  // cache checks it, so a server busy with ballots or tickets does not read every signed-in
  // caller's session again after each commit. Defaults to ChangeCounter().
  virtual std::optional<std::uint64_t> AccountsChangeCounter() const { return ChangeCounter(); }
};

// Runs `fn` (Session& → Result<T>) in a read / write transaction and returns its result: the value
// when the transaction committed, else the error. Saves callers from carrying the value out of the
// callback through a local optional.
template <typename Fn>
auto ReadResult(Database& db, Fn&& fn) -> std::invoke_result_t<Fn&, Session&> {
  std::optional<std::invoke_result_t<Fn&, Session&>> out;
  auto r = db.Read([&](Session& s) -> Result<void> {
    out.emplace(fn(s));
    if (!*out) return out->error();
    return Ok();
  });
  if (!r) return std::move(r).error();
  return std::move(*out);
}

template <typename Fn>
auto WriteResult(Database& db, Fn&& fn) -> std::invoke_result_t<Fn&, Session&> {
  std::optional<std::invoke_result_t<Fn&, Session&>> out;
  auto r = db.Write([&](Session& s) -> Result<void> {
    out.emplace(fn(s));
    if (!*out) return out->error();
    return Ok();
  });
  if (!r) return std::move(r).error();
  return std::move(*out);
}

// A round trip to the database that reads and writes nothing (the health probe): Ok while the
// database answers, its error (e.g. kUnavailable store.unavailable) otherwise. Runs in the
// caller's transaction; usable as a SessionFn: `db.Read(store::Ping)`.
Result<void> Ping(Session& s);

// Runs an `INSERT … RETURNING id` and returns the new row's id.
Result<std::int64_t> InsertReturningId(Session& s, std::string_view sql, const Params& params);

// A query's rows mapped with `from_row` (errors pass through).
template <typename T, typename F>
Result<std::vector<T>> MapRows(Result<Rows> rows, F&& from_row) {
  if (!rows) return std::move(rows).error();
  std::vector<T> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) out.push_back(from_row(r));
  return out;
}

// The first row mapped with `from_row`, or nullopt when there is none.
template <typename T, typename F>
Result<std::optional<T>> FirstRow(Result<Rows> rows, F&& from_row) {
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return std::optional<T>{};
  return std::optional<T>(from_row(rows->front()));
}

// An Exec's outcome without its row count.
inline Result<void> Done(Result<std::int64_t> changed) {
  if (!changed) return std::move(changed).error();
  return Ok();
}

// "INSERT INTO t (a, b) VALUES " + `rows` × "(?, ?)" + `tail`: a multi-row statement's text, the same
// on both drivers (Session::InsertMany, region staging).
std::string MultiRowInsert(std::string_view head, std::size_t columns, std::size_t rows, std::string_view tail);

// Session::InsertMany's statement head, "INSERT INTO table (a, b) VALUES ", or kInternal when the
// table or a column is not a plain identifier (or there are no columns).
Result<std::string> InsertHead(std::string_view table, const std::vector<std::string_view>& columns);

// Rows per statement of Session::InsertMany: 500, fewer when 500 rows of `columns` values would pass
// 30 000 parameters (under SQLite's 32 766 and PostgreSQL's 65 535).
std::size_t InsertRowsPerStatement(std::size_t columns);

// Convenience: first row's first column as int (e.g. COUNT(*)).
Result<std::int64_t> QueryInt(Session& s, std::string_view sql, const Params& params = {});

// The scope rule in SQL (ARCHITECTURE.md §1): `column` starts with `prefix`, written as a range
// (`column >= '3601' AND column < '3601~'`) so that both SQLite and PostgreSQL use the B-tree index —
// SQLite does not use an index for LIKE with an ESCAPE clause or its default case-insensitive LIKE.
// Region codes are digits, and '~' sorts after every digit. Appends the clause (with a leading
// " AND ") and its parameters; an empty prefix adds nothing.
void AddPrefixFilter(std::string& where, Params& params, const std::string& column, const std::string& prefix);

// Id lists kept in one text column ("3,5,8"), e.g. a round's items or an observation's photos.
std::string JoinIds(const std::vector<std::int64_t>& ids);
std::vector<std::int64_t> ParseIds(const std::string& text);

// Deletes the rows of `table` whose `column` equals `id` (inside the caller's transaction) and
// returns how many went. When a foreign key refuses the delete — rows of another table still refer
// to one of them, directly or through rows the delete would cascade to — nothing is deleted and
// the error is 409 `<context>.in_use`, where <context> owns `table` (schema_table), with a detail
// naming each referring table (its label from schema_table) and how many of its rows refer, e.g.
// "体检任务中的小区 1 条". The caller's transaction stays usable (a savepoint is rolled back).
// `table` and `column` are identifiers from the code, never from input.
Result<std::int64_t> DeleteRows(Session& s, std::string_view table, std::string_view column, std::int64_t id);

// Whether `name` is a plain lower-case SQL identifier ([a-z_][a-z0-9_]*), safe to write into a
// statement's text (table names the drivers and repositories are given by code).
bool IsPlainIdentifier(std::string_view name);

// Maps a duplicate-key failure to a domain error; passes other errors through.
Error MapDuplicate(Error e, Error domain_error);

}  // namespace huanxin::store
