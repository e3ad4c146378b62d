#include "http/json/open311_json.hpp"

#include <boost/json.hpp>
#include <map>

#include "common/clock.hpp"
#include "core/ticket/ticket.hpp"

namespace huanxin::http {

namespace {

namespace json = boost::json;

json::value TextOrNull(const std::string& s) { return s.empty() ? json::value(nullptr) : json::value(json::string(s)); }

json::object Request(const service::TicketView& v) {
  const auto& t = v.ticket;
  const auto status = core::ticket::ParseStatus(t.status).value_or(core::ticket::Status::kSubmitted);
  // Only what anyone may read: the category, the estate, the handling department and the state.
  // The resident's own words may name people, so `description` is null (docs/ticket.md).
  return json::object{{"service_request_id", t.code},
                      {"status", std::string(core::ticket::Open311Status(status))},
                      {"status_notes", core::ticket::StatusName(status).zh},
                      {"service_name", t.category_name_zh},
                      {"service_code", t.category_code},
                      {"description", nullptr},
                      {"agency_responsible", TextOrNull(t.department)},
                      {"service_notice", nullptr},
                      {"requested_datetime", Open311Time(t.received_at)},
                      {"updated_datetime", TextOrNull(Open311Time(t.updated_at))},
                      {"expected_datetime", TextOrNull(Open311Time(t.due_at))},
                      {"address", TextOrNull(t.estate_name)},
                      {"address_id", t.estate_id ? json::value(json::string(std::to_string(*t.estate_id))) : json::value(nullptr)},
                      {"zipcode", nullptr},
                      {"lat", nullptr},
                      {"long", nullptr},
                      {"media_url", nullptr}};
}

const std::map<std::string, std::string>& ItemNames() {
  static const std::map<std::string, std::string> names = {
      {"service_requests", "request"}, {"services", "service"},     {"attributes", "attribute"},
      {"values", "value"},             {"endpoints", "endpoint"},   {"formats", "format"},
      {"errors", "error"},             {"service_request_updates", "request_update"}};
  return names;
}

void Escape(std::string& out, std::string_view s) {
  for (char c : s) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
}

void Element(std::string& out, const std::string& name, const json::value& v) {
  out += "<" + name + ">";
  if (v.is_object()) {
    for (const auto& [k, child] : v.as_object()) Element(out, std::string(k), child);
  } else if (v.is_array()) {
    auto it = ItemNames().find(name);
    const std::string item = it == ItemNames().end() ? "item" : it->second;
    for (const auto& child : v.as_array()) Element(out, item, child);
  } else if (v.is_string()) {
    Escape(out, v.as_string());
  } else if (v.is_bool()) {
    out += v.as_bool() ? "true" : "false";
  } else if (!v.is_null()) {
    out += json::serialize(v);
  }
  out += "</" + name + ">";
}

}  // namespace

std::string Open311Time(const std::string& utc_iso) {
  auto tp = ParseIso(utc_iso);
  if (!tp) return "";
  auto local = FormatShanghai(*tp, 19);  // "YYYY-MM-DD HH:MM:SS"
  local[10] = 'T';
  return local + "+08:00";
}

json::value Open311Discovery(const std::string& base_url) {
  return json::object{{"changeset", "2026-12-03T00:00:00+08:00"},
                      {"contact", "青云谱区住房和城乡建设局 · 城镇老旧小区改造居民诉求"},
                      {"key_service", "向平台管理员申请 api_key（每个客户端应用一个）"},
                      {"endpoints", json::array{json::object{{"specification", "http://wiki.open311.org/GeoReport_v2"},
                                                             {"url", base_url + "/open311/v2"},
                                                             {"changeset", "2026-12-03T00:00:00+08:00"},
                                                             {"type", "production"},
                                                             {"formats", json::array{"text/xml", "application/json"}}}}}};
}

json::value Open311Services(const std::vector<store::TicketCategoryRecord>& categories) {
  json::array out;
  for (const auto& c : categories)
    out.push_back(json::object{{"service_code", c.code},
                               {"service_name", c.name_zh},
                               {"description", c.name_en},
                               {"metadata", true},
                               {"type", "realtime"},
                               {"keywords", c.kind},
                               {"group", c.kind}});
  return out;
}

json::value Open311Definition(const std::string& service_code, const std::vector<service::Open311Attribute>& attributes) {
  json::array attrs;
  for (const auto& a : attributes) {
    json::object o{{"variable", true},  {"code", a.code},   {"datatype", a.datatype},       {"required", a.required},
                   {"datatype_description", a.datatype == "number" ? json::value("小区编号") : json::value(nullptr)},
                   {"order", a.order}, {"description", a.description}};
    json::array values;
    for (const auto& [key, name] : a.values) values.push_back(json::object{{"key", key}, {"name", name}});
    o["values"] = std::move(values);
    attrs.push_back(std::move(o));
  }
  return json::object{{"service_code", service_code}, {"attributes", std::move(attrs)}};
}

json::value Open311Requests(const std::vector<service::TicketView>& tickets) {
  json::array out;
  for (const auto& v : tickets) out.push_back(Request(v));
  return out;
}

json::value Open311Created(const service::TicketView& v) {
  return json::array{json::object{{"service_request_id", v.ticket.code},
                                  {"token", v.ticket.code},
                                  {"service_notice", "预计 " + Open311Time(v.ticket.due_at) + " 前响应"},
                                  {"account_id", nullptr}}};
}

json::value Open311Token(const service::TicketView& v) {
  return json::array{json::object{{"service_request_id", v.ticket.code}, {"token", v.ticket.code}}};
}

json::value Open311Updates(const std::vector<store::TicketUpdateRecord>& updates) {
  json::array out;
  for (const auto& u : updates) {
    const auto status = core::ticket::ParseStatus(u.event.to_status).value_or(core::ticket::Status::kSubmitted);
    out.push_back(json::object{{"update_id", std::to_string(u.event.id)},
                               {"service_request_id", u.ticket_code},
                               {"status", std::string(core::ticket::Open311Status(status))},
                               {"updated_datetime", Open311Time(u.event.at)},
                               {"description", core::ticket::StatusName(status).zh},
                               {"media_url", nullptr}});
  }
  return out;
}

json::value Open311Errors(int status, const std::string& description) {
  return json::array{json::object{{"code", status}, {"description", description}}};
}

std::string Open311Xml(const json::value& v, const std::string& root) {
  std::string out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>";
  Element(out, root, v);
  return out;
}

}  // namespace huanxin::http
