#include "http/json/programme_json.hpp"

#include <boost/json.hpp>

#include "common/text.hpp"
#include "http/json/json_input.hpp"
#include "http/message.hpp"
#include "service/platform/actor.hpp"

namespace huanxin::http {

namespace json = boost::json;

namespace {
json::value Rate(const std::optional<std::int64_t>& hundredths) {
  return hundredths ? DecimalJson(*hundredths) : json::value(nullptr);
}
}  // namespace

Result<ProgrammeQuery> ParseProgrammeQuery(const Request& req) {
  ProgrammeQuery q;
  q.region_code = QueryString(req, "regionCode");
  if (auto y = QueryString(req, "year")) {
    auto v = ParseInt64(*y);
    if (!v)
      return service::Invalid("programme.invalid_year", Text("年度不正确", "invalid year"), Text::Same(*y),
                              Text("年度应为2000至2100之间的整数", "the year must be a whole number between 2000 and 2100"));
    q.year = *v;
  }
  return q;
}

json::object ProgrammeJson(const service::ProgrammeStats& p, bool english) {
  const auto& f = p.figures;
  json::array sources;
  for (const auto& s : p.by_source)
    sources.push_back(json::object{{"source", core::project::FundSourceCode(s.source)},
                                   {"sourceName", core::project::FundSourceName(s.source).In(english)},
                                   {"committed", DecimalJson(s.committed_fen)},
                                   {"received", DecimalJson(s.received_fen)},
                                   {"paid", DecimalJson(s.paid_fen)}});
  json::value plan = nullptr;
  if (p.plan)
    plan = json::object{{"targetEstates", p.plan->target_estates}, {"targetHouseholds", p.plan->target_households}};
  return {{"regionCode", p.region_code},
          {"regionName", p.region_name},
          {"year", p.year},
          {"projects", f.projects},
          {"estates", f.estates},
          {"buildings", f.buildings},
          {"households", f.dwellings},
          {"floorArea", DecimalJson(f.floor_area_dm2)},
          {"floorAreaMissing", f.floor_area_missing},
          {"investment", DecimalJson(p.committed_fen)},
          {"bySource", std::move(sources)},
          {"received", DecimalJson(p.received_fen)},
          {"paid", DecimalJson(p.paid_fen)},
          {"plan", std::move(plan)},
          {"started", f.started},
          {"completed", f.completed},
          {"startRate", Rate(p.start_rate)},
          {"completionRate", Rate(p.completion_rate)},
          {"executionRate", Rate(p.execution_rate)}};
}

}  // namespace huanxin::http
