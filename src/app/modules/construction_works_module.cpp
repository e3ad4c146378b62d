// Construction works (issue #13; docs/construction.md "Progress, household works, notices"):
// progress reports and roll-ups, household works with the tendered teams, and the works notices
// residents read (staff list, stairwell print, public page, iCalendar feed). Uses the projects,
// the files (progress photos) and the steps and schedules the construction module stores.
// Demo: on the demo area project (洪都新村片区), 4 tendered household teams (金茵 had 4), in-home
// heating on the dwellings of its estates (about 70 % done, some in progress, a few declined, some
// by the residents themselves), and progress reports on the scheduled steps that started before
// today when the project has a schedule.
#include <algorithm>

#include "app/module.hpp"
#include "app/modules/demo_area_project.hpp"
#include "service/construction/construction_service.hpp"
#include "http/handlers/construction_works_handlers.hpp"
#include "service/construction/household_service.hpp"
#include "service/construction/notice_service.hpp"
#include "service/construction/progress_service.hpp"
#include "service/file/file_service.hpp"
#include "service/project/project_service.hpp"

namespace huanxin::app {

namespace {

class ConstructionWorks final : public Module {
 public:
  std::string_view name() const override { return "construction_works"; }

  Result<void> Wire(ModuleContext& ctx) override {
    progress_ = std::make_unique<service::ProgressService>(ctx.db, ctx.clock, ctx.services.Get<service::FileService>());
    auto& construction = ctx.services.Get<service::ConstructionService>();
    progress_->OnReport([&construction](store::Session& s, const store::ProjectRecord& p) {
      return construction.EvaluateAlerts(s, p);
    });
    households_ = std::make_unique<service::HouseholdService>(ctx.db, ctx.clock);
    notices_ = std::make_unique<service::NoticeService>(ctx.db, ctx.clock);
    api_ = std::make_unique<http::ConstructionWorksApi>(
        http::ConstructionWorksApi{*progress_, *households_, *notices_, ctx.config.public_url, ctx.config.secure_cookie});
    ctx.services.Provide(*progress_);
    ctx.services.Provide(*households_);
    ctx.services.Provide(*notices_);
    return Ok();
  }

  void AddRoutes(http::RouteTable& routes, http::Workbench& workbench) override {
    http::AddConstructionWorksRoutes(routes, workbench, *api_);
  }

  Result<void> LoadDemo(DemoContext& d) override {
    if (!d.first_load) return Ok();
    const auto system = service::Actor::System("demo");
    auto project = DemoAreaProject(d);
    if (!project) return std::move(project).error();
    if (!*project) {
      d.lines.push_back("demo construction works: none — no area project");
      return Ok();
    }
    const auto id = (*project)->p.id;

    // The tendered pool (金茵, issue #13: "one of 4 tendered teams").
    std::vector<std::int64_t> teams;
    const std::vector<service::TeamInput> pool{{"洪城暖通安装队", "0791-88123401", {"heating", "gas_meter"}},
                                               {"赣水管道维修队", "0791-88123402", {"heating", "water_meter"}},
                                               {"青云门窗工程队", "0791-88123403", {"windows"}},
                                               {"豫章水电安装队", "0791-88123404", {"heating", "wiring", "water_meter"}}};
    for (const auto& t : pool) {
      auto team = households_->AddTeam(system, id, t);
      if (!team) return std::move(team).error();
      if (t.works.front() == "heating" || std::count(t.works.begin(), t.works.end(), "heating")) teams.push_back(team->id);
    }

    // In-home heating, dwelling by dwelling: of every 20, 14 done (3 of them by the residents
    // themselves), 3 in progress, 1 declined, 2 not started — about 70 %, like 金茵's 830 of 1 186.
    auto summary = households_->Summary(system, id, "heating");
    if (!summary) return std::move(summary).error();
    std::int64_t n = 0, done = 0;
    for (const auto& b : summary->buildings) {
      auto grid = households_->Grid(system, id, "heating", b.building_id);
      if (!grid) return std::move(grid).error();
      for (const auto& dwelling : *grid) {
        const auto slot = n++ % 20;
        service::HouseholdWorkInput in{"heating", "done", std::string("contractor"), teams[static_cast<std::size_t>(n) % teams.size()]};
        if (slot >= 11 && slot < 14) in = {"heating", "done", std::string("self"), std::nullopt};
        else if (slot >= 14 && slot < 17) in.status = "in_progress";
        else if (slot == 17) in = {"heating", "declined", std::nullopt, std::nullopt};
        else if (slot >= 18) continue;
        if (in.status == "done") ++done;
        if (auto r = households_->SetWork(system, id, dwelling.dwelling_id, in); !r) return std::move(r).error();
      }
    }

    // Progress on the scheduled steps that started before today (the construction module's demo
    // schedules the project; without a schedule there is nothing to report on).
    auto steps = notices_->ScheduledSteps(system, id);
    if (!steps) return std::move(steps).error();
    const auto today = FormatShanghai(d.app.clock.Now(), 10);
    int reports = 0;
    for (const auto& st : *steps) {
      if (st.start_on >= today) continue;
      service::ProgressInput in;
      in.step_code = st.code;
      in.on = today;
      in.percent = st.end_on < today ? 100 : 40 + (reports * 15) % 50;
      in.note = "演示数据";
      auto r = progress_->Report(system, id, in);
      // A step scheduled before the project's year (or any refusal) is skipped, not fatal.
      if (r) ++reports;
    }
    d.lines.push_back("demo construction works: " + (*project)->p.name + " — 4 household teams, in-home heating done in " +
                      std::to_string(done) + " of " + std::to_string(summary->total) + " dwellings, " +
                      std::to_string(reports) + " progress reports");
    return Ok();
  }

 private:
  std::unique_ptr<service::ProgressService> progress_;
  std::unique_ptr<service::HouseholdService> households_;
  std::unique_ptr<service::NoticeService> notices_;
  std::unique_ptr<http::ConstructionWorksApi> api_;
};

}  // namespace

std::unique_ptr<Module> ConstructionWorksModule() { return std::make_unique<ConstructionWorks>(); }

}  // namespace huanxin::app
