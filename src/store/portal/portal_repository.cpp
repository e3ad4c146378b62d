#include "store/portal/portal_repository.hpp"

#include <map>

namespace huanxin::store {

namespace {

// The estate's columns with its community, street and county names and its counters; never a
// dwelling's column.
constexpr const char* kEstateSelect =
    "SELECT e.id, e.name, e.address, e.region_code, COALESCE(c.name, ''), st.name, co.name, e.built_year, e.lat_e6, "
    "e.lng_e6, COALESCE(es.buildings, 0), COALESCE(es.dwellings, 0) FROM estate e "
    "LEFT JOIN region c ON c.code = e.region_code LEFT JOIN region st ON st.code = c.parent_code "
    "LEFT JOIN region co ON co.code = st.parent_code LEFT JOIN estate_stat es ON es.estate_id = e.id";

PublicEstateRow EstateFromRow(const Row& r) {
  PublicEstateRow e;
  e.id = r.GetInt(0);
  e.name = r.GetText(1);
  e.address = r.GetText(2);
  e.region_code = r.GetText(3);
  e.community = r.GetText(4);
  e.street = r.GetOptText(5);
  e.county = r.GetOptText(6);
  e.built_year = r.GetInt(7);
  e.lat_e6 = r.GetOptInt(8);
  e.lng_e6 = r.GetOptInt(9);
  e.buildings = r.GetInt(10);
  e.households = r.GetInt(11);
  return e;
}

// A project's status, or `accepted` once its completion acceptance is recorded (the acceptance is
// the fact; REFERENCE.md §4.2).
constexpr const char* kEffectiveStatus =
    "CASE WHEN EXISTS (SELECT 1 FROM completion_acceptance ca WHERE ca.project_id = p.id) "
    "AND p.status NOT IN ('accepted', 'handed_over') THEN 'accepted' ELSE p.status END";

// Fills each estate's latest project (highest year, then highest id).
Result<void> AddLatestProjects(Session& s, std::vector<PublicEstateRow>& estates) {
  if (estates.empty()) return Ok();
  std::string in;
  Params params;
  for (const auto& e : estates) {
    in += in.empty() ? "?" : ",?";
    params.push_back(Int(e.id));
  }
  auto rows = s.Query("SELECT pe.estate_id, p.id, p.year, " + std::string(kEffectiveStatus) +
                      " FROM project_estate pe JOIN project p ON p.id = pe.project_id "
                      "WHERE pe.estate_id IN (" + in + ") ORDER BY pe.estate_id, p.year, p.id",
                      params);
  if (!rows) return std::move(rows).error();
  std::map<std::int64_t, const Row*> latest;
  for (const auto& r : *rows) latest[r.GetInt(0)] = &r;  // ordered: the last one wins
  for (auto& e : estates) {
    auto it = latest.find(e.id);
    if (it == latest.end()) continue;
    e.project_id = it->second->GetInt(1);
    e.project_year = it->second->GetInt(2);
    e.project_status = it->second->GetText(3);
  }
  return Ok();
}

// The projects the estate is in, as a sub-select.
constexpr const char* kEstateProjects = "(SELECT project_id FROM project_estate WHERE estate_id = ?)";

}  // namespace

Result<std::vector<PublicEstateRow>> PortalRepository::Estates(Session& s, const std::string& region_prefix,
                                                                std::int64_t limit, std::int64_t offset,
                                                                std::int64_t& total) {
  std::string where = " WHERE 1 = 1";
  Params params;
  AddPrefixFilter(where, params, "e.region_code", region_prefix);
  auto count = QueryInt(s, "SELECT COUNT(*) FROM estate e" + where, params);
  if (!count) return std::move(count).error();
  total = *count;
  std::string sql = std::string(kEstateSelect) + where + " ORDER BY e.id";
  if (limit >= 0) {
    sql += " LIMIT ? OFFSET ?";
    params.push_back(Int(limit));
    params.push_back(Int(offset));
  }
  auto out = MapRows<PublicEstateRow>(s.Query(sql, params), EstateFromRow);
  if (!out) return out;
  if (auto r = AddLatestProjects(s, *out); !r) return std::move(r).error();
  return out;
}

Result<std::optional<PublicEstateRow>> PortalRepository::Estate(Session& s, std::int64_t estate_id) {
  auto out = FirstRow<PublicEstateRow>(s.Query(std::string(kEstateSelect) + " WHERE e.id = ?", {Int(estate_id)}), EstateFromRow);
  if (!out || !*out) return out;
  std::vector<PublicEstateRow> one{**out};
  if (auto r = AddLatestProjects(s, one); !r) return std::move(r).error();
  return std::optional<PublicEstateRow>(std::move(one.front()));
}

Result<std::vector<PublicProjectRow>> PortalRepository::Projects(Session& s, std::int64_t estate_id) {
  return MapRows<PublicProjectRow>(
      s.Query("SELECT p.id, p.name, p.year, p.kind, p.status, ca.accepted_on FROM project p "
              "LEFT JOIN completion_acceptance ca ON ca.project_id = p.id WHERE p.id IN " +
                  std::string(kEstateProjects) + " ORDER BY p.year DESC, p.id DESC",
              {Int(estate_id)}),
      [](const Row& r) {
        return PublicProjectRow{r.GetInt(0), r.GetText(1), r.GetInt(2), r.GetText(3), r.GetText(4), r.GetOptText(5)};
      });
}

Result<std::vector<PublicPlanRow>> PortalRepository::Plan(Session& s, std::int64_t estate_id) {
  return MapRows<PublicPlanRow>(
      s.Query("SELECT b.project_id, b.item_code, i.name_zh, i.name_en, b.unit, b.quantity_centi, b.estimate_fen, "
              "b.budget_fen FROM budget_item b JOIN renovation_item i ON i.code = b.item_code WHERE b.project_id IN " +
                  std::string(kEstateProjects) + " ORDER BY b.project_id, b.id",
              {Int(estate_id)}),
      [](const Row& r) {
        return PublicPlanRow{r.GetInt(0), r.GetText(1), r.GetText(2), r.GetText(3), r.GetText(4),
                             r.GetInt(5), r.GetInt(6), r.GetOptInt(7)};
      });
}

namespace {
Result<std::vector<PublicMoneyRow>> MoneyBySource(Session& s, const std::string& where, const Params& params) {
  auto rows = s.Query("SELECT source, "
                      "COALESCE(SUM(CASE WHEN kind = 'committed' THEN amount_fen ELSE 0 END), 0), "
                      "COALESCE(SUM(CASE WHEN kind = 'received' THEN amount_fen ELSE 0 END), 0), "
                      "COALESCE(SUM(CASE WHEN kind = 'paid' THEN amount_fen ELSE 0 END), 0) "
                      "FROM fund_entry WHERE " + where + " GROUP BY source ORDER BY source",
                      params);
  return MapRows<PublicMoneyRow>(std::move(rows), [](const Row& r) {
    return PublicMoneyRow{r.GetText(0), r.GetInt(1), r.GetInt(2), r.GetInt(3)};
  });
}
}  // namespace

Result<std::vector<PublicMoneyRow>> PortalRepository::Money(Session& s, std::int64_t estate_id) {
  return MoneyBySource(s, "project_id IN " + std::string(kEstateProjects), {Int(estate_id)});
}

Result<std::vector<PublicNoticeRow>> PortalRepository::Notices(Session& s, std::int64_t estate_id) {
  return MapRows<PublicNoticeRow>(
      s.Query("SELECT n.id, n.project_id, n.kind, v.title, v.body, v.version, v.starts_on, v.ends_on "
              "FROM publicity_notice n JOIN publicity_version v ON v.notice_id = n.id AND v.version = n.current_version "
              "WHERE n.project_id IN " + std::string(kEstateProjects) + " ORDER BY v.starts_on DESC, n.id DESC",
              {Int(estate_id)}),
      [](const Row& r) {
        return PublicNoticeRow{r.GetInt(0), r.GetInt(1), r.GetText(2), r.GetText(3), r.GetText(4),
                               r.GetInt(5), r.GetText(6), r.GetText(7)};
      });
}

Result<std::vector<PublicObjectionRow>> PortalRepository::Objections(Session& s, std::int64_t estate_id) {
  // Only the text and the answer: name, phone and client_key stay here.
  return MapRows<PublicObjectionRow>(
      s.Query("SELECT o.notice_id, o.content, o.received_at, o.answer, o.answered_at FROM publicity_objection o "
              "JOIN publicity_notice n ON n.id = o.notice_id WHERE n.project_id IN " + std::string(kEstateProjects) +
                  " ORDER BY o.id",
              {Int(estate_id)}),
      [](const Row& r) {
        return PublicObjectionRow{r.GetInt(0), r.GetText(1), r.GetText(2), r.GetOptText(3), r.GetOptText(4)};
      });
}

Result<std::vector<PublicProblemRow>> PortalRepository::Problems(Session& s, std::int64_t estate_id) {
  return MapRows<PublicProblemRow>(
      s.Query("SELECT DISTINCT o.checkup_id, c.year, o.indicator, i.name_zh, i.name_en, b.number FROM checkup_observation o "
              "JOIN checkup c ON c.id = o.checkup_id "
              "JOIN checkup_indicator i ON i.catalog_id = c.catalog_id AND i.code = o.indicator "
              "LEFT JOIN building b ON b.id = o.building_id "
              "WHERE o.estate_id = ? AND o.dwelling_id IS NULL AND o.severity IS NOT NULL "
              "ORDER BY o.checkup_id, o.indicator, b.number",
              {Int(estate_id)}),
      [](const Row& r) {
        return PublicProblemRow{r.GetInt(0), r.GetInt(1), r.GetText(2), r.GetText(3), r.GetText(4), r.GetOptText(5)};
      });
}

namespace {
constexpr const char* kOrderColumns =
    "o.id, o.project_id, o.item_code, o.finding, o.issued_on, o.due_on, o.status, o.closed_on";
PublicRectificationRow OrderFromRow(const Row& r) {
  return PublicRectificationRow{r.GetInt(0), r.GetInt(1), r.GetOptText(2), r.GetText(3),
                                r.GetText(4), r.GetText(5), r.GetText(6), r.GetOptText(7)};
}
}  // namespace

Result<std::vector<PublicRectificationRow>> PortalRepository::Rectifications(Session& s, std::int64_t estate_id) {
  return MapRows<PublicRectificationRow>(
      s.Query("SELECT " + std::string(kOrderColumns) + " FROM rectification_order o WHERE o.project_id IN " +
                  kEstateProjects + " ORDER BY o.issued_on DESC, o.id DESC",
              {Int(estate_id)}),
      OrderFromRow);
}

Result<std::vector<PublicAcceptanceRow>> PortalRepository::Acceptance(Session& s, std::int64_t estate_id) {
  return MapRows<PublicAcceptanceRow>(
      s.Query("SELECT p.id, ca.accepted_on, ca.points, ca.max_points, "
              "(SELECT COUNT(*) FROM household_acceptance h WHERE h.project_id = p.id AND h.estate_id = ? AND h.result = 'accepted'), "
              "(SELECT COUNT(*) FROM household_acceptance h WHERE h.project_id = p.id AND h.estate_id = ? AND h.result = 'refused') "
              "FROM project p LEFT JOIN completion_acceptance ca ON ca.project_id = p.id WHERE p.id IN " +
                  std::string(kEstateProjects) +
                  " AND (ca.id IS NOT NULL OR EXISTS (SELECT 1 FROM household_acceptance h WHERE h.project_id = p.id "
                  "AND h.estate_id = ?)) ORDER BY p.year DESC, p.id DESC",
              {Int(estate_id), Int(estate_id), Int(estate_id), Int(estate_id)}),
      [](const Row& r) {
        return PublicAcceptanceRow{r.GetInt(0), r.GetOptText(1), r.GetOptInt(2), r.GetOptInt(3), r.GetInt(4), r.GetInt(5)};
      });
}

Result<std::vector<std::int64_t>> PortalRepository::Ratings(Session& s, std::int64_t estate_id) {
  auto rows = s.Query("SELECT rating, COUNT(*) FROM ticket WHERE estate_id = ? AND rating BETWEEN 1 AND 5 GROUP BY rating",
                      {Int(estate_id)});
  if (!rows) return std::move(rows).error();
  std::vector<std::int64_t> out(5, 0);
  for (const auto& r : *rows) out[static_cast<std::size_t>(r.GetInt(0) - 1)] = r.GetInt(1);
  return out;
}

Result<PublicStatsRow> PortalRepository::Stats(Session& s, const std::string& region_prefix, std::optional<std::int64_t> year) {
  PublicStatsRow out;
  std::string where = " WHERE 1 = 1";
  Params params;
  AddPrefixFilter(where, params, "e.region_code", region_prefix);
  auto counts = s.Query("SELECT COUNT(*), COALESCE(SUM(es.buildings), 0), COALESCE(SUM(es.dwellings), 0) FROM estate e "
                        "LEFT JOIN estate_stat es ON es.estate_id = e.id" + where,
                        params);
  if (!counts) return std::move(counts).error();
  out.estates = counts->front().GetInt(0);
  out.buildings = counts->front().GetInt(1);
  out.households = counts->front().GetInt(2);

  // Each estate counted once, by the furthest status of its projects (of the year when given).
  std::string pwhere = where;
  Params pparams = params;
  if (year) {
    pwhere += " AND p.year = ?";
    pparams.push_back(Int(*year));
  }
  auto statuses = s.Query("SELECT pe.estate_id, " + std::string(kEffectiveStatus) + " FROM project_estate pe JOIN project p ON p.id = pe.project_id "
                          "JOIN estate e ON e.id = pe.estate_id" + pwhere,
                          pparams);
  if (!statuses) return std::move(statuses).error();
  static const std::vector<std::string> kOrder = {"reserve",   "planned", "approved",  "designed", "tendered",
                                                  "permitted", "started", "completed", "accepted", "handed_over"};
  std::map<std::int64_t, int> furthest;
  for (const auto& r : *statuses) {
    int rank = 0;
    for (std::size_t i = 0; i < kOrder.size(); ++i)
      if (kOrder[i] == r.GetText(1)) rank = static_cast<int>(i);
    auto [it, fresh] = furthest.emplace(r.GetInt(0), rank);
    if (!fresh && rank > it->second) it->second = rank;
  }
  for (const auto& [estate, rank] : furthest) {
    ++out.planned;
    if (rank >= 6) ++out.started;
    if (rank >= 7) ++out.completed;
  }

  std::string fwhere = "1 = 1";
  Params fparams;
  AddPrefixFilter(fwhere, fparams, "region_code", region_prefix);
  if (year) {
    fwhere += " AND year = ?";
    fparams.push_back(Int(*year));
  }
  auto money = MoneyBySource(s, fwhere, fparams);
  if (!money) return std::move(money).error();
  out.money = std::move(*money);

  std::string twhere = " WHERE 1 = 1";
  Params tparams;
  AddPrefixFilter(twhere, tparams, "region_code", region_prefix);
  if (year) {
    twhere += " AND received_at >= ? AND received_at < ?";
    tparams.push_back(Str(std::to_string(*year) + "-01-01"));
    tparams.push_back(Str(std::to_string(*year + 1) + "-01-01"));
  }
  auto tickets = s.Query("SELECT COUNT(*), COALESCE(SUM(CASE WHEN status = 'closed' THEN 1 ELSE 0 END), 0) FROM ticket" + twhere,
                         tparams);
  if (!tickets) return std::move(tickets).error();
  out.tickets_received = tickets->front().GetInt(0);
  out.tickets_closed = tickets->front().GetInt(1);

  std::string rwhere = " WHERE 1 = 1";
  Params rparams;
  AddPrefixFilter(rwhere, rparams, "o.region_code", region_prefix);
  if (year) {
    rwhere += " AND p.year = ?";
    rparams.push_back(Int(*year));
  }
  auto orders = s.Query("SELECT COALESCE(SUM(CASE WHEN o.status <> 'closed' THEN 1 ELSE 0 END), 0), "
                        "COALESCE(SUM(CASE WHEN o.status = 'closed' THEN 1 ELSE 0 END), 0) FROM rectification_order o "
                        "JOIN project p ON p.id = o.project_id" + rwhere,
                        rparams);
  if (!orders) return std::move(orders).error();
  out.rectifications_open = orders->front().GetInt(0);
  out.rectifications_closed = orders->front().GetInt(1);
  return out;
}

Result<std::vector<PublicFundingRow>> PortalRepository::Funding(Session& s) {
  return MapRows<PublicFundingRow>(
      s.Query("SELECT p.id, p.name, p.year, p.region_code, f.source, "
              "COALESCE(SUM(CASE WHEN f.kind = 'committed' THEN f.amount_fen ELSE 0 END), 0), "
              "COALESCE(SUM(CASE WHEN f.kind = 'received' THEN f.amount_fen ELSE 0 END), 0), "
              "COALESCE(SUM(CASE WHEN f.kind = 'paid' THEN f.amount_fen ELSE 0 END), 0) "
              "FROM fund_entry f JOIN project p ON p.id = f.project_id "
              "GROUP BY p.id, p.name, p.year, p.region_code, f.source ORDER BY p.id, f.source"),
      [](const Row& r) {
        return PublicFundingRow{r.GetInt(0), r.GetText(1), r.GetInt(2), r.GetText(3),
                                r.GetText(4), r.GetInt(5), r.GetInt(6), r.GetInt(7)};
      });
}

namespace {
// Project id → its estates' ids, space-separated, ascending.
Result<std::map<std::int64_t, std::string>> EstatesByProject(Session& s) {
  auto rows = s.Query("SELECT project_id, estate_id FROM project_estate ORDER BY project_id, estate_id");
  if (!rows) return std::move(rows).error();
  std::map<std::int64_t, std::string> out;
  for (const auto& r : *rows) {
    auto& ids = out[r.GetInt(0)];
    ids += (ids.empty() ? "" : " ") + r.GetText(1);
  }
  return out;
}
}  // namespace

Result<std::vector<PublicRectificationDataRow>> PortalRepository::AllRectifications(Session& s) {
  auto estates = EstatesByProject(s);
  if (!estates) return std::move(estates).error();
  auto rows = s.Query("SELECT " + std::string(kOrderColumns) + ", o.region_code FROM rectification_order o ORDER BY o.id");
  if (!rows) return std::move(rows).error();
  std::vector<PublicRectificationDataRow> out;
  for (const auto& r : *rows) out.push_back({OrderFromRow(r), r.GetText(8), (*estates)[r.GetInt(1)]});
  return out;
}

Result<std::vector<std::pair<PublicProjectRow, std::string>>> PortalRepository::AllProjects(Session& s) {
  auto estates = EstatesByProject(s);
  if (!estates) return std::move(estates).error();
  auto rows = s.Query("SELECT p.id, p.name, p.year, p.kind, p.status, ca.accepted_on FROM project p "
                      "LEFT JOIN completion_acceptance ca ON ca.project_id = p.id ORDER BY p.id");
  if (!rows) return std::move(rows).error();
  std::vector<std::pair<PublicProjectRow, std::string>> out;
  for (const auto& r : *rows)
    out.emplace_back(PublicProjectRow{r.GetInt(0), r.GetText(1), r.GetInt(2), r.GetText(3), r.GetText(4), r.GetOptText(5)},
                     (*estates)[r.GetInt(0)]);
  return out;
}

Result<std::vector<std::pair<std::string, std::string>>> PortalRepository::Counties(Session& s) {
  return MapRows<std::pair<std::string, std::string>>(
      s.Query("SELECT r.code, r.name FROM region r WHERE r.level = 'county' AND EXISTS "
              "(SELECT 1 FROM estate e WHERE e.region_code >= r.code AND e.region_code < r.code || '~') ORDER BY r.code"),
      [](const Row& r) { return std::pair{r.GetText(0), r.GetText(1)}; });
}

}  // namespace huanxin::store
