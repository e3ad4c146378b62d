// Reads served by PostgreSQL streaming replicas (issue #16, docs/scaling.md "Read replicas").
//
// A Database decorator over the primary: every Write, and every Read outside a request marked
// read-only, goes to the primary. A Read inside a ReadRouting scope that allows replicas goes to a
// replica (round robin) when
//  - the replica is up: a connection failure before the read started leaves the read on the
//    primary and the replica out of rotation for `retry`, then it is tried again (a replica that was
//    down at start-up is opened later the same way); and
//  - the replica has replayed the caller's own last write (read-your-writes): after each commit on
//    behalf of a writer, the primary's WAL position (pg_current_wal_lsn(), at or past the commit
//    record) is kept for that writer; the writer's reads go to a replica only once its
//    pg_last_wal_replay_lsn() — asked in a transaction of its own, before the read's snapshot — is
//    at or past that position. Until then they go to the primary.
// Other callers may read a replica's slightly older state (asynchronous streaming): the routes
// marked read-only are lists, statistics and the public portal, never a check that guards a write.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace huanxin::store {

// The current thread's request, as the HTTP pipeline marks it around a handler: whether its reads
// may be served by a replica, and who is acting (a user key such as "u42"; empty = nobody, whose
// writes are not tracked).
struct ReadRouting {
  bool replica_ok = false;
  std::string writer;
};

// Sets the current thread's ReadRouting for its lifetime (restoring the previous one after).
class ReadRoutingScope {
 public:
  ReadRoutingScope(bool replica_ok, std::string writer);
  ~ReadRoutingScope();
  ReadRoutingScope(const ReadRoutingScope&) = delete;
  ReadRoutingScope& operator=(const ReadRoutingScope&) = delete;

 private:
  ReadRouting saved_;
};

// The current thread's routing (the default: primary only, no writer).
const ReadRouting& CurrentReadRouting();

// Opens one replica by its connection string (the PostgreSQL driver, given by the application:
// the store library names no driver).
using ReplicaOpener = std::function<Result<std::unique_ptr<Database>>(const std::string& conninfo)>;

struct ReplicaOptions {
  std::vector<std::string> conninfos;
  std::chrono::milliseconds retry{2000};  // how long a failed replica stays out of rotation
};

// Counters for tests and logs: reads served by replicas and by the primary inside replica scopes.
struct ReplicaStats {
  std::uint64_t replica_reads = 0, primary_reads = 0, replica_failures = 0;
};

// The decorator. `primary` must be PostgreSQL. Replicas are opened lazily (first use, then after
// each retry interval while they fail).
std::unique_ptr<Database> WithReplicas(std::unique_ptr<Database> primary, ReplicaOptions options, ReplicaOpener open);

// Stats of a database made by WithReplicas (nullopt for any other).
std::optional<ReplicaStats> ReplicaStatsOf(const Database& db);

// "16/B374D848" → its 64-bit position; nullopt if malformed. Exposed for tests.
std::optional<std::uint64_t> ParseLsn(std::string_view text);

}  // namespace huanxin::store
