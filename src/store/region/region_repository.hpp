// The region tree (provinces to grids) in portable SQL.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace huanxin::store {

struct RegionRecord {
  std::string code;
  std::string name;
  std::string level;
  std::string parent_code;
  bool has_children = false;
};

class RegionRepository {
 public:
  static Result<std::optional<RegionRecord>> Find(Session& s, const std::string& code);
  static Result<std::vector<RegionRecord>> Children(Session& s, const std::string& parent_code);
  // Names for several codes at once (codes not found are absent).
  static Result<std::vector<RegionRecord>> FindMany(Session& s, const std::vector<std::string>& codes);
  // Code → name for several codes, without the children check (cheap; for labels).
  static Result<std::map<std::string, std::string>> FindNames(Session& s, const std::vector<std::string>& codes);
  // Inserts or, for an existing code, renames (imports are re-runnable). Returns rows changed.
  static Result<std::int64_t> Upsert(Session& s, const RegionRecord& r, const std::string& source,
                                     const std::string& now);
  // The same for many rows at once (region imports), through a staging table and one bulk load. A
  // code repeated in `rows` counts once, with its last row. Returns region rows changed.
  static Result<std::int64_t> UpsertMany(Session& s, const std::vector<RegionRecord>& rows, const std::string& source,
                                         const std::string& now);
  static Result<std::int64_t> Count(Session& s);
  // The codes of every region of `level` (province … community, grid) whose code starts with
  // `prefix` ("" for all), in code order.
  static Result<std::vector<std::string>> CodesAt(Session& s, const std::string& level, const std::string& prefix);
  // The largest existing child code under `parent` of the given length, if any.
  static Result<std::optional<std::string>> MaxChildCode(Session& s, const std::string& parent);
};

}  // namespace huanxin::store
