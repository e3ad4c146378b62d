#include "store/checkup/observation_repository.hpp"

namespace huanxin::store {

namespace {

namespace ck = core::checkup;

Value SeverityValue(const std::optional<ck::Severity>& s) {
  return s ? Str(std::string(ck::SeverityCode(*s))) : Null();
}

constexpr const char* kObservationSelect =
    "SELECT o.id, o.checkup_id, o.client_id, o.estate_id, o.region_code, o.building_id, o.dwelling_id, o.indicator, "
    "o.criterion, o.present, o.value, o.condition_met, o.note, o.photo_ids, o.lat_e6, o.lng_e6, o.observed_at, "
    "o.object_key, o.severity, o.user_id, COALESCE(u.username, ''), o.created_at, o.updated_at "
    "FROM checkup_observation o LEFT JOIN app_user u ON u.id = o.user_id";

CheckupObservationRecord ObservationFromRow(const Row& r) {
  CheckupObservationRecord o;
  o.id = r.GetInt(0);
  o.checkup_id = r.GetInt(1);
  o.client_id = r.GetText(2);
  o.estate_id = r.GetInt(3);
  o.region_code = r.GetText(4);
  o.building_id = r.GetOptInt(5);
  o.dwelling_id = r.GetOptInt(6);
  o.indicator = r.GetText(7);
  o.criterion = r.GetText(8);
  o.present = r.GetInt(9) != 0;
  o.value = r.GetOptInt(10);
  o.condition = r.GetInt(11) != 0;
  o.note = r.GetText(12);
  o.photo_ids = ParseIds(r.GetText(13));
  o.lat_e6 = r.GetOptInt(14);
  o.lng_e6 = r.GetOptInt(15);
  o.observed_at = r.GetText(16);
  o.object_key = r.GetText(17);
  if (auto code = r.GetOptText(18)) o.severity = ck::ParseSeverity(*code).value_or(ck::Severity::kProblem);
  o.user_id = r.GetInt(19);
  o.username = r.GetText(20);
  o.created_at = r.GetText(21);
  o.updated_at = r.GetText(22);
  return o;
}

Result<std::optional<CheckupObservationRecord>> FindOne(Session& s, const std::string& where, const Params& p) {
  auto rows = s.Query(std::string(kObservationSelect) + where, p);
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return std::optional<CheckupObservationRecord>{};
  return std::optional<CheckupObservationRecord>(ObservationFromRow(rows->front()));
}

}  // namespace

Result<std::int64_t> CheckupObservationRepository::Insert(Session& s, const CheckupObservationRecord& o) {
  return InsertReturningId(
      s,
      "INSERT INTO checkup_observation (checkup_id, client_id, estate_id, region_code, building_id, dwelling_id, "
      "indicator, criterion, present, value, condition_met, note, photo_ids, lat_e6, lng_e6, observed_at, object_key, "
      "severity, user_id, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {Int(o.checkup_id),     Str(o.client_id),  Int(o.estate_id),          Str(o.region_code), OptInt(o.building_id),
       OptInt(o.dwelling_id), Str(o.indicator),  Str(o.criterion),          Bool(o.present),    OptInt(o.value),
       Bool(o.condition),     Str(o.note),       Str(JoinIds(o.photo_ids)), OptInt(o.lat_e6),   OptInt(o.lng_e6),
       Str(o.observed_at),    Str(o.object_key), SeverityValue(o.severity), Int(o.user_id),     Str(o.created_at),
       Str(o.updated_at)});
}

Result<bool> CheckupObservationRepository::Update(Session& s, const CheckupObservationRecord& o) {
  auto n = s.Exec(
      "UPDATE checkup_observation SET estate_id = ?, region_code = ?, building_id = ?, dwelling_id = ?, indicator = ?, "
      "criterion = ?, present = ?, value = ?, condition_met = ?, note = ?, photo_ids = ?, lat_e6 = ?, lng_e6 = ?, "
      "observed_at = ?, object_key = ?, severity = ?, updated_at = ? WHERE id = ?",
      {Int(o.estate_id), Str(o.region_code), OptInt(o.building_id), OptInt(o.dwelling_id), Str(o.indicator),
       Str(o.criterion), Bool(o.present), OptInt(o.value), Bool(o.condition), Str(o.note), Str(JoinIds(o.photo_ids)),
       OptInt(o.lat_e6), OptInt(o.lng_e6), Str(o.observed_at), Str(o.object_key), SeverityValue(o.severity),
       Str(o.updated_at), Int(o.id)});
  if (!n) return std::move(n).error();
  return *n > 0;
}

Result<bool> CheckupObservationRepository::Delete(Session& s, std::int64_t id) {
  auto n = s.Exec("DELETE FROM checkup_observation WHERE id = ?", {Int(id)});
  if (!n) return std::move(n).error();
  return *n > 0;
}

Result<std::optional<CheckupObservationRecord>> CheckupObservationRepository::FindByObject(
    Session& s, std::int64_t checkup_id, const std::string& object_key, const std::string& criterion) {
  return FindOne(s, " WHERE o.checkup_id = ? AND o.object_key = ? AND o.criterion = ?",
                 {Int(checkup_id), Str(object_key), Str(criterion)});
}

Result<std::optional<CheckupObservationRecord>> CheckupObservationRepository::FindByClientId(
    Session& s, std::int64_t checkup_id, const std::string& client_id) {
  return FindOne(s, " WHERE o.checkup_id = ? AND o.client_id = ?", {Int(checkup_id), Str(client_id)});
}

Result<std::vector<CheckupObservationRecord>> CheckupObservationRepository::List(Session& s,
                                                                                 const CheckupObservationFilter& f) {
  std::string where = " WHERE o.checkup_id = ?";
  Params p{Int(f.checkup_id)};
  AddPrefixFilter(where, p, "o.region_code", f.scope_prefix);
  if (f.estate_id) {
    where += " AND o.estate_id = ?";
    p.push_back(Int(*f.estate_id));
  }
  if (f.problems_only) where += " AND o.severity IS NOT NULL";
  if (f.severity) {
    where += " AND o.severity = ?";
    p.push_back(Str(std::string(ck::SeverityCode(*f.severity))));
  }
  if (f.indicator) {
    where += " AND o.indicator = ?";
    p.push_back(Str(*f.indicator));
  }
  auto rows = s.Query(std::string(kObservationSelect) + where + " ORDER BY o.id", p);
  if (!rows) return std::move(rows).error();
  std::vector<CheckupObservationRecord> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) out.push_back(ObservationFromRow(r));
  return out;
}

}  // namespace huanxin::store
