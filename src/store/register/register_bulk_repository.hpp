// Loading the register in bulk (`huanxin gen`, src/app/gen.cpp): the generator numbers estates,
// buildings, dwellings and owners itself and loads them with Session::CopyIn, so it first reads
// where each table's ids stand and afterwards settles the tables. Functions run in the caller's
// transaction.
#pragma once

#include <cstdint>

#include "store/database.hpp"

namespace huanxin::store {

struct RegisterMaxIds {
  std::int64_t estate = 0, building = 0, dwelling = 0, owner = 0;  // 0 for an empty table
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
};

}  // namespace huanxin::store
