// The routes of every context, gathered while the application is wired. Each context's handler
// file adds its own routes (Add<Context>Routes in http/handlers/<context>_handlers.hpp); nothing
// lists another context's routes. Order does not matter: the router matches by segments, literal
// segments before parameters.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "http/router.hpp"

namespace huanxin::http {

class RouteTable {
 public:
  // A handler bound to its context's dependencies `deps` (which must outlive the router).
  // `quick` (public routes): an answer without blocking work, tried on the I/O thread (Route::quick).
  template <typename Deps>
  RouteTable& Add(std::string method, std::string pattern, Access access, BodyKind body, Deps& deps,
                  Response (*fn)(Deps&, Request&), bool reusable = false,
                  std::optional<Response> (*quick)(Deps&, Request&) = nullptr) {
    Route r{std::move(method), std::move(pattern), access, body, [&deps, fn](Request& req) { return fn(deps, req); },
            reusable, {}};
    if (quick) r.quick = [&deps, quick](Request& req) { return quick(deps, req); };
    routes_.push_back(std::move(r));
    return *this;
  }
  void Add(Route route) { routes_.push_back(std::move(route)); }

  const std::vector<Route>& routes() const { return routes_; }
  std::vector<Route> Take() { return std::move(routes_); }

 private:
  std::vector<Route> routes_;
};

}  // namespace huanxin::http
