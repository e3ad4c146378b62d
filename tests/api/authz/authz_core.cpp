// The core of the authorization matrix (authz_core.hpp), on SQLite and PostgreSQL: reads every
// context's rows (tests/api/authz/*.csv), checks that the rows and the contexts' factory tables
// each cover exactly the application's routes, one context per route, sets up the callers and the
// two sides (each context its own objects, in dependency order), then calls every route × role ×
// side: 401 without a session, deny = 403, allow = past authorization (neither 401 nor 403, nor a
// server error, nor 404 unless the factory says the object does not exist). Every response is also
// scanned for personal data the caller may not see. It names no context's routes or objects.
#include "api/authz/authz_core.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "http/route_table.hpp"
#include "http/workbench.hpp"

#ifndef HX_AUTHZ_DIR
#error "HX_AUTHZ_DIR must name tests/api/authz"
#endif

namespace huanxin::testing::authz {

// ---- Side, Req, factories ---------------------------------------------------------------------

void Side::Store(const std::string& key, Value v) {
  auto it = values_.find(key);
  if (it != values_.end() && it->second.first != context_ && problems_)
    problems_->push_back("side " + name() + ": '" + key + "' is put by both context " + it->second.first +
                         " and context " + context_ + " (choose another name)");
  values_[key] = {context_, std::move(v)};
}

const Side::Value* Side::Find(const std::string& key, const char* type) const {
  auto it = values_.find(key);
  if (it == values_.end()) {
    if (problems_)
      problems_->push_back(
          "side " + name() + " has no " + type + " named '" + key +
          "': no context's setup put it (a setup that reads it lists the context that puts it in `after`)");
    return nullptr;
  }
  return &it->second.second;
}

std::int64_t Side::Id(const std::string& key) const {
  const Value* v = Find(key, "id");
  if (v && !std::holds_alternative<std::int64_t>(*v) && problems_)
    problems_->push_back("side " + name() + ": '" + key + "' is a text, read as an id");
  return v && std::holds_alternative<std::int64_t>(*v) ? std::get<std::int64_t>(*v) : 0;
}

std::string Side::Text(const std::string& key) const {
  const Value* v = Find(key, "text");
  if (v && !std::holds_alternative<std::string>(*v) && problems_)
    problems_->push_back("side " + name() + ": '" + key + "' is an id, read as a text");
  return v && std::holds_alternative<std::string>(*v) ? std::get<std::string>(*v) : std::string();
}

Req& Req::Path(const std::string& param, const std::string& value) {
  auto at = target.find(param);
  if (at != std::string::npos) target.replace(at, param.size(), value);
  return *this;
}

Req& Req::Query(const std::string& query) {
  target += (target.find('?') == std::string::npos ? "?" : "&") + query;
  return *this;
}

Req& Req::Json(const json::value& value) {
  body = json::serialize(value);
  return *this;
}

Req& Req::Body(const std::string& content_type, std::string b) {
  headers["Content-Type"] = content_type;
  body = std::move(b);
  return *this;
}

Factory Fill(const std::string& param, const std::string& key) {
  return [param, key](Case& c, Req& r) { r.Path(param, c.side.Id(key)); };
}

Factory Plain() {
  return [](Case&, Req&) {};
}

// ---- The registry -------------------------------------------------------------------------------

namespace {

struct Registration {
  Context (*make)();
  std::string file;
};

std::vector<Registration>& Registry() {
  static std::vector<Registration> registry;
  return registry;
}

std::string Basename(const std::string& path) { return std::filesystem::path(path).filename().string(); }

}  // namespace

bool Register(Context (*make)(), const char* file) {
  Registry().push_back({make, Basename(file)});
  return true;
}

namespace {

// The registered contexts, each setup after those it names in `after`, ties by name.
std::vector<Context> Contexts(std::vector<std::string>& problems) {
  std::map<std::string, Context> by_name;
  for (const auto& reg : Registry()) {
    Context c = reg.make();
    c.file = reg.file;
    if (by_name.count(c.name)) {
      problems.push_back("context " + c.name + " is registered twice: in " + by_name[c.name].file + " and in " +
                         c.file);
      continue;
    }
    by_name.emplace(c.name, std::move(c));
  }
  for (const auto& [name, c] : by_name)
    for (const auto& dep : c.after)
      if (!by_name.count(dep))
        problems.push_back("context " + name + " (" + c.file + ") runs after " + dep + ", which is no context");
  std::vector<Context> ordered;
  std::set<std::string> done;
  while (ordered.size() < by_name.size()) {
    bool progressed = false;
    for (auto& [name, c] : by_name) {
      if (done.count(name)) continue;
      bool ready = std::all_of(c.after.begin(), c.after.end(),
                               [&](const std::string& d) { return done.count(d) || !by_name.count(d); });
      if (!ready) continue;
      done.insert(name);
      ordered.push_back(c);
      progressed = true;
      break;  // the smallest ready name first
    }
    if (!progressed) {
      std::string cycle;
      for (const auto& [name, _] : by_name)
        if (!done.count(name)) cycle += " " + name;
      problems.push_back("contexts wait for each other in `after`:" + cycle);
      break;
    }
  }
  return ordered;
}

struct Row {
  std::string method, path, role, in_scope, out_of_scope;
  std::string context, file;  // the context whose CSV holds it, "authz/<context>.csv"
  int line = 0;
  std::string where() const { return file + ":" + std::to_string(line); }
};

void ReadRows(const std::filesystem::path& file, const std::string& context, std::vector<Row>& rows,
              std::vector<std::string>& problems) {
  const std::string shown = "authz/" + file.filename().string();
  std::ifstream in(file);
  if (!in) {
    problems.push_back("cannot open " + file.string());
    return;
  }
  std::string line;
  int n = 0;
  bool header = true;
  while (std::getline(in, line)) {
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    const std::string where = shown + ":" + std::to_string(n);
    if (header) {
      header = false;
      if (line != "method,path,role,in_scope,out_of_scope") problems.push_back(where + ": bad header");
      continue;
    }
    std::vector<std::string> cells;
    std::stringstream ss(line);
    for (std::string c; std::getline(ss, c, ',');) cells.push_back(c);
    if (cells.size() != 5) {
      problems.push_back(where + ": expected 5 cells: " + line);
      continue;
    }
    Row r{cells[0], cells[1], cells[2], cells[3], cells[4], context, shown, n};
    auto ok = [](const std::string& v, bool na) { return v == "allow" || v == "deny" || (na && v == "n/a"); };
    if (!ok(r.in_scope, false) || !ok(r.out_of_scope, true))
      problems.push_back(where + ": values must be allow, deny or n/a: " + line);
    rows.push_back(std::move(r));
  }
}

}  // namespace

// ---- The fixture --------------------------------------------------------------------------------

const std::vector<std::string>& AuthzMatrixTest::Roles() {
  static const std::vector<std::string> roles = {"admin",      "bureau",  "street",   "community", "supervisor",
                                                 "contractor", "utility", "property", "resident"};
  return roles;
}

const std::vector<std::string>& AuthzMatrixTest::AssignedRoles() {
  static const std::vector<std::string> roles = {"supervisor", "contractor", "utility", "property"};
  return roles;
}

std::int64_t AuthzMatrixTest::Post(const std::string& target, const json::value& body) {
  auto r = As(admin, "POST", target, body);
  EXPECT_TRUE(r.status == 200 || r.status == 201) << target << " → " << r.status << " " << r.body;
  return r.status < 300 && r.Json().is_object() && r.Json().as_object().contains("id")
             ? r.Json().as_object()["id"].as_int64()
             : 0;
}

void AuthzMatrixTest::Relogin(const std::string& role) {
  auto& c = callers_[role];
  c.session = Login(c.username, c.password);
  if (role == "admin") admin = c.session;
}

void AuthzMatrixTest::Scan(const std::string& role, const std::string& key, const HttpResponse& r,
                           const std::string& what) {
  for (const Side* s : sides_)
    for (const auto& secret : s->secrets) {
      if (secret.may_see.count(role) || secret.echoed.count(key) || secret.value.empty()) continue;
      if (r.body.find(secret.value) != std::string::npos)
        problems_.push_back("PII LEAK " + key + " as " + role + " " + what + ": " + secret.label + " in clear (" +
                            std::to_string(r.status) + ")");
    }
}

HttpResponse AuthzMatrixTest::Fire(const LoginSession* who, const std::string& method, const Req& c) {
  auto headers = c.headers;
  if (who) headers["Authorization"] = "Bearer " + who->token;
  return ApiTest::Call(method, c.target, c.body, headers);
}

namespace {

TEST_P(AuthzMatrixTest, EveryRouteAndRoleMatchesTheMatrix) {
  if (!app_) return;
  auto& problems = problems_;
  const auto contexts = Contexts(problems);
  std::map<std::string, const Context*> context_by_name;
  std::set<std::string> module_names;
  for (const auto& m : app_->modules()) module_names.insert(std::string(m->name()));
  for (const auto& c : contexts) context_by_name[c.name] = &c;

  // The rows: one CSV per context.
  std::vector<Row> rows;
  std::vector<std::filesystem::path> csvs;
  for (const auto& e : std::filesystem::directory_iterator(HX_AUTHZ_DIR))
    if (e.path().extension() == ".csv") csvs.push_back(e.path());
  std::sort(csvs.begin(), csvs.end());
  std::set<std::string> with_csv;
  for (const auto& file : csvs) {
    const std::string context = file.stem().string();
    with_csv.insert(context);
    if (!context_by_name.count(context))
      problems.push_back("authz/" + file.filename().string() + ": no context named " + context +
                         " is registered (HX_AUTHZ_CONTEXT in authz/" + context + "_authz.cpp)");
    ReadRows(file, context, rows, problems);
  }
  for (const auto& c : contexts)
    if (!with_csv.count(c.name))
      problems.push_back("context " + c.name + " (" + c.file + ") has no rows: authz/" + c.name + ".csv is missing");

  // Where each route belongs: the context named after the module that adds it, or a platform context
  // (one that is no module's) for the routes the platform adds.
  const auto& routes = app_->routes();
  std::map<std::string, const http::Route*> by_key;
  for (const auto& r : routes) by_key[r.method + " " + r.pattern] = &r;
  std::map<std::string, std::string> module_of;
  for (const auto& m : app_->modules()) {
    http::RouteTable table;
    http::Workbench workbench;
    m->AddRoutes(table, workbench);
    for (const auto& r : table.routes()) module_of[r.method + " " + r.pattern] = std::string(m->name());
  }
  auto home = [&](const std::string& key) {
    return module_of.count(key) ? "authz/" + module_of[key] + ".csv (added by module " + module_of[key] + ")"
                                : std::string("authz/platform.csv (a platform route, added by no module)");
  };
  auto misplaced = [&](const std::string& key, const std::string& context) {
    return module_of.count(key) ? module_of[key] != context : module_names.count(context) > 0;
  };

  // The rows cover every route once, in one context, with one row per role (session routes) or one
  // row for role public (public routes).
  std::map<std::string, std::map<std::string, const Row*>> matrix;  // route → role → row
  std::map<std::string, std::string> rows_in;                       // route → context of its rows
  for (const auto& row : rows) {
    const auto key = row.method + " " + row.path;
    if (!by_key.count(key)) {
      problems.push_back(row.where() + ": " + key + " is not a route of the application (Application::routes)");
      continue;
    }
    if (rows_in.count(key) && rows_in[key] != row.context) {
      problems.push_back(row.where() + ": " + key + " already has rows in authz/" + rows_in[key] +
                         ".csv: a route belongs to one context, " + home(key));
      continue;
    }
    if (!rows_in.count(key) && misplaced(key, row.context))
      problems.push_back(row.where() + ": " + key + " belongs in " + home(key) + ", not in " + row.file);
    rows_in[key] = row.context;
    if (matrix[key].count(row.role)) problems.push_back(row.where() + ": duplicate row for " + key + " × " + row.role);
    matrix[key][row.role] = &row;
  }

  // The factory tables cover every route once, in the context that holds its rows.
  std::map<std::string, std::pair<const Context*, const Factory*>> factory_of;  // route → (context, factory)
  for (const auto& c : contexts)
    for (const auto& [key, factory] : c.routes) {
      if (!by_key.count(key)) {
        problems.push_back(c.file + ": the table of context " + c.name + " has a factory for " + key +
                           ", which is not a route of the application (Application::routes)");
        continue;
      }
      if (factory_of.count(key)) {
        problems.push_back(key + " has a request factory in both " + factory_of[key].first->file + " and " + c.file +
                           ": a route belongs to one context, " + home(key));
        continue;
      }
      if (misplaced(key, c.name)) problems.push_back(c.file + ": " + key + " belongs to the context of " + home(key));
      factory_of[key] = {&c, &factory};
    }

  for (const auto& [key, route] : by_key) {
    const bool has_factory = factory_of.count(key) > 0;
    if (!matrix.count(key)) {
      problems.push_back(
          key + " has no rows: add them to " +
          (has_factory && !module_of.count(key) ? "authz/" + factory_of[key].first->name + ".csv" : home(key)));
      continue;
    }
    const std::string& context = rows_in[key];
    if (!has_factory)
      problems.push_back(
          key + " has rows in authz/" + context + ".csv but no request factory: add one to the table in " +
          (context_by_name.count(context) ? context_by_name[context]->file : "authz/" + context + "_authz.cpp"));
    else if (factory_of[key].first->name != context)
      problems.push_back(key + " has rows in authz/" + context + ".csv but its request factory in " +
                         factory_of[key].first->file + ": keep both in one context");
    std::set<std::string> want;
    if (route->access == http::Access::kPublic)
      want = {"public"};
    else
      want.insert(Roles().begin(), Roles().end());
    std::set<std::string> have;
    for (const auto& [role, _] : matrix[key]) have.insert(role);
    if (have != want) {
      std::string list;
      for (const auto& r : want)
        if (!have.count(r)) list += " missing:" + r;
      for (const auto& r : have)
        if (!want.count(r)) list += " unexpected:" + r;
      problems.push_back(key + " has the wrong roles in authz/" + context + ".csv:" + list);
    }
  }

  // The callers: one user per role, in the in-scope side's street and community (bureau: the district,
  // covering both sides).
  admin = Admin();
  callers_["admin"] = {"admin", kAdminPassword, admin.user_id, {}};
  const std::map<std::string, std::string> scopes = {{"bureau", "360104"},           {"street", "360104002"},
                                                     {"community", "360104002001"},  {"supervisor", "360104002001"},
                                                     {"contractor", "360104002001"}, {"utility", "360104002001"},
                                                     {"property", "360104002001"},   {"resident", "360104002001"}};
  for (const auto& [role, scope] : scopes) {
    auto& c = callers_[role];
    c.username = "matrix." + role;
    c.password = kPassword;
    c.id = CreateUser(c.username, role, scope, kPassword);
    ASSERT_NE(c.id, 0) << role;
  }

  // The sides, and each context's objects on them.
  Side in(true, "360104002", "360104002001");
  Side out(false, "360104006", "360104006001");
  sides_ = {&in, &out};
  for (const auto& c : contexts) {
    if (!c.setup) continue;
    for (Side* s : sides_) {
      Enter(*s, c.name);
      c.setup(*this, *s);
    }
  }
  for (const auto& role : Roles()) callers_[role].session = Login(callers_[role].username, callers_[role].password);
  auto report = [&] {  // each problem once, with its count when repeated
    std::map<std::string, int> seen;
    for (const auto& p : problems) ++seen[p];
    std::string text;
    for (const auto& p : problems)
      if (auto it = seen.find(p); it != seen.end()) {
        text += "\n  " + p + (it->second > 1 ? " (" + std::to_string(it->second) + " times)" : "");
        seen.erase(it);
      }
    return text;
  };
  if (HasFailure()) {
    ADD_FAILURE() << "the setup failed; the matrix did not run. " << problems.size() << " problem(s):" << report();
    return;
  }

  auto check = [&](const Row& row, const Req& req, const std::string& expect, int status, const std::string& what,
                   const std::string& body) {
    const std::string where = row.where() + " " + row.method + " " + row.path + " as " + row.role + " " + what +
                              ": expected " + expect + ", got " + std::to_string(status);
    if (expect == "deny") {
      if (status != 403) problems.push_back("LEAK " + where + " " + body.substr(0, 200));
    } else if (status == 401 || status == 403 || status >= 500 || (status == 404 && !req.not_found_is_allowed)) {
      problems.push_back("REFUSED " + where + " " + body.substr(0, 200));
    }
  };

  for (const auto& route : routes) {
    const std::string key = route.method + " " + route.pattern;
    if (!matrix.count(key) || !factory_of.count(key)) continue;
    const auto& [context, factory] = factory_of[key];
    auto build = [&, context = context, factory = factory](Side& side, const std::string& role) {
      Req req;
      req.target = route.pattern;
      Enter(side, context->name);
      Case c{*this, side, key, role, std::to_string(++n_)};
      (*factory)(c, req);
      return req;
    };
    if (route.access == http::Access::kSession) {
      auto r = Fire(nullptr, route.method, build(in, ""));
      ++calls_;
      if (r.status != 401)
        problems.push_back(key + " without a session: expected 401, got " + std::to_string(r.status));
    }
    for (const auto& [role, row] : matrix[key]) {
      for (Side* side : sides_) {
        const std::string& expect = side->in() ? row->in_scope : row->out_of_scope;
        if (expect == "n/a") continue;
        const std::string what = side->name();
        auto req = build(*side, role);
        HttpResponse r;
        if (role == "public") {
          r = Fire(nullptr, route.method, req);
        } else if (req.spare_session) {
          auto spare = Login(callers_[role].username, callers_[role].password);
          r = Fire(&spare, route.method, req);
        } else {
          r = Fire(&callers_[role].session, route.method, req);
        }
        if (req.after) req.after(r);
        ++calls_;
        check(*row, req, expect, r.status, what, r.body);
        if (role != "public") Scan(role, key, r, what);
      }
    }
  }

  // Each context's design checks beyond the matrix.
  for (const auto& c : contexts)
    if (c.checks) {
      for (Side* s : sides_) Enter(*s, c.name);
      c.checks(*this, in, out);
    }

  EXPECT_TRUE(problems.empty()) << problems.size() << " problem(s) in " << rows.size() << " rows, " << calls_
                                << " calls:" << report();
  std::cout << "[ authz    ] " << rows.size() << " rows, " << matrix.size() << " routes, " << contexts.size()
            << " contexts, " << calls_ << " calls\n";
}

INSTANTIATE_TEST_SUITE_P(Sqlite, AuthzMatrixTest, ::testing::Values("sqlite"));
INSTANTIATE_TEST_SUITE_P(Postgres, AuthzMatrixTest, ::testing::Values("postgres"));

}  // namespace
}  // namespace huanxin::testing::authz
