// JSON codecs of the supervision context (issue #14; docs/supervision.md; shapes in
// src/http/openapi/supervision.json). Coordinates are degrees (numbers, up to six decimals),
// rates numbers with two decimals (66.67).
#pragma once

#include <boost/json/object.hpp>
#include <vector>

#include "http/json/json_input.hpp"
#include "service/supervision/supervision_service.hpp"

namespace huanxin::http {

boost::json::object ChecklistJson(const std::vector<store::ChecklistItemRecord>& items, bool english);  // {items}
boost::json::object ResponsibleUnitJson(const store::ResponsibleUnitRecord& u);
boost::json::object ResponsibleUnitsJson(const std::vector<store::ResponsibleUnitRecord>& units);  // {items}
boost::json::object SupervisorJson(const store::SupervisorRecord& s);
boost::json::object SupervisorsJson(const std::vector<store::SupervisorRecord>& list);  // {items}
boost::json::object InspectionJson(const store::InspectionRecord& i);
boost::json::object InspectionsJson(const std::vector<store::InspectionRecord>& list);  // {items}
boost::json::object SupervisionActionJson(const store::SupervisionActionRecord& a);
boost::json::object SupervisionDayJson(const store::SupervisionDayRecord& d);
boost::json::object SupervisionDaysJson(const std::vector<store::SupervisionDayRecord>& list);  // {items}
boost::json::object OrderJson(const service::OrderView& v);
// {items, total, page, pageSize} (ARCHITECTURE.md §5).
boost::json::object OrdersJson(const service::OrderPage& page, std::int64_t page_number, std::int64_t page_size);
boost::json::object ScoresJson(const std::vector<service::UnitScore>& list);  // {items}
boost::json::object QualityRegisterJson(const std::vector<store::QualityRegisterRow>& rows);  // {items}
boost::json::object SupervisionWorkbenchJson(const service::SupervisionWorkbench& w);

Result<service::ResponsibleUnitInput> ParseResponsibleUnitInput(const boost::json::object& o);
Result<service::SupervisorInput> ParseSupervisorInput(const boost::json::object& o);
Result<service::InspectionInput> ParseInspectionInput(const boost::json::object& o);
Result<service::DayInput> ParseDayInput(const boost::json::object& o);
Result<service::OrderInput> ParseOrderInput(const boost::json::object& o);
Result<service::ReplyInput> ParseReplyInput(const boost::json::object& o);
Result<service::RecheckInput> ParseRecheckInput(const boost::json::object& o);

}  // namespace huanxin::http
