// The public portal's reads (issue #15 "Dashboards and the public portal"; docs/portal.md). Read-only
// queries over other contexts' tables, shaped for the public: estates and buildings are counted, a
// dwelling, owner, resident or user is never selected (no name, phone, ID number, room or dwelling
// id leaves this file). Every function runs inside the caller's read transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace huanxin::store {

struct PublicEstateRow {
  std::int64_t id = 0;
  std::string name, address, region_code, community;
  std::optional<std::string> street, county;
  std::int64_t built_year = 0;
  std::optional<std::int64_t> lat_e6, lng_e6;
  std::int64_t buildings = 0, households = 0;
  // The estate's latest project (highest year, then id): none when it is in no project.
  std::optional<std::int64_t> project_id, project_year;
  std::optional<std::string> project_status;
};

struct PublicProjectRow {
  std::int64_t id = 0;
  std::string name;
  std::int64_t year = 0;
  std::string kind, status;
  std::optional<std::string> accepted_on;
};

struct PublicPlanRow {
  std::int64_t project_id = 0;
  std::string item_code, item_name_zh, item_name_en, unit;
  std::int64_t quantity_centi = 0, estimate_fen = 0;
  std::optional<std::int64_t> budget_fen;
};

struct PublicMoneyRow {
  std::string source;
  std::int64_t committed_fen = 0, received_fen = 0, paid_fen = 0;
};

struct PublicObjectionRow {
  std::int64_t notice_id = 0;
  std::string content, received_at;
  std::optional<std::string> answer, answered_at;
};

struct PublicNoticeRow {
  std::int64_t id = 0, project_id = 0;
  std::string kind, title, body;
  std::int64_t version = 0;
  std::string starts_on, ends_on;
};

struct PublicProblemRow {
  std::int64_t checkup_id = 0, year = 0;
  std::string indicator_code, indicator_zh, indicator_en;
  std::optional<std::string> building;  // the building's number; none for the estate as a whole
};

struct PublicRectificationRow {
  std::int64_t id = 0, project_id = 0;
  std::optional<std::string> item_code;
  std::string finding, issued_on, due_on, status;
  std::optional<std::string> closed_on;
};

struct PublicAcceptanceRow {
  std::int64_t project_id = 0;
  std::optional<std::string> accepted_on;
  std::optional<std::int64_t> points, max_points;
  std::int64_t households_accepted = 0, households_refused = 0;
};

struct PublicStatsRow {
  std::int64_t estates = 0, buildings = 0, households = 0;
  std::int64_t planned = 0, started = 0, completed = 0;  // estates, by their latest project
  std::vector<PublicMoneyRow> money;                     // committed and paid by source
  std::int64_t tickets_received = 0, tickets_closed = 0;
  std::int64_t rectifications_open = 0, rectifications_closed = 0;
};

struct PublicFundingRow {
  std::int64_t project_id = 0;
  std::string project_name;
  std::int64_t year = 0;
  std::string region_code, source;
  std::int64_t committed_fen = 0, received_fen = 0, paid_fen = 0;
};

struct PublicRectificationDataRow {
  PublicRectificationRow order;
  std::string region_code;
  std::string estate_ids;  // the project's estates, space-separated
};

struct PortalRepository {
  // Estates under `region_prefix` (all when empty) by id; `limit` < 0 for all. `total` is set.
  static Result<std::vector<PublicEstateRow>> Estates(Session& s, const std::string& region_prefix, std::int64_t limit,
                                                      std::int64_t offset, std::int64_t& total);
  static Result<std::optional<PublicEstateRow>> Estate(Session& s, std::int64_t estate_id);
  // The projects the estate is in, newest first.
  static Result<std::vector<PublicProjectRow>> Projects(Session& s, std::int64_t estate_id);
  static Result<std::vector<PublicPlanRow>> Plan(Session& s, std::int64_t estate_id);
  static Result<std::vector<PublicMoneyRow>> Money(Session& s, std::int64_t estate_id);
  static Result<std::vector<PublicNoticeRow>> Notices(Session& s, std::int64_t estate_id);
  // The objections to the estate's notices: the text and the answer only (never who sent them).
  static Result<std::vector<PublicObjectionRow>> Objections(Session& s, std::int64_t estate_id);
  // Problems the check-ups found at the estate or one of its buildings (never a dwelling's).
  static Result<std::vector<PublicProblemRow>> Problems(Session& s, std::int64_t estate_id);
  static Result<std::vector<PublicRectificationRow>> Rectifications(Session& s, std::int64_t estate_id);
  // Completion acceptance per project with the estate's household acceptances counted.
  static Result<std::vector<PublicAcceptanceRow>> Acceptance(Session& s, std::int64_t estate_id);
  // Counts of ratings 1–5 of the estate's tickets (index 0 = one star).
  static Result<std::vector<std::int64_t>> Ratings(Session& s, std::int64_t estate_id);

  // Programme statistics under `region_prefix` (all when empty), projects of `year` (all when none).
  static Result<PublicStatsRow> Stats(Session& s, const std::string& region_prefix, std::optional<std::int64_t> year);
  // Open data: one row per project and source; one row per rectification order.
  static Result<std::vector<PublicFundingRow>> Funding(Session& s);
  static Result<std::vector<PublicRectificationDataRow>> AllRectifications(Session& s);
  // Every project with its estates (space-separated ids), for the progress dataset.
  static Result<std::vector<std::pair<PublicProjectRow, std::string>>> AllProjects(Session& s);
  // The county codes with estates (for the stats dataset).
  static Result<std::vector<std::pair<std::string, std::string>>> Counties(Session& s);
};

}  // namespace huanxin::store
