// JSON of the public portal (issue #15; src/http/openapi/portal.json).
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <vector>

#include "service/portal/portal_service.hpp"
#include "store/audit/published_head_repository.hpp"

namespace huanxin::http {

boost::json::object PublicEstatePageJson(const service::PublicEstatePage& p);
boost::json::object PublicEstateJson(const service::PublicEstateView& v, bool english);
boost::json::object PublicStatsJson(const service::PublicStats& s, bool english);
boost::json::array PublicDataJson(const service::DataTable& t);
boost::json::array PublicAuditHeadsJson(const std::vector<store::PublishedHead>& heads);
// The management section: null without a provider or a record.
boost::json::value PublicManagementJson(const std::optional<service::PublicManagement>& m);

}  // namespace huanxin::http
