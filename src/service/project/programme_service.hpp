// Programme statistics and the upward report (issue #12; docs/programme.md): what a region's
// projects of one year add up to — projects, estates, buildings, households, floor area, committed
// investment and money by source, started and completed estates against the annual plan, and the
// fund execution rate — as 望奎 reports its year (REFERENCE.md §10: "投资8871万元，修缮改造28个小区，
// 施工面积15.49万平方米，帮助居民1867户").
//
// Thread safety: every member may be called from any thread (no state but the references).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "core/project/funds.hpp"
#include "service/platform/actor.hpp"
#include "service/platform/document.hpp"
#include "store/database.hpp"
#include "store/project/programme_repository.hpp"

namespace huanxin::service {

// One source's money in the programme (fen).
struct ProgrammeSource {
  core::project::FundSource source{};
  std::int64_t committed_fen = 0, received_fen = 0, paid_fen = 0;
};

struct ProgrammeStats {
  std::string region_code;  // the region asked for ("" for the whole country)
  std::string region_name;  // 全国 for the whole country; the code when the region is not imported
  int year = 0;
  store::ProgrammeFigures figures;
  std::vector<ProgrammeSource> by_source;  // every source with an entry, in kFundSources order
  std::int64_t committed_fen = 0, received_fen = 0, paid_fen = 0;  // investment = committed
  std::optional<store::ProgrammePlanTarget> plan;  // the region's plan, or its nearest ancestor's
  // In hundredths of a percent, half up (PercentHundredths); nullopt when the denominator is 0.
  std::optional<std::int64_t> start_rate, completion_rate, execution_rate;
};

class ProgrammeService {
 public:
  ProgrammeService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // The programme of `year` (default: the current year, Beijing time) under `region_code` (default:
  // the caller's scope). Permission project:read (403 auth.forbidden); the region must lie inside
  // the caller's scope (403 auth.out_of_scope); 422 programme.invalid_year outside 2000–2100; 422
  // region.invalid_code unless a 2, 4, 6, 9 or 12-digit code. Reads in one snapshot, four queries.
  Result<ProgrammeStats> Statistics(const Actor& actor, const std::optional<std::string>& region_code,
                                    std::optional<std::int64_t> year);

  // The upward report as XLSX: a sheet of the figures (汇总), one of money by source (资金来源) and
  // one row per project (项目明细), Chinese headings, numbers as numbers. Same rules and errors as
  // Statistics.
  Result<Document> ReportXlsx(const Actor& actor, const std::optional<std::string>& region_code,
                              std::optional<std::int64_t> year);

 private:
  struct Resolved {
    std::string region_code;
    int year = 0;
    store::ProgrammeFilter filter;
  };
  Result<Resolved> Resolve(const Actor& actor, const std::optional<std::string>& region_code,
                           std::optional<std::int64_t> year) const;
  Result<ProgrammeStats> Compute(store::Session& s, const Resolved& r) const;

  store::Database& db_;
  const Clock& clock_;
};

}  // namespace huanxin::service
