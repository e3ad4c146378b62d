#include "store/register/register_repository.hpp"

#include <algorithm>
#include <unordered_map>

namespace huanxin::store {

namespace {

template <typename T>
Result<std::optional<T>> First(Result<std::vector<T>> rows) {
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return std::optional<T>{};
  return std::optional<T>(std::move(rows->front()));
}

// ---- estate ----
constexpr const char* kEstateColumns =
    "id, region_code, name, address, built_year, land_area_dm2, floor_area_dm2, ownership_types, property_mode, "
    "excl_self_built, excl_urban_village, excl_demolition, excl_recent_renovation, lat_e6, lng_e6, status, "
    "created_at, updated_at";

EstateRecord EstateFromRow(const Row& r) {
  EstateRecord e;
  e.id = r.GetInt(0);
  e.region_code = r.GetText(1);
  e.name = r.GetText(2);
  e.address = r.GetText(3);
  e.built_year = static_cast<int>(r.GetInt(4));
  e.land_area_dm2 = r.GetOptInt(5);
  e.floor_area_dm2 = r.GetOptInt(6);
  e.ownership_types = r.GetText(7);
  e.property_mode = r.GetText(8);
  e.excl_self_built = r.GetInt(9) != 0;
  e.excl_urban_village = r.GetInt(10) != 0;
  e.excl_demolition = r.GetInt(11) != 0;
  e.excl_recent_renovation = r.GetInt(12) != 0;
  e.lat_e6 = r.GetOptInt(13);
  e.lng_e6 = r.GetOptInt(14);
  e.status = r.GetText(15);
  e.created_at = r.GetText(16);
  e.updated_at = r.GetText(17);
  return e;
}

Params EstateParams(const EstateRecord& e) {
  return {Str(e.region_code),      Str(e.name),
          Str(e.address),          Int(e.built_year),
          OptInt(e.land_area_dm2), OptInt(e.floor_area_dm2),
          Str(e.ownership_types),  Str(e.property_mode),
          Bool(e.excl_self_built), Bool(e.excl_urban_village),
          Bool(e.excl_demolition), Bool(e.excl_recent_renovation),
          OptInt(e.lat_e6),        OptInt(e.lng_e6),
          Str(e.status),           Str(e.updated_at)};
}

// ---- building ----
constexpr const char* kBuildingColumns =
    "id, estate_id, region_code, number, floors, stairwells, structure, built_year, has_lift, heating, created_at, "
    "updated_at";

BuildingRecord BuildingFromRow(const Row& r) {
  BuildingRecord b;
  b.id = r.GetInt(0);
  b.estate_id = r.GetInt(1);
  b.region_code = r.GetText(2);
  b.number = r.GetText(3);
  b.floors = static_cast<int>(r.GetInt(4));
  b.stairwells = static_cast<int>(r.GetInt(5));
  b.structure = r.GetText(6);
  if (auto y = r.GetOptInt(7)) b.built_year = static_cast<int>(*y);
  b.has_lift = r.GetInt(8) != 0;
  b.heating = r.GetText(9);
  b.created_at = r.GetText(10);
  b.updated_at = r.GetText(11);
  return b;
}

// ---- dwelling ----
constexpr const char* kDwellingSelect =
    "SELECT d.id, d.building_id, d.estate_id, d.region_code, d.stairwell, d.floor, d.room, d.exclusive_area_dm2, "
    "d.area_source, d.use_type, d.sale_status, d.created_at, d.updated_at, b.number, "
    "h.residents, h.aged_60_plus, h.disabled, h.occupancy, h.updated_at "
    "FROM dwelling d JOIN building b ON b.id = d.building_id LEFT JOIN household h ON h.dwelling_id = d.id ";

DwellingRecord DwellingFromRow(const Row& r) {
  DwellingRecord d;
  d.id = r.GetInt(0);
  d.building_id = r.GetInt(1);
  d.estate_id = r.GetInt(2);
  d.region_code = r.GetText(3);
  d.stairwell = static_cast<int>(r.GetInt(4));
  d.floor = static_cast<int>(r.GetInt(5));
  d.room = r.GetText(6);
  d.exclusive_area_dm2 = r.GetInt(7);
  d.area_source = r.GetText(8);
  d.use_type = r.GetText(9);
  d.sale_status = r.GetText(10);
  d.created_at = r.GetText(11);
  d.updated_at = r.GetText(12);
  d.building_number = r.GetText(13);
  if (!r.IsNull(14))
    d.household = HouseholdRecord{d.id,
                                  d.region_code,
                                  static_cast<int>(r.GetInt(14)),
                                  static_cast<int>(r.GetInt(15)),
                                  static_cast<int>(r.GetInt(16)),
                                  r.GetText(17),
                                  r.GetText(18)};
  return d;
}

constexpr const char* kOwnerColumns = "o.id, o.id_number, o.name, o.phone, o.created_at, o.updated_at";

OwnerRecord OwnerFromRow(const Row& r, std::size_t at = 0) {
  return OwnerRecord{r.GetInt(at),         r.GetText(at + 1), r.GetText(at + 2),
                     r.GetOptText(at + 3), r.GetText(at + 4), r.GetText(at + 5)};
}

// Attaches owners to dwellings with one query over the link table (`where` selects the links).
Result<void> AttachOwners(Session& s, std::vector<DwellingRecord>& dwellings, const std::string& where,
                          const Params& params) {
  if (dwellings.empty()) return Ok();
  std::unordered_map<std::int64_t, DwellingRecord*> by_id;
  for (auto& d : dwellings) by_id[d.id] = &d;
  auto rows = s.Query(std::string("SELECT l.dwelling_id, ") + kOwnerColumns +
                          " FROM dwelling_owner l JOIN owner o ON o.id = l.owner_id WHERE " + where +
                          " ORDER BY l.dwelling_id, o.id",
                      params);
  if (!rows) return std::move(rows).error();
  for (const auto& r : *rows)
    if (auto it = by_id.find(r.GetInt(0)); it != by_id.end()) it->second->owners.push_back(OwnerFromRow(r, 1));
  return Ok();
}

Result<std::vector<DwellingRecord>> Dwellings(Session& s, const std::string& where_order, const Params& params) {
  auto rows = s.Query(std::string(kDwellingSelect) + where_order, params);
  if (!rows) return std::move(rows).error();
  std::vector<DwellingRecord> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) out.push_back(DwellingFromRow(r));
  return out;
}

}  // namespace

// ---------------- EstateRepository ----------------

Result<std::int64_t> EstateRepository::Insert(Session& s, const EstateRecord& e) {
  Params p = EstateParams(e);
  p.push_back(Str(e.created_at));
  return InsertReturningId(
      s,
      "INSERT INTO estate (region_code, name, address, built_year, land_area_dm2, floor_area_dm2, ownership_types, "
      "property_mode, excl_self_built, excl_urban_village, excl_demolition, excl_recent_renovation, lat_e6, lng_e6, "
      "status, updated_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      p);
}

Result<void> EstateRepository::Update(Session& s, const EstateRecord& e) {
  Params p = EstateParams(e);
  p.push_back(Int(e.id));
  return Done(s.Exec(
      "UPDATE estate SET region_code = ?, name = ?, address = ?, built_year = ?, land_area_dm2 = ?, floor_area_dm2 = "
      "?, "
      "ownership_types = ?, property_mode = ?, excl_self_built = ?, excl_urban_village = ?, excl_demolition = ?, "
      "excl_recent_renovation = ?, lat_e6 = ?, lng_e6 = ?, status = ?, updated_at = ? WHERE id = ?",
      p));
}

Result<void> EstateRepository::Delete(Session& s, std::int64_t id) {
  // Buildings, dwellings, owner links and households go by cascade; owners stay (they may hold
  // dwellings elsewhere). Rows of other contexts that refer to any of them refuse the delete
  // (409 register.in_use, naming them).
  return Done(DeleteRows(s, "estate", "id", id));
}

Result<std::optional<EstateRecord>> EstateRepository::Find(Session& s, std::int64_t id) {
  auto rows = s.Query(std::string("SELECT ") + kEstateColumns + " FROM estate WHERE id = ?", {Int(id)});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return std::optional<EstateRecord>{};
  return std::optional<EstateRecord>(EstateFromRow(rows->front()));
}

Result<std::vector<EstateRecord>> EstateRepository::List(Session& s, const EstateFilter& f, Page& page) {
  std::string where = " WHERE 1 = 1";
  Params params;
  AddPrefixFilter(where, params, "region_code", f.scope_prefix);
  auto add = [&](const std::string& clause, Value v) {
    where += clause;
    params.push_back(std::move(v));
  };
  if (f.region_prefix) AddPrefixFilter(where, params, "region_code", *f.region_prefix);
  if (f.status) add(" AND status = ?", Str(*f.status));
  if (f.only_ids) {
    where += " AND id IN (0";  // 0 is never an id: an empty list selects nothing
    for (auto id : *f.only_ids) {
      where += ", ?";
      params.push_back(Int(id));
    }
    where += ")";
  }
  if (f.built_from) add(" AND built_year >= ?", Int(*f.built_from));
  if (f.built_to) add(" AND built_year <= ?", Int(*f.built_to));
  if (f.q && !f.q->empty()) {
    where += " AND (name LIKE ? ESCAPE '\\' OR address LIKE ? ESCAPE '\\')";
    params.push_back(Str("%" + EscapeLike(*f.q) + "%"));
    params.push_back(Str("%" + EscapeLike(*f.q) + "%"));
  }
  if (f.eligibility) {
    const auto& e = *f.eligibility;
    const char* no_flag =
        "(excl_self_built = 0 AND excl_urban_village = 0 AND excl_demolition = 0 AND excl_recent_renovation = 0)";
    if (e.require_no_exclusion) where += std::string(" AND ") + no_flag;
    if (e.min_year) add(" AND built_year >= ?", Int(*e.min_year));
    if (e.require_exclusion_or_late) {
      add(std::string(" AND (NOT ") + no_flag + " OR built_year > ?)", Int(e.max_year.value_or(9999)));
    } else if (e.max_year) {
      add(" AND built_year <= ?", Int(*e.max_year));
    }
  }
  auto total = QueryInt(s, "SELECT COUNT(*) FROM estate" + where, params);
  if (!total) return std::move(total).error();
  page.total = *total;
  params.push_back(Int(f.limit));
  params.push_back(Int(f.offset));
  auto rows = s.Query(
      std::string("SELECT ") + kEstateColumns + " FROM estate" + where + " ORDER BY region_code, id LIMIT ? OFFSET ?",
      params);
  if (!rows) return std::move(rows).error();
  std::vector<EstateRecord> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) out.push_back(EstateFromRow(r));
  return out;
}

Result<std::int64_t> EstateRepository::MoveContents(Session& s, std::int64_t estate_id,
                                                    const std::string& region_code) {
  // Households carry no estate id: they are reached through their dwellings, which are still the
  // estate's whatever their region code.
  static constexpr const char* kMoves[] = {
      "UPDATE building SET region_code = ? WHERE estate_id = ?",
      "UPDATE dwelling SET region_code = ? WHERE estate_id = ?",
      "UPDATE dwelling_owner SET region_code = ? WHERE estate_id = ?",
      "UPDATE household SET region_code = ? WHERE dwelling_id IN (SELECT id FROM dwelling WHERE estate_id = ?)",
  };
  std::int64_t changed = 0;
  for (const char* sql : kMoves) {
    auto n = s.Exec(sql, {Str(region_code), Int(estate_id)});
    if (!n) return std::move(n).error();
    changed += *n;
  }
  return changed;
}

// ---------------- BuildingRepository ----------------

Result<std::int64_t> BuildingRepository::Insert(Session& s, const BuildingRecord& b) {
  return InsertReturningId(
      s,
      "INSERT INTO building (estate_id, region_code, number, floors, stairwells, structure, built_year, has_lift, "
      "heating, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {Int(b.estate_id), Str(b.region_code), Str(b.number), Int(b.floors), Int(b.stairwells), Str(b.structure),
       OptInt(b.built_year), Bool(b.has_lift), Str(b.heating), Str(b.created_at), Str(b.updated_at)});
}

Result<void> BuildingRepository::Update(Session& s, const BuildingRecord& b) {
  return Done(
      s.Exec("UPDATE building SET number = ?, floors = ?, stairwells = ?, structure = ?, built_year = ?, has_lift = ?, "
             "heating = ?, updated_at = ? WHERE id = ?",
             {Str(b.number), Int(b.floors), Int(b.stairwells), Str(b.structure), OptInt(b.built_year), Bool(b.has_lift),
              Str(b.heating), Str(b.updated_at), Int(b.id)}));
}

Result<void> BuildingRepository::Delete(Session& s, std::int64_t id) {
  return Done(DeleteRows(s, "building", "id", id));
}

Result<std::optional<BuildingRecord>> BuildingRepository::Find(Session& s, std::int64_t id) {
  auto rows = s.Query(std::string("SELECT ") + kBuildingColumns + " FROM building WHERE id = ?", {Int(id)});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return std::optional<BuildingRecord>{};
  return std::optional<BuildingRecord>(BuildingFromRow(rows->front()));
}

Result<std::vector<BuildingRecord>> BuildingRepository::ListByEstate(Session& s, std::int64_t estate_id) {
  // Numbers like "2" and "10" sort as numbers first, then the rest as text.
  auto rows = s.Query(
      std::string("SELECT ") + kBuildingColumns + " FROM building WHERE estate_id = ? ORDER BY LENGTH(number), number",
      {Int(estate_id)});
  if (!rows) return std::move(rows).error();
  std::vector<BuildingRecord> out;
  for (const auto& r : *rows) out.push_back(BuildingFromRow(r));
  return out;
}

Result<std::int64_t> BuildingRepository::CountByEstate(Session& s, std::int64_t estate_id) {
  return QueryInt(s, "SELECT COUNT(*) FROM building WHERE estate_id = ?", {Int(estate_id)});
}

// ---------------- DwellingRepository ----------------

Result<std::int64_t> DwellingRepository::Insert(Session& s, const DwellingRecord& d) {
  return InsertReturningId(
      s,
      "INSERT INTO dwelling (building_id, estate_id, region_code, stairwell, floor, room, exclusive_area_dm2, "
      "area_source, use_type, sale_status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
      "RETURNING id",
      {Int(d.building_id), Int(d.estate_id), Str(d.region_code), Int(d.stairwell), Int(d.floor), Str(d.room),
       Int(d.exclusive_area_dm2), Str(d.area_source), Str(d.use_type), Str(d.sale_status), Str(d.created_at),
       Str(d.updated_at)});
}

Result<void> DwellingRepository::Update(Session& s, const DwellingRecord& d) {
  return Done(s.Exec(
      "UPDATE dwelling SET stairwell = ?, floor = ?, room = ?, exclusive_area_dm2 = ?, area_source = ?, use_type = ?, "
      "sale_status = ?, updated_at = ? WHERE id = ?",
      {Int(d.stairwell), Int(d.floor), Str(d.room), Int(d.exclusive_area_dm2), Str(d.area_source), Str(d.use_type),
       Str(d.sale_status), Str(d.updated_at), Int(d.id)}));
}

Result<void> DwellingRepository::Delete(Session& s, std::int64_t id) {
  return Done(DeleteRows(s, "dwelling", "id", id));
}

Result<std::optional<DwellingRecord>> DwellingRepository::Find(Session& s, std::int64_t id) {
  auto list = Dwellings(s, "WHERE d.id = ?", {Int(id)});
  if (!list) return std::move(list).error();
  if (auto r = AttachOwners(s, *list, "l.dwelling_id = ?", {Int(id)}); !r) return std::move(r).error();
  return First(std::move(list));
}

Result<std::vector<DwellingRecord>> DwellingRepository::ListByBuilding(Session& s, std::int64_t building_id) {
  auto list = Dwellings(s, "WHERE d.building_id = ? ORDER BY d.stairwell, d.floor, d.room", {Int(building_id)});
  if (!list) return std::move(list).error();
  auto r =
      AttachOwners(s, *list, "l.dwelling_id IN (SELECT id FROM dwelling WHERE building_id = ?)", {Int(building_id)});
  if (!r) return std::move(r).error();
  return list;
}

Result<std::vector<DwellingRecord>> DwellingRepository::ListByEstate(Session& s, std::int64_t estate_id) {
  auto list = Dwellings(s, "WHERE d.estate_id = ? ORDER BY LENGTH(b.number), b.number, d.stairwell, d.floor, d.room",
                        {Int(estate_id)});
  if (!list) return std::move(list).error();
  if (auto r = AttachOwners(s, *list, "l.estate_id = ?", {Int(estate_id)}); !r) return std::move(r).error();
  return list;
}

Result<std::int64_t> DwellingRepository::CountByEstate(Session& s, std::int64_t estate_id) {
  return QueryInt(s, "SELECT COUNT(*) FROM dwelling WHERE estate_id = ?", {Int(estate_id)});
}

Result<std::int64_t> DwellingRepository::CountByBuilding(Session& s, std::int64_t building_id) {
  return QueryInt(s, "SELECT COUNT(*) FROM dwelling WHERE building_id = ?", {Int(building_id)});
}

Result<std::int64_t> DwellingRepository::CountBeyond(Session& s, std::int64_t building_id, int stairwells, int floors) {
  return QueryInt(s, "SELECT COUNT(*) FROM dwelling WHERE building_id = ? AND (stairwell > ? OR floor > ?)",
                  {Int(building_id), Int(stairwells), Int(floors)});
}

// ---------------- OwnerRepository ----------------

Result<std::int64_t> OwnerRepository::Insert(Session& s, const OwnerRecord& o) {
  return InsertReturningId(
      s, "INSERT INTO owner (id_number, name, phone, created_at, updated_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
      {Str(o.id_number), Str(o.name), OptStr(o.phone), Str(o.created_at), Str(o.updated_at)});
}

Result<void> OwnerRepository::Update(Session& s, const OwnerRecord& o) {
  return Done(s.Exec("UPDATE owner SET name = ?, phone = ?, updated_at = ? WHERE id = ?",
                     {Str(o.name), OptStr(o.phone), Str(o.updated_at), Int(o.id)}));
}

Result<std::optional<OwnerRecord>> OwnerRepository::Find(Session& s, std::int64_t id) {
  auto rows = s.Query(std::string("SELECT ") + kOwnerColumns + " FROM owner o WHERE o.id = ?", {Int(id)});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return std::optional<OwnerRecord>{};
  return std::optional<OwnerRecord>(OwnerFromRow(rows->front()));
}

Result<std::optional<OwnerRecord>> OwnerRepository::FindByIdNumber(Session& s, const std::string& id_number) {
  auto rows = s.Query(std::string("SELECT ") + kOwnerColumns + " FROM owner o WHERE o.id_number = ?", {Str(id_number)});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return std::optional<OwnerRecord>{};
  return std::optional<OwnerRecord>(OwnerFromRow(rows->front()));
}

Result<std::unordered_map<std::string, OwnerRecord>> OwnerRepository::FindByIdNumbers(
    Session& s, const std::vector<std::string_view>& id_numbers) {
  std::unordered_map<std::string, OwnerRecord> out;
  if (id_numbers.empty()) return out;
  auto any = QueryInt(s, "SELECT COUNT(*) FROM (SELECT 1 FROM owner LIMIT 1) AS any_owner");
  if (!any) return std::move(any).error();
  if (*any == 0) return out;
  constexpr std::size_t kChunk = 500;  // well under SQLite's 32 766 parameters
  for (std::size_t start = 0; start < id_numbers.size(); start += kChunk) {
    std::string sql = std::string("SELECT ") + kOwnerColumns + " FROM owner o WHERE o.id_number IN (";
    Params params;
    for (std::size_t i = start; i < std::min(id_numbers.size(), start + kChunk); ++i) {
      sql += i == start ? "?" : ", ?";
      params.push_back(Str(std::string(id_numbers[i])));
    }
    auto rows = s.Query(sql + ")", params);
    if (!rows) return std::move(rows).error();
    for (const auto& r : *rows) {
      auto o = OwnerFromRow(r);
      out.emplace(o.id_number, std::move(o));
    }
  }
  return out;
}

namespace {

// How many owners hold at least one dwelling anywhere: the sum of the owner_stat slots that the
// triggers on dwelling_owner keep exact (migration 0021, docs/storage.md "National owner count"),
// 16 rows at most to read, not a count of the distinct owners of every link. SUM of a BIGINT is
// NUMERIC on PostgreSQL: cast back to the integer the drivers read.
Result<std::int64_t> CountLinkedOwners(Session& s) {
  return QueryInt(s, "SELECT CAST(COALESCE(SUM(linked_owners), 0) AS BIGINT) FROM owner_stat");
}

// The whole country (issue #16): no link range to read first. The owners are walked in primary-key
// order and each kept if one entry of the (owner_id) index of the links exists, so a page reads
// about offset + limit owners, whatever the register's size (the 44 M-owner register's first page
// no longer collects 44 M distinct ids). The total without a name filter is the maintained counter;
// with one it reads every owner's name (a sequential scan of owner, probing the links only for the
// names that match), still without collecting ids.
Result<std::vector<OwnerRecord>> ListNational(Session& s, const std::optional<std::string>& q, std::int64_t limit,
                                              std::int64_t offset, Page& page) {
  std::string where = " FROM owner o WHERE EXISTS (SELECT 1 FROM dwelling_owner l WHERE l.owner_id = o.id)";
  Params params;
  if (q && !q->empty()) {
    where += " AND o.name LIKE ? ESCAPE '\\'";
    params.push_back(Str("%" + EscapeLike(*q) + "%"));
    auto total = QueryInt(s, "SELECT COUNT(*)" + where, params);
    if (!total) return std::move(total).error();
    page.total = *total;
  } else {
    auto total = CountLinkedOwners(s);
    if (!total) return std::move(total).error();
    page.total = *total;
  }
  params.push_back(Int(limit));
  params.push_back(Int(offset));
  auto rows = s.Query(std::string("SELECT ") + kOwnerColumns + where + " ORDER BY o.id LIMIT ? OFFSET ?", params);
  if (!rows) return std::move(rows).error();
  std::vector<OwnerRecord> out;
  for (const auto& r : *rows) out.push_back(OwnerFromRow(r));
  return out;
}

}  // namespace

Result<std::vector<OwnerRecord>> OwnerRepository::List(Session& s, const std::string& scope_prefix,
                                                       const std::optional<std::string>& q, std::int64_t limit,
                                                       std::int64_t offset, Page& page) {
  if (scope_prefix.empty()) return ListNational(s, q, limit, offset, page);
  // The scope's owner ids first, from one range of the (region_code, owner_id) index of the links
  // (migration 0005). MATERIALIZED keeps the planner from walking the whole owner table in id order
  // hoping to meet a city's owners (seconds on the national register), then the page or the name
  // search reads only those owners by primary key.
  std::string scoped =
      "WITH scoped AS MATERIALIZED (SELECT DISTINCT l.owner_id AS id FROM dwelling_owner l WHERE 1 = 1";
  Params params;
  AddPrefixFilter(scoped, params, "l.region_code", scope_prefix);
  scoped += ") ";
  Result<Rows> rows = Rows{};
  if (q && !q->empty()) {
    params.push_back(Str("%" + EscapeLike(*q) + "%"));
    const std::string from = " FROM owner o JOIN scoped ON scoped.id = o.id WHERE o.name LIKE ? ESCAPE '\\'";
    auto total = QueryInt(s, scoped + "SELECT COUNT(*)" + from, params);
    if (!total) return std::move(total).error();
    page.total = *total;
    params.push_back(Int(limit));
    params.push_back(Int(offset));
    rows = s.Query(scoped + "SELECT " + kOwnerColumns + from + " ORDER BY o.id LIMIT ? OFFSET ?", params);
  } else {
    auto total = QueryInt(s, scoped + "SELECT COUNT(*) FROM scoped", params);
    if (!total) return std::move(total).error();
    page.total = *total;
    params.push_back(Int(limit));
    params.push_back(Int(offset));
    rows = s.Query(scoped + "SELECT " + kOwnerColumns +
                       " FROM owner o WHERE o.id IN (SELECT id FROM scoped ORDER BY id LIMIT ? OFFSET ?) ORDER BY o.id",
                   params);
  }
  if (!rows) return std::move(rows).error();
  std::vector<OwnerRecord> out;
  for (const auto& r : *rows) out.push_back(OwnerFromRow(r));
  return out;
}

Result<std::vector<std::string>> OwnerRepository::RegionsOf(Session& s, std::int64_t owner_id) {
  auto rows = s.Query("SELECT DISTINCT region_code FROM dwelling_owner WHERE owner_id = ?", {Int(owner_id)});
  if (!rows) return std::move(rows).error();
  std::vector<std::string> out;
  for (const auto& r : *rows) out.push_back(r.GetText(0));
  return out;
}

Result<bool> OwnerRepository::Link(Session& s, std::int64_t dwelling_id, std::int64_t owner_id, std::int64_t estate_id,
                                   const std::string& region_code) {
  auto n = s.Exec(
      "INSERT INTO dwelling_owner (dwelling_id, owner_id, estate_id, region_code) VALUES (?, ?, ?, ?) "
      "ON CONFLICT (dwelling_id, owner_id) DO NOTHING",
      {Int(dwelling_id), Int(owner_id), Int(estate_id), Str(region_code)});
  if (!n) return std::move(n).error();
  return *n > 0;
}

Result<bool> OwnerRepository::Unlink(Session& s, std::int64_t dwelling_id, std::int64_t owner_id) {
  auto n =
      s.Exec("DELETE FROM dwelling_owner WHERE dwelling_id = ? AND owner_id = ?", {Int(dwelling_id), Int(owner_id)});
  if (!n) return std::move(n).error();
  return *n > 0;
}

// ---------------- HouseholdRepository ----------------

Result<void> HouseholdRepository::Upsert(Session& s, const HouseholdRecord& h) {
  return Done(s.Exec(
      "INSERT INTO household (dwelling_id, region_code, residents, aged_60_plus, disabled, occupancy, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dwelling_id) DO UPDATE SET residents = excluded.residents, "
      "aged_60_plus = excluded.aged_60_plus, disabled = excluded.disabled, occupancy = excluded.occupancy, "
      "updated_at = excluded.updated_at",
      {Int(h.dwelling_id), Str(h.region_code), Int(h.residents), Int(h.aged_60_plus), Int(h.disabled), Str(h.occupancy),
       Str(h.updated_at)}));
}

Result<std::optional<HouseholdRecord>> HouseholdRepository::Find(Session& s, std::int64_t dwelling_id) {
  auto rows = s.Query(
      "SELECT dwelling_id, region_code, residents, aged_60_plus, disabled, occupancy, updated_at FROM household "
      "WHERE dwelling_id = ?",
      {Int(dwelling_id)});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return std::optional<HouseholdRecord>{};
  const auto& r = rows->front();
  return std::optional<HouseholdRecord>(HouseholdRecord{r.GetInt(0), r.GetText(1), static_cast<int>(r.GetInt(2)),
                                                        static_cast<int>(r.GetInt(3)), static_cast<int>(r.GetInt(4)),
                                                        r.GetText(5), r.GetText(6)});
}

}  // namespace huanxin::store
