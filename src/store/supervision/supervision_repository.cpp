#include "store/supervision/supervision_repository.hpp"

#include <map>
#include <utility>

#include "common/text.hpp"

namespace huanxin::store {

namespace {

using Repo = SupervisionRepository;

ResponsibleUnitRecord ReadUnit(const Row& r) {
  return ResponsibleUnitRecord{r.GetInt(0),  r.GetText(1), r.GetText(2), r.GetText(3),
                               r.GetText(4), r.GetText(5), r.GetText(6), r.GetText(7), {}};
}
constexpr const char* kUnitSelect =
    "SELECT id, region_code, company, kind, credit_code, contact, phone, created_at FROM responsible_unit";

FindingRecord ReadFinding(const Row& r) {
  FindingRecord f;
  f.id = r.GetInt(0);
  f.inspection_id = r.GetInt(1);
  f.region_code = r.GetText(2);
  f.item_code = r.GetText(3);
  f.text = r.GetText(4);
  f.photo_file_ids = ParseIds(r.GetText(5));
  f.position = static_cast<int>(r.GetInt(6));
  return f;
}
constexpr const char* kFindingSelect =
    "SELECT id, inspection_id, region_code, item_code, text, photo_file_ids, position FROM inspection_finding";

constexpr const char* kInspectionSelect =
    "SELECT i.id, i.project_id, i.region_code, i.step_code, i.client_id, i.inspected_at, i.lat_micro, i.lng_micro, "
    "i.place, i.note, i.inspected_by, COALESCE(u.display_name, ''), i.created_at FROM inspection i "
    "LEFT JOIN app_user u ON u.id = i.inspected_by";

InspectionRecord ReadInspection(const Row& r) {
  InspectionRecord i;
  i.id = r.GetInt(0);
  i.project_id = r.GetInt(1);
  i.region_code = r.GetText(2);
  i.step_code = r.GetOptText(3);
  i.client_id = r.GetOptText(4);
  i.inspected_at = r.GetText(5);
  i.lat_micro = r.GetOptInt(6);
  i.lng_micro = r.GetOptInt(7);
  i.place = r.GetText(8);
  i.note = r.GetText(9);
  i.inspected_by = r.GetInt(10);
  i.inspected_by_name = r.GetText(11);
  i.created_at = r.GetText(12);
  return i;
}

Result<void> AttachFindings(Session& s, InspectionRecord& i) {
  auto f = MapRows<FindingRecord>(
      s.Query(std::string(kFindingSelect) + " WHERE inspection_id = ? ORDER BY position, id", {Int(i.id)}), ReadFinding);
  if (!f) return std::move(f).error();
  i.findings = std::move(*f);
  return Ok();
}

Result<std::optional<InspectionRecord>> OneInspection(Session& s, const std::string& where, const Params& params) {
  auto i = FirstRow<InspectionRecord>(s.Query(std::string(kInspectionSelect) + where, params), ReadInspection);
  if (!i || !*i) return i;
  if (auto r = AttachFindings(s, **i); !r) return std::move(r).error();
  return i;
}

constexpr const char* kOrderSelect =
    "SELECT o.id, o.project_id, o.region_code, o.unit_id, COALESCE(ru.company, ''), COALESCE(ru.kind, ''), o.finding_id, "
    "o.step_code, o.item_code, o.finding, o.photo_file_ids, o.issued_on, o.working_days, o.due_on, o.status, o.level, "
    "o.reworks, o.reply_note, o.reply_photo_file_ids, o.replied_at, o.closed_on, o.closed_at, o.issued_by, "
    "COALESCE(u.display_name, ''), o.created_at FROM rectification_order o "
    "LEFT JOIN responsible_unit ru ON ru.id = o.unit_id LEFT JOIN app_user u ON u.id = o.issued_by";

RectificationRecord ReadOrder(const Row& r) {
  RectificationRecord o;
  o.id = r.GetInt(0);
  o.project_id = r.GetInt(1);
  o.region_code = r.GetText(2);
  o.unit_id = r.GetInt(3);
  o.unit_company = r.GetText(4);
  o.unit_kind = r.GetText(5);
  o.finding_id = r.GetOptInt(6);
  o.step_code = r.GetOptText(7);
  o.item_code = r.GetOptText(8);
  o.finding = r.GetText(9);
  o.photo_file_ids = ParseIds(r.GetText(10));
  o.issued_on = r.GetText(11);
  o.working_days = static_cast<int>(r.GetInt(12));
  o.due_on = r.GetText(13);
  o.status = r.GetText(14);
  o.level = static_cast<int>(r.GetInt(15));
  o.reworks = static_cast<int>(r.GetInt(16));
  o.reply_note = r.GetOptText(17);
  o.reply_photo_file_ids = ParseIds(r.GetText(18));
  o.replied_at = r.GetOptText(19);
  o.closed_on = r.GetOptText(20);
  o.closed_at = r.GetOptText(21);
  o.issued_by = r.GetInt(22);
  o.issued_by_name = r.GetText(23);
  o.created_at = r.GetText(24);
  return o;
}

SupervisionActionRecord ReadAction(const Row& r) {
  return SupervisionActionRecord{r.GetInt(0),  r.GetInt(1),  r.GetText(2), r.GetText(3),
                                 r.GetText(4), r.GetText(5), r.GetText(6), static_cast<int>(r.GetInt(7))};
}
constexpr const char* kActionSelect =
    "SELECT a.id, a.day_id, a.region_code, a.text, a.owner, a.due_on, a.status, a.position FROM supervision_action a";

// One row (parent, id) of `sql` per id.
// `sql` takes (parent, id, parent): the third fills the row's region_code from its parent (the
// shard key of the city-sharded layout, migration 0020; docs/scaling.md).
Result<void> InsertLinks(Session& s, const char* sql, std::int64_t parent, const std::vector<std::int64_t>& ids) {
  for (auto id : ids)
    if (auto x = s.Exec(sql, {Int(parent), Int(id), Int(parent)}); !x) return std::move(x).error();
  return Ok();
}

}  // namespace

Result<std::int64_t> Repo::InsertUnit(Session& s, const ResponsibleUnitRecord& u) {
  auto id = InsertReturningId(s,
                              "INSERT INTO responsible_unit (region_code, company, kind, credit_code, contact, phone, created_at) "
                              "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                              {Str(u.region_code), Str(u.company), Str(u.kind), Str(u.credit_code), Str(u.contact),
                               Str(u.phone), Str(u.created_at)});
  if (!id) return id;
  if (auto r = InsertLinks(s, "INSERT INTO responsible_unit_member (unit_id, user_id, region_code) "
                                 "VALUES (?, ?, (SELECT region_code FROM responsible_unit WHERE id = ?))", *id, u.user_ids); !r)
    return std::move(r).error();
  return id;
}

namespace {

Result<void> AttachMembers(Session& s, std::vector<ResponsibleUnitRecord>& units) {
  for (auto& u : units) {
    auto rows = s.Query("SELECT user_id FROM responsible_unit_member WHERE unit_id = ? ORDER BY user_id", {Int(u.id)});
    if (!rows) return std::move(rows).error();
    for (const auto& r : *rows) u.user_ids.push_back(r.GetInt(0));
  }
  return Ok();
}

}  // namespace

Result<std::optional<ResponsibleUnitRecord>> Repo::FindUnit(Session& s, std::int64_t id) {
  auto list = MapRows<ResponsibleUnitRecord>(s.Query(std::string(kUnitSelect) + " WHERE id = ?", {Int(id)}), ReadUnit);
  if (!list) return std::move(list).error();
  if (auto r = AttachMembers(s, *list); !r) return std::move(r).error();
  if (list->empty()) return std::optional<ResponsibleUnitRecord>();
  return std::optional<ResponsibleUnitRecord>(std::move(list->front()));
}

Result<std::vector<std::int64_t>> Repo::UnitsOfUser(Session& s, std::int64_t user_id) {
  auto rows = s.Query("SELECT unit_id FROM responsible_unit_member WHERE user_id = ? ORDER BY unit_id", {Int(user_id)});
  if (!rows) return std::move(rows).error();
  std::vector<std::int64_t> out;
  for (const auto& r : *rows) out.push_back(r.GetInt(0));
  return out;
}

Result<std::vector<ResponsibleUnitRecord>> Repo::Units(Session& s, const std::string& prefix) {
  std::string where = " WHERE 1 = 1";
  Params p;
  if (!prefix.empty()) {
    // Inside the prefix, or registered at one of its ancestors (a city-wide utility).
    std::string inner;
    AddPrefixFilter(inner, p, "region_code", prefix);
    std::string ancestors;
    for (std::size_t n = 1; n < prefix.size(); ++n) {
      ancestors += (ancestors.empty() ? "" : ", ") + std::string("?");
      p.push_back(Str(prefix.substr(0, n)));
    }
    where = " WHERE ((1 = 1" + inner + ")" + (ancestors.empty() ? "" : " OR region_code IN (" + ancestors + ")") + ")";
  }
  auto list = MapRows<ResponsibleUnitRecord>(s.Query(std::string(kUnitSelect) + where + " ORDER BY company, id", p), ReadUnit);
  if (!list) return list;
  if (auto r = AttachMembers(s, *list); !r) return std::move(r).error();
  return list;
}

Result<std::int64_t> Repo::InsertSupervisor(Session& s, const SupervisorRecord& r) {
  auto id = InsertReturningId(s,
                              "INSERT INTO supervisor (region_code, name, role, phone, background, user_id, created_at) "
                              "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                              {Str(r.region_code), Str(r.name), Str(r.role), Str(r.phone), Str(r.background),
                               OptInt(r.user_id), Str(r.created_at)});
  if (!id) return id;
  for (auto [sql, ids] : {std::pair{"INSERT INTO supervisor_assignment (supervisor_id, estate_id, region_code) "
                                    "VALUES (?, ?, (SELECT region_code FROM supervisor WHERE id = ?))",
                                    &r.estate_ids},
                          {"INSERT INTO supervisor_assignment (supervisor_id, project_id, region_code) "
                           "VALUES (?, ?, (SELECT region_code FROM supervisor WHERE id = ?))",
                           &r.project_ids}})
    if (auto x = InsertLinks(s, sql, *id, *ids); !x) return std::move(x).error();
  return id;
}

Result<std::vector<SupervisorRecord>> Repo::Supervisors(Session& s, const std::string& prefix) {
  std::string where = " WHERE 1 = 1";
  Params p;
  AddPrefixFilter(where, p, "region_code", prefix);
  auto list = MapRows<SupervisorRecord>(
      s.Query("SELECT id, region_code, name, role, phone, background, user_id, created_at FROM supervisor" + where +
                  " ORDER BY id",
              p),
      [](const Row& r) {
        SupervisorRecord x;
        x.id = r.GetInt(0);
        x.region_code = r.GetText(1);
        x.name = r.GetText(2);
        x.role = r.GetText(3);
        x.phone = r.GetText(4);
        x.background = r.GetText(5);
        x.user_id = r.GetOptInt(6);
        x.created_at = r.GetText(7);
        return x;
      });
  if (!list) return list;
  for (auto& x : *list) {
    auto rows = s.Query("SELECT estate_id, project_id FROM supervisor_assignment WHERE supervisor_id = ? ORDER BY estate_id, project_id",
                        {Int(x.id)});
    if (!rows) return std::move(rows).error();
    for (const auto& r : *rows) {
      if (auto e = r.GetOptInt(0)) x.estate_ids.push_back(*e);
      if (auto pr = r.GetOptInt(1)) x.project_ids.push_back(*pr);
    }
  }
  return list;
}

Result<std::vector<ChecklistItemRecord>> Repo::Checklist(Session& s) {
  return MapRows<ChecklistItemRecord>(s.Query("SELECT code, name_zh, name_en, position FROM inspection_item ORDER BY position"),
                                      [](const Row& r) {
                                        return ChecklistItemRecord{r.GetText(0), r.GetText(1), r.GetText(2),
                                                                   static_cast<int>(r.GetInt(3))};
                                      });
}

Result<std::int64_t> Repo::InsertInspection(Session& s, const InspectionRecord& r) {
  auto id = InsertReturningId(
      s,
      "INSERT INTO inspection (project_id, region_code, step_code, client_id, inspected_at, lat_micro, lng_micro, place, "
      "note, inspected_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {Int(r.project_id), Str(r.region_code), OptStr(r.step_code), OptStr(r.client_id), Str(r.inspected_at),
       OptInt(r.lat_micro), OptInt(r.lng_micro), Str(r.place), Str(r.note), Int(r.inspected_by), Str(r.created_at)});
  if (!id) return id;
  for (const auto& f : r.findings) {
    auto x = InsertReturningId(s,
                               "INSERT INTO inspection_finding (inspection_id, region_code, item_code, text, photo_file_ids, "
                               "position) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                               {Int(*id), Str(r.region_code), Str(f.item_code), Str(f.text), Str(JoinIds(f.photo_file_ids)),
                                Int(f.position)});
    if (!x) return std::move(x).error();
  }
  return id;
}

Result<std::optional<InspectionRecord>> Repo::FindInspection(Session& s, std::int64_t id) {
  return OneInspection(s, " WHERE i.id = ?", {Int(id)});
}

Result<std::optional<InspectionRecord>> Repo::FindInspectionByClientId(Session& s, std::int64_t project_id,
                                                                      const std::string& client_id) {
  return OneInspection(s, " WHERE i.project_id = ? AND i.client_id = ?", {Int(project_id), Str(client_id)});
}

Result<std::vector<InspectionRecord>> Repo::Inspections(Session& s, std::int64_t project_id) {
  auto list = MapRows<InspectionRecord>(
      s.Query(std::string(kInspectionSelect) + " WHERE i.project_id = ? ORDER BY i.inspected_at DESC, i.id DESC",
              {Int(project_id)}),
      ReadInspection);
  if (!list) return list;
  for (auto& i : *list)
    if (auto r = AttachFindings(s, i); !r) return std::move(r).error();
  return list;
}

Result<std::optional<std::pair<FindingRecord, std::int64_t>>> Repo::FindFinding(Session& s, std::int64_t id) {
  auto rows = s.Query(
      "SELECT f.id, f.inspection_id, f.region_code, f.item_code, f.text, f.photo_file_ids, f.position, i.project_id "
      "FROM inspection_finding f JOIN inspection i ON i.id = f.inspection_id WHERE f.id = ?",
      {Int(id)});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return std::optional<std::pair<FindingRecord, std::int64_t>>();
  const auto& r = rows->front();
  return std::optional<std::pair<FindingRecord, std::int64_t>>(std::pair{ReadFinding(r), r.GetInt(7)});
}

Result<std::int64_t> Repo::InsertOrder(Session& s, const RectificationRecord& r) {
  return InsertReturningId(
      s,
      "INSERT INTO rectification_order (project_id, region_code, unit_id, finding_id, step_code, item_code, finding, "
      "photo_file_ids, issued_on, working_days, due_on, status, level, reworks, reply_note, reply_photo_file_ids, "
      "replied_at, closed_on, closed_at, issued_by, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {Int(r.project_id), Str(r.region_code), Int(r.unit_id), OptInt(r.finding_id), OptStr(r.step_code),
       OptStr(r.item_code), Str(r.finding), Str(JoinIds(r.photo_file_ids)), Str(r.issued_on), Int(r.working_days),
       Str(r.due_on), Str(r.status), Int(r.level), Int(r.reworks), OptStr(r.reply_note),
       Str(JoinIds(r.reply_photo_file_ids)), OptStr(r.replied_at), OptStr(r.closed_on), OptStr(r.closed_at),
       Int(r.issued_by), Str(r.created_at)});
}

Result<std::optional<RectificationRecord>> Repo::FindOrder(Session& s, std::int64_t id) {
  return FirstRow<RectificationRecord>(s.Query(std::string(kOrderSelect) + " WHERE o.id = ?", {Int(id)}), ReadOrder);
}

namespace {

// The WHERE clause of an order list (alias o).
std::string OrderWhere(const RectificationFilter& f, Params& p) {
  std::string where = " WHERE 1 = 1";
  AddPrefixFilter(where, p, "o.region_code", f.region_prefix);
  auto equals = [&](const char* column, std::optional<Value> v) {
    if (!v) return;
    where += std::string(" AND ") + column + " = ?";
    p.push_back(std::move(*v));
  };
  equals("o.status", f.status ? std::optional<Value>(Str(*f.status)) : std::nullopt);
  equals("o.level", f.level ? std::optional<Value>(Int(*f.level)) : std::nullopt);
  equals("o.project_id", f.project_id ? std::optional<Value>(Int(*f.project_id)) : std::nullopt);
  equals("o.unit_id", f.unit_id ? std::optional<Value>(Int(*f.unit_id)) : std::nullopt);
  if (f.overdue_on) {
    where += " AND o.status <> 'closed' AND o.due_on < ?";
    p.push_back(Str(*f.overdue_on));
  }
  return where;
}

}  // namespace

Result<std::vector<RectificationRecord>> Repo::Orders(Session& s, const RectificationFilter& f) {
  Params p;
  const std::string where = OrderWhere(f, p);
  if (f.limit <= 0)
    return MapRows<RectificationRecord>(s.Query(std::string(kOrderSelect) + where + " ORDER BY o.id DESC", p), ReadOrder);
  // A page: its ids first (from the pending index alone when the filter is overdue), then the
  // joins for those rows only — not for every matching order before the sort (26 → 2 ms over
  // 10 000 overdue orders on SQLite, docs/BENCHMARKS.md).
  p.push_back(Int(f.limit));
  p.push_back(Int(f.offset));
  return MapRows<RectificationRecord>(
      s.Query(std::string(kOrderSelect) + " WHERE o.id IN (SELECT o.id FROM rectification_order o" + where +
                  " ORDER BY o.id DESC LIMIT ? OFFSET ?) ORDER BY o.id DESC",
              p),
      ReadOrder);
}

Result<std::int64_t> Repo::CountOrders(Session& s, const RectificationFilter& f) {
  Params p;
  const std::string where = OrderWhere(f, p);
  return QueryInt(s, "SELECT COUNT(*) FROM rectification_order o" + where, p);
}

Result<RectificationCounts> Repo::Counts(Session& s, const RectificationFilter& f, const std::string& today) {
  Params p{Str(today)};
  Params where_params;
  const std::string where = OrderWhere(f, where_params);
  p.insert(p.end(), where_params.begin(), where_params.end());
  // One pass over the pending index, no grouping (closed orders count in none of these).
  auto rows = s.Query("SELECT COALESCE(SUM(CASE WHEN o.status = 'open' THEN 1 ELSE 0 END), 0), "
                      "COALESCE(SUM(CASE WHEN o.status = 'replied' THEN 1 ELSE 0 END), 0), "
                      "COALESCE(SUM(CASE WHEN o.due_on < ? THEN 1 ELSE 0 END), 0), "
                      "COALESCE(SUM(CASE WHEN o.level = 1 THEN 1 ELSE 0 END), 0), "
                      "COALESCE(SUM(CASE WHEN o.level = 2 THEN 1 ELSE 0 END), 0) "
                      "FROM rectification_order o" + where + " AND o.status <> 'closed'",
                      p);
  if (!rows) return std::move(rows).error();
  RectificationCounts c;
  if (rows->empty()) return c;
  const auto& r = rows->front();
  c.open = r.GetInt(0);
  c.replied = r.GetInt(1);
  c.overdue = r.GetInt(2);
  c.street_level = r.GetInt(3);
  c.bureau_level = r.GetInt(4);
  return c;
}

Result<std::vector<RectificationRecord>> Repo::OverdueCandidates(Session& s, const std::string& prefix,
                                                                  const std::string& today) {
  // The ids from the pending index first: ordering the joined rows by id would make the planner
  // walk the whole table (27 ms over 100 000 orders on SQLite, docs/BENCHMARKS.md).
  std::string where = " WHERE status <> 'closed' AND level < 2 AND due_on < ?";
  Params p{Str(today)};
  AddPrefixFilter(where, p, "region_code", prefix);
  return MapRows<RectificationRecord>(
      s.Query(std::string(kOrderSelect) + " WHERE o.id IN (SELECT id FROM rectification_order" + where + ") ORDER BY o.id", p),
      ReadOrder);
}

Result<void> Repo::UpdateOrder(Session& s, const RectificationRecord& r) {
  return Done(s.Exec("UPDATE rectification_order SET status = ?, level = ?, reworks = ?, reply_note = ?, "
                     "reply_photo_file_ids = ?, replied_at = ?, closed_on = ?, closed_at = ? WHERE id = ?",
                     {Str(r.status), Int(r.level), Int(r.reworks), OptStr(r.reply_note), Str(JoinIds(r.reply_photo_file_ids)),
                      OptStr(r.replied_at), OptStr(r.closed_on), OptStr(r.closed_at), Int(r.id)}));
}

Result<bool> Repo::RaiseLevel(Session& s, std::int64_t id, int level) {
  auto changed = s.Exec("UPDATE rectification_order SET level = ? WHERE id = ? AND level < ?", {Int(level), Int(id), Int(level)});
  if (!changed) return std::move(changed).error();
  return *changed > 0;
}

Result<std::int64_t> Repo::InsertEvent(Session& s, const RectificationEventRecord& e) {
  return InsertReturningId(s,
                           "INSERT INTO rectification_event (order_id, region_code, kind, level, note, photo_file_ids, "
                           "step_code, by_user, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                           {Int(e.order_id), Str(e.region_code), Str(e.kind), OptInt(e.level), Str(e.note),
                            Str(JoinIds(e.photo_file_ids)), OptStr(e.step_code), OptInt(e.by_user), Str(e.created_at)});
}

Result<std::vector<RectificationEventRecord>> Repo::Events(Session& s, std::int64_t order_id) {
  return MapRows<RectificationEventRecord>(
      s.Query("SELECT e.id, e.order_id, e.region_code, e.kind, e.level, e.note, e.photo_file_ids, e.step_code, e.by_user, "
              "COALESCE(u.display_name, ''), e.created_at FROM rectification_event e "
              "LEFT JOIN app_user u ON u.id = e.by_user WHERE e.order_id = ? ORDER BY e.id",
              {Int(order_id)}),
      [](const Row& r) {
        RectificationEventRecord e;
        e.id = r.GetInt(0);
        e.order_id = r.GetInt(1);
        e.region_code = r.GetText(2);
        e.kind = r.GetText(3);
        if (auto l = r.GetOptInt(4)) e.level = static_cast<int>(*l);
        e.note = r.GetText(5);
        e.photo_file_ids = ParseIds(r.GetText(6));
        e.step_code = r.GetOptText(7);
        e.by_user = r.GetOptInt(8);
        e.by_name = r.GetText(9);
        e.created_at = r.GetText(10);
        return e;
      });
}

Result<std::int64_t> Repo::InsertDay(Session& s, const SupervisionDayRecord& d) {
  std::string attendees;
  for (const auto& a : d.attendees) attendees += (attendees.empty() ? "" : "\n") + a;
  auto id = InsertReturningId(s,
                              "INSERT INTO supervision_day (project_id, region_code, held_on, attendees, minutes, created_by, "
                              "created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                              {Int(d.project_id), Str(d.region_code), Str(d.held_on), Str(attendees), Str(d.minutes),
                               Int(d.created_by), Str(d.created_at)});
  if (!id) return id;
  for (const auto& a : d.actions)
    if (auto x = s.Exec("INSERT INTO supervision_action (day_id, region_code, text, owner, due_on, status, position) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?)",
                        {Int(*id), Str(d.region_code), Str(a.text), Str(a.owner), Str(a.due_on), Str(a.status), Int(a.position)});
        !x)
      return std::move(x).error();
  return id;
}

Result<std::vector<SupervisionDayRecord>> Repo::Days(Session& s, std::int64_t project_id) {
  auto days = MapRows<SupervisionDayRecord>(
      s.Query("SELECT d.id, d.project_id, d.region_code, d.held_on, d.attendees, d.minutes, d.created_by, "
              "COALESCE(u.display_name, ''), d.created_at FROM supervision_day d LEFT JOIN app_user u ON u.id = d.created_by "
              "WHERE d.project_id = ? ORDER BY d.held_on DESC, d.id DESC",
              {Int(project_id)}),
      [](const Row& r) {
        SupervisionDayRecord d;
        d.id = r.GetInt(0);
        d.project_id = r.GetInt(1);
        d.region_code = r.GetText(2);
        d.held_on = r.GetText(3);
        const auto attendees = r.GetText(4);
        for (auto line : Split(attendees, '\n'))
          if (!line.empty()) d.attendees.emplace_back(line);
        d.minutes = r.GetText(5);
        d.created_by = r.GetInt(6);
        d.created_by_name = r.GetText(7);
        d.created_at = r.GetText(8);
        return d;
      });
  if (!days) return days;
  for (auto& d : *days) {
    auto actions = MapRows<SupervisionActionRecord>(
        s.Query(std::string(kActionSelect) + " WHERE a.day_id = ? ORDER BY a.position, a.id", {Int(d.id)}), ReadAction);
    if (!actions) return std::move(actions).error();
    d.actions = std::move(*actions);
  }
  return days;
}

Result<std::optional<std::pair<SupervisionActionRecord, std::int64_t>>> Repo::FindAction(Session& s, std::int64_t id) {
  auto rows = s.Query(
      "SELECT a.id, a.day_id, a.region_code, a.text, a.owner, a.due_on, a.status, a.position, d.project_id "
      "FROM supervision_action a JOIN supervision_day d ON d.id = a.day_id WHERE a.id = ?",
      {Int(id)});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return std::optional<std::pair<SupervisionActionRecord, std::int64_t>>();
  const auto& r = rows->front();
  return std::optional<std::pair<SupervisionActionRecord, std::int64_t>>(std::pair{ReadAction(r), r.GetInt(8)});
}

Result<void> Repo::SetActionStatus(Session& s, std::int64_t id, const std::string& status) {
  return Done(s.Exec("UPDATE supervision_action SET status = ? WHERE id = ?", {Str(status), Int(id)}));
}

Result<std::vector<QualityRegisterRow>> Repo::QualityRegister(Session& s, std::int64_t project_id,
                                                              const std::optional<std::string>& item_code,
                                                              const std::optional<std::string>& q) {
  // Steps first (in their order), then the budget items no step belongs to; each with the units.
  std::string item_filter;
  Params p{Int(project_id)};
  if (item_code) {
    item_filter = " AND st.item_code = ?";
    p.push_back(Str(*item_code));
  }
  const std::string units = " JOIN project_unit pu ON pu.project_id = pr.id AND pu.role IN ('design', 'construction', 'supervision')";
  auto read = [](const Row& r) {
    return QualityRegisterRow{r.GetInt(0),     r.GetText(1),    r.GetText(2), r.GetText(3), r.GetText(4),
                              r.GetOptText(5), r.GetOptText(6), r.GetOptInt(7), r.GetText(8), r.GetText(9),
                              r.GetText(10),   r.GetText(11),   r.GetText(12)};
  };
  auto rows = MapRows<QualityRegisterRow>(
      s.Query("SELECT pr.id, pr.name, pr.region_code, st.code, st.name, st.item_code, ri.name_zh, st.estate_id, pu.role, "
              "pu.company, pu.credit_code, pu.contact, pu.phone FROM construction_step st JOIN project pr ON pr.id = st.project_id "
              "LEFT JOIN renovation_item ri ON ri.code = st.item_code" + units + " WHERE st.project_id = ?" + item_filter +
                  " ORDER BY st.position, st.id, pu.role",
              p),
      read);
  if (!rows) return rows;
  std::string budget_filter = item_filter;
  if (item_code) budget_filter = " AND b.item_code = ?";
  auto items = MapRows<QualityRegisterRow>(
      s.Query("SELECT DISTINCT pr.id, pr.name, pr.region_code, '', '', b.item_code, ri.name_zh, NULL, pu.role, pu.company, "
              "pu.credit_code, pu.contact, pu.phone FROM budget_item b JOIN project pr ON pr.id = b.project_id "
              "JOIN renovation_item ri ON ri.code = b.item_code" + units + " WHERE b.project_id = ?" + budget_filter +
                  " AND NOT EXISTS (SELECT 1 FROM construction_step st WHERE st.project_id = b.project_id AND st.item_code = b.item_code) "
                  "ORDER BY b.item_code, pu.role",
              p),
      read);
  if (!items) return std::move(items).error();
  for (auto& i : *items) rows->push_back(std::move(i));
  if (!q || q->empty()) return rows;
  std::vector<QualityRegisterRow> out;
  for (auto& r : *rows)
    if (r.step_code.find(*q) != std::string::npos || r.step_name.find(*q) != std::string::npos ||
        r.item_name.value_or("").find(*q) != std::string::npos || r.company.find(*q) != std::string::npos ||
        r.contact.find(*q) != std::string::npos)
      out.push_back(std::move(r));
  return out;
}

}  // namespace huanxin::store
