// Check-up observations (体检记录), graded when written, in portable SQL (issue #4; docs/checkup.md,
// "Observations"). Functions run in the caller's transaction and do not authorise; services do.
//
// Severity is the enum everywhere here; it is a code ("larger_hazard") only in the `severity` column.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/checkup/grading.hpp"
#include "store/database.hpp"

namespace huanxin::store {

struct CheckupObservationRecord {
  std::int64_t id = 0, checkup_id = 0;
  std::string client_id;  // made by the phone; unique within the campaign
  std::int64_t estate_id = 0;
  std::string region_code;  // the estate's community
  std::optional<std::int64_t> building_id, dwelling_id;
  std::string indicator, criterion;
  bool present = false;
  std::optional<std::int64_t> value;  // hundredths
  bool condition = false;
  std::string note;
  std::vector<std::int64_t> photo_ids;
  std::optional<std::int64_t> lat_e6, lng_e6;
  std::string observed_at;
  std::string object_key;  // what the indicator counts: b:<building id> | d:<dwelling id> | e:<estate id>
  // nullopt: no problem. A stored code this build does not know reads as kProblem: a problem is never
  // dropped from the list for its wording.
  std::optional<core::checkup::Severity> severity;
  std::int64_t user_id = 0;
  std::string username;  // joined, read-only ("" when the user is gone)
  std::string created_at, updated_at;
};

struct CheckupObservationFilter {
  std::int64_t checkup_id = 0;
  std::string scope_prefix;  // the observation's community starts with it ("" = all)
  std::optional<std::int64_t> estate_id;
  bool problems_only = false;  // graded observations only (severity set)
  std::optional<core::checkup::Severity> severity;
  std::optional<std::string> indicator;
};

struct CheckupObservationRepository {
  // Inserts (id and username ignored); returns the id. Fails with store.duplicate when the campaign
  // already holds the client id, or an observation of the same criterion on the same object.
  static Result<std::int64_t> Insert(Session& s, const CheckupObservationRecord& o);
  // Rewrites what an observation says — estate, region, objects, indicator, criterion, readings,
  // note, photos, position, observed_at, object_key, severity, updated_at — of the row `o.id`;
  // checkup_id, client_id, user_id and created_at stay. False when there is no such row;
  // store.duplicate when another row of the campaign has the new (object_key, criterion).
  static Result<bool> Update(Session& s, const CheckupObservationRecord& o);
  static Result<bool> Delete(Session& s, std::int64_t id);
  static Result<std::optional<CheckupObservationRecord>> FindByClientId(Session& s, std::int64_t checkup_id,
                                                                        const std::string& client_id);
  // The campaign's observation of `criterion` on `object_key`: there is at most one (migration 0008).
  static Result<std::optional<CheckupObservationRecord>> FindByObject(Session& s, std::int64_t checkup_id,
                                                                      const std::string& object_key,
                                                                      const std::string& criterion);
  // Matching observations by id.
  static Result<std::vector<CheckupObservationRecord>> List(Session& s, const CheckupObservationFilter& f);
};

}  // namespace huanxin::store
