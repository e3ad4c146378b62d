#include "http/json/project_json.hpp"

#include <algorithm>
#include <boost/json/array.hpp>

#include "common/text.hpp"
#include "core/register/eligibility.hpp"

namespace huanxin::http {

namespace json = boost::json;
namespace cp = core::project;

json::value RateJson(const std::optional<std::int64_t>& hundredths) {
  return hundredths ? DecimalJson(*hundredths) : json::value(nullptr);
}

namespace {
json::value OptMoney(const std::optional<std::int64_t>& fen) { return fen ? DecimalJson(*fen) : json::value(nullptr); }

json::value StatusName(const std::string& code, bool english) {
  auto s = cp::ParseStatus(code);
  return s ? json::value(json::string(cp::StatusName(*s).In(english))) : json::value(json::string(code));
}
}  // namespace

// ---- encoders -------------------------------------------------------------------------------

json::object PlanJson(const service::PlanView& v) {
  const auto& p = v.plan;
  return {{"id", p.id},
          {"regionCode", p.region_code},
          {"regionName", v.region_name},
          {"year", p.year},
          {"targetEstates", p.target_estates},
          {"targetHouseholds", p.target_households},
          {"plannedEstates", v.counts.estates},
          {"plannedHouseholds", v.counts.households},
          {"extensionEstates", v.counts.extension_estates},
          {"extensionHouseholds", v.counts.extension_households},
          {"yearHouseholds", v.year_households},
          {"extensionShare", DecimalJson(v.extension_share)},
          {"extensionCap", DecimalJson(v.extension_cap)},
          {"createdAt", p.created_at},
          {"updatedAt", p.updated_at}};
}

json::object ProjectWorkbenchJson(const service::ProjectWorkbench& w) {
  const auto& c = w.counts;
  return {{"year", w.year},
          {"projects", c.projects},
          {"reserve", c.reserve},
          {"preparing", c.preparing},
          {"building", c.building},
          {"finished", c.finished},
          {"unansweredObjections", c.unanswered_objections},
          {"unpaidBills", c.unpaid_bills},
          {"plan", w.plan ? json::value(PlanJson(*w.plan)) : json::value(nullptr)}};
}

json::object PlansJson(const std::vector<service::PlanView>& plans) {
  json::array items;
  for (const auto& p : plans) items.push_back(PlanJson(p));
  return {{"items", std::move(items)}};
}

namespace {
json::object SummaryJson(const store::ProjectSummaryRecord& r, const std::string& region_name, bool english) {
  const auto& p = r.p;
  return {{"id", p.id},
          {"name", p.name},
          {"year", p.year},
          {"kind", p.kind},
          {"regionCode", p.region_code},
          {"regionName", region_name},
          {"status", p.status},
          {"statusName", StatusName(p.status, english)},
          {"estateCount", r.estate_count},
          {"households", r.households},
          {"committed", DecimalJson(r.committed_fen)},
          {"createdAt", p.created_at},
          {"updatedAt", p.updated_at}};
}
}  // namespace

json::object ProjectPageJson(const service::ProjectPage& page, bool english) {
  json::array items;
  for (const auto& r : page.items) {
    auto it = page.region_names.find(r.p.region_code);
    items.push_back(SummaryJson(r, it == page.region_names.end() ? std::string() : it->second, english));
  }
  return {{"items", std::move(items)}, {"total", page.total}, {"page", page.page}, {"pageSize", page.page_size}};
}

json::object DocumentJson(const store::DocumentRecord& d, bool english) {
  auto kind = cp::ParseDocument(d.kind);
  json::value file = nullptr;
  if (d.file_id)
    file = json::object{{"id", *d.file_id}, {"name", d.file_name}, {"contentType", d.file_content_type}, {"size", d.file_size}};
  return {{"id", d.id},
          {"kind", d.kind},
          {"kindName", kind ? cp::DocumentName(*kind).In(english) : d.kind},
          {"title", d.title},
          {"reference", d.reference},
          {"file", std::move(file)},
          {"createdBy", d.created_by_name},
          {"createdAt", d.created_at}};
}

json::object UnitJson(const store::UnitRecord& u, bool english) {
  auto role = cp::ParseUnitRole(u.role);
  return {{"role", u.role},
          {"roleName", role ? cp::UnitRoleName(*role).In(english) : u.role},
          {"company", u.company},
          {"creditCode", u.credit_code},
          {"contact", u.contact},
          {"phone", u.phone},
          {"updatedAt", u.updated_at}};
}

json::object BudgetLineJson(const store::BudgetLineRecord& l, bool english) {
  cp::BudgetLine core_line{l.id, l.item_name_zh, l.estimate_fen, l.budget_fen, l.contract_fen, l.settlement_fen,
                           l.approved_changes_fen};
  return {{"id", l.id},
          {"itemCode", l.item_code},
          {"itemName", english ? l.item_name_en : l.item_name_zh},
          {"description", l.description},
          {"unit", l.unit},
          {"quantity", DecimalJson(l.quantity_centi)},
          {"unitPrice", DecimalJson(l.unit_price_fen)},
          {"estimate", DecimalJson(l.estimate_fen)},
          {"budget", OptMoney(l.budget_fen)},
          {"contract", OptMoney(l.contract_fen)},
          {"settlement", OptMoney(l.settlement_fen)},
          {"changes", DecimalJson(l.approved_changes_fen)},
          {"settlementLimit", l.budget_fen ? DecimalJson(cp::LineSettlementLimitFen(core_line)) : json::value(nullptr)}};
}

json::object ChangeOrderJson(const store::ChangeOrderRecord& c) {
  return {{"id", c.id},
          {"budgetItemId", c.budget_item_id},
          {"amount", DecimalJson(c.amount_fen)},
          {"reason", c.reason},
          {"approvedBy", c.approved_by},
          {"approvedOn", c.approved_on},
          {"createdBy", c.created_by_name},
          {"createdAt", c.created_at}};
}

namespace {
json::object TotalsJson(const cp::BudgetTotals& t) {
  return {{"estimate", DecimalJson(t.estimate_fen)},
          {"budget", OptMoney(t.budget_fen)},
          {"contract", OptMoney(t.contract_fen)},
          {"settlement", OptMoney(t.settlement_fen)},
          {"changes", DecimalJson(t.changes_fen)}};
}
json::array BreachesJson(const std::vector<cp::Breach>& breaches, bool english) {
  json::array out;
  for (const auto& b : breaches)
    out.push_back({{"code", b.code},
                   {"lineId", b.line_id == 0 ? json::value(nullptr) : json::value(b.line_id)},
                   {"amount", DecimalJson(b.amount_fen)},
                   {"limit", DecimalJson(b.limit_fen)},
                   {"text", b.text.In(english)}});
  return out;
}
json::array BySourceJson(const std::vector<store::FundSums>& sums, bool english) {
  json::array out;
  for (const auto& f : sums) {
    auto src = cp::ParseFundSource(f.source);
    out.push_back({{"source", f.source},
                   {"sourceName", src ? cp::FundSourceName(*src).In(english) : f.source},
                   {"committed", DecimalJson(f.committed_fen)},
                   {"received", DecimalJson(f.received_fen)},
                   {"paid", DecimalJson(f.paid_fen)}});
  }
  return out;
}
}  // namespace

json::object BudgetJson(const service::BudgetView& b, bool english) {
  json::array lines, orders;
  for (const auto& l : b.lines) lines.push_back(BudgetLineJson(l, english));
  for (const auto& c : b.change_orders) orders.push_back(ChangeOrderJson(c));
  return {{"lines", std::move(lines)},
          {"totals", TotalsJson(b.totals)},
          {"breaches", BreachesJson(b.breaches, english)},
          {"changeOrders", std::move(orders)}};
}

json::object FundEntryJson(const store::FundEntryRecord& e, bool english) {
  auto src = cp::ParseFundSource(e.source);
  return {{"id", e.id},
          {"source", e.source},
          {"sourceName", src ? cp::FundSourceName(*src).In(english) : e.source},
          {"kind", e.kind},
          {"amount", DecimalJson(e.amount_fen)},
          {"on", e.on_date},
          {"note", e.note},
          {"createdBy", e.created_by_name},
          {"createdAt", e.created_at}};
}

json::object FundsJson(const service::FundsView& f, bool english) {
  json::array entries;
  for (const auto& e : f.entries) entries.push_back(FundEntryJson(e, english));
  return {{"committed", DecimalJson(f.committed_fen)},
          {"received", DecimalJson(f.received_fen)},
          {"paid", DecimalJson(f.paid_fen)},
          {"executionRate", RateJson(f.execution_rate)},
          {"bySource", BySourceJson(f.by_source, english)},
          {"entries", std::move(entries)}};
}

json::object ProjectJson(const service::ProjectView& v, bool english) {
  store::ProjectSummaryRecord summary{v.project, static_cast<std::int64_t>(v.estates.size()), v.households,
                                      v.funds.committed_fen};
  auto out = SummaryJson(summary, v.region_name, english);
  json::array estates, documents, units, transitions;
  for (const auto& e : v.estates)
    estates.push_back({{"id", e.estate.estate_id},
                       {"name", e.estate.name},
                       {"regionCode", e.estate.region_code},
                       {"builtYear", e.estate.built_year},
                       {"buildings", e.estate.buildings},
                       {"dwellings", e.estate.dwellings},
                       {"floorArea", OptMoney(e.estate.floor_area_dm2)},
                       {"verdict", core::reg::VerdictCode(e.verdict)}});
  for (const auto& d : v.documents) documents.push_back(DocumentJson(d, english));
  for (const auto& u : v.units) units.push_back(UnitJson(u, english));
  for (const auto& t : v.transitions)
    transitions.push_back({{"from", t.from_status}, {"to", t.to_status}, {"actor", t.actor}, {"at", t.at}});
  json::value next = nullptr;
  if (v.next) {
    json::array missing;
    for (const auto& m : v.missing) missing.push_back({{"code", m.code}, {"name", m.name.In(english)}});
    next = json::object{{"to", cp::StatusCode(*v.next)},
                        {"toName", cp::StatusName(*v.next).In(english)},
                        {"missing", std::move(missing)}};
  }
  out["estates"] = std::move(estates);
  out["buildings"] = v.buildings;
  out["floorArea"] = DecimalJson(v.floor_area_dm2);
  out["next"] = std::move(next);
  out["documents"] = std::move(documents);
  out["units"] = std::move(units);
  out["transitions"] = std::move(transitions);
  auto budget = TotalsJson(v.budget.totals);
  budget["breaches"] = BreachesJson(v.budget.breaches, english);
  out["budget"] = std::move(budget);
  out["funds"] = json::object{{"committed", DecimalJson(v.funds.committed_fen)},
                              {"received", DecimalJson(v.funds.received_fen)},
                              {"paid", DecimalJson(v.funds.paid_fen)},
                              {"executionRate", RateJson(v.funds.execution_rate)}};
  return out;
}

// ---- parsers --------------------------------------------------------------------------------

namespace {
Result<std::int64_t> RequiredInt(const json::object& o, const char* field) {
  auto v = OptionalInt64(o, field);
  if (!v) return std::move(v).error();
  if (!*v) return InvalidField(field, Text("缺少必填字段", "required field is missing"));
  return **v;
}
Result<std::string> OptionalText(const json::object& o, const char* field) {
  auto v = OptionalString(o, field);
  if (!v) return std::move(v).error();
  return v->value_or("");
}
// A nullable money field: absent → nullopt; null → optional(nullopt); a number → its fen.
Result<std::optional<std::optional<std::int64_t>>> NullableYuan(const json::object& o, const char* field) {
  if (!o.contains(field)) return std::optional<std::optional<std::int64_t>>{};
  auto v = ReadYuan(o, field);
  if (!v) return std::move(v).error();
  return std::optional<std::optional<std::int64_t>>(*v);
}
}  // namespace

Result<service::PlanInput> ParsePlanInput(const json::object& o) {
  service::PlanInput in;
  auto region = RequiredString(o, "regionCode");
  if (!region) return std::move(region).error();
  in.region_code = *region;
  auto year = RequiredInt(o, "year");
  if (!year) return std::move(year).error();
  in.year = static_cast<int>(std::clamp<std::int64_t>(*year, -1, 100000));
  auto estates = RequiredInt(o, "targetEstates");
  if (!estates) return std::move(estates).error();
  in.target_estates = *estates;
  auto households = RequiredInt(o, "targetHouseholds");
  if (!households) return std::move(households).error();
  in.target_households = *households;
  return in;
}

Result<PlanPatch> ParsePlanPatch(const json::object& o) {
  PlanPatch p;
  auto e = OptionalInt64(o, "targetEstates");
  if (!e) return std::move(e).error();
  auto h = OptionalInt64(o, "targetHouseholds");
  if (!h) return std::move(h).error();
  p.target_estates = *e;
  p.target_households = *h;
  return p;
}

Result<service::ProjectInput> ParseProjectInput(const json::object& o) {
  service::ProjectInput in;
  auto name = RequiredString(o, "name");
  if (!name) return std::move(name).error();
  in.name = std::string(Trim(*name));
  auto year = RequiredInt(o, "year");
  if (!year) return std::move(year).error();
  in.year = static_cast<int>(std::clamp<std::int64_t>(*year, -1, 100000));
  auto kind = RequiredString(o, "kind");
  if (!kind) return std::move(kind).error();
  in.kind = *kind;
  auto region = RequiredString(o, "regionCode");
  if (!region) return std::move(region).error();
  in.region_code = *region;
  auto it = o.find("estateIds");
  if (it == o.end()) return InvalidField("estateIds", Text("缺少必填字段", "required field is missing"));
  auto ids = ParseIdArray(it->value(), "estateIds");
  if (!ids) return std::move(ids).error();
  in.estate_ids = std::move(*ids);
  return in;
}

Result<service::ProjectListQuery> ParseProjectQuery(const Request& req) {
  service::ProjectListQuery q;
  auto paging = ParsePaging(req);
  if (!paging) return std::move(paging).error();
  q.page = paging->page;
  q.page_size = paging->page_size;
  q.region_code = QueryString(req, "regionCode");
  q.status = QueryString(req, "status");
  auto year = QueryInt64(req, "year");
  if (!year) return std::move(year).error();
  if (*year) q.year = static_cast<int>(std::clamp<std::int64_t>(**year, -1, 100000));
  return q;
}

Result<RegionYearQuery> ParseRegionYearQuery(const Request& req) {
  RegionYearQuery q;
  q.region_code = QueryString(req, "regionCode");
  auto year = QueryInt64(req, "year");
  if (!year) return std::move(year).error();
  if (*year) q.year = static_cast<int>(std::clamp<std::int64_t>(**year, -1, 100000));
  return q;
}

Result<std::string> ParseTransition(const json::object& o) { return RequiredString(o, "to"); }

Result<service::DocumentInput> ParseDocumentInput(const json::object& o) {
  service::DocumentInput in;
  auto kind = RequiredString(o, "kind");
  if (!kind) return std::move(kind).error();
  in.kind = *kind;
  auto title = RequiredString(o, "title");
  if (!title) return std::move(title).error();
  in.title = std::string(Trim(*title));
  auto ref = OptionalText(o, "reference");
  if (!ref) return std::move(ref).error();
  in.reference = std::string(Trim(*ref));
  return in;
}

Result<service::UnitInput> ParseUnitInput(const json::object& o) {
  service::UnitInput in;
  auto company = RequiredString(o, "company");
  if (!company) return std::move(company).error();
  in.company = std::string(Trim(*company));
  auto contact = RequiredString(o, "contact");
  if (!contact) return std::move(contact).error();
  in.contact = std::string(Trim(*contact));
  auto code = OptionalText(o, "creditCode");
  if (!code) return std::move(code).error();
  in.credit_code = std::string(Trim(*code));
  auto phone = OptionalText(o, "phone");
  if (!phone) return std::move(phone).error();
  in.phone = std::string(Trim(*phone));
  return in;
}

Result<service::BudgetLineInput> ParseBudgetLineInput(const json::object& o, bool create) {
  service::BudgetLineInput in;
  auto code = OptionalString(o, "itemCode");
  if (!code) return std::move(code).error();
  in.item_code = *code;
  auto desc = OptionalString(o, "description");
  if (!desc) return std::move(desc).error();
  in.description = *desc;
  auto qty = ReadTwoDecimals(o, "quantity", Text("数量", "quantity"));
  if (!qty) return std::move(qty).error();
  in.quantity_centi = *qty;
  auto price = ReadYuan(o, "unitPrice");
  if (!price) return std::move(price).error();
  in.unit_price_fen = *price;
  for (auto [field, slot] : {std::pair{"budget", &in.budget_fen}, {"contract", &in.contract_fen},
                             {"settlement", &in.settlement_fen}}) {
    auto v = NullableYuan(o, field);
    if (!v) return std::move(v).error();
    *slot = *v;
  }
  if (create) {
    if (!in.item_code) return InvalidField("itemCode", Text("缺少必填字段", "required field is missing"));
    if (!in.quantity_centi) return InvalidField("quantity", Text("缺少必填字段", "required field is missing"));
    if (!in.unit_price_fen) return InvalidField("unitPrice", Text("缺少必填字段", "required field is missing"));
  }
  return in;
}

Result<service::ChangeOrderInput> ParseChangeOrderInput(const json::object& o) {
  service::ChangeOrderInput in;
  auto line = RequiredInt(o, "budgetItemId");
  if (!line) return std::move(line).error();
  in.budget_item_id = *line;
  auto amount = ReadYuan(o, "amount");
  if (!amount) return std::move(amount).error();
  if (!*amount) return InvalidField("amount", Text("缺少必填字段", "required field is missing"));
  in.amount_fen = **amount;
  for (auto [field, slot] : {std::pair{"reason", &in.reason}, {"approvedBy", &in.approved_by},
                             {"approvedOn", &in.approved_on}}) {
    auto v = RequiredString(o, field);
    if (!v) return std::move(v).error();
    *slot = std::string(Trim(*v));
  }
  return in;
}

Result<service::FundInput> ParseFundInput(const json::object& o) {
  service::FundInput in;
  auto source = RequiredString(o, "source");
  if (!source) return std::move(source).error();
  in.source = *source;
  auto kind = RequiredString(o, "kind");
  if (!kind) return std::move(kind).error();
  in.kind = *kind;
  auto amount = ReadYuan(o, "amount");
  if (!amount) return std::move(amount).error();
  if (!*amount) return InvalidField("amount", Text("缺少必填字段", "required field is missing"));
  in.amount_fen = **amount;
  auto on = RequiredString(o, "on");
  if (!on) return std::move(on).error();
  in.on = *on;
  auto note = OptionalText(o, "note");
  if (!note) return std::move(note).error();
  in.note = std::string(Trim(*note));
  return in;
}

}  // namespace huanxin::http
