// Progress of a long task (an import, a report batch), readable from another thread.
#pragma once

#include <atomic>
#include <cstdint>

namespace huanxin {

struct Progress {
  std::atomic<std::int64_t> done{0};
  std::atomic<std::int64_t> total{0};
  std::atomic<int> phase{0};  // task-defined: for imports 0 reading, 1 validating, 2 writing
};

}  // namespace huanxin
