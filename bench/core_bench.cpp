// Google Benchmark for the foundation's hot core paths: the audit hash chain and the scope rule.
#include <benchmark/benchmark.h>

#include <unordered_map>

#include "common/crypto.hpp"
#include "core/audit/chain.hpp"
#include "core/auth/role.hpp"
#include "core/checkup/grading.hpp"
#include "core/consultation/lift_share.hpp"
#include "core/consultation/tally.hpp"

namespace {

using namespace huanxin;

void BM_AuditChainHash(benchmark::State& state) {
  InitCrypto();
  core::audit::Entry e;
  e.seq = 42;
  e.at = "2026-11-21T08:00:00.000Z";
  e.username = "hongdu.street";
  e.role = "street";
  e.action = "user.update";
  e.entity = "user";
  e.entity_id = "17";
  e.region_code = "360104002";
  e.changes = R"({"displayName":{"from":"李主任","to":"李红主任"}})";
  e.request_id = "0123456789abcdef";
  std::string prev(64, '0');
  for (auto _ : state) {
    prev = core::audit::ChainHash(prev, e);
    benchmark::DoNotOptimize(prev);
  }
}
BENCHMARK(BM_AuditChainHash);

void BM_ScopeCovers(benchmark::State& state) {
  core::auth::Scope scope("360104002");
  const char* codes[] = {"360104002001", "360104006003", "360104002014001", "3601"};
  std::size_t i = 0, hits = 0;
  for (auto _ : state) hits += scope.Covers(codes[i++ & 3]);
  benchmark::DoNotOptimize(hits);
}
BENCHMARK(BM_ScopeCovers);

// One Art. 278 item over a voting unit of `range` dwellings (every 50th owner holds two dwellings, one
// in 20 is developer-unsold), 90 % voting: heads per REFERENCE §8, quorum and approval.
void BM_TallyItem(benchmark::State& state) {
  namespace cs = core::consult;
  const auto n = state.range(0);
  std::vector<core::reg::DwellingShare> unit;
  std::unordered_map<std::int64_t, cs::Cast> ballots;
  for (std::int64_t i = 1; i <= n; ++i) {
    core::reg::DwellingShare d{i, 6000 + 37 * (i % 50), core::reg::SaleStatus::kSold, {i % 50 == 1 ? i - 1 : i}};
    if (i % 20 == 0) {
      d.sale_status = core::reg::SaleStatus::kDeveloperUnsold;
      d.owner_ids.clear();
    }
    unit.push_back(d);
    if (i % 10 != 0) ballots[i] = {i % 5 == 0 ? cs::Choice::kDisagree : cs::Choice::kAgree, i};
  }
  const cs::Rule rule = cs::Art278Rule{7};
  for (auto _ : state) {
    auto t = cs::TallyItem(rule, cs::LawVersion::kCivilCode2021, unit, ballots);
    benchmark::DoNotOptimize(t.verdict);
  }
  state.SetItemsProcessed(state.iterations() * n);
}
BENCHMARK(BM_TallyItem)->Arg(12)->Arg(1000)->Arg(10000);

// Lift cost shares for a stairwell of `range` floors, two flats a floor, exact to the fen.
void BM_LiftShares(benchmark::State& state) {
  namespace cs = core::consult;
  std::vector<cs::LiftDwelling> stairwell;
  for (int f = 1; f <= state.range(0); ++f)
    for (int k = 1; k <= 2; ++k) stairwell.push_back({f * 10 + k, f, 6000 + 537 * k});
  cs::LiftCosts costs;
  costs.total_fen = 50'000'000;
  costs.subsidy_fen = 20'000'000;
  costs.compensation_fen = 1'000'001;
  for (auto _ : state) {
    auto r = cs::ShareLiftCost(stairwell, costs);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_LiftShares)->Arg(6)->Arg(33);

// Grading 10 000 check-up readings against the facade-loss bands and summarising them.
void BM_GradeAndSummarise(benchmark::State& state) {
  namespace ck = core::checkup;
  const ck::Rule rule = ck::BandsRule{{{1000, false, ck::Severity::kHazard},
                                       {3000, true, ck::Severity::kLargerHazard},
                                       {std::nullopt, false, ck::Severity::kSevere}}};
  std::vector<ck::Indicator> indicators{{"H04", "围护", "安全耐久", "栋", ck::Level::kBuilding, false}};
  std::vector<ck::GradedObservation> graded(10000);
  for (auto _ : state) {
    for (std::size_t i = 0; i < graded.size(); ++i) {
      std::int64_t v = static_cast<std::int64_t>(i * 7919 % 5000);
      graded[i] = {"H04", "b:" + std::to_string(i / 3), ck::Grade(rule, {false, v, false}), v};
    }
    auto s = ck::Summarise(indicators, graded);
    benchmark::DoNotOptimize(s.problems);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(graded.size()));
}
BENCHMARK(BM_GradeAndSummarise);

}  // namespace

BENCHMARK_MAIN();
