// The printable publicity notice (公示): one self-contained A4 HTML page to print and post on the
// estate's board, with the window, the project, how to object, and a QR code that opens the
// notice's public page (docs/publicity.md). Pure: data in, text out; thread safe.
#pragma once

#include <string>

#include "common/result.hpp"

namespace huanxin::report {

struct PublicityNoticePage {
  std::string kind_name;     // 改造方案公示 …
  std::string title, body;   // the current version's; the body keeps its line breaks
  std::string project_name;  // the project the notice belongs to
  std::string publisher;     // who posts it: the region's name (a street office), "" when unknown
  std::string starts_on, ends_on;  // 'YYYY-MM-DD' (Beijing), the window
  int working_days = 0;
  int version = 1;           // > 1: the notice says it replaces the earlier version
  std::string public_url;    // the public page; encoded in the QR code and printed under it
  std::string printed_on;    // 'YYYY-MM-DD' (Beijing)
};

// The page: `@page { size: A4 }`, the kind and title, the body (one paragraph per line), the
// project and the window ("公示期：… 至 …（共 n 个工作日）"), the objection channel (scan the code
// or open the address; or contact the publisher) and an inline SVG QR code of `public_url`.
// Every text is HTML-escaped. 422 report.qr_empty / report.qr_too_long when the URL cannot be
// encoded (never for the short URLs the service builds).
Result<std::string> RenderPublicityNoticeHtml(const PublicityNoticePage& page);

}  // namespace huanxin::report
