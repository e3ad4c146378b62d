// JSON codecs of progress, household works and notices (issue #13; docs/construction.md "Progress,
// household works, notices"; shapes in src/http/openapi/construction_works.json). Percents are
// numbers with two decimals (69.98), weights integers in permille.
#pragma once

#include <boost/json/object.hpp>
#include <map>
#include <vector>

#include "http/json/json_input.hpp"
#include "service/construction/household_service.hpp"
#include "service/construction/notice_service.hpp"
#include "service/construction/progress_service.hpp"

namespace huanxin::http {

boost::json::object ProgressReportJson(const service::ProgressReportView& v);
boost::json::object ProgressJson(const service::ProgressView& v, bool english);
boost::json::object ProgrammeProgressJson(const service::ProgrammeView& v);
boost::json::object TeamJson(const store::HouseholdTeamRecord& t);
boost::json::object TeamsJson(const std::vector<store::HouseholdTeamRecord>& teams);  // {items}
boost::json::object HouseholdWorkJson(const store::HouseholdWorkRecord& w);
boost::json::object HouseholdSummaryJson(const service::HouseholdSummary& s);
boost::json::object HouseholdGridJson(const std::vector<store::HouseholdGridRow>& rows);  // {items}
boost::json::object NoticesJson(const std::vector<service::WorksNotice>& notices);      // {items}
// The residents' page: no personal data (estate name, building numbers, kinds, dates, step names).
boost::json::object PublicWorksJson(const service::PublicWorks& w);
// The answer to a sheet import: 200 {imported}; 422 construction.invalid_rows with `errors`
// ({row, column, value, message}) beside the error envelope, nothing imported.
Response SheetImportAnswer(const service::SheetImport& r, bool english);

Result<service::ProgressInput> ParseProgressInput(const boost::json::object& o);
Result<std::map<std::string, std::int64_t>> ParseWeights(const boost::json::object& o);
Result<service::TeamInput> ParseTeamInput(const boost::json::object& o);
Result<service::HouseholdWorkInput> ParseHouseholdWorkInput(const boost::json::object& o);

}  // namespace huanxin::http
