// A project row for suites that need one before the project context's routes and repository exist
// on their branch (publicity's contract, API and authorization tests). Inserts into table `project`
// (migration 0010) as the project repository will: kind estate, status planned, year 2026.
#pragma once

#include <cstdint>
#include <string>

#include "store/database.hpp"

namespace huanxin::testing {

// Inside the caller's transaction; returns the new project's id.
inline Result<std::int64_t> InsertProjectRow(store::Session& s, const std::string& region_code, const std::string& name) {
  return store::InsertReturningId(
      s,
      "INSERT INTO project (name, year, kind, region_code, status, created_by, created_at, updated_at) "
      "VALUES (?, 2026, 'estate', ?, 'planned', 0, '2026-11-21T08:00:00.000Z', '2026-11-21T08:00:00.000Z') RETURNING id",
      {store::Str(name), store::Str(region_code)});
}

// In a write transaction of its own; 0 (and a test failure) when the insert fails.
inline std::int64_t AddProject(store::Database& db, const std::string& region_code, const std::string& name) {
  auto id = store::WriteResult(db, [&](store::Session& s) { return InsertProjectRow(s, region_code, name); });
  EXPECT_TRUE(id) << (id ? "" : id.error().reason + " " + id.error().detail.en);
  return id ? *id : 0;
}

}  // namespace huanxin::testing
