// Construction (docs/construction.md): steps from templates with "dig once", seasons, schedule runs
// on the engine, baselines and delay alerts. The demo county's area project gets its steps, a
// schedule from early March, a baseline and Nanchang's seasons.
#include <tuple>

#include "app/module.hpp"
#include "http/handlers/construction_handlers.hpp"
#include "service/calendar/calendar_service.hpp"
#include "service/construction/construction_service.hpp"
#include "service/project/project_service.hpp"

namespace huanxin::app {

namespace {

namespace cc = core::construction;

class Construction final : public Module {
 public:
  std::string_view name() const override { return "construction"; }

  Result<void> Wire(ModuleContext& ctx) override {
    service::ConstructionPolicy policy;
    policy.delay_alert_days = ctx.config.construction_delay_alert_days;
    construction_ = std::make_unique<service::ConstructionService>(
        ctx.db, ctx.clock, ctx.services.Get<service::CalendarService>(), policy);
    api_ = std::make_unique<http::ConstructionApi>(http::ConstructionApi{*construction_});
    ctx.services.Provide(*construction_);
    return Ok();
  }

  void AddRoutes(http::RouteTable& routes, http::Workbench& workbench) override {
    http::AddConstructionRoutes(routes, workbench, *api_);
  }

  Result<void> LoadDemo(DemoContext& d) override;

 private:
  std::unique_ptr<service::ConstructionService> construction_;
  std::unique_ptr<http::ConstructionApi> api_;
};

// Nanchang (3601) has no district heating; its frost window and exam days are planning inferences
// (docs/construction.md): wet exterior works stop from late December to mid-February, noisy works
// stop on the gaokao (7–10 June) and zhongkao days.
Result<void> Construction::LoadDemo(DemoContext& d) {
  if (!d.first_load) return Ok();
  const auto system = service::Actor::System("demo");
  cc::Seasons nanchang;
  nanchang.frost = cc::Season{{12, 25}, {2, 15}};
  for (auto md : {cc::MonthDay{6, 7}, {6, 8}, {6, 9}, {6, 10}, {6, 19}, {6, 20}, {6, 21}})
    nanchang.exam_days.push_back(md);
  if (auto r = construction_->PutSeasons(system, "3601", nanchang); !r) return std::move(r).error();
  auto& projects = d.app.services.Get<service::ProjectService>();
  service::ProjectListQuery q;
  q.region_code = "360104002";
  auto page = projects.List(system, q);
  if (!page) return std::move(page).error();
  const store::ProjectSummaryRecord* area = nullptr;
  for (const auto& p : page->items)
    if (p.p.kind == "area") area = &p;
  if (!area) return Ok();  // a trimmed demo register
  const auto id = area->p.id;
  auto proposal = construction_->Propose(system, id, std::nullopt);
  if (!proposal) return std::move(proposal).error();
  // The project's pipe line lays water, power and gas in one trench (its budget line says so): the
  // power and gas layings join the water main's trench of each estate, so each estate digs once.
  std::vector<cc::Step> steps = *proposal;
  for (const auto& st : *proposal) {
    if (!st.trench || st.item_code != "B01") continue;
    for (auto [utility, item, name] : {std::tuple{"power", "B03", "电缆"}, std::tuple{"gas", "B06", "燃气管道"}}) {
      cc::Step extra = st;
      const auto suffix = st.code.substr(st.code.rfind('.') + 1);
      extra.code = st.code.substr(0, st.code.find('.')) + "." + item + "." + suffix;
      extra.item_code = "B01";  // the budget line that pays for it
      extra.name = std::string(name) + (suffix == "lay" ? "敷设" : "切改");
      extra.trench->utility = utility;
      extra.crew_type = std::string(utility) == "power" ? "electrical" : "pipe";
      if (extra.disruption) extra.disruption->kind = utility;
      for (auto& p : extra.predecessors)
        if (!cc::IsGeneratedCode(p.code)) p.code = extra.code.substr(0, extra.code.rfind('.')) + "." + p.code.substr(p.code.rfind('.') + 1);
      steps.push_back(std::move(extra));
    }
  }
  const std::map<std::string, int> crews{{"earthwork", 2}, {"pipe", 2},   {"electrical", 2}, {"paving", 2},
                                         {"facade", 2},    {"roofing", 1}, {"plumbing", 1},   {"greening", 1}};
  auto set = construction_->PutSteps(system, id, {steps, crews});
  if (!set) return std::move(set).error();
  const std::string start = std::to_string(area->p.year) + "-03-02";
  auto run = construction_->Run(system, id, {start, crews, false, 300});
  if (!run) return std::move(run).error();
  if (auto b = construction_->SaveBaseline(system, id, nullptr); !b) return std::move(b).error();
  d.lines.push_back("demo construction: " + std::to_string(set->steps.size()) + " steps, " +
                    std::to_string(set->openings.merged) + " openings (" + std::to_string(set->openings.naive) +
                    " one per utility), " + start + " → " + run->schedule.end_on + ", baseline saved");
  return Ok();
}

}  // namespace

std::unique_ptr<Module> ConstructionModule() { return std::make_unique<Construction>(); }

}  // namespace huanxin::app
