// The one route table (routes.cpp), in URL order.
#pragma once

#include <vector>

#include "http/router.hpp"
#include "http/services.hpp"

namespace huanxin::http {

std::vector<Route> BuildRoutes(Services& services);

}  // namespace huanxin::http
