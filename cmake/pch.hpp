// Precompiled headers (issue #11, CI time): the standard library and Boost.JSON headers nearly every
// translation unit includes, compiled once per target instead of once per file. Only widely used,
// stable third-party headers belong here — never the project's own.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

#include <boost/json.hpp>
