// JSON codecs of the platform contexts (health, auth, user, audit, region, jobs, workbench).
// camelCase keys.
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/audit/chain.hpp"
#include "http/json/json_input.hpp"
#include "http/message.hpp"
#include "service/audit/audit_service.hpp"
#include "service/auth/auth_service.hpp"
#include "service/file/file_service.hpp"
#include "service/job/job_service.hpp"
#include "service/region/region_service.hpp"
#include "service/user/user_service.hpp"
#include "store/region/region_repository.hpp"

namespace huanxin::http {

// GET /health: {status: "ok", version, database, time}.
boost::json::object HealthJson(const std::string& version, std::string_view database, const std::string& time);

boost::json::object UserJson(const service::UserView& v);
// POST /auth/login: the session's token, CSRF token and expiry, and the account.
boost::json::object LoginJson(const service::LoginResult& login);
// GET /auth/me: the account, and the CSRF token and expiry of the session asking.
boost::json::object MeJson(const service::UserView& v, const store::SessionRecord& session);
// GET /roles: every role with its name in the request's language and its permissions.
boost::json::object RolesJson(bool english);
boost::json::object UserPageJson(const std::vector<service::UserView>& users, std::int64_t total, const Paging& paging);

boost::json::object AuditJson(const core::audit::Entry& e);
boost::json::object AuditPageJson(const service::AuditPage& page, const service::AuditQuery& q);

boost::json::object RegionJson(const store::RegionRecord& r);
boost::json::object RegionListJson(const std::vector<store::RegionRecord>& regions);  // {items}
// GET /regions/{code}: the region with its path from the root, {code, name, level} each.
boost::json::object RegionWithPathJson(const service::RegionWithPath& r);

// GET /workbench: the heading (scope code and name, the year in Beijing) and each context's section.
boost::json::object WorkbenchJson(const std::string& region_code, const std::string& region_name, int year,
                                  boost::json::object sections);

// A stored file as its upload answers it (id, name, contentType, size, sha256, createdAt).
boost::json::object StoredFileJson(const service::StoredFile& f);
// GET /jobs/{id}: the job's state and progress; `result` is the JSON it recorded (null until it
// finished, or when what it recorded is not JSON).
boost::json::object JobJson(const service::JobSnapshot& job);
boost::json::object PageJson(boost::json::array items, std::int64_t total, std::int64_t page, std::int64_t page_size);

// Request bodies and query strings (422 http.invalid_field / 400 http.bad_query naming the field;
// fields are read in the order listed, and the first bad one is reported).
// POST /users: username, displayName, role, scopeCode (optional, "" = all), password, phone,
// assignments ([{kind, id}], optional).
Result<service::NewUser> ParseNewUser(const boost::json::object& o);
// PATCH /users/{id}: displayName, role, scopeCode, phone (null clears), disabled, assignments
// (absent or null leaves them, [] clears them).
Result<service::UserPatch> ParseUserPatch(const boost::json::object& o);
// GET /users: page, pageSize, disabled, q, role, regionCode.
Result<service::UserQuery> ParseUserQuery(const Request& req);
// GET /audit: page, pageSize, userId, from, to, regionCode, entity, entityId, action.
Result<service::AuditQuery> ParseAuditQuery(const Request& req);

}  // namespace huanxin::http
