#include "http/handlers/catalogue_handlers.hpp"

#include "http/handlers/handler_util.hpp"
#include "http/json/catalogue_json.hpp"
#include "service/catalogue/catalogue_service.hpp"

namespace huanxin::http {

namespace {

Response RenovationCatalog(CatalogueApi& s, Request& req) {
  HX_TRY(items, s.catalogue.Items(req.actor()));
  return Json(200, RenovationItemsJson(*items, req.english));
}

}  // namespace

void AddCatalogueRoutes(RouteTable& t, CatalogueApi& api) {
  t.Add("GET", "/api/v1/catalog/renovation-items", Access::kSession, BodyKind::kNone, api, RenovationCatalog);
}

}  // namespace huanxin::http
