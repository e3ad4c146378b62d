// JSON codecs of the platform contexts (auth, user, audit, region). camelCase keys.
#pragma once

#include "service/file/file_service.hpp"
#include <boost/json/object.hpp>

#include "core/audit/chain.hpp"
#include "service/user/user_service.hpp"
#include "store/region/region_repository.hpp"

namespace huanxin::http {

boost::json::object UserJson(const service::UserView& v);
boost::json::object AuditJson(const core::audit::Entry& e);
boost::json::object RegionJson(const store::RegionRecord& r);
// A stored file as its upload answers it (id, name, contentType, size, sha256, createdAt).
boost::json::object StoredFileJson(const service::StoredFile& f);
boost::json::object PageJson(boost::json::array items, std::int64_t total, std::int64_t page, std::int64_t page_size);

}  // namespace huanxin::http
