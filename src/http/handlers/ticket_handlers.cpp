#include "http/handlers/ticket_handlers.hpp"

#include <boost/json.hpp>

#include "http/handlers/handler_util.hpp"
#include "http/json/json_input.hpp"
#include "http/json/ticket_json.hpp"
#include "service/ticket/ticket_service.hpp"

namespace huanxin::http {

namespace {

const std::string& PathText(const Request& req, const char* name) { return req.params.at(name); }

Response Submit(TicketApi& s, Request& req) {
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseTicketInput(body, false));
  HX_TRY(v, s.tickets.Submit(in, req.client_ip, req.request_id));
  return Json(201, boost::json::object{{"code", v.ticket.code}, {"status", v.ticket.status}, {"dueAt", v.ticket.due_at}});
}

Response UploadPhoto(TicketApi& s, Request& req) {
  HX_TRY(estate, QueryInt64(req, "estateId"));
  HX_TRY(file, UploadedFile(req));
  HX_TRY(f, s.tickets.UploadPhoto(file.filename, file.data, estate, req.client_ip, req.request_id));
  return Json(201, boost::json::object{{"id", f.id}, {"name", f.name}, {"contentType", f.content_type}, {"size", f.size_bytes}});
}

Response PublicGet(TicketApi& s, Request& req) {
  HX_TRY(v, s.tickets.PublicGet(PathText(req, "code")));
  return Json(200, PublicTicketJson(v, req.english));
}

Response Rate(TicketApi& s, Request& req) {
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(stars, OptionalInt64(body, "rating"));
  if (!stars) return ErrorResponse(InvalidField("rating", Text("应为1–5的整数", "must be an integer 1–5")), req.english);
  HX_TRY(comment, OptionalString(body, "comment"));
  const int value = *stars < 0 || *stars > 100 ? 0 : static_cast<int>(*stars);
  HX_TRY(v, s.tickets.Rate(PathText(req, "code"), value, comment.value_or(""), req.request_id));
  return Json(200, PublicTicketJson(v, req.english));
}

Response Reopen(TicketApi& s, Request& req) {
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(reason, RequiredString(body, "reason"));
  HX_TRY(v, s.tickets.Reopen(PathText(req, "code"), reason, req.request_id));
  return Json(200, PublicTicketJson(v, req.english));
}

Response Categories(TicketApi& s, Request& req) {
  HX_TRY(list, s.tickets.Categories());
  return Json(200, CategoryListJson(list));
}

// The residents' view, reached from the stairwell board's QR code (`key`).
Response PublicContacts(TicketApi& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(list, s.tickets.ResidentContacts(id, QueryString(req, "key").value_or("")));
  return Json(200, ContactListJson(list, true));
}

// Staff's view: every phone, and the residents' link with its key for the stairwell board.
Response StaffContacts(TicketApi& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(list, s.tickets.Contacts(req.actor(), id));
  auto out = ContactListJson(list, false);
  out["residentUrl"] = s.tickets.ResidentContactsUrl(PublicBase(s.public_url, s.secure_cookie, req), id);
  return Json(200, std::move(out));
}

Response ContactsBoard(TicketApi& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(doc, s.tickets.ContactsBoardHtml(req.actor(), id, PublicBase(s.public_url, s.secure_cookie, req)));
  return SendInline(std::move(doc));
}

Response List(TicketApi& s, Request& req) {
  service::TicketQuery q;
  q.status = QueryString(req, "status");
  q.category = QueryString(req, "category");
  q.region_code = QueryString(req, "regionCode");
  HX_TRY(overdue, QueryBool(req, "overdue"));
  q.overdue = overdue.value_or(false);
  HX_TRY(paging, ParsePaging(req));
  q.limit = paging.page_size;
  q.offset = (paging.page - 1) * paging.page_size;
  HX_TRY(list, s.tickets.List(req.actor(), q));
  return Json(200, TicketListJson(list, paging.page, paging.page_size, req.english));
}

Response Intake(TicketApi& s, Request& req) {
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseTicketInput(body, true));
  HX_TRY(v, s.tickets.Intake(req.actor(), in));
  return Json(201, TicketJson(v, req.english));
}

Response Get(TicketApi& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(v, s.tickets.Get(req.actor(), id));
  return Json(200, TicketJson(v, req.english));
}

Response Transition(TicketApi& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(to, RequiredString(body, "to"));
  HX_TRY(note, OptionalString(body, "note"));
  HX_TRY(v, s.tickets.Transition(req.actor(), id, to, note.value_or("")));
  return Json(200, TicketJson(v, req.english));
}

Response Merge(TicketApi& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(kept, OptionalInt64(body, "keptId"));
  if (!kept) return ErrorResponse(InvalidField("keptId", Text("必填", "is required")), req.english);
  HX_TRY(note, OptionalString(body, "note"));
  HX_TRY(v, s.tickets.Merge(req.actor(), id, *kept, note.value_or("")));
  return Json(200, TicketJson(v, req.english));
}

Response Figures(TicketApi& s, Request& req) {
  HX_TRY(v, s.tickets.Figures(req.actor(), QueryString(req, "regionCode"), QueryString(req, "from"), QueryString(req, "to")));
  return Json(200, FiguresJson(v));
}

Response Routes(TicketApi& s, Request& req) {
  HX_TRY(list, s.tickets.Routes(req.actor()));
  return Json(200, RouteListJson(list));
}

Response PutRoute(TicketApi& s, Request& req) {
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(category, RequiredString(body, "category"));
  HX_TRY(region, RequiredString(body, "regionCode"));
  HX_TRY(department, RequiredString(body, "department"));
  HX_TRY(handler, RequiredString(body, "handlerRegionCode"));
  HX_TRY(r, s.tickets.PutRoute(req.actor(), category, region, department, handler));
  return Json(200, RouteJson(r));
}

Response PutTarget(TicketApi& s, Request& req) {
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(amount, OptionalInt64(body, "amount"));
  if (!amount) return ErrorResponse(InvalidField("amount", Text("必填", "is required")), req.english);
  HX_TRY(unit, RequiredString(body, "unit"));
  const int value = *amount < 0 || *amount > 100000 ? 0 : static_cast<int>(*amount);
  HX_TRY(c, s.tickets.PutTarget(req.actor(), PathText(req, "code"), value, unit));
  return Json(200, CategoryJson(c));
}

Response PutContact(TicketApi& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseContactInput(body));
  HX_TRY(list, s.tickets.PutContact(req.actor(), id, PathText(req, "role"), in));
  return Json(200, ContactListJson(list, false));
}

}  // namespace

// No route is `reusable`: overdue flags move with the clock, with nothing written.
void AddTicketRoutes(RouteTable& t, Workbench&, TicketApi& api) {
  using A = Access;
  using B = BodyKind;
  t.Add("POST", "/api/v1/public/tickets", A::kPublic, B::kJson, api, Submit)
      .Add("POST", "/api/v1/public/ticket-photos", A::kPublic, B::kMultipart, api, UploadPhoto)
      .Add("GET", "/api/v1/public/tickets/{code}", A::kPublic, B::kNone, api, PublicGet)
      .Add("POST", "/api/v1/public/tickets/{code}/rating", A::kPublic, B::kJson, api, Rate)
      .Add("POST", "/api/v1/public/tickets/{code}/reopen", A::kPublic, B::kJson, api, Reopen)
      .Add("GET", "/api/v1/public/ticket-categories", A::kPublic, B::kNone, api, Categories)
      .Add("GET", "/api/v1/public/estates/{id}/contacts", A::kPublic, B::kNone, api, PublicContacts)
      .Add("GET", "/api/v1/tickets", A::kSession, B::kNone, api, List)
      .Add("POST", "/api/v1/tickets", A::kSession, B::kJson, api, Intake)
      .Add("GET", "/api/v1/tickets/{id}", A::kSession, B::kNone, api, Get)
      .Add("POST", "/api/v1/tickets/{id}/transitions", A::kSession, B::kJson, api, Transition)
      .Add("POST", "/api/v1/tickets/{id}/merge", A::kSession, B::kJson, api, Merge)
      .Add("GET", "/api/v1/ticket-figures", A::kSession, B::kNone, api, Figures)
      .Add("GET", "/api/v1/ticket-routes", A::kSession, B::kNone, api, Routes)
      .Add("PUT", "/api/v1/ticket-routes", A::kSession, B::kJson, api, PutRoute)
      .Add("PUT", "/api/v1/ticket-categories/{code}/target", A::kSession, B::kJson, api, PutTarget)
      .Add("PUT", "/api/v1/buildings/{id}/contacts/{role}", A::kSession, B::kJson, api, PutContact)
      .Add("GET", "/api/v1/estates/{id}/contacts", A::kSession, B::kNone, api, StaffContacts)
      .Add("GET", "/api/v1/estates/{id}/contacts/board", A::kSession, B::kNone, api, ContactsBoard);
}

}  // namespace huanxin::http
