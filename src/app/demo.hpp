// Demo data for `make run` (issue #2: users and a grid; later issues add estates and the rest).
#pragma once

#include <string>

#include "service/region/region_service.hpp"
#include "service/user/user_service.hpp"

namespace huanxin::app {

struct DemoAccount {
  std::string username, display_name, role, scope_code;
};

// The demo county: 青云谱区, Nanchang, Jiangxi (GB/T 2260 code 360104), with its real streets.
inline constexpr const char* kDemoCounty = "360104";

// Creates the demo accounts (idempotent) with `password` and a grid under one community.
Result<std::vector<DemoAccount>> LoadDemo(service::UserService& users, service::RegionService& regions,
                                          const std::string& password);

}  // namespace huanxin::app
