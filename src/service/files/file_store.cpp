#include "service/files/file_store.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>

#include "common/crypto.hpp"
#include "common/text.hpp"

namespace huanxin::service {

namespace {

// Writes `bytes` to `path` durably: a temporary file, fsync, rename, fsync of the directory.
Result<void> WriteDurably(const std::filesystem::path& path, const std::string& bytes) {
  auto fail = [&](const char* what) {
    return MakeError(ErrorCode::kUnavailable, "file.write_failed", Text("文件保存失败", "the file could not be saved"),
                     Text::Same(std::string(what) + " " + path.string()));
  };
  std::error_code ec;
  std::filesystem::create_directories(path.parent_path(), ec);
  if (ec) return fail("mkdir");
  auto tmp = path.string() + ".tmp" + RandomHex(4);
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
  if (fd < 0) return fail("open");
  std::size_t done = 0;
  while (done < bytes.size()) {
    auto n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n <= 0) {
      ::close(fd);
      return fail("write");
    }
    done += static_cast<std::size_t>(n);
  }
  bool ok = ::fsync(fd) == 0;
  ::close(fd);
  if (!ok || ::rename(tmp.c_str(), path.c_str()) != 0) return fail("fsync/rename");
  int dir = ::open(path.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  return Ok();
}

std::filesystem::path PathOf(const std::string& dir, const std::string& sha256) {
  return std::filesystem::path(dir) / sha256.substr(0, 2) / sha256;
}

}  // namespace

Result<StoredFile> FileStore::Put(store::Session& s, const Clock& clock, const Actor& actor, const std::string& region_code,
                                  const std::string& name, const std::string& content_type, const std::string& bytes) {
  StoredFile f;
  f.sha256 = Sha256Hex(bytes);
  f.content_type = content_type;
  f.size_bytes = static_cast<std::int64_t>(bytes.size());
  auto n = Utf8Length(name);
  f.name = n && *n >= 1 && *n <= 200 ? name : "file";
  f.region_code = region_code;
  f.created_at = FormatIsoUtc(clock.Now());
  auto path = PathOf(dir_, f.sha256);
  if (!std::filesystem::exists(path))
    if (auto w = WriteDurably(path, bytes); !w) return std::move(w).error();
  auto rows = s.Query(
      "INSERT INTO stored_file (sha256, content_type, size_bytes, name, region_code, uploaded_by, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {store::Str(f.sha256), store::Str(f.content_type), store::Int(f.size_bytes), store::Str(f.name),
       store::Str(f.region_code), store::Int(actor.user_id), store::Str(f.created_at)});
  if (!rows) return std::move(rows).error();
  f.id = rows->at(0).GetInt(0);
  return f;
}

Result<std::pair<StoredFile, std::string>> FileStore::Get(store::Database& db, const Actor& actor, std::int64_t id) {
  auto f = store::ReadResult(db, [&](store::Session& s) -> Result<StoredFile> {
    auto rows = s.Query("SELECT id, sha256, content_type, size_bytes, name, region_code, created_at FROM stored_file WHERE id = ?",
                        {store::Int(id)});
    if (!rows) return std::move(rows).error();
    if (rows->empty()) return NotFound("file.not_found", Text("文件不存在", "no such file"));
    const auto& r = rows->front();
    return StoredFile{r.GetInt(0), r.GetText(1), r.GetText(2), r.GetText(4), r.GetText(5), r.GetText(6), r.GetInt(3)};
  });
  if (!f) return std::move(f).error();
  if (auto r = RequireInScope(actor, f->region_code); !r) return std::move(r).error();
  std::ifstream in(PathOf(dir_, f->sha256), std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof())
    return MakeError(ErrorCode::kUnavailable, "file.read_failed", Text("文件读取失败", "the file could not be read"));
  if (Sha256Hex(bytes) != f->sha256)
    return MakeError(ErrorCode::kInternal, "file.corrupt", Text("文件已损坏", "the stored file is corrupt"));
  return std::pair{std::move(*f), std::move(bytes)};
}

}  // namespace huanxin::service
