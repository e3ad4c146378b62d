// Stored files' rows (`stored_file`): what, how big, whose region, which context owns it. The bytes
// live on disk (service/file). Functions run in the caller's transaction and do not authorise.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "store/database.hpp"

namespace huanxin::store {

struct FileRecord {
  std::int64_t id = 0;
  std::string sha256, content_type, name, region_code, context, created_at;
  std::int64_t size_bytes = 0, uploaded_by = 0;
};

struct FileRepository {
  // Inserts the row (id ignored); returns the new id.
  static Result<std::int64_t> Insert(Session& s, const FileRecord& f);
  static Result<std::optional<FileRecord>> Find(Session& s, std::int64_t id);
  // Whether file `id` exists with a region inside `scope_prefix` ('' = anywhere).
  static Result<bool> ExistsInScope(Session& s, std::int64_t id, const std::string& scope_prefix);
};

}  // namespace huanxin::store
