#include "http/json/platform_json.hpp"

#include <boost/json/parse.hpp>

#include "core/auth/role.hpp"

namespace huanxin::http {

boost::json::object UserJson(const service::UserView& v) {
  const auto& u = v.user;
  boost::json::array assignments, permissions;
  for (const auto& a : u.assignments) assignments.push_back({{"kind", a.kind}, {"id", a.target_id}});
  if (auto role = core::auth::ParseRole(u.role))
    for (auto p : core::auth::PermissionsOf(*role)) permissions.push_back(boost::json::string(p));
  return {{"id", u.id},
          {"username", u.username},
          {"displayName", u.display_name},
          {"role", u.role},
          {"scopeCode", u.region_code},
          {"scopeName", v.scope_name},
          {"phone", u.phone ? boost::json::value(boost::json::string(*u.phone)) : boost::json::value(nullptr)},
          {"disabled", u.disabled},
          {"assignments", std::move(assignments)},
          {"permissions", std::move(permissions)},
          {"createdAt", u.created_at},
          {"updatedAt", u.updated_at}};
}

boost::json::object AuditJson(const core::audit::Entry& e) {
  boost::system::error_code ec;
  auto changes = boost::json::parse(e.changes, ec);
  return {{"id", e.seq},
          {"at", e.at},
          {"userId", e.user_id},
          {"username", e.username},
          {"role", e.role},
          {"action", e.action},
          {"entity", e.entity},
          {"entityId", e.entity_id},
          {"regionCode", e.region_code},
          {"changes", ec ? boost::json::value(boost::json::object{}) : changes},
          {"requestId", e.request_id},
          {"hash", e.hash}};
}

boost::json::object RegionJson(const store::RegionRecord& r) {
  return {{"code", r.code},
          {"name", r.name},
          {"level", r.level},
          {"parentCode", r.parent_code},
          {"hasChildren", r.has_children}};
}

boost::json::object PageJson(boost::json::array items, std::int64_t total, std::int64_t page, std::int64_t page_size) {
  return {{"items", std::move(items)}, {"total", total}, {"page", page}, {"pageSize", page_size}};
}

boost::json::object StoredFileJson(const service::StoredFile& f) {
  return {{"id", f.id},         {"name", f.name},     {"contentType", f.content_type},
          {"size", f.size_bytes}, {"sha256", f.sha256}, {"createdAt", f.created_at}};
}

}  // namespace huanxin::http
