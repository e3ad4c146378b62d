#include "store/consultation/consultation_repository.hpp"

#include <algorithm>
#include <unordered_map>

#include "common/text.hpp"

namespace huanxin::store {

namespace {

std::string Placeholders(std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += i ? ",?" : "?";
  return out;
}

void AddIds(Params& p, const std::vector<std::int64_t>& ids) {
  for (auto id : ids) p.push_back(Int(id));
}

constexpr const char* kConsultationColumns =
    "id, estate_id, region_code, title, kind, law_version, state, current_round, ballots_cast, opens_at, closes_at, "
    "opened_at, closed_at, created_by, created_at, updated_at";

ConsultationRecord ConsultationFromRow(const Row& r) {
  ConsultationRecord c;
  c.id = r.GetInt(0);
  c.estate_id = r.GetInt(1);
  c.region_code = r.GetText(2);
  c.title = r.GetText(3);
  c.kind = r.GetText(4);
  c.law_version = r.GetText(5);
  c.state = r.GetText(6);
  c.current_round = static_cast<int>(r.GetInt(7));
  c.ballots_cast = r.GetInt(8);
  c.opens_at = r.GetOptText(9);
  c.closes_at = r.GetOptText(10);
  c.opened_at = r.GetOptText(11);
  c.closed_at = r.GetOptText(12);
  c.created_by = r.GetInt(13);
  c.created_at = r.GetText(14);
  c.updated_at = r.GetText(15);
  return c;
}

constexpr const char* kVoterSelect =
    "SELECT d.id, d.building_id, b.number, d.stairwell, d.floor, d.room, d.exclusive_area_dm2, d.sale_status, "
    "d.estate_id "
    "FROM dwelling d JOIN building b ON b.id = d.building_id ";

VoterDwelling VoterFromRow(const Row& r) {
  VoterDwelling v;
  v.id = r.GetInt(0);
  v.building_id = r.GetInt(1);
  v.building_number = r.GetText(2);
  v.stairwell = static_cast<int>(r.GetInt(3));
  v.floor = static_cast<int>(r.GetInt(4));
  v.room = r.GetText(5);
  v.area_dm2 = r.GetInt(6);
  v.sale_status = r.GetText(7);
  v.estate_id = r.GetInt(8);
  return v;
}

// Fills owner_ids of `list` (one query for all of them).
Result<void> AttachOwners(Session& s, std::vector<VoterDwelling>& list, std::optional<std::int64_t> estate_id) {
  if (list.empty()) return Ok();
  std::unordered_map<std::int64_t, std::size_t> index;
  for (std::size_t i = 0; i < list.size(); ++i) index[list[i].id] = i;
  Result<Rows> rows = Rows{};
  if (estate_id) {
    rows =
        s.Query("SELECT dwelling_id, owner_id FROM dwelling_owner WHERE estate_id = ? ORDER BY dwelling_id, owner_id",
                {Int(*estate_id)});
  } else {
    std::vector<std::int64_t> ids;
    for (const auto& v : list) ids.push_back(v.id);
    Params p;
    AddIds(p, ids);
    rows = s.Query("SELECT dwelling_id, owner_id FROM dwelling_owner WHERE dwelling_id IN (" +
                       Placeholders(ids.size()) + ") ORDER BY dwelling_id, owner_id",
                   p);
  }
  if (!rows) return std::move(rows).error();
  for (const auto& r : *rows)
    if (auto it = index.find(r.GetInt(0)); it != index.end()) list[it->second].owner_ids.push_back(r.GetInt(1));
  return Ok();
}

Result<std::vector<VoterDwelling>> Voters(Session& s, const std::string& where, const Params& p,
                                          std::optional<std::int64_t> owners_of_estate) {
  auto rows = s.Query(std::string(kVoterSelect) + where + " ORDER BY d.id", p);
  if (!rows) return std::move(rows).error();
  std::vector<VoterDwelling> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) out.push_back(VoterFromRow(r));
  if (auto a = AttachOwners(s, out, owners_of_estate); !a) return std::move(a).error();
  return out;
}

BallotRecord BallotFromRow(const Row& r) {
  return {r.GetInt(0),  r.GetInt(1),  r.GetInt(2), r.GetText(3), static_cast<int>(r.GetInt(4)),
          r.GetText(5), r.GetText(6), r.GetInt(7), r.GetText(8)};
}

ReceiptRecord ReceiptFromRow(const Row& r) {
  ReceiptRecord x;
  x.code = r.GetText(0);
  x.consultation_id = r.GetInt(1);
  x.dwelling_id = r.GetInt(2);
  x.round = static_cast<int>(r.GetInt(3));
  x.channel = r.GetText(4);
  x.choices_json = r.GetText(5);
  x.dwelling_ids = ParseIds(r.GetText(6));
  x.evidence_file_id = r.GetOptInt(7);
  x.user_id = r.GetInt(8);
  x.cast_at = r.GetText(9);
  return x;
}

}  // namespace

// ---- consultations ----

Result<std::int64_t> ConsultationRepository::Insert(Session& s, const ConsultationRecord& c) {
  return InsertReturningId(
      s,
      "INSERT INTO consultation (estate_id, region_code, title, kind, law_version, state, current_round, ballots_cast, "
      "opens_at, closes_at, opened_at, closed_at, created_by, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {Int(c.estate_id), Str(c.region_code), Str(c.title), Str(c.kind), Str(c.law_version), Str(c.state),
       Int(c.current_round), OptStr(c.opens_at), OptStr(c.closes_at), OptStr(c.opened_at), OptStr(c.closed_at),
       Int(c.created_by), Str(c.created_at), Str(c.updated_at)});
}

Result<std::optional<ConsultationRecord>> ConsultationRepository::Find(Session& s, std::int64_t id) {
  auto rows = s.Query(std::string("SELECT ") + kConsultationColumns + " FROM consultation WHERE id = ?", {Int(id)});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return std::optional<ConsultationRecord>{};
  return std::optional<ConsultationRecord>(ConsultationFromRow(rows->front()));
}

Result<std::vector<ConsultationRecord>> ConsultationRepository::List(Session& s, const ConsultationFilter& f,
                                                                     std::int64_t& total) {
  std::string where = " WHERE 1 = 1";
  Params p;
  AddPrefixFilter(where, p, "region_code", f.scope_prefix);
  if (f.estate_id) {
    where += " AND estate_id = ?";
    p.push_back(Int(*f.estate_id));
  }
  if (f.state) {
    where += " AND state = ?";
    p.push_back(Str(*f.state));
  }
  auto count = QueryInt(s, "SELECT COUNT(*) FROM consultation" + where, p);
  if (!count) return std::move(count).error();
  total = *count;
  auto q = p;
  q.push_back(Int(f.limit));
  q.push_back(Int(f.offset));
  auto rows = s.Query(std::string("SELECT ") + kConsultationColumns + " FROM consultation" + where +
                          " ORDER BY id DESC LIMIT ? OFFSET ?",
                      q);
  if (!rows) return std::move(rows).error();
  std::vector<ConsultationRecord> out;
  for (const auto& r : *rows) out.push_back(ConsultationFromRow(r));
  return out;
}

Result<void> ConsultationRepository::UpdateState(Session& s, const ConsultationRecord& c) {
  auto n = s.Exec(
      "UPDATE consultation SET state = ?, current_round = ?, law_version = ?, opened_at = ?, closed_at = ?, "
      "updated_at = ? WHERE id = ?",
      {Str(c.state), Int(c.current_round), Str(c.law_version), OptStr(c.opened_at), OptStr(c.closed_at),
       Str(c.updated_at), Int(c.id)});
  if (!n) return std::move(n).error();
  return Ok();
}

Result<std::optional<ConsultationRecord>> ConsultationRepository::LockForBallot(Session& s, std::int64_t id) {
  // The UPDATE takes PostgreSQL's row lock for the rest of the transaction, so ballots of one
  // consultation are serialised (the owner-conflict check reads, then writes).
  auto rows = s.Query(std::string("UPDATE consultation SET ballots_cast = ballots_cast + 1 WHERE id = ? RETURNING ") +
                          kConsultationColumns,
                      {Int(id)});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return std::optional<ConsultationRecord>{};
  return std::optional<ConsultationRecord>(ConsultationFromRow(rows->front()));
}

Result<std::int64_t> ConsultationRepository::InsertItem(Session& s, const ConsultationItemRecord& i) {
  return InsertReturningId(
      s,
      "INSERT INTO consultation_item (consultation_id, position, title, catalog_item_code, rule, scope_type, "
      "building_id, stairwell) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {Int(i.consultation_id), Int(i.position), Str(i.title), OptStr(i.catalog_item_code), Str(i.rule_json),
       Str(i.scope_type), OptInt(i.building_id), i.stairwell ? Int(*i.stairwell) : Null()});
}

Result<std::vector<ConsultationItemRecord>> ConsultationRepository::Items(Session& s, std::int64_t consultation_id) {
  auto rows = s.Query(
      "SELECT id, consultation_id, position, title, catalog_item_code, rule, scope_type, building_id, stairwell "
      "FROM consultation_item WHERE consultation_id = ? ORDER BY position, id",
      {Int(consultation_id)});
  if (!rows) return std::move(rows).error();
  std::vector<ConsultationItemRecord> out;
  for (const auto& r : *rows) {
    ConsultationItemRecord i;
    i.id = r.GetInt(0);
    i.consultation_id = r.GetInt(1);
    i.position = static_cast<int>(r.GetInt(2));
    i.title = r.GetText(3);
    i.catalog_item_code = r.GetOptText(4);
    i.rule_json = r.GetText(5);
    i.scope_type = r.GetText(6);
    i.building_id = r.GetOptInt(7);
    if (auto w = r.GetOptInt(8)) i.stairwell = static_cast<int>(*w);
    out.push_back(std::move(i));
  }
  return out;
}

Result<void> ConsultationRepository::InsertRound(Session& s, const RoundRecord& r) {
  auto n = s.Exec(
      "INSERT INTO consultation_round (consultation_id, number, item_ids, dwelling_ids, opened_at, opened_by) "
      "VALUES (?, ?, ?, ?, ?, ?)",
      {Int(r.consultation_id), Int(r.number), Str(JoinIds(r.item_ids)),
       r.dwelling_ids ? Str(JoinIds(*r.dwelling_ids)) : Null(), Str(r.opened_at), Int(r.opened_by)});
  if (!n) return std::move(n).error();
  return Ok();
}

Result<std::vector<RoundRecord>> ConsultationRepository::Rounds(Session& s, std::int64_t consultation_id) {
  auto rows = s.Query(
      "SELECT consultation_id, number, item_ids, dwelling_ids, opened_at, opened_by FROM consultation_round "
      "WHERE consultation_id = ? ORDER BY number",
      {Int(consultation_id)});
  if (!rows) return std::move(rows).error();
  std::vector<RoundRecord> out;
  for (const auto& r : *rows) {
    RoundRecord x;
    x.consultation_id = r.GetInt(0);
    x.number = static_cast<int>(r.GetInt(1));
    x.item_ids = ParseIds(r.GetText(2));
    if (auto d = r.GetOptText(3)) x.dwelling_ids = ParseIds(*d);
    x.opened_at = r.GetText(4);
    x.opened_by = r.GetInt(5);
    out.push_back(std::move(x));
  }
  return out;
}

// ---- voters ----

Result<std::vector<VoterDwelling>> ConsultationRepository::VoterDwellings(Session& s, std::int64_t estate_id) {
  return Voters(s, "WHERE d.estate_id = ?", {Int(estate_id)}, estate_id);
}

Result<std::vector<ConsultationRepository::UnitCount>> ConsultationRepository::UnitCounts(Session& s,
                                                                                          std::int64_t estate_id) {
  auto rows = s.Query(
      "SELECT building_id, stairwell, COUNT(*) FROM dwelling WHERE estate_id = ? GROUP BY building_id, stairwell",
      {Int(estate_id)});
  if (!rows) return std::move(rows).error();
  std::vector<UnitCount> out;
  for (const auto& r : *rows) out.push_back({r.GetInt(0), static_cast<int>(r.GetInt(1)), r.GetInt(2)});
  return out;
}

Result<std::optional<VoterDwelling>> ConsultationRepository::FindVoterDwelling(Session& s, std::int64_t dwelling_id) {
  auto list = Voters(s, "WHERE d.id = ?", {Int(dwelling_id)}, std::nullopt);
  if (!list) return std::move(list).error();
  if (list->empty()) return std::optional<VoterDwelling>{};
  return std::optional<VoterDwelling>(std::move(list->front()));
}

Result<std::vector<VoterDwelling>> ConsultationRepository::CoOwnedDwellings(Session& s, std::int64_t estate_id,
                                                                            const std::vector<std::int64_t>& ids) {
  if (ids.empty()) return std::vector<VoterDwelling>{};
  // Driven by the few dwellings that share an owner (rowid lookups): the unary plus keeps the estate
  // test out of the planner's index choice. With dwelling_estate on (estate_id) alone SQLite already
  // looks up (estate_id, rowid) per id; an index on the estate and another column made it walk every
  // dwelling of the estate instead (0.18 ms per ballot; docs/BENCHMARKS.md, issue #16), so the plan
  // no longer depends on which index the estate has.
  Params p;
  AddIds(p, ids);
  p.push_back(Int(estate_id));
  return Voters(s,
                "WHERE d.id IN (SELECT o2.dwelling_id FROM dwelling_owner o1 JOIN dwelling_owner o2 "
                "ON o2.owner_id = o1.owner_id WHERE o1.dwelling_id IN (" +
                    Placeholders(ids.size()) + ")) AND +d.estate_id = ?",
                p, std::nullopt);
}

Result<std::vector<VoterDwelling>> ConsultationRepository::DwellingsBySaleStatus(Session& s, std::int64_t estate_id,
                                                                                 const std::string& sale_status) {
  // Any status other than sold: the query repeats dwelling_held's condition (migration 0022) so that
  // both databases read that small partial index instead of every dwelling of the estate.
  if (sale_status == "sold")
    return Voters(s, "WHERE d.estate_id = ? AND d.sale_status = ?", {Int(estate_id), Str(sale_status)}, std::nullopt);
  return Voters(s, "WHERE d.estate_id = ? AND d.sale_status = ? AND d.sale_status <> 'sold'",
                {Int(estate_id), Str(sale_status)}, std::nullopt);
}

// ---- ballots ----

Result<std::vector<BallotRecord>> ConsultationRepository::Ballots(
    Session& s, std::int64_t consultation_id, const std::optional<std::vector<std::int64_t>>& dwelling_ids) {
  std::string sql =
      "SELECT consultation_id, item_id, dwelling_id, choice, round, channel, receipt, seq, cast_at FROM ballot "
      "WHERE consultation_id = ?";
  Params p{Int(consultation_id)};
  if (dwelling_ids) {
    if (dwelling_ids->empty()) return std::vector<BallotRecord>{};
    sql += " AND dwelling_id IN (" + Placeholders(dwelling_ids->size()) + ")";
    AddIds(p, *dwelling_ids);
  }
  auto rows = s.Query(sql + " ORDER BY dwelling_id, item_id", p);
  if (!rows) return std::move(rows).error();
  std::vector<BallotRecord> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) out.push_back(BallotFromRow(r));
  return out;
}

Result<void> ConsultationRepository::UpsertBallot(Session& s, const BallotRecord& b) { return UpsertBallots(s, {b}); }

Result<void> ConsultationRepository::UpsertBallots(Session& s, const std::vector<BallotRecord>& ballots) {
  return s.InsertMany(
      "ballot",
      {"consultation_id", "item_id", "dwelling_id", "choice", "round", "channel", "receipt", "seq", "cast_at"},
      ballots.size(),
      [&](std::size_t i, RowValues& v) {
        const auto& b = ballots[i];
        v.AddInt(b.consultation_id);
        v.AddInt(b.item_id);
        v.AddInt(b.dwelling_id);
        v.AddText(b.choice);
        v.AddInt(b.round);
        v.AddText(b.channel);
        v.AddText(b.receipt);
        v.AddInt(b.seq);
        v.AddText(b.cast_at);
      },
      " ON CONFLICT (item_id, dwelling_id) DO UPDATE SET choice = excluded.choice, round = excluded.round, "
      "channel = excluded.channel, receipt = excluded.receipt, seq = excluded.seq, cast_at = excluded.cast_at");
}

Result<void> ConsultationRepository::InsertEvent(Session& s, std::int64_t consultation_id, const BallotEventRecord& e,
                                                 const std::string& receipt) {
  return InsertEvents(s, consultation_id, {e}, receipt);
}

Result<void> ConsultationRepository::InsertEvents(Session& s, std::int64_t consultation_id,
                                                  const std::vector<BallotEventRecord>& events,
                                                  const std::string& receipt) {
  return s.InsertMany("ballot_event",
                      {"consultation_id", "seq", "item_id", "dwelling_id", "choice", "round", "receipt"}, events.size(),
                      [&](std::size_t i, RowValues& v) {
                        const auto& e = events[i];
                        v.AddInt(consultation_id);
                        v.AddInt(e.seq);
                        v.AddInt(e.item_id);
                        v.AddInt(e.dwelling_id);
                        v.AddText(e.choice);
                        v.AddInt(e.round);
                        v.AddText(receipt);
                      });
}

Result<std::vector<BallotEventRecord>> ConsultationRepository::Events(Session& s, std::int64_t consultation_id,
                                                                      int round) {
  auto rows = s.Query(
      "SELECT seq, item_id, dwelling_id, choice, round FROM ballot_event WHERE consultation_id = ? AND round <= ? "
      "ORDER BY seq",
      {Int(consultation_id), Int(round)});
  if (!rows) return std::move(rows).error();
  std::vector<BallotEventRecord> out;
  out.reserve(rows->size());
  for (const auto& r : *rows)
    out.push_back({r.GetInt(0), r.GetInt(1), r.GetInt(2), r.GetText(3), static_cast<int>(r.GetInt(4))});
  return out;
}

Result<void> ConsultationRepository::InsertReceipt(Session& s, const ReceiptRecord& r) {
  auto n = s.Exec(
      "INSERT INTO ballot_receipt (code, consultation_id, dwelling_id, round, channel, choices, dwelling_ids, "
      "evidence_file_id, user_id, cast_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {Str(r.code), Int(r.consultation_id), Int(r.dwelling_id), Int(r.round), Str(r.channel), Str(r.choices_json),
       Str(JoinIds(r.dwelling_ids)), OptInt(r.evidence_file_id), Int(r.user_id), Str(r.cast_at)});
  if (!n) return std::move(n).error();
  return Ok();
}

Result<std::optional<ReceiptRecord>> ConsultationRepository::FindReceipt(Session& s, const std::string& code) {
  auto rows = s.Query(
      "SELECT code, consultation_id, dwelling_id, round, channel, choices, dwelling_ids, evidence_file_id, user_id, "
      "cast_at FROM ballot_receipt WHERE code = ?",
      {Str(code)});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return std::optional<ReceiptRecord>{};
  return std::optional<ReceiptRecord>(ReceiptFromRow(rows->front()));
}

Result<std::int64_t> ConsultationRepository::StandingBallotsOf(Session& s, const std::string& receipt) {
  return QueryInt(s, "SELECT COUNT(*) FROM ballot WHERE receipt = ?", {Str(receipt)});
}

// ---- codes ----

Result<void> ConsultationRepository::InsertCode(Session& s, const BallotCodeRecord& c) {
  auto n = s.Exec("INSERT INTO ballot_code (code, consultation_id, dwelling_id, used_round) VALUES (?, ?, ?, 0)",
                  {Str(c.code), Int(c.consultation_id), Int(c.dwelling_id)});
  if (!n) return std::move(n).error();
  return Ok();
}

Result<std::optional<BallotCodeRecord>> ConsultationRepository::FindCode(Session& s, const std::string& code) {
  auto rows =
      s.Query("SELECT code, consultation_id, dwelling_id, used_round FROM ballot_code WHERE code = ?", {Str(code)});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return std::optional<BallotCodeRecord>{};
  const auto& r = rows->front();
  return std::optional<BallotCodeRecord>(
      BallotCodeRecord{r.GetText(0), r.GetInt(1), r.GetInt(2), static_cast<int>(r.GetInt(3))});
}

Result<std::vector<BallotCodeRecord>> ConsultationRepository::Codes(Session& s, std::int64_t consultation_id) {
  auto rows = s.Query(
      "SELECT code, consultation_id, dwelling_id, used_round FROM ballot_code WHERE consultation_id = ? "
      "ORDER BY dwelling_id",
      {Int(consultation_id)});
  if (!rows) return std::move(rows).error();
  std::vector<BallotCodeRecord> out;
  for (const auto& r : *rows) out.push_back({r.GetText(0), r.GetInt(1), r.GetInt(2), static_cast<int>(r.GetInt(3))});
  return out;
}

Result<void> ConsultationRepository::MarkCodeUsed(Session& s, const std::string& code, int round) {
  auto n = s.Exec("UPDATE ballot_code SET used_round = ? WHERE code = ?", {Int(round), Str(code)});
  if (!n) return std::move(n).error();
  return Ok();
}

// ---- follow-up ----

Result<void> ConsultationRepository::Assign(Session& s, std::int64_t consultation_id, std::int64_t dwelling_id,
                                            std::int64_t user_id, std::int64_t by, const std::string& at) {
  auto n = s.Exec(
      "INSERT INTO followup_assignment (consultation_id, dwelling_id, user_id, assigned_by, assigned_at) "
      "VALUES (?, ?, ?, ?, ?) ON CONFLICT (consultation_id, dwelling_id) DO UPDATE SET user_id = excluded.user_id, "
      "assigned_by = excluded.assigned_by, assigned_at = excluded.assigned_at",
      {Int(consultation_id), Int(dwelling_id), Int(user_id), Int(by), Str(at)});
  if (!n) return std::move(n).error();
  return Ok();
}

Result<std::vector<FollowupAssignmentRecord>> ConsultationRepository::Assignments(Session& s,
                                                                                  std::int64_t consultation_id) {
  auto rows = s.Query(
      "SELECT a.dwelling_id, a.user_id, u.username FROM followup_assignment a JOIN app_user u ON u.id = a.user_id "
      "WHERE a.consultation_id = ?",
      {Int(consultation_id)});
  if (!rows) return std::move(rows).error();
  std::vector<FollowupAssignmentRecord> out;
  for (const auto& r : *rows) out.push_back({r.GetInt(0), r.GetInt(1), r.GetText(2)});
  return out;
}

Result<std::int64_t> ConsultationRepository::InsertVisit(Session& s, const FollowupVisitRecord& v) {
  return InsertReturningId(
      s,
      "INSERT INTO followup_visit (consultation_id, dwelling_id, item_id, outcome, note, user_id, visited_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {Int(v.consultation_id), Int(v.dwelling_id), OptInt(v.item_id), Str(v.outcome), Str(v.note), Int(v.user_id),
       Str(v.visited_at)});
}

Result<std::vector<FollowupVisitRecord>> ConsultationRepository::Visits(Session& s, std::int64_t consultation_id) {
  auto rows = s.Query(
      "SELECT v.id, v.consultation_id, v.dwelling_id, v.item_id, v.outcome, v.note, v.user_id, u.username, "
      "v.visited_at "
      "FROM followup_visit v LEFT JOIN app_user u ON u.id = v.user_id WHERE v.consultation_id = ? ORDER BY v.id",
      {Int(consultation_id)});
  if (!rows) return std::move(rows).error();
  std::vector<FollowupVisitRecord> out;
  for (const auto& r : *rows)
    out.push_back({r.GetInt(0), r.GetInt(1), r.GetInt(2), r.GetOptInt(3), r.GetText(4), r.GetText(5), r.GetInt(6),
                   r.GetOptText(7).value_or(""), r.GetText(8)});
  return out;
}

Result<std::vector<std::pair<std::int64_t, std::string>>> ConsultationRepository::OwnerNames(Session& s,
                                                                                             std::int64_t estate_id) {
  auto rows = s.Query(
      "SELECT l.dwelling_id, o.name FROM dwelling_owner l JOIN owner o ON o.id = l.owner_id WHERE l.estate_id = ? "
      "ORDER BY l.dwelling_id, o.id",
      {Int(estate_id)});
  if (!rows) return std::move(rows).error();
  std::vector<std::pair<std::int64_t, std::string>> out;
  for (const auto& r : *rows) out.emplace_back(r.GetInt(0), r.GetText(1));
  return out;
}

Result<ConsultationRepository::Participation> ConsultationRepository::ParticipationOf(Session& s,
                                                                                      std::int64_t consultation_id) {
  auto rows = s.Query(
      "SELECT (SELECT COUNT(*) FROM ballot_code WHERE consultation_id = ?), "
      "(SELECT COUNT(DISTINCT dwelling_id) FROM ballot WHERE consultation_id = ?)",
      {Int(consultation_id), Int(consultation_id)});
  if (!rows) return std::move(rows).error();
  return Participation{rows->front().GetInt(0), rows->front().GetInt(1)};
}

Result<std::int64_t> ConsultationRepository::OpenFollowupsOf(Session& s, std::int64_t user_id,
                                                             const std::string& scope_prefix) {
  std::string where = " WHERE a.user_id = ? AND c.state = 'open'";
  Params p{Int(user_id)};
  AddPrefixFilter(where, p, "c.region_code", scope_prefix);
  return QueryInt(
      s, "SELECT COUNT(*) FROM followup_assignment a JOIN consultation c ON c.id = a.consultation_id" + where, p);
}

// ---- maintained tallies ----

Result<std::optional<std::string>> ConsultationRepository::TallyReading(Session& s, std::int64_t consultation_id) {
  auto rows = s.Query("SELECT reading FROM consultation_tally_state WHERE consultation_id = ?", {Int(consultation_id)});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return std::optional<std::string>{};
  return std::optional<std::string>(rows->front().GetText(0));
}

Result<std::vector<TallyRow>> ConsultationRepository::TallyRows(Session& s, std::int64_t consultation_id, int round) {
  auto rows = s.Query(
      "SELECT round, item_id, building_id, bucket, heads, area_dm2, dwellings FROM consultation_tally "
      "WHERE consultation_id = ? AND (round = 0 OR round = ? OR building_id = 0)",
      {Int(consultation_id), Int(round)});
  if (!rows) return std::move(rows).error();
  std::vector<TallyRow> out;
  out.reserve(rows->size());
  for (const auto& r : *rows)
    out.push_back(
        {static_cast<int>(r.GetInt(0)), r.GetInt(1), r.GetInt(2), r.GetText(3), r.GetInt(4), r.GetInt(5), r.GetInt(6)});
  return out;
}

namespace {
// Tally rows in multi-row statements (Session::InsertMany); `add` adds them to rows already there.
Result<void> InsertTallyRows(Session& s, const ConsultationRecord& c, const std::vector<TallyRow>& rows, bool add) {
  return s.InsertMany(
      "consultation_tally",
      {"consultation_id", "round", "item_id", "building_id", "bucket", "region_code", "heads", "area_dm2", "dwellings"},
      rows.size(),
      [&](std::size_t i, RowValues& v) {
        const auto& r = rows[i];
        v.AddInt(c.id);
        v.AddInt(r.round);
        v.AddInt(r.item_id);
        v.AddInt(r.building_id);
        v.AddText(r.bucket);
        v.AddText(c.region_code);
        v.AddInt(r.heads);
        v.AddInt(r.area_dm2);
        v.AddInt(r.dwellings);
      },
      add ? " ON CONFLICT (consultation_id, round, item_id, building_id, bucket) DO UPDATE SET "
            "heads = consultation_tally.heads + excluded.heads, area_dm2 = consultation_tally.area_dm2 + "
            "excluded.area_dm2, dwellings = consultation_tally.dwellings + excluded.dwellings"
          : "");
}
}  // namespace

Result<void> ConsultationRepository::ReplaceTally(Session& s, const ConsultationRecord& c, const std::string& reading,
                                                  const std::vector<TallyRow>& rows, const std::string& at) {
  if (auto n = s.Exec("DELETE FROM consultation_tally WHERE consultation_id = ?", {Int(c.id)}); !n)
    return std::move(n).error();
  if (auto r = InsertTallyRows(s, c, rows, false); !r) return r;
  auto n = s.Exec(
      "INSERT INTO consultation_tally_state (consultation_id, estate_id, region_code, reading, built_at) "
      "VALUES (?, ?, ?, ?, ?) ON CONFLICT (consultation_id) DO UPDATE SET estate_id = excluded.estate_id, "
      "region_code = excluded.region_code, reading = excluded.reading, built_at = excluded.built_at",
      {Int(c.id), Int(c.estate_id), Str(c.region_code), Str(reading), Str(at)});
  if (!n) return std::move(n).error();
  return Ok();
}

Result<void> ConsultationRepository::AddToTally(Session& s, const ConsultationRecord& c,
                                                const std::vector<TallyRow>& deltas) {
  return InsertTallyRows(s, c, deltas, true);
}

Result<void> ConsultationRepository::CopyTallyRound(Session& s, std::int64_t consultation_id, int from, int to) {
  auto n = s.Exec(
      "INSERT INTO consultation_tally (consultation_id, round, item_id, building_id, bucket, region_code, heads, "
      "area_dm2, dwellings) SELECT consultation_id, ?, item_id, building_id, bucket, region_code, heads, area_dm2, "
      "dwellings FROM consultation_tally WHERE consultation_id = ? AND round = ?",
      {Int(to), Int(consultation_id), Int(from)});
  if (!n) return std::move(n).error();
  return Ok();
}

Result<std::vector<std::pair<std::int64_t, std::string>>> ConsultationRepository::BuildingNumbers(
    Session& s, std::int64_t estate_id) {
  auto rows = s.Query("SELECT id, number FROM building WHERE estate_id = ?", {Int(estate_id)});
  if (!rows) return std::move(rows).error();
  std::vector<std::pair<std::int64_t, std::string>> out;
  for (const auto& r : *rows) out.emplace_back(r.GetInt(0), r.GetText(1));
  return out;
}

}  // namespace huanxin::store
