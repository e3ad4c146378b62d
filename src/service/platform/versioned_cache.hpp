// A value built from the database and cached for as long as a version row says it is current: the
// renovation catalogue and the working-day calendar keep theirs this way. The caller reads the
// version in its transaction on every call (one small query), so a change made on another server
// sharing the database is seen at the next call.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>

#include "common/result.hpp"

namespace huanxin::service {

// Thread safety: Get may be called from any thread; `build` runs outside the lock (two threads may
// both build after a change; the newer version is kept).
template <typename T>
class VersionedCache {
 public:
  using Value = std::shared_ptr<const T>;

  // The cached value when it was built for `version`, else `build()` (a Result<Value>), which is
  // then cached unless a newer version already is.
  template <typename Build>
  Result<Value> Get(std::int64_t version, Build&& build) {
    {
      std::lock_guard lock(mu_);
      if (value_ && version_ == version) return value_;
    }
    Result<Value> fresh = build();
    if (!fresh) return std::move(fresh).error();
    std::lock_guard lock(mu_);
    if (version >= version_) {
      value_ = *fresh;
      version_ = version;
    }
    return fresh;
  }

 private:
  std::mutex mu_;
  Value value_;
  std::int64_t version_ = -1;
};

}  // namespace huanxin::service
