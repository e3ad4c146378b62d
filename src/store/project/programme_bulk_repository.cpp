#include "store/project/programme_bulk_repository.hpp"

namespace huanxin::store {

Result<std::int64_t> ProgrammeBulkRepository::MaxProjectId(Session& s) {
  return QueryInt(s, "SELECT COALESCE(MAX(id), 0) FROM project");
}

Result<std::set<std::string>> ProgrammeBulkRepository::PlannedRegions(Session& s, int year) {
  auto rows = s.Query("SELECT region_code FROM annual_plan WHERE year = ?", {Int(year)});
  if (!rows) return std::move(rows).error();
  std::set<std::string> out;
  for (const auto& r : *rows) out.insert(r.GetText(0));
  return out;
}

Result<void> ProgrammeBulkRepository::AfterLoad(Session& s) {
  for (const char* t : {"project", "fund_entry", "annual_plan"})
    if (auto r = s.ResetIdentity(t); !r) return r;
  return s.Analyze({"annual_plan", "project", "project_estate", "fund_entry"});
}

}  // namespace huanxin::store
