// Loading the register in bulk. Two users:
// - `huanxin gen` (src/app/gen.cpp) numbers estates, buildings, dwellings and owners itself and loads
//   them with Session::CopyIn, so it first reads where each table's ids stand and afterwards settles
//   the tables (MaxIds, AfterLoad);
// - the roster import (service/register/import_service.cpp) inserts many rows per statement
//   (InsertOwners, InsertDwellings, InsertLinks) and, for large rosters on SQLite, sets the per-row
//   insert triggers and the secondary indexes aside for the load (BeginRosterLoad, EndRosterLoad).
// Every function runs in the caller's transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.hpp"
#include "store/register/register_repository.hpp"

namespace huanxin::store {

struct RegisterMaxIds {
  std::int64_t estate = 0, building = 0, dwelling = 0, owner = 0;  // 0 for an empty table
};

// What every row of one roster load shares: the estate, its region, and the time written as
// created_at and updated_at. Text borrowed from the caller.
struct RosterLoadScope {
  std::int64_t estate_id = 0;
  std::string_view region_code, now;
};
// A new owner to insert; text borrowed from the caller (the parsed roster).
struct NewOwner {
  std::string_view id_number, name;
  std::optional<std::string_view> phone;
};
// A new dwelling to insert (use_type residential); text borrowed from the caller.
struct NewDwelling {
  std::int64_t building_id = 0;
  int stairwell = 0, floor = 0;
  std::int64_t exclusive_area_dm2 = 0;
  std::string_view room, area_source, sale_status;
};
// One owner link to insert (dwelling_owner; the estate and region are the load's).
struct OwnerLinkRecord {
  std::int64_t dwelling_id = 0, owner_id = 0;
};

// What BeginRosterLoad set aside: EndRosterLoad puts it back. Empty (inactive) when nothing was.
struct RosterLoad {
  bool active = false;
  std::vector<std::string> indexes, triggers;  // the CREATE statements of what was dropped
  std::int64_t cache_size = 0;                 // the connection's PRAGMA cache_size before the load
};

// What a roster load inserted into one estate, for the set-based work that replaces the suspended
// triggers.
struct RosterLoadChange {
  std::int64_t estate_id = 0;
  std::int64_t dwellings_inserted = 0, area_inserted_dm2 = 0;  // new dwellings and their exclusive area
  bool register_changed = false;  // any dwelling or owner link inserted, updated or removed
};

class RegisterBulkRepository {
 public:
  // The largest id of each numbered register table.
  static Result<RegisterMaxIds> MaxIds(Session& s);
  // After rows were loaded with their own ids: inserts into the numbered tables continue after the
  // largest ids (Session::ResetIdentity), and the planner's statistics of every register table —
  // estate, estate_stat, building, dwelling, owner, dwelling_owner — are refreshed
  // (Session::Analyze).
  static Result<void> AfterLoad(Session& s);

  // Inserts `owners` (new ID numbers) several hundred rows to a statement and returns their ids in
  // the order given. On SQLite the ids are numbered here, after the table's largest (the caller
  // holds the write lock), and the rows go through Session::InsertMany without copies; on
  // PostgreSQL the identity numbers them and RETURNING gives them back. A duplicate ID number fails
  // with store.duplicate (nothing of the statement inserted; the caller's transaction decides).
  static Result<std::vector<std::int64_t>> InsertOwners(Session& s, const RosterLoadScope& scope,
                                                        const std::vector<NewOwner>& owners);
  // Inserts `dwellings` of the load's estate several hundred rows to a statement and returns their
  // ids in the order given, numbered as InsertOwners does. Insert triggers fire as for single
  // inserts (unless BeginRosterLoad suspended them). A duplicate (building, stairwell, room) fails
  // with store.duplicate.
  static Result<std::vector<std::int64_t>> InsertDwellings(Session& s, const RosterLoadScope& scope,
                                                           const std::vector<NewDwelling>& dwellings);
  // Inserts new owner links of the load's estate, several hundred to a statement; a link that
  // exists already fails with store.duplicate.
  static Result<void> InsertLinks(Session& s, const RosterLoadScope& scope, const std::vector<OwnerLinkRecord>& links);

  // Prepares a large roster load (SQLite only; on PostgreSQL an inactive RosterLoad, as its
  // statement triggers already cost one grouped statement per multi-row insert). Drops the row
  // triggers that fire on inserting a dwelling or an owner link (estate_stat_dwelling_ins,
  // consultation_tally_dwelling_ins, consultation_tally_owner_ins) and, with `drop_indexes`, the
  // secondary indexes of dwelling and dwelling_owner that the load itself does not read
  // (dwelling_estate, dwelling_held, dwelling_owner_owner, dwelling_owner_estate,
  // dwelling_owner_region; the unique constraints stay), and raises the connection's page cache to
  // 128 MiB. Everything happens in the caller's transaction, so a rollback or a crash before the
  // commit leaves the schema as it was. When the schema holds an insert trigger on dwelling,
  // dwelling_owner or owner that this code does not know (a later migration), nothing is set aside
  // and the RosterLoad is inactive: the load then runs with every trigger, slower but exact.
  static Result<RosterLoad> BeginRosterLoad(Session& s, bool drop_indexes);
  // Finishes what BeginRosterLoad started, in the same transaction: recreates the dropped indexes
  // (one sort each), applies what the suspended triggers would have done — adds `change`'s new
  // dwellings and area to the estate's estate_stat row, and deletes the consultation_tally_state
  // rows of the estate's consultations when the register changed — and recreates the triggers.
  // Does nothing for an inactive load. Then restores the page cache (ResetRosterCache).
  static Result<void> EndRosterLoad(Session& s, RosterLoad& load, const RosterLoadChange& change);
  // Puts the connection's page cache back to its size before the load (not transactional: call it
  // on every path out of the load, also when the transaction is about to roll back). Idempotent.
  static void ResetRosterCache(Session& s, RosterLoad& load);
};

}  // namespace huanxin::store
