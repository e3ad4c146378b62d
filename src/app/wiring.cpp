#include "app/wiring.hpp"

#include <filesystem>

#include "store/postgres/postgres_database.hpp"
#include "store/sqlite/sqlite_database.hpp"

namespace huanxin::app {

Result<std::unique_ptr<store::Database>> OpenDatabase(const std::string& dsn, int pool) {
  if (dsn.starts_with("sqlite:")) {
    store::SqliteOptions o;
    o.path = dsn.substr(7);
    o.readers = pool;
    auto parent = std::filesystem::path(o.path).parent_path();
    std::error_code ec;
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    return store::OpenSqlite(o);
  }
  if (dsn.starts_with("postgres://") || dsn.starts_with("postgresql://")) {
    store::PostgresOptions o;
    o.conninfo = dsn;
    o.pool_size = pool;
    return store::OpenPostgres(o);
  }
  return MakeError(ErrorCode::kBadRequest, "config.bad_dsn", Text("数据库地址格式不正确", "unsupported database URL"),
                   Text::Same(dsn), Text("使用 sqlite:路径 或 postgres://用户@主机:端口/库名",
                                         "use sqlite:PATH or postgres://user@host:port/db"));
}

}  // namespace huanxin::app
