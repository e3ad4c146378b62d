#include "store/replicated_database.hpp"

#include <spdlog/spdlog.h>

#include <atomic>
#include <charconv>
#include <mutex>
#include <unordered_map>

namespace huanxin::store {

namespace {
thread_local ReadRouting tl_routing;

std::int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

constexpr std::uint64_t kUnknownLsn = ~std::uint64_t{0};

// One LSN read as text ("X/Y"), in its own transaction.
Result<std::optional<std::uint64_t>> ReadLsn(Database& db, std::string_view sql) {
  std::optional<std::uint64_t> out;
  auto r = db.Read([&](Session& s) -> Result<void> {
    auto rows = s.Query(sql);
    if (!rows) return std::move(rows).error();
    if (!rows->empty() && !rows->front().IsNull(0)) out = ParseLsn(rows->front().GetText(0));
    return Ok();
  });
  if (!r) return std::move(r).error();
  return out;
}

class ReplicatedDatabase final : public Database {
 public:
  ReplicatedDatabase(std::unique_ptr<Database> primary, ReplicaOptions options, ReplicaOpener open)
      : primary_(std::move(primary)), retry_ms_(options.retry.count()), open_(std::move(open)) {
    for (auto& c : options.conninfos) replicas_.push_back(std::make_unique<Replica>(std::move(c)));
  }

  Dialect dialect() const override { return primary_->dialect(); }

  Result<void> Read(const SessionFn& fn) override {
    const ReadRouting& routing = tl_routing;
    if (!routing.replica_ok || replicas_.empty()) return primary_->Read(fn);
    const std::uint64_t need = WriterLsn(routing.writer);
    const std::size_t n = replicas_.size();
    const std::size_t first = next_.fetch_add(1, std::memory_order_relaxed);
    for (std::size_t i = 0; i < n; ++i) {
      Replica& r = *replicas_[(first + i) % n];
      Database* db = Usable(r);
      if (!db) continue;
      if (need > r.replayed.load()) {
        // Asked before the read's own transaction, so its snapshot includes everything replayed.
        auto lsn = ReadLsn(*db, "SELECT pg_last_wal_replay_lsn()::text");
        if (!lsn) {
          MarkDown(r, lsn.error().detail.en);
          continue;
        }
        if (*lsn) AdvanceTo(r.replayed, **lsn);
        if (need > r.replayed.load()) continue;  // not there yet: another replica, or the primary
      }
      bool started = false;
      auto out = db->Read([&](Session& s) {
        started = true;
        return fn(s);
      });
      // Failed before the caller's function ran (connection refused or lost at BEGIN): the
      // primary answers instead; a failure inside the function is the caller's answer.
      if (out || started) {
        replica_reads_.fetch_add(1, std::memory_order_relaxed);
        return out;
      }
      MarkDown(r, out.error().detail.en);
    }
    primary_reads_.fetch_add(1, std::memory_order_relaxed);
    return primary_->Read(fn);
  }

  Result<void> Write(const SessionFn& fn) override {
    auto out = primary_->Write(fn);
    const std::string& writer = tl_routing.writer;
    if (!out || writer.empty() || replicas_.empty()) return out;
    // At or past this write's commit record: the commit is durable and flushed before Write returns.
    auto lsn = ReadLsn(*primary_, "SELECT pg_current_wal_lsn()::text");
    RecordWrite(writer, lsn && *lsn ? **lsn : kUnknownLsn);
    return out;
  }

  Result<void> Backup(const std::string& path) override { return primary_->Backup(path); }
  Result<void> Restore(const std::string& path) override { return primary_->Restore(path); }
  std::optional<std::uint64_t> ChangeCounter() const override { return primary_->ChangeCounter(); }
  std::optional<std::uint64_t> AccountsChangeCounter() const override { return primary_->AccountsChangeCounter(); }

  ReplicaStats Stats() const { return {replica_reads_.load(), primary_reads_.load(), replica_failures_.load()}; }

 private:
  struct Replica {
    explicit Replica(std::string c) : conninfo(std::move(c)) {}
    std::string conninfo;
    std::mutex mu;                       // guards opening
    std::atomic<Database*> db{nullptr};  // owned by `owned` once opened
    std::unique_ptr<Database> owned;
    std::atomic<std::int64_t> down_until_ms{0};
    std::atomic<std::uint64_t> replayed{0};  // highest replay position seen
  };

  // The replica's database when it is in rotation, opening it on first use; nullptr otherwise.
  Database* Usable(Replica& r) {
    if (NowMs() < r.down_until_ms.load()) return nullptr;
    if (auto* db = r.db.load()) return db;
    std::lock_guard lock(r.mu);
    if (auto* db = r.db.load()) return db;
    if (NowMs() < r.down_until_ms.load()) return nullptr;
    auto opened = open_(r.conninfo);
    if (!opened) {
      MarkDown(r, opened.error().detail.en);
      return nullptr;
    }
    // A server that is not in recovery is not a replica: its data need not match the primary's.
    auto recovery = ReadResult(
        **opened, [](Session& s) { return QueryInt(s, "SELECT CASE WHEN pg_is_in_recovery() THEN 1 ELSE 0 END"); });
    if (!recovery || *recovery != 1) {
      MarkDown(r, recovery ? "the server is not a streaming replica (pg_is_in_recovery() is false)"
                           : recovery.error().detail.en);
      return nullptr;
    }
    r.owned = std::move(*opened);
    r.db.store(r.owned.get());
    spdlog::info("read replica in rotation: {}", Redacted(r.conninfo));
    return r.owned.get();
  }

  void MarkDown(Replica& r, const std::string& why) {
    replica_failures_.fetch_add(1, std::memory_order_relaxed);
    const bool was_up = r.down_until_ms.exchange(NowMs() + retry_ms_) <= NowMs();
    if (was_up) spdlog::warn("read replica {} out of rotation for {} ms: {}", Redacted(r.conninfo), retry_ms_, why);
  }

  static void AdvanceTo(std::atomic<std::uint64_t>& a, std::uint64_t v) {
    auto cur = a.load();
    while (cur < v && !a.compare_exchange_weak(cur, v)) {
    }
  }

  // The connection string without a password, for logs.
  static std::string Redacted(const std::string& conninfo) {
    auto at = conninfo.find('@');
    auto scheme = conninfo.find("://");
    if (at == std::string::npos || scheme == std::string::npos || at < scheme) return conninfo;
    auto colon = conninfo.find(':', scheme + 3);
    if (colon == std::string::npos || colon > at) return conninfo;
    return conninfo.substr(0, colon) + ":***" + conninfo.substr(at);
  }

  std::uint64_t WriterLsn(const std::string& writer) {
    if (writer.empty()) return 0;
    std::lock_guard lock(writers_mu_);
    auto it = writers_.find(writer);
    return it == writers_.end() ? 0 : it->second;
  }

  void RecordWrite(const std::string& writer, std::uint64_t lsn) {
    std::lock_guard lock(writers_mu_);
    // Bounded: past 100 000 writers, forget those every replica has already replayed.
    if (writers_.size() >= 100000) {
      std::uint64_t all_replayed = kUnknownLsn;
      for (const auto& r : replicas_) all_replayed = std::min(all_replayed, r->replayed.load());
      std::erase_if(writers_, [&](const auto& kv) { return kv.second <= all_replayed; });
    }
    auto& at = writers_[writer];
    // An unknown position (the primary did not answer after the commit) sends the writer's reads
    // to the primary until a later write records a known one.
    at = lsn == kUnknownLsn ? kUnknownLsn : (at == kUnknownLsn ? lsn : std::max(at, lsn));
  }

  std::unique_ptr<Database> primary_;
  std::int64_t retry_ms_;
  ReplicaOpener open_;
  std::vector<std::unique_ptr<Replica>> replicas_;
  std::atomic<std::size_t> next_{0};
  std::mutex writers_mu_;
  std::unordered_map<std::string, std::uint64_t> writers_;  // writer → WAL position of its last commit
  std::atomic<std::uint64_t> replica_reads_{0}, primary_reads_{0}, replica_failures_{0};
};
}  // namespace

ReadRoutingScope::ReadRoutingScope(bool replica_ok, std::string writer) : saved_(std::move(tl_routing)) {
  tl_routing = ReadRouting{replica_ok, std::move(writer)};
}
ReadRoutingScope::~ReadRoutingScope() { tl_routing = std::move(saved_); }

const ReadRouting& CurrentReadRouting() { return tl_routing; }

std::unique_ptr<Database> WithReplicas(std::unique_ptr<Database> primary, ReplicaOptions options, ReplicaOpener open) {
  return std::make_unique<ReplicatedDatabase>(std::move(primary), std::move(options), std::move(open));
}

std::optional<ReplicaStats> ReplicaStatsOf(const Database& db) {
  if (const auto* r = dynamic_cast<const ReplicatedDatabase*>(&db)) return r->Stats();
  return std::nullopt;
}

std::optional<std::uint64_t> ParseLsn(std::string_view text) {
  auto slash = text.find('/');
  if (slash == std::string_view::npos || slash == 0 || slash + 1 >= text.size()) return std::nullopt;
  std::uint32_t hi = 0, lo = 0;
  auto a = std::from_chars(text.data(), text.data() + slash, hi, 16);
  auto b = std::from_chars(text.data() + slash + 1, text.data() + text.size(), lo, 16);
  if (a.ec != std::errc{} || a.ptr != text.data() + slash || b.ec != std::errc{} || b.ptr != text.data() + text.size())
    return std::nullopt;
  return (static_cast<std::uint64_t>(hi) << 32) | lo;
}

}  // namespace huanxin::store
