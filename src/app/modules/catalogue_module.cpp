// The renovation catalogue (core/catalogue/README.md): one read path with one cache, one write path.
// Its items come with the migrations; no demo data of its own.
#include "app/module.hpp"
#include "http/handlers/catalogue_handlers.hpp"
#include "service/catalogue/catalogue_service.hpp"

namespace huanxin::app {

namespace {

class Catalogue final : public Module {
 public:
  std::string_view name() const override { return "catalogue"; }

  Result<void> Wire(ModuleContext& ctx) override {
    catalogue_ = std::make_unique<service::CatalogueService>(ctx.db, ctx.clock);
    api_ = std::make_unique<http::CatalogueApi>(http::CatalogueApi{*catalogue_});
    ctx.services.Provide(*catalogue_);
    return Ok();
  }

  void AddRoutes(http::RouteTable& routes, http::Workbench&) override { http::AddCatalogueRoutes(routes, *api_); }

 private:
  std::unique_ptr<service::CatalogueService> catalogue_;
  std::unique_ptr<http::CatalogueApi> api_;
};

}  // namespace

std::unique_ptr<Module> CatalogueModule() { return std::make_unique<Catalogue>(); }

}  // namespace huanxin::app
