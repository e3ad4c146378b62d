// The authorization matrix (issue #6), one table per context (issue #11). Every route of the
// application (Application::routes) is called by every role against the objects of two sides — one
// inside the callers' scope, one outside — and the status is checked against the context's rows in
// tests/api/authz/<context>.csv. Each context brings, in tests/api/authz/<context>_authz.cpp, its
// rows, a table mapping each of its routes to a request factory, and the setup of its objects on
// each side; it registers itself with HX_AUTHZ_CONTEXT. The core (authz_core.cpp) names no
// context's routes or objects. How to add a context: README.md beside this file.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "api/api_fixture.hpp"

namespace huanxin::testing::authz {

namespace json = boost::json;

// The first password of every user the matrix creates.
inline constexpr const char* kPassword = "Street#2026x";

// Personal data of a side's that must not come back in clear to a caller who may not see it. Every
// response is scanned for every side's secrets.
struct Secret {
  std::string label;              // in messages, e.g. "owner phone 13900002001"
  std::string value;              // looked for in response bodies
  std::set<std::string> may_see;  // roles that may see it
  std::set<std::string> echoed;   // routes ("METHOD /pattern") whose request carries it: not scanned
};

// One side of the matrix: a street and a community (the core's), and the objects the contexts made
// there, each under a name (e.g. "estate", "ballot_code") put by the context that made it. Names
// are shared: a context reads what the contexts it runs after put, and a factory reads anything.
class Side {
 public:
  Side(bool in, std::string street, std::string community)
      : in_(in), street_(std::move(street)), community_(std::move(community)) {}

  bool in() const { return in_; }
  const std::string& street() const { return street_; }
  const std::string& community() const { return community_; }
  // "in scope" or "out of scope", for messages.
  std::string name() const { return in_ ? "in scope" : "out of scope"; }

  void Put(const std::string& key, std::int64_t id) { Store(key, id); }
  void Put(const std::string& key, std::string text) { Store(key, std::move(text)); }
  // What a context put under `key`; a missing (or wrongly typed) name is a problem of the matrix,
  // and gives 0 or "".
  std::int64_t Id(const std::string& key) const;
  std::string Text(const std::string& key) const;

  std::vector<Secret> secrets;

 private:
  friend class AuthzMatrixTest;
  using Value = std::variant<std::int64_t, std::string>;
  void Store(const std::string& key, Value v);
  const Value* Find(const std::string& key, const char* type) const;

  bool in_;
  std::string street_, community_;
  std::map<std::string, std::pair<std::string, Value>> values_;  // name → (context that put it, value)
  std::string context_;                                          // the context whose setup runs
  std::vector<std::string>* problems_ = nullptr;
};

// The request of one case, as a factory leaves it. The core starts it with target = the route's
// pattern; the factory fills the path parameters, adds a query, headers and a body.
struct Req {
  std::string target, body;
  std::map<std::string, std::string> headers;
  // Sent with a fresh login of the caller's instead of its shared session (a call that ends or
  // changes the session: logout, password change).
  bool spare_session = false;
  // 404 counts as past authorization (a lookup of an object that does not exist, e.g. a job).
  bool not_found_is_allowed = false;
  // Run after the call with its response (e.g. to record a changed password).
  std::function<void(const HttpResponse&)> after;

  // Replaces the path parameter `param` ("{id}") with `value`.
  Req& Path(const std::string& param, std::int64_t value) { return Path(param, std::to_string(value)); }
  Req& Path(const std::string& param, const std::string& value);
  // Appends "?query" (or "&query").
  Req& Query(const std::string& query);
  Req& Json(const json::value& value);
  Req& Body(const std::string& content_type, std::string body);
};

class AuthzMatrixTest;

// One case of the matrix: a route called by a role on a side.
struct Case {
  AuthzMatrixTest& t;
  Side& side;
  const std::string& key;   // "METHOD /pattern"
  const std::string& role;  // the caller's role; "public" for a public route; "" for the no-session probe
  const std::string n;      // a fresh number, for unique names
};

// Builds the request of one case (a harmless, valid call on the side's objects).
using Factory = std::function<void(Case&, Req&)>;

// A factory that fills the path parameter `param` with the side's `key` and does nothing else.
Factory Fill(const std::string& param, const std::string& key);
// A factory that sends the route as it is.
Factory Plain();

struct Context {
  // The context's rows are in tests/api/authz/<name>.csv. The context of a module's routes bears the
  // module's name (Module::name); platform routes belong to contexts that are no module's.
  std::string name;
  // Contexts whose setup must run before this one's (the core runs setups in this order, ties by name).
  std::vector<std::string> after;
  // Makes the context's objects on one side (called for the in-scope side, then the out-of-scope side).
  std::function<void(AuthzMatrixTest&, Side&)> setup;
  // Every route of the context ("METHOD /pattern") → its request factory.
  std::map<std::string, Factory> routes;
  // Design checks beyond the matrix, run after it (optional).
  std::function<void(AuthzMatrixTest&, Side& in, Side& out)> checks;
  std::string file;  // the source that registered it (set by HX_AUTHZ_CONTEXT)
};

// Registers a context (HX_AUTHZ_CONTEXT); `make` is called when the test starts.
bool Register(Context (*make)(), const char* file);

#define HX_AUTHZ_CONTEXT(make)                                                                                   \
  namespace {                                                                                                    \
  [[maybe_unused]] const bool hx_authz_context_registered = ::huanxin::testing::authz::Register(make, __FILE__); \
  }

// A user who calls routes in the matrix: one per role.
struct Caller {
  std::string username, password;
  std::int64_t id = 0;
  LoginSession session;
};

class AuthzMatrixTest : public ApiTest {
 public:
  // Every role of the matrix (the rows of a session route), and the roles a setup may assign to the
  // in-scope side's objects (they cover no region of their own).
  static const std::vector<std::string>& Roles();
  static const std::vector<std::string>& AssignedRoles();

  using ApiTest::As;
  using ApiTest::Call;
  using ApiTest::CreateUser;
  using ApiTest::Login;
  // As admin: a POST expected to answer 200 or 201; the new object's id (0 when it did not).
  std::int64_t Post(const std::string& target, const json::value& body);
  HttpResponse AsAdmin(const std::string& method, const std::string& target, const json::value& body = nullptr) {
    return As(admin, method, target, body);
  }
  // A fresh number for unique names.
  int Next() { return ++n_; }
  Caller& caller(const std::string& role) { return callers_[role]; }
  // Logs the caller in again (its session was ended); admin's also becomes the fixture's `admin`.
  void Relogin(const std::string& role);
  // Records a problem of the matrix (reported at the end, the test fails).
  void Problem(std::string p) { problems_.push_back(std::move(p)); }
  // Counts a call made by a context's checks.
  void Counted() { ++calls_; }
  // Scans a response to `role` for every side's secrets the role may not see.
  void Scan(const std::string& role, const std::string& key, const HttpResponse& r, const std::string& what);

  // The fixture's admin session, for making objects.
  LoginSession admin;

 protected:
  HttpResponse Fire(const LoginSession* who, const std::string& method, const Req& c);
  // What `context` puts on the side from now on is the context's.
  void Enter(Side& side, const std::string& context) {
    side.context_ = context;
    side.problems_ = &problems_;
  }

  std::map<std::string, Caller> callers_;
  std::vector<Side*> sides_;
  std::vector<std::string> problems_;
  int n_ = 0, calls_ = 0;
};

}  // namespace huanxin::testing::authz
