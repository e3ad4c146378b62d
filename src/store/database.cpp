#include "store/database.hpp"

#include <algorithm>
#include <stdexcept>

#include "common/text.hpp"

namespace huanxin::store {

std::int64_t Row::GetInt(std::size_t i) const {
  const auto& v = cells_.at(i);
  if (auto p = std::get_if<std::int64_t>(&v)) return *p;
  throw std::logic_error("column " + std::to_string(i) + " is not an integer");
}

std::string Row::GetText(std::size_t i) const {
  const auto& v = cells_.at(i);
  if (auto p = std::get_if<std::string>(&v)) return *p;
  if (auto p = std::get_if<std::int64_t>(&v)) return std::to_string(*p);
  throw std::logic_error("column " + std::to_string(i) + " is NULL");
}

std::optional<std::string> Row::GetOptText(std::size_t i) const {
  if (IsNull(i)) return std::nullopt;
  return GetText(i);
}

std::optional<std::int64_t> Row::GetOptInt(std::size_t i) const {
  if (IsNull(i)) return std::nullopt;
  return GetInt(i);
}

Result<std::int64_t> InsertReturningId(Session& s, std::string_view sql, const Params& params) {
  auto rows = s.Query(sql, params);
  if (!rows) return std::move(rows).error();
  if (rows->empty())
    return MakeError(ErrorCode::kInternal, "store.error", Text("数据库错误", "database error"),
                     Text::Same("INSERT returned no id: " + std::string(sql)));
  return rows->front().GetInt(0);
}

Result<std::int64_t> QueryInt(Session& s, std::string_view sql, const Params& params) {
  auto rows = s.Query(sql, params);
  if (!rows) return std::move(rows).error();
  if (rows->empty() || rows->front().IsNull(0)) return std::int64_t{0};
  return rows->front().GetInt(0);
}

Result<void> Ping(Session& s) {
  auto one = QueryInt(s, "SELECT 1");
  if (!one) return std::move(one).error();
  if (*one != 1)
    return MakeError(ErrorCode::kInternal, "store.error", Text("数据库错误", "database error"),
                     Text::Same("SELECT 1 answered " + std::to_string(*one)));
  return Ok();
}

Result<std::int64_t> Session::CopyIn(std::string_view table, const std::vector<std::string>& columns,
                                     std::string_view rows) {
  std::string sql = "INSERT INTO " + std::string(table) + " (";
  std::string marks;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    sql += (i ? ", " : "") + columns[i];
    marks += i ? ", ?" : "?";
  }
  sql += ") VALUES (" + marks + ")";
  std::int64_t loaded = 0;
  Params params;
  while (!rows.empty()) {
    auto eol = rows.find('\n');
    auto line = rows.substr(0, eol);
    rows = eol == std::string_view::npos ? std::string_view{} : rows.substr(eol + 1);
    if (line.empty()) continue;
    params.clear();
    std::string field;
    bool escaped_null = false;
    auto flush = [&] {
      params.push_back(escaped_null ? Null() : Value(std::move(field)));
      field.clear();
      escaped_null = false;
    };
    for (std::size_t i = 0; i < line.size(); ++i) {
      char c = line[i];
      if (c == '\t') {
        flush();
      } else if (c == '\\' && i + 1 < line.size()) {
        char n = line[++i];
        if (n == 'N' && field.empty())
          escaped_null = true;
        else
          field += n == 't' ? '\t' : n == 'n' ? '\n' : n == 'r' ? '\r' : n;
      } else {
        field += c;
      }
    }
    flush();
    if (params.size() != columns.size())
      return MakeError(ErrorCode::kInternal, "store.copy_shape",
                       Text("批量写入的列数不符", "bulk load column count mismatch"),
                       Text("第 " + std::to_string(loaded + 1) + " 行", "row " + std::to_string(loaded + 1)));
    if (auto r = Exec(sql, params); !r) return std::move(r).error();
    ++loaded;
  }
  return loaded;
}

Result<void> Session::InsertMany(std::string_view table, const std::vector<std::string_view>& columns, std::size_t n,
                                 const std::function<void(std::size_t, RowValues&)>& row, std::string_view tail) {
  auto head = InsertHead(table, columns);
  if (!head) return std::move(head).error();
  const std::size_t per = InsertRowsPerStatement(columns.size());
  Params params;
  ParamsWriter collect(params);  // copies of the values
  for (std::size_t from = 0; from < n; from += per) {
    const std::size_t m = std::min(per, n - from);
    params.clear();
    params.reserve(m * columns.size());
    for (std::size_t i = from; i < from + m; ++i) row(i, collect);
    if (params.size() != m * columns.size())
      return MakeError(ErrorCode::kInternal, "store.copy_shape",
                       Text("批量写入的列数不符", "bulk load column count mismatch"), Text::Same(std::string(table)));
    if (auto r = Exec(MultiRowInsert(*head, columns.size(), m, tail), params); !r) return std::move(r).error();
  }
  return Ok();
}

Result<std::string> InsertHead(std::string_view table, const std::vector<std::string_view>& columns) {
  if (!IsPlainIdentifier(table) || columns.empty())
    return MakeError(ErrorCode::kInternal, "store.error", Text("数据库错误", "database error"),
                     Text::Same("not a table name or no columns: " + std::string(table)));
  std::string head = "INSERT INTO " + std::string(table) + " (";
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (!IsPlainIdentifier(columns[i]))
      return MakeError(ErrorCode::kInternal, "store.error", Text("数据库错误", "database error"),
                       Text::Same("not a column name: " + std::string(columns[i])));
    (head += i ? ", " : "") += columns[i];
  }
  head += ") VALUES ";
  return head;
}

std::size_t InsertRowsPerStatement(std::size_t columns) {
  return std::max<std::size_t>(1, std::min<std::size_t>(500, 30000 / std::max<std::size_t>(1, columns)));
}

void AppendCopyField(std::string& row, std::string_view value) {
  for (char c : value) {
    switch (c) {
      case '\t':
        row += "\\t";
        break;
      case '\n':
        row += "\\n";
        break;
      case '\r':
        row += "\\r";
        break;
      case '\\':
        row += "\\\\";
        break;
      default:
        row += c;
    }
  }
}

void AppendCopyRow(std::string& buffer, std::initializer_list<std::string_view> fields) {
  bool first = true;
  for (auto f : fields) {
    if (!first) buffer += '\t';
    first = false;
    if (f.data() == nullptr)
      buffer += "\\N";
    else
      AppendCopyField(buffer, f);
  }
  buffer += '\n';
}

void AddPrefixFilter(std::string& where, Params& params, const std::string& column, const std::string& prefix) {
  if (prefix.empty()) return;
  where += " AND " + column + " >= ? AND " + column + " < ?";
  params.push_back(prefix);
  params.push_back(prefix + "~");
}

bool IsPlainIdentifier(std::string_view name) {
  if (name.empty() || name.size() > 63 || (name[0] >= '0' && name[0] <= '9')) return false;
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

Error MapDuplicate(Error e, Error domain_error) {
  if (e.reason == "store.duplicate") return domain_error;
  return e;
}

std::string JoinIds(const std::vector<std::int64_t>& ids) {
  std::string out;
  for (auto id : ids) {
    if (!out.empty()) out += ',';
    out += std::to_string(id);
  }
  return out;
}

std::vector<std::int64_t> ParseIds(const std::string& text) {
  std::vector<std::int64_t> out;
  for (auto part : Split(text, ','))
    if (auto v = ParseInt64(Trim(part))) out.push_back(*v);
  return out;
}

}  // namespace huanxin::store

namespace huanxin::store {

namespace {

struct Referrer {
  std::string table;
  std::int64_t rows = 0;
};

// The rows that still refer to the rows selected by `selector` (SQL yielding the referred key
// values of `table`): for each foreign key into `table`, a refusing key counts its referring rows;
// a cascading key follows into the rows the delete would remove (up to a few levels: our schema
// cascades estate → building → dwelling → household). SET NULL keys never refuse.
Result<void> FindReferrers(Session& s, const std::vector<ForeignKey>& keys, const std::string& table,
                           const std::string& column, const std::string& selector, const Params& params, int depth,
                           std::vector<Referrer>& out) {
  if (depth > 6) return Ok();
  for (const auto& fk : keys) {
    if (fk.parent != table || fk.parent_column != column) continue;
    // The child rows pointing at the selected parent rows.
    const std::string where = fk.child + "." + fk.column + " IN (" + selector + ")";
    switch (fk.on_delete) {
      case ForeignKey::OnDelete::kSetNull:
        break;
      case ForeignKey::OnDelete::kRefuse: {
        auto n = QueryInt(s, "SELECT COUNT(*) FROM " + fk.child + " WHERE " + where, params);
        if (!n) return std::move(n).error();
        if (*n > 0) out.push_back({fk.child, *n});
        break;
      }
      case ForeignKey::OnDelete::kCascade: {
        // Keys into the child table name the child's referred columns; follow each of them.
        std::vector<std::string> child_columns;
        for (const auto& k : keys)
          if (k.parent == fk.child &&
              std::find(child_columns.begin(), child_columns.end(), k.parent_column) == child_columns.end())
            child_columns.push_back(k.parent_column);
        for (const auto& c : child_columns) {
          auto r = FindReferrers(s, keys, fk.child, c,
                                 "SELECT " + fk.child + "." + c + " FROM " + fk.child + " WHERE " + where, params,
                                 depth + 1, out);
          if (!r) return r;
        }
        break;
      }
    }
  }
  return Ok();
}

// Context and label of tables, from schema_table (each context's migration fills its rows).
struct TableLabel {
  std::string context;
  Text label;
};
Result<TableLabel> LabelOf(Session& s, const std::string& table) {
  auto rows = s.Query("SELECT context, label_zh, label_en FROM schema_table WHERE name = ?", {Str(table)});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return TableLabel{"store", Text::Same(table)};
  return TableLabel{rows->front().GetText(0), Text(rows->front().GetText(1), rows->front().GetText(2))};
}

}  // namespace

Result<std::int64_t> DeleteRows(Session& s, std::string_view table_view, std::string_view column_view,
                                std::int64_t id) {
  const std::string table(table_view), column(column_view);
  if (auto r = s.Exec("SAVEPOINT hx_delete"); !r) return std::move(r).error();
  auto deleted = s.Exec("DELETE FROM " + table + " WHERE " + column + " = ?", {Int(id)});
  if (deleted) {
    if (auto r = s.Exec("RELEASE SAVEPOINT hx_delete"); !r) return std::move(r).error();
    return deleted;
  }
  // Back to before the DELETE (PostgreSQL refuses every statement of an aborted transaction).
  if (auto r = s.Exec("ROLLBACK TO SAVEPOINT hx_delete"); !r) return std::move(r).error();
  if (auto r = s.Exec("RELEASE SAVEPOINT hx_delete"); !r) return std::move(r).error();
  if (deleted.error().reason != "store.in_use") return std::move(deleted).error();

  auto keys = s.ForeignKeys();
  if (!keys) return std::move(keys).error();
  // The DELETE removes rows matching (column = id); their referred keys are what children point at.
  std::vector<Referrer> referrers;
  std::vector<std::string> parent_columns;
  for (const auto& k : *keys)
    if (k.parent == table &&
        std::find(parent_columns.begin(), parent_columns.end(), k.parent_column) == parent_columns.end())
      parent_columns.push_back(k.parent_column);
  for (const auto& pc : parent_columns) {
    auto r = FindReferrers(s, *keys, table, pc,
                           "SELECT " + table + "." + pc + " FROM " + table + " WHERE " + table + "." + column + " = ?",
                           {Int(id)}, 0, referrers);
    if (!r) return std::move(r).error();
  }
  auto owner = LabelOf(s, table);
  if (!owner) return std::move(owner).error();
  std::string zh, en;
  for (const auto& ref : referrers) {
    auto label = LabelOf(s, ref.table);
    if (!label) return std::move(label).error();
    zh += (zh.empty() ? "" : "；") + label->label.zh + " " + std::to_string(ref.rows) + " 条";
    en += (en.empty() ? "" : "; ") + label->label.en + ": " + std::to_string(ref.rows);
  }
  if (referrers.empty()) {  // the key that refused is not in the catalogue we read: say so plainly
    zh = deleted.error().detail.zh;
    en = deleted.error().detail.en;
  }
  return MakeError(ErrorCode::kConflict, owner->context + ".in_use",
                   Text(owner->label.zh + "仍被其他记录引用，不能删除",
                        "the " + owner->label.en + " is still referred to and cannot be deleted"),
                   Text("仍引用它的记录：" + zh, "still referred to by: " + en),
                   Text("先删除或改掉这些记录，再删除它", "remove or change those records first"));
}

std::string MultiRowInsert(std::string_view head, std::size_t columns, std::size_t rows, std::string_view tail) {
  std::string marks = "(";
  for (std::size_t c = 0; c < columns; ++c) marks += c ? ", ?" : "?";
  marks += ")";
  std::string sql(head);
  sql.reserve(head.size() + rows * (marks.size() + 2) + tail.size());
  for (std::size_t r = 0; r < rows; ++r) {
    if (r) sql += ", ";
    sql += marks;
  }
  sql += tail;
  return sql;
}

}  // namespace huanxin::store
