#include "http/static_files.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/crypto.hpp"

namespace huanxin::http {

namespace fs = std::filesystem;

std::string StaticFiles::MimeFor(const std::string& path) {
  static const std::map<std::string, std::string> kTypes = {
      {".html", "text/html; charset=utf-8"},   {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
      {".json", "application/json; charset=utf-8"}, {".webmanifest", "application/manifest+json"},
      {".svg", "image/svg+xml"},               {".png", "image/png"},
      {".jpg", "image/jpeg"},                  {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},                   {".webp", "image/webp"},
      {".ico", "image/x-icon"},                {".woff", "font/woff"},
      {".woff2", "font/woff2"},                {".ttf", "font/ttf"},
      {".map", "application/json; charset=utf-8"}, {".txt", "text/plain; charset=utf-8"},
      {".wasm", "application/wasm"},
  };
  auto ext = fs::path(path).extension().string();
  auto it = kTypes.find(ext);
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

StaticFiles::StaticFiles(const std::string& root) {
  std::error_code ec;
  if (root.empty() || !fs::is_directory(root, ec)) return;
  for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (!it->is_regular_file()) continue;
    std::ifstream in(it->path(), std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    std::string rel = "/" + fs::relative(it->path(), root).generic_string();
    StaticFile f;
    f.body = std::make_shared<const std::string>(ss.str());
    f.mime = MimeFor(rel);
    f.etag = "\"" + Sha256Hex(*f.body).substr(0, 32) + "\"";
    // Vite writes content-hashed names under assets/: safe to cache for good.
    f.immutable = rel.starts_with("/assets/");
    files_.emplace(std::move(rel), std::move(f));
  }
}

const StaticFile* StaticFiles::Find(const std::string& path) const {
  if (path.find("..") != std::string::npos) return nullptr;
  std::string key = path;
  if (key == "/api/docs" || key == "/api/docs/") key = "/api-docs/index.html";
  if (!key.empty() && key.back() == '/') key += "index.html";
  if (auto it = files_.find(key); it != files_.end()) return &it->second;
  // The public portal (issue #15) is built to public-portal/index.html and served at /public.
  const bool portal = key == "/public" || key.starts_with("/public/");
  if (key == "/public/index.html") key = "/public";
  // A path that names a file (has an extension) and is missing is a 404, not the SPA: a missing
  // script must not come back as HTML.
  auto last = key.substr(key.rfind('/') + 1);
  if (last.find('.') != std::string::npos) return nullptr;
  const char* fallback = portal                                   ? "/public-portal/index.html"
                         : key == "/h5" || key.starts_with("/h5/") ? "/h5/index.html"
                                                                   : "/index.html";
  if (auto it = files_.find(fallback); it != files_.end()) return &it->second;
  return nullptr;
}

}  // namespace huanxin::http
