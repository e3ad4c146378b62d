// Programme statistics and the upward report (docs/programme.md): reads the project context's
// plans, projects and funding ledger with the register's estates. No demo data of its own: it sums
// what the project module's demo loads.
#include "app/module.hpp"
#include "http/handlers/programme_handlers.hpp"
#include "service/project/programme_service.hpp"

namespace huanxin::app {

namespace {

class Programme final : public Module {
 public:
  std::string_view name() const override { return "programme"; }

  Result<void> Wire(ModuleContext& ctx) override {
    programme_ = std::make_unique<service::ProgrammeService>(ctx.db, ctx.clock);
    api_ = std::make_unique<http::ProgrammeApi>(http::ProgrammeApi{*programme_});
    ctx.services.Provide(*programme_);
    return Ok();
  }

  void AddRoutes(http::RouteTable& routes, http::Workbench& workbench) override {
    http::AddProgrammeRoutes(routes, workbench, *api_);
  }

 private:
  std::unique_ptr<service::ProgrammeService> programme_;
  std::unique_ptr<http::ProgrammeApi> api_;
};

}  // namespace

std::unique_ptr<Module> ProgrammeModule() { return std::make_unique<Programme>(); }

}  // namespace huanxin::app
