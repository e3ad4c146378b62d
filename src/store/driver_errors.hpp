// Errors the drivers raise, shared by both (internal to store/).
#pragma once

#include <string>

#include "common/error.hpp"

namespace huanxin::store {

inline Error DuplicateError(const std::string& what) {
  return MakeError(ErrorCode::kConflict, "store.duplicate", huanxin::Text("记录已存在", "record already exists"),
                   huanxin::Text::Same(what));
}
// A foreign key refused the change: rows of another table still refer to the row. store::DeleteRows
// turns this into `<context>.in_use` naming the referring tables; anywhere else it is still a 409.
inline Error InUseError(const std::string& what) {
  return MakeError(ErrorCode::kConflict, "store.in_use", huanxin::Text("记录仍被引用", "the record is still referred to"),
                   huanxin::Text::Same(what));
}
inline Error UnavailableError([[maybe_unused]] const std::string& what) {
  return MakeError(ErrorCode::kUnavailable, "store.unavailable",
                   huanxin::Text("数据库暂时不可用", "database temporarily unavailable"), {},
                   huanxin::Text("请稍后重试", "try again shortly"));
}
// The SQL message goes to the log through the detail; the HTTP layer never shows detail of
// internal errors to clients.
inline Error InternalStoreError(const std::string& what) {
  return MakeError(ErrorCode::kInternal, "store.error", huanxin::Text("数据库错误", "database error"),
                   huanxin::Text::Same(what));
}

}  // namespace huanxin::store
