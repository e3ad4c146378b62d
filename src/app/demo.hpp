// Demo data (make run): the demo accounts and a grid, then every context module's own demo data in
// module order (a realistic county register, a check-up campaign, a consultation …), so a newcomer
// who logs in as any demo account finds work to see.
#pragma once

#include <string>
#include <vector>

#include "app/application.hpp"
#include "app/module.hpp"
#include "app/synthetic.hpp"
#include "service/project/project_service.hpp"

namespace huanxin::app {

struct DemoAccount {
  std::string username, display_name, role, scope_code;
};

// The demo county: 青云谱区, Nanchang, Jiangxi (GB/T 2260 code 360104), with its real streets.
inline constexpr const char* kDemoCounty = "360104";

struct DemoReport {
  std::vector<DemoAccount> accounts;
  std::vector<std::string> lines;  // one per module that loaded something
};

// Creates the demo accounts (idempotent) with `password` and a grid; then, unless the county
// already has estates, each module's demo data (deterministic by `seed`).
Result<DemoReport> LoadDemo(Application& app, const std::string& password, std::uint64_t seed);

// Stores one synthetic estate with its buildings, dwellings and owners inside `s` (owners are
// matched by ID number). Returns the number of dwellings written.
Result<std::int64_t> StoreSyntheticEstate(store::Session& s, const SynthEstate& e, const std::string& now);

// The demo's started project in 洪都街道 (360104002), the one publicity and tickets show residents
// (the project module's demo starts it); nullopt when there is none.
Result<std::optional<store::ProjectSummaryRecord>> DemoStartedProject(DemoContext& d);

}  // namespace huanxin::app
