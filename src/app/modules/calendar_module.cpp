// The official working-day calendar (core/calendar/README.md): where windows of working days end,
// for the contexts that count them (publicity now; rectification deadlines and ticket SLAs later).
// Its years come with migration 0009; no demo data of its own.
#include "app/module.hpp"
#include "http/handlers/calendar_handlers.hpp"
#include "service/calendar/calendar_service.hpp"

namespace huanxin::app {

namespace {

class Calendar final : public Module {
 public:
  std::string_view name() const override { return "calendar"; }

  Result<void> Wire(ModuleContext& ctx) override {
    calendar_ = std::make_unique<service::CalendarService>(ctx.db, ctx.clock);
    api_ = std::make_unique<http::CalendarApi>(http::CalendarApi{*calendar_});
    ctx.services.Provide(*calendar_);
    return Ok();
  }

  void AddRoutes(http::RouteTable& routes, http::Workbench& workbench) override {
    http::AddCalendarRoutes(routes, workbench, *api_);
  }

 private:
  std::unique_ptr<service::CalendarService> calendar_;
  std::unique_ptr<http::CalendarApi> api_;
};

}  // namespace

std::unique_ptr<Module> CalendarModule() { return std::make_unique<Calendar>(); }

}  // namespace huanxin::app
