// The writer's WAL writes, gathered into one write per commit (docs/storage.md "WAL writes of a
// commit in one system call").
//
// SQLite appends a commit to the WAL frame by frame, each frame with two `pwrite`s (its 24-byte
// header, then the page): a group of ballots that touches 20 pages made 40 system calls on the
// writer's thread while it held the write lock, and system calls are dear on a virtual machine.
// This VFS wraps the default one ("unix") and, for WAL files only, keeps consecutive writes in a
// buffer that reaches the file in one `pwrite`:
// - when the frame that commits a transaction has been written (its header names the database size
//   after the commit), inside that write, so a failure is the commit's own error and SQLite rolls
//   the transaction back as for any failed write;
// - before anything else touches the file (read, sync, truncate, size, file control, close), when a
//   write does not follow the buffered ones, and when the buffer reaches its cap (a large
//   transaction spills its pages to the WAL before its commit);
// - as a last guard, when SQLite publishes a commit to other connections (the wal-index header is
//   written around xShmBarrier on the database file): nothing is left to write then, unless the
//   commit frame was not recognised.
// Every write reaches the file in SQLite's order, and before the wal-index makes it visible, so
// readers (on any VFS) and the checkpointer read exactly what SQLite wrote; nothing is synced here
// (WalSync in sqlite_database.cpp makes a group durable after the write lock is released).
#pragma once

#include <cstdint>

namespace huanxin::store::sqlite_wal {

// Registers the VFS (once per process; not the default) and returns its name for sqlite3_open_v2.
const char* BufferedWalVfs();

// Process-wide counts for tests and diagnostics: WAL writes SQLite made through the VFS, and the
// `pwrite`s that reached the files for them.
struct WalWriteCounts {
  std::uint64_t requested = 0;
  std::uint64_t written = 0;
};
WalWriteCounts Counts();

}  // namespace huanxin::store::sqlite_wal
