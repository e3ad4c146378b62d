// Numbered schema migrations, embedded in the binary from src/store/migrations/NNNN_name.sql.
//
// Applied in order at start-up and by `huanxin migrate`; each in its own write transaction together
// with its row in schema_migration, so a crash leaves either all of a migration or none. Applying
// again is a no-op.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "store/database.hpp"

namespace huanxin::store {

struct Migration {
  int version;
  std::string name;
  std::string_view sql;  // with @tokens@ and @dialect markers
};

// All embedded migrations, ordered by version.
const std::vector<Migration>& EmbeddedMigrations();

// The SQL of a migration for one dialect: dialect blocks kept or dropped, tokens replaced.
std::string RenderMigration(std::string_view sql, Dialect dialect);

// Applies every migration not yet applied; returns how many were applied.
Result<int> Migrate(Database& db);

}  // namespace huanxin::store
