// JSON codecs of the assessment context (issue #15; docs/assessment.md; shapes in
// src/http/openapi/assessment.json). Rates and points are numbers with two decimals (58.33);
// inputs are the integers that went into a KPI (money in fen).
#pragma once

#include <boost/json/object.hpp>

#include "http/json/json_input.hpp"
#include "service/assessment/assessment_service.hpp"

namespace huanxin::http {

boost::json::object KpiReportJson(const service::KpiReport& r, bool english);
boost::json::object DutyMatrixJson(const service::DutyMatrix& m);
boost::json::object MeetingJson(const service::MeetingView& m);
boost::json::object MeetingPageJson(const service::MeetingPage& p);
boost::json::object ActionJson(const service::ActionView& a);
boost::json::object EvaluationJson(const service::AnnualEvaluationView& e, bool english);

Result<std::vector<service::DutyView>> ParseDuties(const boost::json::object& o);
Result<service::MeetingInput> ParseMeetingInput(const boost::json::object& o);
Result<std::vector<service::MeetingActionInput>> ParseMeetingActions(const boost::json::object& o);
Result<service::MeetingActionInput> ParseActionInput(const boost::json::object& o);
Result<service::AnnualScoreInput> ParseScoreInput(const boost::json::object& o);

}  // namespace huanxin::http
