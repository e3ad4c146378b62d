#include "store/audit/published_head_repository.hpp"

namespace huanxin::store {

Result<std::vector<PublishedHead>> PublishedHeadRepository::List(Session& s) {
  return MapRows<PublishedHead>(s.Query("SELECT on_date, seq, hash FROM audit_published_head ORDER BY on_date"),
                                [](const Row& r) { return PublishedHead{r.GetText(0), r.GetInt(1), r.GetText(2)}; });
}

Result<bool> PublishedHeadRepository::Publish(Session& s, const PublishedHead& head, const std::string& published_at) {
  auto n = s.Exec("INSERT INTO audit_published_head (on_date, seq, hash, published_at) VALUES (?, ?, ?, ?) "
                  "ON CONFLICT (on_date) DO NOTHING",
                  {Str(head.on), Int(head.seq), Str(head.hash), Str(published_at)});
  if (!n) return std::move(n).error();
  return *n > 0;
}

}  // namespace huanxin::store
