// The only place that names concrete storage drivers (CONVENTIONS.md, dependency rule).
#pragma once

#include <memory>
#include <string>

#include "store/database.hpp"

namespace huanxin::app {

// Opens the database a DSN names: "sqlite:PATH" (parent directories are created) or
// "postgres://…" / "postgresql://…". `pool` is the reader/connection count.
Result<std::unique_ptr<store::Database>> OpenDatabase(const std::string& dsn, int pool);

}  // namespace huanxin::app
