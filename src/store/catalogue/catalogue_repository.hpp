// The renovation catalogue (renovation_category, renovation_item) and its version row, in portable
// SQL. Functions run in the caller's transaction and do not authorise; service/catalogue does.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace huanxin::store {

struct RenovationItemRecord {
  std::string code, category, category_zh, category_en, name_zh, name_en, unit, payer;
  std::optional<std::int64_t> unit_cost_fen;
};

struct CatalogueRepository {
  // The active items in catalogue order (category position, then item position).
  static Result<std::vector<RenovationItemRecord>> Items(Session& s);
  static Result<std::optional<RenovationItemRecord>> Find(Session& s, const std::string& code);
  // Sets unit, payer and unit cost of item `code`; returns the rows changed (0: no such item).
  static Result<std::int64_t> Update(Session& s, const std::string& code, const std::string& unit, const std::string& payer,
                                     std::optional<std::int64_t> unit_cost_fen);
  // The catalogue's version: changes whenever items change (BumpVersion in the same transaction).
  static Result<std::int64_t> Version(Session& s);
  static Result<void> BumpVersion(Session& s);
};

}  // namespace huanxin::store
