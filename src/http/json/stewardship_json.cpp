#include "http/json/stewardship_json.hpp"

#include "http/message.hpp"

namespace huanxin::http {

namespace {

namespace json = boost::json;

json::value OptId(const std::optional<std::int64_t>& v) { return v ? json::value(*v) : json::value(nullptr); }
json::value OptText(const std::optional<std::string>& v) { return v ? json::value(json::string(*v)) : json::value(nullptr); }
json::value OptYuan(const std::optional<std::int64_t>& fen) { return fen ? DecimalJson(*fen) : json::value(nullptr); }

const Text kFeeUnit("元/平方米·月", "yuan per m² per month");

json::object ModeJson(const store::ManagementModeRecord& m) {
  return json::object{{"id", m.id},
                      {"mode", m.mode},
                      {"consultationId", OptId(m.consultation_id)},
                      {"company", m.company},
                      {"feePerM2Month", OptYuan(m.fee_fen_per_m2)},
                      {"feeFenPerM2Month", OptId(m.fee_fen_per_m2)},
                      {"startedOn", m.started_on},
                      {"endedOn", OptText(m.ended_on)},
                      {"createdAt", m.created_at}};
}

json::object BillJson(const store::FeeBillRecord& b) {
  return json::object{{"id", b.id},
                      {"dwellingId", b.dwelling_id},
                      {"buildingNumber", b.building_number},
                      {"room", b.room},
                      {"period", b.period},
                      {"exclusiveArea", DecimalJson(b.area_dm2)},
                      {"feeFenPerM2Month", b.fee_fen_per_m2},
                      {"amount", b.amount_fen},
                      {"paid", b.paid_fen},
                      {"owed", b.amount_fen - b.paid_fen}};
}

Result<std::string> Text0(const json::object& o, const char* field) {
  auto v = OptionalString(o, field);
  if (!v) return std::move(v).error();
  return v->value_or("");
}

Result<std::optional<std::int64_t>> Fee(const json::object& o) {
  auto fee = ReadTwoDecimals(o, "feePerM2Month", kFeeUnit);
  if (!fee) return std::move(fee).error();
  if (*fee && **fee < 0) return InvalidField("feePerM2Month", Text("不能为负数", "must not be negative"));
  return *fee;
}

}  // namespace

json::object ManagementJson(const service::ManagementView& v) {
  json::object o;
  o["estateId"] = v.estate_id;
  o["estateName"] = v.estate_name;
  o["regionCode"] = v.region_code;
  o["mode"] = v.current ? json::value(ModeJson(*v.current)) : json::value(nullptr);
  json::array history;
  for (const auto& m : v.history) history.push_back(ModeJson(m));
  o["history"] = std::move(history);
  if (v.committee) {
    json::array members;
    for (const auto& m : v.committee->members)
      members.push_back(json::object{{"name", m.name}, {"role", m.role}, {"phone", OptText(m.phone)}});
    o["committee"] = json::object{{"kind", v.committee->kind},
                                  {"termStart", v.committee->term_start},
                                  {"termEnd", v.committee->term_end},
                                  {"consultationId", OptId(v.committee->consultation_id)},
                                  {"members", std::move(members)},
                                  {"updatedAt", v.committee->updated_at}};
  } else {
    o["committee"] = nullptr;
  }
  if (v.contract) {
    json::array services;
    for (const auto& s : v.contract->services) services.push_back(json::string(s));
    o["contract"] = json::object{{"company", v.contract->company},
                                 {"uscc", v.contract->uscc},
                                 {"termStart", v.contract->term_start},
                                 {"termEnd", v.contract->term_end},
                                 {"feePerM2Month", DecimalJson(v.contract->fee_fen_per_m2)},
                                 {"feeFenPerM2Month", v.contract->fee_fen_per_m2},
                                 {"billing", v.contract->billing},
                                 {"services", std::move(services)},
                                 {"updatedAt", v.contract->updated_at}};
  } else {
    o["contract"] = nullptr;
  }
  json::array sources;
  for (const auto& f : v.fee_sources) sources.push_back(FeeSourceJson(f));
  json::object totals;
  for (const auto& t : v.fee_source_totals) totals[t.source] = t.amount_fen;
  o["feeSources"] = json::object{{"items", std::move(sources)}, {"totals", std::move(totals)}};
  json::array entries;
  for (const auto& e : v.fund.entries) entries.push_back(FundEntryJson(e));
  o["fund"] = json::object{{"balance", v.fund.balance_fen},
                           {"exclusiveArea", DecimalJson(v.fund.exclusive_area_dm2)},
                           {"initialMinimum", v.fund.initial_minimum_fen},
                           {"entries", std::move(entries)}};
  json::array utilities;
  for (const auto& u : v.utilities) utilities.push_back(UtilityTransferJson(u));
  o["utilities"] = std::move(utilities);
  return o;
}

json::object FeeSummaryJson(const service::FeeSummary& v) {
  json::array items;
  for (const auto& b : v.items) items.push_back(BillJson(b));
  return json::object{{"estateId", v.estate_id},
                      {"period", v.period.empty() ? json::value(nullptr) : json::value(json::string(v.period))},
                      {"bills", v.bills},
                      {"billed", v.billed_fen},
                      {"paid", v.paid_fen},
                      {"owed", v.billed_fen - v.paid_fen},
                      {"collectionRate", DecimalJson(v.collection_rate)},
                      {"items", std::move(items)}};
}

json::object BillRunJson(const service::BillRunResult& v) {
  return json::object{{"period", v.period}, {"created", v.created}, {"existing", v.existing}, {"createdAmount", v.created_fen}};
}

json::object PaymentJson(const service::PaymentResult& v) {
  return json::object{{"id", v.payment.id},
                      {"billId", v.payment.bill_id},
                      {"amount", v.payment.amount_fen},
                      {"paidOn", v.payment.paid_on},
                      {"createdAt", v.payment.created_at},
                      {"bill", BillJson(v.bill)}};
}

json::object FeeSourceJson(const store::FeeSourceRecord& f) {
  return json::object{{"id", f.id},       {"source", f.source}, {"amount", f.amount_fen},
                      {"on", f.on_date},  {"note", f.note},     {"createdAt", f.created_at}};
}

json::object FundEntryJson(const store::MaintenanceFundEntryRecord& f) {
  return json::object{{"id", f.id},           {"kind", f.kind},       {"amount", f.amount_fen},
                      {"on", f.on_date},      {"purpose", f.purpose}, {"consultationId", OptId(f.consultation_id)},
                      {"createdAt", f.created_at}};
}

json::object UtilityTransferJson(const store::UtilityTransferRecord& u) {
  return json::object{{"network", u.network},
                      {"status", u.status},
                      {"on", OptText(u.on_date)},
                      {"utility", u.utility},
                      {"consultationId", OptId(u.consultation_id)},
                      {"updatedAt", u.updated_at}};
}

Result<service::ManagementInput> ParseManagementInput(const json::object& o) {
  service::ManagementInput in;
  HX_TRY_ASSIGN(in.mode, RequiredString(o, "mode"));
  HX_TRY_ASSIGN(in.consultation_id, OptionalInt64(o, "consultationId"));
  HX_TRY_ASSIGN(in.company, OptionalString(o, "company"));
  HX_TRY_ASSIGN(in.fee_fen_per_m2, Fee(o));
  return in;
}

Result<service::CommitteeInput> ParseCommitteeInput(const json::object& o) {
  service::CommitteeInput in;
  HX_TRY_ASSIGN(in.kind, RequiredString(o, "kind"));
  HX_TRY_ASSIGN(in.term_start, RequiredString(o, "termStart"));
  HX_TRY_ASSIGN(in.term_end, RequiredString(o, "termEnd"));
  HX_TRY_ASSIGN(in.consultation_id, OptionalInt64(o, "consultationId"));
  auto members = o.if_contains("members");
  if (!members || !members->is_array()) return InvalidField("members", Text("应为成员数组", "must be an array of members"));
  for (std::size_t i = 0; i < members->as_array().size(); ++i) {
    const auto& m = members->as_array()[i];
    const std::string at = "members[" + std::to_string(i) + "]";
    if (!m.is_object()) return InvalidField(at, Text("应为对象", "must be an object"));
    service::CommitteeMemberInput mi;
    auto name = RequiredString(m.as_object(), "name");
    if (!name) return InvalidField(at + ".name", Text("必填", "is required"));
    mi.name = *name;
    auto role = RequiredString(m.as_object(), "role");
    if (!role) return InvalidField(at + ".role", Text("必填", "is required"));
    mi.role = *role;
    auto phone = OptionalString(m.as_object(), "phone");
    if (!phone) return InvalidField(at + ".phone", Text("应为字符串", "must be a string"));
    mi.phone = *phone;
    in.members.push_back(std::move(mi));
  }
  return in;
}

Result<service::ContractInput> ParseContractInput(const json::object& o) {
  service::ContractInput in;
  HX_TRY_ASSIGN(in.company, RequiredString(o, "company"));
  HX_TRY_ASSIGN(in.uscc, Text0(o, "uscc"));
  HX_TRY_ASSIGN(in.term_start, RequiredString(o, "termStart"));
  HX_TRY_ASSIGN(in.term_end, RequiredString(o, "termEnd"));
  HX_TRY_ASSIGN(in.fee_fen_per_m2, Fee(o));
  auto billing = OptionalString(o, "billing");
  if (!billing) return std::move(billing).error();
  if (*billing) in.billing = **billing;
  if (auto services = o.if_contains("services"); services && !services->is_null()) {
    if (!services->is_array()) return InvalidField("services", Text("应为字符串数组", "must be an array of strings"));
    for (const auto& s : services->as_array()) {
      if (!s.is_string()) return InvalidField("services", Text("应为字符串数组", "must be an array of strings"));
      in.services.emplace_back(s.as_string());
    }
  }
  return in;
}

Result<std::string> ParseBillRunInput(const json::object& o) { return RequiredString(o, "period"); }

Result<service::PaymentInput> ParsePaymentInput(const json::object& o) {
  service::PaymentInput in;
  auto bill = OptionalInt64(o, "billId");
  if (!bill) return std::move(bill).error();
  if (!*bill) return InvalidField("billId", Text("必填", "is required"));
  in.bill_id = **bill;
  HX_TRY_ASSIGN(in.amount_fen, OptionalInt64(o, "amount"));
  HX_TRY_ASSIGN(in.paid_on, Text0(o, "paidOn"));
  return in;
}

Result<service::FeeSourceInput> ParseFeeSourceInput(const json::object& o) {
  service::FeeSourceInput in;
  HX_TRY_ASSIGN(in.source, RequiredString(o, "source"));
  HX_TRY_ASSIGN(in.amount_fen, OptionalInt64(o, "amount"));
  HX_TRY_ASSIGN(in.on, RequiredString(o, "on"));
  HX_TRY_ASSIGN(in.note, Text0(o, "note"));
  return in;
}

Result<service::FundEntryInput> ParseFundEntryInput(const json::object& o) {
  service::FundEntryInput in;
  HX_TRY_ASSIGN(in.kind, RequiredString(o, "kind"));
  HX_TRY_ASSIGN(in.amount_fen, OptionalInt64(o, "amount"));
  HX_TRY_ASSIGN(in.on, RequiredString(o, "on"));
  HX_TRY_ASSIGN(in.purpose, Text0(o, "purpose"));
  HX_TRY_ASSIGN(in.consultation_id, OptionalInt64(o, "consultationId"));
  return in;
}

Result<service::UtilityTransferInput> ParseUtilityTransferInput(const json::object& o) {
  service::UtilityTransferInput in;
  HX_TRY_ASSIGN(in.status, RequiredString(o, "status"));
  HX_TRY_ASSIGN(in.on, OptionalString(o, "on"));
  HX_TRY_ASSIGN(in.utility, Text0(o, "utility"));
  HX_TRY_ASSIGN(in.consultation_id, OptionalInt64(o, "consultationId"));
  return in;
}

}  // namespace huanxin::http
