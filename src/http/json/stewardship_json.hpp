// JSON codecs of the stewardship context (issue #15; docs/stewardship.md; shapes in
// src/http/openapi/stewardship.json). Money is integer fen (billed, paid, amount, balance); the fee
// standard is also given as yuan per m² per month with two decimals (feePerM2Month); rates are
// percentages with two decimals (87.50).
#pragma once

#include <boost/json/object.hpp>
#include <string>

#include "http/json/json_input.hpp"
#include "service/stewardship/stewardship_service.hpp"

namespace huanxin::http {

boost::json::object ManagementJson(const service::ManagementView& v);
boost::json::object FeeSummaryJson(const service::FeeSummary& v);
boost::json::object BillRunJson(const service::BillRunResult& v);
boost::json::object PaymentJson(const service::PaymentResult& v);
boost::json::object FeeSourceJson(const store::FeeSourceRecord& f);
boost::json::object FundEntryJson(const store::MaintenanceFundEntryRecord& f);
boost::json::object UtilityTransferJson(const store::UtilityTransferRecord& u);

Result<service::ManagementInput> ParseManagementInput(const boost::json::object& o);
Result<service::CommitteeInput> ParseCommitteeInput(const boost::json::object& o);
Result<service::ContractInput> ParseContractInput(const boost::json::object& o);
Result<std::string> ParseBillRunInput(const boost::json::object& o);  // the period
Result<service::PaymentInput> ParsePaymentInput(const boost::json::object& o);
Result<service::FeeSourceInput> ParseFeeSourceInput(const boost::json::object& o);
Result<service::FundEntryInput> ParseFundEntryInput(const boost::json::object& o);
Result<service::UtilityTransferInput> ParseUtilityTransferInput(const boost::json::object& o);

}  // namespace huanxin::http
