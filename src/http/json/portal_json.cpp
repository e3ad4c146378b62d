#include "http/json/portal_json.hpp"

#include <boost/json.hpp>

#include "common/clock.hpp"
#include "common/decimal.hpp"
#include "core/project/funds.hpp"
#include "http/message.hpp"

namespace huanxin::http {

namespace json = boost::json;

namespace {

json::value OptInt(const std::optional<std::int64_t>& v) { return v ? json::value(*v) : json::value(nullptr); }
json::value OptText(const std::optional<std::string>& v) { return v ? json::value(json::string(*v)) : json::value(nullptr); }
json::value Rate(std::int64_t part, std::int64_t whole) {
  return whole > 0 ? DecimalJson(PercentHundredths(part, whole)) : json::value(nullptr);
}
// Micro-degrees as degrees with six decimals.
json::value Degrees(const std::optional<std::int64_t>& e6) {
  if (!e6) return nullptr;
  return json::value(static_cast<double>(*e6) / 1e6);
}
// A stored UTC time as its Beijing date.
json::value BeijingDate(const std::optional<std::string>& iso) {
  if (!iso) return nullptr;
  auto tp = ParseIso(*iso);
  return tp ? json::value(json::string(FormatShanghai(*tp, 10))) : json::value(json::string(iso->substr(0, 10)));
}
std::string SourceName(const std::string& code, bool english) {
  auto s = core::project::ParseFundSource(code);
  return s ? core::project::FundSourceName(*s).In(english) : code;
}

json::object SummaryJson(const service::PublicEstateSummary& s) {
  const auto& e = s.estate;
  return json::object{{"id", e.id},
                      {"name", e.name},
                      {"address", e.address},
                      {"regionCode", e.region_code},
                      {"community", e.community},
                      {"street", OptText(e.street)},
                      {"county", OptText(e.county)},
                      {"builtYear", e.built_year},
                      {"renovationYear", OptInt(e.project_year)},
                      {"renovationStatus", s.renovation_status},
                      {"progressPercent", OptInt(s.progress)},
                      {"lat", Degrees(e.lat_e6)},
                      {"lng", Degrees(e.lng_e6)},
                      {"buildings", e.buildings},
                      {"households", e.households}};
}

}  // namespace

json::object PublicEstatePageJson(const service::PublicEstatePage& p) {
  json::array items;
  for (const auto& i : p.items) items.push_back(SummaryJson(i));
  return json::object{{"items", items}, {"total", p.total}, {"page", p.page}, {"pageSize", p.page_size}};
}

json::value PublicManagementJson(const std::optional<service::PublicManagement>& m) {
  if (!m) return nullptr;
  return json::object{{"mode", m->mode},
                      {"company", OptText(m->company)},
                      {"feePerM2Month", m->fee_fen_per_m2_month ? json::value(json::string(FormatHundredths(*m->fee_fen_per_m2_month)))
                                                                 : json::value(nullptr)},
                      {"contractStart", OptText(m->contract_start)},
                      {"contractEnd", OptText(m->contract_end)},
                      {"collectionRate", m->collection_rate ? DecimalJson(*m->collection_rate) : json::value(nullptr)},
                      {"fundBalance", OptInt(m->fund_balance_fen)}};
}

json::object PublicEstateJson(const service::PublicEstateView& v, bool english) {
  auto o = SummaryJson(v.summary);
  json::array projects, plan, money, schedule, notices, problems, orders, acceptance;
  for (const auto& p : v.projects)
    projects.push_back(json::object{{"id", p.id}, {"name", p.name}, {"year", p.year}, {"kind", p.kind}, {"status", p.status},
                                    {"acceptedOn", OptText(p.accepted_on)}});
  for (const auto& p : v.plan)
    plan.push_back(json::object{{"projectId", p.project_id},
                                {"itemCode", p.item_code},
                                {"itemName", english ? p.item_name_en : p.item_name_zh},
                                {"unit", p.unit},
                                {"quantity", FormatHundredths(p.quantity_centi)},
                                {"estimateFen", p.estimate_fen},
                                {"budgetFen", OptInt(p.budget_fen)}});
  for (const auto& m : v.money)
    money.push_back(json::object{{"source", m.source}, {"sourceName", SourceName(m.source, english)}, {"committedFen", m.committed_fen},
                                 {"receivedFen", m.received_fen}, {"paidFen", m.paid_fen}});
  for (const auto& s : v.schedule)
    schedule.push_back(json::object{{"name", s.name}, {"startsOn", s.start_on}, {"endsOn", s.end_on}, {"percent", s.percent / 100}});
  for (const auto& n : v.notices) {
    json::array objections;
    for (const auto& x : n.objections)
      objections.push_back(json::object{{"content", x.content}, {"receivedOn", BeijingDate(x.received_at)},
                                        {"answer", OptText(x.answer)}, {"answeredOn", BeijingDate(x.answered_at)}});
    const auto& r = n.notice;
    notices.push_back(json::object{{"id", r.id}, {"projectId", r.project_id}, {"kind", r.kind}, {"title", r.title}, {"body", r.body},
                                   {"version", r.version}, {"startsOn", r.starts_on}, {"endsOn", r.ends_on},
                                   {"objections", objections}});
  }
  for (const auto& p : v.problems)
    problems.push_back(json::object{{"checkupId", p.checkup_id}, {"year", p.year}, {"indicatorCode", p.indicator_code},
                                    {"indicator", english ? p.indicator_en : p.indicator_zh}, {"building", OptText(p.building)}});
  for (const auto& r : v.rectifications)
    orders.push_back(json::object{{"id", r.id}, {"projectId", r.project_id}, {"itemCode", OptText(r.item_code)},
                                  {"finding", r.finding}, {"issuedOn", r.issued_on}, {"dueOn", r.due_on}, {"status", r.status},
                                  {"closedOn", OptText(r.closed_on)}});
  for (const auto& a : v.acceptance)
    acceptance.push_back(json::object{{"projectId", a.project_id}, {"acceptedOn", OptText(a.accepted_on)}, {"points", OptInt(a.points)},
                                      {"maxPoints", OptInt(a.max_points)}, {"householdsAccepted", a.households_accepted},
                                      {"householdsRefused", a.households_refused}});
  std::int64_t count = 0, sum = 0;
  json::array stars;
  for (std::size_t i = 0; i < v.ratings.size(); ++i) {
    count += v.ratings[i];
    sum += v.ratings[i] * static_cast<std::int64_t>(i + 1);
    stars.push_back(v.ratings[i]);
  }
  // The mean to two decimals, rounded half up: sum/count in hundredths.
  json::value average = count > 0 ? DecimalJson((sum * 200 + count) / (2 * count)) : json::value(nullptr);
  o["projects"] = projects;
  o["plan"] = plan;
  o["money"] = money;
  o["schedule"] = schedule;
  o["notices"] = notices;
  o["problems"] = problems;
  o["rectifications"] = orders;
  o["acceptance"] = acceptance;
  o["management"] = PublicManagementJson(v.management);
  o["ratings"] = json::object{{"count", count}, {"average", average}, {"byStars", stars}};
  return o;
}

json::object PublicStatsJson(const service::PublicStats& s, bool english) {
  const auto& d = s.data;
  json::array money;
  std::int64_t planned = 0, spent = 0;
  for (const auto& m : d.money) {
    money.push_back(json::object{{"source", m.source}, {"sourceName", SourceName(m.source, english)}, {"plannedFen", m.committed_fen},
                                 {"spentFen", m.paid_fen}});
    planned += m.committed_fen;
    spent += m.paid_fen;
  }
  return json::object{
      {"regionCode", OptText(s.region_code)},
      {"year", OptInt(s.year)},
      {"estates", d.estates},
      {"buildings", d.buildings},
      {"households", d.households},
      {"projects", json::object{{"planned", d.planned}, {"started", d.started}, {"completed", d.completed},
                                {"startRate", Rate(d.started, d.planned)}, {"completionRate", Rate(d.completed, d.planned)}}},
      {"money", money},
      {"moneyTotal", json::object{{"plannedFen", planned}, {"spentFen", spent}, {"executionRate", Rate(spent, planned)}}},
      {"tickets", json::object{{"received", d.tickets_received}, {"closed", d.tickets_closed}}},
      {"rectifications", json::object{{"open", d.rectifications_open}, {"closed", d.rectifications_closed}}}};
}

json::array PublicDataJson(const service::DataTable& t) {
  json::array out;
  for (const auto& row : t.rows) {
    json::object o;
    for (std::size_t i = 0; i < t.columns.size() && i < row.size(); ++i) {
      if (const auto* n = std::get_if<std::int64_t>(&row[i])) o[t.columns[i]] = *n;
      else if (const auto* s = std::get_if<std::string>(&row[i])) o[t.columns[i]] = *s;
      else o[t.columns[i]] = nullptr;
    }
    out.push_back(std::move(o));
  }
  return out;
}

json::array PublicAuditHeadsJson(const std::vector<store::PublishedHead>& heads) {
  json::array out;
  for (const auto& h : heads) out.push_back(json::object{{"on", h.on}, {"seq", h.seq}, {"hash", h.hash}});
  return out;
}

}  // namespace huanxin::http
