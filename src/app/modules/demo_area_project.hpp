// The demo's area project for the modules that add to it (construction works, supervision): 洪都新村片区
// as the project module's demo makes it, else the first area project of the demo county (360104).
#pragma once

#include <optional>

#include "app/module.hpp"
#include "service/project/project_service.hpp"

namespace huanxin::app {

inline Result<std::optional<store::ProjectSummaryRecord>> DemoAreaProject(DemoContext& d) {
  service::ProjectListQuery q;
  q.region_code = "360104";
  q.page_size = 100;
  auto page = d.app.services.Get<service::ProjectService>().List(service::Actor::System("demo"), q);
  if (!page) return std::move(page).error();
  const store::ProjectSummaryRecord* project = nullptr;
  for (const auto& p : page->items)
    if (p.p.name.find("洪都新村片区") != std::string::npos) project = &p;
  for (const auto& p : page->items)
    if (!project && p.p.kind == "area") project = &p;
  if (!project) return std::optional<store::ProjectSummaryRecord>();
  return std::optional<store::ProjectSummaryRecord>(*project);
}

}  // namespace huanxin::app
