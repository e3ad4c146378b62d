// The check-up context (issue #4; docs/checkup.md): indicator catalogue versions, campaigns,
// capture, review, problem lists, roll-ups and reports. Demo: this year's campaign over 洪都街道
// (half approved, one awaiting review, the grid worker's own estates still being captured) and
// one over 京山街道 waiting for the street office's review.
#include "app/module.hpp"
#include "app/synthetic.hpp"
#include "http/handlers/checkup_handlers.hpp"
#include "service/catalogue/catalogue_service.hpp"
#include "service/checkup/checkup_service.hpp"
#include "service/file/file_service.hpp"
#include "service/job/job_service.hpp"
#include "service/register/register_service.hpp"

namespace huanxin::app {

namespace {

class Checkup final : public Module {
 public:
  std::string_view name() const override { return "checkup"; }

  Result<void> Wire(ModuleContext& ctx) override {
    checkups_ = std::make_unique<service::CheckupService>(ctx.db, ctx.clock, ctx.services.Get<service::CatalogueService>(),
                                                          ctx.services.Get<service::FileService>());
    api_ = std::make_unique<http::CheckupApi>(http::CheckupApi{*checkups_, ctx.services.Get<service::JobService>()});
    ctx.services.Provide(*checkups_);
    return Ok();
  }

  void AddRoutes(http::RouteTable& routes, http::Workbench& workbench) override {
    http::AddCheckupRoutes(routes, workbench, *api_);
  }

  Result<void> LoadDemo(DemoContext& d) override;

 private:
  // A campaign over `street`: every estate observed; estates assigned to `worker` (those of its
  // community) stay in capture, the others are submitted, and the first `approve` of them approved.
  Result<std::int64_t> Campaign(DemoContext& d, const std::string& title, const std::string& street,
                                std::optional<std::pair<std::int64_t, std::string>> worker, std::size_t approve);

  std::unique_ptr<service::CheckupService> checkups_;
  std::unique_ptr<http::CheckupApi> api_;
};

Result<std::int64_t> Checkup::Campaign(DemoContext& d, const std::string& title, const std::string& street,
                                       std::optional<std::pair<std::int64_t, std::string>> worker, std::size_t approve) {
  auto& reg = d.app.services.Get<service::RegisterService>();
  const auto system = service::Actor::System("demo");
  service::CampaignInput in;
  in.title = title;
  in.year = ShanghaiYear(d.app.clock.Now());
  in.region_code = street;
  auto c = checkups_->Create(system, in);
  if (!c) return std::move(c).error();
  std::vector<std::int64_t> mine;
  if (worker)
    for (const auto& e : c->estates)
      if (e.region_code.starts_with(worker->second)) mine.push_back(e.estate_id);
  if (!mine.empty())
    if (auto a = checkups_->Assign(system, c->id, mine, worker->first); !a) return std::move(a).error();
  SynthRandom rnd(d.seed);
  std::int64_t observations = 0;
  std::size_t approved = 0;
  for (const auto& e : c->estates) {
    auto buildings = reg.ListBuildings(system, e.estate_id);
    if (!buildings) return std::move(buildings).error();
    std::vector<SynthBuildingRef> refs;
    for (const auto& b : *buildings) refs.push_back({b.id, b.floors, b.has_lift});
    const bool captured_by_worker = std::find(mine.begin(), mine.end(), e.estate_id) != mine.end();
    auto batch = SyntheticObservations(e.estate_id, refs, rnd);
    // The grid worker is half-way through their estates: the first half of the observations.
    if (captured_by_worker) batch.resize(batch.size() / 2);
    auto r = checkups_->Upsert(system, c->id, batch);
    if (!r) return std::move(r).error();
    observations += r->created;
    if (captured_by_worker) continue;  // still being captured
    if (auto s = checkups_->Review(system, c->id, e.estate_id, "submit", ""); !s) return std::move(s).error();
    if (approved >= approve) continue;  // waiting for review
    if (auto a = checkups_->Review(system, c->id, e.estate_id, "approve", "数据完整"); !a) return std::move(a).error();
    ++approved;
  }
  return observations;
}

Result<void> Checkup::LoadDemo(DemoContext& d) {
  if (!d.first_load) return Ok();
  std::optional<std::pair<std::int64_t, std::string>> worker;
  if (auto it = d.users.find("grid.worker"); it != d.users.end()) {
    auto& users = d.app.services.Get<service::UserService>();
    auto u = users.Get(service::Actor::System("demo"), it->second);
    if (!u) return std::move(u).error();
    worker = std::pair{it->second, u->user.region_code};
  }
  auto hongdu = Campaign(d, "洪都街道年度城市体检（住房与小区）", "360104002", worker, 4);
  if (!hongdu) return std::move(hongdu).error();
  auto jingshan = Campaign(d, "京山街道年度城市体检（住房与小区）", "360104006", std::nullopt, 0);
  if (!jingshan) return std::move(jingshan).error();
  d.lines.push_back("demo check-up: 洪都街道 (" + std::to_string(*hongdu) +
                    " observations; 4 estates approved, the grid worker's estates in capture) and 京山街道 (" +
                    std::to_string(*jingshan) + " observations, waiting for review)");
  return Ok();
}

}  // namespace

std::unique_ptr<Module> CheckupModule() { return std::make_unique<Checkup>(); }

}  // namespace huanxin::app
