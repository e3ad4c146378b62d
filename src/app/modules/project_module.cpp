// Projects and money (docs/project.md): annual plans, projects with their gates and documents,
// units, budget and the funding ledger. The demo county gets a year's plan and projects at several
// gates.
#include "app/module.hpp"
#include "http/handlers/project_handlers.hpp"
#include "service/project/project_service.hpp"
#include "service/register/register_service.hpp"

namespace huanxin::app {

namespace {

class Project final : public Module {
 public:
  std::string_view name() const override { return "project"; }

  Result<void> Wire(ModuleContext& ctx) override {
    service::ProjectPolicy policy;
    policy.eligibility = ctx.services.Get<service::RegisterService>().policy();
    policy.gates.require_willingness_consent = ctx.config.project_require_willingness_consent;
    policy.separate_material_supplier = ctx.config.project_separate_material_supplier;
    projects_ = std::make_unique<service::ProjectService>(ctx.db, ctx.clock, ctx.services.Get<service::FileService>(),
                                                          policy);
    api_ = std::make_unique<http::ProjectApi>(http::ProjectApi{*projects_});
    ctx.services.Provide(*projects_);
    return Ok();
  }

  void AddRoutes(http::RouteTable& routes, http::Workbench& workbench) override {
    http::AddProjectRoutes(routes, workbench, *api_);
  }

  Result<void> LoadDemo(DemoContext& d) override;

 private:
  std::unique_ptr<service::ProjectService> projects_;
  std::unique_ptr<http::ProjectApi> api_;
};

Result<void> Project::LoadDemo(DemoContext&) { return Ok(); }

}  // namespace

std::unique_ptr<Module> ProjectModule() { return std::make_unique<Project>(); }

}  // namespace huanxin::app
