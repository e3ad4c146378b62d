#include "core/audit/chain.hpp"

#include "common/crypto.hpp"

namespace huanxin::core::audit {

namespace {
void Put(std::string& out, const std::string& field) {
  out += std::to_string(field.size());
  out += ':';
  out += field;
  out += ';';
}
}  // namespace

std::string CanonicalContent(const Entry& e) {
  std::string out;
  out.reserve(256 + e.changes.size());
  Put(out, std::to_string(e.seq));
  Put(out, e.at);
  Put(out, std::to_string(e.user_id));
  Put(out, e.username);
  Put(out, e.role);
  Put(out, e.action);
  Put(out, e.entity);
  Put(out, e.entity_id);
  Put(out, e.region_code);
  Put(out, e.changes);
  Put(out, e.request_id);
  return out;
}

std::string ChainHash(const std::string& prev_hash, const Entry& e) {
  return Sha256Hex(prev_hash + CanonicalContent(e));
}

std::optional<std::int64_t> VerifyEntries(std::span<const Entry> entries, VerifyState& state) {
  for (const auto& e : entries) {
    // A gap in seq means a deleted row; a wrong prev_hash means a re-linked row.
    if (e.seq != state.next_seq || e.prev_hash != state.prev_hash ||
        e.hash != ChainHash(state.prev_hash, e))
      return e.seq;
    state.prev_hash = e.hash;
    ++state.next_seq;
  }
  return std::nullopt;
}

}  // namespace huanxin::core::audit
