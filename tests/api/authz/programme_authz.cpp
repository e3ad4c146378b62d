// Programme statistics in the authorization matrix (rows: programme.csv). Reads only: the routes
// ask for the side's community, so scope decides; no objects of their own.
#include "api/authz/authz_core.hpp"

namespace huanxin::testing::authz {
namespace {

Context ProgrammeContext() {
  Context c;
  c.name = "programme";
  const Factory by_community = [](Case& c, Req& r) { r.Query("regionCode=" + c.side.community() + "&year=2026"); };
  c.routes = {
      {"GET /api/v1/stats/programme", by_community},
      {"GET /api/v1/stats/programme.xlsx", by_community},
  };
  return c;
}

}  // namespace

HX_AUTHZ_CONTEXT(ProgrammeContext)

}  // namespace huanxin::testing::authz
