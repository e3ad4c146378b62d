#include "store/acceptance/acceptance_repository.hpp"

#include <utility>

namespace huanxin::store {

namespace {

using Repo = AcceptanceRepository;

constexpr const char* kPunchSelect =
    "SELECT id, project_id, region_code, source, dwelling_id, work, description, status, waiver_reason, created_by, "
    "created_at, updated_at FROM punch_item";

PunchItemRecord ReadPunch(const Row& r) {
  PunchItemRecord p;
  p.id = r.GetInt(0);
  p.project_id = r.GetInt(1);
  p.region_code = r.GetText(2);
  p.source = r.GetText(3);
  p.dwelling_id = r.GetOptInt(4);
  p.work = r.GetOptText(5);
  p.description = r.GetText(6);
  p.status = r.GetText(7);
  p.waiver_reason = r.GetText(8);
  p.created_by = r.GetInt(9);
  p.created_at = r.GetText(10);
  p.updated_at = r.GetText(11);
  return p;
}

constexpr const char* kHouseholdSelect =
    "SELECT h.project_id, h.dwelling_id, h.work, h.estate_id, h.region_code, h.result, h.signature_file_id, h.reason, "
    "h.punch_item_id, h.recorded_by, h.recorded_at, COALESCE(b.number, ''), COALESCE(d.room, '') FROM household_acceptance h "
    "LEFT JOIN dwelling d ON d.id = h.dwelling_id LEFT JOIN building b ON b.id = d.building_id";

HouseholdAcceptanceRecord ReadHousehold(const Row& r) {
  HouseholdAcceptanceRecord h;
  h.project_id = r.GetInt(0);
  h.dwelling_id = r.GetInt(1);
  h.work = r.GetText(2);
  h.estate_id = r.GetInt(3);
  h.region_code = r.GetText(4);
  h.result = r.GetText(5);
  h.signature_file_id = r.GetOptInt(6);
  h.reason = r.GetText(7);
  h.punch_item_id = r.GetOptInt(8);
  h.recorded_by = r.GetInt(9);
  h.recorded_at = r.GetText(10);
  h.building_number = r.GetText(11);
  h.room = r.GetText(12);
  return h;
}

}  // namespace

Result<std::optional<AcceptanceDwellingRef>> Repo::FindDwelling(Session& s, std::int64_t dwelling_id) {
  return FirstRow<AcceptanceDwellingRef>(
      s.Query("SELECT d.id, d.estate_id, d.region_code, b.number, d.room, d.stairwell FROM dwelling d "
              "JOIN building b ON b.id = d.building_id WHERE d.id = ?",
              {Int(dwelling_id)}),
      [](const Row& r) {
        return AcceptanceDwellingRef{r.GetInt(0), r.GetInt(1), r.GetText(2), r.GetText(3), r.GetText(4),
                                     static_cast<int>(r.GetInt(5))};
      });
}

Result<bool> Repo::ProjectHasEstate(Session& s, std::int64_t project_id, std::int64_t estate_id) {
  auto rows = s.Query("SELECT 1 FROM project_estate WHERE project_id = ? AND estate_id = ?", {Int(project_id), Int(estate_id)});
  if (!rows) return std::move(rows).error();
  return !rows->empty();
}

Result<std::optional<std::string>> Repo::ItemName(Session& s, const std::string& item_code) {
  return FirstRow<std::string>(s.Query("SELECT name_zh FROM renovation_item WHERE code = ?", {Str(item_code)}),
                               [](const Row& r) { return r.GetText(0); });
}

Result<std::int64_t> Repo::InsertPunch(Session& s, const PunchItemRecord& p) {
  return InsertReturningId(
      s,
      "INSERT INTO punch_item (project_id, region_code, source, dwelling_id, work, description, status, waiver_reason, "
      "created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {Int(p.project_id), Str(p.region_code), Str(p.source), OptInt(p.dwelling_id), OptStr(p.work), Str(p.description),
       Str(p.status), Str(p.waiver_reason), Int(p.created_by), Str(p.created_at), Str(p.updated_at)});
}

Result<std::optional<PunchItemRecord>> Repo::FindPunch(Session& s, std::int64_t id) {
  return FirstRow<PunchItemRecord>(s.Query(std::string(kPunchSelect) + " WHERE id = ?", {Int(id)}), ReadPunch);
}

Result<bool> Repo::UpdatePunch(Session& s, const PunchItemRecord& p) {
  auto n = s.Exec("UPDATE punch_item SET description = ?, status = ?, waiver_reason = ?, updated_at = ? WHERE id = ?",
                  {Str(p.description), Str(p.status), Str(p.waiver_reason), Str(p.updated_at), Int(p.id)});
  if (!n) return std::move(n).error();
  return *n > 0;
}

Result<std::vector<PunchItemRecord>> Repo::PunchList(Session& s, std::int64_t project_id) {
  return MapRows<PunchItemRecord>(s.Query(std::string(kPunchSelect) + " WHERE project_id = ? ORDER BY id", {Int(project_id)}),
                                  ReadPunch);
}

Result<std::optional<HouseholdAcceptanceRecord>> Repo::FindHousehold(Session& s, std::int64_t project_id, std::int64_t dwelling_id,
                                                                     const std::string& work) {
  return FirstRow<HouseholdAcceptanceRecord>(
      s.Query(std::string(kHouseholdSelect) + " WHERE h.project_id = ? AND h.dwelling_id = ? AND h.work = ?",
              {Int(project_id), Int(dwelling_id), Str(work)}),
      ReadHousehold);
}

Result<void> Repo::PutHousehold(Session& s, const HouseholdAcceptanceRecord& h) {
  // Portable upsert: both drivers support ON CONFLICT … DO UPDATE.
  return Done(s.Exec(
      "INSERT INTO household_acceptance (project_id, dwelling_id, work, estate_id, region_code, result, signature_file_id, "
      "reason, punch_item_id, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
      "ON CONFLICT (project_id, dwelling_id, work) DO UPDATE SET result = excluded.result, "
      "signature_file_id = excluded.signature_file_id, reason = excluded.reason, punch_item_id = excluded.punch_item_id, "
      "recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at",
      {Int(h.project_id), Int(h.dwelling_id), Str(h.work), Int(h.estate_id), Str(h.region_code), Str(h.result),
       OptInt(h.signature_file_id), Str(h.reason), OptInt(h.punch_item_id), Int(h.recorded_by), Str(h.recorded_at)}));
}

Result<std::vector<HouseholdAcceptanceRecord>> Repo::Households(Session& s, std::int64_t project_id) {
  return MapRows<HouseholdAcceptanceRecord>(
      s.Query(std::string(kHouseholdSelect) +
                  " WHERE h.project_id = ? ORDER BY b.number, d.stairwell, d.room, h.work",
              {Int(project_id)}),
      ReadHousehold);
}

Result<std::int64_t> Repo::InsertAcceptance(Session& s, const CompletionAcceptanceRecord& a) {
  auto id = InsertReturningId(
      s,
      "INSERT INTO completion_acceptance (project_id, region_code, accepted_on, points, max_points, note, recorded_by, "
      "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {Int(a.project_id), Str(a.region_code), Str(a.accepted_on), Int(a.points), Int(a.max_points), Str(a.note),
       Int(a.recorded_by), Str(a.created_at)});
  if (!id) return id;
  int position = 0;
  for (const auto& p : a.participants)
    if (auto r = Done(s.Exec("INSERT INTO acceptance_participant (acceptance_id, region_code, role, name, representative, "
                             "position) VALUES (?, ?, ?, ?, ?, ?)",
                             {Int(*id), Str(a.region_code), Str(p.role), Str(p.name), Str(p.representative), Int(++position)}));
        !r)
      return std::move(r).error();
  position = 0;
  for (const auto& sc : a.scores)
    if (auto r = Done(s.Exec("INSERT INTO acceptance_score (acceptance_id, region_code, item_code, criterion, score, position) "
                             "VALUES (?, ?, ?, ?, ?, ?)",
                             {Int(*id), Str(a.region_code), Str(sc.item_code), Str(sc.criterion), Int(sc.score), Int(++position)}));
        !r)
      return std::move(r).error();
  return id;
}

Result<std::optional<CompletionAcceptanceRecord>> Repo::FindAcceptance(Session& s, std::int64_t project_id) {
  auto a = FirstRow<CompletionAcceptanceRecord>(
      s.Query("SELECT id, project_id, region_code, accepted_on, points, max_points, note, recorded_by, created_at "
              "FROM completion_acceptance WHERE project_id = ?",
              {Int(project_id)}),
      [](const Row& r) {
        CompletionAcceptanceRecord a;
        a.id = r.GetInt(0);
        a.project_id = r.GetInt(1);
        a.region_code = r.GetText(2);
        a.accepted_on = r.GetText(3);
        a.points = r.GetInt(4);
        a.max_points = r.GetInt(5);
        a.note = r.GetText(6);
        a.recorded_by = r.GetInt(7);
        a.created_at = r.GetText(8);
        return a;
      });
  if (!a || !*a) return a;
  auto participants = MapRows<ParticipantRecord>(
      s.Query("SELECT role, name, representative FROM acceptance_participant WHERE acceptance_id = ? ORDER BY position",
              {Int((*a)->id)}),
      [](const Row& r) { return ParticipantRecord{r.GetText(0), r.GetText(1), r.GetText(2)}; });
  if (!participants) return std::move(participants).error();
  (*a)->participants = std::move(*participants);
  auto scores = MapRows<ScoreRecord>(
      s.Query("SELECT sc.item_code, COALESCE(ri.name_zh, ''), sc.criterion, sc.score FROM acceptance_score sc "
              "LEFT JOIN renovation_item ri ON ri.code = sc.item_code WHERE sc.acceptance_id = ? ORDER BY sc.position",
              {Int((*a)->id)}),
      [](const Row& r) { return ScoreRecord{r.GetText(0), r.GetText(1), r.GetText(2), static_cast<int>(r.GetInt(3))}; });
  if (!scores) return std::move(scores).error();
  (*a)->scores = std::move(*scores);
  return a;
}

Result<void> Repo::PutHandover(Session& s, const HandoverRecord& h) {
  return Done(s.Exec(
      "INSERT INTO acceptance_handover (project_id, region_code, handed_on, receiver, note, recorded_by, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (project_id) DO UPDATE SET handed_on = excluded.handed_on, "
      "receiver = excluded.receiver, note = excluded.note, recorded_by = excluded.recorded_by, created_at = excluded.created_at",
      {Int(h.project_id), Str(h.region_code), Str(h.handed_on), Str(h.receiver), Str(h.note), Int(h.recorded_by),
       Str(h.created_at)}));
}

Result<std::optional<HandoverRecord>> Repo::FindHandover(Session& s, std::int64_t project_id) {
  return FirstRow<HandoverRecord>(
      s.Query("SELECT project_id, region_code, handed_on, receiver, note, recorded_by, created_at FROM acceptance_handover "
              "WHERE project_id = ?",
              {Int(project_id)}),
      [](const Row& r) {
        return HandoverRecord{r.GetInt(0), r.GetText(1), r.GetText(2), r.GetText(3), r.GetText(4), r.GetInt(5), r.GetText(6)};
      });
}

Result<std::vector<AcceptedProjectRef>> Repo::AcceptedProjectsOfEstate(Session& s, std::int64_t estate_id) {
  return MapRows<AcceptedProjectRef>(
      s.Query("SELECT p.id, p.name, p.region_code, ca.accepted_on FROM completion_acceptance ca "
              "JOIN project p ON p.id = ca.project_id JOIN project_estate pe ON pe.project_id = p.id "
              "WHERE pe.estate_id = ? ORDER BY ca.accepted_on DESC, p.id DESC",
              {Int(estate_id)}),
      [](const Row& r) { return AcceptedProjectRef{r.GetInt(0), r.GetText(1), r.GetText(2), r.GetText(3)}; });
}

Result<std::optional<std::string>> Repo::ConstructionCompany(Session& s, std::int64_t project_id) {
  return FirstRow<std::string>(
      s.Query("SELECT company FROM project_unit WHERE project_id = ? AND role = 'construction'", {Int(project_id)}),
      [](const Row& r) { return r.GetText(0); });
}

Result<std::optional<std::int64_t>> Repo::UnitOfCompany(Session& s, const std::string& company, const std::string& region_code) {
  auto rows = MapRows<std::pair<std::int64_t, std::string>>(
      s.Query("SELECT id, region_code FROM responsible_unit WHERE company = ? ORDER BY id", {Str(company)}),
      [](const Row& r) { return std::pair{r.GetInt(0), r.GetText(1)}; });
  if (!rows) return std::move(rows).error();
  std::optional<std::int64_t> best;
  std::size_t best_len = 0;
  for (const auto& [id, region] : *rows) {
    // The project's region or an ancestor of it (a street-registered builder of a community project).
    if (region.size() > region_code.size() || region_code.compare(0, region.size(), region) != 0) continue;
    if (!best || region.size() > best_len) {
      best = id;
      best_len = region.size();
    }
  }
  return best;
}

}  // namespace huanxin::store
