// SQLite driver: the embedded default for a county (ARCHITECTURE.md §4, §6).
//
// One writer connection behind a mutex (SQLite allows a single writer; queuing in-process is
// cheaper and fairer than spinning on SQLITE_BUSY), a pool of reader connections (WAL lets them
// read a snapshot while the writer writes). Every connection: journal_mode=WAL, foreign_keys=ON,
// busy_timeout, synchronous=FULL so that a write acknowledged to a client survives kill -9 and
// power loss. Prepared statements are cached per connection.
#pragma once

#include <memory>
#include <string>

#include "store/database.hpp"

namespace huanxin::store {

struct SqliteOptions {
  std::string path;             // file path; parent directory must exist
  int readers = 4;              // reader connections in the pool
  int busy_timeout_ms = 10000;  // wait on another process's lock before giving up (503)
};

// Opens (creating if needed) the database. Fails with kUnavailable if the file cannot be opened.
Result<std::unique_ptr<Database>> OpenSqlite(const SqliteOptions& options);

}  // namespace huanxin::store
