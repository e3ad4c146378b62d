// Uploaded files (evidence photos of signed ballots, check-up photos, generated reports): bytes on
// disk under <var>/files/<sha256[0:2]>/<sha256>, content-addressed, written durably (fsync of the
// file and its folder) before the `stored_file` row commits; each file belongs to a region and is
// read back only inside the reader's scope, checked against its SHA-256.
#pragma once

#include <cstdint>
#include <string>
#include <utility>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "service/audit/audit_service.hpp"
#include "service/platform/actor.hpp"
#include "store/database.hpp"

namespace huanxin::service {

struct StoredFile {
  std::int64_t id = 0;
  std::string sha256, content_type, name, region_code, created_at;
  std::int64_t size_bytes = 0;
};

class FileStore {
 public:
  explicit FileStore(std::string dir) : dir_(std::move(dir)) {}

  // Writes the bytes (if not already there) and inserts the row inside the caller's transaction.
  Result<StoredFile> Put(store::Session& s, const Clock& clock, const Actor& actor, const std::string& region_code,
                         const std::string& name, const std::string& content_type, const std::string& bytes);
  // The row (scope-checked against `actor`) and the bytes.
  Result<std::pair<StoredFile, std::string>> Get(store::Database& db, const Actor& actor, std::int64_t id);

  const std::string& dir() const { return dir_; }

 private:
  std::string dir_;
};

}  // namespace huanxin::service
