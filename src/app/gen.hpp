// `huanxin gen`: synthetic register data for benchmarks, streamed in bounded memory.
//   --roster-dwellings N --out FILE   one estate's import roster (CSV, template columns)
//   --estates N --out FILE            N estates as one CSV (estate columns + roster columns)
//   --estates N --db DSN              N estates written into a database whose regions are imported
#pragma once

#include <cstdint>
#include <string>

namespace huanxin::app {

int RunGen(std::int64_t estates, std::int64_t roster_dwellings, std::uint64_t seed, const std::string& out,
           const std::string& db_dsn);

}  // namespace huanxin::app
