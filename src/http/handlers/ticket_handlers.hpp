// Resident tickets (居民诉求) over HTTP (issue #14; docs/ticket.md): the public filing, the holder's
// view, rating and reopening by code; staff intake, the queue, transitions, merges, figures,
// routing and category targets, building contacts. Handlers parse, call one service method and
// encode.
#pragma once

#include <string>

#include "http/route_table.hpp"
#include "http/workbench.hpp"

namespace huanxin::service {
class TicketService;
}  // namespace huanxin::service

namespace huanxin::http {

struct TicketApi {
  service::TicketService& tickets;
  std::string public_url;  // the configured public base URL ("" = from the request's Host)
  bool secure_cookie = false;
};

// The ticket routes (no workbench section).
void AddTicketRoutes(RouteTable& routes, Workbench& workbench, TicketApi& api);

}  // namespace huanxin::http
