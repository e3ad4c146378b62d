#include "service/catalogue/catalogue_service.hpp"

#include <boost/json.hpp>

#include "service/audit/audit_service.hpp"
#include "store/catalogue/catalogue_repository.hpp"

namespace huanxin::service {

namespace json = boost::json;
using store::CatalogueRepository;

namespace {

RenovationItem FromRecord(store::RenovationItemRecord r) {
  return {std::move(r.code),    std::move(r.category), std::move(r.category_zh), std::move(r.category_en),
          std::move(r.name_zh), std::move(r.name_en),  std::move(r.unit),        std::move(r.payer),
          r.unit_cost_fen};
}

Error NoItem(const std::string& code) {
  return MakeError(ErrorCode::kNotFound, "catalogue.item_not_found", Text("改造内容不存在", "no such renovation item"),
                   Text::Same(code));
}

}  // namespace

Result<Catalogue> CatalogueService::Load(store::Session& s) {
  // One version read per call: cheap, and right even when another server changed the catalogue.
  auto version = CatalogueRepository::Version(s);
  if (!version) return std::move(version).error();
  return cache_.Get(*version, [&]() -> Result<Catalogue> {
    auto rows = CatalogueRepository::Items(s);
    if (!rows) return std::move(rows).error();
    auto items = std::make_shared<std::vector<RenovationItem>>();
    items->reserve(rows->size());
    for (auto& r : *rows) items->push_back(FromRecord(std::move(r)));
    return Catalogue(std::move(items));
  });
}

Result<Catalogue> CatalogueService::Snapshot() {
  return store::ReadResult(db_, [&](store::Session& s) { return Load(s); });
}

Result<Catalogue> CatalogueService::Items(const Actor& actor) {
  if (auto r = RequirePermission(actor, core::auth::perm::kCatalogueRead); !r) return std::move(r).error();
  return Snapshot();
}

Result<std::optional<RenovationItem>> CatalogueService::Find(const std::string& code) {
  auto all = Snapshot();
  if (!all) return std::move(all).error();
  for (const auto& it : **all)
    if (it.code == code) return std::optional<RenovationItem>(it);
  // Inactive items are not in the snapshot; they still exist for references made earlier.
  auto rec = store::ReadResult(db_, [&](store::Session& s) { return CatalogueRepository::Find(s, code); });
  if (!rec) return std::move(rec).error();
  if (!*rec) return std::optional<RenovationItem>{};
  return std::optional<RenovationItem>(FromRecord(std::move(**rec)));
}

Result<RenovationItem> CatalogueService::Update(const Actor& actor, const std::string& code,
                                                const core::catalogue::ItemPatch& patch) {
  if (auto r = RequirePermission(actor, core::auth::perm::kCatalogueWrite); !r) return std::move(r).error();
  if (auto r = core::catalogue::ValidatePatch(patch); !r) return std::move(r).error();
  return store::WriteResult(db_, [&](store::Session& s) -> Result<RenovationItem> {
    auto before = CatalogueRepository::Find(s, code);
    if (!before) return std::move(before).error();
    if (!*before) return NoItem(code);
    auto after = **before;
    if (patch.unit) after.unit = *patch.unit;
    if (patch.payer) after.payer = *patch.payer;
    if (patch.unit_cost_fen) after.unit_cost_fen = *patch.unit_cost_fen;
    auto cost = [](const std::optional<std::int64_t>& v) { return v ? json::value(*v) : json::value(nullptr); };
    Changes ch;
    ch.Diff("unit", json::string((*before)->unit), json::string(after.unit));
    ch.Diff("payer", json::string((*before)->payer), json::string(after.payer));
    ch.Diff("unitCost", cost((*before)->unit_cost_fen), cost(after.unit_cost_fen));
    if (ch.empty()) return FromRecord(std::move(after));
    if (auto n = CatalogueRepository::Update(s, code, after.unit, after.payer, after.unit_cost_fen); !n)
      return std::move(n).error();
    if (auto r = CatalogueRepository::BumpVersion(s); !r) return std::move(r).error();
    if (auto r = RecordAudit(s, clock_, actor, "renovation_item.update", "renovation_item", code, "", ch); !r)
      return std::move(r).error();
    return FromRecord(std::move(after));
  });
}

}  // namespace huanxin::service
