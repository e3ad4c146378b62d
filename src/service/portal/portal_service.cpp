#include "service/portal/portal_service.hpp"

#include <algorithm>
#include <map>

#include "core/project/funds.hpp"

namespace huanxin::service {

namespace {

bool IsRegionCode(const std::string& code) {
  if (code.size() < 2 || code.size() > 12) return false;
  return std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; });
}

Error BadRegion(const std::string& code) {
  return MakeError(ErrorCode::kUnprocessable, "http.invalid_field", Text("字段 regionCode 无效", "field regionCode is invalid"),
                   Text("应为 2–12 位数字，现为 " + code, "expected 2–12 digits, got " + code),
                   Text("请检查查询参数", "check the query parameters"));
}

std::string Micro(std::int64_t e6) {
  const bool neg = e6 < 0;
  const auto v = neg ? -e6 : e6;
  std::string frac = std::to_string(v % 1000000);
  frac.insert(0, 6 - frac.size(), '0');
  return (neg ? "-" : "") + std::to_string(v / 1000000) + "." + frac;
}

DataCell Opt(const std::optional<std::string>& s) { return s ? DataCell(*s) : DataCell(std::monostate{}); }
DataCell Opt(const std::optional<std::int64_t>& v) { return v ? DataCell(*v) : DataCell(std::monostate{}); }

}  // namespace

std::string RenovationStatusOf(const std::optional<std::string>& status) {
  if (!status) return "none";
  if (*status == "started") return "started";
  if (*status == "completed" || *status == "accepted" || *status == "handed_over") return "completed";
  return "planned";
}

const std::vector<std::string>& OpenDatasets() {
  static const std::vector<std::string> kNames = {"estates", "funding", "progress", "rectifications", "stats"};
  return kNames;
}

std::string DataTableCsv(const DataTable& t) {
  auto field = [](const std::string& s) {
    if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
    std::string q = "\"";
    for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
  };
  std::string out;
  for (std::size_t i = 0; i < t.columns.size(); ++i) out += (i ? "," : "") + field(t.columns[i]);
  out += "\r\n";
  for (const auto& row : t.rows) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i) out += ",";
      if (const auto* n = std::get_if<std::int64_t>(&row[i])) out += std::to_string(*n);
      else if (const auto* s = std::get_if<std::string>(&row[i])) out += field(*s);
    }
    out += "\r\n";
  }
  return out;
}

Result<std::optional<std::int64_t>> PortalService::Progress(const store::PublicEstateRow& e, const std::string& status) {
  if (status != "started" && status != "completed") return std::optional<std::int64_t>{};
  auto works = notices_.PublicWorksOf(e.id);
  if (!works) return std::move(works).error();
  if (!works->percent) return std::optional<std::int64_t>{};
  return std::optional<std::int64_t>(*works->percent / 100);
}

Result<PublicEstateSummary> PortalService::Summarise(store::PublicEstateRow e) {
  PublicEstateSummary out;
  out.renovation_status = RenovationStatusOf(e.project_status);
  auto p = Progress(e, out.renovation_status);
  if (!p) return std::move(p).error();
  out.progress = *p;
  out.estate = std::move(e);
  return out;
}

Result<PublicEstatePage> PortalService::Estates(const std::string& region_code, std::int64_t page, std::int64_t page_size) {
  if (!region_code.empty() && !IsRegionCode(region_code)) return BadRegion(region_code);
  std::int64_t total = 0;
  auto rows = store::ReadResult(db_, [&](store::Session& s) {
    return store::PortalRepository::Estates(s, region_code, page_size, (page - 1) * page_size, total);
  });
  if (!rows) return std::move(rows).error();
  PublicEstatePage out;
  out.total = total;
  out.page = page;
  out.page_size = page_size;
  for (auto& e : *rows) {
    auto sum = Summarise(std::move(e));
    if (!sum) return std::move(sum).error();
    out.items.push_back(std::move(*sum));
  }
  return out;
}

Result<PublicEstateView> PortalService::Estate(std::int64_t estate_id) {
  PublicEstateView v;
  std::vector<store::PublicObjectionRow> objections;
  std::vector<store::PublicNoticeRow> notices;
  std::optional<store::PublicEstateRow> estate;
  auto r = db_.Read([&](store::Session& s) -> Result<void> {
    using R = store::PortalRepository;
    auto e = R::Estate(s, estate_id);
    if (!e) return std::move(e).error();
    if (!*e)
      return MakeError(ErrorCode::kNotFound, "portal.estate_not_found", Text("小区不存在", "no such estate"),
                       Text("没有 id 为 " + std::to_string(estate_id) + " 的小区", "no estate with id " + std::to_string(estate_id)),
                       Text("请从小区列表进入", "open it from the estate list"));
    estate = std::move(**e);
#define HX_PORTAL_READ(field, call)              \
  {                                              \
    auto x = call;                               \
    if (!x) return std::move(x).error();         \
    field = std::move(*x);                       \
  }
    HX_PORTAL_READ(v.projects, R::Projects(s, estate_id))
    HX_PORTAL_READ(v.plan, R::Plan(s, estate_id))
    HX_PORTAL_READ(v.money, R::Money(s, estate_id))
    HX_PORTAL_READ(notices, R::Notices(s, estate_id))
    HX_PORTAL_READ(objections, R::Objections(s, estate_id))
    HX_PORTAL_READ(v.problems, R::Problems(s, estate_id))
    HX_PORTAL_READ(v.rectifications, R::Rectifications(s, estate_id))
    HX_PORTAL_READ(v.acceptance, R::Acceptance(s, estate_id))
    HX_PORTAL_READ(v.ratings, R::Ratings(s, estate_id))
#undef HX_PORTAL_READ
    return Ok();
  });
  if (!r) return std::move(r).error();
  for (auto& n : notices) {
    PublicNotice pn{std::move(n), {}};
    for (const auto& o : objections)
      if (o.notice_id == pn.notice.id) pn.objections.push_back(o);
    v.notices.push_back(std::move(pn));
  }
  v.summary.renovation_status = RenovationStatusOf(estate->project_status);
  auto works = notices_.PublicWorksOf(estate_id);
  if (!works) return std::move(works).error();
  if (v.summary.renovation_status == "started" || v.summary.renovation_status == "completed")
    if (works->percent) v.summary.progress = *works->percent / 100;
  v.schedule = std::move(works->steps);
  v.summary.estate = std::move(*estate);
  if (management_) v.management = management_(estate_id);
  return v;
}

Result<PublicStats> PortalService::Stats(const std::string& region_code, std::optional<std::int64_t> year) {
  if (!region_code.empty() && !IsRegionCode(region_code)) return BadRegion(region_code);
  if (year && (*year < 2000 || *year > 2100))
    return MakeError(ErrorCode::kUnprocessable, "http.invalid_field", Text("字段 year 无效", "field year is invalid"),
                     Text("应为 2000–2100 的整数，现为 " + std::to_string(*year), "expected 2000–2100, got " + std::to_string(*year)),
                     Text("请检查查询参数", "check the query parameters"));
  auto data = store::ReadResult(db_, [&](store::Session& s) { return store::PortalRepository::Stats(s, region_code, year); });
  if (!data) return std::move(data).error();
  PublicStats out;
  if (!region_code.empty()) out.region_code = region_code;
  out.year = year;
  out.data = std::move(*data);
  return out;
}

Result<DataTable> PortalService::Dataset(const std::string& name) {
  DataTable t;
  if (name == "estates") {
    auto page = Estates("", 1, -1);
    if (!page) return std::move(page).error();
    t.columns = {"id", "name", "address", "regionCode", "community", "street", "county", "builtYear", "renovationYear",
                 "renovationStatus", "progressPercent", "lat", "lng", "buildings", "households"};
    for (const auto& i : page->items) {
      const auto& e = i.estate;
      t.rows.push_back({e.id, e.name, e.address, e.region_code, e.community, Opt(e.street), Opt(e.county), e.built_year,
                        Opt(e.project_year), i.renovation_status, Opt(i.progress),
                        e.lat_e6 ? DataCell(Micro(*e.lat_e6)) : DataCell(std::monostate{}),
                        e.lng_e6 ? DataCell(Micro(*e.lng_e6)) : DataCell(std::monostate{}), e.buildings, e.households});
    }
    return t;
  }
  if (name == "funding") {
    auto rows = store::ReadResult(db_, [](store::Session& s) { return store::PortalRepository::Funding(s); });
    if (!rows) return std::move(rows).error();
    t.columns = {"projectId", "projectName", "year", "regionCode", "source", "sourceName", "committedFen", "receivedFen", "paidFen"};
    for (const auto& f : *rows) {
      auto src = core::project::ParseFundSource(f.source);
      t.rows.push_back({f.project_id, f.project_name, f.year, f.region_code, f.source,
                        src ? core::project::FundSourceName(*src).zh : f.source, f.committed_fen, f.received_fen, f.paid_fen});
    }
    return t;
  }
  if (name == "progress") {
    auto rows = store::ReadResult(db_, [](store::Session& s) { return store::PortalRepository::AllProjects(s); });
    if (!rows) return std::move(rows).error();
    t.columns = {"projectId", "projectName", "year", "kind", "status", "estateIds", "acceptedOn"};
    for (const auto& [p, estates] : *rows)
      t.rows.push_back({p.id, p.name, p.year, p.kind, p.status, estates, Opt(p.accepted_on)});
    return t;
  }
  if (name == "rectifications") {
    auto rows = store::ReadResult(db_, [](store::Session& s) { return store::PortalRepository::AllRectifications(s); });
    if (!rows) return std::move(rows).error();
    t.columns = {"id", "projectId", "estateIds", "regionCode", "itemCode", "finding", "issuedOn", "dueOn", "status", "closedOn"};
    for (const auto& r : *rows) {
      const auto& o = r.order;
      t.rows.push_back({o.id, o.project_id, r.estate_ids, r.region_code, Opt(o.item_code), o.finding, o.issued_on, o.due_on,
                        o.status, Opt(o.closed_on)});
    }
    return t;
  }
  if (name == "stats") {
    auto counties = store::ReadResult(db_, [](store::Session& s) { return store::PortalRepository::Counties(s); });
    if (!counties) return std::move(counties).error();
    t.columns = {"regionCode", "regionName", "estates", "buildings", "households", "planned", "started", "completed",
                 "committedFen", "paidFen", "ticketsReceived", "ticketsClosed", "rectificationsOpen", "rectificationsClosed"};
    for (const auto& [code, county] : *counties) {
      auto st = Stats(code, std::nullopt);
      if (!st) return std::move(st).error();
      const auto& d = st->data;
      std::int64_t committed = 0, paid = 0;
      for (const auto& m : d.money) {
        committed += m.committed_fen;
        paid += m.paid_fen;
      }
      t.rows.push_back({code, county, d.estates, d.buildings, d.households, d.planned, d.started, d.completed, committed, paid,
                        d.tickets_received, d.tickets_closed, d.rectifications_open, d.rectifications_closed});
    }
    return t;
  }
  return MakeError(ErrorCode::kNotFound, "portal.dataset_not_found", Text("数据集不存在", "no such dataset"),
                   Text("没有数据集 " + name, "no dataset " + name),
                   Text("可用：estates、funding、progress、rectifications、stats，后缀 .csv 或 .json",
                        "available: estates, funding, progress, rectifications, stats, as .csv or .json"));
}

}  // namespace huanxin::service
