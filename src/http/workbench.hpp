// The user's work across the programme (GET /api/v1/workbench, the admin home page): each context
// adds one section — its figures inside the caller's scope — so the home page grows with the
// contexts without anyone listing them.
#pragma once

#include <boost/json/object.hpp>
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
  // Every section `actor` may read, keyed by context, in the order they were added; the first
  // section's error fails the whole page.
  Result<boost::json::object> Build(const service::Actor& actor, bool english) const {
    boost::json::object out;
    for (const auto& section : sections_) {
      auto part = section.build(actor, english);
      if (!part) return std::move(part).error();
      if (*part) out[section.context] = std::move(**part);
    }
    return out;
  }

 private:
  std::vector<WorkbenchSection> sections_;
};

}  // namespace huanxin::http
