// The user's work across the programme (GET /api/v1/workbench, the admin home page): each context
// adds one section — its figures inside the caller's scope — so the home page grows with the
// contexts without anyone listing them.
#pragma once

#include <boost/json/value.hpp>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "service/platform/actor.hpp"

namespace huanxin::http {

struct WorkbenchSection {
  std::string context;  // the key under "sections"
  // The section for `actor`, or nullopt when the actor may not read the context (the section is
  // then left out). Called on request threads: must be thread safe.
  std::function<Result<std::optional<boost::json::value>>(const service::Actor& actor, bool english)> build;
};

class Workbench {
 public:
  void Add(WorkbenchSection section) { sections_.push_back(std::move(section)); }
  const std::vector<WorkbenchSection>& sections() const { return sections_; }

 private:
  std::vector<WorkbenchSection> sections_;
};

}  // namespace huanxin::http
