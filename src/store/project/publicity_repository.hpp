// Publicity (公示) notices, their versions and the objections residents send, in portable SQL
// (issue #12; docs/publicity.md; tables of migration 0010). Functions run in the caller's
// transaction and do not authorise; services do.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace huanxin::store {

// What publicity needs of a project (table `project`, the project context's): its place for the
// scope check, and its name for the notice.
struct PublicityProjectRef {
  std::int64_t id = 0;
  std::string name, region_code, status;
};

// One version of a notice. A revision adds a version; none is ever changed but for the photo.
struct PublicityVersionRecord {
  std::int64_t notice_id = 0;
  int version = 0;
  std::string title, body;
  std::string starts_on, ends_on;  // 'YYYY-MM-DD' (Beijing)
  int working_days = 0;
  std::string reason;  // why it was revised ("" for the first)
  std::optional<std::int64_t> photo_file_id;
  std::string photo_name, photo_content_type;  // joined from stored_file, read-only ("" without photo)
  std::int64_t photo_size = 0;                 // joined, read-only
  std::int64_t created_by = 0;
  std::string created_by_name;  // the author's username, joined, read-only
  std::string created_at;
};

struct PublicityNoticeRecord {
  std::int64_t id = 0, project_id = 0;
  std::string project_name;  // joined, read-only
  std::string region_code;   // the project's, copied at creation
  std::string kind;          // plan | design | budget | result | completion
  int current_version = 0;
  std::int64_t created_by = 0;
  std::string created_at;
  PublicityVersionRecord current;  // the current version, joined, read-only
  std::int64_t objections = 0, unanswered = 0;  // counted over all versions, read-only
};

struct PublicityObjectionRecord {
  std::int64_t id = 0, notice_id = 0;
  int version = 0;  // the notice's version the objection was sent against
  std::string content, name, phone;  // name and phone "" when not given
  std::string client_key;            // keyed hash of the sender's address (rate limit only)
  std::string received_at;
  std::optional<std::string> answer;
  std::optional<std::int64_t> answered_by;
  std::string answered_by_name;  // username, joined, read-only ("" when unanswered)
  std::optional<std::string> answered_at;
};

struct PublicityFilter {
  std::string region_prefix;  // notices whose region starts with it ("" = all)
  std::optional<std::int64_t> project_id;
  std::int64_t limit = 500;
};

struct PublicityRepository {
  // The project's name, region and status; nullopt when there is none with that id.
  static Result<std::optional<PublicityProjectRef>> FindProject(Session& s, std::int64_t project_id);

  // Inserts a notice (id, project_name, current and counts ignored); returns its id.
  static Result<std::int64_t> InsertNotice(Session& s, const PublicityNoticeRecord& n);
  // Inserts a version (joined fields ignored). A second row for the same notice and version is a
  // kConflict store.duplicate.
  static Result<void> InsertVersion(Session& s, const PublicityVersionRecord& v);
  // Makes `version` the notice's current one; false when there is no such notice.
  static Result<bool> SetCurrentVersion(Session& s, std::int64_t notice_id, int version);
  // Takes the notice's row lock until the transaction ends (a no-op update: PostgreSQL locks the
  // row, SQLite's write transaction is exclusive already), so that concurrent objections to one
  // notice are counted one after the other. False when there is no such notice.
  static Result<bool> Lock(Session& s, std::int64_t notice_id);

  static Result<std::optional<PublicityNoticeRecord>> Find(Session& s, std::int64_t id);
  // Notices matching the filter, newest first, at most `limit`.
  static Result<std::vector<PublicityNoticeRecord>> List(Session& s, const PublicityFilter& f);
  // Every version of the notice, oldest first.
  static Result<std::vector<PublicityVersionRecord>> Versions(Session& s, std::int64_t notice_id);
  // Sets the board photo of one version; false when there is no such version.
  static Result<bool> SetPhoto(Session& s, std::int64_t notice_id, int version, std::int64_t file_id);

  // Inserts an objection (id, answer fields and answered_by_name ignored); returns its id.
  static Result<std::int64_t> InsertObjection(Session& s, const PublicityObjectionRecord& o);
  // The notice's objections, oldest first; only the answered ones when `answered_only`.
  static Result<std::vector<PublicityObjectionRecord>> Objections(Session& s, std::int64_t notice_id,
                                                                  bool answered_only);
  static Result<std::optional<PublicityObjectionRecord>> FindObjection(Session& s, std::int64_t id);
  // Records the answer of an unanswered objection; false (nothing changed) when it has an answer
  // already or does not exist.
  static Result<bool> Answer(Session& s, std::int64_t objection_id, const std::string& answer, std::int64_t user_id,
                             const std::string& at);
  // Objections to the notice from `client_key` received at or after `since` (ISO 8601 UTC).
  static Result<std::int64_t> CountSince(Session& s, std::int64_t notice_id, const std::string& client_key,
                                         const std::string& since);
};

}  // namespace huanxin::store
