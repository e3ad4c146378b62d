#include "store/catalogue/catalogue_repository.hpp"

namespace huanxin::store {

namespace {

constexpr const char* kItemSelect =
    "SELECT i.code, i.category, c.name_zh, c.name_en, i.name_zh, i.name_en, i.unit, i.payer, i.unit_cost_fen "
    "FROM renovation_item i JOIN renovation_category c ON c.code = i.category ";

RenovationItemRecord ItemFromRow(const Row& r) {
  return {r.GetText(0), r.GetText(1), r.GetText(2), r.GetText(3), r.GetText(4),
          r.GetText(5), r.GetText(6), r.GetText(7), r.GetOptInt(8)};
}

}  // namespace

Result<std::vector<RenovationItemRecord>> CatalogueRepository::Items(Session& s) {
  auto rows = s.Query(std::string(kItemSelect) + "WHERE i.active = 1 ORDER BY c.position, i.position");
  if (!rows) return std::move(rows).error();
  std::vector<RenovationItemRecord> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) out.push_back(ItemFromRow(r));
  return out;
}

Result<std::optional<RenovationItemRecord>> CatalogueRepository::Find(Session& s, const std::string& code) {
  auto rows = s.Query(std::string(kItemSelect) + "WHERE i.code = ?", {Str(code)});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return std::optional<RenovationItemRecord>{};
  return std::optional<RenovationItemRecord>(ItemFromRow(rows->front()));
}

Result<std::int64_t> CatalogueRepository::Update(Session& s, const std::string& code, const std::string& unit,
                                                 const std::string& payer, std::optional<std::int64_t> unit_cost_fen) {
  return s.Exec("UPDATE renovation_item SET unit = ?, payer = ?, unit_cost_fen = ? WHERE code = ?",
                {Str(unit), Str(payer), unit_cost_fen ? Int(*unit_cost_fen) : Null(), Str(code)});
}

Result<std::int64_t> CatalogueRepository::Version(Session& s) {
  return QueryInt(s, "SELECT version FROM catalogue_version WHERE id = 1");
}

Result<void> CatalogueRepository::BumpVersion(Session& s) {
  auto n = s.Exec("UPDATE catalogue_version SET version = version + 1 WHERE id = 1");
  if (!n) return std::move(n).error();
  return Ok();
}

}  // namespace huanxin::store
