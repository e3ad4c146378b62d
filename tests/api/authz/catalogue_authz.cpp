// The renovation catalogue's routes in the authorization matrix (rows: catalogue.csv). Its items come
// with the migrations and have no region: no objects of its own.
#include "api/authz/authz_core.hpp"

namespace huanxin::testing::authz {
namespace {

Context CatalogueContext() {
  Context c;
  c.name = "catalogue";
  c.routes = {
      {"GET /api/v1/catalog/renovation-items", Plain()},
  };
  return c;
}

}  // namespace

HX_AUTHZ_CONTEXT(CatalogueContext)

}  // namespace huanxin::testing::authz
