#include "store/register/register_bulk_repository.hpp"

namespace huanxin::store {

Result<RegisterMaxIds> RegisterBulkRepository::MaxIds(Session& s) {
  auto rows = s.Query(
      "SELECT (SELECT COALESCE(MAX(id), 0) FROM estate), (SELECT COALESCE(MAX(id), 0) FROM building), "
      "(SELECT COALESCE(MAX(id), 0) FROM dwelling), (SELECT COALESCE(MAX(id), 0) FROM owner)");
  if (!rows) return std::move(rows).error();
  const auto& r = rows->front();
  return RegisterMaxIds{r.GetInt(0), r.GetInt(1), r.GetInt(2), r.GetInt(3)};
}

Result<void> RegisterBulkRepository::AfterLoad(Session& s) {
  for (const char* t : {"estate", "building", "dwelling", "owner"})
    if (auto r = s.ResetIdentity(t); !r) return r;
  return s.Analyze({"estate", "estate_stat", "building", "dwelling", "owner", "dwelling_owner"});
}

}  // namespace huanxin::store
