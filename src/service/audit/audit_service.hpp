// Appending to and reading the audit chain.
#pragma once

#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "core/audit/chain.hpp"
#include "service/platform/actor.hpp"
#include "store/audit/audit_repository.hpp"
#include "store/audit/published_head_repository.hpp"
#include "store/database.hpp"

namespace huanxin::service {

// The fields a write changed: {"field": {"from": old, "to": new}}. Secrets are never recorded
// (callers pass "***" for passwords).
class Changes {
 public:
  Changes& Set(std::string field, boost::json::value from, boost::json::value to);
  // Adds the field only when the values differ.
  Changes& Diff(std::string field, const boost::json::value& from, const boost::json::value& to);
  bool empty() const { return fields_.empty(); }
  std::string ToJson() const;

 private:
  std::vector<std::pair<std::string, std::pair<boost::json::value, boost::json::value>>> fields_;
};

// Appends one entry inside the caller's write transaction.
Result<void> RecordAudit(store::Session& s, const Clock& clock, const Actor& actor, std::string action,
                         std::string entity, std::string entity_id, std::string region_code,
                         const Changes& changes);

struct AuditQuery {
  std::optional<std::string> region_code;
  std::optional<std::string> entity;
  std::optional<std::string> entity_id;
  std::optional<std::string> action;
  std::optional<std::int64_t> user_id;
  std::optional<std::string> from;
  std::optional<std::string> to;
  std::int64_t page = 1;
  std::int64_t page_size = 20;
};

struct AuditPage {
  std::vector<core::audit::Entry> items;
  std::int64_t total = 0;
};

struct VerifyReport {
  bool ok = true;
  std::int64_t checked = 0;
  std::optional<std::int64_t> first_broken_seq;
  std::string reason;  // why it is broken, in English (CLI output)
  std::optional<std::string> head_on;  // VerifyAgainst: the saved head that no longer matches
};

class AuditService {
 public:
  AuditService(store::Database& db) : db_(db) {}
  // Scoped: only entries whose region lies in the actor's scope; requires audit:read.
  Result<AuditPage> List(const Actor& actor, const AuditQuery& q);
  // Walks the whole chain in pages of 1 000 rows (bounded memory).
  Result<VerifyReport> Verify();
  // Verify, then checks that each saved head's row still has exactly that hash (issue #15 "Tamper
  // evidence"): a chain rewritten consistently after a head was published is caught by anyone who
  // kept that head. The first head that does not match is named in `head_on` and `reason`.
  Result<VerifyReport> VerifyAgainst(const std::vector<store::PublishedHead>& saved);

  // The published heads, oldest first (public: GET /api/v1/public/audit-heads).
  Result<std::vector<store::PublishedHead>> PublishedHeads();
  // Publishes today's head (`on`, a Beijing date) unless that day has one; true when published.
  Result<bool> PublishHead(const std::string& on, const std::string& now_iso);

 private:
  store::Database& db_;
};

}  // namespace huanxin::service
