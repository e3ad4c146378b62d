// One router with path parameters: "/api/v1/users/{id}" matches "/api/v1/users/42" with id=42.
// Matching is by segments; literal segments win over parameters at the same position.
//
// The patterns are split into segments once, when the router is built, and grouped by their
// segment count and first three segments (which are literal for every route: "/api/v1/estates/…"),
// so finding a route compares a few string views and allocates nothing but the path parameters
// (issue #16, "HTTP path").
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "http/message.hpp"

namespace huanxin::http {

enum class Access {
  kPublic,   // no session needed
  kSession,  // a valid session (cookie or bearer); cookie writes need the CSRF token
};

enum class BodyKind {
  kNone,       // no body expected
  kJson,       // application/json, limit: json_body_limit
  kMultipart,  // multipart/form-data, limit: upload_body_limit
};

using Handler = std::function<Response(Request&)>;

struct Route {
  std::string method;
  std::string pattern;
  Access access = Access::kSession;
  BodyKind body = BodyKind::kNone;
  Handler handler;
  // The answer depends only on the stored data, the caller and the query, and the route writes
  // nothing (not even an audit entry): the pipeline may serve it again while the data is unchanged
  // (store::Database::ChangeCounter).
  bool reusable = false;
  // Public routes only: an answer that needs no blocking work (no database round trip), tried on
  // the server's I/O thread; nullopt means "run `handler` on a handler thread".
  std::function<std::optional<Response>(Request&)> quick;
};

struct Match {
  const Route* route = nullptr;      // null: no route for this method
  std::vector<std::string> allowed;  // methods of routes matching the path (for 405)
  std::map<std::string, std::string> params;
};

class Router {
 public:
  explicit Router(std::vector<Route> routes);
  // Finds the route for method and path; `allowed` lists the other methods when only those match.
  Match Find(std::string_view method, std::string_view path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  struct Compiled {
    const Route* route;
    std::vector<std::string> segments;  // the pattern's segments; "{name}" for a parameter
    std::vector<bool> is_param;
  };
  std::vector<Route> routes_;
  // Key: segment count and the first three segments ("4|api|v1|estates"); a pattern with a
  // parameter among its first three segments goes under its count alone ("4|").
  std::unordered_map<std::string, std::vector<Compiled>> buckets_;
};

}  // namespace huanxin::http
