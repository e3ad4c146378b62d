// `huanxin gen`: synthetic register data for benchmarks, streamed in bounded memory.
//   --roster-dwellings N --out FILE   one estate's import roster (CSV, template columns)
//   --estates N --out FILE            N estates as one CSV (estate columns + roster columns)
//   --estates N --db DSN [--region P] N estates written into a database whose regions are imported,
//                                     spread evenly over its communities (under prefix P), by COPY on
//                                     PostgreSQL (one COPY per table per 500 estates)
//   … --db DSN --projects YEAR        also packages those estates into projects of YEAR with their
//                                     ledger entries and the counties' annual plans (PackageProjects)
#pragma once

#include <cstdint>
#include <string>

#include "app/synthetic.hpp"
#include "store/database.hpp"

namespace huanxin::app {

int RunGen(std::int64_t estates, std::int64_t roster_dwellings, std::uint64_t seed, const std::string& out,
           const std::string& db_dsn, const std::string& region_prefix, int projects_year = 0);

// Writes `estates` synthetic estates into `db` (migrated, regions imported) in batches of 500, one
// CopyIn per table and batch, numbering rows after the current maximum ids; prints progress and the
// time taken. With `projects_year` (0: none) the new estates are then packaged into projects of
// that year (PackageProjects), with ledger entries and an annual plan per county that has none.
// Returns the process exit code.
int BulkGenerate(store::Database& db, const SynthOptions& opts, std::int64_t estates, const std::string& region_prefix,
                 int projects_year = 0);

}  // namespace huanxin::app
