// Issue #4 benchmark: reports (PDF + XLSX problem list) for every estate of a county with synthetic
// approved check-ups, and the county roll-up of the problem list. ESTATES sets the size (1 000 by
// default; the CI smoke run uses 20). SQLite in a temporary folder; the service methods the report
// routes call, which share their data assembly with the approval and the batch job.
#include <benchmark/benchmark.h>

#include <sys/resource.h>

#include <cstdlib>
#include <filesystem>

#include "app/application.hpp"
#include "app/demo.hpp"
#include "app/synthetic.hpp"
#include "common/crypto.hpp"
#include "common/decimal.hpp"
#include "service/checkup/checkup_service.hpp"
#include "store/checkup/campaign_repository.hpp"
#include "store/region/region_repository.hpp"
#include "store/register/register_repository.hpp"

namespace {

using namespace huanxin;

struct Fixture {
  std::unique_ptr<app::Application> app;
  std::int64_t campaign = 0, observations = 0;
  std::vector<std::int64_t> estates;
  std::string dir;
};

int Estates() {
  const char* v = std::getenv("ESTATES");
  return v ? std::max(1, std::atoi(v)) : 1000;
}

void Check(const Result<void>& r, const char* what) {
  if (!r) throw std::runtime_error(std::string(what) + ": " + r.error().message.en + " " + r.error().detail.en);
}

Fixture& Shared() {
  static Fixture f = [] {
    Fixture x;
    InitCrypto();
    x.dir = (std::filesystem::temp_directory_path() / ("hx-checkup-bench-" + std::to_string(::getpid()))).string();
    std::filesystem::create_directories(x.dir);
    static std::string cleanup = x.dir;
    std::atexit([] { std::filesystem::remove_all(cleanup); });
    app::Config cfg;
    cfg.db = "sqlite:" + x.dir + "/bench.db";
    cfg.var_dir = x.dir + "/var";
    x.app = std::make_unique<app::Application>(cfg);
    Check(x.app->Open(), "open");
    auto actor = service::Actor::System("bench");
    const std::string now = FormatIsoUtc(SystemClock().Now());
    // The county and its streets and communities (GB/T 2260 codes of 青云谱区).
    const std::vector<store::RegionRecord> regions = {
        {"36", "江西省", "province", "", false},         {"3601", "南昌市", "city", "36", false},
        {"360104", "青云谱区", "county", "3601", false},  {"360104002", "洪都街道", "street", "360104", false},
        {"360104006", "京山街道", "street", "360104", false}, {"360104007", "三家店街道", "street", "360104", false},
        {"360104002001", "洪都新村社区", "community", "360104002", false},
        {"360104006001", "京山社区", "community", "360104006", false},
        {"360104007001", "三家店社区", "community", "360104007", false}};
    Check(x.app->db().Write([&](store::Session& s) -> Result<void> {
      for (const auto& r : regions)
        if (auto u = store::RegionRepository::Upsert(s, r, "bench", now); !u) return std::move(u).error();
      return Ok();
    }), "regions");
    app::SynthOptions opts;
    opts.max_buildings = 4;
    const char* communities[] = {"360104002001", "360104006001", "360104007001"};
    for (int i = 0; i < Estates(); ++i) {
      auto e = app::GenerateEstate(opts, i, communities[i % 3], "街道");
      auto store_estate = [&] {
        return x.app->db().Write([&](store::Session& s) -> Result<void> {
          auto n = app::StoreSyntheticEstate(s, e, now);
          if (!n) return std::move(n).error();
          return Ok();
        });
      };
      auto w = store_estate();
      if (!w && w.error().reason == "store.duplicate") {  // two generated names may collide
        e.name += "（" + std::to_string(i) + "）";
        w = store_estate();
      }
      Check(w, "estate");
    }
    service::CampaignInput in;
    in.title = "青云谱区2026年度城市体检";
    in.year = 2026;
    in.region_code = "360104";
    auto c = x.app->service<service::CheckupService>().Create(actor, in);
    if (!c) throw std::runtime_error("campaign: " + c.error().detail.en);
    x.campaign = c->id;
    app::SynthRandom rnd(7);
    for (const auto& ce : c->estates) {
      x.estates.push_back(ce.estate_id);
      auto buildings = store::ReadResult(x.app->db(), [&](store::Session& s) {
        return store::BuildingRepository::ListByEstate(s, ce.estate_id);
      });
      if (!buildings) throw std::runtime_error("buildings");
      std::vector<app::SynthBuildingRef> refs;
      for (const auto& b : *buildings) refs.push_back({b.id, b.floors, b.has_lift});
      auto batch = app::SyntheticObservations(ce.estate_id, refs, rnd);
      auto r = x.app->service<service::CheckupService>().Upsert(actor, x.campaign, batch);
      if (!r) throw std::runtime_error("observations: " + r.error().detail.en);
      x.observations += r->created;
    }
    // Approved directly in storage: approving through the service would render every report now.
    Check(x.app->db().Write([&](store::Session& s) -> Result<void> {
      store::CheckupReviewChange approved;
      approved.status = "approved";
      approved.at = now;
      approved.stamp_approved = true;
      for (auto estate : x.estates)
        if (auto n = store::CheckupCampaignRepository::SetReview(s, x.campaign, estate, approved); !n)
          return std::move(n).error();
      return Ok();
    }), "approve");
    return x;
  }();
  return f;
}

// Every estate's report: data from storage, the PDF, and the XLSX problem list.
void BM_ReportsForEveryEstate(benchmark::State& state) {
  auto& f = Shared();
  auto actor = service::Actor::System("bench");
  std::int64_t bytes = 0;
  for (auto _ : state) {
    for (auto estate : f.estates) {
      auto pdf = f.app->service<service::CheckupService>().ReportPdf(actor, f.campaign, estate);
      if (!pdf) return state.SkipWithError(pdf.error().detail.en.c_str());
      auto xlsx = f.app->service<service::CheckupService>().ProblemListXlsx(actor, f.campaign, estate);
      if (!xlsx) return state.SkipWithError(xlsx.error().detail.en.c_str());
      bytes += static_cast<std::int64_t>(pdf->bytes.size() + xlsx->bytes.size());
    }
  }
  state.counters["estates"] = static_cast<double>(f.estates.size());
  state.counters["observations"] = static_cast<double>(f.observations);
  state.counters["MB"] = static_cast<double>(bytes) / 1e6 / static_cast<double>(state.iterations());
}
BENCHMARK(BM_ReportsForEveryEstate)->Unit(benchmark::kSecond)->Iterations(1);

// The same documents through the batch path (issue #16): one read snapshot, then every core
// rendering with the fonts cut down once for the batch. BM_ReportsForEveryEstate, in the same
// run, is the reference. Real time: the work runs on worker threads.
// The CPU seconds of every thread of the process so far.
double ProcessCpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

void BM_ReportBatch(benchmark::State& state) {
  auto& f = Shared();
  auto actor = service::Actor::System("bench");
  std::int64_t bytes = 0;
  const double cpu_before = ProcessCpuSeconds();
  for (auto _ : state) {
    auto docs = f.app->service<service::CheckupService>().ReportBatch(actor, f.campaign, f.estates, true);
    if (!docs) return state.SkipWithError(docs.error().detail.en.c_str());
    for (const auto& d : *docs) {
      if (!d.pdf) return state.SkipWithError(d.pdf.error().detail.en.c_str());
      if (!d.xlsx) return state.SkipWithError(d.xlsx.error().detail.en.c_str());
      bytes += static_cast<std::int64_t>(d.pdf->bytes.size() + d.xlsx->bytes.size());
    }
  }
  state.counters["estates"] = static_cast<double>(f.estates.size());
  state.counters["MB"] = static_cast<double>(bytes) / 1e6 / static_cast<double>(state.iterations());
  // The CPU column counts the calling thread only; this counts the workers too.
  state.counters["all_threads_cpu_s"] = (ProcessCpuSeconds() - cpu_before) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_ReportBatch)->Unit(benchmark::kSecond)->Iterations(1)->UseRealTime();

// The county's problem list by street and indicator, this year and last.
void BM_CountyRollup(benchmark::State& state) {
  auto& f = Shared();
  auto actor = service::Actor::System("bench");
  for (auto _ : state) {
    auto r = f.app->service<service::CheckupService>().RegionProblems(actor, "360104", 2026);
    if (!r) return state.SkipWithError(r.error().detail.en.c_str());
    benchmark::DoNotOptimize(r->total.problems);
  }
  state.counters["observations"] = static_cast<double>(f.observations);
}
BENCHMARK(BM_CountyRollup)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
