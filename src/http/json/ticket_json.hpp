// JSON codecs of resident tickets (居民诉求; docs/ticket.md): staff views (with the resident's phone
// and the visit note), the holder's view by code (no phone, no staff names, no other person's
// data), categories, routes, building contacts and figures.
#pragma once

#include <boost/json/object.hpp>
#include <vector>

#include "http/json/json_input.hpp"
#include "service/ticket/ticket_service.hpp"

namespace huanxin::http {

// For staff: every field; `history` when the view carries events (GET by id, writes).
boost::json::object TicketJson(const service::TicketView& v, bool english);
// {items, total, page, pageSize} (ARCHITECTURE.md §5).
boost::json::object TicketListJson(const service::TicketPage& page, std::int64_t page_number, std::int64_t page_size,
                                   bool english);
// The holder's view (GET /public/tickets/{code}): status, history without staff names, the answer.
boost::json::object PublicTicketJson(const service::TicketView& v, bool english);
boost::json::object CategoryListJson(const std::vector<store::TicketCategoryRecord>& list);  // {items}
boost::json::object CategoryJson(const store::TicketCategoryRecord& c);
boost::json::object RouteListJson(const std::vector<store::TicketRouteRecord>& list);  // {items}
boost::json::object RouteJson(const store::TicketRouteRecord& r);
// Contacts; `published_only`: a phone appears only where it is published (residents' view).
boost::json::object ContactListJson(const std::vector<store::BuildingContactRecord>& list, bool published_only);
boost::json::object FiguresJson(const service::TicketFiguresView& v);

Result<service::TicketInput> ParseTicketInput(const boost::json::object& o, bool staff);
Result<service::ContactInput> ParseContactInput(const boost::json::object& o);

}  // namespace huanxin::http
