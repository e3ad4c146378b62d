// PostgreSQL driver over libpq: a city or province deployment (ARCHITECTURE.md §6).
//
// A pool of at most `pool_size` connections: one opened at start (a wrong address or credentials
// fail there), the others when a transaction finds none idle. Statements are prepared once per
// connection (named by a counter) with text-format parameters. `?` placeholders are renumbered to
// `$n` outside string literals. Integer result columns (int2/int4/int8, and integral numeric such as
// SUM(bigint)) come back as int64; everything else as text. A lost connection is reset and the call
// answers 503.
#pragma once

#include <memory>
#include <string>

#include "store/database.hpp"

namespace huanxin::store {

struct PostgresOptions {
  std::string conninfo;  // "postgres://user@127.0.0.1:5432/db" or key=value form
  int pool_size = 4;
};

Result<std::unique_ptr<Database>> OpenPostgres(const PostgresOptions& options);

// Exposed for tests: "a = ? AND b = '?'" → "a = $1 AND b = '?'".
std::string NumberPlaceholders(std::string_view sql);

}  // namespace huanxin::store
