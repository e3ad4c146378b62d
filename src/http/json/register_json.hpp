// JSON codecs of the register context (issue #3). Areas go out as m² numbers with two decimals and
// come in as numbers (or numeric strings) with at most two decimals, converted exactly to dm².
#pragma once

#include <boost/json/object.hpp>

#include "service/register/import_service.hpp"
#include "service/register/register_service.hpp"

namespace huanxin::http {

boost::json::object EstateJson(const service::EstateView& v, bool english);
boost::json::object EligibilityJson(const core::reg::Eligibility& e, bool english);
// GET /estates/{id}/eligibility: the verdict with its reasons and the deployment's policy.
boost::json::object EligibilityReportJson(std::int64_t estate_id, const core::reg::Eligibility& e,
                                          const core::reg::EligibilityPolicy& policy, bool english);
// GET /register/dictionaries: every closed vocabulary of the register, {code, name} per choice.
boost::json::object DictionariesJson(bool english);
boost::json::object BuildingJson(const store::BuildingRecord& b);
boost::json::object OwnerJson(const service::OwnerView& o);
boost::json::object DwellingJson(const service::DwellingView& v);
boost::json::object SummaryJson(const service::EstateSummary& s);
boost::json::object RollupJson(const service::RegisterRollup& r, const core::reg::EligibilityPolicy& policy);
boost::json::object ImportReportJson(const service::ImportReport& r, bool english);

Result<service::EstateInput> ParseEstateInput(const boost::json::object& o);
Result<service::BuildingInput> ParseBuildingInput(const boost::json::object& o);
Result<service::DwellingInput> ParseDwellingInput(const boost::json::object& o);
Result<service::OwnerInput> ParseOwnerInput(const boost::json::object& o);
Result<service::HouseholdInput> ParseHouseholdInput(const boost::json::object& o);

// A decimal with at most two fraction digits → hundredths (number or numeric string). Absent or
// null → nullopt; anything else wrong → 422 http.invalid_field.
Result<std::optional<std::int64_t>> ReadHundredths(const boost::json::object& o, const char* field);

// Coordinates: micro-degrees out as plain numbers with six decimals; in as a number of degrees
// (absent or null → nullopt).
boost::json::value OptDegrees(const std::optional<std::int64_t>& micro_degrees);
Result<std::optional<std::int64_t>> ReadOptionalDegrees(const boost::json::object& o, const char* field);

}  // namespace huanxin::http
