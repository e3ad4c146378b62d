#include "store/checkup/result_repository.hpp"

namespace huanxin::store {

Result<CheckupObjectLabels> CheckupResultRepository::ProblemObjects(Session& s, std::int64_t checkup_id,
                                                                    std::optional<std::int64_t> estate_id) {
  std::string where = " WHERE o.checkup_id = ? AND o.severity IS NOT NULL";
  Params p{Int(checkup_id)};
  if (estate_id) {
    where += " AND o.estate_id = ?";
    p.push_back(Int(*estate_id));
  }
  CheckupObjectLabels out;
  auto buildings = s.Query(
      "SELECT DISTINCT b.id, b.number FROM checkup_observation o JOIN building b ON b.id = o.building_id" + where, p);
  if (!buildings) return std::move(buildings).error();
  for (const auto& r : *buildings) out.building_numbers[r.GetInt(0)] = r.GetText(1);
  auto dwellings = s.Query(
      "SELECT DISTINCT d.id, b.number, d.stairwell, d.room FROM checkup_observation o "
      "JOIN dwelling d ON d.id = o.dwelling_id JOIN building b ON b.id = d.building_id" +
          where,
      p);
  if (!dwellings) return std::move(dwellings).error();
  for (const auto& r : *dwellings)
    out.dwellings[r.GetInt(0)] = {r.GetText(1), static_cast<int>(r.GetInt(2)), r.GetText(3)};
  return out;
}

Result<std::vector<CheckupRollupRow>> CheckupResultRepository::RollupRows(Session& s, const std::string& region_prefix,
                                                                          int year) {
  std::string where = " WHERE ce.status = 'approved' AND o.severity IS NOT NULL AND c.year IN (?, ?)";
  Params p{Int(year), Int(year - 1)};
  AddPrefixFilter(where, p, "o.region_code", region_prefix);
  auto rows = s.Query(
      "SELECT o.region_code, c.year, o.indicator, o.object_key, o.estate_id FROM checkup_observation o "
      "JOIN checkup c ON c.id = o.checkup_id "
      "JOIN checkup_estate ce ON ce.checkup_id = o.checkup_id AND ce.estate_id = o.estate_id" +
          where,
      p);
  if (!rows) return std::move(rows).error();
  std::vector<CheckupRollupRow> out;
  out.reserve(rows->size());
  for (const auto& r : *rows)
    out.push_back({r.GetText(0), static_cast<int>(r.GetInt(1)), r.GetText(2), r.GetText(3), r.GetInt(4)});
  return out;
}

Result<std::map<std::string, std::int64_t>> CheckupResultRepository::EstateObjectsInYear(
    Session& s, std::int64_t estate_id, int year, const std::string& scope_prefix) {
  std::string where = " WHERE o.estate_id = ? AND c.year = ? AND ce.status = 'approved' AND o.severity IS NOT NULL";
  Params p{Int(estate_id), Int(year)};
  AddPrefixFilter(where, p, "o.region_code", scope_prefix);
  auto rows = s.Query(
      "SELECT o.indicator, COUNT(DISTINCT o.object_key) FROM checkup_observation o JOIN checkup c ON c.id = o.checkup_id "
      "JOIN checkup_estate ce ON ce.checkup_id = o.checkup_id AND ce.estate_id = o.estate_id" +
          where + " GROUP BY o.indicator",
      p);
  if (!rows) return std::move(rows).error();
  std::map<std::string, std::int64_t> out;
  for (const auto& r : *rows) out[r.GetText(0)] = r.GetInt(1);
  return out;
}

Result<CheckupEstateFacts> CheckupResultRepository::EstateFacts(Session& s, std::int64_t estate_id) {
  auto rows = s.Query(
      "SELECT (SELECT COUNT(*) FROM building WHERE estate_id = ?), (SELECT COUNT(*) FROM dwelling WHERE estate_id = ?), "
      "(SELECT COALESCE(SUM(h.aged_60_plus), 0) FROM household h JOIN dwelling d ON d.id = h.dwelling_id "
      "WHERE d.estate_id = ?)",
      {Int(estate_id), Int(estate_id), Int(estate_id)});
  if (!rows) return std::move(rows).error();
  const auto& r = rows->front();
  return CheckupEstateFacts{r.GetInt(0), r.GetInt(1), r.GetInt(2)};
}

}  // namespace huanxin::store
