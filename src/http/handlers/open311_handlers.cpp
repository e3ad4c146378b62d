#include "http/handlers/open311_handlers.hpp"

#include <boost/json.hpp>

#include "common/clock.hpp"
#include "common/text.hpp"
#include "core/ticket/ticket.hpp"
#include "http/handlers/handler_util.hpp"
#include "http/json/json_input.hpp"
#include "http/json/open311_json.hpp"
#include "service/ticket/ticket_service.hpp"

namespace huanxin::http {

namespace {

namespace json = boost::json;

enum class Format { kJson, kXml };

// An answer in the asked format: JSON, or the standard's XML under `root`.
Response Send(Format f, int status, const json::value& v, const std::string& root) {
  Response r;
  r.status = status;
  if (f == Format::kXml) {
    r.content_type = "text/xml; charset=utf-8";
    r.body = Open311Xml(v, root);
  } else {
    r.body = json::serialize(v);
  }
  return r;
}

// The standard's error list with the HTTP status as its code (422 answers 400: the standard knows
// only "bad request" for input it refuses).
Response Fail(Format f, const Error& e, bool english) {
  int status = ErrorResponse(e, english).status;
  if (status == 422) status = 400;
  std::string description = english ? e.message.en : e.message.zh;
  const auto& detail = english ? e.detail.en : e.detail.zh;
  if (!detail.empty()) description += "：" + detail;
  return Send(f, status, Open311Errors(status, description), "errors");
}

#define O311_TRY(var, f, expr)                    \
  auto var##_result = (expr);                     \
  if (!var##_result) return Fail(f, var##_result.error(), req.english); \
  auto& var = *var##_result

// "<value>.json" / "<value>.xml" in a path parameter: the value and the format; nullopt otherwise.
std::optional<std::pair<std::string, Format>> Suffixed(const std::string& param) {
  for (const auto& [ext, f] : {std::pair{std::string(".json"), Format::kJson}, std::pair{std::string(".xml"), Format::kXml}})
    if (param.size() > ext.size() && param.ends_with(ext)) return std::pair{param.substr(0, param.size() - ext.size()), f};
  return std::nullopt;
}

Error NoFormat() {
  return service::NotFound("open311.unknown_format", Text("请在末尾加 .json 或 .xml", "end the path with .json or .xml"));
}

std::optional<std::string> Param(const std::map<std::string, std::string>& m, const std::string& k) {
  auto it = m.find(k);
  if (it == m.end() || it->second.empty()) return std::nullopt;
  return it->second;
}

// A W3C/ISO 8601 time with its offset as stored UTC; 400 naming the parameter otherwise.
Result<std::optional<std::string>> TimeParam(const Request& req, const char* name) {
  auto v = QueryString(req, name);
  if (!v) return std::optional<std::string>{};
  auto tp = ParseIso(*v);
  if (!tp) return MakeError(ErrorCode::kBadRequest, "open311.bad_time", Text(std::string(name) + " 不是带时区的 ISO 8601 时间", std::string(name) + " is not an ISO 8601 time"), Text::Same(*v));
  return std::optional<std::string>(FormatIsoUtc(*tp));
}

template <Format F>
Response Discovery(Open311Api& s, Request& req) {
  return Send(F, 200, Open311Discovery(PublicBase(s.public_url, s.secure_cookie, req)), "discovery");
}

template <Format F>
Response Services(Open311Api& s, Request& req) {
  O311_TRY(list, F, s.tickets.Categories());
  return Send(F, 200, Open311Services(list), "services");
}

Response Definition(Open311Api& s, Request& req) {
  auto p = Suffixed(req.params.at("code"));
  if (!p) return Fail(Format::kXml, NoFormat(), req.english);
  O311_TRY(attributes, p->second, s.tickets.Open311Definition(p->first));
  return Send(p->second, 200, Open311Definition(p->first, attributes), "service_definition");
}

template <Format F>
Response ListRequests(Open311Api& s, Request& req) {
  store::TicketFilter f;
  if (auto ids = QueryString(req, "service_request_id"))
    for (auto id : Split(*ids, ',')) f.codes.emplace_back(Trim(id));
  f.category_code = QueryString(req, "service_code");
  if (auto status = QueryString(req, "status")) {
    for (auto st : Split(*status, ',')) {
      if (Trim(st) == "open") f.statuses.insert(f.statuses.end(), {"submitted", "accepted", "in_progress"});
      else if (Trim(st) == "closed") f.statuses.insert(f.statuses.end(), {"resolved", "closed", "rejected"});
      else return Fail(F, MakeError(ErrorCode::kBadRequest, "open311.bad_status", Text("status 应为 open 或 closed", "status must be open or closed"), Text::Same(*status)), req.english);
    }
  }
  O311_TRY(from, F, TimeParam(req, "start_date"));
  O311_TRY(to, F, TimeParam(req, "end_date"));
  f.received_from = from;
  f.received_to = to;
  f.limit = 1000;
  O311_TRY(list, F, s.tickets.Open311List(f));
  return Send(F, 200, Open311Requests(list), "service_requests");
}

template <Format F>
Response PostRequest(Open311Api& s, Request& req) {
  const auto form = ParseUrlEncoded(req.body);
  service::TicketInput in;
  in.category = Param(form, "service_code").value_or("");
  in.content = Param(form, "description").value_or("");
  in.phone = Param(form, "phone");
  in.address = Param(form, "address_string");
  std::map<std::string, std::string> attributes;
  for (const auto& [k, v] : form)
    if (k.starts_with("attribute[") && k.ends_with("]")) attributes[k.substr(10, k.size() - 11)] = v;
  if (auto address_id = Param(form, "address_id"); address_id && !attributes.contains("estate_id")) attributes["estate_id"] = *address_id;
  O311_TRY(v, F, s.tickets.SubmitOpen311(Param(form, "api_key").value_or(""), in, attributes, req.request_id));
  return Send(F, 201, Open311Created(v), "service_requests");
}

Response GetRequest(Open311Api& s, Request& req) {
  auto p = Suffixed(req.params.at("id"));
  if (!p) return Fail(Format::kXml, NoFormat(), req.english);
  O311_TRY(v, p->second, s.tickets.PublicGet(p->first));
  return Send(p->second, 200, Open311Requests({v}), "service_requests");
}

Response GetToken(Open311Api& s, Request& req) {
  auto p = Suffixed(req.params.at("id"));
  if (!p) return Fail(Format::kXml, NoFormat(), req.english);
  O311_TRY(v, p->second, s.tickets.PublicGet(p->first));
  return Send(p->second, 200, Open311Token(v), "service_requests");
}

template <Format F>
Response Updates(Open311Api& s, Request& req) {
  O311_TRY(from, F, TimeParam(req, "start_date"));
  O311_TRY(to, F, TimeParam(req, "end_date"));
  // Without a range: the last 90 days (the standard's default window for requests).
  const auto now = std::chrono::system_clock::now();
  O311_TRY(list, F, s.tickets.Open311Updates(from.value_or(FormatIsoUtc(now - std::chrono::hours(24 * 90))),
                                             to.value_or(FormatIsoUtc(now + std::chrono::hours(1)))));
  return Send(F, 200, Open311Updates(list), "service_request_updates");
}

Response IssueKey(Open311Api& s, Request& req) {
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(name, RequiredString(body, "name"));
  HX_TRY(k, s.tickets.IssueClientKey(req.actor(), name));
  return Json(201, json::object{{"id", k.client.id}, {"name", k.client.name}, {"apiKey", k.api_key}, {"createdAt", k.client.created_at}});
}

Response ListClients(Open311Api& s, Request& req) {
  HX_TRY(list, s.tickets.Clients(req.actor()));
  json::array items;
  for (const auto& c : list)
    items.push_back(json::object{{"id", c.id}, {"name", c.name}, {"active", c.active}, {"createdAt", c.created_at}});
  return Json(200, json::object{{"items", std::move(items)}});
}

}  // namespace

void AddOpen311Routes(RouteTable& t, Open311Api& api) {
  using A = Access;
  using B = BodyKind;
  const std::string v2 = "/open311/v2/";
  t.Add("GET", v2 + "discovery.json", A::kPublic, B::kNone, api, Discovery<Format::kJson>)
      .Add("GET", v2 + "discovery.xml", A::kPublic, B::kNone, api, Discovery<Format::kXml>)
      .Add("GET", v2 + "services.json", A::kPublic, B::kNone, api, Services<Format::kJson>)
      .Add("GET", v2 + "services.xml", A::kPublic, B::kNone, api, Services<Format::kXml>)
      .Add("GET", v2 + "services/{code}", A::kPublic, B::kNone, api, Definition)
      .Add("GET", v2 + "requests.json", A::kPublic, B::kNone, api, ListRequests<Format::kJson>)
      .Add("GET", v2 + "requests.xml", A::kPublic, B::kNone, api, ListRequests<Format::kXml>)
      .Add("POST", v2 + "requests.json", A::kPublic, B::kNone, api, PostRequest<Format::kJson>)
      .Add("POST", v2 + "requests.xml", A::kPublic, B::kNone, api, PostRequest<Format::kXml>)
      .Add("GET", v2 + "requests/{id}", A::kPublic, B::kNone, api, GetRequest)
      .Add("GET", v2 + "tokens/{id}", A::kPublic, B::kNone, api, GetToken)
      .Add("GET", v2 + "servicerequestupdates.json", A::kPublic, B::kNone, api, Updates<Format::kJson>)
      .Add("GET", v2 + "servicerequestupdates.xml", A::kPublic, B::kNone, api, Updates<Format::kXml>)
      .Add("POST", "/api/v1/open311/clients", A::kSession, B::kJson, api, IssueKey)
      .Add("GET", "/api/v1/open311/clients", A::kSession, B::kNone, api, ListClients);
}

}  // namespace huanxin::http
