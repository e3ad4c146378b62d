// JSON codecs of the register context (issue #3). Areas go out as m² numbers with two decimals and
// come in as numbers (or numeric strings) with at most two decimals, converted exactly to dm².
#pragma once

#include <boost/json/object.hpp>
#include <vector>

#include "http/json/json_input.hpp"
#include "http/message.hpp"
#include "service/register/import_service.hpp"
#include "service/register/register_service.hpp"

namespace huanxin::http {

boost::json::object EstateJson(const service::EstateView& v, bool english);
// GET /estates: one page of estates {items, total, page, pageSize}.
boost::json::object EstatePageJson(const std::vector<service::EstateView>& estates, std::int64_t total,
                                   const service::EstateQuery& q, bool english);
boost::json::object EligibilityJson(const core::reg::Eligibility& e, bool english);
// GET /estates/{id}/eligibility: the verdict with its reasons and the deployment's policy.
boost::json::object EligibilityReportJson(const service::EligibilityReport& r, bool english);
// GET /register/dictionaries: every closed vocabulary of the register, {code, name} per choice.
boost::json::object DictionariesJson(bool english);
boost::json::object BuildingJson(const store::BuildingRecord& b);
boost::json::object BuildingListJson(const std::vector<store::BuildingRecord>& buildings);  // {items}
boost::json::object OwnerJson(const service::OwnerView& o);
// GET /owners: one page of owners {items, total, page, pageSize}.
boost::json::object OwnerPageJson(const std::vector<service::OwnerView>& owners, std::int64_t total, const Paging& paging);
boost::json::object DwellingJson(const service::DwellingView& v);
boost::json::object DwellingListJson(const std::vector<service::DwellingView>& dwellings);  // {items}
// GET /estates/{id}/summary.
boost::json::object SummaryJson(const service::EstateSummary& s, std::int64_t estate_id);
boost::json::object RollupJson(const service::RegisterRollup& r);
// The register's section of GET /workbench: estates, eligible, extension, buildings, dwellings.
boost::json::object RegisterWorkbenchJson(const store::RollupCounts& totals);
boost::json::object ImportReportJson(const service::ImportReport& r, bool english);
// The answer to a roster import: 200 with the report; 422 import.invalid_rows
// (ImportService::Refusal) with the report's fields beside the error envelope when rows were bad;
// the error envelope when the import failed.
Response ImportAnswer(const Result<service::ImportReport>& r, bool english);
// What an import job records: the same answer's body, successful when the answer is 200.
service::JobOutcome ImportJobOutcome(const Result<service::ImportReport>& r, bool english);
// 202 to an import queued as a job: {jobId, state: "queued"}.
boost::json::object ImportQueuedJson(std::int64_t job_id);

// GET /estates, /estates.xlsx: page, pageSize, builtFrom, builtTo (years 1900–2100, else 400
// http.bad_query), regionCode, status, eligibility, q.
Result<service::EstateQuery> ParseEstateQuery(const Request& req);

Result<service::EstateInput> ParseEstateInput(const boost::json::object& o);
Result<service::BuildingInput> ParseBuildingInput(const boost::json::object& o);
Result<service::DwellingInput> ParseDwellingInput(const boost::json::object& o);
Result<service::OwnerInput> ParseOwnerInput(const boost::json::object& o);
// POST /dwellings/{id}/owners: a person {idNumber, name, phone} when idNumber is present, else
// {ownerId} (an integer; 422 http.invalid_field ownerId otherwise).
Result<service::OwnerLinkInput> ParseOwnerLinkInput(const boost::json::object& o);
Result<service::HouseholdInput> ParseHouseholdInput(const boost::json::object& o);

// A decimal with at most two fraction digits → hundredths (number or numeric string). Absent or
// null → nullopt; anything else wrong → 422 http.invalid_field.
Result<std::optional<std::int64_t>> ReadHundredths(const boost::json::object& o, const char* field);

// Coordinates: micro-degrees out as plain numbers with six decimals; in as a number of degrees
// (absent or null → nullopt).
boost::json::value OptDegrees(const std::optional<std::int64_t>& micro_degrees);
Result<std::optional<std::int64_t>> ReadOptionalDegrees(const boost::json::object& o, const char* field);

}  // namespace huanxin::http
