// The register context (issue #3): estates, buildings, dwellings, owners, households, roster
// imports and exports. Demo: about 30 estates in four real streets of 青云谱区.
#include <boost/json.hpp>

#include "app/demo.hpp"
#include "app/module.hpp"
#include "app/synthetic.hpp"
#include "http/handlers/register_handlers.hpp"
#include "service/audit/audit_service.hpp"
#include "service/job/job_service.hpp"
#include "service/region/region_service.hpp"
#include "service/register/import_service.hpp"
#include "service/register/register_documents.hpp"
#include "service/register/register_service.hpp"

namespace huanxin::app {

namespace {

class Register final : public Module {
 public:
  std::string_view name() const override { return "register"; }

  Result<void> Wire(ModuleContext& ctx) override {
    core::reg::EligibilityPolicy policy;
    policy.cutoff_year = ctx.config.eligibility_cutoff_year;
    policy.extension_last_year = ctx.config.eligibility_extension_last_year;
    policy.cap_numerator = ctx.config.eligibility_extension_cap_percent;
    policy.cap_denominator = 100;
    reg_ = std::make_unique<service::RegisterService>(ctx.db, ctx.clock, policy, HeadcountReadingOf(ctx.config));
    imports_ = std::make_unique<service::ImportService>(ctx.db, ctx.clock, ctx.services.Get<service::JobService>(),
                                                        ctx.config.import_sync_row_limit,
                                                        ctx.config.import_bulk_row_limit);
    documents_ = std::make_unique<service::RegisterDocuments>(*reg_);
    api_ = std::make_unique<http::RegisterApi>(http::RegisterApi{*reg_, *imports_, *documents_});
    ctx.services.Provide(*reg_);
    ctx.services.Provide(*imports_);
    return Ok();
  }

  void AddRoutes(http::RouteTable& routes, http::Workbench& workbench) override {
    http::AddRegisterRoutes(routes, workbench, *api_);
  }

  // Estates built 1980–2004 across four real streets of 青云谱区, deterministic by the seed; only on
  // a first load (the county had no estates).
  Result<void> LoadDemo(DemoContext& d) override {
    if (!d.first_load) return Ok();
    auto& ctx = d.app;
    auto& regions = ctx.services.Get<service::RegionService>();
    const auto system = service::Actor::System("demo");
    // 360104002 洪都街道, 360104006 京山街道, 360104007 三家店街道, 360104008 岱山街道.
    const std::pair<const char*, int> streets[] = {{"360104002", 9}, {"360104006", 8}, {"360104007", 7}, {"360104008", 6}};
    SynthOptions opts;
    opts.seed = d.seed;
    opts.max_buildings = 6;
    std::int64_t index = 0, estates = 0, dwellings = 0, owners = 0;
    const auto now = FormatIsoUtc(ctx.clock.Now());
    for (const auto& [street, n] : streets) {
      auto street_region = regions.Get(system, street);
      if (!street_region) return std::move(street_region).error();
      auto comms = regions.Children(system, street);
      if (!comms) return std::move(comms).error();
      std::vector<store::RegionRecord> real;
      for (const auto& c : *comms)
        if (c.level == "community") real.push_back(c);
      if (real.empty()) continue;
      for (int i = 0; i < n; ++i, ++index) {
        const auto& community = real[static_cast<std::size_t>(i) % real.size()];
        auto estate = GenerateEstate(opts, index, community.code, street_region->region.name);
        // A point for the maps (public portal, big screen): inside 青云谱区 around its centre
        // (28.615 N, 115.912 E), from its own generator so the estates' other figures stay as they were.
        SynthRandom place(static_cast<std::uint64_t>(index) * 7919u + 17u);
        estate.lat_e6 = 28615000 + place.Between(-22000, 22000);
        estate.lng_e6 = 115912000 + place.Between(-28000, 28000);
        auto w = ctx.db.Write([&](store::Session& s) -> Result<void> {
          auto written = StoreSyntheticEstate(s, estate, now);
          if (!written) return std::move(written).error();
          dwellings += *written;
          service::Changes c;
          c.Set("name", nullptr, boost::json::string(estate.name)).Set("dwellings", nullptr, *written);
          return service::RecordAudit(s, ctx.clock, system, "demo.load", "estate", estate.name, community.code, c);
        });
        if (!w) {
          if (w.error().reason == "store.duplicate") continue;  // two generated names collided in a community
          return std::move(w).error();
        }
        ++estates;
        owners += static_cast<std::int64_t>(estate.owners.size());
      }
    }
    d.lines.push_back("demo register: " + std::to_string(estates) + " estates, " + std::to_string(dwellings) +
                      " dwellings, " + std::to_string(owners) + " owners in 青云谱区 (360104)");
    return Ok();
  }

 private:
  std::unique_ptr<service::RegisterService> reg_;
  std::unique_ptr<service::ImportService> imports_;
  std::unique_ptr<service::RegisterDocuments> documents_;
  std::unique_ptr<http::RegisterApi> api_;
};

}  // namespace

std::unique_ptr<Module> RegisterModule() { return std::make_unique<Register>(); }

}  // namespace huanxin::app
