// JSON codecs of the acceptance context (issue #14; docs/acceptance.md; shapes in
// src/http/openapi/acceptance.json). Percentages are numbers with two decimals (93.33).
#pragma once

#include <boost/json/object.hpp>
#include <vector>

#include "http/json/json_input.hpp"
#include "service/acceptance/acceptance_service.hpp"

namespace huanxin::http {

boost::json::object HouseholdAcceptanceJson(const store::HouseholdAcceptanceRecord& h);
boost::json::object HouseholdAcceptancesJson(const std::vector<store::HouseholdAcceptanceRecord>& list);  // {items}
boost::json::object AcceptanceJson(const service::AcceptanceView& v);
boost::json::object WarrantiesJson(const std::vector<service::WarrantyRow>& rows);  // {items}

Result<service::HouseholdAcceptanceInput> ParseHouseholdAcceptanceInput(const boost::json::object& o);
Result<service::AcceptanceInput> ParseAcceptanceInput(const boost::json::object& o);
Result<service::HandoverInput> ParseHandoverInput(const boost::json::object& o);

}  // namespace huanxin::http
