#include "store/sqlite/wal_buffer.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <new>
#include <string>
#include <vector>

namespace huanxin::store::sqlite_wal {

namespace {

constexpr const char* kName = "huanxin-buffered-wal";
// SQLite writes a frame as its header (this size, sqlite3 wal.c WAL_FRAME_HDRSIZE), then its page.
constexpr int kFrameHeader = 24;
// A large transaction's spilled pages reach the file once this much is buffered.
constexpr std::size_t kCap = std::size_t{1} << 20;
// The unix VFS writes at most 128 KiB - 1 bytes per call (seekAndWrite masks the length with
// 0x1ffff; a longer write reports SQLITE_FULL), so a flush hands it pieces of 124 KiB.
constexpr std::size_t kPiece = 124 * 1024;

std::atomic<std::uint64_t> requested{0};
std::atomic<std::uint64_t> written{0};

struct File;

// The database file and the WAL files of one database path (normally one connection's pair):
// publishing a commit through the database file flushes its WAL files' buffers.
struct Database {
  std::mutex mu;  // every buffer of `wals`
  std::vector<File*> wals;
};

std::mutex registry_mu;
std::map<std::string, std::weak_ptr<Database>>& Registry() {
  static auto* registry = new std::map<std::string, std::weak_ptr<Database>>();
  return *registry;
}

std::shared_ptr<Database> DatabaseOf(const std::string& path) {
  std::lock_guard lock(registry_mu);
  auto& slot = Registry()[path];
  auto db = slot.lock();
  if (!db) {
    db = std::make_shared<Database>();
    slot = db;
  }
  // Forget paths whose files are all closed.
  for (auto it = Registry().begin(); it != Registry().end();)
    it = it->second.expired() ? Registry().erase(it) : std::next(it);
  return db;
}

struct File {
  sqlite3_file base;  // first: SQLite sees a File as its sqlite3_file
  sqlite3_file* real = nullptr;
  std::shared_ptr<Database> db;
  bool wal = false;
  std::string buffer;  // WAL only: bytes not yet written, which belong at `buffer_at`
  sqlite3_int64 buffer_at = 0;
  sqlite3_int64 commit_page_at = -1;  // where the page of a buffered commit frame goes

  int Flush() {  // with db->mu held
    if (buffer.empty()) return SQLITE_OK;
    int rc = SQLITE_OK;
    for (std::size_t done = 0; done < buffer.size() && rc == SQLITE_OK; done += kPiece) {
      written.fetch_add(1, std::memory_order_relaxed);
      auto n = std::min(kPiece, buffer.size() - done);
      rc = real->pMethods->xWrite(real, buffer.data() + done, static_cast<int>(n),
                                  buffer_at + static_cast<sqlite3_int64>(done));
    }
    buffer.clear();
    if (buffer.capacity() > 2 * kCap) std::string().swap(buffer);
    return rc;
  }
  int FlushNow() {
    if (!wal) return SQLITE_OK;
    std::lock_guard lock(db->mu);
    return Flush();
  }
};

File* Self(sqlite3_file* f) { return reinterpret_cast<File*>(f); }
sqlite3_vfs* Real(sqlite3_vfs* vfs) { return static_cast<sqlite3_vfs*>(vfs->pAppData); }

// The commit flag of a frame header: the database size in pages after the commit, 0 otherwise.
bool IsCommitFrameHeader(const void* p, int n) {
  if (n != kFrameHeader) return false;
  const auto* b = static_cast<const unsigned char*>(p);
  return (b[4] | b[5] | b[6] | b[7]) != 0;
}

int Close(sqlite3_file* f) {
  File* self = Self(f);
  int flushed = self->FlushNow();
  if (self->wal) {
    std::lock_guard lock(self->db->mu);
    auto& wals = self->db->wals;
    wals.erase(std::remove(wals.begin(), wals.end(), self), wals.end());
  }
  int rc = self->real->pMethods->xClose(self->real);
  self->~File();
  return flushed != SQLITE_OK ? flushed : rc;
}

int Read(sqlite3_file* f, void* p, int n, sqlite3_int64 at) {
  File* self = Self(f);
  if (int rc = self->FlushNow(); rc != SQLITE_OK) return rc;
  return self->real->pMethods->xRead(self->real, p, n, at);
}

int Write(sqlite3_file* f, const void* p, int n, sqlite3_int64 at) {
  File* self = Self(f);
  if (!self->wal) return self->real->pMethods->xWrite(self->real, p, n, at);
  requested.fetch_add(1, std::memory_order_relaxed);
  std::lock_guard lock(self->db->mu);
  auto& buffer = self->buffer;
  if (!buffer.empty() && at != self->buffer_at + static_cast<sqlite3_int64>(buffer.size()))
    if (int rc = self->Flush(); rc != SQLITE_OK) return rc;
  if (buffer.empty()) self->buffer_at = at;
  // (Kept across a flush: a header that fills the buffer to its cap is written at once, and its page
  // must still bring the commit's frames out when it follows.)
  const bool commit_page = at == self->commit_page_at;
  if (commit_page) self->commit_page_at = -1;
  buffer.append(static_cast<const char*>(p), static_cast<std::size_t>(n));
  if (IsCommitFrameHeader(p, n)) self->commit_page_at = at + kFrameHeader;
  // The commit frame is whole: the transaction's frames reach the file now, and a failure is this
  // write's (SQLite then rolls the transaction back).
  if (commit_page || buffer.size() >= kCap) return self->Flush();
  return SQLITE_OK;
}

int Truncate(sqlite3_file* f, sqlite3_int64 size) {
  File* self = Self(f);
  if (int rc = self->FlushNow(); rc != SQLITE_OK) return rc;
  return self->real->pMethods->xTruncate(self->real, size);
}

int Sync(sqlite3_file* f, int flags) {
  File* self = Self(f);
  if (int rc = self->FlushNow(); rc != SQLITE_OK) return rc;
  return self->real->pMethods->xSync(self->real, flags);
}

int FileSize(sqlite3_file* f, sqlite3_int64* size) {
  File* self = Self(f);
  if (int rc = self->FlushNow(); rc != SQLITE_OK) return rc;
  return self->real->pMethods->xFileSize(self->real, size);
}

int Lock(sqlite3_file* f, int level) { return Self(f)->real->pMethods->xLock(Self(f)->real, level); }
int Unlock(sqlite3_file* f, int level) { return Self(f)->real->pMethods->xUnlock(Self(f)->real, level); }
int CheckReservedLock(sqlite3_file* f, int* out) {
  return Self(f)->real->pMethods->xCheckReservedLock(Self(f)->real, out);
}

int FileControl(sqlite3_file* f, int op, void* arg) {
  File* self = Self(f);
  if (int rc = self->FlushNow(); rc != SQLITE_OK) return rc;
  return self->real->pMethods->xFileControl(self->real, op, arg);
}

int SectorSize(sqlite3_file* f) { return Self(f)->real->pMethods->xSectorSize(Self(f)->real); }
int DeviceCharacteristics(sqlite3_file* f) { return Self(f)->real->pMethods->xDeviceCharacteristics(Self(f)->real); }

int ShmMap(sqlite3_file* f, int page, int size, int extend, void volatile** p) {
  auto* real = Self(f)->real;
  if (real->pMethods->iVersion < 2 || !real->pMethods->xShmMap) return SQLITE_IOERR_SHMMAP;
  return real->pMethods->xShmMap(real, page, size, extend, p);
}
int ShmLock(sqlite3_file* f, int offset, int n, int flags) {
  auto* real = Self(f)->real;
  if (real->pMethods->iVersion < 2 || !real->pMethods->xShmLock) return SQLITE_IOERR_SHMLOCK;
  return real->pMethods->xShmLock(real, offset, n, flags);
}

// SQLite writes the wal-index header around this call when it publishes a commit (two copies, this
// barrier between them); a reader trusts the header only when both copies agree. Every frame of the
// commit must be in the WAL file before that: normally the commit frame's write flushed them
// already. A write that fails here cannot be reported to SQLite, and going on would publish frames
// the file does not hold, so the process stops: the commit was neither published whole nor
// acknowledged, and recovery drops its incomplete frames.
void ShmBarrier(sqlite3_file* f) {
  File* self = Self(f);
  if (self->db) {
    std::lock_guard lock(self->db->mu);
    for (File* wal : self->db->wals)
      if (int rc = wal->Flush(); rc != SQLITE_OK) {
        std::fprintf(stderr, "huanxin: writing the WAL failed (SQLite error %d) while publishing a commit\n", rc);
        std::abort();
      }
  }
  auto* real = self->real;
  if (real->pMethods->iVersion >= 2 && real->pMethods->xShmBarrier) real->pMethods->xShmBarrier(real);
}
int ShmUnmap(sqlite3_file* f, int remove) {
  auto* real = Self(f)->real;
  if (real->pMethods->iVersion < 2 || !real->pMethods->xShmUnmap) return SQLITE_OK;
  return real->pMethods->xShmUnmap(real, remove);
}

int Fetch(sqlite3_file* f, sqlite3_int64 at, int n, void** p) {
  auto* real = Self(f)->real;
  if (real->pMethods->iVersion < 3 || !real->pMethods->xFetch) {
    *p = nullptr;
    return SQLITE_OK;
  }
  if (int rc = Self(f)->FlushNow(); rc != SQLITE_OK) return rc;
  return real->pMethods->xFetch(real, at, n, p);
}
int Unfetch(sqlite3_file* f, sqlite3_int64 at, void* p) {
  auto* real = Self(f)->real;
  if (real->pMethods->iVersion < 3 || !real->pMethods->xUnfetch) return SQLITE_OK;
  return real->pMethods->xUnfetch(real, at, p);
}

const sqlite3_io_methods kMethods = {
    3,
    Close,
    Read,
    Write,
    Truncate,
    Sync,
    FileSize,
    Lock,
    Unlock,
    CheckReservedLock,
    FileControl,
    SectorSize,
    DeviceCharacteristics,
    ShmMap,
    ShmLock,
    ShmBarrier,
    ShmUnmap,
    Fetch,
    Unfetch,
};

constexpr int RealOffset() { return static_cast<int>((sizeof(File) + 15) / 16 * 16); }

int Open(sqlite3_vfs* vfs, const char* name, sqlite3_file* f, int flags, int* out_flags) {
  auto* self = new (f) File();
  self->real = reinterpret_cast<sqlite3_file*>(reinterpret_cast<char*>(f) + RealOffset());
  int rc = Real(vfs)->xOpen(Real(vfs), name, self->real, flags, out_flags);
  if (rc != SQLITE_OK || !self->real->pMethods) {
    self->~File();
    f->pMethods = nullptr;
    return rc != SQLITE_OK ? rc : SQLITE_CANTOPEN;
  }
  std::string path = name ? std::string(name) : std::string();
  if ((flags & SQLITE_OPEN_WAL) && path.size() > 4 && path.compare(path.size() - 4, 4, "-wal") == 0) {
    self->wal = true;
    self->db = DatabaseOf(path.substr(0, path.size() - 4));
    std::lock_guard lock(self->db->mu);
    self->db->wals.push_back(self);
  } else if ((flags & SQLITE_OPEN_MAIN_DB) && !path.empty()) {
    self->db = DatabaseOf(path);
  }
  f->pMethods = &kMethods;
  return SQLITE_OK;
}

int Delete(sqlite3_vfs* v, const char* n, int sync) { return Real(v)->xDelete(Real(v), n, sync); }
int Access(sqlite3_vfs* v, const char* n, int flags, int* out) { return Real(v)->xAccess(Real(v), n, flags, out); }
int FullPathname(sqlite3_vfs* v, const char* n, int size, char* out) {
  return Real(v)->xFullPathname(Real(v), n, size, out);
}
void* DlOpen(sqlite3_vfs* v, const char* n) { return Real(v)->xDlOpen(Real(v), n); }
void DlError(sqlite3_vfs* v, int n, char* out) { Real(v)->xDlError(Real(v), n, out); }
void (*DlSym(sqlite3_vfs* v, void* h, const char* s))(void) { return Real(v)->xDlSym(Real(v), h, s); }
void DlClose(sqlite3_vfs* v, void* h) { Real(v)->xDlClose(Real(v), h); }
int Randomness(sqlite3_vfs* v, int n, char* out) { return Real(v)->xRandomness(Real(v), n, out); }
int Sleep(sqlite3_vfs* v, int us) { return Real(v)->xSleep(Real(v), us); }
int CurrentTime(sqlite3_vfs* v, double* out) { return Real(v)->xCurrentTime(Real(v), out); }
int GetLastError(sqlite3_vfs* v, int n, char* out) { return Real(v)->xGetLastError(Real(v), n, out); }
int CurrentTimeInt64(sqlite3_vfs* v, sqlite3_int64* out) { return Real(v)->xCurrentTimeInt64(Real(v), out); }
int SetSystemCall(sqlite3_vfs* v, const char* n, sqlite3_syscall_ptr p) {
  return Real(v)->xSetSystemCall(Real(v), n, p);
}
sqlite3_syscall_ptr GetSystemCall(sqlite3_vfs* v, const char* n) { return Real(v)->xGetSystemCall(Real(v), n); }
const char* NextSystemCall(sqlite3_vfs* v, const char* n) { return Real(v)->xNextSystemCall(Real(v), n); }

}  // namespace

const char* BufferedWalVfs() {
  static const char* name = [] {
    sqlite3_initialize();
    sqlite3_vfs* real = sqlite3_vfs_find(nullptr);  // the default: "unix" on Linux
    // Version 3 of the VFS interface, which the unix VFS implements in full; the object lives as
    // long as the process (SQLite keeps a pointer to it).
    auto* vfs = new sqlite3_vfs{};
    vfs->iVersion = std::min(3, real->iVersion);
    vfs->szOsFile = RealOffset() + real->szOsFile;
    vfs->mxPathname = real->mxPathname;
    vfs->zName = kName;
    vfs->pAppData = real;
    vfs->xOpen = Open;
    vfs->xDelete = Delete;
    vfs->xAccess = Access;
    vfs->xFullPathname = FullPathname;
    vfs->xDlOpen = DlOpen;
    vfs->xDlError = DlError;
    vfs->xDlSym = DlSym;
    vfs->xDlClose = DlClose;
    vfs->xRandomness = Randomness;
    vfs->xSleep = Sleep;
    vfs->xCurrentTime = CurrentTime;
    vfs->xGetLastError = GetLastError;
    vfs->xCurrentTimeInt64 = CurrentTimeInt64;
    vfs->xSetSystemCall = SetSystemCall;
    vfs->xGetSystemCall = GetSystemCall;
    vfs->xNextSystemCall = NextSystemCall;
    sqlite3_vfs_register(vfs, /*makeDflt=*/0);
    return kName;
  }();
  return name;
}

WalWriteCounts Counts() { return {requested.load(std::memory_order_relaxed), written.load(std::memory_order_relaxed)}; }

}  // namespace huanxin::store::sqlite_wal
