// A generated document (XLSX, PDF, print-ready HTML) as the HTTP layer sends it.
#pragma once

#include <string>

namespace huanxin::service {

inline constexpr const char* kXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
inline constexpr const char* kPdfType = "application/pdf";
inline constexpr const char* kHtmlType = "text/html; charset=utf-8";

struct Document {
  std::string bytes;
  std::string content_type;
  std::string filename;  // suggested download name (UTF-8; the HTTP layer encodes it)
};

}  // namespace huanxin::service
