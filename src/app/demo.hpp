// Demo and synthetic data (issue #2 accounts and a grid; issue #3 a realistic county register).
#pragma once

#include "service/consultation/consultation_service.hpp"

#include <string>

#include "app/synthetic.hpp"
#include "common/clock.hpp"
#include "service/region/region_service.hpp"
#include "service/user/user_service.hpp"
#include "store/database.hpp"

namespace huanxin::app {

struct DemoAccount {
  std::string username, display_name, role, scope_code;
};

// The demo county: 青云谱区, Nanchang, Jiangxi (GB/T 2260 code 360104), with its real streets.
inline constexpr const char* kDemoCounty = "360104";

struct DemoReport {
  std::vector<DemoAccount> accounts;
  std::int64_t estates = 0, dwellings = 0, owners = 0;
  std::int64_t consultations = 0, ballots = 0;
  std::int64_t checkups = 0, observations = 0;
};

// Creates the demo accounts (idempotent) with `password`, a grid, and — unless the county already
// has estates — about 30 estates built 1980–2004 across four streets, deterministic by `seed`.
// Also runs a check-up campaign over 洪都街道 (observations everywhere, half approved) and one consultation in the first estate of 洪都街道 the way a street office does: 11 menu
// items plus a lift for one stairwell, round 1 with some items short of 2/3, a targeted round 2 on
// them (issue #5).
Result<DemoReport> LoadDemo(store::Database& db, const Clock& clock, service::UserService& users,
                            service::RegionService& regions, service::ConsultationService& consult,
                            service::CheckupService& checkups, const std::string& password, std::uint64_t seed);

// Stores one synthetic estate with its buildings, dwellings and owners inside `s` (owners are
// matched by ID number). Returns the number of dwellings written.
Result<std::int64_t> StoreSyntheticEstate(store::Session& s, const SynthEstate& e, const std::string& now);

}  // namespace huanxin::app
