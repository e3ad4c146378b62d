#include "store/sqlite/sqlite_database.hpp"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include "store/driver_errors.hpp"
#include "store/group_commit.hpp"
#include "store/sqlite/wal_buffer.hpp"

namespace huanxin::store {

namespace {

Error SqliteError(sqlite3* db, int rc) {
  std::string msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  int primary = rc & 0xff;
  if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) return DuplicateError(msg);
  if (rc == SQLITE_CONSTRAINT_FOREIGNKEY) return InUseError(msg);
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED || primary == SQLITE_FULL || primary == SQLITE_IOERR ||
      primary == SQLITE_CANTOPEN)
    return UnavailableError(msg);
  return InternalStoreError(msg);
}

class SqliteConnection final : public Session {
 public:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  ~SqliteConnection() override {
    for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
    sqlite3_close_v2(db_);
  }
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  Dialect dialect() const override { return Dialect::kSqlite; }

  Result<Rows> Query(std::string_view sql, const Params& params) override {
    auto stmt = Prepare(sql, params);
    if (!stmt) return std::move(stmt).error();
    Rows rows;
    while (true) {
      int rc = sqlite3_step(*stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) {
        auto err = SqliteError(db_, sqlite3_extended_errcode(db_));
        Finish(*stmt);
        return err;
      }
      int n = sqlite3_column_count(*stmt);
      std::vector<Value> cells;
      cells.reserve(n);
      for (int i = 0; i < n; ++i) {
        switch (sqlite3_column_type(*stmt, i)) {
          case SQLITE_NULL:
            cells.emplace_back(std::monostate{});
            break;
          case SQLITE_INTEGER:
            cells.emplace_back(static_cast<std::int64_t>(sqlite3_column_int64(*stmt, i)));
            break;
          default: {
            auto p = reinterpret_cast<const char*>(sqlite3_column_text(*stmt, i));
            cells.emplace_back(std::string(p ? p : "", sqlite3_column_bytes(*stmt, i)));
          }
        }
      }
      rows.emplace_back(std::move(cells));
    }
    Finish(*stmt);
    return rows;
  }

  Result<std::int64_t> Exec(std::string_view sql, const Params& params) override {
    auto stmt = Prepare(sql, params);
    if (!stmt) return std::move(stmt).error();
    int rc;
    while ((rc = sqlite3_step(*stmt)) == SQLITE_ROW) {
    }
    if (rc != SQLITE_DONE) {
      auto err = SqliteError(db_, sqlite3_extended_errcode(db_));
      Finish(*stmt);
      return err;
    }
    Finish(*stmt);
    return static_cast<std::int64_t>(sqlite3_changes64(db_));
  }

  Result<void> ExecScript(std::string_view sql) override {
    std::string s(sql);
    char* err = nullptr;
    int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
      std::string msg = err ? err : sqlite3_errstr(rc);
      sqlite3_free(err);
      return InternalStoreError(msg);
    }
    return Ok();
  }

  Result<std::vector<ForeignKey>> ForeignKeys() override {
    auto rows = Query(
        "SELECT m.name, f.\"from\", f.\"table\", COALESCE(f.\"to\", 'id'), f.on_delete "
        "FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f WHERE m.type = 'table' ORDER BY m.name, f.id",
        {});
    if (!rows) return std::move(rows).error();
    std::vector<ForeignKey> out;
    for (const auto& r : *rows) {
      ForeignKey k{r.GetText(0), r.GetText(1), r.GetText(2), r.GetText(3)};
      auto action = r.GetText(4);
      k.on_delete = action == "CASCADE"    ? ForeignKey::OnDelete::kCascade
                    : action == "SET NULL" ? ForeignKey::OnDelete::kSetNull
                                           : ForeignKey::OnDelete::kRefuse;
      out.push_back(std::move(k));
    }
    return out;
  }

  // An INTEGER PRIMARY KEY takes the largest rowid + 1 by itself: nothing to move.
  Result<void> ResetIdentity(std::string_view table) override {
    if (!IsPlainIdentifier(table)) return InternalStoreError("not a table name: " + std::string(table));
    return Ok();
  }

  // Nothing, on purpose (database.hpp): without sqlite_stat1 the planner chooses by the indexes.
  Result<void> Analyze(const std::vector<std::string>& tables) override {
    for (const auto& t : tables)
      if (!IsPlainIdentifier(t)) return InternalStoreError("not a table name: " + t);
    return Ok();
  }

  // Statements of InsertRowsPerStatement rows prepared once per connection and text bound in place
  // (SQLITE_STATIC: the caller's text outlives the step), without Params or Row values. A shorter
  // last statement is cached too when it has at most kCachedShortRows rows (a ballot's few items
  // recur); a longer one (the end of a bulk load, a size unlikely to recur) is finalized after use.
  Result<void> InsertMany(std::string_view table, const std::vector<std::string_view>& columns, std::size_t n,
                          const std::function<void(std::size_t, RowValues&)>& row,
                          std::string_view tail = {}) override {
    auto head = InsertHead(table, columns);
    if (!head) return std::move(head).error();
    struct Bind final : RowValues {
      sqlite3_stmt* stmt = nullptr;
      int next = 1, rc = SQLITE_OK;
      void AddInt(std::int64_t v) override { Keep(sqlite3_bind_int64(stmt, next++, v)); }
      void AddText(std::string_view v) override {
        Keep(sqlite3_bind_text(stmt, next++, v.data(), static_cast<int>(v.size()), SQLITE_STATIC));
      }
      void AddNull() override { Keep(sqlite3_bind_null(stmt, next++)); }
      void Keep(int r) {
        if (rc == SQLITE_OK) rc = r;
      }
    };
    constexpr std::size_t kCachedShortRows = 32;
    const std::size_t cols = columns.size(), per = InsertRowsPerStatement(cols);
    sqlite3_stmt* full = nullptr;
    for (std::size_t from = 0; from < n; from += per) {
      const std::size_t m = std::min(per, n - from);
      const bool one_off = m != per && m > kCachedShortRows;
      sqlite3_stmt* stmt = m == per ? full : nullptr;
      if (!stmt && one_off) {
        auto sql = MultiRowInsert(*head, cols, m, tail);
        if (int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr); rc != SQLITE_OK)
          return SqliteError(db_, rc);
      } else if (!stmt) {
        auto prepared = Lookup(MultiRowInsert(*head, cols, m, tail));
        if (!prepared) return std::move(prepared).error();
        stmt = *prepared;
        if (m == per) full = stmt;
      }
      // Ends this statement's use: finalized when one-off, else reset for the cache.
      auto done = [&] { one_off ? (void)sqlite3_finalize(stmt) : Finish(stmt); };
      Bind b;
      b.stmt = stmt;
      for (std::size_t i = from; i < from + m; ++i) row(i, b);
      int rc = b.rc;
      if (rc == SQLITE_OK && static_cast<std::size_t>(b.next - 1) != m * cols) {
        done();
        return InternalStoreError("bulk insert into " + std::string(table) + ": " + std::to_string(b.next - 1) +
                                  " values for " + std::to_string(m) + " rows of " + std::to_string(cols) + " columns");
      }
      if (rc == SQLITE_OK) rc = sqlite3_step(stmt);
      if (rc != SQLITE_DONE) {
        auto err = SqliteError(db_, sqlite3_extended_errcode(db_));
        done();
        return err;
      }
      done();
    }
    return Ok();
  }

  sqlite3* handle() { return db_; }

 private:
  // The prepared statement of `sql`, from the connection's cache.
  Result<sqlite3_stmt*> Lookup(std::string_view sql) {
    auto it = cache_.find(sql);
    if (it != cache_.end()) return it->second;
    sqlite3_stmt* stmt = nullptr;
    int rc =
        sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) return SqliteError(db_, rc);
    cache_.emplace(std::string(sql), stmt);
    return stmt;
  }

  Result<sqlite3_stmt*> Prepare(std::string_view sql, const Params& params) {
    auto looked = Lookup(sql);
    if (!looked) return std::move(looked).error();
    sqlite3_stmt* stmt = *looked;
    if (static_cast<int>(params.size()) != sqlite3_bind_parameter_count(stmt))
      return InternalStoreError("parameter count mismatch for: " + std::string(sql));
    for (std::size_t i = 0; i < params.size(); ++i) {
      int idx = static_cast<int>(i + 1), rc = SQLITE_OK;
      const auto& v = params[i];
      if (std::holds_alternative<std::monostate>(v))
        rc = sqlite3_bind_null(stmt, idx);
      else if (auto p = std::get_if<std::int64_t>(&v))
        rc = sqlite3_bind_int64(stmt, idx, *p);
      else {
        const auto& s = std::get<std::string>(v);
        // Not copied: `params` outlives the statement's steps, and Finish clears the bindings when
        // the statement is reset, so no pointer into it is kept afterwards.
        rc = sqlite3_bind_text(stmt, idx, s.data(), static_cast<int>(s.size()), SQLITE_STATIC);
      }
      if (rc != SQLITE_OK) {
        Finish(stmt);
        return SqliteError(db_, rc);
      }
    }
    return stmt;
  }

  // Ends a use of a cached statement: reset, and its parameters unbound (they point into the
  // caller's Params, which do not outlive the call).
  static void Finish(sqlite3_stmt* stmt) {
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
  }

  // Looked up by the SQL's string_view, without building a std::string per statement.
  struct SqlHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view sql) const noexcept { return std::hash<std::string_view>{}(sql); }
  };

  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*, SqlHash, std::equal_to<>> cache_;
};

// The writer keeps its temporary storage in memory. Each member of a group commit runs in its own
// savepoint (group_commit.hpp), whose sub-journal SQLite spills to an unlinked file in /var/tmp
// after 64 KiB (16 pages) by default; a ballot changes more pages than that, so every group
// created, wrote and deleted a temporary file on the leader's thread, and every later page of the
// group was a pwrite() (perf on `ONLY=ballots bench/consultation.sh`, docs/BENCHMARKS.md). In memory
// the journal lives as long as the transaction. (Raising the spill limit process-wide with
// SQLITE_CONFIG_STMTJRNL_SPILL instead made the 1 M-row bulk import fail in SQLite 3.40 with an I/O
// error when the journal spilled, then "cannot rollback - no transaction is active".) The bulk
// import's index rebuilds sort in memory too (tens of MB for 1 M dwellings).
//
// (A 64 MiB page cache for the writer instead of SQLite's 2 MB was tried: it removed the writer's
// reads of database pages but made each COMMIT dearer, and ballots/s fell in three alternated pairs;
// docs/BENCHMARKS.md.)
constexpr const char* kWriterPragmas = "PRAGMA temp_store=MEMORY;";

// Makes the WAL durable after a group's commit, outside the write lock (group_commit.hpp "Sync").
// The writer connection commits with synchronous=NORMAL (frames written to the WAL, no fsync); this
// then runs fdatasync on the WAL file, which covers every frame written before the call, so each
// group's members are answered only once their commit is on disk, as with synchronous=FULL, while
// the next group already runs. A checkpoint still syncs the WAL before it copies frames into the
// database and syncs the database after (SQLite's NORMAL), so the WAL is only reused once its
// frames are durable in the database file. The file is opened on first use with a descriptor of
// our own (fdatasync acts on the file, not on the descriptor), its directory synced once so the WAL's
// name is durable too, and reopened if SQLite ever replaced the file.
class WalSync {
 public:
  explicit WalSync(std::string path) : path_(std::move(path)) {}

  Result<void> Sync() {
    std::shared_ptr<const Fd> fd;
    {
      std::lock_guard lock(mu_);
      struct stat st {};
      if (::stat(path_.c_str(), &st) != 0) return UnavailableError(path_ + ": " + std::strerror(errno));
      if (!fd_ || fd_->ino != st.st_ino) {
        int h = ::open(path_.c_str(), O_RDWR | O_CLOEXEC);
        if (h < 0) return UnavailableError(path_ + ": " + std::strerror(errno));
        auto next = std::make_shared<Fd>(h, st.st_ino);
        auto dir = std::filesystem::path(path_).parent_path();
        int d = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (d < 0 || ::fsync(d) != 0) {
          int err = errno;
          if (d >= 0) ::close(d);
          return UnavailableError(dir.string() + ": " + std::strerror(err));
        }
        ::close(d);
        fd_ = std::move(next);  // an older descriptor closes when the last sync using it returns
      }
      fd = fd_;
    }
    if (::fdatasync(fd->h) != 0) return UnavailableError(path_ + ": fdatasync: " + std::strerror(errno));
    return Ok();
  }

 private:
  struct Fd {
    Fd(int handle, ino_t inode) : h(handle), ino(inode) {}
    ~Fd() { ::close(h); }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    int h;
    ino_t ino;
  };
  std::string path_;
  std::mutex mu_;
  std::shared_ptr<const Fd> fd_;
};

Result<std::unique_ptr<SqliteConnection>> OpenConnection(const SqliteOptions& o, bool writer) {
  sqlite3* db = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  // The writer appends a commit's WAL frames in one write (wal_buffer.hpp); readers and the
  // checkpointer never write the WAL. HUANXIN_SQLITE_WAL_BUFFER=off keeps SQLite's own writes, to
  // measure the difference with one binary.
  const char* off = std::getenv("HUANXIN_SQLITE_WAL_BUFFER");
  bool buffered = writer && !(off && std::string_view(off) == "off");
  int rc = sqlite3_open_v2(o.path.c_str(), &db, flags, buffered ? sqlite_wal::BufferedWalVfs() : nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close_v2(db);
    return UnavailableError(msg);
  }
  auto conn = std::make_unique<SqliteConnection>(db);
  sqlite3_busy_timeout(db, o.busy_timeout_ms);
  // WAL: readers never block the writer. synchronous=FULL: fsync the WAL at every commit, so an
  // acknowledged write survives power loss. OpenSqlite lowers the writer of a file database to
  // NORMAL and syncs the WAL itself after each group, outside the write lock (WalSync).
  std::string pragmas = "PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL;";
  if (writer) pragmas = "PRAGMA journal_mode=WAL; " + pragmas;
  if (auto r = conn->ExecScript(pragmas); !r) return std::move(r).error();
  return conn;
}

class SqliteDatabase final : public Database {
 public:
  // `wal`: the WAL's separate sync (writer on synchronous=NORMAL); null when the writer's own
  // commits are durable (synchronous=FULL: a database without a WAL file, e.g. in memory).
  // `checkpointer`: the connection that copies the WAL into the database in the background (with
  // `wal`; see OnWalCommit).
  SqliteDatabase(std::unique_ptr<SqliteConnection> writer, std::vector<std::unique_ptr<SqliteConnection>> readers,
                 std::unique_ptr<WalSync> wal, std::unique_ptr<SqliteConnection> checkpointer)
      : wal_(std::move(wal)),
        group_([this](const SessionFn& body) { return WriterTransaction(body); }, 64,
               wal_ ? GroupCommit::Sync([this] { return wal_->Sync(); }) : GroupCommit::Sync()),
        writer_(std::move(writer)),
        readers_(std::move(readers)),
        checkpointer_(std::move(checkpointer)) {
    for (auto& r : readers_) idle_.push_back(r.get());
    sqlite3_update_hook(writer_->handle(), &SqliteDatabase::OnRowChange, this);
    if (checkpointer_) {
      // Replaces SQLite's automatic checkpoint on the writer (the same hook slot).
      sqlite3_wal_hook(writer_->handle(), &SqliteDatabase::OnWalCommit, this);
      checkpoint_thread_ = std::thread([this] { CheckpointLoop(); });
    }
  }

  ~SqliteDatabase() override {
    if (checkpoint_thread_.joinable()) {
      {
        std::lock_guard lock(checkpoint_mu_);
        checkpoint_stop_ = true;
      }
      checkpoint_cv_.notify_one();
      checkpoint_thread_.join();
    }
  }

  SqliteDatabase(const SqliteDatabase&) = delete;
  SqliteDatabase& operator=(const SqliteDatabase&) = delete;

  Dialect dialect() const override { return Dialect::kSqlite; }

  Result<void> Read(const SessionFn& fn) override {
    SqliteConnection* conn = nullptr;
    {
      std::unique_lock lock(pool_mu_);
      pool_cv_.wait(lock, [&] { return !idle_.empty(); });
      conn = idle_.back();
      idle_.pop_back();
    }
    struct Return {
      SqliteDatabase* self;
      SqliteConnection* c;
      ~Return() {
        std::lock_guard lock(self->pool_mu_);
        self->idle_.push_back(c);
        self->pool_cv_.notify_one();
      }
    } give_back{this, conn};
    return RunTx(*conn, "BEGIN", fn);
  }

  Result<void> Backup(const std::string& path) override {
    // Under the write lock, so the copy is one consistent state; readers keep reading meanwhile.
    std::lock_guard lock(write_mu_);
    return Copy(writer_->handle(), path, /*into_file=*/true);
  }

  Result<void> Restore(const std::string& path) override {
    Result<void> r = Ok();
    {
      std::lock_guard lock(write_mu_);
      r = Copy(writer_->handle(), path, /*into_file=*/false);
      changes_.fetch_add(1, std::memory_order_release);
      accounts_changes_.fetch_add(1, std::memory_order_release);
    }
    if (r && wal_) r = wal_->Sync();
    return r;
  }

  // Concurrent writes share one transaction and one fsync (group_commit.hpp, docs/storage.md).
  Result<void> Write(const SessionFn& fn) override { return group_.Write(fn); }

  std::optional<std::uint64_t> ChangeCounter() const override { return changes_.load(std::memory_order_acquire); }
  std::optional<std::uint64_t> AccountsChangeCounter() const override {
    return accounts_changes_.load(std::memory_order_acquire);
  }

  std::optional<std::uint64_t> WalSyncs() const {
    if (!wal_) return std::nullopt;
    return group_.syncs();
  }

  std::optional<SqliteCheckpointStats> Checkpoints() const {
    if (!checkpointer_) return std::nullopt;
    return SqliteCheckpointStats{background_.load(std::memory_order_acquire), finished_.load(std::memory_order_acquire),
                                 inline_.load(std::memory_order_acquire)};
  }

 private:
  // Copies the whole database between the live connection and the file at `path` with SQLite's
  // online backup API (one step: the copy is a single consistent snapshot).
  static Result<void> Copy(sqlite3* live, const std::string& path, bool into_file) {
    sqlite3* file = nullptr;
    int flags = into_file ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY;
    if (int rc = sqlite3_open_v2(path.c_str(), &file, flags, nullptr); rc != SQLITE_OK) {
      std::string msg = file ? sqlite3_errmsg(file) : sqlite3_errstr(rc);
      sqlite3_close_v2(file);
      return UnavailableError(path + ": " + msg);
    }
    sqlite3* dst = into_file ? file : live;
    sqlite3* src = into_file ? live : file;
    sqlite3_backup* b = sqlite3_backup_init(dst, "main", src, "main");
    int rc = SQLITE_ERROR;
    if (b) {
      rc = sqlite3_backup_step(b, -1);
      sqlite3_backup_finish(b);
    }
    std::string msg = rc == SQLITE_DONE ? "" : sqlite3_errmsg(dst);
    sqlite3_close_v2(file);
    if (rc != SQLITE_DONE) return InternalStoreError("backup: " + msg);
    return Ok();
  }

  static Result<void> RunTx(SqliteConnection& c, const char* begin, const SessionFn& fn) {
    if (auto r = c.Exec(begin, {}); !r) return std::move(r).error();
    Result<void> out = Ok();
    try {
      out = fn(c);
    } catch (...) {
      (void)c.Exec("ROLLBACK", {});
      throw;
    }
    if (!out) {
      (void)c.Exec("ROLLBACK", {});
      return out;
    }
    if (auto r = c.Exec("COMMIT", {}); !r) {
      (void)c.Exec("ROLLBACK", {});
      return std::move(r).error();
    }
    return Ok();
  }

  // One transaction of the writer connection (a group's, or a single write's).
  Result<void> WriterTransaction(const SessionFn& body) {
    std::lock_guard lock(write_mu_);
    // IMMEDIATE takes the write lock up front, so a read-then-write transaction cannot fail
    // half-way with SQLITE_BUSY when another process (the CLI) writes at the same time.
    struct Count {
      SqliteDatabase& db;
      // After the commit (or rollback) is over, and before any member of the group is answered: a
      // reader that saw the old count may have read either state, and its cached result is dropped
      // when it compares counts next time; a caller reading its own write sees the new count.
      ~Count() {
        if (db.accounts_touched_) {
          db.accounts_touched_ = false;
          db.accounts_changes_.fetch_add(1, std::memory_order_release);
        }
        db.changes_.fetch_add(1, std::memory_order_release);
      }
    } count{*this};
    return RunTx(*writer_, "BEGIN IMMEDIATE", body);
  }

  // SQLite's update hook on the writer: called for every row the writer inserts, updates or deletes
  // (triggers and foreign-key actions included; not for a DELETE without WHERE, which no statement
  // on these tables uses, nor for the rows of WITHOUT ROWID tables, which these are not). Only
  // notes that the transaction touched an account table; the count moves after it ends, as above.
  static void OnRowChange(void* self, int, const char*, const char* table, sqlite3_int64) {
    const std::string_view t(table);
    if (t == "auth_session" || t == "app_user" || t == "user_assignment")
      static_cast<SqliteDatabase*>(self)->accounts_touched_ = true;
  }

  // Checkpoints (docs/storage.md "Checkpoints mostly off the write path"). SQLite's automatic
  // checkpoint copies the WAL's frames into the database file and syncs both on the committing
  // connection once the WAL holds 1 000 pages, so with group commit every caller queued behind the
  // leader waited for it. Instead, called by SQLite on the writer after each commit (the write lock
  // released) with the frames now in the WAL:
  //  - from kCheckpointFrames on, the checkpointer thread is asked for a PASSIVE checkpoint on its
  //    own connection: it copies and syncs while groups keep committing;
  //  - when one has run and at most kFinishFrames were added since (and none runs now), the writer
  //    copies those last frames itself: the WAL is then wholly in the database file, and SQLite
  //    starts it again from its beginning at the writer's next transaction (a WAL is only restarted
  //    when every frame was copied, which a background checkpoint alone never achieves under a
  //    continuous load);
  //  - from kInlineCheckpointFrames on (the checkpointer cannot keep up, e.g. a long reader pins the
  //    WAL) the writer checkpoints whatever it can, as SQLite would, so the WAL stays bounded;
  //  - except after one transaction that alone added kInlineCheckpointFrames or more (a roster
  //    import) while no background checkpoint runs: those go to the checkpointer as well, so the
  //    import's caller is answered once its frames are durable, not after they were copied too.
  // SQLite's own rules apply to every checkpoint: the WAL is synced before frames are copied and the
  // database after, so nothing acknowledged depends on a frame that can be overwritten.
  static int OnWalCommit(void* self, sqlite3* db, const char* name, int frames) {
    auto* d = static_cast<SqliteDatabase*>(self);
    // Frames this transaction added (the WAL started again when there are fewer than before).
    const int added = frames >= d->wal_frames_ ? frames - d->wal_frames_ : frames;
    d->wal_frames_ = frames;
    if (frames < kCheckpointFrames) return SQLITE_OK;
    const int copied = d->copied_.load(std::memory_order_acquire);
    const bool running = d->checkpoint_running_.load(std::memory_order_acquire);
    const bool bulk = added >= kInlineCheckpointFrames && !running;
    if ((frames >= kInlineCheckpointFrames && !bulk) ||
        (!running && copied > 0 && copied <= frames && frames - copied <= kFinishFrames)) {
      if (sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr) == SQLITE_OK)
        (frames >= kInlineCheckpointFrames ? d->inline_ : d->finished_).fetch_add(1, std::memory_order_release);
      d->copied_.store(0, std::memory_order_release);  // the WAL starts again at the next transaction
      return SQLITE_OK;
    }
    if (!running) {
      {
        std::lock_guard lock(d->checkpoint_mu_);
        d->checkpoint_wanted_ = true;
      }
      d->checkpoint_cv_.notify_one();
    }
    return SQLITE_OK;
  }

  void CheckpointLoop() {
    std::unique_lock lock(checkpoint_mu_);
    for (;;) {
      checkpoint_cv_.wait(lock, [&] { return checkpoint_wanted_ || checkpoint_stop_; });
      if (checkpoint_stop_) return;
      checkpoint_wanted_ = false;
      checkpoint_running_.store(true, std::memory_order_release);
      lock.unlock();
      int done = 0;
      int rc = sqlite3_wal_checkpoint_v2(checkpointer_->handle(), "main", SQLITE_CHECKPOINT_PASSIVE, nullptr, &done);
      if (rc == SQLITE_OK) {
        copied_.store(done, std::memory_order_release);
        background_.fetch_add(1, std::memory_order_release);
      } else {
        spdlog::debug("sqlite: background checkpoint: {}", sqlite3_errstr(rc));  // asked again at the next commit
      }
      checkpoint_running_.store(false, std::memory_order_release);
      lock.lock();
    }
  }

  // SQLite's default automatic checkpoint threshold (WAL pages), the frames the writer copies itself
  // to finish a background checkpoint, and the bound past which it checkpoints regardless.
  static constexpr int kCheckpointFrames = 1000;
  static constexpr int kFinishFrames = 400;
  static constexpr int kInlineCheckpointFrames = 16 * kCheckpointFrames;

  std::mutex write_mu_;
  std::atomic<std::uint64_t> changes_{0};  // write transactions and restores finished (ChangeCounter)
  // Write transactions that touched app_user, user_assignment or auth_session, and restores
  // (AccountsChangeCounter); accounts_touched_ is the writer's own flag, under write_mu_.
  std::atomic<std::uint64_t> accounts_changes_{0};
  bool accounts_touched_ = false;
  std::unique_ptr<WalSync> wal_;
  GroupCommit group_;
  std::unique_ptr<SqliteConnection> writer_;
  std::vector<std::unique_ptr<SqliteConnection>> readers_;
  std::mutex pool_mu_;
  std::condition_variable pool_cv_;
  std::vector<SqliteConnection*> idle_;
  std::unique_ptr<SqliteConnection> checkpointer_;
  int wal_frames_ = 0;          // the WAL's frames at the writer's last commit (OnWalCommit, writer thread only)
  std::atomic<int> copied_{0};  // frames the last background checkpoint copied (0: none since restart)
  std::atomic<bool> checkpoint_running_{false};
  std::atomic<std::uint64_t> background_{0}, finished_{0}, inline_{0};
  std::mutex checkpoint_mu_;
  std::condition_variable checkpoint_cv_;
  bool checkpoint_wanted_ = false;
  bool checkpoint_stop_ = false;
  std::thread checkpoint_thread_;  // last: started after, and joined before, everything it uses
};

}  // namespace

Result<std::unique_ptr<Database>> OpenSqlite(const SqliteOptions& options) {
  auto writer = OpenConnection(options, true);
  if (!writer) return std::move(writer).error();
  // A file database in WAL mode: commits skip the fsync and the group commit syncs the WAL after
  // the write lock is released (WalSync). Anything else keeps synchronous=FULL.
  std::unique_ptr<WalSync> wal;
  auto mode = (*writer)->Query("PRAGMA journal_mode", {});
  if (!mode) return std::move(mode).error();
  const char* file = sqlite3_db_filename((*writer)->handle(), "main");
  if (!mode->empty() && (*mode)[0].GetText(0) == "wal" && file && *file) {
    if (auto r = (*writer)->ExecScript(std::string("PRAGMA synchronous=NORMAL; ") + kWriterPragmas); !r)
      return std::move(r).error();
    wal = std::make_unique<WalSync>(std::string(file) + "-wal");
  }
  std::vector<std::unique_ptr<SqliteConnection>> readers;
  for (int i = 0; i < std::max(1, options.readers); ++i) {
    auto r = OpenConnection(options, false);
    if (!r) return std::move(r).error();
    readers.push_back(std::move(*r));
  }
  std::unique_ptr<SqliteConnection> checkpointer;
  if (wal) {
    auto c = OpenConnection(options, false);
    if (!c) return std::move(c).error();
    checkpointer = std::move(*c);
  }
  return std::unique_ptr<Database>(
      new SqliteDatabase(std::move(*writer), std::move(readers), std::move(wal), std::move(checkpointer)));
}

std::optional<SqliteCheckpointStats> SqliteCheckpoints(const Database& db) {
  const auto* sqlite = dynamic_cast<const SqliteDatabase*>(&db);
  return sqlite ? sqlite->Checkpoints() : std::nullopt;
}

std::optional<std::uint64_t> SqliteWalSyncs(const Database& db) {
  const auto* sqlite = dynamic_cast<const SqliteDatabase*>(&db);
  return sqlite ? sqlite->WalSyncs() : std::nullopt;
}

}  // namespace huanxin::store
