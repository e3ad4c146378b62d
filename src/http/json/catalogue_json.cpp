#include "http/json/catalogue_json.hpp"

#include <boost/json/array.hpp>

namespace huanxin::http {

boost::json::object RenovationItemsJson(const std::vector<service::RenovationItem>& items, bool english) {
  boost::json::array out;
  for (const auto& i : items)
    out.push_back({{"code", i.code}, {"category", i.category}, {"categoryName", i.category_name(english)}, {"name", i.name(english)}});
  return {{"items", std::move(out)}};
}

}  // namespace huanxin::http
