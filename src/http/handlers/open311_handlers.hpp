// Open311 GeoReport v2 at /open311/v2/ (http://wiki.open311.org/GeoReport_v2; issue #14;
// docs/ticket.md): discovery, services, service definitions, service requests (GET with filters;
// POST form-encoded with an `api_key` issued per client application), a request by id, a token,
// and the servicerequestupdates extension, each as .json and .xml; errors as the standard's
// [{code, description}]. Plus the administrators' routes that issue and list client keys.
#pragma once

#include <string>

#include "http/route_table.hpp"

namespace huanxin::service {
class TicketService;
}  // namespace huanxin::service

namespace huanxin::http {

struct Open311Api {
  service::TicketService& tickets;
  std::string public_url;      // the discovery's endpoint URL; "" = the request's host
  bool secure_cookie = false;  // behind HTTPS
};

void AddOpen311Routes(RouteTable& routes, Open311Api& api);

}  // namespace huanxin::http
