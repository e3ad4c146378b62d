// SQLite driver: the embedded default for a county (ARCHITECTURE.md §4, §6).
//
// One writer connection behind a mutex (SQLite allows a single writer; queuing in-process is
// cheaper and fairer than spinning on SQLITE_BUSY), a pool of reader connections (WAL lets them
// read a snapshot while the writer writes). Every connection: journal_mode=WAL, foreign_keys=ON,
// busy_timeout. A write acknowledged to a client survives kill -9 and power loss: the writer commits
// with synchronous=NORMAL and the group commit then runs fdatasync on the WAL before answering the
// group, outside the write lock, so the next group's work overlaps this group's disk flush
// (WalSync, group_commit.hpp); a database without a WAL file keeps synchronous=FULL. Prepared
// statements are cached per connection.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "store/database.hpp"

namespace huanxin::store {

struct SqliteOptions {
  std::string path;             // file path; parent directory must exist
  int readers = 4;              // reader connections in the pool
  int busy_timeout_ms = 10000;  // wait on another process's lock before giving up (503)
};

// Opens (creating if needed) the database. Fails with kUnavailable if the file cannot be opened.
// A file database runs in WAL mode; its writes are durable when Write returns (the group commit
// syncs the WAL after each group, docs/storage.md "Group commit").
Result<std::unique_ptr<Database>> OpenSqlite(const SqliteOptions& options);

// For tests and diagnostics: the WAL syncs `db` (opened by OpenSqlite) has run after group commits;
// nullopt when `db` is not such a database or its commits sync by themselves (no WAL file).
std::optional<std::uint64_t> SqliteWalSyncs(const Database& db);

// For tests and diagnostics: WAL checkpoints of `db` (opened by OpenSqlite) so far: run by the
// background checkpointer, finished by the writer (the last frames after a background one, so the
// WAL restarts), and run whole by the writer because the background ones fell behind. nullopt when
// `db` has no WAL file (docs/storage.md "Checkpoints mostly off the write path").
struct SqliteCheckpointStats {
  std::uint64_t background = 0;
  std::uint64_t finished = 0;
  std::uint64_t inline_whole = 0;
};
std::optional<SqliteCheckpointStats> SqliteCheckpoints(const Database& db);

}  // namespace huanxin::store
