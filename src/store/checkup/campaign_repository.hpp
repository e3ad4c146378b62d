// Check-up campaigns (体检任务) and their estates — assignment, review state and the kept report
// file — in portable SQL (issue #4; docs/checkup.md, "Campaigns"). Functions run in the caller's
// transaction and do not authorise; services do.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "store/database.hpp"

namespace huanxin::store {

struct CheckupRecord {
  std::int64_t id = 0;
  std::string title;
  int year = 0;
  std::string region_code;  // the street (or community) the campaign covers
  std::int64_t catalog_id = 0;
  std::string catalog_name;  // joined, read-only
  std::int64_t created_by = 0;
  std::string created_at, updated_at;
};

struct CheckupEstateRecord {
  std::int64_t checkup_id = 0, estate_id = 0;
  std::string estate_name;  // joined, read-only
  std::string region_code;  // the estate's community
  std::string status;       // draft | submitted | approved | returned
  std::string comment;
  std::optional<std::int64_t> assignee_id;
  std::string assignee;  // the assignee's username, joined, read-only ("" for none)
  std::optional<std::string> submitted_at, approved_at;
  std::optional<std::int64_t> report_file_id;
  std::string updated_at;
  std::int64_t observations = 0, problems = 0;  // counted, read-only (problems: graded observations)
};

struct CheckupFilter {
  std::string region_prefix;  // campaigns with at least one estate under this prefix ("" = all)
  std::optional<int> year;
  std::int64_t limit = 200;
};

// A review step of one campaign estate: the new status and comment, stamped `at`.
struct CheckupReviewChange {
  std::string status, comment, at;
  bool stamp_submitted = false;  // also sets submitted_at = at
  bool stamp_approved = false;   // also sets approved_at = at
};

// The check-up part of a user's workbench: estates in the year's campaigns inside a scope.
struct CheckupWorkbenchCounts {
  std::int64_t campaigns = 0, estates = 0;
  std::int64_t in_progress = 0, awaiting_review = 0, approved = 0;  // draft or returned / submitted / approved
  std::int64_t assigned_to_user = 0;  // assigned to the user and still to capture (draft or returned)
  std::int64_t problems = 0;          // graded observations in those estates
};

struct CheckupCampaignRepository {
  // Counts over the campaigns of `year`, for the estates whose community lies in `scope_prefix`.
  static Result<CheckupWorkbenchCounts> WorkbenchCounts(Session& s, const std::string& scope_prefix, int year,
                                                        std::int64_t user_id);
  // Inserts a campaign (id and catalog_name ignored); returns its id.
  static Result<std::int64_t> Insert(Session& s, const CheckupRecord& c);
  static Result<std::optional<CheckupRecord>> Find(Session& s, std::int64_t id);
  // Campaign ids matching the filter, newest first, at most `limit`.
  static Result<std::vector<std::int64_t>> List(Session& s, const CheckupFilter& f);

  // Adds an estate to a campaign with checkup_id, estate_id, region_code, status and updated_at of `e`.
  static Result<void> InsertEstate(Session& s, const CheckupEstateRecord& e);
  // The campaign's estates whose community starts with `scope_prefix` ("" = all), by community code
  // then estate name, with their observation and problem counts.
  static Result<std::vector<CheckupEstateRecord>> Estates(Session& s, std::int64_t checkup_id,
                                                          const std::string& scope_prefix);
  // The following return false (nothing changed) when the estate is not in the campaign.
  static Result<bool> Assign(Session& s, std::int64_t checkup_id, std::int64_t estate_id, std::int64_t user_id,
                             const std::string& at);
  static Result<bool> SetReview(Session& s, std::int64_t checkup_id, std::int64_t estate_id,
                                const CheckupReviewChange& change);
  static Result<bool> SetReportFile(Session& s, std::int64_t checkup_id, std::int64_t estate_id,
                                    std::int64_t file_id);

  // Registered estates (id, community code) whose community starts with `region_prefix`, by id: the
  // estates of a street-wide campaign.
  static Result<std::vector<std::pair<std::int64_t, std::string>>> EstatesIn(Session& s,
                                                                            const std::string& region_prefix);
};

}  // namespace huanxin::store
