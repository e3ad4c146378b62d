// Handlers of the platform contexts. Each adapts HTTP to one service call and back: parse,
// call, encode. No SQL, no rules.
#pragma once

#include "http/message.hpp"
#include "http/services.hpp"

namespace huanxin::http::handlers {

Response Health(Services& s, Request& req);
Response OpenApi(Services& s, Request& req);

Response Login(Services& s, Request& req);
Response Logout(Services& s, Request& req);
Response Me(Services& s, Request& req);
Response ChangePassword(Services& s, Request& req);
Response ListRoles(Services& s, Request& req);

Response ListUsers(Services& s, Request& req);
Response CreateUser(Services& s, Request& req);
Response GetUser(Services& s, Request& req);
Response UpdateUser(Services& s, Request& req);
Response ResetPassword(Services& s, Request& req);

Response ListAudit(Services& s, Request& req);

Response ListRegions(Services& s, Request& req);
Response GetRegion(Services& s, Request& req);
Response CreateGrid(Services& s, Request& req);

}  // namespace huanxin::http::handlers
