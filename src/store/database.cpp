#include "store/database.hpp"

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

Result<std::int64_t> QueryInt(Session& s, std::string_view sql, const Params& params) {
  auto rows = s.Query(sql, params);
  if (!rows) return std::move(rows).error();
  if (rows->empty() || rows->front().IsNull(0)) return std::int64_t{0};
  return rows->front().GetInt(0);
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
        if (n == 'N' && field.empty()) escaped_null = true;
        else field += n == 't' ? '\t' : n == 'n' ? '\n' : n == 'r' ? '\r' : n;
      } else {
        field += c;
      }
    }
    flush();
    if (params.size() != columns.size())
      return MakeError(ErrorCode::kInternal, "store.copy_shape", Text("批量写入的列数不符", "bulk load column count mismatch"),
                       Text("第 " + std::to_string(loaded + 1) + " 行", "row " + std::to_string(loaded + 1)));
    if (auto r = Exec(sql, params); !r) return std::move(r).error();
    ++loaded;
  }
  return loaded;
}

void AppendCopyField(std::string& row, std::string_view value) {
  for (char c : value) {
    switch (c) {
      case '\t': row += "\\t"; break;
      case '\n': row += "\\n"; break;
      case '\r': row += "\\r"; break;
      case '\\': row += "\\\\"; break;
      default: row += c;
    }
  }
}

void AppendCopyRow(std::string& buffer, std::initializer_list<std::string_view> fields) {
  bool first = true;
  for (auto f : fields) {
    if (!first) buffer += '\t';
    first = false;
    if (f.data() == nullptr) buffer += "\\N";
    else AppendCopyField(buffer, f);
  }
  buffer += '\n';
}

void AddPrefixFilter(std::string& where, Params& params, const std::string& column, const std::string& prefix) {
  if (prefix.empty()) return;
  where += " AND " + column + " >= ? AND " + column + " < ?";
  params.push_back(prefix);
  params.push_back(prefix + "~");
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
