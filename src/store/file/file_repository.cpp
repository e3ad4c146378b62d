#include "store/file/file_repository.hpp"

namespace huanxin::store {

Result<std::int64_t> FileRepository::Insert(Session& s, const FileRecord& f) {
  return InsertReturningId(
      s,
      "INSERT INTO stored_file (sha256, content_type, size_bytes, name, region_code, context, uploaded_by, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {Str(f.sha256), Str(f.content_type), Int(f.size_bytes), Str(f.name), Str(f.region_code), Str(f.context),
       Int(f.uploaded_by), Str(f.created_at)});
}

Result<std::optional<FileRecord>> FileRepository::Find(Session& s, std::int64_t id) {
  auto rows = s.Query(
      "SELECT id, sha256, content_type, size_bytes, name, region_code, context, uploaded_by, created_at "
      "FROM stored_file WHERE id = ?",
      {Int(id)});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return std::optional<FileRecord>{};
  const auto& r = rows->front();
  FileRecord f;
  f.id = r.GetInt(0);
  f.sha256 = r.GetText(1);
  f.content_type = r.GetText(2);
  f.size_bytes = r.GetInt(3);
  f.name = r.GetText(4);
  f.region_code = r.GetText(5);
  f.context = r.GetText(6);
  f.uploaded_by = r.GetInt(7);
  f.created_at = r.GetText(8);
  return std::optional<FileRecord>(std::move(f));
}

Result<bool> FileRepository::ExistsInScope(Session& s, std::int64_t id, const std::string& scope_prefix) {
  std::string where = "id = ?";
  Params p{Int(id)};
  AddPrefixFilter(where, p, "region_code", scope_prefix);
  auto n = QueryInt(s, "SELECT COUNT(*) FROM stored_file WHERE " + where, p);
  if (!n) return std::move(n).error();
  return *n > 0;
}

}  // namespace huanxin::store
