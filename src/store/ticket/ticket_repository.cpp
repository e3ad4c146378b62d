#include "store/ticket/ticket_repository.hpp"

#include <utility>

namespace huanxin::store {

namespace {

constexpr const char* kCategoryColumns =
    "SELECT id, code, name_zh, name_en, kind, target_amount, target_unit, active, sort_order, created_at "
    "FROM ticket_category";

TicketCategoryRecord ReadCategory(const Row& r) {
  return {r.GetInt(0), r.GetText(1), r.GetText(2), r.GetText(3), r.GetText(4), static_cast<int>(r.GetInt(5)),
          r.GetText(6), r.GetInt(7) != 0,  static_cast<int>(r.GetInt(8)), r.GetText(9)};
}

constexpr const char* kRouteSelect =
    "SELECT r.id, r.category_id, c.code, r.region_code, r.department, r.handler_region_code, r.created_at "
    "FROM ticket_route r JOIN ticket_category c ON c.id = r.category_id";

TicketRouteRecord ReadRoute(const Row& r) {
  return {r.GetInt(0), r.GetInt(1), r.GetText(2), r.GetText(3), r.GetText(4), r.GetText(5), r.GetText(6)};
}

constexpr const char* kTicketSelect =
    "SELECT t.id, t.code, t.category_id, c.code, c.name_zh, c.name_en, t.region_code, t.estate_id, "
    "COALESCE(e.name, ''), t.channel, t.content, t.phone, t.address, t.visit_note, t.status, t.department, "
    "t.handler_region_code, t.answer, t.merged_into, t.reopen_count, t.rating, t.rating_comment, t.client_id, "
    "t.client_key, t.created_by, t.received_at, t.due_at, t.resolved_at, t.updated_at, t.defect_item, "
    "t.responsible_unit_id, COALESCE(ru.company, ''), t.warranty_until, t.routing_reason "
    "FROM ticket t JOIN ticket_category c ON c.id = t.category_id LEFT JOIN estate e ON e.id = t.estate_id "
    "LEFT JOIN responsible_unit ru ON ru.id = t.responsible_unit_id";

TicketRecord ReadTicket(const Row& r) {
  TicketRecord t;
  t.id = r.GetInt(0);
  t.code = r.GetText(1);
  t.category_id = r.GetInt(2);
  t.category_code = r.GetText(3);
  t.category_name_zh = r.GetText(4);
  t.category_name_en = r.GetText(5);
  t.region_code = r.GetText(6);
  t.estate_id = r.GetOptInt(7);
  t.estate_name = r.GetText(8);
  t.channel = r.GetText(9);
  t.content = r.GetText(10);
  t.phone = r.GetText(11);
  t.address = r.GetText(12);
  t.visit_note = r.GetText(13);
  t.status = r.GetText(14);
  t.department = r.GetText(15);
  t.handler_region_code = r.GetText(16);
  t.answer = r.GetText(17);
  t.merged_into = r.GetOptInt(18);
  t.reopen_count = static_cast<int>(r.GetInt(19));
  if (auto v = r.GetOptInt(20)) t.rating = static_cast<int>(*v);
  t.rating_comment = r.GetText(21);
  t.client_id = r.GetOptInt(22);
  t.client_key = r.GetText(23);
  t.created_by = r.GetOptInt(24);
  t.received_at = r.GetText(25);
  t.due_at = r.GetText(26);
  t.resolved_at = r.GetOptText(27);
  t.updated_at = r.GetText(28);
  t.defect_item = r.GetOptText(29);
  t.responsible_unit_id = r.GetOptInt(30);
  t.responsible_unit_name = r.GetText(31);
  t.warranty_until = r.GetOptText(32);
  t.routing_reason = r.GetText(33);
  return t;
}

constexpr const char* kEventColumns = "ev.id, ev.ticket_id, ev.at, ev.from_status, ev.to_status, ev.note, ev.by_kind, ev.by_user";

TicketEventRecord ReadEvent(const Row& r) {
  return {r.GetInt(0), r.GetInt(1), r.GetText(2), r.GetText(3), r.GetText(4), r.GetText(5), r.GetText(6), r.GetOptInt(7)};
}

constexpr const char* kContactSelect =
    "SELECT k.id, k.building_id, b.number, b.estate_id, k.region_code, k.role, k.name, k.phone, k.phone_public, "
    "k.updated_at FROM building_contact k JOIN building b ON b.id = k.building_id";

BuildingContactRecord ReadContact(const Row& r) {
  return {r.GetInt(0), r.GetInt(1), r.GetText(2), r.GetInt(3), r.GetText(4), r.GetText(5),
          r.GetText(6), r.GetText(7), r.GetInt(8) != 0, r.GetText(9)};
}

constexpr const char* kClientSelect = "SELECT id, name, key_hash, active, created_by, created_at FROM open311_client";

Open311ClientRecord ReadClient(const Row& r) {
  return {r.GetInt(0), r.GetText(1), r.GetText(2), r.GetInt(3) != 0, r.GetInt(4), r.GetText(5)};
}

}  // namespace

Result<std::vector<TicketCategoryRecord>> TicketRepository::Categories(Session& s, bool active_only) {
  return MapRows<TicketCategoryRecord>(
      s.Query(std::string(kCategoryColumns) + (active_only ? " WHERE active = 1" : "") + " ORDER BY sort_order, id"),
      ReadCategory);
}

Result<std::optional<TicketCategoryRecord>> TicketRepository::FindCategory(Session& s, const std::string& code) {
  return FirstRow<TicketCategoryRecord>(s.Query(std::string(kCategoryColumns) + " WHERE code = ?", {Str(code)}),
                                        ReadCategory);
}

Result<std::int64_t> TicketRepository::InsertCategory(Session& s, const TicketCategoryRecord& c) {
  return InsertReturningId(s,
                           "INSERT INTO ticket_category (code, name_zh, name_en, kind, target_amount, target_unit, "
                           "active, sort_order, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                           {Str(c.code), Str(c.name_zh), Str(c.name_en), Str(c.kind), Int(c.target_amount),
                            Str(c.target_unit), Bool(c.active), Int(c.sort_order), Str(c.created_at)});
}

Result<bool> TicketRepository::UpdateCategory(Session& s, const TicketCategoryRecord& c) {
  auto n = s.Exec(
      "UPDATE ticket_category SET name_zh = ?, name_en = ?, kind = ?, target_amount = ?, target_unit = ?, active = ?, "
      "sort_order = ? WHERE id = ?",
      {Str(c.name_zh), Str(c.name_en), Str(c.kind), Int(c.target_amount), Str(c.target_unit), Bool(c.active),
       Int(c.sort_order), Int(c.id)});
  if (!n) return std::move(n).error();
  return *n > 0;
}

Result<std::vector<TicketRouteRecord>> TicketRepository::Routes(Session& s) {
  return MapRows<TicketRouteRecord>(s.Query(std::string(kRouteSelect) + " ORDER BY c.sort_order, c.id, r.region_code"),
                                    ReadRoute);
}

Result<void> TicketRepository::PutRoute(Session& s, const TicketRouteRecord& r) {
  auto n = s.Exec("UPDATE ticket_route SET department = ?, handler_region_code = ? WHERE category_id = ? AND region_code = ?",
                  {Str(r.department), Str(r.handler_region_code), Int(r.category_id), Str(r.region_code)});
  if (!n) return std::move(n).error();
  if (*n > 0) return Ok();
  return Done(s.Exec(
      "INSERT INTO ticket_route (category_id, region_code, department, handler_region_code, created_at) "
      "VALUES (?, ?, ?, ?, ?)",
      {Int(r.category_id), Str(r.region_code), Str(r.department), Str(r.handler_region_code), Str(r.created_at)}));
}

Result<std::optional<TicketRouteRecord>> TicketRepository::RouteFor(Session& s, std::int64_t category_id,
                                                                    const std::string& region_code) {
  return FirstRow<TicketRouteRecord>(
      s.Query(std::string(kRouteSelect) +
                  " WHERE r.category_id = ? AND substr(CAST(? AS TEXT), 1, length(r.region_code)) = r.region_code "
                  "ORDER BY length(r.region_code) DESC LIMIT 1",
              {Int(category_id), Str(region_code)}),
      ReadRoute);
}

Result<std::optional<TicketEstateRef>> TicketRepository::FindEstate(Session& s, std::int64_t estate_id) {
  return FirstRow<TicketEstateRef>(s.Query("SELECT id, name, region_code FROM estate WHERE id = ?", {Int(estate_id)}),
                                   [](const Row& r) { return TicketEstateRef{r.GetInt(0), r.GetText(1), r.GetText(2)}; });
}

Result<std::int64_t> TicketRepository::Insert(Session& s, const TicketRecord& t) {
  return InsertReturningId(
      s,
      "INSERT INTO ticket (code, category_id, region_code, estate_id, channel, content, phone, address, visit_note, "
      "status, department, handler_region_code, answer, merged_into, reopen_count, rating, rating_comment, client_id, "
      "client_key, created_by, received_at, due_at, resolved_at, updated_at, defect_item, responsible_unit_id, warranty_until, "
      "routing_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {Str(t.code), Int(t.category_id), Str(t.region_code), OptInt(t.estate_id), Str(t.channel), Str(t.content),
       Str(t.phone), Str(t.address), Str(t.visit_note), Str(t.status), Str(t.department), Str(t.handler_region_code),
       Str(t.answer), OptInt(t.merged_into), Int(t.reopen_count), OptInt(t.rating), Str(t.rating_comment),
       OptInt(t.client_id), Str(t.client_key), OptInt(t.created_by), Str(t.received_at), Str(t.due_at),
       OptStr(t.resolved_at), Str(t.updated_at), OptStr(t.defect_item), OptInt(t.responsible_unit_id),
       OptStr(t.warranty_until), Str(t.routing_reason)});
}

Result<std::optional<TicketRecord>> TicketRepository::Find(Session& s, std::int64_t id) {
  return FirstRow<TicketRecord>(s.Query(std::string(kTicketSelect) + " WHERE t.id = ?", {Int(id)}), ReadTicket);
}

Result<std::optional<TicketRecord>> TicketRepository::FindByCode(Session& s, const std::string& code) {
  return FirstRow<TicketRecord>(s.Query(std::string(kTicketSelect) + " WHERE t.code = ?", {Str(code)}), ReadTicket);
}

namespace {

// The WHERE clause of a ticket list (aliases t, c).
std::string TicketWhere(const TicketFilter& f, Params& p) {
  std::string where = " WHERE 1 = 1";
  if (!f.scope_prefix.empty()) {
    // In scope by where it is or by who handles it (the routing table's handling region).
    where += " AND ((t.region_code >= ? AND t.region_code < ?) OR (t.handler_region_code >= ? AND t.handler_region_code < ?))";
    for (int i = 0; i < 2; ++i) {
      p.push_back(Str(f.scope_prefix));
      p.push_back(Str(f.scope_prefix + "~"));
    }
  }
  AddPrefixFilter(where, p, "t.region_code", f.region_prefix);
  auto eq = [&](const char* column, const std::optional<std::string>& v) {
    if (!v) return;
    where += std::string(" AND ") + column + " = ?";
    p.push_back(Str(*v));
  };
  eq("t.status", f.status);
  eq("c.code", f.category_code);
  eq("t.channel", f.channel);
  if (f.id) {
    where += " AND t.id = ?";
    p.push_back(Int(*f.id));
  }
  for (const auto& [column, values] : {std::pair{"t.code", &f.codes}, std::pair{"t.status", &f.statuses}}) {
    if (values->empty()) continue;
    where += std::string(" AND ") + column + " IN (";
    for (std::size_t i = 0; i < values->size(); ++i) {
      where += i ? ", ?" : "?";
      p.push_back(Str((*values)[i]));
    }
    where += ")";
  }
  if (f.received_from) {
    where += " AND t.received_at >= ?";
    p.push_back(Str(*f.received_from));
  }
  if (f.received_to) {
    where += " AND t.received_at < ?";
    p.push_back(Str(*f.received_to));
  }
  if (f.due_before) {
    where += " AND t.status IN ('submitted', 'accepted', 'in_progress') AND t.due_at < ?";
    p.push_back(Str(*f.due_before));
  }
  return where;
}

}  // namespace

Result<std::vector<TicketRecord>> TicketRepository::List(Session& s, const TicketFilter& f) {
  Params p;
  const std::string where = TicketWhere(f, p);
  p.push_back(Int(f.limit));
  p.push_back(Int(f.offset));
  return MapRows<TicketRecord>(s.Query(std::string(kTicketSelect) + where + " ORDER BY t.id DESC LIMIT ? OFFSET ?", p),
                               ReadTicket);
}

Result<std::int64_t> TicketRepository::Count(Session& s, const TicketFilter& f) {
  Params p;
  const std::string where = TicketWhere(f, p);
  return QueryInt(s, "SELECT COUNT(*) FROM ticket t JOIN ticket_category c ON c.id = t.category_id" + where, p);
}

Result<bool> TicketRepository::Update(Session& s, const TicketRecord& t) {
  auto n = s.Exec(
      "UPDATE ticket SET status = ?, department = ?, handler_region_code = ?, answer = ?, merged_into = ?, "
      "reopen_count = ?, rating = ?, rating_comment = ?, resolved_at = ?, updated_at = ? WHERE id = ?",
      {Str(t.status), Str(t.department), Str(t.handler_region_code), Str(t.answer), OptInt(t.merged_into),
       Int(t.reopen_count), OptInt(t.rating), Str(t.rating_comment), OptStr(t.resolved_at), Str(t.updated_at),
       Int(t.id)});
  if (!n) return std::move(n).error();
  return *n > 0;
}

Result<std::int64_t> TicketRepository::CountSince(Session& s, const std::string& client_key, const std::string& since) {
  return QueryInt(s, "SELECT COUNT(*) FROM ticket WHERE client_key = ? AND received_at >= ?", {Str(client_key), Str(since)});
}

Result<void> TicketRepository::InsertEvent(Session& s, const TicketEventRecord& e) {
  return Done(s.Exec(
      "INSERT INTO ticket_event (ticket_id, at, from_status, to_status, note, by_kind, by_user, region_code) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, (SELECT region_code FROM ticket WHERE id = ?))",
      {Int(e.ticket_id), Str(e.at), Str(e.from_status), Str(e.to_status), Str(e.note), Str(e.by_kind), OptInt(e.by_user),
       Int(e.ticket_id)}));
}

Result<std::vector<TicketEventRecord>> TicketRepository::Events(Session& s, std::int64_t ticket_id) {
  return MapRows<TicketEventRecord>(
      s.Query(std::string("SELECT ") + kEventColumns + " FROM ticket_event ev WHERE ev.ticket_id = ? ORDER BY ev.id",
              {Int(ticket_id)}),
      ReadEvent);
}

Result<std::vector<TicketUpdateRecord>> TicketRepository::Updates(Session& s, const std::string& from,
                                                                  const std::string& to, std::int64_t limit) {
  return MapRows<TicketUpdateRecord>(
      s.Query(std::string("SELECT ") + kEventColumns +
                  ", t.code, t.status, t.id FROM ticket_event ev JOIN ticket t ON t.id = ev.ticket_id "
                  "WHERE ev.at >= ? AND ev.at < ? ORDER BY ev.at, ev.id LIMIT ?",
              {Str(from), Str(to), Int(limit)}),
      [](const Row& r) { return TicketUpdateRecord{ReadEvent(r), r.GetText(8), r.GetText(9), r.GetInt(10)}; });
}

Result<void> TicketRepository::AddPhoto(Session& s, std::int64_t ticket_id, std::int64_t file_id) {
  return Done(s.Exec("INSERT INTO ticket_photo (ticket_id, file_id, region_code) VALUES (?, ?, (SELECT region_code FROM ticket WHERE id = ?))",
                     {Int(ticket_id), Int(file_id), Int(ticket_id)}));
}

Result<void> TicketRepository::InsertUpload(Session& s, std::int64_t file_id, const std::string& client_key,
                                            const std::string& at) {
  return Done(s.Exec("INSERT INTO ticket_upload (file_id, client_key, uploaded_at) VALUES (?, ?, ?)",
                     {Int(file_id), Str(client_key), Str(at)}));
}

Result<std::int64_t> TicketRepository::CountUploadsSince(Session& s, const std::string& client_key, const std::string& since) {
  return QueryInt(s, "SELECT COUNT(*) FROM ticket_upload WHERE client_key = ? AND uploaded_at >= ?", {Str(client_key), Str(since)});
}

Result<std::optional<std::string>> TicketRepository::FreeUpload(Session& s, std::int64_t file_id) {
  return FirstRow<std::string>(
      s.Query("SELECT u.client_key FROM ticket_upload u WHERE u.file_id = ? AND NOT EXISTS "
              "(SELECT 1 FROM ticket_photo p WHERE p.file_id = u.file_id)",
              {Int(file_id)}),
      [](const Row& r) { return r.GetText(0); });
}

Result<std::vector<std::int64_t>> TicketRepository::Photos(Session& s, std::int64_t ticket_id) {
  return MapRows<std::int64_t>(
      s.Query("SELECT file_id FROM ticket_photo WHERE ticket_id = ? ORDER BY file_id", {Int(ticket_id)}),
      [](const Row& r) { return r.GetInt(0); });
}

Result<std::optional<TicketBuildingRef>> TicketRepository::FindBuilding(Session& s, std::int64_t building_id) {
  return FirstRow<TicketBuildingRef>(
      s.Query("SELECT id, estate_id, number, region_code FROM building WHERE id = ?", {Int(building_id)}),
      [](const Row& r) { return TicketBuildingRef{r.GetInt(0), r.GetInt(1), r.GetText(2), r.GetText(3)}; });
}

Result<void> TicketRepository::PutContact(Session& s, const BuildingContactRecord& c) {
  auto n = s.Exec(
      "UPDATE building_contact SET name = ?, phone = ?, phone_public = ?, region_code = ?, updated_at = ? "
      "WHERE building_id = ? AND role = ?",
      {Str(c.name), Str(c.phone), Bool(c.phone_public), Str(c.region_code), Str(c.updated_at), Int(c.building_id),
       Str(c.role)});
  if (!n) return std::move(n).error();
  if (*n > 0) return Ok();
  return Done(s.Exec(
      "INSERT INTO building_contact (building_id, region_code, role, name, phone, phone_public, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)",
      {Int(c.building_id), Str(c.region_code), Str(c.role), Str(c.name), Str(c.phone), Bool(c.phone_public),
       Str(c.updated_at)}));
}

Result<std::vector<BuildingContactRecord>> TicketRepository::Contacts(Session& s, std::int64_t estate_id) {
  return MapRows<BuildingContactRecord>(
      s.Query(std::string(kContactSelect) + " WHERE b.estate_id = ? ORDER BY b.number, b.id, k.role", {Int(estate_id)}),
      ReadContact);
}

Result<std::int64_t> TicketRepository::InsertClient(Session& s, const Open311ClientRecord& c) {
  return InsertReturningId(
      s, "INSERT INTO open311_client (name, key_hash, active, created_by, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
      {Str(c.name), Str(c.key_hash), Bool(c.active), Int(c.created_by), Str(c.created_at)});
}

Result<std::optional<Open311ClientRecord>> TicketRepository::FindClientByHash(Session& s, const std::string& key_hash) {
  return FirstRow<Open311ClientRecord>(s.Query(std::string(kClientSelect) + " WHERE key_hash = ?", {Str(key_hash)}),
                                       ReadClient);
}

Result<std::vector<Open311ClientRecord>> TicketRepository::Clients(Session& s) {
  return MapRows<Open311ClientRecord>(s.Query(std::string(kClientSelect) + " ORDER BY id"), ReadClient);
}

Result<bool> TicketRepository::SetClientActive(Session& s, std::int64_t id, bool active) {
  auto n = s.Exec("UPDATE open311_client SET active = ? WHERE id = ?", {Bool(active), Int(id)});
  if (!n) return std::move(n).error();
  return *n > 0;
}

}  // namespace huanxin::store
