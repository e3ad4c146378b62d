// The public portal's routes in the authorization matrix (rows: portal.csv): estates, one estate,
// statistics, open data and the audit heads. Reads the register's "estate"; puts nothing.
#include "api/authz/authz_core.hpp"

namespace huanxin::testing::authz {
namespace {

Context PortalContext() {
  Context c;
  c.name = "portal";
  c.after = {"register"};
  c.routes = {
      {"GET /api/v1/public/estates", [](Case&, Req& r) { r.Query("regionCode=360104"); }},
      {"GET /api/v1/public/estates/{id}", Fill("{id}", "estate")},
      {"GET /api/v1/public/stats", [](Case&, Req& r) { r.Query("regionCode=360104&year=2026"); }},
      {"GET /api/v1/public/open-data/{file}", [](Case&, Req& r) { r.Path("{file}", "estates.csv"); }},
      {"GET /api/v1/public/audit-heads", Plain()},
  };
  return c;
}

}  // namespace
HX_AUTHZ_CONTEXT(PortalContext)
}  // namespace huanxin::testing::authz
