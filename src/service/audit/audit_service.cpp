#include "service/audit/audit_service.hpp"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "core/auth/role.hpp"

namespace huanxin::service {

Changes& Changes::Set(std::string field, boost::json::value from, boost::json::value to) {
  fields_.emplace_back(std::move(field), std::make_pair(std::move(from), std::move(to)));
  return *this;
}

Changes& Changes::Diff(std::string field, const boost::json::value& from, const boost::json::value& to) {
  if (from != to) Set(std::move(field), from, to);
  return *this;
}

std::string Changes::ToJson() const {
  boost::json::object o;
  for (const auto& [field, ft] : fields_) o[field] = boost::json::object{{"from", ft.first}, {"to", ft.second}};
  return boost::json::serialize(o);
}

Result<void> RecordAudit(store::Session& s, const Clock& clock, const Actor& actor, std::string action,
                         std::string entity, std::string entity_id, std::string region_code,
                         const Changes& changes) {
  core::audit::Entry e;
  e.at = FormatIsoUtc(clock.Now());
  e.user_id = actor.user_id;
  e.username = actor.username;
  e.role = std::string(core::auth::RoleCode(actor.role));
  e.action = std::move(action);
  e.entity = std::move(entity);
  e.entity_id = std::move(entity_id);
  e.region_code = std::move(region_code);
  e.changes = changes.ToJson();
  e.request_id = actor.request_id;
  return store::AuditRepository::Append(s, e);
}

Result<AuditPage> AuditService::List(const Actor& actor, const AuditQuery& q) {
  if (auto r = RequirePermission(actor, core::auth::perm::kAuditRead); !r) return std::move(r).error();
  auto region = ScopedRegionFilter(actor, q.region_code);
  if (!region) return std::move(region).error();
  store::AuditFilter f;
  f.scope_prefix = actor.scope.prefix();
  f.region_prefix = *region;
  f.entity = q.entity;
  f.entity_id = q.entity_id;
  f.action = q.action;
  f.user_id = q.user_id;
  f.from = q.from;
  f.to = q.to;
  f.limit = q.page_size;
  f.offset = (q.page - 1) * q.page_size;
  AuditPage out;
  auto r = db_.Read([&](store::Session& s) -> Result<void> {
    store::Page page;
    auto items = store::AuditRepository::List(s, f, page);
    if (!items) return std::move(items).error();
    out.items = std::move(*items);
    out.total = page.total;
    return Ok();
  });
  if (!r) return std::move(r).error();
  return out;
}

Result<VerifyReport> AuditService::Verify() {
  VerifyReport report;
  core::audit::VerifyState state;
  // One read transaction: a consistent snapshot of chain and head while writers go on.
  auto r = db_.Read([&](store::Session& s) -> Result<void> {
    constexpr std::int64_t kPage = 1000;
    while (true) {
      auto batch = store::AuditRepository::Range(s, state.next_seq - 1, kPage);
      if (!batch) return std::move(batch).error();
      if (batch->empty()) break;
      if (auto bad = core::audit::VerifyEntries(*batch, state)) {
        report.ok = false;
        report.first_broken_seq = *bad;
        report.reason = "row " + std::to_string(*bad) + " does not match its hash or link";
        return Ok();
      }
      report.checked += static_cast<std::int64_t>(batch->size());
    }
    auto head = store::AuditRepository::Head(s);
    if (!head) return std::move(head).error();
    if (head->first != state.next_seq - 1 || head->second != state.prev_hash) {
      report.ok = false;
      report.first_broken_seq = state.next_seq;
      report.reason = "chain ends at row " + std::to_string(state.next_seq - 1) + " but the head records row " +
                      std::to_string(head->first) + " (rows removed from the end)";
    }
    return Ok();
  });
  if (!r) return std::move(r).error();
  return report;
}

Result<VerifyReport> AuditService::VerifyAgainst(const std::vector<store::PublishedHead>& saved) {
  auto report = Verify();
  if (!report || !report->ok) return report;
  auto r = db_.Read([&](store::Session& s) -> Result<void> {
    for (const auto& head : saved) {
      auto row = head.seq > 0 ? store::AuditRepository::Range(s, head.seq - 1, 1)
                              : Result<std::vector<core::audit::Entry>>(std::vector<core::audit::Entry>{});
      if (!row) return std::move(row).error();
      std::string found;
      if (head.seq == 0) found = std::string(64, '0');  // the empty chain's head
      else if (!row->empty() && row->front().seq == head.seq) found = row->front().hash;
      if (found == head.hash) continue;
      report->ok = false;
      report->first_broken_seq = head.seq;
      report->head_on = head.on;
      report->reason = "the head published on " + head.on + " (row " + std::to_string(head.seq) + ", hash " +
                       head.hash.substr(0, 12) + "…) " +
                       (found.empty() ? std::string("names a row the chain no longer has")
                                      : "does not match the row's hash now (" + found.substr(0, 12) + "…): history was rewritten");
      return Ok();
    }
    return Ok();
  });
  if (!r) return std::move(r).error();
  return report;
}

Result<std::vector<store::PublishedHead>> AuditService::PublishedHeads() {
  return store::ReadResult(db_, [](store::Session& s) { return store::PublishedHeadRepository::List(s); });
}

Result<bool> AuditService::PublishHead(const std::string& on, const std::string& now_iso) {
  return store::WriteResult(db_, [&](store::Session& s) -> Result<bool> {
    auto head = store::AuditRepository::Head(s);
    if (!head) return std::move(head).error();
    return store::PublishedHeadRepository::Publish(s, {on, head->first, head->second}, now_iso);
  });
}

}  // namespace huanxin::service
