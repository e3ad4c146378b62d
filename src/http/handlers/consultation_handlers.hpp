// The consultation context over HTTP (issue #5; docs/consultation.md): consultations, rounds,
// ballots (staff and residents' own), receipts, follow-ups, lift cost sharing, printable ballots
// and visit sheets. Handlers parse, call one service method and encode.
#pragma once

#include <string>

#include "http/route_table.hpp"
#include "http/workbench.hpp"

namespace huanxin::service {
class ConsultationService;
class ConsultationDocuments;
}  // namespace huanxin::service

namespace huanxin::http {

struct ConsultationApi {
  service::ConsultationService& consult;
  service::ConsultationDocuments& documents;
  std::string public_url;     // base of the links in ballot QR codes; "" = the request's host
  bool secure_cookie = false;  // behind HTTPS: links use https://
};

// The consultation routes, and its workbench section: open consultations in scope with their
// participation, and the follow-ups assigned to the caller.
void AddConsultationRoutes(RouteTable& routes, Workbench& workbench, ConsultationApi& api);

}  // namespace huanxin::http
