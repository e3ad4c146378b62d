// Fuzzes a roster upload as the CSV import sees it: encoding detection, conversion to UTF-8, then
// RFC 4180 parsing. Beyond the sanitizers it checks the readers' stated contracts: ToUtf8 output is
// valid UTF-8, and no row handed to the sink is all empty. (ToUtf8 strips one BOM; a second one is
// text, so the output may still start with U+FEFF.)
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "common/tabular/csv_reader.hpp"
#include "common/tabular/encoding.hpp"
#include "common/text.hpp"

using namespace huanxin;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto sink = [](std::size_t row, std::vector<std::string>& cells) {
    if (row == 0) std::abort();
    bool any = false;
    for (const auto& c : cells) any = any || !c.empty();
    if (!any) std::abort();  // row_sink.hpp: rows whose cells are all empty are never passed
    return true;
  };
  // The reader alone, on raw bytes (it is documented for UTF-8 but must not misbehave on others).
  (void)tabular::ReadCsv(bytes, sink);

  auto enc = tabular::DetectEncoding(bytes);
  if (!enc) return 0;
  auto text = tabular::ToUtf8(bytes, *enc);
  if (!text) return 0;
  if (!Utf8Length(*text)) std::abort();
  (void)tabular::ReadCsv(*text, sink);
  return 0;
}
