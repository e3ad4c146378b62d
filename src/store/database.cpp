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
