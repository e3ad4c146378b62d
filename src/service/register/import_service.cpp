#include "service/register/import_service.hpp"

#include <spdlog/spdlog.h>

#include <boost/json.hpp>
#include <chrono>
#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "common/crypto.hpp"
#include "common/decimal.hpp"
#include "common/tabular/csv_reader.hpp"
#include "common/tabular/encoding.hpp"
#include "common/tabular/xlsx_reader.hpp"
#include "common/text.hpp"
#include "core/register/codes.hpp"
#include "core/register/identity.hpp"
#include "service/audit/audit_service.hpp"
#include "service/register/register_access.hpp"
#include "store/register/register_repository.hpp"

namespace huanxin::service {

namespace reg = core::reg;

namespace {

enum Col { kBuilding, kStairwell, kFloor, kRoom, kArea, kAreaSource, kSaleStatus, kOwnerName, kIdNumber, kPhone, kColCount };

const std::vector<std::string> kHeaders = {"楼栋", "单元", "楼层", "房号", "专有部分面积(㎡)", "面积来源", "出售状态",
                                           "业主姓名", "证件号码", "联系电话"};

// Header text → column, tolerant of full-width brackets, spaces and unit spellings.
std::optional<Col> HeaderColumn(std::string h) {
  std::string t;
  for (std::string_view part : {std::string_view(h)}) t = std::string(Trim(part));
  auto strip = [&](const std::string& what) {
    for (auto pos = t.find(what); pos != std::string::npos; pos = t.find(what)) t.erase(pos, what.size());
  };
  for (const char* noise : {" ", "　", "(㎡)", "（㎡）", "(m²)", "（m²）", "(m2)", "（m2）", "(平方米)", "（平方米）", "*"}) strip(noise);
  static const std::map<std::string, Col> kMap = {
      {"楼栋", kBuilding}, {"楼栋号", kBuilding}, {"楼号", kBuilding},   {"单元", kStairwell},   {"单元号", kStairwell},
      {"楼层", kFloor},    {"层", kFloor},       {"房号", kRoom},       {"房间号", kRoom},      {"门牌号", kRoom},
      {"专有部分面积", kArea}, {"面积", kArea},  {"建筑面积", kArea},   {"面积来源", kAreaSource},
      {"出售状态", kSaleStatus}, {"销售状态", kSaleStatus}, {"业主姓名", kOwnerName}, {"业主", kOwnerName},
      {"姓名", kOwnerName}, {"证件号码", kIdNumber}, {"身份证号", kIdNumber}, {"身份证号码", kIdNumber},
      {"联系电话", kPhone}, {"电话", kPhone}, {"手机号", kPhone}};
  auto it = kMap.find(t);
  if (it == kMap.end()) return std::nullopt;
  return it->second;
}

// "2", "2单元", "二单元" is not accepted (ambiguous in practice); "5层", "-1", "负1" → -1.
std::optional<int> ParseSmallInt(std::string text, std::initializer_list<const char*> suffixes) {
  text = std::string(Trim(text));
  for (const char* s : suffixes) {
    std::string suf(s);
    if (text.size() > suf.size() && text.compare(text.size() - suf.size(), suf.size(), suf) == 0)
      text.erase(text.size() - suf.size());
  }
  if (text.rfind("负", 0) == 0) text = "-" + text.substr(std::string("负").size());
  if (text.size() > 2 && text.compare(text.size() - 2, 2, ".0") == 0) text.erase(text.size() - 2);  // Excel numbers
  auto v = ParseInt64(text);
  if (!v || *v < -99 || *v > 999) return std::nullopt;
  return static_cast<int>(*v);
}

struct ParsedRow {
  std::size_t row = 0;
  std::string building, room;
  int stairwell = 0, floor = 0;
  std::int64_t area_dm2 = 0;
  std::string area_source, sale_status;
  std::string owner_name, id_number;
  std::optional<std::string> phone;
};

struct DwellingKey {
  std::string building;
  int stairwell;
  std::string room;
  bool operator<(const DwellingKey& o) const {
    return std::tie(building, stairwell, room) < std::tie(o.building, o.stairwell, o.room);
  }
};

struct PlannedDwelling {
  ParsedRow first;                      // dwelling fields come from the first row
  std::vector<std::size_t> owner_rows;  // indexes into rows with an owner
};

std::string Cell(const std::vector<std::string>& cells, const std::array<int, kColCount>& at, Col c) {
  int i = at[c];
  return i >= 0 && static_cast<std::size_t>(i) < cells.size() ? std::string(Trim(cells[i])) : std::string();
}

}  // namespace

const std::vector<std::string>& ImportService::Headers() { return kHeaders; }

std::size_t ImportService::EstimateRows(std::string_view bytes) {
  if (bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4)) return bytes.size() / 40;  // ≈ compressed row size
  std::size_t n = 0;
  for (char c : bytes) n += c == '\n';
  return n;
}

Result<ImportReport> ImportService::Import(const Actor& actor, std::int64_t estate_id, std::string_view bytes,
                                           const std::string& filename, ImportProgress* progress) {
  ImportReport report;
  using Clock = std::chrono::steady_clock;
  const auto t_start = Clock::now();
  auto ms = [](Clock::time_point a, Clock::time_point b) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(b - a).count();
  };
  // 1. Access and the estate.
  std::optional<store::EstateRecord> estate;
  {
    auto r = db_.Read([&](store::Session& s) -> Result<void> {
      auto e = store::EstateRepository::Find(s, estate_id);
      if (!e) return std::move(e).error();
      if (!*e) return NotFound("register.estate_not_found", Text("小区不存在", "no such estate"));
      if (auto a = RequireEstateAccess(actor, estate_id, (*e)->region_code, true); !a) return a;
      estate = **e;
      return Ok();
    });
    if (!r) return std::move(r).error();
  }

  // 2. Read every row into memory as text (bounded by the upload limit).
  std::vector<std::pair<std::size_t, std::vector<std::string>>> raw;
  auto sink = [&](std::size_t row, std::vector<std::string>& cells) {
    bool blank = true;
    for (const auto& c : cells)
      if (!Trim(c).empty()) blank = false;
    if (!blank) raw.emplace_back(row, std::move(cells));
    return true;
  };
  const bool xlsx = bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4);
  if (xlsx) {
    if (auto r = tabular::ReadXlsx(bytes, sink); !r) return std::move(r).error();
  } else {
    auto enc = tabular::DetectEncoding(bytes);
    if (!enc) return std::move(enc).error();
    auto text = tabular::ToUtf8(bytes, *enc);
    if (!text) return std::move(text).error();
    if (auto r = tabular::ReadCsv(*text, sink); !r) return std::move(r).error();
  }
  if (raw.empty())
    return MakeError(ErrorCode::kUnprocessable, "import.empty", Text("文件中没有数据", "the file has no rows"), {},
                     Text("请使用导入模板填写后上传", "fill in the import template and upload it"));

  const auto t_read = Clock::now();
  // 3. Header.
  std::array<int, kColCount> at;
  at.fill(-1);
  const auto& header = raw.front().second;
  for (std::size_t i = 0; i < header.size(); ++i)
    if (auto c = HeaderColumn(header[i]); c && at[*c] < 0) at[*c] = static_cast<int>(i);
  for (Col required : {kBuilding, kStairwell, kFloor, kRoom, kArea})
    if (at[required] < 0)
      report.errors.push_back({raw.front().first, kHeaders[required], "",
                               Text("缺少必需的列「" + kHeaders[required] + "」", "missing required column " + kHeaders[required])});
  if (!report.errors.empty()) return report;

  if (progress) {
    progress->phase = 1;
    progress->total = static_cast<std::int64_t>(raw.size() - 1);
  }
  // 4. Parse and validate each row.
  std::vector<ParsedRow> rows;
  rows.reserve(raw.size());
  auto err = [&](std::size_t row, Col c, const std::string& value, Text message) {
    report.errors.push_back({row, kHeaders[c], value, std::move(message)});
  };
  for (std::size_t i = 1; i < raw.size(); ++i) {
    const auto& [row_no, cells] = raw[i];
    const std::size_t errors_before = report.errors.size();
    ParsedRow p;
    p.row = row_no;
    p.building = Cell(cells, at, kBuilding);
    p.room = Cell(cells, at, kRoom);
    if (p.building.empty()) err(row_no, kBuilding, "", Text("楼栋不能为空", "building is required"));
    else if (Utf8Length(p.building).value_or(99) > 20) err(row_no, kBuilding, p.building, Text("楼栋号过长（最多20字）", "building number too long (20 max)"));
    if (p.room.empty()) err(row_no, kRoom, "", Text("房号不能为空", "room is required"));
    else if (Utf8Length(p.room).value_or(99) > 20) err(row_no, kRoom, p.room, Text("房号过长（最多20字）", "room too long (20 max)"));
    auto sw_text = Cell(cells, at, kStairwell);
    auto sw = ParseSmallInt(sw_text, {"单元"});
    if (!sw || *sw < 1 || *sw > 50) err(row_no, kStairwell, sw_text, Text("单元应为 1–50 的整数，如 2 或 2单元", "stairwell must be 1–50, e.g. 2"));
    else p.stairwell = *sw;
    auto fl_text = Cell(cells, at, kFloor);
    auto fl = ParseSmallInt(fl_text, {"层", "楼"});
    if (!fl || *fl == 0 || *fl < -5 || *fl > 100) err(row_no, kFloor, fl_text, Text("楼层应为整数（地下层用负数）", "floor must be an integer (basements negative)"));
    else p.floor = *fl;
    auto area_text = Cell(cells, at, kArea);
    auto area = ParseHundredths(area_text);
    if (!area) err(row_no, kArea, area_text, Text("面积应为数字，最多两位小数", "area must be a number with at most 2 decimals"));
    else if (*area <= 0) err(row_no, kArea, area_text, Text("面积必须大于0", "area must be above 0"));
    else if (*area >= 100'000'000) err(row_no, kArea, area_text, Text("面积过大，请检查单位（平方米）", "area too large: check the unit (m²)"));
    else p.area_dm2 = *area;
    auto src_text = Cell(cells, at, kAreaSource);
    if (src_text.empty()) p.area_source = "registered";
    else if (auto c = reg::AreaSources().ByAnyLabel(src_text)) p.area_source = std::string(c->code);
    else err(row_no, kAreaSource, src_text, Text("可选：" + reg::AreaSources().ListZh(), "one of: " + reg::AreaSources().ListZh()));
    auto sale_text = Cell(cells, at, kSaleStatus);
    if (sale_text.empty()) p.sale_status = "sold";
    else if (auto c = reg::SaleStatuses().ByAnyLabel(sale_text)) p.sale_status = std::string(c->code);
    else err(row_no, kSaleStatus, sale_text, Text("可选：" + reg::SaleStatuses().ListZh(), "one of: " + reg::SaleStatuses().ListZh()));
    p.owner_name = Cell(cells, at, kOwnerName);
    p.id_number = reg::NormaliseIdNumber(Cell(cells, at, kIdNumber));
    auto phone = Cell(cells, at, kPhone);
    if (!phone.empty()) p.phone = phone;
    const bool has_owner = !p.owner_name.empty() || !p.id_number.empty() || p.phone;
    if (has_owner && p.sale_status == "developer_unsold") {
      err(row_no, kOwnerName, p.owner_name, Text("开发商未售房屋不应填写业主", "a developer-unsold dwelling has no owner"));
    } else if (has_owner) {
      if (p.owner_name.empty()) err(row_no, kOwnerName, "", Text("填写了证件号码但缺少业主姓名", "owner name is missing"));
      if (p.id_number.empty()) err(row_no, kIdNumber, "", Text("缺少证件号码", "ID number is missing"));
      else if (auto v = reg::ValidateIdNumber(p.id_number); !v)
        err(row_no, kIdNumber, reg::MaskIdNumber(p.id_number), v.error().detail);
      if (p.phone)
        if (auto v = RegisterService::ValidatePhone(*p.phone); !v) err(row_no, kPhone, *p.phone, v.error().hint);
    }
    if (report.errors.size() == errors_before) rows.push_back(std::move(p));
    if (progress) progress->done = static_cast<std::int64_t>(i);
  }

  // 5. Group rows into dwellings; rows of one dwelling must agree; one ID number, one name.
  std::map<DwellingKey, PlannedDwelling> planned;
  std::unordered_map<std::string, std::pair<std::string, std::size_t>> names_by_id;  // id → (name, first row)
  std::map<std::string, int> stairwells_needed, floors_needed;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& p = rows[i];
    DwellingKey key{p.building, p.stairwell, p.room};
    auto [it, inserted] = planned.try_emplace(key, PlannedDwelling{p, {}});
    auto& pd = it->second;
    if (!inserted) {
      const auto& f = pd.first;
      std::string where = "（与第 " + std::to_string(f.row) + " 行同一房屋）";
      std::string where_en = " (same dwelling as row " + std::to_string(f.row) + ")";
      if (f.floor != p.floor) err(p.row, kFloor, std::to_string(p.floor), Text("楼层与同一房屋的其他行不一致" + where, "floor differs" + where_en));
      if (f.area_dm2 != p.area_dm2) err(p.row, kArea, FormatHundredths(p.area_dm2), Text("面积与同一房屋的其他行不一致" + where, "area differs" + where_en));
      if (f.area_source != p.area_source) err(p.row, kAreaSource, p.area_source, Text("面积来源不一致" + where, "area source differs" + where_en));
      if (f.sale_status != p.sale_status) err(p.row, kSaleStatus, p.sale_status, Text("出售状态不一致" + where, "sale status differs" + where_en));
      if (p.id_number.empty() || f.id_number.empty())
        err(p.row, kRoom, p.room, Text("房号重复：同一单元内的同一房号" + where, "duplicate room in the stairwell" + where_en));
    }
    if (!p.id_number.empty()) {
      for (auto idx : pd.owner_rows)
        if (rows[idx].id_number == p.id_number)
          err(p.row, kIdNumber, reg::MaskIdNumber(p.id_number), Text("同一房屋重复登记同一业主（第 " + std::to_string(rows[idx].row) + " 行）",
                                                                      "same owner twice on one dwelling (row " + std::to_string(rows[idx].row) + ")"));
      pd.owner_rows.push_back(i);
      auto [nit, fresh] = names_by_id.try_emplace(p.id_number, p.owner_name, p.row);
      if (!fresh && nit->second.first != p.owner_name)
        err(p.row, kOwnerName, p.owner_name, Text("同一证件号码在第 " + std::to_string(nit->second.second) + " 行的姓名为「" + nit->second.first + "」",
                                                  "the same ID number is named differently on row " + std::to_string(nit->second.second)));
    }
    stairwells_needed[p.building] = std::max(stairwells_needed[p.building], p.stairwell);
    floors_needed[p.building] = std::max(floors_needed[p.building], p.floor);
  }
  report.rows = static_cast<std::int64_t>(raw.size() - 1);
  if (!report.errors.empty()) {
    std::stable_sort(report.errors.begin(), report.errors.end(), [](const auto& a, const auto& b) { return a.row < b.row; });
    return report;
  }

  const auto t_validated = Clock::now();
  // 6. Write everything in one transaction.
  if (progress) {
    progress->phase = 2;
    progress->done = 0;
    progress->total = static_cast<std::int64_t>(planned.size());
  }
  const std::string now = FormatIsoUtc(clock_.Now());
  auto w = db_.Write([&](store::Session& s) -> Result<void> {
    // Buildings by number; create or widen.
    auto buildings = store::BuildingRepository::ListByEstate(s, estate_id);
    if (!buildings) return std::move(buildings).error();
    std::map<std::string, store::BuildingRecord> by_number;
    for (auto& b : *buildings) by_number[b.number] = b;
    for (const auto& [number, sw] : stairwells_needed) {
      int floors = std::max(1, floors_needed[number]);
      auto it = by_number.find(number);
      if (it == by_number.end()) {
        store::BuildingRecord b;
        b.estate_id = estate_id;
        b.region_code = estate->region_code;
        b.number = number;
        b.floors = floors;
        b.stairwells = sw;
        b.structure = "brick_concrete";
        b.heating = "none";
        b.built_year = estate->built_year;
        b.created_at = b.updated_at = now;
        auto id = store::BuildingRepository::Insert(s, b);
        if (!id) return std::move(id).error();
        b.id = *id;
        ++report.buildings_created;
        Changes c;
        c.Set("number", nullptr, boost::json::string(number)).Set("stairwells", nullptr, sw).Set("floors", nullptr, floors);
        if (auto r = RecordAudit(s, clock_, actor, "building.create", "building", std::to_string(b.id), b.region_code, c); !r) return r;
        by_number[number] = b;
      } else if (it->second.stairwells < sw || it->second.floors < floors) {
        auto before = it->second;
        it->second.stairwells = std::max(before.stairwells, sw);
        it->second.floors = std::max(before.floors, floors);
        it->second.updated_at = now;
        if (auto r = store::BuildingRepository::Update(s, it->second); !r) return r;
        Changes c;
        c.Diff("stairwells", before.stairwells, it->second.stairwells).Diff("floors", before.floors, it->second.floors);
        if (auto r = RecordAudit(s, clock_, actor, "building.update", "building", std::to_string(before.id), before.region_code, c); !r)
          return r;
      }
    }
    // Existing dwellings of the estate with their owners.
    auto existing = store::DwellingRepository::ListByEstate(s, estate_id);
    if (!existing) return std::move(existing).error();
    std::map<DwellingKey, store::DwellingRecord*> have;
    for (auto& d : *existing) have[{d.building_number, d.stairwell, d.room}] = &d;
    // Owners already registered, found with one query per 500 ID numbers instead of one per row.
    std::vector<std::string> id_numbers;
    for (const auto& [key, pd] : planned)
      for (auto idx : pd.owner_rows) id_numbers.push_back(rows[idx].id_number);
    std::sort(id_numbers.begin(), id_numbers.end());
    id_numbers.erase(std::unique(id_numbers.begin(), id_numbers.end()), id_numbers.end());
    auto known = store::OwnerRepository::FindByIdNumbers(s, id_numbers);
    if (!known) return std::move(known).error();
    std::unordered_map<std::string, std::int64_t> owner_ids;  // id number → owner id
    auto owner_id_for = [&](const ParsedRow& p) -> Result<std::int64_t> {
      if (auto it = owner_ids.find(p.id_number); it != owner_ids.end()) return it->second;
      std::int64_t id;
      if (auto found = known->find(p.id_number); found != known->end()) {
        auto& o = found->second;
        id = o.id;
        if (o.name != p.owner_name || (p.phone && o.phone != p.phone)) {
          Changes c;
          c.Diff("name", boost::json::string(o.name), boost::json::string(p.owner_name));
          o.name = p.owner_name;
          if (p.phone) {
            c.Diff("phone", boost::json::string(reg::MaskPhone(o.phone.value_or(""))), boost::json::string(reg::MaskPhone(*p.phone)));
            o.phone = p.phone;
          }
          o.updated_at = now;
          if (auto r = store::OwnerRepository::Update(s, o); !r) return std::move(r).error();
          if (auto r = RecordAudit(s, clock_, actor, "owner.update", "owner", std::to_string(o.id), estate->region_code, c); !r)
            return std::move(r).error();
        }
      } else {
        store::OwnerRecord o{0, p.id_number, p.owner_name, p.phone, now, now};
        auto ins = store::OwnerRepository::Insert(s, o);
        if (!ins) return std::move(ins).error();
        id = *ins;
        ++report.owners_created;
      }
      owner_ids[p.id_number] = id;
      return id;
    };
    std::int64_t done = 0;
    for (const auto& [key, pd] : planned) {
      const auto& f = pd.first;
      const auto& b = by_number[key.building];
      std::set<std::int64_t> want_owners;
      for (auto idx : pd.owner_rows) {
        auto id = owner_id_for(rows[idx]);
        if (!id) return std::move(id).error();
        want_owners.insert(*id);
      }
      auto hit = have.find(key);
      if (hit == have.end()) {
        store::DwellingRecord d;
        d.building_id = b.id;
        d.estate_id = estate_id;
        d.region_code = estate->region_code;
        d.stairwell = f.stairwell;
        d.floor = f.floor;
        d.room = f.room;
        d.exclusive_area_dm2 = f.area_dm2;
        d.area_source = f.area_source;
        d.use_type = "residential";
        d.sale_status = f.sale_status;
        d.created_at = d.updated_at = now;
        auto id = store::DwellingRepository::Insert(s, d);
        if (!id) return std::move(id).error();
        for (auto o : want_owners)
          if (auto r = store::OwnerRepository::Link(s, *id, o, estate_id, estate->region_code); !r) return std::move(r).error();
        ++report.created;
      } else {
        auto& d = *hit->second;
        std::set<std::int64_t> have_owners;
        for (const auto& o : d.owners) have_owners.insert(o.id);
        Changes c;
        c.Diff("floor", d.floor, f.floor)
            .Diff("exclusiveArea", boost::json::string(FormatHundredths(d.exclusive_area_dm2)), boost::json::string(FormatHundredths(f.area_dm2)))
            .Diff("areaSource", boost::json::string(d.area_source), boost::json::string(f.area_source))
            .Diff("saleStatus", boost::json::string(d.sale_status), boost::json::string(f.sale_status));
        if (have_owners != want_owners) {
          boost::json::array from(have_owners.begin(), have_owners.end()), to(want_owners.begin(), want_owners.end());
          c.Set("owners", from, to);
        }
        if (c.empty()) {
          ++report.unchanged;
        } else {
          d.floor = f.floor;
          d.exclusive_area_dm2 = f.area_dm2;
          d.area_source = f.area_source;
          d.sale_status = f.sale_status;
          d.updated_at = now;
          if (auto r = store::DwellingRepository::Update(s, d); !r) return r;
          for (auto o : have_owners)
            if (!want_owners.count(o))
              if (auto r = store::OwnerRepository::Unlink(s, d.id, o); !r) return std::move(r).error();
          for (auto o : want_owners)
            if (!have_owners.count(o))
              if (auto r = store::OwnerRepository::Link(s, d.id, o, estate_id, estate->region_code); !r) return std::move(r).error();
          if (auto r = RecordAudit(s, clock_, actor, "dwelling.update", "dwelling", std::to_string(d.id), d.region_code, c); !r) return r;
          ++report.updated;
        }
      }
      if (progress) progress->done = ++done;
    }
    Changes summary;
    summary.Set("file", nullptr, boost::json::string(filename))
        .Set("sha256", nullptr, boost::json::string(Sha256Hex(bytes)))
        .Set("rows", nullptr, report.rows)
        .Set("created", nullptr, report.created)
        .Set("updated", nullptr, report.updated)
        .Set("unchanged", nullptr, report.unchanged);
    return RecordAudit(s, clock_, actor, "register.import", "estate", std::to_string(estate_id), estate->region_code, summary);
  });
  if (!w) return std::move(w).error();
  spdlog::info("import estate {}: {} rows read in {} ms, validated in {} ms, written in {} ms ({} created, {} updated, {} unchanged)",
               estate_id, report.rows, ms(t_start, t_read), ms(t_read, t_validated), ms(t_validated, Clock::now()),
               report.created, report.updated, report.unchanged);
  return report;
}

Result<ImportStarted> ImportService::Start(const Actor& actor, std::int64_t estate_id, std::string file_bytes,
                                           std::string filename, bool async, ImportOutcomeFn outcome) {
  // The spreadsheet kinds the reader knows: an XLSX is a ZIP (whatever its name); CSV by name.
  const auto lower = ToLowerAscii(filename);
  const bool is_xlsx = std::string_view(file_bytes).substr(0, 4) == std::string_view("PK\x03\x04", 4);
  if (!is_xlsx && !(lower.ends_with(".csv") || lower.ends_with(".txt")))
    return MakeError(ErrorCode::kUnsupportedMediaType, "import.unsupported_file", Text("只支持 .xlsx 或 .csv 文件", "only .xlsx or .csv files"),
                     Text::Same(filename), Text("请下载导入模板填写", "download and fill in the import template"));
  ImportStarted out;
  if (!RunsAsJob(file_bytes, async)) {
    auto report = Import(actor, estate_id, file_bytes, filename);
    if (!report) return std::move(report).error();
    out.report = std::move(*report);
    return out;
  }
  auto job = ImportAsJob(actor, estate_id, std::move(file_bytes), std::move(filename), std::move(outcome));
  if (!job) return std::move(job).error();
  out.job_id = *job;
  return out;
}

Error ImportService::Refusal(const ImportReport& report) {
  const auto n = std::to_string(report.errors.size());
  return MakeError(ErrorCode::kUnprocessable, "import.invalid_rows",
                   Text("名册有错误，未导入任何数据", "the roster has errors; nothing was imported"), Text(n + " 处错误", n + " errors"),
                   Text("按错误表修改后重新上传整个文件", "fix the rows listed and upload the whole file again"));
}

bool ImportService::RunsAsJob(std::string_view file_bytes, bool asked) const {
  return asked || EstimateRows(file_bytes) > sync_row_limit_;
}

Result<std::int64_t> ImportService::ImportAsJob(const Actor& actor, std::int64_t estate_id, std::string file_bytes,
                                                std::string filename, ImportOutcomeFn outcome) {
  auto data = std::make_shared<const std::string>(std::move(file_bytes));
  return jobs_.Submit(actor, "register.import", actor.scope.prefix(),
                      [this, actor, estate_id, data, filename = std::move(filename), outcome = std::move(outcome)](Progress& p) {
                        return outcome(Import(actor, estate_id, *data, filename, &p));
                      });
}

}  // namespace huanxin::service
