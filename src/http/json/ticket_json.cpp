#include "http/json/ticket_json.hpp"

#include "core/ticket/ticket.hpp"

namespace huanxin::http {

namespace {

namespace json = boost::json;
namespace tk = core::ticket;

json::value OptText(const std::optional<std::string>& v) { return v ? json::value(json::string(*v)) : json::value(nullptr); }

std::string StatusName(const std::string& code, bool english) {
  auto s = tk::ParseStatus(code);
  if (!s) return code;
  auto t = tk::StatusName(*s);
  return english ? t.en : t.zh;
}

// The fields staff and the holder both see.
json::object Common(const service::TicketView& v, bool english) {
  const auto& t = v.ticket;
  json::object o;
  o["code"] = t.code;
  o["category"] = json::object{{"code", t.category_code}, {"name", english ? t.category_name_en : t.category_name_zh}};
  o["status"] = t.status;
  o["statusName"] = StatusName(t.status, english);
  o["content"] = t.content;
  o["estateId"] = t.estate_id ? json::value(*t.estate_id) : json::value(nullptr);
  o["estateName"] = t.estate_name;
  o["department"] = t.department;
  o["answer"] = t.answer;
  o["receivedAt"] = t.received_at;
  o["dueAt"] = t.due_at;
  o["resolvedAt"] = OptText(t.resolved_at);
  o["overdue"] = v.overdue;
  o["rating"] = t.rating ? json::value(*t.rating) : json::value(nullptr);
  o["reopenCount"] = t.reopen_count;
  o["mergedIntoCode"] = v.merged_into_code.empty() ? json::value(nullptr) : json::value(json::string(v.merged_into_code));
  return o;
}

}  // namespace

json::object TicketJson(const service::TicketView& v, bool english) {
  const auto& t = v.ticket;
  auto o = Common(v, english);
  o["id"] = t.id;
  o["regionCode"] = t.region_code;
  o["handlerRegionCode"] = t.handler_region_code;
  o["channel"] = t.channel;
  o["phone"] = t.phone;
  o["address"] = t.address;
  o["visitNote"] = t.visit_note;
  o["ratingComment"] = t.rating_comment;
  o["mergedInto"] = t.merged_into ? json::value(*t.merged_into) : json::value(nullptr);
  o["updatedAt"] = t.updated_at;
  // Warranty defects (docs/acceptance.md).
  o["defectItem"] = OptText(t.defect_item);
  o["responsibleUnitId"] = t.responsible_unit_id ? json::value(*t.responsible_unit_id) : json::value(nullptr);
  o["responsibleUnitName"] = t.responsible_unit_name;
  o["warrantyUntil"] = OptText(t.warranty_until);
  o["routingReason"] = t.routing_reason;
  json::array history;
  for (const auto& e : v.events)
    history.push_back(json::object{{"at", e.at},
                                   {"from", e.from_status.empty() ? json::value(nullptr) : json::value(json::string(e.from_status))},
                                   {"to", e.to_status},
                                   {"note", e.note},
                                   {"by", e.by_kind},
                                   {"byUser", e.by_user ? json::value(*e.by_user) : json::value(nullptr)}});
  o["history"] = std::move(history);
  json::array photos;
  for (auto id : v.photo_file_ids) photos.push_back(id);
  o["photoFileIds"] = std::move(photos);
  return o;
}

json::object TicketListJson(const service::TicketPage& page, std::int64_t page_number, std::int64_t page_size,
                            bool english) {
  json::array items;
  for (const auto& v : page.items) {
    auto o = TicketJson(v, english);
    o.erase("history");
    o.erase("photoFileIds");
    items.push_back(std::move(o));
  }
  return json::object{{"items", std::move(items)}, {"total", page.total}, {"page", page_number}, {"pageSize", page_size}};
}

json::object PublicTicketJson(const service::TicketView& v, bool english) {
  auto o = Common(v, english);
  auto s = tk::ParseStatus(v.ticket.status);
  o["canRate"] = s == tk::Status::kResolved;
  o["canReopen"] = s && tk::CheckReopen(*s, v.ticket.reopen_count, v.ticket.merged_into.has_value()).has_value();
  json::array history;
  for (const auto& e : v.events)
    history.push_back(json::object{{"at", e.at},
                                   {"status", e.to_status},
                                   {"statusName", StatusName(e.to_status, english)},
                                   {"note", e.note}});
  o["history"] = std::move(history);
  return o;
}

json::object CategoryJson(const store::TicketCategoryRecord& c) {
  return json::object{{"code", c.code},
                      {"name", c.name_zh},
                      {"nameEn", c.name_en},
                      {"kind", c.kind},
                      {"target", json::object{{"amount", c.target_amount}, {"unit", c.target_unit}}}};
}

json::object CategoryListJson(const std::vector<store::TicketCategoryRecord>& list) {
  json::array items;
  for (const auto& c : list) items.push_back(CategoryJson(c));
  return json::object{{"items", std::move(items)}};
}

json::object RouteJson(const store::TicketRouteRecord& r) {
  return json::object{{"category", r.category_code},
                      {"regionCode", r.region_code},
                      {"department", r.department},
                      {"handlerRegionCode", r.handler_region_code}};
}

json::object RouteListJson(const std::vector<store::TicketRouteRecord>& list) {
  json::array items;
  for (const auto& r : list) items.push_back(RouteJson(r));
  return json::object{{"items", std::move(items)}};
}

json::object ContactListJson(const std::vector<store::BuildingContactRecord>& list, bool published_only) {
  json::array items;
  for (const auto& c : list) {
    json::object o{{"buildingId", c.building_id}, {"buildingNumber", c.building_number}, {"role", c.role}, {"name", c.name}};
    o["phone"] = (!published_only || c.phone_public) ? json::value(json::string(c.phone)) : json::value(nullptr);
    if (!published_only) o["phonePublic"] = c.phone_public;
    items.push_back(std::move(o));
  }
  return json::object{{"items", std::move(items)}};
}

json::object FiguresJson(const service::TicketFiguresView& v) {
  auto group = [](const service::TicketFigureGroup& g) {
    const auto& f = g.figures;
    return json::object{{"key", g.key},
                        {"name", g.name},
                        {"received", f.received},
                        {"solved", f.solved},
                        {"solvedRate", DecimalJson(f.solved_rate)},
                        {"medianHours", f.median_hours ? json::value(DecimalJson(static_cast<std::int64_t>(*f.median_hours * 100 + 0.5)))
                                                       : json::value(nullptr)},
                        {"rated", f.rated},
                        {"satisfaction", DecimalJson(f.satisfaction)},
                        {"averageRating", f.average_rating ? DecimalJson(*f.average_rating) : json::value(nullptr)}};
  };
  json::array streets, categories;
  for (const auto& g : v.by_street) streets.push_back(group(g));
  for (const auto& g : v.by_category) categories.push_back(group(g));
  return json::object{{"total", group(v.total)}, {"byStreet", std::move(streets)}, {"byCategory", std::move(categories)}};
}

Result<service::TicketInput> ParseTicketInput(const json::object& o, bool staff) {
  service::TicketInput in;
  auto category = RequiredString(o, "category");
  if (!category) return std::move(category).error();
  in.category = std::move(*category);
  auto content = RequiredString(o, "content");
  if (!content) return std::move(content).error();
  in.content = std::move(*content);
  auto estate = OptionalInt64(o, "estateId");
  if (!estate) return std::move(estate).error();
  in.estate_id = *estate;
  auto phone = OptionalString(o, "phone");
  if (!phone) return std::move(phone).error();
  in.phone = std::move(*phone);
  if (auto it = o.find("photoFileIds"); it != o.end() && !it->value().is_null()) {
    auto ids = ParseIdArray(it->value(), "photoFileIds");
    if (!ids) return std::move(ids).error();
    in.photo_file_ids = std::move(*ids);
  }
  auto defect = OptionalString(o, "defectItem");
  if (!defect) return std::move(defect).error();
  in.defect_item = std::move(*defect);
  if (staff) {
    auto note = RequiredString(o, "visitNote");
    if (!note) return std::move(note).error();
    in.visit_note = std::move(*note);
    auto address = OptionalString(o, "address");
    if (!address) return std::move(address).error();
    in.address = std::move(*address);
  }
  return in;
}

Result<service::ContactInput> ParseContactInput(const json::object& o) {
  service::ContactInput in;
  auto name = RequiredString(o, "name");
  if (!name) return std::move(name).error();
  in.name = std::move(*name);
  auto phone = RequiredString(o, "phone");
  if (!phone) return std::move(phone).error();
  in.phone = std::move(*phone);
  auto pub = OptionalBool(o, "phonePublic");
  if (!pub) return std::move(pub).error();
  in.phone_public = pub->value_or(false);
  return in;
}

}  // namespace huanxin::http
