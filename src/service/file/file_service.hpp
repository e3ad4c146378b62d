// Files (evidence photos of signed ballots, check-up photos, generated reports), owned by the
// context that stored them. Bytes live on disk under <var>/files/<sha256[0:2]>/<sha256>,
// content-addressed and written durably (fsync of the file and its folder) before the
// `stored_file` row commits (store/file). Reading asks the owning context whether the reader may
// see the file (its read policy), after the region scope check every file gets; the bytes are
// checked against their SHA-256.
//
// Thread safety: SetReadPolicy only while wiring, before serving; everything else from any thread.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "service/platform/actor.hpp"
#include "store/database.hpp"

namespace huanxin::service {

struct StoredFile {
  std::int64_t id = 0;
  std::string sha256, content_type, name, region_code, created_at;
  std::int64_t size_bytes = 0;
  std::string context;  // the owning context ('' for files stored before contexts owned them)
};

// A photo ready to store: its MIME type and its bytes without metadata.
struct CheckedPhoto {
  std::string content_type;
  std::string bytes;
};

// Checks an uploaded photo and strips its metadata (EXIF: GPS, device; PIPL Art. 6) before a context
// stores it: 413 file.too_large over 10 MiB, 415 file.unsupported_type unless JPEG, PNG or WebP
// (`hint` says what to upload), 422 file.bad_image when the file is damaged. Pure; thread safe.
Result<CheckedPhoto> CheckPhoto(const std::string& name, const std::string& bytes, Text hint = {});

class FileService {
 public:
  // Whether `actor` may read `file` of the policy's context; the region scope is already checked.
  using ReadPolicy = std::function<Result<void>(const Actor& actor, const StoredFile& file)>;

  FileService(store::Database& db, const Clock& clock, std::string dir)
      : db_(db), clock_(clock), dir_(std::move(dir)) {}

  // The owning context's rule for reading its files (one per context; a second call replaces it).
  void SetReadPolicy(const std::string& context, ReadPolicy policy);

  // Writes the bytes (if not already there) and inserts the row inside the caller's transaction.
  // `context` names the owner, whose read policy decides later reads.
  Result<StoredFile> Put(store::Session& s, const Actor& actor, const std::string& context, const std::string& region_code,
                         const std::string& name, const std::string& content_type, const std::string& bytes);
  // The row, inside the caller's transaction (for contexts checking a reference); no authorisation.
  Result<std::optional<StoredFile>> Find(store::Session& s, std::int64_t id);
  // The row and the bytes, when `actor` may read them: 404 file.not_found, 403 auth.out_of_scope
  // (the file's region is outside the scope), the owner's refusal (403), 503 file.read_failed,
  // 500 file.corrupt (the bytes no longer match their SHA-256). Files stored before contexts owned
  // them are readable under any context's policy.
  Result<std::pair<StoredFile, std::string>> Read(const Actor& actor, std::int64_t id);

  const std::string& dir() const { return dir_; }

 private:
  store::Database& db_;
  const Clock& clock_;
  std::string dir_;
  std::map<std::string, ReadPolicy> policies_;
};

}  // namespace huanxin::service
