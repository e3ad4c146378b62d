// The reserve pool, the resource list and resident bills over HTTP (docs/project.md).
#pragma once

#include "http/route_table.hpp"

namespace huanxin::service {
class PoolService;
}

namespace huanxin::http {

struct PoolApi {
  service::PoolService& pool;
};

void AddPoolRoutes(RouteTable& routes, PoolApi& api);

}  // namespace huanxin::http
