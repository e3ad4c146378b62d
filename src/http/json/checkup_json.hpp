// JSON codecs of the check-up context (issue #4; docs/checkup.md, "JSON shapes", is the contract).
//
// Encoders turn service results into the shapes the server sends; parsers turn request bodies and
// query strings into service inputs, refusing a wrong type or a missing field with 422 naming it
// (http.invalid_field, or checkup.invalid_field where the check-up routes always said so). Severity
// arrives here as core::checkup::Severity and leaves as its code ("larger_hazard"); the problem
// list also carries its name in the request's language.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "http/message.hpp"
#include "service/checkup/checkup_service.hpp"

namespace huanxin::http {

// ---- encoders ----

boost::json::object CheckupCatalogJson(const service::CheckupCatalog& c);
boost::json::object CheckupCatalogListJson(const std::vector<service::CheckupCatalog>& list);  // {items}
boost::json::object CatalogViewJson(const service::CatalogView& v, bool english);
// A renovation item as check-ups show it: names in the request's language, the suggesting indicators.
boost::json::object CheckupItemJson(const service::CheckupItem& c, bool english);
boost::json::object CheckupItemListJson(const std::vector<service::CheckupItem>& list, bool english);  // {items}
boost::json::object CampaignJson(const service::Campaign& c);
boost::json::object CampaignListJson(const std::vector<service::Campaign>& list);  // {items, total}
boost::json::object ObservationJson(const service::Observation& o);
boost::json::object ObservationListJson(const std::vector<service::Observation>& list);  // {items, total}
boost::json::object UpsertResultJson(const service::UpsertResult& r);
boost::json::object ProblemListJson(const service::ProblemList& p, bool english);
boost::json::object RollupJson(const service::Rollup& r, bool english);
boost::json::object ReportsJobJson(const service::ReportsJob& j);
boost::json::object CheckupWorkbenchJson(const service::CheckupWorkbench& w);

// ---- parsers ----

// POST /checkup/catalogs/{id}/indicators.
Result<service::IndicatorInput> ParseIndicatorInput(const boost::json::object& o);
// PATCH /checkup/items/{code}: only unit, unitCost (integer fen or null) and payer.
Result<core::catalogue::ItemPatch> ParseItemPatch(const boost::json::object& o);
// POST /checkups.
Result<service::CampaignInput> ParseCampaignInput(const boost::json::object& o);

struct CheckupAssignInput {
  std::vector<std::int64_t> estate_ids;
  std::int64_t user_id = 0;
};
// POST /checkups/{id}/assign.
Result<CheckupAssignInput> ParseCheckupAssignInput(const boost::json::object& o);

struct CheckupReviewInput {
  std::int64_t estate_id = 0;
  std::string comment;
};
// POST /checkups/{id}/submit|approve|return.
Result<CheckupReviewInput> ParseCheckupReviewInput(const boost::json::object& o);

// One observation of a batch; errors name it by index (observations[k].field).
Result<service::ObservationInput> ParseObservation(const boost::json::value& v, std::size_t k);
// POST /checkups/{id}/observations: {observations: [...]}.
Result<std::vector<service::ObservationInput>> ParseObservationBatch(const boost::json::object& o);

// ?estateId=&severity=&indicator= of GET /checkups/{id}/problems; a severity that is not a code is
// 422 checkup.invalid_field.
Result<service::ProblemQuery> ParseProblemQuery(const Request& req);
// ?year= (clamped to 0–9999); nullopt when absent.
Result<std::optional<int>> ParseYearQuery(const Request& req);

}  // namespace huanxin::http
