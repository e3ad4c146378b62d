#include "store/project/publicity_repository.hpp"

#include <utility>

namespace huanxin::store {

namespace {

// The version columns with the photo and the author joined; `v` is publicity_version.
constexpr const char* kVersionColumns =
    "v.notice_id, v.version, v.title, v.body, v.starts_on, v.ends_on, v.working_days, v.reason, v.photo_file_id, "
    "COALESCE(f.name, ''), COALESCE(f.content_type, ''), COALESCE(f.size_bytes, 0), v.created_by, "
    "COALESCE(u.username, ''), v.created_at";
constexpr const char* kVersionJoins =
    " LEFT JOIN stored_file f ON f.id = v.photo_file_id LEFT JOIN app_user u ON u.id = v.created_by";

PublicityVersionRecord ReadVersion(const Row& r, std::size_t at) {
  PublicityVersionRecord v;
  v.notice_id = r.GetInt(at);
  v.version = static_cast<int>(r.GetInt(at + 1));
  v.title = r.GetText(at + 2);
  v.body = r.GetText(at + 3);
  v.starts_on = r.GetText(at + 4);
  v.ends_on = r.GetText(at + 5);
  v.working_days = static_cast<int>(r.GetInt(at + 6));
  v.reason = r.GetText(at + 7);
  v.photo_file_id = r.GetOptInt(at + 8);
  v.photo_name = r.GetText(at + 9);
  v.photo_content_type = r.GetText(at + 10);
  v.photo_size = r.GetInt(at + 11);
  v.created_by = r.GetInt(at + 12);
  v.created_by_name = r.GetText(at + 13);
  v.created_at = r.GetText(at + 14);
  return v;
}

// A notice with its project's name, its current version and its objection counts.
std::string NoticeSelect() {
  return std::string("SELECT n.id, n.project_id, p.name, n.region_code, n.kind, n.current_version, n.created_by, "
                     "n.created_at, "
                     "(SELECT COUNT(*) FROM publicity_objection o WHERE o.notice_id = n.id), "
                     "(SELECT COUNT(*) FROM publicity_objection o WHERE o.notice_id = n.id AND o.answer IS NULL), ") +
         kVersionColumns +
         " FROM publicity_notice n JOIN project p ON p.id = n.project_id "
         "JOIN publicity_version v ON v.notice_id = n.id AND v.version = n.current_version" +
         kVersionJoins;
}

PublicityNoticeRecord ReadNotice(const Row& r) {
  PublicityNoticeRecord n;
  n.id = r.GetInt(0);
  n.project_id = r.GetInt(1);
  n.project_name = r.GetText(2);
  n.region_code = r.GetText(3);
  n.kind = r.GetText(4);
  n.current_version = static_cast<int>(r.GetInt(5));
  n.created_by = r.GetInt(6);
  n.created_at = r.GetText(7);
  n.objections = r.GetInt(8);
  n.unanswered = r.GetInt(9);
  n.current = ReadVersion(r, 10);
  return n;
}

constexpr const char* kObjectionSelect =
    "SELECT o.id, o.notice_id, o.version, o.content, o.name, o.phone, o.client_key, o.received_at, o.answer, "
    "o.answered_by, COALESCE(u.username, ''), o.answered_at "
    "FROM publicity_objection o LEFT JOIN app_user u ON u.id = o.answered_by";

PublicityObjectionRecord ReadObjection(const Row& r) {
  PublicityObjectionRecord o;
  o.id = r.GetInt(0);
  o.notice_id = r.GetInt(1);
  o.version = static_cast<int>(r.GetInt(2));
  o.content = r.GetText(3);
  o.name = r.GetText(4);
  o.phone = r.GetText(5);
  o.client_key = r.GetText(6);
  o.received_at = r.GetText(7);
  o.answer = r.GetOptText(8);
  o.answered_by = r.GetOptInt(9);
  o.answered_by_name = r.GetText(10);
  o.answered_at = r.GetOptText(11);
  return o;
}

// Every row of a query read with `read`, or the query's error.
template <typename Read>
auto Collect(Result<Rows> rows, Read read) -> Result<std::vector<decltype(read(std::declval<const Row&>()))>> {
  if (!rows) return std::move(rows).error();
  std::vector<decltype(read(std::declval<const Row&>()))> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) out.push_back(read(r));
  return out;
}

}  // namespace

Result<std::optional<PublicityProjectRef>> PublicityRepository::FindProject(Session& s, std::int64_t project_id) {
  auto rows = s.Query("SELECT id, name, region_code, status FROM project WHERE id = ?", {Int(project_id)});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return std::optional<PublicityProjectRef>{};
  const auto& r = rows->front();
  return std::optional<PublicityProjectRef>(PublicityProjectRef{r.GetInt(0), r.GetText(1), r.GetText(2), r.GetText(3)});
}

Result<std::int64_t> PublicityRepository::InsertNotice(Session& s, const PublicityNoticeRecord& n) {
  return InsertReturningId(s,
                           "INSERT INTO publicity_notice (project_id, region_code, kind, current_version, created_by, "
                           "created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                           {Int(n.project_id), Str(n.region_code), Str(n.kind), Int(n.current_version),
                            Int(n.created_by), Str(n.created_at)});
}

Result<void> PublicityRepository::InsertVersion(Session& s, const PublicityVersionRecord& v) {
  auto r = s.Exec(
      "INSERT INTO publicity_version (notice_id, version, title, body, starts_on, working_days, ends_on, reason, "
      "photo_file_id, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {Int(v.notice_id), Int(v.version), Str(v.title), Str(v.body), Str(v.starts_on), Int(v.working_days),
       Str(v.ends_on), Str(v.reason), OptInt(v.photo_file_id), Int(v.created_by), Str(v.created_at)});
  if (!r) return std::move(r).error();
  return Ok();
}

Result<bool> PublicityRepository::SetCurrentVersion(Session& s, std::int64_t notice_id, int version) {
  auto n = s.Exec("UPDATE publicity_notice SET current_version = ? WHERE id = ?", {Int(version), Int(notice_id)});
  if (!n) return std::move(n).error();
  return *n > 0;
}

Result<bool> PublicityRepository::Lock(Session& s, std::int64_t notice_id) {
  auto n = s.Exec("UPDATE publicity_notice SET current_version = current_version WHERE id = ?", {Int(notice_id)});
  if (!n) return std::move(n).error();
  return *n > 0;
}

Result<std::optional<PublicityNoticeRecord>> PublicityRepository::Find(Session& s, std::int64_t id) {
  auto rows = s.Query(NoticeSelect() + " WHERE n.id = ?", {Int(id)});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return std::optional<PublicityNoticeRecord>{};
  return std::optional<PublicityNoticeRecord>(ReadNotice(rows->front()));
}

Result<std::vector<PublicityNoticeRecord>> PublicityRepository::List(Session& s, const PublicityFilter& f) {
  std::string where = " WHERE 1 = 1";
  Params p;
  AddPrefixFilter(where, p, "n.region_code", f.region_prefix);
  if (f.project_id) {
    where += " AND n.project_id = ?";
    p.push_back(Int(*f.project_id));
  }
  p.push_back(Int(f.limit));
  return Collect(s.Query(NoticeSelect() + where + " ORDER BY n.id DESC LIMIT ?", p), ReadNotice);
}

Result<std::vector<PublicityVersionRecord>> PublicityRepository::Versions(Session& s, std::int64_t notice_id) {
  return Collect(s.Query(std::string("SELECT ") + kVersionColumns + " FROM publicity_version v" + kVersionJoins +
                             " WHERE v.notice_id = ? ORDER BY v.version",
                         {Int(notice_id)}),
                 [](const Row& r) { return ReadVersion(r, 0); });
}

Result<bool> PublicityRepository::SetPhoto(Session& s, std::int64_t notice_id, int version, std::int64_t file_id) {
  auto n = s.Exec("UPDATE publicity_version SET photo_file_id = ? WHERE notice_id = ? AND version = ?",
                  {Int(file_id), Int(notice_id), Int(version)});
  if (!n) return std::move(n).error();
  return *n > 0;
}

Result<std::int64_t> PublicityRepository::InsertObjection(Session& s, const PublicityObjectionRecord& o) {
  return InsertReturningId(s,
                           "INSERT INTO publicity_objection (notice_id, version, content, name, phone, client_key, "
                           "received_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                           {Int(o.notice_id), Int(o.version), Str(o.content), Str(o.name), Str(o.phone),
                            Str(o.client_key), Str(o.received_at)});
}

Result<std::vector<PublicityObjectionRecord>> PublicityRepository::Objections(Session& s, std::int64_t notice_id,
                                                                              bool answered_only) {
  return Collect(s.Query(std::string(kObjectionSelect) + " WHERE o.notice_id = ?" +
                             (answered_only ? " AND o.answer IS NOT NULL" : "") + " ORDER BY o.id",
                         {Int(notice_id)}),
                 ReadObjection);
}

Result<std::optional<PublicityObjectionRecord>> PublicityRepository::FindObjection(Session& s, std::int64_t id) {
  auto rows = s.Query(std::string(kObjectionSelect) + " WHERE o.id = ?", {Int(id)});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return std::optional<PublicityObjectionRecord>{};
  return std::optional<PublicityObjectionRecord>(ReadObjection(rows->front()));
}

Result<bool> PublicityRepository::Answer(Session& s, std::int64_t objection_id, const std::string& answer,
                                         std::int64_t user_id, const std::string& at) {
  auto n = s.Exec(
      "UPDATE publicity_objection SET answer = ?, answered_by = ?, answered_at = ? WHERE id = ? AND answer IS NULL",
      {Str(answer), Int(user_id), Str(at), Int(objection_id)});
  if (!n) return std::move(n).error();
  return *n > 0;
}

Result<std::int64_t> PublicityRepository::CountSince(Session& s, std::int64_t notice_id, const std::string& client_key,
                                                     const std::string& since) {
  return QueryInt(s,
                  "SELECT COUNT(*) FROM publicity_objection WHERE client_key = ? AND received_at >= ? AND notice_id = ?",
                  {Str(client_key), Str(since), Int(notice_id)});
}

}  // namespace huanxin::store
