// Resident tickets (居民诉求), their categories, routing, history and photos, building contacts and
// Open311 client keys, in portable SQL (issue #14; docs/ticket.md; tables of migration 0013).
// Functions run in the caller's transaction and do not authorise; services do.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace huanxin::store {

struct TicketCategoryRecord {
  std::int64_t id = 0;
  std::string code, name_zh, name_en, kind;
  int target_amount = 0;
  std::string target_unit;  // working_hours | working_days
  bool active = true;
  int sort_order = 0;
  std::string created_at;
};

struct TicketRouteRecord {
  std::int64_t id = 0, category_id = 0;
  std::string category_code;  // joined, read-only
  std::string region_code;    // the prefix routed ('' = everywhere)
  std::string department, handler_region_code;
  std::string created_at;
};

// What a ticket needs of an estate (table `estate`, the register's).
struct TicketEstateRef {
  std::int64_t id = 0;
  std::string name, region_code;
};

struct TicketRecord {
  std::int64_t id = 0;
  std::string code;
  std::int64_t category_id = 0;
  std::string category_code, category_name_zh, category_name_en;  // joined, read-only
  std::string region_code;
  std::optional<std::int64_t> estate_id;
  std::string estate_name;  // joined, read-only ("" without estate)
  std::string channel, content, phone, address, visit_note, status, department, handler_region_code, answer;
  std::optional<std::int64_t> merged_into;
  int reopen_count = 0;
  std::optional<int> rating;
  std::string rating_comment;
  std::optional<std::int64_t> client_id;
  std::string client_key;
  std::optional<std::int64_t> created_by;
  std::string received_at, due_at;
  std::optional<std::string> resolved_at;
  std::string updated_at;
  // Warranty defects (migration 0014; docs/acceptance.md): the item the resident named, the
  // responsible unit the ticket went to while the warranty ran, the warranty's last day
  // ('YYYY-MM-DD') and the routing decision (builder | property_and_fund | not_accepted | "").
  std::optional<std::string> defect_item;
  std::optional<std::int64_t> responsible_unit_id;
  std::string responsible_unit_name;  // joined, read-only
  std::optional<std::string> warranty_until;
  std::string routing_reason;
};

struct TicketEventRecord {
  std::int64_t id = 0, ticket_id = 0;
  std::string at, from_status, to_status, note, by_kind;  // by_kind: staff | resident | open311
  std::optional<std::int64_t> by_user;
};

// An event with what Open311's servicerequestupdates needs of its ticket.
struct TicketUpdateRecord {
  TicketEventRecord event;
  std::string ticket_code, ticket_status;
  std::int64_t ticket_id = 0;
};

struct TicketFilter {
  std::string scope_prefix;  // tickets whose region or handling region starts with it ("" = all)
  std::string region_prefix;  // and whose region starts with it (regionCode filter)
  std::optional<std::string> status, category_code, channel;
  std::optional<std::string> received_from, received_to;  // ISO UTC, inclusive lower, exclusive upper
  std::optional<std::string> due_before;                  // unsettled and due before (overdue list)
  std::optional<std::int64_t> id;
  std::vector<std::string> codes, statuses;  // any of them (empty = all)
  std::int64_t limit = 500, offset = 0;
};

struct BuildingContactRecord {
  std::int64_t id = 0, building_id = 0;
  std::string building_number;  // joined, read-only
  std::int64_t estate_id = 0;   // joined, read-only
  std::string region_code, role, name, phone;
  bool phone_public = false;
  std::string updated_at;
};

struct TicketBuildingRef {
  std::int64_t id = 0, estate_id = 0;
  std::string number, region_code;
};

struct Open311ClientRecord {
  std::int64_t id = 0;
  std::string name, key_hash;
  bool active = true;
  std::int64_t created_by = 0;
  std::string created_at;
};

struct TicketRepository {
  // Categories, by sort order then id (active ones only when `active_only`).
  static Result<std::vector<TicketCategoryRecord>> Categories(Session& s, bool active_only);
  static Result<std::optional<TicketCategoryRecord>> FindCategory(Session& s, const std::string& code);
  // Inserts a category (id ignored); a second with the same code is kConflict store.duplicate.
  static Result<std::int64_t> InsertCategory(Session& s, const TicketCategoryRecord& c);
  // Writes names, target, active and order of the category with c.id; false when there is none.
  static Result<bool> UpdateCategory(Session& s, const TicketCategoryRecord& c);

  // Every route, by category then region prefix.
  static Result<std::vector<TicketRouteRecord>> Routes(Session& s);
  // Inserts or replaces the route of (category, region prefix).
  static Result<void> PutRoute(Session& s, const TicketRouteRecord& r);
  // The route of the longest region prefix of `region_code` for the category; nullopt when none.
  static Result<std::optional<TicketRouteRecord>> RouteFor(Session& s, std::int64_t category_id,
                                                            const std::string& region_code);

  static Result<std::optional<TicketEstateRef>> FindEstate(Session& s, std::int64_t estate_id);

  // Inserts a ticket (id and joined fields ignored); returns its id.
  static Result<std::int64_t> Insert(Session& s, const TicketRecord& t);
  static Result<std::optional<TicketRecord>> Find(Session& s, std::int64_t id);
  static Result<std::optional<TicketRecord>> FindByCode(Session& s, const std::string& code);
  // Newest first.
  static Result<std::vector<TicketRecord>> List(Session& s, const TicketFilter& f);
  // How many tickets match `f` (limit and offset ignored).
  static Result<std::int64_t> Count(Session& s, const TicketFilter& f);
  // Writes the changing fields (status, department, handler region, answer, merged_into,
  // reopen_count, rating, rating_comment, resolved_at, updated_at) of t.id; false when none. Takes
  // the row lock on PostgreSQL.
  static Result<bool> Update(Session& s, const TicketRecord& t);
  // Tickets from `client_key` received at or after `since` (the public rate limit).
  static Result<std::int64_t> CountSince(Session& s, const std::string& client_key, const std::string& since);

  static Result<void> InsertEvent(Session& s, const TicketEventRecord& e);
  // A ticket's history, oldest first.
  static Result<std::vector<TicketEventRecord>> Events(Session& s, std::int64_t ticket_id);
  // Events of tickets of `channel` ("" = all) with at in [from, to), oldest first, at most `limit`.
  static Result<std::vector<TicketUpdateRecord>> Updates(Session& s, const std::string& from, const std::string& to,
                                                         std::int64_t limit);

  static Result<void> AddPhoto(Session& s, std::int64_t ticket_id, std::int64_t file_id);
  // A resident's upload: the file, the sender's keyed address hash, when.
  static Result<void> InsertUpload(Session& s, std::int64_t file_id, const std::string& client_key, const std::string& at);
  static Result<std::int64_t> CountUploadsSince(Session& s, const std::string& client_key, const std::string& since);
  // The sender's key of an upload not yet attached to a ticket; nullopt when there is no such upload
  // or it is attached already.
  static Result<std::optional<std::string>> FreeUpload(Session& s, std::int64_t file_id);
  static Result<std::vector<std::int64_t>> Photos(Session& s, std::int64_t ticket_id);

  static Result<std::optional<TicketBuildingRef>> FindBuilding(Session& s, std::int64_t building_id);
  // Inserts or replaces the building's contact of c.role (id and joined fields ignored).
  static Result<void> PutContact(Session& s, const BuildingContactRecord& c);
  // The contacts of an estate's buildings, by building number then role.
  static Result<std::vector<BuildingContactRecord>> Contacts(Session& s, std::int64_t estate_id);

  static Result<std::int64_t> InsertClient(Session& s, const Open311ClientRecord& c);
  static Result<std::optional<Open311ClientRecord>> FindClientByHash(Session& s, const std::string& key_hash);
  static Result<std::vector<Open311ClientRecord>> Clients(Session& s);
  static Result<bool> SetClientActive(Session& s, std::int64_t id, bool active);
};

}  // namespace huanxin::store
