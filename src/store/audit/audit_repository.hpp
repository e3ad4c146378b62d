// The append-only audit chain table (issue #2 §6). Append runs inside the caller's write
// transaction, so the audit row commits or rolls back with the change it records.
#pragma once

#include <optional>
#include <vector>

#include "core/audit/chain.hpp"
#include "store/auth/user_repository.hpp"
#include "store/database.hpp"

namespace huanxin::store {

struct AuditFilter {
  std::string scope_prefix;
  std::optional<std::string> region_prefix;
  std::optional<std::string> entity;
  std::optional<std::string> entity_id;
  std::optional<std::string> action;
  std::optional<std::int64_t> user_id;
  std::optional<std::string> from;  // ISO, inclusive
  std::optional<std::string> to;    // ISO, exclusive
  std::int64_t limit = 20;
  std::int64_t offset = 0;
};

class AuditRepository {
 public:
  // Fills seq, prev_hash and hash of `e` and stores it. Takes the chain head's row lock first
  // (UPDATE … RETURNING), so concurrent appenders on PostgreSQL queue instead of forking the chain.
  static Result<void> Append(Session& s, core::audit::Entry& e);
  // Newest first.
  static Result<std::vector<core::audit::Entry>> List(Session& s, const AuditFilter& f, Page& page);
  // Entries with seq > after_seq in seq order, at most `limit` (for verification).
  static Result<std::vector<core::audit::Entry>> Range(Session& s, std::int64_t after_seq, std::int64_t limit);
  // The head as recorded (seq, hash): verification also checks that the last row matches it, so
  // truncating the tail is detected.
  static Result<std::pair<std::int64_t, std::string>> Head(Session& s);
};

}  // namespace huanxin::store
