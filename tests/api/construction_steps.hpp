// A small step list the construction API tests share (construction_refusal_test.cpp, the
// authorization matrix's construction_authz.cpp): roofing (2 crews) on a building, the facade a day
// after it outside the frost window, and a water main in a trench of the estate's road (its opening,
// backfill and resurfacing are generated), with the crews it needs.
#pragma once

#include <boost/json.hpp>
#include <cstdint>

namespace huanxin::testing::construction {

inline boost::json::array Steps(std::int64_t estate, std::int64_t building) {
  namespace json = boost::json;
  return json::array{
      json::object{{"code", "R1"},
                   {"name", "屋面防水"},
                   {"itemCode", "B12"},
                   {"estateId", estate},
                   {"durationDays", 5},
                   {"crew", json::object{{"type", "roofing"}, {"count", 2}}},
                   {"disruption", json::object{{"kind", "noise"}, {"buildingIds", json::array{building}}}}},
      json::object{{"code", "F1"},
                   {"name", "外墙涂装"},
                   {"estateId", estate},
                   {"durationDays", 4},
                   {"crew", json::object{{"type", "facade"}}},
                   {"window", "outside_frost"},
                   {"predecessors", json::array{json::object{{"code", "R1"}, {"type", "FS"}, {"lagDays", 1}}}}},
      json::object{{"code", "W1"},
                   {"name", "供水主管更换"},
                   {"estateId", estate},
                   {"durationDays", 3},
                   {"crew", json::object{{"type", "pipe"}}},
                   {"trench", json::object{{"segment", "主路"}, {"utility", "water"}}},
                   {"disruption", json::object{{"kind", "water"}, {"buildingIds", json::array{building}}}}},
  };
}

inline boost::json::object Crews() {
  return boost::json::object{{"roofing", 2}, {"facade", 1}, {"pipe", 1}, {"earthwork", 1}, {"paving", 1}};
}

// A run from `start` that the engine may search for 50 ms.
inline boost::json::object Run(const char* start = "2026-03-02") {
  return boost::json::object{{"startOn", start}, {"crews", Crews()}, {"timeLimitMs", 50}};
}

}  // namespace huanxin::testing::construction
