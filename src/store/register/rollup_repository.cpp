#include "store/register/rollup_repository.hpp"

namespace huanxin::store {

Result<std::vector<RollupCounts>> RollupRepository::ByChild(Session& s, const std::string& prefix, std::size_t child_length,
                                                            int cutoff_year, int extension_last_year) {
  // The eligibility rule of core/register/eligibility.hpp in SQL (REFERENCE §1.1): any exclusion
  // flag makes an estate ineligible whatever its age.
  const std::string clear =
      "e.excl_self_built = 0 AND e.excl_urban_village = 0 AND e.excl_demolition = 0 AND e.excl_recent_renovation = 0";
  const std::string eligible = "(" + clear + " AND e.built_year <= ?)";
  const std::string extension = "(" + clear + " AND e.built_year > ? AND e.built_year <= ?)";
  // The child length is one of five constants (checked by the caller), written into the text so both
  // dialects group by the same expression without a typed parameter.
  const std::string child = "substr(e.region_code, 1, " + std::to_string(child_length) + ")";
  std::string where = " WHERE 1 = 1";
  Params p{Int(cutoff_year), Int(cutoff_year), Int(cutoff_year), Int(extension_last_year), Int(cutoff_year),
           Int(extension_last_year)};
  AddPrefixFilter(where, p, "e.region_code", prefix);
  // The join also equates region codes: both tables carry the estate's code, and a distributed
  // deployment co-locates them by it (docs/scaling.md).
  auto rows = s.Query("SELECT " + child + ", COUNT(*), SUM(st.buildings), SUM(st.dwellings), SUM(st.exclusive_area_dm2), " +
                          "SUM(CASE WHEN " + eligible + " THEN 1 ELSE 0 END), " +
                          "SUM(CASE WHEN " + eligible + " THEN st.dwellings ELSE 0 END), " +
                          "SUM(CASE WHEN " + extension + " THEN 1 ELSE 0 END), " +
                          "SUM(CASE WHEN " + extension + " THEN st.dwellings ELSE 0 END) " +
                          "FROM estate e JOIN estate_stat st ON st.estate_id = e.id AND st.region_code = e.region_code" +
                          where + " GROUP BY " + child + " ORDER BY " + child,
                      p);
  if (!rows) return std::move(rows).error();
  std::vector<RollupCounts> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) {
    RollupCounts c;
    c.region_code = r.GetText(0);
    c.estates = r.GetInt(1);
    c.buildings = r.GetInt(2);
    c.dwellings = r.GetInt(3);
    c.exclusive_area_dm2 = r.GetInt(4);
    c.eligible_estates = r.GetInt(5);
    c.eligible_dwellings = r.GetInt(6);
    c.extension_estates = r.GetInt(7);
    c.extension_dwellings = r.GetInt(8);
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace huanxin::store
