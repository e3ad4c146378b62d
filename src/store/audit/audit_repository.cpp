#include "store/audit/audit_repository.hpp"

namespace huanxin::store {

namespace {
constexpr const char* kColumns =
    "seq, at, user_id, username, role, action, entity, entity_id, region_code, changes, request_id, "
    "prev_hash, hash";

core::audit::Entry FromRow(const Row& r) {
  core::audit::Entry e;
  e.seq = r.GetInt(0);
  e.at = r.GetText(1);
  e.user_id = r.GetInt(2);
  e.username = r.GetText(3);
  e.role = r.GetText(4);
  e.action = r.GetText(5);
  e.entity = r.GetText(6);
  e.entity_id = r.GetText(7);
  e.region_code = r.GetText(8);
  e.changes = r.GetText(9);
  e.request_id = r.GetText(10);
  e.prev_hash = r.GetText(11);
  e.hash = r.GetText(12);
  return e;
}
}  // namespace

Result<void> AuditRepository::Append(Session& s, core::audit::Entry& e) {
  // PostgreSQL: bump the head first; this row lock is held to commit, so the next appender reads the
  // head this transaction writes (READ COMMITTED re-evaluates the UPDATE on the new version).
  // SQLite: a write transaction holds the database's one write lock from its first statement (BEGIN
  // IMMEDIATE), so reading the head is enough, and the head is written once, below (an
  // UPDATE … RETURNING builds a temporary table for its result; this runs inside every ballot).
  const bool sqlite = s.dialect() == Dialect::kSqlite;
  auto head = s.Query(sqlite ? "SELECT seq + 1, hash FROM audit_head WHERE id = 1"
                             : "UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash");
  if (!head) return std::move(head).error();
  e.seq = head->front().GetInt(0);
  e.prev_hash = head->front().GetText(1);
  e.hash = core::audit::ChainHash(e.prev_hash, e);
  auto ins = s.Exec(std::string("INSERT INTO audit_log (") + kColumns +
                        ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    {Int(e.seq), Str(e.at), Int(e.user_id), Str(e.username), Str(e.role), Str(e.action),
                     Str(e.entity), Str(e.entity_id), Str(e.region_code), Str(e.changes),
                     Str(e.request_id), Str(e.prev_hash), Str(e.hash)});
  if (!ins) return std::move(ins).error();
  auto upd = sqlite ? s.Exec("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1", {Int(e.seq), Str(e.hash)})
                    : s.Exec("UPDATE audit_head SET hash = ? WHERE id = 1", {Str(e.hash)});
  if (!upd) return std::move(upd).error();
  return Ok();
}

Result<std::vector<core::audit::Entry>> AuditRepository::List(Session& s, const AuditFilter& f, Page& page) {
  std::string where = " WHERE 1 = 1";
  Params params;
  AddPrefixFilter(where, params, "region_code", f.scope_prefix);
  auto add = [&](const char* clause, Value v) {
    where += clause;
    params.push_back(std::move(v));
  };
  if (f.region_prefix) AddPrefixFilter(where, params, "region_code", *f.region_prefix);
  if (f.entity) add(" AND entity = ?", Str(*f.entity));
  if (f.entity_id) add(" AND entity_id = ?", Str(*f.entity_id));
  if (f.action) add(" AND action = ?", Str(*f.action));
  if (f.user_id) add(" AND user_id = ?", Int(*f.user_id));
  if (f.from) add(" AND at >= ?", Str(*f.from));
  if (f.to) add(" AND at < ?", Str(*f.to));
  auto total = QueryInt(s, "SELECT COUNT(*) FROM audit_log" + where, params);
  if (!total) return std::move(total).error();
  page.total = *total;
  params.push_back(Int(f.limit));
  params.push_back(Int(f.offset));
  auto rows = s.Query(std::string("SELECT ") + kColumns + " FROM audit_log" + where +
                          " ORDER BY seq DESC LIMIT ? OFFSET ?",
                      params);
  if (!rows) return std::move(rows).error();
  std::vector<core::audit::Entry> out;
  for (const auto& r : *rows) out.push_back(FromRow(r));
  return out;
}

Result<std::vector<core::audit::Entry>> AuditRepository::Range(Session& s, std::int64_t after_seq,
                                                               std::int64_t limit) {
  auto rows = s.Query(std::string("SELECT ") + kColumns + " FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?",
                      {Int(after_seq), Int(limit)});
  if (!rows) return std::move(rows).error();
  std::vector<core::audit::Entry> out;
  for (const auto& r : *rows) out.push_back(FromRow(r));
  return out;
}

Result<std::pair<std::int64_t, std::string>> AuditRepository::Head(Session& s) {
  auto rows = s.Query("SELECT seq, hash FROM audit_head WHERE id = 1");
  if (!rows) return std::move(rows).error();
  return std::make_pair(rows->front().GetInt(0), rows->front().GetText(1));
}

}  // namespace huanxin::store
