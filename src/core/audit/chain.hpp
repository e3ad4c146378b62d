// The audit hash chain (issue #2 §6).
//
// Each audit row carries hash = SHA-256(previous row's hash ‖ canonical content of this row). The
// canonical content is every stored field, length-prefixed so no two different rows serialise to the
// same bytes. Editing, deleting or reordering any row breaks every hash from that row on.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>

namespace huanxin::core::audit {

// Hash of the (virtual) row before the first one.
inline const std::string kGenesisHash(64, '0');

struct Entry {
  std::int64_t seq = 0;  // position in the chain, 1-based, no gaps
  std::string at;        // ISO 8601 UTC
  std::int64_t user_id = 0;  // 0 for the system
  std::string username;
  std::string role;
  std::string action;     // e.g. "user.create"
  std::string entity;     // e.g. "user"
  std::string entity_id;  // e.g. "42"
  std::string region_code;
  std::string changes;    // JSON text {"field":{"from":…,"to":…}}
  std::string request_id;
  std::string prev_hash;
  std::string hash;
};

// The canonical byte string hashed for `e` (excludes prev_hash and hash).
std::string CanonicalContent(const Entry& e);
// SHA-256 hex of prev_hash ‖ CanonicalContent(e).
std::string ChainHash(const std::string& prev_hash, const Entry& e);

// Verifies consecutive entries starting after `prev_hash` at position `expected_seq`. Returns the
// seq of the first entry whose link or hash does not hold, or std::nullopt if all hold. Callers
// stream the table through this in pages, carrying the last hash and seq forward.
struct VerifyState {
  std::string prev_hash = kGenesisHash;
  std::int64_t next_seq = 1;
};
std::optional<std::int64_t> VerifyEntries(std::span<const Entry> entries, VerifyState& state);

}  // namespace huanxin::core::audit
