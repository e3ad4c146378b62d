// Test databases: a fresh SQLite file or a freshly reset PostgreSQL schema, migrated.
//
// PostgreSQL comes from HUANXIN_TEST_PG (set by `make test`, which starts a real server with
// tools/pg-test-server.sh). Without it the PostgreSQL cases skip on a developer machine and FAIL
// under CI=true — never silently skipped in CI (CONVENTIONS.md, Tests).
#pragma once

#include <memory>
#include <string>

#include "store/database.hpp"

namespace huanxin::testing {

// "sqlite" or "postgres".
struct Backend {
  std::string name;
};

// A DSN for a fresh, empty database of the backend (PostgreSQL: a new database per call on the
// server HUANXIN_TEST_PG names). Returns "" and records a skip/failure when PostgreSQL is not available.
std::string FreshDsn(const std::string& backend);

// Opens `dsn` and applies migrations (ASSERT-style: aborts the test on failure).
std::unique_ptr<store::Database> OpenMigrated(const std::string& dsn, int pool = 4);

// Every row of the tables that record state, as text: compare before/after to prove a refused
// request changed nothing.
std::string Snapshot(store::Database& db);

// Inserts a small region tree: 36 江西省 → 3601 南昌市 → 360104 青云谱区 → streets 360104002 洪都街道
// and 360104006 京山街道 → communities 360104002001, 360104002002, 360104006001; plus 360103 西湖区
// → 360103001. Enough for scope tests without reading the package files.
void SeedRegions(store::Database& db);

}  // namespace huanxin::testing
