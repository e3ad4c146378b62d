// The built web app (web/dist), loaded into memory at start-up and served with the right MIME
// type, validators and caching: hashed files under /assets/ are immutable for a year; HTML is
// revalidated every time. Unknown non-file paths fall back to the SPA's index.html (/h5/… to
// h5/index.html). Thread safety: immutable after construction.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>

namespace huanxin::http {

struct StaticFile {
  std::shared_ptr<const std::string> body;
  std::string mime;
  std::string etag;
  bool immutable = false;
};

class StaticFiles {
 public:
  // Loads every regular file under `root` (missing root → empty set; the API still works).
  explicit StaticFiles(const std::string& root);
  // The file for a request path, applying the SPA fallback; nullptr when nothing fits.
  const StaticFile* Find(const std::string& path) const;
  std::size_t size() const { return files_.size(); }
  static std::string MimeFor(const std::string& path);

 private:
  std::map<std::string, StaticFile> files_;  // key: "/assets/app-1a2b.js"
};

}  // namespace huanxin::http
