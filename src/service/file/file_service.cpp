#include "service/file/file_service.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>

#include "common/crypto.hpp"
#include "common/image_meta.hpp"
#include "common/text.hpp"
#include "store/file/file_repository.hpp"

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

StoredFile FromRecord(store::FileRecord r) {
  return StoredFile{r.id, std::move(r.sha256), std::move(r.content_type), std::move(r.name), std::move(r.region_code),
                    std::move(r.created_at), r.size_bytes, std::move(r.context)};
}

}  // namespace

Result<CheckedPhoto> CheckPhoto(const std::string& name, const std::string& bytes, Text hint) {
  constexpr std::size_t kMaxPhotoBytes = 10 * 1024 * 1024;
  if (bytes.size() > kMaxPhotoBytes)
    return MakeError(ErrorCode::kPayloadTooLarge, "file.too_large", Text("照片超过 10 MiB", "the photo is larger than 10 MiB"),
                     Text::Same(std::to_string(bytes.size()) + " bytes"), Text("请降低拍照分辨率", "use a lower camera resolution"));
  auto type = SniffImage(bytes);
  if (!type)
    return MakeError(ErrorCode::kUnsupportedMediaType, "file.unsupported_type",
                     Text("只支持 JPEG、PNG 或 WebP 照片", "only JPEG, PNG or WebP photos"), Text::Same(name), std::move(hint));
  auto stripped = StripImageMetadata(bytes);
  if (!stripped)
    return MakeError(ErrorCode::kUnprocessable, "file.bad_image", Text("图片已损坏或格式不完整", "the image is damaged or incomplete"),
                     Text::Same(name));
  return CheckedPhoto{std::string(ImageMime(*type)), std::move(*stripped)};
}

void FileService::SetReadPolicy(const std::string& context, ReadPolicy policy) { policies_[context] = std::move(policy); }

Result<StoredFile> FileService::Put(store::Session& s, const Actor& actor, const std::string& context,
                                    const std::string& region_code, const std::string& name,
                                    const std::string& content_type, const std::string& bytes) {
  store::FileRecord f;
  f.sha256 = Sha256Hex(bytes);
  f.content_type = content_type;
  f.size_bytes = static_cast<std::int64_t>(bytes.size());
  auto n = Utf8Length(name);
  f.name = n && *n >= 1 && *n <= 200 ? name : "file";
  f.region_code = region_code;
  f.context = context;
  f.uploaded_by = actor.user_id;
  f.created_at = FormatIsoUtc(clock_.Now());
  auto path = PathOf(dir_, f.sha256);
  if (!std::filesystem::exists(path))
    if (auto w = WriteDurably(path, bytes); !w) return std::move(w).error();
  auto id = store::FileRepository::Insert(s, f);
  if (!id) return std::move(id).error();
  f.id = *id;
  return FromRecord(std::move(f));
}

Result<std::optional<StoredFile>> FileService::Find(store::Session& s, std::int64_t id) {
  auto rec = store::FileRepository::Find(s, id);
  if (!rec) return std::move(rec).error();
  if (!*rec) return std::optional<StoredFile>{};
  return std::optional<StoredFile>(FromRecord(std::move(**rec)));
}

Result<std::pair<StoredFile, std::string>> FileService::Read(const Actor& actor, std::int64_t id) {
  auto found = store::ReadResult(db_, [&](store::Session& s) { return Find(s, id); });
  if (!found) return std::move(found).error();
  if (!*found) return NotFound("file.not_found", Text("文件不存在", "no such file"));
  auto f = std::move(**found);
  if (auto r = RequireInScope(actor, f.region_code); !r) return std::move(r).error();
  if (auto it = policies_.find(f.context); it != policies_.end()) {
    if (auto r = it->second(actor, f); !r) return std::move(r).error();
  } else {
    // A file from before contexts owned files: any owner's rule that lets the reader in will do.
    Result<void> last = MakeError(ErrorCode::kForbidden, "auth.forbidden", Text("无权查看该文件", "you may not read this file"));
    bool allowed = false;
    for (const auto& [_, policy] : policies_)
      if (f.context.empty() && (last = policy(actor, f))) {
        allowed = true;
        break;
      }
    if (!allowed) return std::move(last).error();
  }
  std::ifstream in(PathOf(dir_, f.sha256), std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof())
    return MakeError(ErrorCode::kUnavailable, "file.read_failed", Text("文件读取失败", "the file could not be read"));
  if (Sha256Hex(bytes) != f.sha256)
    return MakeError(ErrorCode::kInternal, "file.corrupt", Text("文件已损坏", "the stored file is corrupt"));
  return std::pair{std::move(f), std::move(bytes)};
}

}  // namespace huanxin::service
