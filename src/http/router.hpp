// One router with path parameters: "/api/v1/users/{id}" matches "/api/v1/users/42" with id=42.
// Matching is by segments; literal segments win over parameters at the same position.
#pragma once

#include <functional>
#include <optional>
#include <string>
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
};

struct Match {
  const Route* route = nullptr;          // null: no route for this method
  std::vector<std::string> allowed;      // methods of routes matching the path (for 405)
  std::map<std::string, std::string> params;
};

class Router {
 public:
  explicit Router(std::vector<Route> routes) : routes_(std::move(routes)) {}
  // Finds the route for method and path; `allowed` lists the other methods when only those match.
  Match Find(const std::string& method, const std::string& path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace huanxin::http
