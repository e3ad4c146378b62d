#include "http/json/project_pool_json.hpp"

#include <boost/json/array.hpp>

#include "common/text.hpp"
#include "core/project/publicity.hpp"
#include "http/json/project_json.hpp"

namespace huanxin::http {

namespace json = boost::json;
namespace cp = core::project;

json::object PoolJson(const service::PoolView& v, bool english) {
  json::array items;
  int rank = 0;
  for (const auto& e : v.items) {
    json::array reasons;
    for (const auto& r : e.score.reasons)
      reasons.push_back({{"code", r.code}, {"points", DecimalJson(r.points)}, {"text", r.text.In(english)}});
    const auto& s = e.estate;
    items.push_back({{"rank", ++rank},
                     {"estateId", s.estate_id},
                     {"estateName", s.name},
                     {"regionCode", s.region_code},
                     {"builtYear", s.built_year},
                     {"verdict", core::reg::VerdictCode(e.verdict)},
                     {"dwellings", s.dwellings},
                     {"worstSeverity", e.score.worst.empty() ? json::value(nullptr) : json::value(json::string(e.score.worst))},
                     {"problems", s.severe + s.larger_hazards + s.hazards + s.problems},
                     {"hazards", s.severe + s.larger_hazards + s.hazards},
                     {"willingnessRate", RateJson(e.score.willingness_rate)},
                     {"residents", s.residents},
                     {"aged60Plus", s.aged_60_plus},
                     {"score", DecimalJson(e.score.score)},
                     {"reasons", std::move(reasons)},
                     {"reserveProjectId", s.reserve_project_id ? json::value(*s.reserve_project_id) : json::value(nullptr)}});
  }
  return {{"items", std::move(items)},
          {"weights",
           {{"safety", v.weights.safety}, {"age", v.weights.age}, {"willingness", v.weights.willingness},
            {"elderly", v.weights.elderly}}}};
}

json::object ResourceJson(const store::ResourceRecord& r, bool english) {
  auto use = cp::ParseResourceUse(r.proposed_use);
  return {{"id", r.id},
          {"estateId", r.estate_id},
          {"estateName", r.estate_name},
          {"regionCode", r.region_code},
          {"description", r.description},
          {"area", DecimalJson(r.area_dm2)},
          {"owner", r.owner},
          {"proposedUse", r.proposed_use},
          {"proposedUseName", use ? cp::ResourceUseName(*use).In(english) : r.proposed_use},
          {"foundBy", r.found_by},
          {"projectId", r.project_id ? json::value(*r.project_id) : json::value(nullptr)},
          {"projectName", r.project_id ? json::value(json::string(r.project_name)) : json::value(nullptr)},
          {"createdAt", r.created_at}};
}

json::object ResourcesJson(const std::vector<store::ResourceRecord>& list, bool english) {
  json::array items;
  for (const auto& r : list) items.push_back(ResourceJson(r, english));
  return {{"items", std::move(items)}};
}

json::object BillJson(const store::BillRecord& b) {
  return {{"id", b.id},
          {"dwellingId", b.dwelling_id},
          {"estateId", b.estate_id},
          {"estateName", b.estate_name},
          {"building", b.building_number},
          {"stairwell", b.unit_label},
          {"room", b.room},
          {"purpose", b.purpose},
          {"amount", DecimalJson(b.amount_fen)},
          {"paidOn", b.paid_on ? json::value(json::string(*b.paid_on)) : json::value(nullptr)},
          {"createdAt", b.created_at}};
}

json::object BillPageJson(const service::BillPage& p) {
  json::array items;
  for (const auto& b : p.items) items.push_back(BillJson(b));
  const auto& s = p.summary;
  return {{"items", std::move(items)},
          {"total", p.total},
          {"page", p.page},
          {"pageSize", p.page_size},
          {"summary",
           {{"bills", s.bills},
            {"paid", s.paid},
            {"unpaid", s.bills - s.paid},
            {"amount", DecimalJson(s.amount_fen)},
            {"paidAmount", DecimalJson(s.paid_fen)},
            {"unpaidAmount", DecimalJson(s.amount_fen - s.paid_fen)}}}};
}

json::object BillsIssuedJson(const service::BillsIssued& b) {
  return {{"issued", b.issued}, {"skipped", b.skipped}, {"total", b.total}};
}

Result<service::ResourceInput> ParseResourceInput(const json::object& o) {
  service::ResourceInput in;
  for (auto [field, slot] : {std::pair{"description", &in.description}, {"owner", &in.owner},
                             {"proposedUse", &in.proposed_use}, {"foundBy", &in.found_by}}) {
    auto v = RequiredString(o, field);
    if (!v) return std::move(v).error();
    *slot = std::string(Trim(*v));
  }
  auto area = ReadTwoDecimals(o, "area", Text("平方米", "m²"));
  if (!area) return std::move(area).error();
  if (!*area) return InvalidField("area", Text("缺少必填字段", "required field is missing"));
  in.area_dm2 = **area;
  return in;
}

Result<BillsInput> ParseBillsInput(const json::object& o) {
  BillsInput in;
  auto purpose = RequiredString(o, "purpose");
  if (!purpose) return std::move(purpose).error();
  in.purpose = std::string(Trim(*purpose));
  auto amount = ReadYuan(o, "amount");
  if (!amount) return std::move(amount).error();
  if (!*amount) return InvalidField("amount", Text("缺少必填字段", "required field is missing"));
  in.amount_fen = **amount;
  return in;
}

Result<std::string> ParsePayment(const json::object& o) { return RequiredString(o, "paidOn"); }

}  // namespace huanxin::http
