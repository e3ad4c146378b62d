// The stewardship routes in the authorization matrix (rows: stewardship.csv): the management mode,
// committee, property contract, fees (bill runs, payments, the summary), fee sources, the
// maintenance fund and utility transfers of the register's estate on each side. Puts nothing.
#include "api/authz/authz_core.hpp"

namespace huanxin::testing::authz {
namespace {

Factory OnEstate(std::function<void(Case&, Req&)> then = nullptr) {
  return [then](Case& c, Req& r) {
    r.Path("{id}", c.side.Id("estate"));
    if (then) then(c, r);
  };
}

Context StewardshipContext() {
  Context c;
  c.name = "stewardship";
  c.after = {"register"};
  c.routes = {
      {"GET /api/v1/estates/{id}/management", OnEstate()},
      {"PUT /api/v1/estates/{id}/management",
       OnEstate([](Case&, Req& r) { r.Json(json::object{{"mode", "self_management"}, {"feePerM2Month", "0.20"}}); })},
      {"PUT /api/v1/estates/{id}/committee",
       OnEstate([](Case& c, Req& r) {
         r.Json(json::object{{"kind", "management_committee"},
                             {"termStart", "2026-01-01"},
                             {"termEnd", "2028-12-31"},
                             {"members", json::array{json::object{{"name", "矩阵委员" + c.n}, {"role", "主任"}}}}});
       })},
      {"PUT /api/v1/estates/{id}/property-contract",
       OnEstate([](Case&, Req& r) {
         r.Json(json::object{{"company", "矩阵物业"}, {"termStart", "2026-01-01"}, {"termEnd", "2028-12-31"}, {"feePerM2Month", "0.45"}});
       })},
      {"GET /api/v1/estates/{id}/fees", OnEstate([](Case&, Req& r) { r.Query("period=2026"); })},
      {"POST /api/v1/estates/{id}/fees/bill-runs", OnEstate([](Case&, Req& r) { r.Json(json::object{{"period", "2026-01"}}); })},
      {"POST /api/v1/estates/{id}/fees/payments",
       OnEstate([](Case&, Req& r) { r.Json(json::object{{"billId", 999999999}, {"amount", 100}}); })},
      {"POST /api/v1/estates/{id}/fee-sources",
       OnEstate([](Case&, Req& r) {
         r.Json(json::object{{"source", "government_reward"}, {"amount", 100000}, {"on", "2026-01-15"}});
       })},
      {"POST /api/v1/estates/{id}/maintenance-fund/entries",
       OnEstate([](Case&, Req& r) { r.Json(json::object{{"kind", "raise"}, {"amount", 100000}, {"on", "2026-01-15"}}); })},
      {"PUT /api/v1/estates/{id}/utility-transfers/{network}",
       OnEstate([](Case&, Req& r) { r.Path("{network}", "water").Json(json::object{{"status", "pending"}}); })},
  };
  return c;
}

}  // namespace
HX_AUTHZ_CONTEXT(StewardshipContext)
}  // namespace huanxin::testing::authz
