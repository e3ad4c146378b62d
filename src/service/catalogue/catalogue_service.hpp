// The renovation catalogue's use cases (core/catalogue/README.md): the one read path, with one
// cache, and the one write path for renovation items. Consultation menus and check-up suggestions
// read it through here; nothing else reads or writes renovation items.
//
// Thread safety: every member may be called from any thread.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "core/catalogue/renovation_item.hpp"
#include "service/platform/actor.hpp"
#include "service/platform/versioned_cache.hpp"
#include "store/database.hpp"

namespace huanxin::service {

struct RenovationItem {
  std::string code, category, category_zh, category_en, name_zh, name_en, unit, payer;
  std::optional<std::int64_t> unit_cost_fen;
  const std::string& name(bool english) const { return english ? name_en : name_zh; }
  const std::string& category_name(bool english) const { return english ? category_en : category_zh; }
};

// The active items in catalogue order, shared read-only (a snapshot: edits make a new one).
using Catalogue = std::shared_ptr<const std::vector<RenovationItem>>;

class CatalogueService {
 public:
  CatalogueService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // The catalogue for a reader (permission catalogue:read): 403 auth.forbidden otherwise.
  Result<Catalogue> Items(const Actor& actor);
  // The catalogue without an actor, for other contexts' services after they authorised their own
  // caller (menus, suggestions, report labels).
  Result<Catalogue> Snapshot();
  // The item with `code`, if it exists (active or not), for other contexts validating references.
  Result<std::optional<RenovationItem>> Find(const std::string& code);
  // Changes an item's unit, unit cost and payer (permission catalogue:write; core rules): 404
  // catalogue.item_not_found, 422 catalogue.invalid_field. Audited as renovation_item.update with the
  // changed fields; nothing is written or audited when nothing changes.
  Result<RenovationItem> Update(const Actor& actor, const std::string& code, const core::catalogue::ItemPatch& patch);

 private:
  // The cached snapshot when its version is the database's, else a fresh one.
  Result<Catalogue> Load(store::Session& s);

  store::Database& db_;
  const Clock& clock_;
  VersionedCache<std::vector<RenovationItem>> cache_;
};

}  // namespace huanxin::service
