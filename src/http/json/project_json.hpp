// JSON codecs of the project context (docs/project.md): plans, projects, documents, units, budget
// and funds. Money in yuan and area in m² go out as plain numbers with two decimals; rates as
// percentages with two decimals or null.
#pragma once

#include <boost/json/object.hpp>

#include "http/json/json_input.hpp"
#include "http/message.hpp"
#include "service/project/project_service.hpp"

namespace huanxin::http {

boost::json::object PlanJson(const service::PlanView& v);
boost::json::object PlansJson(const std::vector<service::PlanView>& plans);
boost::json::object ProjectPageJson(const service::ProjectPage& page, bool english);
boost::json::object ProjectJson(const service::ProjectView& v, bool english);
boost::json::object DocumentJson(const store::DocumentRecord& d, bool english);
boost::json::object UnitJson(const store::UnitRecord& u, bool english);
boost::json::object BudgetLineJson(const store::BudgetLineRecord& l, bool english);
boost::json::object BudgetJson(const service::BudgetView& b, bool english);
boost::json::object ChangeOrderJson(const store::ChangeOrderRecord& c);
boost::json::object FundEntryJson(const store::FundEntryRecord& e, bool english);
boost::json::object FundsJson(const service::FundsView& f, bool english);
boost::json::object ProjectWorkbenchJson(const service::ProjectWorkbench& w);
// A rate in hundredths of a percent as a percentage number (5163 → 51.63), or null.
boost::json::value RateJson(const std::optional<std::int64_t>& hundredths);

Result<service::PlanInput> ParsePlanInput(const boost::json::object& o);
struct PlanPatch {
  std::optional<std::int64_t> target_estates, target_households;
};
Result<PlanPatch> ParsePlanPatch(const boost::json::object& o);
Result<service::ProjectInput> ParseProjectInput(const boost::json::object& o);
Result<service::ProjectListQuery> ParseProjectQuery(const Request& req);
Result<std::string> ParseTransition(const boost::json::object& o);
Result<service::DocumentInput> ParseDocumentInput(const boost::json::object& o);
Result<service::UnitInput> ParseUnitInput(const boost::json::object& o);
// `create`: itemCode, quantity and unitPrice required; otherwise every field optional, null clears a stage.
Result<service::BudgetLineInput> ParseBudgetLineInput(const boost::json::object& o, bool create);
Result<service::ChangeOrderInput> ParseChangeOrderInput(const boost::json::object& o);
Result<service::FundInput> ParseFundInput(const boost::json::object& o);
// ?regionCode=&year= for plan lists.
struct RegionYearQuery {
  std::optional<std::string> region_code;
  std::optional<int> year;
};
Result<RegionYearQuery> ParseRegionYearQuery(const Request& req);

}  // namespace huanxin::http
