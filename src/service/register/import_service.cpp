#include "service/register/import_service.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <boost/json.hpp>
#include <chrono>
#include <cstring>
#include <functional>
#include <future>
#include <map>
#include <memory_resource>
#include <tuple>
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
#include "store/register/register_bulk_repository.hpp"
#include "store/register/register_repository.hpp"

namespace huanxin::service {

namespace reg = core::reg;

namespace {

enum Col {
  kBuilding,
  kStairwell,
  kFloor,
  kRoom,
  kArea,
  kAreaSource,
  kSaleStatus,
  kOwnerName,
  kIdNumber,
  kPhone,
  kColCount
};

const std::vector<std::string> kHeaders = {"楼栋",     "单元",     "楼层",     "房号",     "专有部分面积(㎡)",
                                           "面积来源", "出售状态", "业主姓名", "证件号码", "联系电话"};

// Header text → column, tolerant of full-width brackets, spaces and unit spellings.
std::optional<Col> HeaderColumn(std::string h) {
  std::string t;
  for (std::string_view part : {std::string_view(h)}) t = std::string(Trim(part));
  auto strip = [&](const std::string& what) {
    for (auto pos = t.find(what); pos != std::string::npos; pos = t.find(what)) t.erase(pos, what.size());
  };
  for (const char* noise :
       {" ", "　", "(㎡)", "（㎡）", "(m²)", "（m²）", "(m2)", "（m2）", "(平方米)", "（平方米）", "*"})
    strip(noise);
  static const std::map<std::string, Col> kMap = {{"楼栋", kBuilding},
                                                  {"楼栋号", kBuilding},
                                                  {"楼号", kBuilding},
                                                  {"单元", kStairwell},
                                                  {"单元号", kStairwell},
                                                  {"楼层", kFloor},
                                                  {"层", kFloor},
                                                  {"房号", kRoom},
                                                  {"房间号", kRoom},
                                                  {"门牌号", kRoom},
                                                  {"专有部分面积", kArea},
                                                  {"面积", kArea},
                                                  {"建筑面积", kArea},
                                                  {"面积来源", kAreaSource},
                                                  {"出售状态", kSaleStatus},
                                                  {"销售状态", kSaleStatus},
                                                  {"业主姓名", kOwnerName},
                                                  {"业主", kOwnerName},
                                                  {"姓名", kOwnerName},
                                                  {"证件号码", kIdNumber},
                                                  {"身份证号", kIdNumber},
                                                  {"身份证号码", kIdNumber},
                                                  {"联系电话", kPhone},
                                                  {"电话", kPhone},
                                                  {"手机号", kPhone}};
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

// One checked row. Its text lives in the import's arena (RowText), the codes in the code tables:
// no string of its own, so a million rows cost no million allocations.
struct ParsedRow {
  std::size_t row = 0;
  std::string_view building, room;
  int stairwell = 0, floor = 0;
  std::int64_t area_dm2 = 0;
  std::string_view area_source, sale_status;  // codes (static text)
  std::string_view owner_name, id_number;
  std::optional<std::string_view> phone;
};

// The parsed rows in file order: those read by the first (or only) reader, then those of the second
// half when a CSV was read in two halves (kept apart, not copied together).
class RowList {
 public:
  std::vector<ParsedRow>& first() { return first_; }
  std::vector<ParsedRow>& second() { return second_; }
  const ParsedRow& operator[](std::size_t i) const {
    return i < first_.size() ? first_[i] : second_[i - first_.size()];
  }
  std::size_t size() const { return first_.size() + second_.size(); }

 private:
  std::vector<ParsedRow> first_, second_;
};

// The parsed rows' text, copied once into blocks that live as long as the import.
class RowText {
 public:
  std::string_view Keep(std::string_view text) {
    if (text.empty()) return {};
    auto* at = static_cast<char*>(arena_.allocate(text.size(), 1));
    std::memcpy(at, text.data(), text.size());
    return {at, text.size()};
  }

 private:
  std::pmr::monotonic_buffer_resource arena_{std::size_t{1} << 20};
};

// One dwelling of the roster: its rows, in file order, are owner_rows[begin, end) of the plan; the
// first of them gives the dwelling's fields.
struct PlannedDwelling {
  std::uint32_t first = 0;  // index into rows
  std::uint32_t begin = 0, end = 0;
};

struct DwellingKey {
  std::string building;
  int stairwell;
  std::string room;
  bool operator<(const DwellingKey& o) const {
    return std::tie(building, stairwell, room) < std::tie(o.building, o.stairwell, o.room);
  }
};

// The trimmed cell of column `c` (a view into `cells`), empty when the row has no such cell.
std::string_view Cell(const std::vector<std::string>& cells, const std::array<int, kColCount>& at, Col c) {
  int i = at[c];
  return i >= 0 && static_cast<std::size_t>(i) < cells.size() ? Trim(cells[i]) : std::string_view();
}

// An Excel workbook is a ZIP archive, whatever its name.
bool IsXlsx(std::string_view bytes) { return bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4); }

// Parses and checks one data row against the header's columns; appends its problems to `errors`
// and returns the row when it has none.
std::optional<ParsedRow> ParseRow(std::size_t row_no, const std::vector<std::string>& cells,
                                  const std::array<int, kColCount>& at, std::vector<ImportError>& errors,
                                  RowText& text) {
  const std::size_t errors_before = errors.size();
  auto err = [&](Col c, std::string_view value, Text message) {
    errors.push_back({row_no, kHeaders[c], std::string(value), std::move(message)});
  };
  ParsedRow p;  // its views point into `cells` until kept in `text` at the end
  p.row = row_no;
  p.building = Cell(cells, at, kBuilding);
  p.room = Cell(cells, at, kRoom);
  if (p.building.empty())
    err(kBuilding, "", Text("楼栋不能为空", "building is required"));
  else if (Utf8Length(p.building).value_or(99) > 20)
    err(kBuilding, p.building, Text("楼栋号过长（最多20字）", "building number too long (20 max)"));
  if (p.room.empty())
    err(kRoom, "", Text("房号不能为空", "room is required"));
  else if (Utf8Length(p.room).value_or(99) > 20)
    err(kRoom, p.room, Text("房号过长（最多20字）", "room too long (20 max)"));
  auto sw_text = Cell(cells, at, kStairwell);
  auto sw = ParseSmallInt(std::string(sw_text), {"单元"});
  if (!sw || *sw < 1 || *sw > 50)
    err(kStairwell, sw_text, Text("单元应为 1–50 的整数，如 2 或 2单元", "stairwell must be 1–50, e.g. 2"));
  else
    p.stairwell = *sw;
  auto fl_text = Cell(cells, at, kFloor);
  auto fl = ParseSmallInt(std::string(fl_text), {"层", "楼"});
  if (!fl || *fl == 0 || *fl < -5 || *fl > 100)
    err(kFloor, fl_text, Text("楼层应为整数（地下层用负数）", "floor must be an integer (basements negative)"));
  else
    p.floor = *fl;
  auto area_text = Cell(cells, at, kArea);
  auto area = ParseHundredths(area_text);
  if (!area)
    err(kArea, area_text, Text("面积应为数字，最多两位小数", "area must be a number with at most 2 decimals"));
  else if (*area <= 0)
    err(kArea, area_text, Text("面积必须大于0", "area must be above 0"));
  else if (*area >= 100'000'000)
    err(kArea, area_text, Text("面积过大，请检查单位（平方米）", "area too large: check the unit (m²)"));
  else
    p.area_dm2 = *area;
  auto src_text = Cell(cells, at, kAreaSource);
  if (src_text.empty())
    p.area_source = "registered";
  else if (auto c = reg::AreaSources().ByAnyLabel(src_text))
    p.area_source = c->code;
  else
    err(kAreaSource, src_text, Text("可选：" + reg::AreaSources().ListZh(), "one of: " + reg::AreaSources().ListZh()));
  auto sale_text = Cell(cells, at, kSaleStatus);
  if (sale_text.empty())
    p.sale_status = "sold";
  else if (auto c = reg::SaleStatuses().ByAnyLabel(sale_text))
    p.sale_status = c->code;
  else
    err(kSaleStatus, sale_text,
        Text("可选：" + reg::SaleStatuses().ListZh(), "one of: " + reg::SaleStatuses().ListZh()));
  p.owner_name = Cell(cells, at, kOwnerName);
  const std::string id_number = reg::NormaliseIdNumber(Cell(cells, at, kIdNumber));
  p.id_number = id_number;
  auto phone = Cell(cells, at, kPhone);
  if (!phone.empty()) p.phone = phone;
  const bool has_owner = !p.owner_name.empty() || !p.id_number.empty() || p.phone;
  if (has_owner && p.sale_status == "developer_unsold") {
    err(kOwnerName, p.owner_name, Text("开发商未售房屋不应填写业主", "a developer-unsold dwelling has no owner"));
  } else if (has_owner) {
    if (p.owner_name.empty()) err(kOwnerName, "", Text("填写了证件号码但缺少业主姓名", "owner name is missing"));
    if (p.id_number.empty())
      err(kIdNumber, "", Text("缺少证件号码", "ID number is missing"));
    else if (auto v = reg::ValidateIdNumber(p.id_number); !v)
      err(kIdNumber, reg::MaskIdNumber(p.id_number), v.error().detail);
    if (p.phone)
      if (auto v = RegisterService::ValidatePhone(std::string(*p.phone)); !v) err(kPhone, *p.phone, v.error().hint);
  }
  if (errors.size() != errors_before) return std::nullopt;
  p.building = text.Keep(p.building);
  p.room = text.Keep(p.room);
  p.owner_name = text.Keep(p.owner_name);
  p.id_number = text.Keep(p.id_number);
  if (p.phone) p.phone = text.Keep(*p.phone);
  return p;
}

}  // namespace

const std::vector<std::string>& ImportService::Headers() { return kHeaders; }

std::size_t ImportService::EstimateRows(std::string_view bytes) {
  if (IsXlsx(bytes)) return bytes.size() / 40;  // ≈ compressed row size
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

  // The file's SHA-256 for the audit record, computed on the other core while this one reads.
  // Shared: the write below may run more than once (a retried transaction) and reads it each time.
  auto sha256 = std::async(std::launch::async, [bytes] { return Sha256Hex(bytes); }).share();

  // 2. Read, parse and check the rows as they stream out of the reader: only the parsed rows are
  // kept (the cells of one row at a time), every problem is listed.
  std::array<int, kColCount> at;
  at.fill(-1);
  bool have_header = false;
  std::int64_t data_rows = 0;
  RowText row_text;  // outlives `rows`, whose views point into it
  RowList rows;
  // The second half of a large CSV, read on the other core once the header is known (below).
  RowText second_text;
  std::vector<ImportError> second_errors;
  std::int64_t second_data_rows = 0;
  // Sized once from the line count (CSV), so the rows are not moved again and again as they grow;
  // at most one row per 64 bytes (a roster row is about 78), so that a file of empty lines cannot
  // make it reserve gigabytes.
  const std::size_t estimated_rows = EstimateRows(bytes);
  if (!IsXlsx(bytes)) rows.first().reserve(std::min(estimated_rows, bytes.size() / 64 + 1));
  if (progress) {
    progress->phase = 1;
    progress->total = static_cast<std::int64_t>(estimated_rows);
  }
  // A data row: parsed and checked into `out`, its problems into `errors`.
  auto data_row = [&](std::size_t row_no, const std::vector<std::string>& cells, std::vector<ParsedRow>& out,
                      std::vector<ImportError>& errors, std::int64_t& count, RowText& text) {
    ++count;
    if (auto p = ParseRow(row_no, cells, at, errors, text)) out.push_back(*p);
    if (progress && count % 1024 == 0) progress->done += 1024;
  };
  auto blank = [](const std::vector<std::string>& cells) {
    return std::all_of(cells.begin(), cells.end(), [](const std::string& c) { return Trim(c).empty(); });
  };
  std::function<void()> on_header;  // starts the second half's reader, when there is one
  auto sink = [&](std::size_t row_no, std::vector<std::string>& cells) {
    if (blank(cells)) return true;
    if (!have_header) {  // the first non-blank row
      have_header = true;
      for (std::size_t i = 0; i < cells.size(); ++i)
        if (auto c = HeaderColumn(cells[i]); c && at[*c] < 0) at[*c] = static_cast<int>(i);
      for (Col required : {kBuilding, kStairwell, kFloor, kRoom, kArea})
        if (at[required] < 0)
          report.errors.push_back(
              {row_no, kHeaders[required], "",
               Text("缺少必需的列「" + kHeaders[required] + "」", "missing required column " + kHeaders[required])});
      if (!report.errors.empty()) return false;  // without the columns no row can be read
      if (on_header) on_header();
      return true;
    }
    data_row(row_no, cells, rows.first(), report.errors, data_rows, row_text);
    return true;
  };
  const bool xlsx = IsXlsx(bytes);
  if (xlsx) {
    if (auto r = tabular::ReadXlsx(bytes, sink); !r) return std::move(r).error();
  } else {
    std::string converted;  // the text of a GB18030 file; UTF-8 is read where it lies
    auto text = tabular::AsUtf8(bytes, converted);
    if (!text) return std::move(text).error();
    // A large CSV without a double quote anywhere (a quoted cell may hold a line end, so only then is
    // every line end a row's end) is read in two halves split at a line end, the second on the
    // other core from the moment the header is known, with its own rows, problems and row numbers
    // (physical lines, counted in the first half). The halves are joined in file order.
    std::string_view first = *text, second;
    std::size_t second_line = 1;
    if (text->size() >= kHalvedReadBytes && text->find('"') == std::string::npos) {
      const auto cut = text->find('\n', text->size() / 2);
      if (cut != std::string::npos && cut + 1 < text->size()) {
        second = first.substr(cut + 1);
        first = first.substr(0, cut + 1);
        second_line = 1 + tabular::LineEnds(first);
      }
    }
    std::future<Result<void>> second_read;
    if (!second.empty())
      on_header = [&] {
        rows.second().reserve(std::min(estimated_rows, second.size() / 64 + 1));
        second_read = std::async(std::launch::async, [&] {
          return tabular::ReadCsv(
              second,
              [&](std::size_t row_no, std::vector<std::string>& cells) {
                if (!blank(cells)) data_row(row_no, cells, rows.second(), second_errors, second_data_rows, second_text);
                return true;
              },
              second_line);
        });
      };
    auto r = tabular::ReadCsv(first, sink);
    on_header = nullptr;
    if (second_read.valid()) {  // wait for it on every way out: it writes to this frame
      auto r2 = second_read.get();
      if (r && !r2) r = std::move(r2);
    } else if (r && !second.empty() && !have_header) {
      r = tabular::ReadCsv(second, sink, second_line);  // the first half was blank: the header is here
    }
    if (!r) return std::move(r).error();
    report.errors.insert(report.errors.end(), std::make_move_iterator(second_errors.begin()),
                         std::make_move_iterator(second_errors.end()));
    data_rows += second_data_rows;
  }
  if (!have_header)
    return MakeError(ErrorCode::kUnprocessable, "import.empty", Text("文件中没有数据", "the file has no rows"), {},
                     Text("请使用导入模板填写后上传", "fill in the import template and upload it"));
  if (!report.errors.empty() && data_rows == 0) return report;  // the header lacks required columns
  if (progress) progress->total = progress->done = data_rows;
  const auto t_read = Clock::now();

  // 3. Group rows into dwellings; rows of one dwelling must agree; one ID number, one name. Sorting
  // row indexes (stable, so file order within a dwelling) instead of a map node per row; each
  // sort runs over compact keys that carry their row's index, not through the rows themselves.
  auto err = [&](std::size_t row, Col c, std::string_view value, Text message) {
    report.errors.push_back({row, kHeaders[c], std::string(value), std::move(message)});
  };
  // The ID-number order ("one number, one name", below) does not depend on the grouping: sorted on
  // the other core meanwhile (both only read `rows`).
  auto by_id_sorted = std::async(std::launch::async, [&rows] {
    struct Key {
      std::string_view id_number;
      std::uint32_t row;
    };
    std::vector<Key> keys;
    for (std::size_t i = 0; i < rows.size(); ++i)
      if (!rows[i].id_number.empty()) keys.push_back({rows[i].id_number, static_cast<std::uint32_t>(i)});
    std::stable_sort(keys.begin(), keys.end(), [](const Key& a, const Key& b) { return a.id_number < b.id_number; });
    std::vector<std::uint32_t> by_id(keys.size());
    for (std::size_t i = 0; i < keys.size(); ++i) by_id[i] = keys[i].row;
    return by_id;
  });
  std::vector<std::uint32_t> order(rows.size());
  {
    struct Key {
      std::string_view building, room;
      int stairwell;
      std::uint32_t row;
    };
    std::vector<Key> keys(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i)
      keys[i] = {rows[i].building, rows[i].room, rows[i].stairwell, static_cast<std::uint32_t>(i)};
    std::stable_sort(keys.begin(), keys.end(), [](const Key& x, const Key& y) {
      return std::tie(x.building, x.stairwell, x.room) < std::tie(y.building, y.stairwell, y.room);
    });
    for (std::size_t i = 0; i < keys.size(); ++i) order[i] = keys[i].row;
  }
  std::vector<PlannedDwelling> planned;
  std::vector<std::uint32_t> owner_rows;              // rows with an owner, dwelling by dwelling
  std::map<std::string_view, std::pair<int, int>> needed;  // building → (stairwells, floors)
  for (std::size_t g = 0; g < order.size();) {
    const auto& f = rows[order[g]];
    std::size_t e = g + 1;
    while (e < order.size() && rows[order[e]].building == f.building && rows[order[e]].stairwell == f.stairwell &&
           rows[order[e]].room == f.room)
      ++e;
    PlannedDwelling pd{order[g], static_cast<std::uint32_t>(owner_rows.size()), 0};
    for (std::size_t k = g; k < e; ++k) {
      const auto& p = rows[order[k]];
      if (k > g) {
        std::string where = "（与第 " + std::to_string(f.row) + " 行同一房屋）";
        std::string where_en = " (same dwelling as row " + std::to_string(f.row) + ")";
        if (f.floor != p.floor)
          err(p.row, kFloor, std::to_string(p.floor),
              Text("楼层与同一房屋的其他行不一致" + where, "floor differs" + where_en));
        if (f.area_dm2 != p.area_dm2)
          err(p.row, kArea, FormatHundredths(p.area_dm2),
              Text("面积与同一房屋的其他行不一致" + where, "area differs" + where_en));
        if (f.area_source != p.area_source)
          err(p.row, kAreaSource, p.area_source, Text("面积来源不一致" + where, "area source differs" + where_en));
        if (f.sale_status != p.sale_status)
          err(p.row, kSaleStatus, p.sale_status, Text("出售状态不一致" + where, "sale status differs" + where_en));
        if (p.id_number.empty() || f.id_number.empty())
          err(p.row, kRoom, p.room,
              Text("房号重复：同一单元内的同一房号" + where, "duplicate room in the stairwell" + where_en));
      }
      if (!p.id_number.empty()) {
        for (std::size_t o = pd.begin; o < owner_rows.size(); ++o)
          if (rows[owner_rows[o]].id_number == p.id_number)
            err(p.row, kIdNumber, reg::MaskIdNumber(p.id_number),
                Text("同一房屋重复登记同一业主（第 " + std::to_string(rows[owner_rows[o]].row) + " 行）",
                     "same owner twice on one dwelling (row " + std::to_string(rows[owner_rows[o]].row) + ")"));
        owner_rows.push_back(order[k]);
      }
    }
    pd.end = static_cast<std::uint32_t>(owner_rows.size());
    planned.push_back(pd);
    auto& n = needed[f.building];  // rows of one building are adjacent: mostly the same node
    for (std::size_t k = g; k < e; ++k) {
      n.first = std::max(n.first, rows[order[k]].stairwell);
      n.second = std::max(n.second, rows[order[k]].floor);
    }
    g = e;
  }
  // Each owner row's owner, numbered 0, 1, … in ID-number order (the write below keeps owner ids in
  // a vector by that number instead of a hash map of a million ID numbers).
  std::vector<std::uint32_t> owner_of(rows.size(), 0);
  std::uint32_t distinct_owners = 0;
  std::vector<std::string_view> owner_id_numbers;  // by owner number: sorted, distinct
  {  // One ID number, one name: the first row (in file order) with the number names it.
    const std::vector<std::uint32_t> by_id = by_id_sorted.get();
    for (std::size_t g = 0; g < by_id.size();) {
      const auto& f = rows[by_id[g]];
      std::size_t e = g + 1;
      owner_of[by_id[g]] = distinct_owners;
      for (; e < by_id.size() && rows[by_id[e]].id_number == f.id_number; ++e) {
        owner_of[by_id[e]] = distinct_owners;
        const auto& p = rows[by_id[e]];
        if (p.owner_name != f.owner_name)
          err(p.row, kOwnerName, p.owner_name,
              Text("同一证件号码在第 " + std::to_string(f.row) + " 行的姓名为「" + std::string(f.owner_name) + "」",
                   "the same ID number is named differently on row " + std::to_string(f.row)));
      }
      g = e;
      owner_id_numbers.push_back(f.id_number);
      ++distinct_owners;
    }
  }
  report.rows = data_rows;
  if (!report.errors.empty()) {
    std::stable_sort(report.errors.begin(), report.errors.end(),
                     [](const auto& a, const auto& b) { return a.row < b.row; });
    return report;
  }

  const auto t_validated = Clock::now();
  // 4. Write everything in one transaction, several hundred dwellings at a time (multi-row inserts).
  if (progress) {
    progress->phase = 2;
    progress->done = 0;
    progress->total = static_cast<std::int64_t>(planned.size());
  }
  const bool bulk = rows.size() >= bulk_row_limit_;
  const std::string now = FormatIsoUtc(clock_.Now());
  store::RosterLoad load;
  bool bulk_load = false;
  Clock::time_point t_inserted{}, t_finished{};  // the inserts done; indexes and counters rebuilt
  auto write = [&](store::Session& s) -> Result<void> {
    // Buildings by number; create or widen.
    auto buildings = store::BuildingRepository::ListByEstate(s, estate_id);
    if (!buildings) return std::move(buildings).error();
    std::map<std::string, store::BuildingRecord, std::less<>> by_number;
    for (auto& b : *buildings) by_number[b.number] = b;
    for (const auto& [number, need] : needed) {
      const int sw = need.first;
      int floors = std::max(1, need.second);
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
        c.Set("number", nullptr, boost::json::string(number))
            .Set("stairwells", nullptr, sw)
            .Set("floors", nullptr, floors);
        if (auto r =
                RecordAudit(s, clock_, actor, "building.create", "building", std::to_string(b.id), b.region_code, c);
            !r)
          return r;
        by_number[std::string(number)] = b;
      } else if (it->second.stairwells < sw || it->second.floors < floors) {
        auto before = it->second;
        it->second.stairwells = std::max(before.stairwells, sw);
        it->second.floors = std::max(before.floors, floors);
        it->second.updated_at = now;
        if (auto r = store::BuildingRepository::Update(s, it->second); !r) return r;
        Changes c;
        c.Diff("stairwells", before.stairwells, it->second.stairwells).Diff("floors", before.floors, it->second.floors);
        if (auto r = RecordAudit(s, clock_, actor, "building.update", "building", std::to_string(before.id),
                                 before.region_code, c);
            !r)
          return r;
      }
    }
    // Existing dwellings of the estate with their owners.
    auto existing = store::DwellingRepository::ListByEstate(s, estate_id);
    if (!existing) return std::move(existing).error();
    std::map<DwellingKey, store::DwellingRecord*> have;
    for (auto& d : *existing) have[{d.building_number, d.stairwell, d.room}] = &d;
    // A large roster on SQLite loads with the insert triggers replaced by set-based work at the end
    // and, when it at least doubles the dwelling table, without the secondary indexes, rebuilt once
    // (a rebuild sorts the whole table, so a small load into a large register keeps them).
    if (bulk) {
      auto max = store::RegisterBulkRepository::MaxIds(s);
      if (!max) return std::move(max).error();
      const auto adding = static_cast<std::int64_t>(planned.size() - std::min(planned.size(), existing->size()));
      auto begun = store::RegisterBulkRepository::BeginRosterLoad(s, adding >= max->dwelling);
      if (!begun) return std::move(begun).error();
      load = std::move(*begun);
      bulk_load = load.active;
    }
    store::RosterLoadChange change{estate_id, 0, 0, false};
    // Owners already registered, found with one query per 500 ID numbers instead of one per row
    // (the roster's distinct ID numbers, in order, from the "one number, one name" pass).
    auto known = store::OwnerRepository::FindByIdNumbers(s, owner_id_numbers);
    if (!known) return std::move(known).error();
    // Owner number (owner_of) → owner id; -1 not yet resolved, 0 waiting for its insert.
    std::vector<std::int64_t> owner_ids(distinct_owners, -1);
    std::vector<std::uint32_t> fresh_owners;  // the owner number of each of `fresh`
    const store::RosterLoadScope scope{estate_id, estate->region_code, now};
    // A registered owner takes the file's name and phone (audited); a new one waits in `fresh` for
    // the chunk's multi-row insert.
    std::vector<store::NewOwner> fresh;
    auto resolve = [&](std::uint32_t row) -> Result<void> {
      auto& id = owner_ids[owner_of[row]];
      if (id >= 0) return Ok();
      const auto& p = rows[row];
      auto found = known->empty() ? known->end() : known->find(std::string(p.id_number));
      if (found == known->end()) {
        fresh.push_back(store::NewOwner{p.id_number, p.owner_name, p.phone});
        fresh_owners.push_back(owner_of[row]);
        id = 0;  // filled in after the insert
        return Ok();
      }
      auto& o = found->second;
      if (o.name != p.owner_name || (p.phone && o.phone != p.phone)) {
        Changes c;
        c.Diff("name", boost::json::string(o.name), boost::json::string(p.owner_name));
        o.name = p.owner_name;
        if (p.phone) {
          c.Diff("phone", boost::json::string(reg::MaskPhone(o.phone.value_or(""))),
                 boost::json::string(reg::MaskPhone(*p.phone)));
          o.phone = p.phone;
        }
        o.updated_at = now;
        if (auto r = store::OwnerRepository::Update(s, o); !r) return r;
        if (auto r =
                RecordAudit(s, clock_, actor, "owner.update", "owner", std::to_string(o.id), estate->region_code, c);
            !r)
          return r;
      }
      id = o.id;
      return Ok();
    };
    constexpr std::size_t kChunk = 2000;  // dwellings per round of multi-row inserts
    std::vector<store::NewDwelling> new_dwellings;
    std::string_view last_building;
    std::int64_t last_building_id = 0;
    std::vector<std::uint32_t> new_plans;  // planned index of each new dwelling
    std::vector<store::OwnerLinkRecord> links;
    std::vector<std::int64_t> want_owners, have_owners;
    auto wanted = [&](const PlannedDwelling& pd) {
      want_owners.clear();
      for (auto o = pd.begin; o < pd.end; ++o) want_owners.push_back(owner_ids[owner_of[owner_rows[o]]]);
      std::sort(want_owners.begin(), want_owners.end());
      want_owners.erase(std::unique(want_owners.begin(), want_owners.end()), want_owners.end());
    };
    for (std::size_t c0 = 0; c0 < planned.size(); c0 += kChunk) {
      const std::size_t c1 = std::min(planned.size(), c0 + kChunk);
      fresh.clear();
      fresh_owners.clear();
      for (std::size_t i = c0; i < c1; ++i)
        for (auto o = planned[i].begin; o < planned[i].end; ++o)
          if (auto r = resolve(owner_rows[o]); !r) return r;
      if (!fresh.empty()) {
        auto ids = store::RegisterBulkRepository::InsertOwners(s, scope, fresh);
        if (!ids) return std::move(ids).error();
        for (std::size_t k = 0; k < fresh.size(); ++k) owner_ids[fresh_owners[k]] = (*ids)[k];
        report.owners_created += static_cast<std::int64_t>(fresh.size());
      }
      new_dwellings.clear();
      new_plans.clear();
      for (std::size_t i = c0; i < c1; ++i) {
        const auto& pd = planned[i];
        const auto& f = rows[pd.first];
        auto hit = have.empty() ? have.end()
                                : have.find(DwellingKey{std::string(f.building), f.stairwell, std::string(f.room)});
        if (hit == have.end()) {
          if (last_building_id == 0 || f.building != last_building) {  // rows come building by building
            last_building = f.building;
            last_building_id = by_number.find(f.building)->second.id;
          }
          new_dwellings.push_back(store::NewDwelling{last_building_id, f.stairwell, f.floor, f.area_dm2, f.room,
                                                     f.area_source, f.sale_status});
          new_plans.push_back(static_cast<std::uint32_t>(i));
          continue;
        }
        auto& d = *hit->second;
        wanted(pd);
        have_owners.clear();
        for (const auto& o : d.owners) have_owners.push_back(o.id);
        std::sort(have_owners.begin(), have_owners.end());
        Changes c;
        c.Diff("floor", d.floor, f.floor)
            .Diff("exclusiveArea", boost::json::string(FormatHundredths(d.exclusive_area_dm2)),
                  boost::json::string(FormatHundredths(f.area_dm2)))
            .Diff("areaSource", boost::json::string(d.area_source), boost::json::string(f.area_source))
            .Diff("saleStatus", boost::json::string(d.sale_status), boost::json::string(f.sale_status));
        if (have_owners != want_owners) {
          boost::json::array from(have_owners.begin(), have_owners.end()), to(want_owners.begin(), want_owners.end());
          c.Set("owners", from, to);
        }
        if (c.empty()) {
          ++report.unchanged;
          continue;
        }
        d.floor = f.floor;
        d.exclusive_area_dm2 = f.area_dm2;
        d.area_source = f.area_source;
        d.sale_status = f.sale_status;
        d.updated_at = now;
        if (auto r = store::DwellingRepository::Update(s, d); !r) return r;
        for (auto o : have_owners)
          if (!std::binary_search(want_owners.begin(), want_owners.end(), o))
            if (auto r = store::OwnerRepository::Unlink(s, d.id, o); !r) return std::move(r).error();
        for (auto o : want_owners)
          if (!std::binary_search(have_owners.begin(), have_owners.end(), o))
            if (auto r = store::OwnerRepository::Link(s, d.id, o, estate_id, estate->region_code); !r)
              return std::move(r).error();
        if (auto r =
                RecordAudit(s, clock_, actor, "dwelling.update", "dwelling", std::to_string(d.id), d.region_code, c);
            !r)
          return r;
        ++report.updated;
        change.register_changed = true;
      }
      if (!new_dwellings.empty()) {
        auto ids = store::RegisterBulkRepository::InsertDwellings(s, scope, new_dwellings);
        if (!ids) return std::move(ids).error();
        links.clear();
        for (std::size_t k = 0; k < new_dwellings.size(); ++k) {
          wanted(planned[new_plans[k]]);
          for (auto o : want_owners) links.push_back({(*ids)[k], o});
          change.area_inserted_dm2 += new_dwellings[k].exclusive_area_dm2;
        }
        if (auto r = store::RegisterBulkRepository::InsertLinks(s, scope, links); !r) return r;
        report.created += static_cast<std::int64_t>(new_dwellings.size());
        change.dwellings_inserted += static_cast<std::int64_t>(new_dwellings.size());
        change.register_changed = true;
      }
      if (progress) progress->done = static_cast<std::int64_t>(c1);
    }
    t_inserted = Clock::now();
    if (auto r = store::RegisterBulkRepository::EndRosterLoad(s, load, change); !r) return r;
    t_finished = Clock::now();
    Changes summary;
    summary.Set("file", nullptr, boost::json::string(filename))
        .Set("sha256", nullptr, boost::json::string(sha256.get()))
        .Set("rows", nullptr, report.rows)
        .Set("created", nullptr, report.created)
        .Set("updated", nullptr, report.updated)
        .Set("unchanged", nullptr, report.unchanged);
    return RecordAudit(s, clock_, actor, "register.import", "estate", std::to_string(estate_id), estate->region_code,
                       summary);
  };
  auto w = db_.Write([&](store::Session& s) -> Result<void> {
    auto r = write(s);
    // The page cache is not part of the transaction: put it back on every way out.
    store::RegisterBulkRepository::ResetRosterCache(s, load);
    return r;
  });
  if (!w) return std::move(w).error();
  const auto t_done = Clock::now();
  spdlog::info(
      "import estate {}: {} rows read and checked in {} ms, grouped in {} ms, written in {} ms{} (inserts {} ms, "
      "indexes and counters {} ms, commit {} ms; {} created, {} updated, {} unchanged)",
      estate_id, report.rows, ms(t_start, t_read), ms(t_read, t_validated), ms(t_validated, t_done),
      bulk_load ? " as a bulk load" : "", ms(t_validated, t_inserted), ms(t_inserted, t_finished),
      ms(t_finished, t_done), report.created, report.updated, report.unchanged);
  return report;
}

Result<ImportStarted> ImportService::Start(const Actor& actor, std::int64_t estate_id, std::string file_bytes,
                                           std::string filename, bool async, ImportOutcomeFn outcome) {
  // The spreadsheet kinds the reader knows: an XLSX is a ZIP (whatever its name); CSV by name.
  const auto lower = ToLowerAscii(filename);
  const bool is_xlsx = IsXlsx(file_bytes);
  if (!is_xlsx && !(lower.ends_with(".csv") || lower.ends_with(".txt")))
    return MakeError(ErrorCode::kUnsupportedMediaType, "import.unsupported_file",
                     Text("只支持 .xlsx 或 .csv 文件", "only .xlsx or .csv files"), Text::Same(filename),
                     Text("请下载导入模板填写", "download and fill in the import template"));
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
                   Text("名册有错误，未导入任何数据", "the roster has errors; nothing was imported"),
                   Text(n + " 处错误", n + " errors"),
                   Text("按错误表修改后重新上传整个文件", "fix the rows listed and upload the whole file again"));
}

bool ImportService::RunsAsJob(std::string_view file_bytes, bool asked) const {
  return asked || EstimateRows(file_bytes) > sync_row_limit_;
}

Result<std::int64_t> ImportService::ImportAsJob(const Actor& actor, std::int64_t estate_id, std::string file_bytes,
                                                std::string filename, ImportOutcomeFn outcome) {
  auto data = std::make_shared<const std::string>(std::move(file_bytes));
  return jobs_.Submit(actor, "register.import", actor.scope.prefix(),
                      [this, actor, estate_id, data, filename = std::move(filename), outcome = std::move(outcome)](
                          Progress& p) { return outcome(Import(actor, estate_id, *data, filename, &p)); });
}

}  // namespace huanxin::service
