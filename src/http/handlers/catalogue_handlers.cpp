#include "http/handlers/catalogue_handlers.hpp"

#include <boost/json.hpp>

#include "http/handlers/handler_util.hpp"
#include "http/json/json_input.hpp"
#include "service/catalogue/catalogue_service.hpp"

namespace huanxin::http {

namespace {

Response RenovationCatalog(CatalogueApi& s, Request& req) {
  HX_TRY(items, s.catalogue.Items(req.actor()));
  boost::json::array out;
  for (const auto& i : *items)
    out.push_back({{"code", i.code},
                   {"category", i.category},
                   {"categoryName", i.category_name(req.english)},
                   {"name", i.name(req.english)}});
  return Json(200, boost::json::object{{"items", std::move(out)}});
}

}  // namespace

void AddCatalogueRoutes(RouteTable& t, CatalogueApi& api) {
  t.Add("GET", "/api/v1/catalog/renovation-items", Access::kSession, BodyKind::kNone, api, RenovationCatalog);
}

}  // namespace huanxin::http
