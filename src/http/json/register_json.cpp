#include "http/json/register_json.hpp"

#include "core/register/codes.hpp"

#include <boost/json.hpp>
#include <charconv>
#include <cstdio>

#include "common/decimal.hpp"
#include "common/text.hpp"
#include "core/register/headcount.hpp"
#include "core/register/identity.hpp"
#include "http/json/json_input.hpp"
#include "http/json/platform_json.hpp"
#include "http/message.hpp"

namespace huanxin::http {

namespace json = boost::json;
using service::Patch;

namespace {
json::value OptDecimal(const std::optional<std::int64_t>& v) { return v ? DecimalJson(*v) : json::value(nullptr); }
// Micro-degrees → degrees with six decimals, as a plain number (never an exponent).
json::value OptDegreesImpl(const std::optional<std::int64_t>& v) {
  if (!v) return nullptr;
  std::int64_t m = *v < 0 ? -*v : *v;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s%lld.%06lld", *v < 0 ? "-" : "", static_cast<long long>(m / 1000000),
                static_cast<long long>(m % 1000000));
  return RawNumberJson(buf);
}

json::array Split(const std::string& csv) {
  json::array out;
  for (auto part : huanxin::Split(csv, ','))
    if (!part.empty()) out.push_back(json::string(part));
  return out;
}

Result<Patch<int>> ReadInt(const json::object& o, const char* field) {
  auto it = o.find(field);
  if (it == o.end() || it->value().is_null()) return Patch<int>{};
  const auto& v = it->value();
  if (v.is_int64() && v.as_int64() >= INT32_MIN && v.as_int64() <= INT32_MAX) return Patch<int>(static_cast<int>(v.as_int64()));
  if (v.is_uint64() && v.as_uint64() <= INT32_MAX) return Patch<int>(static_cast<int>(v.as_uint64()));
  return InvalidField(field, Text("应为整数", "must be an integer"));
}

Result<Patch<std::optional<int>>> ReadNullableInt(const json::object& o, const char* field) {
  auto it = o.find(field);
  if (it == o.end()) return Patch<std::optional<int>>{};
  if (it->value().is_null()) return Patch<std::optional<int>>(std::optional<int>{});
  auto v = ReadInt(o, field);
  if (!v) return std::move(v).error();
  return Patch<std::optional<int>>(std::optional<int>(**v));
}

// Degrees (number) → micro-degrees; null clears.
Result<Patch<std::optional<std::int64_t>>> ReadDegreesImpl(const json::object& o, const char* field) {
  auto it = o.find(field);
  if (it == o.end()) return Patch<std::optional<std::int64_t>>{};
  if (it->value().is_null()) return Patch<std::optional<std::int64_t>>(std::optional<std::int64_t>{});
  if (!it->value().is_number()) return InvalidField(field, Text("应为数字（度）", "must be a number of degrees"));
  double d = it->value().to_number<double>();
  return Patch<std::optional<std::int64_t>>(std::optional<std::int64_t>(static_cast<std::int64_t>(std::llround(d * 1e6))));
}

Result<Patch<std::optional<std::int64_t>>> ReadNullableArea(const json::object& o, const char* field) {
  auto it = o.find(field);
  if (it == o.end()) return Patch<std::optional<std::int64_t>>{};
  if (it->value().is_null()) return Patch<std::optional<std::int64_t>>(std::optional<std::int64_t>{});
  auto v = ReadHundredths(o, field);
  if (!v) return std::move(v).error();
  return Patch<std::optional<std::int64_t>>(*v);
}

Result<Patch<bool>> ReadBool(const json::object& o, const char* field) {
  auto v = OptionalBool(o, field);
  if (!v) return std::move(v).error();
  return Patch<bool>(*v);
}

template <typename T>
Result<void> Into(Result<T> r, T& out) {
  if (!r) return std::move(r).error();
  out = std::move(*r);
  return Ok();
}
}  // namespace

Result<std::optional<std::int64_t>> ReadHundredths(const json::object& o, const char* field) {
  return ReadTwoDecimals(o, field, Text("平方米", "m²"));
}

json::object EligibilityJson(const core::reg::Eligibility& e, bool english) {
  json::array reasons;
  for (const auto& r : e.reasons) reasons.push_back({{"code", r.code}, {"text", r.text.In(english)}});
  return {{"verdict", core::reg::VerdictCode(e.verdict)}, {"reasons", std::move(reasons)}};
}

json::object EstateJson(const service::EstateView& v, bool english) {
  const auto& e = v.estate;
  return {{"id", e.id},
          {"regionCode", e.region_code},
          {"regionName", v.region_name},
          {"name", e.name},
          {"address", e.address},
          {"builtYear", e.built_year},
          {"landArea", OptDecimal(e.land_area_dm2)},
          {"totalFloorArea", OptDecimal(e.floor_area_dm2)},
          {"ownershipTypes", Split(e.ownership_types)},
          {"propertyMode", e.property_mode},
          {"exclusions",
           {{"selfBuiltArea", e.excl_self_built},
            {"urbanVillage", e.excl_urban_village},
            {"demolitionPlanned", e.excl_demolition},
            {"renovatedRecently", e.excl_recent_renovation}}},
          {"lat", OptDegreesImpl(e.lat_e6)},
          {"lng", OptDegreesImpl(e.lng_e6)},
          {"status", e.status},
          {"eligibility", EligibilityJson(v.eligibility, english)},
          {"createdAt", e.created_at},
          {"updatedAt", e.updated_at}};
}

json::object EstatePageJson(const std::vector<service::EstateView>& estates, std::int64_t total, const service::EstateQuery& q,
                            bool english) {
  json::array items;
  for (const auto& v : estates) items.push_back(EstateJson(v, english));
  return PageJson(std::move(items), total, q.page, q.page_size);
}

json::object BuildingJson(const store::BuildingRecord& b) {
  return {{"id", b.id},
          {"estateId", b.estate_id},
          {"number", b.number},
          {"floors", b.floors},
          {"stairwells", b.stairwells},
          {"structure", b.structure},
          {"builtYear", b.built_year ? json::value(*b.built_year) : json::value(nullptr)},
          {"hasLift", b.has_lift},
          {"heating", b.heating},
          {"createdAt", b.created_at},
          {"updatedAt", b.updated_at}};
}

json::object BuildingListJson(const std::vector<store::BuildingRecord>& buildings) {
  json::array items;
  for (const auto& b : buildings) items.push_back(BuildingJson(b));
  return {{"items", std::move(items)}};
}

json::object OwnerJson(const service::OwnerView& v) {
  const auto& o = v.owner;
  json::value phone = nullptr;
  if (o.phone) phone = json::string(v.masked ? core::reg::MaskPhone(*o.phone) : *o.phone);
  std::string name = o.name;
  if (v.foreign) name = core::reg::MaskName(name);
  return {{"id", o.id},
          {"name", name},
          {"idNumber", v.masked ? core::reg::MaskIdNumber(o.id_number) : o.id_number},
          {"phone", phone},
          {"masked", v.masked}};
}

json::object OwnerPageJson(const std::vector<service::OwnerView>& owners, std::int64_t total, const Paging& paging) {
  json::array items;
  for (const auto& o : owners) items.push_back(OwnerJson(o));
  return PageJson(std::move(items), total, paging.page, paging.page_size);
}

json::object DwellingJson(const service::DwellingView& v) {
  const auto& d = v.dwelling;
  json::array owners;
  for (const auto& o : v.owners) owners.push_back(OwnerJson(o));
  return {{"id", d.id},
          {"buildingId", d.building_id},
          {"buildingNumber", d.building_number},
          {"estateId", d.estate_id},
          {"stairwell", d.stairwell},
          {"floor", d.floor},
          {"room", d.room},
          {"exclusiveArea", DecimalJson(d.exclusive_area_dm2)},
          {"areaSource", d.area_source},
          {"use", d.use_type},
          {"saleStatus", d.sale_status},
          {"owners", std::move(owners)},
          {"household", d.household ? json::value(json::object{{"residents", d.household->residents},
                                                               {"aged60Plus", d.household->aged_60_plus},
                                                               {"disabled", d.household->disabled},
                                                               {"occupancy", d.household->occupancy},
                                                               {"updatedAt", d.household->updated_at}})
                                    : json::value(nullptr)},
          {"createdAt", d.created_at},
          {"updatedAt", d.updated_at}};
}

json::object DwellingListJson(const std::vector<service::DwellingView>& dwellings) {
  json::array items;
  for (const auto& v : dwellings) items.push_back(DwellingJson(v));
  return {{"items", std::move(items)}};
}

namespace {
json::object RollupCountsJson(const store::RollupCounts& c) {
  return {{"regionCode", c.region_code},
          {"estates", c.estates},
          {"buildings", c.buildings},
          {"dwellings", c.dwellings},
          {"exclusiveArea", DecimalJson(c.exclusive_area_dm2)},
          {"eligibleEstates", c.eligible_estates},
          {"eligibleDwellings", c.eligible_dwellings},
          {"extensionEstates", c.extension_estates},
          {"extensionDwellings", c.extension_dwellings}};
}
}  // namespace

json::object RollupJson(const service::RegisterRollup& r) {
  const auto& policy = r.policy;
  json::object total = RollupCountsJson(r.total);
  total["regionName"] = r.region_name;
  json::array children;
  for (const auto& [c, name] : r.children) {
    auto row = RollupCountsJson(c);
    row["regionName"] = name;
    children.push_back(std::move(row));
  }
  return {{"regionCode", r.region_code},
          {"regionName", r.region_name},
          {"childLevel", r.child_level},
          {"policy", {{"cutoffYear", policy.cutoff_year}, {"extensionLastYear", policy.extension_last_year}}},
          {"total", std::move(total)},
          {"children", std::move(children)}};
}

json::object RegisterWorkbenchJson(const store::RollupCounts& t) {
  return {{"estates", t.estates},
          {"eligible", t.eligible_estates},
          {"extension", t.extension_estates},
          {"buildings", t.buildings},
          {"dwellings", t.dwellings}};
}

json::object SummaryJson(const service::EstateSummary& s, std::int64_t estate_id) {
  return {{"buildings", s.buildings},
          {"stairwells", s.stairwells},
          {"dwellings", s.dwellings},
          {"exclusiveArea", DecimalJson(s.exclusive_area_dm2)},
          {"ownerHeadcount", s.owner_heads},
          {"ownerHeadcountReading", std::string(core::reg::HeadcountReadingCode(s.reading))},
          {"sold", s.sold},
          {"soldUndelivered", s.sold_undelivered},
          {"developerUnsold", s.developer_unsold},
          {"publicHousing", s.public_housing},
          {"residential", s.residential},
          {"commercial", s.commercial},
          {"dwellingsWithoutOwner", s.dwellings_without_owner},
          {"householdsRecorded", s.households_recorded},
          {"residents", s.residents},
          {"aged60Plus", s.aged_60_plus},
          {"disabledResidents", s.disabled},
          {"estateId", estate_id}};
}

json::object ImportReportJson(const service::ImportReport& r, bool english) {
  json::array errors;
  for (const auto& e : r.errors)
    errors.push_back({{"row", e.row}, {"column", e.column}, {"value", e.value}, {"message", e.message.In(english)}});
  return {{"created", r.created},
          {"updated", r.updated},
          {"unchanged", r.unchanged},
          {"rows", r.rows},
          {"buildingsCreated", r.buildings_created},
          {"ownersCreated", r.owners_created},
          {"errors", std::move(errors)}};
}

Response ImportAnswer(const Result<service::ImportReport>& r, bool english) {
  if (!r) return ErrorResponse(r.error(), english);
  auto body = ImportReportJson(*r, english);
  if (r->errors.empty()) return Json(200, body);
  // The error envelope with the report's fields beside it: the rows to fix travel with the error.
  auto err = ErrorResponse(service::ImportService::Refusal(*r), english);
  auto envelope = json::parse(err.body).as_object();
  for (auto& [k, v] : body) envelope[k] = v;
  err.body = json::serialize(envelope);
  return err;
}

service::JobOutcome ImportJobOutcome(const Result<service::ImportReport>& r, bool english) {
  auto answer = ImportAnswer(r, english);
  return service::JobOutcome{answer.status == 200, std::move(answer.body)};
}

json::object ImportQueuedJson(std::int64_t job_id) { return {{"jobId", job_id}, {"state", "queued"}}; }

namespace {
Result<std::optional<int>> QueryYear(const Request& req, const char* name) {
  auto v = QueryInt64(req, name);
  if (!v) return std::move(v).error();
  if (!*v) return std::optional<int>{};
  if (**v < 1900 || **v > 2100)
    return MakeError(ErrorCode::kBadRequest, "http.bad_query", Text("查询参数 " + std::string(name) + " 不正确", "bad " + std::string(name)),
                     Text::Same(std::to_string(**v)), Text("年份为 1900–2100", "a year 1900–2100"));
  return std::optional<int>(static_cast<int>(**v));
}
}  // namespace

Result<service::EstateQuery> ParseEstateQuery(const Request& req) {
  service::EstateQuery q;
  auto paging = ParsePaging(req);
  if (!paging) return std::move(paging).error();
  auto from = QueryYear(req, "builtFrom");
  if (!from) return std::move(from).error();
  auto to = QueryYear(req, "builtTo");
  if (!to) return std::move(to).error();
  q.region_code = QueryString(req, "regionCode");
  q.status = QueryString(req, "status");
  q.eligibility = QueryString(req, "eligibility");
  q.q = QueryString(req, "q");
  q.built_from = *from;
  q.built_to = *to;
  q.page = paging->page;
  q.page_size = paging->page_size;
  return q;
}

Result<service::EstateInput> ParseEstateInput(const json::object& o) {
  service::EstateInput in;
  for (auto [field, target] : {std::pair{"regionCode", &in.region_code}, {"name", &in.name}, {"address", &in.address},
                               {"propertyMode", &in.property_mode}, {"status", &in.status}}) {
    auto v = OptionalString(o, field);
    if (!v) return std::move(v).error();
    *target = *v;
  }
  if (auto r = Into(ReadInt(o, "builtYear"), in.built_year); !r) return std::move(r).error();
  if (auto it = o.find("ownershipTypes"); it != o.end() && !it->value().is_null()) {
    if (!it->value().is_array()) return InvalidField("ownershipTypes", Text("应为字符串数组", "must be an array of strings"));
    std::vector<std::string> types;
    for (const auto& t : it->value().as_array()) {
      if (!t.is_string()) return InvalidField("ownershipTypes", Text("应为字符串数组", "must be an array of strings"));
      types.emplace_back(t.as_string());
    }
    in.ownership_types = std::move(types);
  }
  if (auto r = Into(ReadNullableArea(o, "landArea"), in.land_area_dm2); !r) return std::move(r).error();
  if (auto r = Into(ReadNullableArea(o, "totalFloorArea"), in.floor_area_dm2); !r) return std::move(r).error();
  if (auto r = Into(ReadDegreesImpl(o, "lat"), in.lat_e6); !r) return std::move(r).error();
  if (auto r = Into(ReadDegreesImpl(o, "lng"), in.lng_e6); !r) return std::move(r).error();
  if (auto it = o.find("exclusions"); it != o.end() && !it->value().is_null()) {
    if (!it->value().is_object()) return InvalidField("exclusions", Text("应为对象", "must be an object"));
    const auto& x = it->value().as_object();
    if (auto r = Into(ReadBool(x, "selfBuiltArea"), in.excl_self_built); !r) return std::move(r).error();
    if (auto r = Into(ReadBool(x, "urbanVillage"), in.excl_urban_village); !r) return std::move(r).error();
    if (auto r = Into(ReadBool(x, "demolitionPlanned"), in.excl_demolition); !r) return std::move(r).error();
    if (auto r = Into(ReadBool(x, "renovatedRecently"), in.excl_recent_renovation); !r) return std::move(r).error();
  }
  return in;
}

Result<service::BuildingInput> ParseBuildingInput(const json::object& o) {
  service::BuildingInput in;
  // Building numbers are often typed as numbers: accept 3 as "3".
  json::object copy = o;
  if (auto it = copy.find("number"); it != copy.end() && it->value().is_int64()) it->value() = json::string(std::to_string(it->value().as_int64()));
  const json::object& src = copy;
  for (auto [field, target] : {std::pair{"number", &in.number}, {"structure", &in.structure}, {"heating", &in.heating}}) {
    auto v = OptionalString(src, field);
    if (!v) return std::move(v).error();
    *target = *v;
  }
  if (auto r = Into(ReadInt(o, "floors"), in.floors); !r) return std::move(r).error();
  if (auto r = Into(ReadInt(o, "stairwells"), in.stairwells); !r) return std::move(r).error();
  if (auto r = Into(ReadNullableInt(o, "builtYear"), in.built_year); !r) return std::move(r).error();
  if (auto r = Into(ReadBool(o, "hasLift"), in.has_lift); !r) return std::move(r).error();
  return in;
}

Result<service::DwellingInput> ParseDwellingInput(const json::object& o) {
  service::DwellingInput in;
  // Rooms are often typed as numbers: accept 301 as "301".
  json::object copy = o;
  if (auto it = copy.find("room"); it != copy.end() && it->value().is_int64()) it->value() = json::string(std::to_string(it->value().as_int64()));
  for (auto [field, target] : {std::pair{"room", &in.room}, {"areaSource", &in.area_source}, {"use", &in.use_type},
                               {"saleStatus", &in.sale_status}}) {
    auto v = OptionalString(copy, field);
    if (!v) return std::move(v).error();
    *target = *v;
  }
  if (auto r = Into(ReadInt(o, "stairwell"), in.stairwell); !r) return std::move(r).error();
  if (auto r = Into(ReadInt(o, "floor"), in.floor); !r) return std::move(r).error();
  auto area = ReadHundredths(o, "exclusiveArea");
  if (!area) return std::move(area).error();
  in.exclusive_area_dm2 = *area;
  return in;
}

Result<service::HouseholdInput> ParseHouseholdInput(const json::object& o) {
  service::HouseholdInput in;
  for (auto [field, target] : {std::pair{"residents", &in.residents}, {"aged60Plus", &in.aged_60_plus}, {"disabled", &in.disabled}}) {
    auto v = ReadInt(o, field);
    if (!v) return std::move(v).error();
    if (!*v) return InvalidField(field, Text("缺少必填字段", "required field is missing"));
    *target = **v;
  }
  auto occ = RequiredString(o, "occupancy");
  if (!occ) return std::move(occ).error();
  in.occupancy = *occ;
  return in;
}

Result<service::OwnerInput> ParseOwnerInput(const json::object& o) {
  service::OwnerInput in;
  auto name = RequiredString(o, "name");
  if (!name) return std::move(name).error();
  auto id = RequiredString(o, "idNumber");
  if (!id) return std::move(id).error();
  auto phone = OptionalString(o, "phone");
  if (!phone) return std::move(phone).error();
  in.name = *name;
  in.id_number = *id;
  in.phone = *phone;
  return in;
}

Result<service::OwnerLinkInput> ParseOwnerLinkInput(const json::object& o) {
  service::OwnerLinkInput in;
  if (o.contains("idNumber")) {
    auto person = ParseOwnerInput(o);
    if (!person) return std::move(person).error();
    in.person = std::move(*person);
    return in;
  }
  auto it = o.find("ownerId");
  if (it == o.end() || !it->value().is_int64())
    return InvalidField("ownerId", Text("应为业主编号（整数），或给出 idNumber 与 name", "give an owner id (integer), or idNumber and name"));
  in.owner_id = it->value().as_int64();
  return in;
}

json::value OptDegrees(const std::optional<std::int64_t>& micro_degrees) { return OptDegreesImpl(micro_degrees); }

Result<std::optional<std::int64_t>> ReadOptionalDegrees(const json::object& o, const char* field) {
  auto r = ReadDegreesImpl(o, field);
  if (!r) return std::move(r).error();
  return r->value_or(std::nullopt);
}

boost::json::object EligibilityReportJson(const service::EligibilityReport& r, bool english) {
  const auto& p = r.policy;
  auto out = EligibilityJson(r.eligibility, english);
  out["estateId"] = r.estate_id;
  out["policy"] = {{"cutoffYear", p.cutoff_year},
                   {"extensionLastYear", p.extension_last_year},
                   {"extensionCap", std::to_string(p.cap_numerator) + "/" + std::to_string(p.cap_denominator)}};
  return out;
}

namespace {
boost::json::array Choices(const core::reg::ChoiceSet& set, bool english) {
  boost::json::array out;
  for (const auto& c : set.choices()) out.push_back({{"code", c.code}, {"name", english ? c.en : c.zh}});
  return out;
}
}  // namespace

boost::json::object DictionariesJson(bool en) {
  namespace reg = core::reg;
  return {{"status", Choices(reg::EstateStatuses(), en)},      {"propertyMode", Choices(reg::PropertyModes(), en)},
          {"ownershipTypes", Choices(reg::OwnershipTypes(), en)}, {"areaSource", Choices(reg::AreaSources(), en)},
          {"saleStatus", Choices(reg::SaleStatuses(), en)},     {"use", Choices(reg::DwellingUses(), en)},
          {"occupancy", Choices(reg::Occupancies(), en)},       {"structure", Choices(reg::Structures(), en)},
          {"heating", Choices(reg::Heatings(), en)}};
}

}  // namespace huanxin::http
