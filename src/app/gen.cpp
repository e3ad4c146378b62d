#include "app/gen.hpp"

#include <cstdio>
#include <fstream>
#include <iostream>

#include "app/demo.hpp"
#include "app/synthetic.hpp"
#include "app/wiring.hpp"
#include "common/decimal.hpp"
#include "store/migrations.hpp"

namespace huanxin::app {

namespace {

const char* SourceLabel(const std::string& code) {
  return code == "registered" ? "不动产登记" : code == "surveyed" ? "实测" : "合同";
}
const char* SaleLabel(const std::string& code) {
  return code == "sold" ? "已售" : code == "developer_unsold" ? "开发商未售" : "公房";
}

// A well-formed community code for estate `i` without a region table: four estates per community,
// thirty communities per street, twenty streets per county… (synthetic, not real codes).
std::string SyntheticCommunity(std::int64_t i) {
  std::int64_t c = i / 4;
  char buf[16];
  auto ll = [](std::int64_t v) { return static_cast<long long>(v); };
  std::snprintf(buf, sizeof buf, "%02lld%02lld%02lld%03lld%03lld", ll(11 + (c / 3'600'000) % 55), ll(1 + (c / 180'000) % 20),
                ll(1 + (c / 12'000) % 15), ll(1 + (c / 600) % 20), ll(1 + c % 30));
  // 600 communities per county prefix… enough variety for scoped-query benchmarks.
  return buf;
}

}  // namespace

int RunGen(std::int64_t estates, std::int64_t roster, std::uint64_t seed, const std::string& out, const std::string& db_dsn) {
  SynthOptions opts;
  opts.seed = seed;
  if (roster > 0) {
    if (out.empty()) {
      std::cerr << "huanxin gen: --roster-dwellings needs --out FILE\n";
      return 2;
    }
    std::ofstream f(out, std::ios::binary);
    GenerateRosterCsv(opts, roster, [&](const std::string& line) { f << line << '\n'; });
    std::cout << "wrote a roster of " << roster << " dwellings to " << out << "\n";
    return f ? 0 : 1;
  }
  if (estates <= 0 || (out.empty() == db_dsn.empty())) {
    std::cerr << "huanxin gen: give --estates N and exactly one of --out FILE or --db DSN (or --roster-dwellings N --out FILE)\n";
    return 2;
  }
  if (!out.empty()) {
    std::ofstream f(out, std::ios::binary);
    f << "社区代码,小区名称,建成年份,楼栋,单元,楼层,房号,专有部分面积(㎡),面积来源,出售状态,业主姓名,证件号码,联系电话\n";
    std::int64_t dwellings = 0;
    for (std::int64_t i = 0; i < estates; ++i) {
      auto e = GenerateEstate(opts, i, SyntheticCommunity(i), "");
      for (const auto& b : e.buildings)
        for (const auto& d : b.dwellings) {
          std::string prefix = e.region_code + "," + e.name + "," + std::to_string(e.built_year) + "," + b.number + "," +
                               std::to_string(d.stairwell) + "," + std::to_string(d.floor) + "," + d.room + "," +
                               FormatHundredths(d.area_dm2) + "," + SourceLabel(d.area_source) + "," + SaleLabel(d.sale_status) + ",";
          if (d.owners.empty()) f << prefix << ",,\n";
          for (int oi : d.owners) f << prefix << e.owners[oi].name << "," << e.owners[oi].id_number << "," << e.owners[oi].phone << "\n";
          ++dwellings;
        }
    }
    std::cout << "wrote " << estates << " estates, " << dwellings << " dwellings to " << out << "\n";
    return f ? 0 : 1;
  }
  auto db = OpenDatabase(db_dsn, 2);
  if (!db) {
    std::cerr << "huanxin gen: " << db.error().message.en << ": " << db.error().detail.en << "\n";
    return 1;
  }
  if (auto m = store::Migrate(**db); !m) {
    std::cerr << "huanxin gen: migrate: " << m.error().detail.en << "\n";
    return 1;
  }
  std::vector<std::string> communities;
  auto r = (*db)->Read([&](store::Session& s) -> Result<void> {
    auto rows = s.Query("SELECT code FROM region WHERE level = 'community' ORDER BY code");
    if (!rows) return std::move(rows).error();
    for (const auto& row : *rows) communities.push_back(row.GetText(0));
    return Ok();
  });
  if (!r || communities.empty()) {
    std::cerr << "huanxin gen: the database has no communities; run huanxin import-regions on it first\n";
    return 1;
  }
  const auto now = FormatIsoUtc(SystemClock().Now());
  std::int64_t dwellings = 0;
  constexpr std::int64_t kBatch = 100;  // estates per transaction
  for (std::int64_t start = 0; start < estates; start += kBatch) {
    auto w = (*db)->Write([&](store::Session& s) -> Result<void> {
      for (std::int64_t i = start; i < std::min(estates, start + kBatch); ++i) {
        auto e = GenerateEstate(opts, i, communities[static_cast<std::size_t>(i) % communities.size()], "");
        e.name += "-" + std::to_string(i);  // unique within a community at any scale
        auto n = StoreSyntheticEstate(s, e, now);
        if (!n) return std::move(n).error();
        dwellings += *n;
      }
      return Ok();
    });
    if (!w) {
      std::cerr << "huanxin gen: " << w.error().detail.en << "\n";
      return 1;
    }
    if ((start / kBatch) % 10 == 9) std::cerr << "  " << start + kBatch << " estates, " << dwellings << " dwellings\n";
  }
  std::cout << "generated " << estates << " estates, " << dwellings << " dwellings into " << (*db)->name() << "\n";
  return 0;
}

}  // namespace huanxin::app
