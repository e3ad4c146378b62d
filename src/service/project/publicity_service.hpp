// Publicity (公示) use cases (issue #12; docs/publicity.md; core/project/publicity.hpp): staff post a
// notice about a project for a window of working days on the official calendar, revise it (a new
// version and a new window; every earlier version kept), keep the board's photo and answer the
// objections; residents read the notice and object during the window without logging in, at most
// `objections_per_hour` times per address and notice; a printable A4 notice carries a QR code to
// the public page.
//
// Staff writes need project:publicity:write and reads project:read, with the project's region in
// the actor's scope. Every write runs in one transaction with its audit entry (public objections
// too, as an anonymous resident). Dates are Beijing dates from the injected Clock.
//
// Thread safety: every member may be called from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "service/calendar/calendar_service.hpp"
#include "service/file/file_service.hpp"
#include "service/platform/actor.hpp"
#include "service/platform/document.hpp"
#include "store/database.hpp"
#include "store/project/publicity_repository.hpp"

namespace huanxin::service {

struct PublicityOptions {
  int working_days = 7;         // project.publicity_working_days: a window's default length
  int objections_per_hour = 5;  // project.objection_rate_per_hour: per client address and notice
  std::string client_key;       // the server secret client addresses are hashed with (16–64 bytes)
};

struct NoticeInput {
  std::int64_t project_id = 0;
  std::string kind, title, body;
  std::optional<std::string> starts_on;  // 'YYYY-MM-DD'; today (Beijing) when absent
  std::optional<int> working_days;       // PublicityOptions::working_days when absent
};

struct RevisionInput {
  std::string title, body, reason;
  std::optional<std::string> starts_on;
  std::optional<int> working_days;
};

struct ObjectionInput {
  std::string content;
  std::optional<std::string> name, phone;
};

// A notice as staff or the public see it. `versions` and `objections` are filled by Get, Revise,
// AttachPhoto and PublicGet (the public: answered objections only), not by List.
struct NoticeView {
  store::PublicityNoticeRecord notice;
  std::string status;  // scheduled | open | closed on today's Beijing date
  std::string today;
  std::vector<store::PublicityVersionRecord> versions;
  std::vector<store::PublicityObjectionRecord> objections;
  std::string region_name;  // the notice's region, for the public page ("" when not in the tree)
};

struct ObjectionReceipt {
  std::int64_t id = 0;
  std::string received_at;
};

class PublicityService {
 public:
  // Registers the read policy of the "publicity" files (board photos: project:read).
  PublicityService(store::Database& db, const Clock& clock, CalendarService& calendar, FileService& files,
                   PublicityOptions options);

  // A new notice, version 1, its window counted by the calendar from startsOn. 403 auth.forbidden,
  // auth.out_of_scope (the project's region); 422 publicity.invalid_field (projectId unknown, kind,
  // title 1–100 characters, body 1–20 000, startsOn not a date, workingDays 1–60);
  // 422 calendar.year_not_loaded. Audited publicity.create.
  Result<NoticeView> Create(const Actor& actor, const NoticeInput& in);
  // A new version with its own window; the earlier ones are kept. Checks as Create plus reason
  // (1–500 characters); 404 publicity.not_found. Audited publicity.revise.
  Result<NoticeView> Revise(const Actor& actor, std::int64_t id, const RevisionInput& in);
  // Notices in the actor's scope, newest first (at most 500): of one project, and/or under a region
  // (403 when outside the scope). project:read.
  Result<std::vector<NoticeView>> List(const Actor& actor, std::optional<std::int64_t> project_id,
                                       const std::optional<std::string>& region_code);
  // One notice with every version and every objection (names and phones included). project:read;
  // 404 publicity.not_found; 403 out of scope.
  Result<NoticeView> Get(const Actor& actor, std::int64_t id);
  // The board as posted on site, a JPEG, PNG or WebP photo (metadata stripped), kept on the current
  // version. 413 file.too_large (10 MiB), 415 file.unsupported_type, 422 file.bad_image. Audited
  // publicity.photo.
  Result<NoticeView> AttachPhoto(const Actor& actor, std::int64_t id, const std::string& name, const std::string& bytes);
  // Answers an objection of the notice (answer 1–2 000 characters). 404 publicity.objection_not_found;
  // 409 publicity.already_answered. Audited publicity.answer.
  Result<store::PublicityObjectionRecord> Answer(const Actor& actor, std::int64_t id, std::int64_t objection_id,
                                                 const std::string& answer);

  // For anyone: the notice, its versions and its answered objections (the caller drops names and
  // phones). 404 publicity.not_found.
  Result<NoticeView> PublicGet(std::int64_t id);
  // A resident's objection to the current version: content 1–2 000 characters, name ≤ 40, phone
  // ≤ 20 of digits, '+', '-' and spaces. 409 publicity.closed outside the window; 429
  // publicity.rate_limited past the hourly limit for `client_address` and the notice; 422
  // publicity.invalid_field. Nothing is stored when refused. Audited publicity.object (without the
  // name and phone).
  Result<ObjectionReceipt> Object(std::int64_t id, const ObjectionInput& in, const std::string& client_address,
                                  const std::string& request_id);
  // The printable A4 notice (text/html, current version) with a QR code of PublicPageUrl(public_base,
  // id); for anyone. 404 publicity.not_found.
  Result<Document> PrintHtml(std::int64_t id, const std::string& public_base);

  // The resident page of a notice: "<base>/h5/#/publicity/<id>".
  static std::string PublicPageUrl(const std::string& public_base, std::int64_t id);

 private:
  std::string Today() const;
  // A version's validated title, body and window (startsOn default today, workingDays default from
  // the options, endsOn from the calendar), authored by `actor` now; notice, number and reason unset.
  Result<store::PublicityVersionRecord> NewVersion(const Actor& actor, const std::string& title, const std::string& body,
                                                   const std::optional<std::string>& starts_on,
                                                   std::optional<int> working_days);
  Result<NoticeView> Load(store::Session& s, std::int64_t id, bool full, bool answered_only);
  Result<NoticeView> LoadForActor(store::Session& s, const Actor& actor, std::int64_t id, std::string_view permission);

  store::Database& db_;
  const Clock& clock_;
  CalendarService& calendar_;
  FileService& files_;
  PublicityOptions options_;
};

}  // namespace huanxin::service
