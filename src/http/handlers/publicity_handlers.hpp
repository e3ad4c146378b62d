// Publicity (公示) over HTTP (issue #12; docs/publicity.md): notices, revisions, the board photo,
// answers to objections for staff; the public page, objections and the printable notice for
// anyone. Handlers parse, call one service method and encode.
#pragma once

#include <string>

#include "http/route_table.hpp"
#include "http/workbench.hpp"

namespace huanxin::service {
class PublicityService;
}  // namespace huanxin::service

namespace huanxin::http {

struct PublicityApi {
  service::PublicityService& publicity;
  std::string public_url;      // base of the link in the notice's QR code; "" = the request's host
  bool secure_cookie = false;  // behind HTTPS: links use https://
};

// The publicity routes (no workbench section).
void AddPublicityRoutes(RouteTable& routes, Workbench& workbench, PublicityApi& api);

}  // namespace huanxin::http
