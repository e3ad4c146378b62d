// The register's objects for the authorization matrix (register_authz.cpp), for the contexts that
// need more of them in their setup. All made as admin through the API.
#pragma once

#include <cstdint>
#include <string>

#include "api/authz/authz_core.hpp"

namespace huanxin::testing::authz::reg {

std::int64_t NewEstate(AuthzMatrixTest& t, const std::string& community);
std::int64_t NewBuilding(AuthzMatrixTest& t, std::int64_t estate);
std::int64_t NewDwelling(AuthzMatrixTest& t, std::int64_t building);
// An owner with a fresh valid ID number (returned in `id_number`) and, when given, a phone.
std::int64_t NewOwner(AuthzMatrixTest& t, std::string* id_number = nullptr, const std::string& phone = "");
void Link(AuthzMatrixTest& t, std::int64_t dwelling, std::int64_t owner);

}  // namespace huanxin::testing::authz::reg
