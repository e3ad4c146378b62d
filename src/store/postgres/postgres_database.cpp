#include "store/postgres/postgres_database.hpp"

#include <libpq-fe.h>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <condition_variable>
#include <fstream>
#include <cstring>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "common/text.hpp"
#include "store/driver_errors.hpp"
#include "store/group_commit.hpp"

namespace huanxin::store {

std::string NumberPlaceholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int n = 0;
  bool in_string = false;
  for (char c : sql) {
    if (c == '\'') in_string = !in_string;  // '' inside a literal toggles twice: still correct
    if (c == '?' && !in_string) {
      out += '$';
      out += std::to_string(++n);
    } else {
      out += c;
    }
  }
  return out;
}

namespace {

// Type OIDs from PostgreSQL's pg_type.h (stable across versions).
constexpr Oid kInt8 = 20, kInt2 = 21, kInt4 = 23, kNumeric = 1700;

Error PgError(PGconn* conn, const PGresult* res) {
  std::string msg = res ? PQresultErrorMessage(res) : PQerrorMessage(conn);
  const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  if (state && std::strcmp(state, "23505") == 0) return DuplicateError(msg);
  if (state && std::strcmp(state, "23503") == 0) return InUseError(msg);
  if (PQstatus(conn) != CONNECTION_OK || (state && (std::strncmp(state, "08", 2) == 0 ||
                                                    std::strncmp(state, "57", 2) == 0 ||
                                                    std::strcmp(state, "40001") == 0 ||
                                                    std::strcmp(state, "40P01") == 0)))
    return UnavailableError(msg);
  return InternalStoreError(msg);
}

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using PgResult = std::unique_ptr<PGresult, ResultDeleter>;

class PgConnection final : public Session {
 public:
  explicit PgConnection(PGconn* conn) : conn_(conn) {}
  ~PgConnection() override { PQfinish(conn_); }
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  Dialect dialect() const override { return Dialect::kPostgres; }

  Result<Rows> Query(std::string_view sql, const Params& params) override {
    auto res = Run(sql, params);
    if (!res) return std::move(res).error();
    PGresult* r = res->get();
    int nrows = PQntuples(r), ncols = PQnfields(r);
    std::vector<bool> integral(ncols);
    for (int c = 0; c < ncols; ++c) {
      Oid t = PQftype(r, c);
      integral[c] = t == kInt8 || t == kInt4 || t == kInt2 || t == kNumeric;
    }
    Rows rows;
    rows.reserve(nrows);
    for (int i = 0; i < nrows; ++i) {
      std::vector<Value> cells;
      cells.reserve(ncols);
      for (int c = 0; c < ncols; ++c) {
        if (PQgetisnull(r, i, c)) {
          cells.emplace_back(std::monostate{});
          continue;
        }
        std::string_view text(PQgetvalue(r, i, c), PQgetlength(r, i, c));
        if (integral[c]) {
          if (auto v = ParseInt64(text)) {
            cells.emplace_back(*v);
            continue;
          }
        }
        cells.emplace_back(std::string(text));
      }
      rows.emplace_back(std::move(cells));
    }
    return rows;
  }

  Result<std::int64_t> Exec(std::string_view sql, const Params& params) override {
    auto res = Run(sql, params);
    if (!res) return std::move(res).error();
    const char* n = PQcmdTuples(res->get());
    return (n && *n) ? *ParseInt64(n) : std::int64_t{0};
  }

  Result<void> ExecScript(std::string_view sql) override {
    std::string s(sql);
    PgResult res(PQexec(conn_, s.c_str()));
    auto st = PQresultStatus(res.get());
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) return PgError(conn_, res.get());
    return Ok();
  }

  Result<std::vector<ForeignKey>> ForeignKeys() override {
    // Single-column keys of the current schema; confdeltype: c cascade, n set null, else refuse.
    auto rows = Query(
        "SELECT cl.relname, a.attname, pc.relname, pa.attname, c.confdeltype::text "
        "FROM pg_constraint c JOIN pg_class cl ON cl.oid = c.conrelid JOIN pg_class pc ON pc.oid = c.confrelid "
        "JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1] "
        "JOIN pg_attribute pa ON pa.attrelid = c.confrelid AND pa.attnum = c.confkey[1] "
        "WHERE c.contype = 'f' AND cl.relnamespace = current_schema()::regnamespace ORDER BY cl.relname, c.conname",
        {});
    if (!rows) return std::move(rows).error();
    std::vector<ForeignKey> out;
    for (const auto& r : *rows) {
      ForeignKey k{r.GetText(0), r.GetText(1), r.GetText(2), r.GetText(3)};
      auto action = r.GetText(4);
      k.on_delete = action == "c" ? ForeignKey::OnDelete::kCascade
                    : action == "n" ? ForeignKey::OnDelete::kSetNull
                                    : ForeignKey::OnDelete::kRefuse;
      out.push_back(std::move(k));
    }
    return out;
  }

  Result<void> ResetIdentity(std::string_view table_view) override {
    const std::string table(table_view);
    if (!IsPlainIdentifier(table)) return InternalStoreError("not a table name: " + table);
    auto seq = Query("SELECT pg_get_serial_sequence(?, 'id')", {Str(table)});
    if (!seq) return std::move(seq).error();
    if (seq->empty() || seq->front().IsNull(0)) return InternalStoreError("no identity column " + table + ".id");
    // is_called = false: the next value handed out is exactly MAX(id) + 1 (1 for an empty table).
    auto set = Query("SELECT setval(?, COALESCE((SELECT MAX(id) FROM " + table + "), 0) + 1, false)",
                     {Str(seq->front().GetText(0))});
    if (!set) return std::move(set).error();
    return Ok();
  }

  Result<void> Analyze(const std::vector<std::string>& tables) override {
    if (tables.empty()) return Ok();  // a bare ANALYZE would read the whole database
    std::string sql = "ANALYZE ";
    for (std::size_t i = 0; i < tables.size(); ++i) {
      if (!IsPlainIdentifier(tables[i])) return InternalStoreError("not a table name: " + tables[i]);
      sql += (i ? ", " : "") + tables[i];
    }
    // A utility statement: sent as a simple query (it cannot be prepared).
    return ExecScript(sql);
  }

  Result<std::int64_t> CopyIn(std::string_view table, const std::vector<std::string>& columns,
                              std::string_view rows) override {
    std::string sql = "COPY " + std::string(table) + " (";
    for (std::size_t i = 0; i < columns.size(); ++i) sql += (i ? ", " : "") + columns[i];
    sql += ") FROM STDIN";
    PgResult start(PQexec(conn_, sql.c_str()));
    if (PQresultStatus(start.get()) != PGRES_COPY_IN) return PgError(conn_, start.get());
    // Sent in pieces of at most 1 MiB (libpq buffers; the server parses as data arrives).
    constexpr std::size_t kPiece = 1 << 20;
    const char* failure = nullptr;
    for (std::size_t at = 0; at < rows.size(); at += kPiece) {
      auto piece = rows.substr(at, kPiece);
      if (PQputCopyData(conn_, piece.data(), static_cast<int>(piece.size())) != 1) {
        failure = "sending COPY data failed";
        break;
      }
    }
    if (PQputCopyEnd(conn_, failure) != 1) return InternalStoreError(PQerrorMessage(conn_));
    PgResult done(PQgetResult(conn_));
    auto st = PQresultStatus(done.get());
    std::int64_t loaded = 0;
    if (st == PGRES_COMMAND_OK) {
      const char* n = PQcmdTuples(done.get());
      loaded = (n && *n) ? ParseInt64(n).value_or(0) : 0;
    }
    Result<std::int64_t> out = st == PGRES_COMMAND_OK ? Result<std::int64_t>(loaded) : Result<std::int64_t>(PgError(conn_, done.get()));
    while (PGresult* extra = PQgetResult(conn_)) PQclear(extra);  // drain to ready the connection
    return out;
  }

  // Reconnects, dropping prepared statements (after a restore replaced the tables).
  void Reset() {
    PQreset(conn_);
    prepared_.clear();
    (void)Simple("SET TIME ZONE 'UTC'; SET client_min_messages = warning");
  }

  // Resets a broken connection (its prepared statements go with it).
  void CheckHealth() {
    if (PQstatus(conn_) != CONNECTION_OK) {
      PQreset(conn_);
      prepared_.clear();
    }
  }

  Result<void> Simple(const char* sql) {
    PgResult res(PQexec(conn_, sql));
    if (PQresultStatus(res.get()) != PGRES_COMMAND_OK) return PgError(conn_, res.get());
    return Ok();
  }

  // COMMIT that fails loudly: PostgreSQL answers a COMMIT of a transaction in which a statement
  // failed with the tag "ROLLBACK" and no error, which would let a caller that ignored the failed
  // statement report a write that was thrown away.
  Result<void> Commit() {
    PgResult res(PQexec(conn_, "COMMIT"));
    if (PQresultStatus(res.get()) != PGRES_COMMAND_OK) return PgError(conn_, res.get());
    if (std::strcmp(PQcmdStatus(res.get()), "COMMIT") != 0)
      return InternalStoreError("COMMIT rolled back: a statement of this transaction had failed");
    return Ok();
  }

 private:
  Result<PgResult> Run(std::string_view sql, const Params& params) {
    std::string key(sql);
    auto it = prepared_.find(key);
    if (it == prepared_.end()) {
      std::string name = "hx" + std::to_string(prepared_.size() + 1);
      std::string numbered = NumberPlaceholders(sql);
      PgResult res(PQprepare(conn_, name.c_str(), numbered.c_str(), 0, nullptr));
      if (PQresultStatus(res.get()) != PGRES_COMMAND_OK) return PgError(conn_, res.get());
      it = prepared_.emplace(std::move(key), std::move(name)).first;
    }
    std::vector<std::string> storage(params.size());
    std::vector<const char*> values(params.size());
    for (std::size_t i = 0; i < params.size(); ++i) {
      const auto& v = params[i];
      if (std::holds_alternative<std::monostate>(v)) {
        values[i] = nullptr;
      } else if (auto p = std::get_if<std::int64_t>(&v)) {
        storage[i] = std::to_string(*p);
        values[i] = storage[i].c_str();
      } else {
        storage[i] = std::get<std::string>(v);
        values[i] = storage[i].c_str();
      }
    }
    PgResult res(PQexecPrepared(conn_, it->second.c_str(), static_cast<int>(params.size()),
                                values.data(), nullptr, nullptr, 0));
    auto st = PQresultStatus(res.get());
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) return PgError(conn_, res.get());
    return res;
  }

  PGconn* conn_;
  std::unordered_map<std::string, std::string> prepared_;
};

// Runs a PostgreSQL client tool (pg_dump, pg_restore) with arguments, without a shell; its output
// goes to `log`. Returns the exit status (-1 if it could not start).
int RunTool(const std::vector<std::string>& argv, const std::string& log) {
  pid_t pid = fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd >= 0) {
      dup2(fd, 1);
      dup2(fd, 2);
    }
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execvp(args[0], args.data());
    _exit(127);
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string ToolError(const std::string& tool, int code, const std::string& log) {
  std::ifstream in(log);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return tool + " exited with " + std::to_string(code) + ": " + text.substr(0, 2000);
}

// A new session: UTC text times and UTF-8 regardless of the server's defaults; quiet NOTICEs.
Result<std::unique_ptr<PgConnection>> Connect(const std::string& conninfo) {
  PGconn* c = PQconnectdb(conninfo.c_str());
  if (PQstatus(c) != CONNECTION_OK) {
    std::string msg = PQerrorMessage(c);
    PQfinish(c);
    return UnavailableError(msg);
  }
  auto conn = std::make_unique<PgConnection>(c);
  if (auto r = conn->Simple("SET TIME ZONE 'UTC'; SET client_min_messages = warning"); !r) return std::move(r).error();
  PQsetClientEncoding(c, "UTF8");
  return conn;
}

class PostgresDatabase final : public Database {
 public:
  PostgresDatabase(std::unique_ptr<PgConnection> first, std::string conninfo, std::size_t pool_size)
      : conninfo_(std::move(conninfo)), pool_size_(std::max<std::size_t>(1, pool_size)) {
    idle_.push_back(first.get());
    conns_.push_back(std::move(first));
  }
  Dialect dialect() const override { return Dialect::kPostgres; }

  Result<void> Read(const SessionFn& fn) override {
    return WithConnection(fn, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  }
  // Concurrent writes of this process share one transaction and one commit (group_commit.hpp,
  // docs/storage.md): nearly every write appends to the audit chain, whose head row stays locked
  // until commit, so they ran one after another with a WAL flush each anyway.
  Result<void> Write(const SessionFn& fn) override { return group_.Write(fn); }

  // pg_dump's custom format: a consistent snapshot taken in one transaction by the server.
  Result<void> Backup(const std::string& path) override {
    std::string log = path + ".log";
    int rc = RunTool({"pg_dump", "--format=custom", "--no-owner", "--file=" + path, "--dbname=" + conninfo_}, log);
    if (rc != 0) return InternalStoreError(ToolError("pg_dump", rc, log));
    std::remove(log.c_str());
    return Ok();
  }

  Result<void> Restore(const std::string& path) override {
    // Drop what is there, then load the dump, in one transaction. The pool's prepared statements
    // refer to the old tables: the connections are reset afterwards.
    std::string log = path + ".restore.log";
    int rc = RunTool({"pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction",
                      "--exit-on-error", "--dbname=" + conninfo_, path},
                     log);
    if (rc != 0) return InternalStoreError(ToolError("pg_restore", rc, log));
    std::remove(log.c_str());
    std::lock_guard lock(mu_);
    for (auto* c : idle_) c->Reset();
    return Ok();
  }

 private:
  Result<void> WithConnection(const SessionFn& fn, const char* begin) {
    PgConnection* conn = nullptr;
    {
      // An idle connection, or a new one while the pool is below its size (connections are opened
      // when first needed: a server, or a test, that never has ten transactions at once never pays
      // for ten backends), or wait for one to come back.
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return !idle_.empty() || conns_.size() + opening_ < pool_size_; });
      if (!idle_.empty()) {
        conn = idle_.back();
        idle_.pop_back();
      } else {
        ++opening_;
        lock.unlock();
        auto made = Connect(conninfo_);
        lock.lock();
        --opening_;
        if (!made) {
          cv_.notify_one();  // another waiter may try
          return std::move(made).error();
        }
        conn = made->get();
        conns_.push_back(std::move(*made));
      }
    }
    struct Return {
      PostgresDatabase* self;
      PgConnection* c;
      ~Return() {
        std::lock_guard lock(self->mu_);
        self->idle_.push_back(c);
        self->cv_.notify_one();
      }
    } give_back{this, conn};
    conn->CheckHealth();
    if (auto r = conn->Simple(begin); !r) return r;
    Result<void> out = Ok();
    try {
      out = fn(*conn);
    } catch (...) {
      (void)conn->Simple("ROLLBACK");
      throw;
    }
    if (!out) {
      (void)conn->Simple("ROLLBACK");
      return out;
    }
    return conn->Commit();
  }

  std::vector<std::unique_ptr<PgConnection>> conns_;  // every connection opened, idle or in use (mu_)
  std::string conninfo_;
  const std::size_t pool_size_;
  std::size_t opening_ = 0;  // connections being opened outside the lock (mu_)
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<PgConnection*> idle_;
  GroupCommit group_{[this](const SessionFn& body) { return WithConnection(body, "BEGIN"); }};
};

}  // namespace

Result<std::unique_ptr<Database>> OpenPostgres(const PostgresOptions& options) {
  // One connection now, so a wrong address or credentials fail at start; the rest when needed.
  auto first = Connect(options.conninfo);
  if (!first) return std::move(first).error();
  return std::unique_ptr<Database>(new PostgresDatabase(std::move(*first), options.conninfo,
                                                        static_cast<std::size_t>(std::max(1, options.pool_size))));
}

}  // namespace huanxin::store
