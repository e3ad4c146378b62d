// Open311 GeoReport v2 answers (http://wiki.open311.org/GeoReport_v2; issue #14; docs/ticket.md):
// discovery, services, service definitions, service requests, tokens, the servicerequestupdates
// extension and the error list, built as JSON values and written as JSON or as the standard's XML
// (the required format). No personal data: no phone, address typed by the resident, visit note or
// free text; times W3C/ISO 8601 with the Beijing offset (+08:00).
#pragma once

#include <boost/json/value.hpp>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "service/ticket/ticket_service.hpp"

namespace huanxin::http {

boost::json::value Open311Discovery(const std::string& base_url);
boost::json::value Open311Services(const std::vector<store::TicketCategoryRecord>& categories);
boost::json::value Open311Definition(const std::string& service_code, const std::vector<service::Open311Attribute>& attributes);
boost::json::value Open311Requests(const std::vector<service::TicketView>& tickets);
// POST answer: [{service_request_id, token, service_notice, account_id}].
boost::json::value Open311Created(const service::TicketView& v);
boost::json::value Open311Token(const service::TicketView& v);
boost::json::value Open311Updates(const std::vector<store::TicketUpdateRecord>& updates);
// [{code, description}] with the HTTP status as code.
boost::json::value Open311Errors(int status, const std::string& description);

// The XML form: `root` is the document element, arrays' items are named by the standard
// (service_requests/request, services/service, attributes/attribute, values/value,
// endpoints/endpoint, formats/format, errors/error, service_request_updates/request_update).
std::string Open311Xml(const boost::json::value& v, const std::string& root);

// "2026-12-03T19:30:00+08:00" from the stored UTC ISO time ("" stays "").
std::string Open311Time(const std::string& utc_iso);

}  // namespace huanxin::http
