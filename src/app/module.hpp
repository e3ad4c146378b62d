// Context modules: how a bounded context plugs into the application. Each context has one module
// (src/app/modules/<context>_module.cpp) that builds its services, adds its routes and its
// workbench section, and loads its demo data; src/app/modules.cpp lists the modules in dependency
// order. docs/adding-a-context.md walks through adding one.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <typeindex>
#include <unordered_map>
#include <vector>

#include "app/config.hpp"
#include "common/clock.hpp"
#include "common/result.hpp"
#include "core/register/headcount.hpp"
#include "http/route_table.hpp"
#include "http/workbench.hpp"
#include "store/database.hpp"

namespace huanxin::app {

// The services built so far, by type: the platform's (audit, users, regions, files, jobs …) and
// those each module provides for the modules after it (e.g. the catalogue for consultation).
// Filled while wiring (one thread), read-only afterwards.
class ServiceRegistry {
 public:
  template <typename T>
  void Provide(T& service) {
    services_[std::type_index(typeid(T))] = &service;
  }
  // The service of type T; a missing one is a wiring bug (a module listed before what it needs).
  template <typename T>
  T& Get() const {
    auto it = services_.find(std::type_index(typeid(T)));
    if (it == services_.end()) throw std::logic_error(std::string("service not wired: ") + typeid(T).name());
    return *static_cast<T*>(it->second);
  }

 private:
  std::unordered_map<std::type_index, void*> services_;
};

// The owner headcount reading the deployment chose (register.transitive_owner_merge; REFERENCE.md §8).
inline core::reg::HeadcountReading HeadcountReadingOf(const Config& cfg) {
  return cfg.transitive_owner_merge ? core::reg::HeadcountReading::kTransitive : core::reg::HeadcountReading::kLiteral;
}

// What every module is given.
struct ModuleContext {
  const Config& config;
  store::Database& db;
  const Clock& clock;
  ServiceRegistry& services;
};

// What a module's demo loader is given (huanxin demo; src/app/demo.cpp runs them in order).
struct DemoContext {
  ModuleContext& app;
  std::uint64_t seed = 2026;
  // The demo accounts' user ids by username (qyp.bureau, hongdu.street, jingshan.street, grid.worker).
  std::map<std::string, std::int64_t> users;
  // True when the demo county had no estates yet: a first load, so modules add their examples.
  bool first_load = false;
  // One line per module for the command's output ("demo check-up: …").
  std::vector<std::string> lines;
};

class Module {
 public:
  virtual ~Module() = default;
  virtual std::string_view name() const = 0;
  // Builds the module's services (they may Get what earlier modules and the platform provided) and
  // provides the ones later modules use.
  virtual Result<void> Wire(ModuleContext& ctx) = 0;
  // Adds the module's routes and its workbench section (GET /api/v1/workbench).
  virtual void AddRoutes(http::RouteTable& routes, http::Workbench& workbench) = 0;
  // Loads the module's demo data (idempotent: skip what is there).
  virtual Result<void> LoadDemo(DemoContext&) { return Ok(); }
  // Starts the module's background work of a serving process (Application::Serve, before the
  // server listens); stopped when the module is destroyed. Command-line tools never call it.
  virtual void Start() {}
};

// Every context module, in dependency order (src/app/modules.cpp: the one list).
std::vector<std::unique_ptr<Module>> ContextModules();

}  // namespace huanxin::app
