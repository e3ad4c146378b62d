// The published heads of the audit chain (issue #15 "Tamper evidence"; docs/portal.md): one row per
// Beijing day, never changed once written.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace huanxin::store {

struct PublishedHead {
  std::string on;  // 'YYYY-MM-DD', Beijing
  std::int64_t seq = 0;
  std::string hash;
};

struct PublishedHeadRepository {
  // Every published head, oldest first.
  static Result<std::vector<PublishedHead>> List(Session& s);
  // Stores the head for its day unless that day has one (a published head never changes); true
  // when stored.
  static Result<bool> Publish(Session& s, const PublishedHead& head, const std::string& published_at);
};

}  // namespace huanxin::store
