// JSON codecs of the renovation catalogue (core/catalogue/README.md). camelCase keys.
#pragma once

#include <boost/json/object.hpp>

#include "service/catalogue/catalogue_service.hpp"

namespace huanxin::http {

// GET /catalog/renovation-items: {items: [{code, category, categoryName, name}]}, names in the
// request's language, in catalogue order.
boost::json::object RenovationItemsJson(const std::vector<service::RenovationItem>& items, bool english);

}  // namespace huanxin::http
