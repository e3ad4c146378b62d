#include "store/register/estate_summary_repository.hpp"

namespace huanxin::store {

Result<BuildingTotals> EstateSummaryRepository::Buildings(Session& s, std::int64_t estate_id) {
  auto rows = s.Query("SELECT COUNT(*), COALESCE(SUM(stairwells), 0) FROM building WHERE estate_id = ?", {Int(estate_id)});
  if (!rows) return std::move(rows).error();
  return BuildingTotals{rows->front().GetInt(0), rows->front().GetInt(1)};
}

Result<std::vector<DwellingHolding>> EstateSummaryRepository::Holdings(Session& s, std::int64_t estate_id) {
  // One row per owner link (or one with a NULL owner for a dwelling without owners), folded into
  // one holding per dwelling.
  auto rows = s.Query(
      "SELECT d.id, d.exclusive_area_dm2, d.sale_status, d.use_type, l.owner_id FROM dwelling d "
      "LEFT JOIN dwelling_owner l ON l.dwelling_id = d.id WHERE d.estate_id = ? ORDER BY d.id, l.owner_id",
      {Int(estate_id)});
  if (!rows) return std::move(rows).error();
  std::vector<DwellingHolding> out;
  for (const auto& r : *rows) {
    const auto id = r.GetInt(0);
    if (out.empty() || out.back().dwelling_id != id) out.push_back({id, r.GetInt(1), r.GetText(2), r.GetText(3), {}});
    if (auto owner = r.GetOptInt(4)) out.back().owner_ids.push_back(*owner);
  }
  return out;
}

Result<HouseholdTotals> EstateSummaryRepository::Households(Session& s, std::int64_t estate_id) {
  auto rows = s.Query(
      "SELECT COUNT(*), COALESCE(SUM(h.residents), 0), COALESCE(SUM(h.aged_60_plus), 0), COALESCE(SUM(h.disabled), 0) "
      "FROM household h JOIN dwelling d ON d.id = h.dwelling_id WHERE d.estate_id = ?",
      {Int(estate_id)});
  if (!rows) return std::move(rows).error();
  const auto& r = rows->front();
  return HouseholdTotals{r.GetInt(0), r.GetInt(1), r.GetInt(2), r.GetInt(3)};
}

}  // namespace huanxin::store
