// Google Benchmark for the foundation's hot core paths: the audit hash chain and the scope rule.
#include <benchmark/benchmark.h>

#include "common/crypto.hpp"
#include "core/audit/chain.hpp"
#include "core/auth/role.hpp"

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

}  // namespace

BENCHMARK_MAIN();
