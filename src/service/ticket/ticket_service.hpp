// Resident tickets (居民诉求) use cases (issue #14; docs/ticket.md; core/ticket/ticket.hpp):
// residents file opinions, complaints, suggestions and warranty defects without an account (a code
// to follow them, an optional phone), rate a resolved ticket and reopen it once; staff file for a
// resident after a door visit, accept, handle, resolve, reject with a reason and merge duplicates;
// tickets are routed by category × region to a handling department and region, due by the
// category's response-time target in working hours or days on the official calendar; overdue lists
// and figures by street and category; each building's contacts; Open311 client applications.
//
// Staff reads need ticket:read, writes ticket:write, categories/routing/Open311 keys ticket:admin,
// always inside the actor's scope (a ticket is in scope by its region or its handling region).
// Every write runs in one transaction with its audit entry; the resident's phone is never written
// to the audit log and never in a public answer but the holder's.
//
// Thread safety: every member may be called from any thread.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "core/ticket/ticket.hpp"
#include "service/calendar/calendar_service.hpp"
#include "service/file/file_service.hpp"
#include "service/platform/actor.hpp"
#include "service/platform/document.hpp"
#include "store/database.hpp"
#include "store/ticket/ticket_repository.hpp"

namespace huanxin::service {

struct TicketOptions {
  core::ticket::OfficeHours office_hours;  // ticket.office_hours (Beijing)
  int tickets_per_hour = 5;                // ticket.rate_per_hour: per client address
  std::string client_key;                  // the secret client addresses are hashed with
};

struct TicketInput {
  std::string category, content;
  std::optional<std::int64_t> estate_id;
  std::optional<std::string> phone, address;
  std::string visit_note;  // staff intake: the door visit (required there)
  std::vector<std::int64_t> photo_file_ids;  // public filing: the sender's own uploads, at most 3
  // A warranty defect's item (core/acceptance DefectItem code: roof_waterproofing … other); only
  // kept on categories of kind defect.
  std::optional<std::string> defect_item;
};

// Where a warranty defect goes (decided by the acceptance context's router, docs/acceptance.md).
struct DefectRouting {
  std::string department;                          // the unit or office that handles it, by name
  std::optional<std::int64_t> responsible_unit_id;  // the builder's responsible unit, while under warranty
  std::optional<std::string> warranty_until;        // the warranty's last day, 'YYYY-MM-DD'
  std::string reason;                               // builder | property_and_fund | not_accepted
};
// Decides the routing of a warranty defect of `defect_item` in `estate_id` found at `now`, inside
// the filing's transaction; nullopt leaves the category's route.
using DefectRouter = std::function<Result<std::optional<DefectRouting>>(store::Session&, std::int64_t estate_id,
                                                                         const std::string& defect_item, TimePoint now)>;

// A ticket with its history (filled by Get, Transition, PublicGet …; not by List).
struct TicketView {
  store::TicketRecord ticket;
  std::vector<store::TicketEventRecord> events;
  std::vector<std::int64_t> photo_file_ids;
  bool overdue = false;
  std::string merged_into_code;  // the kept ticket's code when merged ("" otherwise)
};

struct TicketQuery {
  std::optional<std::string> status, category, region_code;
  bool overdue = false;
  std::int64_t limit = 100, offset = 0;
};

// One page of tickets and how many match in all (ARCHITECTURE.md §5).
struct TicketPage {
  std::vector<TicketView> items;
  std::int64_t total = 0;
};

struct TicketFigureGroup {
  std::string key, name;  // street code and name, or category code and name; "" = all
  core::ticket::Figures figures;
};
struct TicketFiguresView {
  TicketFigureGroup total;
  std::vector<TicketFigureGroup> by_street, by_category;
};

struct ContactInput {
  std::string name, phone;
  bool phone_public = false;
};

// An attribute of an Open311 service definition (GeoReport v2 "GET Service Definition").
struct Open311Attribute {
  std::string code, datatype, description;
  bool required = false;
  int order = 1;
  std::vector<std::pair<std::string, std::string>> values;  // key, name (singlevaluelist)
};

class TicketService {
 public:
  // Registers the read policy of the "ticket" files (residents' photos: ticket:read, in scope).
  TicketService(store::Database& db, const Clock& clock, CalendarService& calendar, FileService& files,
                TicketOptions options);

  // Installs the router of warranty defects (the acceptance module, while wiring, before serving).
  void SetDefectRouter(DefectRouter router) { defect_router_ = std::move(router); }

  // A resident's photo before filing (h5, no login): JPEG, PNG or WebP, metadata stripped; kept
  // with the region of `estate_id` when given. At most 3 × `tickets_per_hour` per address and hour
  // (429 ticket.rate_limited); 413 file.too_large, 415 file.unsupported_type, 422 file.bad_image,
  // 422 ticket.invalid_field (estateId). Only the same address may attach it to a ticket.
  Result<StoredFile> UploadPhoto(const std::string& name, const std::string& bytes, std::optional<std::int64_t> estate_id,
                                 const std::string& client_address, const std::string& request_id);

  // The active categories with their targets, for anyone.
  Result<std::vector<store::TicketCategoryRecord>> Categories();

  // A resident's ticket from the phone page: category (an active code), content 1–2 000
  // characters, estateId (an estate that exists), phone ≤ 20 digits, '+', '-', spaces. 422
  // ticket.invalid_field naming the field; 429 ticket.rate_limited past `tickets_per_hour` from the
  // address; 422 calendar.year_not_loaded. Nothing stored when refused. Audited ticket.submit
  // (without the phone). Returns the ticket (its code is the resident's key).
  Result<TicketView> Submit(const TicketInput& in, const std::string& client_address, const std::string& request_id);
  // Staff file for a resident after a door visit (visitNote 1–500 required): ticket:write, the
  // estate in scope. Audited ticket.intake.
  Result<TicketView> Intake(const Actor& actor, const TicketInput& in);
  // Filed by an Open311 client application with its `api_key` (403 open311.bad_api_key when no
  // active client holds it), with the service's attributes (422 open311.missing_attribute naming a
  // required one that is missing or not one of its values). Audited ticket.open311.
  Result<TicketView> SubmitOpen311(const std::string& api_key, const TicketInput& in,
                                   const std::map<std::string, std::string>& attributes, const std::string& request_id);
  // The Open311 service definition's attributes of a category (404 open311.unknown_service).
  Result<std::vector<Open311Attribute>> Open311Definition(const std::string& category);

  // The holder's view by code. 404 ticket.not_found.
  Result<TicketView> PublicGet(const std::string& code);
  // The holder rates the resolved ticket 1–5 (comment ≤ 500), which closes it. Audited ticket.rate.
  Result<TicketView> Rate(const std::string& code, int stars, const std::string& comment, const std::string& request_id);
  // The holder reopens a resolved or closed ticket once (reason 1–500). Audited ticket.reopen.
  Result<TicketView> Reopen(const std::string& code, const std::string& reason, const std::string& request_id);

  // Tickets in scope, newest first. ticket:read; regionCode outside the scope 403; unknown status
  // 422 ticket.invalid_field. overdue: unsettled and past due.
  Result<TicketPage> List(const Actor& actor, const TicketQuery& q);
  Result<TicketView> Get(const Actor& actor, std::int64_t id);
  // A staff move (core CheckTransition). ticket:write in scope; note ≤ 2 000 (the answer residents
  // see). Audited ticket.transition.
  Result<TicketView> Transition(const Actor& actor, std::int64_t id, const std::string& to, const std::string& note);
  // Closes ticket `id` as a duplicate of `kept_id` (core CheckMerge), both in scope. Audited
  // ticket.merge.
  Result<TicketView> Merge(const Actor& actor, std::int64_t id, std::int64_t kept_id, const std::string& note);
  // Figures by street and category of tickets received in [from, to) (dates 'YYYY-MM-DD', Beijing;
  // optional), in scope. ticket:read.
  Result<TicketFiguresView> Figures(const Actor& actor, const std::optional<std::string>& region_code,
                                    const std::optional<std::string>& from, const std::optional<std::string>& to);

  // Routing (ticket:read to read; ticket:admin to write, region in scope). Audited ticket.route.
  Result<std::vector<store::TicketRouteRecord>> Routes(const Actor& actor);
  Result<store::TicketRouteRecord> PutRoute(const Actor& actor, const std::string& category, const std::string& region_code,
                                            const std::string& department, const std::string& handler_region_code);
  // Category target (ticket:admin). Audited ticket.category.
  Result<store::TicketCategoryRecord> PutTarget(const Actor& actor, const std::string& category, int amount,
                                                const std::string& unit);

  // A building's contact (role building_leader | grid_worker | team_phone). ticket:write in scope.
  // Audited ticket.contact (without the phone).
  Result<std::vector<store::BuildingContactRecord>> PutContact(const Actor& actor, std::int64_t building_id,
                                                               const std::string& role, const ContactInput& in);
  // An estate's contacts for its residents, who reach them through the stairwell board's QR code
  // (issue #14: "shown to residents"): the link carries `key`, ContactsKey(estate_id). Without the
  // right key the answer is 403 ticket.contacts_key_required, so the open web never lists a 楼长's
  // name (issue #15: no name or phone on a public route). 404 ticket.estate_not_found. The caller
  // shows phones only where phone_public.
  Result<std::vector<store::BuildingContactRecord>> ResidentContacts(std::int64_t estate_id, std::string_view key);
  // The same contacts with every phone, for staff following up (ticket:read in the estate's scope).
  Result<std::vector<store::BuildingContactRecord>> Contacts(const Actor& actor, std::int64_t estate_id);
  // The estate's stairwell key: 16 hex digits of a keyed hash of the estate id under the server's
  // public-form secret (stable across restarts; a new secret voids printed boards).
  std::string ContactsKey(std::int64_t estate_id) const;
  // The residents' link to the estate's contacts and ticket form, `public_base` + the h5 page.
  std::string ResidentContactsUrl(const std::string& public_base, std::int64_t estate_id) const;
  // The stairwell board (楼道公示栏) to print: each building's contacts as residents see them
  // (published phones only) and the QR code of ResidentContactsUrl. ticket:read in scope.
  Result<Document> ContactsBoardHtml(const Actor& actor, std::int64_t estate_id, const std::string& public_base);

  // Open311 client applications (ticket:admin): a new key, shown once (only its hash is stored).
  struct IssuedKey {
    store::Open311ClientRecord client;
    std::string api_key;
  };
  Result<IssuedKey> IssueClientKey(const Actor& actor, const std::string& name);
  Result<std::vector<store::Open311ClientRecord>> Clients(const Actor& actor);
  // The active client holding `api_key`; nullopt when none.
  Result<std::optional<store::Open311ClientRecord>> ClientByKey(const std::string& api_key);
  // Tickets by filters, without any actor (List after authorising; Open311, whose answers carry no
  // personal data).
  Result<std::vector<TicketView>> Open311List(const store::TicketFilter& f);
  Result<std::vector<store::TicketUpdateRecord>> Open311Updates(const std::string& from, const std::string& to);

 private:
  Result<TicketView> Create(store::TicketRecord t, const TicketInput& in, const Actor& audit_actor,
                            const std::string& action, const std::string& client_address);
  Result<TicketView> Load(store::Session& s, const store::TicketRecord& t);
  Result<TicketView> LoadForActor(store::Session& s, const Actor& actor, std::int64_t id, std::string_view permission);
  Result<TicketView> ResidentMove(const std::string& code, const std::string& request_id, const std::string& action,
                                  const std::function<Result<void>(store::TicketRecord&, store::TicketEventRecord&)>& change);

  store::Database& db_;
  const Clock& clock_;
  CalendarService& calendar_;
  FileService& files_;
  TicketOptions options_;
  DefectRouter defect_router_;
};

}  // namespace huanxin::service
