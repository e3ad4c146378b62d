// Works notices to residents (施工公告; issue #13 "Notices to residents"; docs/construction.md):
// every disruption step of the project's current schedule (its construction_schedule row with the
// highest id) gives one notice per estate whose buildings it touches, with its time window — for
// staff, printable for the stairwell door (A4 HTML with a QR code of the residents' page), on the
// residents' page without login, and as an iCalendar feed per estate (RFC 5545,
// core/construction/ical.hpp). Noise is a disruption kind too: residents want to know (the kind is
// shown). A notice's uid is stable per project, step code and estate; its SEQUENCE is the schedule's
// id, so a re-plan revises the events calendar apps already hold.
//
// The public answers carry no personal data: the estate's name, building numbers, kinds, dates,
// step names and percents only.
//
// Thread safety: every member may be called from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "service/platform/actor.hpp"
#include "service/platform/document.hpp"
#include "store/construction/notice_repository.hpp"
#include "store/database.hpp"

namespace huanxin::service {

struct WorksNotice {
  std::string uid;
  std::int64_t project_id = 0, estate_id = 0, sequence = 0;
  std::string estate_name;
  std::vector<std::string> buildings;  // as residents read them: "3号楼"
  std::string kind, step_code, step_name, from_on, to_on;
};

struct PublicStep {
  std::string name, start_on, end_on;
  std::int64_t percent = 0;  // hundredths; 0 when never reported
};

struct PublicWorks {
  store::EstateBrief estate;
  std::vector<WorksNotice> notices;
  std::optional<std::int64_t> percent;  // the estate's roll-up; nullopt when no project has steps
  std::vector<PublicStep> steps;
  std::string stamp;  // the newest schedule's creation time (the feed's DTSTAMP)
};

// The Chinese name of a disruption kind ("water" → "停水").
Text DisruptionName(const std::string& kind);

class NoticeService {
 public:
  NoticeService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // The project's notices (construction:read, ProjectForConstruction); none without a schedule.
  Result<std::vector<WorksNotice>> Notices(const Actor& actor, std::int64_t project_id);
  // The printable A4 notice of one estate of the project (text/html) with a QR code of
  // PublicPageUrl(public_base, estate). 404 construction.estate_not_found when the estate is not
  // the project's.
  Result<Document> PrintHtml(const Actor& actor, std::int64_t project_id, std::int64_t estate_id,
                             const std::string& public_base);
  // For anyone: the estate's notices, progress and scheduled steps over every project it is in.
  // 404 construction.estate_not_found.
  Result<PublicWorks> PublicWorksOf(std::int64_t estate_id);
  // The same notices as an iCalendar feed (text/calendar).
  Result<Document> Calendar(std::int64_t estate_id);

  // The steps of the project's current schedule with their dates (empty without a schedule), by
  // start date. construction:read.
  Result<std::vector<store::NoticeStepRecord>> ScheduledSteps(const Actor& actor, std::int64_t project_id);

  // The residents' page of an estate's works: "<base>/h5/#/works/<estateId>".
  static std::string PublicPageUrl(const std::string& public_base, std::int64_t estate_id);

 private:
  store::Database& db_;
  const Clock& clock_;
};

// The notices of `project_id`'s current schedule (of one estate when given), in the caller's
// transaction.
Result<std::vector<WorksNotice>> LoadNotices(store::Session& s, std::int64_t project_id,
                                             std::optional<std::int64_t> estate_id);

}  // namespace huanxin::service
