// JSON of the construction context's steps, schedules, baselines, alerts and seasons
// (docs/construction.md; src/http/openapi/construction.json).
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <optional>
#include <vector>

#include "common/result.hpp"
#include "service/construction/construction_service.hpp"

namespace huanxin::http {

Result<service::StepsInput> ParseStepsInput(const boost::json::object& body);
Result<std::optional<std::vector<std::int64_t>>> ParseProposeInput(const boost::json::object& body);
Result<service::ScheduleInput> ParseScheduleInput(const boost::json::object& body);
Result<core::construction::Seasons> ParseSeasons(const boost::json::object& body);

boost::json::value StepJson(const core::construction::Step& s);
boost::json::value StepSetJson(const service::StepSet& set);
boost::json::value ProposalJson(const std::vector<core::construction::Step>& steps);
boost::json::value TemplatesJson(const std::vector<store::StepTemplateRecord>& t, bool english);
boost::json::value ScheduleJson(const service::ScheduleView& v);
boost::json::value BaselineJson(const store::BaselineRecord& b, const std::string& end_on);
boost::json::value AlertsJson(const std::vector<store::AlertRecord>& alerts, bool with_project);
boost::json::value SeasonsJson(const service::SeasonsView& v);
boost::json::value ConstructionWorkbenchJson(const service::ConstructionWorkbench& w);

}  // namespace huanxin::http
